"""A SQLite cache of what each statement file holds, keyed by the hash of its bytes.

Reading a statement (front matter, Markdown, tokens) is the slow part of every corpus command, and most
files do not change between runs. The cache remembers, per content hash (SHA-256 of the file's
bytes), the file's ``Analysis`` (front matter, field lines, text problems, duplicate fingerprint) and
its ``Statement`` (paragraphs and their lines). A second table maps each path's size and modification
time to the hash it had, as git's index does, so an unchanged file is not even read again.

Usage, for any command that walks a corpus::

    with Cache.for_corpus(corpus_root) as cache:
        statement = cache.statement(path)        # a dipdiff.model.Statement; InputError if unreadable
        analysis = cache.analysis(path)          # dipdiff.corpus.analysis.Analysis
        many = cache.analyses(paths)             # {path: Analysis}, misses computed in parallel

Location: ``<parent of the corpus root>/.dipdiff-cache/cache.sqlite`` (``DIPDIFF_CACHE_DIR`` or an
explicit ``directory`` override it). The folder holds a ``.gitignore`` of ``*``, so git ignores it
wherever it is. The cache is only a speed-up: deleting the folder is always safe, and entries written
by another dipdiff version are dropped.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import TracebackType

from dipdiff.corpus.analysis import (
    Analysis,
    analyse,
    from_record,
    statement_from_record,
    statement_to_record,
    to_record,
)
from dipdiff.errors import InputError
from dipdiff.model import Statement

CACHE_DIR_NAME = ".dipdiff-cache"
CACHE_FILE_NAME = "cache.sqlite"
FORMAT = 1
"""Bumped whenever what an analysis holds changes; older caches are then emptied."""

COMMIT_EVERY = 500
"""Commit after this many new analyses."""

PARALLEL_FROM = 200
"""Analyse uncached files in worker processes when at least this many are missing."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS analyses (
    digest TEXT PRIMARY KEY, head BLOB NOT NULL, signature BLOB NOT NULL, body BLOB);
