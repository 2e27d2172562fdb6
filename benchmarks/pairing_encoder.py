"""Would a sentence encoder pair rewritten statements and two speakers better? Measured, not shipped.

Usage (needs the optional ``encoder`` extra and a local copy of a sentence-transformers model; nothing
is fetched from a hub)::

    python -m venv /tmp/enc && /tmp/enc/bin/pip install -e '.[bench,encoder]'
    HF_HUB_OFFLINE=1 DIPDIFF_DATA=../shared/data /tmp/enc/bin/python benchmarks/pairing_encoder.py \\
        --model PATH/TO/all-MiniLM-L6-v2 [--fit dev,heldout,heldout2] [--test heldout3]

Every English statement pair of the gold set (``tests/data/pairing/gold.yaml``) is scored as
``pairing_signals.py`` scores it, with three more signals beside dipdiff's ``affinity``:

- ``encoder``: the cosine of the two paragraphs' embeddings, each the normalised mean of its
  sentences' embeddings (a whole UN paragraph is longer than the model's 256 word pieces);
- ``affinity*encoder``: the product, so that a pair needs both shared rare words and shared meaning;
- ``affinity+encoder``: their mean.

For each signal the rule is dipdiff's (each other's best match, at or above a score, three strong
units shared). The score is chosen on the ``--fit`` splits as the lowest at which precision there
reaches 0.9, and the ``--test`` split is then scored once at that score: the figure that says what a
user would see. Ranking is the share of gold old paragraphs whose best match is acceptable.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pairing_gold
import pairing_signals

from dipdiff.readers import read_statement

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
TARGET_PRECISION = 0.9


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences of four words or more (the paragraph itself when it has none)."""
    return [s for s in SENTENCE_END.split(paragraph) if len(s.split()) >= 4] or [paragraph]


def add_encoder_signals(
    scored: pairing_signals.Scored, entry: dict[str, Any], root: Path, model: Any
) -> None:
    """Score every pair of ``scored`` by the encoder and by its two combinations with affinity."""
    import numpy as np

    def embed(path: str, indices: Sequence[int]) -> Any:
        paragraphs = read_statement(str(root / path)).paragraphs
        rows = []
        for k in indices:
            vectors = model.encode(sentences(paragraphs[k]), normalize_embeddings=True)
            mean = vectors.mean(axis=0)
            rows.append(mean / np.linalg.norm(mean))
        return np.stack(rows)

    olds, news = scored.statements.scored
    similarity = embed(entry["old"], olds) @ embed(entry["new"], news).T
    encoder = {
        (i, j): 100.0 * float(similarity[a, b]) for a, i in enumerate(olds) for b, j in enumerate(news)
    }
    affinity = scored.scores["affinity"]
    scored.scores["encoder"] = encoder
    scored.scores["affinity*encoder"] = {p: affinity[p] * max(v, 0.0) / 100.0 for p, v in encoder.items()}
    scored.scores["affinity+encoder"] = {p: (affinity[p] + v) / 2.0 for p, v in encoder.items()}


def score_splits(splits: str, model: Any) -> list[pairing_signals.Scored]:
    """Every English statement pair of ``splits``, with every signal's scores."""
    root, entries = pairing_gold.gold_of(splits)
    out = []
    for statements, entry in zip(pairing_signals.statements(entries, root), entries, strict=True):
        if statements.language != "en":
            continue
        scored = pairing_signals.score(statements, None)
        add_encoder_signals(scored, entry, root, model)
        out.append(scored)
    return out


def precision_recall(
    scored: Sequence[pairing_signals.Scored], signal: str, least: float
) -> tuple[float, float, int]:
    """Precision, recall and pairs made by dipdiff's rule at score ``least``."""
    right = made = found = total = 0
    for s in scored:
        pairs = pairing_signals.made(s, signal, least)
        right += len(pairs & s.statements.gold)
        made += len(pairs)
        found += len({i for i, j in pairs if (i, j) in s.statements.gold})
        total += len({i for i, _ in s.statements.gold})
    return (right / made if made else float("nan"), found / total if total else float("nan"), made)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="folder of a sentence-transformers model")
    parser.add_argument("--fit", default="dev,heldout,heldout2", help="splits the score is chosen on")
    parser.add_argument("--test", default="heldout3", help="split scored once at the chosen score")
    args = parser.parse_args(argv)
    pairing_gold.gold_of(args.fit)  # stops early when the shared statements are missing
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(args.model, device="cpu")
    fit = score_splits(args.fit, model)
    test = score_splits(args.test, model)
    print(f"fit on {args.fit} ({len(fit)} English statement pairs), test on {args.test} ({len(test)})")
    columns = ("ranking", "score", "fit P", "fit R", "test P", "test R", "made")
    print(f"{'signal':<18} " + " ".join(f"{c:>{max(len(c), 6)}}" for c in columns))
    for signal in ("affinity", "encoder", "affinity*encoder", "affinity+encoder"):
        credible = [p for p in pairing_signals.curve(fit, signal) if p[1] >= TARGET_PRECISION]
        least = min((p[0] for p in credible), default=float("inf"))
        fit_p, fit_r, _ = precision_recall(fit, signal, least)
        test_p, test_r, made = precision_recall(test, signal, least)
        print(
            f"{signal:<18} {pairing_signals.ranking(fit, signal):>7.3f} {least:>6.1f} "
            f"{fit_p:>6.3f} {fit_r:>6.3f} {test_p:>6.3f} {test_r:>6.3f} {made:>6}"
        )


if __name__ == "__main__":
    main()
