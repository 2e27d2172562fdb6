"""Measure the word diff against arXivEdits' gold edit spans (1,000 revised sentence pairs).

Each pair's tokens are given as they are in the data (space-separated); dipdiff's ``diff_tokens`` and,
as the baseline, difflib's ``SequenceMatcher`` mark tokens as changed. Precision and recall are over
changed tokens on both sides against the union of the gold edits (``edits-combination-0``); "spans"
counts pairs whose changed regions are exactly the gold ones.

    python benchmarks/worddiff_gold.py
"""

from __future__ import annotations

import ast
import difflib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dipdiff.model import Op, Token
from dipdiff.normalise import default_normaliser
from dipdiff.worddiff import diff_tokens

Changed = tuple[set[int], set[int]]


def data_dir() -> Path:
    """The shared statements folder."""
    root = Path(__file__).resolve().parent.parent
    return Path(os.environ.get("DIPDIFF_DATA", root.parent / "shared" / "data"))


def gold(record: dict[str, Any]) -> Changed:
    """Token indices the annotators marked as edited on each side."""
    old: set[int] = set()
    new: set[int] = set()
    edits = record["edits-combination-0"] or {}
    if isinstance(edits, str):
        edits = ast.literal_eval(edits)
    for edit in edits.values():
        for side, key in ((old, "sentence-1-token-indices"), (new, "sentence-2-token-indices")):
            span = edit.get(key)
            if span:
                side.update(range(span[0], span[1]))
    return old, new


def dipdiff_changes(a: list[str], b: list[str]) -> Changed:
    """Tokens dipdiff marks as changed."""
    n = default_normaliser()
    ops = diff_tokens([Token(t, n.key(t), " ") for t in a], [Token(t, n.key(t), " ") for t in b])
    old: set[int] = set()
    new: set[int] = set()
    i = j = 0
    for op in ops:
        di, dj = len(op.old.split()), len(op.new.split())
        if op.op is not Op.EQUAL:
            old.update(range(i, i + di))
            new.update(range(j, j + dj))
        i, j = i + di, j + dj
    return old, new


def difflib_changes(a: list[str], b: list[str]) -> Changed:
    """Tokens difflib marks as changed."""
    old: set[int] = set()
    new: set[int] = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            old.update(range(i1, i2))
            new.update(range(j1, j2))
    return old, new


def evaluate(records: list[dict[str, Any]], method: Callable[[list[str], list[str]], Changed]) -> str:
    """Token-level precision, recall and F1 of a method against gold."""
    tp = predicted = expected = exact = 0
    for record in records:
        a, b = record["sentence-1"].split(), record["sentence-2"].split()
        g_old, g_new = gold(record)
        p_old, p_new = method(a, b)
        tp += len(g_old & p_old) + len(g_new & p_new)
        predicted += len(p_old) + len(p_new)
        expected += len(g_old) + len(g_new)
        exact += (g_old, g_new) == (p_old, p_new)
    p, r = tp / predicted, tp / expected
    f = 2 * p * r / (p + r)
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} exact={exact}/{len(records)}"


def main() -> None:
    folder = data_dir() / "arxivedits_edits" / "data" / "edits"
    records = []
    for split in ("train", "dev", "test"):
        records += json.loads((folder / f"{split}.json").read_text(encoding="utf-8")).values()
    print(f"{len(records)} sentence pairs")
    print(f"dipdiff  {evaluate(records, dipdiff_changes)}")
    print(f"difflib  {evaluate(records, difflib_changes)}")


if __name__ == "__main__":
    main()
