"""``dipdiff check [PATH ...]``: lint a corpus (or some of its files) before they are merged."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dipdiff.check.formats import CheckFormat
from dipdiff.cli.app import command_app
from dipdiff.cli.common import emit
from dipdiff.corpus.store import DEFAULT_CORPUS
from dipdiff.exitcodes import ExitCode

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="[PATH]...", help="Statement files to check against the whole corpus (default: all)."
    ),
]
Corpus = Annotated[Path, typer.Option(help="The corpus root (holds speakers.yaml).")]
Since = Annotated[
    str | None, typer.Option(metavar="GIT_REF", help="Check the files added or changed since this git ref.")
]
FormatOption = Annotated[CheckFormat, typer.Option("--format", "-f", help="Report format.")]
NearThreshold = Annotated[
    float | None,
    typer.Option(
        min=0, max=100, help="Similarity (0-100) from which statements are near-duplicates [default: 95]."
    ),
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
    Path | None, typer.Option(help="Cache folder [default: .dipdiff-cache beside the corpus].")
]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")]

app = command_app()


@app.command()
def check(
    paths: Paths = None,
    corpus: Corpus = DEFAULT_CORPUS,
    since: Since = None,
    fmt: FormatOption = CheckFormat.TEXT,
    near_threshold: NearThreshold = None,
    fail_on: FailOn = None,
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
) -> None:
    """Check statements: front matter, text, file paths, duplicates and supersedes links."""
    from dipdiff.check.context import CheckOptions
    from dipdiff.check.formats import formatter
    from dipdiff.check.run import run_check
    from dipdiff.shifts import parse_fail_on

    parse_fail_on(fail_on or [])  # refuses a bad gate before any work
    options = CheckOptions(
        near_threshold=-1.0 if near_threshold is None else near_threshold, fail_on=tuple(fail_on or ())
    )
    report = run_check(
        corpus, paths or [], since=since, options=options, cache_dir=cache_dir, use_cache=not no_cache
    )
    emit(formatter(fmt)(report), None)
    raise typer.Exit(ExitCode.DIFFERENT if report.failed else ExitCode.SAME)
