"""Paragraphs cut in the middle of a sentence, joined back.

A blank line, or a line break in a file written a paragraph a line, sometimes falls inside a sentence:
a UN speech reads "... or more. A" and, after a blank line, "people-centred philosophy has gained wide
acceptance"; another ends a line on "that the" and goes on with "West persistently introduces ...".
Two paragraphs are one when the first clearly does not end a sentence and the second clearly goes on
with it:

- the first ends neither a sentence nor a clause (no ``.``, ``!``, ``?``, ``…``, ``:`` or ``;``, no
  closing quote or bracket: ``sentences.ends_sentence``), nor a word broken at a hyphen (that is for
  ``brokenwords``); and
- the second opens with a small letter (not a list mark such as ``a)`` or ``iv.``), or the first ends
  on a word that never ends a sentence (an article, a preposition, a conjunction: ``sentences.dangling``
  in ``data/reflow.yaml``), or the first ends inside a bracket or a quotation that the second closes.

An item of a list that ends in ``; and`` or ``, or`` ends there, whatever follows (Security Council
resolutions and fact sheets list so).

A paragraph that ends with a comma before one that opens with a capital ("Mr. President," and
"Excellencies,") stays apart, as do headings and signatures: nothing there is clearly cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from dipdiff.lazypattern import LazyPattern
from dipdiff.readers.reflowsettings import settings
from dipdiff.readers.sentences import LIST_MARK, ends_sentence

_LAST_WORD = LazyPattern(r"(?<![^\W_])([^\W\d_]+)$")
_OPENS = LazyPattern(r"[^\W_]|[“\"‘«(\[《「『$€£¥₩₽]")
"""What a paragraph that goes on with a cut sentence opens with: a letter or digit, a quote or bracket,
a currency sign ("tariffs on another" / "$200 billion")."""
_PAGE_FOOTER = LazyPattern(r"(?:\d{2}-\d{5} \d{1,3}/\d{1,3}|\d{1,3}/\d{1,3} \d{2}-\d{5})\s+")
"""A UN document's page footer (page/pages and job number, ``26/33 17-29585``) that an extraction
left at the start of a paragraph, before the words that go on with the sentence cut by the page."""
_LIST_ITEM_END = LazyPattern(r"[,;:]\s*(?:and|or|and/or)$")
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"), ("«", "»"), ("《", "》"), ("「", "」"), ("『", "』"))
_BULLETS = frozenset("-–—•*·")
_LOOK = 2_000
"""Characters of the paragraph before that are looked at: its end, where a cut shows."""
_HYPHENS = frozenset("-\u2010\u00ad")


def join_continued(texts: Sequence[str], starts: Sequence[int]) -> tuple[list[str], list[int], int]:
    """Join each paragraph to the one before when that one was cut mid-sentence (module docstring);
    return the paragraphs, the line each starts on, and how many joins were made. Each paragraph is
    weighed against the one before as it was read, so a long run of joins costs no more than its
    text."""
    runs: list[list[str]] = []
    lines: list[int] = []
    for text, start in zip(texts, starts, strict=True):
        if runs and continues(runs[-1][-1], text):
            runs[-1].append(text)
            continue
        runs.append([text])
        lines.append(start)
    return [" ".join(run) for run in runs], lines, len(texts) - len(runs)


def continues(before: str, after: str) -> bool:
    """Whether ``after`` goes on with a sentence that ``before`` leaves cut."""
    before, after = before[-_LOOK:].rstrip(), after.lstrip()
    footer = _PAGE_FOOTER().match(after)
    if footer:  # a UN page footer left at the start says nothing: what follows it goes on or not
        after = after[footer.end() :]
    if not before or not after or _ends(before) or after[0] in _BULLETS or LIST_MARK().match(after):
        return False
    if before.endswith(("and", "or")) and _LIST_ITEM_END().search(before):  # the pattern ends so
        return False  # "...; and" before the next item of a list: an item ends there
    if after[0].islower():
        return True
    if _OPENS().match(after) is None:
        return False
    last = _LAST_WORD().search(before)
    return (last is not None and last.group(1) in settings().dangling) or _left_open(before, after)


def _ends(text: str) -> bool:
    """Whether ``text`` ends a sentence or a clause, or a word broken at a hyphen: nothing to join."""
    return ends_sentence(text) or text[-1] in _HYPHENS


def _left_open(before: str, after: str) -> bool:
    """Whether ``before`` ends inside a bracket or a quotation that ``after`` closes: the last mark of
    the pair in ``before`` opens it, the first in ``after`` closes it."""
    for opening, closing in _PAIRS:
        closes = after.find(closing)
        opens = after.find(opening)
        if before.rfind(opening) > before.rfind(closing) and closes >= 0 and not 0 <= opens < closes:
            return True
    return False
