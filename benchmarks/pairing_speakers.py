"""Two speakers: what could make more of their paragraphs credible pairs? Measured against the gold set.

Usage: ``DIPDIFF_DATA=/work/shared/data .venv/bin/python benchmarks/pairing_speakers.py [--split tuning]
[--gold PATH]``

Every statement pair of the split that ``dipdiff compare`` reads in the ``speakers`` mode is compared
once, and the content pairing is replayed on what ``compare`` handed it (the same paragraphs, units,
weights and candidate affinities; ``compare`` is wrapped, not copied), so a rule can be tried without
touching the library. Three figures, each counted as ``pairing_gold.py`` counts pairs (paragraphs of
fewer than four words left out):

1. **Levels.** Pairs (precision, right / made) and recall at each credible affinity, under dipdiff's
   rule (each other's best match, three strong units, groups at the attach affinity) and under one-to-
   one assignment over all candidate affinities (``scipy.optimize.linear_sum_assignment``, the
   Hungarian method) with the same level and strong units. The first line at the shipped level must
   give what ``pairing_gold.py`` gives for these statement pairs: the replay is checked, not assumed.
2. **Weighting.** The same curve when a unit's weight among the compared paragraphs is its IDF in each
   statement apart (the rarer, or the mean, of the two) instead of over both pooled: a speaker's
   own refrain ("the peninsula" in every paragraph of the DPRK's) then weighs little even where the
   other speaker uses it once.
3. **Sorting the near misses.** Each other's best matches below the credible level (from 10, moved by
   size; three strong units): how many are right, and how well each feature sorts them (the area
   under the ROC curve, and the right ones among the first N): affinity; the margin over each side's
   runner-up; strong units shared; the part of the affinity carried by units that no other unpaired
   paragraph on either side holds (``exclusive``), or weighed down by how many hold them
   (``specific``); the part carried by names and lexicon terms. A rule can only add pairs nine times
   in ten right where some feature puts nine right ones in ten at the top.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pairing_gold

import dipdiff.compare
import dipdiff.pairing as pairing
from dipdiff.model import Mode
from dipdiff.options import CompareOptions
from dipdiff.pairing.content import Affinities
from dipdiff.pairing.units import Weights, background, language_of, units_of
from dipdiff.readers import read_statement

Pair = tuple[int, int]
Scores = Mapping[Pair, float]
LEVELS = [x / 2 for x in range(28, 49)]
"""Credible affinities tried (14 to 24, before moving by size)."""


class Case(NamedTuple):
    """One statement pair as the content pairing saw it, with its gold pairs."""

    name: str
    gold: set[Pair]
    """Acceptable (old, new) pairs, in the orientation of the statements as given."""
    scored: tuple[set[int], set[int]]
    swapped: bool
    """``compare`` read the statements the other way round (its canonical orientation)."""
    inputs: tuple[Any, ...]
    """What ``pair_by_content`` was given: old and new sides, alignment, options, mode, lexicon."""
    made: set[Pair]
    """The pairs ``compare`` made (scored paragraphs only)."""


@contextlib.contextmanager
def recording() -> Iterator[list[tuple[Any, ...]]]:
    """Record what ``compare`` hands the content pairing, and what it gets back."""
    calls: list[tuple[Any, ...]] = []
    original = dipdiff.compare.pair_by_content

    def wrapped(*args: Any) -> Any:
        result = original(*args)
        calls.append((*args, result))
        return result

    dipdiff.compare.pair_by_content = wrapped
    try:
        yield calls
    finally:
        dipdiff.compare.pair_by_content = original


def cases(entries: Sequence[dict[str, Any]], root: Path, mode: Mode = Mode.SPEAKERS) -> list[Case]:
    """The statement pairs that ``compare`` reads in ``mode`` (the speakers mode by default)."""
    found = []
    for entry in entries:
        old = read_statement(str(root / entry["old"]))
        new = read_statement(str(root / entry["new"]))
        with recording() as calls:
            result = dipdiff.compare.compare(old, new, CompareOptions(classify=False))
        if result.mode is not mode or not calls:
            continue
        *inputs, content = calls[-1]
        inner = {(i, j) for p in content.alignment.pairings for i in p.old for j in p.new}
        every = set(pairing_gold.predicted_pairs(result.blocks))
        swapped = inner != every
        if swapped and {(j, i) for i, j in inner} != every:
            raise SystemExit(f"{entry['id']}: the recorded pairing is not the comparison's")
        gold = pairing_gold.gold_pairs(entry, result.old.paragraphs, result.new.paragraphs)
        scored = (pairing_gold.scored(result.old.paragraphs), pairing_gold.scored(result.new.paragraphs))
        made = {(i, j) for i, j in every if i in scored[0] and j in scored[1]}
        found.append(Case(entry["id"], gold, scored, swapped, tuple(inputs), made))
    return found


class Replay:
    """The content pairing of one case, taken apart so that its rule can be varied."""

    def __init__(self, case: Case, weighting: str | None = None) -> None:
        old, new, alignment, options, _mode, lexicon = case.inputs
        self.case = case
        self.mode = _mode
        self.config = pairing.settings()["affinity"]
        tier = self.config["paired"][_mode.value]
        joined = pairing._joined(alignment.pairings, old.words, new.words)
        self.kept = [
            p
            for p, (a, b) in zip(alignment.pairings, joined, strict=True)
            if pairing._indel(a, b) >= options.threshold
        ]
        old_units = [units_of(text, lexicon) for text in old.texts]
        new_units = [units_of(text, lexicon) for text in new.texts]
        olds, news = [u.distinct for u in old_units], [u.distinct for u in new_units]
        table = background(language_of(old.texts))
        weights = (
            Weights([*olds, *news], table) if weighting is None else SideWeights(olds, news, table, weighting)
        )
        self.affinities = Affinities([u.counts for u in old_units], [u.counts for u in new_units], weights)
        used_old = {i for p in self.kept for i in p.old}
        used_new = {j for p in self.kept for j in p.new}
        self.free_old = [i for i in range(len(old.texts)) if i not in used_old]
        self.free_new = [j for j in range(len(new.texts)) if j not in used_new]
        self.scores = self.affinities.scores(
            self.free_old, self.free_new, float(self.config["rare"]), int(self.config["candidate_pairs"])
        )
        self.offset = pairing.size_offset(len(self.free_old) * len(self.free_new), self.config["size"])
        self.shipped, self.attach = pairing.levels(
            tier, len(self.free_old) * len(self.free_new), self.config["size"]
        )
        self.best = pairing._best_matches(self.scores)

    def level(self, credible: float) -> float:
        """A credible affinity moved by this statement pair's size, as the library moves it."""
        return max(credible + self.offset, float(self.config["size"]["floor"]))

    def mutual(self, least: float) -> dict[Pair, float]:
        """dipdiff's credible pairs at ``least``."""
        return pairing._credible(self.scores, self.best, self.affinities, self.config, least)

    def credible(self, least: float, named: bool = True) -> dict[Pair, float]:
        """The library's credible pairs at ``least``: each other's best matches and, unless ``named``
        is false, the matters named first on both sides (``pairing.named_matters``)."""
        found = self.mutual(least)
        if named:
            level = float(self.config["named"]["least"]) + self.offset
            for pair, value in pairing.named_matters(
                self.scores, self.affinities, self.config, level, self.mode
            ).items():
                found.setdefault(pair, value)
        return found

    def assigned(self, least: float) -> dict[Pair, float]:
        """One-to-one assignment over every candidate affinity, kept at ``least`` with strong units."""
        import numpy as np
        from scipy.optimize import linear_sum_assignment

        rows = {i: n for n, i in enumerate(self.free_old)}
        cols = {j: n for n, j in enumerate(self.free_new)}
        matrix = np.zeros((len(rows), len(cols)))
        for (i, j), value in self.scores.items():
            matrix[rows[i], cols[j]] = value
        found = {}
        for r, c in zip(*linear_sum_assignment(-matrix), strict=True):
            i, j = self.free_old[r], self.free_new[c]
            if matrix[r, c] >= least and pairing._strong_enough(self.affinities, self.config, i, j):
                found[i, j] = float(matrix[r, c])
        return found

    def pairs(self, credible: Scores) -> set[Pair]:
        """The scored (old, new) pairs the library would show with these credible pairs."""
        found = pairing._attached(
            pairing._best_first(credible), self.best, self.affinities, self.config, self.attach
        )
        made = {(i, j) for p in [*self.kept, *found] for i in p.old for j in p.new}
        return self.oriented(made)

    def oriented(self, made: set[Pair]) -> set[Pair]:
        """Pairs in the orientation of the gold set, scored paragraphs only."""
        olds, news = self.case.scored
        turned = {(j, i) for i, j in made} if self.case.swapped else made
        return {(i, j) for i, j in turned if i in olds and j in news}


