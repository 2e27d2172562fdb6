"""Typed values passed between the pipeline's stages.

Everything here is a frozen dataclass, a named tuple or an enum: the stages take these and return
these, and only the renderers turn them into text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any, NamedTuple


class BlockKind(str, Enum):
    """How paragraphs of the old statement correspond to paragraphs of the new one."""

    EQUAL = "equal"
    MODIFIED = "modified"
    SPLIT = "split"
    MERGED = "merged"
    ADDED = "added"
    REMOVED = "removed"

    def mirrored(self) -> BlockKind:
        """Return the kind seen from the other side (a split read backwards is a merge)."""
        return _MIRROR_KIND.get(self, self)


_MIRROR_KIND = {
    BlockKind.SPLIT: BlockKind.MERGED,
    BlockKind.MERGED: BlockKind.SPLIT,
    BlockKind.ADDED: BlockKind.REMOVED,
    BlockKind.REMOVED: BlockKind.ADDED,
}


class Mode(str, Enum):
    """What kind of comparison two statements call for (how much of their text survives)."""

    REVISION = "revision"
    """One text edited: most paragraphs survive, near-identical; pairs keep their order."""
    REWRITE = "rewrite"
    """The same speaker rewriting: little text survives; paragraphs pair by what they are about."""
    SPEAKERS = "speakers"
    """Two speakers: paragraphs pair by what they are about, regardless of order."""


class Op(str, Enum):
    """A word-level edit operation, difflib's vocabulary."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"

    def mirrored(self) -> Op:
        """Return the operation seen from the other side."""
        if self is Op.INSERT:
            return Op.DELETE
        if self is Op.DELETE:
            return Op.INSERT
        return self


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement as read from a file: metadata and original paragraphs."""

    source: str
    """Where it was read from: a path, or ``-`` for standard input."""
    paragraphs: tuple[str, ...]
    """The paragraphs' original text, markup removed, in reading order."""
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Front matter or page metadata (title, speaker, date, ...); empty when there is none."""
    lines: tuple[int, ...] = ()
    """1-based line in the source file where each paragraph starts, when known."""
    notes: tuple[str, ...] = ()
    """What the reader did to the text that a reader of the results should know (re-flowed lines)."""

    @property
    def shown_source(self) -> str:
        """The source as reports name it: ``standard input`` for ``-``."""
        return "standard input" if self.source == "-" else self.source


class Token(NamedTuple):
    """A word or a punctuation mark of a paragraph, with the text that separates it from the next.

    A named tuple rather than a frozen dataclass: statements have tens of thousands of tokens, and a
    tuple is built several times faster.
    """

    text: str
    """The original characters."""
    key: str
    """The normalised form used for matching."""
    trail: str
    """Whitespace after the token in the original; ``"\\n\\n"`` where one paragraph ends and the next
    begins inside a split or merged block."""


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One run of the word diff inside a block.

    ``old`` and ``new`` hold the original words of each side, with the whitespace that followed them,
    so that joining every op's ``old`` gives back the old text of the block.
    """

    op: Op
    old: str
    new: str

    def mirrored(self) -> DiffOp:
        """Return the op seen from the other side."""
        return DiffOp(self.op.mirrored(), self.new, self.old)


class Direction(str, Enum):
    """Which way a position shift goes."""

    UP = "up"
    DOWN = "down"
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"

    def mirrored(self) -> Direction:
        """Return the direction seen from the other side."""
        return _MIRROR_DIRECTION.get(self, self)


_MIRROR_DIRECTION = {
    Direction.UP: Direction.DOWN,
    Direction.DOWN: Direction.UP,
    Direction.ADDED: Direction.REMOVED,
    Direction.REMOVED: Direction.ADDED,
}


class Category(str, Enum):
    """What kind of position a shift touches."""

    INTENSITY = "intensity"
    MODALITY = "modality"
    NEGATION = "negation"
    HEDGE = "hedge"
    ACTOR = "actor"
    TERM = "term"
    NUMBER = "number"


DIRECTIONS: dict[Category, tuple[Direction, ...]] = {
    Category.INTENSITY: (Direction.UP, Direction.DOWN),
    Category.MODALITY: (Direction.UP, Direction.DOWN),
    Category.NEGATION: (Direction.ADDED, Direction.REMOVED),
    Category.HEDGE: (Direction.ADDED, Direction.REMOVED),
    Category.ACTOR: (Direction.ADDED, Direction.REMOVED),
    Category.TERM: (Direction.ADDED, Direction.REMOVED, Direction.CHANGED),
    Category.NUMBER: (Direction.CHANGED, Direction.ADDED, Direction.REMOVED),
}
"""The directions each category's shifts can take."""


@dataclass(frozen=True, slots=True)
class Shift:
    """A change of position found in one block's word diff."""

    category: Category
    direction: Direction
    old: str
    """The old wording that carries the shift (empty when something was added)."""
    new: str
    """The new wording that carries the shift (empty when something was removed)."""
    explanation: str
    """One line a reader understands, e.g. ``tone hardened: concerned -> gravely concerned``."""
    confidence: float = 1.0
    """How likely (0-1) a careful reader agrees this is a change of position, from the rule that found
    it and what weakens it (a rewritten clause, a loosely paired block); ``--min-confidence`` hides
    shifts below a level."""
    named_elsewhere: bool = False
    """For an actor or key term: the other statement names it in another paragraph, so the change holds
    for this paragraph only and is no news for the statement as a whole."""
    old_id: str | None = None
    """For an actor or key term: the id of what ``old`` names, whatever its wording (an ISO alpha-3
    code, ``UN``, ``person:Medvedev``, a term as the lexicon lists it); ``None`` when nothing is named
    on the old side, and for other categories."""
    new_id: str | None = None
    """The same for ``new``."""


