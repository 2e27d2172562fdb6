"""Find lexicon phrases in text: word tokens with offsets, matched leftmost-longest on normalised keys.

Phrases and text are split the same way (letters, digits and single marks; each Chinese or Japanese
character on its own), so "People's", "so-called" and "深表关切" match whatever their spacing or quotes.
Keys are dipdiff's normalised word forms, so British and American spellings match each other.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Generic, NamedTuple, TypeVar

from dipdiff.normalise import Normaliser, default_normaliser
from dipdiff.tokens import has_cjk

T = TypeVar("T")

# Without U+3000, the ideographic space, which separates words like a space (as in dipdiff.tokens).
_CJK_RANGES = (
    ("\u2e80", "\u2fff"),
    ("\u3001", "\u312f"),
    ("\u3190", "\u9fff"),
    ("\uf900", "\ufaff"),
    ("\uff61", "\uff9f"),
)
_CJK = "".join(f"{first}-{last}" for first, last in _CJK_RANGES)
_WORD = (
    rf"[{_CJK}]"
    r"|\d+(?:[.,:/]\d+)*(?:st|nd|rd|th)?"
    rf"|[^\W\d_{_CJK}]+"
    r"|[^\s\w]|_"
)
# As in ``dipdiff.tokens``: text with no CJK character is split by a pattern without the CJK ranges,
# whose compilation costs milliseconds of every run.
_WORD_WITHOUT_CJK = re.compile(r"\d+(?:[.,:/]\d+)*(?:st|nd|rd|th)?|[^\W\d_]+|[^\s\w]|_")


@functools.cache
def _word_with_cjk() -> re.Pattern[str]:
    return re.compile(_WORD)


def _word_pattern(text: str) -> re.Pattern[str]:
    """The pattern whose matches are ``text``'s words (``has_cjk``'s ranges hold all of ``_CJK``)."""
    return _word_with_cjk() if has_cjk(text) else _WORD_WITHOUT_CJK


def _phrase_words(phrase: str) -> list[str]:
    """``phrase``'s words as ``_word_pattern(phrase)`` finds them, without compiling the CJK pattern
    for the few Chinese phrases of the lexicons (milliseconds of every run): each character in
    ``_CJK`` is set apart by spaces, so the pattern without the CJK ranges takes it as a word."""
    if not has_cjk(phrase):
        return _WORD_WITHOUT_CJK.findall(phrase)
    spaced = "".join(
        f" {char} " if any(first <= char <= last for first, last in _CJK_RANGES) else char for char in phrase
    )
    return _WORD_WITHOUT_CJK.findall(spaced)


_ACRONYM = re.compile(r"[A-Z]{1,5}")


class Word(NamedTuple):
    """One word or mark of a text, with where it stands (a tuple: texts have tens of thousands)."""

    start: int
    end: int
    text: str
    key: str


def keys_of(text: str, normaliser: Normaliser | None = None) -> list[str]:
    """The normalised keys of ``words_of(text)``, without building the words."""
    return (normaliser or default_normaliser()).keys(_word_pattern(text).findall(text))


def words_of(text: str, normaliser: Normaliser | None = None) -> list[Word]:
    """Split text into words with character offsets and normalised keys."""
    if normaliser is None:
        return list(_default_words(text))
    return _words(text, normaliser)


@functools.lru_cache(maxsize=512)
def _default_words(text: str) -> tuple[Word, ...]:
    """``words_of`` under the default normaliser, remembered: pairing paragraphs by content and then
    reading the shifts of the pairs it made split the same paragraphs."""
    return tuple(_words(text, default_normaliser()))


def _words(text: str, normaliser: Normaliser) -> list[Word]:
    # Every step a ``map`` that runs in C, the words made as tuples of their class (as
    # ``Word._make`` does): half the time of building them one by one.
    found = list(_word_pattern(text).finditer(text))
    texts = list(map(re.Match.group, found))
    starts, ends = map(re.Match.start, found), map(re.Match.end, found)
    fields = zip(starts, ends, texts, normaliser.keys(texts), strict=True)
    return list(map(tuple.__new__, itertools.repeat(Word), fields))


def _spellings(words: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """A phrase's (text, key) words as written, and with hyphens between its words added or dropped:
    "human rights" = "human-rights", "self-defence" = "self defence" (up to three words, where
    variants stay few)."""
    if not words:
        return []
    bare = [w for w in words if w[0] != "-"]
    if len(bare) == 1 or len(bare) > 3:
        return [words] if len(bare) == len(words) or len(bare) == 1 else [words, bare]
    hyphen = ("-", "-")
    variants = []
    for mask in range(2 ** (len(bare) - 1)):
        joined = [bare[0]]
        for i, word in enumerate(bare[1:]):
            joined += [hyphen, word] if mask >> i & 1 else [word]
        variants.append(joined)
    return variants


class Match(NamedTuple, Generic[T]):
    """A phrase found in a text: word positions ``[first, last)``, characters, and what it means."""

    first: int
    last: int
    start: int
    end: int
    value: T


class _Phrase(NamedTuple, Generic[T]):
    """One spelling of a phrase (a tuple: lexicons and country names give thousands)."""

    keys: tuple[str, ...]
    exact: tuple[str | None, ...]
    """Per word, the exact text required (capitalised acronyms), or None for any case."""
    value: T
    cased: bool
    """Whether any word must match exactly."""


class PhraseMatcher(Generic[T]):
    """A compiled set of phrases, each with a value, found leftmost-longest in a word list."""

    def __init__(self, phrases: Iterable[tuple[str, T]], normaliser: Normaliser | None = None):
        key = (normaliser or default_normaliser()).key
        acronym = _ACRONYM.fullmatch
        self._index: dict[str, list[_Phrase[T]]] = {}
        for phrase, value in phrases:
            for words in _spellings([(text, key(text)) for text in _phrase_words(phrase)]):
                exact = tuple(text if acronym(text) else None for text, _ in words)
                entry = _Phrase(tuple(k for _, k in words), exact, value, any(exact))
                self._index.setdefault(entry.keys[0], []).append(entry)
        for entries in self._index.values():
            entries.sort(key=lambda p: -len(p.keys))
        # Phrases by their first two keys, and those of one word by their key: ``find`` tries at each
        # word only the phrases its next word allows ("the" begins many names).
        self._pairs: dict[tuple[str, str], list[_Phrase[T]]] = {}
        self._singles: dict[str, list[_Phrase[T]]] = {}
        for first, entries in self._index.items():
            for entry in entries:
                if len(entry.keys) > 1:
                    self._pairs.setdefault((first, entry.keys[1]), []).append(entry)
                else:
                    self._singles.setdefault(first, []).append(entry)

    def occurs_in(self, keys: Sequence[str]) -> bool:
        """Whether any phrase's keys occur in ``keys``: ``find`` finds nothing otherwise (it also
        checks capitals, and takes the longest of overlapping phrases)."""
        index = self._index
        for i, key in enumerate(keys):
            entries = index.get(key)
            if entries and any(tuple(keys[i : i + len(p.keys)]) == p.keys for p in entries):
                return True
        return False

    def find(
        self,
        words: Sequence[Word],
        lo: int = 0,
        hi: int | None = None,
        keys: Sequence[str] | None = None,
    ) -> list[Match[T]]:
        """Return the phrases in ``words[lo:hi]``, leftmost-longest, not overlapping.

        ``keys`` are the words' keys as a tuple, when the caller has them already.
        """
        hi = len(words) if hi is None else hi
        keys = tuple(w.key for w in words) if keys is None else tuple(keys)
        found: list[Match[T]] = []
        index, pairs, singles = self._index, self._pairs, self._singles
        i = lo
        while i < hi:
            key = keys[i]
            if key not in index:
                i += 1
                continue
            match = None
            if i + 1 < hi and (entries := pairs.get((key, keys[i + 1]))):
                match = self._match_at(words, keys, entries, i, hi)
            if match is None and (entries := singles.get(key)):
                match = self._match_at(words, keys, entries, i, hi)
            if match is None:
                i += 1
                continue
            found.append(match)
            i = match.last
        return found

    @staticmethod
    def _match_at(
        words: Sequence[Word], keys: Sequence[str], entries: list[_Phrase[T]], i: int, hi: int
    ) -> Match[T] | None:
        for phrase in entries:
            n = len(phrase.keys)
            if i + n > hi or keys[i : i + n] != phrase.keys:
                continue
            if phrase.cased and any(
                exact is not None and words[i + k].text != exact for k, exact in enumerate(phrase.exact)
            ):
                continue
            return Match(i, i + n, words[i].start, words[i + n - 1].end, phrase.value)
        return None
