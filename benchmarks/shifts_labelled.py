"""Precision and recall of position shifts on a labelled set of sentence pairs, per category.

Usage: ``.venv/bin/python benchmarks/shifts_labelled.py [--file PATH]
[--split dev|heldout|heldout2|...|heldout13|all] [--show-errors]``

Reads ``tests/data/shifts/labelled.yaml`` (real statement pairs, labels assigned by hand) or the file
given with ``--file`` (``tests/data/shifts/real_pairs.yaml`` holds pairs taken as they come from real
rewritten text, split into ``dev`` and ``heldout``; ``real_pairs_heldout2.yaml`` holds the clean held-out
set ``heldout2``, labelled before an earlier round of tuning and tuned on since;
``real_pairs_heldout3.yaml`` holds ``heldout3``, labelled before an earlier round and tuned on since;
``real_pairs_heldout4.yaml`` holds ``heldout4``, labelled before an earlier round and tuned on since;
``real_pairs_heldout5.yaml`` holds ``heldout5``, labelled before an earlier round and tuned on since;
``real_pairs_heldout6.yaml`` holds ``heldout6``, labelled before an earlier round and tuned on since;
``real_pairs_heldout7.yaml`` holds ``heldout7``, labelled before an earlier round and tuned on since;
``real_pairs_heldout8.yaml`` holds ``heldout8``, labelled before an earlier round and tuned on since;
``real_pairs_heldout9.yaml`` holds ``heldout9``, labelled before an earlier round and tuned on since;
``real_pairs_heldout10.yaml`` holds ``heldout10``, labelled before the round on tone, commitments and
hedges and scored once at its end; ``real_pairs_heldout11.yaml`` holds ``heldout11``, labelled before
the round on actors, terms and numbers and scored once at its end; ``real_pairs_heldout12.yaml`` holds
``heldout12``, labelled before the round on tone and commitments in rewritten text and scored once at its
end (heldout10, heldout11 and heldout12 tuned on since, in the thirteenth round);
``real_pairs_heldout13.yaml`` holds ``heldout13``, labelled by reading while that round was under way
and to be scored once at the end of the round; ``--split`` picks one part, default all; ``--split
heldout2`` ... ``heldout13`` reads that file unless ``--file`` names another). Each pair
is classified as one modified block, the shifts at or above the default confidence are kept (as
``compare`` shows them; ``--min-confidence`` to change), and the predicted ``category:direction``
shifts are compared with the expected ones as multisets: a shift counts as found only with the right
category and direction (``--per-pair`` counts each category and direction once per pair instead, on
both sides, for labels that give one entry where several names or boosters move together).
"Negatives clean" is the share of pairs labelled with no shift on which
dipdiff reports none. Each side's speaker is the case's ``speaker`` field ({old, new}) when it has one,
else read from the file it cites, as ``compare`` reads it (UN speeches are named by country).
For the default file, with DIPDIFF_DATA present, it also counts the shifts reported on the White House
revisions whose words did not change at all (only link targets or markup): every one of those would
be noise.
"""

from __future__ import annotations

import argparse
import itertools
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dipdiff.model import Block, BlockKind, Category, Statement
from dipdiff.normalise import Normaliser, default_normaliser
from dipdiff.options import DEFAULT_MIN_CONFIDENCE
from dipdiff.shifts import Lexicon, Speakers, load_lexicon, shifts_between
from dipdiff.tokens import tokenise
from dipdiff.worddiff import diff_tokens

SETS = Path(__file__).resolve().parent.parent / "tests" / "data" / "shifts"
LABELLED = SETS / "labelled.yaml"
HELDOUT2 = SETS / "real_pairs_heldout2.yaml"
HELDOUT3 = SETS / "real_pairs_heldout3.yaml"
HELDOUT4 = SETS / "real_pairs_heldout4.yaml"
HELDOUT5 = SETS / "real_pairs_heldout5.yaml"
HELDOUT6 = SETS / "real_pairs_heldout6.yaml"
HELDOUT7 = SETS / "real_pairs_heldout7.yaml"
HELDOUT8 = SETS / "real_pairs_heldout8.yaml"
HELDOUT9 = SETS / "real_pairs_heldout9.yaml"
HELDOUT10 = SETS / "real_pairs_heldout10.yaml"
HELDOUT11 = SETS / "real_pairs_heldout11.yaml"
HELDOUT12 = SETS / "real_pairs_heldout12.yaml"
HELDOUT13 = SETS / "real_pairs_heldout13.yaml"


@dataclass
class Score:
    """Counts for one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


SPLITS = (
    "dev",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "all",
)


def load_cases(path: Path = LABELLED, split: str = "all") -> list[dict[str, object]]:
    """The labelled cases, only those of one split unless ``split`` is ``all``."""
    cases = list(yaml.safe_load(path.read_text(encoding="utf-8")))
    return cases if split == "all" else [c for c in cases if c.get("split") == split]


def as_block(case: dict[str, object], normaliser: Normaliser | None = None) -> Block:
    """A labelled pair as one modified block, its two sentences diffed word by word."""
    normaliser = normaliser or default_normaliser()
    diff = diff_tokens(tokenise(str(case["old"]), normaliser), tokenise(str(case["new"]), normaliser))
    return Block(BlockKind.MODIFIED, (0,), (0,), False, None, diff)


def speakers(case: dict[str, object], lexicon: Lexicon) -> Speakers:
    """Who speaks on each side: the case's ``speaker`` field, else the files the case cites."""
    named = case.get("speaker")
    if isinstance(named, dict) and named.get("old") and named.get("new"):
        return Speakers.named(str(named["old"]), str(named["new"]), lexicon)
    old, _, new = str(case["source"]).partition(" -> ")
    sides = [Statement(part.strip().split(" ¶")[0].split(" line ")[0], ()) for part in (old, new or old)]
    return Speakers.of(sides[0], sides[1], lexicon)


