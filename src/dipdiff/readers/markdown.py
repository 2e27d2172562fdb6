"""Markdown: the words of each block, without markup (link targets, emphasis, escapes, images).

Parsed with markdown-it-py (CommonMark plus tables), so links that span lines and backslash escapes
are read as a Markdown renderer reads them. Raw HTML and images are not statement text and are
dropped. Each paragraph, heading, list-item paragraph and table row is one paragraph.
"""

from __future__ import annotations

from typing import Any

_MAX_NESTING = 50
"""Deeper nesting (quotes in lists in quotes ...) is rendered flat; it bounds the parser's work."""


def paragraphs(body: str, first_line: int = 1) -> tuple[list[str], list[int]]:
    """Return the text of each block and its 1-based start line."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable("table")
    texts: list[str] = []
    starts: list[int] = []
    row: list[str] | None = None
    row_line = 0
    previous = ""
    for token in md.parse(body):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "tr_open":
            row, row_line = [], line
        elif token.type == "tr_close" and row is not None:
            _emit(" | ".join(cell for cell in row if cell), row_line, texts, starts)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(_inline_text(token.children or []))
        elif token.type == "inline" and previous in ("paragraph_open", "heading_open"):
            _emit(_inline_text(token.children or []), line, texts, starts)
        elif token.type in ("fence", "code_block"):
            _emit(" ".join(token.content.split()), line, texts, starts)
        previous = token.type
    return texts, starts


def _emit(text: str, line: int, texts: list[str], starts: list[int]) -> None:
    """Append a non-empty paragraph."""
    if text:
        texts.append(text)
        starts.append(line)


def _inline_text(children: list[Any]) -> str:
    """Join the words of an inline token's children; markup contributes no characters."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())
