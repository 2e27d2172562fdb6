"""What every command shares: writing output, choosing colour and width, reporting errors."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from dipdiff.atomic import write_atomic
from dipdiff.errors import OutputError
from dipdiff.exitcodes import ExitCode
from dipdiff.visible import visible, visible_output

if TYPE_CHECKING:
    from dipdiff.corpus.store import FileProblem

FormatT = TypeVar("FormatT", bound=Enum)

EXTENSION_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "terminal",
}
"""The format an ``--output`` file's extension names (``.txt``: the terminal view without colour)."""


def wants_color(stream_is_tty: bool) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    return stream_is_tty and not os.environ.get("NO_COLOR")


def stdout_is_tty() -> bool:
    """Whether standard output is a terminal."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_height() -> int:
    """The terminal's height in lines, else 24."""
    return shutil.get_terminal_size((100, 24)).lines


def terminal_width(width: int | None) -> int:
    """The width to lay out for: the option, else the terminal's, else 100 columns."""
    if width:
        return width
    return shutil.get_terminal_size((100, 24)).columns


def output_format(
    chosen: FormatT | None, output: Path | None, choices: type[FormatT], default: FormatT
) -> FormatT:
    """The ``--format`` given, else the one the ``--output`` file's extension names, else ``default``.

    A format that contradicts the extension (``-f json -o report.html``) is refused, as is an extension
    naming a format the command does not offer.
    """
    implied = EXTENSION_FORMATS.get(output.suffix.lower()) if output is not None else None
    if implied is None:
        return default if chosen is None else chosen
    if chosen is not None and chosen.value != implied:
        raise OutputError(
            f"the extension asks for {implied} but --format is {chosen.value}; "
            "drop --format or change the extension",
            source=str(output),
        )
    offered = [member.value for member in choices]
    if implied not in offered:
        raise OutputError(
            f"this command has no {implied} output; choose one of: {', '.join(offered)}",
            source=str(output),
        )
    return choices(implied)


def emit(text: str, output: Path | None, *, force: bool = False, styled: bool = False) -> None:
    """Write the product to ``output`` atomically, or to standard output.

    Control characters from the statements are shown as escapes (``dipdiff.visible``); ``styled``
    output keeps the colour codes its renderer wrote.
    """
    text = visible_output(text, styled=styled)
    if output is not None:
        write_atomic(output, text, overwrite=force)
        return
    sys.stdout.write(text)
    sys.stdout.flush()


def error(message: str) -> None:
    """Print a one-line error to standard error."""
    line = visible(" ".join(str(message).split()))
    sys.stderr.write(f"dipdiff: error: {line}\n")


def warning(message: str) -> None:
    """Print a one-line warning to standard error."""
    line = visible(" ".join(str(message).split()))
    sys.stderr.write(f"dipdiff: warning: {line}\n")


def fail_on_unreadable(problems: Sequence[FileProblem]) -> None:
    """After the output: one error line per corpus file that could not be read, and exit 2, so CI
    cannot take a result with files left out for a whole one."""
    import typer

    for problem in problems:
        error(f"{problem.path}: {problem.problem}")
    if problems:
        raise typer.Exit(ExitCode.TROUBLE)


@contextlib.contextmanager
def progress_bar() -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress callback drawing one bar per stage on standard error when it is a terminal; None
    otherwise (pipes, CI logs and redirected runs get no bar)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    with Bar(console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, Any] = {}

        def advance(stage: str, done: int, total: int) -> None:
            """Draw one stage's progress as its own bar."""
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield advance
