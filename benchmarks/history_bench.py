"""Time ``dipdiff timeline``, ``track`` and ``blame`` on the shared statements, cold and warm.

    python benchmarks/history_bench.py [--corpus DIR] [--data DIR]

Without ``--corpus`` the whole of ``DIPDIFF_DATA`` is laid out as a temporary corpus with
``make_corpus.py`` (about 2,800 statements). The commands run from a copy of ``src/`` taken at the
start, so edits made meanwhile (which change the cache keys: they include the code's fingerprint)
cannot disturb the measurement. Each command runs as a user runs it (a fresh
``dipdiff`` process, JSON to a pipe, so no progress bar) twice: first with an empty cache, then again
with the cache the first run filled. Prints a Markdown table of wall time and peak memory (RSS).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], cache: Path, code: Path) -> tuple[float, float, int]:
    """Run ``dipdiff ARGS`` from the source tree ``code``; return wall seconds, peak RSS in MiB and
    the exit code."""
    env = dict(os.environ, DIPDIFF_CACHE_DIR=str(cache), PYTHONPATH=str(code))
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "dipdiff", *args], env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"dipdiff {' '.join(args)} failed with exit code {code}")
    return wall, usage.ru_maxrss / 1024, code  # ru_maxrss is in KiB on Linux


def build_corpus(data: Path, out: Path) -> None:
    """Lay out the shared statements with make_corpus.py."""
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_corpus", module)
    spec.loader.exec_module(module)
    module.make_corpus(out, data)


def cases(corpus: Path) -> list[tuple[str, list[str]]]:
    """The measured commands: a long series, the whole corpus, a long list of predecessors."""
    usa = sorted((corpus / "unga-usa").glob("*.txt"))
    cyprus = next((corpus / "unsc").glob("*-resolution-0697.txt"))
    where = ["--corpus", str(corpus), "--format", "json"]
    return [
        (f"timeline of unga-usa ({len(usa)} statements)", ["timeline", "--speaker", "unga-usa", *where]),
        ("track 'denuclearization' across the corpus", ["track", "denuclearization", *where]),
        ("track '겨울철 올림픽' across the corpus", ["track", "겨울철 올림픽", *where]),
        (f"blame {usa[-1].name} (paragraphs, {len(usa) - 1} predecessors)", ["blame", str(usa[-1]), *where]),
        (
            f"blame {usa[-1].name} --sentences ({len(usa) - 1} predecessors)",
            ["blame", str(usa[-1]), "--sentences", *where],
        ),
        ("blame S/RES/697 (1991) against the Council's earlier resolutions", ["blame", str(cyprus), *where]),
    ]


def main() -> None:
    """Build or take a corpus, run every case cold then warm, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="an existing corpus (default: build one)")
    parser.add_argument(
        "--data", type=Path, default=Path(os.environ.get("DIPDIFF_DATA", ROOT.parent / "shared" / "data"))
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dipdiff-history-bench-"))
    try:
        code = work / "src"
        shutil.copytree(ROOT / "src", code, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            build_corpus(args.data, corpus)
        statements = sum(1 for _ in corpus.glob("*/*.*"))
        print(
            f"corpus: {corpus} ({statements} files); {os.cpu_count()} CPUs; "
            f"load average {os.getloadavg()[0]:.2f}\n"
        )
        print("| command | first run (empty cache) | second run (cache filled) | peak RSS |")
        print("| --- | ---: | ---: | ---: |")
        for label, command in cases(corpus):
            cache = work / f"cache-{abs(hash(label))}"
            cold, rss_cold, _ = run(command, cache, code)
            warm, rss_warm, _ = run(command, cache, code)
            print(f"| {label} | {cold:.1f} s | {warm:.1f} s | {max(rss_cold, rss_warm):.0f} MiB |")
            shutil.rmtree(cache, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
