"""Time ``dipdiff compare`` beside difflib, icdiff, redlines and diff-match-patch on real long pairs.

Every tool gets the same two files. Whole commands (``dipdiff compare``, ``icdiff``) run as
subprocesses with output to /dev/null; libraries run in this process on texts already read:
dipdiff's ``compare`` on statements already read, difflib's ``HtmlDiff.make_file`` and
``unified_diff`` on the files' lines, ``Redlines(old, new).output_markdown`` and diff-match-patch's
``diff_main`` plus ``diff_cleanupSemantic`` on the whole texts. Each figure is the median of
``--runs`` runs after one warm-up run (a tool whose first run exceeds ``--slow`` seconds is run once),
as wall time and as CPU time (user + system; of the child for commands), since other work on a shared
machine inflates wall time but not CPU time. On each pair the tools take turns, one run each per
round, so that a change in the machine's speed during the measurement affects them alike. Ratios are
peer CPU time / dipdiff CPU time: commands against the dipdiff command, libraries against dipdiff
in-process.

Commands keep dipdiff's reference-data cache in a temporary ``DIPDIFF_CACHE_DIR``, filled by the
warm-up run; the start-up table also times a first run with that cache empty. Commands run with
Python's bytecode cache on (``PYTHONDONTWRITEBYTECODE`` removed), kept outside the
repository in ``PYTHONPYCACHEPREFIX`` (a temporary folder), as an installed dipdiff would run;
``--no-bytecode`` times them the other way.

    python benchmarks/compare_peers.py [--runs 5] [--pair NAME ...] [--profile NAME]

Reads the shared statements from DIPDIFF_DATA (default ../shared/data); prints Markdown tables for
BENCHMARKS.md and writes nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import difflib
import io
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from dipdiff.compare import compare
from dipdiff.model import Statement
from dipdiff.readers import read_statement

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WIDTH = "160"
"""Columns for both side-by-side views (dipdiff's terminal layout and icdiff's --cols)."""


@dataclass(frozen=True)
class Pair:
    """Two versions of one statement under DIPDIFF_DATA."""

    name: str
    old: str
    new: str
    what: str


_WH = "whitehouse_briefings/revisions/statements-releases"
_UN = "ungdc/TXT"
PAIRS = (
    Pair(
        "un-chn-1992-93",
        f"{_UN}/Session 47 - 1992/CHN_47_1992.txt",
        f"{_UN}/Session 48 - 1993/CHN_48_1993.txt",
        "China, UN General Debate 1992 vs 1993: 307 vs 366 lines re-flowed into 40 and 30 paragraphs",
    ),
    Pair(
        "un-fra-1981-82",
        f"{_UN}/Session 36 - 1981/FRA_36_1981.txt",
        f"{_UN}/Session 37 - 1982/FRA_37_1982.txt",
        "France 1981 vs 1982: 54 vs 87 paragraphs (1982: 794 lines re-flowed)",
    ),
    Pair(
        "un-usa-2013-14",
        f"{_UN}/Session 68 - 2013/USA_68_2013.txt",
        f"{_UN}/Session 69 - 2014/USA_69_2014.txt",
        "United States 2013 vs 2014: 34 KB vs 27 KB",
    ),
    Pair(
        "wh-g7-hiroshima",
        f"{_WH}/2023-05/2023-05-20-g7-hiroshima-leaders-communique/v01_20230520T103102Z_e559857425.md",
        f"{_WH}/2023-05/2023-05-20-g7-hiroshima-leaders-communique/v02_20230522T183110Z_91c03cfcfe.md",
        "G7 Hiroshima communiqué v01 vs v02: 130 KB Markdown, one word removed",
    ),
    Pair(
        "wh-covid-summit",
        f"{_WH}/2022-05/2022-05-12-2nd-global-covid-19-summit-commitments/v03_20220512T184738Z_44857bdbd4.md",
        f"{_WH}/2022-05/2022-05-12-2nd-global-covid-19-summit-commitments/v04_20220513T025131Z_f2650d657d.md",
        "Global COVID-19 Summit commitments v03 vs v04: 70 KB Markdown, items added and rewritten",
    ),
    Pair(
        "nk-2017-18",
        "nk_new_year_addresses/data/2017.txt",
        "nk_new_year_addresses/data/2018.txt",
        "North Korean New Year address 2017 vs 2018 (Korean)",
    ),
    Pair(
        "unsc-cyprus",
        "cr_unsc_gold/res_en_gold/S_RES_0553_1984_EN_GOLD.txt",
        "cr_unsc_gold/res_en_gold/S_RES_0559_1984_EN_GOLD.txt",
        "UNSC Cyprus (UNFICYP) renewals S/RES/553 vs 559 (1984)",
    ),
)


def data_dir() -> Path:
    """The shared statements folder."""
    return Path(os.environ.get("DIPDIFF_DATA", ROOT.parent / "shared" / "data"))


def tool(name: str) -> str:
    """A console script of this environment, else one on PATH."""
    local = BIN / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"compare_peers: {name} is not installed (pip install -e '.[bench]')")
    return found


ENV = dict(os.environ)
"""The environment of timed commands; ``main`` sets its bytecode cache."""


def command(args: Sequence[str]) -> Callable[[], object]:
    """A callable running ``args`` with output discarded; diff's exit codes 0 and 1 are success."""

    def run() -> object:
        done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=ENV)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
        return None

    return run


