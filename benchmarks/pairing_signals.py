"""Measure candidate signals for pairing rewritten statements and two speakers, against the gold set.

Usage: ``DIPDIFF_DATA=/work/shared/data .venv/bin/python benchmarks/pairing_signals.py
[--split dev,heldout,heldout2,heldout3] [--corpus] [--hints]``

For every statement pair of the chosen splits (the splits tuned on, by default), every pair of paragraphs
long enough to be scored gets a score from each signal, and two figures are reported per signal:

- **ranking**: of the old paragraphs the gold set pairs with something, the share whose highest-scoring
  new paragraph is an acceptable partner (what any rule that pairs a paragraph with its best match can
  reach at most);
- **curve**: precision and recall, as ``pairing_gold.py`` counts them, of the rule dipdiff uses (each
  other's best match, at or above a score, sharing three units rare in diplomatic text), at the score
  that gives about a given recall on the splits measured.

Signals: ``affinity`` (dipdiff's, ``pairing.content``); ``sentences`` (the best pair of sentences,
each a vector as a paragraph is); ``passage`` (the better of each paragraph's best sentence against
the whole other paragraph); ``affinity+sentences`` (their mean); ``neighbours`` (affinity plus a fifth
of the better neighbouring pair's, in-order context; rewrites only). With ``--corpus`` (a pass over
every shared statement, a few minutes): ``phrases`` (content-word pairs as units, weighed by their own
background table), ``topical`` (each unit's weight scaled by its residual IDF, Church and Gale 1995,
"Inverse document frequency (IDF): a measure of deviations from Poisson"), and ``topics`` (affinity
plus half the cosine of latent topic vectors from a rank-100 factorisation of the units' positive
pointwise mutual information across paragraphs, Levy and Goldberg 2014).

With ``--hints``, the second tier instead: dipdiff's pairs are taken as ``compare`` makes them, and
each signal proposes hints as dipdiff does with affinity (a paragraph's best match on either side, at
or above a floor, three strong units, not a pair made nor between two paragraphs both paired);
``affinity|passage`` adds the passage signal's best matches to affinity's at floor 14 (a partner
linked through one sentence inside a long paragraph). For each floor: the share of hints that are
right and the recall of the pairs and hints together, beside what dipdiff's own hints give.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, cast

sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

import pairing_gold

from dipdiff.align import WordCodes
from dipdiff.compare import _side, default_normaliser, tokenise_statement
from dipdiff.pairing.content import Affinities
from dipdiff.pairing.units import Background, Units, Weights, background, language_of, units_of
from dipdiff.readers import InputFormat, read_statement
from dipdiff.shifts import load_lexicon

Pair = tuple[int, int]
STRONG = 3.0
"""Background IDF of a unit rare in diplomatic text (``pairing.yaml``, ``strong_weight``)."""
RECALLS = (0.2, 0.3, 0.35)
"""Recall levels at which each signal's precision is read off its curve."""


class Statements(NamedTuple):
    """One gold statement pair as the signals read it."""

    id: str
    mode: str
    old: list[Units]
    new: list[Units]
    old_sentences: list[list[tuple[int, int]]]
    new_sentences: list[list[tuple[int, int]]]
    scored: tuple[list[int], list[int]]
    gold: set[Pair]
    language: str


def statements(entries: Sequence[dict[str, Any]], root: Path) -> Iterator[Statements]:
    """Each gold statement pair, read and split into units and sentences."""
    lexicon = load_lexicon()
    normaliser = default_normaliser()
    for entry in entries:
        old = tokenise_statement(read_statement(str(root / entry["old"])), normaliser)
        new = tokenise_statement(read_statement(str(root / entry["new"])), normaliser)
        codes = WordCodes()
        old_side = _side(old, [codes.encode(keys) for keys in old.keys])
        new_side = _side(new, [codes.encode(keys) for keys in new.keys])
        yield Statements(
            entry["id"],
            entry["mode"],
            [units_of(text, lexicon) for text in old_side.texts],
            [units_of(text, lexicon) for text in new_side.texts],
            [old_side.sentences(i) for i in range(len(old_side.texts))],
            [new_side.sentences(j) for j in range(len(new_side.texts))],
            (
                sorted(pairing_gold.scored(old.statement.paragraphs)),
                sorted(pairing_gold.scored(new.statement.paragraphs)),
            ),
            pairing_gold.gold_pairs(entry, old.statement.paragraphs, new.statement.paragraphs),
            language_of(old_side.texts),
        )


