"""Golden reports: each folder here names a pair of statements and holds the reviewed Markdown and HTML.

A folder's ``case.toml`` says where the pair lives (``root = "data"`` for the shared statements under
DIPDIFF_DATA, which are never copied here, or ``root = "corpus"`` for the repository's corpus), the
folder inside that root, and the two file names, passed as relative paths so the reports name them the
same way on every machine. ``[[shifts]]`` tables add position shifts to a block by hand, to pin how
shifts are laid out independently of the classifier; the pair itself is compared without
classification for the same reason. Regenerate with ``pytest --update-goldens`` and review the diff.

``hostile_comparison()`` builds the statements the security tests feed to every report format.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dipdiff.compare import compare, compare_sources
from dipdiff.model import Category, Comparison, Direction, Shift, Statement
from dipdiff.options import CompareOptions

HERE = Path(__file__).resolve().parent
CASES = sorted(p for p in HERE.iterdir() if (p / "case.toml").is_file())


def needs_data(case: Path) -> bool:
    """Whether a case reads the shared statements."""
    return bool(_spec(case)["root"] == "data")


def comparison(case: Path, roots: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> Comparison:
    """Compare a case's pair from inside its folder, then add the case's hand-written shifts."""
    spec = _spec(case)
    monkeypatch.chdir(roots[spec["root"]] / spec["dir"])
    result = compare_sources(spec["old"], spec["new"], CompareOptions(classify=False))
    blocks = list(result.blocks)
    for item in spec.get("shifts", []):
        shift = Shift(
            Category(item["category"]),
            Direction(item["direction"]),
            item.get("old", ""),
            item.get("new", ""),
            item["explanation"],
        )
        block = blocks[item["block"]]
        blocks[item["block"]] = replace(block, shifts=(*block.shifts, shift))
    return replace(result, blocks=tuple(blocks))


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare output with its golden file, or rewrite the file when asked to."""
    if update:
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"{path} is missing: run pytest --update-goldens and review it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path} (pytest --update-goldens to accept)"


def _spec(case: Path) -> dict[str, Any]:
    with (case / "case.toml").open("rb") as handle:
        return tomllib.load(handle)


# Statements come from the web: markup, template syntax, Markdown syntax and block markers at the
# start of a line, all of which a report must show as text.
HOSTILE_EQUAL = (
    '<script>window.pwned = "equal"; alert(1)</script> The talks will continue.',
    "<!-- a comment that would hide text --> <img src=x onerror=alert(1)> The parties met.",
    "# not a heading",
    "> not a quote",
    "- not a list item",
    "1. not a numbered list",
    "| not | a table |",
    "```",
    "</details><details open><summary>forged</summary>",
    "---",
    "&lt;script&gt; &#60;b&#62; &amp; stay as written",
)
HOSTILE_REMOVED = '<a href="javascript:alert(2)">read the removed note</a> [link](javascript:alert(3))'
HOSTILE_ADDED = (
    "</del></ins></p></div></section><script>window.pwned = 'added'</script>"
    "<style>body{display:none}</style>{{ 7*7 }} {% if 1 %}x{% endif %} ${7*7} `tick` **b** _i_ ~~s~~"
)
HOSTILE_OLD_MODIFIED = "We call on all parties to show restraint and to resume dialogue."
HOSTILE_NEW_MODIFIED = (
    "We call on all parties <script>window.pwned = 'ins'</script> to show restraint "
    '<iframe src="https://example.com/x"></iframe> and to resume dialogue.'
)
HOSTILE_INSERTS = ("<script>window.pwned = 'ins'</script>", '<iframe src="https://example.com/x"></iframe>')
HOSTILE_SHIFT = "tone hardened: <script>window.pwned = 'shift'</script> [x](javascript:alert(4))"


def hostile_comparison() -> Comparison:
    """Compare two hostile statements and give one block a hostile shift explanation."""
    meta = {"title": "<script>window.pwned = 'title'</script> | `t` [t](javascript:t)", "language": "en"}
    old = Statement(
        source="old<b>.md",
        paragraphs=(HOSTILE_OLD_MODIFIED, *HOSTILE_EQUAL, HOSTILE_REMOVED),
        meta=meta,
    )
    new = Statement(
        source='new"onload="alert(5).md',
        paragraphs=(HOSTILE_NEW_MODIFIED, *HOSTILE_EQUAL, HOSTILE_ADDED),
        meta={**meta, "language": '"><script>alert(6)</script>'},
    )
    result = compare(old, new, CompareOptions(classify=False))
    blocks = list(result.blocks)
    first = blocks[0]
    shift = Shift(Category.INTENSITY, Direction.UP, "<b>", "<script>", HOSTILE_SHIFT)
    blocks[0] = replace(first, shifts=(shift,))
    return replace(result, blocks=tuple(blocks))
