"""Shifts through ``compare`` and the command line: the bundled pair, --fail-on, --lexicon, JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipdiff.compare import compare, compare_sources
from dipdiff.errors import ConfigError
from dipdiff.model import Block, BlockKind, Category, Comparison, Direction, Shift, Statement
from dipdiff.normalise import default_normaliser
from dipdiff.options import DEFAULT_MIN_CONFIDENCE, CompareOptions
from dipdiff.readers import read_statement
from dipdiff.render.labels import shift_summary
from dipdiff.shifts import (
    FailOnError,
    calibration_line,
    kept_share,
    load_lexicon,
    parse_fail_on,
    shifts_between,
)
from dipdiff.tokens import has_cjk, tokenise
from dipdiff.worddiff import diff_tokens
from tests.conftest import CORPUS
from tests.helpers import expect, run_cli

SEED = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
REVISION = CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md"


@pytest.fixture(scope="module")
def bundled() -> Comparison:
    return compare_sources(str(SEED), str(REVISION))


def test_the_bundled_revision_shows_the_shifts_it_holds(bundled: Comparison) -> None:
    found = [
        (block.kind, s.category, s.direction, s.old, s.new) for block in bundled.blocks for s in block.shifts
    ]
    assert (
        BlockKind.MERGED,
        Category.INTENSITY,
        Direction.UP,
        "seriously concerned",
        "deeply alarmed",
    ) in found
    assert (BlockKind.MODIFIED, Category.MODALITY, Direction.UP, "should", "must") in found
    assert (BlockKind.MODIFIED, Category.ACTOR, Direction.ADDED, "", "Japan") in found
    assert (BlockKind.MODIFIED, Category.INTENSITY, Direction.UP, "comply", "fully comply") in found
    # "North Korea's" -> "the Democratic People's Republic of Korea" is an alias swap; the added
    # paragraph names Washington and Seoul, which the old statement already named (US, South Korea).
    assert not [f for f in found if f[1] is Category.ACTOR and f[4] != "Japan"]
    assert len(found) == 4
    # The header uses the rows' words: ¶3's row says "wording strengthened: comply -> fully comply".
    assert shift_summary(bundled) == [
        "wording strengthened in ¶3, tone hardened in ¶5; commitment strengthened in ¶6; actors added: Japan"
    ]


def test_the_terminal_lists_shifts_under_each_pair() -> None:
    run = expect(run_cli("compare", str(SEED), str(REVISION), "--width", "100"), 1)
    assert "actors added: Japan" in run.stdout
    assert "  ▲ tone hardened: seriously concerned -> deeply alarmed" in run.stdout
    assert "  + actor added: Japan" in run.stdout


def test_json_counts_shifts_by_category_and_direction() -> None:
    run = expect(run_cli("compare", str(SEED), str(REVISION), "-f", "json"), 1)
    data = json.loads(run.stdout)
    assert data["summary"]["shifts"] == {"intensity": {"up": 2}, "modality": {"up": 1}, "actor": {"added": 1}}
    shifts = [s for block in data["blocks"] for s in block["shifts"]]
    assert {"category": "modality", "direction": "up", "old": "should", "new": "must",
            "explanation": "commitment strengthened: should -> must", "confidence": 1.0,
            "named_elsewhere": False, "old_id": None, "new_id": None} in shifts  # fmt: skip
    # An actor's shift carries its id, whatever words named it.
    assert [(s["old_id"], s["new_id"]) for s in shifts if s["category"] == "actor"] == [(None, "JPN")]


def test_a_reworded_paragraph_gives_no_shift_and_equal_blocks_none() -> None:
    old = Statement("a", ("Russia is always ready for close cooperation with all interested countries.",))
    new = Statement("b", ("Russia remains ready for close cooperation with all interested countries.",))
    assert not compare(old, new).shifts
    assert not compare(old, old).shifts


def test_an_added_paragraph_reports_only_actors_new_to_the_statement() -> None:
    old = Statement("a", ("We are concerned about the situation.", "The US and South Korea held exercises."))
    new = Statement(
        "b",
        (
            "We are concerned about the situation.",
            "The US and South Korea held exercises.",
            "We call on Washington, Seoul and Tokyo not to take steps that would escalate it.",
        ),
    )
    comparison = compare(old, new)
    added = next(b for b in comparison.blocks if b.kind is BlockKind.ADDED)
    assert [s.explanation for s in added.shifts] == ["actor added: Tokyo (Japan)"]


@pytest.mark.parametrize(
    ("gate", "code"),
    [("intensity:up", 1), ("intensity", 1), ("actor:added", 1), ("negation", 0), ("modality:down", 0)],
)
def test_fail_on_exits_1_only_for_the_named_shifts(gate: str, code: int) -> None:
    expect(run_cli("compare", str(SEED), str(REVISION), "--fail-on", gate), code)


def test_fail_on_is_repeatable() -> None:
    expect(run_cli("compare", str(SEED), str(REVISION), "--fail-on", "negation", "--fail-on", "actor"), 1)


@pytest.mark.parametrize(
    ("gate", "message"),
    [
        ("tone:up", "unknown category 'tone' (one of: intensity, modality"),
        ("actor:up", "actor shifts go added, removed, not 'up'"),
        ("intensity:sideways", "intensity shifts go up, down, not 'sideways'"),
    ],
)
def test_a_bad_fail_on_is_one_line_and_exit_2(gate: str, message: str) -> None:
    run = expect(run_cli("compare", str(SEED), str(REVISION), "--fail-on", gate), 2)
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not run.stdout
    with pytest.raises(FailOnError):
        parse_fail_on([gate])


def test_fail_on_gates_parse_case_insensitively() -> None:
    gates = parse_fail_on(["Intensity:UP", "number"])
    assert gates.gates == ((Category.INTENSITY, Direction.UP), (Category.NUMBER, None))
    assert gates and not parse_fail_on([])


def test_a_lexicon_file_extends_the_lists(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "hedges: [it is understood]\n"
        "intensity:\n"
        "  words:\n"
        "    - {scale: stance, level: 7, words: [castigates]}\n"
        "actors:\n"
        "  entries:\n"
        "    JPN: {aliases: [Nippon]}\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon([extra])
    old, new = "The Council notes the report.", "It is understood that the Council castigates the report."
    kinds = {(s.category, s.direction) for s in shifts_between(old, new, lexicon)}
    assert {(Category.HEDGE, Direction.ADDED), (Category.INTENSITY, Direction.UP)} <= kinds
    assert not shifts_between("Japan is a partner.", "Nippon is a partner.", lexicon)
    assert shifts_between("Japan is a partner.", "Nippon is a partner.")  # packaged lists only


def test_replace_swaps_a_list_for_the_users(tmp_path: Path) -> None:
    only = tmp_path / "only.yaml"
    only.write_text("replace: [hedges]\nhedges: [reportedly]\n", encoding="utf-8")
    lexicon = load_lexicon([only])
    assert not shifts_between("Talks resumed.", "We believe talks resumed.", lexicon)
    assert shifts_between("Talks resumed.", "Talks reportedly resumed.", lexicon)


def test_lexicon_option_on_the_command_line(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("The ministry notes the report.\n", encoding="utf-8")
    new.write_text("The ministry castigates the report.\n", encoding="utf-8")
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "intensity:\n  words:\n    - {scale: stance, level: 7, words: [castigates]}\n", encoding="utf-8"
    )
    expect(run_cli("compare", str(old), str(new), "--fail-on", "intensity:up"), 0)
    expect(run_cli("compare", str(old), str(new), "--lexicon", str(extra), "--fail-on", "intensity:up"), 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tone: [x]\n", "unknown lexicon sections: tone"),
        ("hedges: {a: b}\n", "hedges must be a list"),
        ("intensity:\n  words:\n    - {scale: anger, level: 1, words: [x]}\n", "unknown scale 'anger'"),
        ("replace: [hedgehogs]\n", "cannot replace unknown lexicon section 'hedgehogs'"),
        ("negation:\n  triggers: [not, 3]\n", "negation.triggers must be a list of strings"),
        ("hedges: [a\n", "invalid YAML"),
        ("actors:\n  entries:\n    Quad2: {aliases: [Quad 2]}\n", "actors.entries.Quad2 needs a name"),
        (
            "category_confidence:\n  actor:added: {rewritten: 3/2}\n",
            "category_confidence.actor:added.rewritten must read right/reported",
        ),
        ("category_confidence:\n  actor:added: {redone: 1/2}\n", "unknown band 'redone'"),
    ],
)
def test_a_bad_lexicon_is_one_line_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_lexicon([bad])
    assert str(error.value).startswith(str(bad))
    assert message in str(error.value)
    run = expect(run_cli("compare", str(SEED), str(REVISION), "--lexicon", str(bad)), 2)
    assert message in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_a_missing_lexicon_file_is_exit_2() -> None:
    run = expect(run_cli("compare", str(SEED), str(REVISION), "--lexicon", "no-such.yaml"), 2)
    assert "no-such.yaml: lexicon file not found" in run.stderr


def test_pycountry_loads_only_when_a_block_needs_actors(tmp_path: Path) -> None:
    """With the reference-data cache empty; once it is filled, pycountry is not loaded at all
    (``tests/test_datacache.py``)."""
    code = (
        "import sys\n"
        "from dipdiff.shifts import load_lexicon, shifts_between\n"
        "lexicon = load_lexicon()\n"
        "assert 'pycountry' not in sys.modules, 'loaded with the lexicon'\n"
        "shifts_between('Japan is a partner.', 'Japan is a close partner.', lexicon)\n"
        "assert 'pycountry' in sys.modules\n"
    )
    env = {**os.environ, "DIPDIFF_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def _shift(category: Category, direction: Direction, explanation: str) -> Shift:
    return Shift(category, direction, "", "", explanation)


def test_the_summary_reads_like_the_issue_asks() -> None:
    up = _shift(Category.INTENSITY, Direction.UP, "tone hardened: concerned -> gravely concerned")
    down = _shift(Category.INTENSITY, Direction.DOWN, "tone softened: condemns -> regrets")
    negation = _shift(Category.NEGATION, Direction.ADDED, "negation added: not accept")
    japan = _shift(Category.ACTOR, Direction.ADDED, "actor added: Japan")
    moved_in = _shift(Category.ACTOR, Direction.ADDED, "actor added: Iran")
    moved_out = _shift(Category.ACTOR, Direction.REMOVED, "actor dropped: Iran")
    plan = [(0, [up]), (1, [up]), (2, [up, moved_out]), (3, [down]), (6, [negation, japan, moved_in])]
    blocks = tuple(
        Block(BlockKind.MODIFIED, (i,), (i,), False, 90.0, (), tuple(shifts)) for i, shifts in plan
    )
    statement = Statement("x", ("p",) * 7)
    comparison = Comparison(statement, statement, 90.0, blocks)
    assert shift_summary(comparison) == [
        "tone hardened in 3 paragraphs (¶1, ¶2, ¶3), softened in ¶4; negation added in ¶7; "
        "actors added: Japan"
    ]


def test_the_summary_names_each_actor_once_by_its_id() -> None:
    """Russia 2007 -> 2008 headed "actors added: ... President Dmitry A. Medvedev, ..., President
    Medvedev": one man, one id. Names alike with other ids (Korea and North Korea) stay apart."""
    added = [
        ("person:Medvedev", "President Dmitry A. Medvedev"),
        ("person:Medvedev", "President Medvedev"),
        ("KOR", "Korea"),
        ("PRK", "North Korea"),
    ]
    shifts = tuple(
        replace(_shift(Category.ACTOR, Direction.ADDED, f"actor added: {name}"), new_id=code)
        for code, name in added
    )
    blocks = (Block(BlockKind.MODIFIED, (0,), (0,), False, 90.0, (), shifts),)
    statement = Statement("x", ("p",))
    assert shift_summary(Comparison(statement, statement, 90.0, blocks)) == [
        "actors added: President Dmitry A. Medvedev, Korea, North Korea"
    ]


