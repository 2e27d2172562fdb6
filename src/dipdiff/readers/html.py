"""HTML pages saved from a ministry's or a leader's website: the statement, not the page around it.

trafilatura finds the main text and drops navigation, headers, footers, cookie banners, related links,
comments, scripts and styles. Each of its blocks (paragraph, heading, list item, quotation, table row)
is a paragraph; a blank line made of two ``<br>`` inside a block also separates paragraphs. The page's
title, publication date and canonical URL become ``Statement.meta``.

Pages trafilatura finds no main text in (a bare fragment, a page that is all list), and very large
or very deeply nested pages, where its cost grows faster than the page, are read by a simpler rule:
every block element's text outside ``<nav>``, ``<header>``, ``<footer>``, ``<aside>``, forms, scripts
and styles. libxml2 stops at 256 levels of nesting; text deeper than that is lost.
"""

from __future__ import annotations

import codecs
import copy
import re
from collections.abc import Mapping
from typing import Any

from dipdiff.errors import InputError
from dipdiff.model import Statement
from dipdiff.readers.decode import decode
from dipdiff.readers.guard import quiet, unreadable

MAX_EXTRACTOR_ELEMENTS = 20_000
"""Pages with more elements than this skip trafilatura (it needs ~2 s per 20,000 and grows faster)."""
MAX_EXTRACTOR_DEPTH = 120
"""Pages nested deeper than this skip trafilatura too (at libxml2's cap of 256 it needs ~4 s)."""

_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")

_META_CHARSET = re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.I)
# Characters XML (and so lxml) cannot hold; a browser shows NUL as U+FFFD and ignores the others.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]{0,300}\?>")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SPACES = re.compile(r"\s+")
_CELL = "\x1f"
"""Stands between table cells while a row is collected; the row joins its cells with `` | ``."""

# What each element does to the flow of text. Elements not listed are inline (their text runs on).
_BREAK, _LINE, _ROW, _CELL_ROLE, _SKIP = "break", "line", "row", "cell", "skip"


def _roles(tags: str, role: str) -> dict[str, str]:
    """Give every tag named in ``tags`` (space-separated) the same role."""
    return dict.fromkeys(tags.split(), role)


_EXTRACTED_ROLES = {
    **_roles("p head item quote code list table div body doc", _BREAK),
    "row": _ROW,
    "cell": _CELL_ROLE,
    "lb": _LINE,
    "graphic": _SKIP,
}
"""Roles of the elements in trafilatura's output (its XML-TEI-like vocabulary)."""

_PAGE_ROLES = {
    **_roles(
        """p div h1 h2 h3 h4 h5 h6 li ul ol dl dd dt blockquote pre section article main table tbody
        thead tfoot figure figcaption address center hr body html caption""",
        _BREAK,
    ),
    "tr": _ROW,
    "td": _CELL_ROLE,
    "th": _CELL_ROLE,
    "br": _LINE,
    **_roles(
        """head script style noscript template nav header footer aside form button select textarea
        svg math iframe object canvas dialog menu""",
        _SKIP,
    ),
}
"""Roles of raw page elements for the simple rule."""


def read(data: bytes, source: str) -> Statement:
    """Extract the statement's paragraphs and page metadata from an HTML page's bytes."""
    page = _parse(_text(data, source), source)
    meta: dict[str, Any] = {}
    paragraphs: list[str] = []
    if _fits_extractor(page):
        paragraphs, meta = _extract(page, source)
    if not paragraphs:
        paragraphs = _walk(page, _PAGE_ROLES)
        meta = meta or _page_meta(page)
    if not paragraphs:
        raise InputError("no statement text found in the HTML page", source=source)
    return Statement(source=source, paragraphs=tuple(paragraphs), meta=meta)


