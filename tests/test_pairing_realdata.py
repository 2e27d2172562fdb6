"""Rewritten speeches and two speakers, on real UN General Debate speeches ($DIPDIFF_DATA/ungdc).

Paragraph numbers below are 1-based, as a reader counts the lines of the files.
"""

from __future__ import annotations

from pathlib import Path

from dipdiff.compare import compare_sources
from dipdiff.model import Comparison, Mode


def _speech(data_dir: Path, country: str, year: int) -> str:
    session = year - 1945
    return str(
        data_dir / "ungdc" / "TXT" / f"Session {session:02d} - {year}" / f"{country}_{session}_{year}.txt"
    )


def _pairs(result: Comparison) -> set[tuple[int, int]]:
    return {(b.old[0] + 1, b.new[0] + 1) for b in result.blocks if len(b.old) == 1 and len(b.new) == 1}


def test_russia_2016_to_2017_pairs_its_north_korea_paragraphs_and_shows_the_hardened_tone(
    data_dir: Path,
) -> None:
    result = compare_sources(_speech(data_dir, "RUS", 2016), _speech(data_dir, "RUS", 2017))
    assert result.mode is Mode.REWRITE
    (korea,) = [b for b in result.blocks if b.old == (17,)]
    assert korea.new == (8,), "¶18 (2016, 'We call on Pyongyang') pairs ¶9 (2017, 'We firmly condemn')"
    assert "North Korea" in korea.subject
    assert any(s.explanation == "tone hardened: call on -> firmly condemn" for s in korea.shifts)
    passage = korea.passages[0]
    assert passage is not None and passage.first >= 1, "the 2016 paragraph opens on the Asia-Pacific"


def test_russia_and_china_2017_pair_their_passages_on_the_same_issues(data_dir: Path) -> None:
    result = compare_sources(_speech(data_dir, "RUS", 2017), _speech(data_dir, "CHN", 2017))
    assert result.mode is Mode.SPEAKERS, "two countries' speeches, known by their file names"
    pairs = _pairs(result)
    assert (9, 8) in pairs, "the Korean peninsula"
    assert (12, 6) in pairs, "Syria"
    assert (13, 7) in pairs, "the Middle East: the Palestinian question"
    assert (14, 5) in pairs, "terrorism"
    assert not any(b.moved for b in result.blocks)
