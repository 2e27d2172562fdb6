"""Time each dipdiff command's start-up above the floor of importing Typer, the command layer.

Every command here does little work (a short pair of Security Council resolutions, the two-statement
bundled corpus), so what is measured is mostly start-up: the interpreter, Typer, dipdiff's own imports
and its reference data. Each is set against ``python -c "import typer"`` timed in the same rounds: the
commands and the floor take turns, one run each per round, so a change in the machine's speed affects
them alike. Figures are medians of CPU time (user + system of the child), which other work on a shared
machine inflates less than wall time; wall time is printed beside it.

Commands run as an installed dipdiff would: with Python's bytecode cache on (kept in a temporary
``PYTHONPYCACHEPREFIX``) and the reference-data cache filled by a warm-up run. The corpus commands
run on the bundled corpus twice: with ``--no-cache`` (no corpus index is read or written) and with
the corpus index (in a temporary folder) filled by the warm-up run.

    python benchmarks/startup.py [--runs 11]

Reads the short pair from DIPDIFF_DATA (default ../shared/data); prints a Markdown table for
BENCHMARKS.md and writes nothing else.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import compare_peers
from compare_peers import command, data_dir, measure_together, tool

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHORT = (
    "cr_unsc_gold/res_en_gold/S_RES_0553_1984_EN_GOLD.txt",
    "cr_unsc_gold/res_en_gold/S_RES_0559_1984_EN_GOLD.txt",
)
"""UNSC Cyprus (UNFICYP) renewals S/RES/553 and 559 (1984): 11 paragraphs a side."""


def probes(root: Path) -> dict[str, list[str]]:
    """The timed commands, keyed by their label in the table; the first is the floor."""
    dipdiff = tool("dipdiff")
    old, new = (str(root / name) for name in SHORT)
    statement = str(CORPUS / "ru-mfa" / "unknown-korean-peninsula.md")
    corpus = ["--corpus", str(CORPUS)]
    return {
        'python -c "import typer"': [sys.executable, "-c", "import typer"],
        "dipdiff --version": [dipdiff, "--version"],
        "dipdiff --help": [dipdiff, "--help"],
        "compare --format json (UNSC 553/559)": [dipdiff, "compare", old, new, "--format", "json"],
        "compare, terminal view (UNSC 553/559)": [dipdiff, "compare", old, new, "--width", "120"],
        "compare --format markdown (UNSC 553/559)": [dipdiff, "compare", old, new, "--format", "markdown"],
        "compare --format html (UNSC 553/559)": [dipdiff, "compare", old, new, "--format", "html"],
        "check (bundled corpus, --no-cache)": [dipdiff, "check", *corpus, "--no-cache"],
        "check (bundled corpus, index filled)": [dipdiff, "check", *corpus],
        "corpus list (bundled corpus, --no-cache)": [dipdiff, "corpus", "list", *corpus, "--no-cache"],
        "corpus list (bundled corpus, index filled)": [dipdiff, "corpus", "list", *corpus],
        "timeline (bundled corpus, --no-cache)": [dipdiff, "timeline", *corpus, "--no-cache"],
        "timeline (bundled corpus, index filled)": [dipdiff, "timeline", *corpus],
        "track (bundled corpus, --no-cache)": [dipdiff, "track", "Korean Peninsula", *corpus, "--no-cache"],
        "track (bundled corpus, index filled)": [dipdiff, "track", "Korean Peninsula", *corpus],
        "blame (bundled corpus, --no-cache)": [dipdiff, "blame", statement, *corpus, "--no-cache"],
        "blame (bundled corpus, index filled)": [dipdiff, "blame", statement, *corpus],
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Print the start-up table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="timed runs of each command (default 11)")
    args = parser.parse_args(argv)
    root = data_dir()
    if not (root / SHORT[0]).is_file():
        raise SystemExit(f"startup: the shared statements are not at {root} (set DIPDIFF_DATA)")
    scratch = Path(tempfile.mkdtemp(prefix="dipdiff-startup-"))
    try:
        env = compare_peers.ENV
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
        env["DIPDIFF_CACHE_DIR"] = str(scratch / "cache")
        works = {label: command(args) for label, args in probes(root).items()}
        timings = measure_together(works, args.runs, slow=60)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    floor_label = next(iter(timings))
    floor = timings[floor_label]
    print(f"{compare_peers.machine()}; median of {args.runs} runs, commands and floor taking turns\n")
    print("| command | CPU s | wall s | CPU above the floor, ms | wall above the floor, ms |")
    print("| --- | --- | --- | --- | --- |")
    for label, timing in timings.items():
        cpu = "floor" if label == floor_label else f"{(timing.cpu - floor.cpu) * 1000:.0f}"
        wall = "floor" if label == floor_label else f"{(timing.wall - floor.wall) * 1000:.0f}"
        print(f"| `{label}` | {timing.cpu:.3f} | {timing.wall:.3f} | {cpu} | {wall} |")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
