"""Position shifts: what each wording change means.

``classify_blocks`` reads every modified, split or merged block (moved or not) clause by clause
(``clauses``), finds tone, modality, negation and hedge shifts in each clause (``detect``), and
actors, key terms and numbers over the whole block (``entities``); a shift that ties an old word to a
new one is as sure as their two sentences are alike (``closeness``). Added and removed paragraphs
report only actors and key terms that the other statement does not name at all. The lists are YAML
under ``data/lexicon/`` (``lexicon``); ``--fail-on`` gates are parsed here.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from dipdiff.errors import DipdiffError
from dipdiff.model import DIRECTIONS, Block, BlockKind, Category, Comparison, Direction, Op, Shift, Statement
from dipdiff.shifts.clauses import Side, read_block
from dipdiff.shifts.closeness import weigh_by_claim, weigh_by_closeness
from dipdiff.shifts.detect import clause_shifts
from dipdiff.shifts.entities import (
    Searchable,
    actor_shifts,
    changed_actors,
    may_name,
    names_in,
    term_shifts,
)
from dipdiff.shifts.lexicon import BANDS, SWAPPED, TWO_SPEAKERS, Lexicon, load_lexicon
from dipdiff.shifts.numbers import number_shifts
from dipdiff.shifts.speaker import Speakers

__all__ = [
    "FailOn",
    "FailOnError",
    "Lexicon",
    "Speakers",
    "block_shifts",
    "calibration_band",
    "calibration_line",
    "classify_blocks",
    "kept_share",
    "load_lexicon",
    "parse_fail_on",
    "shifts_between",
]

_READ = (BlockKind.MODIFIED, BlockKind.SPLIT, BlockKind.MERGED)


def classify_blocks(
    blocks: list[Block],
    lexicon: Lexicon | None = None,
    *,
    statements: tuple[Statement, Statement] | None = None,
    speaker: str | None = None,
    min_confidence: float = 0.0,
    two_speakers: bool = False,
) -> list[Block]:
    """Return the blocks with their shifts found (the packaged lexicon when none is given).

    ``statements`` (old, new) say who speaks, unless ``speaker`` does; shifts less sure than
    ``min_confidence`` are left out. Between ``two_speakers`` an actor or term on one side only is
    worded as what one of them names ("actor only in new: Japan"), not as added or dropped.
    """
    if lexicon is None:
        lexicon = load_lexicon()
    if statements is not None:
        speakers = Speakers.of(*statements, lexicon, speaker)
    else:
        speakers = Speakers.of(_NOBODY, _NOBODY, lexicon, speaker)
    sides: dict[bool, Searchable] = {}
    reported: set[tuple[bool, str]] = set()
    """Actors and terms already reported for an added (True) or removed (False) paragraph."""

    def other_side(added: bool) -> Searchable:
        # Folded once per comparison, and only when an added or removed paragraph names someone.
        if added not in sides:
            text = "\n\n".join("".join(op.old if added else op.new for op in b.diff) for b in blocks)
            sides[added] = Searchable.of(text)
        return sides[added]

    result = []
    for block in blocks:
        if block.kind in _READ and any(op.op is not Op.EQUAL for op in block.diff):
            shifts = _credible(block, block_shifts(block, lexicon, speakers), lexicon)
            shifts = _named_elsewhere(shifts, other_side, lexicon)
            sure = tuple(s for s in shifts if s.confidence >= min_confidence)
            block = replace(block, shifts=sure, less_sure=len(shifts) - len(sure))
        elif block.kind in (BlockKind.ADDED, BlockKind.REMOVED):
            block = replace(block, shifts=_whole_shifts(block, other_side, lexicon, reported))
        if two_speakers and block.shifts:
            block = replace(block, shifts=tuple(_one_side_only(s) for s in block.shifts))
        result.append(block)
    return result


_ONE_SIDE = {Direction.ADDED: "only in new", Direction.REMOVED: "only in old"}


def _one_side_only(shift: Shift) -> Shift:
    """An actor or term one of two speakers names and the other does not: ``actor only in new: Japan``."""
    if shift.category not in (Category.ACTOR, Category.TERM) or shift.direction not in _ONE_SIDE:
        return shift
    _, _, name = shift.explanation.partition(": ")
    return replace(shift, explanation=f"{shift.category.value} {_ONE_SIDE[shift.direction]}: {name}")


_NOBODY = Statement("-", ())
"""A statement that says nothing about its speaker."""


def shifts_between(
    old: str,
    new: str,
    lexicon: Lexicon | None = None,
    *,
    speaker: str | None = None,
    speakers: Speakers | None = None,
) -> tuple[Shift, ...]:
    """Return the shifts from one paragraph to another, read as one modified block, every shift
    whatever its confidence; ``speaker`` names who speaks on both sides (``speakers``: on each)."""
    from dipdiff.normalise import default_normaliser
    from dipdiff.tokens import tokenise
    from dipdiff.worddiff import diff_tokens

    normaliser = default_normaliser()
    diff = diff_tokens(tokenise(old, normaliser), tokenise(new, normaliser))
    block = Block(BlockKind.MODIFIED, (0,), (0,), False, None, diff)
    lexicon = lexicon or load_lexicon()
    return block_shifts(block, lexicon, speakers or Speakers.of(_NOBODY, _NOBODY, lexicon, speaker))


def block_shifts(block: Block, lexicon: Lexicon, speakers: Speakers | None = None) -> tuple[Shift, ...]:
    """Find the shifts of one changed block: clause by clause, then over the whole block."""
    speakers = speakers or Speakers()
    text = read_block(block)
    shifts: list[Shift] = []
    for clause in text.clauses:
        shifts += clause_shifts(text, clause, lexicon)
    old_actors, old_terms = names_in(text.old, lexicon)
    new_actors, new_terms = names_in(text.new, lexicon)
    gone, came, confidence = changed_actors(text, old_actors, new_actors, lexicon, speakers)
    shifts += actor_shifts(gone, came, lexicon, confidence=confidence)
    shifts += term_shifts(old_terms, new_terms)
    shifts += number_shifts(text.old.text, text.new.text, lexicon)
    shifts = weigh_by_claim(weigh_by_closeness(shifts, text, lexicon, speakers), text, lexicon)
    return tuple(dict.fromkeys(_calibrated(shifts, calibration_band(block, lexicon, speakers), lexicon)))


def calibration_band(block: Block, lexicon: Lexicon, speakers: Speakers | None = None) -> int | None:
    """The band of ``category_confidence`` (``BANDS``) that scales a block's shifts: between two
    speakers (each known, neither the other) the last; else by the share of the block's words kept:
    rewritten, reworded, revised; None for a block keeping ``revised_kept`` or more (a revision)."""
    if speakers is not None and speakers.old and speakers.new and speakers.old.isdisjoint(speakers.new):
        return BANDS.index(TWO_SPEAKERS)
    sure = lexicon.confidence
    bounds = [
        sure.get("rewritten_below", 0.0),
        sure.get("reworded_below", 0.0),
        sure.get("revised_kept", 0.0),
    ]
    band = bisect.bisect_right(bounds, kept_share(block))
    return band if band < len(bounds) else None


def _calibrated(shifts: list[Shift], band: int | None, lexicon: Lexicon) -> list[Shift]:
    """Scale each shift's confidence by how often shifts of its category and direction were right in
    blocks rewritten as much as this one (``category_confidence``, per band of the share of words
    kept), less a margin, so that the default ``--min-confidence`` shows only what was right 9 times in
    10 there. A shift its rules stand behind at ``calibration_whole`` or more takes its line's record
    whole (the record is counted over every shift the rules stand behind, however sure); one less sure
    takes it in proportion. A block keeping ``revised_kept`` of its words or more is a revision: not
    scaled."""
    factors = lexicon.category_confidence
    if band is None or not factors:
        return shifts
    whole = lexicon.confidence.get("calibration_whole", 1.0)
    calibrated = []
    for shift in shifts:
        factor = factors.get(calibration_line(shift), (1.0,) * len(BANDS))[band]
        confidence = min(1.0, shift.confidence / whole) * factor
        calibrated.append(replace(shift, confidence=round(confidence, 3)))
    return calibrated


_STEM = 5
"""Letters of a word that stand for it when two wordings are asked whether they share a word
("concerned" and "concern", "urges" and "urge" are one word); words shorter than three letters ("on",
"to") are left out."""


def calibration_line(shift: Shift) -> str:
    """The line of ``category_confidence`` that scales a shift: ``category:direction``, or
    ``intensity:up:swap`` for a tone shift whose two wordings share no word (one rung swapped for
    another, not a modifier added or dropped)."""
    label = f"{shift.category.value}:{shift.direction.value}"
    if shift.category is Category.INTENSITY and shift.old and shift.new:
        old, new = ([w.casefold() for w in side.split() if len(w) >= 3] for side in (shift.old, shift.new))
        if not any(_one_word(a, b) for a in old for b in new):
            return f"{label}:{SWAPPED}"
    return label


def _one_word(a: str, b: str) -> bool:
    """Whether two words are one word in two forms: they agree on their first letters."""
    letters = min(_STEM, len(a), len(b))
    return a[:letters] == b[:letters]


def kept_share(block: Block) -> float:
    """The share of a block's text that the word diff keeps (0-1), both sides counted, in characters
    other than spaces (words of Chinese or Japanese are not cut by spaces)."""
    kept = sum(_letters(op.old) for op in block.diff if op.op is Op.EQUAL)
    total = sum(_letters(op.old) + _letters(op.new) for op in block.diff)
    return 2 * kept / total if total else 1.0


def _letters(text: str) -> int:
    return sum(len(word) for word in text.split())


_CLAUSE_CATEGORIES = (Category.INTENSITY, Category.MODALITY, Category.NEGATION, Category.HEDGE)


def _credible(block: Block, shifts: tuple[Shift, ...], lexicon: Lexicon) -> tuple[Shift, ...]:
    """Lower the confidence of clause shifts read on a loosely paired block: two sentences that share
    few words are rarely one sentence revised, and a cue on each side is then no change of one. A
    pair made on what both sides are about (its affinity, in the rewrite and speakers modes) vouches
    for itself."""
    below = lexicon.confidence.get("weak_pair_below", 0.0) * 100
    vouched = lexicon.confidence.get("weak_pair_affinity", 0.0) * 100
    if block.score is None or block.score >= below or (block.affinity or 0.0) >= vouched > 0:
        return shifts
    factor = lexicon.confidence.get("weak_pair", 1.0)
    return tuple(
        replace(s, confidence=round(s.confidence * factor, 3)) if s.category in _CLAUSE_CATEGORIES else s
        for s in shifts
    )


def _named_elsewhere(
    shifts: tuple[Shift, ...], other_side: Callable[[bool], Searchable], lexicon: Lexicon
) -> tuple[Shift, ...]:
    """Mark the actors and terms of a changed block that the other statement names elsewhere."""
    marked = []
    for shift in shifts:
        if shift.category in (Category.ACTOR, Category.TERM) and shift.direction is not Direction.CHANGED:
            added = shift.direction is Direction.ADDED
            side = Side.of(shift.new if added else shift.old)
            actors, terms = names_in(side, lexicon)
            named_actors, named_terms = other_side(added).names(actors, terms, lexicon)
            if (actors or terms) and set(actors) <= named_actors and set(terms) <= named_terms:
                shift = replace(shift, named_elsewhere=True)
        marked.append(shift)
    return tuple(marked)


def _whole_shifts(
    block: Block,
    other_side: Callable[[bool], Searchable],
    lexicon: Lexicon,
    reported: set[tuple[bool, str]],
) -> tuple[Shift, ...]:
    """Actors and terms of an added (or removed) paragraph that the other statement never names.

    Each is reported once, in the first such paragraph that names it.
    """
    added = block.kind is BlockKind.ADDED
    text = "".join(op.new if added else op.old for op in block.diff)
    if not may_name(text, lexicon):
        return ()
    actors, terms = names_in(Side.of(text), lexicon)
    actors = {k: v for k, v in actors.items() if (added, k) not in reported}
    terms = {k: v for k, v in terms.items() if (added, k) not in reported}
    if not actors and not terms:
        return ()
    named_actors, named_terms = other_side(added).names(actors, terms, lexicon)
    reported.update((added, k) for k in [*actors, *terms])
    none: dict[str, str] = {}
    if added:
        shifts = actor_shifts(none, actors, lexicon, named=named_actors)
        return (*shifts, *term_shifts(none, terms, named=named_terms))
    shifts = actor_shifts(actors, none, lexicon, named=named_actors)
    return (*shifts, *term_shifts(terms, none, named=named_terms))


class FailOnError(DipdiffError):
    """A ``--fail-on`` value names no category or direction dipdiff knows."""


@dataclass(frozen=True, slots=True)
class FailOn:
    """Shift categories (and directions) that make ``compare`` exit 1."""

    gates: tuple[tuple[Category, Direction | None], ...]

    def __bool__(self) -> bool:
        return bool(self.gates)

    def matches(self, comparison: Comparison) -> bool:
        """Whether any shift of the comparison is one of the gates."""
        return any(
            shift.category is category and direction in (None, shift.direction)
            for _, shift in comparison.shifts
            for category, direction in self.gates
        )

    def fails(self, comparison: Comparison) -> bool:
        """Whether ``compare`` answers "different" (exit 1): with gates, when a shift of one of them
        occurred; without, when anything changed."""
        return self.matches(comparison) if self.gates else comparison.summary.changed


def parse_fail_on(values: Sequence[str]) -> FailOn:
    """Parse ``CATEGORY[:DIRECTION]`` values, e.g. ``intensity:up`` or ``actor``."""
    gates: list[tuple[Category, Direction | None]] = []
    for value in values:
        name, _, way = value.strip().casefold().partition(":")
        try:
            category = Category(name)
        except ValueError:
            known = ", ".join(c.value for c in Category)
            raise FailOnError(f"--fail-on {value!r}: unknown category {name!r} (one of: {known})") from None
        if not way:
            gates.append((category, None))
            continue
        allowed = DIRECTIONS[category]
        if way not in {d.value for d in allowed}:
            choices = ", ".join(d.value for d in allowed)
            raise FailOnError(f"--fail-on {value!r}: {category.value} shifts go {choices}, not {way!r}")
        gates.append((category, Direction(way)))
    return FailOn(tuple(gates))
