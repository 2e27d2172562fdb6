"""The one frozen options object that steers a comparison."""

from __future__ import annotations

from dataclasses import dataclass

from dipdiff.model import Mode

DEFAULT_THRESHOLD = 50.0
"""Lowest similarity (0-100) at which two paragraphs still count as the same paragraph."""
DEFAULT_MIN_CONFIDENCE = 0.8
"""Lowest confidence (0-1) of the position shifts shown: the level at which 9 shifts in 10 are right
on the labelled real pairs tuned on (real_pairs.yaml dev and heldout, real_pairs_heldout2.yaml: 0.93
of the shifts shown are right there, finding 0.40 of the labelled ones; 0.7 would show 0.85 right).
The figures on the later held-out set heldout3 are in BENCHMARKS.md."""


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """How to compare two statements."""

    threshold: float = DEFAULT_THRESHOLD
    """Lowest similarity at which two paragraphs are paired; below it they are added and removed."""
    unordered: bool = False
    """Pair the best matches regardless of order; nothing is reported as moved (``Mode.SPEAKERS``)."""
    mode: Mode | None = None
    """How to pair paragraphs; ``None`` chooses from how much text survives (``pairing.choose_mode``)."""
    max_group: int = 3
    """Largest number of consecutive paragraphs one paragraph may be split into or merged from."""
    classify: bool = True
    """Find position shifts in each changed block."""
    time_budget: float = 10.0
    """Seconds the paragraph alignment may take before it falls back to a coarser method."""
    speaker: str | None = None
    """Who speaks in both statements (a country, its code or an organisation), when the files do not
    say: its self-references ("we", "my delegation") then name it."""
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    """Lowest confidence (0-1) of the position shifts kept."""

    @property
    def order_free(self) -> bool:
        """Whether paragraphs pair regardless of order (``unordered``, or the speakers mode)."""
        return self.unordered or self.mode is Mode.SPEAKERS
