"""Reading statements: encodings, front matter, paragraphs, Markdown without markup, bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from dipdiff.errors import InputError
from dipdiff.readers import MAX_INPUT_BYTES, InputFormat, parse_statement, read_statement

SEED_LINE = "We regretfully note that the prospects are meagre."


def test_one_paragraph_per_line_when_there_are_no_blank_lines() -> None:
    s = parse_statement(b"First paragraph.\nSecond paragraph.\n\n", "x.txt")
    assert s.paragraphs == ("First paragraph.", "Second paragraph.")
    assert s.lines == (1, 2)


def test_blank_lines_separate_paragraphs_and_wrapped_lines_join() -> None:
    s = parse_statement(b"Line one\nstill one.\n   \t\nTwo.\n\n\nThree\nthree.", "x.txt")
    assert s.paragraphs == ("Line one still one.", "Two.", "Three three.")
    assert s.lines == (1, 4, 7)


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + SEED_LINE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SEED_LINE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SEED_LINE.encode("utf-16-be"),
        SEED_LINE.replace(" ", "\r\n\r\n").encode("utf-8"),
    ],
    ids=["utf8-bom", "utf16-le", "utf16-be", "crlf"],
)
def test_encodings_and_line_endings(encoded: bytes) -> None:
    s = parse_statement(encoded, "x.txt")
    assert " ".join(s.paragraphs) == SEED_LINE


def test_legacy_cyrillic_is_detected() -> None:
    text = (
        "Россия неизменно выступает за мирное урегулирование ядерной проблемы Корейского полуострова "
        "на основе равноправных переговоров с участием всех сторон. Мы призываем к сдержанности."
    )
    s = parse_statement(text.encode("cp1251"), "ru.txt")
    assert s.paragraphs == (text,)


@pytest.mark.parametrize(
    "text",
    [
        "Le Conseil de sécurité réaffirme son engagement à l’égard de la coopération.",
        "Le Conseil de sécurité réaffirme son engagement.",
        "Der Sicherheitsrat begrüßt die Erklärung und bekräftigt seine Unterstützung für Gespräche.",
    ],
)
def test_a_short_windows_1252_statement_is_read_as_written_and_the_guess_noted(text: str) -> None:
    # charset-normalizer ranks a Mac code page first for such short texts ('sťcuritť'): of the
    # encodings it finds as clean, the Windows ones saved statements are in come first
    s = parse_statement(text.encode("cp1252"), "fr.txt")
    assert s.paragraphs == (text,)
    assert any("not UTF-8; read as cp125" in note for note in s.notes), s.notes
    assert parse_statement(text.encode("utf-8"), "fr.txt").notes == ()


def test_english_in_windows_1252_is_named_as_such() -> None:
    """Its only bytes past ASCII are curly quotes and dashes, which Central European (cp1250) reads
    alike: the note named that code page, as if the speech came from Prague."""
    text = "The Secretary-General’s report – “a turning point” – was welcomed by the Council. We thank him."
    s = parse_statement(text.encode("cp1252"), "usa.txt")
    assert s.paragraphs == (text,)
    assert s.notes == ("not UTF-8; read as cp1252, the encoding that fits it best",), s.notes
    czech = "Česká republika vítá společné prohlášení a znovu potvrzuje svůj závazek k dialogu."
    assert any("read as cp1250" in note for note in parse_statement(czech.encode("cp1250"), "cz.txt").notes)


def test_latin1_is_detected() -> None:
    text = "Le ministère français se félicite de la déclaration commune et réaffirme son engagement."
    s = parse_statement(text.encode("latin-1"), "fr.txt")
    assert s.paragraphs == (text,)


def test_front_matter_is_metadata_not_text() -> None:
    s = parse_statement(b"---\ntitle: A\ndate: 2017-03-01\n---\n\nBody text.\n", "a.md")
    assert s.meta["title"] == "A"
    assert s.paragraphs == ("Body text.",)
    assert s.lines == (6,)


def test_markup_is_not_text() -> None:
    body = (
        b"The President spoke with [President\nXi](https://example.org/a) about *AI* and "
        b"\\[the\\] ![chart](img.png) <span>x</span>issue.\n\n## Heading\n\n- item one\n- item two\n"
    )
    s = parse_statement(body, "a.md")
    assert s.paragraphs == (
        "The President spoke with President Xi about AI and [the] xissue.",
        "Heading",
        "item one",
        "item two",
    )


def test_text_format_can_be_forced_on_markdown_names() -> None:
    s = parse_statement(b"*a*\n*b*\n", "a.md", InputFormat.TEXT)
    assert s.paragraphs == ("*a*", "*b*")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty statement"),
        (b"  \n\n \t\n", "empty statement"),
        (b"---\ntitle: only metadata\n---\n", "empty statement"),
        (b"\x00\x01\x02binary\x00", "binary file"),
        (b"---\ntitle: [unclosed\n---\nBody", "broken front matter"),
        (b"---\ntitle: a\nBody without end", "never closed"),
        (b"---\n- a list\n---\nBody", "must be a YAML mapping"),
        (b"---\na: &x [1]\nb: *x\n---\nBody", "aliases are not allowed"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16-LE"),
    ],
    ids=[
        "empty",
        "blank",
        "front-matter-only",
        "binary",
        "broken-yaml",
        "unclosed-front-matter",
        "front-matter-not-mapping",
        "yaml-alias",
        "truncated-utf16",
    ],
)
def test_bad_input_is_one_named_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_statement(data, "bad.md")
    assert str(caught.value).startswith("bad.md: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_statement(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_statement(str(tmp_path))


def test_files_over_the_limit_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(InputError, match="16 MiB limit"):
        read_statement(str(big))


def test_seed_statement_reads_as_eight_paragraphs(data_dir: Path) -> None:
    seed = data_dir.parent / "seeds" / "000_f2c9b2c3f49034b2.txt"
    s = read_statement(str(seed))
    assert len(s.paragraphs) == 8
    assert s.paragraphs[0].startswith("We regretfully note")


def test_un_speech_with_bom_reads(data_dir: Path) -> None:
    # 178 of the UN files start with a BOM (ungdc/SOURCE.md); none may leak into the text.
    folder = data_dir / "ungdc" / "TXT"
    with_bom = next(p for p in sorted(folder.glob("*/*.txt")) if p.read_bytes().startswith(codecs.BOM_UTF8))
    s = read_statement(str(with_bom))
    assert not s.paragraphs[0].startswith("\ufeff")


def test_long_lines_stay_paragraphs_even_with_section_breaks() -> None:
    long_a = "The United States " + "supports a peaceful settlement " * 8
    long_b = "We call on all nations " + "to uphold the sanctions regime " * 8
    s = parse_statement(f"{long_a}\n{long_b}\n\n{long_a}\n".encode(), "x.txt")
    assert s.paragraphs == (long_a.strip(), long_b.strip(), long_a.strip())


def test_un_speech_with_section_breaks_keeps_a_paragraph_a_line(data_dir: Path) -> None:
    # USA_73_2018.txt: 44 lines with 4 blank lines between sections; 7 lines stop mid-sentence
    # ("... and we prize" / "the culture that sustains our liberty ...") and run on into the next.
    path = data_dir / "ungdc" / "TXT" / "Session 73 - 2018" / "USA_73_2018.txt"
    s = read_statement(str(path))
    lines = [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    whole = [line for line in lines if line[-1] in ".!?”"]
    assert len(s.paragraphs) == len(whole) == len(lines) - 7 and len(lines) > 40
    assert all(paragraph[-1] in ".!?”" for paragraph in s.paragraphs)


def test_security_council_resolution_hard_wrapped_lines_join(data_dir: Path) -> None:
    path = data_dir / "cr_unsc_gold" / "res_en_gold" / "S_RES_0825_1993_EN_GOLD.txt"
    s = read_statement(str(path))
    assert any("Democratic People's Republic of Korea" in p.replace("’", "'") for p in s.paragraphs)
    assert all(len(p) > 0 for p in s.paragraphs)
    assert len(s.paragraphs) < len(path.read_text(encoding="utf-8").splitlines()) / 2


def test_the_hard_wrap_median_is_the_statistics_median() -> None:
    import statistics

    from dipdiff.readers.text import _median

    for values in ([3], [1, 9], [5, 1, 4], [120, 121], [10, 130, 140, 20], [7, 7, 8, 200, 1, 3]):
        assert _median(values) == statistics.median(values)


@pytest.mark.parametrize("between", ["", " ", "<br>", "<br/>\n"])
def test_html_two_breaks_written_together_end_a_paragraph(between: str) -> None:
    # '<br><br>' with nothing between them is how most pages write a blank line; trafilatura keeps
    # only one line break of such a pair unless told otherwise
    page = (
        "<html><head><title>Comment</title></head><body><nav>Home | About</nav><main>"
        "<h1>Comment on the Korean Peninsula</h1>"
        "<p>We are seriously concerned over the major military exercises on the peninsula.</p>"
        f"<p>Russia is always ready for close cooperation with all parties.<br>{between}<br>"
        "We call on everyone to show restraint.<br>And to talk.</p></main><footer>(c) Ministry</footer>"
        "</body></html>"
    )
    statement = parse_statement(page.encode(), "page.html")
    assert statement.paragraphs[-2:] == (
        "Russia is always ready for close cooperation with all parties.",
        "We call on everyone to show restraint. And to talk.",
    ), statement.paragraphs
