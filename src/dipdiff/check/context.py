"""What every cross-file rule is given: each statement's place, analysis and links, and the options."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dipdiff.corpus.analysis import Analysis, settings
from dipdiff.corpus.dates import PartialDate, parse_date
from dipdiff.corpus.store import Entry
from dipdiff.model import Statement
from dipdiff.options import DEFAULT_MIN_CONFIDENCE

if TYPE_CHECKING:
    from dipdiff.index import CorpusIndex

WORDS_AT_HAND = 1024
"""How many statements' words a check keeps at hand: near-duplicate candidates come in many pairs
(266 statements in 1,119 scored pairs of the shared corpus), each pair reading both."""


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """How to check a corpus."""

    near_threshold: float = -1.0
    """Similarity (0-100) from which two statements by one speaker are near-duplicates;
    negative means the packaged default (``data/check.yaml``)."""
    fail_on: tuple[str, ...] = ()
    """``CATEGORY[:DIRECTION]`` shifts that turn a revision's summary into an error."""
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    """Lowest confidence (0-1) of the shifts a revision's summary reports (and ``fail_on`` sees)."""
    today: dt.date | None = None
    """The day dates may not pass; None means today (UTC)."""
    revisions: bool = True
    """Compare each revision with the statement it supersedes and report what changed."""
    reflow: bool = True
    """Re-flow hard-wrapped statements into paragraphs (``readers.reflow``); False keeps the lines."""

    def threshold(self) -> float:
        """The near-duplicate threshold in force."""
        if self.near_threshold >= 0:
            return self.near_threshold
        return float(settings()["near_duplicates"]["threshold"])


def shown_path(path: str | Path) -> str:
    """A path as findings show it: relative to the working folder when below it."""
    return _shown_from(path, os.getcwd())


@functools.lru_cache(maxsize=65536)
def _shown_from(path: Path | str, working_folder: str) -> str:
    """``shown_path`` from a given working folder (remembered: the rules ask for each path many
    times, and a corpus holds tens of thousands). The folder part is worked out once per folder: a
    corpus of 20,000 files has a few hundred."""
    folder, name = os.path.split(os.fspath(path))
    base = _relative_folder(folder or ".", working_folder) if name not in ("", ".", "..") else None
    if base is None or base == ".." or base.startswith("../"):
        base = _relative_folder(os.fspath(path), working_folder)  # outside the working folder
        if base is None:  # another drive on Windows
            return Path(path).as_posix()
        return Path(path).as_posix() if base.startswith("../") else base
    return name if base == "." else f"{base}/{name}"


@functools.lru_cache(maxsize=4096)
def _relative_folder(folder: str, working_folder: str) -> str | None:
    try:
        return Path(os.path.relpath(folder, working_folder)).as_posix()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Item:
    """One statement file of the corpus as the rules see it."""

    entry: Entry
    analysis: Analysis

    @property
    def shown(self) -> str:
        """The path findings name: relative to the working folder when below it."""
        return shown_path(self.entry.where)

    @property
    def speaker(self) -> str:
        """The front-matter speaker, or the folder when the field is missing or malformed."""
        speaker = self.analysis.meta.get("speaker")
        return speaker if isinstance(speaker, str) else self.entry.folder

    @property
    def date(self) -> PartialDate | None:
        """The statement's date, when it is a valid one."""
        try:
            return parse_date(self.analysis.meta.get("date"))
        except ValueError:
            return None

    @property
    def supersedes(self) -> str | None:
        """The statement id this one revises, when the field is text."""
        value = self.analysis.meta.get("supersedes")
        return value if isinstance(value, str) else None


@dataclass
class Context:
    """The corpus as a whole, and which of its files are being checked."""

    items: list[Item]
    targets: set[str]
    """Statement ids of the files being checked."""
    index: CorpusIndex
    options: CheckOptions
    pending: Mapping[Path, tuple[Statement, list[str]]] = field(default_factory=dict)
    """Files not written yet (``corpus add``), by path: their statement and word keys."""
    by_id: Mapping[str, Item] = field(default_factory=dict)
    _words: OrderedDict[Path, list[str]] = field(default_factory=OrderedDict, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {item.entry.id: item for item in self.items}

    def statement_words(self, item: Item) -> list[str]:
        """Normalised word keys of a statement, read through the corpus index; those of the last
        ``WORDS_AT_HAND`` statements asked about are kept (not to be changed by the caller)."""
        path = item.entry.path
        if path in self.pending:
            return self.pending[path][1]
        kept = self._words
        words = kept.get(path)
        if words is not None:
            kept.move_to_end(path)
            return words
        words = kept[path] = self.index.word_keys(path)
        if len(kept) > WORDS_AT_HAND:
            kept.popitem(last=False)
        return words

    def prepare_words(self, items: Iterable[Item]) -> None:
        """Have the corpus index make ready at once the word keys of statements about to be scored
        (``CorpusIndex.prepare_words``): a cold check keeps them with the heads it reads."""
        paths = list(dict.fromkeys(item.entry.path for item in items if item.entry.path not in self.pending))
        if paths:
            self.index.prepare_words(paths)

    def prepare(self, items: Iterable[Item]) -> None:
        """Have the corpus index compute at once (in parallel when many) the bodies of statements
        about to be read: a cold check reads only the heads of most files."""
        paths = list(dict.fromkeys(item.entry.path for item in items if item.entry.path not in self.pending))
        if paths:
            self.index.prepare_bodies(paths)

    def statement(self, item: Item) -> Statement:
        """A statement's paragraphs and front matter, read through the corpus index."""
        if item.entry.path in self.pending:
            return self.pending[item.entry.path][0]
        return self.index.statement(item.entry.path)

    def path_of(self, item: Item) -> Path:
        """The file to read."""
        return item.entry.path

    def chain_root(self, item: Item) -> str:
        """The oldest statement reached by following ``supersedes`` (stops at loops and gaps)."""
        seen = {item.entry.id}
        current = item
        while current.supersedes and current.supersedes in self.by_id:
            if current.supersedes in seen:
                break
            seen.add(current.supersedes)
            current = self.by_id[current.supersedes]
        return min(seen) if current.supersedes in seen else current.entry.id
