"""The JSON output is a contract: every output validates against the shipped JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from dipdiff.compare import compare
from dipdiff.model import Block, BlockKind, Category, Comparison, Direction, Mode, Related, Shift, Statement
from dipdiff.options import CompareOptions
from dipdiff.render import Format, RenderOptions, renderer
from dipdiff.resources import packaged_text
from tests.conftest import ROOT

SCHEMA = json.loads(packaged_text("schema/compare-v1.json"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def as_json(comparison: Comparison) -> dict[str, object]:
    data: dict[str, object] = json.loads(renderer(Format.JSON)(comparison, RenderOptions()))
    return data


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("golden", sorted((ROOT / "tests" / "cases").glob("*/expected.json")))
def test_golden_outputs_validate(golden: Path) -> None:
    VALIDATOR.validate(json.loads(golden.read_text(encoding="utf-8")))


def test_shifts_and_metadata_validate() -> None:
    import datetime as dt

    old = Statement("old.md", ("We are concerned.",), {"date": dt.date(2017, 3, 1), "n": [1, {"a": None}]})
    new = Statement("new.md", ("We are gravely concerned.",))
    base = compare(old, new)
    shift = Shift(Category.INTENSITY, Direction.UP, "concerned", "gravely concerned", "tone hardened")
    block = base.blocks[0]
    with_shift = Comparison(
        base.old,
        base.new,
        base.similarity,
        (Block(block.kind, block.old, block.new, block.moved, block.score, block.diff, (shift,)),),
    )
    data = as_json(with_shift)
    VALIDATOR.validate(data)
    assert data["summary"]["shifts"] == {"intensity": {"up": 1}}  # type: ignore[index]
    assert data["old"]["meta"]["date"] == "2017-03-01"  # type: ignore[index]


@pytest.mark.parametrize(
    "broken",
    [
        {"kind": "renamed"},
        {"score": 101},
        {"old": [-1]},
        {"moved": "yes"},
    ],
)
def test_schema_rejects_broken_blocks(broken: dict[str, object]) -> None:
    data = as_json(compare(Statement("a", ("One two.",)), Statement("b", ("One three.",))))
    data["blocks"][0].update(broken)  # type: ignore[index]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(data)


def test_added_block_must_not_carry_a_score() -> None:
    data = as_json(compare(Statement("a", ("One two.",)), Statement("b", ("One two.", "Three."))))
    added = next(b for b in data["blocks"] if b["kind"] == BlockKind.ADDED.value)  # type: ignore[union-attr]
    VALIDATOR.validate(data)
    added["score"] = 50  # type: ignore[index]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(data)


def test_possibly_related_hints_validate_and_appear_only_outside_revisions() -> None:
    old = Statement("a", ("Pyongyang must stop its nuclear tests.", "Trade grew."))
    new = Statement("b", ("Sanctions on the DPRK must hold.", "Climate matters."))
    base = compare(old, new, CompareOptions(mode=Mode.REVISION))
    assert "related" not in as_json(base), "a revision's JSON is unchanged"
    hint = Related(0, 0, 17.5, ("DPRK", "nuclear"))
    rewrite = Comparison(base.old, base.new, base.similarity, base.blocks, mode=Mode.REWRITE, related=(hint,))
    data = as_json(rewrite)
    VALIDATOR.validate(data)
    assert data["related"] == [{"old": 0, "new": 0, "affinity": 17.5, "shares": ["DPRK", "nuclear"]}]
    data["related"][0]["affinity"] = 120  # type: ignore[index]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(data)
