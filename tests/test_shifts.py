"""Position shifts per category, on real sentences read from the shared statements (DIPDIFF_DATA).

Each test names the file and paragraph it reads; the sentences are taken from the file at test time.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from dipdiff.model import Category, Direction, Shift
from dipdiff.readers import read_statement
from dipdiff.shifts import shifts_between

UNSC = "cr_unsc_gold/res_en_gold"
WH = "whitehouse_briefings/revisions/statements-releases"
US_ROK = (
    f"{WH}/2023-04/2023-04-26-leaders-joint-statement-in-commemoration-of-the-70th-anniversary-"
    "of-the-alliance-between-the-united-states-of-america-and-the-republic-of-korea"
)
ATLANTIC = (
    f"{WH}/2023-06/2023-06-08-the-atlantic-declaration-a-framework-for-a-twenty-first-century-"
    "u-s-uk-economic-partnership"
)


@functools.cache
def _paragraphs(path: Path) -> tuple[str, ...]:
    return read_statement(str(path)).paragraphs


def sentence(data: Path, pattern: str, number: int, start: str) -> str:
    """The sentence beginning with ``start`` in line ``number`` (1-based) of a UN speech.

    ``pattern`` is a path under DIPDIFF_DATA, with ``*`` for the UN session folder.
    """
    matches = sorted(data.glob(pattern))
    assert matches, f"{pattern} not found under {data}"
    text = matches[0].read_text(encoding="utf-8").split("\n")[number - 1]
    at = text.index(start)
    ends = [text.find(mark, at) for mark in (". ", "; ", ", ")] + [len(text)]
    stop = min(e for e in ends if e >= 0 and e > at + len(start)) if len(ends) > 1 else len(text)
    return text[at : stop + 1].strip()


def paragraph(data: Path, pattern: str, number: int) -> str:
    """Paragraph ``number`` (1-based) of a file under DIPDIFF_DATA, as dipdiff reads it."""
    return _paragraphs(sorted(data.glob(pattern))[0])[number - 1]


def line(data: Path, pattern: str, number: int) -> str:
    """Line ``number`` (1-based) of a UN General Debate speech (many are hard-wrapped)."""
    path = sorted(data.glob(pattern))[0]
    return path.read_text(encoding="utf-8").split("\n")[number - 1].strip()


def of(shifts: tuple[Shift, ...], category: Category) -> list[tuple[Direction, str, str]]:
    """The (direction, old, new) of the shifts in one category."""
    return [(s.direction, s.old, s.new) for s in shifts if s.category is category]


# --- intensity -------------------------------------------------------------------------------------


def test_a_booster_on_a_ladder_word_hardens_the_tone(data_dir: Path) -> None:
    # S/RES/445 (1979) ¶17 -> S/RES/448 (1979) ¶11: "Condemns" -> "Strongly condemns".
    old = paragraph(data_dir, f"{UNSC}/S_RES_0445_1979_EN_GOLD.txt", 17)
    new = paragraph(data_dir, f"{UNSC}/S_RES_0448_1979_EN_GOLD.txt", 11)
    shifts = shifts_between(old, new)
    assert of(shifts, Category.INTENSITY) == [(Direction.UP, "Condemns", "Strongly condemns")]
    assert shifts[0].explanation == "tone hardened: Condemns -> Strongly condemns"


def test_a_lower_rung_softens_the_tone(data_dir: Path) -> None:
    # S/RES/384 (1975) ¶15 -> S/RES/389 (1976) ¶16: "Urges all States" -> "Calls upon all States".
    old = paragraph(data_dir, f"{UNSC}/S_RES_0384_1975_EN_GOLD.txt", 15)
    new = paragraph(data_dir, f"{UNSC}/S_RES_0389_1976_EN_GOLD.txt", 16)
    assert of(shifts_between(old, new), Category.INTENSITY) == [(Direction.DOWN, "Urges", "Calls upon")]


def test_concern_to_alarm_and_regret_to_deplore_harden(data_dir: Path) -> None:
    # S/RES/582 (1986) ¶6 -> S/RES/588 (1986) ¶5; S/RES/636 (1989) ¶7 -> S/RES/641 (1989) ¶7.
    pairs = [
        (("S_RES_0582_1986", 6), ("S_RES_0588_1986", 5), "Deeply concerned", "Deeply alarmed"),
        (("S_RES_0636_1989", 7), ("S_RES_0641_1989", 7), "Deeply regrets", "Deplores"),
    ]
    for (a, i), (b, j), before, after in pairs:
        old = paragraph(data_dir, f"{UNSC}/{a}_EN_GOLD.txt", i)
        new = paragraph(data_dir, f"{UNSC}/{b}_EN_GOLD.txt", j)
        assert of(shifts_between(old, new), Category.INTENSITY) == [(Direction.UP, before, after)]


def test_call_on_becoming_firmly_condemn_is_read_as_one_clause(data_dir: Path) -> None:
    # RUS_71_2016 line 18 -> RUS_72_2017 line 9 (one paragraph per line): the verb changed, a
    # booster came, the object changed.
    old = sentence(data_dir, "ungdc/TXT/*/RUS_71_2016.txt", 18, "We call on Pyongyang")
    new = sentence(data_dir, "ungdc/TXT/*/RUS_72_2017.txt", 9, "We firmly condemn")
    shifts = shifts_between(old, new)
    assert of(shifts, Category.INTENSITY) == [(Direction.UP, "call on", "firmly condemn")]
    assert not of(shifts, Category.ACTOR)  # Pyongyang on both sides


def test_total_withdrawal_becoming_withdrawal_softens_the_demand(data_dir: Path) -> None:
    # S/RES/326 (1973) ¶17 -> S/RES/328 (1973) ¶14: "Demands the immediate and total withdrawal" ->
    # "Reiterates its demand for the immediate withdrawal": same rung, the booster went.
    old = paragraph(data_dir, f"{UNSC}/S_RES_0326_1973_EN_GOLD.txt", 17)
    new = paragraph(data_dir, f"{UNSC}/S_RES_0328_1973_EN_GOLD.txt", 14)
    assert of(shifts_between(old, new), Category.INTENSITY) == [
        (Direction.DOWN, "total withdrawal", "withdrawal")
    ]


def test_dropping_full_from_full_inclusion_weakens_not_full_respect(data_dir: Path) -> None:
    # G7 Hiroshima communiqué v01 ¶88 -> v02 ¶88: "support the full inclusion" -> "the inclusion".
    doc = f"{WH}/2023-05/2023-05-20-g7-hiroshima-leaders-communique"
    v1, v2 = sorted((data_dir / doc).glob("v*.md"))[:2]
    old = next(p for p in _paragraphs(v1) if "full inclusion of refugees" in p)
    new = next(p for p in _paragraphs(v2) if "the inclusion of refugees" in p)
    assert of(shifts_between(old, new), Category.INTENSITY) == [
        (Direction.DOWN, "full inclusion", "inclusion")
    ]


def test_rewording_without_a_change_of_stance_gives_no_shift(data_dir: Path) -> None:
    cases = [
        # "the parties concerned" is no concern; "continue to act" changes nothing.
        (("S_RES_0201_1965", 9), ("S_RES_0206_1965", 10)),
        # "Noting" -> "Noting also" is not intensity.
        (("S_RES_0422_1977", 10), ("S_RES_0430_1978", 5)),
        # "Gravely concerned" -> "Deeply concerned": two boosters on one rung.
        (("S_RES_0268_1969", 5), ("S_RES_0273_1969", 7)),
        # "Calls upon all States not to provide" -> "Calls once again upon all States not to provide".
        (("S_RES_0465_1980", 20), ("S_RES_0471_1980", 14)),
    ]
    for (a, i), (b, j) in cases:
        old = paragraph(data_dir, f"{UNSC}/{a}_EN_GOLD.txt", i)
        new = paragraph(data_dir, f"{UNSC}/{b}_EN_GOLD.txt", j)
        shifts = shifts_between(old, new)
        assert not of(shifts, Category.INTENSITY), (a, b, shifts)
        assert not of(shifts, Category.NEGATION), (a, b, shifts)


# --- modality --------------------------------------------------------------------------------------


def test_should_becoming_must_strengthens_the_commitment(data_dir: Path) -> None:
    # S/RES/268 (1969) ¶3 -> S/RES/273 (1969) ¶5: "all States should refrain" -> "must refrain".
    old = paragraph(data_dir, f"{UNSC}/S_RES_0268_1969_EN_GOLD.txt", 3)
    new = paragraph(data_dir, f"{UNSC}/S_RES_0273_1969_EN_GOLD.txt", 5)
    shifts = shifts_between(old, new)
    assert of(shifts, Category.MODALITY) == [(Direction.UP, "should", "must")]
    assert [s.explanation for s in shifts] == ["commitment strengthened: should -> must"]


def test_courtesy_formulas_and_the_month_may_are_no_modals(data_dir: Path) -> None:
    # SAU_72_2017 line 1 -> SAU_77_2022 line 1: "I would like to congratulate" -> "I should like to".
    old = sentence(data_dir, "ungdc/TXT/*/SAU_72_2017.txt", 1, "At the outset")
    new = sentence(data_dir, "ungdc/TXT/*/SAU_77_2022.txt", 1, "At the outset")
    assert not shifts_between(old, new)
    # US-ROK 70th-anniversary statement v01 -> v02: "... during meetings in May and September 2022."
    doc = US_ROK
    v1, v2 = sorted((data_dir / doc).glob("v*.md"))[:2]
    old = next(p for p in _paragraphs(v1) if "reaffirming their recognition" in p)
    new = next(p for p in _paragraphs(v2) if "reaffirmed recognition" in p)
    shifts = shifts_between(old, new)
    assert not of(shifts, Category.MODALITY)
    assert of(shifts, Category.NUMBER) == [(Direction.ADDED, "", "September 2022")]


# --- negation --------------------------------------------------------------------------------------


def test_a_not_that_appears_is_negation_added(data_dir: Path) -> None:
    # CHN_49_1994 line 117 -> CHN_50_1995 line 174 (lines of a hard-wrapped speech).
    old = line(data_dir, "ungdc/TXT/*/CHN_49_1994.txt", 117)
    new = line(data_dir, "ungdc/TXT/*/CHN_50_1995.txt", 174)
    shifts = shifts_between(old, new)
    assert [(s.direction, s.new) for s in shifts if s.category is Category.NEGATION] == [
        (Direction.ADDED, "not to use or threaten to use")
    ]
    assert shifts[0].explanation == "negation added: not to use or threaten to use"


def test_a_never_that_only_says_new_is_no_negation(data_dir: Path) -> None:
    # Atlantic Declaration v01 -> v02: "a first of its kind that has never been tried before" says the
    # partnership is new; dropping it denies nothing less (an idiom, listed as a pseudo-negation).
    doc = ATLANTIC
    v1, v2 = sorted((data_dir / doc).glob("v*.md"))[:2]
    old = next(p for p in _paragraphs(v1) if "never been tried before" in p)
    new = next(p for p in _paragraphs(v2) if "a first of its kind, and" in p)
    assert of(shifts_between(old, new), Category.NEGATION) == []


def test_pseudo_negations_are_not_negations(data_dir: Path) -> None:
    # S/RES/370 (1975) ¶3 -> S/RES/383 (1975) ¶3: "... still needed not only to maintain ...".
    old = paragraph(data_dir, f"{UNSC}/S_RES_0370_1975_EN_GOLD.txt", 3)
    new = paragraph(data_dir, f"{UNSC}/S_RES_0383_1975_EN_GOLD.txt", 3)
    assert "not only" in new
    assert not of(shifts_between(old, new), Category.NEGATION)
    # S/RES/246 (1968) ¶16 -> S/RES/271 (1969) ¶14: "not later than 31 March 1968" is a deadline.
    old = paragraph(data_dir, f"{UNSC}/S_RES_0246_1968_EN_GOLD.txt", 16)
    new = paragraph(data_dir, f"{UNSC}/S_RES_0271_1969_EN_GOLD.txt", 14)
    shifts = shifts_between(old, new)
    assert not of(shifts, Category.NEGATION)
    assert of(shifts, Category.NUMBER) == [(Direction.REMOVED, "31 March 1968", "")]


# --- hedges ----------------------------------------------------------------------------------------


def test_we_believe_added_and_so_called_dropped(data_dir: Path) -> None:
    # SMR_72_2017 line 9 -> SMR_77_2022 line 25; PRK_67_2012 line 84 -> PRK_68_2013 line 206.
    old = sentence(data_dir, "ungdc/TXT/*/SMR_72_2017.txt", 9, "Similarly, Security Council reform")
    new = sentence(data_dir, "ungdc/TXT/*/SMR_77_2022.txt", 25, "We believe that Security Council")
    assert of(shifts_between(old, new), Category.HEDGE) == [(Direction.ADDED, "", "We believe")]
    old = line(data_dir, "ungdc/TXT/*/PRK_67_2012.txt", 84)
    new = line(data_dir, "ungdc/TXT/*/PRK_68_2013.txt", 206)
    assert of(shifts_between(old, new), Category.HEDGE) == [(Direction.REMOVED, "so-called", "")]


def test_one_hedge_for_another_is_no_shift(data_dir: Path) -> None:
    # DEU_52_1997 line 191 -> DEU_53_1998 line 194: "alleged war criminals" -> "presumed war criminals".
    old = line(data_dir, "ungdc/TXT/*/DEU_52_1997.txt", 191)
    new = line(data_dir, "ungdc/TXT/*/DEU_53_1998.txt", 194)
    assert not of(shifts_between(old, new), Category.HEDGE)


# --- actors ----------------------------------------------------------------------------------------


def test_countries_named_in_a_revision_are_actors_added_in_order(data_dir: Path) -> None:
    # 2nd Global COVID-19 Summit commitments v01 ¶1 -> v02 ¶1: the co-hosts are named.
    doc = f"{WH}/2022-05/2022-05-12-2nd-global-covid-19-summit-commitments"
    v1, v2 = sorted((data_dir / doc).glob("v*.md"))[:2]
    old, new = _paragraphs(v1)[0], _paragraphs(v2)[0]
    added = [s.explanation for s in shifts_between(old, new) if s.category is Category.ACTOR]
    assert added == [
        "actor added: United States",
        "actor added: Belize",
        "actor added: Germany",
        "actor added: Indonesia",
        "actor added: Senegal",
    ]


def test_an_alias_swap_is_not_an_actor_change(data_dir: Path) -> None:
    # US-ROK statement v01 -> v02: "the first ROK-Pacific Islands Summit" -> "Korea-Pacific".
    doc = US_ROK
    v1, v2 = sorted((data_dir / doc).glob("v*.md"))[:2]
    old = next(p for p in _paragraphs(v1) if "ROK-Pacific Islands Summit" in p)
    new = next(p for p in _paragraphs(v2) if "Korea-Pacific Islands Summit" in p)
    assert not shifts_between(old, new)


def test_dprk_north_korea_and_pyongyang_are_one_actor_but_not_the_peninsula() -> None:
    # Wording from corpus/ru-mfa/unknown-korean-peninsula*.md (this repository's bundled pair).
    old = "Our position of principle on North Korea’s missile launches is well known."
    new = (
        "Our position of principle on the missile launches by the Democratic People’s Republic of "
        "Korea is well known."
    )
    assert not shifts_between(old, new)
    shifts = shifts_between(
        "We call for the denuclearization of the Korean Peninsula.",
        "We call for the denuclearization of North Korea.",
    )
    # "North Korea" inside the term is carried by the term, not reported again as an actor.
    assert [(s.category, s.direction) for s in shifts] == [(Category.TERM, Direction.CHANGED)]
    assert shifts[0].explanation == (
        "term changed: denuclearization of the Korean Peninsula -> denuclearization of North Korea"
    )


def test_a_name_moving_inside_its_sentence_is_no_actor_change(data_dir: Path) -> None:
    # The Los Angeles Declaration v02 ¶1 lists the signatories; move one name within the list.
    doc = f"{WH}/2022-06/2022-06-10-los-angeles-declaration-on-migration-and-protection"
    text = _paragraphs(sorted((data_dir / doc).glob("v*.md"))[1])[0]
    assert "Barbados, Belize," in text
    moved = text.replace("Barbados, Belize,", "Belize, Barbados,")
    assert not shifts_between(text, moved)


def test_a_document_named_after_a_body_is_not_the_body(data_dir: Path) -> None:
    # S/RES/370 (1975) ¶11 -> S/RES/383 (1975) ¶12: "established under Security Council resolution
    # 186 (1964)" -> "established under resolution 186 (1964)".
    old = paragraph(data_dir, f"{UNSC}/S_RES_0370_1975_EN_GOLD.txt", 11)
    new = paragraph(data_dir, f"{UNSC}/S_RES_0383_1975_EN_GOLD.txt", 12)
    assert "Security Council resolution 186" in old
    assert not of(shifts_between(old, new), Category.ACTOR)


# --- terms and numbers -----------------------------------------------------------------------------


def test_non_proliferation_becoming_proliferation_drops_the_term(data_dir: Path) -> None:
    # RUS_56_2001 line 76 -> RUS_57_2002 line 124 (lines of a hard-wrapped speech).
    old = line(data_dir, "ungdc/TXT/*/RUS_56_2001.txt", 76)
    new = line(data_dir, "ungdc/TXT/*/RUS_57_2002.txt", 124)
    assert of(shifts_between(old, new), Category.TERM) == [(Direction.REMOVED, "non-proliferation", "")]


def test_a_mandate_renewal_changes_dates_not_footnotes(data_dir: Path) -> None:
    # UNFICYP renewals S/RES/553 (1984) -> S/RES/559 (1984): ¶7 the mandate's end, ¶3 a report date
    # followed by footnote mark 48 -> 50.
    old = paragraph(data_dir, f"{UNSC}/S_RES_0553_1984_EN_GOLD.txt", 7)
    new = paragraph(data_dir, f"{UNSC}/S_RES_0559_1984_EN_GOLD.txt", 7)
    shifts = shifts_between(old, new)
    assert [s.explanation for s in shifts] == ["number changed: 15 December 1984 -> 15 June 1985"]
    old = paragraph(data_dir, f"{UNSC}/S_RES_0553_1984_EN_GOLD.txt", 3)
    new = paragraph(data_dir, f"{UNSC}/S_RES_0559_1984_EN_GOLD.txt", 3)
    assert of(shifts_between(old, new), Category.NUMBER) == [
        (Direction.CHANGED, "1 June 1984", "12 December 1984")
    ]


def test_periods_and_symbols_pair_with_their_own_kind(data_dir: Path) -> None:
    # S/RES/851 (1993) ¶17 -> S/RES/864 (1993) ¶12: "two months" -> "three months", dates moved.
    old = paragraph(data_dir, f"{UNSC}/S_RES_0851_1993_EN_GOLD.txt", 17)
    new = paragraph(data_dir, f"{UNSC}/S_RES_0864_1993_EN_GOLD.txt", 12)
    changed = of(shifts_between(old, new), Category.NUMBER)
    assert (Direction.CHANGED, "two months", "three months") in changed
    assert (Direction.CHANGED, "15 September 1993", "15 December 1993") in changed


@pytest.mark.parametrize("category", list(Category))
def test_every_category_has_a_test_above(category: Category) -> None:
    names = " ".join(name for name in globals() if name.startswith("test_"))
    words = {
        Category.INTENSITY: "tone",
        Category.MODALITY: "commitment",
        Category.NEGATION: "negation",
        Category.HEDGE: "hedge",
        Category.ACTOR: "actor",
        Category.TERM: "term",
        Category.NUMBER: "dates",
    }
    assert words[category] in names


def test_chinese_protest_ladder_and_modals() -> None:
    # The Chinese MFA ladder of DOMAIN.md §1 (关切 concern < 不满 dissatisfaction < 反对 opposition),
    # in the wording of MFA statements; 不满 is no negation, 不接受 is.
    assert [s.explanation for s in shifts_between("中方对此表示关切。", "中方对此表示强烈不满。")] == [
        "tone hardened: 关切 -> 强烈不满"
    ]
    assert [s.explanation for s in shifts_between("我们坚决反对这一做法。", "我们反对这一做法。")] == [
        "tone softened: 坚决反对 -> 反对"
    ]
    assert [s.explanation for s in shifts_between("美方应当停止挑衅。", "美方必须停止挑衅。")] == [
        "commitment strengthened: 应当 -> 必须"
    ]
    assert [s.category for s in shifts_between("我们接受这一方案。", "我们不接受这一方案。")] == [
        Category.NEGATION
    ]


def test_amounts_change_but_covid_19_is_a_name(data_dir: Path) -> None:
    # 2nd Global COVID-19 Summit commitments v03 -> v04, the paragraph on the Summit's totals.
    doc = f"{WH}/2022-05/2022-05-12-2nd-global-covid-19-summit-commitments"
    v3, v4 = sorted((data_dir / doc).glob("v*.md"))[2:4]
    old = next(p for p in _paragraphs(v3) if "This includes over $2 billion" in p)
    new = next(p for p in _paragraphs(v4) if "This includes nearly $2.5 billion" in p)
    numbers = of(shifts_between(old, new), Category.NUMBER)
    assert (Direction.CHANGED, "2 billion", "2.5 billion") in numbers
    assert (Direction.CHANGED, "962 million", "712 million") in numbers
    assert not [n for n in numbers if "19" in n[1] + n[2]]
