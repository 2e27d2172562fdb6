"""How close the two sentences are that a shift ties together.

A shift that reads an old word against a new one ("must -> should", "oppose -> support", "75th ->
2021") claims that one wording became the other. In a paragraph pair that was rewritten, the two
words often stand in sentences that say different things; the claim is then no more credible than
the sentences are alike. So the confidence of such a shift falls with the similarity of its two
sentences (the share of their words in common, in order, leaving out the words the shift names: an
Indel ratio over words): whole from ``close_sentences`` up, none at ``unrelated_sentences``, in a
straight line between (both in ``confidence.yaml``). A shift with words on one side only (an actor
added) keeps its confidence: what it names is there or not, whatever the other sentences say.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from dipdiff.model import Shift
from dipdiff.shifts.clauses import BlockText, Side, sentence_ends
from dipdiff.shifts.lexicon import Lexicon


def weigh_by_closeness(shifts: list[Shift], text: BlockText, lexicon: Lexicon) -> list[Shift]:
    """Lower the confidence of each two-sided shift whose sentences are not alike."""
    sure = lexicon.confidence
    full = sure.get("close_sentences", 0.0) * 100
    none = sure.get("unrelated_sentences", 0.0) * 100
    if full <= none:
        return shifts
    weighed = []
    for shift in shifts:
        similarity = closeness(shift, text)
        if similarity is not None and similarity < full:
            factor = max(0.0, (similarity - none) / (full - none))
            shift = replace(shift, confidence=round(shift.confidence * factor, 3))
        weighed.append(shift)
    return weighed


def closeness(shift: Shift, text: BlockText) -> float | None:
    """Similarity (0-100) of the closest pair of sentences holding the shift's old and new words, or
    None when the shift has words on one side only (or they are not found in the text)."""
    from rapidfuzz.distance import Indel

    if not (shift.old and shift.new):
        return None
    olds, news = _holding(text.old, shift.old), _holding(text.new, shift.new)
    if not (olds and news):
        return None
    return 100 * max(Indel.normalized_similarity(old, new) for old in olds for new in news)


def _holding(side: Side, words: str) -> list[tuple[str, ...]]:
    """The sentences of a side holding ``words``, each as its words' keys without those words: the
    sentences are compared on what the shift does not name, since the changed words are unlike by
    definition and weigh most in a short sentence."""
    ends = [0, *sentence_ends(side.text), len(side.text)]
    found = []
    at = side.text.find(words)
    while at >= 0:
        start = ends[bisect.bisect_right(ends, at) - 1]
        end = ends[bisect.bisect_left(ends, at + len(words))]
        (first, last), (named, after) = side.span(start, end), side.span(at, at + len(words))
        found.append(side.keys[first:named] + side.keys[after:last])
        at = side.text.find(words, at + 1)
    return list(dict.fromkeys(found))
