"""Parse, normalise and sentence-split statements once: an SQLite cache keyed by content hash.

``Store.load(paths)`` returns a ``Parsed`` per file. A file's key is the SHA-256 of its bytes plus the
version of this pipeline and a fingerprint of the normalisation rules, so an edited file, a new
dipdiff or a changed rule set is parsed afresh and nothing stale is ever served. The cache is one
SQLite file, ``history.sqlite`` in the folder ``dipdiff.cache`` uses (``.dipdiff-cache/`` beside the
corpus folder, or ``DIPDIFF_CACHE_DIR``; git-ignored). It is separate from ``cache.sqlite`` because
it holds what only the history commands need (normalised words and sentence bounds); the same table
keeps the per-pair numbers of ``timeline``. Files not in the cache are parsed in two
worker processes when there are many.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import marshal
import os
import sqlite3
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dipdiff.history.model import Entry, Parsed, Progress
from dipdiff.history.sentences import split_words
from dipdiff.model import Statement
from dipdiff.normalise import Normaliser, default_normaliser
from dipdiff.readers import parse_statement, read_bytes
from dipdiff.tokens import words_and_keys

PIPELINE_VERSION = "history-2"
"""Bump when parsing, tokenising or sentence splitting changes what a cached record holds."""

CACHE_FOLDER = ".dipdiff-cache"
_PARALLEL_FROM = 40
"""Parse in worker processes when at least this many files miss the cache."""


def default_cache_path(corpus: Path) -> Path:
    """``$DIPDIFF_CACHE_DIR/history.sqlite``, else ``.dipdiff-cache/`` beside the corpus folder."""
    folder = os.environ.get("DIPDIFF_CACHE_DIR")
    base = Path(folder) if folder else corpus.resolve().parent / CACHE_FOLDER
    return base / "history.sqlite"


@functools.cache
def source_fingerprint(*patterns: str) -> str:
    """A short hash of the dipdiff source and data files matching ``patterns`` (relative to the
    package), so cached results never outlive a change to the code that made them."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(package.glob(pattern)):
            with contextlib.suppress(OSError):
                digest.update(path.relative_to(package).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _fingerprint(normaliser: Normaliser) -> str:
    """A short hash of the normalisation rules, so changed rules never reuse old keys."""
    rules = [
        normaliser.unicode_form,
        normaliser.casefold,
        sorted((k, v) for k, v in normaliser.table.items()),
        sorted(normaliser.words.items()),
    ]
    blob = json.dumps(rules, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


class Store:
    """Parsed statements and computed numbers, cached in SQLite when a path is given."""

    def __init__(self, path: Path | None, normaliser: Normaliser | None = None) -> None:
        self.normaliser = normaliser or default_normaliser()
        code = source_fingerprint("readers/*.py", "tokens.py", "history/sentences.py", "history/store.py")
        self._salt = f"{PIPELINE_VERSION}:{sys.version_info[:2]}:{code}:{_fingerprint(self.normaliser)}"
        self._db: sqlite3.Connection | None = None
        self._writable = True
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                ignore = path.parent / ".gitignore"
                if not ignore.exists():  # the same guard ``dipdiff.cache`` writes
                    ignore.write_text("# Written by dipdiff: this folder is a cache.\n*\n", "utf-8")
                self._db = sqlite3.connect(path, timeout=2.0)
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS records (kind TEXT, key TEXT, payload BLOB, "
                    "PRIMARY KEY (kind, key))"
                )
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, "
                    "mtime_ns INTEGER, digest TEXT)"
                )
                self._prune()
            except (OSError, sqlite3.Error):
                self._db = None  # an unusable cache only costs speed

    def _prune(self) -> None:
        """Drop records a different dipdiff (code, rules, Python) wrote: they can never be read."""
        assert self._db is not None
        self._db.execute("CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT)")
        row = self._db.execute("SELECT value FROM info WHERE key = 'salt'").fetchone()
        if row is None or row[0] != self._salt:
            self._db.execute("DELETE FROM records")
            self._db.execute("INSERT OR REPLACE INTO info VALUES ('salt', ?)", (self._salt,))
            self._db.commit()

    def close(self) -> None:
        """Commit and close the cache."""
        if self._db is not None:
            self.commit()
            self._db.close()
            self._db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, kind: str, key: str) -> Any:
        """Return a cached value, or ``None``."""
        if self._db is None:
            return None
        row = self._db.execute(
            "SELECT payload FROM records WHERE kind = ? AND key = ?", (kind, self._salt + key)
        ).fetchone()
        if row is None:
            return None
        try:
            return marshal.loads(row[0])
        except (ValueError, EOFError, TypeError):
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Cache a value made of plain Python values (marshal-able)."""
        if self._db is None or not self._writable:
            return
        payload = marshal.dumps(value)
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO records VALUES (?, ?, ?)", (kind, self._salt + key, payload)
            )
        except sqlite3.Error:
            # another dipdiff holds the write lock: stop writing rather than wait on every record
            self._writable = False

    def commit(self) -> None:
        """Make the values put so far visible to other processes."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.commit()

    def get_many(self, kind: str, keys: Sequence[str]) -> dict[str, Any]:
        """Return the cached values of many keys at once (missing keys are left out)."""
        found: dict[str, Any] = {}
        if self._db is None:
            return found
        salted = [self._salt + key for key in keys]
        for start in range(0, len(salted), 500):
            chunk = salted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, payload FROM records WHERE kind = ? AND key IN ({marks})",
                (kind, *chunk),
            )
            for key, payload in rows:
                with contextlib.suppress(ValueError, EOFError, TypeError):
                    found[key[len(self._salt) :]] = marshal.loads(payload)
        return found

    def load(self, paths: Sequence[str], progress: Progress | None = None) -> list[Parsed]:
        """Read, parse and normalise each file, from the cache when its content is unchanged."""
        digests = self._digests(paths)
        records = self.get_many("parsed", [d for d in digests if d])
        missing = [i for i, digest in enumerate(digests) if not digest or digest not in records]
        blobs = {i: read_bytes(paths[i]) for i in missing}
        for i in missing:
            digests[i] = hashlib.sha256(blobs[i]).hexdigest()
            self._remember(paths[i], digests[i])
        parsed = _parse_many([(blobs[i], paths[i]) for i in missing], progress)
        for i, record in zip(missing, parsed, strict=True):
            records[digests[i]] = record
            self.put("parsed", digests[i], record)
        if missing:
            self.commit()
        return [_parsed(path, records[d], d) for path, d in zip(paths, digests, strict=True)]

    def _digests(self, paths: Sequence[str]) -> list[str]:
        """Each file's content hash as last seen, when its size and modification time are unchanged
        (as git's index does); an empty string where the file must be read."""
        known: dict[str, tuple[int, int, str]] = {}
        if self._db is not None:
            rows = self._db.execute("SELECT path, size, mtime_ns, digest FROM files")
            known = {path: (size, mtime, digest) for path, size, mtime, digest in rows}
        digests = []
        for path in paths:
            try:
                stat = os.stat(path)
            except OSError:
                digests.append("")  # read_bytes will say what is wrong
                continue
            seen = known.get(os.path.abspath(path))
            fresh = seen is not None and seen[:2] == (stat.st_size, stat.st_mtime_ns)
            digests.append(seen[2] if fresh and seen else "")
        return digests

    def _remember(self, path: str, digest: str) -> None:
        """Note the hash of a file just read, with its size and modification time."""
        if self._db is None or not self._writable:
            return
        try:
            stat = os.stat(path)
            self._db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                (os.path.abspath(path), stat.st_size, stat.st_mtime_ns, digest),
            )
        except (OSError, sqlite3.Error):
            pass


