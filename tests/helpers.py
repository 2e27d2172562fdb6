"""Run the command line in-process, the way a user's shell would, and show everything on failure."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from typer.testing import CliRunner

from dipdiff.cli import main


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
