"""Build ``src/dipdiff/data/words.yaml``, the word list re-flow mends broken words with.

Usage: ``DIPDIFF_DATA=../shared/data .venv/bin/python benchmarks/reflow_words.py``

The words are those of the UN General Debate speeches in ``ungdc`` that are not hard-wrapped (one
paragraph per line), counted case-folded, but only of the *dev* half of them: the other half (the
held-out speeches) is what ``benchmarks/reflow_layouts.py`` re-wraps and reads back, so the list has
never seen the words it is measured on. A speech belongs to the dev half when the SHA-1 of its file
name starts with an even hex digit (``is_dev``).

Two lists are written, both sorted:

- ``words``: every word (letters only, no hyphen) seen at least ``MIN_COUNT`` times;
- ``compounds``: every hyphenated word seen at least ``MIN_COUNT`` times and more often with its hyphen
  than without it (``non-proliferation`` but not ``peace-keeping`` when ``peacekeeping`` is commoner).

A compound broken at a line end in the corpus (``self- interest``) is counted as ``self-interest``.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from pathlib import Path

DATA = Path(os.environ.get("DIPDIFF_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
OUT = Path(__file__).resolve().parents[1] / "src" / "dipdiff" / "data" / "words.yaml"
MIN_COUNT = 2
WRAPPED_MEDIAN = 120
"""A speech whose median line is this long or shorter is hard-wrapped and left out of the lists."""

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BROKEN = re.compile(r"([^\W\d_])- ([^\W\d_])")


def is_dev(path: Path) -> bool:
    """Whether a speech belongs to the dev half (tuning, word list) rather than the held-out half."""
    return int(hashlib.sha1(path.name.encode()).hexdigest()[0], 16) % 2 == 0


def clean_speeches() -> list[Path]:
    """Every UNGDC speech that is one paragraph per line (not hard-wrapped), sorted."""
    found = []
    for path in sorted((DATA / "ungdc" / "TXT").rglob("*.txt")):
        lines = [line for line in path.read_text("utf-8-sig").split("\n") if line.strip()]
        lengths = sorted(len(line) for line in lines)
        if lengths and lengths[len(lengths) // 2] > WRAPPED_MEDIAN:
            found.append(path)
    return found


def counts(paths: list[Path]) -> Counter[str]:
    """Case-folded word counts over the speeches, line-broken compounds mended."""
    counter: Counter[str] = Counter()
    for path in paths:
        text = _BROKEN.sub(r"\1-\2", path.read_text("utf-8-sig"))
        counter.update(word.casefold() for word in _WORD.findall(text))
    return counter


def main() -> None:
    """Write the word list."""
    dev = [path for path in clean_speeches() if is_dev(path)]
    counter = counts(dev)
    words = sorted(w for w, n in counter.items() if n >= MIN_COUNT and "-" not in w and len(w) > 1)
    compounds = sorted(
        w
        for w, n in counter.items()
        if n >= MIN_COUNT and "-" in w and n >= counter.get(w.replace("-", ""), 0)
    )
    header = (
        "# Words of UN General Debate speeches, for mending words broken at line ends "
        "(readers/brokenwords.py).\n"
        "# Source: UN General Debate Corpus (Jankin, Baturo, Dasandi; Harvard Dataverse\n"
        "# doi:10.7910/DVN/0TJX8Y), the speeches of shared/data/ungdc that are one paragraph per line,\n"
        f"# dev half only ({len(dev)} speeches). Built by benchmarks/reflow_words.py; do not edit by hand.\n"
        f"# words: seen at least {MIN_COUNT} times; compounds: hyphenated words seen at least {MIN_COUNT}\n"
        "# times, and at least as often with the hyphen as without it.\n"
    )
    body = f"words: >-\n{_fold(words)}\ncompounds: >-\n{_fold(compounds)}\n"
    OUT.write_text(header + body, encoding="utf-8")
    print(f"{OUT}: {len(words):,} words, {len(compounds):,} compounds from {len(dev)} speeches")


def _fold(items: list[str], width: int = 100) -> str:
    """The items as the lines of a folded YAML scalar, two spaces in, about ``width`` columns wide."""
    lines, line = [], ""
    for item in items:
        if line and len(line) + 1 + len(item) > width:
            lines.append(line)
            line = ""
        line = f"{line} {item}" if line else item
    lines.append(line)
    return "\n".join(f"  {line}" for line in lines)


if __name__ == "__main__":
    main()
