"""Time what the corpus index's stamp costs a corpus command: computing ``index_stamp()`` once, in a
fresh interpreter, as every ``check``, ``corpus list``, ``timeline``, ``track`` and ``blame`` that
opens the index does.

Each round runs one child interpreter that first imports what a corpus command has imported by then
(``dipdiff.index``, ``dipdiff.readers``), then times the call with ``time.perf_counter``. The first
round fills the user's cache (``XDG_CACHE_HOME``, a temporary folder here); the figure is the median
of the rest. Bytecode is cached (``PYTHONPYCACHEPREFIX``).

    python benchmarks/index_stamp.py [--runs 21] [--src PATH]

``--src`` times another checkout's ``src`` (``PYTHONPATH``), to set two versions side by side. Prints
one line; writes nothing in the repository.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import time
import dipdiff.index, dipdiff.readers
from dipdiff.index.stamp import index_stamp
start = time.perf_counter()
stamp = index_stamp()
print((time.perf_counter() - start) * 1000, stamp)
"""


def main() -> None:
    """Time the stamp in fresh interpreters and print the median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "PYTHONPATH": str(args.src.resolve()),
            "XDG_CACHE_HOME": os.path.join(folder, "cache"),
            "PYTHONPYCACHEPREFIX": os.path.join(folder, "pycache"),
        }
        env.pop("DIPDIFF_CACHE_DIR", None)
        times, stamps = [], set()
        for _ in range(args.runs + 1):
            out = subprocess.run(
                [sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True, check=True
            ).stdout.split()
            times.append(float(out[0]))
            stamps.add(out[1])
    rest = times[1:]
    print(
        f"{args.src}: index stamp {statistics.median(rest):.2f} ms median "
        f"(min {min(rest):.2f}, max {max(rest):.2f}, first run {times[0]:.2f}; {args.runs} runs; "
        f"{len(stamps)} distinct stamp(s))"
    )


if __name__ == "__main__":
    main()
