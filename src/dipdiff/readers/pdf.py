"""PDF statements (UN documents, ministry releases): the running text, rebuilt into paragraphs.

pypdf lays each page out as text with its vertical gaps kept as blank lines. From those lines:

- **Running headers and footers** (lines among the first or last three of a page that recur, digits
  aside, on at least half the pages) and **page numbers** (``7``, ``- 7 -``, ``Page 7 of 9``, ``7/9``)
  are dropped.
- **Paragraphs and broken words** are what the text reader makes of the remaining lines, pages
  joined by a form feed: hard-wrapped lines are re-flowed (``readers.reflow``: blank lines, indents
  and short sentence-final lines end paragraphs, a paragraph runs on across a page break, words
  broken at a line end are mended from the document's own spelling and a word list), unless the
  caller asks for the lines as they are (then each line is a paragraph). When a document leaves
  blank lines between all its lines (double spacing), blank lines say nothing and are dropped first.
- A **UN document symbol** such as ``S/RES/2397 (2017)`` or ``A/HRC/52/L.1`` found at the top of the
  first page is kept as ``meta["symbol"]``; the document's title, if it has one, as ``meta["title"]``.

Scanned PDFs hold images, not text: they are refused as having no text.
"""

from __future__ import annotations

import io
import re
import time
from typing import Any

from dipdiff.errors import InputError
from dipdiff.model import Statement
from dipdiff.readers.guard import quiet, unreadable
from dipdiff.readers.reflow import reflow as reflow_lines

MAX_PAGES = 2_000
"""Longest PDF read, in pages."""
MAX_SECONDS = 60.0
"""Time allowed for extracting the text of all pages; past it the file is refused."""
_MAX_TEXT = 16 * 1024 * 1024
"""Most characters of text taken from one PDF (the limit on a text statement's size)."""
_EDGE_LINES = 3
"""How many lines at the top and bottom of a page can be a running header or footer."""

# Every pattern below is anchored and has no nested quantifiers over overlapping classes, so it
# runs in time linear in the line it is matched against.
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|стр\.|页)?\s*[-–—]?\s*(?:\d{1,4}|[ivx]{1,5})\s*[-–—]?\s*"
    r"(?:(?:/|of|из|sur|de)\s*\d{1,4})?",
    re.IGNORECASE,
)
_SYMBOL = re.compile(
    r"(?<![\w/])(?:[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]{0,24}){1,6})(?:\s\(\d{4}\))?(?![\w/])"
)


def read(data: bytes, source: str, *, reflow: bool = True) -> Statement:
    """Read a PDF's text into paragraphs, with its UN symbol and title as metadata; ``reflow=False``
    keeps the extracted lines as they are, a line a paragraph."""
    pages, title = _page_texts(data, source)
    symbol = _symbol(pages)
    body = _body(_strip_edges(pages, symbol))
    if reflow:
        done = reflow_lines(body.split("\n"), wrapped=True)
        paragraphs, notes = (done.paragraphs, (done.note(),)) if done and done.paragraphs else ((), ())
    else:
        paragraphs, notes = tuple(line.strip() for line in body.split("\n") if line.strip()), ()
    if not paragraphs:
        raise InputError("no text in the PDF (a scanned document needs OCR first)", source=source)
    meta: dict[str, Any] = {}
    if title:
        meta["title"] = title
    if symbol:
        meta["symbol"] = symbol
    return Statement(source=source, paragraphs=paragraphs, meta=meta, notes=notes)


