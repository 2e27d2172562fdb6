"""The corpus index: every fact about a corpus's files, computed once per content, shared by every
corpus command (``check``, ``corpus list``, ``timeline``, ``track``, ``blame``).

Per path, the stat key it had (size, modification time, change time, inode) and the SHA-256 of the
bytes it held: an unchanged file is never read again, and one changed too recently to trust its stat
is hashed again. Per content hash, the file's analysis and its body (``records``): front matter,
paragraphs, text problems, MinHash signature, normalised words and sentence ranges, all from one
reading and one tokenisation. Per pair of content hashes, comparisons (near-duplicate scores,
revision summaries, timeline steps), kept under keys that name both hashes and the options.

The whole index carries a stamp: its schema, dipdiff's version, the Python version and a fingerprint
of the code and data that make its facts (readers, tokeniser, normaliser, compare engine, lexicons).
An index made by anything else is emptied on opening, so no fact outlives the code that made it.

Usage::

    with CorpusIndex.for_corpus(corpus_root) as index:
        analyses = index.analyses(paths, progress)   # {path: Analysis}, misses computed in parallel
        body = index.body(path)                        # statement, normalised words, sentences
        score = index.result("near", key, is_float)    # a cached comparison, or None

Location: ``<parent of the corpus root>/.dipdiff-cache/index.sqlite`` (``DIPDIFF_CACHE_DIR`` or an
explicit ``directory`` override the folder, which holds a ``.gitignore`` of ``*``). Deleting it is
always safe. ``enabled=False`` keeps the index in memory for one run, with the same code paths.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import stat as stat_module
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from dipdiff.corpus.analysis import Analysis, TextIssue
from dipdiff.corpus.speakers import Registry
from dipdiff.corpus.store import FileProblem
from dipdiff.errors import InputError
from dipdiff.index.db import SCHEMA, Damaged, Database, Seen
from dipdiff.index.records import (
    Body,
    LightListing,
    decode_body,
    decode_head,
    decode_light,
    decode_light_listing,
    decode_listing,
    decode_registry,
    decode_text,
    decode_value,
    encode_head,
    encode_light_listing,
    encode_listing,
    encode_registry,
    encode_text,
    encode_value,
    facts_of,
    light_row,
)
from dipdiff.index.words import WordBuilder, WordIndex, words_of
from dipdiff.model import Statement

CACHE_DIR_NAME = ".dipdiff-cache"
INDEX_FILE_NAME = "index.sqlite"
PARALLEL_FROM = 40
LISTING_SLACK = 100
"""Files a run may find missing from (or changed in) the corpus listing before it rewrites it."""
"""Analyse files in worker processes when at least this many miss the index."""

P = TypeVar("P", bound=str | Path)
"""A file named by text or by a path: results are keyed as the files were named."""

Progress = Callable[[str, int, int], None]
"""Told ``(stage, done, total)`` as the reading of many files advances."""

_FINGERPRINTED = (
    "readers/*.py",
    "tokens.py",
    "normalise.py",
    "model.py",
    "corpus/analysis.py",
    "corpus/speakers.py",
    "safeyaml.py",
    "history/sentences.py",
    "index/*.py",
    "compare.py",
    "align.py",
    "worddiff.py",
    "options.py",
    "shifts/**/*.py",
    "check/duplicates.py",
    "check/supersedes.py",
    "history/timeline.py",
    "history/track.py",
    "history/units.py",
    "render/labels.py",
    "data/**/*.yaml",
)
"""The code and data whose output the index keeps: a change to any of them empties the index."""


def default_directory(corpus_root: Path) -> Path:
    """Where the index of a corpus lives unless told otherwise."""
    override = os.environ.get("DIPDIFF_CACHE_DIR")
    if override:
        return Path(override)
    return corpus_root.resolve().parent / CACHE_DIR_NAME


@functools.cache
def source_fingerprint(*patterns: str) -> str:
    """A short hash of the dipdiff source and data files matching ``patterns`` (relative to the
    package), so cached facts never outlive a change to the code that made them."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(package.glob(pattern)):
            with contextlib.suppress(OSError):
                digest.update(path.relative_to(package).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def index_stamp() -> str:
    """What an index must have been made by to be read: schema, versions, code and data."""
    from dipdiff import __version__
    from dipdiff.readers import READER_VERSION

    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    readers = f"readers-{READER_VERSION}"
    return f"{SCHEMA}/{__version__}/{python}/{readers}/{source_fingerprint(*_FINGERPRINTED)}"


class CorpusIndex:
    """Facts about statement files, kept in SQLite (``path``) or in memory (``path`` None)."""

    def __init__(self, path: Path | None, *, reflow: bool = True, root: Path | None = None) -> None:
        self.reflow = reflow
        """Whether hard-wrapped statements are re-flowed into paragraphs (``readers.reflow``)."""
        self.db = Database(path, index_stamp())
        self._seen: dict[str, Seen] | None = None
        self._heads: dict[str, Analysis] = {}
        self._run: dict[str, tuple[tuple[int, int, int, int], str]] = {}
        """Path -> (stat key, content hash) of the files read or vouched for in this run."""
        self._listing_key = _key(root) if root is not None and path is not None else None
        """The corpus root whose listing this index reads and keeps (none for an index in memory)."""
        self._listed: dict[str, tuple[Seen, bytes]] | None = None
        self._light: LightListing | None = None
        """The light listing, once read (``records.LightListing``), when there is a sound one."""
        self._light_read = False
        self._vouched: dict[str, Seen] = {}
        """Path -> what was seen of it, for every file vouched for or read in this run."""
        self._payloads: dict[str, bytes] = {}
        """Content hash -> encoded head, for the heads met in this run (a listing holds them)."""
        self._dropped = 0
        self._lookups = 0
        """Paths looked up one row at a time, because the listing lacked them."""
        """Files pruned from the listing in this run."""

    @classmethod
    def for_corpus(
        cls, corpus_root: Path, directory: Path | None = None, *, enabled: bool = True, reflow: bool = True
    ) -> CorpusIndex:
        """Open the index of a corpus; in memory when disabled or when its folder cannot be made.

        The file holds statements as read with re-flow; ``reflow=False`` keeps an index in memory.
        """
        if not enabled or not reflow:
            return cls(None, reflow=reflow)
        folder = directory or default_directory(corpus_root)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Written by dipdiff: this folder is a cache.\n*\n", "utf-8")
        except OSError:
            return cls(None)
        return cls(folder / INDEX_FILE_NAME, root=corpus_root)

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self._keep_listing()
        self.close()

    def close(self) -> None:
        """Write what is pending and close the file."""
        self.db.close()

    # --- per file --------------------------------------------------------------------------------

    def analysis(self, path: Path) -> Analysis:
        """The analysis of the file at ``path``; an unreadable file yields an analysis saying so."""
        return self.analyses([path])[path]

    def analyses(
        self, paths: Iterable[P], progress: Progress | None = None, *, light: bool = False
    ) -> dict[P, Analysis]:
        """Analyses of many files; those the index lacks are computed, in parallel when many. With
        ``light``, an analysis the index holds is read in part (``records.decode_light``: what the
        rules read of a file that is not being checked)."""
        cwd = os.getcwd()
        paths = list(paths)
        found: dict[P, Analysis] = {}
        looked = []
        listing = self._light_listing() if light else None
        for path in paths:
            key = _key(path, cwd)
            lit = self._light_analysis(path, key, listing) if listing is not None else None
            if lit is not None:
                found[path] = lit
            else:
                looked.append((path, key, *self._known(path, key)))
        heads = self._load_heads({digest for *_, digest in looked if digest}, light)
        missing: list[P] = []
        keys: dict[P, str] = {}
        stats: dict[P, os.stat_result | None] = {}
        for path, key, known, digest in looked:
            kept = heads.get(digest) if digest else None
            if kept is None:
                missing.append(path)
                keys[path], stats[path] = key, known
                continue
            found[path] = kept
            if known is not None:
                self._run[key] = (_stat_key(known), digest)
        for path, digest, head, body, text in _compute(missing, progress, self.reflow):
            analysis = found[path] = decode_head(digest, head)
            if not digest:
                continue  # the file could not be read at all: nothing to key it by
            self._heads[digest] = analysis
            self._payloads[digest] = head
            self.db.put("head", digest, head)
            if body is not None and text is not None:
                self.db.put("body", digest, body)
                self.db.put("text", digest, text)
            known = stats[path]
            if known is not None:
                self._run[keys[path]] = (_stat_key(known), digest)
                seen = self.db.remember_file(keys[path], known, digest)
                if seen is not None:
                    self._vouched[keys[path]] = seen
        if looked and len(looked) < len(paths):  # in the order given, as every other answer
            found = {path: found[path] for path in paths}
        return found

    def _light_analysis(self, path: P, key: str, listing: LightListing) -> Analysis | None:
        """The light analysis of a file the light listing vouches for by its stat key, or None."""
        row = listing.rows.get(key)
        stat = _stat(path) if row is not None else None
        if row is None or stat is None or listing.vouches_for(row, stat) is not True:
            return None
        try:
            analysis = listing.analysis(row)
        except Damaged as exc:
            self.db.damaged("a light record has the wrong shape", exc)
            self._light = None  # written again from the listing at the end of the run
            return None
        if analysis is not None:
            self._run[key] = (_stat_key(stat), analysis.digest)
        return analysis

    def digests(self, paths: Iterable[P]) -> dict[P, str]:
        """The content hash of each file the index vouches for without reading it (its stat key is
        the one recorded; one changed too recently to trust its stat is hashed again). Files it does
        not know, or that changed, are left out."""
        found: dict[P, str] = {}
        cwd = os.getcwd()
        light = self._light_listing()  # stat keys and hashes alone: no head is wanted here
        for path in paths:
            key = _key(path, cwd)
            row = light.rows.get(key) if light is not None else None
            if row is not None and light is not None:
                stat = _stat(path)
                if stat is not None and light.vouches_for(row, stat) is True:
                    found[path] = light.digests[row]
                    self._run[key] = (_stat_key(stat), light.digests[row])
                    continue
            known, digest = self._known(path, key)
            if known is not None and digest:
                found[path] = digest
                self._run[key] = (_stat_key(known), digest)
        return found

    def front_matter(self, paths: list[Path]) -> dict[Path, Mapping[str, Any]]:
        """The front matter of many files (empty for a file that cannot be read)."""
        return {path: analysis.meta for path, analysis in self.analyses(paths).items()}

    def body(self, path: Path) -> Body:
        """The statement in the file at ``path``, its words and sentences; ``InputError`` when it
        cannot be read."""
        return self.bodies([path])[path]

    def statement(self, path: Path) -> Statement:
        """The statement in the file at ``path``; ``InputError`` when it cannot be read."""
        return self.body(path).statement

    def bodies(
        self,
        paths: Sequence[P],
        progress: Progress | None = None,
        skipped: list[FileProblem] | None = None,
    ) -> dict[P, Body]:
        """Bodies of many files. A file that cannot be read is an ``InputError`` (the first, in
        order), or, when ``skipped`` is given, left out and told there."""
        analyses = self.analyses(paths, progress)
        readable = _readable(paths, analyses, skipped)
        payloads = self.db.get_many("body", (analyses[p].digest for p in readable))
        found: dict[P, Body] = {}
        for path in readable:
            payload = payloads.get(analyses[path].digest)
            if payload is not None:
                try:
                    found[path] = decode_body(payload, str(path), analyses[path].digest)
                    continue
                except Damaged as exc:
                    self.db.damaged("a body record has the wrong shape", exc)
            try:
                found[path] = self._reread(path)
            except InputError as exc:  # changed since it was analysed
                if skipped is None:
                    raise
                skipped.append(FileProblem(str(path), exc.detail))
        return found

    def _reread(self, path: str | Path) -> Body:
        """Read a file whose body the index lacks, and keep it."""
        analysis, head, body, text = facts_of(_read(path), str(path), self.reflow)
        if body is None or text is None:
            raise InputError(analysis.problem, source=str(path))
        self.db.put("head", analysis.digest, head)
        self.db.put("body", analysis.digest, body)
        self.db.put("text", analysis.digest, text)
        return decode_body(body, str(path), analysis.digest)

    def texts(self, paths: Sequence[P], skipped: list[FileProblem] | None = None) -> Iterator[tuple[P, str]]:
        """Each readable file's normalised text (its paragraphs' token keys, one paragraph a line), in
        the order given, a batch at a time: a phrase is looked for here before any body is read.
        A file that cannot be read is an ``InputError``, or, when ``skipped`` is given, left out
        and told there."""
        for start in range(0, len(paths), 500):
            batch = paths[start : start + 500]
            analyses = self.analyses(batch)
            readable = _readable(batch, analyses, skipped)
            payloads = self.db.get_many("text", (analyses[p].digest for p in readable))
            for path in readable:
                payload = payloads.get(analyses[path].digest)
                if payload is not None:
                    try:
                        yield path, decode_text(payload)
                        continue
                    except Damaged as exc:
                        self.db.damaged("a text record has the wrong shape", exc)
                bodies = self.bodies([path], skipped=skipped)
                if path in bodies:
                    self.db.put("text", bodies[path].digest, encode_text(bodies[path].norm))
                    yield path, "\n".join(bodies[path].norm)

    @contextlib.contextmanager
    def words(self, paths: Sequence[str], skipped: list[FileProblem]) -> Iterator[WordIndex | None]:
        """The word index of these files' contents, with those it lacks added first (from the
        normalised text kept for each); None for an index in memory or one that cannot be written,
        where the caller scans every text instead. Lookups see the index as it was when they began.
        The files that cannot be read are told in ``skipped`` (when the index answers)."""
        if self.db.path is None:
            yield None
            return
        digests = self.digests(paths)  # an indexed content was readable: no analysis is decoded
        problems: dict[str, FileProblem] = {}
        for attempt in range(2):
            with self.db.snapshot():
                known = self.db.content_numbers()
                rest = [p for p in paths if p not in problems and digests.get(p) not in known]
                if not rest:
                    files: dict[int, list[str]] = {}
                    for path in paths:
                        if path not in problems:
                            files.setdefault(known[digests[path]], []).append(path)
                    skipped += [problems[path] for path in paths if path in problems]
                    yield WordIndex(self.db, files)
                    return
            if attempt or not self._add_words(rest, digests, known, problems):
                yield None  # the index cannot take them, or another dipdiff emptied it meanwhile
                return

    def _add_words(
        self,
        paths: Sequence[str],
        digests: dict[str, str],
        known: Mapping[str, int],
        problems: dict[str, FileProblem],
    ) -> bool:
        """Index the words of these files' contents (``digests`` learns their hashes, ``problems``
        the files that cannot be read); False when the index cannot take them."""
        analyses = self.analyses(paths)
        refused: list[FileProblem] = []
        lacking: dict[str, str] = {}
        for path in _readable(paths, analyses, refused):
            digests[path] = analyses[path].digest
            if analyses[path].digest not in known:
                lacking.setdefault(analyses[path].digest, path)
        problems.update((problem.path, problem) for problem in refused)
        builder = WordBuilder(self.db.next_content_number())
        unread: list[FileProblem] = []
        for path, text in self.texts(list(lacking.values()), unread):
            builder.add(digests[path], words_of(text))
        for problem in unread:  # changed since it was analysed: none of its files is looked up
            for path in paths:
                if digests.get(path) == digests.get(problem.path):
                    problems[path] = problem
        return self.db.add_words(builder.postings, builder.digests, builder.first) is not None

    def _known(self, path: str | Path, key: str) -> tuple[os.stat_result | None, str]:
        """The file's stat, and the content hash the index vouches for ("" when it must be read);
        ``key`` is the path as the index names it."""
        try:
            stat = os.stat(path)
        except OSError:
            return None, ""
        if not stat_module.S_ISREG(stat.st_mode):
            return None, ""  # not a regular file: the readers say what is wrong with it
        this_run = self._run.get(key)
        if this_run is not None and this_run[0] == _stat_key(stat):
            return stat, this_run[1]
        if self._listed is None and self._light is not None:  # a check of a few files: no heads wanted
            row = self._light.rows.get(key)
            listed_seen = self._light.seen(row) if row is not None else None
            if listed_seen is not None and listed_seen.vouches_for(stat):
                self._vouched[key] = listed_seen
                return stat, listed_seen.digest
        else:
            listed = self._listing().get(key)
            if listed is not None and listed[0].vouches_for(stat):
                self._vouched[key] = listed[0]
                self._payloads.setdefault(listed[0].digest, listed[1])
                return stat, listed[0].digest
        seen = self._recorded(key)
        if seen is None:
            return stat, ""
        verdict = seen.vouches_for(stat)
        if verdict:
            self._vouched[key] = seen
            return stat, seen.digest
        if verdict is None:  # unchanged stat, but too close to a change to be sure: hash the bytes
            try:
                digest = hashlib.sha256(_read(path)).hexdigest()
            except InputError:
                return stat, ""
            if digest == seen.digest:
                again = self.db.remember_file(key, stat, digest)
                if again is not None:
                    self._vouched[key] = again
                return stat, digest
        return stat, ""

    def _recorded(self, key: str) -> Seen | None:
        """What the index's row for a path says; all rows are read at once, unless the listing
        answered for nearly every file so far (a check of one new file against 20,000 listed)."""
        if self._seen is None:
            if (self._listed or self._light is not None) and self._lookups < LISTING_SLACK:
                self._lookups += 1
                return self.db.file(key)
            self._seen = self.db.files()
        return self._seen.get(key)

    def _load_heads(self, digests: set[str], light: bool = False) -> dict[str, Analysis]:
        """Analyses the index holds for these content hashes (damaged ones are misses), in part
        when ``light``."""
        heads = {d: self._heads[d] for d in digests if d in self._heads}
        payloads = {d: self._payloads[d] for d in digests if d not in heads and d in self._payloads}
        payloads.update(self.db.get_many("head", (d for d in digests - heads.keys() - payloads.keys())))
        decode = decode_light if light else decode_head
        for digest, payload in payloads.items():
            try:
                heads[digest] = decode(digest, payload)
                self._payloads[digest] = payload
            except Damaged as exc:
                self._payloads.pop(digest, None)
                self.db.damaged("a head record has the wrong shape", exc)
                continue
            if not light:  # a part of an analysis is never taken for the whole
                self._heads[digest] = heads[digest]
        return heads

    # --- the corpus listing ----------------------------------------------------------------------

    def _listing(self) -> dict[str, tuple[Seen, bytes]]:
        """The listing of the corpus this index was opened for, read on first use: what was seen of
        each of its files and each one's encoded head, in one record. Reading 20,000 files' rows and
        heads one row at a time, each with its checksum, took most of a warm run; the listing is one
        row and one checksum. Every listed file is still checked against its stat key before it is
        trusted, as with the per-file rows, so a stale listing costs only speed."""
        if self._listed is None:
            self._listed = {}
            if self._listing_key is not None:
                payload = self.db.get("listing", self._listing_key)
                if payload is not None:
                    try:
                        self._listed = decode_listing(payload)
                    except Damaged as exc:
                        self.db.damaged("a listing record has the wrong shape", exc)
        return self._listed

    def _light_listing(self) -> LightListing | None:
        """The light listing of the corpus this index was opened for (``records.LightListing``), read
        on first use; None when there is none or it is damaged (it is rewritten from the listing)."""
        if not self._light_read:
            self._light_read = True
            payload = self.db.get("light", self._listing_key) if self._listing_key is not None else None
            if payload is not None:
                try:
                    self._light = decode_light_listing(payload)
                except Damaged as exc:
                    self.db.damaged("a light record has the wrong shape", exc)
        return self._light

    def _keep_listing(self) -> None:
        """Rewrite the listing and the light listing when this run saw more than ``LISTING_SLACK``
        files they lacked or held otherwise (a first run, a pull of many changes); a few new files are
        read from their own rows until then, so that adding one file does not rewrite a listing of
        20,000. A light listing that was missing or damaged is written again from the listing."""
        if self._listing_key is None:
            return
        light_lacking = self._light_read and self._light is None
        light = self._light
        if self._listed is None and light is not None:  # only the light listing was read
            news = sum(
                1
                for key, seen in self._vouched.items()
                if key not in light.rows or light.seen(light.rows[key]) != seen
            )
            if news <= LISTING_SLACK:
                return
        if not self._vouched and not (light_lacking and self._listed):
            return
        listed = self._listing()
        news = self._dropped
        news += sum(1 for key, seen in self._vouched.items() if key not in listed or listed[key][0] != seen)
        if news <= (LISTING_SLACK if listed else 0):
            if light_lacking and listed:
                self._keep_light(sorted(listed.items()))
            return
        prefix = self._listing_key.rstrip(os.sep) + os.sep
        # a file vouched for by the light listing, whose head was not read, keeps its listed row
        rows = {key: row for key, row in listed.items() if self._vouched.get(key, row[0]) == row[0]}
        for key, seen in self._vouched.items():
            payload = self._payloads.get(seen.digest)
            if payload is not None and key.startswith(prefix):
                rows[key] = (seen, payload)
        ordered = sorted(rows.items())
        self.db.put("listing", self._listing_key, encode_listing([(k, *row) for k, row in ordered]))
        self._keep_light(ordered)

    def _keep_light(self, rows: list[tuple[str, tuple[Seen, bytes]]]) -> None:
        """Write the light listing of these listing rows (a head that is not one is left out)."""
        assert self._listing_key is not None
        light = []
        for key, (seen, head) in rows:
            try:
                light.append((key, seen, light_row(head)))
            except Damaged:
                continue  # its file is read again from its own row
        self.db.put("light", self._listing_key, encode_light_listing(light))

    def prune(self, keep: Iterable[str | Path], under: Path) -> None:
        """Forget files below ``under`` other than ``keep``, and facts about contents no file holds."""
        cwd = os.getcwd()
        kept = {_key(p, cwd) for p in keep}
        prefix = _key(under).rstrip(os.sep) + os.sep
        if self._seen is None:
            self._seen = self.db.files()
        gone = [p for p in self._seen if p.startswith(prefix) and p not in kept]
        self.db.forget_files(gone)
        self.db.prune_facts(("head", "body", "text"))
        for path in gone:
            self._seen.pop(path, None)
        listed = self._listing()
        for path in [p for p in listed if p.startswith(prefix) and p not in kept]:
            del listed[path]
            self._dropped += 1

    def registry(self, root: Path) -> Registry:
        """The corpus's speakers registry, parsed once per content of ``speakers.yaml`` (parsing a
        registry of a thousand speakers with the safe YAML loader takes most of a second);
        ``CorpusError`` when it is missing or unreadable, as ``load_registry``."""
        return self.registry_and_digest(root)[1]

    def registry_and_digest(self, root: Path) -> tuple[str, Registry]:
        """The registry and the SHA-256 of the bytes it was parsed from. One record per registry
        file, replaced when its bytes change."""
        from dipdiff.corpus.speakers import parse_registry, read_registry, registry_path

        data = read_registry(root)
        digest = hashlib.sha256(data).hexdigest()
        key = _key(registry_path(root))
        payload = self.db.get("registry", key)
        if payload is not None:
            try:
                kept_digest, registry = decode_registry(payload)
                if kept_digest == digest:
                    return digest, registry
            except Damaged as exc:
                self.db.damaged("a registry record has the wrong shape", exc)
        registry = parse_registry(data, root)
        self.db.put("registry", key, encode_registry(digest, registry))
        return digest, registry

    # --- comparisons -----------------------------------------------------------------------------

    def result(self, kind: str, key: str, shape: Callable[[Any], bool]) -> Any:
        """A kept comparison (made of plain values, accepted by ``shape``), or None."""
        return self.results(kind, [key], shape).get(key)

    def results(self, kind: str, keys: Sequence[str], shape: Callable[[Any], bool]) -> dict[str, Any]:
        """Kept comparisons of many keys; damaged or misshapen ones are left out (and logged)."""
        found = {}
        for key, payload in self.db.get_many(kind, keys).items():
            try:
                found[key] = decode_value(payload, shape)
            except Damaged as exc:
                self.db.damaged(f"a {kind} record has the wrong shape", exc)
        return found

    def keep(self, kind: str, key: str, value: Any) -> None:
        """Keep a comparison made of plain values (numbers, text, tuples)."""
        self.db.put(kind, key, encode_value(value))

    def flush(self) -> None:
        """Make what was kept so far visible to other processes."""
        self.db.flush()


def _readable(
    paths: Sequence[P], analyses: Mapping[P, Analysis], skipped: list[FileProblem] | None
) -> list[P]:
    """The paths whose files read as statements. Another is an ``InputError`` (the first, in order),
    or, when ``skipped`` is given, told there."""
    readable = []
    for path in paths:
        analysis = analyses[path]
        if analysis.readable:
            readable.append(path)
        elif skipped is None:
            raise InputError(analysis.problem, source=str(path))
        else:
            skipped.append(FileProblem(str(path), analysis.problem))
    return readable


def comparison_context(old: str, new: str) -> str:
    """What a comparison of two statements depends on besides their contents, as a short hash to
    put in its key: the file names (a speaker may be named by one) and the corpus registry beside
    them (``shifts.speaker`` reads the speaker's registered names)."""
    digest = hashlib.sha256()
    for source in (old, new):
        digest.update(Path(source).name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(_registry_digest(str(Path(source).parent.parent / "speakers.yaml")).encode() + b"\0")
    return digest.hexdigest()[:16]


def _registry_digest(path: str) -> str:
    """SHA-256 of a registry file's bytes ("" when there is none), read once per version of it."""
    try:
        stat = os.stat(path)
    except OSError:
        return ""
    return _digest_of_file(path, (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino))


@functools.lru_cache(maxsize=8)
def _digest_of_file(path: str, stat_key: tuple[int, int, int, int]) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return ""


def _stat(path: str | Path) -> os.stat_result | None:
    """A regular file's stat; None for anything else, or when it cannot be had."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat if stat_module.S_ISREG(stat.st_mode) else None


def _stat_key(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def _key(path: Path | str, cwd: str | None = None) -> str:
    """How the index names a path: absolute, so that any working folder finds it (``os.path.abspath``,
    without its ``getcwd`` and normalisation for each of a corpus's many already normal paths);
    ``cwd`` is the working folder, when the caller asked once for many paths."""
    name = os.fspath(path)
    if not os.path.isabs(name):
        name = os.path.join(cwd or os.getcwd(), name)
    if "/." in name or "//" in name or name.endswith("/") or os.sep != "/":
        return os.path.abspath(name)
    return name


def _read(path: str | Path) -> bytes:
    """A statement file's bytes, with the same size limit and errors as the readers."""
    from dipdiff.readers import read_bytes

    return read_bytes(str(path))


def _facts_at(path: str | Path, reflow: bool = True) -> tuple[str, bytes, bytes | None, bytes | None]:
    """Read and analyse one file: its content hash, encoded head and body (plain bytes travel from a
    worker process fastest). A file that cannot even be read has an empty hash and a head saying so."""
    try:
        data = _read(path)
    except InputError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        issue = TextIssue("unreadable", 1, reason)
        return "", encode_head(Analysis("", False, {}, 0, {}, (issue,), "", b"", 0)), None, None
    analysis, head, body, text = facts_of(data, str(path), reflow)
    return analysis.digest, head, body, text


def worker_count() -> int:
    """Worker processes to use: every core this process may run on (at most 8)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _compute(
    paths: list[P], progress: Progress | None, reflow: bool
) -> Iterator[tuple[P, str, bytes, bytes | None, bytes | None]]:
    """Analyse files, in worker processes when there are many; results in the order given."""
    total = len(paths)
    workers = worker_count()
    if total < PARALLEL_FROM or workers < 2:
        for done, path in enumerate(paths, 1):
            yield (path, *_facts_at(path, reflow))
            if progress:
                progress("reading", done, total)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(32, total // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for done, (path, result) in enumerate(
            zip(paths, pool.map(_facts_at, paths, [reflow] * total, chunksize=chunk), strict=True), 1
        ):
            yield (path, *result)
            if progress and (done % 20 == 0 or done == total):
                progress("reading", done, total)
