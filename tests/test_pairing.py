"""Pairing on content: unit weights, the candidate index, passages, subjects and the choice of mode."""

from __future__ import annotations

import math

import pytest

from dipdiff.compare import compare
from dipdiff.model import BlockKind, Mode, Statement
from dipdiff.options import CompareOptions
from dipdiff.pairing import between_in_order, levels, named_matters, settings, size_offset
from dipdiff.pairing.content import Affinities
from dipdiff.pairing.passages import passage, subject
from dipdiff.pairing.units import Weights, background, korean_stem, korean_units, language_of, units_of
from dipdiff.shifts import load_lexicon
from tests.helpers import run_cli

KOREA_OLD = (
    "We call on Pyongyang to abandon its nuclear and missile programmes and to return to talks on "
    "the Korean Peninsula."
)
KOREA_NEW = (
    "We firmly condemn the nuclear and missile launches of the Democratic People's Republic of Korea, "
    "which violate Security Council resolutions and endanger the Korean Peninsula."
)


def _sets(texts: list[str]) -> list[frozenset[str]]:
    lexicon = load_lexicon()
    return [units_of(text, lexicon).distinct for text in texts]


def _affinities(old: list[str], new: list[str]) -> Affinities:
    lexicon = load_lexicon()
    olds, news = ([units_of(text, lexicon) for text in texts] for texts in (old, new))
    weights = Weights([u.distinct for u in (*olds, *news)], background("en"))
    return Affinities([u.counts for u in olds], [u.counts for u in news], weights)


def test_an_actor_is_one_unit_whatever_its_alias_and_its_words_do_not_count_again() -> None:
    old, new = _sets([KOREA_OLD, KOREA_NEW])
    assert "@PRK" in old and "@PRK" in new
    assert not {"democra", "people", "republi"} & new, "the words of a name are carried by the name"
    assert "#korean peninsula" in old and "korean" in old, "a term counts, and so do its words"


def test_rare_words_outweigh_function_words() -> None:
    table = background("en")
    assert table.idf, "the English background table is shipped"
    weights = Weights(_sets([KOREA_OLD, KOREA_NEW, "The economy grew by four per cent."]), table)
    assert weights["the"] < 0.5
    assert weights["@PRK"] > 2 and weights["pyongya"] > 2, "names are rare in diplomatic text at large"
    assert weights["the"] < weights["nuclear"] < weights["pyongya"]


def test_the_background_table_counts_with_the_statements() -> None:
    texts = _sets(["nuclear talks", "nuclear tests", "nuclear weapons"])
    alone = Weights(texts, background("xx"))
    with_table = Weights(texts, background("en"))
    assert alone["nuclear"] < 0.3, "in every paragraph: nearly no weight from the statements alone"
    assert with_table["nuclear"] > alone["nuclear"] + 1, "but rare in diplomatic text at large"


def test_a_korean_word_is_one_stem_whatever_particle_it_carries() -> None:
    forms = ("핵무력을", "핵무력으로", "핵무력의", "핵무력")
    assert {korean_stem(w) for w in forms} == {korean_stem("핵무력")}
    assert len(korean_stem("핵무력을")) == 3, "the particle goes, the noun stays"
    assert korean_stem("사회주의를") == "사회주의", "a particle after 사회주의 goes"
    assert korean_stem("사회주의") == "사회주의", "사회주의 (socialism) ends in 의 and keeps it"
    assert korean_stem("한반도") == "한반도", "한반도 ends in 도 and keeps it"
    assert _sets(["국가"])[0] == {"국가"}, "too short to lose a syllable, and one unit"
    forms = _sets(["핵무력을 강화하였다", "핵무력으로 지켜냈다", "핵무력의 위력"])
    assert forms[0] & forms[1] & forms[2] >= set(korean_units("핵무력")), forms


