"""Time ``dipdiff check`` on all the shared statements and on a synthetic corpus of 20,000.

    python benchmarks/check_scale.py WORK_DIR [--synthetic 20000] [--skip-real]

Lays out the corpora with ``benchmarks/make_corpus.py`` under WORK_DIR (which must not exist), then
measures, each in a fresh process, wall time and peak memory (``/usr/bin/time -v`` when present,
otherwise ``resource.getrusage``):

* a full check with an empty cache (cold), and again with the cache filled (warm);
* on the synthetic corpus, kept in a git repository: ``check --since HEAD`` after adding one new file
  (a near-copy of an existing statement, which must be reported), with the cache filled.

Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIPDIFF = [sys.executable, "-m", "dipdiff"]


def measure(label: str, args: list[str], cwd: Path, env: dict[str, str]) -> dict[str, object]:
    """Run one command; return its wall time, peak RSS, exit code and a summary of its output."""
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    start = time.perf_counter()
    done = subprocess.run(timer + args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    peak_kb = int(match.group(1)) if match else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    report = json.loads(done.stdout) if done.stdout.startswith("{") else {}
    row = {
        "run": label,
        "wall_s": round(wall, 1),
        "peak_mib": round(peak_kb / 1024),
        "exit": done.returncode,
        "statements": report.get("statements"),
        "checked": report.get("checked"),
        "counts": report.get("counts"),
    }
    print(json.dumps(row), flush=True)
    if done.returncode == 2:
        print(done.stderr[-2000:], file=sys.stderr)
    return row


def make(out: Path, *extra: str) -> dict[str, object]:
    """Run the importer."""
    done = subprocess.run(
        [sys.executable, str(HERE / "make_corpus.py"), str(out), *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    summary: dict[str, object] = json.loads(done.stdout)
    return summary


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--synthetic", type=int, default=20_000)
    parser.add_argument("--skip-real", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True)
    rows = []
    env = {**os.environ}
    if not args.skip_real:
        real = args.work / "real" / "corpus"
        make(real)
        env["DIPDIFF_CACHE_DIR"] = str(args.work / "real" / "cache")
        cmd = [*DIPDIFF, "check", "--corpus", str(real), "-f", "json"]
        rows.append(measure("shared data, cold cache", cmd, args.work, env))
        rows.append(measure("shared data, warm cache", cmd, args.work, env))
    repo = args.work / "synthetic"
    corpus = repo / "corpus"
    summary = make(corpus, "--synthetic", str(args.synthetic))
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "synthetic corpus")
    env["DIPDIFF_CACHE_DIR"] = str(repo / ".dipdiff-cache")
    cmd = [*DIPDIFF, "check", "--corpus", str(corpus), "-f", "json"]
    rows.append(measure(f"synthetic {args.synthetic}, cold cache", cmd, repo, env))
    rows.append(measure(f"synthetic {args.synthetic}, warm cache", cmd, repo, env))
    # One new statement: a near-copy of a planted original, filed as a new file.
    old_id = summary["planted_near_duplicates"][0][0]  # type: ignore[index]
    source = next((corpus / old_id.split("/")[0]).glob(old_id.split("/")[1] + ".*"))
    new = source.with_name("2024-12-31-new-statement" + source.suffix)
    text = source.read_text("utf-8").replace("title: Synthetic", "title: New synthetic", 1)
    new.write_text(
        re.sub(r"date: '[^']+'", "date: '2024-12-31'", text, count=1) + "\nOne more sentence.\n",
        encoding="utf-8",
    )
    rows.append(
        measure("synthetic, --since HEAD (1 new file), warm cache", [*cmd, "--since", "HEAD"], repo, env)
    )
    rows.append(measure("synthetic, the new file named, warm cache", [*cmd, str(new)], repo, env))
    print("\n| run | wall (s) | peak RSS (MiB) | statements | checked | errors | exit |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        counts = row["counts"] or {}
        print(
            f"| {row['run']} | {row['wall_s']} | {row['peak_mib']} | {row['statements']} | "
            f"{row['checked']} | {counts.get('error', '?')} | {row['exit']} |"
        )
    shutil.rmtree(args.work / "real" / "cache", ignore_errors=True)


if __name__ == "__main__":
    main()
