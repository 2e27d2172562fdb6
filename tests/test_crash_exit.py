"""A crash never looks like a result: any unexpected exception exits 2 with one line on standard error.

Exit codes 0 and 1 are answers ("same", "different", "problems found"), so a CI job must be able to
tell a bug from a finding. Each command is made to crash at the library call it makes, and must end
in exactly one ``dipdiff: error: internal error`` line; ``DIPDIFF_DEBUG=1`` adds the traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.helpers import run_cli

STATEMENT = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"

# (command line, module, function the command calls): the function is replaced by one that crashes.
COMMANDS = [
    (["compare", str(STATEMENT), str(STATEMENT)], "dipdiff.compare", "compare_sources"),
    (["check", "--corpus", str(CORPUS)], "dipdiff.check.run", "run_check"),
    (["corpus", "list", "--corpus", str(CORPUS)], "dipdiff.corpus.store", "list_statements"),
    (
        ["corpus", "add", str(STATEMENT), "--speaker", "ru-mfa", "--date", "2017", "--title", "T"],
        "dipdiff.corpus.add",
        "add_statement",
    ),
    (["timeline", "--corpus", str(CORPUS)], "dipdiff.history.timeline", "build_timeline"),
    (["track", "--corpus", str(CORPUS), "peninsula"], "dipdiff.history.track", "track_phrase"),
    (["blame", "--corpus", str(CORPUS), str(STATEMENT)], "dipdiff.history.blame", "blame_statement"),
]


def _crash(*args: object, **kwargs: object) -> None:
    raise KeyError("boom")


@pytest.mark.parametrize(("args", "module", "name"), COMMANDS, ids=[c[0][0] + c[0][1] for c in COMMANDS])
def test_every_command_exits_2_with_one_line_on_a_crash(
    args: list[str], module: str, name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import importlib

    monkeypatch.setattr(importlib.import_module(module), name, _crash)
    monkeypatch.delenv("DIPDIFF_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)
    run = run_cli(*args)
    assert run.code == 2, str(run)
    lines = run.stderr.splitlines()
    assert len(lines) == 1, str(run)
    assert lines[0].startswith("dipdiff: error: internal error: KeyError: 'boom'"), str(run)
    assert "DIPDIFF_DEBUG=1" in lines[0]
    assert "Traceback" not in run.stderr


def test_debug_variable_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dipdiff.compare.compare_sources", _crash)
    run = run_cli("compare", str(STATEMENT), str(STATEMENT), env={"DIPDIFF_DEBUG": "1"})
    assert run.code == 2, str(run)
    assert "Traceback (most recent call last)" in run.stderr
    assert run.stderr.rstrip().splitlines()[-1].startswith("dipdiff: error: internal error: KeyError")


def test_the_console_script_exits_2_on_a_crash(tmp_path: Path) -> None:
    """The real entry point, in a fresh interpreter: what a CI job sees."""
    program = (
        "import dipdiff.compare as c, sys\n"
        "def boom(*a, **k): raise RuntimeError('boom')\n"
        "c.compare_sources = boom\n"
        "from dipdiff.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, "compare", str(STATEMENT), str(STATEMENT)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path)},
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "dipdiff: error: internal error: RuntimeError: boom (set DIPDIFF_DEBUG=1 to see the traceback)"
    ]
