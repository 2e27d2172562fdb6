"""Pairing precision and recall on rewritten statements and two speakers, against a gold set read by hand.

Usage: ``.venv/bin/python benchmarks/pairing_gold.py [--split dev|heldout|heldout2|...|heldout8|tuning|all]
[--gold PATH] [--mode MODE] [--unordered] [--threshold N] [--show-errors] [--json]``

Reads ``tests/data/pairing/gold.yaml`` (or the gold set given with ``--gold``, e.g.
``tests/data/pairing/gold_ko.yaml``: North Korean New Year addresses a year apart): pairs of UN General
Debate speeches under DIPDIFF_DATA (the same country a year apart, ``rewrite``; two countries at one
session, ``speakers``), with every paragraph pair an analyst would want side by side. Each statement
pair is compared with dipdiff's library ``compare`` (no shift classification), and every block that
holds paragraphs on both sides (equal, modified, split, merged) counts as pairing each of its old
paragraphs with each of its new ones. Only paragraph indices are read from a block, so spans inside
paragraphs do not change the score. A pair is not scored when either paragraph has fewer than
``MIN_WORDS`` words (salutations such as "Mr. President," and list fragments, which the gold set never
lists).

- precision: of the (old, new) paragraph pairs dipdiff makes, the share listed in the gold set;
- recall: of the old paragraphs the gold set pairs with something, the share dipdiff pairs with an
  acceptable partner.

Where dipdiff lists hints below its pairs (``Comparison.related``, "possibly related"), they are
scored apart and never as pairs: *related P* is the share of hints (on scored paragraphs) listed in
the gold set, and *+related R* the recall of the pairs and the hints together.

Figures are micro-averaged per mode and overall. The default split is ``dev``: tune on it, and score
``heldout``, ``heldout2`` to ``heldout8`` once, at the end of their round (since heldout8 was labelled,
the earlier splits are all open to tuning: ``--split tuning`` pools them, leaving heldout8 out).
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dipdiff.compare import compare
from dipdiff.options import CompareOptions
from dipdiff.readers import read_statement

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "pairing" / "gold.yaml"
GOLD_KO = ROOT / "tests" / "data" / "pairing" / "gold_ko.yaml"
"""The Korean gold set: North Korean New Year addresses a year apart (dev and heldout only)."""
SPLITS = ("dev", "heldout", *(f"heldout{n}" for n in range(2, 9)))
"""dev for tuning; heldout (split by a hash of the id), heldout2 to heldout8 (each labelled
later, before a further round of tuning) are scored once, at the end of their round."""
TUNING = SPLITS[:-1]
"""The splits open to tuning (``--split tuning``): every one but the newest held-out set."""
MIN_WORDS = 4
"""Paragraphs shorter than this (salutations, list fragments) are left out of the scores."""


def data_dir() -> Path:
    """The shared statements folder."""
    return Path(os.environ.get("DIPDIFF_DATA", ROOT.parent / "shared" / "data"))


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """The statement pairs of the gold set, as written."""
    with path.open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle)
    if not isinstance(entries, list):
        raise SystemExit(f"{path}: expected a list of statement pairs")
    return entries


def gold_of(splits: str, path: Path = GOLD) -> tuple[Path, list[dict[str, Any]]]:
    """The shared statements folder (stopping when it is missing) and the statement pairs of the gold
    set at ``path`` in the comma-separated ``splits`` (``all``: every split; ``tuning``: those in
    ``TUNING``)."""
    root = data_dir()
    if not root.is_dir():
        raise SystemExit(f"shared statements not found at {root}: set DIPDIFF_DATA")
    wanted = set(splits.split(","))
    if "tuning" in wanted:
        wanted |= set(TUNING)
    return root, [e for e in load_gold(path) if "all" in wanted or e["split"] in wanted]


def collapse(text: str) -> str:
    """Whitespace collapsed to single spaces, as the gold set writes opening words, and hyphens taken
    out: the gold set quotes the files as written ("good- neighbourliness"), and the reader mends
    words a line break had cut ("good-neighbourliness", "ut- most" to "utmost")."""
    return " ".join(text.replace("- ", "").replace("-", "").split())


def locate(paragraphs: Sequence[str], opening: str) -> int:
    """The 0-based index of the one paragraph that contains ``opening``; ValueError otherwise."""
    wanted = collapse(opening)
    found = [n for n, paragraph in enumerate(paragraphs) if wanted in collapse(paragraph)]
    if len(found) != 1:
        raise ValueError(f"{opening!r} is in {len(found)} paragraphs, expected exactly 1")
    return found[0]


def cited(entry: dict[str, Any], root: Path) -> Iterator[tuple[str, dict[str, Any], Sequence[str], int]]:
    """Each side of each listed pair of one statement pair: (``old`` or ``new``, the pair, that
    statement's paragraphs, the index of the paragraph its opening words name); ValueError naming the
    pair when an opening is not in exactly one paragraph."""
    statements = {side: read_statement(str(root / entry[side])).paragraphs for side in ("old", "new")}
    for pair in entry["pairs"]:
        for side, paragraphs in statements.items():
            try:
                index = locate(paragraphs, pair[side])
            except ValueError as error:
                raise ValueError(f"{entry['id']} {side} ¶{pair[side + '_para']}: {error}") from error
            yield side, pair, paragraphs, index


def gold_pairs(entry: dict[str, Any], old: Sequence[str], new: Sequence[str]) -> set[tuple[int, int]]:
    """The acceptable (old, new) paragraph index pairs of one statement pair."""
    return {(locate(old, pair["old"]), locate(new, pair["new"])) for pair in entry["pairs"]}


def predicted_pairs(blocks: Iterable[Any]) -> set[tuple[int, int]]:
    """Every (old, new) paragraph index pair that a block with both sides makes."""
    return {(i, j) for block in blocks for i in block.old for j in block.new}


def scored(paragraphs: Sequence[str]) -> set[int]:
    """The indices of the paragraphs long enough to be scored."""
    return {n for n, paragraph in enumerate(paragraphs) if len(paragraph.split()) >= MIN_WORDS}


def options_for(args: argparse.Namespace) -> CompareOptions:
    """Compare options from the command line; ``--mode`` only where this dipdiff knows modes."""
    options = CompareOptions(threshold=args.threshold, unordered=args.unordered, classify=False)
    if args.mode is None:
        return options
    if "mode" not in {f.name for f in dataclasses.fields(CompareOptions)}:
        raise SystemExit("this dipdiff's CompareOptions has no mode; drop --mode")
    return dataclasses.replace(options, mode=mode_value(args.mode))


def mode_value(name: str) -> Any:
    """``name`` as a member of the mode enum (a class named ``...Mode``) in dipdiff's options or model,
    else as text."""
    import dipdiff.model
    import dipdiff.options

    for module in (dipdiff.options, dipdiff.model):
        for candidate in vars(module).values():
            is_mode = isinstance(candidate, type) and candidate.__name__.endswith("Mode")
            if is_mode and issubclass(candidate, enum.Enum):
                try:
                    return candidate(name)
                except ValueError:
                    continue
    return name


@dataclass
class Tally:
    """Counts behind precision and recall for a group of statement pairs."""

    right: int = 0
    """dipdiff pairs that are in the gold set."""
    made: int = 0
    """dipdiff pairs."""
    covered: int = 0
    """Old paragraphs the gold set pairs with something."""
    found: int = 0
    """Of those, paragraphs dipdiff pairs with an acceptable partner."""
    hints_right: int = 0
    """dipdiff's possibly related hints that are in the gold set."""
    hints: int = 0
    """dipdiff's possibly related hints."""
    found_with_hints: int = 0
    """Gold old paragraphs with an acceptable partner among the pairs or the hints."""
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.made += other.made
        self.covered += other.covered
        self.found += other.found
        self.hints_right += other.hints_right
        self.hints += other.hints
        self.found_with_hints += other.found_with_hints

    @property
    def precision(self) -> float | None:
        return self.right / self.made if self.made else None

    @property
    def recall(self) -> float | None:
        return self.found / self.covered if self.covered else None

    @property
    def hint_precision(self) -> float | None:
        return self.hints_right / self.hints if self.hints else None

    @property
    def recall_with_hints(self) -> float | None:
        return self.found_with_hints / self.covered if self.covered else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "pairs_made": self.made,
            "pairs_right": self.right,
            "gold_paragraphs": self.covered,
            "gold_paragraphs_found": self.found,
            "related_precision": self.hint_precision,
            "related_made": self.hints,
            "related_right": self.hints_right,
            "recall_with_related": self.recall_with_hints,
        }