def test_a_person_named_with_and_without_a_middle_initial_is_listed_once() -> None:
    # RUS_63_2008.txt names "President Dmitry A. Medvedev", and "President Medvedev" a page later.
    old = Statement("a", ("We met in New York.", "We spoke of the crisis."))
    new = Statement(
        "b",
        (
            "We met in New York with President Dmitry A. Medvedev present.",
            "We spoke of the crisis, as President Medvedev said.",
        ),
    )
    comparison = compare(old, new, CompareOptions(min_confidence=0.0))
    ids = [s.new_id for _, s in comparison.shifts if s.category is Category.ACTOR]
    assert ids == ["person:Medvedev", "person:Medvedev"]  # one in each paragraph, one man
    assert shift_summary(comparison) == ["actors added: President Dmitry A. Medvedev"]


def test_the_summary_claims_for_the_statement_only_names_the_other_statement_never_uses() -> None:
    """Russia 2016 -> 2017 headed "actors added: NATO" although both speeches name NATO: a paragraph
    that newly names an actor the other statement names elsewhere is news for that paragraph only."""
    nato = replace(_shift(Category.ACTOR, Direction.ADDED, "actor added: NATO"), named_elsewhere=True)
    syria = replace(_shift(Category.ACTOR, Direction.REMOVED, "actor dropped: Syria"), named_elsewhere=True)
    iran = _shift(Category.ACTOR, Direction.ADDED, "actor added: Iran")
    rights = _shift(Category.TERM, Direction.REMOVED, "term dropped: human rights")
    rights = replace(rights, named_elsewhere=True)
    up = _shift(Category.INTENSITY, Direction.UP, "tone hardened: concerned -> gravely concerned")
    plan = [(0, [nato, syria]), (1, [iran, rights]), (2, [up])]
    blocks = tuple(
        Block(BlockKind.MODIFIED, (i,), (i,), False, 90.0, (), tuple(shifts)) for i, shifts in plan
    )
    statement = Statement("x", ("p",) * 3)
    comparison = Comparison(statement, statement, 90.0, blocks)
    assert shift_summary(comparison) == ["tone hardened in ¶3; actors added: Iran"]


