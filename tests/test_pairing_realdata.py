"""Rewritten speeches and two speakers, on real UN General Debate speeches ($DIPDIFF_DATA/ungdc).

Paragraph numbers below are 1-based, as a reader counts the lines of the files.
"""

from __future__ import annotations

from pathlib import Path

from dipdiff.compare import compare_sources
from dipdiff.model import Comparison, Mode
from dipdiff.options import DEFAULT_MIN_CONFIDENCE, CompareOptions
from dipdiff.pairing import settings
from dipdiff.render import Format, RenderOptions, renderer


def _speech(data_dir: Path, country: str, year: int) -> str:
    session = year - 1945
    return str(
        data_dir / "ungdc" / "TXT" / f"Session {session:02d} - {year}" / f"{country}_{session}_{year}.txt"
    )


def _pairs(result: Comparison) -> set[tuple[int, int]]:
    return {(b.old[0] + 1, b.new[0] + 1) for b in result.blocks if len(b.old) == 1 and len(b.new) == 1}


def test_russia_2016_to_2017_pairs_its_north_korea_paragraphs_and_reads_the_hardened_tone(
    data_dir: Path,
) -> None:
    # The case: by default (no options), the pair and its hardened tone are both shown; a
    # tone swapping one rung for another is calibrated apart from a booster (confidence.yaml).
    old, new = _speech(data_dir, "RUS", 2016), _speech(data_dir, "RUS", 2017)
    result = compare_sources(old, new, CompareOptions())
    assert result.mode is Mode.REWRITE
    (korea,) = [b for b in result.blocks if b.old == (17,)]
    assert korea.new == (8,), "¶18 (2016, 'We call on Pyongyang') pairs ¶9 (2017, 'We firmly condemn')"
    assert "North Korea" in korea.subject
    (tone,) = [s for s in korea.shifts if s.explanation == "tone hardened: call on -> firmly condemn"]
    assert tone.confidence >= DEFAULT_MIN_CONFIDENCE, "shown by default"
    passage = korea.passages[0]
    assert passage is not None and passage.first >= 1, "the 2016 paragraph opens on the Asia-Pacific"


CREDIBLE_SPEAKERS = float(settings()["affinity"]["paired"]["speakers"]["credible"])


def test_russia_and_china_2017_pair_korea_syria_palestine_and_terrorism(data_dir: Path) -> None:
    """Korea is a credible pair on affinity. Syria and the Palestinian question fall below the affinity
    at which two speakers' paragraphs pair, but each is named first on both sides (the place weighs
    most in both paragraphs, and no other paragraph naming it is closer): they pair too, with their
    affinity shown. So does terrorism: no name, but the rare word ("terrorist", "terrorism") both
    paragraphs weigh most. Climate change stays a hint below the level: its paragraphs stay removed and
    added, with no shifts read between them."""
    result = compare_sources(_speech(data_dir, "RUS", 2017), _speech(data_dir, "CHN", 2017))
    assert result.mode is Mode.SPEAKERS, "two countries' speeches, known by their file names"
    pairs = _pairs(result)
    assert (9, 8) in pairs, "the Korean peninsula"
    blocks = {(b.old[0] + 1, b.new[0] + 1): b for b in result.blocks if len(b.old) == len(b.new) == 1}
    # RUS 2017 lines 11-12 are one paragraph cut mid-sentence ("Recent developments in" / "Syria have
    # given grounds"), and so are lines 17-18 ("fair and democratic," / "26/33 17-29585 just as the
    # founding fathers"): its paragraphs after ¶10 are numbered one less than its lines, after ¶16 two
    for pair, matter in (((11, 6), "Syria"), ((12, 7), "Palestine"), ((13, 5), "terrorism")):
        assert pair in pairs, matter
        assert matter in blocks[pair].subject
        assert blocks[pair].affinity is not None and 0 < blocks[pair].affinity < CREDIBLE_SPEAKERS
    hints = {(h.old + 1, h.new + 1): h for h in result.related}
    assert (13, 5) not in hints, "a pair is not also a hint"
    assert (16, 10) not in pairs and (16, 10) in hints, "climate change"
    assert "Climate" in hints[16, 10].shares
    assert 0 < hints[16, 10].affinity < CREDIBLE_SPEAKERS, "below the speakers mode's credible affinity"
    removed = {b.old[0] + 1 for b in result.blocks if not b.new}
    added = {b.new[0] + 1 for b in result.blocks if not b.old}
    assert 16 in removed and 10 in added
    assert not any(b.moved for b in result.blocks)
    assert [h.affinity for h in result.related] == sorted((h.affinity for h in result.related), reverse=True)


def test_hints_mirror_when_the_statements_swap(data_dir: Path) -> None:
    forward = compare_sources(_speech(data_dir, "RUS", 2017), _speech(data_dir, "CHN", 2017))
    backward = compare_sources(_speech(data_dir, "CHN", 2017), _speech(data_dir, "RUS", 2017))
    assert forward.related and backward.related == tuple(h.mirrored() for h in forward.related)


def test_every_view_shows_the_hints_apart_from_the_pairs(data_dir: Path) -> None:
    result = compare_sources(_speech(data_dir, "RUS", 2017), _speech(data_dir, "CHN", 2017))
    title = f"Possibly related, not paired ({len(result.related)})"
    line = "old ¶16 ↔ new ¶10 · affinity"
    views = {
        form: renderer(form)(result, RenderOptions(width=160)) for form in Format if form is not Format.JSON
    }
    for form, text in views.items():
        assert title in text and line in text, form
        both, hints, only_old = (
            text.index(t) for t in ("Both address", title, "Only the old statement says")
        )
        assert both < hints < only_old, f"{form}: the hints follow the pairs and precede what one side says"
    assert 'href="#old-16"' in views[Format.HTML] and 'href="#new-10"' in views[Format.HTML]
