"""Time ``compare`` in the rewrite mode against the revision mode (the alignment of before modes existed).

The two run side by side on the same pair, taking turns, and the median of each is reported with
their ratio. The default pair is China's UN General Debate speeches of 1992 and 1993 (307 and 366
paragraphs). Shift classification runs as in ``dipdiff compare``; reading the files is timed too.
Every run starts with no split paragraphs or sentence ends remembered from the run before (``fresh``),
as a command run once does. ``--clock cpu`` times the processor time of this process instead of the
wall clock: on a machine shared with other work it scatters less.

    DIPDIFF_DATA=/work/shared/data python benchmarks/pairing_speed.py [--runs N] [--clock wall|cpu] [OLD NEW]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from dipdiff.compare import compare_sources
from dipdiff.model import Mode
from dipdiff.options import CompareOptions

_DEFAULT = ("ungdc/TXT/Session 47 - 1992/CHN_47_1992.txt", "ungdc/TXT/Session 48 - 1993/CHN_48_1993.txt")


def fresh() -> None:
    """Forget the words of texts split in an earlier run (``shifts.matcher.words_of`` remembers them)
    and their sentence ends (``shifts.clauses.sentence_ends``)."""
    from dipdiff.shifts import clauses, matcher

    for remembered in (getattr(matcher, "_default_words", None), getattr(clauses, "_sentence_ends", None)):
        if remembered is not None:
            remembered.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="OLD NEW (default: China 1992 -> 1993)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--clock", choices=("wall", "cpu"), default="wall", help="what to time (default: wall)"
    )
    args = parser.parse_args()
    data = Path(os.environ.get("DIPDIFF_DATA", "../shared/data"))
    old, new = args.files if len(args.files) == 2 else [str(data / name) for name in _DEFAULT]
    modes = (Mode.REVISION, Mode.REWRITE)
    times: dict[Mode, list[float]] = {mode: [] for mode in modes}
    for mode in modes:  # warm the caches (packaged data, lexicons) once
        compare_sources(old, new, CompareOptions(mode=mode))
    clock = time.perf_counter if args.clock == "wall" else time.process_time
    for _ in range(args.runs):
        for mode in modes:
            fresh()
            start = clock()
            result = compare_sources(old, new, CompareOptions(mode=mode))
            times[mode].append(clock() - start)
            assert result.mode is mode
    base, rewrite = (statistics.median(times[mode]) for mode in modes)
    print(f"{Path(old).name} -> {Path(new).name}, {args.runs} runs each, taking turns, {args.clock} clock")
    print(f"revision  median {base:.3f} s")
    print(f"rewrite   median {rewrite:.3f} s  ({rewrite / base:.2f} x revision)")


if __name__ == "__main__":
    main()
