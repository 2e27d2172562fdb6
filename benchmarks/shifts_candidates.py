"""Draw candidate sentence pairs for labelling shifts, as ``compare`` shows them, by a fixed seed.

Usage: ``.venv/bin/python benchmarks/shifts_candidates.py [--seed N] [--statements N] [--per-pair N]
[--split NAME] [--sessions N,N] [--renewals] [--unused-statements | --unused-pairs]``

Draws statement pairs from DIPDIFF_DATA in a shuffled order fixed by the seed: one country's UN
General Debate speeches a year apart (the twelve full series, 1975-2024), two countries' speeches of
one session (``--sessions``, default 72 and 77), consecutive versions of a White House release
whose text changed, and with ``--renewals`` consecutive Security Council resolutions renewing one
peace-keeping mandate. Each pair is compared as ``compare`` does by default, without classifying
shifts (so the labels are read, not suggested); inside each changed paragraph pair every old
sentence is paired with its most similar new sentence, and those that differ and reach ``--floor``
similarity are candidates. At most ``--per-pair`` of them (drawn by the seed) are kept per statement
pair, so the candidates spread over many statements. Pairs already in the labelled sets are skipped.
Prints YAML cases to label, each citing its paragraphs as the sets do (``reflow=False`` paragraph numbers).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import os
import random
import re
import sys
from pathlib import Path

import yaml
from shifts_labelled import revision_pairs

from dipdiff.compare import compare_sources
from dipdiff.model import BlockKind
from dipdiff.options import CompareOptions
from dipdiff.readers import read_statement

ROOT = Path(__file__).resolve().parent.parent
SETS = [
    ROOT / "tests" / "data" / "shifts" / name
    for name in (
        "labelled.yaml",
        "real_pairs.yaml",
        "real_pairs_heldout2.yaml",
        "real_pairs_heldout3.yaml",
        "real_pairs_heldout4.yaml",
        "real_pairs_heldout5.yaml",
        "real_pairs_heldout6.yaml",
        "real_pairs_heldout7.yaml",
        "real_pairs_heldout8.yaml",
        "real_pairs_heldout9.yaml",
        "real_pairs_heldout10.yaml",
        "real_pairs_heldout11.yaml",
        "real_pairs_heldout12.yaml",
        "real_pairs_heldout13.yaml",
    )
]
# Security Council mandates renewed resolution after resolution (the peace-keeping series of cr_unsc_gold).
MANDATES = (
    "Force in Cyprus",
    "Disengagement Observer Force",
    "Interim Force in Lebanon",
    "UNPROFOR",
    "ONUMOZ",
    "UNOSOM",
)
SERIES = ("CHN", "DEU", "EU", "FRA", "GBR", "IND", "JPN", "KOR", "PRK", "RUS", "UKR", "USA")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“‘(])")
# A sentence does not end after an abbreviation, an initial, or a paragraph number ("21.").
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Dr|Ms|Mrs|St|No|Nos|art|para|[A-Z])\.|^\d+\.)$")


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, whitespace folded."""
    found: list[str] = []
    for piece in _SENTENCE_END.split(" ".join(paragraph.split())):
        if found and _ABBREVIATION.search(found[-1]):
            found[-1] += " " + piece
        else:
            found.append(piece)
    return [s for s in found if s]


def renewal_pairs(data: Path) -> list[tuple[Path, Path]]:
    """Consecutive Security Council resolutions extending one mandate, as (older, newer) files."""
    series: dict[str, list[Path]] = {}
    for path in sorted((data / "cr_unsc_gold" / "res_en_gold").glob("S_RES_*.txt")):
        text = path.read_text(encoding="utf-8")
        mandate = next((m for m in MANDATES if m in text), None)
        if mandate and "extend" in text:
            series.setdefault(mandate, []).append(path)
    return [pair for paths in series.values() for pair in itertools.pairwise(paths)]


def statement_pairs(
    data: Path, rng: random.Random, sessions: list[str], renewals: bool
) -> list[tuple[str, str, str]]:
    """(kind, old path, new path) under ``data``, shuffled."""
    txt = data / "ungdc" / "TXT"
    # UN file names are <code>_<session>_<year>.txt
    files = {(p.stem.split("_")[0], p.stem.split("_")[-1]): p for p in txt.glob("Session */*.txt")}
    pairs: list[tuple[str, str, str]] = []
    for code in SERIES:
        for year in range(1975, 2024):
            old, new = files.get((code, str(year))), files.get((code, str(year + 1)))
            if old and new:
                pairs.append(("ny", str(old.relative_to(data)), str(new.relative_to(data))))
    for session in sessions:
        speeches = sorted((txt / session).glob("*.txt"))
        for _ in range(60):
            old, new = rng.sample(speeches, 2)
            pairs.append(("ss", str(old.relative_to(data)), str(new.relative_to(data))))
    for old, new in revision_pairs(data, "text"):
        pairs.append(("wr", str(old.relative_to(data)), str(new.relative_to(data))))
    for old, new in renewal_pairs(data) if renewals else []:
        pairs.append(("sc", str(old.relative_to(data)), str(new.relative_to(data))))
    rng.shuffle(pairs)
    return pairs


def known_texts() -> set[str]:
    """The old and new texts of every pair already labelled."""
    known = set()
    for path in (p for p in SETS if p.exists()):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            known |= {" ".join(str(case["old"]).split()), " ".join(str(case["new"]).split())}
    return known


