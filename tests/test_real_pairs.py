"""Real revision pairs: White House statements edited after publication, and UN speeches a year apart.

The White House files are $DIPDIFF_DATA/whitehouse_briefings/revisions (see its SOURCE.md and
index.csv). What changed in each `text` revision was read by a person and written down in
tests/data/wh_revisions.yaml; this module checks dipdiff against that reading. The UN speeches are
$DIPDIFF_DATA/ungdc/TXT/Session NN - YYYY/ISO_NN_YYYY.txt (one paragraph a line).
"""

from __future__ import annotations

import csv
import itertools
import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from dipdiff.compare import compare
from dipdiff.model import Block, BlockKind, Comparison, Op, Statement
from dipdiff.readers import read_statement
from dipdiff.render import Format, RenderOptions, renderer
from dipdiff.resources import packaged_text

HERE = Path(__file__).resolve().parent
REVISIONS = Path("whitehouse_briefings/revisions")
UNGDC = Path("ungdc/TXT")


@dataclass(frozen=True)
class Change:
    """Words a person saw change, that must lie inside one non-equal op of one block."""

    old: str | None = None
    new: str | None = None
    context: str | None = None


@dataclass(frozen=True)
class Revision:
    """One consecutive version pair of a revised document, as read by a person."""

    path: str
    old: str
    new: str
    words: str
    changes: tuple[Change, ...]
    note: str

    @property
    def id(self) -> str:
        slug = self.path.rsplit("/", 1)[-1]
        return f"{slug[:60]}:{self.old}-{self.new}"


def _load_revisions() -> list[Revision]:
    """Read tests/data/wh_revisions.yaml into one entry per version pair."""
    documents = yaml.safe_load((HERE / "data" / "wh_revisions.yaml").read_text("utf-8"))["documents"]
    return [
        Revision(
            document["path"],
            pair["versions"][0],
            pair["versions"][1],
            pair["words"],
            tuple(Change(**change) for change in pair.get("changes", ())),
            pair["note"],
        )
        for document in documents
        for pair in document["pairs"]
    ]


REVISION_PAIRS = _load_revisions()


@cache
def _read(path: Path) -> Statement:
    return read_statement(str(path))


def _version(folder: Path, version: str) -> Path:
    """The one file of ``folder`` whose name starts with ``version`` (``v01_<time>_<sha>.md``)."""
    (path,) = folder.glob(f"{version}_*.md")
    return path


def _squash(text: str) -> str:
    return " ".join(text.split())


def _show(comparison: Comparison) -> str:
    """The blocks that are not equal-in-place, for failure messages."""
    lines = []
    for block in comparison.blocks:
        if block.kind is BlockKind.EQUAL and not block.moved:
            continue
        ops = [(op.op.value, op.old[:80], op.new[:80]) for op in block.diff if op.op is not Op.EQUAL]
        lines.append(f"{block.kind.value} old={block.old} new={block.new} moved={block.moved} {ops}")
    return "\n".join(lines) or "(all blocks equal)"


def _holds(block: Block, change: Change) -> bool:
    """Whether the block's word diff shows the change."""
    if block.kind is BlockKind.EQUAL and not block.moved:
        return False
    removed = [_squash(op.old) for op in block.diff if op.op in (Op.DELETE, Op.REPLACE)]
    inserted = [_squash(op.new) for op in block.diff if op.op in (Op.INSERT, Op.REPLACE)]
    if change.old is not None and not any(_squash(change.old) in words for words in removed):
        return False
    if change.new is not None and not any(_squash(change.new) in words for words in inserted):
        return False
    if change.context is None:
        return True
    context = _squash(change.context)
    old_text = _squash("".join(op.old for op in block.diff))
    new_text = _squash("".join(op.new for op in block.diff))
    return context in old_text or context in new_text


