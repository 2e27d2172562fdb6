"""Position shifts: what each wording change means (the classifier is being built; see issue 3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dipdiff.model import Block, Comparison


@dataclass(frozen=True, slots=True)
class FailOn:
    """Shift categories (and directions) that make ``compare`` exit 1."""

    gates: tuple[tuple[str, str | None], ...]

    def __bool__(self) -> bool:
        return bool(self.gates)

    def matches(self, comparison: Comparison) -> bool:
        """Whether any shift of the comparison is one of the gates."""
        return any(
            shift.category.value == category and direction in (None, shift.direction.value)
            for _, shift in comparison.shifts
            for category, direction in self.gates
        )


def parse_fail_on(values: Sequence[str]) -> FailOn:
    """Parse ``CATEGORY[:DIRECTION]`` values."""
    return FailOn(tuple((v.split(":")[0], (v.split(":") + [None])[1]) for v in values))


def load_lexicon(paths: Sequence[Path] = ()) -> object:
    """Load the packaged lexicon, extended by the user's files."""
    return tuple(paths)


def classify_blocks(blocks: list[Block], lexicon: object | None = None) -> list[Block]:
    """Return the blocks with their shifts found."""
    del lexicon
    return blocks
