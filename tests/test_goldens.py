"""Golden cases: each folder under tests/cases/ holds a pair of statements and the reviewed output.

A case folder has ``old.*`` and ``new.*`` (or an ``args`` file whose lines are the command's
arguments, paths relative to the repository root), ``expected.json`` (``--format json``) and
``expected.txt`` (terminal view, 80 columns, no colour). Regenerate with ``--update-goldens`` and review
the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import run_cli

CASES = sorted(p for p in (ROOT / "tests" / "cases").iterdir() if p.is_dir())


def _args(case: Path) -> list[str]:
    """The command's arguments for a case: its args file, plus old.* and new.* when present."""
    args = (case / "args").read_text(encoding="utf-8").split() if (case / "args").exists() else []
    sides = [sorted(case.glob(f"{side}.*")) for side in ("old", "new")]
    if all(sides):
        args = [str(sides[0][0].relative_to(ROOT)), str(sides[1][0].relative_to(ROOT)), *args]
    return args


def _check(path: Path, actual: str, update: bool) -> None:
    if update:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run pytest {__file__} --update-goldens and review it"
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_json(case: Path, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = run_cli("compare", *_args(case), "--format", "json")
    assert run.code in (0, 1), str(run)
    data = json.loads(run.stdout)
    changed = any(b["kind"] != "equal" or b["moved"] for b in data["blocks"])
    assert run.code == int(changed), "exit code must say whether the statements differ"
    _check(case / "expected.json", run.stdout, update_goldens)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_terminal(case: Path, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = run_cli("compare", *_args(case), "--width", "80", env={"NO_COLOR": "1"})
    assert run.code in (0, 1), str(run)
    assert "\x1b[" not in run.stdout, "no colour codes when not a terminal"
    _check(case / "expected.txt", run.stdout, update_goldens)
