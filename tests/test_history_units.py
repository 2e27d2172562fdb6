"""The history commands' building blocks, on small made-up inputs: sentences, tone, charts, cache,
blame and track logic, and the renderers (HTML escaping, every format of every command)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dipdiff.errors import InputError
from dipdiff.history.blame import blame_against
from dipdiff.history.corpus import load_parsed
from dipdiff.history.model import Entry, Parsed, ShiftCount, Status, Timeline, TimelineStep, Track
from dipdiff.history.render import SUPPORTED, HistoryFormat, HistoryLayout, history_renderer
from dipdiff.history.render.chart import bar_lines, text_chart
from dipdiff.history.sentences import split_sentences, split_words
from dipdiff.history.tone import tone_index
from dipdiff.history.track import track_in
from dipdiff.history.units import Unit
from dipdiff.index import CorpusIndex
from dipdiff.normalise import default_normaliser
from dipdiff.tokens import tokenise, words_and_keys
from tests.conftest import CORPUS
from tests.helpers import run_cli


def sentences(text: str) -> list[str]:
    tokens = tokenise(text, default_normaliser())
    return ["".join(t.text + t.trail for t in tokens[a:b]).strip() for a, b in split_sentences(tokens)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Lavrov met Dr. Smith on 3.5 issues. The U.S. delegation left. Fine!",
            ["Mr. Lavrov met Dr. Smith on 3.5 issues.", "The U.S. delegation left.", "Fine!"],
        ),
        ("1. The Council decides. It acts.", ["1. The Council decides.", "It acts."]),
        ('He said: "No." Then he left.', ['He said: "No."', "Then he left."]),
        ("He wrote e.g. this. And that.", ["He wrote e.g. this.", "And that."]),
        (
            "Мы осуждаем это, т.е. всё. Россия готова к диалогу.",
            ["Мы осуждаем это, т.е. всё.", "Россия готова к диалогу."],
        ),
        (
            "우리는 평화를 원한다. 겨울철 올림픽은 좋은 계기로 될것이다.",
            ["우리는 평화를 원한다.", "겨울철 올림픽은 좋은 계기로 될것이다."],
        ),
        (
            "中国坚持半岛无核化。我们反对战争！“和平”是目标。",
            ["中国坚持半岛无核化。", "我们反对战争！", "“和平”是目标。"],
        ),
        ("the end. but not here", ["the end. but not here"]),
    ],
)
def test_sentences_split_in_four_languages(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_tone_index_averages_cue_weights_across_scripts() -> None:
    norm = default_normaliser().text
    assert tone_index([norm("We condemn the aggression.")]) == (-4.5, 2)  # (-2 - 7) / 2
    assert tone_index([norm("We welcome and support cooperation.")]) == (2.83, 3)
    assert tone_index([norm("中国坚决反对制裁")]) == (-4.9, 2)  # 反对 -4, 制裁 -5.8
    assert tone_index([norm("침략을 규탄한다")]) == (-4.5, 2)
    # a preposition that starts like a cue is not one
    assert tone_index([norm("a letter concerning the budget")]) == (0.0, 0)


def test_text_chart_places_values_by_scale() -> None:
    lines = text_chart([0, 50, 100, None], ["a", "b", "c", "d"], lo=0, hi=100, height=3, width=40)
    grid = [line.split("┤", 1)[1] if "┤" in line else "" for line in lines[:3]]
    assert grid[0].rstrip() == "  •"
    assert grid[1].rstrip() == " •"
    assert grid[2].rstrip() == "•"
    assert lines[-1].strip().startswith("a") and lines[-1].endswith("d")


def test_bar_lines_fold_empty_years() -> None:
    lines = bar_lines([(2001, 2), (2002, 0), (2003, 0), (2004, 1)], width=30)
    assert lines[0].startswith("2001 ") and lines[0].endswith(" 2")
    assert lines[1] == "2002–2003 · (none)"
    assert lines[2].count("█") < lines[0].count("█")
    # a single year without a sighting reads as one, not as a bar too short to draw
    assert bar_lines([(1989, 2), (1990, 0), (1991, 2)])[1] == "1990 · (none)"


def write(folder: Path, name: str, date: str, body: str, speaker: str = "ru-mfa") -> str:
    path = folder / speaker / name
    path.parent.mkdir(parents=True, exist_ok=True)
    registry = folder / "speakers.yaml"
    if not registry.exists():
        registry.write_text("# speakers of a test corpus\n", "utf-8")
    path.write_text(f"---\nspeaker: {speaker}\ndate: {date}\ntitle: {name}\n---\n\n{body}\n", "utf-8")
    return str(path)


def test_the_index_parses_each_content_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dipdiff.index.reading as reading

    a = write(tmp_path / "corpus", "2019-a.md", "2019-01-01", "First. Second one here.")
    b = write(tmp_path / "corpus", "2020-b.md", "2020-01-01", "Other text.")
    cache = tmp_path / "index.sqlite"
    calls: list[str] = []
    real = reading.facts_and_norm

    def counting(data: bytes, source: str, reflow: bool = True) -> object:
        calls.append(source)
        return real(data, source, reflow)

    monkeypatch.setattr(reading, "facts_and_norm", counting)
    with CorpusIndex(cache) as index:
        first = load_parsed(index, [a, b])
    with CorpusIndex(cache) as index:
        second = load_parsed(index, [a, b])
    assert calls == [a, b]  # the second run parsed nothing
    assert first == second
    assert first[0].sentences == (((0, 2), (2, 6)),)
    assert first[0].entry.date == "2019-01-01" and first[0].entry.speaker == "ru-mfa"
    Path(b).write_text(Path(b).read_text("utf-8").replace("Other", "Changed"), "utf-8")
    with CorpusIndex(cache) as index:
        load_parsed(index, [a, b])
    assert calls == [a, b, b]  # only the edited file again


def test_blame_finds_origin_change_and_new(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    keep = "The Council extends the mandate of the Force for a further period of six months."
    grow = "Calls upon all parties to cooperate fully with the Force and its commander."
    paths = [
        write(corpus, "2001.md", "2001", f"{keep}\n\n{grow}"),
        write(corpus, "2002.md", "2002", f"{keep}\n\n{grow.replace('fully ', '')}"),
        write(corpus, "2003.md", "2003", f"{keep}\n\n{grow.replace('fully ', '')}"),
        write(
            corpus,
            "2004.md",
            "2004",
            f"{keep}\n\n{grow}\n\nAn entirely fresh paragraph today.\n\n"
            f"{keep} And a brand new closing thought for everyone here.",
        ),
    ]
    with CorpusIndex(None) as index:
        *earlier, target = load_parsed(index, paths)
    result = blame_against(target, earlier, unit=Unit.PARAGRAPH, threshold=80)
    kept, grown, fresh, mixed = result.lines
    assert kept.status is Status.CARRIED
    assert kept.since and kept.since.entry.date == "2001"
    assert kept.changed and kept.changed.entry.date == "2001"  # unchanged since it was written
    assert grown.status is Status.REVISED and grown.changed is None
    assert grown.since and grown.since.entry.date == "2001"
    assert grown.carriers == 3
    assert fresh.status is Status.NEW and fresh.since is None
    assert (fresh.sentences, fresh.older_sentences) == (1, 0)
    # a new paragraph built around an old sentence says so
    assert mixed.status is Status.NEW and (mixed.sentences, mixed.older_sentences) == (2, 1)
    assert (kept.sentences, kept.older_sentences) == (0, 0)  # carried whole: not counted
    validate("blame", json.loads(history_renderer("blame", HistoryFormat.JSON)(result, HistoryLayout())))


def test_track_groups_variants_and_counts_years(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    paths = [
        write(corpus, "2016.md", "2016", "We seek the denuclearization of the Korean Peninsula."),
        write(corpus, "2017.md", "2017", "Denuclearisation of the Korean peninsula remains our aim."),
        write(corpus, "2019.md", "2019", "Complete denuclearization of North Korea is the goal."),
        write(corpus, "2018.md", "2018", "We oppose the nuclearization of the Korean peninsula."),
        write(corpus, "2021.md", "2021", "They spoke of denuclearizing the Korean peninsula."),
        write(corpus, "2020.md", "2020", "Nothing about that here.", speaker="other"),
    ]
    with CorpusIndex(None) as index:
        series = load_parsed(index, paths)
    result = track_in("denuclearization of the Korean Peninsula", series)  # default 80
    top = result.variants[0]
    assert top.key == "denuclearization of the korean peninsula"
    assert len(top.sightings) == 2  # British spelling folds into the same variant
    assert set(top.forms) == {
        "denuclearization of the Korean Peninsula",
        "Denuclearisation of the Korean peninsula",
    }
    (span,) = top.speakers
    assert (span.first.date, span.last.date, span.count) == ("2016", "2017", 2)
    # an inflection of the key term is a variant; its opposite, which differs at the start, is not
    assert "denuclearizing the korean peninsula" in {v.key for v in result.variants}
    assert all(s.entry.date != "2018" for v in result.variants for s in v.sightings)
    assert result.per_year == ((2016, 1), (2017, 1), (2018, 0), (2019, 0), (2020, 0), (2021, 1))
    validate("track", json.loads(history_renderer("track", HistoryFormat.JSON)(result, HistoryLayout())))
    loose = track_in("denuclearization of the Korean Peninsula", series, threshold=60)
    assert any("north korea" in v.key for v in loose.variants)
    assert all(s.entry.date != "2018" for v in loose.variants for s in v.sightings)
    with pytest.raises(InputError):
        track_in("  ", series)


def _yearly(tmp_path: Path, texts: dict[str, str]) -> list[Parsed]:
    """One statement a year, each of ``texts`` (year: body), read through an index."""
    paths = [write(tmp_path / "corpus", f"{year}.md", year, body) for year, body in texts.items()]
    with CorpusIndex(None) as index:
        return load_parsed(index, paths)


def _dates(result: Track) -> dict[str, list[str]]:
    """Each variant's key and the dates of its sightings."""
    return {v.key: [s.entry.date for s in v.sightings] for v in result.variants}