def test_a_korean_compound_shares_units_with_its_parts_written_apart() -> None:
    joined, apart = _sets(["국가경제발전 5개년전략", "국가경제 발전 5개년 전략"])
    assert {"국가", "경제", "발전"} <= joined & apart
    assert "장병" in _sets(["인민군장병들에게"])[0] & _sets(["인민군 장병들에게"])[0]
    assert korean_units("인민군장병") == ("인민", "민군", "군장", "장병")
    assert korean_units("평화를") == ("평화",), "a short word is one unit"
    assert korean_units("핵무력을") == (korean_stem("핵무력"),)
    war_games = _sets(["외세와의 합동군사연습을 허용하지 말아야"])[0]
    assert "연습" in war_games & _sets(["전쟁 연습을 그만둬야"])[0]


def test_north_and_south_korean_spelling_give_one_unit() -> None:
    # The initial sound rule (두음법칙): North Korean spelling keeps an initial ㄹ and ㄴ that South
    # Korean spelling writes ㄴ or ㅇ, at the start of words and of parts of compounds.
    for north, south in (("로동", "노동"), ("력사", "역사"), ("리익을", "이익을"), ("녀성", "여성")):
        assert korean_stem(north) == korean_stem(south), (north, south)
    assert korean_units("조선로동당") == korean_units("조선노동당")
    assert korean_stem("나라") != korean_stem("다라"), "only ㄹ and ㄴ are read anew"
    assert korean_stem("능력") == korean_stem("능역"), "inside a word too, in both statements alike"


def test_language_is_read_from_the_script() -> None:
    assert language_of(["북남관계를 개선하여야 합니다"]) == "ko"
    assert language_of(["Мы призываем"]) == "ru"
    assert language_of(["我们呼吁"]) == "zh"
    assert language_of(["We call on"]) == "en"


def test_only_pairs_sharing_a_rare_unit_are_candidates() -> None:
    old = [KOREA_OLD, "The economy of our country grew in the past year."]
    new = [KOREA_NEW, "Climate change is a threat to all of us."]
    affinities = _affinities(old, new)
    assert affinities.candidates(range(2), range(2), rare=2.5, budget=1000) == {0: {0}}
    scores = affinities.scores(range(2), range(2), rare=2.5, budget=1000)
    assert set(scores) == {(0, 0)} and scores[0, 0] > 10


def test_candidates_stay_few_on_many_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    topics = ["".join("bcdfghjklm"[int(d)] for d in f"{n:03d}") + "ovia" for n in range(400)]
    old = [f"The {t} question must be settled by the parties concerned." for t in topics]
    new = [f"On the {t} question the parties concerned must reach a settlement." for t in topics]
    affinities = _affinities(old, new)
    calls = 0
    score = affinities.score

    def counted(i: int, j: int) -> float:
        nonlocal calls
        calls += 1
        return score(i, j)

    monkeypatch.setattr(affinities, "score", counted)
    found = affinities.scores(range(400), range(400), rare=2.5, budget=250_000)
    assert calls == 400, "each paragraph is scored only against the one sharing its rare word"
    assert all(i == j for i, j in found)


def test_a_word_in_every_paragraph_does_not_make_every_pair_a_candidate() -> None:
    # "Paragraph" is rare in diplomatic text, but here every paragraph holds it: 600 x 600 pairs.
    topics = ["".join("bcdfghjklm"[int(d)] for d in f"{n:03d}") + "ovia" for n in range(600)]
    old = [f"Paragraph on the {t} question." for t in topics]
    new = [f"Paragraph about the {t} question." for t in topics]
    affinities = _affinities(old, new)
    found = affinities.candidates(range(600), range(600), rare=2.5, budget=10_000)
    assert sum(map(len, found.values())) <= 10_000
    assert all(near == {i} for i, near in found.items()), "the selective units still make candidates"
    assert len(found) == 600


