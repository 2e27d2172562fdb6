"""Measure the near-duplicate similarity on real pairs, to justify ``check``'s threshold.

    python benchmarks/check_thresholds.py CORPUS_DIR     # a corpus made by benchmarks/make_corpus.py

Prints, with the word-level similarity ``check`` uses (rapidfuzz Indel ratio over normalised words):
consecutive UN General Debate speeches of each country; every ``supersedes`` pair (real White House
revisions); and the highest-scoring LSH candidate pairs among Security Council resolutions.
"""

from __future__ import annotations

import itertools
import statistics
import sys
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

from dipdiff.align import WordCodes
from dipdiff.check.context import CheckOptions, Context, Item
from dipdiff.check.duplicates import candidate_pairs
from dipdiff.corpus.store import open_corpus
from dipdiff.index import CorpusIndex


def main(root: Path) -> None:
    """Print the similarity figures for the corpus at ``root``."""
    corpus = open_corpus(root)
    with CorpusIndex.for_corpus(root) as cache:
        analyses = cache.analyses(e.path for e in corpus.entries)
        items = [Item(e, analyses[e.path]) for e in corpus.entries]
        context = Context(items, {i.entry.id for i in items}, cache, CheckOptions())
        words: dict[str, list[str]] = {}

        def score(a: Item, b: Item) -> float:
            for item in (a, b):
                if item.entry.id not in words:
                    words[item.entry.id] = context.statement_words(item)
            codes = WordCodes()
            return float(fuzz.ratio(codes.encode(words[a.entry.id]), codes.encode(words[b.entry.id])))

        un: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            if item.speaker.startswith("unga-"):
                un[item.speaker].append(item)
        consecutive = []
        for series in un.values():
            series.sort(key=lambda i: i.entry.relpath.name)
            consecutive += [score(a, b) for a, b in itertools.pairwise(series)]
        if consecutive:
            print(
                f"UN consecutive speeches: {len(consecutive)} pairs, "
                f"median {statistics.median(consecutive):.1f}, max {max(consecutive):.1f}"
            )
        revisions = [
            score(i, context.by_id[i.supersedes])
            for i in items
            if i.supersedes and i.supersedes in context.by_id
        ]
        if revisions:
            below = sum(1 for s in revisions if s < 95)
            print(
                f"supersedes pairs: {len(revisions)}, min {min(revisions):.1f}, median "
                f"{statistics.median(revisions):.1f}, below 95: {below}"
            )
        unsc = [i for i in items if i.speaker == "unsc"]
        if unsc:
            sub = Context(unsc, {i.entry.id for i in unsc}, cache, CheckOptions())
            scores = sorted((score(a, b) for a, b in candidate_pairs(sub)), reverse=True)
            print(
                f"UNSC LSH candidate pairs: {len(scores)}; >=95: {sum(s >= 95 for s in scores)}, "
                f">=90: {sum(s >= 90 for s in scores)}, >=80: {sum(s >= 80 for s in scores)}; "
                f"top {[round(s, 1) for s in scores[:8]]}"
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
