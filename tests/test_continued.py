"""Paragraphs cut mid-sentence by a blank line or a line break, joined back (``readers.continued``)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dipdiff.readers import parse_statement, text
from dipdiff.readers.continued import continues, join_continued

LONG = (
    "The contemporary international order is based on the purposes and principles of the Charter and "
    "has brought about general peace over the past 70 years or more. A"
)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (LONG, "people-centred philosophy has gained wide acceptance."),  # a small letter goes on
        ("in the concept of a so-called “rules-based order” that the", "West persistently introduces it."),
        ("The ministers met in", "Geneva on 12 June."),  # a dangling preposition
        ("The Council decided (see", "annex I) to act."),
        ("He called it “a", "Cold War mentality”, and so it is."),
        ("Mrs. Gonzalez Lopez (El Salvador), Vice-President,", "took the Chair."),
        ("Российская Федерация выступает за", "укрепление роли Организации."),  # Cyrillic small letter
        ("the world order becomes fair and democratic,", "26/33 17-29585 just as the founders envisioned."),
    ],
)
def test_a_sentence_cut_by_a_paragraph_break_is_joined(before: str, after: str) -> None:
    assert continues(before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Mr. President,", "Excellencies,"),  # salutations: nothing is clearly cut
        ("We call for peace.", "and we mean it."),  # the sentence ended
        ("Decides that all States shall:", "prevent the supply of arms;"),
        ("to protect investment in nuclear enrichment; and", "supporting civil nuclear energy."),
        ("to protect investment in nuclear enrichment, and", "Supporting civil nuclear energy."),
        ("the twenty-first century needs a nuclear-", "weapon-free world."),  # a broken word: brokenwords'
        ("Annex A", "The Council decides."),  # "A" as a letter, not the article
        ("Statement by the President", "Thank you all for coming."),  # a heading
        ("The Council decided, in", "(a) to act;"),  # a list mark opens the next item
        ("The Council decided, in", "- to act;"),  # so does a bullet
        ("The Council (see", "Annex I."),  # the bracket is not closed after
        ("조선반도의", "평화와 안정"),  # no small letters: nothing says it is cut
        ("the world order becomes fair and democratic.", "26/33 17-29585 Just as the founders said."),
    ],
)
def test_paragraphs_that_are_not_clearly_cut_stay_apart(before: str, after: str) -> None:
    assert not continues(before, after)


def test_join_keeps_the_first_paragraphs_line_and_counts() -> None:
    texts, starts, joined = join_continued(
        ["One ends here.", "It goes on to the", "end of it.", "Next."], [1, 3, 5, 7]
    )
    assert (texts, starts, joined) == (
        ["One ends here.", "It goes on to the end of it.", "Next."],
        [1, 3, 7],
        1,
    )


BODY = "\n".join(
    [
        "Every September, global attention is focused on the United Nations. " * 3,
        LONG,
        " ",
        "people-centred philosophy has gained wide acceptance, and a broad consensus has formed. " * 2,
        "Recently, we have witnessed persistent attempts to diminish the role of the Organization that the",
        "West persistently introduces into political discourse in opposition to international law.",
        "The last paragraph ends here, with a sentence of its own. " * 3,
    ]
)


def test_a_file_a_paragraph_a_line_with_stray_breaks_reads_whole_sentences() -> None:
    texts, starts, note = text.read(BODY)
    assert len(texts) == 4 and starts == [1, 2, 5, 7]
    assert "or more. A people-centred philosophy" in texts[1]
    assert "that the West persistently" in texts[2]
    assert note == "joined 2 paragraphs cut mid-sentence"
    kept, _, kept_note = text.read(BODY, reflow=False)  # --no-reflow: the lines as they are
    assert len(kept) == 6 and kept_note is None


def test_a_wrapped_text_cut_by_a_stray_blank_line_reads_one_paragraph() -> None:
    first = "We reaffirm our commitment to the purposes and principles of the Charter, which remain " * 3
    cut = (
        textwrap.fill(first + "the basis of", 60)
        + "\n\n"
        + textwrap.fill("our work for peace and security.", 60)
    )
    other = textwrap.fill(
        "A second paragraph follows, with a sentence that runs over several lines. " * 3, 60
    )
    texts, _, note = text.read(f"{cut}\n\n{other}\n")
    assert len(texts) == 2 and texts[0].endswith("the basis of our work for peace and security.")
    assert note is not None and "joined 1 paragraph cut mid-sentence" in note


@pytest.mark.data
@pytest.mark.parametrize(
    ("session", "name", "joined"),
    [
        (
            "Session 73 - 2018",
            "CHN_73_2018.txt",
            "over the past 70 years or more. A people-centred philosophy",
        ),
        ("Session 76 - 2021", "RUS_76_2021.txt", "“rules-based order” that the West persistently introduces"),
    ],
)
def test_un_speeches_cut_mid_sentence_read_whole(
    data_dir: Path, session: str, name: str, joined: str
) -> None:
    path = data_dir / "ungdc" / "TXT" / session / name
    statement = parse_statement(path.read_bytes(), name)
    assert sum(joined in p for p in statement.paragraphs) == 1
    assert any("cut mid-sentence" in note for note in statement.notes)
    kept = parse_statement(path.read_bytes(), name, reflow=False)
    assert not any(joined in p for p in kept.paragraphs)


def test_searches_at_a_text_end_give_what_searching_the_whole_text_gives() -> None:
    """``ends_sentence`` and the end mark look at a text's end only; they agree with the patterns
    searched along the whole text, at the edges: a final line end, a title whose look-behind falls
    just before where the search starts, a title of the longest length, end marks of every form."""
    import random
    import re

    from dipdiff.readers import _END_MARK
    from dipdiff.readers.reflowsettings import settings
    from dipdiff.readers.sentences import SENTENCE_END, _title, ends_sentence

    titles = settings().titles
    whole_title = re.compile(_title()[0].pattern)
    longest = max(titles, key=len)
    old_mark = re.compile(r"\\?#(?: ?\\?#){2,5}|-{1,3} ?30 ?-{1,3}")
    pieces = [*titles, longest, "a", "B", "1", " ", "\n", ".", ":", ")", "”", "x" * 30]
    pieces += ["#", "\\", "-", "30", "é"]
    rng = random.Random(7)
    texts = ["", "\n", f"x{longest}", f"x{longest}\n", f" {longest}\n", f"{longest}", "Mr.\n\n"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(20_000)]
    for sample in texts:
        whole = (
            sample[-1:] in ".!?:;…»”\"')]\n"
            and SENTENCE_END().search(sample) is not None
            and whole_title.search(sample) is None
        )
        assert ends_sentence(sample) == whole, repr(sample)
        old, new = old_mark.search(sample), _END_MARK.search(sample)
        assert (old and old.span()) == (new and new.span()), repr(sample)
        assert (old_mark.fullmatch(sample) is None) == (_END_MARK.fullmatch(sample) is None), repr(sample)
