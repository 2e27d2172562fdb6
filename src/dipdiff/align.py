"""Pair the paragraphs of two statements: anchors, order-preserving beads, gap filling, moves.

Each paragraph arrives as a *word string*: its normalised words, one character per distinct word (see
``WordCodes``), so rapidfuzz's bit-parallel string scorers measure similarity in words, not letters.
Unrelated English paragraphs share ~40% of their letters but under ~25% of their words, which is what
makes a threshold meaningful.

The steps (DOMAIN.md §4):

1. **Anchors.** Paragraphs whose normalised text is unique and identical on both sides pair at once.
2. **Scores.** Every remaining old paragraph is scored against every remaining new one with
   ``fuzz.ratio`` (Indel similarity, 0-100), scanned in C by ``process.extract``.
3. **Beads.** Candidate beads are 1-1 pairs above the threshold, and 1-k / k-1 groups (splits and
   merges of up to ``max_group`` consecutive paragraphs, Gale & Church 1993) scored against the joined
   text. A bead's gain is its margin above the threshold times the words it covers.
4. **Chain.** The heaviest chain of beads increasing on both sides is found with a Fenwick tree in
   O(B log B): the order-preserving alignment.
5. **Gaps.** Between consecutive chain beads, paragraphs still unpaired are paired in order at a lower
   floor, set above the chance level of this pair of statements: two translations of one text are
   weakly similar but keep their order.
6. **Leftovers.** Leftover old and new paragraphs are paired best-first above the threshold. Order-free
   (``unordered``, the speakers mode), only this step runs, and nothing is called moved.
7. **Moves.** Of all pairs, the longest run that keeps both sides' order (by paragraphs, then words)
   stayed in place; every other pair moved.

Statements too large for the score matrix fall back to pairing identical paragraphs in order (a
coarser alignment) and say so in a note.
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple

from rapidfuzz import fuzz, process

from dipdiff.options import CompareOptions

MAX_SCORED_CELLS = 4_000_000
"""Largest old x new paragraph matrix scored in full; past it the coarse alignment is used."""
MAX_SCORED_WORD_CELLS = 20_000_000_000
"""Largest (words of old) x (words of new) scored in full: each score costs about len(a) x len(b) / 64
machine words, and one scorer call cannot be interrupted, so past this the coarse alignment is used."""
_GROUP_PENALTY = 5.0
"""Points a split or merge must beat a plain pair by (their prior is ten times lower)."""
_WHOLE = 95.0
"""A pair this similar is the same paragraph, not part of a split or merge."""
_GROUP_FLOOR_RATIO = 0.5
"""A paragraph is tried as part of a split or merge when it scores this share of the threshold."""
_GAP_FLOOR_RATIO = 0.3
"""Inside a gap between pairs, paragraphs in the same order pair at this share of the threshold,"""
_GAP_BASELINE_MARGIN = 8.0
"""... and only this many points above what a typical pair of these two statements scores by chance
(the median over all pairs, which are mostly unrelated). Tuned on the GNAT Aesop gold set."""
_GAP_BALANCE = 3
"""A gap is paired in order only when neither side holds more than twice the other's paragraphs (+1)."""
_BASELINE_SAMPLE = 4000
"""Pairs sampled, evenly spread, to estimate that chance level."""