@dataclass(frozen=True, slots=True)
class Passage:
    """The sentences of one side of a block that carry its match with the other side."""

    first: int
    """0-based index of the first such sentence in the block's text."""
    last: int
    """0-based index of the last such sentence (inclusive)."""
    sentences: int
    """How many sentences the block's text has."""
    start: int
    """Character offset where the passage starts in the block's text (its diff ops' text joined)."""
    end: int
    """Character offset where the passage ends."""


@dataclass(frozen=True, slots=True)
class Block:
    """A group of old paragraphs matched to a group of new paragraphs."""

    kind: BlockKind
    old: tuple[int, ...]
    """0-based indices into the old statement's paragraphs, ascending."""
    new: tuple[int, ...]
    """0-based indices into the new statement's paragraphs, ascending."""
    moved: bool
    """True when the block sits elsewhere in the new statement's order than in the old one's."""
    score: float | None
    """Similarity 0-100 of the normalised texts; ``None`` for added and removed paragraphs."""
    diff: tuple[DiffOp, ...]
    shifts: tuple[Shift, ...] = ()
    affinity: float | None = None
    """How much the two sides are about the same thing (0-100, rare shared names and words weighing
    most), for pairs made on it in the rewrite and speakers modes; ``None`` otherwise."""
    passages: tuple[Passage | None, Passage | None] = (None, None)
    """Old and new: the sentences carrying the match, where only part of a side does."""
    subject: tuple[str, ...] = ()
    """The block's strongest names and terms, labelling its subject (rewrite and speakers modes)."""
    less_sure: int = 0
    """Shifts found in the block but less sure than ``--min-confidence``, and so not in ``shifts``."""


@dataclass(frozen=True, slots=True)
class Related:
    """An old and a new paragraph that may address the same matter, below the affinity at which
    pairs are shown (rewrite and speakers modes): a hint, not a pair. Both paragraphs stay in their
    blocks (added, removed, or another pair), and no shifts are read between them."""

    old: int
    """0-based index of the old paragraph."""
    new: int
    """0-based index of the new paragraph."""
    affinity: float
    """How much the two are about the same thing (0-100), on the scale of ``Block.affinity``."""
    shares: tuple[str, ...]
    """The strongest names and terms the two share."""

    def mirrored(self) -> Related:
        """Return the hint seen from the other side."""
        return Related(self.new, self.old, self.affinity, self.shares)


@dataclass(frozen=True, slots=True)
class Summary:
    """How many paragraphs, counted in blocks, fell into each kind."""

    equal: int = 0
    modified: int = 0
    split: int = 0
    merged: int = 0
    added: int = 0
    removed: int = 0
    moved: int = 0

    @classmethod
    def of(cls, blocks: tuple[Block, ...]) -> Summary:
        """Count the blocks of each kind, and the moved ones."""
        counts = {kind.value: 0 for kind in BlockKind}
        for block in blocks:
            counts[block.kind.value] += 1
        return cls(**counts, moved=sum(block.moved for block in blocks))

    def counts(self) -> dict[str, int]:
        """The counts by kind, then moved, as plain values (for JSON and reports)."""
        return asdict(self)

    @property
    def changed(self) -> bool:
        """Whether anything other than equal paragraphs in place was found."""
        return any((self.modified, self.split, self.merged, self.added, self.removed, self.moved))


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing two statements."""

    old: Statement
    new: Statement
    similarity: float
    """0-100 for the whole statements: symmetric, and 100 exactly when the normalised texts are equal."""
    blocks: tuple[Block, ...]
    """In the new statement's order; a removed paragraph sits where it stood among its neighbours."""
    notes: tuple[str, ...] = ()
    """Things the reader should know about how the comparison was made (limits reached, fallbacks)."""
    mode: Mode = Mode.REVISION
    """How the paragraphs were paired: as a revision, a rewrite, or two speakers' statements."""
    related: tuple[Related, ...] = ()
    """Rewrite and speakers modes: paragraphs that may address the same matter but fall short of a
    pair (the tier below the pairs shown), strongest first; never counted as paired."""

    @property
    def summary(self) -> Summary:
        """Count blocks by kind."""
        return Summary.of(self.blocks)

    def shift_counts(self) -> dict[Category, dict[Direction, int]]:
        """How many shifts of each category went each way, in the order first met."""
        counts: dict[Category, dict[Direction, int]] = {}
        for _, shift in self.shifts:
            per = counts.setdefault(shift.category, {})
            per[shift.direction] = per.get(shift.direction, 0) + 1
        return counts

    @property
    def shifts(self) -> tuple[tuple[int, Shift], ...]:
        """Every shift with the position of its block."""
        return tuple((i, shift) for i, block in enumerate(self.blocks) for shift in block.shifts)
