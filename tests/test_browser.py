"""The HTML report in a real browser: Debian's Chromium, driven by Playwright's Python package.

The report is written to a file and opened from its file:// URL, as a colleague opening an e-mailed
report would. Playwright never downloads a browser here: it starts the system Chromium. Without one
these tests skip, except in CI (env CI set), where they fail. Screenshots go to tests/artifacts/
(git-ignored) for a reviewer to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dipdiff.compare import compare_sources
from dipdiff.model import Category, Comparison, Direction, Shift
from dipdiff.options import CompareOptions
from dipdiff.render import RenderOptions
from dipdiff.render.html import render
from tests.cases_reports import hostile_comparison
from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("DIPDIFF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module's tests."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


class Report:
    """A report open in a page, with everything the page said and asked for."""

    def __init__(self, browser: Any, path: Path, width: int = 1280, height: int = 900) -> None:
        self.url = path.resolve().as_uri()
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

        def dismiss(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", dismiss)
        self.page.goto(self.url)

    def visible_ids(self) -> list[str]:
        ids: list[str] = self.page.eval_on_selector_all(
            "main .row", "rows => rows.filter(r => !r.hidden).map(r => r.id)"
        )
        return ids

    def attribute_ids(self, selector: str) -> list[str]:
        ids: list[str] = self.page.eval_on_selector_all(selector, "rows => rows.map(r => r.id)")
        return ids

    def current(self) -> str | None:
        found: str | None = self.page.evaluate(
            "() => { const r = document.querySelector('.row.current'); return r ? r.id : null; }"
        )
        return found

    def position(self) -> str:
        text: str = self.page.inner_text("#position")
        return text

    def assert_clean(self) -> None:
        """No console errors or warnings, no dialogs, and no request but the report itself."""
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests == [self.url]

    def screenshot(self, name: str, *, full_page: bool = False) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def _comparison() -> Comparison:
    """The corpus pair with hand-written shifts, so the shift filter has something to show."""
    old = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
    new = CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md"
    options = CompareOptions(classify=False)
    result = compare_sources(str(old.relative_to(ROOT)), str(new.relative_to(ROOT)), options)
    blocks = list(result.blocks)
    hardened = Shift(Category.INTENSITY, Direction.UP, "", "fully", "tone hardened: comply -> fully comply")
    japan = Shift(Category.ACTOR, Direction.ADDED, "", "Japan", "actor added: Japan")
    must = Shift(Category.MODALITY, Direction.UP, "should", "must", "commitment strengthened: should -> must")
    alarmed = Shift(
        Category.INTENSITY, Direction.UP, "seriously concerned over", "deeply alarmed by", "tone hardened"
    )
    blocks[1] = replace(blocks[1], shifts=(hardened,))
    blocks[2] = replace(blocks[2], shifts=(japan,))
    blocks[3] = replace(blocks[3], shifts=(alarmed,))
    blocks[4] = replace(blocks[4], shifts=(must,))
    return replace(result, blocks=tuple(blocks))


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render(_comparison(), RenderOptions()), encoding="utf-8")
    return path


def test_the_report_renders_cleanly_and_fetches_nothing(browser: Any, report_file: Path) -> None:
    report = Report(browser, report_file)
    assert report.page.title().startswith("dipdiff: ")
    assert report.page.is_visible("text=No position shifts found.") is False
    assert report.position() == "– / 7"
    # The summary header stays at the top of the window while the rows scroll under it.
    report.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert report.page.evaluate("scrollY") > 500
    assert report.page.eval_on_selector("#bar", "e => getComputedStyle(e).position") == "sticky"
    assert report.page.eval_on_selector("#bar", "e => e.getBoundingClientRect().top") == 0
    assert report.page.is_visible("#bar .sim") and report.page.is_visible("#filter")
    report.page.evaluate("window.scrollTo(0, 0)")
    report.screenshot("report-wide.png", full_page=True)
    report.assert_clean()
    report.page.close()


def test_the_filter_shows_changes_or_one_shift_category(browser: Any, report_file: Path) -> None:
    report = Report(browser, report_file)
    every = report.attribute_ids("main .row")
    assert report.visible_ids() == every
    report.page.select_option("#filter", "changes")
    changes = report.attribute_ids('main .row[data-change="1"]')
    assert report.visible_ids() == changes and len(changes) < len(every)
    assert "b6" not in changes  # ¶8, the equal paragraph
    assert report.position() == "– / 7"
    report.page.select_option("#filter", "shift:intensity")
    assert report.visible_ids() == ["b1", "b3"]
    assert report.position() == "– / 2"
    report.page.select_option("#filter", "shift:actor")
    assert report.visible_ids() == ["b2"]
    report.page.select_option("#filter", "all")
    assert report.visible_ids() == every
    report.assert_clean()
    report.page.close()


def test_n_and_p_step_through_the_changes(browser: Any, report_file: Path) -> None:
    report = Report(browser, report_file)
    stops = report.attribute_ids('main .row[data-stop="1"]')
    assert len(stops) == 7 and "was-b1" not in stops and "b6" not in stops
    keyboard = report.page.keyboard
    seen = []
    for _ in stops:
        keyboard.press("n")
        seen.append(report.current())
    assert seen == stops
    assert report.position() == f"{len(stops)} / {len(stops)}"
    keyboard.press("n")
    assert report.current() == stops[-1], "n stops at the last change"
    keyboard.press("p")
    keyboard.press("p")
    assert report.current() == stops[-3]
    assert report.position() == f"{len(stops) - 2} / {len(stops)}"
    # The current change sits just under the sticky header, in view.
    box = report.page.evaluate(
        "() => { const r = document.querySelector('.row.current').getBoundingClientRect();"
        " return [r.top, document.getElementById('bar').getBoundingClientRect().bottom, innerHeight]; }"
    )
    top, header_bottom, height = box
    assert header_bottom <= top < height
    report.screenshot("report-navigated.png")
    # With a filter, n and p stop only at what is shown.
    report.page.select_option("#filter", "shift:intensity")
    report.page.focus("#filter")
    keyboard.press("n")
    keyboard.press("n")
    assert report.current() == "b3" and report.position() == "2 / 2"
    assert report.page.input_value("#filter") == "shift:intensity", "n does not pick an option"
    keyboard.press("p")
    assert report.current() == "b1"
    report.page.click("#next")
    assert report.current() == "b3"
    report.assert_clean()
    report.page.close()


def test_moved_markers_link_both_ways(browser: Any, report_file: Path) -> None:
    report = Report(browser, report_file)
    report.page.click("#b1 .moved-link")
    assert report.page.evaluate("location.hash") == "#was-b1"
    assert report.page.is_visible("#was-b1")
    report.page.click("#was-b1 .moved-link")
    assert report.page.evaluate("location.hash") == "#b1"
    report.assert_clean()
    report.page.close()


def test_narrow_screen_stacks_old_above_new(browser: Any, report_file: Path) -> None:
    report = Report(browser, report_file, width=390, height=844)
    old, new = (report.page.locator(f"#b4 .cell.{side}").bounding_box() for side in ("old", "new"))
    assert old is not None and new is not None
    assert new["y"] >= old["y"] + old["height"] - 1, "new below old"
    assert abs(old["width"] - new["width"]) < 1
    overflow = report.page.evaluate("document.scrollingElement.scrollWidth - innerWidth")
    assert overflow <= 0, "no sideways scrolling"
    report.screenshot("report-narrow.png", full_page=True)
    report.assert_clean()
    report.page.close()


def test_print_layout_drops_the_controls_and_the_sticky_bar(browser: Any, report_file: Path) -> None:
    report = Report(browser, report_file)
    report.page.emulate_media(media="print")
    assert report.page.eval_on_selector("#bar", "e => getComputedStyle(e).position") == "static"
    assert not report.page.is_visible(".controls")
    assert report.page.eval_on_selector("ins", "e => getComputedStyle(e).textDecorationLine") == "underline"
    report.assert_clean()
    report.page.close()


def test_hostile_statements_run_nothing_in_the_browser(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(render(hostile_comparison(), RenderOptions()), encoding="utf-8")
    report = Report(browser, path)
    assert report.page.evaluate("typeof window.pwned") == "undefined"
    assert report.page.eval_on_selector_all("script", "s => s.length") == 1
    assert report.page.eval_on_selector_all("iframe, img, a[href^='javascript']", "s => s.length") == 0
    assert report.page.is_visible("text=<script>window.pwned = 'ins'</script>")
    report.page.keyboard.press("n")
    assert report.current() == "b0"
    report.screenshot("report-hostile.png", full_page=True)
    report.assert_clean()
    report.page.close()