def test_reading_covers_every_text_revision(data_dir: Path) -> None:
    """Every consecutive pair of every `text` document in index.csv was read, and nothing else."""
    with (data_dir / REVISIONS / "index.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["kind"] == "text"]
    expected = {
        (row["original_path"].removesuffix(".md"), f"v{n:02d}", f"v{n + 1:02d}")
        for row in rows
        for n in range(1, int(row["n_versions"]))
    }
    assert len(rows) == 40
    assert {(r.path, r.old, r.new) for r in REVISION_PAIRS} == expected
    assert {r.words for r in REVISION_PAIRS} <= {"changed", "same", "variant"}
    assert all(r.changes for r in REVISION_PAIRS if r.words == "changed")


@pytest.mark.parametrize("revision", REVISION_PAIRS, ids=lambda r: r.id)
def test_text_revision_shows_what_a_reader_sees(data_dir: Path, revision: Revision) -> None:
    folder = data_dir / REVISIONS / revision.path
    comparison = compare(_read(_version(folder, revision.old)), _read(_version(folder, revision.new)))
    if revision.words == "changed":
        assert comparison.summary.changed, f"{revision.note}\n{_show(comparison)}"
        for change in revision.changes:
            assert any(_holds(block, change) for block in comparison.blocks), (
                f"{change} not shown\nread: {revision.note}\ngot:\n{_show(comparison)}"
            )
    else:
        assert all(block.kind is BlockKind.EQUAL and not block.moved for block in comparison.blocks), (
            f"{revision.note}\n{_show(comparison)}"
        )
        assert comparison.similarity == 100


def test_markup_only_revisions_compare_equal(data_dir: Path) -> None:
    """The 23 `links_or_markup_only` documents: every consecutive pair is all equal, nothing moved."""
    with (data_dir / REVISIONS / "index.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["kind"] == "links_or_markup_only"]
    assert len(rows) == 23
    failures = []
    for row in rows:
        folder = data_dir / REVISIONS / row["original_path"].removesuffix(".md")
        names = row["version_files"].split(";")
        for old, new in itertools.pairwise(names):
            comparison = compare(_read(folder / old), _read(folder / new))
            if comparison.summary.changed or comparison.similarity != 100:
                failures.append(f"{folder.name} {old[:3]}->{new[:3]}:\n{_show(comparison)}")
    assert not failures, "\n".join(failures)


# --- UN General Debate: one country's speeches in consecutive years --------------------------------


def _speech(data_dir: Path, country: str, year: int) -> Statement:
    """$DIPDIFF_DATA/ungdc/TXT/Session NN - YYYY/ISO_NN_YYYY.txt (session NN opened in year YYYY)."""
    session = year - 1945
    return _read(data_dir / UNGDC / f"Session {session:02d} - {year}" / f"{country}_{session}_{year}.txt")


@cache
def _speeches(data_dir: Path, country: str, year: int) -> Comparison:
    return compare(_speech(data_dir, country, year), _speech(data_dir, country, year + 1))


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(packaged_text("schema/compare-v1.json"))
    return schema


def _block_holding(comparison: Comparison, *, old: str | None = None, new: str | None = None) -> Block:
    """The block that holds the old (or new) paragraph starting with the given words."""
    for block in comparison.blocks:
        if old is not None and any(comparison.old.paragraphs[i].startswith(old) for i in block.old):
            return block
        if new is not None and any(comparison.new.paragraphs[j].startswith(new) for j in block.new):
            return block
    raise AssertionError(f"no paragraph starts with {old or new!r}")


def _edits(block: Block) -> list[tuple[str, str, str]]:
    return [(op.op.value, _squash(op.old), _squash(op.new)) for op in block.diff if op.op is not Op.EQUAL]


# The longest pair (CHN 1992/1993: 307 and 366 paragraphs), pairs with repeated boilerplate lines,
# quotations of an earlier speech, and one pair per actor group (Russia, Korea, Europe).
CONTRACT_PAIRS = [
    ("CHN", 1992),
    ("RUS", 2016),
    ("PRK", 2016),
    ("KOR", 2017),
    ("IND", 1983),
    ("FRA", 1968),
    ("CHN", 2020),
    ("JPN", 2020),
    ("GBR", 2023),
]


@pytest.mark.parametrize(("country", "year"), CONTRACT_PAIRS, ids=lambda v: str(v))
def test_consecutive_speeches_hold_the_contract(data_dir: Path, country: str, year: int) -> None:
    comparison = _speeches(data_dir, country, year)
    for side, total in (("old", len(comparison.old.paragraphs)), ("new", len(comparison.new.paragraphs))):
        seen = Counter(i for block in comparison.blocks for i in getattr(block, side))
        assert sorted(seen) == list(range(total)), f"{side} indices missing or out of range"
        assert max(seen.values()) == 1, (
            f"{side} indices in two blocks: {[i for i, n in seen.items() if n > 1]}"
        )
    assert 0 <= comparison.similarity <= 100
    for block in comparison.blocks:
        if block.kind in (BlockKind.ADDED, BlockKind.REMOVED):
            assert block.score is None
        else:
            assert block.score is not None and 0 <= block.score <= 100
            assert (block.score == 100) == (block.kind is BlockKind.EQUAL or _edits(block) == [])
    document = json.loads(renderer(Format.JSON)(comparison, RenderOptions()))
    jsonschema.validate(document, _schema())
    assert document["old"]["paragraphs"] == list(comparison.old.paragraphs)


@pytest.mark.parametrize(("country", "year"), CONTRACT_PAIRS[:4], ids=lambda v: str(v))
def test_swapping_consecutive_speeches_mirrors_the_result(data_dir: Path, country: str, year: int) -> None:
    forward = _speeches(data_dir, country, year)
    backward = compare(_speech(data_dir, country, year + 1), _speech(data_dir, country, year))
    assert backward.similarity == forward.similarity

    def key(block: Block) -> tuple[object, ...]:
        return (block.kind, block.old, block.new, block.moved, block.score, block.diff)

    mirrored = {
        (b.kind.mirrored(), b.new, b.old, b.moved, b.score, tuple(op.mirrored() for op in b.diff))
        for b in forward.blocks
    }
    assert {key(b) for b in backward.blocks} == mirrored


def test_russia_2017_korea_paragraph_is_new_wording(data_dir: Path) -> None:
    """RUS 2016 line 18 (North Korea, Pyongyang, NPT) and RUS 2017 line 9 (the DPRK confrontation).

    Read: the 2017 paragraph is new wording, not an edit of the 2016 one; both must show as changes.
    """
    comparison = _speeches(data_dir, "RUS", 2016)
    old = _block_holding(comparison, old="It is necessary to work towards strengthening stability")
    new = _block_holding(comparison, new="The spiralling confrontation around the Democratic People’s")
    assert old.kind is not BlockKind.EQUAL and new.kind is not BlockKind.EQUAL
    deleted = " ".join(o for op, o, _ in _edits(old) if op in ("delete", "replace"))
    inserted = " ".join(n for op, _, n in _edits(new) if op in ("insert", "replace"))
    assert "We call on Pyongyang to abandon its nuclear-missile programmes" in deleted
    assert "We firmly condemn Pyongyang’s adventurist nuclear-missile manoeuvres" in inserted


def test_north_korea_2017_quotes_more_of_the_charter(data_dir: Path) -> None:
    """PRK 2016 lines 10-11 and PRK 2017 lines 9-10 quote UN Charter Art. 1(1), each quotation on a
    line of its own that goes on with the sentence of the line before ("... refers to bringing about" /
    "“by peaceful means ..."; "... the United Nations is" / "“to bring about by peaceful means ..."):
    each is one paragraph, the two pair, and the words they quote in common are unchanged."""
    comparison = _speeches(data_dir, "PRK", 2016)
    block = _block_holding(comparison, new="As Article 1 of the Charter of the United Nations stipulates")
    assert block.kind is BlockKind.MODIFIED and len(block.old) == len(block.new) == 1
    old, new = comparison.old.paragraphs[block.old[0]], comparison.new.paragraphs[block.new[0]]
    assert "refers to bringing about “by peaceful means, and in conformity" in old
    assert "the United Nations is “to bring about by peaceful means, and in conformity" in new
    changed = " ".join(f"{o} {n}" for _, o, n in _edits(block))
    assert "conformity" not in changed and "breach of the peace" not in changed


def test_india_1984_quotes_its_1983_paragraph(data_dir: Path) -> None:
    """IND 1984 line 67 quotes IND 1983 paragraph 26 (line 28): number, quote marks, "new-born"."""
    comparison = _speeches(data_dir, "IND", 1983)
    block = _block_holding(comparison, old="26.\tFor us, the non-aligned")
    assert block.kind is BlockKind.MODIFIED
    assert comparison.new.paragraphs[block.new[0]].startswith('"For us, the non-aligned')
    assert ("replace", "newborn", "new-born") in _edits(block)
    assert block.score is not None and block.score > 95


def test_france_1969_quotes_its_1968_paragraph_86(data_dir: Path) -> None:
    """FRA 1969 line 20 quotes FRA 1968 paragraph 86 (line 28), with a citation added at its end."""
    comparison = _speeches(data_dir, "FRA", 1968)
    block = _block_holding(comparison, old="86. Europe is in need of détente")
    assert block.kind is BlockKind.MODIFIED
    edits = _edits(block)
    assert ("replace", "strait", "straight") in edits
    assert edits[-1] == ("insert", "", "” [1683rd meeting, para, 86.]")


@pytest.mark.parametrize(
    ("country", "old_count", "new_count"),
    # grep -c '^Mr. President,$': CHN 2020 has 5, CHN 2021 has 3; JPN 2020 and 2021 have 5 each.
    [("CHN", 5, 3), ("JPN", 5, 5)],
)
def test_repeated_salutation_lines_pair_as_equal(
    data_dir: Path, country: str, old_count: int, new_count: int
) -> None:
    """The only verbatim paragraphs shared by any consecutive-year pair in the data are these lines."""
    comparison = _speeches(data_dir, country, 2020)
    old = [i for i, p in enumerate(comparison.old.paragraphs) if p == "Mr. President,"]
    new = [j for j, p in enumerate(comparison.new.paragraphs) if p == "Mr. President,"]
    assert (len(old), len(new)) == (old_count, new_count)
    pairs = [b for b in comparison.blocks if set(b.old) & set(old) and b.new]
    assert len(pairs) == min(old_count, new_count)
    for block in pairs:
        assert block.kind is BlockKind.EQUAL and len(block.old) == len(block.new) == 1
        assert block.new[0] in new
