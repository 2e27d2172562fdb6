"""Words every history renderer uses for the same things: counts, gutters, summaries."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from dipdiff.corpus.store import FileProblem
from dipdiff.history.model import Blame, BlameLine, Entry, Status, Timeline, TimelineStep, Track
from dipdiff.render.labels import shorten_middle


def count(n: int, noun: str) -> str:
    """``1 statement``, ``2 statements``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def stem(entry: Entry) -> str:
    """A statement's file name without its suffix, or its date when the name starts with it."""
    label = entry.label
    name = label.rsplit(".", 1)[0] if "." in label else label
    return name.removeprefix(f"{entry.date}-") or name


def similarity_cell(step: TimelineStep) -> str:
    """Similarity to the previous statement, or a dash for the first."""
    return "—" if step.similarity is None else f"{step.similarity:.1f}"


def count_cells(step: TimelineStep, *, first: bool) -> list[str]:
    """Paragraphs equal, modified, split, merged, added, removed and moved (blocks, as compare counts
    them); blank for the first statement, which has nothing to be compared with."""
    if first:
        return [""] * 7
    counts = (step.equal, step.modified, step.split, step.merged, step.added, step.removed, step.moved)
    return [str(c) for c in counts]


def shift_cell(step: TimelineStep) -> str:
    """Ups and downs per category, e.g. ``intensity ▲2 ▼1, modality ▲1``."""
    parts = []
    for s in step.shifts:
        arrows = " ".join(a for a in (f"▲{s.up}" if s.up else "", f"▼{s.down}" if s.down else "") if a)
        if arrows:
            parts.append(f"{s.category} {arrows}")
    return ", ".join(parts)


def timeline_findings(result: Timeline) -> list[str]:
    """Sentences that answer "when did the wording harden?" from the numbers."""
    steps = result.steps
    lines = []
    if len(steps) > 1:
        drops = [(steps[i].tone - steps[i - 1].tone, steps[i]) for i in range(1, len(steps)) if steps[i].cues]
        if drops:
            delta, step = min(drops, key=lambda d: d[0])
            if delta < 0:
                lines.append(f"largest tone drop: {step.entry.date} ({delta:+.2f}, to {step.tone:+.2f})")
        hardest = max(steps, key=lambda s: (sum(x.up for x in s.shifts if x.category == "intensity"), s.up))
        ups = sum(x.up for x in hardest.shifts if x.category == "intensity")
        if ups:
            lines.append(f"most intensity ▲: {hardest.entry.date} ({ups})")
        compared = [s for s in steps if s.similarity is not None]
        if compared:
            low = min(compared, key=lambda s: s.similarity or 0.0)
            lines.append(f"least like its predecessor: {low.entry.date} (similarity {low.similarity:.1f})")
    return lines + left_out(result.unreadable)


def gutter(line: BlameLine, width: int | None = None) -> tuple[str, str]:
    """The two gutter cells of a blame line: where the wording comes from, and where it last changed.

    With ``width``, a statement's name too long for its cell is shortened in the middle, keeping the
    end that tells same-day statements apart (``…-trade-v01``)."""
    older = f" ({line.older_sentences}/{line.sentences} sentences older)" if line.older_sentences else ""
    if line.status is Status.NEW or line.since is None:
        return f"new{older}", ""
    since = _origin_cell(line.since.entry, width)
    if line.changed is None:
        return since, f"changed here{older}"
    return since, _origin_cell(line.changed.entry, width)


def _origin_cell(entry: Entry, width: int | None) -> str:
    """``<date> <name>``, the name shortened in the middle to fit ``width`` when given."""
    name = stem(entry)
    if width is not None:
        name = shorten_middle(name, max(width - len(entry.date) - 1, 8))
    return f"{entry.date} {name}"


def blame_summary(result: Blame) -> str:
    """One line: how much is carried, revised and new, and how old the carried wording is."""
    counts = {status: 0 for status in Status}
    for line in result.lines:
        counts[line.status] += 1
    years = [line.since.entry.year for line in result.lines if line.since and line.since.entry.year]
    total = len(result.lines)
    text = (
        f"{count(total, result.unit)}: {counts[Status.CARRIED]} carried word for word, "
        f"{counts[Status.REVISED]} revised from earlier wording, {counts[Status.NEW]} new"
    )
    if years:
        text += f"; wording dates back to {min(years)} (median {int(statistics.median(years))})"
    return text


def track_summary(result: Track) -> str:
    """One line: how many sightings, variants and statements."""
    sightings = sum(len(v.sightings) for v in result.variants)
    statements = len({s.entry.path for v in result.variants for s in v.sightings})
    return (
        f"“{result.phrase}”: {count(sightings, 'sighting')} in {statements} of "
        f"{count(result.statements, 'statement')}, {count(len(result.variants), 'variant')} "
        f"(threshold {result.threshold:g})"
    )


def left_out(problems: Sequence[FileProblem]) -> list[str]:
    """One line per file that could not be read and was left out (the command also exits 2)."""
    return [f"left out, could not be read: {problem.path}: {problem.problem}" for problem in problems]
