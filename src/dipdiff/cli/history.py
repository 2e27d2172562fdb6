"""``dipdiff timeline``, ``track`` and ``blame``: how a speaker's wording moved over time."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dipdiff.cli.app import command_app
from dipdiff.cli.common import emit, stdout_is_tty, terminal_width, wants_color
from dipdiff.errors import OutputError
from dipdiff.exitcodes import ExitCode
from dipdiff.history.render import HistoryFormat

if TYPE_CHECKING:
    from dipdiff.history.model import Progress
    from dipdiff.history.store import Store

CorpusOption = Annotated[
    Path, typer.Option("--corpus", help="Corpus folder (speaker folders of statements).")
]
FormatOption = Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically).")]
ForceOption = Annotated[bool, typer.Option(help="Replace an existing --output file.")]
WidthOption = Annotated[
    int | None, typer.Option(min=40, help="Layout width in columns (default: the terminal's).")
]
CacheOption = Annotated[
    bool, typer.Option("--cache/--no-cache", help="Reuse parsed statements from .dipdiff-cache.")
]


@contextlib.contextmanager
def _session(corpus: Path, cache: bool) -> Iterator[tuple[Store, Progress | None]]:
    """Open the cache, and a progress bar on standard error when it is a terminal."""
    from dipdiff.history.store import Store, default_cache_path

    with Store(default_cache_path(corpus) if cache else None) as store:
        if not sys.stderr.isatty():
            yield store, None
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

            yield store, advance


def _writer(
    command: str, fmt: HistoryFormat, output: Path | None, force: bool, width: int | None
) -> Callable[[object], None]:
    """Check the format before any work, and return what renders and writes the result."""
    from dipdiff.history.render import HistoryLayout, history_renderer

    render = history_renderer(command, fmt)
    if output is not None and output.exists() and not force:
        raise OutputError("already exists; pass --force to replace it", source=str(output))
    layout = HistoryLayout(
        width=terminal_width(width) if output is None else (width or 100),
        color=output is None and wants_color(stdout_is_tty()),
    )
    return lambda result: emit(render(result, layout), output, force=force)


app = command_app()
"""Holds timeline, track and blame."""


@app.command()
def timeline(
    speaker: Annotated[str | None, typer.Option(help="Speaker id (a folder of the corpus).")] = None,
    topic: Annotated[str | None, typer.Option(help="Only statements with this topic.")] = None,
    corpus: CorpusOption = Path("corpus"),
    fmt: FormatOption = HistoryFormat.TERMINAL,
    output: OutputOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    threshold: Annotated[
        float, typer.Option(min=0, max=100, help="Paragraph pairing threshold, as in compare.")
    ] = 50.0,
    cache: CacheOption = True,
) -> None:
    """Show a speaker's statements in date order: similarity, changes, shifts and tone, charted."""
    from dipdiff.history.timeline import build_timeline

    write = _writer("timeline", fmt, output, force, width)
    with _session(corpus, cache) as (store, progress):
        result = build_timeline(
            corpus, store, speaker=speaker, topic=topic, threshold=threshold, progress=progress
        )
    write(result)


@app.command()
def track(
    phrase: Annotated[str, typer.Argument(metavar="PHRASE", help="The wording to follow, in any script.")],
    speaker: Annotated[
        list[str] | None, typer.Option(help="Only this speaker (repeatable; default: all).")
    ] = None,
    topic: Annotated[str | None, typer.Option(help="Only statements with this topic.")] = None,
    corpus: CorpusOption = Path("corpus"),
    threshold: Annotated[
        float | None,
        typer.Option(
            min=0, max=100, help="Lowest share (0-100) of the phrase's words a variant holds; default 80."
        ),
    ] = None,
    fmt: FormatOption = HistoryFormat.TERMINAL,
    output: OutputOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    cache: CacheOption = True,
) -> None:
    """Find a phrase and its variants across the corpus: first and last use, counts per year."""
    from dipdiff.history.track import track_phrase

    write = _writer("track", fmt, output, force, width)
    with _session(corpus, cache) as (store, progress):
        result = track_phrase(
            phrase,
            corpus,
            store,
            speakers=speaker or [],
            topic=topic,
            threshold=threshold,
            progress=progress,
        )
    write(result)
    raise typer.Exit(ExitCode.SAME if result.variants else ExitCode.DIFFERENT)


@app.command()
def blame(
    statement: Annotated[str, typer.Argument(metavar="STATEMENT", help="The statement file to attribute.")],
    corpus: CorpusOption = Path("corpus"),
    sentences: Annotated[
        bool, typer.Option("--sentences", help="Attribute each sentence instead of each paragraph.")
    ] = False,
    any_speaker: Annotated[
        bool, typer.Option("--any-speaker", help="Look in every speaker's earlier statements.")
    ] = False,
    threshold: Annotated[
        float | None,
        typer.Option(min=0, max=100, help="Lowest similarity (0-100) of the same wording; default 80."),
    ] = None,
    fmt: FormatOption = HistoryFormat.TERMINAL,
    output: OutputOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    cache: CacheOption = True,
) -> None:
    """Show where each paragraph's wording comes from: first carried, last changed, or new."""
    from dipdiff.history.blame import blame_statement
    from dipdiff.history.units import Unit

    unit = Unit.SENTENCE if sentences else Unit.PARAGRAPH
    write = _writer("blame", fmt, output, force, width)
    with _session(corpus, cache) as (store, progress):
        result = blame_statement(
            statement,
            corpus,
            store,
            unit=unit,
            any_speaker=any_speaker,
            threshold=threshold,
            progress=progress,
        )
    write(result)
