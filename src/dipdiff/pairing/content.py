"""Affinity: how much two paragraphs are about the same thing, weighing what they share by rarity.

The affinity of two paragraphs is the cosine of their unit sets, each unit weighing the square of its
weight (``units.Weights``), on a 0-100 scale: 100 when they hold the same units, 0 when they share
none. Shared function words add almost nothing; one shared rare name adds a lot, and several add
more. Only pairs sharing at least one *rare* unit (weight at least ``rare``) are scored: an inverted
index from each rare unit to the new paragraphs holding it gives the candidates, so two speeches of
400 paragraphs cost thousands of scores, not 160,000.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from dipdiff.pairing.units import Weights


class Affinities:
    """Units and weights of both statements' paragraphs, ready to score pairs."""

    def __init__(
        self, old: Sequence[frozenset[str]], new: Sequence[frozenset[str]], weights: Weights
    ) -> None:
        self.old = old
        self.new = new
        self.rarity = weights.rarity
        self._squared: dict[str, float] = {}
        for units in (*old, *new):
            for unit in units:
                if unit not in self._squared:
                    self._squared[unit] = weights[unit] ** 2
        self._old_norm = [self._norm(units) for units in old]
        self._new_norm = [self._norm(units) for units in new]

    def _norm(self, units: frozenset[str]) -> float:
        return math.sqrt(sum(map(self._squared.__getitem__, units)))

    def weight(self, unit: str) -> float:
        """A unit's weight (its squared weight's root)."""
        return math.sqrt(self._squared.get(unit, 0.0))

    def score(self, i: int, j: int) -> float:
        """The affinity (0-100) of old paragraph ``i`` and new paragraph ``j``."""
        norm = self._old_norm[i] * self._new_norm[j]
        if not norm:
            return 0.0
        shared = self.old[i] & self.new[j]
        return 100.0 * sum(map(self._squared.__getitem__, shared)) / norm

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
        floor = rare * rare
        holders: dict[str, list[int]] = {}
        for j in cols:
            for unit in self.new[j]:
                if self._squared[unit] >= floor:
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
