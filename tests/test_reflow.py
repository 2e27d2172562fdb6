"""Re-flow of hard-wrapped text (``readers.reflow``), through the text reader and on real statements."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from dipdiff.compare import compare
from dipdiff.options import CompareOptions
from dipdiff.readers import parse_statement, text
from dipdiff.readers.brokenwords import keeps_hyphen
from dipdiff.readers.reflow import reflow
from tests.helpers import load_benchmark

ROOT = Path(__file__).resolve().parents[1]

PARAGRAPHS = [
    "Traditionally, the General Assembly sums up the results of the ending political year. This "
    "requires serious and joint consideration of the nuclear-missile programme and its utmost danger.",
    "The expanding range of conflicts in international politics, the increasing threat of terrorism "
    "and stagnation on disarmament jeopardize international stability. We support the Six-Party Talks.",
    "We need to agree on what inferences we can draw from this meeting.",
    "On the other hand, developments over the past year provide convincing proof that an essentially "
    "new geopolitical situation has been developing in the world, one that is defined by multipolarity.",
]


def _bench(name: str) -> ModuleType:
    """Load a script from ``benchmarks/`` as a module."""
    return load_benchmark(name)


def _read(body: str) -> list[str]:
    texts, _, _ = text.read(body)
    return texts


def test_un_verbatim_layout_comes_back_whole() -> None:
    """Indented paragraphs, page furniture between pages, words broken and compounds kept."""
    body = (
        "Traditionally, the General Assembly sums up \n"
        "the results of the ending political year. This \n"
        "requires serious and joint consideration of the \n"
        "nuclear-\n"
        "missile programme and its ut-\n"
        "most danger. \n"
        " The expanding range of conflicts in international \n"
        "politics, the increasing threat of terrorism \n"
        "  \n"
        " \n"
        "08-53129 2 \n"
        " \n"
        "A/63/PV.5 \n"
        " \n"
        "and stagnation on disarmament jeopardize \n"
        "international stability. We support the Six-\n"
        "Party Talks. \n"
        " We need to agree on what inferences we can draw \n"
        "from this meet-\n"
        "ing. \n"
        " On the other hand, developments over the past \n"
        "year provide convincing proof that an essentially \n"
        "new geopolitical situation has been developing in \n"
        "the world, one that is defined by multipolarity. \n"
    )
    done = reflow(body.split("\n"))
    assert done is not None
    assert list(done.paragraphs) == PARAGRAPHS
    assert (done.lines, done.furniture, done.mended) == (18, 2, 4)
    assert done.note() == (
        "re-flowed 18 lines into 4 paragraphs; dropped 2 page-furniture lines; mended 4 broken words"
    )
    assert done.starts == (0, 6, 17, 20)


def test_blank_line_layout_keeps_compounds_broken_at_their_hyphen() -> None:
    """72 columns with blank lines (an e-mail): textwrap breaks compounds after their hyphen."""
    body = "\n\n".join(textwrap.fill(p, 72, break_on_hyphens=True) for p in PARAGRAPHS)
    assert "nuclear-\nmissile" in body or "nuclear-missile" in body
    assert _read(body) == PARAGRAPHS


def test_short_last_line_layout() -> None:
    """60 columns, nothing between paragraphs: a short line ending a sentence ends its paragraph."""
    paragraphs = PARAGRAPHS * 3
    body = "\n".join(textwrap.fill(p, 60) for p in paragraphs)
    assert _read(body) == paragraphs


def test_exact_wrap_ends_a_paragraph_at_any_line_with_room_left() -> None:
    """In a greedy fixed-width wrap, a line with room for the next word ends its paragraph even
    without a sentence's end: salutations and a paragraph cut mid-sentence come back."""
    paragraphs = [
        "Mr. President,",
        "Excellencies,",
        *PARAGRAPHS,
        "As the Secretary-General said,",
        *PARAGRAPHS,
    ]
    body = "\n".join(textwrap.fill(p, 60) for p in paragraphs)
    assert _read(body) == paragraphs


