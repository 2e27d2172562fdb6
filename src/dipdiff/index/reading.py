"""Reading and analysing statement files for the corpus index: each file once, in worker processes
when many miss the index, its facts travelling back as encoded records (``records.facts_and_norm``)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from dipdiff.corpus.analysis import Analysis, TextIssue
from dipdiff.corpus.store import FileProblem
from dipdiff.errors import InputError
from dipdiff.index.files import read_file
from dipdiff.index.records import Facts, encode_head, encode_keys, facts_and_norm, head_of, words_of

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

PARALLEL_FROM = 40
"""Analyse files in worker processes when at least this many miss the index."""

P = TypeVar("P", bound=str | Path)
"""A file named by text or by a path: results are keyed as the files were named."""

Progress = Callable[[str, int, int], None]
"""Told ``(stage, done, total)`` as the reading of many files advances."""


def read_facts(path: str | Path, reflow: bool = True) -> Facts:
    """Read and analyse one file (``records.facts_and_norm``); ``InputError`` when it cannot be read."""
    return facts_and_norm(read_file(path), str(path), reflow)[0]


Read = tuple[str, bytes, bytes | None, bytes | None, str | None, bytes | None]
"""One file read (``facts_at``): its content hash, encoded head, body and text, its distinct words
joined by spaces when they were asked for and it is readable, and, when its head alone was computed,
its encoded keys (``records.encode_keys``)."""


def facts_at(path: str | Path, reflow: bool = True, words: bool = False, whole: bool = True) -> Read:
    """Read and analyse one file: its content hash, encoded head, body and text (plain bytes travel
    from a worker process fastest), with ``words`` its distinct words (``records.words_of`` of its
    text, as the word index takes them; keys never hold a space). Without ``whole``, the head alone
    (``records.head_of``; body and text None). A file that cannot even be read has an empty hash and
    a head saying so."""
    try:
        data = read_file(path)
        if not whole:
            analysis, head, keys = head_of(data, str(path), reflow)
            if keys is None:
                return analysis.digest, head, None, None, None, None
            found = " ".join(words_of(" ".join(keys))) if words else None
            return analysis.digest, head, None, None, found, encode_keys(keys)
        (analysis, head, body, text), norm = facts_and_norm(data, str(path), reflow)
    except InputError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        issue = TextIssue("unreadable", 1, reason)
        return "", encode_head(Analysis("", False, {}, {}, (issue,), "", b"", 0)), None, None, None, None
    found = " ".join(words_of(" ".join(norm))) if words and norm is not None else None
    return analysis.digest, head, body, text, found, None


def worker_count() -> int:
    """Worker processes to use: every core this process may run on (at most 8)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


_SHARED: list[ProcessPoolExecutor | None] = []
"""The pool of the innermost ``shared_pool`` block (None until its first use), if any."""


@contextlib.contextmanager
def shared_pool() -> Iterator[None]:
    """Within this block, the work done in worker processes (reading files, comparing revisions)
    shares one pool, started when first needed: its workers import and set up the readers,
    tokeniser and compare engine once per run instead of once per stage (about 0.25 s of CPU per
    worker and stage), and keep what they memoise. A command runs its stages in one block."""
    _SHARED.append(None)
    try:
        yield
    finally:
        pool = _SHARED.pop()
        if pool is not None:
            pool.shutdown()


def running_pool() -> ProcessPoolExecutor | None:
    """The pool of the innermost ``shared_pool`` block, started if it was not yet (work submitted
    to it goes on while the caller does other things); None outside such a block."""
    if not _SHARED:
        return None
    with worker_pool() as pool:
        return pool


@contextlib.contextmanager
def worker_pool() -> Iterator[ProcessPoolExecutor]:
    """A pool of ``worker_count`` processes: the shared one inside a ``shared_pool`` block, else
    one for this use alone."""
    from concurrent.futures import ProcessPoolExecutor

    if _SHARED:
        shared = _SHARED[-1]
        if shared is None:
            shared = _SHARED[-1] = ProcessPoolExecutor(max_workers=worker_count())
        yield shared
        return
    with ProcessPoolExecutor(max_workers=worker_count()) as pool:
        yield pool


def start_workers() -> bool:
    """Start the shared pool's workers now, each setting itself up for reading (``set_up``) while
    this process goes on: a run about to read many files (a cold ``check``) lets the workers import
    the readers, tokeniser and normaliser while it walks the corpus and parses the registry, instead
    of after. Nothing happens outside a ``shared_pool`` block or on one core; True when started."""
    workers = worker_count()
    pool = running_pool() if workers >= 2 else None
    if pool is None:
        return False
    for _ in range(workers):
        pool.submit(set_up)
    return True


WARM_UP = b"---\nspeaker: x\ndate: 2000-01-01\n---\n\nA statement read to set up, \xc3\xa9t\xc3\xa9.\n"
"""A small statement whose reading imports and sets up what reading any statement needs."""


def set_up() -> None:
    """Import and set up what reading a statement needs (about 0.2 s in a new process)."""
    head_of(WARM_UP, "set-up.md")


def compute(
    paths: list[P], progress: Progress | None, reflow: bool, words: bool = False, whole: bool = True
) -> Iterator[tuple[P, Read]]:
    """Analyse files (with their words when ``words``; their heads alone without ``whole``), in
    worker processes when there are many; results in the order given."""
    total = len(paths)
    workers = worker_count()
    if total < PARALLEL_FROM or workers < 2:
        for done, path in enumerate(paths, 1):
            yield path, facts_at(path, reflow, words, whole)
            if progress:
                progress("reading", done, total)
        return
    chunk = max(1, min(32, total // (workers * 8)))
    with worker_pool() as pool:
        for done, (path, result) in enumerate(
            zip(
                paths,
                pool.map(
                    facts_at, paths, [reflow] * total, [words] * total, [whole] * total, chunksize=chunk
                ),
                strict=True,
            ),
            1,
        ):
            yield path, result
            if progress and (done % 20 == 0 or done == total):
                progress("reading", done, total)


def readable(
    paths: Sequence[P], analyses: Mapping[P, Analysis], skipped: list[FileProblem] | None
) -> list[P]:
    """The paths whose files read as statements. Another is an ``InputError`` (the first, in order),
    or, when ``skipped`` is given, told there."""
    found = []
    for path in paths:
        analysis = analyses[path]
        if analysis.readable:
            found.append(path)
        elif skipped is None:
            raise InputError(analysis.problem, source=str(path))
        else:
            skipped.append(FileProblem(str(path), analysis.problem))
    return found
