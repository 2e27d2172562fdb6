"""``dipdiff compare OLD NEW``: what changed between two statements."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dipdiff.cli.app import app
from dipdiff.cli.common import emit, stdout_is_tty, terminal_width, wants_color
from dipdiff.exitcodes import ExitCode
from dipdiff.options import DEFAULT_THRESHOLD, CompareOptions
from dipdiff.readers import InputFormat
from dipdiff.render import Format, RenderOptions, renderer


@app.command()
def compare(
    old: Annotated[
        str, typer.Argument(help="The earlier statement: a file, or - for standard input.")
    ],
    new: Annotated[
        str, typer.Argument(help="The later statement: a file, or - for standard input.")
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TERMINAL,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (atomically).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")] = False,
    changes_only: Annotated[
        bool, typer.Option("--changes-only", help="Hide equal paragraphs that did not move.")
    ] = False,
    width: Annotated[
        int | None, typer.Option(min=40, help="Layout width in columns (default: the terminal's).")
    ] = None,
    threshold: Annotated[
        float,
        typer.Option(
            min=0, max=100, help="Lowest similarity (0-100) at which paragraphs still pair."
        ),
    ] = DEFAULT_THRESHOLD,
    unordered: Annotated[
        bool,
        typer.Option("--unordered", help="Pair best matches regardless of order (two different speakers)."),
    ] = False,
    config: Annotated[
        Path | None, typer.Option(help="YAML file extending the normalisation rules.")
    ] = None,
    lexicon: Annotated[
        list[Path] | None, typer.Option(help="YAML file extending the shift lexicons (repeatable).")
    ] = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="CATEGORY[:DIRECTION]",
            help="Exit 1 only when such a shift occurs, e.g. intensity:up (repeatable).",
        ),
    ] = None,
    input_format: Annotated[
        InputFormat, typer.Option(help="Read both statements as this format.")
    ] = InputFormat.AUTO,
) -> None:
    """Align two statements paragraph by paragraph and show what changed, side by side."""
    from dipdiff.compare import compare_sources
    from dipdiff.shifts import parse_fail_on

    gates = parse_fail_on(fail_on or [])
    options = CompareOptions(threshold=threshold, unordered=unordered)
    comparison = compare_sources(
        old, new, options, config=config, lexicons=lexicon or [], input_format=input_format
    )
    color = output is None and wants_color(stdout_is_tty())
    layout = RenderOptions(
        width=terminal_width(width) if output is None else (width or 100),
        color=color,
        changes_only=changes_only,
    )
    emit(renderer(fmt)(comparison, layout), output, force=force)
    if gates:
        raise typer.Exit(ExitCode.DIFFERENT if gates.matches(comparison) else ExitCode.SAME)
    raise typer.Exit(ExitCode.DIFFERENT if comparison.summary.changed else ExitCode.SAME)