def test_a_far_short_sentence_end_ends_a_paragraph_whose_next_indent_was_lost() -> None:
    """Where indents mark the paragraphs, a line ending a sentence far shorter than any full line
    ends its paragraph even when the next line lost its indent (Russia 2007: "Nations." before "Our
    efforts to resolve regional conflicts"); a line a little short, as lines of a proportional font
    are, runs on into an unindented line."""
    body = (
        " Here, the Organization's activities should be based \n"
        "on a comprehensive framework, including the Global \n"
        "Counter-Terrorism Strategy, and on a comprehensive \n"
        "convention on international terrorism. The Collective \n"
        "Security Treaty Organization has established useful \n"
        "interaction with the Organization of the United \n"
        "Nations. \n"
        "Our efforts to resolve regional conflicts and \n"
        "urgent social and economic problems should form part \n"
        "of our counter-terrorism efforts in the years ahead. \n"
        " Iraq has become a source of destabilization for the \n"
        "whole region. Ensuring security there requires a new \n"
        "strategy of genuine national reconciliation. We call \n"
        "upon the Secretary-General to take an active role. \n"
        "The participants in recent meetings on Iraq have \n"
        "upheld that approach, and we support their decision. \n"
        " Settlement of the Kosovo problem is only possible \n"
        "within the framework of international law. \n"
    )
    done = reflow(body.split("\n"))
    assert done is not None
    assert [p[:30] for p in done.paragraphs] == [
        "Here, the Organization's activ",
        "Our efforts to resolve regiona",
        "Iraq has become a source of de",
        "Settlement of the Kosovo probl",
    ]
    assert done.paragraphs[2].endswith(
        "role. The participants in recent meetings on Iraq have upheld that "
        "approach, and we support their decision."
    )


def _loose_wrap(paragraphs: list[str]) -> list[str]:
    """Wrap each paragraph at widths that wander between 48 and 60 columns, as typed text does."""
    lines: list[str] = []
    for paragraph in paragraphs:
        line = ""
        for k, word in enumerate(paragraph.split()):
            if line and len(line) + 1 + len(word) > 48 + (k * 7) % 13:
                lines.append(line)
                line = ""
            line = f"{line} {word}" if line else word
        lines.append(line)
    return lines


def test_a_short_line_mid_sentence_in_a_loose_wrap_does_not_end_a_paragraph() -> None:
    """Where lines fall short of the width all the time (a proportional font, typed text), a line
    with room left that does not end a sentence runs on into the next."""
    lines = _loose_wrap([" ".join(SENTENCES * 4)])
    widest = max(map(len, lines))
    short = [k for k, row in enumerate(lines[:-1]) if len(row) + 1 + len(lines[k + 1].split()[0]) <= widest]
    assert sum(not lines[k].endswith(".") for k in short) >= 3, "lines mid-sentence with room left"
    done = reflow(lines)
    assert done is not None
    assert all(paragraph.endswith(".") for paragraph in done.paragraphs)
    assert " ".join(done.paragraphs) == " ".join(lines)


def test_a_title_at_a_line_end_does_not_end_a_sentence() -> None:
    """A short line ending in "Mr." or "No." runs on: the name or number follows on the next line."""
    first, second = " ".join(SENTENCES * 2), " ".join(SENTENCES[::-1] * 2)
    lines = [
        *_loose_wrap([first]),
        "as was said by Mr.",
        "Smith of resolution No.",
        *_loose_wrap([f"1325. {second}"]),
    ]
    done = reflow(lines)
    assert done is not None
    assert any("as was said by Mr. Smith of resolution No. 1325." in p for p in done.paragraphs)


def test_the_next_paragraph_number_starts_a_paragraph_after_a_line_mid_sentence() -> None:
    """Numbered paragraphs whose text was cut mid-sentence (a page break in the record): ``56.`` after
    ``55.`` starts a paragraph though the line before it ends with a comma."""
    paragraphs = [
        f"55. {' '.join(SENTENCES)} as the Secretary-General reminded us,",
        f"56. {' '.join(SENTENCES[::-1])}",
        f"57. {' '.join(SENTENCES[2:])}",
    ]
    done = reflow(_loose_wrap(paragraphs * 2))
    assert done is not None
    assert [p[:3] for p in done.paragraphs] == ["55.", "56.", "57.", "55.", "56.", "57."]


SENTENCES = [
    "The delegation welcomes the progress made in the negotiations on the draft resolution.",
    "Much remains to be done before the parties can agree on the text as a whole.",
    "We call on all members of the Assembly to show the flexibility needed for consensus.",
    "Our country is ready to contribute to that effort in good faith and without delay.",
    "The coming months will show whether the international community can rise to the task.",
    "Only together can we build the peaceful and prosperous world our peoples deserve.",
]


OTHER_MATTER = [
    "Turning to the situation in the Middle East, the violence of recent weeks must end at once.",
    "Civilians on every side have paid too high a price for the failures of their leaders.",
    "A lasting settlement requires direct talks between the parties, without preconditions.",
    "The region's neighbours can help by keeping their borders open to humanitarian convoys.",
    "Reconstruction will need the support of donors for many years to come.",
]


def _paragraph_ending_full(next_first_word: str) -> str:
    """Sentences on another matter whose last wrapped line (60 columns) has no room left for the
    next word."""
    for extra in range(40):
        paragraph = " ".join(OTHER_MATTER) + " Help is" + " very" * extra + " urgent."
        last = textwrap.fill(paragraph, 60).split("\n")[-1]
        if len(last) + 1 + len(next_first_word) > 60:
            return paragraph
    raise AssertionError("no filler gives a full last line")