@dataclass(frozen=True)
class Timing:
    """Medians of one tool on one pair."""

    wall: float
    cpu: float
    runs: int


def _cpu() -> float:
    """CPU seconds (user + system) used so far by this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure_together(works: dict[str, Callable[[], object]], runs: int, slow: float) -> dict[str, Timing]:
    """Like ``measure`` for several tools, taking turns: each round runs every tool once, so a change
    in the machine's speed during the measurement (a shared virtual machine's is) affects all alike."""
    slow_ones = set()
    for name, work in works.items():
        start = time.perf_counter()
        work()
        if time.perf_counter() - start > slow:
            slow_ones.add(name)
    walls: dict[str, list[float]] = {name: [] for name in works}
    cpus: dict[str, list[float]] = {name: [] for name in works}
    for round_ in range(runs):
        for name, work in works.items():
            if name in slow_ones and round_ > 0:
                continue
            cpu, start = _cpu(), time.perf_counter()
            work()
            walls[name].append(time.perf_counter() - start)
            cpus[name].append(_cpu() - cpu)
    return {
        name: Timing(statistics.median(walls[name]), statistics.median(cpus[name]), len(walls[name]))
        for name in works
    }


def measure(work: Callable[[], object], runs: int, slow: float) -> Timing:
    """Median wall and CPU time of ``runs`` runs after a warm-up (one run when it is slow)."""
    start = time.perf_counter()
    work()
    if time.perf_counter() - start > slow:
        runs = 1
    walls, cpus = [], []
    for _ in range(runs):
        cpu, start = _cpu(), time.perf_counter()
        work()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus), runs)


def peers(pair: Pair, root: Path) -> dict[str, tuple[str, Callable[[], object]]]:
    """Every timed tool on one pair, keyed by column name: (kind, callable)."""
    old_path, new_path = str(root / pair.old), str(root / pair.new)
    old_text = (root / pair.old).read_text(encoding="utf-8-sig")
    new_text = (root / pair.new).read_text(encoding="utf-8-sig")
    old_lines, new_lines = old_text.splitlines(True), new_text.splitlines(True)
    old_statement: Statement = read_statement(old_path)
    new_statement: Statement = read_statement(new_path)

    def html_diff() -> object:
        return difflib.HtmlDiff().make_file(old_lines, new_lines)

    def unified() -> object:
        return list(difflib.unified_diff(old_lines, new_lines))

    def redlines() -> object:
        from redlines import Redlines

        return Redlines(old_text, new_text).output_markdown

    def match_patch() -> object:
        from diff_match_patch import diff_match_patch

        dmp = diff_match_patch()
        diffs = dmp.diff_main(old_text, new_text)
        dmp.diff_cleanupSemantic(diffs)
        return diffs

    dipdiff = tool("dipdiff")
    return {
        "dipdiff cmd": ("cmd", command([dipdiff, "compare", old_path, new_path, "--width", WIDTH])),
        "dipdiff cmd json": ("cmd", command([dipdiff, "compare", old_path, new_path, "-f", "json"])),
        "icdiff cmd": ("cmd", command([tool("icdiff"), f"--cols={WIDTH}", old_path, new_path])),
        "dipdiff in-process": ("lib", lambda: compare(old_statement, new_statement)),
        "difflib HtmlDiff": ("lib", html_diff),
        "difflib unified": ("lib", unified),
        "redlines": ("lib", redlines),
        "diff-match-patch": ("lib", match_patch),
    }


def machine() -> str:
    """One line describing where the figures were measured."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("dipdiff", "rapidfuzz", "icdiff", "redlines", "diff-match-patch")
    )
    return (
        f"{platform.system()} {platform.machine()}, {model}, {os.cpu_count()} cores; "
        f"Python {platform.python_version()}; {versions}"
    )


