"""Split text into word and punctuation tokens, keeping the original characters and spacing.

A token is a word (letters and digits, with inner hyphens and apostrophes), a single punctuation
mark, or, in Chinese and Japanese, where words are not separated by spaces, a single character.
Korean separates words with spaces and is tokenised like English.
"""

from __future__ import annotations

import re

from dipdiff.model import Token
from dipdiff.normalise import Normaliser

# Han, CJK punctuation, kana and compatibility ideographs, but not Hangul jamo (U+3130-U+318F).
_CJK = "\u2e80-\u312f\u3190-\u9fff\uf900-\ufaff\uff61-\uff9f\U00020000-\U0003134f"
_IGNORABLE = "\u00ad\u200b-\u200d\u2060\ufeff"
_WORD_CHAR = rf"[^\W{_CJK}]"
# Each alternative consumes at least one character and the joiners need a word character after
# them, so matching is linear in the text's length (no nested ambiguity to backtrack over).
TOKEN_PATTERN = re.compile(
    rf"[{_CJK}]"
    rf"|{_WORD_CHAR}(?:{_WORD_CHAR}|[{_IGNORABLE}]|[-'’‐‑](?={_WORD_CHAR}))*"
    rf"|[^\s{_IGNORABLE}]"
)


def tokenise(text: str, normaliser: Normaliser) -> list[Token]:
    """Split ``text`` into tokens, each keeping the whitespace that follows it."""
    matches = list(TOKEN_PATTERN.finditer(text))
    tokens = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        word = match.group()
        key = normaliser.key(word)
        tokens.append(Token(word, key, text[match.end() : end]))
    return tokens
