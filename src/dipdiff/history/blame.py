"""``blame``: where each paragraph (or sentence) of a statement got its wording, like ``git blame``.

Statements are rewritten more than revised, so wording is traced unit by unit across *all* the
speaker's earlier statements, not just the previous one:

1. Every earlier unit's word 3-grams go into an inverted index (``ShingleIndex``); only 3-grams the
   blamed statement has are kept, since no other can make a candidate.
2. For each unit of the blamed statement, the earlier units sharing at least a quarter of its 3-grams
   are candidates; ``rapidfuzz.process.extract`` scores them (``fuzz.ratio`` on normalised text,
   0-100) and keeps those at or above the threshold. Each earlier statement counts once, with its
   best unit.
3. *since*: the earliest statement carrying the wording, followed back hop by hop (a 1993 paragraph
   that matches 1980, which matches 1964, dates from 1964 even if 1993 and 1964 differ more).
4. *changed*: if the latest carrier has today's wording exactly (after normalisation), walk back
   while the carriers stay exact: the oldest of that run is where the wording last changed
   (``carried``). Otherwise this statement changed it (``revised``). No carrier at all: ``new``.
5. In paragraph mode, each paragraph not carried whole also gets the number of its sentences that
   an earlier statement already had (steps 1-2 on sentences): a rewritten paragraph is often made of
   old sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from dipdiff.corpus.store import FileProblem
from dipdiff.errors import CorpusError
from dipdiff.history.corpus import corpus_files, date_order, load_parsed
from dipdiff.history.model import Blame, BlameLine, Origin, Parsed, Progress, Status
from dipdiff.history.units import Piece, Unit, piece_text, pieces
from dipdiff.resources import packaged_yaml

if TYPE_CHECKING:
    from dipdiff.index import CorpusIndex

SHINGLE = 3
"""Words per shingle."""
MIN_SHARED = 0.25
"""Share of a unit's shingles a candidate must hold before it is scored."""
MIN_WORDS = 3
"""Units shorter than this (a stray "A" at a line break, "It") are not traced: any text has them."""


def default_threshold() -> float:
    """The packaged blame threshold (``data/history.yaml``)."""
    return float(packaged_yaml("history.yaml")["thresholds"]["blame"])


def _shingles(norm: str) -> set[tuple[str, ...]]:
    """The word 3-grams of a normalised text (the whole text when it is shorter)."""
    words = norm.split(" ")
    if len(words) < SHINGLE:
        return {tuple(words)}
    return set(zip(words, words[1:], words[2:], strict=False))


@dataclass
class ShingleIndex:
    """Earlier units, findable by the word 3-grams they contain."""

    statements: list[Parsed]
    """In date order; a unit's statement is its position here."""
    units: list[tuple[int, Piece]]
    firsts: list[int]
    """Per statement, the id of its first unit (a unit's number inside its statement is the rest)."""
    postings: dict[tuple[str, ...], list[int]]
    keep: set[tuple[str, ...]] | None = None
    """The only shingles indexed (the blamed statement's), or ``None`` for all."""

    @classmethod
    def build(
        cls, statements: Sequence[Parsed], unit: Unit, keep: set[tuple[str, ...]] | None = None
    ) -> ShingleIndex:
        """Index every unit of the statements (only the shingles in ``keep``, when given)."""
        units: list[tuple[int, Piece]] = []
        firsts: list[int] = []
        postings: dict[tuple[str, ...], list[int]] = {}
        for s, parsed in enumerate(statements):
            firsts.append(len(units))
            for piece in pieces(parsed, unit):
                uid = len(units)
                units.append((s, piece))
                shingles = _shingles(piece.norm)
                for shingle in shingles if keep is None else shingles & keep:
                    postings.setdefault(shingle, []).append(uid)
        return cls(list(statements), units, firsts, postings, keep)

    def matches(self, norm: str, threshold: float, before: int) -> dict[int, tuple[float, int]]:
        """Best match per statement earlier than position ``before``: ``{statement: (score, unit)}``."""
        shingles = _shingles(norm)
        if self.keep is not None:
            shingles &= self.keep
        shared: Counter[int] = Counter()
        for shingle in shingles:
            shared.update(self.postings.get(shingle, ()))
        floor = max(1, int(len(shingles) * MIN_SHARED))
        candidates = [uid for uid, n in shared.items() if n >= floor and self.units[uid][0] < before]
        if not candidates:
            return {}
        choices = [self.units[uid][1].norm for uid in candidates]
        best: dict[int, tuple[float, int]] = {}
        for _, score, k in process.extract(
            norm, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
        ):
            uid = candidates[k]
            s = self.units[uid][0]
            if s not in best or score > best[s][0]:
                best[s] = (score, uid)
        return best


