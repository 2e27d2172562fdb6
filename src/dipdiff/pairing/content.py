"""Affinity: how much two paragraphs are about the same thing, weighing what they share by rarity.

Each paragraph is a vector over its units: a unit counts its weight (``units.Weights``) times
``1 + log`` of how often the paragraph uses it, so a matter a paragraph dwells on counts more than
one it names once. The affinity of two paragraphs is the cosine of their vectors on a 0-100 scale:
100 when they hold the same units in the same proportions, 0 when they share none. Shared function
words add almost nothing; one shared rare name adds a lot, and several add more. Only pairs sharing
at least one *rare* unit (weight at least ``rare``) are scored: an inverted index from each rare unit
to the new paragraphs holding it gives the candidates, so two speeches of 400 paragraphs cost
thousands of scores, not 160,000.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Mapping, Sequence

from dipdiff.pairing.units import Weights


class Affinities:
    """Units and weights of both statements' paragraphs, ready to score pairs."""

    def __init__(
        self, old: Sequence[Mapping[str, int]], new: Sequence[Mapping[str, int]], weights: Weights
    ) -> None:
        self.old = [frozenset(counts) for counts in old]
        self.new = [frozenset(counts) for counts in new]
        self.rarity = weights.rarity
        units = dict.fromkeys(unit for counts in (*old, *new) for unit in counts)
        self._weight: dict[str, float] = {unit: weights[unit] for unit in units}
        self._old = [self._vector(counts) for counts in old]
        self._new = [self._vector(counts) for counts in new]

    def _vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        """A paragraph's units, each at its weight times ``1 + log`` of its count, of length 1."""
        vector = {unit: (1 + math.log(n)) * self._weight[unit] for unit, n in counts.items() if n > 0}
        norm = math.sqrt(sum(value * value for value in vector.values()))
        return {unit: value / norm for unit, value in vector.items()} if norm else {}

    def weight(self, unit: str) -> float:
        """A unit's weight."""
        return self._weight.get(unit, 0.0)

    def heaviest_old(self, i: int, top: int) -> frozenset[str]:
        """The ``top`` units that weigh most in old paragraph ``i``."""
        return _heaviest(self._old[i], top)

    def heaviest_new(self, j: int, top: int) -> frozenset[str]:
        """The ``top`` units that weigh most in new paragraph ``j``."""
        return _heaviest(self._new[j], top)

    def score(self, i: int, j: int) -> float:
        """The affinity (0-100) of old paragraph ``i`` and new paragraph ``j``."""
        a, b = self._old[i], self._new[j]
        if len(b) < len(a):
            a, b = b, a
        return 100.0 * sum([value * b[unit] for unit, value in a.items() if unit in b])

    def candidates(
        self, rows: Sequence[int], cols: Sequence[int], rare: float, budget: int
    ) -> dict[int, set[int]]:
        """For each old paragraph in ``rows``, the new ones in ``cols`` sharing a rare unit with it.

        A unit offers as many candidates as the paragraphs holding it on one side times those on the
        other. Units are taken from the most selective on, and a unit that would take the candidates
        past ``budget`` is left out with every less selective one: a word rare in diplomatic text but
        repeated in every paragraph of these statements ("Paragraph 12 ...") must not make every
        paragraph a candidate of every other.
        """
        holders: dict[str, list[int]] = {}
        for j in cols:
            for unit in self.new[j]:
                if self._weight[unit] >= rare:
                    holders.setdefault(unit, []).append(j)
        olds: Counter[str] = Counter(unit for i in rows for unit in self.old[i] if unit in holders)
        keys: set[str] = set()
        spent = 0
        for unit in sorted(olds, key=lambda u: (olds[u] * len(holders[u]), u)):
            spent += olds[unit] * len(holders[unit])
            if spent > budget:
                break
            keys.add(unit)
        found: dict[int, set[int]] = {}
        for i in rows:
            near: set[int] = set()
            for unit in self.old[i] & keys:
                near.update(holders[unit])
            if near:
                found[i] = near
        return found

    def scores(
        self, rows: Sequence[int], cols: Sequence[int], rare: float, budget: int
    ) -> dict[tuple[int, int], float]:
        """Affinities of the candidate pairs among ``rows`` x ``cols`` (at most about ``budget``)."""
        found = {}
        for i, near in self.candidates(rows, cols, rare, budget).items():
            for j in near:
                found[i, j] = self.score(i, j)
        return found


def _heaviest(vector: Mapping[str, float], top: int) -> frozenset[str]:
    """A vector's ``top`` heaviest units (ties broken by the unit, so the choice is stable)."""
    return frozenset(heapq.nsmallest(top, vector, key=lambda unit: (-vector[unit], unit)))