"""


def default_directory(corpus_root: Path) -> Path:
    """Where the cache of a corpus lives unless told otherwise."""
    override = os.environ.get("DIPDIFF_CACHE_DIR")
    if override:
        return Path(override)
    return corpus_root.resolve().parent / CACHE_DIR_NAME


class Cache:
    """Per-content analyses of statement files, in SQLite (or in memory when ``path`` is None)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._memory: dict[str, tuple[Analysis, Statement | None]] = {}
        self._stats: dict[str, tuple[int, int, str]] = {}
        self._db: sqlite3.Connection | None = None
        self._pending = 0
        if path is not None:
            try:
                self._db = _open(path)
                rows = self._db.execute("SELECT * FROM files").fetchall()
            except sqlite3.Error:
                self._give_up()  # locked or damaged: this run works from memory
                return
            self._stats = {p: (size, mtime, digest) for p, size, mtime, digest in rows}

    @classmethod
    def for_corpus(cls, corpus_root: Path, directory: Path | None = None, *, enabled: bool = True) -> Cache:
        """Open the cache of a corpus; fall back to memory when disabled or not writable."""
        if not enabled:
            return cls(None)
        folder = directory or default_directory(corpus_root)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Written by dipdiff: this folder is a cache.\n*\n", "utf-8")
        except OSError:
            return cls(None)
        return cls(folder / CACHE_FILE_NAME)

    def __enter__(self) -> Cache:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Write pending entries and close the database."""
        if self._db is not None:
            # If another process holds the lock, this run's entries are simply not kept.
            with contextlib.suppress(sqlite3.Error):
                self._db.commit()
            self._give_up()

    def analysis(self, path: Path) -> Analysis:
        """The analysis of the file at ``path``; an unreadable file yields an analysis saying so."""
        return self.analyses([path])[path]

    def statement(self, path: Path) -> Statement:
        """The statement in the file at ``path``; ``InputError`` when it cannot be read."""
        key = str(path)
        analysis = self.analysis(path)
        if not analysis.readable:
            detail = analysis.issues[-1].detail if analysis.issues else "cannot be read"
            raise InputError(detail, source=key)
        cached = self._memory.get(analysis.digest)
        if cached is not None and cached[1] is not None:
            return _with_source(cached[1], key)
        if self._db is not None:
            try:
                row = self._db.execute(
                    "SELECT body FROM analyses WHERE digest = ?", (analysis.digest,)
                ).fetchone()
            except sqlite3.Error:
                row = None
            if row is not None and row[0] is not None:
                return statement_from_record(json.loads(zlib.decompress(row[0])), key)
        _, statement = analyse(_read(path), key)
        assert statement is not None
        return statement

    def analyses(self, paths: Iterable[Path]) -> dict[Path, Analysis]:
        """Analyses of many files; those not cached are computed, in parallel when many."""
        paths = list(paths)
        found: dict[Path, Analysis] = {}
        digests: dict[Path, str] = {}
        for path in paths:
            digest = self._known_digest(path)
            if digest is not None:
                digests[path] = digest
        heads = self._heads(set(digests.values()))
        missing = []
        for path in paths:
            digest = digests.get(path)
            if digest is not None and digest in heads:
                found[path] = heads[digest]
            else:
                missing.append(path)
        for path, analysis, statement in self._compute(missing):
            found[path] = analysis
            self._store(path, analysis, statement)
        return found

    def prune(self, keep: Iterable[Path], under: Path) -> None:
        """Forget files below ``under`` other than ``keep``, and analyses no file refers to."""
        if self._db is None:
            return
        kept = {_key(p) for p in keep}
        prefix = _key(under).rstrip("/") + "/"
        gone = [(p,) for p in self._stats if p.startswith(prefix) and p not in kept]
        try:
            self._db.executemany("DELETE FROM files WHERE path = ?", gone)
            self._db.execute("DELETE FROM analyses WHERE digest NOT IN (SELECT digest FROM files)")
            self._db.commit()
        except sqlite3.Error:
            self._give_up()
            return
        for (p,) in gone:
            self._stats.pop(p, None)

    def _known_digest(self, path: Path) -> str | None:
        """The content hash recorded for ``path`` if its size and mtime are unchanged."""
        known = self._stats.get(_key(path))
        if known is None:
            return None
        try:
            stat = path.stat()
        except OSError:
            return None
        if (stat.st_size, stat.st_mtime_ns) != known[:2]:
            return None
        return known[2]

    def _heads(self, digests: set[str]) -> dict[str, Analysis]:
        """Cached analyses for these content hashes."""
        heads = {d: self._memory[d][0] for d in digests if d in self._memory}
        wanted = [d for d in digests if d not in heads]
        if self._db is None or not wanted:
            return heads
        try:
            for start in range(0, len(wanted), 900):
                chunk = wanted[start : start + 900]
                marks = ",".join("?" * len(chunk))
                for digest, head, signature in self._db.execute(
                    f"SELECT digest, head, signature FROM analyses WHERE digest IN ({marks})", chunk
                ):
                    heads[digest] = from_record(digest, json.loads(head), bytes(signature))
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            self._give_up()  # a locked or damaged cache only costs speed
        return heads

    def _give_up(self) -> None:
        """Stop using the database for the rest of this run; work from memory."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _compute(self, paths: list[Path]) -> Iterator[tuple[Path, Analysis, Statement | None]]:
        """Analyse files, in worker processes when there are many."""
        if len(paths) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
            for path in paths:
                yield (path, *_analyse_path(path))
            return
        workers = min(os.cpu_count() or 1, 8)
        chunk = max(1, len(paths) // (workers * 8))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for path, result in zip(paths, pool.map(_analyse_path, paths, chunksize=chunk), strict=True):
                yield (path, *result)

    def _store(self, path: Path, analysis: Analysis, statement: Statement | None) -> None:
        """Remember an analysis for this content, and which content the path holds now."""
        if not analysis.digest:
            return  # the file could not be read at all: nothing to key it by
        if self._db is None:
            self._memory[analysis.digest] = (analysis, statement)
            return
        try:
            self._write(path, analysis, statement)
        except sqlite3.Error:
            self._give_up()
            self._memory[analysis.digest] = (analysis, statement)

    def _write(self, path: Path, analysis: Analysis, statement: Statement | None) -> None:
        """Insert one analysis and the path's current stat into the database."""
        assert self._db is not None
        head = json.dumps(to_record(analysis), ensure_ascii=False).encode("utf-8")
        body = (
            None
            if statement is None
            else zlib.compress(json.dumps(statement_to_record(statement)).encode("utf-8"), 1)
        )
        self._db.execute(
            "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?, ?)",
            (analysis.digest, head, analysis.signature, body),
        )
        try:
            stat = path.stat()
        except OSError:
            return
        entry = (stat.st_size, stat.st_mtime_ns, analysis.digest)
        self._stats[_key(path)] = entry
        self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (_key(path), *entry))
        self._pending += 1
        if self._pending >= COMMIT_EVERY:  # a long first run that is interrupted keeps its work
            self._db.commit()
            self._pending = 0


def _open(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) a cache database, emptying it when written by another format."""
    from dipdiff import __version__

    db = sqlite3.connect(path, timeout=2)  # never wait long: the cache is only a speed-up
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(_SCHEMA)
    stamp = f"{FORMAT}/{__version__}"
    row = db.execute("SELECT value FROM info WHERE key = 'format'").fetchone()
    if row is None or row[0] != stamp:
        db.executescript("DELETE FROM files; DELETE FROM analyses;")
        db.execute("INSERT OR REPLACE INTO info VALUES ('format', ?)", (stamp,))
        db.commit()
    return db


def _key(path: Path) -> str:
    """How the files table names a path: absolute, so that any working folder finds it."""
    return os.path.abspath(path)


def _read(path: Path) -> bytes:
    """Read a statement file's bytes, with the same size limit and errors as the readers."""
    from dipdiff.readers import read_bytes

    return read_bytes(str(path))


def _analyse_path(path: Path) -> tuple[Analysis, Statement | None]:
    """Analyse one file; a file that cannot even be read yields an analysis saying so."""
    from dipdiff.corpus.analysis import TextIssue

    try:
        data = _read(path)
    except InputError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        issue = TextIssue("unreadable", 1, reason)
        return Analysis("", False, {}, 0, {}, (issue,), "", b"", 0), None
    return analyse(data, str(path))


def _with_source(statement: Statement, source: str) -> Statement:
    """The same statement, read from ``source``."""
    from dataclasses import replace

    return statement if statement.source == source else replace(statement, source=source)
