"""The HTML report: self-contained, escaped, linked up, and its golden files.

The page is parsed with html.parser into a small tree, so the checks are about elements and text as a
browser would build them, not about substrings. tests/test_browser.py drives the page in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from dipdiff.compare import compare, compare_sources
from dipdiff.model import Category, Comparison, Direction, Shift, Statement
from dipdiff.options import CompareOptions
from dipdiff.render import RenderOptions
from dipdiff.render.html import render
from dipdiff.render.labels import block_label, shift_line
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
from tests.helpers import expect, run_cli

SEED = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
REVISION = CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md"
# The largest real revision in the shared data (whitehouse_briefings/revisions): the 2nd Global
# COVID-19 Summit commitments, first and sixth versions: 16 modified, 4 added, 1 removed, 1 moved.
BIGGEST = (
    "whitehouse_briefings/revisions/statements-releases/2022-05/"
    "2022-05-12-2nd-global-covid-19-summit-commitments"
)
TERMINAL_CASES = ["chinese", "korean-russian", "markdown-markup", "move-reworded", "split-merge"]
VOID = {"meta", "link", "br", "img", "input", "hr", "wbr", "source", "area", "base", "col"}
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "style", "body", "header", "div", "span", "ul", "li",
    "label", "select", "option", "button", "section", "dl", "dt", "dd", "p", "main", "a", "del",
    "ins", "kbd", "small", "b", "script",
}  # fmt: skip


@dataclass
class Node:
    """An element: its tag, attributes, children and text."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def walk(self) -> list[Node]:
        found = [self]
        for child in self.children:
            if isinstance(child, Node):
                found += child.walk()
        return found

    def find(self, tag: str | None = None, **attrs: str) -> list[Node]:
        """Descendants with this tag whose attributes contain these values (``class_`` for class)."""
        wanted = {k.rstrip("_"): v for k, v in attrs.items()}
        return [
            n
            for n in self.walk()
            if (tag is None or n.tag == tag)
            and all(
                (v in (n.attrs.get(k) or "").split()) if k == "class" else n.attrs.get(k) == v
                for k, v in wanted.items()
            )
        ]


