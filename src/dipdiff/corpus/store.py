"""Find the statement files of a corpus, safely, and describe each one.

The walk never follows a symbolic link out of the corpus: a link whose target lies outside the corpus
root is reported (``Corpus.escapes``) and not read. Folders whose names start with a dot are skipped.
Statement files are the ``.md`` and ``.txt`` files inside speaker folders; such files at any other
depth are listed in ``Corpus.misplaced``; other files at the root (a README) are not statements.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from dipdiff.corpus.layout import REGISTRY_NAME, STATEMENT_SUFFIXES, statement_id
from dipdiff.errors import CorpusError

if TYPE_CHECKING:
    from dipdiff.corpus.analysis import Analysis

DEFAULT_CORPUS = Path("corpus")


@dataclass(frozen=True, slots=True)
class Entry:
    """A statement file's place in the corpus.

    Kept as text: a corpus of 20,000 files is walked on every run, and making two path objects per
    file took most of the walk. ``relpath`` and ``path`` make them for the few files that need one."""

    rel: str
    """Relative to the corpus root, with forward slashes: ``ru-mfa/2017-03-14-slug.md``."""
    where: str
    """Where to read it: the corpus root as given, joined with ``rel`` (``str`` of ``path``)."""
    id: str = ""
    """The statement id ``supersedes`` uses: ``<speaker folder>/<file stem>``."""
    folder: str = ""
    """The speaker folder the file sits in."""

    def __post_init__(self) -> None:
        # Computed once: a corpus of 20,000 files asks for ids hundreds of thousands of times.
        if not self.id:
            object.__setattr__(self, "id", statement_id(self.relpath))
        if not self.folder:
            object.__setattr__(self, "folder", self.rel.split("/", 1)[0])

    @property
    def relpath(self) -> PurePosixPath:
        """``rel`` as a path."""
        return PurePosixPath(self.rel)

    @property
    def path(self) -> Path:
        """``where`` as a path."""
        return Path(self.where)


@dataclass(frozen=True, slots=True)
class Corpus:
    """A corpus root and the statement files found under it."""

    root: Path
    entries: tuple[Entry, ...]
    misplaced: tuple[Entry, ...] = ()
    """Statement-like files at the wrong depth."""
    escapes: tuple[tuple[PurePosixPath, str], ...] = field(default=())
    """Symbolic links that lead outside the corpus, with where they point."""

    def require_speakers(self, speakers: Iterable[str]) -> None:
        """Refuse a speaker without a folder here: a ``CorpusError`` naming the closest and the known ones."""
        import difflib

        folders = sorted({entry.folder for entry in self.entries})
        for speaker in speakers:
            if speaker in folders:
                continue
            guess = difflib.get_close_matches(speaker, folders, n=1, cutoff=0.6)
            known = f"known: {', '.join(folders[:12])}{', …' if len(folders) > 12 else ''}"
            hint = f"; did you mean '{guess[0]}'? ({known})" if guess else f"; {known}" if folders else ""
            raise CorpusError(f"no speaker {speaker!r} in this corpus{hint}", source=str(self.root))

    def entry_for(self, path: Path) -> Entry | None:
        """The entry of a file given by any path that names it inside the corpus."""
        try:
            rel = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None
        for entry in self.entries + self.misplaced:
            if entry.rel == rel:
                return entry
        return None


def open_corpus(root: Path) -> Corpus:
    """Walk a corpus root; ``CorpusError`` when it is not a corpus folder."""
    if not root.is_dir():
        raise CorpusError(
            "corpus folder not found (use --corpus DIR, or start one with 'dipdiff corpus init DIR')",
            source=str(root),
        )
    from dipdiff.corpus.speakers import require_registry_file

    require_registry_file(root)
    if not (root / REGISTRY_NAME).is_file():
        raise CorpusError(
            f"no {REGISTRY_NAME}: not a dipdiff corpus (start one with 'dipdiff corpus init DIR')",
            source=str(root),
        )
    real_root = root.resolve()
    # Each file's path is the root joined with its folder and name, spelled as ``Path`` joins them.
    root_text = "" if str(root) == "." else str(root)
    entries: list[Entry] = []
    misplaced: list[Entry] = []
    escapes: list[tuple[PurePosixPath, str]] = []
    # os.scandir rather than os.walk and pathlib: a corpus of 20,000 files is walked on every check.
    for folder in _sorted_scan(root):
        if folder.name.startswith("."):
            continue
        if folder.is_symlink():
            if not _inside(Path(folder.path), real_root):
                escapes.append((PurePosixPath(folder.name), os.readlink(folder.path)))
            continue  # a linked folder is not walked, so nothing is read twice or from outside
        if not folder.is_dir(follow_symlinks=False):
            continue  # files at the root (README, speakers.yaml) are not statements
        where = os.path.join(root_text, folder.name)
        for item in _sorted_scan(folder.path):
            name = item.name
            if name.startswith("."):
                continue
            if item.is_symlink() and not _inside(Path(item.path), real_root):
                escapes.append((PurePosixPath(folder.name, name), os.readlink(item.path)))
            elif item.is_dir(follow_symlinks=False):
                _deeper(Path(item.path), root, real_root, misplaced, escapes)
            elif name.endswith(STATEMENT_SUFFIXES) and not item.is_dir():  # as ``splitext`` finds them
                stem = name.rpartition(".")[0]
                rel = f"{folder.name}/{name}"
                entries.append(Entry(rel, f"{where}/{name}", f"{folder.name}/{stem}", folder.name))
    return Corpus(root, tuple(entries), tuple(misplaced), tuple(escapes))


def _sorted_scan(folder: str | Path) -> list[os.DirEntry[str]]:
    """A folder's entries in name order."""
    with os.scandir(folder) as scan:
        return sorted(scan, key=lambda entry: entry.name)