def test_the_summary_names_each_actor_once_whatever_wording_named_it() -> None:
    """Russia 2007 -> 2008 headed "dropped: Putin (Vladimir Putin), ..., Vladimir Putin": one actor,
    named in two wordings; and an actor added as "Russian" and dropped as "Russia" is no news."""
    putin = _shift(Category.ACTOR, Direction.REMOVED, "actor dropped: Putin (Vladimir Putin)")
    putin = replace(putin, old_id="PUTIN")
    putin_again = replace(
        _shift(Category.ACTOR, Direction.REMOVED, "actor dropped: Vladimir Putin"), old_id="PUTIN"
    )
    russian = replace(_shift(Category.ACTOR, Direction.ADDED, "actor added: Russian (Russia)"), new_id="RUS")
    russia = replace(_shift(Category.ACTOR, Direction.REMOVED, "actor dropped: Russia"), old_id="RUS")
    plan = [(0, [putin, russian]), (1, [putin_again, russia])]
    blocks = tuple(
        Block(BlockKind.MODIFIED, (i,), (i,), False, 90.0, (), tuple(shifts)) for i, shifts in plan
    )
    statement = Statement("x", ("p",) * 2)
    comparison = Comparison(statement, statement, 90.0, blocks)
    assert shift_summary(comparison) == ["actors dropped: Putin (Vladimir Putin)"]


