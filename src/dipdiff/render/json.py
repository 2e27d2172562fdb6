"""JSON output: the ``dipdiff/compare/v1`` contract, validated in tests against the shipped schema.

The schema is ``data/schema/compare-v1.json``. Changing a field's meaning needs a new schema version.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from dipdiff.model import Block, Comparison, Mode, Passage, Related, Shift, Statement
from dipdiff.render import RenderOptions

SCHEMA_ID = "dipdiff/compare/v1"


def render(comparison: Comparison, options: RenderOptions) -> str:
    """Return the comparison as one JSON document (``changes_only`` does not apply: JSON is whole)."""
    del options
    return json.dumps(to_data(comparison), ensure_ascii=False, indent=2) + "\n"


def to_data(comparison: Comparison) -> dict[str, Any]:
    """Return the comparison as plain JSON-ready values."""
    summary = comparison.summary
    shift_counts = {
        category.value: {direction.value: n for direction, n in per.items()}
        for category, per in comparison.shift_counts().items()
    }
    data: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "old": _statement(comparison.old),
        "new": _statement(comparison.new),
        "similarity": comparison.similarity,
        "mode": comparison.mode.value,
        "blocks": [_block(block, comparison.mode) for block in comparison.blocks],
    }
    if comparison.mode is not Mode.REVISION:
        data["related"] = [_related(hint) for hint in comparison.related]
    data["summary"] = {**summary.counts(), "shifts": shift_counts}
    data["notes"] = list(comparison.notes)
    return data


def _statement(statement: Statement) -> dict[str, Any]:
    return {
        "source": statement.source,
        "meta": json_safe(statement.meta),
        "paragraphs": list(statement.paragraphs),
    }


def _block(block: Block, mode: Mode) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": block.kind.value,
        "old": list(block.old),
        "new": list(block.new),
        "moved": block.moved,
        "score": block.score,
        "diff": [{"op": op.op.value, "old": op.old.strip(), "new": op.new.strip()} for op in block.diff],
        "shifts": [_shift(shift) for shift in block.shifts],
    }
    if mode is not Mode.REVISION:
        data["affinity"] = block.affinity
        data["subject"] = list(block.subject)
        data["passages"] = {"old": _passage(block.passages[0]), "new": _passage(block.passages[1])}
    return data


def _related(hint: Related) -> dict[str, Any]:
    return {"old": hint.old, "new": hint.new, "affinity": hint.affinity, "shares": list(hint.shares)}


def _passage(passage: Passage | None) -> dict[str, int] | None:
    if passage is None:
        return None
    return {
        "first": passage.first,
        "last": passage.last,
        "sentences": passage.sentences,
        "start": passage.start,
        "end": passage.end,
    }


def _shift(shift: Shift) -> dict[str, str | float | bool | None]:
    return {
        "category": shift.category.value,
        "direction": shift.direction.value,
        "old": shift.old,
        "new": shift.new,
        "explanation": shift.explanation,
        "confidence": round(shift.confidence, 2),
        "named_elsewhere": shift.named_elsewhere,
        "old_id": shift.old_id,
        "new_id": shift.new_id,
    }


def json_safe(value: Any) -> Any:
    """Turn YAML values (dates, timestamps, nested mappings) into JSON values."""
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [json_safe(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
