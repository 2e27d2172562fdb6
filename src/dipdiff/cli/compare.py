"""``dipdiff compare OLD NEW``: what changed between two statements."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dipdiff.atomic import check_target
from dipdiff.cli.app import command_app
from dipdiff.cli.common import (
    emit,
    output_format,
    stdout_is_tty,
    terminal_height,
    terminal_width,
    wants_color,
    warning,
)
from dipdiff.cli.params import (
    FORMAT_HELP,
    ForceOption,
    MinConfidence,
    OutputOption,
    WidthOption,
    percent_option,
)
from dipdiff.exitcodes import ExitCode
from dipdiff.model import Mode
from dipdiff.options import DEFAULT_MIN_CONFIDENCE, DEFAULT_THRESHOLD, CompareOptions
from dipdiff.readers import InputFormat
from dipdiff.render import Format, RenderOptions, renderer

Old = Annotated[
    str, typer.Argument(metavar="OLD", help="The earlier statement: a file, or - for standard input.")
]
New = Annotated[
    str, typer.Argument(metavar="NEW", help="The later statement: a file, or - for standard input.")
]
FormatOption = Annotated[Format | None, typer.Option("--format", "-f", help=FORMAT_HELP)]
ChangesOnly = Annotated[bool, typer.Option("--changes-only", help="Hide equal paragraphs that did not move.")]
Threshold = Annotated[float, percent_option("Lowest similarity (0-100) at which paragraphs still pair.")]
Unordered = Annotated[bool, typer.Option("--unordered", help="The same as --mode speakers.")]
ModeOption = Annotated[
    Mode | None,
    typer.Option(
        "--mode",
        help="How to pair paragraphs: revision, rewrite or speakers (default: from how much text survives).",
        show_default=False,
    ),
]
Config = Annotated[
    Path | None, typer.Option(metavar="FILE", help="YAML file extending the normalisation rules.")
]
Lexicons = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", metavar="FILE", help="YAML file extending the shift lexicons (repeatable)."),
]
FailOn = Annotated[
    list[str] | None,
    typer.Option(
        "--fail-on",
        metavar="CATEGORY[:DIRECTION]",
        help="Exit 1 only when such a shift occurs, e.g. intensity:up (repeatable).",
    ),
]
SpeakerOption = Annotated[
    str | None,
    typer.Option(
        "--speaker",
        metavar="NAME",
        help="Who speaks in both statements (China, CHN, ...), when their files do not say.",
    ),
]
InputFormatOption = Annotated[InputFormat, typer.Option(help="Read both statements as this format.")]
NoReflow = Annotated[
    bool, typer.Option("--no-reflow", help="Keep hard-wrapped lines as they are, not re-flowed.")
]

ContextOption = Annotated[
    str | None,
    typer.Option(
        metavar="N|all",
        help="Unchanged sentences kept around each change of a changed paragraph in the terminal view; "
        "the rest fold into one line, 'all' keeps everything [default: 1 for paragraphs longer than "
        "the screen, when writing to a terminal].",
    ),
]
DEFAULT_CONTEXT = 1
"""Sentences kept around a change when a paragraph is longer than the screen."""

EXIT_CODES = (
    "Exit status: 0 the statements are equal after normalisation; 1 they differ (with --fail-on: such "
    "a shift occurred); 2 trouble (bad input or options, an output file that may not be written)."
)

app = command_app()


@app.command(epilog=EXIT_CODES)
def compare(
    old: Old,
    new: New,
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    changes_only: ChangesOnly = False,
    width: WidthOption = None,
    threshold: Threshold = DEFAULT_THRESHOLD,
    unordered: Unordered = False,
    mode: ModeOption = None,
    config: Config = None,
    lexicon: Lexicons = None,
    fail_on: FailOn = None,
    speaker: SpeakerOption = None,
    min_confidence: MinConfidence = DEFAULT_MIN_CONFIDENCE,
    input_format: InputFormatOption = InputFormat.AUTO,
    no_reflow: NoReflow = False,
    context: ContextOption = None,
) -> None:
    """Align two statements paragraph by paragraph and show what changed, side by side."""
    from dipdiff.compare import compare_sources
    from dipdiff.shifts import parse_fail_on

    gates = parse_fail_on(fail_on or [])
    chosen = output_format(fmt, output, Format, Format.TERMINAL)
    if unordered and mode not in (None, Mode.SPEAKERS):
        raise typer.BadParameter(
            f"the same as --mode speakers, which contradicts --mode {mode.value}", param_hint="'--unordered'"
        )
    mode = Mode.SPEAKERS if unordered else mode
    if context is not None and chosen is not Format.TERMINAL:  # said, not silently dropped
        warning(f"--context folds the terminal view only; the {chosen.value} output keeps every sentence")
    options = CompareOptions(threshold, mode=mode, speaker=speaker, min_confidence=min_confidence)
    reflow = not no_reflow
    if output is not None:  # before any work, and never over a statement being compared
        check_target(output, overwrite=force, inputs=[old, new, config, *(lexicon or ())])
    comparison = compare_sources(
        old, new, options, config=config, lexicons=lexicon or (), input_format=input_format, reflow=reflow
    )
    layout = _layout(output, width, changes_only, context)
    styled = layout.color and chosen is Format.TERMINAL
    emit(renderer(chosen)(comparison, layout), output, force=force, styled=styled)
    raise typer.Exit(ExitCode.DIFFERENT if gates.fails(comparison) else ExitCode.SAME)


def _layout(output: Path | None, width: int | None, changes_only: bool, context: str | None) -> RenderOptions:
    """How to lay the comparison out: for the screen when writing to standard output."""
    on_terminal = output is None
    screen = on_terminal and stdout_is_tty()
    if context is None:
        kept, longer_than = (DEFAULT_CONTEXT, terminal_height()) if screen else (None, 0)
    elif context == "all":
        kept, longer_than = None, 0
    elif context.isdigit():
        kept, longer_than = int(context), 0
    else:
        raise typer.BadParameter("give a number of sentences or 'all'", param_hint="'--context'")
    return RenderOptions(
        width=terminal_width(width) if on_terminal else (width or 100),
        color=on_terminal and wants_color(stdout_is_tty()),
        changes_only=changes_only,
        context=kept,
        fold_longer_than=longer_than,
    )
