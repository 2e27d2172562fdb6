"""Split a paragraph's tokens into sentences, in English, Russian, Korean and Chinese.

A Latin-script stop (``.``, ``!``, ``?``, ``…``) ends a sentence when whitespace follows it and the
next word starts with a capital, a digit, an opening quote or bracket, or a letter of a caseless
script (Hangul, Han); not after an abbreviation (``Mr.``, ``т.е.``), an initial (``J. Smith``) or a
list number (``1.``). A full-width stop (``。！？``) always ends a sentence. Closing quotes and
brackets after a stop stay with the sentence they close. The rules are data in ``data/history.yaml``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from dipdiff.model import Token
from dipdiff.resources import packaged_yaml

_CLOSERS = frozenset("\"')]}»”’›」』）】")
_OPENERS = frozenset("\"'([{«“‘‹「『（【")


@dataclass(frozen=True, slots=True)
class SentenceRules:
    """What ends a sentence and what does not."""

    abbreviations: frozenset[str]
    terminals: frozenset[str]
    full_width: frozenset[str]


@functools.cache
def default_rules() -> SentenceRules:
    """Return the packaged sentence rules (read once)."""
    data = packaged_yaml("history.yaml")
    return SentenceRules(
        abbreviations=frozenset(str(a).casefold() for a in data["abbreviations"]),
        terminals=frozenset(data["terminals"]),
        full_width=frozenset(data["full_width_terminals"]),
    )


def split_sentences(tokens: Sequence[Token], rules: SentenceRules | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` token ranges, one per sentence, covering every token in order."""
    return split_words([t.text for t in tokens], [bool(t.trail) for t in tokens], rules)


def split_words(
    texts: Sequence[str], spaced: Sequence[bool] | Sequence[str], rules: SentenceRules | None = None
) -> list[tuple[int, int]]:
    """``split_sentences`` on bare token texts and whether space follows each (the fast path):
    ``spaced`` holds a truth value per token, or the token's trail itself (empty when none)."""
    rules = rules or default_rules()
    stops = rules.terminals | rules.full_width
    spans: list[tuple[int, int]] = []
    start = 0
    after = 0  # the first token past the last run of stops read
    count = len(texts)
    # the stops are picked out in C: most tokens are none
    for i in itertools.compress(range(count), map(stops.__contains__, texts)):
        if i < after:
            continue
        end = i + 1
        # a run of stops and closing marks ("?!", ".)", '."') belongs to the sentence it ends
        while end < count and not spaced[end - 1] and (texts[end] in stops or texts[end] in _CLOSERS):
            end += 1
        if end < count and _ends_here(texts, spaced, start, i, end, rules):
            spans.append((start, end))
            start = end
        after = end
    if start < count:
        spans.append((start, count))
    return spans


def _ends_here(
    texts: Sequence[str],
    spaced: Sequence[bool] | Sequence[str],
    start: int,
    stop: int,
    end: int,
    rules: SentenceRules,
) -> bool:
    """Whether the stop at ``stop`` (its run ending before ``end``) closes the sentence."""
    if texts[stop] in rules.full_width:
        return True
    if not spaced[end - 1]:
        return False
    first = texts[end][0]
    if not (first.isupper() or first.isdigit() or first in _OPENERS or _caseless(first)):
        return False
    if texts[stop] != ".":
        return True
    if stop == start:
        return False
    before = texts[stop - 1]
    if stop - 1 == start and before.isdigit():
        return False  # "1. The Council ..." numbers a paragraph
    if len(before) == 1 and before.isupper():
        return False  # an initial: "J. Smith", "U.S. policy"
    # "e.g." and "т.е." arrive as e . g . — look back over the dotted run, as far as the longest
    # dotted abbreviation reaches: a run of thousands of "a." would otherwise be rebuilt as one word
    # (quadratic), and no abbreviation is that long anyway.
    word = before
    j = stop - 2
    parts, most = 1, _dotted_parts(rules.abbreviations)
    while j - 1 >= start and texts[j] == "." and not spaced[j] and parts <= most:
        word = texts[j - 1] + "." + word
        j -= 2
        parts += 1
    return word.casefold() not in rules.abbreviations and before.casefold() not in rules.abbreviations


@functools.cache
def _dotted_parts(abbreviations: frozenset[str]) -> int:
    """The most dot-separated parts any abbreviation has (``u.s.s.r``: 4)."""
    return max((len(a.split(".")) for a in abbreviations), default=1)


def _caseless(char: str) -> bool:
    """Whether a letter belongs to a script without capitals (Hangul, Han, kana...)."""
    return char.isalpha() and not char.isupper() and not char.islower()
