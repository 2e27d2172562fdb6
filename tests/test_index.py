"""The corpus index: every corpus command prints the same from a cold index, a warm one and none at
all; damage to the index file (scribbled bytes, misshapen payloads, truncation) and stat keys that
lie (an edit with size and modification time restored) are noticed and rebuilt with identical
output; two processes writing one index lose nothing."""

from __future__ import annotations

import marshal
import os
import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dipdiff.index import INDEX_FILE_NAME, CorpusIndex
from dipdiff.index.db import checksum
from tests.conftest import CORPUS
from tests.helpers import expect, run_cli

SOURCE = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"


def _paragraphs() -> list[str]:
    body = SOURCE.read_text("utf-8").split("---\n", 2)[2]
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def _statement(folder: Path, name: str, date: str, paragraphs: list[str], extra: str = "") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    front = f"---\nspeaker: {folder.name}\ndate: {date}\ntitle: {name}\nlanguage: en\n{extra}---\n\n"
    path.write_text(front + "\n\n".join(paragraphs) + "\n", "utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Eight dated statements by one speaker made of the bundled statement's paragraphs (shuffled,
    dropped, reworded), a revision linked by ``supersedes``, a near-copy without the link, and a
    second speaker."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "speakers.yaml").write_text(
        "ru-mfa:\n  name: Russian MFA\n  country: RUS\nus-state:\n  name: US State Department\n"
        "  country: USA\nxx-mfa:\n  name: Nobody's MFA\n  country: XXX\n",  # a registry problem
        "utf-8",
    )
    rng = random.Random(14)
    base = _paragraphs()
    mfa = root / "ru-mfa"
    for year in range(2015, 2021):
        chosen = rng.sample(base, k=rng.randint(3, len(base)))
        if year % 2:
            chosen = [p.replace("seriously concerned", "deeply alarmed") for p in chosen]
        topics = "topics: [korea]\n" if year % 3 else ""
        _statement(mfa, f"{year}-03-01-korea.md", f"{year}-03-01", chosen, topics)
    revised = [p.replace("military restraint", "maximum restraint") for p in base]
    revised[-1] += " Russia will speak with China about it."
    _statement(mfa, "2021-03-01-korea.md", "2021-03-01", base)
    _statement(mfa, "2021-03-02-korea-v2.md", "2021-03-02", revised, "supersedes: ru-mfa/2021-03-01-korea\n")
    _statement(mfa, "2021-05-01-copy.md", "2021-05-01", [p.replace("meagre", "poor") for p in base])
    # NFKC makes " ́" of "´": a normalised key may hold a space
    accented = [base[-1].replace("Korean", "Korean´s", 1), *base[:-1]]
    _statement(root / "us-state", "2019-01-01-peninsula.md", "2019-01-01", accented)
    return root


COMMANDS = [
    ("check", "-f", "json"),
    ("check", "{target}", "-f", "json"),  # one file, against what the index holds of the others
    ("corpus", "list", "-f", "json"),
    ("timeline", "--speaker", "ru-mfa", "-f", "json"),
    ("track", "denuclearisation of the Korean Peninsula", "-f", "json"),
    ("track", "Korean Peninsula", "--topic", "korea", "-f", "json"),
    ("blame", "{target}", "-f", "json"),
    ("blame", "{target}", "--sentences", "-f", "json"),
]


KINDS = [
    "head",
    "body",
    "text",
    "registry",
    "listing",
    "light",
    "near",
    "revision",
    "step",
    "report",
    "sightings",
]
"""Every kind of record the commands above keep in the index."""


def _run(corpus: Path, command: tuple[str, ...], *, cache: bool = True) -> tuple[int, str, str]:
    target = str(corpus / "ru-mfa" / "2021-03-02-korea-v2.md")
    args = [a.format(target=target) for a in command]
    args += ["--corpus", str(corpus)]
    if not cache:
        args.append("--no-cache")
    run = run_cli(*args)
    assert run.code in (0, 1), str(run)
    return run.code, run.stdout, run.stderr


def _outputs(corpus: Path, *, cache: bool = True) -> list[tuple[int, str]]:
    return [_run(corpus, command, cache=cache)[:2] for command in COMMANDS]


@pytest.fixture
def index_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "index"
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(folder))
    yield folder


def _facts(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / INDEX_FILE_NAME)


def test_every_corpus_command_prints_the_same_cold_warm_and_without_the_index(
    corpus: Path, index_dir: Path
) -> None:
    cold = _outputs(corpus)
    assert (index_dir / INDEX_FILE_NAME).is_file()
    warm = _outputs(corpus)
    bare = _outputs(corpus, cache=False)
    assert cold == warm == bare
    check = cold[0][1]
    assert '"near-duplicate"' in check and '"revision"' in check  # the fixture exercises both
    assert "'XXX' is not an ISO 3166-1 alpha-3 code" in check  # and a problem of the registry
    with _facts(index_dir) as db:
        kinds = dict(db.execute("SELECT kind, count(*) FROM facts GROUP BY kind").fetchall())
    assert set(KINDS) <= set(kinds)


