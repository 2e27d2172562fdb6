"""The pairing gold set (tests/data/pairing/gold.yaml): its shape and split, that every cited paragraph
is in its statement, and that the scorer counts pairs as documented."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from dipdiff.options import CompareOptions
from tests.helpers import load_benchmark

BENCH = load_benchmark("pairing_gold")
GOLD = BENCH.load_gold()
MODES = {"rewrite", "speakers"}


def test_every_statement_pair_is_well_formed() -> None:
    ids = [entry["id"] for entry in GOLD]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    for entry in GOLD:
        assert set(entry) == {"id", "mode", "split", "old", "new", "pairs"}, entry["id"]
        assert entry["mode"] in MODES and entry["id"].startswith(entry["mode"] + "/"), entry["id"]
        assert entry["old"] != entry["new"], entry["id"]
        assert entry["pairs"], entry["id"]
        seen = set()
        for pair in entry["pairs"]:
            assert (
                {"old", "new", "old_para", "new_para", "subject"}
                <= set(pair)
                <= {"old", "new", "old_para", "new_para", "subject", "note"}
            ), (entry["id"], pair)
            assert len(pair["old"].split()) >= 5 and len(pair["new"].split()) >= 5, (entry["id"], pair)
            assert pair["old_para"] >= 1 and pair["new_para"] >= 1 and pair["subject"].strip()
            key = (pair["old"], pair["new"])
            assert key not in seen, (entry["id"], "listed twice", pair)
            seen.add(key)
    assert sum(len(entry["pairs"]) for entry in GOLD) >= 150


REUSED = {
    "heldout7": {
        "ungdc/TXT/Session 73 - 2018/RUS_73_2018.txt",
        "ungdc/TXT/Session 77 - 2022/RUS_77_2022.txt",
        "ungdc/TXT/Session 78 - 2023/CHN_78_2023.txt",
    },
    "heldout8": {"ungdc/TXT/Session 77 - 2022/IND_77_2022.txt"},
}
"""The statements of a later held-out set that an earlier split also holds, in other pairs: heldout7
pairs Russia with China and with the United States, and every such session had a Russian or Chinese
speech in an earlier split (its header names two of the three); heldout8 pairs India 2021 with 2022,
whose 2022 speech heldout2 pairs with 2023."""


def test_the_split_follows_its_fixed_rule_and_holds_both_modes() -> None:
    """dev/heldout comes from a hash of the id, never from how dipdiff scores a pair; heldout2 to
    heldout8, each labelled later, are blocks at the end of the file, in that order, and none of
    their statement pairs is in an earlier split; no statement of heldout3 to heldout8 is in any
    earlier split, but for those ``REUSED`` names."""
    splits = [entry["split"] for entry in GOLD]
    later = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8")
    blocks = [splits.index(split) for split in later]
    ends = [*blocks[1:], len(GOLD)]
    for split, first, end in zip(later, blocks, ends, strict=True):
        assert set(splits[first:end]) == {split}
        earlier = {frozenset((entry["old"], entry["new"])) for entry in GOLD[:first]}
        for entry in GOLD[first:]:
            assert frozenset((entry["old"], entry["new"])) not in earlier, entry["id"]
    for split, first, end in zip(later[1:], blocks[1:], ends[1:], strict=True):
        earlier_files = {path for entry in GOLD[:first] for path in (entry["old"], entry["new"])}
        shared = {path for entry in GOLD[first:end] for path in (entry["old"], entry["new"])} & earlier_files
        assert shared == REUSED.get(split, set()), split
    first_heldout2 = blocks[0]
    for entry in GOLD[:first_heldout2]:
        digest = int(hashlib.sha256(entry["id"].encode()).hexdigest()[:8], 16)
        assert entry["split"] == ("dev" if digest % 2 == 0 else "heldout"), entry["id"]
    for split in BENCH.SPLITS:
        assert {entry["mode"] for entry in GOLD if entry["split"] == split} == MODES, split


def test_every_opening_is_in_exactly_one_paragraph_of_its_statement(data_dir: Path) -> None:
    for entry in GOLD:
        for side, _, paragraphs, index in BENCH.cited(entry, data_dir):
            assert index in BENCH.scored(paragraphs), (entry["id"], side, "too short to be scored")


def _statement(folder: Path, name: str, paragraphs: list[str]) -> str:
    path = folder / name
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return name


_PARAGRAPHS = [
    "The nuclear issue on the Korean peninsula must be settled through dialogue and negotiation now.",
    "Security Council reform should make the Council more representative of the world of today.",
    "The Paris Agreement on climate change must be implemented in full by every party to it.",
]


def _entry(tmp_path: Path, pairs: list[tuple[int, int]]) -> dict[str, object]:
    name = _statement(tmp_path, "a.txt", _PARAGRAPHS)
    return {
        "id": "rewrite/TEST",
        "mode": "rewrite",
        "split": "dev",
        "old": name,
        "new": name,
        "pairs": [
            {"old": _PARAGRAPHS[i][:60], "new": _PARAGRAPHS[j][:60], "old_para": i + 1, "new_para": j + 1}
            for i, j in pairs
        ],
    }


def test_the_scorer_counts_right_and_wrong_pairs(tmp_path: Path) -> None:
    options = CompareOptions(classify=False)
    same, _ = BENCH.score_entry(_entry(tmp_path, [(0, 0), (1, 1), (2, 2)]), options, tmp_path)
    assert (same.right, same.made, same.found, same.covered) == (3, 3, 3, 3)
    crossed, _ = BENCH.score_entry(_entry(tmp_path, [(0, 1), (1, 0)]), options, tmp_path)
    assert (crossed.right, crossed.made, crossed.found, crossed.covered) == (0, 3, 0, 2)
    assert crossed.precision == 0.0 and crossed.recall == 0.0


def test_pairs_with_a_salutation_are_not_scored(tmp_path: Path) -> None:
    old = _statement(tmp_path, "old.txt", ["Mr. President,", *_PARAGRAPHS])
    new = _statement(tmp_path, "new.txt", ["Mr. President,", *_PARAGRAPHS])
    entry = {"old": old, "new": new, "pairs": [{"old": _PARAGRAPHS[0][:60], "new": _PARAGRAPHS[0][:60]}]}
    tally, _ = BENCH.score_entry(entry, CompareOptions(classify=False), tmp_path)
    assert (tally.right, tally.made) == (1, 3), "the salutation pair is left out; the other two count"


def test_a_split_block_pairs_each_of_its_paragraphs() -> None:
    class Block:
        old = (3,)
        new = (4, 5)

    class Added:
        old = ()
        new = (6,)

    assert BENCH.predicted_pairs([Block(), Added()]) == {(3, 4), (3, 5)}
