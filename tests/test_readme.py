"""The README's example commands, run as written in a fresh copy of the repository.

Every line of the README's ``sh`` blocks is run with bash, ``dipdiff`` and ``.venv/bin/...`` being this
environment's, from a folder holding what a clone holds (``corpus/``, ``benchmarks/``). Setting up the
venv and running the test suite are left out. Where an example names the reader's own files
(``old.md``, ``new.md``, ``statement.txt``...), the bundled corpus's statements stand in; where it
names a git ref, the folder is a git repository with that ref. The examples over the shared
statements lay out only the series they use (``--match``), which keeps the run to seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

SEED = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
REVISION = CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md"
SHARED_SERIES = (
    r"ungdc/TXT/[^/]+/(RUS|CHN)_|readout-of-president-[a-z-]*xi-jinping|nk_new_year|S_RES_0[67]\d\d_"
)
"""The shared statements the history examples look at: Russia's and China's UN speeches, the
Biden-Xi readouts, the New Year addresses and Security Council resolutions 600-799 (697 among them)."""


def readme_commands() -> list[str]:
    """Each command of the README's ``sh`` blocks, continuation lines joined, comments dropped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M):
        for line in block.replace("\\\n", " ").splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            if line:
                commands.append(line)
    return commands


def _runnable(command: str) -> str | None:
    """The command without its setting-up parts (venv, pip, the test suite), or None if nothing is left."""
    parts = [p.strip() for p in command.split("&&")]
    kept = [
        p for p in parts if not re.match(r"python3 -m venv|\.venv/bin/pip |\.venv/bin/python -m pytest", p)
    ]
    return " && ".join(kept) or None


def _fresh_clone(root: Path) -> None:
    """What a clone holds that the examples use, plus the reader's files they name."""
    shutil.copytree(CORPUS, root / "corpus")
    shutil.copytree(
        ROOT / "benchmarks", root / "benchmarks", ignore=shutil.ignore_patterns("out", "__pycache__")
    )
    for name, source in {"old.md": SEED, "new.md": REVISION, "a.txt": SEED, "b.txt": REVISION}.items():
        shutil.copy(source, root / name)
    body = REVISION.read_text(encoding="utf-8").split("---\n", 2)[2]
    for name in ("new.txt", "rus.txt", "chn.txt", "rus-2016.txt", "rus-2017.txt"):
        (root / name).write_text(body, encoding="utf-8")
    (root / "statement.txt").write_text(
        "Moscow is seriously concerned by the missile launches reported this morning.\n\n"
        "We call on all sides to show restraint and to return to talks.\n",
        encoding="utf-8",
    )
    (root / "revision.txt").write_text(
        "Moscow is deeply alarmed by the missile launches reported this morning.\n\n"
        "We call on all sides to show restraint and to return to talks.\n",
        encoding="utf-8",
    )
    (root / "statement-cn.md").write_text("China opposes any unilateral sanctions.\n", encoding="utf-8")
    (root / "corpus" / "ru-mfa" / "2017-03-14-x.md").write_text(
        "---\nspeaker: ru-mfa\ndate: 2017-03-14\ntitle: X\n---\n\nA comment filed on that day.\n",
        encoding="utf-8",
    )
    shutil.copytree(root / "corpus", root / "statements")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["commit", "-qm", "corpus"],
        ["update-ref", "refs/remotes/origin/main", "HEAD"],
    ):
        subprocess.run([*git, *args], cwd=root, check=True, capture_output=True)


def _run(command: str, root: Path) -> subprocess.CompletedProcess[str]:
    """Run one README line with bash in ``root``, this environment's dipdiff and Python on the PATH."""
    bin_dir = Path(sys.executable).parent
    command = command.replace(".venv/bin/", f"{bin_dir}/")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    env.pop("DIPDIFF_CACHE_DIR", None)
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def _uses_shared_data(command: str) -> bool:
    return "corpus-all" in command


def test_the_readme_has_examples_of_every_command() -> None:
    commands = " ".join(readme_commands())
    for name in ("compare", "check", "timeline", "track", "blame", "corpus list", "corpus add"):
        assert f"dipdiff {name}" in commands


def test_readme_examples_on_the_bundled_corpus_run_as_written(tmp_path: Path) -> None:
    _fresh_clone(tmp_path)
    ran = 0
    for command in map(_runnable, readme_commands()):
        if command is None or _uses_shared_data(command):
            continue
        done = _run(command, tmp_path)
        ran += 1
        assert done.returncode in (0, 1) and "error" not in done.stderr, (command, done.stdout, done.stderr)
    assert ran >= 20
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "corpus" / "ru-mfa" / "2017-03-14-comment-on-korea.txt").is_file()


@pytest.mark.data
@pytest.mark.slow
def test_readme_examples_on_the_shared_statements_run_as_written(data_dir: Path, tmp_path: Path) -> None:
    _fresh_clone(tmp_path)
    commands = [c for c in map(_runnable, readme_commands()) if c and _uses_shared_data(c)]
    assert commands[0] == ".venv/bin/python benchmarks/make_corpus.py corpus-all"
    commands[0] += f" --match '{SHARED_SERIES}'"
    for command in commands:
        done = _run(command, tmp_path)
        assert done.returncode == 0 and "error" not in done.stderr, (
            command,
            done.stdout[-2000:],
            done.stderr,
        )
    assert (tmp_path / "biden-xi.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
