"""The reference-data cache: stored once, read back the same, rebuilt when a source changes, harmless
when the folder is unusable; and a compare that finds it filled imports neither YAML nor pycountry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dipdiff import datacache
from dipdiff.datacache import cached
from tests.helpers import run_fresh


class Builder:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text("words: {defence: defense}\n", encoding="utf-8")
    return path


def test_a_second_call_reads_what_the_first_stored(folder: Path, source: Path) -> None:
    build = Builder({"words": {"defence": "defense"}, "levels": [1, 2.5], "on": True})
    first = cached("rules", [source], build)
    second = cached("rules", [source], build)
    assert build.calls == 1
    assert first == second == build.value
    assert len(list(folder.glob("rules*.marshal"))) == 1


def test_an_edited_source_is_read_again_and_its_entry_replaced(folder: Path, source: Path) -> None:
    cached("rules", [source], Builder(["old"]))
    source.write_text("words: {defence: defense, programme: program}\n", encoding="utf-8")
    build = Builder(["new"])
    assert cached("rules", [source], build) == ["new"]
    assert build.calls == 1
    assert len(list(folder.glob("rules*.marshal"))) == 1


def test_a_damaged_entry_is_rebuilt(folder: Path, source: Path) -> None:
    cached("rules", [source], Builder(["value"]))
    (entry,) = folder.glob("rules*.marshal")
    entry.write_bytes(b"\x00not marshal")
    build = Builder(["value"])
    assert cached("rules", [source], build) == ["value"]
    assert build.calls == 1


def test_an_unusable_folder_only_costs_the_parsing(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(blocker))
    build = Builder(["value"])
    assert cached("rules", [source], build) == ["value"]
    assert cached("rules", [source], build) == ["value"]
    assert build.calls == 2


def test_values_that_are_not_plain_data_are_returned_but_not_stored(folder: Path, source: Path) -> None:
    value = object()
    assert cached("rules", [source], Builder(value)) is value
    assert not folder.exists() or not list(folder.glob("*.marshal"))


def test_a_missing_source_is_built_every_time(folder: Path, tmp_path: Path) -> None:
    build = Builder(["value"])
    cached("rules", [tmp_path / "missing.yaml"], build)
    cached("rules", [tmp_path / "missing.yaml"], build)
    assert build.calls == 2


def test_the_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DIPDIFF_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert datacache.cache_folder() == tmp_path / "dipdiff"
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path / "mine"))
    assert datacache.cache_folder() == tmp_path / "mine"


def test_cached_packaged_data_equals_a_fresh_parse(folder: Path) -> None:
    from dipdiff.resources import _packaged_yaml
    from dipdiff.safeyaml import load_packaged_yaml

    data = Path(__file__).resolve().parent.parent / "src" / "dipdiff" / "data"
    fresh = {
        str(path.relative_to(data)): load_packaged_yaml(path.read_text(encoding="utf-8"))
        for path in data.rglob("*.yaml")
    }
    assert "lexicon/intensity.yaml" in fresh
    built = _packaged_yaml.__wrapped__()
    read_back = _packaged_yaml.__wrapped__()
    assert list(folder.glob("data*.marshal"))
    assert built == read_back == fresh


def test_cached_country_names_equal_pycountrys(folder: Path) -> None:
    from dipdiff.shifts.actors import _countries, _list_countries

    listed = _list_countries()
    assert _countries() == listed  # built
    assert _countries() == listed  # read back
    assert list(folder.glob("countries*.marshal"))
    assert ("KOR", "South Korea", ["Republic of Korea"]) in [
        (code, name, aliases[:1]) for code, name, aliases in listed
    ]


def test_a_compare_with_the_cache_filled_imports_neither_yaml_nor_pycountry(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("We are concerned about the situation.\n\nWe call for talks.\n", encoding="utf-8")
    new.write_text(
        "We are gravely concerned about the situation in Ukraine.\n\nWe call for talks.\n", "utf-8"
    )
    env = {"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    runs = [
        run_fresh("compare", str(old), str(new), "-f", "json", watch=["yaml", "pycountry"], env=env)
        for _ in range(2)
    ]
    shifts = [
        sorted(s["category"] for b in json.loads(run.stdout)["blocks"] for s in b["shifts"]) for run in runs
    ]
    assert (runs[0].code, runs[0].loaded) == (1, ["pycountry", "yaml"])  # the first run fills the cache
    assert (runs[1].code, runs[1].loaded) == (1, [])
    assert shifts == [["actor", "intensity"]] * 2
