"""Build the background word-frequency tables that weigh units for pairing (``data/background/*.json``).

Every paragraph of the shared statements (``DIPDIFF_DATA``) is one document: the UN General Debate
speeches and the White House statements for English, the North Korean New Year addresses for Korean.
No Russian or Chinese statements are shared, so those languages get no table and are weighed by the
compared statements alone. A unit's IDF is ``log(paragraphs / paragraphs holding it)``; units held by
fewer than ``--min-df`` paragraphs, or beyond the ``--top`` commonest, are left out and count as
rarer than any listed unit (``unlisted``: the IDF of a unit held by one paragraph in ``--min-df``).
IDFs are rounded to a quarter, and units grouped by their IDF, so a table stays a few hundred KB.

Hard-wrapped speeches (most lines far shorter than a paragraph) are skipped: their lines are not
paragraphs. Run from the repository root:

    DIPDIFF_DATA=/work/shared/data python benchmarks/build_background.py [--language en|ko]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from dipdiff.pairing.units import units_of
from dipdiff.readers import InputFormat, read_statement
from dipdiff.shifts import load_lexicon

OUT = Path(__file__).resolve().parent.parent / "src" / "dipdiff" / "data" / "background"
SOURCES = {
    "en": ["ungdc/TXT/**/*.txt", "whitehouse_briefings/current/**/*.md"],
    "ko": ["nk_new_year_addresses/data/*.txt"],
}
_WRAPPED_LINE = 120
"""A speech whose median line is shorter than this many characters is hard-wrapped."""


def paragraphs(data: Path, patterns: list[str]) -> Iterator[str]:
    """Every paragraph of every usable statement matching the patterns."""
    for pattern in patterns:
        for path in sorted(data.glob(pattern)):
            statement = read_statement(str(path), InputFormat.AUTO)
            lengths = [len(p) for p in statement.paragraphs]
            if pattern.startswith("ungdc") and statistics.median(lengths) < _WRAPPED_LINE:
                continue
            yield from statement.paragraphs


def table(texts: Iterator[str], min_df: int, top: int) -> dict[str, object]:
    """The background table of one language."""
    lexicon = load_lexicon()
    df: Counter[str] = Counter()
    count = 0
    for text in texts:
        df.update(units_of(text, lexicon).distinct)
        count += 1
    listed = [(unit, n) for unit, n in df.most_common(top) if n >= min_df]
    levels: dict[str, list[str]] = {}
    for unit, n in listed:
        levels.setdefault(f"{round(4 * math.log(count / n)) / 4:g}", []).append(unit)
    return {
        "paragraphs": count,
        "unlisted": round(math.log(count / (min_df - 0.5)), 2),
        "levels": {
            level: "|".join(sorted(units))
            for level, units in sorted(levels.items(), key=lambda x: float(x[0]))
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--top", type=int, default=20_000)
    parser.add_argument("--language", choices=sorted(SOURCES), help="build only this language's table")
    args = parser.parse_args()
    data = Path(os.environ.get("DIPDIFF_DATA", "../shared/data"))
    if not data.is_dir():
        print(f"no shared statements at {data} (set DIPDIFF_DATA)", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for language, patterns in SOURCES.items():
        if args.language not in (None, language):
            continue
        built = table(paragraphs(data, patterns), args.min_df, args.top)
        path = OUT / f"{language}.json"
        path.write_text(json.dumps(built, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        units = sum(len(v.split("|")) for v in built["levels"].values())  # type: ignore[attr-defined]
        print(
            f"{language}: {built['paragraphs']} paragraphs, {units} units, {path.stat().st_size // 1024} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
