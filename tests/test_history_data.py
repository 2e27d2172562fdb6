"""timeline, track and blame on the shared statements (DIPDIFF_DATA), laid out as a temporary corpus
by ``benchmarks/make_corpus.py``. The expected values were read off the data by hand (grep), as each
test says; the subset keeps the module to a few seconds of parsing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dipdiff.history.blame import blame_statement
from dipdiff.history.corpus import load_parsed
from dipdiff.history.model import Status
from dipdiff.history.timeline import build_timeline
from dipdiff.history.track import track_phrase
from dipdiff.history.units import Unit
from dipdiff.index import CorpusIndex
from tests.helpers import expect, load_benchmark, run_cli
from tests.test_history_units import validate

pytestmark = pytest.mark.data

CYPRUS_RENEWAL = "resolution-0697"
"""S/RES/697 (1991), cr_unsc_gold/res_en_gold/S_RES_0697_1991_EN_GOLD.txt: a six-monthly UNFICYP
renewal ("Extends once more the stationing in Cyprus of the United Nations Peace-keeping Force")."""


def _make_corpus_module() -> object:
    return load_benchmark("make_corpus")


@pytest.fixture(scope="module")
def corpus(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Russia's and China's UN speeches 1946-2024, the Security Council's resolutions that mention
    Cyprus, the Biden-Xi readouts (with their published revisions) and the DPRK New Year addresses
    2015-2019."""
    gold = data_dir / "cr_unsc_gold" / "res_en_gold"
    cyprus = sorted(p.name for p in gold.glob("S_RES_*_EN_GOLD.txt") if "Cyprus" in p.read_text("utf-8"))
    pattern = "|".join(
        [
            r"ungdc/TXT/[^/]+/(RUS|CHN)_\d+_\d{4}\.txt$",
            *(re.escape(name) + "$" for name in cyprus),
            r"readout-of-president-[a-z-]*xi-jinping",
            r"nk_new_year_addresses/data/201[5-9]\.txt$",
        ]
    )
    root = tmp_path_factory.mktemp("history") / "corpus"
    _make_corpus_module().make_corpus(root, data_dir, match=pattern)  # type: ignore[attr-defined]
    return root


@pytest.fixture(scope="module")
def store(corpus: Path) -> CorpusIndex:
    # the index the command line uses too, so the CLI tests below reuse the parsing done here
    with CorpusIndex.for_corpus(corpus) as opened:
        yield opened  # type: ignore[misc]


def test_denuclearization_first_appears_china_2007_russia_2018(corpus: Path, store: CorpusIndex) -> None:
    # grep -il denucleariz ungdc/TXT/*/CHN_* -> first CHN_62_2007.txt; RUS_* -> only RUS_73_2018.txt
    # spells "denuclearization" (1962-1965 say "denuclearized zones", another word).
    result = track_phrase("denuclearization", corpus, store, speakers=["unga-rus", "unga-chn"])
    top = result.variants[0]
    assert top.key == "denuclearization"
    firsts = {span.speaker: span.first.year for span in top.speakers}
    assert firsts == {"unga-chn": 2007, "unga-rus": 2018}
    lasts = {span.speaker: span.last.year for span in top.speakers}
    assert lasts == {"unga-chn": 2019, "unga-rus": 2018}
    # CHN_72_2017.txt uses the word five times, twice in one sentence ("still denuclearization,
    # but denuclearization that is more comprehensive")
    assert dict(result.per_year)[2017] == 5
    # CHN_69_2014.txt says "denuclearizing": an inflection, so a variant of its own
    inflected = {v.key: v for v in result.variants}["denuclearizing"]
    assert [s.entry.year for s in inflected.sightings] == [2014]
    british = track_phrase("denuclearisation", corpus, store, speakers=["unga-rus", "unga-chn"])
    assert [len(v.sightings) for v in british.variants] == [len(v.sightings) for v in result.variants]


def test_china_says_denuclearization_of_the_peninsula(corpus: Path, store: CorpusIndex) -> None:
    # CHN_72_2017.txt: "a road map for the denuclearization of the peninsula", "committed to the
    # denuclearization of the peninsula"
    result = track_phrase("denuclearization of the peninsula", corpus, store, speakers=["unga-chn"])
    keys = {v.key: v for v in result.variants}
    assert "denuclearization of the peninsula" in keys
    years = {s.entry.year for s in keys["denuclearization of the peninsula"].sightings}
    assert 2017 in years