class SideWeights(Weights):
    """Weights whose IDF among the compared paragraphs is taken in each statement apart."""

    def __init__(
        self, olds: Sequence[frozenset[str]], news: Sequence[frozenset[str]], table: Any, how: str
    ) -> None:
        super().__init__([*olds, *news], table)
        self._sides = [_idf(olds), _idf(news)]
        self._how = how

    def __getitem__(self, unit: str) -> float:
        values = [idf.get(unit, math.log(n + 1) + 0.7) for idf, n in self._sides]
        local = min(values) if self._how == "min" else sum(values) / 2
        background_idf = self._table.idf.get(unit, self._table.unlisted)
        drawn = (self._count * local + self._prior * background_idf) / (self._count + self._prior)
        return math.sqrt(max(drawn, 0.0) * background_idf)


def _idf(paragraphs: Sequence[frozenset[str]]) -> tuple[dict[str, float], int]:
    df: Counter[str] = Counter()
    for units in paragraphs:
        df.update(units)
    n = len(paragraphs)
    return {unit: math.log((n + 1) / (k + 0.5)) for unit, k in df.items()}, n


class Tally(NamedTuple):
    right: int
    made: int
    found: int
    covered: int

    def line(self) -> str:
        precision = f"{self.right / self.made:.3f}" if self.made else "  -  "
        return f"P {precision} ({self.right:>2}/{self.made:<2}) R {self.found / self.covered:.3f}"


