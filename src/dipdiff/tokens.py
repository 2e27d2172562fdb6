"""Split text into word and punctuation tokens, keeping the original characters and spacing.

A token is a word (letters and digits, with inner hyphens and apostrophes), a single punctuation
mark, or, in Chinese and Japanese, where words are not separated by spaces, a single character.
Korean separates words with spaces and is tokenised like English.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from dipdiff.lazypattern import LazyPattern
from dipdiff.model import Token
from dipdiff.normalise import Normaliser

_CJK_RANGES = (
    ("\u2e80", "\u2fff"),
    ("\u3001", "\u312f"),  # not U+3000, the ideographic space: it separates words like a space
    ("\u3190", "\u9fff"),
    ("\uf900", "\ufaff"),
    ("\uff61", "\uff9f"),
    ("\U00020000", "\U0003134f"),
)
"""Han, CJK punctuation, kana and compatibility ideographs, but not Hangul jamo (U+3130-U+318F)."""
_CJK = "".join(f"{first}-{last}" for first, last in _CJK_RANGES)
_IGNORABLE = "\u00ad\u200b-\u200d\u2060\ufeff"
_WORD_CHAR = rf"[^\W{_CJK}]"
# Each alternative consumes at least one character, a joiner counts only with a word character after
# it, a decimal point or thousands separator only between digits, and the kinds of character inside a
# word are disjoint, so the possessive loops never need to give anything back: matching is linear in
# the text's length.
_NUMBER_PART = r"(?<=\d)[.,]\d++"
"""The rest of a number after its first digits: "2.5", "1,000", "3.1.2"."""
TOKEN = (
    rf"[{_CJK}]|{_WORD_CHAR}++(?:[{_IGNORABLE}]|{_NUMBER_PART}|[-'’‐‑]?{_WORD_CHAR}++)*+|[^\s{_IGNORABLE}]"
)
"""A token: one CJK character, a word (inner hyphens and apostrophes kept; a number with its decimal
point or thousands separators), or one other mark."""
_TRAIL = rf"([\s{_IGNORABLE}]*+)"
"""What separates a token from the next: only spaces and ignorable characters can, since any other
character starts a token."""
# Compiling the CJK ranges costs milliseconds of every run (the compiler visits each of their 30,000
# code points), so a text with no CJK character, where ``\w`` is the same as a non-CJK word
# character, is read with a pattern that leaves them out.
_WITHOUT_CJK = re.compile(
    rf"(\w++(?:[{_IGNORABLE}]|{_NUMBER_PART}|[-'’‐‑]?\w++)*+|[^\s{_IGNORABLE}]){_TRAIL}"
)


_WITH_CJK = LazyPattern(rf"({TOKEN}){_TRAIL}")


_CJK_STARTS = tuple(first for first, _ in _CJK_RANGES)
_FROM_CJK_START = LazyPattern(rf"[^\x00-{chr(ord(_CJK_STARTS[0]) - 1)}]")
"""A character at or past the start of the first CJK range (a search in C, where ``max(text)`` made a
string of each character)."""


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese or Japanese character (Korean Hangul is not one)."""
    if text.isascii() or _FROM_CJK_START().search(text) is None:
        return False
    for char in set(text):  # Korean text passes the test above: look each character up once
        if char >= _CJK_STARTS[0] and char <= _CJK_RANGES[bisect.bisect_right(_CJK_STARTS, char) - 1][1]:
            return True
    return False


FIRST_HANGUL, LAST_HANGUL = "\uac00", "\ud7a3"
"""The first and last composed Hangul syllables (가, 힣): each is (initial * 21 + vowel) * 28 + final
after the first."""


def is_hangul(word: str) -> bool:
    """Whether a word begins with a composed Hangul syllable (a Korean word; false for ``""``)."""
    return FIRST_HANGUL <= word[:1] <= LAST_HANGUL


def token_pattern(text: str) -> re.Pattern[str]:
    """The pattern whose matches are ``text``'s tokens (group 1) and what follows each (group 2)."""
    return _WITH_CJK() if has_cjk(text) else _WITHOUT_CJK


def words_and_keys(
    text: str, normaliser: Normaliser, pattern: re.Pattern[str] | None = None
) -> tuple[tuple[str, ...], ...]:
    """``tokenise`` without ``Token`` objects: the tokens' texts, trails and keys, each as a tuple.

    Comparing and parsing a corpus read millions of tokens; most need no object of their own.
    ``pattern``, when given, is ``token_pattern`` of a text holding this one (a whole statement).
    """
    pairs = (pattern or token_pattern(text)).findall(text)
    if not pairs:
        return (), (), ()
    texts, trails = zip(*pairs, strict=True)
    return texts, trails, tuple(normaliser.keys(texts))


def tokenise(text: str, normaliser: Normaliser) -> list[Token]:
    """Split ``text`` into tokens, each keeping the whitespace that follows it."""
    key = normaliser.key
    return [Token(word, key(word), trail) for word, trail in token_pattern(text).findall(text)]


class _ChunkKeys(dict[str, tuple[str, ...]]):
    """Text between spaces -> the keys of its tokens (``words_and_keys``), each computed once: a corpus
    repeats its words with the punctuation around them ("Peninsula," "peace."), so most lookups hit
    and run in C. Emptied when it grows past ``limit`` (memory stays bounded over a large corpus)."""

    limit = 400_000

    def __init__(self, normaliser: Normaliser) -> None:
        super().__init__()
        self.normaliser = normaliser

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if len(self) >= self.limit:
            self.clear()
        keys = self[chunk] = tuple(self.normaliser.keys(t for t, _ in _WITHOUT_CJK.findall(chunk)))
        return keys


_CHUNK_KEYS: dict[int, _ChunkKeys] = {}


def statement_keys(paragraphs: Sequence[str], normaliser: Normaliser) -> list[str]:
    """The keys of every token of a statement's paragraphs, in order: the keys ``words_and_keys``
    gives paragraph by paragraph, found without the tokens' texts and trails.

    No token holds a space, and a token never depends on what lies across one (the pattern's only
    look-behind, a number's separator, looks inside the token), so a text's tokens are those of its
    runs between spaces (``str.split`` and the pattern's ``\\s`` are the same spaces), each
    tokenised once per process. A statement with a Chinese or Japanese character is tokenised as
    ``words_and_keys`` does it."""
    whole = " ".join(paragraphs)
    if has_cjk(whole):
        return [key for paragraph in paragraphs for key in words_and_keys(paragraph, normaliser)[2]]
    memo = _CHUNK_KEYS.get(id(normaliser))
    if memo is None or memo.normaliser is not normaliser:
        memo = _CHUNK_KEYS[id(normaliser)] = _ChunkKeys(normaliser)
    return list(itertools.chain.from_iterable(map(memo.__getitem__, whole.split())))