def test_winter_olympics_only_in_the_2018_address(corpus: Path, store: CorpusIndex) -> None:
    # nk_new_year_addresses/SOURCE.md: 겨울철 올림픽 occurs twice in 2018.txt, never in 2017 or 2019
    result = track_phrase("겨울철 올림픽", corpus, store, speakers=["prk-new-year"])
    assert result.statements == 5
    assert result.per_year == ((2018, 2),)
    assert result.variants[0].forms[0] == "겨울철 올림픽"


def test_cyprus_renewal_mostly_dates_back_years(corpus: Path, store: CorpusIndex) -> None:
    target = next((corpus / "unsc").glob(f"*-{CYPRUS_RENEWAL}.txt"))
    result = blame_statement(str(target), corpus, store)
    assert result.predecessors > 40  # every earlier Cyprus resolution, back to S/RES/186 (1964)
    old = [
        line
        for line in result.lines
        if line.since and line.since.entry.year and line.since.entry.year <= 1981
    ]
    assert len(old) > len(result.lines) / 2, [(x.status, x.since) for x in result.lines]
    extends = next(line for line in result.lines if "Extends once more" in line.text)
    assert extends.status is not Status.NEW
    assert extends.since and extends.since.entry.year == 1964  # S/RES/192 (1964) first extended it
    statuses = {line.status for line in result.lines}
    assert Status.CARRIED in statuses and Status.REVISED in statuses


def test_biden_xi_timeline_shows_the_republished_readout(corpus: Path, store: CorpusIndex) -> None:
    # whitehouse_briefings/series_index.csv: 9 readouts 2021-02-10 .. 2024-11-16; revisions/ holds two
    # earlier published versions of the 2024-11-16 one ("promote AI for the good of all" -> "for good
    # for all"), which make_corpus files as -v01 and -v02.
    result = build_timeline(corpus, store, speaker="us-white-house", topic="biden-xi-readouts")
    dates = [step.entry.date for step in result.steps]
    assert dates == sorted(dates) and len(dates) == 11
    assert dates[0] == "2021-02-10" and dates[-3:] == ["2024-11-16"] * 3
    first, *rest = result.steps
    assert first.similarity is None
    *different, republished_1, republished_2 = rest
    assert all(step.similarity is not None and step.similarity < 60 for step in different)
    for step in (republished_1, republished_2):
        assert step.similarity is not None and step.similarity > 99
        # eight paragraphs: the end mark (###) is not one
        assert step.modified + step.added + step.removed <= 1 and step.equal >= 7
    # the last edit is the one SOURCE.md quotes: "promote AI for the good ..." -> "for good for all"
    (change,) = republished_2.changes
    new_text = "".join(new for _, _, new in change.ops)
    assert "promote AI for good for all" in new_text
    assert ("delete", "the ", "") in change.ops


def test_blame_sentences_of_a_readout(corpus: Path, store: CorpusIndex) -> None:
    # 2023-11-15 Woodside readout: its opening "President Joseph R. Biden, Jr. today held ... with
    # President Xi Jinping of the People's Republic of China (PRC)" follows earlier readouts' opening.
    target = next((corpus / "us-white-house").glob("2023-11-15-readout-*xi-jinping*.md"))
    result = blame_statement(str(target), corpus, store, unit=Unit.SENTENCE)
    assert result.unit == "sentence" and len(result.lines) > 20
    opening = result.lines[0]
    assert opening.status is not Status.NEW and opening.since is not None
    assert opening.since.entry.year is not None and opening.since.entry.year < 2023
    assert sum(line.status is Status.NEW for line in result.lines) > len(result.lines) / 2


def test_cli_timeline_formats(corpus: Path) -> None:
    args = ["--corpus", str(corpus), "--speaker", "prk-new-year"]
    text = expect(run_cli("timeline", *args, "--width", "100"), 0).stdout
    assert "2018-01-01" in text and "tone index" in text and "•" in text
    data = json.loads(expect(run_cli("timeline", *args, "--format", "json"), 0).stdout)
    validate("timeline", data)
    assert [s["statement"]["date"][:4] for s in data["statements"]] == [
        "2015",
        "2016",
        "2017",
        "2018",
        "2019",
    ]
    html = expect(run_cli("timeline", *args, "--format", "html"), 0).stdout
    assert html.count('<a class="pt" href="#cmp-') == 5
    markdown = expect(run_cli("timeline", *args, "--format", "markdown"), 0).stdout
    assert markdown.startswith("# Timeline: prk-new-year") and "```text" in markdown


