"""Shifts on real, rewritten text: the false alarms and misses seen on real statement pairs.

Each sentence is quoted from the statement it cites (a few words, as in the labelled sets); each
test pins one class of mistake, not one example.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dipdiff.compare import compare_sources
from dipdiff.model import Category, Direction, Shift, Statement
from dipdiff.options import DEFAULT_MIN_CONFIDENCE, CompareOptions
from dipdiff.shifts import load_lexicon, shifts_between
from dipdiff.shifts.speaker import speaker_ids


def shown(shifts: tuple[Shift, ...], category: Category | None = None) -> list[tuple[Direction, str, str]]:
    """The shifts ``compare`` shows by default: (direction, old, new) of one category, or all."""
    return [
        (s.direction, s.old, s.new)
        for s in shifts
        if s.confidence >= DEFAULT_MIN_CONFIDENCE and category in (None, s.category)
    ]


# --- the speaker and its self-references ------------------------------------------------------------

# CHN_73_2018.txt -> CHN_74_2019.txt (UN General Debate): the speaker names itself, then says "we".
CHINA_OLD = "China will not be blackmailed or yield to pressure."
CHINA_NEW = "We will not be cowed by threats or subdued by pressure."


def test_the_speaker_naming_itself_is_no_actor_change() -> None:
    shifts = shifts_between(CHINA_OLD, CHINA_NEW, speaker="China")
    assert shown(shifts, Category.ACTOR) == []
    dropped = [s for s in shifts if s.category is Category.ACTOR]
    assert [(s.old, s.confidence < DEFAULT_MIN_CONFIDENCE) for s in dropped] == [("China", True)]


def test_a_self_reference_replacing_an_actor_is_doubtful_when_the_speaker_is_unknown() -> None:
    # KOR_51_1996.txt: "The Republic of Korea therefore strongly urges" -> "My delegation therefore ...".
    old = "The Republic of Korea therefore strongly urges all parties to comply."
    new = "My delegation therefore strongly urges all parties to comply."
    assert shown(shifts_between(old, new)) == []
    # Another speaker's delegation does not stand for the Republic of Korea.
    assert shown(shifts_between(old, new, speaker="Japan"), Category.ACTOR) == [
        (Direction.REMOVED, "Republic of Korea", "")
    ]


def test_the_speaker_comes_from_front_matter_the_registry_and_file_names(tmp_path: Path) -> None:
    lexicon = load_lexicon()
    assert speaker_ids(Statement("x.md", ("",), {"speaker": "China"}), lexicon) == {"CHN"}
    assert speaker_ids(Statement("TXT/Session 72 - 2017/RUS_72_2017.txt", ("",)), lexicon) == {"RUS"}
    assert speaker_ids(Statement("notes/2017.txt", ("",)), lexicon) == set()
    corpus = tmp_path / "corpus"
    (corpus / "ru-mfa").mkdir(parents=True)
    (corpus / "speakers.yaml").write_text("ru-mfa:\n  name: Russian MFA\n  country: RUS\n", encoding="utf-8")
    statement = Statement(str(corpus / "ru-mfa" / "a.md"), ("",), {"speaker": "ru-mfa"})
    assert speaker_ids(statement, lexicon) == {"RUS"}
    assert speaker_ids(statement, lexicon, "CHN") == {"CHN"}  # --speaker wins


def test_compare_reads_the_speaker_and_the_speaker_option(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(CHINA_OLD + "\n", encoding="utf-8")
    new.write_text(CHINA_NEW + "\n", encoding="utf-8")
    named = compare_sources(str(old), str(new), CompareOptions(speaker="CHN"))
    assert [s for _, s in named.shifts if s.category is Category.ACTOR] == []
    everything = compare_sources(str(old), str(new), CompareOptions(speaker="CHN", min_confidence=0))
    assert [s.old for _, s in everything.shifts if s.category is Category.ACTOR] == ["China"]


# --- names inside names, and spellings ---------------------------------------------------------------


def test_a_name_inside_a_document_name_is_no_actor() -> None:
    assert (
        shifts_between(
            "We reaffirm the United Nations Charter.", "We reaffirm the Charter of the United Nations."
        )
        == ()
    )
    # The resolutions of an organ are its own acts: the organ still counts (S/RES/276 -> S/RES/301).
    old = "to comply with the resolutions of the General Assembly and Security Council pertaining to Namibia;"
    new = "to comply with the resolutions of the Security Council pertaining to Namibia,"
    assert shown(shifts_between(old, new), Category.ACTOR) == [(Direction.REMOVED, "General Assembly", "")]


def test_a_corrected_spelling_is_no_new_actor() -> None:
    # 2nd Global COVID-19 Summit commitments, White House, v02 -> v03 ¶24.
    old = "Lichtenstein and Austria announced new commitments."
    new = "Liechtenstein and Austria announced new commitments."
    assert shown(shifts_between(old, new)) == []
    assert shown(shifts_between("Austria announced commitments.", "Australia announced commitments.")) == [
        (Direction.ADDED, "", "Australia"),
        (Direction.REMOVED, "Austria", ""),
    ]


def test_people_are_actors_by_their_title_or_their_name() -> None:
    old = "Vice President Harris attended the meeting. The talks went well."
    assert shown(shifts_between(old, "The talks went well.")) == [
        (Direction.REMOVED, "Vice President Harris", "")
    ]
    new = "We call for a managed transition away from Al-Assad."
    assert shown(shifts_between("We call for a managed transition.", new)) == [
        (Direction.ADDED, "", "Al-Assad")
    ]
    person = "Foreign Minister Okonkwo spoke. The talks went well."
    assert shown(shifts_between(person, "The talks went well.")) == [
        (Direction.REMOVED, "Foreign Minister Okonkwo", "")
    ]
    assert shown(shifts_between("Mr. President, we agree.", "Mr. President, we all agree.")) == []


# --- idioms and pseudo-negations -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We will spare no effort to help the people of Haiti.",
            "We will do everything to help the people of Haiti.",
        ),
        ("It goes without saying that peace matters to all.", "Peace matters to all."),
        ("This is no more than a gesture.", "This is nothing more than a gesture."),
        ("There is no doubt that the region needs peace.", "The region needs peace."),
    ],
)
def test_idioms_with_a_negative_word_negate_nothing(old: str, new: str) -> None:
    assert shown(shifts_between(old, new), Category.NEGATION) == []


def test_not_x_but_y_is_a_contrast_and_a_plain_not_a_negation() -> None:
    assert (
        shown(shifts_between("It is not a war but a special operation.", "It is a special operation.")) == []
    )
    assert shown(shifts_between("It is a war on terror.", "It is not a war on terror.")) == [
        (Direction.ADDED, "", "not a war on terror")
    ]


def test_a_hyphenated_name_after_a_title_is_one_person() -> None:
    old = "We thank Mr. Okafor-Nwosu for his work. The talks went well."
    assert shown(shifts_between(old, "The talks went well.")) == [(Direction.REMOVED, "Mr. Okafor-Nwosu", "")]
    speech = "We thank Secretary-General Ban Ki-moon for his work."
    assert shown(shifts_between(speech, "We thank Ban Ki-moon for his work.")) == []


# --- numbers: only number-like tokens, not page furniture --------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # S/RES/449 -> S/RES/456 (1979): a footnote's marker and text before an unchanged sentence.
        (
            "17 One member (China) did not participate in the voting.",
            "42 Ibid., document S/ 13637. 43 One member (China) did not participate in the voting.",
        ),
        # S/RES/590 (1986) -> S/RES/596 (1987): markers after a sentence's end.
        ("on the United Nations Disengagement Observer Force, 24 Decides:", "on the Observer Force. 9"),
        ("There was none.49 The rest followed.", "There was none. The rest followed."),  # glued to a word
        # S/RES/192 -> S/RES/198 (1964): a marker after a name, before a lowercase word.
        (
            "the report of the Secretary-General 7 considers the Force",
            "the report of the Secretary-General 11 recommends the Force",
        ),
        # S/RES/450 (1979): markers after dates.
        (
            "letters of 7 May, 23 30 May 24 and 11 June 1979, 25 on",
            "letters of 7 May, 43 30 May 44 and 11 June 1979, 45 on",
        ),
    ],
)
def test_footnote_markers_and_footnote_text_are_no_numbers(old: str, new: str) -> None:
    assert shown(shifts_between(old, new), Category.NUMBER) == []


def test_numbers_that_are_numbers_still_count() -> None:
    # S/RES/305 (1971) -> S/RES/315 (1972): the meeting number changed, a vote line added.
    old = "Adopted at the 1612th meeting by 14 votes to none. 8"
    new = "Adopted at the 1646th meeting by 14 votes to none, with 1 abstention (China)."
    assert shown(shifts_between(old, new), Category.NUMBER) == [
        (Direction.CHANGED, "1612th", "1646th"),
        (Direction.ADDED, "", "1"),
    ]
    # OCR read the 1 of "1364th" as a capital I.
    assert shown(shifts_between("at the 1543rd meeting.", "at the I364th meeting."), Category.NUMBER) == [
        (Direction.CHANGED, "1543rd", "I364th")
    ]
    assert shown(
        shifts_between("Article 51 of the Charter applies.", "Article 52 of the Charter applies.")
    ) == [(Direction.CHANGED, "51", "52")]
    # S/RES/483 (1980) -> S/RES/488 (1981): one resolution added to a list, not two numbers.
    old = "Recalling its resolutions 467 (1980) and 474 (1980),"
    new = "Recalling its resolutions 467 (1980), 474 (1980) and 483 (1980),"
    assert shown(shifts_between(old, new), Category.NUMBER) == [(Direction.ADDED, "", "483 (1980)")]


def test_numbers_written_as_words_are_numbers() -> None:
    old, new = "Two members (Benin and China) did not vote.", "One member (China) did not vote."
    assert shown(shifts_between(old, new), Category.NUMBER) == [
        (Direction.CHANGED, "Two members", "One member")
    ]
    # S/RES/727 -> S/RES/752 (1992): "five members" -> "a member".
    old, new = (
        "caused the death of five members of the Mission,",
        "caused the death of a member of the Mission,",
    )
    assert shown(shifts_between(old, new), Category.NUMBER) == [
        (Direction.CHANGED, "five members", "a member")
    ]
    # "one of", "the two countries" and "a State" count nothing on their own.
    old = "It is one of the talks held by the two countries."
    assert shown(shifts_between(old, "It is among the talks held."), Category.NUMBER) == []


def test_the_same_time_said_another_way_is_no_number_change() -> None:
    # JPN_52_1997 -> JPN_53_1998: "in less than four years" a year later is "just around the corner".
    old = "The twenty-first century will arrive in less than four years."
    assert shown(shifts_between(old, "The twenty-first century is just around the corner.")) == []
    old, new = "Two years ago President Nixon pledged support.", "As President Nixon said in 1969, support."
    assert shown(shifts_between(old, new)) == []
    # PRK_73_2018 -> PRK_74_2019: "in June" -> "in June 2018".
    old, new = (
        "the statement adopted in June at the summit",
        "the statement adopted at the summit in June 2018",
    )
    assert shown(shifts_between(old, new)) == []
    # A deadline is no relative time (S/RES/425 -> S/RES/435 (1978)).
    old, new = "to report within twenty-four hours on", "to report not later than 23 October 1978 on"
    assert shown(shifts_between(old, new)) == [(Direction.CHANGED, "twenty-four hours", "23 October 1978")]
