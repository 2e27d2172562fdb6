"""HTML pages, PDFs and Word files: the same statement's words come out of each, and only those.

The fixtures are built at test time by ``tests/fixtures/formats.py`` from the seed statement
(/work/shared/seeds/000_f2c9b2c3f49034b2.txt, the Russian MFA comment on the Korean Peninsula).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from dipdiff.errors import InputError
from dipdiff.readers import InputFormat, parse_statement, read_statement
from dipdiff.readers.sniff import sniff
from tests.fixtures.formats import SEED, docx_document, html_page, pdf_document
from tests.helpers import expect, run_cli

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason=f"seed statement {SEED} not on this machine")


@pytest.fixture(scope="module")
def seed() -> list[str]:
    """The seed statement's paragraphs, one per line in the file."""
    return [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]


def _contains_run(paragraphs: tuple[str, ...], run: list[str]) -> bool:
    """Whether ``run`` occurs in ``paragraphs`` as consecutive items."""
    return any(list(paragraphs[k : k + len(run)]) == run for k in range(len(paragraphs) - len(run) + 1))


def test_every_format_yields_the_seed_words(seed: list[str], tmp_path: Path) -> None:
    text = read_statement(str(SEED))
    assert list(text.paragraphs) == seed
    files = {
        "statement.html": html_page(seed),
        "statement.pdf": pdf_document(seed),
        "statement.docx": docx_document(seed),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        statement = read_statement(str(tmp_path / name))
        assert _contains_run(statement.paragraphs, seed), (name, statement.paragraphs)
        extra = [p for p in statement.paragraphs if p not in seed]
        assert len(extra) <= 1, (name, extra)  # at most the page's heading


def test_compare_finds_no_change_between_formats(seed: list[str], tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(pdf_document(seed, title=None, symbol=None))
    (tmp_path / "b.docx").write_bytes(docx_document(seed))
    run = expect(run_cli("compare", str(tmp_path / "a.pdf"), str(tmp_path / "b.docx"), "-f", "json"), 0)
    assert '"equal": 8' in run.stdout


# --- HTML ---------------------------------------------------------------------------------------


def test_html_drops_page_furniture_and_keeps_metadata(seed: list[str]) -> None:
    statement = parse_statement(html_page(seed), "page.html")
    text = " ".join(statement.paragraphs)
    for boilerplate in ("cookies", "Press service", "Related news", "All rights reserved", "tracking"):
        assert boilerplate not in text
    assert statement.meta["title"] == "Comment on the Korean Peninsula"
    assert statement.meta["date"] == "2017-03-09"
    assert statement.meta["url"] == "https://mfa.example/en/press/1234/"


def test_an_html_page_is_never_dated_by_a_date_its_text_mentions() -> None:
    """A ministry's page without a publication date in its markup has no date, not the date of an
    earlier agreement it recalls; one its markup gives (``<time>``) is kept."""
    recall = (
        "<p>We recall the joint statement of 19 September 2005, in which all parties committed to the "
        "verifiable denuclearization of the Korean Peninsula in a peaceful manner.</p>"
        "<p>We call on all parties concerned to exercise restraint and to return to the negotiating "
        "table without preconditions, in the spirit of the agreements reached in the past.</p>"
    )
    page = f"<html><head><title>Statement</title></head><body><article><h1>Statement</h1>{recall}"
    undated = parse_statement(f"{page}</article></body></html>".encode(), "page.html")
    assert "19 September 2005" in " ".join(undated.paragraphs) and "date" not in undated.meta, undated.meta
    timed = f'{page}<time datetime="2017-03-09">9 March 2017</time></article></body></html>'
    assert parse_statement(timed.encode(), "page.html").meta["date"] == "2017-03-09"


def test_html_fragment_and_line_breaks() -> None:
    statement = parse_statement(b"<p>We are concerned.</p>", "frag.html")
    assert statement.paragraphs == ("We are concerned.",)
    page = b"<html><body><div>We call on all sides.<br>\nTo show restraint.<br><br>\nWe hope.</div></body>"
    statement = parse_statement(page, "-", InputFormat.HTML)
    assert statement.paragraphs == ("We call on all sides. To show restraint.", "We hope.")


def test_html_declared_legacy_charset() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Мы обеспокоены.</p></body></html>'
    statement = parse_statement(page.encode("cp1251"), "ru.html")
    assert statement.paragraphs == ("Мы обеспокоены.",)


def test_html_page_without_text_is_refused() -> None:
    with pytest.raises(InputError, match="no statement text"):
        parse_statement(
            b"<html><head><title>T</title><script>x()</script></head><body> </body></html>", "a.html"
        )


# --- PDF ----------------------------------------------------------------------------------------


def test_pdf_rebuilds_paragraphs_and_keeps_the_symbol(seed: list[str]) -> None:
    statement = parse_statement(pdf_document(seed), "res.pdf")
    assert list(statement.paragraphs) == seed  # hyphenated breaks joined, header and page numbers gone
    assert statement.meta == {"title": "Resolution 2397 (2017)", "symbol": "S/RES/2397 (2017)"}


def test_pdf_keeps_real_hyphens_at_line_ends() -> None:
    # The fixture breaks compounds after their hyphen; each of these lands at a line's end.
    paragraphs = [
        "word " * 15 + "word non-discriminatory talks, non-discriminatory.",
        "word " * 15 + "with US-South talks.",
        "word " * 15 + "with peace-keeping and peacekeeping.",
    ]
    statement = parse_statement(pdf_document(paragraphs, symbol=None, title=None), "x.pdf")
    assert statement.paragraphs == (
        "word " * 15 + "word non-discriminatory talks, non-discriminatory.",
        "word " * 15 + "with US-South talks.",
        "word " * 15 + "with peacekeeping and peacekeeping.",  # the document's spelling wins
    )


def test_pdf_text_goes_through_the_text_readers_reflow(seed: list[str]) -> None:
    """The PDF reader has no paragraph rules of its own: its lines are re-flowed as wrapped text is,
    with the same note, and ``reflow=False`` keeps them as they are, a line a paragraph."""
    statement = parse_statement(pdf_document(seed), "res.pdf")
    assert statement.notes and statement.notes[0].startswith("re-flowed ")
    assert f"into {len(seed)} paragraphs" in statement.notes[0] and "mended" in statement.notes[0]
    kept = parse_statement(pdf_document(seed), "res.pdf", reflow=False)
    assert kept.notes == () and any(p.startswith("nsula are meagre.") for p in kept.paragraphs)
    assert any(p.endswith("Korean Peni-") for p in kept.paragraphs), kept.paragraphs


def test_pdf_with_broken_xref_is_still_read(seed: list[str]) -> None:
    statement = parse_statement(pdf_document(seed, broken_xref=True), "broken.pdf")
    assert list(statement.paragraphs) == seed


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"],
)
def test_broken_pdf_is_one_error(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^x\.pdf: (unreadable PDF|no text in the PDF)"):
        parse_statement(data, "x.pdf")


# --- DOCX ---------------------------------------------------------------------------------------


def test_docx_accepts_tracked_changes(seed: list[str]) -> None:
    statement = parse_statement(docx_document(seed), "draft.docx")
    assert list(statement.paragraphs) == seed
    text = " ".join(statement.paragraphs)
    assert "very much indeed" not in text and "hawkish" not in text and "Moved-out" not in text
    assert statement.meta == {"title": "Comment on the Korean Peninsula"}


def test_docx_table_rows_are_paragraphs() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Joint statement.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Country", "Position"
    table.cell(1, 0).text, table.cell(1, 1).text = "Russia", "Supports talks"
    out = io.BytesIO()
    document.save(out)
    statement = parse_statement(out.getvalue(), "t.docx")
    assert statement.paragraphs == ("Joint statement.", "Country | Position", "Russia | Supports talks")


def test_zip_that_is_not_a_word_document() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(InputError, match="not a Word document"):
        parse_statement(out.getvalue(), "notes.docx")


# --- sniffing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n...", "statement.txt", InputFormat.PDF),  # content beats the extension
        (b"junk before\n%PDF-1.4\n", "-", InputFormat.PDF),
        (b"PK\x03\x04rest", "statement", InputFormat.DOCX),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "-", InputFormat.HTML),
        ("<!-- saved -->\n<html lang='ru'>".encode("utf-16"), "page", InputFormat.HTML),
        (b"<p>fragment</p>", "page.htm", InputFormat.HTML),  # the extension as a hint
        (b"We are concerned.", "a.md", InputFormat.MARKDOWN),
        (b"We are concerned.", "a.txt", InputFormat.TEXT),
        (b"We are concerned. <html> is a word here", "-", InputFormat.AUTO),
    ],
)
def test_sniffing(data: bytes, name: str, expected: InputFormat) -> None:
    assert sniff(data, name) is expected


