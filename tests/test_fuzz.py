"""A short, seeded fuzz run of every reader and of the whole ``compare`` pipeline.

Inputs are random bytes, and real statements in each format (built by ``tests/fixtures/formats.py``
from the seed statement) with bytes flipped, inserted and cut off. Each must end in a ``Statement``
or an ``InputError``; through the command line, in output or in one error line with exit code 2.
Front matter, corpus layouts and damaged corpus indexes come from ``tests/fixtures/hostile.py``.
Hypothesis is derandomised, so every run tries the same inputs. The long run is
``benchmarks/fuzz_readers.py``; its counts are in RELIABILITY.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipdiff.compare import compare
from dipdiff.errors import InputError
from dipdiff.options import CompareOptions
from dipdiff.readers import MAX_PARAGRAPHS, InputFormat, parse_statement
from tests.conftest import CORPUS
from tests.fixtures.formats import SEED, docx_document, html_page, pdf_document
from tests.fixtures.hostile import Node, build_corpus, cache_damage, corpus_layout, damage_file, front_matter
from tests.helpers import result_or_error_lines, run_cli

FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_PARAGRAPHS = (
    [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()][:3]
    if SEED.is_file()
    else ["We are deeply concerned.", "We call on all parties to show restraint."]
)
_TEXT = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
"""Any character a decoded file can hold (NUL makes a file binary; surrogates cannot be decoded)."""
SEEDS = {
    "statement.txt": "\n\n".join(_PARAGRAPHS).encode(),
    "statement.md": ("---\ntitle: Comment\n---\n# Comment\n\n" + "\n\n".join(_PARAGRAPHS)).encode(),
    "statement.html": html_page(_PARAGRAPHS),
    "statement.pdf": pdf_document(_PARAGRAPHS, compress=False),
    "statement.docx": docx_document(_PARAGRAPHS),
}


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed file with a few bytes changed, inserted or removed, and perhaps cut short."""
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[at : at + draw(st.integers(1, 64))]
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return name, bytes(data)


def _read(data: bytes, name: str, fmt: InputFormat = InputFormat.AUTO) -> None:
    """Read, and check the promise: a non-empty statement within limits, or an InputError."""
    try:
        statement = parse_statement(data, name, fmt)
    except InputError as exc:
        assert str(exc).startswith(f"{name}: ") and "\n" not in str(exc)
        return
    assert 0 < len(statement.paragraphs) <= MAX_PARAGRAPHS
    assert all(p and p == p.strip() for p in statement.paragraphs)


@settings(FUZZ, max_examples=60)
@given(data=st.binary(max_size=3000), fmt=st.sampled_from(list(InputFormat)))
def test_random_bytes_in_every_format(data: bytes, fmt: InputFormat) -> None:
    _read(data, "fuzz.bin", fmt)


@settings(FUZZ, max_examples=100)
@given(case=mutated())
def test_mutated_statements(case: tuple[str, bytes]) -> None:
    name, data = case
    _read(data, name)


@settings(FUZZ, max_examples=40)
@given(
    old=st.lists(st.text(_TEXT, min_size=1, max_size=80), min_size=1, max_size=6),
    new=st.lists(st.text(_TEXT, min_size=1, max_size=80), min_size=1, max_size=6),
)
def test_pipeline_on_arbitrary_text(old: list[str], new: list[str]) -> None:
    """Any paragraphs a reader could return compare, and every paragraph lands in one block."""
    if not any(p.strip() for p in old) or not any(p.strip() for p in new):
        return
    a = parse_statement("\n\n".join(old).encode("utf-8", "replace"), "old.txt", InputFormat.TEXT)
    b = parse_statement("\n\n".join(new).encode("utf-8", "replace"), "new.txt", InputFormat.TEXT)
    result = compare(a, b, CompareOptions())
    assert 0 <= result.similarity <= 100
    assert sorted(i for block in result.blocks for i in block.old) == list(range(len(a.paragraphs)))
    assert sorted(j for block in result.blocks for j in block.new) == list(range(len(b.paragraphs)))


@pytest.fixture(scope="module")
def good_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "good.txt"
    path.write_bytes(SEEDS["statement.txt"])
    return path


@settings(FUZZ, max_examples=25)
@given(case=mutated())
def test_command_line_on_mutated_files(
    case: tuple[str, bytes], good_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    name, data = case
    path = tmp_path_factory.mktemp("case") / name
    path.write_bytes(data)
    run = run_cli("compare", str(good_file), str(path), "-f", "json")
    assert "Traceback" not in run.stderr, str(run)
    if run.code == 2:
        assert len(run.stderr.strip().splitlines()) == 1, str(run)
    else:
        assert run.code in (0, 1) and run.stdout.startswith("{"), str(run)


# --- front matter, corpus layouts and damaged caches --------------------------------------------


@settings(FUZZ, max_examples=80)
@given(data=front_matter())
def test_hostile_front_matter_is_a_statement_or_one_line(data: bytes) -> None:
    """Any front matter ends in a statement whose metadata is JSON (no NaN, no surrogate, 64-bit
    integers) or in one error line naming the file."""
    try:
        statement = parse_statement(data, "fm.md")
    except InputError as exc:
        assert str(exc).startswith("fm.md: ") and "\n" not in str(exc), str(exc)
        return
    text = json.dumps(statement.meta, allow_nan=False, default=str, ensure_ascii=False)
    text.encode("utf-8")  # a lone surrogate would fail here
    assert all(abs(v) < 2**63 for v in _numbers(statement.meta))


def _numbers(value: object) -> list[int | float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [value]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    return []


@settings(FUZZ, max_examples=15)
@given(nodes=corpus_layout())
def test_corpus_commands_on_hostile_layouts(
    nodes: list[Node], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Files, folders, FIFOs, sockets and links in odd places, hostile front matter and broken
    registries: every corpus command ends, in a result or one line."""
    work = tmp_path_factory.mktemp("layout")
    build_corpus(work / "corpus", nodes, work / "outside.md")
    for args in (["check"], ["corpus", "list"], ["timeline"], ["track", "peninsula"]):
        run = run_cli(*args, "--corpus", str(work / "corpus"), env={"DIPDIFF_CACHE_DIR": str(work)})
        result_or_error_lines(run, None if args == ["check"] else work / "corpus")


@settings(FUZZ, max_examples=10)
@given(damage=cache_damage())
def test_corpus_commands_after_the_cache_is_damaged(
    damage: list[tuple[str, int, bytes]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The corpus index damaged between two runs: the second run still ends in a result or one line,
    and says what the first said."""
    work = tmp_path_factory.mktemp("cache")
    env = {"DIPDIFF_CACHE_DIR": str(work)}
    first = run_cli("timeline", "--corpus", str(CORPUS), "-f", "json", env=env)
    for path in sorted(p for p in work.rglob("*") if p.is_file() and p.name != ".gitignore"):
        damage_file(path, damage)
    second = run_cli("timeline", "--corpus", str(CORPUS), "-f", "json", env=env)
    result_or_error_lines(second)
    if second.code != 2:
        assert second.stdout == first.stdout
