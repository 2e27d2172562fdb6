"""The labelled set (tests/data/shifts/labelled.yaml): its citations hold, and the scores stay high."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from dipdiff.model import Category
from dipdiff.readers import read_statement
from dipdiff.shifts import DIRECTIONS, load_lexicon
from tests.conftest import ROOT
from tests.helpers import load_benchmark

BENCH = load_benchmark("shifts_labelled")
CASES = BENCH.load_cases()
_SIDE = re.compile(r"(?P<path>.*?\.(?:txt|md)) (?:¶(?P<para>\d+)|line (?P<line>\d+))")


def test_every_case_is_well_formed() -> None:
    assert len(CASES) >= 100
    assert sum(1 for case in CASES if not case["expect"]) >= 30, "keep negatives in the set"
    for case in CASES:
        assert set(case) <= {"source", "old", "new", "expect", "note"}, case
        assert case["old"] != case["new"], case["source"]
        assert_labels_known(case["expect"])


def assert_labels_known(labels: list[str]) -> None:
    """Check that every label is a category and one of that category's directions."""
    for label in labels:
        category, _, direction = label.partition(":")
        assert direction in {d.value for d in DIRECTIONS[Category(category)]}, label


def test_every_excerpt_is_in_the_paragraph_it_cites(data_dir: Path) -> None:
    checked = 0
    for case in CASES:
        source = str(case["source"])
        if source.startswith("corpus/"):
            old_path, new_path = (ROOT / s.strip().split(" ")[0] for s in source.split(" -> "))
            assert any(case["old"] in p for p in read_statement(str(old_path)).paragraphs), source
            assert any(case["new"] in p for p in read_statement(str(new_path)).paragraphs), source
            continue
        checked += assert_cited(data_dir, case)
    assert checked >= 200


def assert_cited(data_dir: Path, case: dict[str, object]) -> int:
    """Check that each side's excerpt is in the paragraph or line of DIPDIFF_DATA its source cites.

    The sets were recorded when hard-wrapped files were read a line a paragraph, so a ``¶N`` counts
    paragraphs with the lines as they are (``reflow=False``).
    """
    source = str(case["source"])
    sides = [_SIDE.match(part.strip()) for part in source.split(" -> ")]
    assert len(sides) == 2 and all(sides), source
    for side, text in zip(sides, (case["old"], case["new"]), strict=True):
        assert side is not None
        path = data_dir / side["path"]
        if side["para"]:
            cited = read_statement(str(path), reflow=False).paragraphs[int(side["para"]) - 1]
        else:
            cited = path.read_text(encoding="utf-8").split("\n")[int(side["line"]) - 1]
        assert str(text).strip() in " ".join(cited.split()) or str(text).strip() in cited, (
            f"{source}: {str(text)[:60]!r} not in the cited text"
        )
    return len(sides)


RULE_LEVEL = 0.5
"""The confidence at which a rule stands behind a shift (see test_shifts_realtext.py)."""


def test_precision_and_recall_stay_at_or_above_the_recorded_level() -> None:
    # The rules (their own confidence, the calibration off), on the pairs labelled to exercise them;
    # the default threshold is tested below.
    scores = BENCH.score(CASES, RULE_LEVEL, replace(load_lexicon(), category_confidence={}))
    overall = scores["all"]
    assert overall.precision >= 0.9 and overall.recall >= 0.9, (overall.precision, overall.recall)
    for category in Category:
        s = scores[category.value]
        assert s.tp + s.fn >= 5, f"too few {category.value} shifts labelled to score"
        assert s.precision >= 0.85 and s.recall >= 0.85, (category.value, s.precision, s.recall, s.errors)


def test_the_default_confidence_shows_shifts_right_nine_times_in_ten_on_the_tuning_pairs() -> None:
    # The calibration (category_confidence) is counted on these real pairs (real_pairs.yaml and the
    # held-out sets 2 to 7 scored in earlier rounds); a rule or calibration that lets more false alarms
    # through by default fails here. real_pairs_heldout8.yaml is scored by the benchmark, not here.
    from dipdiff.options import DEFAULT_MIN_CONFIDENCE

    cases = BENCH.load_cases(ROOT / "tests" / "data" / "shifts" / "real_pairs.yaml")
    later_sets = (
        BENCH.HELDOUT2,
        BENCH.HELDOUT3,
        BENCH.HELDOUT4,
        BENCH.HELDOUT5,
        BENCH.HELDOUT6,
        BENCH.HELDOUT7,
    )
    for later in later_sets:
        cases += BENCH.load_cases(later)
    shown, clean = BENCH.score_with_negatives(cases, DEFAULT_MIN_CONFIDENCE)
    assert shown["all"].precision >= 0.9, (shown["all"].precision, shown["all"].recall)
    assert clean >= 0.95 * sum(1 for case in cases if not case["expect"])
    doubted = BENCH.score(cases, RULE_LEVEL)["all"]
    assert shown["all"].recall < doubted.recall  # the threshold hides some right shifts: it is not too low