def test_a_warm_run_reads_nothing_and_compares_nothing(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dipdiff.index.reading as reading

    _outputs(corpus)
    # Age the recorded stats past the "racy" window, as a later CI run sees them.
    with _facts(index_dir) as db:
        _age_stats(db)
    calls: list[str] = []

    def counting(data: bytes, source: str) -> object:
        calls.append(source)
        raise AssertionError("a warm run parsed a file")

    monkeypatch.setattr(reading, "facts_and_norm", counting)
    monkeypatch.setattr(reading, "head_of", counting)
    monkeypatch.setattr("dipdiff.compare.compare", lambda *a, **k: pytest.fail("compared again"))
    warm = [_run(corpus, command)[:2] for command in COMMANDS[:3]]
    monkeypatch.undo()
    assert warm == _outputs(corpus, cache=False)[:3]
    assert calls == []


def test_a_cold_check_reads_in_full_only_the_statements_the_compare_engine_reads(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold check reads every file for its head alone and keeps its keys; the near-duplicate rule
    scores its candidates from those keys, so only the two sides of a revision are read in full."""
    import dipdiff.index.reading as reading

    command = ("check", "-f", "json")
    expected = _run(corpus, command, cache=False)[:2]
    assert '"near-duplicate"' in expected[1]
    full: list[str] = []
    real = reading.facts_and_norm

    def counting(data: bytes, source: str, reflow: bool = True) -> object:
        full.append(Path(source).name)
        return real(data, source, reflow)

    monkeypatch.setattr(reading, "facts_and_norm", counting)
    assert _run(corpus, command)[:2] == expected
    assert sorted(full) == ["2021-03-01-korea.md", "2021-03-02-korea-v2.md"]


def test_a_known_content_is_not_read_again_when_touched_copied_or_cloned(
    corpus: Path, index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkout, ``touch`` or a copy changes every file's stat but not its content: the index knows
    the contents by their hash, so nothing is parsed again (a fresh clone in CI beside a restored
    cache is the copy)."""
    import dipdiff.index.reading as reading

    before = _outputs(corpus)
    for path in sorted(corpus.rglob("*.md")):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5 * 10**9))
    clone = tmp_path / "clone" / "corpus"
    shutil.copytree(corpus, clone)
    expected = _outputs(clone, cache=False)
    for name in ("facts_and_norm", "head_of"):
        monkeypatch.setattr(
            reading, name, lambda *a, **k: pytest.fail(f"parsed a known content again: {a[1]}")
        )
    assert _outputs(corpus) == before
    assert _outputs(clone) == expected
    monkeypatch.undo()
    changed = clone / "ru-mfa" / "2019-03-01-korea.md"
    changed.write_text(changed.read_text("utf-8").replace("Korean", "Corean"), "utf-8")
    assert _outputs(clone) == _outputs(clone, cache=False)  # a content it does not know is read


def _age_stats(db: sqlite3.Connection) -> None:
    """Pretend every stat was recorded an hour later than it was (checksums recomputed)."""
    from dipdiff.index.db import Seen, _file_checksum

    rows = db.execute("SELECT path, size, mtime_ns, ctime_ns, inode, digest, seen_ns FROM files").fetchall()
    for path, size, mtime, ctime, inode, digest, seen_ns in rows:
        seen = Seen(size, mtime, ctime, inode, digest, seen_ns + 3600 * 10**9)
        db.execute(
            "UPDATE files SET seen_ns = ?, checksum = ? WHERE path = ?",
            (seen.seen_ns, _file_checksum(path, seen), path),
        )
    db.commit()


def _forget_kept_findings(db: sqlite3.Connection, unless: str = "") -> None:
    """Drop the findings the last full check kept, the corpus listing (which holds each file's head),
    the light listing and the word index (which stands for the texts), so that the next run reads the
    other records. A light listing is written again from the listing: ``unless`` "light" keeps both."""
    for kind in ("report", "listing", "light"):
        if kind not in (unless, "listing" if unless == "light" else ""):
            db.execute("DELETE FROM facts WHERE kind = ?", (kind,))
    db.execute("DELETE FROM words")
    db.execute("DELETE FROM contents")


def _assert_missed_once_then_rebuilt(
    corpus: Path, expected: object, caplog: pytest.LogCaptureFixture, message: str
) -> None:
    """The damaged index gives the same output and logs ``message``; the next run, rebuilt, logs nothing."""
    caplog.clear()
    assert _outputs(corpus) == expected
    assert message in caplog.text
    caplog.clear()
    assert _outputs(corpus) == expected
    assert caplog.text == ""  # rebuilt


