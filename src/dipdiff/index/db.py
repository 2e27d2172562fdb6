"""The corpus index's SQLite file: checked rows, one writer at a time, rebuilt when damaged.

Two tables. ``files`` maps a path to the content hash it held, with the stat key it had then (size,
modification time, change time, inode) and when that was seen. ``facts`` holds values per content
(``kind``, ``key``): a file's analysis, its parsed body, comparisons between two contents. Every row
carries a checksum (BLAKE2b over its key and payload), verified on every read: bytes changed inside
the file, by a disk or a hand, make the row a miss, never a wrong answer. A file SQLite itself cannot
read any more (truncated, scribbled over its pages) is deleted and started afresh. Each kind of damage
is logged once per run (logger ``dipdiff.index``), and the value is computed again and rewritten.

Writes are queued and committed in batches inside ``BEGIN IMMEDIATE`` transactions, in WAL mode:
readers never wait, and a second writer waits its turn (``BUSY_SECONDS``) instead of losing its rows.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOG = logging.getLogger("dipdiff.index")

SCHEMA = 1
"""Bumped when the tables or the encoding of a payload change; an index of another schema is emptied."""
BUSY_SECONDS = 60.0
"""How long a writer waits for another dipdiff to finish writing before giving up its own rows."""
BATCH = 400
"""Rows queued before they are committed (a long first run that is interrupted keeps its work)."""
RACY_NS = 2_000_000_000
"""A file changed less than this before its stat was recorded may have changed again within the same
timestamp tick (as git's "racy" entries): its content is hashed again rather than trusted."""

_TABLES = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL, digest TEXT NOT NULL, seen_ns INTEGER NOT NULL, checksum BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS facts (
    kind TEXT NOT NULL, key TEXT NOT NULL, payload BLOB NOT NULL, checksum BLOB NOT NULL,
    PRIMARY KEY (kind, key));
"""


class Damaged(ValueError):
    """A stored value failed its checksum or shape check."""


@dataclass(frozen=True, slots=True)
class Seen:
    """What the index recorded about a path: the stat key it had, and the content hash it held."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    digest: str
    seen_ns: int

    def vouches_for(self, stat: os.stat_result) -> bool | None:
        """True when ``stat`` is the recorded one and was recorded well after the last change; None
        when it matches but too soon after a change to be sure; False when the file changed."""
        key = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        if key != (self.size, self.mtime_ns, self.ctime_ns, self.inode):
            return False
        return True if self.seen_ns - max(stat.st_mtime_ns, stat.st_ctime_ns) > RACY_NS else None


def checksum(*parts: bytes) -> bytes:
    """BLAKE2b-128 over the parts, each length-prefixed so that no two splits collide."""
    framed = b"".join(len(part).to_bytes(8, "little") + part for part in parts)
    return hashlib.blake2b(framed, digest_size=16).digest()  # one call: 20,000 rows are checked per run


def _file_checksum(path: str, seen: Seen) -> bytes:
    numbers = (seen.size, seen.mtime_ns, seen.ctime_ns, seen.inode, seen.seen_ns)
    return checksum(path.encode("utf-8", "surrogateescape"), repr(numbers).encode(), seen.digest.encode())


class Database:
    """The index file (or an index in memory when ``path`` is None)."""

    def __init__(self, path: Path | None, stamp: str) -> None:
        self.path = path
        self.stamp = stamp
        self._queue: list[tuple[str, tuple[Any, ...]]] = []
        self._logged: set[str] = set()
        self._writable = True
        self._db = self._open()

    # --- opening, damage -------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        """Open the file, or a fresh one when it cannot be read, or memory when nothing else works."""
        if self.path is None:
            return self._prepare(sqlite3.connect(":memory:"))
        for attempt in range(2):
            try:
                return self._prepare(sqlite3.connect(self.path, timeout=BUSY_SECONDS))
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    break  # another dipdiff holds it past the wait: work from memory this run
                if attempt:
                    break
                self.damaged("the index file cannot be opened", exc)
                self._remove_files()
            except sqlite3.DatabaseError as exc:
                if attempt:
                    break
                self.damaged("the index file is damaged", exc)
                self._remove_files()
        self._writable = self.path is None
        return self._prepare(sqlite3.connect(":memory:"))

    def _prepare(self, db: sqlite3.Connection) -> sqlite3.Connection:
        """Create the tables; empty them when another schema or reader wrote them."""
        db.isolation_level = None  # transactions are explicit: BEGIN IMMEDIATE ... COMMIT
        if self.path is not None:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _TABLES.strip().split(";"):
                if statement.strip():
                    db.execute(statement)
            row = db.execute("SELECT value FROM info WHERE key = 'stamp'").fetchone()
            if row is None or row[0] != self.stamp:
                db.execute("DELETE FROM files")
                db.execute("DELETE FROM facts")
                db.execute("INSERT OR REPLACE INTO info VALUES ('stamp', ?)", (self.stamp,))
            db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            db.close()
            raise
        return db

    def _remove_files(self) -> None:
        """Delete a damaged index (and its write-ahead log) so that it is rebuilt."""
        assert self.path is not None
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.path}{suffix}")

    def damaged(self, what: str, detail: object = "") -> None:
        """Log a kind of damage once per run."""
        if what in self._logged:
            return
        self._logged.add(what)
        where = self.path if self.path is not None else "memory"
        extra = f" ({detail})" if detail else ""
        LOG.warning("dipdiff: corpus index %s: %s%s; rebuilding what it held", where, what, extra)

    def _reset(self, exc: sqlite3.DatabaseError) -> None:
        """SQLite found the file damaged mid-run: start a fresh index and keep going."""
        self.damaged("the index file is damaged", exc)
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
        self._queue.clear()
        if self.path is not None:
            self._remove_files()
        self._db = self._open()

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Run a query; a damaged file is replaced by a fresh one and the query answers nothing."""
        try:
            return self._db.execute(sql, params).fetchall()
        except UnicodeEncodeError:
            return []  # a key (a path) that is not valid Unicode is never stored: a miss
        except sqlite3.OperationalError:
            return []  # locked past the wait: a miss
        except sqlite3.DatabaseError as exc:
            self._reset(exc)
            return []

    # --- files -----------------------------------------------------------------------------------

    def files(self, under: str = "") -> dict[str, Seen]:
        """What was seen of each path (below ``under``, when given); rows failing their check are left
        out."""
        bounds = (under, under + "\U0010ffff") if under else ("", "\U0010ffff")
        return self._checked_files("path >= ? AND path < ?", bounds)

    def file(self, path: str) -> Seen | None:
        """What was seen of one path, if anything (a row failing its check is left out)."""
        return self._checked_files("path = ?", (path,)).get(path)

    def _checked_files(self, where: str, params: tuple[str, ...]) -> dict[str, Seen]:
        rows = self._read(
            "SELECT path, size, mtime_ns, ctime_ns, inode, digest, seen_ns, checksum FROM files "
            "WHERE " + where,
            params,
        )
        found = {}
        for path, size, mtime, ctime, inode, digest, seen_ns, check in rows:
            try:
                seen = Seen(int(size), int(mtime), int(ctime), int(inode), str(digest), int(seen_ns))
            except (TypeError, ValueError):
                self.damaged("a file record has the wrong shape")
                continue
            if not isinstance(path, str) or bytes(check) != _file_checksum(path, seen):
                self.damaged("a file record failed its checksum")
                continue
            found[path] = seen
        return found

    def remember_file(self, path: str, stat: os.stat_result, digest: str) -> Seen | None:
        """Queue what a path holds now, and return it (a name that is not valid Unicode is not kept:
        only speed lost)."""
        seen = Seen(stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, digest, time.time_ns())
        try:
            path.encode("utf-8")
        except UnicodeEncodeError:
            return None
        row = (path, seen.size, seen.mtime_ns, seen.ctime_ns, seen.inode, digest, seen.seen_ns)
        self._queue.append(
            (
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*row, _file_checksum(path, seen)),
            )
        )
        self._maybe_flush()
        return seen

    def forget_files(self, paths: Iterable[str]) -> None:
        """Queue the removal of paths that are gone."""
        for path in paths:
            self._queue.append(("DELETE FROM files WHERE path = ?", (path,)))
        self._maybe_flush()

    # --- facts -----------------------------------------------------------------------------------

    def get_many(self, kind: str, keys: Iterable[str]) -> dict[str, bytes]:
        """Payloads of the keys found, each checked against its checksum (failures are misses)."""
        wanted = list(dict.fromkeys(keys))
        if self._queue:
            self.flush()  # what this run queued must be found too
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            marks = ",".join("?" * len(chunk))
            rows = self._read(
                f"SELECT key, payload, checksum FROM facts WHERE kind = ? AND key IN ({marks})",
                (kind, *chunk),
            )
            for key, payload, check in rows:
                if not isinstance(key, str) or not isinstance(payload, bytes):
                    self.damaged(f"a {kind} record has the wrong shape")
                    continue
                if bytes(check) != checksum(kind.encode(), key.encode(), payload):
                    self.damaged(f"a {kind} record failed its checksum")
                    continue
                found[key] = payload
        return found

    def get(self, kind: str, key: str) -> bytes | None:
        """One payload, checked, or None."""
        return self.get_many(kind, [key]).get(key)

    def put(self, kind: str, key: str, payload: bytes) -> None:
        """Queue a payload under its checksum (under a key that is not valid Unicode, a path, nothing
        is kept: only speed lost)."""
        try:
            key.encode("utf-8")
        except UnicodeEncodeError:
            return
        check = checksum(kind.encode(), key.encode(), payload)
        self._queue.append(("INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?)", (kind, key, payload, check)))
        self._maybe_flush()

    def prune_facts(self, kinds: Sequence[str]) -> None:
        """Queue the removal of per-content facts no file holds any more."""
        for kind in kinds:
            self._queue.append(
                ("DELETE FROM facts WHERE kind = ? AND key NOT IN (SELECT digest FROM files)", (kind,))
            )
        self._maybe_flush()

    # --- writing ---------------------------------------------------------------------------------

    def _maybe_flush(self) -> None:
        if len(self._queue) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Commit the queued writes in one transaction, waiting for another writer if need be."""
        queue, self._queue = self._queue, []
        if not queue or not self._writable:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for sql, params in queue:
                self._db.execute(sql, params)
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            self.damaged("the index stayed locked by another dipdiff; this run's results were not kept", exc)
            self._writable = False
        except sqlite3.DatabaseError as exc:
            self._reset(exc)

    def close(self) -> None:
        """Commit what is queued and close the file."""
        self.flush()
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
