"""PDF statements (UN documents, ministry releases): the running text, rebuilt into paragraphs.

pypdf lays each page out as text with its vertical gaps kept as blank lines. From those lines:

- **Running headers and footers** (lines among the first or last three of a page that recur, digits
  aside, on at least half the pages) and **page numbers** (``7``, ``- 7 -``, ``Page 7 of 9``, ``7/9``)
  are dropped.
- **Hyphenated line breaks** are joined: ``nego-`` + ``tiations`` is ``negotiations``, unless the
  document spells the word with its hyphen elsewhere; before a capital (``US-`` + ``South``) the hyphen
  stays. Soft hyphens at a line's end go.
- **Paragraphs** end at a blank line, at an indented line, and after a short line that ends a
  sentence; a paragraph running over a page break is joined back together. When a document leaves
  blank lines between all its lines (double spacing), blank lines say nothing and are ignored.
- A **UN document symbol** such as ``S/RES/2397 (2017)`` or ``A/HRC/52/L.1`` found at the top of the
  first page is kept as ``meta["symbol"]``; the document's title, if it has one, as ``meta["title"]``.

Scanned PDFs hold images, not text: they are refused as having no text.
"""

from __future__ import annotations

import io
import re
import statistics
import time
from typing import Any

from dipdiff.errors import InputError
from dipdiff.model import Statement
from dipdiff.readers.guard import quiet, unreadable

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
_HYPHEN_END = re.compile(r"([^\W\d_]{1,64})[-\u2010]$")
_WORD_START = re.compile(r"^([^\W\d_]+)")
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?:;…»”\"')\]]$")
_LIST_MARK = re.compile(r"^\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s")


def read(data: bytes, source: str) -> Statement:
    """Read a PDF's text into paragraphs, with its UN symbol and title as metadata."""
    pages, title = _page_texts(data, source)
    symbol = _symbol(pages)
    lines = _strip_edges(pages, symbol)
    paragraphs = _paragraphs(lines)
    if not paragraphs:
        raise InputError("no text in the PDF (a scanned document needs OCR first)", source=source)
    meta: dict[str, Any] = {}
    if title:
        meta["title"] = title
    if symbol:
        meta["symbol"] = symbol
    return Statement(source=source, paragraphs=tuple(paragraphs), meta=meta)


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


def _paragraphs(pages: list[list[str]]) -> list[str]:
    """Rebuild paragraphs from laid-out lines: blank lines, indents, short sentence-final lines."""
    rows: list[tuple[str, int, bool, bool]] = []  # text, indent, blank line before, first on page
    for lines in pages:
        gap, first = False, True
        for line in lines:
            if not line.strip():
                gap = True
                continue
            rows.append((" ".join(line.split()), len(line) - len(line.lstrip()), gap, first))
            gap, first = False, False
    if not rows:
        return []
    gaps_mean_breaks = sum(row[2] for row in rows if not row[3]) < 0.5 * len(rows)
    margin = statistics.median_low(row[1] for row in rows)
    full = statistics.median(len(row[0]) for row in rows)
    known = {w.lower() for text, *_ in rows for w in _WORDS.findall(text)}
    paragraphs: list[str] = []
    parts: list[str] = []  # the current paragraph's lines; joined once, so long ones stay linear
    previous = ""
    for text, indent, gap, first in rows:
        if parts and _breaks(previous, text, indent, gap, first, gaps_mean_breaks, margin, full):
            paragraphs.append("".join(parts))
            parts = []
        _join(parts, text, known)
        previous = text
    if parts:
        paragraphs.append("".join(parts))
    return paragraphs


def _breaks(
    previous: str,
    text: str,
    indent: int,
    gap: bool,
    first: bool,
    gaps_mean_breaks: bool,
    margin: int,
    full: float,
) -> bool:
    """Whether ``text`` starts a new paragraph after the line ``previous``."""
    ends_sentence = _SENTENCE_END.search(previous) is not None
    if first:
        # Across a page break a paragraph goes on unless the last line ended it.
        return ends_sentence and (len(previous) < 0.8 * full or text[:1].isupper())
    if gap and gaps_mean_breaks:
        return True
    if indent > margin + 2 and ends_sentence:
        return True
    if _LIST_MARK.match(text) and ends_sentence:
        return True
    return ends_sentence and len(previous) < 0.7 * full


def _join(parts: list[str], text: str, known: set[str]) -> None:
    """Append a line to a paragraph's lines, mending a word hyphenated across the break."""
    if not parts:
        parts.append(text)
        return
    last = parts[-1]
    hyphen = _HYPHEN_END.search(last[-80:])
    start = _WORD_START.match(text)
    if last.endswith("\u00ad"):
        parts[-1] = last[:-1]
    elif hyphen and start:
        head, tail = hyphen.group(1), start.group(1)
        joined = f"{head}-{tail}".lower()
        if not (tail[0].isupper() or (joined in known and f"{head}{tail}".lower() not in known)):
            parts[-1] = last[:-1]  # a line-end hyphen; real ones (US-South) stay
    else:
        parts.append(" ")
    parts.append(text)