def count(replays: Sequence[Replay], rule: Callable[[Replay], set[Pair]]) -> Tally:
    """Pairs right, made, gold paragraphs found and gold paragraphs, over every case."""
    right = made = found = covered = 0
    for replay in replays:
        pairs, gold = rule(replay), replay.case.gold
        right += len(pairs & gold)
        made += len(pairs)
        found += len({i for i, j in pairs if (i, j) in gold})
        covered += len({i for i, _ in gold})
    return Tally(right, made, found, covered)


def near_misses(replay: Replay) -> list[tuple[bool, dict[str, float]]]:
    """Each other's best matches below the shipped credible level, from 10 (moved by size), sharing
    three strong units: whether each is right, and its features."""
    aff, (best_old, best_new) = replay.affinities, replay.best
    holders_old: dict[str, set[int]] = {}
    holders_new: dict[str, set[int]] = {}
    for i in replay.free_old:
        for unit in aff.old[i]:
            holders_old.setdefault(unit, set()).add(i)
    for j in replay.free_new:
        for unit in aff.new[j]:
            holders_new.setdefault(unit, set()).add(j)
    by_old: dict[int, list[float]] = {}
    by_new: dict[int, list[float]] = {}
    for (i, j), value in replay.scores.items():
        by_old.setdefault(i, []).append(value)
        by_new.setdefault(j, []).append(value)
    found = []
    for (i, j), value in replay.scores.items():
        if (
            value >= replay.shipped
            or value - replay.offset < 10
            or best_old[i][1] != j
            or best_new[j][1] != i
        ):
            continue
        if not pairing._strong_enough(aff, replay.config, i, j) or not replay.oriented({(i, j)}):
            continue
        shared = aff.old[i] & aff.new[j]
        part = {u: 100 * aff._old[i][u] * aff._new[j][u] for u in shared}
        runner = [sorted(by_old[i])[-2:][0] if len(by_old[i]) > 1 else 0.0]
        runner.append(sorted(by_new[j])[-2:][0] if len(by_new[j]) > 1 else 0.0)
        features = {
            "affinity": value - replay.offset,
            "margin": value - max(runner),
            "strong units": float(
                sum(aff.rarity(u) >= float(replay.config["strong_weight"]) for u in shared)
            ),
            "exclusive": sum(v for u, v in part.items() if len(holders_old[u]) == 1 == len(holders_new[u])),
            "specific": sum(v / (len(holders_old[u]) * len(holders_new[u])) for u, v in part.items()),
            "names and terms": sum(v for u, v in part.items() if u[0] in "@#"),
        }
        (pair,) = replay.oriented({(i, j)})
        found.append((pair in replay.case.gold, features))
    return found


