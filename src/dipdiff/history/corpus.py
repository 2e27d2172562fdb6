"""Find a corpus's statements and put them in date order, for the history commands.

A corpus is ``<corpus>/<speaker-id>/<date>-<slug>.md`` (or ``.txt``) with YAML front matter; the
folder names the speaker, so choosing one speaker reads only that speaker's files. Statements are
ordered by date (a partial date such as ``2017`` sorts before the days of that year), then by path;
``unknown`` dates come last.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dipdiff.corpus.store import FileProblem
from dipdiff.history.model import Entry, Parsed, Progress
from dipdiff.model import Statement

if TYPE_CHECKING:
    from dipdiff.index import CorpusIndex


def corpus_files(corpus: Path, speakers: Sequence[str] = ()) -> list[str]:
    """Every statement file of the corpus (or of the named speakers' folders), in path order.

    The walk is ``dipdiff.corpus.store.open_corpus``'s: a corpus needs its ``speakers.yaml``, hidden
    files are skipped, and a symbolic link leading out of the corpus is never read.
    """
    from dipdiff.corpus.store import open_corpus

    found = open_corpus(corpus)
    found.require_speakers(speakers)
    wanted = set(speakers)
    # (folder, file name) is the relative path's order: entries sit directly in a speaker folder
    ordered = sorted(found.entries, key=lambda e: (e.folder, e.rel))
    return [entry.where for entry in ordered if not wanted or entry.folder in wanted]


def date_order(entry: Entry) -> tuple[int, str, str]:
    """Sort key: known dates in calendar order (partial dates first within their span), then unknown."""
    return (1 if entry.year is None else 0, entry.date, entry.path)


def load_series(
    corpus: Path,
    index: CorpusIndex,
    *,
    speakers: Sequence[str] = (),
    topic: str | None = None,
    progress: Progress | None = None,
    skipped: list[FileProblem] | None = None,
) -> list[Parsed]:
    """Read the corpus's statements (optionally one speaker's, one topic's), in date order; files
    that cannot be read are an ``InputError``, or left out and told in ``skipped`` when given (a
    topic filter keeps them there, since their topics are unknown)."""
    parsed = load_parsed(index, corpus_files(corpus, speakers), progress, skipped)
    if topic is not None:
        parsed = [p for p in parsed if topic in p.entry.topics]
    return sorted(parsed, key=lambda p: date_order(p.entry))


def load_parsed(
    index: CorpusIndex,
    paths: Sequence[str],
    progress: Progress | None = None,
    skipped: list[FileProblem] | None = None,
) -> list[Parsed]:
    """Each file's statement with its normalised words and sentences, through the corpus index, in the
    order given. A file that cannot be read is an ``InputError`` (the first), or, when ``skipped``
    is given, left out and told there."""
    bodies = index.bodies(list(paths), progress, skipped)
    parsed = []
    for path in paths:
        body = bodies.get(path)
        if body is None:
            continue
        statement = body.statement
        meta = json.loads(json.dumps(dict(statement.meta), default=str))
        plain = Statement(source=path, paragraphs=statement.paragraphs, meta=meta, lines=statement.lines)
        parsed.append(Parsed(entry_of(path, meta), plain, body.norm, body.sentences, body.digest))
    return parsed


_NAME_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?=-|$)")
"""The date part of a corpus file name, ``<date>-<slug>``."""


def _date_in_name(stem: str) -> str:
    """The date a corpus file's name gives (``2010`` of ``2010-general-debate-65``), else unknown."""
    from dipdiff.corpus.dates import UNKNOWN, parse_date

    match = _NAME_DATE.match(stem)
    if match is None:
        return UNKNOWN
    try:
        return parse_date(match.group()).text
    except ValueError:
        return UNKNOWN


def entry_of(path: str, meta: Mapping[str, Any]) -> Entry:
    """Describe a statement by its front matter, falling back on its corpus path."""
    parts = Path(path).parts
    speaker = str(meta.get("speaker") or (parts[-2] if len(parts) > 1 else "unknown"))
    date = meta.get("date")
    if date is None:
        date = _date_in_name(Path(path).stem)
    topics = meta.get("topics") or ()
    if isinstance(topics, str):
        topics = (topics,)
    return Entry(
        path=path,
        speaker=speaker,
        date=str(date),
        title=str(meta.get("title") or Path(path).stem),
        topics=tuple(str(t) for t in topics),
    )