def test_input_format_overrides_sniffing(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body><p>We are <b>deeply</b> concerned.</p></body></html>")
    as_html = expect(run_cli("compare", str(page), str(page), "-f", "json"), 0)
    assert "We are deeply concerned." in as_html.stdout
    as_text = expect(run_cli("compare", str(page), str(page), "-f", "json", "--input-format", "text"), 0)
    assert "<b>deeply</b>" in as_text.stdout


@pytest.mark.parametrize("kind", ["html", "pdf", "docx"])
def test_corpus_add_files_the_extracted_text(
    kind: str, seed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "speakers.yaml").write_text("ru-mfa:\n  name: Russian MFA\n  country: RUS\n", encoding="utf-8")
    build = {"html": html_page, "pdf": pdf_document, "docx": docx_document}[kind]
    source = tmp_path / f"incoming.{kind}"
    source.write_bytes(build(seed))
    args = ("--speaker", "ru-mfa", "--date", "2017-03-01", "--title", "Comment")
    expect(run_cli("corpus", "add", str(source), "--corpus", str(corpus), *args), 0)
    filed = next(corpus.glob("ru-mfa/*"))
    assert filed.suffix == ".txt"
    assert _contains_run(read_statement(str(filed)).paragraphs, seed)
    expect(run_cli("check", "--corpus", str(corpus)), 0)
