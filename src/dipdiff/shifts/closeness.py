"""How close the two sentences are that a shift ties together.

A shift that reads an old word against a new one ("must -> should", "oppose -> support", "75th ->
2021") claims that one wording became the other. In a paragraph pair that was rewritten, the two
words often stand in sentences that say different things; the claim is then no more credible than
the sentences are alike. So the confidence of such a shift falls with the similarity of its two
sentences (the share of their words in common, in order, leaving out the words the shift names: an
Indel ratio over words): whole from ``close_sentences`` up, none at ``unrelated_sentences``, in a
straight line between (both in ``confidence.yaml``). Two clauses (between commas, colons and
sentence ends) that hold the two words and name one actor or key term, other than the speaker and
the forum, say something of one matter however much they were rewritten ("We call on Pyongyang to
abandon ..." -> "We firmly condemn the reckless ... launches of the Democratic People's Republic of
Korea"): they count as close. A shift with words on one side only (an actor added) keeps its
confidence: what it names is there or not, whatever the other sentences say.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace
from typing import NamedTuple

from dipdiff.model import Shift
from dipdiff.shifts.actors import actors_of
from dipdiff.shifts.clauses import BlockText, Side, sentence_ends
from dipdiff.shifts.entities import names_in
from dipdiff.shifts.lexicon import Lexicon
from dipdiff.shifts.speaker import Speakers

_CLAUSE_MARKS = re.compile(r"[,:;—–()]")
"""Marks that end the clause a word stands in, inside a sentence."""


class _Place(NamedTuple):
    """Where a shift's words stand on one side."""

    rest: tuple[str, ...]
    """The keys of the other words of their sentence."""
    clause: str
    """The text of their clause."""


def weigh_by_closeness(
    shifts: list[Shift], text: BlockText, lexicon: Lexicon, speakers: Speakers
) -> list[Shift]:
    """Lower the confidence of each two-sided shift whose sentences are not alike."""
    sure = lexicon.confidence
    full = sure.get("close_sentences", 0.0) * 100
    none = sure.get("unrelated_sentences", 0.0) * 100
    if full <= none:
        return shifts
    weighed = []
    for shift in shifts:
        similarity = closeness(shift, text, lexicon, speakers)
        if similarity is not None and similarity < full:
            factor = max(0.0, (similarity - none) / (full - none))
            shift = replace(shift, confidence=round(shift.confidence * factor, 3))
        weighed.append(shift)
    return weighed


def closeness(shift: Shift, text: BlockText, lexicon: Lexicon, speakers: Speakers) -> float | None:
    """Similarity (0-100) of the closest pair of sentences holding the shift's old and new words (100
    when their clauses name one actor or key term), or None when the shift has words on one side
    only (or they are not found in the text)."""
    from rapidfuzz.distance import Indel

    if not (shift.old and shift.new):
        return None
    olds, news = _places(text.old, shift.old), _places(text.new, shift.new)
    if not (olds and news):
        return None
    left_out = speakers.old | speakers.new | actors_of(lexicon).forums
    best = 0.0
    for old in olds:
        for new in news:
            if _named(old.clause, lexicon) & _named(new.clause, lexicon) - left_out:
                return 100.0
            best = max(best, 100 * Indel.normalized_similarity(old.rest, new.rest))
    return best


@functools.lru_cache(maxsize=4096)
def _named(clause: str, lexicon: Lexicon) -> frozenset[str]:
    """The actor ids and key terms a clause names."""
    actors, terms = names_in(Side.of(clause), lexicon)
    return frozenset(actors) | frozenset(terms)


def _places(side: Side, words: str) -> list[_Place]:
    """Each place of ``words`` (as a whole word) in a side's text."""
    ends = [0, *sentence_ends(side.text), len(side.text)]
    found = []
    for match in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", side.text):
        start = ends[bisect.bisect_right(ends, match.start()) - 1]
        end = ends[bisect.bisect_left(ends, match.end())]
        (first, last), (named, after) = side.span(start, end), side.span(*match.span())
        marks = [m.end() for m in _CLAUSE_MARKS.finditer(side.text, start, match.start())]
        close = _CLAUSE_MARKS.search(side.text, match.end(), end)
        clause = side.text[max(marks, default=start) : close.start() if close else end]
        found.append(_Place(side.keys[first:named] + side.keys[after:last], clause))
    return found
