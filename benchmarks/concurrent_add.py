"""Run many ``dipdiff corpus add --new-speaker`` processes at once, round after round, and count losses.

    python benchmarks/concurrent_add.py [--rounds 20] [--processes 20]

Each round copies the repository's corpus to a temporary folder and starts ``--processes`` runs at
the same moment, each filing a statement of its own (``corpus add`` refuses duplicates) under a
speaker of its own that it registers with ``--new-speaker``. A round loses nothing when every run
exits 0, every statement file is there, and ``speakers.yaml`` holds every new speaker exactly once
(no entry dropped by a lost update, none written twice). A second kind of round starts as many runs
all registering one speaker: exactly one entry must result, and a statement for every run that
exited 0. Prints one line per round and a total; exits 1 if any round lost anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _text(folder: Path, n: int) -> Path:
    """A statement of its own for run ``n``: corpus add refuses a text the corpus already holds."""
    path = folder / f"statement-{n}.txt"
    path.write_text(
        f"The delegations met for round {n} of talks and agreed to meet again.\n", encoding="utf-8"
    )
    return path


def one_round(work: Path, processes: int, same: bool) -> tuple[bool, str]:
    """Run one round in ``work``; return whether nothing was lost, and a description."""
    from dipdiff.safeyaml import duplicate_keys, load_yaml

    corpus = work / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"))
    command = [sys.executable, "-m", "dipdiff", "corpus", "add", "--corpus", str(corpus), "--date", "2020"]
    name = "--new-speaker"
    ids = ["same-speaker"] * processes if same else [f"speaker-{n}" for n in range(processes)]
    procs = [
        subprocess.Popen(
            [*command, str(_text(work, n)), "--speaker", sid, name, f"Name of {sid}", "--title", f"T {n}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n, sid in enumerate(ids)
    ]
    errors = [proc.communicate(timeout=600)[1].decode() for proc in procs]
    codes = [proc.returncode for proc in procs]
    registry_text = (corpus / "speakers.yaml").read_text(encoding="utf-8")
    registered = set(load_yaml(registry_text))
    repeats = duplicate_keys(registry_text)
    filed = sum(len(list((corpus / sid).glob("2020-*.txt"))) for sid in set(ids))
    tracebacks = sum("Traceback" in err for err in errors)
    if same:
        ok = codes.count(0) >= 1 and set(codes) <= {0, 2} and filed == codes.count(0)
        ok = ok and "same-speaker" in registered and not repeats and not tracebacks
        kept = f"{codes.count(0)} filed, {codes.count(2)} refused"
        return ok, f"one speaker: {kept}, {len(repeats)} repeated keys"
    missing = set(ids) - registered
    ok = codes == [0] * processes and not missing and not repeats and filed == processes and not tracebacks
    kept = f"{processes - len(missing)}/{processes} speakers kept"
    return ok, f"{kept}, {filed} statements, exit codes {sorted(set(codes))}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--processes", type=int, default=20)
    args = parser.parse_args()
    failures = 0
    start = time.perf_counter()
    for same in (False, True):
        for n in range(args.rounds):
            with tempfile.TemporaryDirectory(prefix="dipdiff-concurrent-") as work:
                ok, what = one_round(Path(work), args.processes, same)
            failures += not ok
            print(f"round {n + 1:2} {'ok  ' if ok else 'LOST'} {what}", flush=True)
    kinds = "distinct and one shared speaker"
    print(
        f"{2 * args.rounds} rounds of {args.processes} concurrent runs ({kinds}): {failures} lost anything; "
        f"{time.perf_counter() - start:.0f} s"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
