"""Odds that a paragraph ends between two sentences, read from the sentences themselves.

Where a hard-wrapped layout marks nothing (a paragraph's last line is full), re-flow weighs the
lengths of the statement's own paragraphs (``reflow._find_full_last_lines``); this adds what the
words around the candidate end say. A small logistic model, learnt on the sentence ends of clean UN
General Debate speeches (dev half only), White House statements and State of the Union addresses
(``benchmarks/reflow_boundaries.py`` writes ``data/boundaries.yaml``), weighs:

- the next sentence's first word (``Finally,``, ``Turning``, ``Mr.`` open paragraphs; ``It``,
  ``This``, ``However,`` go on with one);
- the last word of the sentence before (``you.`` after "I thank you" ends one);
- lexical cohesion (a paragraph keeps to its matter): the share of content words (stems) the next
  sentence has in common with the two sentences before it, and the three sentences after the end
  with the three before it; and how much the next sentence shares with the one after it (a new
  paragraph's first sentence sets out what the next ones go on with);
- names new to the next sentence (a new country or body, a new matter);
- the two sentences' lengths in words (log).

``end_log_odds`` gives the log likelihood ratio of a paragraph end against the training base rate,
so that it adds to re-flow's own prior odds.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dipdiff.lazypattern import LazyPattern

_WORD = LazyPattern(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_EDGE = "“”\"‘’'()[]«».,;:!?…"


@dataclass(frozen=True, slots=True)
class Features:
    """What the model reads at one candidate paragraph end."""

    opener: str
    """The next sentence's first word, case-folded, opening quotes stripped (a comma kept)."""
    closer: str
    """The sentence before's last word, case-folded, closing marks kept."""
    cohesion: float
    """Content stems the next sentence shares with the two before it, over the geometric mean of
    both sides' counts (0 to 1)."""
    window_cohesion: float
    """The same between the three sentences before and the three after."""
    next_cohesion: float
    """The same between the next sentence and the one after it (0 when there is none)."""
    new_names: int
    """Capitalised words inside the next sentence that the sentences before do not hold (at most 3)."""
    before_words: float
    """Log of the sentence before's length in words."""
    after_words: float
    """Log of the next sentence's length in words."""


@dataclass(frozen=True, slots=True)
class Model:
    """The learnt weights (``data/boundaries.yaml``)."""

    bias: float
    base: float
    """Log odds of a paragraph end at a sentence end in the training speeches."""
    weights: Mapping[str, float]
    openers: Mapping[str, float]
    closers: Mapping[str, float]
    stopwords: frozenset[str]
    stem: int


@functools.cache
def model() -> Model:
    """The packaged model, read once."""
    from dipdiff.resources import packaged_yaml

    data = packaged_yaml("boundaries.yaml")
    return Model(
        bias=float(data["bias"]),
        base=float(data["base"]),
        weights={str(k): float(v) for k, v in data["weights"].items()},
        openers={str(k): float(v) for k, v in data["openers"].items()},
        closers={str(k): float(v) for k, v in data["closers"].items()},
        stopwords=frozenset(str(word) for word in data["stopwords"].split()),
        stem=int(data["stem"]),
    )


def features(before: Sequence[str], after: Sequence[str], stopwords: frozenset[str], stem: int) -> Features:
    """The features of a candidate end between the sentences ``before`` it and ``after`` it (each
    at least one, in reading order; three each side are read)."""
    last = before[-1].split()
    first = after[0].split()
    context = " ".join(before[-2:])

    def stems(texts: Sequence[str]) -> frozenset[str]:
        return frozenset().union(*(_stems(text, stopwords, stem) for text in texts))

    known = {word.strip(_EDGE) for word in context.split()}
    names = {word.strip(_EDGE) for word in first[1:] if word[:1].isupper()} - known
    return Features(
        opener=first[0].casefold().lstrip(_EDGE) if first else "",
        closer=last[-1].casefold() if last else "",
        cohesion=_shared(stems(before[-2:]), stems(after[:1])),
        window_cohesion=_shared(stems(before[-3:]), stems(after[:3])),
        next_cohesion=_shared(stems(after[:1]), stems(after[1:2])) if len(after) > 1 else 0.0,
        new_names=min(len(names), 3),
        before_words=math.log(max(len(last), 1)),
        after_words=math.log(max(len(first), 1)),
    )


def _shared(mine: frozenset[str], theirs: frozenset[str]) -> float:
    """How many stems two sides share, over the geometric mean of their counts."""
    return len(mine & theirs) / math.sqrt(max(len(mine), 1) * max(len(theirs), 1))


@functools.lru_cache(maxsize=512)
def _stems(text: str, stopwords: frozenset[str], stem: int) -> frozenset[str]:
    """The content words of a sentence, case-folded and cut to their first ``stem`` letters (kept
    for the next candidates: each sentence is read for up to six of them)."""
    return frozenset(
        word[:stem]
        for word in (found.casefold() for found in _WORD().findall(text))
        if len(word) >= 4 and word not in stopwords
    )


def end_log_odds(before: Sequence[str], after: Sequence[str]) -> float:
    """Log likelihood ratio of a paragraph end between the sentences ``before`` and ``after``."""
    learnt = model()
    found = features(before, after, learnt.stopwords, learnt.stem)
    weights = learnt.weights
    score = (
        learnt.bias
        + learnt.openers.get(found.opener, 0.0)
        + learnt.closers.get(found.closer, 0.0)
        + weights["cohesion"] * found.cohesion
        + weights["window_cohesion"] * found.window_cohesion
        + weights["next_cohesion"] * found.next_cohesion
        + weights["new_names"] * found.new_names
        + weights["before_words"] * found.before_words
        + weights["after_words"] * found.after_words
    )
    return score - learnt.base
