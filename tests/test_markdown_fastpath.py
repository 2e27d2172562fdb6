"""Reading Markdown with the shortcuts gives exactly what markdown-it's full inline parse gives.

``paragraphs(body, fast=False)`` is the reference: every block goes through markdown-it's inline
parser. The fast read skips that parser for blocks without inline markup; both must agree on every
paragraph, every hard-break split and every start line.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipdiff.readers import markdown
from dipdiff.readers.decode import decode
from dipdiff.readers.frontmatter import split_front_matter

SETTINGS = settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

PIECES = [
    *["We", "reaffirm", "our", "commitment", "G7", "Ukraine’s", "peace", "1.", "3)", "$600"],
    *[" ", " ", "  ", "   ", "\t", "\u00a0", "\n", "\n", "\n\n", "  \n", " \n", "\u00a0  \n", "\\\n"],
    *["\\", "\\.", "\\*", "\\\\", "\\ ", "\\a", "\\[", "\\_", "\\`", "\\<", "\\&", "\\#", "\\|"],
    *["*", "**", "_", "__", "[", "]", "(", ")", "!", "`", "``", "<", ">", "&", "&amp;", "&#8217;"],
    *["[link\ntext](https://example.org/a)", "](https://x.example)", "![image](a.png)"],
    *["<br>", "<https://a.b>", "<!-- note -->"],
    *["\n# ", "\n## ", "\n- ", "\n* ", "\n+ ", "\n1. ", "\n2) ", "\n> ", "\n    ", "\n   ", "\n  - "],
    *["\n---\n", "\n===\n", "\n***\n", "\n```\n", "\n~~~\n", "\n<div>\n", "\n[ref]: https://r.example\n"],
    *["|", " | ", "\n| a | b |\n|---|:-:|\n| c | d |\n", "\n|---|\n", "-", "="],
]
"""Words, spaces and line breaks, and every character that can start inline or block markup."""
PLAIN = [
    *["We", "reaffirm", "G7", "1.", "$600", "a-b", "x=y", "#", "+", "~", "{", "}", ":", "@", "^", "%", "|"],
    *[" ", "  ", "\t", "\u00a0", "\n", "\n", "\n\n", "  \n", "   \n", " \n", "\u00a0  \n", "\n   ", "\n\t"],
    *["\\\n", "\\ ", "\\  \n", "\\", "\\a", "\\’", "\\.", "\\*", "\\\\", "\\[", "\\_", "\\`", "\\<", "\\&"],
    *["\n# ", "\n- ", "\n1. ", "\n> ", "\n    ", "\n---\n", "\n===\n", "\n| a | b |\n|---|---|\n"],
]
"""Blocks without unescaped inline markup, which the shortcut reads: every way a line can end, and
escapes of punctuation, of spaces, of letters and of line breaks."""

PREFIXES = [
    "",
    " ",
    "   ",
    "    ",
    "\t",
    ">",
    "> ",
    "> > ",
    ">\t",
    "- ",
    "  - ",
    "* ",
    "1. ",
    "10) ",
    "> 1. ",
]
LINES = [
    *["a", "b c", "", "-", "--", "- -", "=", "===", "==  ", "-\t", "***", "* * *", "___", "_ _"],
    *["```", "~~~ x", "<div>", "<!-- c -->", "# h", "##", "[r]: /u", "[a]", "a | b", "|---|---|"],
]
"""Lines start with the markers of quotes and list items; they hold words, or start a block."""

markdownish = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
line = st.tuples(st.sampled_from(PREFIXES), st.sampled_from(LINES)).map("".join)
blocky = st.lists(line, min_size=2, max_size=5).map("\n".join)
plainish = st.lists(st.sampled_from(PLAIN), max_size=60).map("".join)
any_ascii = st.text(alphabet=string.ascii_letters[:6] + string.punctuation + " \t\n\r\u00a0", max_size=200)


def reference(body: str, first_line: int = 1) -> tuple[list[str], list[int]]:
    return markdown.paragraphs(body, first_line, fast=False)


@SETTINGS
@given(markdownish)
def test_markdownish_text_reads_as_the_full_parse_reads_it(body: str) -> None:
    assert markdown.paragraphs(body, first_line=3) == reference(body, first_line=3)


@SETTINGS
@given(plainish)
def test_text_without_markup_reads_as_the_full_parse_reads_it(body: str) -> None:
    assert markdown.paragraphs(body, first_line=3) == reference(body, first_line=3)


@SETTINGS
@given(any_ascii)
def test_any_punctuation_reads_as_the_full_parse_reads_it(body: str) -> None:
    assert markdown.paragraphs(body) == reference(body)


def test_plain_block_is_read_without_the_inline_parser() -> None:
    """The shortcut really runs (so the tests above compare two readings): escapes and hard breaks."""
    markup = markdown._markup_starts()
    assert markup is not None
    content = "3\\. We, the Leaders  \nmet in\n   Hiroshima\\\\ today"
    expected = [(0, "3. We, the Leaders"), (1, "met in Hiroshima\\ today")]
    assert markdown._plain_parts(content, markup) == expected


MARKED = ["*a*", "a_b", "[a]", "!", "`a`", "<b>", "&amp;", "a\\\nb", "a\\ b", "a\\"]
"""Blocks the inline parser must read: markup, and backslashes before a line break, a space or the end."""


@pytest.mark.parametrize("content", MARKED)
def test_block_that_may_hold_markup_goes_to_the_inline_parser(content: str) -> None:
    markup = markdown._markup_starts()
    assert markup is not None
    assert markdown._plain_parts(content, markup) is None


def test_markup_characters_follow_from_the_parsers_inline_rules() -> None:
    # backticks `, emphasis * _, link [, image !, autolink and html_inline <, entity &; escape \ is
    # read by the shortcut only before punctuation.
    markup = markdown._markup_starts()
    assert markup is not None
    assert {c for c in string.punctuation if markup.match(c)} == set("\\`*_[!<&")


def made(rule: str, body: str) -> bool:
    """Whether the full parse of ``body`` holds something that only block rule ``rule`` makes."""
    env: dict[str, Any] = {}
    tokens = markdown._parser().parse(body, env)
    if rule == "reference":
        return bool(env.get("references"))
    kinds = {
        "table": ("table_open", ""),
        "fence": ("fence", ""),
        "blockquote": ("blockquote_open", ""),
        "hr": ("hr", ""),
        "html_block": ("html_block", ""),
        "heading": ("heading_open", "#"),
        "lheading": ("heading_open", "-="),
    }
    kind, markup = kinds[rule]
    return any(t.type == kind and (not markup or t.markup[:1] in markup) for t in tokens)


@settings(SETTINGS, max_examples=1000)
@given(blocky)
def test_block_rules_left_out_could_not_have_matched(body: str) -> None:
    idle = markdown._idle_rules(body)
    assert not [rule for rule in idle if made(rule, body)]
    assert markdown.paragraphs(body) == reference(body)


MATCHES = [
    *[("lheading", body) for body in ["a\r---", "a\n===", "> a\n> ---", "- a\n  ===", "1. a\n   ---"]],
    *[("lheading", body) for body in ["> 1. a\n>    ===", "- > a\n  > ---", ">\ta\n>\t-\t"]],
    *[
        ("table", "| a |\n|---|"),
        ("table", "> a | b\n> --|--"),
        ("reference", "- [a]: /u"),
        ("hr", "> * * *"),
    ],
    *[("fence", "1. ```\n   a"), ("fence", ">\t~~~"), ("blockquote", "- > a"), ("blockquote", "1) >a")],
    *[("html_block", "> <div>"), ("html_block", "  <!-- a -->"), ("heading", "10. # a"), ("heading", "> ##")],
    *[("heading", "+ # a"), ("blockquote", "* > a"), ("fence", "2. ~~~"), ("reference", "3) [a]: /u")],
]
"""Each block rule that may be left out, matching inside quotes and list items."""


@pytest.mark.parametrize(("rule", "body"), MATCHES)
def test_block_rule_that_matches_is_kept(rule: str, body: str) -> None:
    assert made(rule, body)
    assert rule not in markdown._idle_rules(body)
    assert markdown.paragraphs(body) == reference(body)


def test_statement_without_other_blocks_leaves_their_rules_out() -> None:
    body = "**Preamble**\n\n1.  We, the Leaders of the G7,\n    met in Hiroshima.\n\n-   support Ukraine;\n"
    expected = {"table", "fence", "blockquote", "hr", "reference", "html_block", "heading", "lheading"}
    assert markdown._idle_rules(body) == expected


MARK_LINES = ["-" * 100_000 + "x", "* " * 25_000 + "x", "a\n" + "- " * 25_000 + "=x", "> " * 25_000 + "x"]
"""Long lines of marks that almost make a thematic break, an underline or a quote: looking for a rule's
start must not backtrack over them (a quadratic search took 3 s for 8,000 marks)."""


@pytest.mark.parametrize("body", MARK_LINES, ids=["dashes", "stars", "underline", "quotes"])
def test_long_lines_of_marks_read_as_the_full_parse_reads_them(body: str) -> None:
    assert markdown.paragraphs(body) == reference(body)


@pytest.mark.data
def test_every_white_house_statement_reads_as_the_full_parse_reads_it(data_dir: Path) -> None:
    """All White House Markdown revisions (whitehouse_briefings/**/*.md, about 750 files)."""
    files = sorted((data_dir / "whitehouse_briefings").rglob("*.md"))
    assert len(files) > 100
    for path in files:
        text = decode(path.read_bytes(), str(path)).replace("\r\n", "\n").replace("\r", "\n")
        _, body, skipped = split_front_matter(text, str(path))
        fast = markdown.paragraphs(body, first_line=skipped + 1)
        assert fast == reference(body, first_line=skipped + 1), path
