"""Markdown: the words of each block, without markup (link targets, emphasis, escapes, images).

Parsed with markdown-it-py (CommonMark plus tables), so links that span lines and backslash escapes
are read as a Markdown renderer reads them. Raw HTML and images are not statement text and are
dropped. Each paragraph, heading, list-item paragraph and table row is one paragraph, and a hard
line break (two trailing spaces or a backslash) ends a paragraph too: documents converted from HTML
(the White House briefings, by pandoc) separate their paragraphs with ``<br>`` as often as with
blank lines, and a reader sees separate paragraphs either way.

Inline markup is parsed block by block, within a budget: markdown-it-py is pure Python and needs
seconds for a few hundred kilobytes of pathological brackets or emphasis marks, so a block longer than
``MAX_INLINE_CHARS``, and every block once ``INLINE_BUDGET`` seconds are spent, keeps its markup
characters as text instead of hanging.
"""

from __future__ import annotations

import functools
import time
from typing import Any

_MAX_NESTING = 50
"""Deeper nesting (quotes in lists in quotes ...) is rendered flat; it bounds the parser's work."""
MAX_INLINE_CHARS = 100_000
"""Longest block whose inline markup is parsed. Real blocks reach 23,316 characters (seven White House
statements whose paragraphs are joined by ``<br>`` exceed 20,000); 100,000 pathological ``[`` take
about 2 s of CPU to parse on the reference machine, so one block stays bounded."""
INLINE_BUDGET = 20.0
"""Seconds spent parsing inline markup in one statement before the rest is taken as it stands."""
_UNTIMED_CHARS = 1_000_000
"""The first million characters of inline markup are always parsed, so that an ordinary statement
reads the same however busy the machine is; the time budget applies after them."""


def paragraphs(body: str, first_line: int = 1) -> tuple[list[str], list[int]]:
    """Return the text of each block and its 1-based start line."""
    md = _parser()
    budget = _Budget(time.monotonic() + INLINE_BUDGET)
    texts: list[str] = []
    starts: list[int] = []
    row: list[str] | None = None
    row_line = 0
    previous = ""
    for token in md.parse(body):
        if token.type == "inline":
            token.children = _inline(md, token.content, budget)
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "tr_open":
            row, row_line = [], line
        elif token.type == "tr_close" and row is not None:
            _emit(" | ".join(cell for cell in row if cell), row_line, texts, starts)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(_inline_text(token.children or []))
        elif token.type == "inline" and previous in ("paragraph_open", "heading_open"):
            for offset, text in _hard_broken(token.children or []):
                _emit(text, line + offset, texts, starts)
        elif token.type in ("fence", "code_block"):
            _emit(" ".join(token.content.split()), line, texts, starts)
        previous = token.type
    return texts, starts


@functools.cache
def _parser() -> Any:
    """Build the parser once per process: CommonMark plus tables, inline markup left to ``_inline``."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable("table").disable("inline")


class _Budget:
    """How much inline markup one statement has parsed, and until when it may go on."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.parsed = 0

    def allows(self, content: str) -> bool:
        """Whether this block's inline markup may be parsed; counts it if so."""
        if len(content) > MAX_INLINE_CHARS:
            return False
        if self.parsed > _UNTIMED_CHARS and time.monotonic() > self.deadline:
            return False
        self.parsed += len(content)
        return True


def _inline(md: Any, content: str, budget: _Budget) -> list[Any]:
    """Parse one block's inline markup, or keep it as plain text when too long or out of time."""
    if budget.allows(content):
        children: list[Any] = []
        md.inline.parse(content, md, {}, children)
        return children
    from markdown_it.token import Token

    return [Token("text", "", 0, content=content)]


def _emit(text: str, line: int, texts: list[str], starts: list[int]) -> None:
    """Append a non-empty paragraph."""
    if text:
        texts.append(text)
        starts.append(line)


def _hard_broken(children: list[Any]) -> list[tuple[int, str]]:
    """Split inline children at hard line breaks; give each part's line offset and words."""
    parts: list[tuple[int, str]] = []
    start = breaks = 0
    current: list[Any] = []
    for child in children:
        if child.type == "hardbreak":
            parts.append((start, _inline_text(current)))
            current, start = [], breaks + 1
        else:
            current.append(child)
        if child.type in ("softbreak", "hardbreak"):
            breaks += 1
    parts.append((start, _inline_text(current)))
    return parts


def _inline_text(children: list[Any]) -> str:
    """Join the words of an inline token's children; markup contributes no characters."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())
