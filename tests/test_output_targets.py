"""``-o`` writes only regular files, odd names end in one line, and interrupted writes leave nothing
behind for long; the reference-data cache survives a damaged entry and a FIFO at its path."""

from __future__ import annotations

import fcntl
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dipdiff import datacache
from dipdiff.atomic import write_atomic
from dipdiff.errors import OutputError
from tests.conftest import CORPUS
from tests.helpers import run_cli

STATEMENT = str(CORPUS / "ru-mfa" / "unknown-korean-peninsula.md")


def _compare_to(target: Path | str) -> tuple[int, str]:
    run = run_cli("compare", STATEMENT, STATEMENT, "-f", "json", "-o", str(target), "--force")
    assert "Traceback" not in run.stderr
    return run.code, run.stderr


@pytest.mark.parametrize("kind", ["fifo", "device", "link-into-proc", "dangling-link"])
def test_output_refuses_anything_but_a_regular_file(kind: str, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":  # a null device of the test's own: a regression must not replace /dev/null
        try:
            os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("creating a device node needs CAP_MKNOD")
    elif kind == "link-into-proc":
        target.symlink_to("/proc/self/environ")
    else:
        target.symlink_to(tmp_path / "nowhere.json")
    before = os.lstat(target)
    code, stderr = _compare_to(target)
    assert code == 2 and stderr.count("\n") == 1 and "only to a regular file" in stderr, stderr
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)  # the node is untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("command", ["timeline", "track"])
def test_history_commands_refuse_a_fifo_before_any_work(command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    args = [command, "--corpus", str(CORPUS), *(["peninsula"] if command == "track" else [])]
    run = run_cli(*args, "-o", str(fifo), "--force")
    assert run.code == 2 and "named pipe (FIFO)" in run.stderr and run.stderr.count("\n") == 1, str(run)


def test_a_file_name_that_is_not_utf8_is_written(tmp_path: Path) -> None:
    target = tmp_path / os.fsdecode(b"report-\xff.json")
    code, stderr = _compare_to(target)
    assert code == 0, stderr
    assert os.fsencode(target) in [os.fsencode(p) for p in tmp_path.iterdir()]


def test_a_name_longer_than_255_bytes_is_one_line(tmp_path: Path) -> None:
    for command in (["compare", STATEMENT, STATEMENT], ["timeline", "--corpus", str(CORPUS)]):
        run = run_cli(*command, "-f", "json", "-o", str(tmp_path / ("x" * 300 + ".json")))
        assert run.code == 2 and run.stderr.count("\n") == 1, str(run)
        assert "File name too long" in run.stderr and "Traceback" not in run.stderr


def test_an_unsearchable_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder without search permission (root ignores the mode bits, so the refusal is simulated)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "out.json"
    real_lstat = os.lstat

    def lstat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(str(folder)):
            raise PermissionError(13, "Permission denied", str(path))
        return real_lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "lstat", lstat)
    with pytest.raises(OutputError, match="Permission denied"):
        write_atomic(target, "x")