def by_sentence(units: Units, spans: Sequence[tuple[int, int]]) -> list[Counter[str]]:
    """A paragraph's units, counted sentence by sentence."""
    groups: list[Counter[str]] = [Counter() for _ in spans] or [Counter()]
    s = 0
    for unit, start in zip(units.found, units.starts, strict=True):
        while s + 1 < len(spans) and start >= spans[s][1]:
            s += 1
        groups[s][unit] += 1
    return groups


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return 100.0 * sum(value * b[unit] for unit, value in a.items() if unit in b)


class Scored(NamedTuple):
    """Every signal's score of every scored pair of one statement pair, and its shared strong units."""

    statements: Statements
    scores: dict[str, dict[Pair, float]]
    strong: dict[Pair, int]


def score(st: Statements, corpus: Corpus | None) -> Scored:
    """Each signal's scores of one statement pair."""
    table = background(st.language)
    weights = Weights([*(u.distinct for u in st.old), *(u.distinct for u in st.new)], table)
    affinities = Affinities([u.counts for u in st.old], [u.counts for u in st.new], weights)
    olds, news = st.scored
    pairs = [(i, j) for i in olds for j in news]
    vector = affinities._vector
    old_sent = {i: [vector(c) for c in by_sentence(st.old[i], st.old_sentences[i])] for i in olds}
    new_sent = {j: [vector(c) for c in by_sentence(st.new[j], st.new_sentences[j])] for j in news}
    affinity = {(i, j): affinities.score(i, j) for i, j in pairs}
    sentences = {(i, j): max(cosine(a, b) for a in old_sent[i] for b in new_sent[j]) for i, j in pairs}
    passage = {
        (i, j): max(
            max(cosine(a, affinities._new[j]) for a in old_sent[i]),
            max(cosine(affinities._old[i], b) for b in new_sent[j]),
        )
        for i, j in pairs
    }
    scores = {
        "affinity": affinity,
        "sentences": sentences,
        "passage": passage,
        "affinity+sentences": {p: (affinity[p] + sentences[p]) / 2 for p in pairs},
        "neighbours": {
            (i, j): affinity[i, j]
            + (
                0.2 * max(affinity.get((i - 1, j - 1), 0.0), affinity.get((i + 1, j + 1), 0.0))
                if st.mode == "rewrite"
                else 0.0
            )
            for i, j in pairs
        },
    }
    if corpus is not None and st.language == "en":
        scores.update(corpus.scores(st, weights, affinity, pairs))
    strong = {
        (i, j): sum(affinities.rarity(u) >= STRONG for u in affinities.old[i] & affinities.new[j])
        for i, j in pairs
    }
    return Scored(st, scores, strong)


class _Topical:
    """Weights scaled by how topical a unit is: its residual IDF over 0.2, at most 1 (units seen fewer
    than 20 times keep their weight)."""

    def __init__(self, weights: Weights, ridf: Mapping[str, float]) -> None:
        self.weights, self.ridf, self.rarity = weights, ridf, weights.rarity

    def __getitem__(self, unit: str) -> float:
        scale = min(1.0, self.ridf[unit] / 0.2) if unit in self.ridf else 1.0
        return float(self.weights[unit] * max(scale, 0.0))


