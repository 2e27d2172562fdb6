"""What classifying shifts adds to ``compare``'s run time, on long real statement pairs.

Usage: ``DIPDIFF_DATA=../shared/data .venv/bin/python benchmarks/shifts_speed.py [repeats]``

For each pair: the median CPU time of ``compare`` without classification, and of classifying its
blocks (``classify_blocks``, lexicon warm), timed separately so that the second is not lost in the
noise of the first; the number of changed blocks and shifts; and, once per process, the cold cost of
loading the lexicon and building the actor matcher (pycountry import included).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from dipdiff.compare import compare
from dipdiff.options import CompareOptions
from dipdiff.readers import read_statement

DATA = Path(os.environ.get("DIPDIFF_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
WH = "whitehouse_briefings/revisions/statements-releases"
PAIRS = [
    (
        "G7 Hiroshima communiqué, v01 -> v02 (long, one change)",
        f"{WH}/2023-05/2023-05-20-g7-hiroshima-leaders-communique",
        (0, 1),
    ),
    (
        "2nd Global COVID-19 Summit commitments, v01 -> v06 (1,021 words changed)",
        f"{WH}/2022-05/2022-05-12-2nd-global-covid-19-summit-commitments",
        (0, 5),
    ),
    ("UN General Debate, USA 2016 -> 2017 (rewritten speech)", "ungdc/TXT", ("USA_71_2016", "USA_72_2017")),
]


def _paths(folder: str, which: tuple[object, object]) -> tuple[Path, Path]:
    if folder == "ungdc/TXT":
        return tuple(next((DATA / folder).glob(f"*/{name}.txt")) for name in which)  # type: ignore[return-value]
    versions = sorted((DATA / folder).glob("v*.md"))
    return versions[int(which[0])], versions[int(which[1])]  # type: ignore[call-overload]


def _median(run: object, repeats: int) -> float:
    """Median CPU time of this process (not wall time: other work on the machine does not count)."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        run()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    from dipdiff.normalise import default_normaliser

    default_normaliser()  # compare builds it anyway
    start = time.process_time()
    from dipdiff.shifts import classify_blocks, load_lexicon
    from dipdiff.shifts.actors import actors_of

    lexicon = load_lexicon()
    loaded = time.process_time() - start
    actors_of(lexicon)
    built = time.process_time() - start - loaded
    print(f"cold: lexicon load {loaded * 1000:.0f} ms, actor matcher with pycountry {built * 1000:.0f} ms\n")
    print(
        f"{'pair':<72} {'words':>7} {'changed':>7} {'shifts':>6} {'compare':>8} {'classify':>9} {'share':>6}"
    )
    for label, folder, which in PAIRS:
        old_path, new_path = _paths(folder, which)
        old, new = read_statement(str(old_path)), read_statement(str(new_path))
        words = sum(len(p.split()) for p in old.paragraphs + new.paragraphs)
        plain = CompareOptions(classify=False)
        comparison = compare(old, new, CompareOptions(), lexicon=lexicon)
        changed = sum(1 for b in comparison.blocks if b.kind.value in ("modified", "split", "merged"))
        blocks = list(compare(old, new, plain).blocks)
        t_plain = _median(lambda: compare(old, new, plain), repeats)  # noqa: B023
        t_shift = _median(lambda: classify_blocks(blocks, lexicon), repeats)  # noqa: B023
        print(
            f"{label:<72} {words:>7,} {changed:>7} {len(comparison.shifts):>6} "
            f"{t_plain * 1000:>6.0f}ms {t_shift * 1000:>7.0f}ms {t_shift / t_plain:>6.0%}"
        )


if __name__ == "__main__":
    main()