def test_china_speaks_of_the_peninsula_with_a_word_inserted_or_dropped(
    corpus: Path, store: CorpusIndex
) -> None:
    # grep -i "denucleari[sz]\w* \(of \)\?the \(korean \)\?peninsula" ungdc/TXT/*/CHN_*: "the
    # denuclearization of the Korean peninsula" in 2011, 2013 and 2016 (2007 too, but its line ends
    # after "Korean"), "denuclearizing the peninsula" in 2014, "of the peninsula" thrice in 2017.
    result = track_phrase("denuclearization of the peninsula", corpus, store, speakers=["unga-chn"])
    years = {v.key: sorted({s.entry.year for s in v.sightings}) for v in result.variants}
    assert years["denuclearization of the korean peninsula"][-3:] == [2011, 2013, 2016]
    assert years["denuclearizing the peninsula"] == [2014]
    assert years["denuclearization of the peninsula"] == [2017]


def test_cli_track_and_blame(corpus: Path, tmp_path: Path) -> None:
    found = expect(run_cli("track", "겨울철 올림픽", "--corpus", str(corpus), "--format", "json"), 0)
    validate("track", json.loads(found.stdout))
    assert json.loads(found.stdout)["per_year"] == [{"year": 2018, "count": 2}]
    assert found.stderr == ""  # no progress bar when standard error is not a terminal
    missing = run_cli("track", "zyxwvut qwerty", "--corpus", str(corpus), "--speaker", "prk-new-year")
    expect(missing, 1)
    target = next((corpus / "unsc").glob(f"*-{CYPRUS_RENEWAL}.txt"))
    out = tmp_path / "blame.json"
    expect(run_cli("blame", str(target), "--corpus", str(corpus), "-f", "json", "-o", str(out)), 0)
    data = json.loads(out.read_text("utf-8"))
    validate("blame", data)
    assert data["schema"] == "dipdiff/blame/v1" and data["lines"][1]["status"] == "carried"
    again = run_cli("blame", str(target), "--corpus", str(corpus), "-f", "json", "-o", str(out))
    assert expect(again, 2).stderr.startswith("dipdiff: error:") and "--force" in again.stderr
    gutter = expect(run_cli("blame", str(target), "--corpus", str(corpus), "--width", "120"), 0)
    assert "changed here" in gutter.stdout and "since" in gutter.stdout


def test_cli_errors_are_one_line(corpus: Path) -> None:
    unknown = expect(run_cli("timeline", "--corpus", str(corpus), "--speaker", "nobody"), 2)
    assert "no speaker 'nobody'" in unknown.stderr and len(unknown.stderr.splitlines()) == 1
    several = expect(run_cli("timeline", "--corpus", str(corpus)), 2)
    assert "pick one with --speaker" in several.stderr
    empty = expect(run_cli("track", " ", "--corpus", str(corpus), "--speaker", "prk-new-year"), 2)
    assert "nothing to track" in empty.stderr
    wrong = expect(run_cli("blame", "README.md", "--corpus", str(corpus), "-f", "html"), 2)
    assert "dipdiff: error:" in wrong.stderr


def test_cached_words_match_the_tokeniser_on_real_text(corpus: Path, store: CorpusIndex) -> None:
    # the fast parsing path must give compare's own keys on OCR'd, Korean and Chinese-English text
    from dipdiff.history.sentences import split_sentences
    from dipdiff.normalise import default_normaliser
    from dipdiff.tokens import tokenise

    paths = [
        next((corpus / "unga-rus").glob("1962-*.txt")),
        next((corpus / "unga-chn").glob("2017-*.txt")),
        next((corpus / "prk-new-year").glob("2018-*.txt")),
    ]
    for parsed in load_parsed(store, [str(p) for p in paths]):
        for p, paragraph in enumerate(parsed.statement.paragraphs):
            tokens = tokenise(paragraph, default_normaliser())
            assert parsed.keys(p) == [t.key for t in tokens]
            assert list(parsed.sentences[p]) == split_sentences(tokens)