def _parse_many(items: Sequence[tuple[bytes, str]], progress: Progress | None) -> Iterable[Any]:
    """Parse files to cache records, in worker processes when there are many."""
    total = len(items)
    if total >= _PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
            for done, record in enumerate(pool.map(_record_of, items, chunksize=16), 1):
                if progress:
                    progress("parsing", done, total)
                yield record
        return
    for done, item in enumerate(items, 1):
        if progress:
            progress("parsing", done, total)
        yield _record_of(item)


def _record_of(item: tuple[bytes, str]) -> Any:
    """Parse one file's bytes into a plain, marshal-able record."""
    data, source = item
    statement = parse_statement(data, source)
    normaliser = default_normaliser()
    norm = []
    spans = []
    for paragraph in statement.paragraphs:
        texts, trails, keys = words_and_keys(paragraph, normaliser)
        # keys never hold spaces (tokens never do), so one joined string per paragraph is exact
        norm.append(" ".join(keys))
        spans.append(tuple(split_words(list(texts), [bool(trail) for trail in trails])))
    meta = json.loads(json.dumps(dict(statement.meta), default=str))
    return (statement.paragraphs, json.dumps(meta), statement.lines, tuple(norm), tuple(spans))


def _parsed(path: str, record: Any, digest: str) -> Parsed:
    """Rebuild a ``Parsed`` from a cache record."""
    paragraphs, meta_json, lines, norm, spans = record
    meta = json.loads(meta_json)
    statement = Statement(source=path, paragraphs=tuple(paragraphs), meta=meta, lines=tuple(lines))
    return Parsed(entry_of(path, meta), statement, tuple(norm), tuple(spans), digest)


def entry_of(path: str, meta: Mapping[str, Any]) -> Entry:
    """Describe a statement by its front matter, falling back on its corpus path."""
    parts = Path(path).parts
    speaker = str(meta.get("speaker") or (parts[-2] if len(parts) > 1 else "unknown"))
    date = meta.get("date")
    if date is None:
        stem = Path(path).stem
        date = stem[:10] if stem[:4].isdigit() else "unknown"
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