class Corpus:
    """Statistics of every shared English statement's paragraphs, for the corpus signals."""

    def __init__(self, root: Path) -> None:
        import numpy as np

        lexicon = load_lexicon()
        self.table = background("en")
        paragraphs: list[tuple[str, ...]] = []
        for pattern in ("ungdc/TXT/**/*.txt", "whitehouse_briefings/current/**/*.md"):
            for path in sorted(root.glob(pattern)):
                statement = read_statement(str(path), InputFormat.AUTO)
                lengths = [len(p) for p in statement.paragraphs]
                if pattern.startswith("ungdc") and statistics.median(lengths) < 120:
                    continue  # hard-wrapped: its lines are not paragraphs (as build_background.py)
                paragraphs.extend(units_of(p, lexicon).found for p in statement.paragraphs)
        count = len(paragraphs)
        df: Counter[str] = Counter()
        cf: Counter[str] = Counter()
        pairs_df: Counter[str] = Counter()
        for found in paragraphs:
            df.update(set(found))
            cf.update(found)
            pairs_df.update(set(self.phrases(found)))
        self.ridf = {
            u: math.log(count / n) + math.log(1 - math.exp(-cf[u] / count))
            for u, n in df.items()
            if cf[u] >= 20
        }
        self.phrase_idf = {p: math.log(count / n) for p, n in pairs_df.items() if n >= 3}
        vocab = [u for u, n in df.most_common() if 5 <= n <= 0.1 * count][:6000]
        index = {u: k for k, u in enumerate(vocab)}
        cooc = np.zeros((len(vocab), len(vocab)), dtype=np.float32)
        for first in range(0, count, 4000):
            block = np.zeros((min(4000, count - first), len(vocab)), dtype=np.float32)
            for row, found in enumerate(paragraphs[first : first + 4000]):
                for unit in set(found):
                    if (k := index.get(unit)) is not None:
                        block[row, k] = 1
            cooc += block.T @ block
        held = np.diag(cooc).copy()
        np.fill_diagonal(cooc, 0)
        pmi = np.log(np.maximum(cooc, 1e-9) * count / np.outer(held, held))
        pmi[cooc < 2] = 0
        values, vectors = np.linalg.eigh(np.maximum(pmi, 0).astype(np.float32))
        top = np.argsort(values)[::-1][:100]
        embedding = vectors[:, top] * np.sqrt(np.maximum(values[top], 0))
        embedding /= np.linalg.norm(embedding, axis=1, keepdims=True) + 1e-9
        self.index, self.embedding = index, embedding

    def phrases(self, found: Sequence[str]) -> list[str]:
        """Pairs of adjacent content units (each rarer than IDF 2 in the background; names count)."""

        def content(unit: str) -> bool:
            return unit[0] == "@" or (unit[0] != "#" and self.table.idf.get(unit, self.table.unlisted) >= 2)

        return [f"{a}_{b}" for a, b in itertools.pairwise(found) if content(a) and content(b)]

    def scores(
        self, st: Statements, weights: Weights, affinity: Mapping[Pair, float], pairs: Sequence[Pair]
    ) -> dict[str, dict[Pair, float]]:
        import numpy as np

        def with_phrases(units: Units) -> Counter[str]:
            return Counter(units.found) + Counter(self.phrases(units.found))

        old_c, new_c = [with_phrases(u) for u in st.old], [with_phrases(u) for u in st.new]
        table = Background({**self.table.idf, **self.phrase_idf}, self.table.unlisted)
        phrase_weights = Weights([*map(frozenset, old_c), *map(frozenset, new_c)], table)
        phrases = Affinities(old_c, new_c, phrase_weights)

        topical_weights = cast("Weights", _Topical(weights, self.ridf))
        topical = Affinities([u.counts for u in st.old], [u.counts for u in st.new], topical_weights)

        def topic(units: Units) -> Any:
            v = np.zeros(self.embedding.shape[1], dtype=np.float32)
            for unit, n in units.counts.items():
                if (k := self.index.get(unit)) is not None:
                    v += weights[unit] * (1 + math.log(n)) * self.embedding[k]
            norm = np.linalg.norm(v)
            return v / norm if norm else v

        old_t, new_t = [topic(u) for u in st.old], [topic(u) for u in st.new]
        return {
            "phrases": {(i, j): phrases.score(i, j) for i, j in pairs},
            "topical": {(i, j): topical.score(i, j) for i, j in pairs},
            "topics": {(i, j): affinity[i, j] + 50.0 * float(old_t[i] @ new_t[j]) for i, j in pairs},
        }


def ranking(scored: Sequence[Scored], signal: str) -> float:
    """Share of gold old paragraphs whose best-scoring partner is acceptable."""
    right = total = 0
    for s in scored:
        if signal not in s.scores:
            continue
        partners: dict[int, set[int]] = defaultdict(set)
        for i, j in s.statements.gold:
            partners[i].add(j)
        values = s.scores[signal]
        for i, acceptable in partners.items():
            best = max(s.statements.scored[1], key=lambda j: values[i, j])
            right += best in acceptable
            total += 1
    return right / total if total else float("nan")


def made(s: Scored, signal: str, least: float) -> set[Pair]:
    """Pairs the rule makes: each other's best match, at or above ``least``, three strong units."""
    values = s.scores[signal]
    best_old: dict[int, float] = defaultdict(float)
    best_new: dict[int, float] = defaultdict(float)
    for (i, j), v in values.items():
        best_old[i] = max(best_old[i], v)
        best_new[j] = max(best_new[j], v)
    return {
        (i, j)
        for (i, j), v in values.items()
        if v >= least and v >= best_old[i] and v >= best_new[j] and s.strong[i, j] >= 3
    }