def test_the_next_write_removes_abandoned_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    abandoned = tmp_path / ".out.json.abcd1234.tmp"
    abandoned.write_bytes(b"half a report")
    other = tmp_path / ".other.json.abcd1234.tmp"  # another target's: not ours to remove
    other.write_bytes(b"x")
    live = tmp_path / ".out.json.live5678.tmp"  # a writer is still at work on this one
    live.write_bytes(b"being written")
    with open(live, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        write_atomic(target, "new")
        assert live.exists()
    assert not abandoned.exists() and other.exists()
    assert target.read_text(encoding="utf-8") == "new"


_STALLED_WRITER = """
import os, sys, time
from pathlib import Path
from dipdiff.atomic import write_atomic
real_fsync = os.fsync
def stall(fd):
    real_fsync(fd)
    sys.stdout.write("flushed\\n"); sys.stdout.flush()
    time.sleep(120)
os.fsync = stall
write_atomic(Path(sys.argv[1]), b"R" * 5_000_000, overwrite=True)
"""


def test_a_killed_writers_temporary_file_is_cleaned_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old")
    child = subprocess.Popen(
        [sys.executable, "-c", _STALLED_WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "flushed\n"
    temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(temps) == 1 and temps[0].stat().st_size == 5_000_000
    write_atomic(target, b"while it waits", overwrite=True)  # its writer still holds the lock
    assert temps[0].exists()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert target.read_bytes() == b"while it waits"
    write_atomic(target, b"next", overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


_CACHE_UNDER_LIMIT = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from dipdiff.datacache import cached
value = cached("rules", [Path(sys.argv[1])], lambda: ["rebuilt"])
print(value)
"""


@pytest.mark.parametrize("damage", ["huge-length", "flipped-byte", "fifo"])
def test_a_damaged_data_cache_entry_is_rebuilt(damage: str, tmp_path: Path) -> None:
    """A corrupted entry under a 1 GiB address-space limit, or a FIFO at the entry's path."""
    folder, source = tmp_path / "cache", tmp_path / "rules.yaml"
    source.write_text("words: {}\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "DIPDIFF_CACHE_DIR": str(folder), "HOME": str(tmp_path)}
    program = textwrap.dedent(_CACHE_UNDER_LIMIT)
    first = subprocess.run(
        [sys.executable, "-c", program, str(source)], env=env, capture_output=True, text=True
    )
    assert first.returncode == 0 and first.stdout == "['rebuilt']\n", first.stderr
    (entry,) = folder.glob("rules*.marshal")
    if damage == "huge-length":  # a list that claims two billion items
        entry.write_bytes(b"[" + (2**31 - 1).to_bytes(4, "little") + b"\x00" * 64)
    elif damage == "flipped-byte":
        data = bytearray(entry.read_bytes())
        data[-3] ^= 0xFF
        entry.write_bytes(bytes(data))
    else:
        entry.unlink()
        os.mkfifo(entry)
    for _ in range(2):  # rebuilt, and again the next time: never an error, never a hang
        done = subprocess.run(
            [sys.executable, "-c", program, str(source)], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0 and done.stdout == "['rebuilt']\n" and done.stderr == "", done.stderr
    if damage == "fifo":
        assert entry.is_fifo()


def test_data_cache_entries_carry_a_checksum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path))
    source = tmp_path / "rules.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    datacache.cached("rules", [source], lambda: {"a": 1})
    (entry,) = tmp_path.glob("rules*.marshal")
    assert entry.read_bytes().startswith(datacache._MAGIC)


@pytest.mark.parametrize("which", ["old", "new", "hard-link", "lexicon"])
def test_compare_never_writes_over_one_of_its_inputs(which: str, tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_bytes(Path(STATEMENT).read_bytes())
    new.write_bytes((CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md").read_bytes())
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("hedges: [reportedly]\n", encoding="utf-8")
    target = {"old": old, "new": new, "lexicon": lexicon, "hard-link": tmp_path / "link.md"}[which]
    if which == "hard-link":
        os.link(new, target)  # another name for the new statement
    before = {p: p.read_bytes() for p in (old, new, lexicon)}
    run = run_cli("compare", str(old), str(new), "--lexicon", str(lexicon), "-o", str(target), "--force")
    assert run.code == 2 and run.stderr.count("\n") == 1, str(run)
    assert run.stderr.startswith(f"dipdiff: error: {target}: ") and "input" in run.stderr, run.stderr
    assert {p: p.read_bytes() for p in (old, new, lexicon)} == before


@pytest.mark.parametrize("command", ["timeline", "track", "blame"])
def test_history_commands_never_write_over_a_corpus_file(command: str, tmp_path: Path) -> None:
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    statement = corpus / "ru-mfa" / "unknown-korean-peninsula.md"
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    for target in (statement, corpus / "speakers.yaml"):
        args = {"timeline": [], "track": ["peninsula"], "blame": [str(statement)]}[command]
        run = run_cli(command, *args, "--corpus", str(corpus), "--no-cache", "-o", str(target), "--force")
        assert run.code == 2 and run.stderr.count("\n") == 1, str(run)
        assert run.stderr.startswith(f"dipdiff: error: {target}: "), run.stderr
    assert {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("command", ["compare", "timeline", "blame"])
def test_output_dash_is_standard_output_not_a_file_named_dash(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # '-' means standard input for compare's statements, so '-o -' means standard output
    monkeypatch.chdir(tmp_path)
    args = {
        "compare": ["compare", STATEMENT, STATEMENT, "-f", "json"],
        "timeline": ["timeline", "--corpus", str(CORPUS), "--no-cache", "-f", "json"],
        "blame": ["blame", STATEMENT, "--corpus", str(CORPUS), "--no-cache", "-f", "json"],
    }[command]
    plain = run_cli(*args)
    dashed = run_cli(*args, "-o", "-")
    assert (dashed.code, dashed.stdout) == (plain.code, plain.stdout) and dashed.stdout.startswith("{")
    assert not (tmp_path / "-").exists()