def _text(data: bytes, source: str) -> str:
    """Decode the page: a byte-order mark, else the declared charset, else as any text file."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            encoding = None
        # A page declaring UTF-16 in a <meta> tag was necessarily saved in an ASCII-compatible
        # encoding (the browsers' rule), and the declaration is stale.
        if encoding is not None and not encoding.startswith(("utf-16", "utf-32")):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass
    return decode(data, source)


def _parse(text: str, source: str) -> Any:
    """Parse the page with lxml's forgiving HTML parser (depth capped at 256 by libxml2)."""
    import lxml.html
    from lxml import etree

    text = _NOT_XML.sub("", _XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        raise InputError("empty statement: the HTML page holds no text", source=source)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except etree.ParserError:
        raise InputError("no statement text found in the HTML page", source=source) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise unreadable("HTML page", exc, source) from None


def _fits_extractor(page: Any) -> bool:
    """Whether the page is small and shallow enough for trafilatura; stops at the first excess."""
    from lxml import etree

    count = depth = 0
    for event, _ in etree.iterwalk(page, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        count, depth = count + 1, depth + 1
        if count > MAX_EXTRACTOR_ELEMENTS or depth > MAX_EXTRACTOR_DEPTH:
            return False
    return True


def _extract(page: Any, source: str) -> tuple[list[str], dict[str, Any]]:
    """Run trafilatura on a copy of the page; return its blocks as paragraphs, and its metadata."""
    import trafilatura
    from trafilatura.settings import set_date_params

    page_copy = _spaced_breaks(copy.deepcopy(page))
    with quiet(*_LOGGERS):
        try:
            document = trafilatura.bare_extraction(
                page_copy,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_images=False,
                include_links=False,
                # the date the page's markup gives (meta tags, <time>, an element classed as a date,
                # the URL), never one its text mentions: a statement recalling "the joint statement
                # of 19 September 2005" was dated 2005-09-19, and a page with none the year of its
                # footer's copyright line
                date_extraction_params=set_date_params(extensive=False),
                config=_config(),
            )
        except RecursionError:
            return [], {}  # the simple rule below walks the tree without recursing
    if document is None or isinstance(document, dict) or document.body is None:
        return [], {}
    meta = {
        key: value
        for key, value in (("title", document.title), ("date", document.date), ("url", document.url))
        if isinstance(value, str) and value.strip()
    }
    return _walk(document.body, _EXTRACTED_ROLES), meta


def _spaced_breaks(page: Any) -> Any:
    """Put a newline between ``<br>`` elements written together (``<br><br>``): trafilatura keeps one
    line break of such a run, so the blank line that ends a paragraph would be lost."""
    for br in page.iter("br"):
        following = br.getnext()
        if following is not None and following.tag == "br" and not (br.tail or "").strip():
            br.tail = (br.tail or "") + "\n"
    return page


def _config() -> Any:
    """trafilatura's settings, with its minimum-length checks off: a short statement is still one."""
    from trafilatura.settings import use_config

    config = use_config()
    for key in ("MIN_EXTRACTED_SIZE", "MIN_OUTPUT_SIZE", "MIN_EXTRACTED_COMM_SIZE", "MIN_OUTPUT_COMM_SIZE"):
        config.set("DEFAULT", key, "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _walk(root: Any, roles: Mapping[str, str]) -> list[str]:
    """Collect paragraphs from a tree without recursion: blocks break, ``<br>`` breaks lines.

    Source whitespace becomes spaces, so the only newlines are the ``<br>`` ones, and two of them
    with nothing but spaces between separate paragraphs.
    """
    from lxml import etree

    paragraphs: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        _split("".join(buffer), paragraphs)
        buffer.clear()

    cells = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        role = roles.get(element.tag, "") if isinstance(element.tag, str) else _SKIP
        if event == "start":
            if role == _SKIP:
                walker.skip_subtree()
                continue
            if role == _LINE:
                buffer.append("\n")
            elif role == _CELL_ROLE:
                buffer.append(_CELL if cells else "")
                cells += 1
            elif role in (_BREAK, _ROW):
                flush()
                cells = 0
            if element.text:
                buffer.append(_SPACES.sub(" ", element.text))
        else:
            if role in (_BREAK, _ROW):
                flush()
            if element.tail:
                buffer.append(_SPACES.sub(" ", element.tail))
    flush()
    return paragraphs


def _split(chunk: str, paragraphs: list[str]) -> None:
    """Append the paragraphs of one block: split at blank lines, whitespace collapsed, cells joined."""
    for part in _BLANK_LINE.split(chunk):
        if _CELL in part:
            cells = (" ".join(cell.split()) for cell in part.split(_CELL))
            text = " | ".join(cell for cell in cells if cell)
        else:
            text = " ".join(part.split())
        if text:
            paragraphs.append(text)


def _page_meta(page: Any) -> dict[str, Any]:
    """Title, date and canonical URL read straight from the page's head, for the simple rule."""
    found: dict[str, Any] = {}
    for key, paths in (
        ("title", ("//meta[@property='og:title']/@content", "//title/text()")),
        ("date", ("//meta[@property='article:published_time']/@content",)),
        ("url", ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")),
    ):
        for path in paths:
            values = [" ".join(str(v).split()) for v in page.xpath(path)]
            if values and values[0]:
                found[key] = values[0]
                break
    return found
