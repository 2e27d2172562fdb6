"""What every command shares: writing output, choosing colour and width, reporting errors."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from dipdiff.atomic import write_atomic


def wants_color(stream_is_tty: bool) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    return stream_is_tty and not os.environ.get("NO_COLOR")


def stdout_is_tty() -> bool:
    """Whether standard output is a terminal."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_width(width: int | None) -> int:
    """The width to lay out for: the option, else the terminal's, else 100 columns."""
    if width:
        return width
    return shutil.get_terminal_size((100, 24)).columns


def emit(text: str, output: Path | None, *, force: bool = False) -> None:
    """Write the product to ``output`` atomically, or to standard output."""
    if output is not None:
        write_atomic(output, text, overwrite=force)
        return
    sys.stdout.write(text)
    sys.stdout.flush()


def error(message: str) -> None:
    """Print a one-line error to standard error."""
    line = " ".join(str(message).split())
    sys.stderr.write(f"dipdiff: error: {line}\n")
