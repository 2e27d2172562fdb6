"""The compare engine: pairing, moves, splits, merges, scores, block order."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipdiff.compare import compare
from dipdiff.model import BlockKind, Comparison, Mode, Op, Statement
from dipdiff.options import CompareOptions

A = "The Ministry is concerned about the growing tension on the Korean Peninsula and in the region."
B = "We call on all parties to exercise restraint and to resume dialogue without any preconditions."
C = "Russia supports the efforts of the United Nations Security Council to find a political solution."
D = "The sanctions regime must not be used to strangle the economy of the country or its people."
E = "We stand ready to contribute to a political and diplomatic settlement of the nuclear problem."


def run(old: list[str], new: list[str], **options: object) -> Comparison:
    opts = CompareOptions(classify=False, **options)  # type: ignore[arg-type]
    return compare(Statement("old", tuple(old)), Statement("new", tuple(new)), opts)


def kinds(result: Comparison) -> list[tuple[str, tuple[int, ...], tuple[int, ...], bool]]:
    return [(b.kind.value, b.old, b.new, b.moved) for b in result.blocks]


def test_identical_statements_are_all_equal() -> None:
    result = run([A, B, C], [A, B, C])
    assert kinds(result) == [("equal", (i,), (i,), False) for i in range(3)]
    assert result.similarity == 100
    assert not result.summary.changed


def test_reworded_paragraph_is_modified_with_word_diff() -> None:
    result = run([A, B], [A.replace("concerned", "gravely concerned"), B])
    block = result.blocks[0]
    assert block.kind is BlockKind.MODIFIED
    changes = [op for op in block.diff if op.op is not Op.EQUAL]
    assert [(op.op, op.old, op.new.strip()) for op in changes] == [(Op.INSERT, "", "gravely")]
    assert block.score is not None and 90 < block.score < 100


def test_moved_paragraph_is_one_block_even_when_reworded() -> None:
    result = run([A, B, C, D], [C.replace("supports", "fully supports"), A, B, D])
    moved = [b for b in result.blocks if b.moved]
    assert len(moved) == 1
    assert (moved[0].old, moved[0].new, moved[0].kind) == ((2,), (0,), BlockKind.MODIFIED)
    assert result.summary.moved == 1


def test_one_long_paragraph_moved_up_is_one_move_not_every_short_one_it_passed() -> None:
    speeches = [A, B, C, D, E]
    shorts = [f"{speeches[k % 5]} This is point {k + 1}." for k in range(11)]
    long = " ".join(sentence.replace(".", f" in year {year}.") for year in range(25) for sentence in speeches)
    assert len(long.split()) > 600
    result = run([*shorts, long], [long.replace("restraint", "the utmost restraint"), *shorts])
    moved = [b for b in result.blocks if b.moved]
    assert [(b.old, b.new) for b in moved] == [((11,), (0,))]
    assert result.summary.moved == 1
    assert sum(b.kind is BlockKind.EQUAL for b in result.blocks) == 11, "the pairing itself is kept"


def test_equal_runs_prefer_the_longer_paragraphs_only_as_a_tie_breaker() -> None:
    short, long = A, " ".join([B, C, D, E])
    result = run([short, long, B], [long, short, B])  # one of the two must have moved
    assert [(b.old, b.new) for b in result.blocks if b.moved] == [((0,), (1,))]


def test_split_and_merge_are_named() -> None:
    first, second = A.split(" about ")
    result = run([A, B, C + " " + D, E], [first + ".", "About " + second, B, C, D, E])
    got = kinds(result)
    assert ("split", (0,), (0, 1), False) in got
    assert ("merged", (2,), (3, 4), False) not in got
    assert ("split", (2,), (3, 4), False) in got
    merged = run([first + ".", "About " + second, B], [A, B])
    assert ("merged", (0, 1), (0,), False) in kinds(merged)


def test_added_and_removed_paragraphs_keep_their_place() -> None:
    result = run([A, B, C], [A, D, C])
    assert kinds(result) == [
        ("equal", (0,), (0,), False),
        ("removed", (1,), (), False),
        ("added", (), (1,), False),
        ("equal", (2,), (2,), False),
    ]
    assert result.blocks[1].score is None


def test_unordered_pairs_regardless_of_order_and_reports_no_moves() -> None:
    result = run([A, B, C], [C, B, A], unordered=True)
    assert sorted((b.old, b.new) for b in result.blocks) == [((0,), (2,)), ((1,), (1,)), ((2,), (0,))]
    assert not any(b.moved for b in result.blocks)
    ordered = run([A, B, C], [C, B, A])
    assert ordered.summary.moved == 2


def test_threshold_decides_what_still_pairs() -> None:
    reworded = "The Ministry notes the tension on the Korean Peninsula with regret."
    assert run([A], [reworded], threshold=40).blocks[0].kind is BlockKind.MODIFIED
    assert {b.kind for b in run([A], [reworded], threshold=90, mode=Mode.REVISION).blocks} == {
        BlockKind.ADDED,
        BlockKind.REMOVED,
    }
    # Left to choose, so little survives at 90 that the two are a rewrite, paired on their subject.
    rewrite = run([A], [reworded], threshold=90)
    assert rewrite.mode is Mode.REWRITE and rewrite.blocks[0].affinity is not None


def test_scores_are_word_level_and_symmetric() -> None:
    a, b = run([A], [B]), run([B], [A])
    assert a.similarity == b.similarity
    assert 0 <= a.similarity < 30, "unrelated sentences share few words"
    one_word = run(["a b c d"], ["a b c e"], threshold=10)
    assert one_word.blocks[0].score == 75.0  # 6 of 8 words kept: 100 * (1 - 2/8)


def test_paraphrases_keep_their_order_between_anchors() -> None:
    # Two renderings of one text: weakly similar, but in the same order between identical anchors.
    old = [A, "The wolf saw the lamb drinking at the stream and wanted a pretext to eat him.", E]
    new = [A, "A wolf, seeing a lamb drink from a stream, looked for an excuse to devour it.", E]
    result = run(old, new)
    assert ("modified", (1,), (1,), False) in kinds(result)


def test_coarse_alignment_for_huge_statements_says_so() -> None:
    import dipdiff.align as align

    # repeated paragraphs are not unique anchors, so all of them reach the score matrix
    old = ["the same boilerplate paragraph"] * 30
    new = [*old[:10], "a new paragraph", *old[10:]]
    original = align.MAX_SCORED_CELLS
    align.MAX_SCORED_CELLS = 10
    try:
        result = run(old, new)
    finally:
        align.MAX_SCORED_CELLS = original
    assert result.notes and "too long" in result.notes[0]
    assert result.summary.equal == 30 and result.summary.added == 1


def test_a_revision_with_nothing_to_fill_never_estimates_the_chance_level(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Estimating it costs thousands of scores; an edited paragraph that pairs above the threshold
    and leaves no gap must not pay for it, while a rewritten one still does."""
    from dipdiff import align

    calls: list[int] = []
    real = align._chance_level
    monkeypatch.setattr(align, "_chance_level", lambda old, new: calls.append(1) or real(old, new))
    paragraphs = [f"Paragraph {n} on the situation in the region, number {n}." for n in range(6)]
    edited = [*paragraphs[:3], paragraphs[3].replace("situation", "grave situation"), *paragraphs[4:]]
    revision = compare(Statement("old", tuple(paragraphs)), Statement("new", tuple(edited)))
    assert [b.kind for b in revision.blocks].count(BlockKind.MODIFIED) == 1
    assert calls == []
    rewritten = [*paragraphs[:3], "Entirely different words about trade and tariffs.", *paragraphs[4:]]
    compare(Statement("old", tuple(paragraphs)), Statement("new", tuple(rewritten)))
    assert calls == [1]


