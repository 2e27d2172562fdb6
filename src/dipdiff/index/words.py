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

from array import array
from collections.abc import Iterable, Mapping, Sequence

from dipdiff.index.db import Database


def words_of(text: str) -> set[str]:
    """The distinct words of a normalised text (one paragraph a line, keys joined by spaces)."""
    found = set(text.replace("\n", " ").split(" "))
    found.discard("")
    return found


class WordBuilder:
    """Posting lists of contents about to be indexed, numbered from ``first`` in the order added."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.digests: list[str] = []
        self.postings: dict[str, array[int]] = {}

    def add(self, digest: str, words: Iterable[str]) -> None:
        """Add one content's distinct words."""
        number = self.first + len(self.digests)
        self.digests.append(digest)
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
