"""Where sentences end in a statement's text, for re-flow (``reflow``) and its paragraph-end odds.

A line, or a word, ends a sentence at ``.``, ``!`` or ``?`` (closing quotes and brackets kept after
it), except after a title or another abbreviation that never ends one (``Mr.``, ``data/reflow.yaml``)
or a single capital (an initial). A line may also end a clause, at a colon or a semicolon, which
re-flow reads as the end of a line that may close a paragraph (``ends_sentence``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from dipdiff.lazypattern import LazyPattern
from dipdiff.readers.reflowsettings import settings

SENTENCE_END = LazyPattern(r"[.!?:;…»”\"')\]]$")
"""A line ending a sentence or a clause (title or not)."""
_SENTENCE_END_CHARS = frozenset(".!?:;…»”\"')]\n")
"""The last character of any line ``SENTENCE_END`` matches (a quick test before the pattern, which
looks at every character of the line)."""
LIST_MARK = LazyPattern(r"\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s")
"""A numbered paragraph or list item's mark at the start of a line: ``12.``, ``(b)``, ``iv)``."""
_FULL_STOP_END = LazyPattern(r"[.!?…][”\"’')\]]{0,3}$")
"""A line ending a sentence as a paragraph ends (a colon or semicolon almost never ends one)."""
_STOP_OR_CLOSE = frozenset(".!?…”\"’')]")
"""The last character of any word ``_FULL_STOP_END`` matches (a quick test before the pattern)."""
_INITIAL = LazyPattern(r"[“\"‘'(]?[A-Z]\.")


@functools.cache
def _title() -> tuple[re.Pattern[str], int]:
    """A line ending in a title or another abbreviation that never ends a sentence (``Mr.``), and
    how many characters from the end a match may start (the longest title and a final line end)."""
    titles = settings().titles
    pattern = "|".join(re.escape(title) for title in titles)
    return re.compile(rf"(?<![^\W\d_])(?:{pattern})$"), max(map(len, titles), default=0) + 1


def _ends_in_title(text: str) -> bool:
    """Whether ``text`` ends in a title (``_title``). The search starts where a match may start: from
    the start of the text it would try every character of a long paragraph (the look-behind still sees
    the character before)."""
    pattern, reach = _title()
    return pattern.search(text, max(0, len(text) - reach)) is not None


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (or a clause, with a colon or semicolon), not a title (``Mr.``)."""
    if text[-1:] not in _SENTENCE_END_CHARS:
        return False
    # The pattern's one character and a final line end: searched from there, not along the line.
    return SENTENCE_END().search(text, max(0, len(text) - 2)) is not None and not _ends_in_title(text)


def sentences(text: str) -> list[str]:
    """``text`` cut after each word that ends a sentence (``_ends_a_sentence``)."""
    return sentences_of([text])[0]


def sentences_of(lines: Sequence[str]) -> tuple[list[str], list[int]]:
    """The sentences of ``lines`` read as one text, and for each line the number of the sentence it
    opens (-1 when it opens none)."""
    found: list[str] = []
    opening: list[int] = []
    words: list[str] = []
    for line in lines:
        opening.append(-1 if words else len(found))
        for word in line.split():
            words.append(word)
            if _ends_a_sentence(word, len(words) == 1):
                found.append(" ".join(words))
                words = []
    if words:
        found.append(" ".join(words))
    return found, opening


def _ends_a_sentence(word: str, first: bool) -> bool:
    """Whether ``word`` ends a sentence (``.``, ``!``, ``?``, closing marks kept): not a title or
    another abbreviation that never ends one (``Mr.``), a single capital (an initial), or, as a
    sentence's ``first`` word, a paragraph number or list mark (``12.``)."""
    return (
        word[-1] in _STOP_OR_CLOSE
        and _FULL_STOP_END().search(word) is not None
        and not _ends_in_title(word)
        and _INITIAL().fullmatch(word) is None
        and not (first and LIST_MARK().match(f"{word} "))
    )


def may_end_paragraph(before: str, after: str) -> bool:
    """Whether re-flow weighs a paragraph end between ``before`` and ``after`` when a full line
    separates them: ``before`` ends a sentence (not in a title, ``Mr.``), ``after`` opens with
    neither a small letter nor a list mark (after which a paragraph always begins)."""
    return (
        _FULL_STOP_END().search(before) is not None
        and not _ends_in_title(before)
        and not after[:1].islower()
        and LIST_MARK().match(after) is None
    )