def curve(scored: Sequence[Scored], signal: str) -> list[tuple[float, float, float]]:
    """(threshold, precision, recall) of the rule over every threshold the scores offer."""
    chosen = [s for s in scored if signal in s.scores]
    levels = sorted({round(v, 1) for s in chosen for v in s.scores[signal].values() if v > 0})
    points = []
    for least in levels[:: max(1, len(levels) // 400)]:
        right = n = found = total = 0
        for s in chosen:
            pairs = made(s, signal, least)
            right += len(pairs & s.statements.gold)
            n += len(pairs)
            found += len({i for i, j in pairs if (i, j) in s.statements.gold})
            total += len({i for i, _ in s.statements.gold})
        if n:
            points.append((least, right / n, found / total))
    return points


def at_recall(points: Sequence[tuple[float, float, float]], recall: float) -> str:
    """The best precision the curve gives at or above ``recall``."""
    reached = [p for p in points if p[2] >= recall]
    return f"{max(p[1] for p in reached):.2f}" if reached else "   -"


HINT_FLOORS = (10, 12, 14, 16, 18, 20, 24)
"""Floors at which each signal's hints are read."""


def hinted(s: Scored, signal: str, least: float, paired: set[Pair]) -> set[Pair]:
    """Each paragraph's best match on ``signal`` (either side), at or above ``least``, three strong
    units, neither a pair made nor between two paragraphs both paired."""
    values = s.scores[signal]
    best_old: dict[int, tuple[float, Pair]] = {}
    best_new: dict[int, tuple[float, Pair]] = {}
    for (i, j), v in values.items():
        if v > best_old.get(i, (0.0, (i, j)))[0]:
            best_old[i] = (v, (i, j))
        if v > best_new.get(j, (0.0, (i, j)))[0]:
            best_new[j] = (v, (i, j))
    olds, news = {i for i, _ in paired}, {j for _, j in paired}
    return {
        (i, j)
        for v, (i, j) in (*best_old.values(), *best_new.values())
        if v >= least and s.strong[i, j] >= 3 and (i, j) not in paired and not (i in olds and j in news)
    }


def hint_figures(scored: Sequence[Scored], entries: Sequence[dict[str, Any]], root: Path) -> None:
    """Print, per gold mode, the hints' precision and the recall of pairs and hints for each signal."""
    from dipdiff.compare import compare
    from dipdiff.options import CompareOptions

    made_by: dict[str, tuple[set[Pair], set[Pair]]] = {}
    for entry in entries:
        result = compare(
            read_statement(str(root / entry["old"])),
            read_statement(str(root / entry["new"])),
            CompareOptions(classify=False),
        )
        made_by[entry["id"]] = (
            set(pairing_gold.predicted_pairs(result.blocks)),
            {(h.old, h.new) for h in result.related},
        )
    proposals: dict[str, Any] = {"dipdiff": lambda s, paired, least: made_by[s.statements.id][1]}
    for signal in ("affinity", "passage", "sentences"):
        proposals[signal] = lambda s, paired, least, signal=signal: hinted(s, signal, least, paired)
    proposals["affinity|passage"] = lambda s, paired, least: (
        hinted(s, "affinity", 14, paired) | hinted(s, "passage", least, paired)
    )
    for mode in ("rewrite", "speakers"):
        chosen = [s for s in scored if s.statements.mode == mode]
        print(f"\n{mode}: hints right, recall of pairs and hints (floor: P/R)")
        for name, propose in proposals.items():
            cells = []
            for least in HINT_FLOORS if name != "dipdiff" else (0,):
                right = n = found = total = 0
                for s in chosen:
                    olds, news = (set(side) for side in s.statements.scored)
                    paired = {(i, j) for i, j in made_by[s.statements.id][0] if i in olds and j in news}
                    hints = {(i, j) for i, j in propose(s, paired, least) if i in olds and j in news}
                    gold = s.statements.gold
                    right += len(hints & gold)
                    n += len(hints)
                    found += len({i for i, j in paired | hints if (i, j) in gold})
                    total += len({i for i, _ in gold})
                label = "" if name == "dipdiff" else f"{least}: "
                cells.append(f"{label}{right / n if n else float('nan'):.2f}/{found / total:.2f}")
            print(f"  {name:<17} " + "  ".join(cells))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev,heldout,heldout2,heldout3", help="comma-separated splits")
    parser.add_argument("--corpus", action="store_true", help="also the signals that read every statement")
    parser.add_argument("--hints", action="store_true", help="the second tier: hints below dipdiff's pairs")
    args = parser.parse_args(argv)
    root, entries = pairing_gold.gold_of(args.split)
    corpus = Corpus(root) if args.corpus else None
    scored = [score(st, corpus) for st in statements(entries, root)]
    gold_old = sum(len({i for i, _ in s.statements.gold}) for s in scored)
    print(f"splits {args.split}: {len(scored)} statement pairs, {gold_old} gold old paragraphs")
    if args.hints:
        hint_figures(scored, entries, root)
        return
    print(f"{'signal':<20} {'ranking':>7}  " + "  ".join(f"P@R{r:.2f}" for r in RECALLS))
    signals: dict[str, None] = {}
    for s in scored:
        signals.update(dict.fromkeys(s.scores))
    for signal in signals:
        points = curve(scored, signal)
        print(
            f"{signal:<20} {ranking(scored, signal):>7.3f}  "
            + "  ".join(f"{at_recall(points, r):>7}" for r in RECALLS)
        )


if __name__ == "__main__":
    main()
