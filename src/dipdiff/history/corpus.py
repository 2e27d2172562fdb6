"""Find a corpus's statements and put them in date order, for the history commands.

A corpus is ``<corpus>/<speaker-id>/<date>-<slug>.md`` (or ``.txt``) with YAML front matter; the
folder names the speaker, so choosing one speaker reads only that speaker's files. Statements are
ordered by date (a partial date such as ``2017`` sorts before the days of that year), then by path;
``unknown`` dates come last.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dipdiff.errors import CorpusError
from dipdiff.history.model import Entry, Parsed, Progress
from dipdiff.history.store import Store

SUFFIXES = (".md", ".txt")


def corpus_files(corpus: Path, speakers: Sequence[str] = ()) -> list[str]:
    """Every statement file under the corpus (or under the named speakers' folders)."""
    if not corpus.is_dir():
        raise CorpusError("no such corpus folder (pass --corpus DIR)", source=str(corpus))
    if speakers:
        folders = []
        for speaker in speakers:
            folder = corpus / speaker
            if not folder.is_dir():
                known = sorted(p.name for p in corpus.iterdir() if p.is_dir() and _visible(p))
                hint = f"; known: {', '.join(known[:12])}" if known else ""
                raise CorpusError(f"no speaker {speaker!r} in this corpus{hint}", source=str(corpus))
            folders.append(folder)
    else:
        folders = sorted(p for p in corpus.iterdir() if p.is_dir() and _visible(p))
    return [
        str(path)
        for folder in folders
        for path in sorted(folder.iterdir())
        if path.suffix in SUFFIXES and path.is_file() and _visible(path)
    ]


def _visible(path: Path) -> bool:
    return not path.name.startswith((".", "_"))


def date_order(entry: Entry) -> tuple[int, str, str]:
    """Sort key: known dates in calendar order (partial dates first within their span), then unknown."""
    return (1 if entry.year is None else 0, entry.date, entry.path)


def load_series(
    corpus: Path,
    store: Store,
    *,
    speakers: Sequence[str] = (),
    topic: str | None = None,
    progress: Progress | None = None,
) -> list[Parsed]:
    """Read the corpus's statements (optionally one speaker's, one topic's), in date order."""
    parsed = store.load(corpus_files(corpus, speakers), progress)
    if topic is not None:
        parsed = [p for p in parsed if topic in p.entry.topics]
    return sorted(parsed, key=lambda p: date_order(p.entry))
