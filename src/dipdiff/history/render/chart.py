"""Charts drawn in text (terminal, Markdown) and the geometry of the HTML report's SVG chart.

A text chart is a grid of characters: one column per statement (several statements share a column
when there are more statements than columns, averaged), a ``•`` at each value's row, the scale on the
left and the first and last labels underneath.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def text_chart(
    values: Sequence[float | None],
    labels: Sequence[str],
    *,
    lo: float,
    hi: float,
    height: int = 8,
    width: int = 72,
    mark: str = "•",
) -> list[str]:
    """Draw ``values`` (``None`` leaves a gap) between ``lo`` and ``hi`` as lines of text."""
    scale_width = max(len(f"{lo:g}"), len(f"{hi:g}")) + 1
    columns = max(1, min(len(values), width - scale_width - 2))
    buckets: list[list[float]] = [[] for _ in range(columns)]
    for i, value in enumerate(values):
        if value is not None:
            buckets[i * columns // max(1, len(values))].append(value)
    grid = [[" "] * columns for _ in range(height)]
    span = (hi - lo) or 1.0
    for c, bucket in enumerate(buckets):
        if bucket:
            mean = sum(bucket) / len(bucket)
            row = round((min(max(mean, lo), hi) - lo) / span * (height - 1))
            grid[height - 1 - row][c] = mark
    lines = []
    for r, row_chars in enumerate(grid):
        scale = f"{hi:g}" if r == 0 else f"{lo:g}" if r == height - 1 else ""
        lines.append(f"{scale:>{scale_width}} ┤{''.join(row_chars)}".rstrip())
    lines.append(" " * scale_width + " └" + "─" * columns)
    if labels:
        first, last = labels[0], labels[-1]
        gap = max(1, columns - len(first) - len(last))
        lines.append(" " * (scale_width + 2) + first + " " * gap + (last if len(labels) > 1 else ""))
    return lines


def bar_lines(counts: Sequence[tuple[int, int]], width: int = 60) -> list[str]:
    """One line per year with a bar of ``█`` proportional to its count; runs of empty years fold."""
    if not counts:
        return []
    top = max(count for _, count in counts) or 1
    room = max(10, width - 12)
    lines = []
    empty: list[int] = []
    for year, count in counts:
        if count == 0:
            empty.append(year)
            continue
        if empty:
            lines.append(_empty_run(empty))
            empty = []
        bar = "█" * max(1, round(count / top * room))
        lines.append(f"{year} {bar} {count}")
    return lines


def _empty_run(years: list[int]) -> str:
    """Mark years without a sighting in one line: ``1990 · (none)``, ``1994–2002 · (none)``."""
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return f"{span} · (none)"


@dataclass(frozen=True, slots=True)
class SvgPoint:
    """One statement on the HTML chart."""

    x: float
    y_similarity: float | None
    y_tone: float
    label: str
    href: str
    title: str


@dataclass(frozen=True, slots=True)
class SvgChart:
    """Everything the HTML template needs to draw the chart."""

    width: int
    height: int
    top: float
    bottom: float
    left: float
    right: float
    points: tuple[SvgPoint, ...]
    similarity_path: str
    tone_path: str


def svg_chart(
    similarity: Sequence[float | None],
    tone: Sequence[float],
    labels: Sequence[str],
    hrefs: Sequence[str],
    titles: Sequence[str],
    *,
    width: int = 900,
    height: int = 260,
) -> SvgChart:
    """Place similarity (0-100, left scale) and tone (-10..10, right scale) over the statements."""
    left, right, top, bottom = 44.0, width - 44.0, 16.0, height - 36.0
    count = len(labels)
    step = (right - left) / max(1, count - 1)

    def y_of(value: float, lo: float, hi: float) -> float:
        """The SVG row of a value on a scale from ``lo`` to ``hi``."""
        return round(bottom - (value - lo) / (hi - lo) * (bottom - top), 1)

    points = []
    for i in range(count):
        sim = similarity[i]
        points.append(
            SvgPoint(
                x=round(left + i * step if count > 1 else (left + right) / 2, 1),
                y_similarity=None if sim is None else y_of(sim, 0, 100),
                y_tone=y_of(max(-10.0, min(10.0, tone[i])), -10, 10),
                label=labels[i],
                href=hrefs[i],
                title=titles[i],
            )
        )
    sim_path = " ".join(
        f"{'M' if n == 0 else 'L'}{p.x},{p.y_similarity}"
        for n, p in enumerate(p for p in points if p.y_similarity is not None)
    )
    tone_path = " ".join(f"{'M' if n == 0 else 'L'}{p.x},{p.y_tone}" for n, p in enumerate(points))
    return SvgChart(width, height, top, bottom, left, right, tuple(points), sim_path, tone_path)