def known_statements() -> set[str]:
    """Every statement file cited by a pair already labelled (paths under DIPDIFF_DATA)."""
    known = set()
    for path in (p for p in SETS if p.exists()):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            for side in str(case.get("source", "")).split(" -> "):
                known.add(side.split(" ¶")[0].split(" line")[0].strip())
    return known


def known_statement_pairs() -> set[tuple[str, str]]:
    """Every (old file, new file) pair of statements that a pair already labelled cites."""
    known = set()
    for path in (p for p in SETS if p.exists()):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            sides = [
                side.split(" ¶")[0].split(" line")[0].strip()
                for side in str(case.get("source", "")).split(" -> ")
            ]
            if len(sides) == 2:
                known.add((sides[0], sides[1]))
    return known


def cited(path: Path, text: str) -> int | None:
    """The 1-based paragraph (as read with ``reflow=False``) holding ``text``."""
    for number, paragraph in enumerate(read_statement(str(path), reflow=False).paragraphs, 1):
        if text in " ".join(paragraph.split()):
            return number
    return None


def speaker(path: str, names: dict[str, str]) -> str:
    """The speaker of a cited file: the country of a UN speech, else the United States."""
    if path.startswith("ungdc"):
        return names.get(Path(path).name.split("_")[0], Path(path).name.split("_")[0])
    if path.startswith("cr_unsc"):
        return "Security Council"
    return "United States"


def main() -> None:
    from rapidfuzz import fuzz

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--statements", type=int, default=80, help="statement pairs to draw from")
    parser.add_argument("--per-pair", type=int, default=2, help="most candidates kept per statement pair")
    parser.add_argument("--floor", type=float, default=55.0, help="lowest sentence similarity (0-100)")
    parser.add_argument("--split", default="heldout2", help="the split written on each case")
    parser.add_argument(
        "--sessions",
        default="72,77",
        help="UN sessions (comma-separated numbers) whose speeches are paired across speakers",
    )
    parser.add_argument("--renewals", action="store_true", help="also draw Security Council renewals")
    parser.add_argument(
        "--unused-statements",
        action="store_true",
        help="skip statement pairs with a file that any labelled pair already cites",
    )
    parser.add_argument(
        "--unused-pairs",
        action="store_true",
        help="skip statement pairs that a labelled pair already cites (their files may be cited elsewhere)",
    )
    args = parser.parse_args()
    data = Path(os.environ["DIPDIFF_DATA"])
    with (data / "ungdc" / "Speakers_by_session.csv").open(encoding="utf-8") as table:
        names = {row["ISO Code"].strip(): row["Country"].strip() for row in csv.DictReader(table)}
    names |= {
        "CHN": "China",
        "RUS": "Russia",
        "USA": "United States",
        "GBR": "United Kingdom",
        "KOR": "South Korea",
        "PRK": "North Korea",
        "DEU": "Germany",
        "EU": "European Union",
        "UKR": "Ukraine",
        "FRA": "France",
        "JPN": "Japan",
        "IND": "India",
    }
    rng = random.Random(args.seed)
    known = known_texts()
    cases = []
    txt = data / "ungdc" / "TXT"
    sessions = [next(txt.glob(f"Session {n} - *")).name for n in args.sessions.split(",")]
    pairs = statement_pairs(data, rng, sessions, args.renewals)
    if args.unused_statements:
        used = known_statements()
        pairs = [pair for pair in pairs if not {pair[1], pair[2]} & used]
    if args.unused_pairs:
        used_pairs = known_statement_pairs()
        pairs = [pair for pair in pairs if (pair[1], pair[2]) not in used_pairs]
    for kind, old_path, new_path in pairs[: args.statements]:
        comparison = compare_sources(
            str(data / old_path), str(data / new_path), CompareOptions(classify=False)
        )
        found = []
        for block in comparison.blocks:
            if block.kind is BlockKind.EQUAL or not block.old or not block.new:
                continue
            olds = [s for i in block.old for s in sentences(comparison.old.paragraphs[i])]
            news = [s for i in block.new for s in sentences(comparison.new.paragraphs[i])]
            for old in olds:
                if not news or old in news:
                    continue
                new = max(news, key=lambda s: fuzz.ratio(old, s))
                if fuzz.ratio(old, new) >= args.floor and not {old, new} & known and old != new:
                    found.append((old, new))
        for old, new in rng.sample(found, min(args.per_pair, len(found))):
            old_para, new_para = cited(data / old_path, old), cited(data / new_path, new)
            if old_para is None or new_para is None:
                print(f"skipped (not inside one unwrapped paragraph): {old[:50]!r}", file=sys.stderr)
                continue
            digest = hashlib.sha256(f"{old_path}\n{old}\n{new}".encode()).hexdigest()[:8]
            cases.append(
                {
                    "id": f"{kind}-{digest}",
                    "split": args.split,
                    "source": f"{old_path} ¶{old_para} -> {new_path} ¶{new_para}",
                    "speaker": {"old": speaker(old_path, names), "new": speaker(new_path, names)},
                    "old": old,
                    "new": new,
                    "expect": [],
                }
            )
    yaml.safe_dump(cases, sys.stdout, allow_unicode=True, sort_keys=False, width=110)


if __name__ == "__main__":
    main()
