"""Word documents (DOCX): the document's paragraphs, with tracked changes accepted.

Each paragraph of the body is a paragraph, each table row one paragraph of its cells joined by
`` | `` (as in Markdown tables). Tracked changes are markup, not text: the document is read as Word
shows it once every change is **accepted** - inserted and moved-in text is kept, deleted and
moved-out text is not, and a paragraph whose mark was deleted runs on into the next one. Comments,
footnotes, headers, footers, text boxes and field codes are not statement text and are dropped. The
document's title property, when set, becomes ``meta["title"]``.

Before python-docx opens anything, the ZIP archive's directory is checked: a DOCX is a ZIP file, and a
hostile one (a "zip bomb") can claim gigabytes of XML in a few kilobytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from dipdiff.errors import InputError
from dipdiff.model import Statement
from dipdiff.readers.guard import quiet, unreadable

MAX_UNPACKED_BYTES = 64 * 1024 * 1024
"""Most bytes all the archive's members may unpack to (python-docx holds every part in memory)."""
MAX_MEMBERS = 5_000
"""Most files in the archive."""
MAX_RATIO = 200
"""Largest compression ratio allowed for a member over 1 MiB; XML compresses ~10:1, bombs ~1000:1."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = {
    f"{_W}{tag}" for tag in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText", "txbxContent", "sectPr")
} | {f"{_MC}Fallback"}
"""Subtrees that hold no accepted text: deletions, properties, field codes, text boxes, fallbacks."""
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def read(data: bytes, source: str) -> Statement:
    """Read a DOCX file's bytes into paragraphs, after checking the archive is not a bomb."""
    _check_archive(data, source)
    import docx

    with quiet("docx"):
        try:
            document = docx.Document(io.BytesIO(data))
            paragraphs = _body_paragraphs(document.element.body)
            title = " ".join((document.core_properties.title or "").split())
        except InputError:
            raise
        except Exception as exc:  # any failure on hostile bytes means "unreadable"
            raise unreadable("Word document", exc, source) from None
    meta: dict[str, Any] = {"title": title} if title else {}
    return Statement(source=source, paragraphs=tuple(paragraphs), meta=meta)


def _check_archive(data: bytes, source: str) -> None:
    """Refuse archives that are broken, hold too many files, or unpack to too much."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise unreadable("Word document (broken ZIP archive)", exc, source) from None
    if len(members) > MAX_MEMBERS:
        raise InputError(f"not a Word document: a ZIP archive of {len(members):,} files", source=source)
    if "[Content_Types].xml" not in {member.filename for member in members}:
        raise InputError("not a Word document: a ZIP archive without [Content_Types].xml", source=source)
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > MAX_RATIO:
            raise InputError(
                f"refused: {member.filename} would unpack {ratio:,.0f} times larger (a zip bomb?)",
                source=source,
            )
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"refused: the archive unpacks to {total:,} bytes, over the"
            f" {MAX_UNPACKED_BYTES // (1024 * 1024)} MiB limit",
            source=source,
        )


def _body_paragraphs(body: Any) -> list[str]:
    """Paragraphs and table rows of the body in document order, tracked changes accepted."""
    paragraphs: list[str] = []
    carried = ""  # text of a paragraph whose mark was deleted, running on into the next
    stack = list(reversed(list(body)))
    while stack:
        element = stack.pop()
        if element.tag == f"{_W}p":
            text = carried + _paragraph_text(element)
            if _mark_deleted(element):
                carried = text if not text or text[-1:].isspace() else text + " "
                continue
            carried = ""
            _split(text, paragraphs)
        elif element.tag == f"{_W}tbl":
            for row in element.iter(f"{_W}tr"):
                cells = [_cell_text(cell) for cell in row.iterchildren(f"{_W}tc")]
                row_text = " | ".join(cell for cell in cells if cell)
                if row_text:
                    paragraphs.append(row_text)
        elif element.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"):
            # content controls and block-level tracked insertions wrap ordinary paragraphs
            stack.extend(reversed(list(element)))
    if carried:
        _split(carried, paragraphs)
    return paragraphs


def _cell_text(cell: Any) -> str:
    """All accepted text of a table cell, its paragraphs joined by spaces."""
    return " ".join(" ".join(_paragraph_text(p).split()) for p in cell.iter(f"{_W}p")).strip()


def _paragraph_text(paragraph: Any) -> str:
    """The accepted text of one paragraph; a ``w:br`` is a newline, two of them a paragraph break."""
    from lxml import etree

    parts: list[str] = []
    walker = etree.iterwalk(paragraph, events=("start",))
    for _, element in walker:
        tag = element.tag
        if tag in _SKIPPED or (element is not paragraph and tag == f"{_W}p"):
            walker.skip_subtree()
        elif tag == f"{_W}t":
            parts.append(element.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            parts.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _mark_deleted(paragraph: Any) -> bool:
    """Whether the paragraph's own mark is a tracked deletion (it merges with the next one)."""
    properties = paragraph.find(f"{_W}pPr")
    run_properties = properties.find(f"{_W}rPr") if properties is not None else None
    return run_properties is not None and (
        run_properties.find(f"{_W}del") is not None or run_properties.find(f"{_W}moveFrom") is not None
    )


def _split(text: str, paragraphs: list[str]) -> None:
    """Append a Word paragraph, split where two line breaks leave a blank line."""
    for part in _BLANK_LINE.split(text):
        clean = " ".join(part.split())
        if clean:
            paragraphs.append(clean)
