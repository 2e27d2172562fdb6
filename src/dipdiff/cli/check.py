"""``dipdiff check [PATH ...]``: lint a corpus (or some of its files) before they are merged."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dipdiff.check.formats import CheckFormat
from dipdiff.cli.app import command_app
from dipdiff.cli.common import emit, progress_bar
from dipdiff.cli.params import CorpusOption, MinConfidence, NoCacheOption, NoReflowOption, percent_option
from dipdiff.corpus.store import DEFAULT_CORPUS
from dipdiff.exitcodes import ExitCode
from dipdiff.options import DEFAULT_MIN_CONFIDENCE

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="[PATH]...", help="Statement files to check against the whole corpus (default: all)."
    ),
]
Since = Annotated[
    str | None, typer.Option(metavar="GIT_REF", help="Check the files added or changed since this git ref.")
]
FormatOption = Annotated[CheckFormat, typer.Option("--format", "-f", help="Report format.")]
EXIT_CODES = (
    "Exit status: 0 no errors; 1 errors found; 2 the check could not run (no corpus folder or "
    "speakers.yaml, a named file outside the corpus, an unknown git ref, bad options)."
)
NearThreshold = Annotated[
    float | None,
    percent_option("Similarity (0-100) from which statements are near-duplicates [default: 95]."),
]
FailOn = Annotated[
    list[str] | None,
    typer.Option(
        "--fail-on",
        metavar="CATEGORY[:DIRECTION]",
        help="Make a revision that shifts such a position an error, e.g. intensity:up (repeatable).",
    ),
]
CacheDir = Annotated[
    Path | None,
    typer.Option(metavar="DIR", help="Cache folder [default: .dipdiff-cache beside the corpus]."),
]

app = command_app()


@app.command(epilog=EXIT_CODES)
def check(
    paths: Paths = None,
    corpus: CorpusOption = DEFAULT_CORPUS,
    since: Since = None,
    fmt: FormatOption = CheckFormat.TEXT,
    near_threshold: NearThreshold = None,
    fail_on: FailOn = None,
    min_confidence: MinConfidence = DEFAULT_MIN_CONFIDENCE,
    cache_dir: CacheDir = None,
    no_cache: NoCacheOption = False,
    no_reflow: NoReflowOption = False,
) -> None:
    """Check statements: front matter, text, file paths, duplicates and supersedes links."""
    from dipdiff.check.context import CheckOptions
    from dipdiff.check.formats import formatter
    from dipdiff.check.run import run_check

    if fail_on:
        from dipdiff.shifts import parse_fail_on

        parse_fail_on(fail_on)  # refuses a bad gate before any work
    options = CheckOptions(
        near_threshold=-1.0 if near_threshold is None else near_threshold,
        fail_on=tuple(fail_on or ()),
        min_confidence=min_confidence,
        reflow=not no_reflow,
    )
    with progress_bar() as progress:
        report = run_check(
            corpus,
            paths or [],
            since=since,
            options=options,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            progress=progress,
        )
    emit(formatter(fmt)(report), None)
    raise typer.Exit(ExitCode.DIFFERENT if report.failed else ExitCode.SAME)