def score_entry(entry: dict[str, Any], options: CompareOptions, root: Path) -> tuple[Tally, str | None]:
    """Compare one statement pair and count its pairs against the gold set; also dipdiff's mode, if any."""
    old = read_statement(str(root / entry["old"]))
    new = read_statement(str(root / entry["new"]))
    result = compare(old, new, options)
    gold = gold_pairs(entry, result.old.paragraphs, result.new.paragraphs)
    old_scored, new_scored = scored(result.old.paragraphs), scored(result.new.paragraphs)
    made = {(i, j) for i, j in predicted_pairs(result.blocks) if i in old_scored and j in new_scored}
    found_old = {i for i, j in made if (i, j) in gold}
    hinted = {(h.old, h.new) for h in getattr(result, "related", ())}
    hinted = {(i, j) for i, j in hinted if i in old_scored and j in new_scored}
    tally = Tally(
        right=len(made & gold),
        made=len(made),
        covered=len({i for i, _ in gold}),
        found=len(found_old),
        hints_right=len(hinted & gold),
        hints=len(hinted),
        found_with_hints=len({i for i, j in made | hinted if (i, j) in gold}),
    )
    for i, j in sorted(made - gold):
        tally.errors.append(f"  wrong pair  old ¶{i + 1} -> new ¶{j + 1}")
    for i, j in sorted(hinted - gold):
        tally.errors.append(f"  wrong hint  old ¶{i + 1} ~ new ¶{j + 1}")
    for i in sorted({i for i, _ in gold} - found_old):
        partners = ", ".join(f"¶{j + 1}" for k, j in sorted(gold) if k == i)
        tally.errors.append(f"  missed      old ¶{i + 1} (acceptable: new {partners})")
    mode = getattr(result, "mode", None)
    return tally, None if mode is None else str(getattr(mode, "value", mode))