def test_track_names_long_statements_on_one_line_each_speaker(tmp_path: Path) -> None:
    """White House readouts have names of a hundred characters: a speaker's first and last use stay
    on one line, shortened in the middle, where the line broke inside them (', last 2024-11-16' began
    a line)."""
    corpus = tmp_path / "corpus"
    stem = (
        "readout-of-president-joe-bidens-meeting-with-president-xi-jinping-of-the-peoples-republic-of-china"
    )
    for date, suffix in (("2022-11-14", ""), ("2024-11-16", "-3")):
        write(
            corpus, f"{date}-{stem}{suffix}.md", date, "We discussed nuclear risks.", speaker="us-white-house"
        )
    run = run_cli("track", "nuclear", "--corpus", str(corpus), "--no-cache", "--width", "100")
    assert run.code == 0, run.stderr
    line = next(line for line in run.stdout.splitlines() if line.startswith("  us-white-house:"))
    assert line.endswith("-china-3), 2×") and len(line) <= 100 and "…" in line, run.stdout


def test_track_refuses_a_topic_no_statement_has() -> None:
    """A mistyped topic searched nothing and said "0 sightings in 0 of 0 statements", exit 1, as if
    the phrase were not used; it is refused as timeline refuses it."""
    run = run_cli(
        "track", "Korean Peninsula", "--corpus", str(CORPUS), "--no-cache", "--topic", "korean-peninsla"
    )
    assert run.code == 2 and run.stdout == "", run
    assert "no statements on topic 'korean-peninsla'" in run.stderr and len(run.stderr.splitlines()) == 1
    assert (
        run_cli(
            "track", "Korean Peninsula", "--corpus", str(CORPUS), "--no-cache", "--topic", "korean-peninsula"
        ).code
        == 0
    )


