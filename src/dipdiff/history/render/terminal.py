"""Terminal output of the history commands, drawn with rich (imported only here).

rich measures East Asian wide characters, so tables stay aligned with Korean and Chinese text.
Without colour the output is plain text, fit for pipes and golden files.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dipdiff.corpus.store import FileProblem
from dipdiff.history.model import Blame, Status, Timeline, Track
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
from dipdiff.render.labels import shorten_middle
from dipdiff.visible import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_STATUS_STYLE = {Status.NEW: "bold green", Status.CARRIED: "dim", Status.REVISED: "yellow"}


def _console(layout: HistoryLayout) -> tuple[Console, io.StringIO]:
    """A rich console writing into a string, coloured only when asked."""
    from rich.console import Console

    class _VisibleConsole(Console):
        """Every string printed or put in a table shows its control characters as escapes."""

        def render_str(self, text: str, **kwargs: Any) -> Text:
            return super().render_str(visible(text), **kwargs)

    out = io.StringIO()
    console = _VisibleConsole(
        file=out,
        width=max(layout.width, 40),
        force_terminal=layout.color,
        no_color=not layout.color,
        color_system="standard" if layout.color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        _environ={},
    )
    return console, out


def _lines(out: io.StringIO) -> str:
    """What was printed, less the spaces rich leaves at line ends (a table's padding, a wrapped
    line's break), which a pasted report would carry."""
    return "\n".join(line.rstrip(" ") for line in out.getvalue().split("\n"))


def timeline(result: Timeline, layout: HistoryLayout) -> str:
    """The table of statements, then the similarity and tone charts."""
    from rich import box
    from rich.table import Table

    console, out = _console(layout)
    scope = f" · topic {result.topic}" if result.topic else ""
    console.print(f"timeline: {result.speaker}{scope} · {count(len(result.steps), 'statement')}")
    # two spaces between columns, not rich's three: thirteen columns then fit an 80-column terminal
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1, 0, 0))
    for name, justify in (
        ("date", "left"),
        ("statement", "left"),
        ("¶", "right"),
        ("sim", "right"),
        ("=", "right"),
        ("~", "right"),
        ("<", "right"),
        (">", "right"),
        ("+", "right"),
        ("−", "right"),
        ("↷", "right"),
        ("tone", "right"),
        ("shifts ▲/▼", "left"),
    ):
        wraps = name in ("statement", "shifts ▲/▼")
        table.add_column(name, justify=justify, no_wrap=not wraps)  # type: ignore[arg-type]
    rows = [
        [
            step.entry.date,
            stem(step.entry),
            str(step.paragraphs),
            similarity_cell(step),
            *count_cells(step, first=n == 0),
            f"{step.tone:+.2f}",
            shift_cell(step),
        ]
        for n, step in enumerate(result.steps)
    ]
    names = _statement_width([column.header for column in table.columns], rows, console.width)
    for row in rows:
        row[1] = shorten_middle(row[1], names)
        table.add_row(*row)
    console.print(table)
    # one key a line: wrapped as one text, the line broke after "cooperation;" with a space left at its end
    console.print("= equal, ~ modified, < split, > merged, + added, − removed, ↷ moved paragraphs")
    console.print("tone: −10 conflict … +10 cooperation")
    console.print("shifts: positions strengthened ▲ / weakened ▼, per category")
    for line in _charts(result, layout.width):
        console.print(line, style="cyan" if "•" in line else None)
    for line in timeline_findings(result):
        console.print(line)
    return _lines(out)


_SHIFTS_ROOM = 24
"""Columns the shifts cell may take before it wraps, when statement names need the room."""


def _statement_width(headers: list[Any], rows: list[list[str]], width: int) -> int:
    """The columns left for statement names once the other columns have their natural width.

    The shifts column (last) wraps, so it gives up room down to ``_SHIFTS_ROOM``; names longer than
    what is left are shortened in the middle rather than cut at the end, so same-day statements
    (``…-of-china-v01``, ``…-of-china-v02``) stay apart.
    """
    from rich.cells import cell_len

    natural = [max(cell_len(str(h)), *(cell_len(row[k]) for row in rows)) for k, h in enumerate(headers)]
    natural[-1] = min(natural[-1], max(_SHIFTS_ROOM, cell_len(str(headers[-1]))))
    gaps = 2 * (len(headers) - 1)  # a space of padding and the divider between two columns
    return max(16, width - gaps - sum(natural) + natural[1])


