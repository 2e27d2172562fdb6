"""The Markdown report: what it shows, that hostile text stays text, and its golden files.

Output is checked the way a host would read it: parsed with markdown-it-py (CommonMark with GitHub's
tables and strikethrough, raw HTML allowed as GitHub allows it), then the HTML it produces is parsed
again with html.parser.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from dipdiff.compare import compare, compare_sources
from dipdiff.model import Category, Comparison, Direction, Shift, Statement
from dipdiff.options import CompareOptions
from dipdiff.render import RenderOptions
from dipdiff.render.labels import shift_line, shift_summary
from dipdiff.render.markdown import escape, render
from tests.cases_reports import (
    CASES,
    HOSTILE_ADDED,
    HOSTILE_EQUAL,
    HOSTILE_INSERTS,
    HOSTILE_REMOVED,
    HOSTILE_SHIFT,
    check_golden,
    comparison,
    hostile_comparison,
    needs_data,
)
from tests.conftest import CORPUS, ROOT
from tests.test_render_html import TERMINAL_CASES, pair

# Blocks the report itself writes: one heading, the summary tables, paragraphs, shift lists and
# the <details> that fold equal paragraphs. Anything else would be statement text escaping its block.
ALLOWED_BLOCKS = {"heading_open", "paragraph_open", "table_open", "bullet_list_open", "html_block"}
ALLOWED_HTML_BLOCK = re.compile(r"<details>|</details>|<summary>[^<>]*</summary>")
ALLOWED_INLINE_HTML = {"<del>", "</del>", "<ins>", "</ins>"}
ALLOWED_TAGS = {
    "h3", "ul", "li", "strong", "em", "p", "table", "thead", "tbody", "tr", "th", "td",
    "del", "ins", "details", "summary",
}  # fmt: skip


def parse(markdown: str) -> list[Any]:
    """Parse like GitHub: CommonMark, tables, strikethrough, raw HTML passed through."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    tokens: list[Any] = md.parse(markdown)
    return tokens


def to_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    html: str = md.render(markdown)
    return html


class Elements(HTMLParser):
    """Every element, attribute and comment of an HTML fragment, and the text inside each tag."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[tuple[str, list[str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, parts = self._open.pop()
            self.text.setdefault(name, []).append("".join(parts))
            if self._open:
                self._open[-1][1].extend(parts)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][1].append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def _corpus_pair() -> Comparison:
    """The corpus pair, without shift classification (tests add the shifts they need)."""
    old = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
    new = CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md"
    options = CompareOptions(classify=False)
    return compare_sources(str(old.relative_to(ROOT)), str(new.relative_to(ROOT)), options)


# --- escaping ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<!-- hidden -->",
        "[x](javascript:alert(1))",
        "![img](https://example.com/a.png)",
        "<https://example.com>",
        "a | b | c",
        "`code` and ``more``",
        "**bold** __bold__ *em* _em_ ~~strike~~",
        "&lt;b&gt; &#60; &#x3C; &amp; & plain",
        "back\\slash \\* \\<",
        "{{ 7*7 }} {% raw %}",
        "[ref]: javascript:alert(1)",
    ],
)
def test_escaped_text_renders_as_exactly_that_text(text: str) -> None:
    html = to_html(escape(text, line_start=True))
    found = Elements(html)
    assert [tag for tag, _ in found.tags] == ["p"], html
    assert found.text["p"] == [text]


@pytest.mark.parametrize(
    "text",
    ["# h", "## h", "> q", "- item", "+ item", "* item", "1. item", "12) item", "---", "===",
     "    indented code", "```", "~~~", "<div>", "| a | b |", "- - -", "_ _ _"],
)  # fmt: skip
def test_block_markers_at_the_start_of_a_line_stay_text(text: str) -> None:
    markdown = "intro\n\n" + escape(text, line_start=True) + "\n"
    kinds = [t.type for t in parse(markdown) if t.level == 0]
    assert kinds == ["paragraph_open", "paragraph_close"] * 2, markdown
    assert Elements(to_html(markdown)).text["p"] == ["intro", text.strip()]


def test_escaping_keeps_ordinary_prose_readable() -> None:
    prose = "The U.S.-Bangladesh Forum (TICFA), signed in 2013, covers 3.5% of trade: beef; dairy."
    assert escape(prose, line_start=True) == prose


# --- hostile statements -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_markdown() -> str:
    return render(hostile_comparison(), RenderOptions())


def test_hostile_statements_leave_no_live_markup(hostile_markdown: str) -> None:
    tokens = parse(hostile_markdown)
    for token in tokens:
        if token.type == "html_block":
            for line in token.content.splitlines():
                assert ALLOWED_HTML_BLOCK.fullmatch(line.strip()), f"raw HTML block: {line!r}"
        for child in token.children or []:
            assert child.type not in ("link_open", "image", "code_inline"), child
            if child.type == "html_inline":
                assert child.content in ALLOWED_INLINE_HTML, f"raw inline HTML: {child.content!r}"
    found = Elements(to_html(hostile_markdown))
    assert {tag for tag, _ in found.tags} <= ALLOWED_TAGS
    for tag, attrs in found.tags:
        for name, value in attrs:
            assert (tag, name) in {("th", "style"), ("td", "style")}, (tag, name, value)
            assert value is not None and re.fullmatch(r"text-align:(right|left|center)", value)
    assert found.comments == []


def test_hostile_text_is_shown_exactly_as_written(hostile_markdown: str) -> None:
    found = Elements(to_html(hostile_markdown))
    paragraphs = found.text["p"]
    for text in (*HOSTILE_EQUAL, HOSTILE_REMOVED, HOSTILE_ADDED):
        assert text in paragraphs, f"not shown as one paragraph of text: {text!r}"
    assert sorted(found.text["ins"]) == sorted(HOSTILE_INSERTS)
    assert any(HOSTILE_SHIFT in item for item in found.text["li"])
    title = "<script>window.pwned = 'title'</script> | `t` [t](javascript:t)"
    assert any(title in item for item in found.text["li"]), "front matter is text too"


def test_statement_text_never_leaves_its_block(hostile_markdown: str) -> None:
    top = [t for t in parse(hostile_markdown) if t.level == 0 and t.nesting != -1]
    kinds = {t.type for t in top if t.type != "inline"}
    assert kinds <= ALLOWED_BLOCKS, kinds - ALLOWED_BLOCKS
    assert sum(t.type == "heading_open" for t in top) == 1
    assert sum(t.type == "table_open" for t in top) == 2  # counts, and shifts by category


# --- what the report shows ----------------------------------------------------------------------


def _tables(markdown: str) -> list[list[list[str]]]:
    """Each table's rows of cell texts, as a Markdown host sees them."""
    tables: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for token in parse(markdown):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows and token.map is not None and token.level > 3:
            rows[-1].append(token.content)
        elif token.type == "table_close":
            tables.append(rows)
    return tables