def test_short_last_line_layout_finds_a_paragraph_whose_last_line_is_full() -> None:
    """Nothing in the layout marks the end of a paragraph whose last line is full; its length does:
    two such paragraphs run together are twice as long as every other paragraph of the statement."""
    others = [" ".join(SENTENCES[k:] + SENTENCES[:k]) for k in range(1, 6)]
    full = _paragraph_ending_full(others[2].split()[0])
    paragraphs = [*others[:2], full, *others[2:]]
    body = "\n".join(textwrap.fill(p, 60) for p in paragraphs)
    lines = body.split("\n")
    inner = [
        k
        for k, line in enumerate(lines[:-1])
        if line.endswith(".") and len(line) + 1 + len(lines[k + 1].split()[0]) > 60
    ]
    assert len(inner) >= 3, "sentences end full lines inside paragraphs too, where no paragraph ends"
    assert _read(body) == paragraphs


def test_whole_paragraph_lines_with_a_wrapped_stretch_among_them() -> None:
    """Numbered paragraphs a line each, then a typed stretch wrapped at 60 columns: the long lines
    stay paragraphs, the wrapped ones are joined, and a numbered line starts a paragraph."""
    whole = [f"{100 + k}.\t" + " ".join(SENTENCES[k % 6 :] + SENTENCES[: k % 6]) for k in range(12)]
    wrapped = [f"{200 + k}. " + " ".join(SENTENCES[k % 6 :] + SENTENCES[: k % 6]) for k in range(6)]
    body = "\n".join(whole[:6] + [textwrap.fill(p, 60) for p in wrapped] + whole[6:])
    expected = [" ".join(p.split()) for p in whole[:6] + wrapped + whole[6:]]
    assert [" ".join(p.split()) for p in _read(body)] == expected


def test_text_that_is_not_wrapped_is_left_alone() -> None:
    """One paragraph per line, or one per blank-line block, is not re-flowed."""
    one_per_line = "\n".join(PARAGRAPHS)
    assert reflow(one_per_line.split("\n")) is None
    assert text.read(one_per_line) == (PARAGRAPHS, [1, 2, 3, 4], None)
    blocks = "\n\n".join(PARAGRAPHS)
    assert reflow(blocks.split("\n")) is None
    short_items = "\n".join(["Paris", "London, United Kingdom.", "Mr. President,", "Thank you.", "Yes."] * 3)
    assert reflow(short_items.split("\n")) is None


@pytest.mark.parametrize(
    ("head", "tail", "kept"),
    [
        ("nuclear", "missile", True),
        ("meet", "ing", False),
        ("ut", "most", False),
        ("Six", "Party", True),
        ("mid", "1990s", True),
        ("non", "proliferation", True),
        ("develop", "ment", False),
    ],
)
def test_a_broken_word_is_mended_by_the_word_list(head: str, tail: str, kept: bool) -> None:
    assert keeps_hyphen(head, tail) is kept


def test_the_statement_own_spelling_decides_first() -> None:
    from collections import Counter

    assert keeps_hyphen("peace", "keeping", Counter({"peace-keeping": 2})) is True
    assert keeps_hyphen("peace", "keeping", Counter({"peacekeeping": 1})) is False


def test_words_of_the_same_stem_decide_when_the_word_itself_is_not_spelled_elsewhere() -> None:
    """A statement that writes "cooperation" mends "co-" + "operate" to "cooperate"; one that writes
    "co-operation" keeps the hyphen. A longer word sharing the start ("nonproliferation") is no kin
    of "nonprofit": the word list decides as without the statement's words."""
    from collections import Counter

    assert keeps_hyphen("co", "operate", Counter({"cooperation": 3})) is False
    assert keeps_hyphen("co", "operate", Counter({"co-operation": 3})) is True
    assert keeps_hyphen("non", "profit", Counter({"nonproliferation": 5})) is keeps_hyphen("non", "profit")


def test_initials_hyphenated_at_a_line_end_join_the_next_word() -> None:
    """``U.S.-`` at a line end and ``Japan`` on the next line are ``U.S.-Japan``, not ``U.S.- Japan``."""
    paragraph = (
        "Both leaders reaffirmed the importance of the alliance and welcomed the progress made "
        "in the U.S.-Japan dialogue on economic security and supply chains over the past year."
    )
    head, tail = paragraph.split("U.S.-")
    lines = [*textwrap.wrap(f"{head}U.S.-", 60), *textwrap.wrap(tail, 60)]
    body = "\n\n".join(["\n".join(lines), *(textwrap.fill(p, 60) for p in PARAGRAPHS)])
    done = reflow(body.split("\n"), wrapped=True)
    assert done is not None and done.paragraphs[0] == paragraph
    assert done.mended >= 1


