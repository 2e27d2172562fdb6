"""Options several commands share, spelt one way: the same flag, metavar and help everywhere.

Every option names its value with a metavar (``N``, ``FILE``, ``DIR``, ``ID``) rather than Typer's
type descriptions, and a flag is only its ``--flag`` (no ``--no-flag`` twin).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer


def _find_corpus(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> Path:
    """Without ``--corpus``: ``./corpus`` when it is a folder, else the nearest folder, from here up,
    that holds a corpus registry (as git finds its repository), else ``./corpus`` for the usual error."""
    source = ctx.get_parameter_source(param.name or "corpus")
    if getattr(source, "name", None) != "DEFAULT" or value.is_dir():  # Typer carries its own Click
        return value
    from dipdiff.corpus.layout import REGISTRY_NAME

    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / REGISTRY_NAME).is_file():
            return Path(os.path.relpath(folder, here))
    return value


CorpusOption = Annotated[
    Path,
    typer.Option(
        "--corpus",
        metavar="DIR",
        help="The corpus folder (holds speakers.yaml); default ./corpus, or the nearest folder from "
        "here up that holds a speakers.yaml.",
        callback=_find_corpus,
    ),
]


def _standard_output(value: Path | None) -> Path | None:
    """``-o -`` is standard output, as ``-`` is standard input for the statements, not a file named -."""
    return None if value is not None and str(value) == "-" else value


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically; - for standard output); its extension (.html .md .json .txt) "
        "picks the format when --format is not given.",
        callback=_standard_output,
    ),
]
TextOutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically; - for standard output); its extension (.md .json .txt) picks "
        "the format when --format is not given.",
        callback=_standard_output,
    ),
]
"""``--output`` for commands without an HTML view (track, blame)."""
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")]
WidthOption = Annotated[
    int | None,
    typer.Option(min=40, metavar="N", help="Layout width in columns [default: the terminal's, else 100]."),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the corpus index (.dipdiff-cache).")
]
NoReflowOption = Annotated[
    bool,
    typer.Option("--no-reflow", help="Keep hard-wrapped lines as they are, not re-flowed into paragraphs."),
]
MinConfidence = Annotated[
    float,
    typer.Option(
        "--min-confidence",
        min=0,
        max=1,
        metavar="P",
        help="Show only position shifts at least this sure (0-1; 0 shows every one).",
    ),
]
SpeakerOption = Annotated[str | None, typer.Option(metavar="ID", help="Only this speaker id.")]
TopicOption = Annotated[str | None, typer.Option(metavar="TOPIC", help="Only statements with this topic.")]


def percent_option(help: str) -> Any:
    """A similarity or share from 0 to 100, named ``N`` (the commands' ``--threshold``)."""
    return typer.Option(min=0, max=100, metavar="N", help=help)


FORMAT_HELP = "Output format [default: terminal, or the --output file's extension]."