def test_a_changed_figure_is_one_replace_not_two() -> None:
    """White House, 2nd Global COVID-19 Summit commitments v01 -> v02: "2.5" became "3.1"."""
    comparison = compare(
        Statement("old", ("Commitments now total $2.5 billion.",)),
        Statement("new", ("Commitments now total $3.1 billion.",)),
    )
    (block,) = comparison.blocks
    assert [(op.op, op.old, op.new) for op in block.diff if op.op is not Op.EQUAL] == [
        (Op.REPLACE, "2.5 ", "3.1 ")
    ]


def test_the_real_revised_figure_reads_as_one_replace(data_dir: Path) -> None:
    from dipdiff.compare import compare_sources

    folder = data_dir / "whitehouse_briefings/revisions/statements-releases/2022-05"
    folder = folder / "2022-05-12-2nd-global-covid-19-summit-commitments"
    (old,) = folder.glob("v01_*.md")
    (new,) = folder.glob("v02_*.md")
    changes = [
        (op.old.strip(), op.new.strip())
        for block in compare_sources(str(old), str(new)).blocks
        for op in block.diff
        if op.op is Op.REPLACE
    ]
    assert ("2.5", "3.1") in changes


def test_shifts_less_sure_than_asked_are_counted_in_a_note() -> None:
    """A rewritten paragraph's shifts fall under the default confidence; the reader is told how many
    were left out, and a run that shows them all says nothing."""
    from dipdiff.readers import read_statement

    case = Path(__file__).parent / "cases" / "rewrite-yearly"
    old, new = (read_statement(str(case / name)) for name in ("old.txt", "new.txt"))
    every = compare(old, new, CompareOptions(min_confidence=0.0))
    sure = compare(old, new, CompareOptions())
    hidden = len(every.shifts) - len(sure.shifts)
    assert hidden > 0
    note = f"{hidden} shifts less sure than --min-confidence 0.8 not shown"
    assert [n for n in sure.notes if "less sure" in n] == [
        f"{note} (--min-confidence 0 shows every shift found)"
    ]
    assert not [n for n in every.notes if "less sure" in n]
