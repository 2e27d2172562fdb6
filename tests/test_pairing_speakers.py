"""The two-speakers study (benchmarks/pairing_speakers.py): its replay of the content pairing must be
the library's, or its figures say nothing about the library."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import load_benchmark

BENCH = load_benchmark("pairing_speakers")
GOLD = load_benchmark("pairing_gold")


def test_the_replay_pairs_what_compare_pairs(data_dir: Path) -> None:
    entries = [entry for entry in GOLD.load_gold() if entry["split"] == "dev"]
    cases = BENCH.cases(entries, data_dir)
    assert {case.name for case in cases} >= {"speakers/RUS-CHN-2017", "speakers/JPN-KOR-2017"}
    assert any(case.swapped for case in cases), "a pair compare reads the other way round is covered"
    for case in cases:
        replay = BENCH.Replay(case)
        assert replay.pairs(replay.credible(replay.shipped)) == case.made, case.name


def test_the_assignment_study_keeps_only_the_kept_pairs_above_any_affinity(data_dir: Path) -> None:
    pytest.importorskip("scipy", reason="the assignment study needs scipy: pip install -e '.[bench]'")
    entries = [entry for entry in GOLD.load_gold() if entry["split"] == "dev"]
    for case in BENCH.cases(entries, data_dir):
        replay = BENCH.Replay(case)
        kept = replay.oriented({(i, j) for p in replay.kept for i in p.old for j in p.new})
        assert replay.pairs(replay.assigned(101.0)) == kept <= case.made, case.name


def test_a_swapped_comparison_is_turned_back_to_the_gold_orientation() -> None:
    case = BENCH.Case("speakers/TEST", set(), ({0, 1, 2}, {0, 1}), True, (), set())
    replay = object.__new__(BENCH.Replay)
    replay.case = case
    assert replay.oriented({(1, 2), (0, 1), (5, 0)}) == {(2, 1), (1, 0)}