def test_footnote_markers_are_not_text() -> None:
    body = "\n".join(textwrap.fill(p, 60) for p in [*PARAGRAPHS[:2], "Adopted by 13 votes to none.49"])
    done = reflow(body.split("\n"))
    assert done is not None and done.paragraphs[-1] == "Adopted by 13 votes to none."
    assert done.footnotes == 1


def test_no_reflow_keeps_the_lines_and_reflow_notes_reach_the_comparison() -> None:
    body = "\n".join(textwrap.fill(p, 60) for p in PARAGRAPHS * 2).encode()
    kept = parse_statement(body, "old.txt", reflow=False)
    flowed = parse_statement(body, "new.txt")
    assert len(kept.paragraphs) == body.count(b"\n") + 1 and kept.notes == ()
    assert flowed.paragraphs == tuple(PARAGRAPHS * 2)
    assert flowed.notes[0].startswith(f"re-flowed {len(kept.paragraphs)} lines into 8 paragraphs")
    result = compare(kept, flowed, CompareOptions(classify=False))
    assert result.notes[0] == f"new.txt: {flowed.notes[0]}"


# --- layouts made from real speeches (benchmarks/reflow_layouts.py over all of them) ---------------


@pytest.mark.data
@pytest.mark.parametrize(("layout", "share"), [("un", 0.97), ("email72", 0.97), ("short60", 0.9)])
def test_rewrapped_speeches_come_back_exact(layout: str, share: float, data_dir: Path) -> None:
    """short60 falls short of 0.97: a paragraph whose last line is full is marked by nothing in that
    layout, and only its length tells it from a sentence inside a paragraph (BENCHMARKS.md)."""
    bench = _bench("reflow_layouts")
    speeches = [p for p in bench.clean_speeches() if not bench.is_dev(p)][:6]
    total = hits = 0
    for path in speeches:
        paragraphs = bench.speech_paragraphs(path)
        total += len(paragraphs)
        hits += bench.exact(paragraphs, bench.LAYOUTS[layout](paragraphs, path.name))
    assert hits >= share * total, f"{hits} of {total}"


def test_the_ceiling_oracle_finds_the_ends_no_layout_marks() -> None:
    """benchmarks/reflow_ceiling.py: a paragraph whose 60-column last line is full is a candidate
    end; the oracle ends it there, and never splitting misses it."""
    bench = _bench("reflow_ceiling")
    full = "We support the Six-Party Talks and the denuclearization now."
    assert len(full) == 60
    statement = [("s", [full, PARAGRAPHS[3], PARAGRAPHS[1], full, PARAGRAPHS[0]])]
    hits, total, tally = bench.score(statement, "oracle")
    assert (hits, total) == (5, 5) and tally["ends"] == 2 and tally["missed"] == tally["invented"] == 0
    hits, _, tally = bench.score(statement, "never")
    assert tally["missed"] == 2 and hits == 1
    assert bench.reflow._find_full_last_lines.__name__ == "_find_full_last_lines", "restored"


# --- real wrapped statements -----------------------------------------------------------------------


def _ungdc(data: Path, name: str) -> list[str]:
    session = {"2007": "Session 62 - 2007", "2008": "Session 63 - 2008"}[name[-8:-4]]
    statement = parse_statement((data / "ungdc" / "TXT" / session / name).read_bytes(), name)
    return list(statement.paragraphs)


@pytest.mark.data
def test_russia_2007_reads_as_paragraphs(data_dir: Path) -> None:
    paragraphs = _ungdc(data_dir, "RUS_62_2007.txt")
    assert 15 <= len(paragraphs) <= 40
    assert paragraphs[0].startswith("Traditionally, the General Assembly sums up the results of the ending")
    assert paragraphs[0].endswith("which has been amply proven by our recent experience.")
    assert any("nobody can cope with global challenges single-handedly." in p for p in paragraphs)
    assert any(p.endswith("has established useful interaction with the United Nations.") for p in paragraphs)
    assert any(p.startswith("Our efforts to resolve regional conflicts") for p in paragraphs)


@pytest.mark.data
def test_russia_2008_drops_page_furniture_and_runs_on_across_pages(data_dir: Path) -> None:
    paragraphs = _ungdc(data_dir, "RUS_63_2008.txt")
    assert 15 <= len(paragraphs) <= 40
    assert not any("08-53129" in p for p in paragraphs)
    assert any(
        "and politicization of the issues of access to and transport of energy resources." in p
        for p in paragraphs
    )


