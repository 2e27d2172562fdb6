"""How much of the pairing gold set can any pairing rule find? The recall ceiling, by what limits it.

Usage: ``DIPDIFF_DATA=/work/shared/data .venv/bin/python benchmarks/pairing_ceiling.py [--split tuning]
[--gold PATH]``

The gold set's recall counts old paragraphs: one is found when dipdiff pairs it with any acceptable
partner (``pairing_gold.py``). Three things bound what a rule can reach, each counted here over the
split's statement pairs, by the mode the gold set labels them with (every statement pair is compared
once, as ``compare`` reads it, and the content pairing's candidates and affinities are taken from
``pairing_speakers.Replay``, which replays what ``compare`` computed):

1. **Shape of the gold set.** How many paragraphs have several partners, and how many gold pairs are
   one-to-one, one-to-many, many-to-one or many-to-many. A one-to-one pairing can find at most a
   maximum matching of the gold pairs (several old paragraphs labelled with one new paragraph give
   one of them); blocks that grow on one side, as dipdiff's splits and merges do, are not so bound.
2. **Shared units.** Candidates are the paragraph pairs that share a rare unit (``pairing.yaml``,
   ``rare``): a gold pair sharing none is never scored, and every pairing rule also asks for three
   units rare in diplomatic text at large (``strong_units``).
3. **Ranking.** Whether a paragraph's gold partner is its best match by affinity, its second, or
   lower; whether they are each other's best match (what every credible pair of the shipped rules
   is, but for a matter named first and a rewrite's order), and with three strong units.

Counts are of scored paragraphs only (four words or more), as ``pairing_gold.py`` scores them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pairing_gold
import pairing_speakers

import dipdiff.pairing as pairing
from dipdiff.model import Mode

Pair = tuple[int, int]


def max_matching(pairs: Iterable[Pair]) -> int:
    """The size of a maximum one-to-one matching of ``pairs`` (augmenting paths, Kuhn's method)."""
    partners: dict[int, list[int]] = defaultdict(list)
    for i, j in sorted(pairs):
        partners[i].append(j)
    holder: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in partners[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in holder or augment(holder[j], seen):
                holder[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in list(partners))


def shape(gold: set[Pair]) -> Counter[str]:
    """The gold pairs' shape: paragraphs with several partners and pairs by the partners of each end."""
    old_partners = Counter(i for i, _ in gold)
    new_partners = Counter(j for _, j in gold)
    counts: Counter[str] = Counter()
    counts["gold pairs"] = len(gold)
    counts["old paragraphs with a partner"] = len(old_partners)
    counts["new paragraphs with a partner"] = len(new_partners)
    counts["old paragraphs with several partners"] = sum(n > 1 for n in old_partners.values())
    counts["new paragraphs with several partners"] = sum(n > 1 for n in new_partners.values())
    for i, j in gold:
        several = (old_partners[i] > 1, new_partners[j] > 1)
        kind = {
            (False, False): "one-to-one",
            (True, False): "one old to several new",
            (False, True): "several old to one new",
            (True, True): "several to several",
        }[several]
        counts[f"pairs {kind}"] += 1
    counts["one-to-one pairing finds at most"] = max_matching(gold)
    return counts


def ranking(replay: pairing_speakers.Replay) -> Counter[str]:
    """Per gold old paragraph: whether a partner shares a rare unit, three strong units, and where
    the best-ranked partner stands among the paragraph's candidates by affinity."""
    case = replay.case
    counts: Counter[str] = Counter()
    kept = {(i, j) for p in replay.kept for i in p.old for j in p.new}
    best_old, best_new = replay.best
    inner = {(j, i) for i, j in case.gold} if case.swapped else set(case.gold)
    olds = case.scored[0]
    news = case.scored[1]
    for old in sorted({i for i, _ in case.gold if i in olds}):
        # In dipdiff's orientation: this paragraph's side, its partners, and each side's best matches.
        if case.swapped:
            partners = {(k, old) for k, m in inner if m == old and k in news}
            theirs = best_old
            rank = sorted(((v, k) for (k, m), v in replay.scores.items() if m == old), reverse=True)
            ranked = [(k, old) for _, k in rank]
        else:
            partners = {(old, m) for k, m in inner if k == old and m in news}
            theirs = best_new
            rank = sorted(((v, m) for (k, m), v in replay.scores.items() if k == old), reverse=True)
            ranked = [(old, m) for _, m in rank]
        if partners & kept:
            counts["partner kept as near-identical"] += 1
            continue
        scored = [p for p in partners if p in replay.scores]
        if not scored:
            counts["no partner shares a rare unit"] += 1
            continue
        if not any(pairing._strong_enough(replay.affinities, replay.config, *p) for p in scored):
            counts["partners share a rare unit, none three strong units"] += 1
        place = min(ranked.index(p) for p in scored)
        counts[
            {0: "partner is its best match", 1: "partner is its second match"}.get(
                place, "partner is third or lower"
            )
        ] += 1
        if place == 0:
            (i, j) = ranked[0]
            if best_old[i][1] == j and best_new[j][1] == i:
                counts["each other's best match"] += 1
                if pairing._strong_enough(replay.affinities, replay.config, i, j):
                    counts["each other's best match, three strong units"] += 1
        else:
            side = 0 if case.swapped else 1
            if any(theirs[p[side]][1] == old for p in scored if p[side] in theirs):
                counts["not its best match, but a partner's best"] += 1
    return counts


ORDER = (
    "old paragraphs with several partners",
    "new paragraphs with several partners",
    "pairs one-to-one",
    "pairs one old to several new",
    "pairs several old to one new",
    "pairs several to several",
    "one-to-one pairing finds at most",
    "partner kept as near-identical",
    "no partner shares a rare unit",
    "partners share a rare unit, none three strong units",
    "partner is its best match",
    "not its best match, but a partner's best",
    "partner is its second match",
    "partner is third or lower",
    "each other's best match",
    "each other's best match, three strong units",
)
"""The figures in the order they are printed."""


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="tuning", help="as pairing_gold.py takes it (default: tuning)")
    parser.add_argument("--gold", type=Path, default=pairing_gold.GOLD)
    args = parser.parse_args(argv)
    root, entries = pairing_gold.gold_of(args.split, args.gold)
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for mode in (Mode.REWRITE, Mode.SPEAKERS):
        for case in pairing_speakers.cases(entries, root, mode):
            label = case.name.split("/")[0]
            gold = {(i, j) for i, j in case.gold if i in case.scored[0] and j in case.scored[1]}
            counts = shape(gold) + ranking(pairing_speakers.Replay(case))
            counts["statement pairs"] = 1
            for key in (label, "all"):
                totals[key] += counts
    print(f"split {args.split}: the recall ceiling, by the gold set's modes")
    for key in ("rewrite", "speakers", "all"):
        counts = totals[key]
        if not counts:
            continue
        olds, pairs = counts["old paragraphs with a partner"], counts["gold pairs"]
        print(
            f"\n{key}: {counts['statement pairs']} statement pairs, {pairs} gold pairs, {olds} old paragraphs"
        )
        for name in ORDER:
            value = counts[name]
            if name.startswith("pairs "):
                base, whole = "gold pairs", pairs
            elif name.startswith("new "):
                base, whole = "new paragraphs with a partner", counts["new paragraphs with a partner"]
            else:
                base, whole = "old paragraphs with a partner", olds
            print(f"  {name:<52} {value:>5}  {value / whole:.3f} of the {base}")


if __name__ == "__main__":
    main()