def _charts(result: Timeline, width: int) -> list[str]:
    """The similarity chart and the tone chart, as text lines."""
    labels = [step.entry.date for step in result.steps]
    tones = [step.tone for step in result.steps]
    low, high = min([*tones, 0.0]), max([*tones, 0.0])
    pad = max(0.5, (high - low) * 0.1)
    lines = ["", "similarity to the previous statement (0–100)"]
    lines += text_chart([s.similarity for s in result.steps], labels, lo=0, hi=100, height=6, width=width)
    lines += ["", "tone index"]
    lines += text_chart(tones, labels, lo=round(low - pad, 1), hi=round(high + pad, 1), height=6, width=width)
    return lines


def track(result: Track, layout: HistoryLayout) -> str:
    """Variants with their speakers' first and last use, then sightings per year."""
    console, out = _console(layout)
    console.print(track_summary(result))
    for variant in result.variants[:25]:
        forms = " / ".join(f"“{f}”" for f in variant.forms[:3])
        console.print("")
        console.print(f"{len(variant.sightings)}× {forms}", style="bold")
        for span in variant.speakers:
            # names too long for the line are shortened in the middle, as in the timeline, so the line
            # does not break inside one and the end telling same-day statements apart stays
            fixed = f"  {span.speaker}: first {span.first.date} (), last {span.last.date} (), {span.count}×"
            room = max(16, (layout.width - len(fixed)) // 2)
            first, last = (shorten_middle(stem(entry), room) for entry in (span.first, span.last))
            when = f"first {span.first.date} ({first}), last {span.last.date} ({last})"
            console.print(f"  {span.speaker}: {when}, {span.count}×")
    if len(result.variants) > 25:
        console.print(f"\n({len(result.variants) - 25} rarer variants not shown; see --format json)")
    if result.per_year:
        console.print("\nsightings per year")
        for line in bar_lines(result.per_year, layout.width):
            console.print(line)
    _print_left_out(console, result.unreadable)
    return _lines(out)


def _print_left_out(console: Console, problems: Sequence[FileProblem]) -> None:
    """Name the files that could not be read, so a saved report says it is incomplete."""
    if problems:
        console.print("")
    for line in left_out(problems):
        console.print(line, style="red")


_GUTTER = 34
"""Columns of each blame gutter cell (``changed here (12/15 sentences older)`` and a little less)."""


def blame(result: Blame, layout: HistoryLayout) -> str:
    """A gutter (since, last changed) beside each unit's text."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console, out = _console(layout)
    entry = result.entry
    console.print(f"blame: {entry.path} ({entry.title}; {entry.speaker}; {entry.date})")
    earlier = count(result.predecessors, "earlier statement")
    console.print(f"against {earlier} · threshold {result.threshold:g}")
    console.print(blame_summary(result))
    for note in result.notes:
        console.print(f"note: {note}", style="yellow")
    _print_left_out(console, result.unreadable)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("since", no_wrap=True, max_width=_GUTTER)
    table.add_column("last changed", no_wrap=True, max_width=_GUTTER)
    table.add_column("¶", justify="right", no_wrap=True)
    # fold, never crop: rich cut a Korean line that filled the column exactly with "…", dropping a
    # syllable ("감사의" shown "감사 …")
    table.add_column("text", ratio=1, overflow="fold")
    for line in result.lines:
        since, changed = gutter(line, _GUTTER)
        style = _STATUS_STYLE[line.status]
        table.add_row(
            Text(visible(since), style=style),
            Text(visible(changed), style=style),
            str(line.paragraph + 1),
            Text(visible(line.text)),
        )
    console.print(table)
    return _lines(out)
