"""Time every corpus command as the corpus grows, beside the plain datasketch MinHash-LSH pass.

    python benchmarks/check_scale.py WORK_DIR [--sizes 2500,5000,10000,20000] [--seed 1]

For each size N, lays out the shared statements grown with perturbed copies to N statements
(``make_corpus.py --grow N``) under WORK_DIR (which must not exist), in a git repository, and runs,
each in a fresh process as a user would (JSON to a pipe, so no progress bar), measuring wall time and
peak memory (``/usr/bin/time -v`` when present, else ``resource.getrusage``):

* ``minhash_floor.py``: the datasketch pass over the same files (the floor of near-duplicate search);
* ``check`` with an empty index (cold), again with it filled (warm), then with one new file added
  (a near-copy of an existing statement), named on the command line and as ``--since HEAD``;
* ``corpus list`` (warm); ``timeline --speaker unga-usa`` cold and warm; ``track`` of a phrase
  across the whole corpus cold and warm; ``blame`` of the USA's last UN speech (warm).

"Cold" always means an empty index folder. The commands run from a copy of ``src/`` taken at the
start, so edits made meanwhile cannot disturb the run. Prints one JSON line per measurement, then a
Markdown table with each command's time and memory per size and its growth exponent (the slope of
log time against log size, least squares), and the ratio of cold ``check`` to the floor.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PHRASE = "denuclearization of the Korean Peninsula"


def measure(label: str, args: list[str], cwd: Path, env: dict[str, str]) -> dict[str, object]:
    """Run one command; return its wall time, peak RSS and exit code."""
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    start = time.perf_counter()
    done = subprocess.run(timer + args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    peak_kb = int(match.group(1)) if match else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    row: dict[str, object] = {
        "run": label,
        "wall_s": round(wall, 2),
        "peak_mib": round(peak_kb / 1024),
        "exit": done.returncode,
        "load": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(row), flush=True)
    if done.returncode not in (0, 1):
        print(done.stderr[-2000:], file=sys.stderr)
    return row


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def add_near_copy(corpus: Path) -> Path:
    """File one new statement: a near-copy of the USA's last UN speech, one sentence longer."""
    source = sorted((corpus / "unga-usa").glob("*.txt"))[-1]
    new = source.with_name("2099-session-99.txt")
    text = source.read_text("utf-8")
    new.write_text(
        re.sub(r"date: '?[0-9]{4}'?", "date: '2099'", text, count=1) + "\nOne more sentence.\n", "utf-8"
    )
    return new


def run_size(work: Path, size: int, seed: int, code: Path) -> dict[str, dict[str, object]]:
    """Build a corpus of ``size`` statements and measure every command on it."""
    repo = work / f"grow-{size}"
    corpus = repo / "corpus"
    subprocess.run(
        [sys.executable, str(HERE / "make_corpus.py"), str(corpus), "--grow", str(size), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "grown corpus")
    env = dict(os.environ, PYTHONPATH=str(code))
    dipdiff = [sys.executable, "-m", "dipdiff"]
    where = ["--corpus", str(corpus), "--format", "json"]
    usa = sorted((corpus / "unga-usa").glob("*.txt"))
    rows: dict[str, dict[str, object]] = {}

    def run(label: str, args: list[str], index: str) -> None:
        env["DIPDIFF_CACHE_DIR"] = str(work / f"index-{size}-{index}")
        rows[label] = measure(f"{size}: {label}", args, repo, env)

    run("datasketch MinHash-LSH pass", [sys.executable, str(HERE / "minhash_floor.py"), str(corpus)], "none")
    run("check, cold", [*dipdiff, "check", *where], "check")
    run("check, warm", [*dipdiff, "check", *where], "check")
    new = add_near_copy(corpus)
    run("check of one added file, warm", [*dipdiff, "check", *where, str(new)], "check")
    run("check --since HEAD (one added file), warm", [*dipdiff, "check", *where, "--since", "HEAD"], "check")
    new.unlink()
    run("corpus list, warm", [*dipdiff, "corpus", "list", "--corpus", str(corpus), "-f", "json"], "check")
    timeline = [*dipdiff, "timeline", "--speaker", "unga-usa", *where]
    run(f"timeline of unga-usa ({len(usa)} statements), cold", timeline, "timeline")
    run(f"timeline of unga-usa ({len(usa)} statements), warm", timeline, "timeline")
    track = [*dipdiff, "track", PHRASE, *where]
    run("track across the corpus, cold", track, "track")
    run("track across the corpus, warm", track, "track")
    run("blame of unga-usa's last speech, warm", [*dipdiff, "blame", str(usa[-1]), *where], "track")
    for index in work.glob(f"index-{size}-*"):
        shutil.rmtree(index, ignore_errors=True)
    shutil.rmtree(repo, ignore_errors=True)
    return rows


def exponent(sizes: list[int], times: list[float]) -> float:
    """Least-squares slope of log time against log size."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-3)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--sizes", default="2500,5000,10000,20000")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    args.work.mkdir(parents=True)
    code = args.work / "src"
    shutil.copytree(ROOT / "src", code, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    print(json.dumps({"cpus": os.cpu_count(), "load": os.getloadavg()[0], "sizes": sizes}), flush=True)
    results = {size: run_size(args.work, size, args.seed, code) for size in sizes}
    labels = list(results[sizes[0]])
    print("\n| command | " + " | ".join(f"{s:,} statements" for s in sizes) + " | growth exponent |")
    print("| --- | " + " | ".join("---:" for _ in sizes) + " | ---: |")
    for label in labels:
        cells = [f"{results[s][label]['wall_s']} s, {results[s][label]['peak_mib']} MiB" for s in sizes]
        times = [float(results[s][label]["wall_s"]) for s in sizes]  # type: ignore[arg-type]
        slope = exponent(sizes, times) if len(sizes) > 1 else float("nan")
        print(f"| {label} | " + " | ".join(cells) + f" | {slope:.2f} |")
    floor = "datasketch MinHash-LSH pass"
    ratios = [
        float(results[s]["check, cold"]["wall_s"]) / float(results[s][floor]["wall_s"])  # type: ignore[arg-type]
        for s in sizes
    ]
    print("| cold check ÷ datasketch pass | " + " | ".join(f"{r:.2f}" for r in ratios) + " | |")
    shutil.rmtree(code, ignore_errors=True)


if __name__ == "__main__":
    main()