def test_a_passage_is_the_sentences_carrying_the_match() -> None:
    text = (
        "The Asia-Pacific region needs security. We call on Pyongyang to abandon its nuclear programme. "
        "Trade in the region keeps growing."
    )
    lexicon = load_lexicon()
    units = units_of(text, lexicon)
    shared = units.distinct & units_of(KOREA_NEW, lexicon).distinct
    sentences = [(0, 39), (40, 95), (96, len(text))]
    found = passage(units, shared, lambda u: 3.0 if u.startswith("@") else 1.0, sentences, 0.75)
    assert found is not None and (found.first, found.last, found.sentences) == (1, 1, 3)
    assert text[found.start : found.end].startswith("We call on Pyongyang")
    whole = passage(units, shared, lambda u: 1.0, sentences[:1], 0.75)
    assert whole is None, "one sentence is the whole side: no passage to point at"


def test_a_subject_names_names_first() -> None:
    lexicon = load_lexicon()
    units = units_of(KOREA_NEW, lexicon)
    shown = subject(units, units.distinct, lambda u: 1.0, lexicon, 2)
    assert shown[0] in ("North Korea", "UN Security Council", "Korean Peninsula")
    assert len(shown) == 2


def test_a_subject_leaves_out_light_units_and_puts_a_light_name_among_the_words() -> None:
    lexicon = load_lexicon()
    text = "The United Nations must act on the sanctions: sanctions that the United Nations adopted."
    units = units_of(text, lexicon)
    weights = {"@UN": 2.2, "sanctio": 3.0, "adopted": 2.1}
    weigh = lambda unit: weights.get(unit, 1.0)  # noqa: E731 - a table read as a function
    shown = subject(units, units.distinct, weigh, lexicon, 3, (2.0, 2.5))
    assert shown[0] == "sanctions", "used twice at 3.0, it is the block's matter"
    assert "United Nations" in shown and shown.index("United Nations") < shown.index("adopted")
    assert not {"must", "act", "that"} & set(shown), "lighter than the floor: never shown"
    assert subject(units, units.distinct, weigh, lexicon, 3, (0.0, 2.0))[0] == "United Nations"


def test_a_subject_never_shows_a_function_word_however_rare_the_pair_makes_it() -> None:
    from dipdiff.pairing import subject_of

    lexicon = load_lexicon()
    text = "There, against all odds, they kept the armistice there: the armistice held."
    units = units_of(text, lexicon)
    heavy = lambda unit: 9.0  # noqa: E731 - every unit as rare as a name
    shown = subject_of(units, units.distinct, heavy, lexicon)
    assert "armistice" in shown
    assert not {"There", "there", "against", "they"} & set(shown)
    assert "There" in subject(units, units.distinct, heavy, lexicon, 5), "the plain function shows all"


def test_a_name_shown_after_skipped_words_reads_as_the_lexicon_names_it() -> None:
    from dipdiff.pairing import subject_of

    lexicon = load_lexicon()
    units = units_of("There, they told them and those leaders, this Assembly met.", lexicon)
    light_name = lambda unit: 2.2 if unit.startswith("@") else 9.0  # noqa: E731 - below the name floor
    assert subject_of(units, units.distinct, light_name, lexicon) == (
        "leaders",
        "told",
        "UN General Assembly",
    )


def _statements(old: list[str], new: list[str], speakers: tuple[str, str] | None = None) -> tuple:
    meta = [{"speaker": s} for s in speakers] if speakers else [{}, {}]
    return Statement("old", tuple(old), meta[0]), Statement("new", tuple(new), meta[1])


REWRITTEN_OLD = [KOREA_OLD, "Climate change threatens small island States.", "We thank the President."]
REWRITTEN_NEW = ["Our economy grew by four per cent.", KOREA_NEW, "Reform of the Council is overdue."]


def test_a_revision_stays_a_revision() -> None:
    old = [KOREA_OLD, "Climate change threatens small island States."]
    new = [KOREA_OLD.replace("abandon", "give up"), "Climate change threatens small island States."]
    result = compare(*_statements(old, new), CompareOptions(classify=False))
    assert result.mode is Mode.REVISION
    assert all(block.affinity is None and not block.subject for block in result.blocks)


def test_a_revision_that_adds_much_new_text_stays_a_revision() -> None:
    old = [KOREA_OLD]
    new = [KOREA_OLD, *(f"New paragraph {n} on the economy of the region and its trade." for n in range(6))]
    assert compare(*_statements(old, new), CompareOptions(classify=False)).mode is Mode.REVISION


