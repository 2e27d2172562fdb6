"""Run the command line in-process, the way a user's shell would, and show everything on failure."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from typer.testing import CliRunner

from dipdiff.cli import main

ROOT = Path(__file__).resolve().parent.parent
"""The repository."""


@dataclass(frozen=True)
class Run:
    """What one command printed, and how it exited."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return (
            f"dipdiff {' '.join(self.args)} -> exit {self.code}\n"
            f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )


def run_cli(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``dipdiff ARGS`` through ``main`` (error mapping included) and capture its output."""
    runner = CliRunner()
    code = 0
    with runner.isolation(input=input, env=env) as streams:
        try:
            main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
        sys.stdout.flush()
        sys.stderr.flush()
        out, err = streams[0].getvalue(), streams[1].getvalue()
    return Run(tuple(args), code, out.decode("utf-8"), err.decode("utf-8"))


def expect(run: Run, code: int) -> Run:
    """Assert the exit code, showing the whole run when it differs."""
    assert run.code == code, str(run)
    return run


_FRESH = """
import json, sys
from dipdiff.cli import main
watched = json.loads(sys.argv[1])
code = 0
try:
    main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
print(json.dumps([code, sorted(m for m in watched if m in sys.modules)]), file=sys.stderr)
"""


@dataclass(frozen=True)
class Fresh:
    """What ``dipdiff`` did in a fresh interpreter: output, exit code, watched modules imported."""

    stdout: str
    code: int
    loaded: list[str]


def run_fresh(*args: str, watch: Sequence[str], env: dict[str, str] | None = None) -> Fresh:
    """Run ``dipdiff ARGS`` in a new interpreter (this one has long since imported everything) and say
    which of the ``watch`` modules it imported."""
    done = subprocess.run(
        [sys.executable, "-c", _FRESH, json.dumps(list(watch)), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert done.stderr.strip(), f"dipdiff {' '.join(args)} printed nothing on standard error"
    code, loaded = json.loads(done.stderr.strip().splitlines()[-1])
    return Fresh(done.stdout, code, loaded)


def load_benchmark(name: str) -> ModuleType:
    """Load the script ``benchmarks/<name>.py`` as a module (registered first: dataclasses look their
    module up while the file runs)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def result_or_error_lines(run: Run, corpus: Path | None = None) -> None:
    """A result (exit 0 or 1), or exactly one error line (exit 2); never a traceback or a crash.

    ``corpus list``, ``timeline``, ``track`` and ``blame`` (given their ``corpus``) show what they can
    read and name each file they cannot, one error line apiece, each naming a file inside the corpus."""
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, str(run)
    if run.code == 2 and corpus is not None and run.stdout:
        errors = [line for line in run.stderr.splitlines() if not line.startswith("dipdiff: warning: ")]
        assert errors and all(line.startswith(f"dipdiff: error: {corpus}/") for line in errors), str(run)
    elif run.code == 2:
        assert len(run.stderr.strip().splitlines()) == 1, str(run)
    else:
        assert run.code in (0, 1), str(run)
