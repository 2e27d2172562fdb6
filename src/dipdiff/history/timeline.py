"""``timeline``: a speaker's statements in date order, each compared with the one before it.

For every statement: its tone index (``tone``), and against its predecessor the compare engine's
similarity, paragraph counts (equal, modified, added, removed, moved, split, merged) and position
shifts per category. Each statement is tokenised once; the pairs are compared in two worker
processes, and each pair's numbers are cached by the two files' content hashes, so a second run
recomputes nothing.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dipdiff.corpus.store import FileProblem
from dipdiff.errors import CorpusError
from dipdiff.history.corpus import load_series
from dipdiff.history.model import (
    ChangedBlock,
    Parsed,
    Progress,
    ShiftCount,
    Timeline,
    TimelineStep,
)
from dipdiff.history.tone import tone_index
from dipdiff.model import Direction
from dipdiff.options import DEFAULT_MIN_CONFIDENCE, DEFAULT_THRESHOLD, CompareOptions
from dipdiff.render.labels import ARROWS

if TYPE_CHECKING:
    from dipdiff.index import CorpusIndex

RECORD_VERSION = "step-2"
"""Bump when a cached pair record changes shape."""
MAX_CHANGES = 40
"""Reworded paragraphs kept per pair for the HTML report (a rewritten speech has dozens)."""
_PARALLEL_FROM = 8
"""Compare in worker processes when at least this many pairs miss the cache."""


def build_timeline(
    corpus: Path,
    index: CorpusIndex,
    *,
    speaker: str | None = None,
    topic: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    progress: Progress | None = None,
) -> Timeline:
    """Load the speaker's statements (optionally one topic's) and compare each with the previous;
    shifts less sure than ``min_confidence`` are left out, as ``compare`` leaves them out."""
    if speaker is None and topic is None:
        _one_speaker_folder(corpus)  # before reading: a cold corpus of thousands takes a minute to read
    skipped: list[FileProblem] = []
    series = load_series(corpus, index, speakers=[speaker] if speaker else [], topic=topic, skipped=skipped)
    speakers = sorted({p.entry.speaker for p in series})
    # with --speaker, the series is that speaker's folder, even if a file in it names another speaker
    # (check reports it as misfiled): telling the user to pick a speaker they picked would be untrue
    if len(speakers) > 1 and speaker is None:
        raise CorpusError(_pick_one(speakers), source=str(corpus))
    if not series:
        what = f" on topic {topic!r}" if topic else ""
        if skipped:
            first = skipped[0]
            what += f"; {len(skipped)} unreadable, the first {first.path}: {first.problem}"
        raise CorpusError(f"no statements{what} to put on a timeline", source=str(corpus))
    options = CompareOptions(threshold=threshold, min_confidence=min_confidence)
    steps = timeline_of(series, index, options, progress)
    return Timeline(speaker or speakers[0], topic, steps, tuple(skipped))


def _one_speaker_folder(corpus: Path) -> None:
    """Refuse a corpus whose statements lie in several speaker folders, from its listing alone."""
    from dipdiff.corpus.store import open_corpus

    folders = sorted({entry.folder for entry in open_corpus(corpus).entries})
    if len(folders) > 1:
        raise CorpusError(_pick_one(folders), source=str(corpus))


def _pick_one(speakers: Sequence[str]) -> str:
    """Ask for ``--speaker``, naming the first few there are."""
    named = ", ".join(speakers[:8]) + (", …" if len(speakers) > 8 else "")
    return f"statements by {len(speakers)} speakers; pick one with --speaker ({named})"


def timeline_of(
    series: Sequence[Parsed],
    index: CorpusIndex,
    options: CompareOptions | None = None,
    progress: Progress | None = None,
) -> tuple[TimelineStep, ...]:
    """Compare each statement of an ordered series with the one before it (with ``options``' pairing
    threshold and lowest shift confidence)."""
    from dipdiff.index import comparison_context

    options = options or CompareOptions()
    keys = [
        ":".join(
            (
                RECORD_VERSION,
                a.digest,
                b.digest,
                f"{options.threshold:g}",
                f"{options.min_confidence:g}",
                comparison_context(a.entry.path, b.entry.path),
            )
        )
        for a, b in itertools.pairwise(series)
    ]
    kept = index.results("step", keys, _is_step)
    records: list[Any] = [kept.get(key) for key in keys]
    missing = [i for i, record in enumerate(records) if record is None]
    for i, record in zip(missing, _compare_pairs(series, missing, options, progress), strict=True):
        records[i] = record
        index.keep("step", keys[i], record)
    if missing:
        index.flush()
    steps = [_step(series[0], None)]
    steps += [_step(parsed, record) for parsed, record in zip(series[1:], records, strict=True)]
    return tuple(steps)


def _is_step(record: Any) -> bool:
    """Whether a kept value has the shape of a step record (``_compare_run``'s)."""

    if not (isinstance(record, tuple) and len(record) == 4):
        return False
    similarity, counts, shifts, changes = record
    return (
        isinstance(similarity, (int, float))
        and isinstance(counts, tuple)
        and len(counts) == 7
        and all(isinstance(n, int) for n in counts)
        and isinstance(shifts, tuple)
        and all(isinstance(s, tuple) and len(s) == 3 and all(isinstance(x, str) for x in s) for s in shifts)
        and isinstance(changes, tuple)
        and all(
            isinstance(c, tuple)
            and len(c) == 2
            and isinstance(c[0], str)
            and isinstance(c[1], tuple)
            and all(
                isinstance(op, tuple) and len(op) == 3 and all(isinstance(x, str) for x in op) for op in c[1]
            )
            for c in changes
        )
    )


def _step(parsed: Parsed, record: Any) -> TimelineStep:
    """Combine a statement's own numbers with its comparison's record."""
    tone, cues = tone_index(parsed.norm)
    step = TimelineStep(
        entry=parsed.entry,
        paragraphs=len(parsed.statement.paragraphs),
        words=sum(len(p.split()) for p in parsed.statement.paragraphs),
        tone=tone,
        cues=cues,
        similarity=None,
    )
    if record is None:
        return step
    similarity, counts, shifts, changes = record
    equal, modified, added, removed, moved, split, merged = counts
    return replace(
        step,
        similarity=similarity,
        equal=equal,
        modified=modified,
        added=added,
        removed=removed,
        moved=moved,
        split=split,
        merged=merged,
        shifts=_shift_counts(shifts),
        explanations=tuple(f"{ARROWS[Direction(direction)]} {line}" for _, direction, line in shifts),
        changes=tuple(ChangedBlock(label, tuple(ops)) for label, ops in changes),
    )


def _shift_counts(shifts: Sequence[tuple[str, str, str]]) -> tuple[ShiftCount, ...]:
    """Count shifts per category: up, down, and the rest (added, removed, changed)."""
    counts: dict[str, list[int]] = {}
    for category, direction, _ in shifts:
        row = counts.setdefault(category, [0, 0, 0])
        row[0 if direction == Direction.UP.value else 1 if direction == Direction.DOWN.value else 2] += 1
    return tuple(ShiftCount(c, *row) for c, row in sorted(counts.items()))


def _compare_pairs(
    series: Sequence[Parsed], missing: Sequence[int], options: CompareOptions, progress: Progress | None
) -> list[Any]:
    """Compare the pairs ``(series[i], series[i + 1])`` for each missing ``i``, in order.

    Progress moves with every pair. In worker processes each pair is its own job, so a statement
    is tokenised once for each of its two pairs: about 2% of the time a comparison of UN speeches
    takes, for a bar that does not stand still while half the work is done.
    """
    results: list[Any] = []
    workers = min(2, os.cpu_count() or 1)
    if len(missing) >= _PARALLEL_FROM and workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        jobs = [([_portable(series[i]), _portable(series[i + 1])], options) for i in missing]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for records in pool.map(_compare_run, jobs):
                results += records
                if progress:
                    progress("comparing", len(results), len(missing))
        return results
    # Runs of consecutive pairs share statements: each statement of a run is tokenised once.
    runs: list[list[int]] = []
    for i in missing:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        for record in _records([_portable(series[i]) for i in range(run[0], run[-1] + 2)], options):
            results.append(record)
            if progress:
                progress("comparing", len(results), len(missing))
    return results


def _portable(parsed: Parsed) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """What a worker process needs to rebuild a statement."""
    statement = parsed.statement
    return statement.source, statement.paragraphs, dict(statement.meta)


def _compare_run(job: tuple[list[tuple[str, tuple[str, ...], dict[str, Any]]], CompareOptions]) -> list[Any]:
    """Compare each statement of a run with the next (in a worker process): one record per pair."""
    statements, options = job
    return list(_records(statements, options))


def _records(
    statements: Sequence[tuple[str, tuple[str, ...], dict[str, Any]]], options: CompareOptions
) -> Iterator[Any]:
    """Tokenise each statement once and compare it with the next, yielding each pair's record."""
    from dipdiff.compare import compare_tokenised, tokenise_statement
    from dipdiff.model import BlockKind, Statement
    from dipdiff.normalise import default_normaliser
    from dipdiff.render.labels import block_label

    normaliser = default_normaliser()
    tokenised = (
        tokenise_statement(Statement(source, paragraphs, meta), normaliser)
        for source, paragraphs, meta in statements
    )
    for old, new in itertools.pairwise(tokenised):
        comparison = compare_tokenised(old, new, options)
        summary = comparison.summary
        counts = (
            summary.equal,
            summary.modified,
            summary.added,
            summary.removed,
            summary.moved,
            summary.split,
            summary.merged,
        )
        shifts = tuple(
            (shift.category.value, shift.direction.value, shift.explanation) for _, shift in comparison.shifts
        )
        changes = tuple(
            (block_label(block), tuple((op.op.value, op.old, op.new) for op in block.diff))
            for block in comparison.blocks
            if block.kind not in (BlockKind.EQUAL, BlockKind.ADDED, BlockKind.REMOVED)
        )[:MAX_CHANGES]
        yield comparison.similarity, counts, shifts, changes
