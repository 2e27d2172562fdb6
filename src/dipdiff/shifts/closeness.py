"""How close the two sentences are that a shift ties together.

A shift that reads an old word against a new one ("must -> should", "oppose -> support", "75th ->
2021") claims that one wording became the other. In a paragraph pair that was rewritten, the two
words often stand in sentences that say different things; the claim is then no more credible than
the sentences are alike. So the confidence of such a shift falls with the similarity of its two
sentences (the share of their words in common, in order, leaving out the words the shift names: an
Indel ratio over words), or of what follows the two words to their sentences' ends when that is
closer (the request a verb makes, kept while a clause before it was rewritten): whole from
``close_sentences`` up, none at ``unrelated_sentences``, in a
straight line between (both in ``confidence.yaml``). Two clauses (between commas, colons and
sentence ends) that hold the two words and name one actor or key term, other than the speaker and
the forum, say something of one matter however much they were rewritten ("We call on Pyongyang to
abandon ..." -> "We firmly condemn the reckless ... launches of the Democratic People's Republic of
Korea"): they count as close. A shift with words on one side only (an actor added) keeps its
confidence by that measure: what it names is there or not, whatever the other sentences say.

Whether two sentences make one claim at all is asked of the one-sided shifts too
(``weigh_by_claim``): a sentence that shares little of its content (its words other than function
words, by their first letters) with any sentence of the other side says something else, and a
reader who sees "actor added" or "commitment weakened" on it has been misled ("India has
consistently supported the peace-keeping activities of the United Nations." -> "We have lost 100
peacekeepers for the United Nations cause." is no number added). The confidence falls in a straight
line from whole at ``claim_close`` of the shorter sentence's content shared to none at
``claim_unrelated`` (``confidence.yaml``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import replace
from typing import NamedTuple

from dipdiff.model import Category, Shift
from dipdiff.shifts.actors import actors_of
from dipdiff.shifts.clauses import BlockText, Side, sentence_bounds
from dipdiff.shifts.entities import names_in
from dipdiff.shifts.lexicon import Lexicon
from dipdiff.shifts.speaker import Speakers

_SHORTEST_TAIL = 6
"""Fewest words after a shift's words, on each side, before what follows them is compared alone."""
_CLAUSE_MARKS = re.compile(r"[,:;—–()]")
"""Marks that end the clause a word stands in, inside a sentence."""


class _Place(NamedTuple):
    """Where a shift's words stand on one side."""

    rest: tuple[str, ...]
    """The keys of the other words of their sentence."""
    after: tuple[str, ...]
    """The keys of the words after them, to the sentence's end: what a verb asks or says."""
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
    """Similarity (0-100) of the closest pair of sentences holding the shift's old and new words, or of
    what follows those words to the sentence's end when that is closer (what a verb asks or says kept
    while a clause before it was rewritten: "strongly urges those countries which have not yet joined
    the Convention ... to do so" -> "we welcome ..., and urge those States which have not yet acceded
    to the Convention ... to do so"); 100 when their clauses name one actor or key term; None when
    the shift has words on one side only (or they are not found in the text)."""
    from rapidfuzz.distance import Indel

    if not (shift.old and shift.new):
        return None
    olds, news = _places(text.old, shift.old), _places(text.new, shift.new)
    if not (olds and news):
        return None
    if shift.category is Category.NUMBER:  # a figure is weighed by the words around it, not other figures
        olds, news = [_wordy(place) for place in olds], [_wordy(place) for place in news]
    left_out = speakers.old | speakers.new | actors_of(lexicon).forums
    best = 0.0
    for old in olds:
        for new in news:
            if _named(old.clause, lexicon) & _named(new.clause, lexicon) - left_out:
                return 100.0
            best = max(best, 100 * Indel.normalized_similarity(old.rest, new.rest))
            if min(len(old.after), len(new.after)) >= _SHORTEST_TAIL:
                best = max(best, 100 * Indel.normalized_similarity(old.after, new.after))
    return best


_CLAIM_STEM = 5
"""Letters of a word that stand for it when sentences are compared by content ("peace-keeping",
"peacekeepers" and "peace" differ; "support", "supported" and "supports" do not)."""
_SHORTEST_CLAIM = 3
"""Fewest content words a sentence needs before its share with another says anything."""


