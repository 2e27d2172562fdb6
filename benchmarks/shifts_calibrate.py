"""Count, on the labelled real pairs tuned on, how often each kind of shift is right in each band of
rewriting, and print them as the ``category_confidence`` section of ``confidence.yaml``.

Usage: ``.venv/bin/python benchmarks/shifts_calibrate.py``

Every pair of ``labelled.yaml``, ``real_pairs.yaml`` (dev and heldout) and ``real_pairs_heldout2.yaml``
to ``real_pairs_heldout12.yaml`` is read as one modified block, as ``shifts_labelled.py`` reads it, with
the calibration turned off; every shift its rules stand behind (confidence 0.5 or more) is counted as
reported on its category and direction's line, and a tone shift that swaps words on its own line too
(``calibration_line``), and as right when the pair's labels hold its category and direction (as
multisets, as the scorer counts; a label goes to the surest shift of its kind first). The counts are
grouped by the share of the block's words the word diff keeps: below ``rewritten_below`` (rewritten),
below ``reworded_below`` (reworded), below ``revised_kept`` (revised); blocks keeping more are
revisions, which the calibration leaves alone. A held-out set still being labelled or not yet scored
(``real_pairs_heldout13.yaml``) is not read: it joins ``REAL_PAIRS`` only after it has been scored once.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from shifts_labelled import (
    HELDOUT2,
    HELDOUT3,
    HELDOUT4,
    HELDOUT5,
    HELDOUT6,
    HELDOUT7,
    HELDOUT8,
    HELDOUT9,
    HELDOUT10,
    HELDOUT11,
    HELDOUT12,
    LABELLED,
    SETS,
    as_block,
    load_cases,
    speakers,
)

from dipdiff.normalise import default_normaliser
from dipdiff.shifts import block_shifts, calibration_band, calibration_line, load_lexicon
from dipdiff.shifts.lexicon import BANDS

REAL_PAIRS = (
    SETS / "real_pairs.yaml",
    HELDOUT2,
    HELDOUT3,
    HELDOUT4,
    HELDOUT5,
    HELDOUT6,
    HELDOUT7,
    HELDOUT8,
    HELDOUT9,
    HELDOUT10,
    HELDOUT11,
    HELDOUT12,
)
"""The real-pair sets the calibration counts (each scored once before it joined them)."""
TUNING = (LABELLED, *REAL_PAIRS)


def main() -> None:
    lexicon = load_lexicon()
    raw = dataclasses.replace(lexicon, category_confidence={})
    normaliser = default_normaliser()
    right: Counter[tuple[str, int]] = Counter()
    reported: Counter[tuple[str, int]] = Counter()
    for path in TUNING:
        for case in load_cases(path):
            block = as_block(case, normaliser)
            who = speakers(case, lexicon)
            band = calibration_band(block, lexicon, who)
            if band is None:
                continue
            found = [s for s in block_shifts(block, raw, who) if s.confidence >= 0.5]
            wanted = Counter(str(e) for e in case["expect"])  # type: ignore[attr-defined]
            for shift in sorted(found, key=lambda s: -s.confidence):
                label = f"{shift.category.value}:{shift.direction.value}"
                lines = {label, calibration_line(shift)}  # a swap counts in its category's line too
                for line in lines:
                    reported[line, band] += 1
                    right[line, band] += bool(wanted[label])
                wanted[label] -= bool(wanted[label])
    print("category_confidence:")
    for label in sorted({label for label, _ in reported}):
        cells = ", ".join(
            f"{name}: {right[label, band]}/{reported[label, band]}"
            for band, name in enumerate(BANDS)
            if reported[label, band]
        )
        print(f"  {label}: {{{cells}}}")


if __name__ == "__main__":
    main()