@pytest.mark.parametrize("name", ["Narnia", "ru-mfa"])
def test_a_speaker_dipdiff_cannot_place_is_one_error_not_a_silent_change(name: str) -> None:
    """--speaker replaces what the files say of the speaker; a name that resolves to no actor used to
    be accepted, and the speaker's own name then turned up as an added actor."""
    run = expect(run_cli("compare", str(SEED), str(REVISION), "--speaker", name), 2)
    assert run.stderr.startswith(f"dipdiff: error: --speaker '{name}': ")
    assert len(run.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "name", ["Russia", "RUS", "Russian Federation", "Ministry of Foreign Affairs of Russia"]
)
def test_a_speaker_named_as_a_country_is_taken(name: str) -> None:
    expect(run_cli("compare", str(SEED), str(REVISION), "--speaker", name), 1)


def test_names_in_added_paragraphs_are_reported_once() -> None:
    old = Statement("a", ("The talks went well.",))
    new = Statement(
        "b",
        ("The talks went well.", "Iran joined the talks.", "Iran and Japan will meet again."),
    )
    added = [s.explanation for _, s in compare(old, new).shifts]
    assert added == ["actor added: Iran", "actor added: Japan"]


def test_an_edited_lexicon_file_is_read_again(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("hedges: [it is understood]\n", encoding="utf-8")
    first = load_lexicon([extra])
    assert load_lexicon([extra]) is first  # built once
    extra.write_text("hedges: [we are told]\n", encoding="utf-8")
    os.utime(extra, ns=(1, 1))
    assert shifts_between("Talks resumed.", "We are told talks resumed.", load_lexicon([extra]))


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))).filter(lambda t: not has_cjk(t)))
def test_the_matchers_lighter_pattern_splits_text_without_cjk_characters_the_same_way(text: str) -> None:
    import re

    from dipdiff.shifts import matcher

    assert matcher._word_pattern(text) is matcher._WORD_WITHOUT_CJK
    assert matcher._WORD_WITHOUT_CJK.findall(text) == re.compile(matcher._WORD).findall(text)