def weigh_by_claim(shifts: list[Shift], text: BlockText, lexicon: Lexicon) -> list[Shift]:
    """Lower the confidence of each one-sided shift (an actor, term or number added or dropped) whose
    sentence shares too little content with every sentence of the other side to make the same
    claim."""
    sure = lexicon.confidence
    full, none = sure.get("claim_close", 0.0), sure.get("claim_unrelated", 0.0)
    if full <= none:
        return shifts
    weighed = []
    for shift in shifts:
        share = claim_share(shift, text, lexicon)
        if share is not None and share < full:
            factor = max(0.0, (share - none) / (full - none))
            shift = replace(shift, confidence=round(shift.confidence * factor, 3))
        weighed.append(shift)
    return weighed


def claim_share(shift: Shift, text: BlockText, lexicon: Lexicon) -> float | None:
    """The largest share (0-1) of content that a sentence holding a one-sided shift's words has in common
    with a sentence of the other side, of the shorter one's content; None when the words are not
    found, the sentences are too short to tell, or the sentence is one added or dropped beside the
    counterpart of its best match (a sentence put before an unchanged one makes no claim of it)."""
    if bool(shift.old) == bool(shift.new):
        return None  # a word against a word: ``closeness`` weighs it
    here, there, words = (text.old, text.new, shift.old) if shift.old else (text.new, text.old, shift.new)
    own = _content(words, lexicon)
    sentences = _sentences(here.text)
    others = _sentences(there.text)
    best: float | None = None
    for sentence in (s for s in sentences if words in s):
        shares = [_share(sentence, other, own, lexicon) for other in others]
        known = [(share, n) for n, share in enumerate(shares) if share is not None]
        if not known:
            continue
        share, match = max(known)
        rival = max(
            (_share(s, others[match], own, lexicon) or 0.0 for s in sentences if s is not sentence),
            default=0.0,
        )
        if rival > share:
            return None  # another sentence is the match's counterpart: this one was added or dropped
        best = share if best is None else max(best, share)
    return best


def _share(sentence: str, other: str, own: frozenset[str], lexicon: Lexicon) -> float | None:
    """The share of the shorter sentence's content the two have in common, leaving out ``own``."""
    mine, theirs = _content(sentence, lexicon) - own, _content(other, lexicon) - own
    shorter = min(len(mine), len(theirs))
    return len(mine & theirs) / shorter if shorter >= _SHORTEST_CLAIM else None


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in itertools.pairwise(sentence_bounds(text)) if text[a:b].strip()]


@functools.lru_cache(maxsize=8192)
def _content(sentence: str, lexicon: Lexicon) -> frozenset[str]:
    """The content words of a sentence, each by its first letters."""
    words = re.findall(r"[^\W\d_]+", sentence.casefold())
    return frozenset(w[:_CLAIM_STEM] for w in words if w not in lexicon.claim_words)


@functools.lru_cache(maxsize=4096)
def _named(clause: str, lexicon: Lexicon) -> frozenset[str]:
    """The actor ids and key terms a clause names."""
    actors, terms = names_in(Side.of(clause), lexicon)
    return frozenset(actors) | frozenset(terms)


def _wordy(place: _Place) -> _Place:
    """A place without the figures of its sentence ("Resolution 559 (1984) of 14 December 1984")."""
    return place._replace(
        rest=tuple(k for k in place.rest if not _DIGIT.search(k)),
        after=tuple(k for k in place.after if not _DIGIT.search(k)),
    )


_DIGIT = re.compile(r"\d")


def _places(side: Side, words: str) -> list[_Place]:
    """Each place of ``words`` (as a whole word) in a side's text."""
    ends = sentence_bounds(side.text)
    found = []
    for match in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", side.text):
        start = ends[bisect.bisect_right(ends, match.start()) - 1]
        end = ends[bisect.bisect_left(ends, match.end())]
        (first, last), (named, after) = side.span(start, end), side.span(*match.span())
        marks = [m.end() for m in _CLAUSE_MARKS.finditer(side.text, start, match.start())]
        close = _CLAUSE_MARKS.search(side.text, match.end(), end)
        clause = side.text[max(marks, default=start) : close.start() if close else end]
        found.append(_Place(side.keys[first:named] + side.keys[after:last], side.keys[after:last], clause))
    return found
