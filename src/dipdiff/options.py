"""The one frozen options object that steers a comparison."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_THRESHOLD = 50.0
"""Lowest similarity (0-100) at which two paragraphs still count as the same paragraph."""


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """How to compare two statements."""

    threshold: float = DEFAULT_THRESHOLD
    """Lowest similarity at which two paragraphs are paired; below it they are added and removed."""
    unordered: bool = False
    """Pair the best matches regardless of order; nothing is reported as moved. For two speakers."""
    max_group: int = 3
    """Largest number of consecutive paragraphs one paragraph may be split into or merged from."""
    classify: bool = True
    """Find position shifts in each changed block."""
    time_budget: float = 10.0
    """Seconds the paragraph alignment may take before it falls back to a coarser method."""