def test_rewritten_text_is_a_rewrite_and_pairs_on_content() -> None:
    result = compare(*_statements(REWRITTEN_OLD, REWRITTEN_NEW), CompareOptions(classify=False))
    assert result.mode is Mode.REWRITE
    pairs = [(b.old, b.new) for b in result.blocks if b.old and b.new]
    assert pairs == [((0,), (1,))], "the Korea paragraphs pair; nothing else is credible"
    korea = result.blocks[0]
    assert korea.affinity is not None and korea.score is not None and korea.score < 50
    assert "North Korea" in korea.subject


def test_different_speakers_in_the_metadata_are_speakers() -> None:
    result = compare(
        *_statements(REWRITTEN_OLD, REWRITTEN_NEW, ("ru-mfa", "cn-mfa")), CompareOptions(classify=False)
    )
    assert result.mode is Mode.SPEAKERS
    assert not any(block.moved for block in result.blocks)


def test_un_speeches_of_two_countries_are_speakers_by_their_file_names() -> None:
    """The UN General Debate names each speech <country code>_<session>_<year>.txt."""
    two = [
        Statement(name, tuple(texts), {})
        for name, texts in (("RUS_72_2017.txt", REWRITTEN_OLD), ("CHN_72_2017.txt", REWRITTEN_NEW))
    ]
    assert compare(*two, CompareOptions(classify=False)).mode is Mode.SPEAKERS
    union = [  # the European Union's speeches carry a two-letter code
        Statement(name, tuple(texts), {})
        for name, texts in (("EU_73_2018.txt", REWRITTEN_OLD), ("DEU_73_2018.txt", REWRITTEN_NEW))
    ]
    assert compare(*union, CompareOptions(classify=False)).mode is Mode.SPEAKERS
    one = [
        Statement(name, tuple(texts), {})
        for name, texts in (("RUS_71_2016.txt", REWRITTEN_OLD), ("RUS_72_2017.txt", REWRITTEN_NEW))
    ]
    assert compare(*one, CompareOptions(classify=False)).mode is Mode.REWRITE
    said = CompareOptions(classify=False, speaker="Russia")
    assert compare(*two, said).mode is Mode.REWRITE, "--speaker names one speaker for both statements"
    named = [Statement(s.source, s.paragraphs, {"speaker": "Russian Federation"}) for s in two]
    assert compare(*named, CompareOptions(classify=False)).mode is Mode.REWRITE, (
        "the front matter comes first"
    )


@pytest.mark.parametrize("mode", list(Mode))
def test_a_mode_can_be_forced(mode: Mode) -> None:
    result = compare(*_statements(REWRITTEN_OLD, REWRITTEN_NEW), CompareOptions(classify=False, mode=mode))
    assert result.mode is mode


def test_in_revision_mode_nothing_pairs_on_content() -> None:
    options = CompareOptions(classify=False, mode=Mode.REVISION)
    result = compare(*_statements(REWRITTEN_OLD, REWRITTEN_NEW), options)
    assert all(block.affinity is None for block in result.blocks)
    unrelated = [b for b in result.blocks if b.old == (2,) and b.new == (2,)]
    assert unrelated, "a revision still pairs paragraphs in order inside gaps, as it always has"


def test_unordered_is_the_speakers_mode() -> None:
    result = compare(
        *_statements(REWRITTEN_OLD, REWRITTEN_NEW), CompareOptions(classify=False, unordered=True)
    )
    assert result.mode is Mode.SPEAKERS