def test_chinese_phrases_still_match_with_the_cjk_pattern() -> None:
    shifts = shifts_between("中方对此表示关切。", "中方对此表示严重关切。", load_lexicon())
    assert [s.category for s in shifts] == [Category.INTENSITY]


def test_the_quick_name_test_never_skips_a_paragraph_that_names_someone(data_dir: Path) -> None:
    """``may_name`` lets the classifier skip reading most added or removed paragraphs word by word;
    it may let through a paragraph that names no one, never hold back one that does."""
    from dipdiff.shifts.clauses import Side
    from dipdiff.shifts.entities import may_name, names_in

    lexicon = load_lexicon()
    # its wrapped lines, read as they are, make many short paragraphs
    speech = read_statement(str(data_dir / "ungdc/TXT/Session 37 - 1982/FRA_37_1982.txt"), reflow=False)
    passed = named = 0
    for paragraph in speech.paragraphs:
        actors, terms = names_in(Side.of(paragraph), lexicon)
        if actors or terms:
            named += 1
            assert may_name(paragraph, lexicon), paragraph
        passed += may_name(paragraph, lexicon)
    assert named > 50  # the speech names countries in many paragraphs ...
    assert passed < len(speech.paragraphs) / 2  # ... and most paragraphs are skipped
    assert not may_name("We thank the President for his able stewardship.", lexicon)
    assert may_name("We stand with the people of Lebanon.", lexicon)


def test_a_category_shows_by_default_in_a_band_only_where_it_was_right_nine_times_in_ten(
    tmp_path: Path,
) -> None:
    # A rewritten sentence (under half its text kept) that names a new actor: the rule stands fully
    # behind the actor; whether compare shows it by default follows the category's record there.
    old = "We support the peace talks in the region."
    new = "Together with Japan, we will always firmly back these peace talks in the region."
    for record, expected in (("100/100", True), ("50/100", False)):
        extra = tmp_path / f"calibration-{record.split('/')[0]}.yaml"
        extra.write_text(f"category_confidence:\n  actor:added: {{rewritten: {record}}}\n", encoding="utf-8")
        actors = [s for s in shifts_between(old, new, load_lexicon([extra])) if s.category is Category.ACTOR]
        assert [s.new for s in actors] == ["Japan"]
        assert (actors[0].confidence >= DEFAULT_MIN_CONFIDENCE) is expected, (record, actors)