@pytest.mark.data
def test_usa_1978_keeps_its_numbered_paragraphs_around_a_wrapped_stretch(data_dir: Path) -> None:
    """Once read as 4 paragraphs of up to 17,000 characters: 88 numbered paragraphs (103 to 190),
    most a line each, some hard-wrapped at 60 columns."""
    path = data_dir / "ungdc" / "TXT" / "Session 33 - 1978" / "USA_33_1978.txt"
    paragraphs = parse_statement(path.read_bytes(), path.name).paragraphs
    assert 80 <= len(paragraphs) <= 90 and max(len(p) for p in paragraphs) < 1_000
    numbered = [p.split(".")[0] for p in paragraphs if p.split(".")[0].isdigit()]
    assert numbered[:3] == ["103", "104", "106"] and {"171", "172", "180", "190"} <= set(numbered)
    assert any(p.startswith("171. We are determined") and p.endswith("without delay.") for p in paragraphs)


@pytest.mark.data
def test_china_2007_keeps_the_korean_peninsula_in_one_phrase(data_dir: Path) -> None:
    paragraphs = _ungdc(data_dir, "CHN_62_2007.txt")
    assert any("the denuclearization of the Korean peninsula." in p for p in paragraphs)
    assert any("the Six-Party Talks" in p for p in paragraphs)
    assert any("traditional and non-traditional security threats" in p for p in paragraphs)


@pytest.mark.data
def test_statements_not_hard_wrapped_are_untouched(data_dir: Path) -> None:
    """A tenth of the files benchmarks/reflow_untouched.py checks (all of them with DIPDIFF_DATA_ALL)."""
    bench = _bench("reflow_untouched")
    files = [p for p in bench.statement_files(data_dir) if bench.not_hard_wrapped(p)]
    assert len(files) > 500
    sample = files if os.environ.get("DIPDIFF_DATA_ALL") else files[::10]
    read, changed = bench.differing(sample)
    assert read >= len(sample) - 5 and changed == []


