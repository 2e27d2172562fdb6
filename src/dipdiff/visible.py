"""Show control characters in text output as visible escapes, the way JSON writes them.

A statement's words and its front-matter title come from files anyone can write. Printed raw, an escape
sequence among them would act on the reader's terminal: change the window title, clear the screen,
write to the clipboard, draw a link that points elsewhere, hide or recolour text. So every text output
(terminal views, tables, Markdown, the HTML report, error lines) shows each C0 and C1 control character
and DEL as JSON escapes it (``\\u001b``, ``\\r``...), keeping only the line feed and the tab, which lay
text out and control nothing. A lone surrogate (a file name that is not UTF-8) is escaped the same way,
since no output can encode it. JSON output is unchanged in meaning: an escape inside a JSON string
stands for the same character.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_OR_STYLE = re.compile(r"(\x1b\[[0-9;]*m)|[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""A control character, or a whole colour code (SGR): the only sequence dipdiff itself writes."""
_SHORT = {"\b": "\\b", "\f": "\\f", "\r": "\\r"}


def visible(text: str) -> str:
    """``text`` with each control character but line feed and tab written as its JSON escape."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_escape, text)


def visible_output(text: str, *, styled: bool = False) -> str:
    """A whole output made safe for a terminal; ``styled`` keeps colour codes, which the renderer
    wrote itself after making the words it coloured visible."""
    if not styled:
        return visible(text)
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL_OR_STYLE.sub(lambda m: m.group(1) or _escape(m), text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT.get(char) or f"\\u{ord(char):04x}"
