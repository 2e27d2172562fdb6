"""``dipdiff timeline``, ``track`` and ``blame``: how a speaker's wording moved over time."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dipdiff.atomic import check_target
from dipdiff.cli.app import command_app
from dipdiff.cli.common import (
    emit,
    fail_on_unreadable,
    output_format,
    progress_bar,
    stdout_is_tty,
    terminal_width,
    wants_color,
)
from dipdiff.cli.params import (
    FORMAT_HELP,
    CorpusOption,
    ForceOption,
    MinConfidence,
    NoCacheOption,
    NoReflowOption,
    OutputOption,
    TextOutputOption,
    TopicOption,
    WidthOption,
    percent_option,
)
from dipdiff.corpus.store import DEFAULT_CORPUS
from dipdiff.exitcodes import ExitCode
from dipdiff.history.render import HistoryFormat, TrackBlameFormat
from dipdiff.options import DEFAULT_MIN_CONFIDENCE

if TYPE_CHECKING:
    from dipdiff.history.model import Progress
    from dipdiff.index import CorpusIndex

EXIT_DONE = (
    "Exit status: 0 done; 2 trouble (bad input or options, an output file that may not be written, "
    "a corpus file that could not be read and was left out)."
)
EXIT_FOUND = (
    "Exit status: 0 the phrase was found; 1 it was not (like grep); 2 trouble (bad input or options, "
    "an output file that may not be written, a corpus file that could not be read and was left out)."
)


@contextlib.contextmanager
def _session(corpus: Path, cache: bool, reflow: bool = True) -> Iterator[tuple[CorpusIndex, Progress | None]]:
    """Open the corpus index, and a progress bar on standard error when it is a terminal."""
    from dipdiff.index import CorpusIndex

    index = CorpusIndex.for_corpus(corpus, enabled=cache, reflow=reflow)
    with index, progress_bar() as progress:
        yield index, progress


def _writer(
    command: str,
    fmt: HistoryFormat | TrackBlameFormat | None,
    output: Path | None,
    force: bool,
    width: int | None,
    corpus: Path,
    inputs: tuple[str, ...] = (),
) -> Callable[[object], None]:
    """Check the format and the output file before any work, and return what renders and writes the
    result. The output may not be one of the corpus's files or another input."""
    from dipdiff.history.render import SUPPORTED, HistoryLayout, history_renderer

    choices = SUPPORTED[command]
    chosen = output_format(fmt, output, choices, choices("terminal"))
    render = history_renderer(command, chosen)
    if output is not None:
        check_target(output, overwrite=force, inputs=inputs, corpus=corpus)  # before any work
    layout = HistoryLayout(
        width=terminal_width(width) if output is None else (width or 100),
        color=output is None and wants_color(stdout_is_tty()),
    )
    styled = layout.color and chosen.value == "terminal"
    return lambda result: emit(render(result, layout), output, force=force, styled=styled)


app = command_app()
"""Holds timeline, track and blame."""


@app.command(epilog=EXIT_DONE)
def timeline(
    speaker: Annotated[
        str | None, typer.Option(metavar="ID", help="Speaker id (a folder of the corpus).")
    ] = None,
    topic: TopicOption = None,
    corpus: CorpusOption = DEFAULT_CORPUS,
    fmt: Annotated[HistoryFormat | None, typer.Option("--format", "-f", help=FORMAT_HELP)] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    threshold: Annotated[float, percent_option("Paragraph pairing threshold, as in compare.")] = 50.0,
    min_confidence: MinConfidence = DEFAULT_MIN_CONFIDENCE,
    no_cache: NoCacheOption = False,
    no_reflow: NoReflowOption = False,
) -> None:
    """Show a speaker's statements in date order: similarity, changes, shifts and tone, charted."""
    from dipdiff.history.timeline import build_timeline

    write = _writer("timeline", fmt, output, force, width, corpus)
    with _session(corpus, not no_cache, not no_reflow) as (index, progress):
        result = build_timeline(
            corpus,
            index,
            speaker=speaker,
            topic=topic,
            threshold=threshold,
            min_confidence=min_confidence,
            progress=progress,
        )
    write(result)
    fail_on_unreadable(result.unreadable)


TrackBlameFormatOption = Annotated[TrackBlameFormat | None, typer.Option("--format", "-f", help=FORMAT_HELP)]


Phrase = Annotated[str, typer.Argument(metavar="PHRASE", help="The wording to follow, in any script.")]
Speakers = Annotated[
    list[str] | None, typer.Option(metavar="ID", help="Only this speaker (repeatable; default: all).")
]
ShareOfWords = Annotated[
    float | None, percent_option("Lowest share (0-100) of the phrase's words a variant holds [default: 80].")
]


@app.command(epilog=EXIT_FOUND)
def track(
    phrase: Phrase,
    speaker: Speakers = None,
    topic: TopicOption = None,
    corpus: CorpusOption = DEFAULT_CORPUS,
    threshold: ShareOfWords = None,
    fmt: TrackBlameFormatOption = None,
    output: TextOutputOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    no_cache: NoCacheOption = False,
    no_reflow: NoReflowOption = False,
) -> None:
    """Find a phrase and its variants across the corpus: first and last use, counts per year."""
    from dipdiff.history.track import track_phrase

    write = _writer("track", fmt, output, force, width, corpus)
    with _session(corpus, not no_cache, not no_reflow) as (index, progress):
        speakers = speaker or []
        result = track_phrase(
            phrase, corpus, index, speakers=speakers, topic=topic, threshold=threshold, progress=progress
        )
    write(result)
    fail_on_unreadable(result.unreadable)
    raise typer.Exit(ExitCode.SAME if result.variants else ExitCode.DIFFERENT)


StatementArgument = Annotated[
    str, typer.Argument(metavar="STATEMENT", help="The statement file to attribute.")
]
Sentences = Annotated[
    bool, typer.Option("--sentences", help="Attribute each sentence instead of each paragraph.")
]
AnySpeaker = Annotated[
    bool, typer.Option("--any-speaker", help="Look in every speaker's earlier statements.")
]
SameWording = Annotated[
    float | None, percent_option("Lowest similarity (0-100) of the same wording [default: 80].")
]


@app.command(epilog=EXIT_DONE)
def blame(
    statement: StatementArgument,
    corpus: CorpusOption = DEFAULT_CORPUS,
    sentences: Sentences = False,
    any_speaker: AnySpeaker = False,
    threshold: SameWording = None,
    fmt: TrackBlameFormatOption = None,
    output: TextOutputOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    no_cache: NoCacheOption = False,
    no_reflow: NoReflowOption = False,
) -> None:
    """Show where each paragraph's wording comes from: first carried, last changed, or new."""
    from dipdiff.history.blame import blame_statement
    from dipdiff.history.units import Unit

    unit = Unit.SENTENCE if sentences else Unit.PARAGRAPH
    write = _writer("blame", fmt, output, force, width, corpus, (statement,))
    with _session(corpus, not no_cache, not no_reflow) as (index, progress):
        result = blame_statement(
            statement,
            corpus,
            index,
            unit=unit,
            any_speaker=any_speaker,
            threshold=threshold,
            progress=progress,
        )
    write(result)
    fail_on_unreadable(result.unreadable)
