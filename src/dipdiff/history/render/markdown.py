"""Markdown output of the history commands: GitHub-flavoured tables, charts in a text fence."""

from __future__ import annotations

from dipdiff.history.model import Blame, Timeline, Track
from dipdiff.history.render import HistoryLayout
from dipdiff.history.render.chart import bar_lines, text_chart
from dipdiff.history.render.words import (
    blame_summary,
    count,
    count_cells,
    gutter,
    left_out,
    shift_cell,
    similarity_cell,
    stem,
    timeline_findings,
    track_summary,
)


def _cell(text: str) -> str:
    """Make text safe inside a table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def timeline(result: Timeline, layout: HistoryLayout) -> str:
    """A table of statements and the charts as text."""
    scope = f", topic {result.topic}" if result.topic else ""
    lines = [f"# Timeline: {_cell(result.speaker or '')}{scope}", ""]
    lines.append(
        "| date | statement | ¶ | similarity | equal | modified | split | merged | added | removed | moved "
        "| shifts | tone |"
    )
    lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for n, step in enumerate(result.steps):
        counts = count_cells(step, first=n == 0)
        lines.append(
            f"| {step.entry.date} | {_cell(step.entry.title)} (`{_cell(stem(step.entry))}`) "
            f"| {step.paragraphs} | {similarity_cell(step)} | {' | '.join(counts)} "
            f"| {_cell(shift_cell(step))} | {step.tone:+.2f} |"
        )
    labels = [s.entry.date for s in result.steps]
    tones = [s.tone for s in result.steps]
    lines += ["", "```text", "similarity to the previous statement (0–100)"]
    lines += text_chart([s.similarity for s in result.steps], labels, lo=0, hi=100, height=6)
    lines += ["", "tone index"]
    low, high = min([*tones, 0.0]), max([*tones, 0.0])
    lines += text_chart(tones, labels, lo=round(low - 0.5, 1), hi=round(high + 0.5, 1), height=6)
    lines += ["```", ""]
    lines += [f"- {_cell(finding)}" for finding in timeline_findings(result)]
    return "\n".join(lines) + "\n"


def track(result: Track, layout: HistoryLayout) -> str:
    """Variants, per-speaker first and last use, and sightings per year."""
    lines = [f"# Track: “{_cell(result.phrase)}”", "", track_summary(result), ""]
    lines += [
        "| variant | count | speaker | first | last | uses |",
        "| --- | ---: | --- | --- | --- | ---: |",
    ]
    for variant in result.variants:
        for n, span in enumerate(variant.speakers):
            head = f"“{_cell(variant.forms[0])}” | {len(variant.sightings)}" if n == 0 else " | "
            lines.append(
                f"| {head} | {span.speaker} | {span.first.date} `{_cell(stem(span.first))}` "
                f"| {span.last.date} `{_cell(stem(span.last))}` | {span.count} |"
            )
    if result.per_year:
        lines += ["", "```text", *bar_lines(result.per_year, 60), "```"]
    if result.unreadable:
        lines += ["", *(f"- {_cell(line)}" for line in left_out(result.unreadable))]
    return "\n".join(lines) + "\n"


def blame(result: Blame, layout: HistoryLayout) -> str:
    """A table: since, last changed, paragraph, text."""
    entry = result.entry
    lines = [
        f"# Blame: {_cell(entry.title)}",
        "",
        f"`{_cell(entry.path)}` ({entry.speaker}, {entry.date}), against "
        f"{count(result.predecessors, 'earlier statement')}, threshold {result.threshold:g}.",
        "",
        blame_summary(result),
        "",
        *(f"- {_cell(line)}" for line in left_out(result.unreadable)),
        *([""] if result.unreadable else []),
        "| since | last changed | ¶ | text |",
        "| --- | --- | ---: | --- |",
    ]
    for line in result.lines:
        since, changed = gutter(line)
        lines.append(f"| {_cell(since)} | {_cell(changed)} | {line.paragraph + 1} | {_cell(line.text)} |")
    return "\n".join(lines) + "\n"