class Pairing(NamedTuple):
    """Old paragraphs matched to new ones, before words are compared."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    moved: bool = False


class Alignment(NamedTuple):
    """Every pairing found, with notes on fallbacks taken."""

    pairings: tuple[Pairing, ...]
    notes: tuple[str, ...] = ()


class WordCodes:
    """Give each distinct normalised word one character, so a paragraph becomes a word string."""

    def __init__(self) -> None:
        self._codes = _Codes()

    def encode(self, keys: Sequence[str]) -> str:
        """Return the word string of a sequence of normalised words."""
        return "".join(map(self._codes.__getitem__, keys))


class _Codes(dict[str, str]):
    """Word -> its character; a word seen for the first time gets the next free one."""

    def __missing__(self, key: str) -> str:
        number = len(self) + 0x100
        if number >= 0xD800:  # skip the surrogate block
            number += 0x800
        code = self[key] = chr(number)
        return code


class _Bead(NamedTuple):
    old: tuple[int, ...]
    new: tuple[int, ...]
    gain: float


def align(old: Sequence[str], new: Sequence[str], options: CompareOptions) -> Alignment:
    """Pair paragraphs given as word strings; every index appears in at most one pairing."""
    anchors = [] if options.order_free else _anchors(old, new)
    fixed_old = {i for i, _ in anchors}
    fixed_new = {j for _, j in anchors}
    free_old = [i for i in range(len(old)) if i not in fixed_old]
    free_new = [j for j in range(len(new)) if j not in fixed_new]
    if len(free_old) * len(free_new) > MAX_SCORED_CELLS:
        return _coarse(old, new)
    words = sum(map(len, old)) * sum(map(len, new))
    if words > MAX_SCORED_WORD_CELLS:
        return _coarse(old, new, f"statements too long for paragraph matching ({words:.1e} word pairs)")
    deadline = time.monotonic() + options.time_budget
    group_floor = options.threshold * _GROUP_FLOOR_RATIO
    # Scores are kept down to the lowest floor any stage uses. The gap floor depends on the chance
    # level, which costs thousands of scores to estimate, so it is estimated only when a score or a
    # gap needs it: most revisions leave no low-scoring pair and no gap to fill.
    lowest = min(group_floor, options.threshold * _GAP_FLOOR_RATIO)
    scores = _scores(old, new, free_old, free_new, lowest, deadline)
    if scores is None:
        budget = f"time budget of {options.time_budget:g} s reached while scoring paragraphs"
        return _coarse(old, new, budget)

    @functools.cache
    def gap_floor() -> float:
        return max(options.threshold * _GAP_FLOOR_RATIO, _chance_level(old, new) + _GAP_BASELINE_MARGIN)

    if any(score < group_floor for score in scores.values()):
        floor = min(group_floor, gap_floor())
        scores = {pair: score for pair, score in scores.items() if score >= floor}
    scores.update({pair: 100.0 for pair in anchors})
    if options.order_free:
        pairs = _best_first(scores, set(), set(), options.threshold)
        return Alignment(tuple(Pairing((i,), (j,)) for i, j in sorted(pairs)))
    beads = _pair_beads(old, new, scores, options.threshold)
    notes: list[str] = []
    if time.monotonic() < deadline:
        beads += _group_beads(old, new, scores, fixed_old, fixed_new, options)
    else:
        notes.append("time budget reached: splits and merges were not searched")
    chain = _heaviest_chain(beads, len(old))
    chain += _fill_gaps(chain, old, new, scores, gap_floor)
    used_old = {i for bead in chain for i in bead.old}
    used_new = {j for bead in chain for j in bead.new}
    moves = _best_first(scores, used_old, used_new, options.threshold)
    pairings = [Pairing(b.old, b.new) for b in chain]
    pairings += [Pairing((i,), (j,)) for i, j in moves]
    return Alignment(
        tuple(sorted(mark_moved(pairings, old, new), key=lambda p: (p.new, p.old))), tuple(notes)
    )


def mark_moved(pairings: list[Pairing], old: Sequence[str], new: Sequence[str]) -> list[Pairing]:
    """Call moved every pairing outside the longest run that keeps both sides' order.

    Longest by the number of paragraphs it holds, then by their words: readers and authors think of
    the fewest paragraphs moved, so one long paragraph moved to the top is one move, not every short
    paragraph it passed. The pairing itself is not changed.
    """
    total_words = sum(map(len, old)) + sum(map(len, new))
    beads = [
        _Bead(
            p.old,
            p.new,
            (len(p.old) + len(p.new)) * (total_words + 1.0)
            + sum(len(old[i]) for i in p.old)
            + sum(len(new[j]) for j in p.new),
        )
        for p in pairings
    ]
    in_order = {(b.old, b.new) for b in _heaviest_chain(beads, len(old))}
    return [p._replace(moved=(p.old, p.new) not in in_order) for p in pairings]


def heaviest_in_order(
    beads: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]], n_old: int
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The (old, new) pairs among ``beads`` (old indices, new indices, gain) that keep both sides'
    order with the largest total gain."""
    chain = _heaviest_chain([_Bead(old, new, gain) for old, new, gain in beads], n_old)
    return [(bead.old, bead.new) for bead in chain]


