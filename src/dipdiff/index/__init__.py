"""The corpus index: every fact about a corpus's files, computed once per content, shared by every
corpus command (``check``, ``corpus list``, ``timeline``, ``track``, ``blame``).

Per path, the stat key it had (size, modification time, change time, inode) and the SHA-256 of the
bytes it held: an unchanged file is never read again, and one changed too recently to trust its stat
is hashed again. Per content hash, the file's analysis (``records``: front matter, text problems,
MinHash signature) and its body (paragraphs, normalised words and sentence ranges), all from one
reading and one tokenisation; or, for a command that reads most files for their analysis alone
(``check``, ``corpus list``: ``heads_only``), the analysis alone, the body computed by the first
command that asks for it (``with_bodies``, ``prepare_bodies``). Per pair of content hashes,
comparisons (near-duplicate scores, revision summaries, timeline steps), kept under keys that name both
hashes and the options.

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

The package: ``CorpusIndex`` here; ``db`` (the SQLite file, its checksums and writer lock),
``records`` (what is kept per content, and its payloads), ``reading`` (reading and analysing files,
in worker processes when many), ``files`` (how a path is named, trusted by its stat and read),
``listing`` (the corpus listing and light listing), ``words`` (the word index for ``track``) and
``stamp`` (what an index must have been made by).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from dipdiff.corpus.analysis import Analysis
from dipdiff.corpus.speakers import Registry
from dipdiff.corpus.store import FileProblem
from dipdiff.errors import InputError
from dipdiff.index.db import Damaged, Database, Seen
from dipdiff.index.files import comparison_context, path_key, read_file, regular_stat, stat_key
from dipdiff.index.listing import LISTING_SLACK, CorpusListing
from dipdiff.index.reading import (
    PARALLEL_FROM,
    P,
    Progress,
    compute,
    read_facts,
    readable,
    shared_pool,
    start_workers,
    worker_count,
)
from dipdiff.index.records import (
    Body,
    LightListing,
    decode_body,
    decode_head,
    decode_keys,
    decode_light,
    decode_registry,
    decode_text,
    decode_value,
    encode_registry,
    encode_text,
    encode_value,
)
from dipdiff.index.stamp import index_stamp
from dipdiff.index.words import WordIndex, word_index
from dipdiff.model import Statement

__all__ = [
    "CACHE_DIR_NAME",
    "INDEX_FILE_NAME",
    "PARALLEL_FROM",
    "Body",
    "CorpusIndex",
    "Progress",
    "comparison_context",
    "default_directory",
    "index_stamp",
    "worker_count",
]

CACHE_DIR_NAME = ".dipdiff-cache"
INDEX_FILE_NAME = "index.sqlite"


def default_directory(corpus_root: Path) -> Path:
    """Where the index of a corpus lives unless told otherwise."""
    override = os.environ.get("DIPDIFF_CACHE_DIR")
    if override:
        return Path(override)
    return corpus_root.resolve().parent / CACHE_DIR_NAME


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
        self.listing = CorpusListing(
            self.db, path_key(root) if root is not None and path is not None else None
        )
        """The listing of the corpus root this index was opened for (none for an index in memory)."""
        self._payloads: dict[str, bytes] = {}
        """Content hash -> encoded head, for the heads met in this run (a listing holds them)."""
        self._lookups = 0
        """Paths looked up one row at a time, because the listing lacked them."""
        self._any_heads: bool | None = None
        """Whether the index holds any analysis (``_holds_heads``), once asked."""
        self._scope = contextlib.ExitStack()
        """The run's ``shared_pool`` block, from entering the index to leaving it."""

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
        self._scope.enter_context(shared_pool())  # one pool of workers for every stage of the run
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if kind is None:
                self.listing.keep(self._payloads)
            self.close()
        finally:
            self._scope.close()

    def close(self) -> None:
        """Write what is pending and close the file."""
        self.db.close()

    def start_workers(self) -> bool:
        """Start the worker processes now when this run will read most files (the index holds no
        statement yet: a cold run, or one without the cache), so that they set up while this process
        walks the corpus and reads the registry (``reading.start_workers``); True when started."""
        return not self._holds_heads() and start_workers()

    # --- per file --------------------------------------------------------------------------------

    def analysis(self, path: Path) -> Analysis:
        """The analysis of the file at ``path``; an unreadable file yields an analysis saying so."""
        return self.analyses([path])[path]

    def analyses(
        self,
        paths: Iterable[P],
        progress: Progress | None = None,
        *,
        light: bool = False,
        words: Callable[[str, list[str]], None] | None = None,
        heads_only: bool = False,
        with_bodies: bool = False,
    ) -> dict[P, Analysis]:
        """Analyses of many files; those the index lacks are computed, in parallel when many, with
        their bodies and texts, or with ``heads_only`` their heads alone (``records.head_of``: what
        ``check`` and ``corpus list`` read of most files). With ``with_bodies``, a file whose head
        the index holds without its body and text is read again for them. With ``light``, an
        analysis the index holds is read in part (``records.decode_light``: what the rules read of a
        file that is not being checked). ``words`` is told the content hash and the distinct words
        (``records.words_of``) of each readable file read here (in full or for its head), as it
        comes."""
        cwd = os.getcwd()
        paths = list(paths)
        found: dict[P, Analysis] = {}
        looked = []
        listing = self.listing.light() if light else None
        for path in paths:
            key = path_key(path, cwd)
            lit = self._light_analysis(path, key, listing) if listing is not None else None
            if lit is not None:
                found[path] = lit
            else:
                looked.append((path, key, *self._known(path, key)))
        heads = self._load_heads({digest for *_, digest in looked if digest}, light)
        complete = self.db.having(("body", "text"), heads) if with_bodies else None
        missing: list[P] = []
        keys: dict[P, str] = {}
        stats: dict[P, os.stat_result | None] = {}
        for path, key, known, digest in looked:
            kept = heads.get(digest) if digest else None
            if kept is not None and complete is not None and digest not in complete and kept.readable:
                kept = None  # its body and text were never computed: read it again for them
            if kept is None:
                missing.append(path)
                keys[path], stats[path] = key, known
                continue
            found[path] = kept
            if known is not None:
                self._run[key] = (stat_key(known), digest)
        for path, (digest, head, body, text, distinct, keys_kept) in compute(
            missing, progress, self.reflow, words is not None, not heads_only
        ):
            analysis = found[path] = decode_head(digest, head)
            if not digest:
                continue  # the file could not be read at all: nothing to key it by
            if words is not None and distinct is not None:
                words(digest, distinct.split(" ") if distinct else [])
            self._heads[digest] = analysis
            self._payloads[digest] = head
            self.db.put("head", digest, head)
            if body is not None and text is not None:
                self.db.put("body", digest, body)
                self.db.put("text", digest, text)
            elif keys_kept is not None:
                self.db.put("keys", digest, keys_kept)
            known = stats[path]
            if known is not None:
                self._run[keys[path]] = (stat_key(known), digest)
                seen = self.db.remember_file(keys[path], known, digest)
                if seen is not None:
                    self.listing.vouched[keys[path]] = seen
        if looked and len(looked) < len(paths):  # in the order given, as every other answer
            found = {path: found[path] for path in paths}
        return found

    def _light_analysis(self, path: P, key: str, listing: LightListing) -> Analysis | None:
        """The light analysis of a file the light listing vouches for by its stat key, or None."""
        row = listing.rows.get(key)
        stat = regular_stat(path) if row is not None else None
        if row is None or stat is None or listing.vouches_for(row, stat) is not True:
            return None
        try:
            analysis = listing.analysis(row)
        except Damaged as exc:
            self.db.damaged("a light record has the wrong shape", exc)
            self.listing.forget_light()  # written again from the listing at the end of the run
            return None
        if analysis is not None:
            self._run[key] = (stat_key(stat), analysis.digest)
        return analysis

    def digests(self, paths: Iterable[P]) -> dict[P, str]:
        """The content hash of each file the index vouches for without reading it (its stat key is
        the one recorded; one changed too recently to trust its stat is hashed again). Files it does
        not know, or that changed, are left out."""
        found: dict[P, str] = {}
        cwd = os.getcwd()
        light = self.listing.light()  # stat keys and hashes alone: no head is wanted here
        for path in paths:
            key = path_key(path, cwd)
            row = light.rows.get(key) if light is not None else None
            if row is not None and light is not None:
                stat = regular_stat(path)
                if stat is not None and light.vouches_for(row, stat) is True:
                    found[path] = light.digests[row]
                    self._run[key] = (stat_key(stat), light.digests[row])
                    continue
            known, digest = self._known(path, key)
            if known is not None and digest:
                found[path] = digest
                self._run[key] = (stat_key(known), digest)
        return found

    def prepare_bodies(self, paths: Sequence[P], progress: Progress | None = None) -> None:
        """Make sure the index holds the bodies and texts of these files, computing those it lacks
        (in parallel when many), so that ``body`` then reads each from the index: a cold ``check``
        reads only the heads of most files, and the bodies of the few it compares."""
        self.analyses(paths, progress, with_bodies=True)

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
        analyses = self.analyses(paths, progress, with_bodies=True)
        legible = readable(paths, analyses, skipped)
        payloads = self.db.get_many("body", (analyses[p].digest for p in legible))
        found: dict[P, Body] = {}
        for path in legible:
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
        analysis, head, body, text = read_facts(path, self.reflow)
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
            analyses = self.analyses(batch, with_bodies=True)
            legible = readable(batch, analyses, skipped)
            payloads = self.db.get_many("text", (analyses[p].digest for p in legible))
            for path in legible:
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

    def kept_keys(self, digests: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
        """The token keys the index keeps for these contents, of those whose head alone was computed
        (``records.encode_keys``), one content at a time; contents it keeps none for, or a damaged
        one for, are left out."""
        for digest, payload in self.db.get_many("keys", digests).items():
            try:
                keys = decode_keys(payload)
            except Damaged as exc:
                self.db.damaged("a keys record has the wrong shape", exc)
                continue
            yield digest, keys

    def word_keys(self, path: Path) -> list[str]:
        """The normalised word keys of the statement at ``path`` (``Body.words``): from the keys kept
        with its head when the index holds them (a cold ``check`` reads most files for their head
        alone), else from its body; ``InputError`` when it cannot be read."""
        from dipdiff.corpus.analysis import word_keys

        analysis = self.analyses([path])[path]
        if analysis.readable:
            for _, keys in self.kept_keys([analysis.digest]):
                return word_keys(keys)
        return self.body(path).words()

    def prepare_words(self, paths: Sequence[P]) -> None:
        """Make sure the index can give the word keys of these files (``word_keys``) without reading
        them one by one: those with neither kept keys nor a body have their bodies computed, in
        parallel when many."""
        analyses = self.analyses(paths)
        digests = {analysis.digest for analysis in analyses.values() if analysis.readable}
        held = self.db.having(("keys",), digests) | self.db.having(("body",), digests)
        lacking = [p for p in paths if analyses[p].readable and analyses[p].digest not in held]
        if lacking:
            self.prepare_bodies(lacking)

    def words(
        self, paths: Sequence[str], skipped: list[FileProblem]
    ) -> contextlib.AbstractContextManager[WordIndex | None]:
        """The word index of these files' contents (``words.word_index``): None for an index in
        memory or one that cannot be written, where the caller scans every text instead."""
        return word_index(self, paths, skipped)

    def _known(self, path: str | Path, key: str) -> tuple[os.stat_result | None, str]:
        """The file's stat, and the content hash the index vouches for ("" when it must be read);
        ``key`` is the path as the index names it."""
        stat = regular_stat(path)
        if stat is None:
            return None, ""  # gone, or not a regular file: the readers say what is wrong with it
        this_run = self._run.get(key)
        if this_run is not None and this_run[0] == stat_key(stat):
            return stat, this_run[1]
        listed = self.listing.vouching(key, stat)
        if listed is not None:
            if listed[1] is not None:
                self._payloads.setdefault(listed[0].digest, listed[1])
            return stat, listed[0].digest
        seen = self._recorded(key)
        if seen is not None and seen.vouches_for(stat):
            self.listing.vouched[key] = seen
            return stat, seen.digest
        if not self._holds_heads():
            return stat, ""  # an index with no statement in it yet: every file is read anyway
        # Changed, unknown by this path, or too close to a change to trust its stat: hash the bytes,
        # so that a content the index already knows (a file touched, checked out again, copied,
        # renamed, or a fresh clone beside a restored cache) is not read and analysed again.
        try:
            digest = hashlib.sha256(read_file(path)).hexdigest()
        except InputError:
            return stat, ""
        again = self.db.remember_file(key, stat, digest)
        if again is not None:
            self.listing.vouched[key] = again
        return stat, digest

    def _holds_heads(self) -> bool:
        """Whether the index holds any statement's analysis (asked once a run)."""
        if self._any_heads is None:
            self._any_heads = bool(self._heads or self._payloads) or self.db.holds("head")
        return self._any_heads

    def _recorded(self, key: str) -> Seen | None:
        """What the index's row for a path says; all rows are read at once, unless the listing
        answered for nearly every file so far (a check of one new file against 20,000 listed)."""
        if self._seen is None:
            if self.listing.answered() and self._lookups < LISTING_SLACK:
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

    def prune(self, keep: Iterable[str | Path], under: Path) -> None:
        """Forget files below ``under`` other than ``keep``, and facts about contents no file holds."""
        cwd = os.getcwd()
        kept = {path_key(p, cwd) for p in keep}
        prefix = path_key(under).rstrip(os.sep) + os.sep
        if self._seen is None:
            self._seen = self.db.files()
        gone = [p for p in self._seen if p.startswith(prefix) and p not in kept]
        self.db.forget_files(gone)
        self.db.prune_facts(("head", "body", "text", "keys"))
        for path in gone:
            self._seen.pop(path, None)
        self.listing.drop(prefix, kept)

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
        key = path_key(registry_path(root))
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