def percent(value: float | None) -> str:
    return "   -" if value is None else f"{value:.3f}"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "tuning", "all"), default="dev")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the gold set (default: gold.yaml)")
    parser.add_argument("--mode", help="passed to the compare options when this dipdiff has modes")
    parser.add_argument("--unordered", action="store_true")
    parser.add_argument("--threshold", type=float, default=CompareOptions().threshold)
    parser.add_argument("--show-errors", action="store_true", help="list wrong and missed pairs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    root, entries = gold_of(args.split, args.gold)
    options = options_for(args)
    per_pair: dict[str, Tally] = {}
    modes: dict[str, str | None] = {}
    totals: dict[str, Tally] = {}
    for entry in entries:
        tally, chosen = score_entry(entry, options, root)
        per_pair[entry["id"]] = tally
        modes[entry["id"]] = chosen
        totals.setdefault(entry["mode"], Tally()).add(tally)
        totals.setdefault("all", Tally()).add(tally)
    if args.json:
        report = {
            "split": args.split,
            "gold": str(args.gold),
            "options": {"threshold": args.threshold, "unordered": args.unordered, "mode": args.mode},
            "totals": {name: tally.as_dict() for name, tally in totals.items()},
            "pairs": {
                pair_id: {**t.as_dict(), "dipdiff_mode": modes[pair_id]} for pair_id, t in per_pair.items()
            },
        }
        print(json.dumps(report, indent=2))
        return
    print(
        f"split {args.split}: {len(entries)} statement pairs, threshold {args.threshold:g}"
        f"{', unordered' if args.unordered else ''}{f', mode {args.mode}' if args.mode else ''}"
    )
    print(
        f"{'statement pair':<28} {'P':>6} {'R':>6}  {'right/made':>10}  {'found/gold':>10}  "
        f"{'related P':>9} {'right/made':>10} {'+related R':>10}  dipdiff mode"
    )
    for pair_id, tally in per_pair.items():
        print(f"{_row(pair_id, tally)}  {modes[pair_id] or '-'}")
        if args.show_errors:
            print("\n".join(tally.errors))
    print()
    for name in ("rewrite", "speakers", "all"):
        if name in totals:
            print(_row(name, totals[name]))


def _row(name: str, tally: Tally) -> str:
    """One line of figures: the pairs, then the hints."""
    return (
        f"{name:<28} {percent(tally.precision):>6} {percent(tally.recall):>6}  "
        f"{tally.right:>4}/{tally.made:<5}  {tally.found:>4}/{tally.covered:<5}  "
        f"{percent(tally.hint_precision):>9} {tally.hints_right:>4}/{tally.hints:<5} "
        f"{percent(tally.recall_with_hints):>10}"
    )


if __name__ == "__main__":
    main()
