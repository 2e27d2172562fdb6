"""Normalisation for matching: quotes, dashes, case, ё, zero-width, spelling variants, user rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipdiff.errors import ConfigError
from dipdiff.normalise import build_normaliser, default_normaliser
from dipdiff.tokens import TOKEN, has_cjk, is_hangul, tokenise


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("“denuclearisation”", '"denuclearization"'),
        ("«мир»", '"мир"'),
        ("„Frieden“", '"Frieden"'),
        ("Peninsula’s", "peninsula's"),
        ("defence", "defense"),
        ("Programme", "program"),
        ("centres", "centers"),
        ("labour", "labor"),
        ("organisations", "organizations"),
        ("recognised", "recognized"),
        ("judgement", "judgment"),
        ("ещё", "еще"),
        ("ＵＮ", "UN"),
        ("—", "-"),
        ("–", "-"),
        ("defence-related", "defense-related"),
        # older UN and British texts hyphenate the prefix: Security Council renewals of the 1980s say
        # "co-operate" where later ones say "cooperate", with nothing else changed
        ("co-operate", "cooperate"),
        ("Co-operation", "cooperation"),
        ("co-ordinated", "coordinated"),
        ("co-existence", "coexistence"),
    ],
)
def test_variants_compare_equal(a: str, b: str) -> None:
    n = default_normaliser()
    assert n.text(a) == n.text(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("exercise", "exercize"),
        ("prise", "prize"),
        ("Korean Peninsula", "North Korea"),
        ("must", "should"),
    ],
)
def test_different_words_stay_different(a: str, b: str) -> None:
    n = default_normaliser()
    assert n.text(a) != n.text(b)


def test_zero_width_and_soft_hyphen_never_count() -> None:
    n = default_normaliser()
    assert n.text("denu\u00adclear\u200bization") == n.text("denuclearization")


def test_user_config_extends_rules(tmp_path: Path) -> None:
    config = tmp_path / "rules.yaml"
    config.write_text("words:\n  gaol: jail\nise_stems: [rubber]\n", encoding="utf-8")
    n = build_normaliser(config)
    assert n.key("gaol") == n.key("jail")
    assert n.key("rubberised") == n.key("rubberized")
    assert n.key("defence") == n.key("defense"), "packaged rules still apply"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("words: [a, b]\n", "words must map"),
        ("char_map: {ab: c}\n", "single characters"),
        ("colour: red\n", "unknown normalisation keys: colour"),
        ("- 1\n", "must hold a YAML mapping"),
        ("unicode_form: NFX\n", "unicode_form"),
        ("casefold: maybe\n", "casefold must be true or false, not 'maybe'"),
        ("casefold: 0\n", "casefold must be true or false, not 0"),
    ],
)
def test_bad_config_is_one_named_error(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "rules.yaml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        build_normaliser(config)
    assert str(caught.value).startswith(str(config))
    assert message in str(caught.value)


def test_tokens_keep_punctuation_apart_and_rebuild_the_text() -> None:
    n = default_normaliser()
    text = "We firmly condemn Pyongyang’s adventurist nuclear- missile manoeuvres, which violate it."
    tokens = tokenise(text, n)
    assert [t.text for t in tokens][:5] == ["We", "firmly", "condemn", "Pyongyang’s", "adventurist"]
    assert "," in [t.text for t in tokens]
    assert "".join(t.text + t.trail for t in tokens) == text


_LETTERS = ["a", "Ab", "ё", "_", "9", "中", "한국"]
_SEPARATORS = ["-", "'", "’", "‐", ".", ",", " ", "  ", "\n", "\t", "\u200b", "\u00ad", "\ufeff", "\u2060"]
_PIECES = st.sampled_from([*_LETTERS, *_SEPARATORS])


@given(st.lists(_PIECES, max_size=20).map("".join))
def test_tokens_are_the_patterns_matches_and_trails_are_what_lies_between(text: str) -> None:
    tokens = tokenise(text, default_normaliser())
    matches = list(re.finditer(TOKEN, text))
    assert [t.text for t in tokens] == [m.group() for m in matches]
    ends = [m.start() for m in matches[1:]] + [len(text)] if matches else []
    assert [t.trail for t in tokens] == [text[m.end() : end] for m, end in zip(matches, ends, strict=True)]
    assert [t.key for t in tokens] == [default_normaliser().key(m.group()) for m in matches]


def test_chinese_is_tokenised_by_character_korean_by_word() -> None:
    n = default_normaliser()
    assert [t.text for t in tokenise("中方表示关切。", n)] == ["中", "方", "表", "示", "关", "切", "。"]
    assert [t.text for t in tokenise("우리는 북남관계를 개선", n)] == ["우리는", "북남관계를", "개선"]


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))).filter(lambda t: not has_cjk(t)))
def test_text_without_cjk_characters_gets_the_same_tokens_from_the_lighter_pattern(text: str) -> None:
    from dipdiff import tokens

    full = re.compile(rf"({TOKEN}){tokens._TRAIL}")
    assert tokens.token_pattern(text) is tokens._WITHOUT_CJK
    assert tokens._WITHOUT_CJK.findall(text) == full.findall(text)


def test_cjk_characters_are_told_from_hangul_and_everything_else() -> None:
    assert not has_cjk("우리는 북남관계를 개선") and not has_cjk("Привет, мир") and not has_cjk("")
    assert has_cjk("中方") and has_cjk("かな") and has_cjk("Korea 韓國") and has_cjk("\U00020001")
    assert not has_cjk("\u3130\u318f")  # Hangul compatibility jamo sit between two CJK ranges


def test_a_korean_word_begins_with_a_hangul_syllable() -> None:
    assert is_hangul("평화와") and is_hangul("가") and is_hangul("힣") and is_hangul("북남 peace")
    assert not is_hangul("peace 평화") and not is_hangul("中方") and not is_hangul("")
    assert not is_hangul("\u3131") and not is_hangul("\ud7b0")  # jamo are no syllables


def test_cjk_text_gets_the_pattern_with_the_cjk_ranges() -> None:
    from dipdiff import tokens

    assert tokens.token_pattern("中方表示关切") is not tokens._WITHOUT_CJK
    assert tokens.token_pattern("G20峰会") is not tokens._WITHOUT_CJK
    assert [t.text for t in tokenise("G20峰会", default_normaliser())] == ["G20", "峰", "会"]


def test_an_ideographic_space_separates_words_like_a_space() -> None:
    """North Korean and Japanese texts often space words with U+3000; it is spacing, not a word."""
    tokens = tokenise("\u3000오늘\u3000뜻깊은 새해를\u3000맞이하며", default_normaliser())
    assert [t.text for t in tokens] == ["오늘", "뜻깊은", "새해를", "맞이하며"]
    assert [t.trail for t in tokens] == ["\u3000", " ", "\u3000", ""]
    assert [t.text for t in tokenise("中方\u3000表示", default_normaliser())] == ["中", "方", "表", "示"]


def test_a_number_keeps_its_decimal_point_and_thousands_separators() -> None:
    tokens = tokenise("Growth of 2.5 per cent, from 1,000 to 12,500.", default_normaliser())
    assert [t.text for t in tokens] == [
        "Growth",
        "of",
        "2.5",
        "per",
        "cent",
        ",",
        "from",
        "1,000",
        "to",
        "12,500",
        ".",
    ]
    assert [t.text for t in tokenise("In 2017. Then, 5", default_normaliser())] == [
        "In",
        "2017",
        ".",
        "Then",
        ",",
        "5",
    ]


def test_a_key_never_holds_a_space() -> None:
    """NFKC spells the acute accent U+00B4 with a space; keys are joined by spaces in the corpus index."""
    from dipdiff.tokens import words_and_keys

    _, _, keys = words_and_keys("Mladic´ and Karadzic´ must be tried.", default_normaliser())
    assert keys and not any(" " in key or not key for key in keys)


@given(st.text(alphabet=st.characters(min_codepoint=0x2E00, max_codepoint=0xFFFF, exclude_categories=["Cs"])))
def test_cjk_lookup_agrees_with_the_ranges(text: str) -> None:
    from dipdiff.tokens import _CJK_RANGES

    expected = any(first <= char <= last for char in text for first, last in _CJK_RANGES)
    assert has_cjk(text) == expected
