"""Properties of every comparison, checked on generated statements with hypothesis."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipdiff.compare import compare
from dipdiff.model import BlockKind, Comparison, Mode, Statement
from dipdiff.options import CompareOptions

# Words from real statements, plus spelling and quote variants the normaliser folds.
WORDS = [
    "we",
    "are",
    "concerned",
    "gravely",
    "deeply",
    "about",
    "the",
    "situation",
    "on",
    "Korean",
    "Peninsula",
    "North",
    "Korea",
    "DPRK",
    "must",
    "should",
    "may",
    "not",
    "never",
    "sanctions",
    "denuclearization",
    "denuclearisation",
    "defence",
    "defense",
    "Russia",
    "China",
    "United",
    "States",
    "calls",
    "upon",
    "urges",
    "demands",
    "“dialogue”",
    '"dialogue"',
    "2017",
    "2018",
    ",",
    ".",
]

paragraph = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
statement = st.lists(paragraph, min_size=1, max_size=8)
SETTINGS = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def run(old: list[str], new: list[str], unordered: bool = False) -> Comparison:
    options = CompareOptions(unordered=unordered, classify=False)
    return compare(Statement("old", tuple(old)), Statement("new", tuple(new)), options)


def describe(result: Comparison) -> list[tuple[str, tuple[int, ...], tuple[int, ...], bool, float | None]]:
    return [(b.kind.value, b.old, b.new, b.moved, b.score) for b in result.blocks]


@SETTINGS
@given(statement, statement, st.booleans())
def test_every_index_appears_in_exactly_one_block(old: list[str], new: list[str], unordered: bool) -> None:
    result = run(old, new, unordered)
    olds = [i for b in result.blocks for i in b.old]
    news = [j for b in result.blocks for j in b.new]
    assert sorted(olds) == list(range(len(old)))
    assert sorted(news) == list(range(len(new)))
    for block in result.blocks:
        assert list(block.old) == sorted(block.old) and list(block.new) == sorted(block.new)
        assert (block.score is None) == (block.kind in (BlockKind.ADDED, BlockKind.REMOVED))
        if block.score is not None:
            assert 0 <= block.score <= 100
    assert 0 <= result.similarity <= 100


@SETTINGS
@given(statement, statement)
def test_diff_texts_rebuild_both_sides(old: list[str], new: list[str]) -> None:
    result = run(old, new)
    for block in result.blocks:
        old_text = "".join(op.old for op in block.diff)
        new_text = "".join(op.new for op in block.diff)
        assert old_text.split("\n\n") == [old[i] for i in block.old] or not block.old
        assert new_text.split("\n\n") == [new[j] for j in block.new] or not block.new


@SETTINGS
@given(statement)
def test_a_text_compared_with_itself_is_all_equal(old: list[str]) -> None:
    result = run(old, list(old))
    assert {b.kind for b in result.blocks} == {BlockKind.EQUAL}
    assert not any(b.moved for b in result.blocks)
    assert result.similarity == 100


@SETTINGS
@given(statement, statement, st.booleans())
def test_swapping_sides_mirrors_the_result(old: list[str], new: list[str], unordered: bool) -> None:
    forward = run(old, new, unordered)
    backward = run(new, old, unordered)
    assert forward.similarity == backward.similarity
    mirrored = sorted((b.kind.mirrored().value, b.new, b.old, b.moved, b.score) for b in forward.blocks)
    assert mirrored == sorted(describe(backward))


@SETTINGS
@given(statement, statement)
def test_blocks_follow_the_new_statements_order(old: list[str], new: list[str]) -> None:
    """In a revision throughout; in the other modes pairs, then removed, then added paragraphs, each
    section in its statement's order."""
    result = run(old, new)
    if result.mode is Mode.REVISION:
        firsts = [b.new[0] for b in result.blocks if b.new]
        assert firsts == sorted(firsts)
        return
    sections = [(bool(b.old), bool(b.new)) for b in result.blocks]
    rank = {(True, True): 0, (True, False): 1, (False, True): 2}
    assert [rank[k] for k in sections] == sorted(rank[k] for k in sections)
    for key in rank:
        firsts = [b.new[0] if b.new else b.old[0] for b in result.blocks if (bool(b.old), bool(b.new)) == key]
        assert firsts == sorted(firsts)


@SETTINGS
@given(statement, statement)
def test_score_is_100_exactly_when_normalised_texts_are_equal(old: list[str], new: list[str]) -> None:
    result = run(old, new)
    for block in result.blocks:
        if block.score is not None:
            assert (block.score == 100) == all(op.op.value == "equal" for op in block.diff)


@SETTINGS
@given(statement, statement)
def test_an_equal_blocks_diff_is_the_full_word_diff(old: list[str], new: list[str]) -> None:
    """Equal blocks skip the word diff; what they show must be what the diff would have said."""
    from dipdiff.normalise import default_normaliser
    from dipdiff.tokens import tokenise
    from dipdiff.worddiff import diff_tokens

    comparison = compare(
        Statement("old", tuple(old)), Statement("new", tuple(new)), CompareOptions(classify=False)
    )
    normaliser = default_normaliser()
    for block in comparison.blocks:
        if block.kind is BlockKind.EQUAL:
            (i,), (j,) = block.old, block.new
            expected = diff_tokens(tokenise(old[i], normaliser), tokenise(new[j], normaliser))
            assert block.diff == expected