@pytest.mark.parametrize("kind", KINDS)
def test_scribbled_payload_bytes_are_caught_by_the_checksum(
    corpus: Path, index_dir: Path, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    expected = _outputs(corpus, cache=False)
    _outputs(corpus)
    with _facts(index_dir) as db:
        rows = db.execute("SELECT rowid, payload FROM facts WHERE kind = ?", (kind,)).fetchall()
        assert rows
        for rowid, payload in rows:
            scribbled = bytearray(payload)
            for position in range(0, len(scribbled), 7):
                scribbled[position] ^= 0x5A
            db.execute("UPDATE facts SET payload = ? WHERE rowid = ?", (bytes(scribbled), rowid))
        _forget_kept_findings(db, kind)
    _assert_missed_once_then_rebuilt(corpus, expected, caplog, f"a {kind} record failed its checksum")


@pytest.mark.parametrize("kind", KINDS)
def test_a_payload_of_the_wrong_shape_is_a_miss(
    corpus: Path, index_dir: Path, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    expected = _outputs(corpus, cache=False)
    _outputs(corpus)
    wrong = [marshal.dumps((1, 2)), marshal.dumps("text"), marshal.dumps({"a": [1]}), b"\x00\x01"]
    with _facts(index_dir) as db:
        rows = db.execute("SELECT rowid, key FROM facts WHERE kind = ?", (kind,)).fetchall()
        for n, (rowid, key) in enumerate(rows):
            payload = wrong[n % len(wrong)]
            if kind in ("body", "text"):
                import zlib

                payload = zlib.compress(payload)
            db.execute(
                "UPDATE facts SET payload = ?, checksum = ? WHERE rowid = ?",
                (payload, checksum(kind.encode(), key.encode(), payload), rowid),
            )
        _forget_kept_findings(db, kind)
    _assert_missed_once_then_rebuilt(corpus, expected, caplog, f"a {kind} record has the wrong shape")


def test_scribbled_file_truncated_file_and_garbage_are_rebuilt(corpus: Path, index_dir: Path) -> None:
    expected = _outputs(corpus, cache=False)
    _outputs(corpus)
    path = index_dir / INDEX_FILE_NAME
    pristine = path.read_bytes()
    rng = random.Random(16)
    for trial in range(6):
        damaged = bytearray(pristine)
        for _ in range(40):  # scribble runs of bytes anywhere past the first page
            start = rng.randrange(4096, len(damaged) - 64)
            damaged[start : start + rng.randint(1, 48)] = rng.randbytes(48)[: rng.randint(1, 48)]
        path.write_bytes(bytes(damaged[: len(pristine)]))
        assert _outputs(corpus) == expected, f"trial {trial}"
    path.write_bytes(pristine[: len(pristine) // 3])  # truncated
    assert _outputs(corpus) == expected
    path.write_bytes(b"not a database at all" * 300)
    assert _outputs(corpus) == expected
    assert _outputs(corpus) == expected


def test_an_edit_with_size_and_modification_time_restored_is_seen(corpus: Path, index_dir: Path) -> None:
    path = corpus / "ru-mfa" / "2021-05-01-copy.md"
    _outputs(corpus)
    with _facts(index_dir) as db:
        _age_stats(db)  # the stats are old enough to be trusted
    before = os.stat(path)
    text = path.read_text("utf-8")
    edited = text.replace("military", "militarY", 1)
    assert len(edited.encode()) == len(text.encode()) and edited != text
    path.write_text(edited, "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert _outputs(corpus) == _outputs(corpus, cache=False)
    with CorpusIndex.for_corpus(corpus) as index:
        assert index.body(path).statement.paragraphs[0] in edited


def _fill(corpus: str, folder: str, names: list[str], start: float) -> tuple[int, list[str]]:
    """In a worker process: wait for the common start, then analyse some files into the index; the
    count of files and what the index logged (why rows were not kept, should that happen)."""
    import logging
    import time

    logged: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: logged.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("dipdiff").addHandler(handler)
    os.environ["DIPDIFF_CACHE_DIR"] = folder
    while time.time() < start:
        time.sleep(0.005)
    with CorpusIndex.for_corpus(Path(corpus)) as index:
        for name in names:  # one file at a time: as many write transactions as possible
            index.analyses([Path(name)])
            index.flush()
    return len(names), logged


def test_two_processes_writing_one_index_lose_nothing(tmp_path: Path, index_dir: Path) -> None:
    import multiprocessing
    import time

    corpus = tmp_path / "many"
    base = _paragraphs()
    paths = []
    for n in range(60):
        words = [p.replace("Korean", f"Korean-{n}") for p in base]
        paths.append(_statement(corpus / f"s{n % 2}", f"2020-01-{n:02d}-x.md", "2020-01-01", words))
    halves = [[str(p) for p in paths[0::2]], [str(p) for p in paths[1::2]]]
    start = time.time() + 1.0
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        done = pool.starmap(_fill, [(str(corpus), str(index_dir), half, start) for half in halves])
    assert done == [(30, []), (30, [])], "each writer analysed its files and the index logged nothing"
    with _facts(index_dir) as db:
        files = {row[0] for row in db.execute("SELECT path FROM files")}
        heads = db.execute("SELECT count(*) FROM facts WHERE kind = 'head'").fetchone()[0]
        bodies = db.execute("SELECT count(*) FROM facts WHERE kind = 'body'").fetchone()[0]
    assert files == {os.path.abspath(p) for p in paths}
    assert heads == bodies == 60


def test_a_sound_index_logs_nothing_and_a_damaged_one_says_so_once(
    corpus: Path, index_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = [_run(corpus, command)[2] for command in COMMANDS]
    second = [_run(corpus, command)[2] for command in COMMANDS]
    assert first == second == [""] * len(COMMANDS)
    assert caplog.text == ""
    with _facts(index_dir) as db:
        db.execute("UPDATE facts SET payload = X'00' WHERE kind = 'head'")
        _forget_kept_findings(db)
    expect(run_cli("check", "--corpus", str(corpus)), 1)
    assert caplog.text.count("record failed its checksum") == 1  # many rows, one line


def test_a_spacing_accent_in_a_statement_is_read_from_the_index_like_any_word(
    corpus: Path, index_dir: Path
) -> None:
    """A White House statement writes "Russia´s" with an acute accent (U+00B4), which compatibility
    folding turns into a space and a combining mark: the stored body must still be one word per key."""
    paragraphs = [p.replace("South Korea’s", "South Korea´s") for p in _paragraphs()]
    assert any("´" in p for p in paragraphs)
    _statement(corpus / "ru-mfa", "2022-03-01-accent.md", "2022-03-01", paragraphs)
    command = ("track", "denuclearisation of the Korean Peninsula", "-f", "json")
    cold, warm, bare = _run(corpus, command), _run(corpus, command), _run(corpus, command, cache=False)
    assert cold[0] == 0 and "2022-03-01-accent" in cold[1]
    assert cold[:2] == warm[:2] == bare[:2]


def test_comparisons_kept_in_the_index_follow_the_registry_they_read(corpus: Path, index_dir: Path) -> None:
    # A revision's shifts name the speaker from speakers.yaml: a kept comparison must not outlive it.
    _outputs(corpus)
    registry = corpus / "speakers.yaml"
    registry.write_text(registry.read_text("utf-8").replace("country: RUS", "country: USA"), "utf-8")
    assert _outputs(corpus) == _outputs(corpus, cache=False)


def test_a_full_check_of_an_unchanged_corpus_answers_from_the_kept_findings(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dipdiff.index as index_module

    command = ("check", "-f", "json")
    cold = _run(corpus, command)
    with _facts(index_dir) as db:
        assert db.execute("SELECT count(*) FROM facts WHERE kind = 'report'").fetchone()[0] == 1
    monkeypatch.setattr(index_module, "decode_head", lambda *a: pytest.fail("read an analysis"))
    warm = _run(corpus, command)
    monkeypatch.undo()
    assert cold == warm == _run(corpus, command, cache=False)


@pytest.mark.parametrize("change", ["edit", "add", "remove", "registry", "threshold", "today", "folder"])
def test_kept_findings_are_not_used_once_anything_they_depend_on_changed(
    corpus: Path, index_dir: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dipdiff.check import run_check
    from dipdiff.check.context import CheckOptions

    def check(cache: bool = True, **options: object) -> object:
        return run_check(corpus, options=CheckOptions(**options), use_cache=cache)  # type: ignore[arg-type]

    import datetime as dt

    options: dict[str, object] = {"today": dt.date(2021, 4, 1)}
    check(**options)
    before = check(**options)  # warm: the kept findings
    assert before == check(False, **options)
    copy = corpus / "ru-mfa" / "2021-05-01-copy.md"
    if change == "edit":
        copy.write_text(copy.read_text("utf-8").replace("date: 2021-05-01", "date: 2021-13-01"), "utf-8")
    elif change == "add":
        _statement(corpus / "ru-mfa", "2021-03-05-again.md", "2021-03-05", _paragraphs())
    elif change == "remove":
        copy.unlink()
    elif change == "registry":
        registry = corpus / "speakers.yaml"
        registry.write_text(registry.read_text("utf-8").replace("us-state:", "us-dos:"), "utf-8")
    elif change == "threshold":
        options["near_threshold"] = 50.0
    elif change == "today":
        options["today"] = dt.date(2021, 5, 15)  # 2021-05-01 is no longer in the future
    else:
        monkeypatch.chdir(corpus / "ru-mfa")  # findings name the files from here
    after = check(**options)
    assert after != before
    assert after == check(False, **options)


def test_the_corpus_listing_stands_for_the_rows_of_its_files_and_no_further(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm run reads each file's stat key and head from the one listing record: with every per-file
    row and head gone, nothing is parsed and the output is the same; a file added or edited since is
    read afresh."""
    from dataclasses import replace

    import dipdiff.index.reading as reading
    from dipdiff.index.records import decode_listing, encode_listing

    command = ("corpus", "list", "-f", "json")
    cold = _run(corpus, command)[:2]
    with _facts(index_dir) as db:
        key, payload = db.execute("SELECT key, payload FROM facts WHERE kind = 'listing'").fetchone()
        hour_later = 3600 * 10**9  # as a later CI run sees them: old enough to be trusted
        aged = [
            (path, replace(seen, seen_ns=seen.seen_ns + hour_later), head)
            for path, (seen, head) in decode_listing(payload).items()
        ]
        assert len(aged) == 10
        fresh = encode_listing(aged)
        db.execute(
            "UPDATE facts SET payload = ?, checksum = ? WHERE kind = 'listing'",
            (fresh, checksum(b"listing", key.encode(), fresh)),
        )
        db.execute("DELETE FROM files")
        db.execute("DELETE FROM facts WHERE kind = 'head'")
    monkeypatch.setattr(reading, "facts_and_norm", lambda *a, **k: pytest.fail("parsed a listed file"))
    monkeypatch.setattr(reading, "head_of", lambda *a, **k: pytest.fail("parsed a listed file"))
    assert _run(corpus, command)[:2] == cold
    monkeypatch.undo()
    _statement(corpus / "ru-mfa", "2022-01-01-new.md", "2022-01-01", _paragraphs()[:2])
    edited = corpus / "ru-mfa" / "2015-03-01-korea.md"
    edited.write_text(
        edited.read_text("utf-8").replace("title: 2015-03-01-korea.md", "title: Edited"), "utf-8"
    )
    warm = _run(corpus, command)[:2]
    assert warm == _run(corpus, command, cache=False)[:2]
    assert "2022-01-01-new" in warm[1] and "Edited" in warm[1]


def _age_light_listing(db: sqlite3.Connection) -> tuple[str, tuple[object, ...]]:
    """Pretend the light listing was written an hour after the files' stats (as a later CI run sees
    it), and return its key and columns."""
    key, payload = db.execute("SELECT key, payload FROM facts WHERE kind = 'light'").fetchone()
    paths, stats, digests, light = marshal.loads(payload)
    hour_later = 3600 * 10**9
    aged = tuple(n + hour_later if i % 5 == 4 else n for i, n in enumerate(stats))
    return key, (paths, aged, digests, light)


def _put_light(db: sqlite3.Connection, key: str, columns: tuple[object, ...]) -> None:
    payload = marshal.dumps(columns, 4)
    db.execute(
        "UPDATE facts SET payload = ?, checksum = ? WHERE kind = 'light'",
        (payload, checksum(b"light", key.encode(), payload)),
    )


def test_a_check_of_one_file_reads_the_others_from_the_light_listing_alone(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every per-file row, head and the listing gone, a check of one named file reads what the
    rules need of the others from the light listing: nothing is parsed, the output is the same; a file
    edited since is read afresh, and the output is still that of a run without the index."""
    import hashlib

    import dipdiff.index.reading as reading

    command = ("check", "{target}", "-f", "json")
    target = corpus / "ru-mfa" / "2021-03-02-korea-v2.md"
    cold = _run(corpus, ("check", "-f", "json"))[:2]
    assert cold[0] == 1
    first = _run(corpus, command)[:2]
    with _facts(index_dir) as db:
        key, columns = _age_light_listing(db)
        assert len(columns[0]) == 10  # type: ignore[arg-type]
        _put_light(db, key, columns)
        for kind in ("listing", "report"):
            db.execute("DELETE FROM facts WHERE kind = ?", (kind,))
        db.execute(
            "DELETE FROM facts WHERE kind = 'head' AND key != ?",
            (hashlib.sha256(target.read_bytes()).hexdigest(),),
        )
        db.execute("DELETE FROM files")
    parsed: list[str] = []
    real, real_head = reading.facts_and_norm, reading.head_of

    def counting(data: bytes, source: str, reflow: bool = True) -> object:
        parsed.append(Path(source).name)
        return real(data, source, reflow)

    def counting_head(data: bytes, source: str, reflow: bool = True) -> object:
        parsed.append(Path(source).name)
        return real_head(data, source, reflow)

    monkeypatch.setattr(reading, "facts_and_norm", counting)
    monkeypatch.setattr(reading, "head_of", counting_head)
    assert _run(corpus, command)[:2] == first
    assert parsed == []  # the target's head is kept; the others' heads are gone
    monkeypatch.undo()
    edited = corpus / "ru-mfa" / "2015-03-01-korea.md"  # now the target's text under its own name
    edited.write_text(target.read_text("utf-8").replace("date: 2021-03-02", "date: 2015-03-01"), "utf-8")
    warm = _run(corpus, command)[:2]
    assert warm == _run(corpus, command, cache=False)[:2]
    assert warm != first and "2015-03-01-korea.md" in warm[1]


def test_a_damaged_row_of_the_light_listing_is_a_miss_and_the_listing_is_written_again(
    corpus: Path, index_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    command = ("check", "{target}", "-f", "json")
    _run(corpus, ("check", "-f", "json"))
    expected = _run(corpus, command, cache=False)[:2]
    with _facts(index_dir) as db:
        key, (paths, stats, digests, light) = _age_light_listing(db)
        wrong = tuple((True, "not a mapping", 1, "", b"", 3) if n % 3 else row for n, row in enumerate(light))
        _put_light(db, key, (paths, stats, digests, wrong))
    caplog.clear()
    assert _run(corpus, command)[:2] == expected
    assert "a light record has the wrong shape" in caplog.text
    caplog.clear()
    assert _run(corpus, command)[:2] == expected
    assert caplog.text == ""  # written again from the listing
    with _facts(index_dir) as db:
        payload = db.execute("SELECT payload FROM facts WHERE kind = 'light'").fetchone()[0]
        assert all(type(row) is tuple and type(row[1]) is dict for row in marshal.loads(payload)[3])


def test_the_registry_kept_in_the_index_follows_the_file(corpus: Path, index_dir: Path) -> None:
    command = ("check", "-f", "json")
    first = _run(corpus, command)[1]
    assert "'XXX' is not" in first
    registry = corpus / "speakers.yaml"
    registry.write_text(registry.read_text("utf-8").replace("XXX", "XXY"), "utf-8")
    second, bare = _run(corpus, command)[1], _run(corpus, command, cache=False)[1]
    assert "'XXY' is not" in second and "'XXX'" not in second
    assert second == bare


def _scan_line_by_line(text: str) -> list[tuple[str, int, str]]:
    """The text scan as first written: every rule on every line (the reference for the fast one)."""
    import unicodedata

    from ftfy.badness import is_bad

    from dipdiff.corpus.analysis import _excerpt, _html_pattern

    found = []
    for number, line in enumerate(text.split("\n"), 1):
        bad = [ch for ch in line if unicodedata.category(ch) == "Cc" and ch != "\t"]
        if bad:
            codes = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in bad}))
            found.append(("control", number, f"control character(s) {codes}"))
        if "\ufffd" in line:
            found.append(
                ("mojibake", number, "replacement character U+FFFD: text was lost in an earlier conversion")
            )
        elif not line.isascii() and is_bad(line):
            found.append(
                ("mojibake", number, f"mojibake (text decoded with the wrong encoding): {_excerpt(line)}")
            )
        match = _html_pattern().search(line)
        if match:
            found.append(("html", number, f"leftover HTML {match.group()!r}"))
    return found


def test_the_text_scan_finds_what_a_line_by_line_scan_finds() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from dipdiff.corpus.analysis import _scan

    pieces = st.sampled_from(
        [
            "a",
            "Z",
            " ",
            "\n",
            "\t",
            ".",
            "’",
            "“",
            "—",
            "…",
            "\xa0",
            "Ã ",
            "Â",
            "Ã©",
            "â€™",
            "Ð½Ð°",
            "\x07",
            "\x85",
            "\ufffd",
            "<b>",
            "&amp;",
            "œ",
            "é",
            "Ø§Ù„",
            "°",
            "ВЂ",
            "\u200b",
            "е",
        ]
    )

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=30).map("".join))
    def agrees(text: str) -> None:
        assert [(i.kind, i.line, i.detail) for i in _scan(text)] == _scan_line_by_line(text)

    agrees()


def test_text_of_ascii_and_everyday_typography_is_never_mojibake() -> None:
    # _scan skips ftfy on such lines: true for every pattern of ftfy's detector
    from ftfy.badness import is_bad
    from hypothesis import given, settings
    from hypothesis import strategies as st

    everyday = "".join(chr(c) for c in range(128)) + "\xa0\xad·´–—―…’‘“”"

    @settings(max_examples=2000, deadline=None)
    @given(st.text(alphabet=everyday, max_size=12))
    def never_bad(text: str) -> None:
        assert not is_bad(text)

    never_bad()


def _reference_pairs(context: object) -> list[tuple[str, str]]:
    """Candidate pairs as the bucket walk first written gave them: dictionaries per speaker."""
    from collections import defaultdict

    bands, width = 32, 16
    by_speaker: dict[str, list[object]] = defaultdict(list)
    for item in context.items:  # type: ignore[attr-defined]
        if item.analysis.readable and item.analysis.signature:
            by_speaker[item.speaker].append(item)
    out = []
    for members in by_speaker.values():
        targets = [m for m in members if m.entry.id in context.targets]  # type: ignore[attr-defined]
        buckets: dict[tuple[int, bytes], list[object]] = defaultdict(list)
        for member in members:
            for band in range(bands):
                buckets[(band, member.analysis.signature[band * width : (band + 1) * width])].append(member)
        seen = set()
        for target in targets:
            for band in range(bands):
                key = (band, target.analysis.signature[band * width : (band + 1) * width])
                for other in buckets[key]:
                    pair = tuple(sorted((target.entry.id, other.entry.id)))
                    if other is not target and pair not in seen:
                        seen.add(pair)
                        out.append((target.entry.id, other.entry.id))
    return out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("few", [0, 10**6], ids=["numpy", "dictionaries"])
def test_band_keys_find_the_pairs_a_bucket_walk_finds_in_its_order(
    seed: int, few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways of finding candidates (one numpy sort of every band key; dictionaries over the
    checked speakers' statements) give the pairs of the bucket walk first written, in its order."""

    monkeypatch.setattr("dipdiff.check.duplicates.FEW_BAND_KEYS", few)

    from dipdiff.check.context import CheckOptions, Context, Item
    from dipdiff.check.duplicates import candidate_pairs
    from dipdiff.corpus.analysis import Analysis
    from dipdiff.corpus.store import Entry

    rng = random.Random(seed)
    items = []
    for n in range(120):
        speaker = f"s{rng.randrange(4)}"
        # few distinct values per band: many shared bands, many buckets with several statements
        signature = b"".join(rng.choice([b"\x01" * 16, b"\x02" * 16, rng.randbytes(16)]) for _ in range(32))
        analysis = Analysis(f"d{n}", True, {"speaker": speaker}, {}, (), f"n{n}", signature, 10)
        items.append(Item(Entry(f"{speaker}/x{n:03d}.md", f"{speaker}/x{n:03d}.md"), analysis))
    targets = {item.entry.id for item in items if rng.random() < (1.0 if seed % 2 else 0.1)}
    context = Context(items, targets, None, CheckOptions())  # type: ignore[arg-type]
    found = [(a.entry.id, b.entry.id) for a, b in candidate_pairs(context)]
    assert found == _reference_pairs(context)
    assert found  # the draw makes candidates


def test_every_check_option_is_part_of_the_kept_findings_key(corpus: Path) -> None:
    # An option added to the check later must not be answered with findings made under another value.
    import dataclasses
    import datetime as dt

    from dipdiff.check import kept
    from dipdiff.check.context import CheckOptions
    from dipdiff.corpus.store import open_corpus

    entries = open_corpus(corpus).entries
    digests = {entry.where: "0" * 64 for entry in entries}
    today = dt.date(2021, 4, 1)
    base = CheckOptions(today=today)
    key = kept.state_key(entries, digests, "registry", base, today)
    changed = {bool: lambda v: not v, tuple: lambda v: (*v, "intensity:up"), float: lambda v: v + 7.5}
    for field in dataclasses.fields(CheckOptions):
        value = getattr(base, field.name)
        if field.name == "today":
            continue  # the day is its own argument
        other = dataclasses.replace(base, **{field.name: changed[type(value)](value)})
        assert kept.state_key(entries, digests, "registry", other, today) != key, field.name


def test_a_corpus_and_a_file_whose_names_are_not_unicode_are_checked_without_the_index_keeping_them(
    tmp_path: Path, index_dir: Path
) -> None:
    """Paths name the index's rows, the listing, the registry and the kept findings; a path that is not
    valid Unicode (bytes of another encoding) cannot be stored, so those facts are computed every run."""
    root = tmp_path / "corpus-\udcff"
    root.mkdir()
    (root / "speakers.yaml").write_text("ru-mfa:\n  name: Russian MFA\n", "utf-8")
    _statement(root / "ru-mfa", "2017-03-14-a.md", "2017-03-14", _paragraphs())
    text = (root / "ru-mfa" / "2017-03-14-a.md").read_text("utf-8").replace("2017-03-14", "2017-03-16")
    (root / "ru-mfa" / "2017-03-16-\udcff.md").write_text(text.replace("Korean", "Korea's"), "utf-8")
    for command in (("check", "-f", "json"), ("corpus", "list", "-f", "json")):
        cold, warm, bare = (_run(root, command), _run(root, command), _run(root, command, cache=False))
        assert cold[:2] == warm[:2] == bare[:2]
        assert "internal error" not in cold[2]


def test_the_index_stamp_covers_the_code_that_shapes_what_it_keeps() -> None:
    """Kept findings, timeline steps and track sightings must not outlive a change to the rules, the
    pairing or the lexicons that made them; a change to how they are shown keeps the index."""
    import dipdiff
    from dipdiff.index.stamp import fingerprinted

    package = Path(dipdiff.__file__).resolve().parent
    covered = set(fingerprinted(package))
    shaping = [
        "check/content.py",
        "check/metadata.py",
        "history/tone.py",
        "history/track.py",
        "pairing/units.py",
        "render/labels.py",
        "data/pairing.yaml",
        "data/background/ko.json",
        "data/lexicon/intensity.yaml",
    ]
    assert [name for name in shaping if name not in covered] == []
    showing = ["cli/compare.py", "render/terminal.py", "history/render/json.py", "check/formats/json.py"]
    assert [name for name in showing if name in covered] == []


def test_the_fingerprint_changes_with_the_code_and_data_it_covers_and_only_with_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited, added or removed module changes the stamp, also when the hash is kept in the cache;
    bytecode, presentation and files of no fingerprinted kind do not."""
    from dipdiff.index import stamp

    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path / "cache"))
    package = tmp_path / "package"
    files = {
        "__init__.py": "",
        "history/track.py": "THRESHOLD = 80\n",
        "data/lexicon/actors.yaml": "actors: {}\n",
        "data/background/en.json": "{}\n",
        "data/schema/compare-v1.json": "{}\n",
        "cli/compare.py": "WIDTH = 80\n",
        "history/__pycache__/track.cpython-311.pyc": "bytecode",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    assert stamp.fingerprinted(package) == [
        "__init__.py",
        "data/background/en.json",
        "data/lexicon/actors.yaml",
        "history/track.py",
    ]
    first = stamp.fingerprint(package)

    def edit(name: str, text: str) -> None:
        """Rewrite a file as a later edit would: new bytes, a later modification time."""
        path = package / name
        before = path.stat().st_mtime_ns
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(before + 10**9, before + 10**9))

    edit("cli/compare.py", "WIDTH = 99\n")
    edit("data/schema/compare-v1.json", "[]\n")
    edit("history/__pycache__/track.cpython-311.pyc", "other bytecode")
    assert stamp.fingerprint(package) == first
    edit("history/track.py", "THRESHOLD = 90\n")  # the same size
    second = stamp.fingerprint(package)
    assert second != first
    edit("data/lexicon/actors.yaml", "actors: []\n")
    third = stamp.fingerprint(package)
    assert third not in (first, second)
    (package / "history" / "tone.py").write_text("", encoding="utf-8")
    assert stamp.fingerprint(package) not in (first, second, third)
    (package / "history" / "tone.py").unlink()
    assert stamp.fingerprint(package) == third
    # Unchanged files are not read again: the hash comes from the cache.
    monkeypatch.setattr(stamp, "_digest", lambda *_: pytest.fail("read the files again"))
    assert stamp.fingerprint(package) == third


def test_an_index_another_dipdiff_is_opening_is_waited_for_not_given_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Two dipdiffs opening a new index at once: the one that loses the switch to WAL is told "database
    is locked" at once, without waiting. It must try again, not work from memory and keep nothing."""
    from dipdiff.index import db as index_db

    real = index_db.Database._prepare
    refusals = iter([True, True, True])

    def prepare(self: index_db.Database, connection: sqlite3.Connection) -> sqlite3.Connection:
        on_file = connection.execute("PRAGMA database_list").fetchone()[2] != ""
        if on_file and next(refusals, False):
            connection.close()
            raise sqlite3.OperationalError("database is locked")
        return real(self, connection)

    monkeypatch.setattr(index_db.Database, "_prepare", prepare)
    opened = index_db.Database(tmp_path / "index.sqlite", "stamp")
    assert opened._writable and next(refusals, None) is None, "tried again until it opened the file"
    assert caplog.text == ""
    monkeypatch.setattr(index_db, "BUSY_SECONDS", 0.05)
    refusals = iter([True] * 1000)
    given_up = index_db.Database(tmp_path / "other.sqlite", "stamp")
    assert not given_up._writable and "busy with another dipdiff" in caplog.text, "said, not silent"


def test_a_cold_check_keeps_bodies_only_of_what_it_compares_and_the_next_command_computes_the_rest(
    corpus: Path, index_dir: Path
) -> None:
    """A cold check reads each file for its head; it keeps the bodies of the statements it compares
    (the revision and its original, near-duplicate candidates) and no others. A track, a timeline and
    a blame after it read the rest in full and print what they print without the index."""
    check = _run(corpus, ("check", "-f", "json"))[:2]
    assert check == _run(corpus, ("check", "-f", "json"), cache=False)[:2]
    with _facts(index_dir) as db:
        heads = db.execute("SELECT count(*) FROM facts WHERE kind = 'head'").fetchone()[0]
        bodies = db.execute("SELECT count(*) FROM facts WHERE kind = 'body'").fetchone()[0]
        texts = db.execute("SELECT count(*) FROM facts WHERE kind = 'text'").fetchone()[0]
    assert heads == 10
    assert 2 <= bodies == texts < heads  # the revision's two sides at least, not every statement
    for command in COMMANDS[4:]:
        assert _run(corpus, command)[:2] == _run(corpus, command, cache=False)[:2], command
    with _facts(index_dir) as db:
        assert db.execute("SELECT count(*) FROM facts WHERE kind = 'body'").fetchone()[0] == heads