def test_the_cli_takes_a_mode_and_unordered_as_its_synonym(tmp_path) -> None:  # type: ignore[no-untyped-def]
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("\n\n".join(REWRITTEN_OLD), encoding="utf-8")
    new.write_text("\n\n".join(REWRITTEN_NEW), encoding="utf-8")
    for args, expected in (
        ([], "rewrite"),
        (["--mode", "revision"], "revision"),
        (["--mode", "speakers"], "speakers"),
        (["--unordered"], "speakers"),
    ):
        run = run_cli("compare", str(old), str(new), "--format", "json", *args)
        assert run.code == 1, str(run)
        assert f'"mode": "{expected}"' in run.stdout
    bad = run_cli("compare", str(old), str(new), "--mode", "sideways")
    assert bad.code == 2
    same = run_cli("compare", str(old), str(new), "--format", "json", "--unordered", "--mode", "speakers")
    assert same.code == 1 and '"mode": "speakers"' in same.stdout, str(same)
    for mode in ("revision", "rewrite"):  # asked for two modes: say so rather than pick one
        both = run_cli("compare", str(old), str(new), "--unordered", "--mode", mode)
        assert both.code == 2 and both.stdout == "" and both.stderr.count("\n") == 1, str(both)
        assert "--unordered" in both.stderr and mode in both.stderr, both.stderr


def test_two_paragraphs_on_one_matter_join_the_one_that_covers_both() -> None:
    old = [
        "We call on Pyongyang to halt its nuclear tests and ballistic missile launches at once.",
        "Climate change threatens small island States.",
        "Sanctions against the DPRK under Security Council resolutions must be enforced, and the missile "
        "and nuclear programmes of Pyongyang dismantled.",
    ]
    new = [
        "Our economy grew by four per cent.",
        "The nuclear tests and ballistic missile launches of the DPRK violate Security Council resolutions; "
        "sanctions must be enforced until Pyongyang dismantles its nuclear programmes.",
    ]
    result = compare(*_statements(old, new), CompareOptions(classify=False, mode=Mode.REWRITE))
    (korea,) = [b for b in result.blocks if b.old and b.new]
    assert (korea.kind, korea.old, korea.new) == (BlockKind.MERGED, (0, 2), (1,))
    assert "ballistic missile" in korea.subject


def test_paragraphs_that_are_not_neighbours_are_listed() -> None:
    from dipdiff.render.labels import paragraph_numbers

    assert paragraph_numbers((0, 2)) == "¶1, ¶3"
    assert paragraph_numbers((3, 4)) == "¶4–5"


def test_paragraph_numbers_read_in_order_as_runs() -> None:
    from dipdiff.render.labels import paragraph_numbers

    # A rewrite may group new paragraphs out of order; the reader sees them in order, runs folded.
    assert paragraph_numbers((18, 17)) == "¶18–19"
    assert paragraph_numbers((5, 0, 1, 2)) == "¶1–3, ¶6"
    # In the header's list of places, one place holding two paragraphs must not read as two places.
    assert paragraph_numbers((8, 3), joiner="+") == "¶4+¶9"


SIZE = {"slope": 2.84, "reference": 580, "floor": 15, "attach_floor": 19}


def test_the_credible_level_rises_with_the_paragraphs_that_compete() -> None:
    tier = {"credible": 23, "attach": 29}
    assert levels(tier, 580, SIZE) == (23.0, 29.0), "the level calibrated at the reference size"
    credible, attach = levels(tier, round(580 * math.e**2), SIZE)
    assert credible == pytest.approx(23 + 2 * 2.84, abs=0.01) and attach - credible == pytest.approx(6)
    assert levels(tier, 100, SIZE)[0] < 23, "fewer candidates, fewer chance matches: a lower level"
    assert size_offset(round(580 * math.e), SIZE) == pytest.approx(2.84, abs=0.01)


def test_the_levels_never_fall_below_their_floors() -> None:
    credible, attach = levels({"credible": 23, "attach": 29}, 30, SIZE)
    assert credible == 15.0, "the credible level at its floor"
    assert attach > 19 and attach == pytest.approx(29 + 2.84 * math.log(30 / 580), abs=0.01)
    assert levels({"credible": 23, "attach": 29}, 4, SIZE) == (15.0, 19.0), "both at their floors"
    assert levels({"credible": 23, "attach": 29}, 0, SIZE) == (15.0, 19.0), "no candidates is no error"


