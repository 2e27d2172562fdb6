"""False alarms on real rewritten text (the thirteenth round, heldout10-12 read as tuning pairs).

Each sentence is quoted from the statement it cites (a few words, as in the labelled sets); each test
pins one class of mistake, not one example, and checks that the shifts the class resembles still count.
"""

from __future__ import annotations

from dipdiff.model import Category, Direction
from tests.test_shifts_realtext import rule_shifts, shown

# --- numbers ----------------------------------------------------------------------------------------


def test_a_resolution_cited_with_or_without_a_space_before_its_year_is_one_number() -> None:
    # S/RES/0383 (1975) -> 0391 (1976): "resolution 186 (1964)" -> "resolution 186(1964)".
    old = "the Force, established under resolution 186 (1964), for a further period ending 15 June 1976"
    new = "the Force, established under resolution 186(1964), for a further period ending 15 December 1976"
    assert shown(rule_shifts(old, new), Category.NUMBER) == [
        (Direction.CHANGED, "15 June 1976", "15 December 1976")
    ]
    assert shown(rule_shifts(old, old.replace("186 (1964)", "187 (1964)")), Category.NUMBER) == [
        (Direction.CHANGED, "resolution 186 (1964)", "resolution 187 (1964)")
    ]


def test_ocr_letters_for_digits_in_years_and_symbols_are_read_as_digits() -> None:
    # JPN 1979 -> 1980: "resolutions 242 (L967)"; RUS/UKR 1978: "[A/33I241 J" and "[A/33f241]".
    old = "Security Council resolutions 242 (L967) and 338 (1973)"
    assert shown(rule_shifts(old, old.replace("(L967)", "(1967)")), Category.NUMBER) == []
    old, new = "non-nuclear States [A/33I241 J. Seeking", "non-nuclear States [A/33f241]."
    assert shown(rule_shifts(old, new), Category.NUMBER) == []
    # another symbol is another number
    assert shown(rule_shifts(old, "non-nuclear States [A/33/242]."), Category.NUMBER) == [
        (Direction.CHANGED, "A/33I241", "A/33/242")
    ]


def test_ocr_digit_one_for_the_letter_i_is_no_number() -> None:
    # S/RES/0575 (1985) -> 0583 (1986): "that is, until 19 April 1986" -> "that 1s, until 19 July 1986".
    old = "for a further interim period of six months, that is, until 19 April 1986;"
    new = "for a further interim period of three months, that 1s, until 19 July 1986:"
    assert shown(rule_shifts(old, new), Category.NUMBER) == [
        (Direction.CHANGED, "six months", "three months"),
        (Direction.CHANGED, "19 April 1986", "19 July 1986"),
    ]
    assert shown(rule_shifts("with 1 abstention", "with 2 abstentions"), Category.NUMBER) == [
        (Direction.CHANGED, "1", "2")
    ]


def test_the_next_paragraphs_number_at_a_paragraphs_end_is_layout() -> None:
    # S/RES/0684 -> 0701 (1991): the next paragraph's "4." left at the end of paragraph 3.
    old = "and calls upon all parties concerned to cooperate fully with the Force for the full implementation"
    old += " of its mandate;"
    assert shown(rule_shifts(old, f"{old} 4."), Category.NUMBER) == []
    assert shown(rule_shifts(old, f"{old[:-1]} for 4 months;"), Category.NUMBER) == [
        (Direction.ADDED, "", "4 months")
    ]


def test_a_meeting_number_split_by_ocr_is_one_ordinal() -> None:
    # S/RES/0594 -> 0599 (1987): "the 273 1st meeting" (the 2731st) -> "the 2751st meeting".
    old, new = "Adopted unanimously at the 273 1st meeting.", "Adopted unanimously at the 2751st meeting."
    assert shown(rule_shifts(old, new), Category.NUMBER) == [(Direction.CHANGED, "273 1st", "2751st")]
    assert shown(rule_shifts(old, "Adopted unanimously at the 2731st meeting."), Category.NUMBER) == []


def test_a_paragraph_of_the_report_taken_note_of_is_a_pointer_not_a_number() -> None:
    # S/RES/0364 (1974) -> 0370 (1975): each renewal cites the paragraph of its own report.
    old = "Noting also the statement by the Secretary-General contained in paragraph 81 of his report, that"
    new = "Noting also the statement by the Secretary-General contained in paragraph 69 of his report that"
    assert shown(rule_shifts(old, new), Category.NUMBER) == []
    # a paragraph of a resolution is the provision acted on, and counts
    old, new = (
        "as provided in paragraph 19 of resolution 687 (1991)",
        "as provided in paragraph 26 of resolution 687 (1991)",
    )
    assert shown(rule_shifts(old, new), Category.NUMBER) == [(Direction.CHANGED, "19", "26")]


def test_a_documents_symbol_beside_its_changed_date_in_one_clause_is_one_change() -> None:
    # S/RES/0803 -> 0852 (1993): the letter's symbol gives way to a footnote when its date changes.
    old = (
        "Taking note of the letter dated 18 January 1993 from the Permanent Representative of Lebanon to the"
        " United Nations addressed to the Secretary-General (S/25125),"
    )
    new = old.replace("18 January 1993", "14 July 1993").replace(" (S/25125),", ", 2/")
    assert shown(rule_shifts(old, new), Category.NUMBER) == [
        (Direction.CHANGED, "18 January 1993", "14 July 1993")
    ]
    # a symbol dropped where no date changed still counts
    kept = old.replace(" (S/25125),", ",")
    assert shown(rule_shifts(old, kept), Category.NUMBER) == [(Direction.REMOVED, "S/25125", "")]
    # a time said another way is no changed date: the report's symbol added beside it counts (KOR 2015/2016)
    old = "The report of the commission of inquiry, issued in February 2014, called for a response."
    new = "Two years ago, the report of the commission of inquiry (A/HRC/25/63) was an eye-opener."
    assert (Direction.ADDED, "", "A/HRC/25/63") in shown(rule_shifts(old, new), Category.NUMBER)