def score(
    cases: list[dict[str, object]],
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    lexicon: Lexicon | None = None,
) -> dict[str, Score]:
    """Score every category (and ``all``) over the cases (with the packaged lexicon unless given)."""
    return score_with_negatives(cases, min_confidence, lexicon=lexicon)[0]


def score_with_negatives(
    cases: list[dict[str, object]],
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    *,
    per_pair: bool = False,
    lexicon: Lexicon | None = None,
) -> tuple[dict[str, Score], int]:
    """Score every category (and ``all``), and count the negatives on which no shift is reported;
    shifts below ``min_confidence`` are left out, as ``compare`` leaves them out. ``per_pair`` counts
    each ``category:direction`` once per pair, in the labels and in what is found (three names added
    together are one actor:added)."""
    lexicon = lexicon or load_lexicon()
    scores = {c.value: Score() for c in Category}
    scores["all"] = Score()
    clean = 0
    for case in cases:
        shifts = shifts_between(str(case["old"]), str(case["new"]), lexicon, speakers=speakers(case, lexicon))
        shifts = tuple(s for s in shifts if s.confidence >= min_confidence)
        clean += not case["expect"] and not shifts
        got = Counter(f"{s.category.value}:{s.direction.value}" for s in shifts)
        want = Counter(str(e) for e in case["expect"])  # type: ignore[attr-defined]
        if per_pair:
            got, want = Counter(set(got)), Counter(set(want))
        for label in got | want:
            category = label.split(":")[0]
            hit = min(got[label], want[label])
            extra, missed = got[label] - hit, want[label] - hit
            for key in (category, "all"):
                scores[key].tp += hit
                scores[key].fp += extra
                scores[key].fn += missed
            if extra or missed:
                explained = "; ".join(f"{s.explanation} ({s.confidence:.2f})" for s in shifts) or "(none)"
                where = case.get("id", case["source"])
                scores[category].errors.append(
                    f"{'FP' if extra else 'FN'} {label} x{extra or missed} in {where}\n      got: {explained}"
                )
    return scores, clean


def markup_only_noise(data: Path) -> tuple[int, int, list[str]]:
    """Shifts reported on White House revisions whose words did not change (links, markup only)."""

    from dipdiff.compare import compare_sources

    pairs = shifts = 0
    found = []
    for old, new in revision_pairs(data, "links_or_markup_only"):
        comparison = compare_sources(str(old), str(new))
        pairs += 1
        shifts += len(comparison.shifts)
        found += [f"{old.parent.name}: {s.explanation}" for _, s in comparison.shifts]
    return pairs, shifts, found


def revision_pairs(data: Path, kind: str) -> Iterator[tuple[Path, Path]]:
    """Each White House revision of ``kind`` (the revisions index's column) as (older, newer) files."""
    import csv

    revisions = data / "whitehouse_briefings" / "revisions"
    with (revisions / "index.csv").open(encoding="utf-8") as index:
        for row in csv.DictReader(index):
            if row["kind"] == kind:
                folder = revisions / row["original_path"].removesuffix(".md")
                versions = row["version_files"].split(";")
                for old, new in itertools.pairwise(versions):
                    yield folder / old, folder / new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=LABELLED, help="labelled pairs (YAML)")
    parser.add_argument("--split", choices=SPLITS, default="all", help="which part of the pairs to score")
    parser.add_argument("--show-errors", action="store_true", help="list every missed or extra shift")
    parser.add_argument(
        "--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE, help="lowest confidence kept"
    )
    parser.add_argument(
        "--per-pair",
        action="store_true",
        help="count each category and direction once per pair (labels and found), not once per word",
    )
    args = parser.parse_args()
    if args.file == LABELLED:
        args.file = {
            "heldout2": HELDOUT2,
            "heldout3": HELDOUT3,
            "heldout4": HELDOUT4,
            "heldout5": HELDOUT5,
            "heldout6": HELDOUT6,
            "heldout7": HELDOUT7,
            "heldout8": HELDOUT8,
            "heldout9": HELDOUT9,
            "heldout10": HELDOUT10,
            "heldout11": HELDOUT11,
            "heldout12": HELDOUT12,
            "heldout13": HELDOUT13,
        }.get(args.split, LABELLED)
    cases = load_cases(args.file, args.split)
    scores, clean = score_with_negatives(cases, args.min_confidence, per_pair=args.per_pair)
    negatives = sum(1 for c in cases if not c["expect"])
    counted = "each category and direction once per pair" if args.per_pair else "each shift"
    print(f"{args.file.name} ({args.split}): {len(cases)} pairs ({negatives} with no shift), {counted}\n")
    print(f"{'category':<10} {'expected':>8} {'found':>6} {'precision':>9} {'recall':>7}")
    for name, s in scores.items():
        print(f"{name:<10} {s.tp + s.fn:>8} {s.tp + s.fp:>6} {s.precision:>9.3f} {s.recall:>7.3f}")
    print(f"\nnegatives clean: {clean}/{negatives} = {clean / negatives if negatives else 1.0:.3f}")
    data = Path(os.environ.get("DIPDIFF_DATA", LABELLED.parents[3].parent / "shared" / "data"))
    if args.file == LABELLED and data.is_dir():
        pairs, shifts, found = markup_only_noise(data)
        print(f"\nWhite House revisions with only links or markup changed: {shifts} shifts in {pairs} pairs")
        for line in found[:10]:
            print(f"  {line}")
    if args.show_errors:
        for name, s in scores.items():
            for error in s.errors if name != "all" else []:
                print(f"  {error}")


if __name__ == "__main__":
    main()