def _anchors(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Pair paragraphs whose word string occurs exactly once on each side."""
    count_old = Counter(old)
    count_new = Counter(new)
    where_new = {text: j for j, text in enumerate(new) if count_new[text] == 1}
    return [(i, where_new[text]) for i, text in enumerate(old) if count_old[text] == 1 and text in where_new]


def _chance_level(old: Sequence[str], new: Sequence[str]) -> float:
    """The score that unrelated paragraphs of these two statements reach by chance.

    Estimated as the median over an evenly spread sample of all pairs: most pairs are unrelated, so
    the median is what shared function words alone produce (about 17 for two English speeches, about
    10 for short narrative sentences).
    """
    cells = len(old) * len(new)
    if cells == 0:
        return 0.0
    step = max(1, cells // _BASELINE_SAMPLE)
    width = len(new)
    sampled = range(0, cells, step)
    sample = sorted(map(fuzz.ratio, [old[c // width] for c in sampled], [new[c % width] for c in sampled]))
    return sample[len(sample) // 2]


def _scores(
    old: Sequence[str],
    new: Sequence[str],
    rows: list[int],
    cols: list[int],
    floor: float,
    deadline: float = float("inf"),
) -> dict[tuple[int, int], float] | None:
    """Score free old against free new paragraphs; keep pairs at or above ``floor``.

    Returns ``None`` when the deadline passes first (checked between rows).
    """
    choices = [new[j] for j in cols]
    scores: dict[tuple[int, int], float] = {}
    for i in rows:
        if not old[i]:
            continue
        if time.monotonic() > deadline:
            return None
        for _, score, k in process.extract(
            old[i], choices, scorer=fuzz.ratio, score_cutoff=floor, limit=None
        ):
            scores[i, cols[k]] = score
    return scores


def _pair_beads(
    old: Sequence[str], new: Sequence[str], scores: dict[tuple[int, int], float], threshold: float
) -> list[_Bead]:
    """Every 1-1 pair at or above the threshold, as a bead."""
    return [
        _Bead((i,), (j,), (s - threshold + 1) * (len(old[i]) + len(new[j])))
        for (i, j), s in scores.items()
        if s >= threshold
    ]


def _group_beads(
    old: Sequence[str],
    new: Sequence[str],
    scores: dict[tuple[int, int], float],
    fixed_old: set[int],
    fixed_new: set[int],
    options: CompareOptions,
) -> list[_Bead]:
    """Splits (1-k) and merges (k-1) whose joined text beats each of its parts."""
    floor = options.threshold * _GROUP_FLOOR_RATIO
    beads: list[_Bead] = []
    seen: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    for (i, j), s in scores.items():
        if s < floor or s >= _WHOLE:
            continue  # too unlike to be a part, or already the whole paragraph
        for one, many, one_is_old in ((i, j, True), (j, i, False)):
            side = new if one_is_old else old
            fixed = fixed_new if one_is_old else fixed_old
            for size in range(2, options.max_group + 1):
                for start in range(max(0, many - size + 1), min(many, len(side) - size) + 1):
                    group = tuple(range(start, start + size))
                    if not fixed.isdisjoint(group):
                        continue
                    key = ((one,), group) if one_is_old else (group, (one,))
                    if key in seen:
                        continue
                    seen.add(key)
                    bead = _group_bead(old, new, key, scores, options.threshold)
                    if bead is not None:
                        beads.append(bead)
    return beads


def _group_bead(
    old: Sequence[str],
    new: Sequence[str],
    key: tuple[tuple[int, ...], tuple[int, ...]],
    scores: dict[tuple[int, int], float],
    threshold: float,
) -> _Bead | None:
    """Score one split or merge against the joined text; ``None`` when it does not pay."""
    olds, news = key
    best_part = max([scores.get((i, j), 0.0) for i in olds for j in news])
    need = max(threshold, best_part + _GROUP_PENALTY)
    joined_old = "".join([old[i] for i in olds])
    joined_new = "".join([new[j] for j in news])
    # With a cutoff the scorer can stop early, e.g. when the lengths alone rule the score out.
    score = fuzz.ratio(joined_old, joined_new, score_cutoff=need)
    if score < need:
        return None
    gain = (score - threshold + 1 - _GROUP_PENALTY) * (len(joined_old) + len(joined_new))
    return _Bead(olds, news, gain) if gain > 0 else None


def _heaviest_chain(beads: list[_Bead], n_old: int) -> list[_Bead]:
    """Pick beads strictly increasing on both sides with the largest total gain."""
    if not beads:
        return []
    n_new = max(b.new[-1] for b in beads) + 1
    by_start: dict[int, list[int]] = {}
    by_end: dict[int, list[int]] = {}
    for k, bead in enumerate(beads):
        by_start.setdefault(bead.old[0], []).append(k)
        by_end.setdefault(bead.old[-1], []).append(k)
    tree = _MaxFenwick(n_new + 1)
    best = [0.0] * len(beads)
    back: list[int] = [-1] * len(beads)
    for i in range(n_old):
        for k in by_start.get(i, ()):
            value, prev = tree.query(beads[k].new[0])  # ends strictly before this bead's first new
            best[k] = value + beads[k].gain
            back[k] = prev
        for k in by_end.get(i, ()):
            tree.update(beads[k].new[-1] + 1, best[k], k)
    k = max(range(len(beads)), key=lambda x: (best[x], -x))
    chain = []
    while k != -1:
        chain.append(beads[k])
        k = back[k]
    return chain[::-1]


class _MaxFenwick:
    """Prefix maxima with the index that achieved them (1-based positions)."""

    def __init__(self, size: int) -> None:
        self.value = [0.0] * (size + 1)
        self.arg = [-1] * (size + 1)

    def update(self, pos: int, value: float, arg: int) -> None:
        while pos < len(self.value):
            if value > self.value[pos]:
                self.value[pos], self.arg[pos] = value, arg
            pos += pos & -pos

    def query(self, pos: int) -> tuple[float, int]:
        """Best value among positions 1..pos."""
        value, arg = 0.0, -1
        while pos > 0:
            if self.value[pos] > value:
                value, arg = self.value[pos], self.arg[pos]
            pos -= pos & -pos
        return value, arg


def _fill_gaps(
    chain: list[_Bead],
    old: Sequence[str],
    new: Sequence[str],
    scores: dict[tuple[int, int], float],
    gap_floor: Callable[[], float],
) -> list[_Bead]:
    """Pair still-unpaired paragraphs between chain beads in order, at a lower floor."""
    bounds = [(-1, -1)] + [(b.old[-1], b.new[-1]) for b in chain]
    nexts = [(b.old[0], b.new[0]) for b in chain] + [(len(old), len(new))]
    extra: list[_Bead] = []
    for (lo_i, lo_j), (hi_i, hi_j) in zip(bounds, nexts, strict=True):
        sizes = sorted((hi_i - lo_i - 1, hi_j - lo_j - 1))
        if sizes[1] > _GAP_BALANCE * sizes[0] + 1:
            continue  # one side was rewritten at length: no sign the two run in parallel
        if sizes[0] == 0:
            continue  # nothing on one side to pair with
        floor = gap_floor()
        gap = [
            _Bead((i,), (j,), (s - floor + 1) * (len(old[i]) + len(new[j])))
            for i in range(lo_i + 1, hi_i)
            for j in range(lo_j + 1, hi_j)
            if (s := scores.get((i, j), 0.0)) >= floor
        ]
        extra += _heaviest_chain(gap, len(old))
    return extra


def _best_first(
    scores: dict[tuple[int, int], float], used_old: set[int], used_new: set[int], threshold: float
) -> list[tuple[int, int]]:
    """Pair the highest-scoring free pairs first, each paragraph at most once."""
    taken_old, taken_new = set(used_old), set(used_new)
    pairs = []
    ranked = sorted(
        ((s, i, j) for (i, j), s in scores.items() if s >= threshold),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    for _, i, j in ranked:
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            pairs.append((i, j))
    return pairs


def _coarse(old: Sequence[str], new: Sequence[str], reason: str | None = None) -> Alignment:
    """Pair identical paragraphs in order (a diff of whole paragraphs) for very long statements."""
    from rapidfuzz.distance import Indel

    codes = WordCodes()
    old_line = codes.encode(old)
    new_line = codes.encode(new)
    pairings = [
        Pairing((op.src_start + k,), (op.dest_start + k,))
        for op in Indel.opcodes(old_line, new_line)
        if op.tag == "equal"
        for k in range(op.src_end - op.src_start)
    ]
    reason = reason or f"statements too long for paragraph matching ({len(old)} x {len(new)} paragraphs)"
    note = f"{reason}: only identical paragraphs were paired, in order"
    return Alignment(tuple(pairings), (note,))