def test_track_reads_korean_words_with_their_particles(tmp_path: Path) -> None:
    series = _yearly(
        tmp_path,
        {
            "2016": "우리는 조선반도의 평화와 안정을 원한다.",
            "2017": "조선반도의 평화를 지켜야 한다. 자력갱생의 기치를 높이 든다.",
            "2018": "조선반도에서 평화에로 나아간다. 자력갱생을 강조한다.",
            "2019": "우리는 자력갱생 하였다. 평화적 통일을 원한다.",
        },
    )
    # a two-syllable word is found with the particle joined to it (평화와, 평화를, 평화에로)
    peace = track_in("조선반도의 평화", series)
    assert _dates(peace) == {
        "조선반도의 평화": ["2016", "2017"],  # 평화와 and 평화를 tie the phrase to its sentence
        "조선반도에서 평화": ["2018"],  # a particle inside the phrase is its wording
    }, "2019 names 평화 without 조선반도: not the phrase"
    assert set(peace.variants[0].forms) == {"조선반도의 평화와", "조선반도의 평화를"}
    # the particle that ends a sighting does not make it another variant
    (one,) = track_in("자력갱생", series).variants
    assert (one.key, [s.entry.date for s in one.sightings]) == ("자력갱생", ["2017", "2018", "2019"])


def test_track_finds_variants_with_a_word_inserted_or_dropped(tmp_path: Path) -> None:
    series = _yearly(
        tmp_path,
        {
            "2011": "We support the denuclearization of the Korean peninsula and peace.",
            "2014": "China remains committed to denuclearizing the peninsula, firmly.",
            "2017": "A road map for the denuclearization of the peninsula.",
            "2018": "They demand the denuclearization of the DPRK at once.",
            "2019": "The denuclearization of the whole Korean peninsula region.",
        },
    )
    result = track_in("denuclearization of the peninsula", series)
    assert _dates(result) == {
        "denuclearization of the korean peninsula": ["2011"],  # a word inserted
        "denuclearizing the peninsula": ["2014"],  # a word dropped
        "denuclearization of the peninsula": ["2017"],
        "denuclearization of the whole korean peninsula": ["2019"],  # two inserted
    }, "the DPRK replaces 'peninsula': another phrase, not one with a word dropped"
    scores = {v.key: v.sightings[0].score for v in result.variants}
    assert scores["denuclearization of the peninsula"] == 100
    assert (
        80
        <= scores["denuclearization of the whole korean peninsula"]
        < scores["denuclearization of the korean peninsula"]
        < 100
    )


