"""``dipdiff corpus list`` and ``dipdiff corpus add``: look at and file statements in a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dipdiff.cli.app import command_app, help_without_command
from dipdiff.cli.common import emit, fail_on_unreadable, terminal_width, warning
from dipdiff.cli.params import (
    CorpusOption,
    NoCacheOption,
    NoReflowOption,
    SpeakerOption,
    TopicOption,
    WidthOption,
)
from dipdiff.corpus.render import ListFormat
from dipdiff.corpus.store import DEFAULT_CORPUS

EXIT_DONE = "Exit status: 0 done; 2 trouble (bad input or options, a file that may not be written)."
EXIT_LISTED = (
    "Exit status: 0 done; 2 trouble (bad options, or a statement file that cannot be read: each is "
    "named on standard error and the others are listed)."
)

app = command_app(name="corpus", help="List the statements of a corpus, or file a new one.", epilog=EXIT_DONE)


@app.callback(invoke_without_command=True)
def corpus_group(ctx: typer.Context) -> None:
    """List the statements of a corpus, or file a new one."""
    help_without_command(ctx)


@app.command("list", epilog=EXIT_LISTED)
def list_(
    corpus: CorpusOption = DEFAULT_CORPUS,
    speaker: SpeakerOption = None,
    topic: TopicOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.TABLE,
    width: WidthOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List statements by speaker and date."""
    from dipdiff.corpus.render import render_listing
    from dipdiff.corpus.store import list_statements, open_corpus
    from dipdiff.index import CorpusIndex

    found = open_corpus(corpus)
    with CorpusIndex.for_corpus(corpus, enabled=not no_cache) as index:
        listed = list_statements(found, index.analyses, speaker=speaker, topic=topic)
    emit(render_listing(listed, fmt, terminal_width(width)), None)
    for doubt in listed.doubts:
        warning(f"{doubt.path}: {doubt.problem}")
    fail_on_unreadable(listed.unreadable)


@app.command("add", epilog=EXIT_DONE)
def add(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The statement's text: Markdown or plain text.")
    ],
    speaker: Annotated[str, typer.Option(metavar="ID", help="Speaker id from speakers.yaml.")],
    date: Annotated[str, typer.Option(metavar="DATE", help="YYYY-MM-DD, YYYY-MM, YYYY or unknown.")],
    title: Annotated[str, typer.Option(metavar="TEXT", help="The statement's title.")],
    corpus: CorpusOption = DEFAULT_CORPUS,
    slug: Annotated[
        str | None,
        typer.Option(metavar="SLUG", help="File name part after the date [default: from the title]."),
    ] = None,
    source: Annotated[
        str | None, typer.Option(metavar="URL", help="http(s) URL the text was taken from.")
    ] = None,
    language: Annotated[str | None, typer.Option(metavar="TAG", help="BCP 47 language tag, e.g. en.")] = None,
    topic: Annotated[
        list[str] | None, typer.Option("--topic", metavar="TOPIC", help="A topic (repeatable).")
    ] = None,
    supersedes: Annotated[
        str | None,
        typer.Option(metavar="ID", help="The statement this one revises: <speaker>/<file stem>."),
    ] = None,
    illustrative: Annotated[
        bool, typer.Option("--illustrative", help="Mark a text that is not authentic.")
    ] = False,
    new_speaker: Annotated[
        str | None,
        typer.Option("--new-speaker", metavar="NAME", help="Register SPEAKER under this display name."),
    ] = None,
    country: Annotated[
        str | None, typer.Option(metavar="CODE", help="ISO 3166-1 alpha-3 code of a new speaker.")
    ] = None,
    no_reflow: NoReflowOption = False,
) -> None:
    """File a statement under <corpus>/<speaker>/<date>-<slug>.md (.txt for plain text) with front matter;
    never overwrites."""
    from dipdiff.corpus.add import NewStatement, add_statement

    new = NewStatement(
        speaker,
        date,
        title,
        slug,
        source,
        language,
        tuple(topic or ()),
        supersedes,
        illustrative,
        new_speaker,
        country,
    )
    filed = add_statement(corpus, file, new, reflow=not no_reflow)
    for problem in filed.warnings:
        warning(f"{filed.path}: {problem}")
    typer.echo(f"added {filed.path}", err=True)
