"""How high do unrelated paragraphs' affinities reach, by how many pairs compete? (``pairing.yaml`` ``size``)

Usage: ``DIPDIFF_DATA=../shared/data .venv/bin/python benchmarks/pairing_noise.py [--split dev,heldout,...]``

Pairs are shown in the rewrite and speakers modes when their affinity reaches the mode's credible
affinity. Among N candidate pairs, the best chance match between unrelated paragraphs climbs with N:
two fables of six sentences offer 36 pairs, two UN speeches of forty paragraphs 1,600. This script
pools the affinity of every pair of scored paragraphs that the gold set (``tests/data/pairing/``) does
not pair, over the chosen splits, and reads off the affinity that one such pair in N exceeds (the
quantile 1 - 1/N) for N from 20 to 3,000. It prints that curve, the least-squares slope of it on
ln N (the affinity gained per e-fold more candidates), and the median number of paragraph pairs of
the chosen statement pairs: the size at which the modes' affinities were calibrated.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pairing_gold
import pairing_signals

SIZES = (20, 35, 50, 100, 200, 500, 1000, 2000, 3000)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev,heldout,heldout2,heldout3", help="comma-separated splits")
    args = parser.parse_args(argv)
    root, entries = pairing_gold.gold_of(args.split)
    import numpy as np

    unrelated: list[float] = []
    sizes: list[int] = []
    for statements in pairing_signals.statements(entries, root):
        affinity = pairing_signals.score(statements, None).scores["affinity"]
        olds, news = statements.scored
        sizes.append(len(statements.old) * len(statements.new))
        unrelated += [affinity[i, j] for i in olds for j in news if (i, j) not in statements.gold]
    values = np.array(unrelated)
    reached = [float(np.quantile(values, 1.0 - 1.0 / n)) for n in SIZES]
    logs = [math.log(n) for n in SIZES]
    slope = statistics.linear_regression(logs, reached).slope
    print(f"splits {args.split}: {len(sizes)} statement pairs, {len(values)} unrelated paragraph pairs")
    print("candidates  affinity one unrelated pair in N reaches")
    for n, value in zip(SIZES, reached, strict=True):
        print(f"{n:>10}  {value:5.1f}")
    print(f"slope per e-fold: {slope:.2f}")
    print(f"median paragraph pairs of a statement pair: {statistics.median(sizes):g}")


if __name__ == "__main__":
    main()
