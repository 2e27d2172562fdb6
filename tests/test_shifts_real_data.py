"""The real pairs (tests/data/shifts/real_pairs.yaml and the later held-out sets real_pairs_heldout2.yaml
to real_pairs_heldout13.yaml): their shape, their split and their citations.

The classifier's figures on these pairs are measured by benchmarks/shifts_labelled.py and recorded in
BENCHMARKS.md, not asserted here.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_shifts_labelled import BENCH, assert_cited, assert_labels_known

REAL = ROOT / "tests" / "data" / "shifts" / "real_pairs.yaml"
CASES = BENCH.load_cases(REAL)
HELDOUT2 = BENCH.load_cases(BENCH.HELDOUT2)
HELDOUT3 = BENCH.load_cases(BENCH.HELDOUT3)
HELDOUT4 = BENCH.load_cases(BENCH.HELDOUT4)
HELDOUT5 = BENCH.load_cases(BENCH.HELDOUT5)
HELDOUT6 = BENCH.load_cases(BENCH.HELDOUT6)
HELDOUT7 = BENCH.load_cases(BENCH.HELDOUT7)
HELDOUT8 = BENCH.load_cases(BENCH.HELDOUT8)
HELDOUT9 = BENCH.load_cases(BENCH.HELDOUT9)
HELDOUT10 = BENCH.load_cases(BENCH.HELDOUT10)
HELDOUT11 = BENCH.load_cases(BENCH.HELDOUT11)
HELDOUT12 = BENCH.load_cases(BENCH.HELDOUT12)
HELDOUT13 = BENCH.load_cases(BENCH.HELDOUT13)
EARLIER = CASES + HELDOUT2 + HELDOUT3 + HELDOUT4
EVERY = (
    EARLIER
    + HELDOUT5
    + HELDOUT6
    + HELDOUT7
    + HELDOUT8
    + HELDOUT9
    + HELDOUT10
    + HELDOUT11
    + HELDOUT12
    + HELDOUT13
)
FIELDS = {"id", "split", "source", "speaker", "old", "new", "expect", "note"}


def test_the_set_is_large_enough_and_keeps_its_negatives() -> None:
    assert len(CASES) >= 150
    assert sum(1 for case in CASES if not case["expect"]) >= 60, "rewordings that change no position"


def test_the_clean_held_out_set_is_large_enough_new_and_mostly_negatives() -> None:
    assert len(HELDOUT2) >= 80
    assert sum(1 for case in HELDOUT2 if not case["expect"]) >= 0.4 * len(HELDOUT2)
    assert {case["split"] for case in HELDOUT2} == {"heldout2"}
    assert len(BENCH.load_cases(BENCH.HELDOUT2, "heldout2")) == len(HELDOUT2)
    seen = {(case["old"], case["new"]) for case in CASES}
    assert [case["id"] for case in HELDOUT2 if (case["old"], case["new"]) in seen] == []


def test_the_third_held_out_set_is_large_enough_new_and_half_negatives() -> None:
    assert len(HELDOUT3) >= 100
    assert sum(1 for case in HELDOUT3 if not case["expect"]) >= 50, "rewordings that change no position"
    assert {case["split"] for case in HELDOUT3} == {"heldout3"}
    assert len(BENCH.load_cases(BENCH.HELDOUT3, "heldout3")) == len(HELDOUT3)
    seen = {(case["old"], case["new"]) for case in CASES + HELDOUT2}
    assert [case["id"] for case in HELDOUT3 if (case["old"], case["new"]) in seen] == []
    assert {str(case["id"]).split("-")[0] for case in HELDOUT3} == {"ny", "ss", "sc", "wr"}


def test_the_fourth_held_out_set_is_large_enough_new_and_half_negatives() -> None:
    assert len(HELDOUT4) >= 80
    assert sum(1 for case in HELDOUT4 if not case["expect"]) >= 40, "rewordings that change no position"
    assert {case["split"] for case in HELDOUT4} == {"heldout4"}
    assert len(BENCH.load_cases(BENCH.HELDOUT4, "heldout4")) == len(HELDOUT4)
    seen = {(case["old"], case["new"]) for case in CASES + HELDOUT2 + HELDOUT3}
    assert [case["id"] for case in HELDOUT4 if (case["old"], case["new"]) in seen] == []


def test_the_fifth_held_out_set_is_large_enough_and_from_statements_no_earlier_set_cites() -> None:
    assert len(HELDOUT5) >= 100
    assert sum(1 for case in HELDOUT5 if not case["expect"]) >= 40, "rewordings that change no position"
    assert {case["split"] for case in HELDOUT5} == {"heldout5"}
    assert len(BENCH.load_cases(BENCH.HELDOUT5, "heldout5")) == len(HELDOUT5)
    assert {str(case["id"]).split("-")[0] for case in HELDOUT5} == {"ny", "ss", "sc", "wr"}
    labelled = BENCH.load_cases(BENCH.LABELLED)

    earlier_files = set().union(*(set(cited_files(case)) for case in EARLIER + labelled))
    assert [case["id"] for case in HELDOUT5 if set(cited_files(case)) & earlier_files] == []


def test_the_sixth_held_out_set_is_large_enough_and_from_statement_pairs_no_earlier_set_cites() -> None:
    assert len(HELDOUT6) >= 60
    assert sum(1 for case in HELDOUT6 if not case["expect"]) >= 25, "rewordings that change no position"
    assert {case["split"] for case in HELDOUT6} == {"heldout6"}
    assert len(BENCH.load_cases(BENCH.HELDOUT6, "heldout6")) == len(HELDOUT6)
    assert {str(case["id"]).split("-")[0] for case in HELDOUT6} == {"ny", "ss", "sc"}
    earlier = EARLIER + HELDOUT5 + BENCH.load_cases(BENCH.LABELLED)
    earlier_pairs = {cited_files(case) for case in earlier}
    assert [case["id"] for case in HELDOUT6 if cited_files(case) in earlier_pairs] == []
    earlier_texts = {(case["old"], case["new"]) for case in earlier}
    assert [case["id"] for case in HELDOUT6 if (case["old"], case["new"]) in earlier_texts] == []


def test_the_seventh_held_out_set_is_large_enough_and_from_statement_pairs_no_earlier_set_cites() -> None:
    assert len(HELDOUT7) >= 90
    assert sum(1 for case in HELDOUT7 if not case["expect"]) >= 45, "rewordings that change no position"
    assert {case["split"] for case in HELDOUT7} == {"heldout7"}
    assert len(BENCH.load_cases(BENCH.HELDOUT7, "heldout7")) == len(HELDOUT7)
    assert {str(case["id"]).split("-")[0] for case in HELDOUT7} == {"ny", "ss", "sc"}
    shifts = Counter(str(label).split(":")[0] for case in HELDOUT7 for label in case["expect"])
    assert sum(n for category, n in shifts.items() if category != "number") >= 20, shifts
    earlier = EARLIER + HELDOUT5 + HELDOUT6 + BENCH.load_cases(BENCH.LABELLED)
    earlier_pairs = {cited_files(case) for case in earlier}
    assert [case["id"] for case in HELDOUT7 if cited_files(case) in earlier_pairs] == []
    earlier_texts = {(case["old"], case["new"]) for case in earlier}
    assert [case["id"] for case in HELDOUT7 if (case["old"], case["new"]) in earlier_texts] == []
    # a pair of statements read in both orders is kept once
    sides = {(cited_files(case), case["old"], case["new"]) for case in HELDOUT7}
    reversed_ = [c["id"] for c in HELDOUT7 if (cited_files(c)[::-1], c["new"], c["old"]) in sides]
    assert reversed_ == []


def test_the_eighth_held_out_set_is_large_enough_and_its_sentences_new() -> None:
    assert len(HELDOUT8) >= 100
    assert sum(1 for case in HELDOUT8 if not case["expect"]) >= 50, "rewordings that change no position"
    assert {case["split"] for case in HELDOUT8} == {"heldout8"}
    assert len(BENCH.load_cases(BENCH.HELDOUT8, "heldout8")) == len(HELDOUT8)
    assert {str(case["id"]).split("-")[0] for case in HELDOUT8} == {"ny", "ss", "sc", "wr"}
    earlier = EARLIER + HELDOUT5 + HELDOUT6 + HELDOUT7 + BENCH.load_cases(BENCH.LABELLED)
    # no sentence, old or new, was labelled in an earlier set
    earlier_sentences = {" ".join(str(case[side]).split()) for case in earlier for side in ("old", "new")}
    sentences = {" ".join(str(case[side]).split()) for case in HELDOUT8 for side in ("old", "new")}
    assert sentences & earlier_sentences == set()
    # the pairs of two speakers come from statement pairs no earlier set cites
    earlier_pairs = {cited_files(case) for case in earlier}
    two_speakers = [case for case in HELDOUT8 if str(case["id"]).startswith("ss-")]
    assert len(two_speakers) >= 50
    assert [case["id"] for case in two_speakers if cited_files(case) in earlier_pairs] == []
    sides = {(cited_files(case), case["old"], case["new"]) for case in HELDOUT8}
    reversed_ = [c["id"] for c in HELDOUT8 if (cited_files(c)[::-1], c["new"], c["old"]) in sides]
    assert reversed_ == []


def test_the_ninth_held_out_set_is_large_enough_and_its_sentences_new() -> None:
    assert len(HELDOUT9) >= 100
    assert sum(1 for case in HELDOUT9 if not case["expect"]) >= 50, "rewordings that change no position"
    assert {case["split"] for case in HELDOUT9} == {"heldout9"}
    assert len(BENCH.load_cases(BENCH.HELDOUT9, "heldout9")) == len(HELDOUT9)
    assert {str(case["id"]).split("-")[0] for case in HELDOUT9} == {"ny", "ss", "sc"}
    earlier = EARLIER + HELDOUT5 + HELDOUT6 + HELDOUT7 + HELDOUT8 + BENCH.load_cases(BENCH.LABELLED)
    earlier_sentences = {" ".join(str(case[side]).split()) for case in earlier for side in ("old", "new")}
    sentences = {" ".join(str(case[side]).split()) for case in HELDOUT9 for side in ("old", "new")}
    assert sentences & earlier_sentences == set()
    earlier_pairs = {cited_files(case) for case in earlier}
    two_speakers = [case for case in HELDOUT9 if str(case["id"]).startswith("ss-")]
    assert len(two_speakers) >= 50
    assert [case["id"] for case in two_speakers if cited_files(case) in earlier_pairs] == []
    sides = {(cited_files(case), case["old"], case["new"]) for case in HELDOUT9}
    reversed_ = [c["id"] for c in HELDOUT9 if (cited_files(c)[::-1], c["new"], c["old"]) in sides]
    assert reversed_ == []


def test_the_tenth_held_out_set_is_large_enough_mixed_and_its_sentences_new() -> None:
    assert len(HELDOUT10) >= 100
    assert sum(1 for case in HELDOUT10 if not case["expect"]) >= 60, "rewordings that change no position"
    assert {case["split"] for case in HELDOUT10} == {"heldout10"}
    assert len(BENCH.load_cases(BENCH.HELDOUT10, "heldout10")) == len(HELDOUT10)
    # yearly speeches, two speakers of one session, Security Council renewals and White House revisions
    assert {str(case["id"]).split("-")[0] for case in HELDOUT10} == {"ny", "ss", "sc", "wr"}
    earlier = [case for case in EVERY if case not in HELDOUT10] + BENCH.load_cases(BENCH.LABELLED)
    earlier_sentences = {" ".join(str(case[side]).split()) for case in earlier for side in ("old", "new")}
    sentences = {" ".join(str(case[side]).split()) for case in HELDOUT10 for side in ("old", "new")}
    assert sentences & earlier_sentences == set()
    earlier_pairs = {cited_files(case) for case in earlier}
    two_speakers = [case for case in HELDOUT10 if str(case["id"]).startswith("ss-")]
    assert [case["id"] for case in two_speakers if cited_files(case) in earlier_pairs] == []
    sides = {(cited_files(case), case["old"], case["new"]) for case in HELDOUT10}
    reversed_ = [c["id"] for c in HELDOUT10 if (cited_files(c)[::-1], c["new"], c["old"]) in sides]
    assert reversed_ == []


def test_the_eleventh_held_out_set_is_large_enough_and_its_sentences_new() -> None:
    assert len(HELDOUT11) >= 100
    assert sum(1 for case in HELDOUT11 if not case["expect"]) >= 60, "rewordings that change no position"
    assert {case["split"] for case in HELDOUT11} == {"heldout11"}
    assert len(BENCH.load_cases(BENCH.HELDOUT11, "heldout11")) == len(HELDOUT11)
    # yearly speeches, two speakers of one session and renewals (no White House revision was left to draw)
    assert {str(case["id"]).split("-")[0] for case in HELDOUT11} == {"ny", "ss", "sc"}
    earlier = [case for case in EVERY if case not in HELDOUT11] + BENCH.load_cases(BENCH.LABELLED)
    earlier_sentences = {" ".join(str(case[side]).split()) for case in earlier for side in ("old", "new")}
    sentences = {" ".join(str(case[side]).split()) for case in HELDOUT11 for side in ("old", "new")}
    assert sentences & earlier_sentences == set()
    # two speakers from statement pairs no earlier set cites, the tenth held-out set among them
    earlier_pairs = {cited_files(case) for case in earlier}
    two_speakers = [case for case in HELDOUT11 if str(case["id"]).startswith("ss-")]
    assert [case["id"] for case in two_speakers if cited_files(case) in earlier_pairs] == []
    sides = {(cited_files(case), case["old"], case["new"]) for case in HELDOUT11}
    reversed_ = [c["id"] for c in HELDOUT11 if (cited_files(c)[::-1], c["new"], c["old"]) in sides]
    assert reversed_ == []


@pytest.mark.parametrize(
    ("split", "cases", "no_shift"), [("heldout12", HELDOUT12, 60), ("heldout13", HELDOUT13, 50)]
)
def test_the_later_held_out_sets_are_large_enough_mostly_yearly_and_their_sentences_new(
    split: str, cases: list[dict[str, object]], no_shift: int
) -> None:
    assert len(cases) >= 100
    assert sum(1 for case in cases if not case["expect"]) >= no_shift, "rewordings that change no position"
    assert {case["split"] for case in cases} == {split}
    assert len(BENCH.load_cases(BENCH.SETS / f"real_pairs_{split}.yaml", split)) == len(cases)
    # weighted toward one country's speeches a year apart (rewritten text), with renewals and two speakers
    kinds = Counter(str(case["id"]).split("-")[0] for case in cases)
    assert set(kinds) == {"ny", "ss", "sc"}
    assert kinds["ny"] > len(cases) / 2
    earlier = [case for case in EVERY if case not in cases] + BENCH.load_cases(BENCH.LABELLED)
    earlier_sentences = {" ".join(str(case[side]).split()) for case in earlier for side in ("old", "new")}
    sentences = {" ".join(str(case[side]).split()) for case in cases for side in ("old", "new")}
    assert sentences & earlier_sentences == set()
    earlier_pairs = {cited_files(case) for case in earlier}
    two_speakers = [case for case in cases if str(case["id"]).startswith("ss-")]
    assert [case["id"] for case in two_speakers if cited_files(case) in earlier_pairs] == []
    sides = {(cited_files(case), case["old"], case["new"]) for case in cases}
    reversed_ = [c["id"] for c in cases if (cited_files(c)[::-1], c["new"], c["old"]) in sides]
    assert reversed_ == []


def cited_files(case: dict[str, object]) -> tuple[str, ...]:
    """The files a case cites, old then new (paths under DIPDIFF_DATA)."""
    return tuple(
        side.strip().rsplit(" ¶", 1)[0].split(" line")[0] for side in str(case["source"]).split(" -> ")
    )


def test_every_case_is_well_formed() -> None:
    ids = Counter(str(case["id"]) for case in EVERY)
    assert [i for i, n in ids.items() if n > 1] == []
    for case in EVERY:
        assert FIELDS - {"note"} <= set(case) <= FIELDS, case["id"]
        assert re.fullmatch(r"[a-z]+-[0-9a-f]{8}", str(case["id"])), case["id"]
        assert case["old"] != case["new"], case["id"]
        assert set(case["speaker"]) == {"old", "new"}, case["id"]
        assert_labels_known(case["expect"])


def test_the_split_follows_the_hash_of_the_id_and_has_both_parts() -> None:
    for case in CASES:
        even = int(hashlib.sha256(str(case["id"]).encode()).hexdigest(), 16) % 2 == 0
        assert case["split"] == ("dev" if even else "heldout"), case["id"]
    splits = Counter(str(case["split"]) for case in CASES)
    assert set(splits) == {"dev", "heldout"}
    assert min(splits.values()) >= len(CASES) // 3, splits
    assert len(BENCH.load_cases(REAL, "dev")) == splits["dev"]
    assert len(BENCH.load_cases(REAL, "heldout")) == splits["heldout"]


def test_every_source_exists_and_every_excerpt_is_in_the_paragraph_it_cites(data_dir: Path) -> None:
    for case in EVERY:
        for side in str(case["source"]).split(" -> "):
            path = side.strip().rsplit(" ¶", 1)[0]
            assert (data_dir / path).is_file(), f"{case['id']}: {path} is not under DIPDIFF_DATA"
        assert_cited(data_dir, case)
