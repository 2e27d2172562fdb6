"""The corpus index's SQLite file: checked rows, one writer at a time, rebuilt when damaged.

Four tables. ``files`` maps a path to the content hash it held, with the stat key it had then (size,
modification time, change time, inode) and when that was seen. ``facts`` holds values per content
(``kind``, ``key``): a file's analysis, its parsed body, comparisons between two contents. ``contents``
and ``words`` are the word index: a number for each content whose words are indexed, and per word
the numbers of the contents that hold it (a posting list), which ``track`` reads instead of every
statement's text. Every row
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
import itertools
import logging
import operator
import os
import sqlite3
import time
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOG = logging.getLogger("dipdiff.index")

SCHEMA = 4
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
CREATE TABLE IF NOT EXISTS contents (
    digest TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE, checksum BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS words (
    word TEXT PRIMARY KEY, ids BLOB NOT NULL, checksum BLOB NOT NULL) WITHOUT ROWID;
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
        return vouches((self.size, self.mtime_ns, self.ctime_ns, self.inode), self.seen_ns, stat)


def vouches(recorded: Sequence[int], seen_ns: int, stat: os.stat_result) -> bool | None:
    """``Seen.vouches_for`` of a stat key (size, modification time, change time, inode) recorded at
    ``seen_ns``."""
    if (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino) != tuple(recorded):
        return False
    return True if seen_ns - max(stat.st_mtime_ns, stat.st_ctime_ns) > RACY_NS else None


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
        self._words_damaged = False
        self._db = self._open()

    # --- opening, damage -------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        """Open the file, or a fresh one when it cannot be read, or memory when nothing else works."""
        if self.path is None:
            return self._prepare(sqlite3.connect(":memory:"))
        deadline = time.monotonic() + BUSY_SECONDS
        pause = 0.01
        attempt = 0
        while attempt < 2:
            try:
                return self._prepare(sqlite3.connect(self.path, timeout=BUSY_SECONDS))
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    # Two dipdiffs opening a new index at once: switching it to WAL does not wait for
                    # the other, it fails at once. Try again for as long as a writer would wait.
                    if time.monotonic() < deadline:
                        time.sleep(pause)
                        pause = min(pause * 2, 0.5)
                        continue
                    LOG.warning(
                        "dipdiff: corpus index %s: busy with another dipdiff for %d s; this run keeps "
                        "nothing in it",
                        self.path,
                        BUSY_SECONDS,
                    )
                    break
                if attempt:
                    break
                self.damaged("the index file cannot be opened", exc)
                self._remove_files()
            except sqlite3.DatabaseError as exc:
                if attempt:
                    break
                self.damaged("the index file is damaged", exc)
                self._remove_files()
            attempt += 1
        self._writable = self.path is None
        return self._prepare(sqlite3.connect(":memory:"))

    def _prepare(self, db: sqlite3.Connection) -> sqlite3.Connection:
        """Create the tables; empty them when another schema or reader wrote them."""
        db.isolation_level = None  # transactions are explicit: BEGIN IMMEDIATE ... COMMIT
        try:
            if self.path is not None:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
            db.execute("BEGIN IMMEDIATE")
            for statement in _TABLES.strip().split(";"):
                if statement.strip():
                    db.execute(statement)
            row = db.execute("SELECT value FROM info WHERE key = 'stamp'").fetchone()
            if row is None or row[0] != self.stamp:
                for table in ("files", "facts", "contents", "words"):
                    db.execute(f"DELETE FROM {table}")
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

    def holds(self, kind: str) -> bool:
        """Whether any fact of this kind is stored (an index just made holds none)."""
        return bool(self._read("SELECT 1 FROM facts WHERE kind = ? LIMIT 1", (kind,)))

    def having(self, kinds: Sequence[str], keys: Iterable[str]) -> set[str]:
        """The keys that have a row of every kind named (rows are not checked here: a damaged one is
        a miss when it is read)."""
        wanted = list(dict.fromkeys(keys))
        if self._queue:
            self.flush()
        found: set[str] = set()
        kind_marks = ",".join("?" * len(kinds))
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            marks = ",".join("?" * len(chunk))
            rows = self._read(
                f"SELECT key FROM facts WHERE kind IN ({kind_marks}) AND key IN ({marks}) "
                "GROUP BY key HAVING count(*) = ?",
                (*kinds, *chunk, len(kinds)),
            )
            found.update(key for (key,) in rows if isinstance(key, str))
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
            for sql, rows in itertools.groupby(queue, key=operator.itemgetter(0)):
                self._db.executemany(sql, (params for _, params in rows))  # in the order queued
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

    # --- the word index --------------------------------------------------------------------------

    def content_numbers(self) -> dict[str, int]:
        """Content hash -> number of every content whose words are indexed (a row failing its check
        is left out: that content's words are indexed again, under a new number)."""
        found = {}
        for digest, number, check in self._read("SELECT digest, id, checksum FROM contents"):
            if not (isinstance(digest, str) and type(number) is int):
                self.damaged("a word index record has the wrong shape")
            elif bytes(check) != _content_checksum(digest, number):
                self.damaged("a word index record failed its checksum")
            else:
                found[digest] = number
        return found

    def next_content_number(self) -> int:
        """The number the next content added to the word index would get."""
        rows = self._read("SELECT max(id) FROM contents")
        top = rows[0][0] if rows else None
        return (top if type(top) is int else 0) + 1

    def add_words(
        self, added: dict[str, array[int]], digests: Sequence[str], first: int
    ) -> dict[str, int] | None:
        """Add contents to the posting lists, in one transaction (another writer waits, so no posting
        list loses a number): ``digests[i]`` is numbered ``first + i`` in ``added`` (word -> the
        numbers of the contents holding it), or the next free numbers if another dipdiff took those
        meanwhile. The contents' numbers, or None when the index cannot take them (an index in memory
        keeps none; a damaged posting list empties the word index, to be built again)."""
        if not self._writable or self.path is None:
            return None
        self.flush()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            top = self._db.execute("SELECT max(id) FROM contents").fetchone()[0] or 0
            if top >= first:  # another dipdiff indexed contents since ``first`` was read
                shift = top + 1 - first
                added = {word: array("I", (n + shift for n in ids)) for word, ids in added.items()}
                first += shift
            numbers = {digest: first + i for i, digest in enumerate(digests)}
            if not self._merge_postings(added):
                self._db.execute("ROLLBACK")
                self.forget_words()
                return None
            # in word order, the table's tree fills page after page: about half the work of a random order
            rows = ((word, added[word].tobytes()) for word in sorted(added))
            self._db.executemany(
                "INSERT OR REPLACE INTO words VALUES (?, ?, ?)",
                ((word, blob, _words_checksum(word, blob)) for word, blob in rows),
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO contents VALUES (?, ?, ?)",
                ((d, n, _content_checksum(d, n)) for d, n in numbers.items()),
            )
            self._db.execute("COMMIT")
        except UnicodeEncodeError:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            return None  # a word that is not valid Unicode cannot be a key: the texts are scanned
        except sqlite3.OperationalError as exc:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            self.damaged("the index stayed locked by another dipdiff; this run's results were not kept", exc)
            self._writable = False
            return None
        except sqlite3.DatabaseError as exc:
            self._reset(exc)
            return None
        return numbers

    def _merge_postings(self, added: dict[str, array[int]]) -> bool:
        """Put each word's kept posting list before the numbers being added (inside the writing
        transaction); False when a kept list fails its check."""
        words = list(added)
        for start in range(0, len(words), 900):
            chunk = words[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for word, blob, check in self._db.execute(
                f"SELECT word, ids, checksum FROM words WHERE word IN ({marks})", chunk
            ):
                if bytes(check) != _words_checksum(word, bytes(blob)) or len(blob) % 4:
                    self.damaged("a posting list failed its checksum")
                    return False
                kept = array("I")
                kept.frombytes(blob)
                kept.extend(added[word])
                added[word] = kept
        return True

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read inside one transaction, so that every query sees the index as it was at the first
        (another process may add contents meanwhile); a word index found damaged is emptied after."""
        self.flush()
        began = False
        try:
            self._db.execute("BEGIN")
            began = True
        except sqlite3.Error:
            pass  # read without the snapshot: a damaged posting list still answers None
        try:
            yield
        finally:
            if began:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("COMMIT")
            if self._words_damaged:
                self._words_damaged = False
                self.forget_words()

    def postings(self, where: str, params: Sequence[str]) -> dict[str, array[int]] | None:
        """The posting lists of the words matching ``where`` (word -> content numbers); None when the
        query fails or a list fails its check (the word index is then emptied, to be built again)."""
        try:
            rows = self._db.execute(f"SELECT word, ids, checksum FROM words WHERE {where}", params).fetchall()
        except sqlite3.Error:
            return None
        found = {}
        for word, blob, check in rows:
            if not (isinstance(word, str) and isinstance(blob, bytes)) or len(blob) % 4:
                self.damaged("a posting list has the wrong shape")
            elif bytes(check) != _words_checksum(word, blob):
                self.damaged("a posting list failed its checksum")
            else:
                ids = array("I")
                ids.frombytes(blob)
                found[word] = ids
                continue
            self._words_damaged = True
            return None
        return found

    def forget_words(self) -> None:
        """Empty the word index (it is built again by the next run that needs it)."""
        self._queue += [("DELETE FROM words", ()), ("DELETE FROM contents", ())]
        self.flush()


def _content_checksum(digest: str, number: int) -> bytes:
    return checksum(b"content", digest.encode(), number.to_bytes(8, "little"))


def _words_checksum(word: str, blob: bytes) -> bytes:
    return checksum(b"word", word.encode(), blob)
