"""Measure paragraph alignment against the GNAT Aesop gold set (two versions of each fable).

Each of the 153 files aligns the sentences of one fable as printed in two different books: different
wording of the same story, the hardest case for an aligner built for revisions. Every sentence is
given to dipdiff as a paragraph; a block pairs every old index with every new index it holds.
Precision, recall and F1 are over gold (i, j) pairs, micro-averaged, beside the ChatGPT-3.5
predictions stored in the same files (their GNAT-tool column is empty in every file).

    python benchmarks/alignment_gold.py [--threshold N] [--unordered] [--mode revision|rewrite|speakers]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
from pathlib import Path

from dipdiff.compare import compare
from dipdiff.model import Mode, Statement
from dipdiff.options import CompareOptions

_PAIR = re.compile(r"\((-?\d+),\s*(-?\d+)\)")


def data_dir() -> Path:
    """The shared statements folder."""
    root = Path(__file__).resolve().parent.parent
    return Path(os.environ.get("DIPDIFF_DATA", root.parent / "shared" / "data"))


def pairs(cell: str) -> set[tuple[int, int]]:
    """Parse "(i, j)" pairs, dropping unaligned (-1) ones."""
    found = {(int(a), int(b)) for a, b in _PAIR.findall(cell or "")}
    return {(a, b) for a, b in found if a >= 0 and b >= 0}


def load(path: Path) -> tuple[list[str], list[str], dict[str, set[tuple[int, int]]]]:
    """Sentences of both versions and each column's alignment pairs."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    old = [r["sent1"].strip() for r in rows if (r.get("sent1") or "").strip()]
    new = [r["sent2"].strip() for r in rows if (r.get("sent2") or "").strip()]
    columns = {}
    for column in ("manual_alignments", "chat_gpt_alignments"):
        columns[column] = set().union(*(pairs(r.get(column, "")) for r in rows))
    return old, new, columns


def predict(old: list[str], new: list[str], options: CompareOptions) -> set[tuple[int, int]]:
    """dipdiff's alignment as (old, new) index pairs."""
    result = compare(Statement("a", tuple(old)), Statement("b", tuple(new)), options)
    return {(i, j) for block in result.blocks for i in block.old for j in block.new}


def score(gold: set[tuple[int, int]], got: set[tuple[int, int]], tally: list[int]) -> None:
    """Add true positives, predictions and gold pairs to the tally."""
    tally[0] += len(gold & got)
    tally[1] += len(got)
    tally[2] += len(gold)


def report(name: str, tally: list[int]) -> str:
    """Precision, recall and F1 from a tally."""
    tp, predicted, gold = tally
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{name:<22} P={p:.3f} R={r:.3f} F1={f:.3f}  ({tp} of {gold} gold, {predicted} predicted)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=CompareOptions().threshold)
    parser.add_argument("--unordered", action="store_true")
    parser.add_argument(
        "--mode", choices=[m.value for m in Mode], help="force a mode (default: chosen per fable)"
    )
    args = parser.parse_args()
    mode = Mode(args.mode) if args.mode else None
    options = CompareOptions(threshold=args.threshold, unordered=args.unordered, classify=False, mode=mode)
    folder = data_dir() / "gnat_aesop_alignment" / "annotated_data"
    tallies = {"dipdiff": [0, 0, 0], "ChatGPT-3.5": [0, 0, 0]}
    files = sorted(folder.glob("*.csv"))
    for path in files:
        old, new, columns = load(path)
        if not old or not new:
            continue
        gold = columns["manual_alignments"]
        score(gold, predict(old, new, options), tallies["dipdiff"])
        score(gold, columns["chat_gpt_alignments"], tallies["ChatGPT-3.5"])
    chosen = f", mode {args.mode}" if args.mode else ""
    print(
        f"{len(files)} fables, threshold {args.threshold:g}{', unordered' if args.unordered else ''}{chosen}"
    )
    for name, tally in tallies.items():
        print(report(name, tally))


if __name__ == "__main__":
    main()