def sorting(rows: Sequence[tuple[bool, dict[str, float]]]) -> None:
    """How well each feature puts the right near misses first."""
    right = sum(ok for ok, _ in rows)
    print(f"\n3. each other's best matches below the credible level: {len(rows)}, right {right}")
    for name in rows[0][1] if rows else ():
        values = sorted(rows, key=lambda row: -row[1][name])
        positives = [f[name] for ok, f in rows if ok]
        negatives = [f[name] for ok, f in rows if not ok]
        pairs = len(positives) * len(negatives)
        auc = sum((p > q) + 0.5 * (p == q) for p in positives for q in negatives) / pairs if pairs else 0.0
        tops = "  ".join(f"first {n}: {sum(ok for ok, _ in values[:n])}" for n in (5, 10, 20))
        print(f"   {name:<16} AUC {auc:.3f}  {tops}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="tuning", help="as pairing_gold.py takes it (default: tuning)")
    parser.add_argument("--gold", type=Path, default=pairing_gold.GOLD)
    args = parser.parse_args(argv)
    root, entries = pairing_gold.gold_of(args.split, args.gold)
    found = cases(entries, root)
    replays = [Replay(case) for case in found]
    shipped = count(replays, lambda r: r.pairs(r.credible(r.shipped)))
    compared = Tally(*(sum(x) for x in zip(*(_made(c) for c in found), strict=True)))
    print(f"split {args.split}: {len(found)} statement pairs read in the speakers mode")
    print(f"compare (pairing_gold.py):   {compared.line()}")
    print(f"replayed at shipped levels:  {shipped.line()}")
    if shipped != compared:
        raise SystemExit("the replay does not reproduce compare: fix it before reading its figures")
    named = count(replays, lambda r: r.pairs(r.credible(r.shipped, named=False)))
    print(f"without the named matters:   {named.line()}")
    print("\n1. credible level (before moving by size): each other's best match | one-to-one assignment")
    print("   (both without the named matters)")
    for least in LEVELS:
        mutual = count(replays, lambda r, v=least: r.pairs(r.mutual(r.level(v))))
        assigned = count(replays, lambda r, v=least: r.pairs(r.assigned(r.level(v))))
        print(f"   {least:>4g}: {mutual.line()} | {assigned.line()}")
    print("\n2. weighting (without the named matters): pooled IDF (shipped) | each statement's, the rarer")
    print("   | each statement's, the mean")
    sides = {how: [Replay(case, how) for case in found] for how in ("min", "mean")}
    for least in LEVELS:
        cells = [count(replays, lambda r, v=least: r.pairs(r.mutual(r.level(v))))]
        cells += [
            count(sides[how], lambda r, v=least: r.pairs(r.mutual(r.level(v)))) for how in ("min", "mean")
        ]
        print(f"   {least:>4g}: " + " | ".join(cell.line() for cell in cells))
    sorting([row for replay in replays for row in near_misses(replay)])


def _made(case: Case) -> tuple[int, int, int, int]:
    found = {i for i, j in case.made if (i, j) in case.gold}
    return len(case.made & case.gold), len(case.made), len(found), len({i for i, _ in case.gold})


if __name__ == "__main__":
    main()
