"""``check --since REF`` checks only what changed in git, and the cache remembers unchanged files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from dipdiff.check import CheckOptions, run_check
from dipdiff.index import CorpusIndex
from dipdiff.readers import read_statement
from tests.helpers import expect, run_cli
from tests.test_check import BODY, OTHER_BODY, SPEAKERS, TODAY, TempCorpus, good_meta


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TempCorpus:
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path / "cache"))
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    made = TempCorpus(repo / "corpus")
    made.write("ru-mfa/2017-03-14-korean-peninsula.md", good_meta())
    # A broken file already on the main branch: --since must not report it.
    made.write("ru-mfa/2017-01-01-old.md", good_meta(date="2017-01-01", title=None), OTHER_BODY)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "seed")
    return made


def test_since_checks_only_files_changed_or_added(repo: TempCorpus) -> None:
    new = repo.write("ru-mfa/2017-04-01-copy.md", good_meta(date="2017-04-01"))
    report = run_check(repo.root, since="HEAD", options=CheckOptions(today=TODAY))
    assert report.checked == 1 and report.statements == 3
    (finding,) = report.findings
    assert finding.rule == "exact-duplicate" and finding.path.endswith(new.name)
    git(repo.root.parent, "add", ".")
    git(repo.root.parent, "commit", "-q", "-m", "add copy")
    assert run_check(repo.root, since="HEAD", options=CheckOptions(today=TODAY)).checked == 0
    assert run_check(repo.root, since="HEAD~1", options=CheckOptions(today=TODAY)).checked == 1


def test_since_includes_a_changed_registry(repo: TempCorpus) -> None:
    registry = repo.root / "speakers.yaml"
    registry.write_text(registry.read_text("utf-8") + "bad:\n  title: x\n", encoding="utf-8")
    report = run_check(repo.root, since="HEAD", options=CheckOptions(today=TODAY))
    assert {f.rule for f in report.findings} == {"registry"}


def test_since_with_a_bad_ref_cannot_run(repo: TempCorpus) -> None:
    run = expect(run_cli("check", "--corpus", str(repo.root), "--since", "no-such-ref"), 2)
    assert run.stderr.startswith("dipdiff: error: git diff:")
    assert "--since" in expect(run_cli("check", "--corpus", str(repo.root), "--since", "--exec=x"), 2).stderr


def test_since_outside_a_git_repository_names_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above tmp_path counts
    made = TempCorpus(tmp_path / "corpus")
    made.write("ru-mfa/2017-03-14-korean-peninsula.md", good_meta())
    run = expect(run_cli("check", "--corpus", str(made.root), "--since", "origin/main"), 2)
    assert run.stderr == (
        f"dipdiff: error: {made.root}: not in a git repository, so --since origin/main has nothing to "
        "compare with\n"
    )


def test_the_cache_serves_unchanged_files_and_notices_edits(repo: TempCorpus, tmp_path: Path) -> None:
    path = repo.root / "ru-mfa" / "2017-03-14-korean-peninsula.md"
    with CorpusIndex(tmp_path / "c.sqlite") as cache:
        first = cache.analysis(path)
        assert cache.statement(path) == read_statement(str(path))
    with CorpusIndex(tmp_path / "c.sqlite") as cache:
        assert cache.analysis(path) == first  # read back from SQLite
        assert cache.statement(path) == read_statement(str(path))
        path.write_text(path.read_text("utf-8").replace("meagre", "poor"), encoding="utf-8")
        second = cache.analysis(path)
    assert second.digest != first.digest and second.norm_digest != first.norm_digest
    assert second.signature != first.signature and second.words == first.words


def test_the_cache_folder_ignores_itself_in_git(
    repo: TempCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DIPDIFF_CACHE_DIR")
    run_check(repo.root, options=CheckOptions(today=TODAY))
    folder = repo.root.parent / ".dipdiff-cache"
    assert (folder / "index.sqlite").is_file()
    assert git(repo.root.parent, "status", "--porcelain") == ""  # nothing new to commit
    # A second run finds the same problems from the cache.
    assert run_check(repo.root, options=CheckOptions(today=TODAY)) == run_check(
        repo.root, options=CheckOptions(today=TODAY), use_cache=False
    )


def test_an_unreadable_file_is_a_finding_not_a_crash(repo: TempCorpus) -> None:
    repo.write_bytes("ru-mfa/2017-05-01-binary.md", b"\x00\x01\x02binary")
    repo.write("ru-mfa/2017-05-02-broken.md", None, "---\ntitle: [unclosed\n---\n\n" + BODY)
    report = run_check(repo.root, options=CheckOptions(today=TODAY), use_cache=False)
    unreadable = {f.path.rsplit("/", 1)[-1]: f.message for f in report.findings if f.rule == "unreadable"}
    assert set(unreadable) == {"2017-05-01-binary.md", "2017-05-02-broken.md"}
    assert "binary" in unreadable["2017-05-01-binary.md"]
    assert "front matter" in unreadable["2017-05-02-broken.md"]


def test_a_locked_or_damaged_cache_only_costs_speed(repo: TempCorpus, tmp_path: Path) -> None:
    import sqlite3

    path = repo.root / "ru-mfa" / "2017-03-14-korean-peninsula.md"
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database at all" * 100)
    with CorpusIndex(damaged) as cache:
        assert cache.statement(path) == read_statement(str(path))
    locked = tmp_path / "locked.sqlite"
    CorpusIndex(locked).close()
    holder = sqlite3.connect(locked)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with CorpusIndex(locked) as cache:
            assert cache.analysis(path).readable
    finally:
        holder.rollback()
        holder.close()


def test_the_cache_finds_a_file_by_any_path(
    repo: TempCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = repo.root / "ru-mfa" / "2017-03-14-korean-peninsula.md"
    with CorpusIndex(tmp_path / "c.sqlite") as cache:
        cache.analysis(path)
    monkeypatch.chdir(repo.root)
    relative = "ru-mfa/2017-03-14-korean-peninsula.md"
    with CorpusIndex(tmp_path / "c.sqlite") as cache:
        assert cache._known(Path(relative), os.path.abspath(relative))[1]


@pytest.mark.parametrize("how", ["since", "named"])
def test_a_speaker_dropped_from_the_registry_fails_its_statements(repo: TempCorpus, how: str) -> None:
    # the pre-commit hook passes a staged speakers.yaml alone; removing a speaker must not pass
    # while every statement filed under it is left without a registered speaker
    registry = repo.root / "speakers.yaml"
    registry.write_text("us-white-house:\n  name: The White House\n  country: USA\n", encoding="utf-8")
    if how == "since":
        report = run_check(repo.root, since="HEAD", options=CheckOptions(today=TODAY))
    else:
        report = run_check(repo.root, [registry], options=CheckOptions(today=TODAY))
    unknown = sorted(Path(f.path).name for f in report.findings if f.rule == "unknown-speaker")
    assert unknown == ["2017-01-01-old.md", "2017-03-14-korean-peninsula.md"], report.findings
    assert report.failed and report.checked == 2
    registry.write_text(SPEAKERS + "cn-mfa:\n  name: Ministry of Foreign Affairs of China\n", "utf-8")
    assert run_check(repo.root, [registry], options=CheckOptions(today=TODAY)).findings == ()
