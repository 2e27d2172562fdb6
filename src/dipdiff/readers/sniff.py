"""Choose how to read a statement's bytes: by content first, then by the file's extension.

PDF and DOCX announce themselves with magic bytes (``%PDF-`` within the first kilobyte, as the PDF
specification allows; a ZIP local-file header); an HTML page opens with a doctype or an ``<html>``,
``<head>`` or ``<body>`` tag. When the content says nothing, the extension is the hint: ``.html``,
``.pdf``, ``.docx``, Markdown names, ``.txt``. A text file that opens with front matter is Markdown.
"""

from __future__ import annotations

import codecs
import re
from enum import Enum
from pathlib import Path


class InputFormat(str, Enum):
    """How to read a statement's bytes."""

    AUTO = "auto"
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


BINARY_FORMATS = frozenset({InputFormat.PDF, InputFormat.DOCX})
"""Formats read from raw bytes, never through the text decoder."""

_SUFFIXES = {
    ".md": InputFormat.MARKDOWN,
    ".markdown": InputFormat.MARKDOWN,
    ".mdown": InputFormat.MARKDOWN,
    ".mkd": InputFormat.MARKDOWN,
    ".txt": InputFormat.TEXT,
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".pdf": InputFormat.PDF,
    ".docx": InputFormat.DOCX,
}

_SNIFF_BYTES = 1024
"""How far into the file magic bytes and the opening tag are looked for."""

# Only the first kilobyte is searched, and every piece is anchored or bounded, so this is cheap
# on any input: optional XML declaration, comments and whitespace, then a telling tag.
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,400}?-->\s*){0,5}"
    r"<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)


def sniff(data: bytes, source: str) -> InputFormat:
    """Return the format the bytes are in: TEXT or MARKDOWN are left to the front-matter check."""
    head = data[:_SNIFF_BYTES]
    if b"%PDF-" in head:
        return InputFormat.PDF
    if head.startswith(b"PK\x03\x04"):
        return InputFormat.DOCX
    if _HTML_START.match(_head_text(head)):
        return InputFormat.HTML
    return suffix_format(source) or InputFormat.AUTO


def suffix_format(source: str) -> InputFormat | None:
    """The format a file name suggests, if any."""
    if source == "-":
        return None
    return _SUFFIXES.get(Path(source).suffix.lower())


def _head_text(head: bytes) -> str:
    """Decode the first bytes leniently, honouring a UTF-16 or UTF-8 byte-order mark."""
    for bom, encoding in (
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="replace")
    return head.decode("latin-1")
