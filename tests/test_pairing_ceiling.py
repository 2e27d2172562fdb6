"""The recall ceiling study (benchmarks/pairing_ceiling.py): how it counts the gold set's shape."""

from __future__ import annotations

from tests.helpers import load_benchmark

BENCH = load_benchmark("pairing_ceiling")


def test_a_one_to_one_pairing_finds_one_of_several_old_paragraphs_on_one_new() -> None:
    assert BENCH.max_matching({(0, 0), (1, 0), (2, 0)}) == 1
    assert BENCH.max_matching({(0, 0), (0, 1), (1, 0)}) == 2, "old 0 takes new 1, old 1 new 0"
    assert BENCH.max_matching({(0, 0), (1, 1), (2, 2)}) == 3
    assert BENCH.max_matching(set()) == 0


def test_the_shape_counts_each_pair_by_the_partners_of_its_ends() -> None:
    gold = {(0, 0), (1, 1), (1, 2), (2, 3), (3, 3), (4, 4), (4, 5), (5, 5)}
    counts = BENCH.shape(gold)
    assert counts["pairs one-to-one"] == 1  # (0, 0)
    assert counts["pairs one old to several new"] == 3  # (1, 1), (1, 2), (4, 4)
    assert counts["pairs several old to one new"] == 3  # (2, 3), (3, 3), (5, 5)
    assert counts["pairs several to several"] == 1  # (4, 5): old 4 and new 5 both have two
    assert counts["old paragraphs with several partners"] == 2
    assert counts["new paragraphs with several partners"] == 2
    assert counts["one-to-one pairing finds at most"] == 5  # 0-0, 1-1, 2-3, 4-4, 5-5