def test_summary_table_parses_and_holds_the_counts() -> None:
    result = _corpus_pair()
    tables = _tables(render(result, RenderOptions()))
    header, values = tables[0]
    assert header == [
        "similarity", "equal", "modified", "moved", "split", "merged", "added", "removed", "shifts",
    ]  # fmt: skip
    summary = result.summary
    expected = [f"{result.similarity:g}/100"] + [str(getattr(summary, name)) for name in header[1:-1]]
    assert values == [*expected, str(len(result.shifts))]
    assert values[1:8] == ["1", "4", "1", "1", "1", "1", "0"]  # the corpus pair, as reviewed


UP = Shift(Category.INTENSITY, Direction.UP, "concerned", "alarmed", "tone hardened: a -> b")
DOWN = Shift(Category.MODALITY, Direction.DOWN, "must", "should", "commitment softened")


def _with_shifts(result: Comparison) -> Comparison:
    blocks = list(result.blocks)
    blocks[3] = replace(blocks[3], shifts=(UP,))
    blocks[4] = replace(blocks[4], shifts=(UP, DOWN))
    return replace(result, blocks=tuple(blocks))


def test_shifts_are_counted_by_category_and_direction_and_listed_under_their_block() -> None:
    result = _with_shifts(_corpus_pair())
    up, down = UP, DOWN
    markdown = render(result, RenderOptions())
    counts, shifts = _tables(markdown)
    assert counts[1][-1] == "3"
    assert shifts == [
        ["position shift", "▲ up", "▼ down"],
        ["intensity", "2", ""],
        ["modality", "", "1"],
    ]
    lines = shift_summary(result)
    assert lines and all(f"\n- {line}\n" in markdown for line in lines)
    block = markdown.split("**¶5 → ¶6 · modified · score 98.2**")[1].split("**")[0]
    assert f"\n- {shift_line(up)}\n- {shift_line(down)}\n" in block
    assert "a -> b" in shift_line(up) and "a -> b" in block, "'>' needs no escape mid-line"


def test_no_shifts_is_said_plainly() -> None:
    markdown = render(_corpus_pair(), RenderOptions())
    assert "No position shifts found." in markdown
    assert len(_tables(markdown)) == 1


def test_changes_are_marked_and_moves_splits_merges_labelled() -> None:
    markdown = render(_corpus_pair(), RenderOptions())
    assert "<del>should</del> <ins>must</ins>" in markdown
    assert "<del>seriously concerned over</del> <ins>deeply alarmed by</ins>" in markdown
    assert "**¶7 → ¶3 · modified · score 82.5 · moved from ¶7**" in markdown
    assert "**¶1 → ¶1–2 · split into 2 · score 100**" in markdown
    assert "**¶3–4 → ¶5 · merged from 2 · score 97.7**" in markdown
    assert "**new ¶9 added**" in markdown
    added = "We call on Washington and Seoul not to take steps that would further escalate the"
    assert f"\n{added} situation.\n" in markdown, "an added paragraph reads as plain text"