def test_track_shows_the_word_that_took_the_place_of_the_phrases_last(tmp_path: Path) -> None:
    series = _yearly(
        tmp_path,
        {
            "2018": "We will build a community with a shared future for humankind together.",
            "2020": "We will build a community with a shared future for mankind together.",
        },
    )
    result = track_in("community with a shared future for mankind", series)
    assert _dates(result) == {
        "community with a shared future for humankind": ["2018"],
        "community with a shared future for mankind": ["2020"],
    }, "not 'a community with a shared future for': the mutation is mankind -> humankind"


def _timeline() -> Timeline:
    entry = Entry("c/x/2001-a.md", "x", "2001", "<script>alert(1)</script>")
    later = Entry("c/x/2002-b.md", "x", "2002", "B & C")
    return Timeline(
        "x",
        None,
        (
            TimelineStep(entry, 3, 40, -1.5, 4, None),
            TimelineStep(later, 4, 50, 0.5, 2, 72.5, equal=2, modified=1, added=1),
        ),
    )


def test_html_timeline_is_self_contained_escaped_and_linked() -> None:
    html = history_renderer("timeline", HistoryFormat.HTML)(_timeline(), HistoryLayout())
    assert "<svg" in html and "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="#cmp-2"' in html and 'id="cmp-2"' in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert "dipdiff compare c/x/2001-a.md c/x/2002-b.md" in html


@pytest.mark.parametrize(("command", "fmt"), [(c, f) for c, fs in SUPPORTED.items() for f in fs])
def test_every_offered_format_has_a_renderer(command: str, fmt: HistoryFormat) -> None:
    assert callable(history_renderer(command, fmt))


def validate(name: str, data: object) -> None:
    """Check a JSON output against its shipped schema (``data/schema/<name>-v1.json``)."""
    import jsonschema

    from dipdiff.resources import packaged_text

    schema = json.loads(packaged_text(f"schema/{name}-v1.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


def test_json_timeline_carries_counts() -> None:
    data = json.loads(history_renderer("timeline", HistoryFormat.JSON)(_timeline(), HistoryLayout()))
    validate("timeline", data)
    assert data["schema"] == "dipdiff/timeline/v1"
    assert data["statements"][0]["similarity"] is None
    assert data["statements"][1]["counts"]["modified"] == 1


def test_unsupported_format_is_a_clean_error() -> None:
    with pytest.raises(InputError, match="no html output"):
        history_renderer("blame", HistoryFormat.HTML)


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Lavrov said: “We firmly condemn…” — and left.  Then U.S.-ROK drills (2017) began.",
        "Мы осуждаем ёлку, т.е. всё;  Россия\u00a0готова. Г-н Лавров сказал.",
        "우리는 평화를 원한다. 겨울철 올림픽은 좋은 계기로 될것이다. 그렇다!",
        "中国坚持半岛无核化。我们反对战争！“和平”是目标。",
        "soft\u00adhyphen zero\u200bwidth co-operation it’s ‘quoted’ end",
    ],
)
def test_fast_parsing_path_agrees_with_the_tokeniser(text: str) -> None:
    normaliser = default_normaliser()
    tokens = tokenise(text, normaliser)
    texts, trails, keys = words_and_keys(text, normaliser)
    assert texts == tuple(t.text for t in tokens)
    assert trails == tuple(t.trail for t in tokens)
    assert keys == tuple(t.key for t in tokens)
    spaced = [bool(trail) for trail in trails]
    assert split_words(list(texts), spaced) == split_sentences(tokens)


def test_timeline_of_a_named_speaker_takes_its_folder_even_with_a_misfiled_statement(tmp_path: Path) -> None:
    """A file in ru-mfa/ whose front matter names another speaker (check: [path]) made
    ``timeline --speaker ru-mfa`` say "statements by 2 speakers; pick one with --speaker"."""
    from dipdiff.errors import CorpusError
    from dipdiff.history.timeline import build_timeline

    corpus = tmp_path / "corpus"
    write(corpus, "2019-a.md", "2019-01-01", "We call for dialogue on the peninsula.")
    misfiled = Path(write(corpus, "2020-b.md", "2020-01-01", "We call for restraint.", speaker="cn-mfa"))
    target = corpus / "ru-mfa" / misfiled.name
    misfiled.rename(target)
    with CorpusIndex(None) as index:
        result = build_timeline(corpus, index, speaker="ru-mfa")
        assert result.speaker == "ru-mfa" and len(result.steps) == 2
        (corpus / "cn-mfa" / "2021-c.md").write_text(target.read_text("utf-8"), "utf-8")
        with pytest.raises(CorpusError, match="pick one with --speaker"):  # no speaker named: ask
            build_timeline(corpus, index)