def startup(runs: int, root: Path) -> list[tuple[str, Timing]]:
    """Median start-up of the CLI and of importing it, beside a bare interpreter, and the cost of a
    first run, which parses the packaged rules and lexicons before filling the reference-data cache."""
    python = sys.executable
    probes = [
        ("python -c pass", [python, "-c", "pass"]),
        ('python -c "import dipdiff.cli"', [python, "-c", "import dipdiff.cli"]),
        ("dipdiff --version", [tool("dipdiff"), "--version"]),
        ("icdiff --version", [tool("icdiff"), "--version"]),
    ]
    timings = [(label, measure(command(args), runs, 60)) for label, args in probes]
    short = next(pair for pair in PAIRS if pair.name == "unsc-cyprus")
    compare_short = [tool("dipdiff"), "compare", str(root / short.old), str(root / short.new), "-f", "json"]
    warm = command(compare_short)

    def first_run() -> object:
        shutil.rmtree(ENV["DIPDIFF_CACHE_DIR"], ignore_errors=True)
        return warm()

    label = "dipdiff compare (unsc-cyprus, json)"
    timings.append((f"{label}, first run: empty data cache", measure(first_run, runs, 60)))
    timings.append((f"{label}, data cache filled", measure(warm, runs, 60)))
    return timings


def profile(pair: Pair, root: Path) -> None:
    """Print the hot spots of one in-process compare (cProfile, cumulative and own time)."""
    old = read_statement(str(root / pair.old))
    new = read_statement(str(root / pair.new))
    profiler = cProfile.Profile()
    profiler.enable()
    compare(old, new)
    profiler.disable()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(15)
        print(out.getvalue())


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--slow", type=float, default=20.0, help="run once when slower (s)")
    parser.add_argument("--pair", action="append", help="only these pairs (repeatable)")
    parser.add_argument("--profile", metavar="PAIR", help="profile dipdiff on one pair, then stop")
    parser.add_argument("--no-bytecode", action="store_true", help="time commands without a bytecode cache")
    args = parser.parse_args(argv)
    if args.no_bytecode:
        ENV["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="dipdiff-bench-pycache-")
    # The reference-data cache (parsed lexicons and country names) lives in a folder of its own, filled
    # by each figure's warm-up run, as an installed dipdiff's is after its first run.
    ENV["DIPDIFF_CACHE_DIR"] = tempfile.mkdtemp(prefix="dipdiff-bench-data-")
    root = data_dir()
    if not root.is_dir():
        raise SystemExit(f"compare_peers: no shared data at {root} (set DIPDIFF_DATA)")
    by_name = {pair.name: pair for pair in PAIRS}
    if args.profile:
        profile(by_name[args.profile], root)
        return
    chosen = [by_name[name] for name in args.pair] if args.pair else list(PAIRS)

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}.")
    cache = "off" if args.no_bytecode else "on"
    print(f"Load average at the start: {load}. Bytecode cache for commands: {cache}.\n")
    print("| start-up | wall s | CPU s |\n| --- | --- | --- |")
    for label, timing in startup(args.runs, root):
        print(f"| `{label}` | {timing.wall:.3f} | {timing.cpu:.3f} |")
    print()

    header = None
    ratios = []
    for pair in chosen:
        old = read_statement(str(root / pair.old))
        new = read_statement(str(root / pair.new))
        works = {column: work for column, (_, work) in peers(pair, root).items()}
        timings = measure_together(works, args.runs, args.slow)
        for column, timing in timings.items():
            print(f"  {pair.name}: {column} {timing}", file=sys.stderr)
        times = {column: timing.cpu for column, timing in timings.items()}
        if header is None:
            header = list(timings)
            print("Median wall s / CPU s (* one run only):\n")
            print("| pair | ¶ old/new | " + " | ".join(header) + " |")
            print("| --- | --- | " + " | ".join("---" for _ in header) + " |")
        cells = [
            f"{timings[c].wall:.3f} / {timings[c].cpu:.3f}" + ("*" if timings[c].runs == 1 else "")
            for c in header
        ]
        sizes = f"{len(old.paragraphs)}/{len(new.paragraphs)}"
        print(f"| {pair.name} | {sizes} | " + " | ".join(cells) + " |", flush=True)
        ratios.append((pair.name, times))

    print("\nRatios of CPU time, peer / dipdiff (above 1: dipdiff is faster):\n")
    print(
        "| pair | icdiff / dipdiff cmd | icdiff / dipdiff cmd json | HtmlDiff / in-process"
        " | unified / in-process | redlines / in-process | diff-match-patch / in-process |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, t in ratios:
        inproc = t["dipdiff in-process"]
        ratio = [
            t["icdiff cmd"] / t["dipdiff cmd"],
            t["icdiff cmd"] / t["dipdiff cmd json"],
            t["difflib HtmlDiff"] / inproc,
            t["difflib unified"] / inproc,
            t["redlines"] / inproc,
            t["diff-match-patch"] / inproc,
        ]
        print(f"| {name} | " + " | ".join(f"{r:.2f}" for r in ratio) + " |")
    print("\n" + "\n".join(f"- {pair.name}: {pair.what}; `{pair.old}` vs `{pair.new}`" for pair in chosen))


if __name__ == "__main__":
    main()
