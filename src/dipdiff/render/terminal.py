"""Side-by-side terminal view, drawn with rich.

Each block is a rule naming its paragraphs, kind, score and any move, then the old text on the left and
the new text on the right, then its position shifts. Without colour, deletions read ``[-so-]`` and
insertions ``{+so+}`` (wdiff's marks), so the view survives pipes, logs and golden files.
rich measures East Asian wide characters, so columns stay aligned in Chinese, Japanese and Korean.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from dipdiff.model import Block, BlockKind, Comparison, Direction, Op
from dipdiff.render import RenderOptions
from dipdiff.render.labels import block_label, describe_source, shift_line, shift_summary

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_STYLE = {
    "delete": "bold red strike",
    "insert": "bold green underline",
    "up": "bold red",
    "down": "bold cyan",
    "neutral": "yellow",
    "muted": "dim",
    "title": "bold",
}


def render(comparison: Comparison, options: RenderOptions) -> str:
    """Return the side-by-side view as text, with ANSI colour codes only when asked."""
    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out,
        width=max(options.width, 40),
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        _environ={},
    )
    _header(console, comparison)
    hidden = 0
    for block in comparison.blocks:
        if options.changes_only and block.kind is BlockKind.EQUAL and not block.moved:
            hidden += 1
            continue
        _block(console, block, options)
    if hidden:
        console.print(f"({hidden} equal paragraphs not shown)", style=_STYLE["muted"])
    return out.getvalue()


def _header(console: Console, comparison: Comparison) -> None:
    from rich.text import Text

    summary = comparison.summary
    console.print(Text("old: ", style=_STYLE["title"]) + Text(describe_source(comparison.old)))
    console.print(Text("new: ", style=_STYLE["title"]) + Text(describe_source(comparison.new)))
    counts = ", ".join(
        f"{getattr(summary, name)} {name}"
        for name in ("equal", "modified", "moved", "split", "merged", "added", "removed")
    )
    console.print(Text(f"similarity {comparison.similarity:g}/100 · {counts}"))
    for line in shift_summary(comparison):
        console.print(Text(line))
    for note in comparison.notes:
        console.print(Text(f"note: {note}", style=_STYLE["neutral"]))


def _block(console: Console, block: Block, options: RenderOptions) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.rule(Text(block_label(block)), align="left", style=_STYLE["muted"])
    grid = Table(
        box=box.MINIMAL,
        show_header=False,
        show_edge=False,
        expand=True,
        padding=(0, 1),
        border_style=_STYLE["muted"],
    )
    # fold, not ellipsis: Chinese and Japanese have no spaces to wrap at
    grid.add_column(ratio=1, overflow="fold")
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(
        _side(block, old=True, color=options.color), _side(block, old=False, color=options.color)
    )
    console.print(grid)
    for shift in block.shifts:
        arrow_style = {
            Direction.UP: _STYLE["up"],
            Direction.DOWN: _STYLE["down"],
        }.get(shift.direction, _STYLE["neutral"])
        console.print(Text("  ") + Text(shift_line(shift), style=arrow_style))


def _side(block: Block, *, old: bool, color: bool) -> Text:
    """The text of one side of a block, with its changed words marked."""
    from rich.text import Text

    text = Text()
    if not (block.old if old else block.new):
        return text
    for op in block.diff:
        words = op.old if old else op.new
        if not words:
            continue
        if op.op is Op.EQUAL:
            text.append(words)
            continue
        body = words.rstrip()
        trail = words[len(body) :]
        if color:
            text.append(body, style=_STYLE["delete" if old else "insert"])
        elif block.kind in (BlockKind.ADDED, BlockKind.REMOVED):
            text.append(body)
        else:
            text.append(f"[-{body}-]" if old else f"{{+{body}+}}")
        text.append(trail)
    return text
