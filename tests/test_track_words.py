"""``track`` through the corpus index's word index: it reads only the statements that hold a word
standing for the phrase's key term and one of its anchors, and finds exactly what a scan of every
statement's text finds (English, Korean with particles, Chinese), after a file is added, and with a
damaged posting list."""

from __future__ import annotations

import logging
import sqlite3
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from dipdiff.history import corpus as history_corpus
from dipdiff.history.model import Parsed
from dipdiff.history.track import track_phrase
from dipdiff.index import INDEX_FILE_NAME, CorpusIndex
from tests.conftest import ROOT
from tests.helpers import load_benchmark

PHRASES = (
    "denuclearization of the Korean Peninsula",
    "Korean Peninsula",
    "peaceful reunification of the country",
    "nuclear weapons",
    "조국통일",
    "북남관계",
)


@pytest.fixture(scope="module")
def real(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """UN speeches of China, both Koreas and the USA (1990-2019) and the New Year addresses since
    2000 (Korean)."""
    root = tmp_path_factory.mktemp("words") / "corpus"
    pattern = r"(CHN|KOR|PRK|USA)_(4[5-9]|[56]\d|7[0-4])_|nk_new_year_addresses/data/20"
    load_benchmark("make_corpus").make_corpus(root, data_dir, ("un", "nk"), match=pattern)
    return root


def _tracked(root: Path, index: CorpusIndex, phrases: Sequence[str]) -> list[object]:
    return [track_phrase(phrase, root, index) for phrase in phrases]


@pytest.mark.data
def test_the_word_index_finds_what_a_scan_of_every_text_finds(real: Path, tmp_path: Path) -> None:
    with CorpusIndex(None) as bare:  # an index in memory has no word index: every text is scanned
        scanned = _tracked(real, bare, PHRASES)
    with CorpusIndex.for_corpus(real, tmp_path / "index") as index:
        cold = _tracked(real, index, PHRASES)
    with CorpusIndex.for_corpus(real, tmp_path / "index") as index:
        warm = _tracked(real, index, PHRASES)
    assert cold == warm == scanned
    assert all(result.variants for result in scanned)  # type: ignore[attr-defined]


@pytest.mark.data
def test_a_warm_track_reads_no_text_and_only_the_statements_holding_the_key_term(
    real: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    phrase = "denuclearization of the Korean Peninsula"
    with CorpusIndex.for_corpus(real, tmp_path / "index") as index:
        track_phrase("peaceful reunification", real, index)  # builds the word index
    read: list[str] = []
    load = history_corpus.load_parsed

    def counted(index: CorpusIndex, paths: Sequence[str], *rest: Any) -> list[Parsed]:
        read.extend(paths)
        return load(index, paths, *rest)

    def no_texts(*_: object) -> None:
        raise AssertionError("a warm track scanned the statements' texts")

    monkeypatch.setattr(history_corpus, "load_parsed", counted)
    monkeypatch.setattr(CorpusIndex, "texts", no_texts)
    with CorpusIndex.for_corpus(real, tmp_path / "index") as index:
        result = track_phrase(phrase, real, index)
    holders = [p for p in real.rglob("*.txt") if "denucleari" in p.read_text("utf-8").lower()]
    anchored = [p for p in real.rglob("*.txt") if "penins" in p.read_text("utf-8").lower()]
    used = {s.entry.path for variant in result.variants for s in variant.sightings}
    assert used and used <= set(read)
    assert len(read) <= len(holders) < len(anchored)  # the scan read every statement with "penins"
    read.clear()
    with CorpusIndex.for_corpus(real, tmp_path / "index") as index:
        again = track_phrase(phrase, real, index)
    assert read == []  # the sightings of each statement were kept
    assert again == result
    with CorpusIndex.for_corpus(real, tmp_path / "index") as index:
        lower = track_phrase(phrase, real, index, threshold=70.0)
    assert read  # another threshold is another search
    monkeypatch.undo()
    with CorpusIndex(None) as bare:
        assert lower == track_phrase(phrase, real, bare, threshold=70.0)


def _word_index(folder: Path) -> dict[str, set[str]]:
    """Each indexed word and the content hashes holding it, as kept in the index file."""
    with sqlite3.connect(folder / INDEX_FILE_NAME) as db:
        digests = {number: digest for digest, number in db.execute("SELECT digest, id FROM contents")}
        found = {}
        for word, blob in db.execute("SELECT word, ids FROM words"):
            numbers = array("I")
            numbers.frombytes(blob)
            found[word] = {digests[n] for n in numbers}
    return found


@pytest.mark.data
def test_words_found_while_reading_index_as_the_kept_texts_do(
    real: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold track takes each statement's words as it is read (in the worker processes, as the
    corpus is large enough); with the statements already analysed, it takes them from the normalised
    texts the index keeps. Both make the same word index and the same result."""
    from dipdiff.history.corpus import corpus_files
    from dipdiff.index.reading import PARALLEL_FROM

    phrase = "denuclearization of the Korean Peninsula"
    paths = corpus_files(real)
    assert len(paths) >= PARALLEL_FROM  # read in worker processes
    with CorpusIndex.for_corpus(real, tmp_path / "analysed") as index:
        index.analyses(paths)  # no word is indexed yet
    with CorpusIndex.for_corpus(real, tmp_path / "analysed") as index:
        from_texts = track_phrase(phrase, real, index)

    def no_texts(index: CorpusIndex, paths: Sequence[str], *_: object) -> Iterator[tuple[str, str]]:
        assert not paths, "took the words from the texts"
        return iter(())

    monkeypatch.setattr(CorpusIndex, "texts", no_texts)
    with CorpusIndex.for_corpus(real, tmp_path / "cold") as index:
        while_reading = track_phrase(phrase, real, index)
    monkeypatch.undo()
    built = _word_index(tmp_path / "cold")
    assert built == _word_index(tmp_path / "analysed")
    assert len(built) > 1000 and while_reading == from_texts


@pytest.mark.data
def test_a_cold_track_and_one_after_a_cold_check_read_in_full_only_the_statements_holding_the_key_term(
    real: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A cold ``track`` reads every statement for its head alone, keeping its keys, as a cold
    ``check`` does; either way the word index is built from the keys (the same index as from full
    readings, ``test_words_found_while_reading_index_as_the_kept_texts_do``) and only the statements
    that may hold the phrase are read in full; a statement whose kept keys are damaged is read
    again."""
    import dipdiff.index as index_module
    from dipdiff.history.corpus import corpus_files

    phrase = "denuclearization of the Korean Peninsula"
    paths = corpus_files(real)
    holders = [p for p in paths if "denucleari" in Path(p).read_text("utf-8").lower()]
    read_whole: list[str] = []
    compute = index_module.compute

    def counted(paths: list[str], progress: object, reflow: bool, words: bool, whole: bool) -> Any:
        if whole:
            read_whole.extend(paths)
        return compute(paths, None, reflow, words, whole)

    monkeypatch.setattr(index_module, "compute", counted)
    with CorpusIndex.for_corpus(real, tmp_path / "cold") as index:
        cold = track_phrase(phrase, real, index)
    assert 0 < len(read_whole) <= len(holders) < len(paths) // 2
    with CorpusIndex(None) as bare:
        assert cold == track_phrase(phrase, real, bare)  # every text scanned
    with CorpusIndex.for_corpus(real, tmp_path / "checked") as index:
        index.analyses(paths, heads_only=True)  # what a cold check reads of most files
    read_whole.clear()
    with CorpusIndex.for_corpus(real, tmp_path / "checked") as index:
        after_check = track_phrase(phrase, real, index)
    assert after_check == cold
    assert 0 < len(read_whole) <= len(holders)
    assert _word_index(tmp_path / "checked") == _word_index(tmp_path / "cold")

    with CorpusIndex.for_corpus(real, tmp_path / "damaged") as index:
        index.analyses(paths, heads_only=True)
    with sqlite3.connect(tmp_path / "damaged" / INDEX_FILE_NAME) as db:
        assert db.execute("SELECT count(*) FROM facts WHERE kind = 'keys'").fetchone()[0] == len(paths)
        db.execute(
            "UPDATE facts SET payload = x'00' WHERE kind = 'keys' "
            "AND rowid = (SELECT min(rowid) FROM facts WHERE kind = 'keys')"
        )
    read_whole.clear()
    with (
        caplog.at_level(logging.WARNING, "dipdiff.index"),
        CorpusIndex.for_corpus(real, tmp_path / "damaged") as index,
    ):
        assert track_phrase(phrase, real, index) == cold
    assert "a keys record failed its checksum" in caplog.text
    assert len(read_whole) == len(set(read_whole)) and len(read_whole) <= len(holders) + 1
    assert _word_index(tmp_path / "damaged") == _word_index(tmp_path / "cold")


def test_a_chinese_phrase_an_added_file_and_an_unreadable_one_are_told_as_a_scan_tells_them(
    tmp_path: Path,
) -> None:
    root = tmp_path / "corpus"
    (root / "cn-mfa").mkdir(parents=True)
    (root / "speakers.yaml").write_text("cn-mfa:\n  name: China MFA\n  country: CHN\n", "utf-8")
    case = ROOT / "tests" / "cases" / "chinese"
    for name, date in (("old", "2020-01-01"), ("new", "2021-01-01")):
        body = (case / f"{name}.txt").read_text("utf-8")
        front = f"---\nspeaker: cn-mfa\ndate: {date}\ntitle: {name}\nlanguage: zh\n---\n\n"
        (root / "cn-mfa" / f"{date}-{name}.md").write_text(front + body, "utf-8")
    (root / "cn-mfa" / "2019-01-01-broken.md").write_text("---\nspeaker: [\n---\n\n半岛无核化\n", "utf-8")
    phrases = ("半岛无核化", "对话协商", "朝鲜半岛局势")
    with CorpusIndex(None) as bare:
        scanned = _tracked(root, bare, phrases)
    assert all(len(result.unreadable) == 1 for result in scanned)  # type: ignore[attr-defined]
    with CorpusIndex.for_corpus(root, tmp_path / "index") as index:
        assert _tracked(root, index, phrases) == scanned
    added = root / "cn-mfa" / "2022-01-01-added.md"
    added.write_text("---\nspeaker: cn-mfa\ndate: 2022-01-01\n---\n\n中方坚持半岛无核化目标。\n", "utf-8")
    with CorpusIndex(None) as bare:
        rescanned = _tracked(root, bare, phrases)
    with CorpusIndex.for_corpus(root, tmp_path / "index") as index:
        assert _tracked(root, index, phrases) == rescanned != scanned
    first = rescanned[0].variants  # type: ignore[attr-defined]
    assert str(added) in {s.entry.path for v in first for s in v.sightings}


def test_a_damaged_posting_list_is_a_scan_and_the_word_index_is_built_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "corpus"
    (root / "cn-mfa").mkdir(parents=True)
    (root / "speakers.yaml").write_text("cn-mfa:\n  name: China MFA\n  country: CHN\n", "utf-8")
    body = (ROOT / "tests" / "cases" / "chinese" / "old.txt").read_text("utf-8")
    (root / "cn-mfa" / "2020-01-01-old.md").write_text("---\nspeaker: cn-mfa\n---\n\n" + body, "utf-8")
    folder = tmp_path / "index"
    with CorpusIndex.for_corpus(root, folder) as index:
        before = track_phrase("半岛无核化", root, index)
    with sqlite3.connect(folder / INDEX_FILE_NAME) as db:
        assert db.execute("SELECT count(*) FROM words").fetchone()[0] > 0
        db.execute("UPDATE words SET ids = x'ffffffff' WHERE word = '岛'")
    with caplog.at_level(logging.WARNING, "dipdiff.index"), CorpusIndex.for_corpus(root, folder) as index:
        assert track_phrase("半岛无核化", root, index) == before
    assert "a posting list failed its checksum" in caplog.text
    with sqlite3.connect(folder / INDEX_FILE_NAME) as db:
        assert db.execute("SELECT count(*) FROM words").fetchone()[0] == 0  # emptied, to be built again
    with CorpusIndex.for_corpus(root, folder) as index:
        assert track_phrase("半岛无核化", root, index) == before
    with sqlite3.connect(folder / INDEX_FILE_NAME) as db:
        assert db.execute("SELECT count(*) FROM words WHERE word = '岛'").fetchone()[0] == 1
