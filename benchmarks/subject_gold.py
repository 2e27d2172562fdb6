"""How well the subject shown for a pair names what the pair is about, against the pairing gold set.

Usage: ``.venv/bin/python benchmarks/subject_gold.py [--split dev|heldout|...|all] [--show]``

Every pair of ``tests/data/pairing/gold.yaml`` carries a subject written by the person who labelled it
("the Korean Peninsula nuclear issue"). For each pair this takes the two gold paragraphs, weighs
their units as ``dipdiff compare`` does for the statement pair, and asks the library for the pair's
subject (the units both paragraphs share, as a pair's subject is made). A shown label counts as
found when one of its words (four letters or more, compared on their first five) is in the gold
subject. Reported: the share of all shown labels found, and the share of pairs whose first label is.
Chosen on ``dev``; the other splits were not looked at while choosing.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence

from pairing_gold import gold_of, locate

from dipdiff.pairing import subject_of
from dipdiff.pairing.content import Affinities
from dipdiff.pairing.units import Weights, background, language_of, units_of
from dipdiff.readers import read_statement
from dipdiff.shifts.lexicon import load_lexicon

_GLUE = frozenset({"their", "with", "that", "this", "from", "about", "other", "again"})
"""Words of a gold subject that say nothing of its matter."""


def stems(text: str) -> set[str]:
    """The first five letters of each word of four letters or more."""
    return {word[:5] for word in re.findall(r"[^\W\d_]{4,}", text.casefold())} - _GLUE


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--show", action="store_true", help="print each gold subject beside dipdiff's")
    args = parser.parse_args(argv)
    lexicon = load_lexicon()
    root, entries = gold_of(args.split)
    shown = found = pairs = first = 0
    for entry in entries:
        old = read_statement(str(root / entry["old"])).paragraphs
        new = read_statement(str(root / entry["new"])).paragraphs
        old_units, new_units = [units_of(t, lexicon) for t in old], [units_of(t, lexicon) for t in new]
        weights = Weights([u.distinct for u in (*old_units, *new_units)], background(language_of(old)))
        affinities = Affinities([u.counts for u in old_units], [u.counts for u in new_units], weights)
        for pair in entry["pairs"]:
            i, j = locate(old, pair["old"]), locate(new, pair["new"])
            shared = affinities.old[i] & affinities.new[j]
            labels = subject_of(new_units[j], shared, affinities.weight, lexicon)
            gold = stems(pair["subject"])
            hits = [bool(stems(label) & gold) for label in labels]
            shown, found = shown + len(hits), found + sum(hits)
            pairs, first = pairs + 1, first + (bool(hits) and hits[0])
            if args.show:
                print(f"{pair['subject']}  ||  {', '.join(labels)}")
    print(
        f"{args.split}: {pairs} pairs, {shown} labels shown; found in the gold subject: "
        f"{found / max(shown, 1):.3f} of labels, first label {first / max(pairs, 1):.3f} of pairs"
    )


if __name__ == "__main__":
    main()