def _page_texts(data: bytes, source: str) -> tuple[list[list[str]], str | None]:
    """Each page's lines, laid out by pypdf, and the document title; refuse what cannot be read."""
    import pypdf

    deadline = time.monotonic() + MAX_SECONDS
    pages: list[list[str]] = []
    total = 0
    # Tighter than pypdf's defaults: a statement needs no 75 MB stream, and no external decoder.
    with (
        quiet("pypdf"),
        pypdf.apply_configuration(
            zlib_maximum_output_length=_MAX_TEXT,
            lzw_maximum_output_length=_MAX_TEXT,
            run_length_maximum_output_length=_MAX_TEXT,
            brotli_maximum_output_length=_MAX_TEXT,
            stream_decoding_work_maximum_length=4 * _MAX_TEXT,
            stream_parsing_work_maximum_count=1_000_000,
            jbig2dec_binary=None,
        ),
    ):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError("encrypted PDF; save an unprotected copy first", source=source)
            count = len(reader.pages)
            if count > MAX_PAGES:
                raise InputError(f"{count:,} pages; the limit is {MAX_PAGES:,}", source=source)
            title = _title(reader)
            for page in reader.pages:
                if time.monotonic() > deadline:
                    raise InputError(
                        f"reading the PDF's text took longer than {MAX_SECONDS:.0f} s", source=source
                    )
                text = _page_text(page)
                total += len(text)
                if total > _MAX_TEXT:
                    raise InputError("more text than the 16 MiB limit for one statement", source=source)
                pages.append(text.split("\n"))
        except InputError:
            raise
        except Exception as exc:  # any failure on hostile bytes means "unreadable"
            raise unreadable("PDF", exc, source) from None
    return pages, title


def _page_text(page: Any) -> str:
    """One page's text in layout mode (blank lines for gaps), or in plain mode if layout fails."""
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode is the stricter of the two; try the other
        text = page.extract_text()
    return str(text or "").replace("\r\n", "\n").replace("\r", "\n")


def _title(reader: Any) -> str | None:
    """The document's own title, unless it is a file name or a word processor's placeholder."""
    info = reader.metadata
    title = " ".join(str(info.title).split()) if info is not None and info.title else ""
    if not title or title.lower().startswith(("microsoft word", "untitled")) or "." in title[-5:]:
        return None
    return title


def _symbol(pages: list[list[str]]) -> str | None:
    """A UN document symbol among the first lines of the first page."""
    if not pages:
        return None
    head = [line.strip() for line in pages[0] if line.strip()][:8]
    for line in head:
        match = _SYMBOL.search(line)
        if match and any(ch.isdigit() for ch in match.group()):
            return " ".join(match.group().split())
    return None


def _strip_edges(pages: list[list[str]], symbol: str | None) -> list[list[str]]:
    """Drop page numbers, the symbol line and running headers/footers from each page."""
    counts: dict[str, int] = {}
    for lines in pages:
        for key in {_edge_key(line) for line in _edges(lines)}:
            counts[key] = counts.get(key, 0) + 1
    running = {key for key, n in counts.items() if n >= 2 and n * 2 >= len(pages)}
    out = []
    for lines in pages:
        filled = [k for k, line in enumerate(lines) if line.strip()]
        edge = set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])
        kept = [
            line for k, line in enumerate(lines) if k not in edge or not _is_furniture(line, symbol, running)
        ]
        out.append(kept)
    return out


def _edges(lines: list[str]) -> list[str]:
    """The first and last few non-blank lines of a page."""
    filled = [line for line in lines if line.strip()]
    return filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]


def _edge_key(line: str) -> str:
    """A line with digits masked and spaces collapsed, to recognise a header on every page."""
    return " ".join(re.sub(r"\d+", "#", line).split()).lower()


def _is_furniture(line: str, symbol: str | None, running: set[str]) -> bool:
    """Whether an edge line is a page number, the document symbol, or a running header/footer."""
    text = " ".join(line.split())
    if not text:
        return False
    return (
        _PAGE_NUMBER.fullmatch(text) is not None
        or (symbol is not None and text == symbol)
        or _edge_key(text) in running
    )


def _body(pages: list[list[str]]) -> str:
    """The pages' lines as one text for the text reader: a form feed between pages, spaces inside a
    line collapsed (layout mode aligns columns with them), its indent kept. When blank lines stand
    between nearly all lines (double spacing), they say nothing and are dropped."""
    filled = gaps = 0
    for page in pages:
        seen = blank = False
        for line in page:
            if not line.strip():
                blank = True
                continue
            filled += 1
            gaps += seen and blank
            seen, blank = True, False
    double_spaced = gaps >= 0.5 * filled
    texts = []
    for page in pages:
        kept = [
            line[: len(line) - len(line.lstrip())] + " ".join(line.split())
            for line in page
            if line.strip() or not double_spaced
        ]
        texts.append("\n".join(kept))
    return "\n\f\n".join(texts)
