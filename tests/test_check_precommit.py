"""The shipped ``.pre-commit-hooks.yaml``, run by the real ``pre-commit`` on a temporary corpus repository.

pre-commit installs the hook the way it would for any user: it clones this repository at HEAD and
``pip install``s it into a fresh environment. So that the test runs offline and in seconds, that install
uses no package index and no dependencies (``PIP_NO_INDEX``, ``PIP_NO_DEPS``; ``PIP_NO_BUILD_ISOLATION=0``
is pip's spelling of "build without isolation"), and the hook then finds dipdiff's dependencies through
``PYTHONPATH`` pointing at the test's own environment. dipdiff itself runs from the clone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from dipdiff.corpus.layout import render_front_matter
from tests.conftest import CORPUS, ROOT
from tests.test_check import good_meta

pytestmark = pytest.mark.slow


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    head = run(["git", "rev-parse", "HEAD"], ROOT)
    if head.returncode != 0:
        pytest.skip("not a git checkout")
    if run(["git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"], ROOT).returncode != 0:
        pytest.fail(".pre-commit-hooks.yaml is not committed")
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "statements"
    repo.mkdir()
    run(["git", "init", "-q"], repo)
    shutil.copytree(CORPUS, repo / "corpus")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: dipdiff-check\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PRE_COMMIT", "DIPDIFF_CACHE"))}
    env["PRE_COMMIT_HOME"] = str(base / "pre-commit-home")
    install = {**env, "PIP_NO_INDEX": "1", "PIP_NO_DEPS": "1", "PIP_NO_BUILD_ISOLATION": "0"}
    run(["git", "add", "."], repo)
    done = run([sys.executable, "-m", "pre_commit", "install-hooks"], repo, install)
    assert done.returncode == 0, done.stdout + done.stderr
    env["PYTHONPATH"] = sysconfig.get_paths()["purelib"]
    return repo, env


def hook(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "pre_commit", "run", *args], repo, env)


def test_the_hook_passes_the_bundled_corpus(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    done = hook(path, env, "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "dipdiff check" in done.stdout and "Passed" in done.stdout


def test_the_hook_fails_a_bad_staged_statement(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    bad = path / "corpus" / "ru-mfa" / "2017-03-14-korea.md"
    bad.write_text(render_front_matter(good_meta(speaker="ru-mfx")) + "\nWe note the situation.\n", "utf-8")
    run(["git", "add", str(bad)], path)
    try:
        done = hook(path, env)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "Failed" in done.stdout
        assert "corpus/ru-mfa/2017-03-14-korea.md:2: error [unknown-speaker]" in done.stdout
        assert "did you mean 'ru-mfa'" in done.stdout
    finally:
        run(["git", "rm", "-q", "--cached", str(bad)], path)
        bad.unlink()


def test_files_outside_the_corpus_are_not_passed_to_the_hook(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    readme = path / "README.md"
    readme.write_text("# Our statements\n", encoding="utf-8")
    run(["git", "add", str(readme)], path)
    done = hook(path, env, "--files", "README.md")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no files to check" in done.stdout and "Skipped" in done.stdout
