"""Where the labelled tone, commitment and hedge shifts of the tuning sets are lost: shown, hidden by
the calibration, doubted by the rules, or never found, and for those never found whether a word the
lexicons hold changed at all.

Usage: ``.venv/bin/python benchmarks/shifts_ceiling.py [--list]``

Every pair of the tuning sets (``shifts_calibrate.py``'s, to ``real_pairs_heldout12.yaml``) is read as one
modified block, as ``shifts_labelled.py`` reads it. Each labelled shift of the categories intensity,
modality, hedge and negation goes to the first of these that holds it (a label is matched once, to the
surest shift of its category and direction):
- shown: found at the default ``--min-confidence`` (as ``compare`` shows it);
- hidden by the calibration: found by the rules at 0.5 or more before the calibration, below the default
  after it;
- doubted by the rules: found below 0.5 before the calibration (a rule's own doubt: a loose pair, a
  negation repeated);
- not found, lexicon word changed: no shift of its kind, but a word or phrase the lexicons hold for its
  category is in the words the word diff changed (a rule or its context is the gap);
- not found, no lexicon word: none of the changed words is one the lexicons hold for the category (the
  shift is said in words or phrases the lexicons lack).
``--list`` prints the pairs of the last two kinds, to be read.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from shifts_calibrate import TUNING
from shifts_labelled import LABELLED, as_block, load_cases, speakers

from dipdiff.model import DiffOp, Op
from dipdiff.normalise import default_normaliser
from dipdiff.options import DEFAULT_MIN_CONFIDENCE
from dipdiff.shifts import block_shifts, load_lexicon

LEXICONS = Path(__file__).resolve().parent.parent / "src" / "dipdiff" / "data" / "lexicon"
CATEGORIES = ("intensity", "modality", "hedge", "negation")
KINDS = (
    "shown",
    "hidden by calibration",
    "doubted by rules",
    "not found, lexicon word",
    "not found, no word",
)


def category_words() -> dict[str, set[str]]:
    """The words and phrases the packaged lexicons hold for each category, case-folded."""
    data: dict[str, Any] = {}
    for name in ("intensity", "modality", "hedges", "negation"):
        data |= yaml.safe_load((LEXICONS / f"{name}.yaml").read_text(encoding="utf-8"))
    intensity = data["intensity"]
    words = {
        "intensity": {w for row in intensity["words"] for w in row["words"]}
        | {w for row in intensity["modifiers"] for w in row["words"]}
        | set(intensity.get("frames", [])),
        "modality": {w for row in data["modality"]["levels"] for w in row["words"]},
        "hedge": set(data["hedges"]) | set(data["hedge_frames"]) | set(data.get("stance_frames", [])),
        "negation": set(data["negation"]["triggers"]),
    }
    return {key: {w.casefold() for w in value} for key, value in words.items()}


def changed_text(diff: tuple[DiffOp, ...]) -> tuple[str, str]:
    """The old and new words the word diff did not keep, each side's runs joined."""
    old = [op.old for op in diff if op.op is not Op.EQUAL]
    new = [op.new for op in diff if op.op is not Op.EQUAL]
    return " | ".join(old).casefold(), " | ".join(new).casefold()


def holds(text: str, words: set[str]) -> list[str]:
    """The lexicon words found whole in ``text``."""
    return sorted(w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print the pairs whose shift was never found")
    args = parser.parse_args()
    lexicon = load_lexicon()
    words = category_words()
    uncalibrated = dataclasses.replace(lexicon, category_confidence={})
    normaliser = default_normaliser()
    tallies: dict[str, Counter[tuple[str, str]]] = {}
    listed: list[str] = []
    for path in TUNING:
        tally = tallies.setdefault("labelled.yaml" if path == LABELLED else "real-pair sets", Counter())
        for case in load_cases(path):
            labels = [str(e) for e in case["expect"] if str(e).split(":")[0] in CATEGORIES]  # type: ignore[attr-defined]
            if not labels:
                continue
            block = as_block(case, normaliser)
            diff = block.diff
            who = speakers(case, lexicon)
            shown = Counter(
                f"{s.category.value}:{s.direction.value}"
                for s in block_shifts(block, lexicon, who)
                if round(s.confidence, 3) >= DEFAULT_MIN_CONFIDENCE
            )
            raw = block_shifts(block, uncalibrated, who)
            found = Counter(f"{s.category.value}:{s.direction.value}" for s in raw if s.confidence >= 0.5)
            doubted = Counter(f"{s.category.value}:{s.direction.value}" for s in raw if s.confidence < 0.5)
            old, new = changed_text(diff)
            for label in labels:
                category = label.split(":")[0]
                if shown[label]:
                    shown[label] -= 1
                    kind = KINDS[0]
                elif found[label]:
                    found[label] -= 1
                    kind = KINDS[1]
                elif doubted[label]:
                    doubted[label] -= 1
                    kind = KINDS[2]
                else:
                    held = holds(old, words[category]) + holds(new, words[category])
                    kind = KINDS[3] if held else KINDS[4]
                    if args.list:
                        listed.append(
                            f"{kind:<24} {label:<15} {case.get('id', case['source'])} {held}\n"
                            f"    old: {old[:160]}\n    new: {new[:160]}"
                        )
                tally[category, kind] += 1
    for name, tally in sorted(tallies.items(), key=lambda item: item[0] != "real-pair sets"):
        print(f"{name}\n{'category':<10} {'labelled':>8} " + " ".join(f"{k:>25}" for k in KINDS))
        for category in CATEGORIES:
            total = sum(tally[category, k] for k in KINDS)
            print(f"{category:<10} {total:>8} " + " ".join(f"{tally[category, k]:>25}" for k in KINDS))
    for line in listed:
        print(line)


if __name__ == "__main__":
    main()
