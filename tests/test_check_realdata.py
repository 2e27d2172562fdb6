"""``check`` on real statements laid out as a corpus by ``benchmarks/make_corpus.py`` (small slices).

The full run over all ~2,800 shared statements is a benchmark (BENCHMARKS.md, "dipdiff check").
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from dipdiff.check import CheckOptions, Report, run_check
from tests.helpers import load_benchmark

pytestmark = pytest.mark.data


def importer() -> ModuleType:
    return load_benchmark("make_corpus")


@pytest.fixture(scope="module")
def real(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    """White House statements of October 2025 and Russia's UN speeches of 2015-2024."""
    root = tmp_path_factory.mktemp("real") / "corpus"
    importer().make_corpus(root, data_dir, ("whitehouse", "un"), match=r"2025-10|RUS_7")
    return root, run_check(root, use_cache=False)


def found(report: Report, rule: str) -> list[tuple[str, str | None]]:
    return [
        (f.path.rsplit("/", 1)[-1], (f.related or "").rsplit("/", 1)[-1] or None)
        for f in report.findings
        if f.rule == rule
    ]


def test_the_whitehouse_exact_duplicate_is_caught(real: tuple[Path, Report]) -> None:
    # whitehouse_briefings/SOURCE.md: "Exact duplicate under two slugs (same body, 826 tokens)".
    _, report = real
    assert found(report, "exact-duplicate") == [
        (
            "2025-10-26-joint-statement-on-a-framework-for-a-united-states-thailand-agreement-on-reciprocal-trade.md",
            "2025-10-26-joint-statement-on-a-frameowkr-for-a-united-states-thailand-agreement-on-recipricol-trade.md",
        )
    ]


def test_consecutive_un_speeches_are_not_near_duplicates(real: tuple[Path, Report]) -> None:
    root, report = real
    assert len(list((root / "unga-rus").iterdir())) == 10  # sessions 70-79, one a year
    assert found(report, "near-duplicate") == []
    lower = run_check(root, options=CheckOptions(near_threshold=60), use_cache=False)
    assert found(lower, "near-duplicate") == []


def test_every_finding_on_the_slice_is_explained(real: tuple[Path, Report]) -> None:
    _, report = real
    # The only other finding: the real revision of the US-Japan critical minerals framework
    # (whitehouse_briefings/revisions/index.csv: 2 versions, 36 tokens changed) gets its summary.
    assert {f.rule for f in report.findings} == {"exact-duplicate", "revision"}
    (revision,) = [f for f in report.findings if f.rule == "revision"]
    assert revision.path.endswith("-v02.md") and revision.related is not None
    assert revision.related.endswith("-v01.md")
    assert revision.revision is not None and 90 < revision.revision.similarity < 100