class Tree(HTMLParser):
    """Build a Node tree, and keep every comment and every ``on*`` attribute seen."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.comments: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert len(dict(attrs)) == len(attrs), f"repeated attribute on <{tag}>: {attrs}"
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def page(html: str) -> Node:
    tree = Tree(html)
    assert tree.stack == [tree.root], "every element is closed"
    assert tree.comments == []
    return tree.root


def _asset(name: str) -> str:
    return resources.files("dipdiff.render").joinpath("templates", name).read_text("utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _corpus_pair() -> Comparison:
    options = CompareOptions(classify=False)
    return compare_sources(str(SEED.relative_to(ROOT)), str(REVISION.relative_to(ROOT)), options)


def _rows(doc: Node) -> list[Node]:
    return doc.find("section", class_="row")


# --- security -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile() -> Node:
    return page(render(hostile_comparison(), RenderOptions()))


def test_hostile_statements_leave_no_live_markup(hostile: Node) -> None:
    elements = hostile.walk()[1:]
    assert {n.tag for n in elements} <= ALLOWED_TAGS
    scripts, styles = hostile.find("script"), hostile.find("style")
    assert [s.text for s in scripts] == [_asset("report.js")]
    assert [s.text for s in styles] == [_asset("report.css")]
    for node in elements:
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name, value)
            assert name not in ("src", "style", "srcdoc", "action", "formaction"), (node.tag, name)
            if name == "href":
                assert value and (value.startswith("#") or (node.tag, value) == ("link", "data:,"))
    assert {n.attrs.get("lang") for n in elements} <= {None, "en"}, "a hostile language tag is dropped"


def test_hostile_text_is_shown_exactly_as_written(hostile: Node) -> None:
    paragraphs = [p.text for p in hostile.find("p")]
    for text in (*HOSTILE_EQUAL, HOSTILE_REMOVED, HOSTILE_ADDED):
        assert text in paragraphs, f"not shown as text: {text!r}"
    assert sorted(n.text for n in hostile.find("ins")) == sorted(HOSTILE_INSERTS)
    assert [n.text for n in hostile.find("li", class_="shift")] == [f"intensity ▲ {HOSTILE_SHIFT}"]
    title = hostile.find("title")[0].text
    assert "<script>window.pwned = 'title'</script>" in title and 'new"onload="alert(5).md' in title


def test_content_security_policy_admits_only_the_packaged_style_and_script(hostile: Node) -> None:
    metas = hostile.find("meta", **{"http-equiv": "Content-Security-Policy"})
    policy = dict(
        (part.split()[0], part.split()[1:]) for part in (metas[0].attrs["content"] or "").split(";")
    )
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == [f"'{_sha256(_asset('report.js'))}'"]
    assert policy["style-src"] == [f"'{_sha256(_asset('report.css'))}'"]
    head = [
        (c.tag, c.attrs.get("http-equiv")) for c in hostile.find("head")[0].children if isinstance(c, Node)
    ]
    policy_at = head.index(("meta", "Content-Security-Policy"))
    assert policy_at < head.index(("title", None)) < head.index(("style", None)), "policy first"


def test_the_page_loads_nothing_from_anywhere() -> None:
    css, script = _asset("report.css"), _asset("report.js")
    assert not re.search(r"url\(|@import|@font-face|https?:|//", css.replace("/*", "").replace("*/", ""))
    for word in ("fetch", "XMLHttpRequest", "WebSocket", "import(", "http", "localStorage", "eval"):
        assert word not in script
    doc = page(render(_corpus_pair(), RenderOptions()))
    assert not [n for n in doc.walk() if "src" in n.attrs]
    assert {n.attrs["href"] for n in doc.find("link")} == {"data:,"}


# --- layout and links ---------------------------------------------------------------------------


def test_every_block_is_a_row_with_both_sides_and_every_paragraph_shown_once() -> None:
    result = _corpus_pair()
    doc = page(render(result, RenderOptions()))
    rows = [r for r in _rows(doc) if r.attrs["data-kind"] != "moved-away"]
    assert [r.attrs["data-label"] for r in rows] == [block_label(b) for b in result.blocks]
    for which, statement in (("old", result.old), ("new", result.new)):
        cells = [cell for row in rows for cell in row.find("div", class_=which)]
        assert len(cells) == len(rows)
        ids = [p.attrs["id"] for cell in cells for p in cell.find("div", class_="para")]
        assert ids == [f"{which}-{i + 1}" for i in _order(result, which)]
        assert len(ids) == len(statement.paragraphs)


PAIRS = ["corpus", "hostile", "whitehouse", *(f"cases/{name}" for name in TERMINAL_CASES)]


def pair(name: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Comparison:
    """A comparison by name: the corpus pair, the hostile one, the largest real revision, or one of
    the terminal golden cases' pairs (Chinese, Korean and Russian, Markdown markup, moves, splits)."""
    if name == "corpus":
        return _corpus_pair()
    if name == "hostile":
        return hostile_comparison()
    if name == "whitehouse":
        monkeypatch.chdir(request.getfixturevalue("data_dir") / BIGGEST)
        first, last = "v01_20220512T143900Z_7300cc4dee.md", "v06_20220517T143956Z_44cd3d7ef1.md"
        return compare_sources(first, last, CompareOptions(classify=False))
    folder = ROOT / "tests" / name
    old, new = (str(next(folder.glob(f"{side}.*"))) for side in ("old", "new"))
    return compare_sources(old, new, CompareOptions(classify=False))


