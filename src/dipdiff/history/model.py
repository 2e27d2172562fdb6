"""Typed results of ``timeline``, ``track`` and ``blame``: frozen dataclasses the renderers read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from dipdiff.corpus.store import FileProblem
from dipdiff.model import Statement

Progress = Callable[[str, int, int], None]
"""Told ``(stage, done, total)`` as long operations advance; the command line draws a bar from it."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One statement of a corpus, as a series sees it."""

    path: str
    """The file, as given or found under the corpus folder."""
    speaker: str
    date: str
    """ISO 8601, possibly partial (``2017``, ``2017-03``), or ``unknown``."""
    title: str
    topics: tuple[str, ...] = ()

    @property
    def year(self) -> int | None:
        """The year of the date, when it has one."""
        head = self.date[:4]
        return int(head) if head.isdigit() else None

    @property
    def label(self) -> str:
        """A short name for gutters and charts: the file name without its folder."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A statement read and normalised once (and cached): what the history commands work on."""

    entry: Entry
    statement: Statement
    norm: tuple[str, ...]
    """Each paragraph's normalised token keys joined by single spaces (keys never hold spaces)."""
    sentences: tuple[tuple[tuple[int, int], ...], ...]
    """Per paragraph, the ``(start, end)`` token range of each sentence."""
    digest: str
    """Content hash of the file (with the normalisation rules' version): the cache key."""

    def keys(self, paragraph: int) -> list[str]:
        """Return the normalised token keys of one paragraph."""
        spans = self.sentences[paragraph]
        return self.norm[paragraph].split(" ") if spans else []


@dataclass(frozen=True, slots=True)
class ShiftCount:
    """How many position shifts of one category went each way between two statements."""

    category: str
    up: int
    down: int
    other: int


@dataclass(frozen=True, slots=True)
class ChangedBlock:
    """A reworded paragraph (or split, merge) between a statement and the one before it."""

    label: str
    """As ``compare`` names it: ``¶3 → ¶4 · modified · score 82.5``."""
    ops: tuple[tuple[str, str, str], ...]
    """The word diff: ``(op, old text, new text)`` with op ``equal``/``insert``/``delete``/``replace``."""


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """One statement of a timeline, compared with the speaker's previous one."""

    entry: Entry
    paragraphs: int
    words: int
    tone: float
    """Mean Goldstein weight of the tone cues used (-10 conflict .. +10 cooperation); 0 with none."""
    cues: int
    """How many tone cues the statement uses."""
    similarity: float | None
    """Word-level similarity 0-100 to the previous statement; ``None`` for the first."""
    equal: int = 0
    modified: int = 0
    added: int = 0
    removed: int = 0
    moved: int = 0
    split: int = 0
    merged: int = 0
    shifts: tuple[ShiftCount, ...] = ()
    explanations: tuple[str, ...] = ()
    """One line per position shift, as ``compare`` words it."""
    changes: tuple[ChangedBlock, ...] = ()
    """The reworded paragraphs, with their word diffs (at most ``MAX_CHANGES``)."""

    @property
    def up(self) -> int:
        """Shifts that strengthened a position."""
        return sum(s.up for s in self.shifts)

    @property
    def down(self) -> int:
        """Shifts that weakened a position."""
        return sum(s.down for s in self.shifts)


@dataclass(frozen=True, slots=True)
class Timeline:
    """A speaker's statements in date order, each compared with the one before."""

    speaker: str | None
    topic: str | None
    steps: tuple[TimelineStep, ...]
    unreadable: tuple[FileProblem, ...] = ()
    """The speaker's files that could not be read, left out of the series."""


@dataclass(frozen=True, slots=True)
class Sighting:
    """One place a tracked phrase (or a variant of it) occurs."""

    entry: Entry
    paragraph: int
    """0-based paragraph index."""
    sentence: str
    """The sentence it occurs in, original text."""
    text: str
    """The matching words, original text."""
    score: float


@dataclass(frozen=True, slots=True)
class SpeakerSpan:
    """When one speaker first and last used a variant, and how often."""

    speaker: str
    first: Entry
    last: Entry
    count: int


@dataclass(frozen=True, slots=True)
class Variant:
    """A group of sightings whose wording is the same after normalisation."""

    key: str
    """The normalised wording that groups the sightings."""
    forms: tuple[str, ...]
    """Distinct original spellings, most frequent first."""
    sightings: tuple[Sighting, ...]
    speakers: tuple[SpeakerSpan, ...]


@dataclass(frozen=True, slots=True)
class Track:
    """A phrase followed through a corpus."""

    phrase: str
    threshold: float
    statements: int
    """How many statements were searched."""
    variants: tuple[Variant, ...]
    per_year: tuple[tuple[int, int], ...]
    """``(year, sightings)`` for every year from the first to the last sighting."""
    unreadable: tuple[FileProblem, ...] = ()
    """Files that could not be read, left out of the search (not counted in ``statements``)."""


class Status(str, Enum):
    """Where a unit of the blamed statement comes from."""

    NEW = "new"
    """No earlier statement carries this wording."""
    CARRIED = "carried"
    """An earlier statement carries it word for word (after normalisation)."""
    REVISED = "revised"
    """Earlier statements carry a close version; this statement changed it."""


@dataclass(frozen=True, slots=True)
class Origin:
    """An earlier statement's unit that carries a blamed unit's wording."""

    entry: Entry
    unit: int
    """0-based index of the paragraph (or sentence) in that statement."""
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class BlameLine:
    """One paragraph or sentence of the blamed statement and its lineage."""

    index: int
    paragraph: int
    """0-based paragraph it belongs to."""
    text: str
    status: Status
    since: Origin | None
    """The earliest earlier statement carrying this wording (following the chain back)."""
    changed: Origin | None
    """The oldest statement of the latest unbroken run carrying today's exact wording; ``None`` when
    this statement changed it (or it is new)."""
    carriers: int = 0
    """How many earlier statements carry this wording."""
    sentences: int = 0
    """Paragraph mode, for a paragraph not carried whole: how many sentences it has (else 0)."""
    older_sentences: int = 0
    """... and how many of them an earlier statement already had."""


@dataclass(frozen=True, slots=True)
class Blame:
    """A statement, unit by unit, with where each unit's wording comes from."""

    entry: Entry
    unit: str
    """``paragraph`` or ``sentence``."""
    threshold: float
    predecessors: int
    lines: tuple[BlameLine, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    unreadable: tuple[FileProblem, ...] = ()
    """Files among the earlier statements that could not be read, left out."""
