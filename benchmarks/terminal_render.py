"""How long the side-by-side terminal view takes to lay out long real statement pairs.

Usage: ``DIPDIFF_DATA=../shared/data .venv/bin/python benchmarks/terminal_render.py [repeats]``

For each pair the comparison is built once, then rendered at 160 columns without and with colour:
the first render of it (the very first one includes the renderer's import; any pattern compiling or
rich loading falls in the first render whose text needs it) and the minimum and median of the repeats
after it, in wall-clock milliseconds.
Run it with ``PYTHONDONTWRITEBYTECODE`` unset, on a quiet machine: the figures move with the load.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from dipdiff.compare import compare_sources
from dipdiff.render import Format, RenderOptions, renderer

DATA = Path(os.environ.get("DIPDIFF_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
G7 = (
    DATA
    / "whitehouse_briefings/revisions/statements-releases/2023-05/2023-05-20-g7-hiroshima-leaders-communique"
)
PAIRS = [
    ("G7 Hiroshima communiqué v01 -> v02 (129 paragraphs, 130 KB each)", "v01_*.md", "v02_*.md", G7),
    ("UN General Debate, France 1981 -> 1982 (54 vs 794 paragraphs)", "*36*/FRA_36_1981.txt",
     "*37*/FRA_37_1982.txt", DATA / "ungdc/TXT"),
    ("DPRK New Year address 2017 -> 2018 (Korean)", "2017.txt", "2018.txt",
     DATA / "nk_new_year_addresses/data"),
]  # fmt: skip


def main(repeats: int) -> None:
    """Print first, minimum and median render times for each pair, without and with colour."""
    comparisons = []
    for label, old, new, folder in PAIRS:
        old_path, new_path = next(folder.glob(old)), next(folder.glob(new))
        comparisons.append((label, compare_sources(str(old_path), str(new_path))))
    render = None
    for label, comparison in comparisons:
        print(label)
        for color in (False, True):
            options = RenderOptions(width=160, color=color)
            times = []
            for _ in range(repeats + 1):
                start = time.perf_counter()
                render = render or renderer(Format.TERMINAL)
                render(comparison, options)
                times.append((time.perf_counter() - start) * 1000)
            first, rest = times[0], times[1:]
            print(
                f"  colour {'on ' if color else 'off'}: first {first:6.1f} ms, "
                f"min {min(rest):6.1f} ms, median {statistics.median(rest):6.1f} ms"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