@pytest.mark.parametrize("name", PAIRS)
def test_every_cell_shows_its_paragraph_exactly(
    name: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = pair(name, request, monkeypatch)
    doc = page(render(result, RenderOptions()))
    for which, statement in (("old", result.old), ("new", result.new)):
        for index, paragraph in enumerate(statement.paragraphs):
            shown = doc.find("div", id=f"{which}-{index + 1}")
            assert len(shown) == 1
            text = shown[0].find("p")[0].text
            assert " ".join(text.split()) == " ".join(paragraph.split()), (which, index)


def _order(result: Comparison, which: str) -> list[int]:
    return [i for block in result.blocks for i in (block.old if which == "old" else block.new)]


def test_changed_words_are_highlighted_on_their_side() -> None:
    doc = page(render(_corpus_pair(), RenderOptions()))
    row = doc.find("section", id="b4")[0]
    assert row.attrs["data-label"] == "¶5 → ¶6 · modified · score 98.2"
    assert [n.text for n in row.find("div", class_="old")[0].find("del")] == ["should"]
    assert [n.text for n in row.find("div", class_="new")[0].find("ins")] == ["must"]
    assert not row.find("div", class_="old")[0].find("ins")
    badge = row.find("span", class_="badge")[0]
    assert (badge.text, badge.attrs["class"]) == ("98.2", "badge high")
    added = doc.find("section", id="b7")[0]
    assert added.attrs["data-kind"] == "added" and not added.find("ins"), "whole paragraph, no marks"
    assert added.find("div", class_="old")[0].attrs["class"] == "cell old empty"


def test_links_all_resolve_and_ids_are_unique() -> None:
    doc = page(render(_corpus_pair(), RenderOptions()))
    ids = [n.attrs["id"] for n in doc.walk() if n.attrs.get("id")]
    assert len(ids) == len(set(ids))
    hrefs = {n.attrs["href"] for n in doc.find("a")}
    assert hrefs and all(h and h[1:] in ids for h in hrefs)


def test_a_moved_paragraph_and_the_place_it_left_link_to_each_other() -> None:
    doc = page(render(_corpus_pair(), RenderOptions()))
    rows = _rows(doc)
    moved = doc.find("section", id="b1")[0]
    there = moved.find("a", class_="moved-link")[0]
    assert (there.text, there.attrs["href"]) == ("moved from ¶7 ↓", "#was-b1")
    away = doc.find("section", id="was-b1")[0]
    back = away.find("a", class_="moved-link")[0]
    assert (back.text, back.attrs["href"]) == ("¶7 now stands at ¶3 ↑", "#b1")
    assert away.attrs["data-stop"] == "0" and moved.attrs["data-stop"] == "1"
    # Old ¶7 followed old ¶6 (block b5): the marker stands right after that row.
    order = [r.attrs["id"] for r in rows]
    assert order.index("was-b1") == order.index("b5") + 1


SENTENCES = {
    "A": "The ministers met in Geneva to review the ceasefire agreement and its monitoring arrangements.",
    "R": "A separate annex on fisheries quotas will be published by the secretariat next month.",
    "M": "Both sides reaffirmed their commitment to the denuclearization of the Korean Peninsula.",
    "N": "They agreed that humanitarian corridors must stay open throughout the winter season.",
    "B": "The delegations will reconvene in March to assess progress on prisoner exchanges.",
    "C": "The talks were held in a frank and constructive atmosphere, the statement said.",
}


@pytest.mark.parametrize(
    ("old", "new"),
    [("ARMNBC", "MNABC"), ("ARBMNC", "ABNCM"), ("MABRNC", "ABNCM"), ("ABCMN", "NMABC"), ("ARMBC", "ABCM")],
)
def test_removed_paragraphs_and_moved_away_markers_keep_the_old_order(old: str, new: str) -> None:
    result = compare(
        Statement("old.txt", tuple(SENTENCES[k] for k in old)),
        Statement("new.txt", tuple(SENTENCES[k] for k in new)),
        CompareOptions(classify=False),
    )
    assert any(block.moved for block in result.blocks)
    doc = page(render(result, RenderOptions()))
    by_anchor = {f"b{pos}": block for pos, block in enumerate(result.blocks)}
    in_old_place = []
    for row in _rows(doc):
        anchor = row.attrs["id"] or ""
        if anchor.startswith("was-"):
            in_old_place.append(by_anchor[anchor[4:]].old[0])
        elif not by_anchor[anchor].moved and by_anchor[anchor].old:
            in_old_place.append(by_anchor[anchor].old[0])
    assert in_old_place == sorted(in_old_place) == list(range(len(old)))


def test_split_and_merged_parts_link_to_their_counterparts() -> None:
    doc = page(render(_corpus_pair(), RenderOptions()))
    split = doc.find("section", id="b0")[0]
    assert [(a.text, a.attrs["href"]) for a in split.find("a", class_="link")] == [
        ("split into ¶1–2", "#new-1"),
        ("from ¶1", "#old-1"),
        ("from ¶1", "#old-1"),
    ]
    assert split.find("span", class_="kind")[0].text == "split into 2"
    merged = doc.find("section", id="b3")[0]
    assert [a.attrs["href"] for a in merged.find("a", class_="link")] == ["#new-5", "#new-5", "#old-3"]
    assert merged.find("span", class_="kind")[0].text == "merged from 2"


def test_shifts_show_with_direction_and_feed_the_filter() -> None:
    result = _corpus_pair()
    up = Shift(Category.INTENSITY, Direction.UP, "concerned", "alarmed", "tone hardened: x -> y")
    down = Shift(Category.MODALITY, Direction.DOWN, "must", "should", "commitment weakened: m -> s")
    blocks = list(result.blocks)
    blocks[3] = replace(blocks[3], shifts=(up, down))
    doc = page(render(replace(result, blocks=tuple(blocks)), RenderOptions()))
    row = doc.find("section", id="b3")[0]
    assert row.attrs["data-shifts"] == "intensity modality"
    items = row.find("li", class_="shift")
    assert [(i.attrs["class"], i.attrs["data-category"]) for i in items] == [
        ("shift d-up", "intensity"),
        ("shift d-down", "modality"),
    ]
    assert [i.text for i in items] == [f"intensity {shift_line(up)}", f"modality {shift_line(down)}"]
    options = [o.attrs["value"] for o in doc.find("select", id="filter")[0].find("option")]
    assert options == ["all", "changes", "shift:intensity", "shift:modality"]
    counts = [c.text for c in doc.find("ul", class_="shift-counts")[0].find("li")]
    assert counts == ["intensity ▲1", "modality ▼1"]
    assert all(r.attrs["data-shifts"] == "" for r in _rows(doc) if r.attrs["id"] != "b3")


def test_the_sticky_header_summarises_the_comparison() -> None:
    result = _corpus_pair()
    doc = page(render(result, RenderOptions()))
    header = doc.find("header", id="bar")[0]
    assert header.find("span", class_="sim")[0].text == f"{result.similarity:g}/100"
    counts = {li.text.split()[1]: int(li.text.split()[0]) for li in header.find("li", class_="count")}
    assert counts == {
        "equal": 1, "modified": 4, "moved": 1, "split": 1, "merged": 1, "added": 1, "removed": 0,
    }  # fmt: skip
    assert header.find("span", id="position")[0].text == "– / 7"
    assert doc.find("p", class_="muted")[0].text == "No position shifts found."


def test_changes_only_leaves_out_equal_paragraphs_and_says_so() -> None:
    doc = page(render(_corpus_pair(), RenderOptions(changes_only=True)))
    assert "equal" not in {r.attrs["data-kind"] for r in _rows(doc)}
    assert doc.find("p", class_="hidden-note")[0].text == "1 equal paragraph not shown."


def test_a_report_without_changes_says_so_instead_of_offering_to_step_through_none() -> None:
    same = compare_sources(str(SEED), str(SEED), CompareOptions())
    doc = page(render(same, RenderOptions()))
    keys = [p.text for p in doc.find("p", class_="keys")]
    assert keys == ["No changes: the statements are equal after normalisation."], keys


# --- command line -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_output_file_is_written_only_once_and_replaced_only_with_force(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    missing = tmp_path / "missing.md"
    failed = run_cli("compare", str(SEED), str(missing), "-f", fmt, "-o", str(out))
    expect(failed, 2)
    assert not out.exists(), "nothing is written when the comparison fails"
    run = expect(run_cli("compare", str(SEED), str(REVISION), "-f", fmt, "-o", str(out)), 1)
    assert run.stdout == ""
    first = out.read_text(encoding="utf-8")
    assert ("<!DOCTYPE html>" in first) == (fmt == "html")
    out.write_text("keep me", encoding="utf-8")
    refused = expect(run_cli("compare", str(SEED), str(REVISION), "-f", fmt, "-o", str(out)), 2)
    assert refused.stderr.count("\n") == 1 and "already exists" in refused.stderr
    assert "--force" in refused.stderr and str(out) in refused.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    expect(run_cli("compare", str(SEED), str(REVISION), "-f", fmt, "-o", str(out), "--force"), 1)
    assert out.read_text(encoding="utf-8") == first
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary files left"


# --- golden files -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_html(
    case: Path, update_goldens: bool, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    roots = {"corpus": CORPUS}
    if needs_data(case):
        roots["data"] = request.getfixturevalue("data_dir")
    html = render(comparison(case, roots, monkeypatch), RenderOptions())
    assert str(ROOT) not in html and str(roots.get("data", ROOT)) not in html
    page(html)
    check_golden(case / "expected.html", html, update_goldens)