def test_timeline_asks_for_a_speaker_before_reading_a_statement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two speakers' folders and no --speaker: the answer is in the listing, where it came after every
    statement was read (7 s for five UN speakers' 348 speeches, cold). With --topic, read: the topic
    may be one speaker's."""
    from dipdiff.errors import CorpusError
    from dipdiff.history.timeline import build_timeline

    corpus = tmp_path / "corpus"
    write(corpus, "2019-a.md", "2019-01-01", "We call for dialogue on the peninsula.")
    write(corpus, "2020-b.md", "2020-01-01", "We call for restraint.", speaker="cn-mfa")
    with CorpusIndex(None) as index:
        with monkeypatch.context() as patch:
            patch.setattr(CorpusIndex, "bodies", lambda *_, **__: pytest.fail("a statement was read"))
            with pytest.raises(CorpusError, match=r"2 speakers; pick one with --speaker \(cn-mfa, ru-mfa\)"):
                build_timeline(corpus, index)
        with pytest.raises(CorpusError, match="no statements on topic 'x'"):
            build_timeline(corpus, index, topic="x")


def test_blame_any_speaker_looks_beyond_the_speaker(tmp_path: Path) -> None:
    from dipdiff.errors import CorpusError
    from dipdiff.history.blame import blame_statement

    corpus = tmp_path / "corpus"
    shared = "Both sides reaffirmed their commitment to the complete denuclearization of the peninsula."
    write(corpus, "2018-a.md", "2018-04-27", shared, speaker="kor-mofa")
    target = write(corpus, "2018-b.md", "2018-06-12", shared, speaker="us-white-house")
    with CorpusIndex(None) as index:
        alone = blame_statement(target, corpus, index)
        anyone = blame_statement(target, corpus, index, any_speaker=True)
    assert alone.predecessors == 0 and alone.lines[0].status is Status.NEW
    assert alone.notes  # says there was nothing earlier to compare with
    assert anyone.predecessors == 1 and anyone.lines[0].status is Status.CARRIED
    assert anyone.lines[0].since and anyone.lines[0].since.entry.speaker == "kor-mofa"
    stray = tmp_path / "draft.md"
    stray.write_text("---\nspeaker: nobody\ndate: 2019\ntitle: draft\n---\n\nText here.\n", "utf-8")
    with CorpusIndex(None) as index, pytest.raises(CorpusError, match="speaker 'nobody' has no folder"):
        blame_statement(str(stray), corpus, index)
    loose = tmp_path / "speech.txt"  # no front matter: it was "speaker 'unknown' has no folder"
    loose.write_text("Text here.\n", "utf-8")
    with CorpusIndex(None) as index, pytest.raises(CorpusError, match=r"names no speaker .*--any-speaker"):
        blame_statement(str(loose), corpus, index)


@pytest.mark.parametrize("command", ["timeline", "track", "blame"])
def test_history_commands_have_help_and_a_readme_section(command: str) -> None:
    from tests.conftest import ROOT
    from tests.helpers import expect, run_cli

    shown = expect(run_cli(command, "--help"), 0).stdout
    assert "--corpus" in shown and "--format" in shown
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"**`{command} " in readme  # the option summary that opens the command's paragraph


def test_progress_bar_only_when_standard_error_is_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    from dipdiff.cli import history as cli_history

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with cli_history._session(tmp_path, cache=False) as (_, progress):
        assert progress is None
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with cli_history._session(tmp_path, cache=False) as (_, progress):
        assert progress is not None
        progress("parsing", 3, 10)
        progress("parsing", 10, 10)
    assert "parsing" in screen.getvalue()


def test_blame_gutter_at_a_fixed_width() -> None:
    from dipdiff.history.model import Blame, BlameLine, Origin

    e64 = Entry("c/unsc/1964-03-04-resolution-0186.txt", "unsc", "1964-03-04", "Resolution 186")
    e88 = Entry("c/unsc/1988-06-15-resolution-0614.txt", "unsc", "1988-06-15", "Resolution 614")
    me = Entry("c/unsc/1991-06-14-resolution-0697.txt", "unsc", "1991-06-14", "Resolution 697")
    council = "The Security Council,"
    result = Blame(
        me,
        "paragraph",
        80.0,
        2,
        (
            BlameLine(
                0, 0, council, Status.CARRIED, Origin(e64, 0, council, 100), Origin(e88, 1, council, 100)
            ),
            BlameLine(1, 1, "Extends once more.", Status.REVISED, Origin(e64, 3, "Extends.", 81), None),
            BlameLine(2, 2, "Welcomes the new talks.", Status.NEW, None, None, 0, 2, 1),
        ),
    )
    text = history_renderer("blame", HistoryFormat.TERMINAL)(result, HistoryLayout(width=90))
    lines = [line.rstrip() for line in text.splitlines()]
    assert lines[:2] == [
        "blame: c/unsc/1991-06-14-resolution-0697.txt (Resolution 697; unsc; 1991-06-14)",
        "against 2 earlier statements · threshold 80",
    ]
    assert lines[-3:] == [
        "1964-03-04 resolution-0186   1988-06-15 resolution-0614   1   The Security Council,",
        "1964-03-04 resolution-0186   changed here                 2   Extends once more.",
        "new (1/2 sentences older)                                 3   Welcomes the new talks.",
    ]


def test_blame_gutter_keeps_what_tells_same_day_statements_apart() -> None:
    """A White House readout and its revisions share date and slug but for ``-v01``: the gutter
    shortens their names in the middle, where it cut the end and showed every one alike."""
    from dipdiff.history.model import Blame, BlameLine, Origin

    stem = "2024-11-16-readout-of-president-joe-bidens-meeting-with-president-xi-jinping-of-china"
    first, second, me = (
        Entry(f"c/us/{stem}{suffix}.md", "us", "2024-11-16", "Readout") for suffix in ("-v01", "-v02", "")
    )
    text = "The leaders met in Lima."
    result = Blame(
        me,
        "paragraph",
        80.0,
        2,
        (BlameLine(0, 0, text, Status.CARRIED, Origin(first, 0, text, 100), Origin(second, 0, text, 100)),),
    )
    view = history_renderer("blame", HistoryFormat.TERMINAL)(result, HistoryLayout(width=100))
    row = next(line for line in view.splitlines() if line.startswith("2024-11-16"))
    since, changed = (cell.strip() for cell in row.split("   ")[:2])
    assert since.endswith("-v01") and changed.endswith("-v02") and "…" in since, view
    assert len(since) <= 34 and since.startswith("2024-11-16 readout-")


def test_blame_shows_every_syllable_of_a_korean_sentence() -> None:
    """New Year 2019, sentence 22: its second line fills the text column to the cell; rich cropped it
    with an ellipsis, and "감사의" read "감사 …" (30 lines of the address lost text so)."""
    from dipdiff.history.model import Blame, BlameLine

    me = Entry("c/prk/2019-01-01-new-year.txt", "prk", "2019-01-01", "New Year address")
    text = (
        "나는 이 자리를 빌어 당을 따라 승리의 길을 멈춤없이 달려 조국청사에 빛나는 위훈을 세운 전체 "
        "인민들과 인민군장병들에게 다시한번 뜨거운 감사의 인사를 드리고싶습니다."
    )
    result = Blame(me, "sentence", 80.0, 72, (BlameLine(21, 21, text, Status.NEW, None, None),))
    view = history_renderer("blame", HistoryFormat.TERMINAL)(result, HistoryLayout(width=100))
    rows = [line[28:] for line in view.splitlines()[5:]]
    assert " ".join(row.strip() for row in rows if row.strip()) == text, view


def test_blame_header_counts_one_earlier_statement_in_the_singular() -> None:
    from dipdiff.history.model import Blame, BlameLine, Origin

    e64 = Entry("c/unsc/1964-03-04-resolution-0186.txt", "unsc", "1964-03-04", "Resolution 186")
    me = Entry("c/unsc/1991-06-14-resolution-0697.txt", "unsc", "1991-06-14", "Resolution 697")
    line = BlameLine(0, 0, "Extends.", Status.CARRIED, Origin(e64, 0, "Extends.", 100), None)
    result = Blame(me, "paragraph", 80.0, 1, (line,))
    terminal = history_renderer("blame", HistoryFormat.TERMINAL)(result, HistoryLayout(width=90))
    markdown = history_renderer("blame", HistoryFormat.MARKDOWN)(result, HistoryLayout(width=90))
    assert "against 1 earlier statement · threshold 80" in terminal, terminal
    assert "against 1 earlier statement, threshold 80." in markdown, markdown


def test_timeline_shift_lines_name_each_shift_once_with_its_arrow() -> None:
    from tests.conftest import CORPUS
    from tests.helpers import expect, run_cli

    page = expect(run_cli("timeline", "--corpus", str(CORPUS), "--no-cache", "-f", "html"), 0).stdout
    assert "<li>− actor dropped: Japan</li>" in page
    assert "actor: actor" not in page and "modality: commitment" not in page


def test_terminal_timeline_keeps_what_tells_same_day_statements_apart() -> None:
    stem = (
        "2024-11-16-readout-of-president-joe-bidens-meeting-with-president-xi-jinping-of-the-peoples-republic"
    )
    steps = tuple(
        TimelineStep(Entry(f"c/us/{stem}{suffix}.md", "us", "2024-11-16", "Readout"), 9, 500, 1.2, 3, 99.9)
        for suffix in ("-v01", "-v02", "")
    )
    view = history_renderer("timeline", HistoryFormat.TERMINAL)(
        Timeline("us", None, steps), HistoryLayout(width=100)
    )
    rows = [line.split()[1] for line in view.splitlines() if line.startswith("2024-11-16")]
    assert [row[-4:] for row in rows] == ["-v01", "-v02", "blic"], view
    assert all("…" in row and row.startswith("readout-") for row in rows)
    assert all(len(line) <= 100 for line in view.splitlines())


def test_a_un_speakers_timeline_fits_an_80_column_terminal_whole() -> None:
    """Yearly speeches (``1976``, ``session-31``, three-digit counts, one shift): each row shows its
    statement's name and every figure whole in 80 columns, where the names read ``session…`` and
    the shifts wrapped."""
    steps = tuple(
        TimelineStep(
            Entry(f"c/unga-rus/{year}-session-{year - 1945}.txt", "unga-rus", str(year), "Speech"),
            123,
            4000,
            -0.43,
            12,
            None if year == 1975 else 21.2,
            modified=13,
            added=114,
            removed=100,
            moved=4,
            shifts=(ShiftCount("intensity", 1, 0, 0),),
        )
        for year in (1975, 1976, 1977)
    )
    view = history_renderer("timeline", HistoryFormat.TERMINAL)(
        Timeline("unga-rus", None, steps), HistoryLayout(width=80)
    )
    rows = [line for line in view.splitlines() if line[:3] == "197"]
    assert [row.split()[1] for row in rows] == ["session-30", "session-31", "session-32"], view
    assert all(row.endswith("-0.43  intensity ▲1") for row in rows[1:]), view
    assert all(len(line) <= 80 for line in view.splitlines())


@pytest.mark.parametrize("statements", [4, 12])  # compared in this process, and in worker processes
def test_timeline_progress_moves_with_every_statement(tmp_path: Path, statements: int) -> None:
    from dipdiff.history.timeline import timeline_of

    body = "The Council extends the mandate of the Force for a further period of {} months."
    paths = [
        write(tmp_path / "corpus", f"{2000 + k}.md", str(2000 + k), body.format(k)) for k in range(statements)
    ]
    seen: list[tuple[str, int, int]] = []
    with CorpusIndex(None) as index:
        steps = timeline_of(load_parsed(index, paths), index, progress=lambda *call: seen.append(call))
    pairs = statements - 1
    assert seen == [("comparing", done, pairs) for done in range(1, pairs + 1)]
    assert [step.modified for step in steps[1:]] == [1] * pairs


def test_every_timeline_view_counts_split_and_merged_paragraphs() -> None:
    # a readout whose one paragraph became two, then two became one again: without these counts the
    # rows read "0 modified, 2 added" and "1 removed", as if nothing had been carried over
    first = Entry("c/x/2021-a.md", "x", "2021", "A")
    split = Entry("c/x/2022-b.md", "x", "2022", "B")
    merged = Entry("c/x/2023-c.md", "x", "2023", "C")
    result = Timeline(
        "x",
        None,
        (
            TimelineStep(first, 1, 40, 0.0, 0, None),
            TimelineStep(split, 4, 50, 0.0, 0, 28.4, added=2, split=1),
            TimelineStep(merged, 1, 40, 0.0, 0, 25.6, removed=1, merged=1),
        ),
    )
    terminal = history_renderer("timeline", HistoryFormat.TERMINAL)(result, HistoryLayout(width=120))
    header, *_ = (line for line in terminal.splitlines() if line.startswith("date"))
    assert header.split()[4:11] == ["=", "~", "<", ">", "+", "−", "↷"], header
    rows = [line.split() for line in terminal.splitlines() if line[:4] in ("2022", "2023")]
    assert [row[4:11] for row in rows] == [list("0010200"), list("0001010")], terminal
    assert "< split, > merged" in terminal
    markdown = history_renderer("timeline", HistoryFormat.MARKDOWN)(result, HistoryLayout())
    assert "| modified | split | merged | added |" in markdown
    assert "| 28.4 | 0 | 0 | 1 | 0 | 2 | 0 | 0 |" in markdown, markdown
    html = history_renderer("timeline", HistoryFormat.HTML)(result, HistoryLayout())
    assert "<th>split</th><th>merged</th>" in html
    assert "0 equal, 0 modified, 1 split, 0 merged, 2 added" in " ".join(html.split()), html


def test_html_timeline_rows_tell_same_day_statements_apart() -> None:
    # three revisions of one readout share a date and a title: the row must name the file too
    steps = tuple(
        TimelineStep(
            Entry(f"c/us/2024-11-16-readout{suffix}.md", "us", "2024-11-16", "Readout"), 9, 500, 1.2, 3, 99.9
        )
        for suffix in ("-v01", "-v02", "")
    )
    html = history_renderer("timeline", HistoryFormat.HTML)(Timeline("us", None, steps), HistoryLayout())
    table = html.split("<table>", 1)[1].split("</table>", 1)[0]
    for name in ("readout-v01", "readout-v02", "readout<"):
        assert f"<code>{name}" in table, table


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("2010-general-debate-65.txt", "2010"),  # was '2010-gener': the stem's first ten characters
        ("2017-09-general-debate.md", "2017-09"),
        ("2017-09-21-general-debate.md", "2017-09-21"),
        ("2017-09-21.md", "2017-09-21"),
        ("2017-02-30-x.md", "unknown"),  # no such day
        ("20170921-x.md", "unknown"),
        ("notes.md", "unknown"),
    ],
)
def test_a_statement_without_a_date_field_is_dated_by_its_file_name(name: str, date: str) -> None:
    from dipdiff.history.corpus import entry_of

    assert entry_of(f"c/x/{name}", {}).date == date
    assert entry_of(f"c/x/{name}", {"date": "1999"}).date == "1999"