def test_a_pair_among_few_paragraphs_is_shown_where_among_many_it_would_not_be(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Korea pair of a short rewrite is shown at the packaged settings; had the statements as
    many paragraph pairs as it takes to raise the level past its affinity, it would be a hint."""
    options = CompareOptions(classify=False)
    shown = compare(*_statements(REWRITTEN_OLD, REWRITTEN_NEW), options)
    korea = next(b for b in shown.blocks if b.old and b.new)
    assert korea.affinity is not None
    size = settings()["affinity"]["size"]
    # the reference size at which nine candidate pairs raise the level to the pair's affinity + 1
    needed = korea.affinity + 1 - float(settings()["affinity"]["paired"]["rewrite"]["credible"])
    monkeypatch.setitem(size, "reference", 9 / math.exp(needed / float(size["slope"])))
    hidden = compare(*_statements(REWRITTEN_OLD, REWRITTEN_NEW), options)
    assert not [b for b in hidden.blocks if b.old and b.new], "above the level no pair is shown"
    assert [(h.old, h.new) for h in hidden.related] == [(0, 1)], "it stays visible as a hint"


def test_order_pairs_only_between_two_credible_pairs_in_order() -> None:
    """A weaker match pairs on order only inside the gap two consecutive credible pairs leave on both
    sides; before the first, after the last, or across a credible pair it stays a hint."""
    anchors = [((0,), (0,)), ((3,), (3,)), ((6,), (6,))]
    candidates = {
        (1, 1): 15.0,  # in the first gap
        (2, 2): 14.5,  # in the first gap too, and in order with (1, 1)
        (4, 5): 16.0,  # in the second gap
        (5, 4): 14.0,  # crosses (4, 5): the heavier of the two keeps the order
        (7, 8): 30.0,  # after the last credible pair
        (2, 4): 20.0,  # old in the first gap, new in the second: across (3, 3)
    }
    found = between_in_order(candidates, anchors, 2, 9)
    assert found == {(1, 1): 15.0, (2, 2): 14.5, (4, 5): 16.0}


def test_order_needs_a_run_of_credible_pairs() -> None:
    candidates = {(1, 1): 15.0}
    assert between_in_order(candidates, [((0,), (0,))], 2, 3) == {}, "one credible pair keeps no order"
    out_of_order = [((0,), (2,)), ((2,), (0,))]
    assert between_in_order(candidates, out_of_order, 2, 3) == {}, "two pairs crossing are no run"
    assert between_in_order(candidates, [((0,), (0,)), ((2,), (2,))], 3, 3) == {}, "shorter than asked"
    assert between_in_order(candidates, [((0,), (0,)), ((2,), (2,))], 2, 3) == {(1, 1): 15.0}


def test_a_block_of_several_paragraphs_bounds_its_gap_by_its_ends() -> None:
    anchors = [((0, 1), (0,)), ((4,), (3, 4))]
    candidates = {(1, 1): 20.0, (2, 2): 15.0, (3, 4): 15.0}
    assert between_in_order(candidates, anchors, 2, 5) == {(2, 2): 15.0}


_SYRIA_OLD = [
    "In Syria, the Astana talks between the Government of Syria and the armed opposition have "
    "reduced the fighting.",
    "We welcome the Secretary-General, Mr. Guterres, and thank him for his report on the work of the "
    "Organization.",
    "Poverty and hunger remain the gravest challenges, and Syria is one of many places where the "
    "fighting goes on.",
]
_SYRIA_NEW = [
    "On Syria, China holds that the future of Syria must be decided by the Syrian people themselves, "
    "in talks held in Astana.",
    "We thank Secretary-General Guterres for his leadership of the Organization this year.",
    "Hunger and poverty must be ended everywhere by 2030 through development for all.",
]


def test_a_matter_named_first_on_both_sides_pairs() -> None:
    """Syria weighs most in both paragraphs on it: a pair. Named in passing (old ¶3) it is not; the
    Secretary-General, thanked in every speech, is the venue's and never a matter."""
    affinities = _affinities(_SYRIA_OLD, _SYRIA_NEW)
    scores = affinities.scores(range(3), range(3), 2.5, 10_000)
    config = settings()["affinity"]
    assert {(1, 1), (2, 0)} <= set(scores), "both are candidates, sharing a rare unit"
    assert "@SYR" in affinities.heaviest_old(0, 3) & affinities.heaviest_new(0, 3)
    assert named_matters(scores, affinities, config, 0.0, Mode.SPEAKERS) == {(0, 0): scores[0, 0]}
    assert named_matters(scores, affinities, config, scores[0, 0] + 0.1, Mode.REWRITE) == {}, "below"


def test_a_named_matter_pairs_each_paragraph_with_the_closest_that_names_it() -> None:
    old = [
        _SYRIA_OLD[0],
        "The talks in Astana on Syria, and Syria's opposition, must go on, said the Syrian envoy.",
    ]
    affinities = _affinities(old, _SYRIA_NEW[:1])
    scores = affinities.scores(range(2), range(1), 2.5, 10_000)
    closest = max(scores, key=scores.__getitem__)
    assert set(named_matters(scores, affinities, settings()["affinity"], 0.0, Mode.REWRITE)) <= {closest}


_PIRACY_OLD = [
    "Piracy off the coast must be fought: piracy threatens shipping, and pirates are tried nowhere.",
    "We thank the Secretary-General for his report on the work of the Organization this year.",
]
_PIRACY_NEW = [
    "Piracy at sea threatens shipping: piracy must be answered together, with courts in the region.",
    "We thank the Secretary-General for leading the Organization through a difficult year.",
]


def test_between_two_speakers_a_rare_word_both_weigh_most_is_a_matter() -> None:
    """Piracy is no name or lexicon term, but it is the unit both paragraphs weigh most and it is rare
    in diplomatic text: between two speakers the pair is credible as a matter named first; in a
    rewrite words do not count (names and terms only), and a word under the rarity asked does not."""
    affinities = _affinities(_PIRACY_OLD, _PIRACY_NEW)
    scores = affinities.scores(range(2), range(2), 2.5, 10_000)
    config = settings()["affinity"]
    assert affinities.heaviest_old(0, 1) == affinities.heaviest_new(0, 1) == {"piracy"}
    assert affinities.rarity("piracy") >= float(config["named"]["words"]["rarity"])
    assert named_matters(scores, affinities, config, 0.0, Mode.SPEAKERS) == {(0, 0): scores[0, 0]}
    assert named_matters(scores, affinities, config, 0.0, Mode.REWRITE) == {}
    rarer = {**config, "named": {**config["named"], "words": {"top": {"speakers": 1}, "rarity": 99}}}
    assert named_matters(scores, affinities, rarer, 0.0, Mode.SPEAKERS) == {}


def test_a_subject_shows_a_name_the_lexicon_lacks_whole_as_the_text_writes_it() -> None:
    lexicon = load_lexicon()
    text = (
        "We congratulate Ms. María Fernanda Espinosa Garcés. The Belt and Road Forum met on the\n"
        "Indo-Pacific, and the Syrians in Syria were heard."
    )
    units = units_of(text, lexicon)
    heavy = lambda unit: 9.0  # noqa: E731 - every unit as rare as a name
    plain = frozenset({"the", "and", "we", "on", "in", "were"})
    shown = subject(units, units.distinct, heavy, lexicon, 12, (0.0, 0.0), plain)
    assert "María Fernanda Espinosa Garcés" in shown
    assert not {"María", "Garcés", "Espinosa"} & set(shown), "the name's words are not shown alone"
    assert "Indo-Pacific" in shown, "a hyphen joins a name, and the label keeps it"
    assert not any(label.startswith("The ") for label in shown), "a function word starts no name"
    assert "Syria" in shown, "a longer word (Syrians) is not a name around a shorter one"
    both = units.distinct - {u for u in units.distinct if u.startswith("espin")}
    assert "María Fernanda Espinosa Garcés" not in subject(
        units, both, heavy, lexicon, 12, (0.0, 0.0), plain
    ), "a name is joined only from words both sides write"
