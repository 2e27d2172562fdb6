"""Why labelled actor, term and number shifts are missed at the default, on the tuning sets.

Usage: ``.venv/bin/python benchmarks/shifts_misses.py [--category actor,term,number] [--list]``

Reads the real-pair tuning sets (``shifts_calibrate.REAL_PAIRS``: ``real_pairs.yaml`` dev and heldout,
``real_pairs_heldout2.yaml`` to ``real_pairs_heldout12.yaml``) as ``shifts_labelled.py`` reads them. For
each labelled shift of the categories asked, as multisets per pair as the scorer counts them, it says
which of four things happened:

- shown: reported at the default ``--min-confidence``;
- hidden by calibration: the rules stand behind it (0.5 or more before ``category_confidence``) but the
  calibration of its band scales it below the default (counted per band);
- doubted by a rule: found below 0.5 before calibration (a rule that reads it as the speaker, a forum,
  an office's holder, a date naming the same time ...);
- not found: no rule reports the category and direction at all.

And a ceiling: how many labelled shifts have a token of their kind that changed at all between the two
sides (for actors a capitalised word, for numbers a figure or a number word, for terms a content word
the other side lacks), on the side the label speaks of. ``--list`` prints each miss not found with its
pair, so the reasons can be read.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections import Counter

from shifts_calibrate import REAL_PAIRS as TUNING
from shifts_labelled import as_block, load_cases, speakers

from dipdiff.normalise import default_normaliser
from dipdiff.options import DEFAULT_MIN_CONFIDENCE
from dipdiff.shifts import block_shifts, calibration_band, load_lexicon
from dipdiff.shifts.lexicon import BANDS

_WORD = re.compile(r"[\w][\w'’\-]*")
_NUMBER_WORDS = frozenset(
    re.findall(
        r"\w+",
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
        "million billion trillion first second third fourth fifth sixth seventh eighth ninth tenth twice "
        "half dozen single double triple percent",
    )
)
_STOP = frozenset(
    re.findall(
        r"\w+",
        "the a an of and to in on for with by at as is are was were be been that this these those "
        "it its their our we i you he she they which who from or not no but will would shall "
        "should can could may might must has have had do does did all also so such there than then "
        "into about other more most very only us my me your his her them what when where while if "
        "because both each any some own same further",
    )
)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def changed_tokens(category: str, direction: str, old: str, new: str) -> list[str]:
    """Tokens of the category's kind on the side the label speaks of that the other side lacks."""
    sides = {"added": [(new, old)], "removed": [(old, new)], "changed": [(old, new), (new, old)]}
    found = []
    for here, there in sides.get(direction, [(old, new), (new, old)]):
        theirs = {w.casefold() for w in words(there)}
        here_words = words(here)
        for at, word in enumerate(here_words):
            if word.casefold() in theirs:
                continue
            kinds = {
                "actor": word[:1].isupper() and word.casefold() not in _STOP and at > 0,
                "number": any(c.isdigit() for c in word) or word.casefold() in _NUMBER_WORDS,
                "term": word.islower() and word not in _STOP and len(word) > 3,
            }
            if kinds.get(category):
                found.append(word)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--category", default="actor,term,number")
    parser.add_argument("--list", action="store_true", help="print each shift not found, with its pair")
    parser.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE)
    args = parser.parse_args()
    wanted_categories = args.category.split(",")
    lexicon = load_lexicon()
    raw = dataclasses.replace(lexicon, category_confidence={})
    normaliser = default_normaliser()
    outcome: Counter[tuple[str, str]] = Counter()
    hidden_band: Counter[tuple[str, str]] = Counter()
    doubted: Counter[tuple[str, float]] = Counter()
    ceiling: Counter[str] = Counter()
    labelled: Counter[str] = Counter()
    listing = []
    for path in TUNING:
        for case in load_cases(path):
            old, new = str(case["old"]), str(case["new"])
            want = Counter(str(e) for e in case["expect"] if str(e).split(":")[0] in wanted_categories)
            if not want:
                continue
            block = as_block(case, normaliser)
            who = speakers(case, lexicon)
            band = calibration_band(block, lexicon, who)
            shown = Counter(
                f"{s.category.value}:{s.direction.value}"
                for s in block_shifts(block, lexicon, who)
                if s.confidence >= args.min_confidence
            )
            rules = sorted(block_shifts(block, raw, who), key=lambda s: -s.confidence)
            for label, count in want.items():
                category, direction = label.split(":")
                labelled[category] += count
                tokens = changed_tokens(category, direction, old, new)
                ceiling[category] += count if tokens else 0
                left = count - min(count, shown[label])
                outcome[category, "shown"] += count - left
                same = [s for s in rules if f"{s.category.value}:{s.direction.value}" == label]
                backed = [s for s in same if s.confidence >= 0.5][:count]
                # the shown ones are the surest; what is left of the rule-backed ones was hidden
                hidden = max(0, min(left, len(backed) - (count - left)))
                outcome[category, "hidden by calibration"] += hidden
                hidden_band[category, BANDS[band] if band is not None else "revision"] += hidden
                left -= hidden
                weak = [s for s in same if s.confidence < 0.5][:left]
                for shift in weak:
                    doubted[category, round(shift.confidence, 2)] += 1
                outcome[category, "doubted by a rule"] += len(weak)
                left -= len(weak)
                outcome[category, "not found"] += left
                if left and args.list:
                    listing.append(
                        f"{case['id']} {label} x{left} tokens={tokens[:6]}\n  O: {old}\n  N: {new}"
                    )
    for category in wanted_categories:
        print(f"{category}: {labelled[category]} labelled")
        for kind in ("shown", "hidden by calibration", "doubted by a rule", "not found"):
            print(f"  {kind:<22} {outcome[category, kind]:>4}")
        bands = ", ".join(f"{b} {n}" for (c, b), n in sorted(hidden_band.items()) if c == category and n)
        print(f"  hidden, by band: {bands or '-'}")
        weak = ", ".join(f"{v} x{n}" for (c, v), n in sorted(doubted.items()) if c == category)
        print(f"  doubted, at: {weak or '-'}")
        print(f"  ceiling (a {category} token changed at all): {ceiling[category]} of {labelled[category]}")
    for line in listing:
        print(line)


if __name__ == "__main__":
    main()
