"""Lexicon phrases are split into words as the full word pattern splits them, CJK or not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from dipdiff.resources import _packaged_yaml
from dipdiff.shifts.matcher import _WORD_WITH_CJK, PhraseMatcher, _phrase_words, words_of


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
        assert _phrase_words(text) == _WORD_WITH_CJK().findall(text), text


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
    assert _phrase_words(text) == _WORD_WITH_CJK().findall(text)


def test_remembered_words_come_back_as_a_fresh_list() -> None:
    """``words_of`` remembers a text's words; a caller changing its list changes no one else's."""
    text = "The Korean Peninsula, again: 2017."
    first = words_of(text)
    expected = list(first)
    first.clear()
    assert words_of(text) == expected
    assert [w.text for w in expected] == ["The", "Korean", "Peninsula", ",", "again", ":", "2017", "."]


_PHRASES = [
    ("the united states", "USA"),
    ("the united kingdom", "GBR"),
    ("united nations", "UN"),
    ("the", "THE"),
    ("security council", "UNSC"),
    ("security", "SEC"),
    ("korean peninsula", "KP"),
    ("the korean peninsula nuclear issue", "KPN"),
]


def _leftmost_longest(keys: list[str], lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The phrases of ``_PHRASES`` in ``keys[lo:hi]``, found the plain way: at each word the longest
    phrase that fits, then on after it."""
    phrases = sorted(((tuple(p.split()), v) for p, v in _PHRASES), key=lambda pv: -len(pv[0]))
    found, i = [], lo
    while i < hi:
        hit = next(
            ((n, v) for p, v in phrases if tuple(keys[i : i + (n := len(p))]) == p and i + n <= hi), None
        )
        if hit is None:
            i += 1
            continue
        found.append((i, i + hit[0], hit[1]))
        i += hit[0]
    return found


@given(
    st.lists(
        st.sampled_from(
            [
                "the",
                "united",
                "states",
                "kingdom",
                "nations",
                "security",
                "council",
                "korean",
                "peninsula",
                "nuclear",
                "issue",
                "of",
            ]
        ),
        max_size=14,
    ),
    st.integers(0, 14),
    st.integers(0, 14),
)
def test_find_takes_the_leftmost_longest_phrase_as_a_plain_search_does(
    words: list[str], a: int, b: int
) -> None:
    matcher = PhraseMatcher(_PHRASES)
    text = " ".join(words)
    split = words_of(text)
    lo, hi = sorted((min(a, len(split)), min(b, len(split))))
    found = [(m.first, m.last, m.value) for m in matcher.find(split, lo, hi)]
    assert found == _leftmost_longest([w.key for w in split], lo, hi)
