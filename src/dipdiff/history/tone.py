"""A statement's tone index: the mean Goldstein weight of the cooperation and conflict cues it uses.

The cues are stems in ``data/history.yaml`` (English, Russian, Chinese, Korean), matched on normalised
words: a stem matches every word that begins with it. Chinese cues, whose characters are separate
tokens, match as character runs. The index runs from -10 (conflict) to +10 (cooperation) and is 0
for a statement that uses no cue; it compares a speaker with itself over time, not speakers with
each other.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from dipdiff.resources import packaged_yaml
from dipdiff.tokens import has_cjk


@dataclass(frozen=True, slots=True)
class ToneLexicon:
    """Cue stems and their weights."""

    weights: dict[str, float]
    lengths: tuple[int, ...]
    """Stem lengths present, longest first, so the longest stem wins."""
    exclude: frozenset[str]


@functools.cache
def default_lexicon() -> ToneLexicon:
    """Build the packaged tone lexicon (once)."""
    data = packaged_yaml("history.yaml")
    weights = {str(stem).casefold(): float(w) for stem, w in data["tone"].items()}
    lengths = tuple(sorted({len(stem) for stem in weights}, reverse=True))
    exclude = frozenset(str(w).casefold() for w in data.get("tone_exclude") or ())
    return ToneLexicon(weights, lengths, exclude)


def tone_index(norm_paragraphs: Iterable[str], lexicon: ToneLexicon | None = None) -> tuple[float, int]:
    """Return ``(index, cues)`` for normalised paragraphs (token keys joined by spaces)."""
    lexicon = lexicon or default_lexicon()
    weights, lengths = lexicon.weights, lexicon.lengths
    total = 0.0
    cues = 0
    for text in norm_paragraphs:
        words = text.split(" ")
        for i, word in enumerate(words):
            if not word or word in lexicon.exclude:
                continue
            if len(word) == 1 and has_cjk(word):
                # Chinese arrives one character per token: try the runs that start here
                word = "".join(words[i : i + lengths[0]])
            for length in lengths:
                weight = weights.get(word[:length]) if len(word) >= length else None
                if weight is not None:
                    total += weight
                    cues += 1
                    break
    return (round(total / cues, 2) if cues else 0.0), cues