def test_compare_says_what_reflow_did_and_no_reflow_keeps_the_lines(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("\n".join(PARAGRAPHS), encoding="utf-8")
    new.write_text("\n".join(textwrap.fill(p, 60) for p in PARAGRAPHS), encoding="utf-8")
    flowed = run_cli("compare", str(old), str(new), "--format", "json")
    assert flowed.code == 0, flowed  # the same paragraphs: nothing changed
    assert any("re-flowed" in note for note in json.loads(flowed.stdout)["notes"])
    kept = run_cli("compare", str(old), str(new), "--format", "json", "--no-reflow")
    assert kept.code == 1, kept
    assert json.loads(kept.stdout)["notes"] == []


def test_corpus_commands_read_wrapped_statements_reflowed_unless_told_not_to(tmp_path: Path) -> None:
    """track finds a phrase cut at a line end; with --no-reflow it finds only the cut piece."""
    from tests.helpers import run_cli

    corpus = tmp_path / "corpus"
    (corpus / "un-x").mkdir(parents=True)
    (corpus / "speakers.yaml").write_text("un-x:\n  name: A delegation\n  country: CHN\n", encoding="utf-8")
    wrapped = "\n".join(
        textwrap.fill(p, 50)
        for p in [
            *PARAGRAPHS,
            "We seek the denuclearization of the Korean "
            + "peninsula through dialogue and negotiation, now and in the years ahead.",
        ]
    )
    for year in ("2007", "2008"):
        text_ = f"---\nspeaker: un-x\ndate: '{year}'\ntitle: Speech {year}\nlanguage: en\n---\n\n{wrapped}\n"
        (corpus / "un-x" / f"{year}-speech.txt").write_text(text_, encoding="utf-8")
    phrase = "denuclearization of the Korean peninsula"
    flowed = run_cli("track", phrase, "--corpus", str(corpus), "--format", "json", "--no-cache")
    assert flowed.code == 0, flowed
    assert [v["key"] for v in json.loads(flowed.stdout)["variants"]] == [phrase.casefold()]
    kept = run_cli("track", phrase, "--corpus", str(corpus), "--format", "json", "--no-reflow")
    keys = [v["key"] for v in json.loads(kept.stdout)["variants"]] if kept.code == 0 else []
    assert phrase.casefold() not in keys, kept


def test_end_marks_are_not_paragraphs_and_a_footer_copyright_is_not_a_date(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>Joint statement</title></head><body><article>"
        "<h1>Joint statement</h1><p>The two ministers discussed the situation on the Korean Peninsula "
        "and agreed to continue their close coordination.</p><p>They called on all parties to exercise "
        "restraint.</p><p>###</p></article><footer><p>© 2017 Ministry of Foreign Affairs.</p></footer>"
        "</body></html>",
        encoding="utf-8",
    )
    html_statement = parse_statement(page.read_bytes(), str(page))
    assert html_statement.paragraphs[-1] == "They called on all parties to exercise restraint."
    assert "date" not in html_statement.meta
    markdown = b"---\ntitle: Readout\n---\n\nThe President spoke with the Chancellor.\n\n\\###\n"
    assert parse_statement(markdown, "readout.md").paragraphs == ("The President spoke with the Chancellor.",)
    plain = parse_statement(b"We agreed.\n# # #\n", "note.txt")
    assert plain.paragraphs == ("We agreed.",) and plain.lines == (1,)


def _typed(first: int, rest: int, count: int) -> list[str]:
    """``count`` lines of filler words, the first about ``first`` characters long, the others ``rest``."""
    words = ["the", "delegation", "welcomes", "progress", "made", "in", "negotiations", "on", "the", "draft"]
    lines, k = [], 0
    for n in range(count):
        line = ""
        while len(line) + 1 + len(words[k % len(words)]) <= (first if n == 0 else rest):
            line, k = f"{line} {words[k % len(words)]}".strip(), k + 1
        lines.append(line)
    return lines


def _lost_indent_case(indented: int) -> tuple[list[str], int, int]:
    """Eight paragraphs whose first lines run ``indented`` characters wide and the others 60, then
    two candidate full last lines: one before a line as short as a first line, one before a full one."""
    lines: list[str] = []
    for _ in range(8):
        lines += _typed(indented, 60, 6)
        lines[-1] = lines[-1][:30].rstrip() + "."
    lines += [*_typed(60, 60, 3), "To end the matter full as it is and that is all that we say."]
    shortened = len(lines)
    lines += [*_typed(50, 60, 3), "The end of a paragraph, as a full line ending a sentence."]
    full = len(lines)
    lines += [*_typed(60, 60, 3), "It is short."]
    return lines, full, shortened


def _evidence(lines: list[str]) -> dict[int, float]:
    """The lost-indent evidence, with short lines as the sure paragraph ends."""
    from dipdiff.readers.reflow import _lost_indent_evidence, _rows

    rows, _ = _rows(lines)
    begins = [True] + [len(row.text) < 40 for row in rows[:-1]]
    candidate = [k > 0 and rows[k - 1].text.endswith(".") and not begins[k] for k in range(len(rows))]
    return _lost_indent_evidence(rows, begins, candidate)


def test_a_first_line_shortened_by_a_lost_indent_is_evidence_of_a_paragraph() -> None:
    """When the lines that surely begin paragraphs run shorter than the others (an indent lost in
    PDF extraction), a candidate whose next line runs as short gains odds, one running full loses;
    when first lines run no shorter than the others, there is no evidence."""
    lines, full, shortened = _lost_indent_case(50)
    evidence = _evidence(lines)
    assert evidence[shortened] > 0 > evidence[full]
    lines, full, shortened = _lost_indent_case(66)
    assert _evidence(lines) == {}


def test_words_broken_by_a_lost_line_end_are_mended_inside_lines() -> None:
    """UN speeches a paragraph a line keep PDF line-end breaks as a space ("self- determination");
    a word is mended only when its mended form is known, since "- " is as often a typed dash."""
    from dipdiff.readers.brokenwords import mend_inline_breaks

    text = (
        "the right of self- determination, nuclear-weapon- free zones, the ut- most good faith, "
        "step-by- step, the Asia- Pacific; medium- and long-term aid, two- or three-year terms; "
        "the liberties- whether won or lost- of- the people"
    )
    (mended,), count = mend_inline_breaks([text])
    assert mended == (
        "the right of self-determination, nuclear-weapon-free zones, the utmost good faith, "
        "step-by-step, the Asia-Pacific; medium- and long-term aid, two- or three-year terms; "
        "the liberties- whether won or lost- of- the people"
    )
    assert count == 5


def test_compounds_of_a_known_kind_are_mended_inside_lines_and_dashes_stay() -> None:
    """Russia 2017 (a paragraph a line): "nuclear- missile" is in neither the statement nor the word
    list, but "nuclear-" begins many compounds of it; "-made", "-trafficking", "-led" make compounds
    too. A dash typed as a hyphen before a function word, or between words no compound shares, stays,
    as do suspended hyphens."""
    from dipdiff.readers.brokenwords import mend_inline_breaks

    text = (
        "Pyongyang's adventurist nuclear- missile manoeuvres, human- made suffering, drug- trafficking, "
        "a United Kingdom- led draft; short- and long-term aid, pre- and post-war, two- or three-year "
        "terms; all Member nations- not merely their Governments; technical plans- oblivious of them; "
        "the crisis- Recession in the West"
    )
    (mended,), count = mend_inline_breaks([text])
    assert mended == (
        "Pyongyang's adventurist nuclear-missile manoeuvres, human-made suffering, drug-trafficking, "
        "a United Kingdom-led draft; short- and long-term aid, pre- and post-war, two- or three-year "
        "terms; all Member nations- not merely their Governments; technical plans- oblivious of them; "
        "the crisis- Recession in the West"
    )
    assert count == 4


@pytest.mark.data
def test_russia_2017_reads_nuclear_missile_whole(data_dir: Path) -> None:
    path = data_dir / "ungdc" / "TXT" / "Session 72 - 2017" / "RUS_72_2017.txt"
    statement = parse_statement(path.read_bytes(), path.name)
    assert any("adventurist nuclear-missile manoeuvres" in p for p in statement.paragraphs)
    assert not any("nuclear- missile" in p for p in statement.paragraphs)


def test_a_form_is_counted_where_it_stands_whole() -> None:
    """Mending counts how often a statement writes a form whole, looking only where the text holds
    it; the count is the pattern's (no letter or digit either side), also for forms inside longer
    words, at either end of the text, next to digits, underscores, accents and other scripts."""
    import re

    from dipdiff.readers.brokenwords import _Spellings

    text = (
        "self-determination and self-determination2 _self-determination; co-operation, cooperation "
        "nonself-determination éself-determination «self-determination» the then an and 1an an_ "
        "ставка-ставки an-an-an an-bn-an-bn anan an"
    )
    spellings = _Spellings(text)
    forms = [
        "self-determination",
        "cooperation",
        "co-operation",
        "an",
        "the",
        "then",
        "an-an",
        "an-bn",
        "bn-an",
        "ставка-ставки",
        "ставка",
        "self",
    ]
    for form in forms:
        expected = len(re.findall(rf"(?<![^\W_]){re.escape(form)}(?![^\W_])", text))
        assert spellings.count(form) == expected, form
    assert spellings.count("self-determination") == 3
    assert spellings.count("an") == 8  # an, an_, three in an-an-an, two in an-bn-an-bn, the last


@pytest.mark.data
def test_the_early_look_at_line_lengths_changes_no_reading(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-flow gives up before its full analysis when too few lines are short enough to be wrapped;
    every statement reads the same as with the full analysis: real speeches (a paragraph a line, and
    the typed, wrapped ones of the 1970s and 1980s), the same re-wrapped, and lines around the limit."""
    from dipdiff.readers import reflow as module

    folders = sorted((data_dir / "ungdc" / "TXT").iterdir())
    paths = [path for folder in folders[::4] for path in sorted(folder.glob("*.txt"))[:8]]
    texts = [path.read_text("utf-8", errors="replace") for path in paths]
    texts += [textwrap.fill(text[:3000], 70) for text in texts[:10]]
    texts += [textwrap.fill(text[:size], 60) for text in texts[:10] for size in (250, 330, 420, 600)]
    long_line = "We reaffirm our commitment to the purposes and principles of the Charter. " * 3
    texts += ["\n".join(["Short line."] * k + [long_line] * 5) for k in range(8)]
    skipped = [module._too_few_short_lines(text.split("\n")) for text in texts]
    early = [reflow(text.split("\n")) for text in texts]
    monkeypatch.setattr(module, "_too_few_short_lines", lambda lines: False)
    assert [reflow(text.split("\n")) for text in texts] == early
    assert sum(skipped) > 20 and early.count(None) > sum(skipped)  # taken often, not always


@pytest.mark.data
def test_spellings_are_counted_as_a_whole_word_search_counts_them(data_dir: Path) -> None:
    """The counts that decide a mending (words and hyphenated pairs, counted in one pass) equal a
    search for each form with no letter or digit on either side, on real speeches: every word, every
    hyphenated pair they write, pairs they do not, and forms that could overlap themselves."""
    import itertools
    import re

    from dipdiff.readers.brokenwords import _Spellings

    folder = data_dir / "ungdc" / "TXT" / "Session 62 - 2007"
    checked = 0
    for path in sorted(folder.glob("*.txt"))[:12]:
        whole = path.read_text("utf-8", errors="replace").casefold() + "\na-a-a x_y-z ǆ-x 1-2-3 i̇-dot"
        words = re.findall(r"[^\W_]+", whole)
        forms = {*words[:300], *re.findall(r"[^\W_]+-[^\W_]+", whole)}
        forms |= {f"{a}-{b}" for a, b in itertools.pairwise(words[:201])}
        forms |= {f"{a}{b}" for a, b in itertools.pairwise(words[:101])}
        forms |= {f"{a}-{a}" for a in words[:20]} | {"a-a", "y-z", "x_y", "1-2-3", "i̇", "i̇-dot"}
        spellings = _Spellings(whole)
        for form in forms:
            found = len(re.findall(rf"(?<![^\W_]){re.escape(form)}(?![^\W_])", whole))
            assert spellings.count(form) == found, (path.name, form)
            checked += 1
    assert checked > 3000


def test_compare_reads_a_word_broken_inside_a_line_as_the_word(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("We uphold self-determination in the utmost good faith.\n", encoding="utf-8")
    new.write_text("We uphold self- determination in the ut- most good faith.\n", encoding="utf-8")
    run = run_cli("compare", str(old), str(new), "--format", "json")
    document = json.loads(run.stdout)
    assert run.code == 0 and document["summary"]["equal"] == 1, run.stdout
    assert any("mended 2 broken words" in note for note in document["notes"]), document["notes"]
    kept = run_cli("compare", str(old), str(new), "--format", "json", "--no-reflow")
    assert kept.code == 1


# --- what the sentences around a full last line say (readers/boundary.py) --------------------------


def test_sentences_end_at_full_stops_but_not_after_titles_initials_or_paragraph_numbers() -> None:
    from dipdiff.readers.sentences import sentences

    text = '12. Mr. Smith met J. Doe in Geneva. Did they agree? "Yes." They did! And then'
    assert sentences(text) == [
        "12. Mr. Smith met J. Doe in Geneva.",
        "Did they agree?",
        '"Yes."',
        "They did!",
        "And then",
    ]


CLIMATE = [
    "Climate change threatens the very existence of small island States.",
    "Sea levels are rising faster than the scientists predicted a decade ago.",
    "We call on the largest emitters to cut their emissions by half before 2030.",
]


def test_a_new_matter_after_a_sentence_weighs_for_a_paragraph_end() -> None:
    """An opener such as "Finally," and a next sentence sharing no words with the ones before weigh
    for a paragraph end; a sentence going on with the same words ("emissions", "island States")
    after "This" weighs against one."""
    from dipdiff.readers.boundary import end_log_odds

    new = [
        "Finally, let me turn to the reform of the Security Council.",
        "Its composition no longer reflects the world of today.",
    ]
    same = [
        "This is why the emissions of the largest economies matter most.",
        "Small island States cannot wait for another decade of talks.",
    ]
    assert end_log_odds(CLIMATE, new) > 0 > end_log_odds(CLIMATE, same)


def test_shared_words_lower_the_odds_of_a_paragraph_end() -> None:
    from dipdiff.readers.boundary import end_log_odds

    apart = ["Trade between our regions doubled over the past five years."]
    close = ["Rising sea levels and emissions threaten small island States most of all."]
    assert end_log_odds(CLIMATE, close) < end_log_odds(CLIMATE, apart)


def test_a_full_line_just_past_the_limit_is_evidence_of_a_paragraph_end() -> None:
    """In a wrap that is not exact (a proportional font), wrapped lines run well past the limit of a
    full line and a paragraph's last line seldom does: a sentence-final line running just past the
    limit weighs for a paragraph end, one running as far as the longest wrapped lines against it."""
    from dipdiff.readers.reflow import _fullness_evidence, _rows

    lines: list[str] = []
    for width in [52, 55, 58, 60, 62, 64] * 6:
        lines += _typed(width, width, 1)
    near = len(lines) + 1
    lines += ["The delegation welcomes the progress made on the text.", *_typed(60, 60, 2)]
    far = len(lines) + 1
    lines += ["The delegation welcomes the progress made in the negotiations on it.", *_typed(60, 60, 2)]
    rows, _ = _rows(lines)
    begins = [True] + [False] * (len(rows) - 1)
    candidate = [k in {near, far} for k in range(len(rows))]
    evidence = _fullness_evidence(rows, begins, candidate, limit=54.0)
    assert evidence[near] > 0 > evidence[far]


def test_the_short_last_lines_say_how_many_full_lines_end_a_paragraph() -> None:
    """In an exact wrap a paragraph's last line is full when the room left is shorter than the next
    paragraph's first word: twelve paragraphs seen to end on short lines before "Furthermore," (13 of
    61 characters) mean about three more ending on full lines. Among four candidates that weighs for
    an end at each; among forty, against; and paragraphs already found at full lines (numbered) are
    not looked for again."""
    from dipdiff.readers.reflow import _full_end_rate_evidence, _has_room, _rows

    lines = []
    for _ in range(12):
        lines += [*_typed(60, 60, 3), "It ends here.", "Furthermore, the delegation welcomes it all."]
    rows, _ = _rows(lines)
    limit = 61.0
    begins = [True] + [before.text == "It ends here." for before in rows[:-1]]
    assert all(_has_room(rows[k - 1], rows[k], limit) for k in range(1, len(rows)) if begins[k])
    inside = [k for k in range(len(rows)) if not begins[k]]

    def shift(candidates: int, numbered: int = 0) -> float:
        chosen = set(inside[:candidates])
        found = list(begins)
        for k in inside[-numbered:] if numbered else []:
            found[k] = True
        return _full_end_rate_evidence(rows, found, [k in chosen for k in range(len(rows))], limit)

    assert shift(4) > 0 > shift(40)
    assert shift(4, numbered=3) < shift(4)


def test_the_reflow_note_counts_one_paragraph_in_the_singular() -> None:
    from dipdiff.readers.reflow import Reflowed

    one = Reflowed(paragraphs=("All of it.",), starts=(0,), lines=6, furniture=0, mended=0)
    assert one.note() == "re-flowed 6 lines into 1 paragraph", one.note()
