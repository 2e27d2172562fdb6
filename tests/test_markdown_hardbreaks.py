"""A hard line break ends a Markdown paragraph, as ``<br>`` separates paragraphs on a rendered page."""

from __future__ import annotations

from pathlib import Path

from dipdiff.compare import compare
from dipdiff.readers import markdown, read_statement


def test_hard_break_of_two_spaces_ends_a_paragraph() -> None:
    texts, starts = markdown.paragraphs("first line  \nsecond line\nwraps on\n", first_line=3)
    assert texts == ["first line", "second line wraps on"]
    assert starts == [3, 4]


def test_backslash_hard_break_ends_a_paragraph() -> None:
    texts, _ = markdown.paragraphs("one\\\ntwo\n")
    assert texts == ["one", "two"]


def test_lines_of_only_no_break_spaces_between_hard_breaks_are_dropped() -> None:
    # Pandoc writes an empty HTML paragraph as a line holding U+00A0 and a hard break.
    texts, starts = markdown.paragraphs("end.\u00a0  \n\u00a0  \n**Heading**  \n\u00a0  \nNext one.\n")
    assert texts == ["end.", "Heading", "Next one."]
    assert starts == [1, 3, 5]


def test_hard_break_inside_a_list_item_splits_it() -> None:
    texts, starts = markdown.paragraphs("- a  \n  b\n  c\n")
    assert texts == ["a", "b c"]
    assert starts == [1, 2]


def test_soft_breaks_still_join_a_wrapped_paragraph() -> None:
    texts, _ = markdown.paragraphs("a wrapped\nparagraph\n")
    assert texts == ["a wrapped paragraph"]


def test_paragraph_break_replacing_a_hard_break_is_no_change(data_dir: Path) -> None:
    """v01 ends a line with two spaces where v02 starts a new paragraph; the page reads the same."""
    folder = (
        data_dir / "whitehouse_briefings/revisions/statements-releases/2024-11"
        "/2024-11-12-joint-statement-from-the-leaders-of-the-united-states-and-the-republic-of-"
        "indonesia-commemorating-75-years-of-diplomatic-relations"
    )
    old, new = sorted(folder.glob("v0*.md"))
    comparison = compare(read_statement(str(old)), read_statement(str(new)))
    assert not comparison.summary.changed, [b for b in comparison.blocks if b.kind.value != "equal"]


def test_trailing_spaces_at_the_end_add_no_empty_paragraph() -> None:
    # CommonMark: a hard break at the end of a block is no break (and a final backslash is a word).
    assert markdown.paragraphs("text  \n\nmore\\\n")[0] == ["text", "more\\"]


def test_long_real_block_still_has_its_markup_parsed() -> None:
    # White House statements joined by <br> make single blocks of up to 23,316 characters.
    sentence = "We reaffirm our [commitment](https://example.org/a) to *peace* and stability.  \n"
    body = sentence * 320  # about 25,000 characters in one CommonMark paragraph
    assert len(body) > 24_000
    texts, _ = markdown.paragraphs(body)
    assert texts == ["We reaffirm our commitment to peace and stability."] * 320
