"""Concurrent writers and odd inputs lose nothing: speaker registration is a locked read-modify-write,
``check`` sees a speaker registered twice, and ``corpus add`` reads standard input once and never
blocks on a FIFO or a device.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dipdiff.corpus.speakers import load_registry
from tests.conftest import CORPUS
from tests.helpers import expect, run_cli

PROCESSES = 20
ADD = [sys.executable, "-m", "dipdiff", "corpus", "add"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    return root


CITIES = ["Geneva", "Vienna", "Paris", "Rome", "Madrid", "Lisbon", "Oslo", "Helsinki", "Warsaw", "Prague"]
TOPICS = ["trade", "water", "fisheries", "aviation", "borders", "health", "energy", "culture", "railways"]


def _text(folder: Path, n: int) -> Path:
    """A statement of its own for run ``n``: corpus add refuses a text the corpus already holds."""
    path = folder / f"statement-{n}.txt"
    city, topic = CITIES[n % len(CITIES)], TOPICS[n // len(CITIES) % len(TOPICS)]
    path.write_text(f"The delegations met in {city} and agreed to cooperate on {topic}.\n", encoding="utf-8")
    return path


def _add_all(corpus: Path, tmp_path: Path, speakers: list[str], names: list[str]) -> list[int]:
    """Start one ``corpus add --new-speaker`` process per speaker at once; return their exit codes."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "dipdiff", "corpus", "add", "--corpus", str(corpus), "--date", "2020"]
    procs = [
        subprocess.Popen(
            [*command, str(_text(tmp_path, n)), "--speaker", sid, "--new-speaker", name, "--title", f"T {n}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n, (sid, name) in enumerate(zip(speakers, names, strict=True))
    ]
    errors = [proc.communicate(timeout=300)[1] for proc in procs]
    assert all(b"Traceback" not in err for err in errors), errors
    return [proc.returncode for proc in procs]


def test_concurrent_new_speakers_are_all_registered(corpus: Path, tmp_path: Path) -> None:
    speakers = [f"speaker-{n}" for n in range(PROCESSES)]
    codes = _add_all(corpus, tmp_path, speakers, [f"Speaker {n}" for n in range(PROCESSES)])
    assert codes == [0] * PROCESSES
    registry = load_registry(corpus)
    assert set(speakers) <= set(registry.speakers), sorted(set(speakers) - set(registry.speakers))
    assert registry.problems == ()
    for sid in speakers:
        assert len(list((corpus / sid).glob("2020-*.txt"))) == 1


def test_concurrent_runs_registering_one_speaker_write_it_once(corpus: Path, tmp_path: Path) -> None:
    """The first run registers the speaker; a later one is refused, as it would be after the first
    finished, and files nothing."""
    codes = _add_all(corpus, tmp_path, ["same-speaker"] * PROCESSES, ["The Same Speaker"] * PROCESSES)
    assert set(codes) <= {0, 2} and 0 in codes, codes
    text = (corpus / "speakers.yaml").read_text(encoding="utf-8")
    assert text.count("same-speaker:") == 1
    assert len(list((corpus / "same-speaker").glob("2020-*.txt"))) == codes.count(0)


def test_check_reports_a_speaker_registered_twice(corpus: Path) -> None:
    registry = corpus / "speakers.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8") + "ru-mfa:\n  name: Russian MFA again\n", encoding="utf-8"
    )
    run = expect(run_cli("check", "--corpus", str(corpus), "-f", "json"), 1)
    found = [f for f in json.loads(run.stdout)["findings"] if f["rule"] == "registry"]
    assert any("'ru-mfa' is registered twice" in f["message"] for f in found), run.stdout
    line = len(registry.read_text(encoding="utf-8").splitlines()) - 1
    assert any(f["line"] == line for f in found), found


def _add(
    corpus: Path, source: str, title: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*ADD, source, "--corpus", str(corpus), "--speaker", "ru-mfa", "--date", "2020", "--title", title],
        input=stdin,
        capture_output=True,
        timeout=60,
    )


@pytest.mark.parametrize("source", ["-", "/dev/stdin"])
def test_corpus_add_reads_standard_input(source: str, corpus: Path) -> None:
    done = _add(corpus, source, "From a pipe", b"The words came through a pipe.\n")
    assert done.returncode == 0, done.stderr
    # plain text (no front matter) is filed as .txt, so the corpus reads it as the text it was read as
    written = (corpus / "ru-mfa" / "2020-from-a-pipe.txt").read_text(encoding="utf-8")
    assert written.endswith("---\n\nThe words came through a pipe.\n"), written
    assert done.stderr.decode().startswith("added ")


def test_corpus_add_refuses_an_empty_pipe(corpus: Path) -> None:
    done = _add(corpus, "-", "Nothing", b"")
    assert done.returncode == 2 and done.stderr.decode().count("\n") == 1, done.stderr
    assert "empty statement" in done.stderr.decode()
    assert not (corpus / "ru-mfa" / "2020-nothing.md").exists()


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
def test_non_regular_files_are_refused_without_blocking(kind: str, corpus: Path, tmp_path: Path) -> None:
    import socket

    if kind == "device":
        node = Path("/dev/zero")
    else:
        node = corpus / "ru-mfa" / f"2020-{kind}.md"
        if kind == "fifo":
            os.mkfifo(node)
        else:
            with socket.socket(socket.AF_UNIX) as server:
                server.bind(str(node))  # the socket file stays after the socket is closed
    what = {"fifo": "named pipe (FIFO)", "device": "character device", "socket": "socket"}[kind]
    done = _add(corpus, str(node), "Node")  # would block forever on the FIFO, or read /dev/zero forever
    assert done.returncode == 2 and what in done.stderr.decode(), done.stderr
    assert done.stderr.decode().count("\n") == 1
    run = run_cli("compare", str(node), str(CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"))
    assert run.code == 2 and what in run.stderr and run.stderr.count("\n") == 1, str(run)
    if kind == "device":
        return
    check = expect(run_cli("check", "--corpus", str(corpus), "-f", "json"), 1)
    assert any(
        f["path"].endswith(node.name) and what in f["message"] for f in json.loads(check.stdout)["findings"]
    ), check.stdout
    for args in (["timeline"], ["track", "peninsula"]):
        run = expect(run_cli(*args, "--corpus", str(corpus), "-f", "json"), 2)
        assert node.name in run.stderr and what in run.stderr and run.stderr.count("\n") == 1, str(run)
        assert [u["path"] for u in json.loads(run.stdout)["unreadable"]] == [str(node)]  # the rest is read
    listing = expect(run_cli("corpus", "list", "--corpus", str(corpus), "-f", "json"), 2)
    assert node.name in listing.stderr and what in listing.stderr and listing.stderr.count("\n") == 1
    document = json.loads(listing.stdout)
    assert len(document["statements"]) == 2 and [u["path"] for u in document["unreadable"]] == [str(node)]


def test_a_fifo_given_as_configuration_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "config.yaml"
    os.mkfifo(fifo)
    statement = str(CORPUS / "ru-mfa" / "unknown-korean-peninsula.md")
    run = run_cli("compare", statement, statement, "--config", str(fifo))
    assert run.code == 2 and "named pipe (FIFO)" in run.stderr, str(run)