def blame_statement(
    target: str,
    corpus: Path,
    index: CorpusIndex,
    *,
    unit: Unit = Unit.PARAGRAPH,
    any_speaker: bool = False,
    threshold: float | None = None,
    progress: Progress | None = None,
) -> Blame:
    """Attribute each unit of ``target`` to the earlier statements of the corpus that carry it."""
    threshold = default_threshold() if threshold is None else threshold
    (parsed,) = load_parsed(index, [target])
    me = Path(target).resolve()
    speakers = [] if any_speaker else [parsed.entry.speaker]
    if not any_speaker and not (corpus / parsed.entry.speaker).is_dir():
        # a file outside the corpus without a ``speaker`` field took its folder's name, or "unknown"
        who = (
            f"speaker {parsed.entry.speaker!r} has no folder in the corpus {corpus}"
            if parsed.statement.meta.get("speaker")
            else f"names no speaker (no 'speaker' in front matter) and is not filed in the corpus {corpus}"
        )
        raise CorpusError(f"{who}; pass --any-speaker to blame against every speaker", source=target)
    others = [p for p in corpus_files(corpus, speakers) if Path(p).resolve() != me]
    mine = date_order(parsed.entry)
    skipped: list[FileProblem] = []
    earlier = [p for p in load_parsed(index, others, progress, skipped) if date_order(p.entry) < mine]
    earlier.sort(key=lambda p: date_order(p.entry))
    result = blame_against(parsed, earlier, unit=unit, threshold=threshold, progress=progress)
    return replace(result, unreadable=tuple(skipped))


def blame_against(
    parsed: Parsed,
    earlier: Sequence[Parsed],
    *,
    unit: Unit = Unit.PARAGRAPH,
    threshold: float = 80.0,
    progress: Progress | None = None,
) -> Blame:
    """Blame a statement against earlier statements given in date order."""
    own = pieces(parsed, unit)
    # Only shingles the blamed statement has can make a candidate: index nothing else.
    keep = set().union(*(_shingles(piece.norm) for piece in own)) if own else set()
    index = ShingleIndex.build(earlier, unit, keep)
    lines = []
    for n, piece in enumerate(own):
        lines.append(_blame_piece(n, piece, parsed, index, threshold))
        if progress:
            progress("blaming", n + 1, len(own))
    if unit is Unit.PARAGRAPH:
        lines = _count_older_sentences(parsed, earlier, lines, threshold)
    notes = () if earlier else ("no earlier statements by this speaker: everything is new",)
    return Blame(parsed.entry, unit.value, threshold, len(earlier), tuple(lines), notes)


def _count_older_sentences(
    parsed: Parsed, earlier: Sequence[Parsed], lines: list[BlameLine], threshold: float
) -> list[BlameLine]:
    """For paragraphs not carried whole, count the sentences an earlier statement already had.

    Rewritten speeches keep sentences, not paragraphs: this shows how much of a "new" or revised
    paragraph is old wording.
    """
    open_paragraphs = {line.paragraph for line in lines if line.status is not Status.CARRIED}
    sentences = [s for s in pieces(parsed, Unit.SENTENCE) if s.paragraph in open_paragraphs]
    if not sentences or not earlier:
        return lines
    keep = set().union(*(_shingles(s.norm) for s in sentences))
    index = ShingleIndex.build(earlier, Unit.SENTENCE, keep)
    total: dict[int, int] = {}
    older: dict[int, int] = {}
    for sentence in sentences:
        total[sentence.paragraph] = total.get(sentence.paragraph, 0) + 1
        long_enough = sentence.end - sentence.start >= MIN_WORDS
        if long_enough and index.matches(sentence.norm, threshold, len(index.statements)):
            older[sentence.paragraph] = older.get(sentence.paragraph, 0) + 1
    return [
        replace(line, sentences=total.get(line.paragraph, 0), older_sentences=older.get(line.paragraph, 0))
        if line.paragraph in total
        else line
        for line in lines
    ]


def _blame_piece(n: int, piece: Piece, parsed: Parsed, index: ShingleIndex, threshold: float) -> BlameLine:
    """Trace one unit back through the index."""
    text = piece_text(parsed, piece)
    if piece.end - piece.start < MIN_WORDS:
        return BlameLine(n, piece.paragraph, text, Status.NEW, None, None)
    found = index.matches(piece.norm, threshold, len(index.statements))
    if not found:
        return BlameLine(n, piece.paragraph, text, Status.NEW, None, None)
    carriers = sorted(found)
    # since: the earliest carrier, then hop back from its unit while earlier carriers exist
    first = carriers[0]
    score, uid = found[first]
    for _ in range(len(index.statements)):
        back = index.matches(index.units[uid][1].norm, threshold, first)
        if not back:
            break
        first = min(back)
        uid = back[first][1]
        score = fuzz.ratio(piece.norm, index.units[uid][1].norm)
    since = _origin(index, uid, score)
    # changed: the oldest statement of the latest unbroken run of exact carriers
    changed = None
    for s in reversed(carriers):
        exact = index.units[found[s][1]][1].norm == piece.norm
        if not exact:
            break
        changed = _origin(index, found[s][1], 100.0)
    status = Status.CARRIED if changed is not None else Status.REVISED
    return BlameLine(n, piece.paragraph, text, status, since, changed, len(carriers))


def _origin(index: ShingleIndex, uid: int, score: float) -> Origin:
    """Describe an earlier unit."""
    s, piece = index.units[uid]
    parsed = index.statements[s]
    return Origin(parsed.entry, uid - index.firsts[s], piece_text(parsed, piece), round(score, 1))
