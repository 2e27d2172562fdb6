"""Work grows linearly with input size for steps that once grew faster, counted in operations.

Each step runs on an input and on one twice as large, and the work it did is counted, not timed:
Python lines executed (``sys.settrace``) in dipdiff's own code, and, for a regular expression asked to
look back over text, the characters it was given to scan. Linear work doubles; quadratic work quadruples.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import dipdiff
from dipdiff import compare as compare_module
from dipdiff.model import Block, BlockKind, DiffOp, Op
from dipdiff.safeyaml import YamlRefused, load_yaml
from dipdiff.shifts import clauses

PACKAGE = str(Path(dipdiff.__file__).parent)
GROWTH = 2.3
"""Most the counted work may grow when the input doubles: twice, with a little room for fixed costs."""


def lines_run(work: Callable[[], Any]) -> int:
    """How many lines of dipdiff's code ``work()`` executes."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def assert_linear(count: Callable[[int], int], size: int) -> tuple[int, int]:
    """The work at ``2 * size`` is at most ``GROWTH`` times the work at ``size``."""
    small, large = count(size), count(2 * size)
    assert small > 0
    assert large <= GROWTH * small, (
        f"work grew {large / small:.2f}x when the input doubled ({small} -> {large})"
    )
    return small, large


def _removed_blocks(n: int) -> list[Block]:
    """One kept paragraph, then ``n`` removed ones: the ordering once walked back over all of them."""
    kept = Block(BlockKind.EQUAL, (0,), (0,), False, 100.0, (DiffOp(Op.EQUAL, "kept", "kept"),))
    removed = [
        Block(BlockKind.REMOVED, (i,), (), False, None, (DiffOp(Op.DELETE, "word", ""),))
        for i in range(1, n + 1)
    ]
    return [kept, *removed]


def test_ordering_removed_paragraphs_is_linear() -> None:
    def count(n: int) -> int:
        blocks = _removed_blocks(n)
        ordered: list[Block] = []
        work = lines_run(lambda: ordered.extend(compare_module._in_new_order(blocks)))
        assert [b.old[0] for b in ordered] == list(range(n + 1))
        return work

    assert_linear(count, 2_000)


class _ScanCounter:
    """A stand-in for a compiled pattern that counts the characters each search is given."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.scanned = 0

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self.scanned += min(endpos, len(text)) - pos
        return self.pattern.search(text, pos, endpos)


@pytest.mark.parametrize("unit", ["x. ", "Mr. ", "e.g. x. "])
def test_sentence_ends_are_found_in_linear_work(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = _ScanCounter(clauses._ABBREVIATION)
    monkeypatch.setattr(clauses, "_ABBREVIATION", counter)

    def count(n: int) -> int:
        counter.scanned = 0
        text = unit * n
        lines = lines_run(lambda: clauses.sentence_ends(text))
        return lines + counter.scanned

    assert_linear(count, 4_000)


def test_sentence_end_pattern_matches_only_from_the_start_of_a_run() -> None:
    """A run of marks glued to a letter is tried once, from its first mark, and never given back: the
    pattern's cost on ``x....y`` is one pass over the run rather than one pass per mark."""
    text = "x" + "." * 5_000 + "!" * 5_000 + "y. z"
    assert [m.span() for m in clauses._END.finditer(text)] == [(len(text) - 3, len(text) - 2)]
    assert clauses.sentence_ends("Done!!! Then... more?! End.") == [7, 15, 22, 27]
    pattern = clauses._END.pattern
    assert pattern.startswith("(?<![.!?;])[.!?;]++"), pattern


def test_base_60_numbers_are_refused_before_any_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML builds ``1:1:1:...`` with a multiplication per part on an ever larger integer."""
    import yaml

    built = []
    monkeypatch.setattr(
        yaml.constructor.SafeConstructor, "construct_yaml_int", lambda self, node: built.append(node)
    )
    for parts in (1_000, 2_000):
        with pytest.raises(YamlRefused, match="base-60"):
            load_yaml("x: " + ":".join(["1"] * parts) + "\n")
    assert built == []


def test_a_dotted_run_is_looked_back_over_only_as_far_as_an_abbreviation_reaches() -> None:
    """``a.a.a. ... a. Next`` once rebuilt the whole run as one word to look it up (quadratic in the
    run); the look-back now stops after as many parts as the longest abbreviation has."""
    from dipdiff.history import sentences

    def longest_test(n: int) -> int:
        """The most lines any one stop's test (``_ends_here``) ran."""
        texts, spaced = ["a", "."] * n + ["Next"], [False] * (2 * n - 1) + [True, False]
        per_call: list[int] = []

        def tracer(frame: FrameType, event: str, arg: object) -> Any:
            if frame.f_code is not sentences._ends_here.__code__:
                return None
            if event == "call":
                per_call.append(0)
            elif event == "line":
                per_call[-1] += 1
            return tracer

        sys.settrace(tracer)
        try:
            found = sentences.split_words(texts, spaced)
        finally:
            sys.settrace(None)
        assert found == [(0, 2 * n), (2 * n, 2 * n + 1)]
        return max(per_call)

    assert longest_test(2_000) == longest_test(1_000) < 100  # bounded, whatever the run's length


def test_finding_full_last_lines_is_linear() -> None:
    """Wrapped text where every full line ends a sentence, with no short line to mark a paragraph: each
    line may end a paragraph, and each paragraph is weighed over at most a fixed number of them."""
    from dipdiff.readers.reflow import reflow

    def count(n: int) -> int:
        lines = [f"Item {k % 10} is listed here with all of its many words in it." for k in range(n)]
        done: list[Any] = []
        work = lines_run(lambda: done.append(reflow(lines)))
        assert done[0] is not None and len(done[0].paragraphs) > 1
        return work

    assert_linear(count, 2_000)