@pytest.mark.parametrize("phrase", [" ", "...", "—", "«»", "!?"])
def test_a_phrase_without_a_word_is_refused_not_searched(phrase: str) -> None:
    # punctuation alone can never be a sighting: it is an error (exit 2), not "not found" (exit 1)
    from tests.conftest import CORPUS
    from tests.helpers import expect, run_cli

    run = expect(run_cli("track", phrase, "--corpus", str(CORPUS), "--no-cache"), 2)
    assert "nothing to track" in run.stderr and run.stderr.count("\n") == 1, run.stderr


def test_timeline_similarities_have_one_decimal_in_every_view() -> None:
    # a column of 21.2, 22, 20.5 reads as if one figure were rounded differently
    first, second, third = (Entry(f"c/x/{y}-a.md", "x", str(y), "A") for y in (2010, 2011, 2012))
    result = Timeline(
        "x",
        None,
        (
            TimelineStep(first, 1, 40, 0.0, 0, None),
            TimelineStep(second, 1, 40, 0.0, 0, 22.0, modified=1),
            TimelineStep(third, 1, 40, 0.0, 0, 100.0, equal=1),
        ),
    )
    terminal = history_renderer("timeline", HistoryFormat.TERMINAL)(result, HistoryLayout(width=120))
    rows = {line.split()[0]: line.split()[3] for line in terminal.splitlines() if line[:3] == "201"}
    assert rows == {"2010": "—", "2011": "22.0", "2012": "100.0"}, terminal
    assert "least like its predecessor: 2011 (similarity 22.0)" in terminal
    for width in (80, 120):  # the key under the table ends no line in a space (it broke after "cooperation;")
        text = history_renderer("timeline", HistoryFormat.TERMINAL)(result, HistoryLayout(width=width))
        key = [line for line in text.splitlines() if "cooperation" in line or "merged, +" in line]
        assert key and all(line == line.rstrip() for line in key), text
    markdown = history_renderer("timeline", HistoryFormat.MARKDOWN)(result, HistoryLayout())
    assert "| 22.0 |" in markdown and "| 100.0 |" in markdown


@pytest.mark.parametrize(
    "args",
    [
        ["timeline"],
        ["track", "the denuclearization of the Korean Peninsula must be carried out amid an overall detente"],
        ["blame", str(CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md")],
    ],
    ids=["timeline", "track", "blame"],
)
def test_terminal_history_views_end_no_line_in_a_space(args: list[str]) -> None:
    """rich pads a table's last column and leaves a space where it wraps a long line: a report pasted
    into a ticket or an e-mail would carry them."""
    run = run_cli(*args, "--corpus", str(CORPUS), "--no-cache", "--width", "60")
    assert run.code in (0, 1), run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) > 5 and [line for line in lines if line != line.rstrip()] == [], run.stdout
