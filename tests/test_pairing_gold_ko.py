"""The Korean pairing gold set (tests/data/pairing/gold_ko.yaml): its shape, its fixed split, and that
every cited paragraph is where the file says it is."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from tests.helpers import load_benchmark

BENCH = load_benchmark("pairing_gold")
GOLD = BENCH.load_gold(BENCH.GOLD_KO)


def test_every_statement_pair_is_well_formed() -> None:
    ids = [entry["id"] for entry in GOLD]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert len(GOLD) >= 4
    for entry in GOLD:
        assert set(entry) == {"id", "mode", "split", "old", "new", "pairs"}, entry["id"]
        assert entry["mode"] == "rewrite" and entry["id"].startswith("rewrite/PRK-"), entry["id"]
        assert entry["old"].startswith("nk_new_year_addresses/data/"), entry["id"]
        assert entry["old"] != entry["new"] and entry["pairs"], entry["id"]
        seen = set()
        for pair in entry["pairs"]:
            assert {"old", "new", "old_para", "new_para", "subject"} <= set(pair), (entry["id"], pair)
            assert set(pair) <= {"old", "new", "old_para", "new_para", "subject", "note"}, (entry["id"], pair)
            assert len(pair["old"].split()) >= 5 and len(pair["new"].split()) >= 5, (entry["id"], pair)
            assert pair["old_para"] >= 1 and pair["new_para"] >= 1 and pair["subject"].strip()
            key = (pair["old"], pair["new"])
            assert key not in seen, (entry["id"], "listed twice", pair)
            seen.add(key)


def test_the_split_follows_the_fixed_hash_rule_and_holds_a_pair_out() -> None:
    for entry in GOLD:
        digest = int(hashlib.sha256(entry["id"].encode()).hexdigest()[:8], 16)
        assert entry["split"] == ("dev" if digest % 2 == 0 else "heldout"), entry["id"]
    assert {entry["split"] for entry in GOLD} == {"dev", "heldout"}


def test_every_opening_is_in_the_paragraph_it_names(data_dir: Path) -> None:
    for entry in GOLD:
        for side, pair, paragraphs, index in BENCH.cited(entry, data_dir):
            assert index + 1 == pair[side + "_para"], (entry["id"], side, pair[side])
            assert index in BENCH.scored(paragraphs), (entry["id"], side, "too short to be scored")