def test_a_tone_swapped_in_a_rewritten_sentence_keeps_its_record_from_every_band(tmp_path: Path) -> None:
    # "call on" -> "firmly condemn" swaps one rung for another (the wordings share no word): its line
    # (intensity:up:swap) is smoothed toward its own record over all bands, so one right in a
    # rewritten block that was right wherever it was seen shows by default, one with a poor record
    # elsewhere does not. The booster around the same verb is scaled by its category's line.
    old = "We call on Pyongyang to abandon its nuclear-missile programmes and return to the Treaty regime."
    new = "We firmly condemn Pyongyang's adventurist manoeuvres, which violate Security Council resolutions."
    for elsewhere, expected in (("50/50", True), ("25/50", False)):
        extra = tmp_path / f"swap-{elsewhere.split('/')[0]}.yaml"
        extra.write_text(
            "category_confidence:\n"
            f"  intensity:up:swap: {{rewritten: 2/2, revised: {elsewhere}}}\n"
            "  intensity:up: {rewritten: 2/4, revised: 50/50}\n",
            encoding="utf-8",
        )
        tone = [
            s for s in shifts_between(old, new, load_lexicon([extra])) if s.category is Category.INTENSITY
        ]
        assert [(s.old, s.new) for s in tone] == [("call on", "firmly condemn")]
        assert calibration_line(tone[0]) == "intensity:up:swap"
        assert (tone[0].confidence >= DEFAULT_MIN_CONFIDENCE) is expected, (elsewhere, tone)
    booster = Shift(Category.INTENSITY, Direction.UP, "support", "firm support", "support strengthened")
    assert calibration_line(booster) == "intensity:up"


def test_a_hedge_frame_dropped_in_a_rewritten_sentence_takes_its_kind_s_record_whole(tmp_path: Path) -> None:
    # A hedge frame dropped from a rewritten clause is a rule's 0.7 (rewritten_hedge); the record of
    # hedges dropped counts every shift the rules stand behind alike, so a kind right every time takes
    # that record whole from calibration_whole up, instead of 0.7 times it (which no record lifts to
    # the default). Below calibration_whole the rule's doubt still counts.
    old = "We consider that disputes among countries should be resolved peacefully through dialogue."
    new = (
        "Disputes between countries should be settled through dialogue and negotiation"
        " in the interests of both."
    )
    for whole, expected in ((0.7, True), (1.0, False)):
        record = tmp_path / f"hedges-{whole}.yaml"
        record.write_text(
            f"confidence:\n  calibration_whole: {whole}\n"
            "category_confidence:\n  hedge:removed: {rewritten: 40/40, reworded: 40/40, revised: 40/40}\n",
            encoding="utf-8",
        )
        lexicon = load_lexicon([record])
        hedges = [s for s in shifts_between(old, new, lexicon) if s.category is Category.HEDGE]
        assert [(s.direction, s.old) for s in hedges] == [(Direction.REMOVED, "We consider that")]
        assert (hedges[0].confidence >= DEFAULT_MIN_CONFIDENCE) is expected, (whole, hedges)


def test_a_revision_is_not_scaled_and_its_kept_share_counts_characters() -> None:
    # A Chinese sentence has no spaces: the share kept counts characters, so one modifier added to a
    # short sentence is a revision's edit, not a rewriting.
    old, new = "中方对朝鲜半岛局势表示关切。", "中方对朝鲜半岛局势表示严重关切。"
    diff = diff_tokens(tokenise(old, default_normaliser()), tokenise(new, default_normaliser()))
    assert kept_share(Block(BlockKind.MODIFIED, (0,), (0,), False, None, diff)) > 0.9
    tone = [s for s in shifts_between(old, new) if s.category is Category.INTENSITY]
    assert [(s.direction, s.confidence) for s in tone] == [(Direction.UP, 1.0)]
