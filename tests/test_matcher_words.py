"""Lexicon phrases are split into words as the full word pattern splits them, CJK or not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from dipdiff.resources import _packaged_yaml
from dipdiff.shifts.matcher import _phrase_words, _word_with_cjk


def _strings(value: Any) -> Iterator[str]:
    """Every string inside parsed YAML, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_every_packaged_phrase_splits_as_the_full_pattern_splits_it() -> None:
    strings = list(_strings(_packaged_yaml()))
    assert any("深表关切" in s or "反对" in s for s in strings), "the lexicons hold Chinese phrases"
    for text in strings:
        assert _phrase_words(text) == _word_with_cjk().findall(text), text


# Latin letters, digits, marks, spaces, Hangul, and characters inside and around the CJK ranges.
_ALPHABET = st.sampled_from(
    [
        *"aZ9_-.,'’ \t",
        *["한", "국", "\u3000", "\u3001", "。", "「", "中", "国", "〇", "\u2e80", "\u2fff", "\u312f"],
        *["\u3130", "\u318f", "\u3190", "\uf900", "\uff61", "\uff9f", "\uffa0", "\U00020000", "é", "ß"],
    ]
)


@given(st.text(_ALPHABET, max_size=30))
def test_any_text_splits_as_the_full_pattern_splits_it(text: str) -> None:
    assert _phrase_words(text) == _word_with_cjk().findall(text)
