"""Read a statement from a file or standard input into a ``Statement``.

The format is chosen by content sniffing, with the file's extension as a hint, unless the caller
names it. Each format is one module with a ``paragraphs(body, first_line)`` function for text formats.
Every failure is an ``InputError`` whose message names the file.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from dipdiff.errors import InputError
from dipdiff.model import Statement
from dipdiff.readers import markdown, text
from dipdiff.readers.decode import decode
from dipdiff.readers.frontmatter import split_front_matter

MAX_INPUT_BYTES = 16 * 1024 * 1024
"""Largest statement file dipdiff reads (16 MiB); larger files are refused with exit code 2."""


class InputFormat(str, Enum):
    """How to read a statement's bytes."""

    AUTO = "auto"
    TEXT = "text"
    MARKDOWN = "markdown"


_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


def read_statement(
    source: str, input_format: InputFormat = InputFormat.AUTO, *, stdin: BinaryIO | None = None
) -> Statement:
    """Read the statement at path ``source``, or standard input when ``source`` is ``-``."""
    return parse_statement(read_bytes(source, stdin=stdin), source, input_format)


def read_bytes(source: str, *, stdin: BinaryIO | None = None) -> bytes:
    """Read at most ``MAX_INPUT_BYTES`` from a path or from standard input."""
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_INPUT_BYTES + 1)
    else:
        path = Path(source)
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except FileNotFoundError:
            raise InputError("no such file", source=source) from None
        except IsADirectoryError:
            raise InputError("is a directory; expected a statement file", source=source) from None
        except PermissionError:
            raise InputError("permission denied", source=source) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB limit for one statement",
            source=source,
        )
    return data


def parse_statement(
    data: bytes, source: str, input_format: InputFormat = InputFormat.AUTO
) -> Statement:
    """Turn a statement's bytes into metadata and paragraphs."""
    decoded = decode(data, source).replace("\r\n", "\n").replace("\r", "\n")
    meta, body, skipped = split_front_matter(decoded, source)
    fmt = input_format
    if fmt is InputFormat.AUTO:
        fmt = _sniff(source, has_front_matter=bool(skipped))
    reader = markdown if fmt is InputFormat.MARKDOWN else text
    texts, starts = reader.paragraphs(body, first_line=skipped + 1)
    if not texts:
        raise InputError("empty statement: no paragraphs of text", source=source)
    return Statement(source=source, paragraphs=tuple(texts), meta=meta, lines=tuple(starts))


def _sniff(source: str, *, has_front_matter: bool) -> InputFormat:
    """Pick Markdown for Markdown file names and for front-matter documents, text otherwise."""
    suffix = Path(source).suffix.lower() if source != "-" else ""
    if suffix in _MARKDOWN_SUFFIXES:
        return InputFormat.MARKDOWN
    if suffix == ".txt":
        return InputFormat.TEXT
    return InputFormat.MARKDOWN if has_front_matter else InputFormat.TEXT
