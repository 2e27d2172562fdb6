"""The word index: which contents hold a word, so that ``track`` reads only the statements that may
hold its phrase instead of every statement's text.

A content's words are its normalised token keys, as ``track`` codes them (each paragraph's keys
split on single spaces). Each indexed content has a number (table ``contents``); each word, the
numbers of the contents holding it (table ``words``, a posting list of 32-bit numbers). A content is
indexed once, the first time a command asks about it, from the normalised text the index keeps.

Posting lists only grow: a content no file holds any more stays listed, and a number that is not one
of the contents asked about is ignored. So a lookup may only name too many contents, never too few,
and every statement it names is still searched word by word.
"""

from __future__ import annotations

import contextlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from dipdiff.corpus.store import FileProblem
from dipdiff.index.db import Database
from dipdiff.index.reading import readable
from dipdiff.index.records import words_of

if TYPE_CHECKING:
    from dipdiff.index import CorpusIndex


class WordBuilder:
    """Posting lists of contents about to be indexed, numbered from ``first`` in the order added."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.digests: list[str] = []
        self.postings: dict[str, array[int]] = {}
        self._added: set[str] = set()

    def __contains__(self, digest: object) -> bool:
        return digest in self._added

    def add(self, digest: str, words: Iterable[str]) -> None:
        """Add one content's distinct words."""
        number = self.first + len(self.digests)
        self.digests.append(digest)
        self._added.add(digest)
        postings = self.postings
        for word in words:
            held = postings.get(word)
            if held is None:
                postings[word] = held = array("I")
            held.append(number)


class WordIndex:
    """Lookups in the posting lists, answering with the files asked about (``files``: each content's
    number -> the files holding it)."""

    def __init__(self, db: Database, files: Mapping[int, Sequence[str]]) -> None:
        self._db = db
        self._files = files

    def with_prefix(self, prefix: str) -> dict[str, set[str]] | None:
        """Each word starting with ``prefix`` and the files holding it; None when the index cannot
        answer (a damaged posting list)."""
        if not prefix:
            found = self._db.postings("1", ())
        elif ord(prefix[-1]) < 0x10FFFF:
            after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            found = self._db.postings("word >= ? AND word < ?", (prefix, after))
        else:
            found = self._db.postings("word >= ?", (prefix,))
        if found is None:
            return None
        return {word: self._holders(ids) for word, ids in found.items() if word.startswith(prefix)}

    def containing(self, part: str) -> set[str] | None:
        """The files holding a word that contains ``part``; None when the index cannot answer."""
        found = self._db.postings("instr(word, ?) > 0", (part,))
        if found is None:
            return None
        holders: set[str] = set()
        for ids in found.values():
            holders |= self._holders(ids)
        return holders

    def _holders(self, ids: array[int]) -> set[str]:
        files = self._files
        return {path for n in ids if n in files for path in files[n]}


@contextlib.contextmanager
def word_index(
    index: CorpusIndex, paths: Sequence[str], skipped: list[FileProblem]
) -> Iterator[WordIndex | None]:
    """The word index of these files' contents, with those it lacks added first (from the normalised
    text kept for each); None for an index in memory or one that cannot be written, where the caller
    scans every text instead. Lookups see the index as it was when they began. The files that cannot
    be read are told in ``skipped`` (when the index answers)."""
    if index.db.path is None:
        yield None
        return
    digests = index.digests(paths)  # an indexed content was readable: no analysis is decoded
    problems: dict[str, FileProblem] = {}
    for attempt in range(2):
        with index.db.snapshot():
            known = index.db.content_numbers()
            rest = [p for p in paths if p not in problems and digests.get(p) not in known]
            if not rest:
                files: dict[int, list[str]] = {}
                for path in paths:
                    if path not in problems:
                        files.setdefault(known[digests[path]], []).append(path)
                skipped += [problems[path] for path in paths if path in problems]
                yield WordIndex(index.db, files)
                return
        if attempt or not _add_words(index, rest, digests, known, problems):
            yield None  # the index cannot take them, or another dipdiff emptied it meanwhile
            return


def _add_words(
    index: CorpusIndex,
    paths: Sequence[str],
    digests: dict[str, str],
    known: Mapping[str, int],
    problems: dict[str, FileProblem],
) -> bool:
    """Index the words of these files' contents (``digests`` learns their hashes, ``problems`` the
    files that cannot be read); False when the index cannot take them. Contents whose head alone is
    kept (by a cold ``check``) give the keys kept with it (``records.encode_keys``); contents read
    in this run are read for their heads alone, their words found as they are read (in the worker
    processes, while the rest are read); the others' are taken from the normalised text the index
    keeps (or their bodies read, when it keeps neither)."""
    builder = WordBuilder(index.db.next_content_number())

    def add(digest: str, words: list[str]) -> None:
        if digest not in known and digest not in builder:
            builder.add(digest, words)

    # A content whose head alone was computed (by a cold check) has its words kept beside it: only
    # the others are read, in full (or their kept texts decoded).
    lacking_words = {digests[p] for p in paths if p in digests and digests[p] not in known}
    lacking_words -= index.db.having(("text",), lacking_words)
    for digest, keys in index.kept_keys(lacking_words):
        distinct = set(keys)  # as ``words_of`` takes a normalised text's words
        distinct.discard("")
        builder.add(digest, distinct)
    rest = [p for p in paths if digests.get(p) not in builder]
    # The others are read for their heads alone (and their keys, kept): only the statements that may
    # hold a phrase are then read in full.
    analyses = index.analyses(rest, words=add, heads_only=True)
    refused: list[FileProblem] = []
    lacking: dict[str, str] = {}
    for path in readable(rest, analyses, refused):
        digests[path] = analyses[path].digest
        if analyses[path].digest not in known and analyses[path].digest not in builder:
            lacking.setdefault(analyses[path].digest, path)
    problems.update((problem.path, problem) for problem in refused)
    unread: list[FileProblem] = []
    for path, text in index.texts(list(lacking.values()), unread):
        builder.add(digests[path], words_of(text))
    for problem in unread:  # changed since it was analysed: none of its files is looked up
        for path in paths:
            if digests.get(path) == digests.get(problem.path):
                problems[path] = problem
    return index.db.add_words(builder.postings, builder.digests, builder.first) is not None
