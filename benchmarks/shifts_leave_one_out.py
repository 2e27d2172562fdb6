"""Leave one tuning set out at a time: count the calibration on the others, score the one left out.

Usage: ``.venv/bin/python benchmarks/shifts_leave_one_out.py [--margin M] [--show-errors]``

Each tuning set that ``shifts_calibrate.py`` counts (``labelled.yaml``, ``real_pairs.yaml`` dev and
heldout, ``real_pairs_heldout2.yaml`` onwards) is left out in turn: ``category_confidence`` is counted
on the other sets as ``shifts_calibrate.py`` counts it, and the set left out is scored with it at the
default ``--min-confidence``, as ``shifts_labelled.py`` scores it (each pair one modified block, shifts
compared as multisets of ``category:direction``). The sets' figures are then added up: precision and
recall on pairs the calibration did not count, which the packaged values (counted on every set) cannot
give. ``--margin`` tries another ``calibration_margin``. The held-out set scored last is not read.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from pathlib import Path

from shifts_calibrate import TUNING
from shifts_labelled import as_block, load_cases, speakers

from dipdiff.normalise import default_normaliser
from dipdiff.options import DEFAULT_MIN_CONFIDENCE
from dipdiff.shifts import block_shifts, calibration_band, calibration_line, load_lexicon
from dipdiff.shifts.lexicon import BANDS, calibration_factors


@dataclasses.dataclass(frozen=True)
class Found:
    """A shift the rules found, before calibration."""

    label: str
    line: str
    confidence: float
    explanation: str


@dataclasses.dataclass(frozen=True)
class Pair:
    """One labelled pair, read once: its band of rewriting, what the rules found, what it should show."""

    name: str
    band: int
    found: tuple[Found, ...]
    expect: tuple[str, ...]


def read(path: Path) -> list[Pair]:
    """Every pair of a set with the shifts its rules find, uncalibrated."""
    lexicon = load_lexicon()
    raw = dataclasses.replace(lexicon, category_confidence={})
    normaliser = default_normaliser()
    pairs = []
    for case in load_cases(path):
        block = as_block(case, normaliser)
        who = speakers(case, lexicon)
        found = tuple(
            Found(f"{s.category.value}:{s.direction.value}", calibration_line(s), s.confidence, s.explanation)
            for s in block_shifts(block, raw, who)
        )
        expect = tuple(str(e) for e in case["expect"])  # type: ignore[attr-defined]
        name = str(case.get("id", case["source"]))
        band = calibration_band(block, lexicon, who)
        pairs.append(Pair(name, len(BANDS) if band is None else band, found, expect))
    return pairs


def records(pairs: list[Pair]) -> dict[str, dict[str, str]]:
    """The ``category_confidence`` section counted on the pairs, as ``shifts_calibrate.py`` counts it."""
    right: Counter[tuple[str, int]] = Counter()
    reported: Counter[tuple[str, int]] = Counter()
    for pair in pairs:
        if pair.band >= len(BANDS):
            continue
        wanted = Counter(pair.expect)
        for shift in sorted(pair.found, key=lambda s: -s.confidence):
            if shift.confidence < 0.5:
                continue
            for line in {shift.label, shift.line}:
                reported[line, pair.band] += 1
                right[line, pair.band] += bool(wanted[shift.label])
            wanted[shift.label] -= bool(wanted[shift.label])
    section: dict[str, dict[str, str]] = {}
    for (line, band), n in reported.items():
        section.setdefault(line, {})[BANDS[band]] = f"{right[line, band]}/{n}"
    return section


@dataclasses.dataclass
class Tally:
    """Right, wrong and missed shifts, and the pairs with no shift left clean."""

    right: int = 0
    wrong: int = 0
    missed: int = 0
    clean: int = 0
    negatives: int = 0

    def add(self, other: Tally) -> None:
        for name in ("right", "wrong", "missed", "clean", "negatives"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def __str__(self) -> str:
        shown, labelled = self.right + self.wrong, self.right + self.missed
        precision = self.right / shown if shown else 1.0
        recall = self.right / labelled if labelled else 1.0
        return (
            f"precision {precision:.3f} ({self.right}/{shown})  recall {recall:.3f} ({self.right}/{labelled})"
            f"  negatives clean {self.clean}/{self.negatives}"
        )


def score(
    pairs: list[Pair], factors: dict[str, tuple[float, ...]], whole: float, errors: list[str] | None = None
) -> dict[str, Tally]:
    """Each category's tally (and ``all``) with the calibration ``factors``, as ``compare`` shows shifts."""
    tallies: dict[str, Tally] = {"all": Tally()}
    for pair in pairs:
        shown = []
        for shift in pair.found:
            confidence = shift.confidence
            if pair.band < len(BANDS):
                factor = factors.get(shift.line, (1.0,) * len(BANDS))[pair.band]
                confidence = min(1.0, confidence / whole) * factor
            if round(confidence, 3) >= DEFAULT_MIN_CONFIDENCE:
                shown.append((shift, confidence))
        tallies["all"].negatives += not pair.expect
        tallies["all"].clean += not pair.expect and not shown
        got, want = Counter(s.label for s, _ in shown), Counter(pair.expect)
        for label in got | want:
            hit = min(got[label], want[label])
            for key in (label.split(":")[0], "all"):
                tally = tallies.setdefault(key, Tally())
                tally.right += hit
                tally.wrong += got[label] - hit
                tally.missed += want[label] - hit
            if errors is not None and got[label] != want[label]:
                what = "FP" if got[label] > want[label] else "FN"
                shows = "; ".join(f"{s.explanation} ({c:.2f})" for s, c in shown) or "(none)"
                errors.append(f"{what} {label} in {pair.name} (band {pair.band})\n      got: {shows}")
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--margin", type=float, help="another calibration_margin")
    parser.add_argument("--show-errors", action="store_true", help="list each false alarm and miss")
    args = parser.parse_args()
    lexicon = load_lexicon()
    confidence = dict(lexicon.confidence)
    if args.margin is not None:
        confidence["calibration_margin"] = args.margin
    whole = confidence.get("calibration_whole", 1.0)
    sets = {path.name: read(path) for path in TUNING}
    together: dict[str, Tally] = {}
    errors: list[str] = []
    for name, pairs in sets.items():
        others = [pair for other, rest in sets.items() if other != name for pair in rest]
        factors = calibration_factors(records(others), confidence)
        tallies = score(pairs, factors, whole, errors if args.show_errors else None)
        print(f"{name:<26} {tallies['all']}")
        for key, tally in tallies.items():
            together.setdefault(key, Tally()).add(tally)
    print(f"{'left out one at a time':<26} {together['all']}")
    for key in sorted(k for k in together if k != "all"):
        t = together[key]
        print(f"  {key:<10} right {t.right:>3}  wrong {t.wrong:>2}  missed {t.missed:>3}")
    everything = [pair for pairs in sets.values() for pair in pairs]
    inside = Tally()
    for pairs in sets.values():
        inside.add(score(pairs, calibration_factors(records(everything), confidence), whole)["all"])
    print(f"{'in-sample':<26} {inside}")
    for line in errors:
        print(line)


if __name__ == "__main__":
    main()
