"""Phrase tables kept between runs: the packaged lexicon's and the actors' matchers built from the
reference-data cache index the same spellings as matchers built afresh, are not built again on the
second load, and never hold a user's phrases."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipdiff.shifts import actors, lexicon, matcher
from dipdiff.shifts.matcher import PhraseMatcher, PhraseTables, phrase_table, words_of


class CountingTables:
    """Counts the tables built by ``matcher.phrase_table``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.built = 0
        monkeypatch.setattr(matcher, "phrase_table", self)

    def __call__(self, texts: list[str], normaliser: None = None) -> matcher.PhraseTable:
        self.built += 1
        return phrase_table(texts, normaliser)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(folder))
    return folder


def _matchers(found: object) -> dict[str, PhraseMatcher[object]]:
    return {name: value for name, value in vars(found).items() if isinstance(value, PhraseMatcher)}


def _tables(found: PhraseMatcher[object]) -> tuple[object, ...]:
    return (found._index, found._pairs, found._singles, found._values)


def _fresh_lexicon() -> lexicon.Lexicon:
    """The packaged lexicon compiled without any kept table."""
    data: dict[str, object] = {}
    for name in lexicon.PACKAGED:
        data = lexicon._merge(data, lexicon._packaged(name), ())
    return lexicon._compile(data)


def test_kept_lexicon_tables_equal_fresh_ones_and_are_read_back(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = _matchers(_fresh_lexicon())
    counting = CountingTables(monkeypatch)
    built = lexicon._load.__wrapped__(())
    assert counting.built == len(fresh) == 11  # a table per matcher, each built once
    assert list(folder.glob("lexicon-phrases*.marshal"))
    read_back = lexicon._load.__wrapped__(())
    assert counting.built == len(fresh)  # none built again
    assert read_back.packaged and built.packaged
    for name, expected in fresh.items():
        assert _tables(_matchers(built)[name]) == _tables(expected), name
        assert _tables(_matchers(read_back)[name]) == _tables(expected), name


def test_kept_actor_tables_find_what_fresh_ones_find(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packaged = lexicon._load.__wrapped__(())
    fresh = actors._actors(packaged, PhraseTables())
    counting = CountingTables(monkeypatch)
    built = actors.actors_of.__wrapped__(packaged)
    assert counting.built > 0
    assert list(folder.glob("actor-phrases*.marshal"))
    before = counting.built
    read_back = actors.actors_of.__wrapped__(packaged)
    assert counting.built == before
    words = words_of(
        "The Republic of Korea, the DPRK and the United States of America met the Foreign Minister of "
        "the Russian Federation; Mr. President, we thank the people of Côte d'Ivoire."
    )
    for kept in (built, read_back):
        for name in ("matcher", "self_references", "titles"):
            assert _tables(getattr(kept, name)) == _tables(getattr(fresh, name)), name
            assert getattr(kept, name).find(words) == getattr(fresh, name).find(words)
    assert {m.value for m in read_back.matcher.find(words)} >= {"KOR", "PRK", "USA", "RUS", "CIV"}


def test_a_users_lexicon_is_never_kept(folder: Path, tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "terms: [zyxwv doctrine]\nactors:\n  entries:\n    QQQ: {name: Qwertia, aliases: [Qwertian Union]}\n",
        encoding="utf-8",
    )
    mine = lexicon._load.__wrapped__(((extra, extra.stat().st_mtime_ns),))
    assert not mine.packaged
    found = actors.actors_of.__wrapped__(mine)
    words = words_of("The Qwertian Union upholds the zyxwv doctrine.")
    assert [m.value for m in found.matcher.find(words)] == ["QQQ"]
    assert [m.value for m in mine.terms.find(words)] == ["zyxwv doctrine"]
    kept = b"".join(path.read_bytes() for path in folder.glob("*.marshal")) if folder.exists() else b""
    assert b"zyxwv" not in kept and b"qwertian" not in kept.lower()


def test_a_table_for_other_phrases_is_not_used() -> None:
    other = {("hold talks",): phrase_table(["hold talks"])}
    tables = PhraseTables(dict(other))
    found = tables.matcher([("call for", 1)])
    assert [m.value for m in found.find(words_of("We call for restraint."))] == [1]
    assert ("call for",) in tables.tables


def test_a_damaged_or_unwritable_cache_builds_the_tables(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = {name: _tables(m) for name, m in _matchers(_fresh_lexicon()).items()}
    lexicon._load.__wrapped__(())
    (entry,) = folder.glob("lexicon-phrases*.marshal")
    entry.write_bytes(entry.read_bytes()[:-40] + b"\x00" * 40)
    damaged = lexicon._load.__wrapped__(())
    assert {name: _tables(m) for name, m in _matchers(damaged).items()} == expected
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(blocker))
    unwritable = lexicon._load.__wrapped__(())
    assert {name: _tables(m) for name, m in _matchers(unwritable).items()} == expected
