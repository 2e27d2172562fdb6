"""Find lexicon phrases in text: word tokens with offsets, matched leftmost-longest on normalised keys.

Phrases and text are split the same way (letters, digits and single marks; each Chinese or Japanese
character on its own), so "People's", "so-called" and "深表关切" match whatever their spacing or quotes.
Keys are dipdiff's normalised word forms, so British and American spellings match each other.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from dipdiff.lazypattern import LazyPattern
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


_WORD_WITH_CJK = LazyPattern(_WORD)


def _word_pattern(text: str) -> re.Pattern[str]:
    """The pattern whose matches are ``text``'s words (``has_cjk``'s ranges hold all of ``_CJK``)."""
    return _WORD_WITH_CJK() if has_cjk(text) else _WORD_WITHOUT_CJK


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


PhraseEntry = tuple[tuple[str, ...], tuple[str | None, ...], int, bool]
"""One spelling of a phrase: its keys; per word, the exact text required (capitalised acronyms) or
None for any case; the phrase's place in the list it came from (where its value is); and whether any
word must match exactly. Plain tuples, so that a table can be kept in the reference-data cache."""

PhraseTable = tuple[
    dict[str, list[PhraseEntry]], dict[tuple[str, str], list[PhraseEntry]], dict[str, list[PhraseEntry]]
]
"""Spellings by their first key (longest first); those of two words or more by their first two keys;
those of one word by their key."""


def phrase_table(texts: Sequence[str], normaliser: Normaliser | None = None) -> PhraseTable:
    """Index the spellings of ``texts`` (lexicons and country names give thousands) for ``find``."""
    key = (normaliser or default_normaliser()).key
    acronym = _ACRONYM.fullmatch
    index: dict[str, list[PhraseEntry]] = {}
    for slot, phrase in enumerate(texts):
        for words in _spellings([(text, key(text)) for text in _phrase_words(phrase)]):
            exact = tuple(text if acronym(text) else None for text, _ in words)
            keys = tuple(k for _, k in words)
            index.setdefault(keys[0], []).append((keys, exact, slot, any(exact)))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    # ``find`` tries at each word only the phrases its next word allows ("the" begins many names).
    pairs: dict[tuple[str, str], list[PhraseEntry]] = {}
    singles: dict[str, list[PhraseEntry]] = {}
    for first, entries in index.items():
        for entry in entries:
            if len(entry[0]) > 1:
                pairs.setdefault((first, entry[0][1]), []).append(entry)
            else:
                singles.setdefault(first, []).append(entry)
    return index, pairs, singles


def table_sources() -> list[Path]:
    """What a phrase table depends on besides its phrases' texts: the default normaliser's rules and
    the code that splits and normalises words (a cached table is keyed by their stamps)."""
    package = Path(__file__).resolve().parent.parent
    data = package / "data"
    return [
        data / "normalise.yaml",
        data / "spelling.yaml",
        package / "normalise.py",
        package / "tokens.py",
        Path(__file__),
    ]


def kept_tables(name: str, build: Callable[[PhraseTables], object]) -> PhraseTables:
    """The phrase tables that ``build`` asks for, kept between runs in the reference-data cache
    under ``name`` (``dipdiff.datacache``) and built again when missing, damaged or stale. Only for
    dipdiff's own phrases: users' lexicons are read afresh every time."""
    from dipdiff.datacache import cached

    def record() -> dict[tuple[str, ...], PhraseTable]:
        tables = PhraseTables()
        build(tables)
        return tables.tables

    stored = cached(name, table_sources(), record)
    return PhraseTables(stored if isinstance(stored, dict) else None)


class PhraseTables:
    """Phrase tables by the phrase texts they index, to build matchers without splitting and
    normalising their phrases again: the packaged lexicons' tables are kept between runs in the
    reference-data cache (``shifts.lexicon``). Tables are built with the default normaliser."""

    def __init__(self, tables: dict[tuple[str, ...], PhraseTable] | None = None) -> None:
        self.tables: dict[tuple[str, ...], PhraseTable] = {} if tables is None else tables

    def matcher(self, phrases: Iterable[tuple[str, T]]) -> PhraseMatcher[T]:
        """A matcher of ``phrases``, its table taken from here or built and added."""
        listed = list(phrases)
        texts = tuple(text for text, _ in listed)
        table = self.tables.get(texts)
        if table is None:
            table = self.tables[texts] = phrase_table(texts)
        return PhraseMatcher(listed, table=table)


class PhraseMatcher(Generic[T]):
    """A compiled set of phrases, each with a value, found leftmost-longest in a word list."""

    def __init__(
        self,
        phrases: Iterable[tuple[str, T]],
        normaliser: Normaliser | None = None,
        *,
        table: PhraseTable | None = None,
    ):
        """``table``, when given, is ``phrase_table`` of the phrases' texts (with the default normaliser)."""
        listed = list(phrases)
        self._values = tuple(value for _, value in listed)
        if table is None:
            table = phrase_table([text for text, _ in listed], normaliser)
        self._index, self._pairs, self._singles = table

    def occurs_in(self, keys: Sequence[str]) -> bool:
        """Whether any phrase's keys occur in ``keys``: ``find`` finds nothing otherwise (it also
        checks capitals, and takes the longest of overlapping phrases)."""
        index = self._index
        for i, key in enumerate(keys):
            entries = index.get(key)
            if entries and any(tuple(keys[i : i + len(entry[0])]) == entry[0] for entry in entries):
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
        # Only words that begin some phrase are tried; they are picked out in C (most words begin none).
        begins = itertools.compress(range(lo, hi), map(index.__contains__, keys[lo:hi]))
        after = lo  # the first word not inside a phrase found
        for i in begins:
            if i < after:
                continue
            key = keys[i]
            match = None
            if i + 1 < hi and (entries := pairs.get((key, keys[i + 1]))):
                match = self._match_at(words, keys, entries, i, hi)
            if match is None and (entries := singles.get(key)):
                match = self._match_at(words, keys, entries, i, hi)
            if match is not None:
                found.append(match)
                after = match.last
        return found

    def _match_at(
        self, words: Sequence[Word], keys: Sequence[str], entries: list[PhraseEntry], i: int, hi: int
    ) -> Match[T] | None:
        for phrase_keys, exacts, slot, cased in entries:
            n = len(phrase_keys)
            if i + n > hi or keys[i : i + n] != phrase_keys:
                continue
            if cased and any(
                exact is not None and words[i + k].text != exact for k, exact in enumerate(exacts)
            ):
                continue
            return Match(i, i + n, words[i].start, words[i + n - 1].end, self._values[slot])
        return None
