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

app = command_app(
    name="corpus", help="Start a corpus, list its statements, or file a new one.", epilog=EXIT_DONE
)


@app.callback(invoke_without_command=True)
def corpus_group(ctx: typer.Context) -> None:
    """Start a corpus, list its statements, or file a new one."""
    help_without_command(ctx)


@app.command("init", epilog=EXIT_DONE)
def init(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The corpus folder to start.")
    ] = DEFAULT_CORPUS,
) -> None:
    """Start a corpus: make DIR and an empty speakers.yaml in it; an existing corpus is refused."""
    from dipdiff.corpus.speakers import create_registry

    path = create_registry(folder)
    typer.echo(f"started a corpus: {path}", err=True)
    typer.echo(
        f"next: dipdiff corpus add FILE --corpus {folder} --speaker ID --new-speaker NAME --date DATE "
        "--title TEXT",
        err=True,
    )


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
        listed = list_statements(
            found, lambda paths: index.analyses(paths, heads_only=True), speaker=speaker, topic=topic
        )
    emit(render_listing(listed, fmt, terminal_width(width)), None)
    for doubt in listed.doubts:
        warning(f"{doubt.path}: {doubt.problem}")
    fail_on_unreadable(listed.unreadable)


StatementFile = Annotated[
    Path,
    typer.Argument(
        metavar="FILE",
        help="The statement: plain text, Markdown, an HTML page, a PDF or a Word (DOCX) file, "
        "or - for standard input.",
    ),
]
SpeakerId = Annotated[str, typer.Option(metavar="ID", help="Speaker id from speakers.yaml.")]
Date = Annotated[str, typer.Option(metavar="DATE", help="YYYY-MM-DD, YYYY-MM, YYYY or unknown.")]
Title = Annotated[str, typer.Option(metavar="TEXT", help="The statement's title.")]
Slug = Annotated[
    str | None, typer.Option(metavar="SLUG", help="File name part after the date [default: from the title].")
]
Source = Annotated[str | None, typer.Option(metavar="URL", help="http(s) URL the text was taken from.")]
Language = Annotated[str | None, typer.Option(metavar="TAG", help="BCP 47 language tag, e.g. en.")]
Topics = Annotated[list[str] | None, typer.Option("--topic", metavar="TOPIC", help="A topic (repeatable).")]
Supersedes = Annotated[
    str | None, typer.Option(metavar="ID", help="The statement this one revises: <speaker>/<file stem>.")
]
Illustrative = Annotated[bool, typer.Option("--illustrative", help="Mark a text that is not authentic.")]
NewSpeaker = Annotated[
    str | None,
    typer.Option("--new-speaker", metavar="NAME", help="Register SPEAKER under this display name."),
]
Country = Annotated[
    str | None, typer.Option(metavar="CODE", help="ISO 3166-1 alpha-3 code of a new speaker.")
]


@app.command("add", epilog=EXIT_DONE)
def add(
    file: StatementFile,
    speaker: SpeakerId,
    date: Date,
    title: Title,
    corpus: CorpusOption = DEFAULT_CORPUS,
    slug: Slug = None,
    source: Source = None,
    language: Language = None,
    topic: Topics = None,
    supersedes: Supersedes = None,
    illustrative: Illustrative = False,
    new_speaker: NewSpeaker = None,
    country: Country = None,
    no_reflow: NoReflowOption = False,
) -> None:
    """File a statement under <corpus>/<speaker>/<date>-<slug>.md (.txt for plain text) with front matter;
    never overwrites."""
    from dipdiff.corpus.add import NewStatement, add_statement

    topics = tuple(topic or ())
    new = NewStatement(
        speaker, date, title, slug, source, language, topics, supersedes, illustrative, new_speaker, country
    )
    filed = add_statement(corpus, file, new, reflow=not no_reflow)
    for problem in filed.warnings:
        warning(f"{filed.path}: {problem}")
    typer.echo(f"added {filed.path}", err=True)