def test_a_split_shows_each_new_paragraph_on_its_own() -> None:
    tokens = parse(render(_corpus_pair(), RenderOptions()))
    texts = [t.content for t in tokens if t.type == "inline"]
    first = texts.index("**¶1 → ¶1–2 · split into 2 · score 100**")
    assert texts[first + 1].endswith("only one side is to blame for that.")
    assert texts[first + 2].startswith("We believe that the reasons")


def test_equal_paragraphs_fold_into_details_or_go_with_changes_only() -> None:
    result = _corpus_pair()
    markdown = render(result, RenderOptions())
    equal = result.new.paragraphs[7]
    folded = markdown.split("<details>\n<summary>1 equal paragraph (¶8)</summary>\n\n")[1]
    assert folded.startswith(equal + "\n\n</details>")
    brief = render(result, RenderOptions(changes_only=True))
    assert "<details>" not in brief and equal not in brief
    assert "_(1 equal paragraph not shown)_" in brief


def test_notes_are_shown() -> None:
    result = replace(_corpus_pair(), notes=("alignment fell back to <order> after 10 s",))
    assert "_Note: alignment fell back to &lt;order> after 10 s_" in render(result, RenderOptions())


def test_split_and_merge_paragraph_breaks_follow_the_new_side() -> None:
    old = Statement("old.txt", ("One two three. Four five six.",))
    new = Statement("new.txt", ("One two three.", "Four five six seven."))
    result = compare(old, new, CompareOptions(classify=False))
    markdown = render(result, RenderOptions())
    assert "\n\nOne two three.\n\nFour five six <ins>seven</ins>.\n" in markdown


@pytest.mark.parametrize(
    ("old", "new", "marked"),
    [
        ("We condemn the launch strongly.", "We condemn the launch.", "the launch<del> strongly</del>."),
        (
            "사랑하는 온 나라 인민들과 영용한 인민군장병들 동포 형제 여러분!",  # New Year 2018 -> 2019
            "사랑하는 온 나라 인민들과 인민군장병들!",
            "인민군장병들<del> 동포 형제 여러분</del>!",
        ),
        ("Peace in Asia, and beyond.", "Peace in Asia and beyond.", "Asia<del>,</del> and"),
    ],
)
def test_words_dropped_before_punctuation_do_not_run_into_the_word_before(
    old: str, new: str, marked: str
) -> None:
    """The space the old side had before them goes inside the deletion: a reader sees two words,
    and dropping the deletion still gives the new text."""
    result = compare(
        Statement("old.txt", (old,)), Statement("new.txt", (new,)), CompareOptions(classify=False)
    )
    markdown = render(result, RenderOptions())
    assert marked in markdown, markdown
    assert _new_text(markdown) == [new]


def _new_text(markdown: str) -> list[str]:
    """The statement paragraphs a reader sees once deletions are dropped, removed blocks skipped."""
    paragraphs: list[str] = []
    label = ""
    tokens = parse(markdown)
    for n, token in enumerate(tokens):
        if token.type == "html_block":
            label = ""  # a fold of equal paragraphs belongs to no block
        if token.type != "inline" or tokens[n - 1].type != "paragraph_open" or token.level != 1:
            continue
        content = token.content
        if content.startswith("**") and content.endswith("**"):
            label = content
            continue
        if content.startswith(("_", "No position shifts")) or label.endswith(" removed**"):
            continue
        kept, deleting = [], False
        for child in token.children or []:
            if child.type == "html_inline":
                deleting = {"<del>": True, "</del>": False}.get(child.content, deleting)
            elif not deleting and child.type in ("text", "softbreak"):
                kept.append(child.content)
        paragraphs.append(" ".join("".join(kept).split()))
    return paragraphs


@pytest.mark.parametrize("name", ["corpus", "hostile", "whitehouse", *(f"cases/{n}" for n in TERMINAL_CASES)])
def test_dropping_deletions_gives_back_the_new_statement(
    name: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = pair(name, request, monkeypatch)
    assert _new_text(render(result, RenderOptions())) == [" ".join(p.split()) for p in result.new.paragraphs]


# --- golden files -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_markdown(
    case: Path, update_goldens: bool, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    roots = {"corpus": CORPUS}
    if needs_data(case):
        roots["data"] = request.getfixturevalue("data_dir")
    result = comparison(case, roots, monkeypatch)
    markdown = render(result, RenderOptions())
    assert str(ROOT) not in markdown and str(roots.get("data", ROOT)) not in markdown
    tokens = parse(markdown)
    assert {t.type for t in tokens if t.level == 0 and t.nesting != -1} - {"inline"} <= ALLOWED_BLOCKS
    check_golden(case / "expected.md", markdown, update_goldens)