def _deeper(
    folder: Path,
    root: Path,
    real_root: Path,
    misplaced: list[Entry],
    escapes: list[tuple[PurePosixPath, str]],
) -> None:
    """Statement-like files below a speaker folder are misplaced; links out are still reported."""
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in list(dirs):
            link = Path(here) / name
            if link.is_symlink() and not _inside(link, real_root):
                escapes.append((_rel(link, root), os.readlink(link)))
        for name in sorted(files):
            path = Path(here) / name
            if name.startswith(".") or path.suffix not in STATEMENT_SUFFIXES:
                continue
            if path.is_symlink() and not _inside(path, real_root):
                escapes.append((_rel(path, root), os.readlink(path)))
            else:
                misplaced.append(Entry(_rel(path, root).as_posix(), str(path)))


def _rel(path: Path, root: Path) -> PurePosixPath:
    """A path relative to the corpus root, with forward slashes."""
    return PurePosixPath(path.relative_to(root).as_posix())


def _inside(path: Path, real_root: Path) -> bool:
    """Whether a path, after following every link, stays inside the corpus."""
    try:
        path.resolve().relative_to(real_root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


@dataclass(frozen=True, slots=True)
class Listing:
    """One row of ``dipdiff corpus list``."""

    id: str
    path: str
    speaker: str
    date: str
    title: str
    topics: tuple[str, ...]
    language: str | None
    supersedes: str | None
    illustrative: bool


@dataclass(frozen=True, slots=True)
class FileProblem:
    """Why one file of the corpus could not be listed, or is listed with a doubt."""

    path: str
    """The file, as the reader would name it on the command line (``<corpus>/<speaker>/<file>``)."""
    problem: str


@dataclass(frozen=True, slots=True)
class Listed:
    """What ``dipdiff corpus list`` found."""

    rows: tuple[Listing, ...]
    """The statements that could be read, ordered by speaker, date and path."""
    unreadable: tuple[FileProblem, ...]
    """Statement files that do not read as statements (broken front matter, a FIFO, an empty body):
    left out of ``rows``, since nothing they would show is known."""
    doubts: tuple[FileProblem, ...]
    """Listed files whose fields may be wrong: not UTF-8, or no front matter at all."""


_DOUBTS = frozenset({"encoding", "front-matter"})
"""``TextIssue`` kinds that leave a file readable but its listed fields in doubt."""


def list_statements(
    corpus: Corpus,
    analyses: Callable[[list[str]], Mapping[str, Analysis]],
    *,
    speaker: str | None = None,
    topic: str | None = None,
) -> Listed:
    """The statements of a corpus, filtered by speaker and topic, ordered by speaker, date and path,
    and the files that could not be read.

    ``analyses`` reads many files at once (the corpus index does, from what it keeps). An unreadable
    file is reported unless ``speaker`` names another folder: its topics are unknown, so a ``topic``
    filter keeps it.
    """
    if speaker is not None:
        corpus.require_speakers([speaker])
    found = analyses([entry.where for entry in corpus.entries])
    rows: list[Listing] = []
    unreadable: list[FileProblem] = []
    doubts: list[FileProblem] = []
    for entry in corpus.entries:
        analysis = found[entry.where]
        if not analysis.readable:
            if speaker is None or entry.folder == speaker:
                unreadable.append(FileProblem(entry.where, analysis.problem))
            continue
        row = _listing(entry, analysis.meta)
        if speaker is not None and row.speaker != speaker:
            continue
        if topic is not None and topic not in row.topics:
            continue
        rows.append(row)
        doubt = "; ".join(issue.detail for issue in analysis.issues if issue.kind in _DOUBTS)
        if doubt:
            doubts.append(FileProblem(entry.where, doubt))
    rows.sort(key=lambda r: (r.speaker, r.date, r.path))
    return Listed(tuple(rows), tuple(unreadable), tuple(doubts))


def _listing(entry: Entry, meta: Mapping[str, Any]) -> Listing:
    """Describe one statement from its front matter (missing fields stay empty)."""
    topics = meta.get("topics")
    return Listing(
        id=entry.id,
        path=entry.rel,
        speaker=str(meta.get("speaker", entry.folder)),
        date=_text(meta.get("date"), "unknown"),
        title=_text(meta.get("title"), ""),
        topics=tuple(str(t) for t in topics) if isinstance(topics, list) else (),
        language=_text(meta.get("language"), "") or None,
        supersedes=_text(meta.get("supersedes"), "") or None,
        illustrative=meta.get("illustrative") is True,
    )


def _text(value: Any, default: str) -> str:
    """A front-matter value as text (dates as ISO 8601)."""
    if value is None:
        return default
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
