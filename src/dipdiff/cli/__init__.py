"""The ``dipdiff`` command line: thin commands over the library.

Each command parses options, calls one library function, picks a renderer and writes. Errors derived
from ``DipdiffError`` and bad usage become one line on standard error and exit code 2; a closed pipe
(``dipdiff ... | head``) ends quietly. Any other exception is a bug, but it must not look like a result:
exit codes 0 and 1 are answers ("same", "different", "problems found"), so a crash also ends in one line
and exit code 2, with the traceback printed only when ``DIPDIFF_DEBUG`` is set.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys

YOUNG_OBJECTS_BEFORE_A_COLLECTION = 50_000
"""The collector's first threshold for a dipdiff process (Python's default is 700). Start-up builds
tens of thousands of objects that live until exit (modules, classes, compiled patterns, reference
tables) and almost no cyclic garbage, so at the default the collector walks them again and again for
nothing; 50,000 young objects still bounds what a long corpus run can leave for it."""


def _spare_the_collector() -> None:
    """Set before Typer and the commands load: collect young objects rarely, and at exit set every
    object aside (``gc.freeze``) so the interpreter's last collections do not walk them all once more.

    Objects are still freed as their last reference goes; the cost is that cyclic garbage left at exit
    is not finalised, which dipdiff never relies on (output files are written and closed explicitly,
    through ``dipdiff.atomic``). Exit handlers run last registered first, so the freeze comes after those
    of every module loaded later.
    """
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS_BEFORE_A_COLLECTION, middle, old)
    atexit.register(gc.freeze)


_spare_the_collector()

from dipdiff.cli.app import app  # noqa: E402  (after the collector is set: Typer's import is half the start-up)
from dipdiff.cli.common import error  # noqa: E402
from dipdiff.errors import DipdiffError  # noqa: E402
from dipdiff.exitcodes import ExitCode  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    """Run the command line and exit with dipdiff's exit codes."""
    import typer

    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="dipdiff", standalone_mode=False)
    except DipdiffError as exc:
        error(str(exc))
        code = ExitCode.TROUBLE
    except typer.Abort:
        error("aborted")
        code = ExitCode.TROUBLE
    except typer.TyperException as exc:
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        error(message)
        code = ExitCode.TROUBLE
    except BrokenPipeError:
        _quiet_broken_pipe()
        code = ExitCode.SAME
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        code = 130
    except Exception as exc:
        _report_crash(exc)
        code = ExitCode.TROUBLE
    _flush_or_quiet()
    sys.exit(int(code) if isinstance(code, int) else 0)


DEBUG_VARIABLE = "DIPDIFF_DEBUG"
"""Set (to anything but empty or 0) to see the traceback of an internal error."""


def _report_crash(exc: Exception) -> None:
    """One line naming the exception; the whole traceback under ``DIPDIFF_DEBUG``."""
    if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
        hint = ""
    else:
        hint = f" (set {DEBUG_VARIABLE}=1 to see the traceback)"
    reason = str(exc)[:200]
    error(f"internal error: {type(exc).__name__}{': ' + reason if reason else ''}{hint}")


def _flush_or_quiet() -> None:
    """Flush standard output; if the reader has gone, say nothing."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()


def _quiet_broken_pipe() -> None:
    """Point standard output at /dev/null so the interpreter's final flush cannot complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
