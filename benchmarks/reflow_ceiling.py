"""How far the ``short60`` layout can go: re-flow's decision at full sentence-final lines against an
oracle that knows which of them end a paragraph.

Usage: ``DIPDIFF_DATA=../shared/data .venv/bin/python benchmarks/reflow_ceiling.py --set fresh4``

In a 60-column greedy wrap with no blank lines or indents (``reflow_layouts.short_layout``), a
paragraph whose last line is full is marked by nothing in the layout: re-flow decides at each
*candidate* (a full line that ends a sentence, ``reflow._find_full_last_lines``) from the lengths of
the statement's paragraphs and the words around it. This script reads every statement of a set
(``reflow_layouts.speech_sets``) back three ways, the rest of re-flow unchanged:

- ``code``: re-flow as it is;
- ``oracle``: a paragraph ends at a candidate exactly when the original paragraph ends there (the
  ceiling of the layout: what is lost then is lost elsewhere, mostly at full lines that end
  mid-sentence, which nothing marks);
- ``never``: no candidate ends a paragraph (the floor a decision must beat).

For each it prints the share of paragraphs that come back exact (as ``reflow_layouts.py`` counts
them), the candidates, the paragraph ends among them, and the ends missed and breaks invented there.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reflow_layouts

from dipdiff.readers import reflow
from dipdiff.readers.sentences import may_end_paragraph

MODES = ("code", "oracle", "never")
WIDTH = 60


def candidates(rows: list, begins: list[bool]) -> list[bool]:
    """The rows that open a sentence after a full line, as ``_find_full_last_lines`` takes them."""
    found = [False] * len(rows)
    for k in range(1, len(rows)):
        previous, row = rows[k - 1], rows[k]
        if begins[k] or row.text[:1].islower():
            continue
        found[k] = may_end_paragraph(previous.text, row.text) or bool(
            previous.text.endswith(":") and reflow._OPENS_QUOTE_OR_LIST().match(row.text)
        )
    return found


def score(statements: list[tuple[str, list[str]]], mode: str) -> tuple[int, int, Counter[str]]:
    """Exact paragraphs, all paragraphs, and counts at the candidates, reading ``statements``
    wrapped at 60 columns with the full-last-line decision made by ``mode``."""
    real = reflow._find_full_last_lines
    firsts: set[int] = set()
    tally: Counter[str] = Counter()

    def decide(rows: list, begins: list[bool], fit: object) -> None:
        candidate = candidates(rows, begins)
        if mode == "code":
            real(rows, begins, fit)
        elif mode == "oracle":
            for k, flag in enumerate(candidate):
                begins[k] = begins[k] or (flag and rows[k].index in firsts)
        for k, flag in enumerate(candidate):
            if flag:
                end = rows[k].index in firsts
                tally["candidates"] += 1
                tally["ends"] += end
                tally["missed"] += end and not begins[k]
                tally["invented"] += begins[k] and not end

    hits = total = 0
    reflow._find_full_last_lines = decide  # type: ignore[assignment]
    try:
        for _, paragraphs in statements:
            lines: list[str] = []
            firsts.clear()
            for paragraph in paragraphs:
                firsts.add(len(lines))
                lines += textwrap.fill(paragraph, WIDTH).split("\n")
            total += len(paragraphs)
            hits += reflow_layouts.exact(paragraphs, "\n".join(lines) + "\n")
    finally:
        reflow._find_full_last_lines = real
    return hits, total, tally


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> None:
    """Print, per set and mode, the exact share and what happened at the candidates."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="dev", choices=reflow_layouts.SET_NAMES)
    parser.add_argument("--limit", type=int, default=0, help="Statements per set (0: all).")
    args = parser.parse_args(argv)
    for name, chosen in reflow_layouts.speech_sets(args.set, args.limit):
        for mode in MODES:
            hits, total, tally = score(chosen, mode)
            out(
                f"{name:8} {mode:6} {len(chosen):4} statements {total:6} paragraphs  exact {hits / total:.4f}"
                f"  candidates {tally['candidates']} ends {tally['ends']} missed {tally['missed']}"
                f" invented {tally['invented']}"
            )


if __name__ == "__main__":
    main()
