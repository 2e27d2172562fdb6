"""Read a statement from a file or standard input into a ``Statement``.

The format is chosen by content sniffing, with the file's extension as a hint, unless the caller
names it (``readers.sniff``). Text formats are decoded first and have a ``paragraphs(body, first_line)``
function; HTML, PDF and DOCX have a ``read(data, source)`` function that takes the raw bytes. Every
failure is an ``InputError`` whose message names the file.

Hard-wrapped plain text and PDF text are re-flowed into paragraphs (``readers.reflow``) unless
``reflow=False``; what re-flow did is in ``Statement.notes``. ``READER_VERSION`` changes whenever the
readers give different paragraphs for the same bytes: caches of parsed statements key on it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from typing import BinaryIO

from dipdiff.errors import InputError
from dipdiff.files import NotRegularFile, is_stream, read_regular
from dipdiff.model import Statement
from dipdiff.readers import markdown, text
from dipdiff.readers.decode import decode_guessed
from dipdiff.readers.frontmatter import split_front_matter
from dipdiff.readers.sniff import InputFormat, sniff

__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_PARAGRAPHS",
    "READER_VERSION",
    "InputFormat",
    "parse_statement",
    "read_bytes",
    "read_statement",
]

MAX_INPUT_BYTES = 16 * 1024 * 1024
"""Largest statement file dipdiff reads (16 MiB); larger files are refused with exit code 2."""
READER_VERSION = 15
"""Bumped whenever the readers give other paragraphs or metadata for the same bytes (2: re-flow of
wrapped text; 3: end marks and copyright years; 4: PDF text re-flowed, full last lines found; 5-7:
re-flow's exact-wrap, abbreviation and lost-indent rules; 8: words broken by a line end that had
become a space are mended in every layout; 9: full last lines weighed by the sentences around them
as well; 10: and, in wraps that are not exact, by how far they run past a full line's limit; 11: a far
short sentence-final line ends a paragraph in an indenting layout whose next indent was lost; 12: two
``<br>`` written together in an HTML page end a paragraph; 13: legacy encodings prefer the Windows
code pages and are noted; 14: a plain-text paragraph cut mid-sentence by a blank line or a line
break is joined to the one before; 15: a compound whose line break became a space inside a line is
mended when it is of a known kind, ``nuclear- missile``)."""
MAX_PARAGRAPHS = 100_000
"""Most paragraphs one statement may have; more are refused with exit code 2 (memory stays bounded)."""


def read_statement(
    source: str,
    input_format: InputFormat = InputFormat.AUTO,
    *,
    stdin: BinaryIO | None = None,
    reflow: bool = True,
) -> Statement:
    """Read the statement at path ``source``, or standard input when ``source`` is ``-``."""
    return parse_statement(read_bytes(source, stdin=stdin), source, input_format, reflow=reflow)


def read_bytes(source: str, *, stdin: BinaryIO | None = None) -> bytes:
    """Read at most ``MAX_INPUT_BYTES`` from a path or from standard input."""
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_INPUT_BYTES + 1)
    else:
        try:
            data = _read_path(source)
        except FileNotFoundError:
            raise InputError("no such file", source=source) from None
        except IsADirectoryError:
            raise InputError("is a directory; expected a statement file", source=source) from None
        except PermissionError:
            raise InputError("permission denied", source=source) from None
        except NotRegularFile as exc:
            raise InputError(f"{exc.strerror}; expected a statement file", source=source) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from None
        except ValueError:  # a NUL byte in the name
            raise InputError("not a usable file name", source=source) from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB limit for one statement",
            source=source,
        )
    return data


def _read_path(source: str) -> bytes:
    """A regular file's bytes, or a pipe a shell handed over (``/dev/stdin``, ``<(...)``); never a FIFO
    or device named in the file system, which could block forever (``dipdiff.files``)."""
    if is_stream(source):
        with open(source, "rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1)
    return read_regular(source, MAX_INPUT_BYTES + 1)


def parse_statement(
    data: bytes,
    source: str,
    input_format: InputFormat = InputFormat.AUTO,
    *,
    reflow: bool = True,
    words_only: bool = False,
) -> Statement:
    """Turn a statement's bytes into metadata and paragraphs; ``reflow=False`` keeps wrapped lines.

    ``words_only``: the paragraphs' words and marks, in order, are those of a full reading, but a
    re-flowed paragraph may end elsewhere (``reflow.reflow``), for a caller that reads the words
    alone (a fingerprint, the hash of the normalised text)."""
    fmt = sniff(data, source) if input_format is InputFormat.AUTO else input_format
    if fmt is InputFormat.HTML:
        from dipdiff.readers import html

        statement = html.read(data, source)
    elif fmt is InputFormat.PDF:
        from dipdiff.readers import pdf

        statement = pdf.read(data, source, reflow=reflow)
    elif fmt is InputFormat.DOCX:
        from dipdiff.readers import docx

        statement = docx.read(data, source)
    else:
        statement = _read_text(data, source, fmt, reflow, words_only)
    statement = _without_end_marks(statement)
    if not statement.paragraphs:
        raise InputError("empty statement: no paragraphs of text", source=source)
    if len(statement.paragraphs) > MAX_PARAGRAPHS:
        raise InputError(
            f"{len(statement.paragraphs):,} paragraphs; the limit for one statement is {MAX_PARAGRAPHS:,}",
            source=source,
        )
    return statement


_END_MARK = re.compile(r"\\#(?: ?\\?#){2,5}|#(?: ?\\?#){2,5}|--{0,2} ?30 ?-{1,3}")
"""A press release's end mark (``###``, ``# # #``, ``\\#\\#\\#``, ``-30-``): page furniture, not a paragraph.
Each alternative opens with one given character, so that a search skips to those characters in C
(written ``\\?#`` and ``-{1,3}``, the same matches, it tried the pattern at every character: 0.36 ms
for a UN speech)."""


def _without_end_marks(statement: Statement) -> Statement:
    """Drop paragraphs that are only a press release's end mark."""
    keep = [n for n, text in enumerate(statement.paragraphs) if not _END_MARK.fullmatch(text.strip())]
    if len(keep) == len(statement.paragraphs):
        return statement
    lines = tuple(statement.lines[n] for n in keep) if statement.lines else ()
    return replace(statement, paragraphs=tuple(statement.paragraphs[n] for n in keep), lines=lines)


def _read_text(
    data: bytes, source: str, fmt: InputFormat, reflow: bool, words_only: bool = False
) -> Statement:
    """Decode plain text or Markdown; front matter makes an unnamed format Markdown."""
    decoded, guessed = decode_guessed(data, source)
    decoded = decoded.replace("\r\n", "\n").replace("\r", "\n")
    meta, body, skipped = split_front_matter(decoded, source)
    if fmt is InputFormat.AUTO:
        fmt = InputFormat.MARKDOWN if skipped else InputFormat.TEXT
    note = None
    if fmt is InputFormat.MARKDOWN:
        texts, starts = markdown.paragraphs(body, first_line=skipped + 1)
    else:
        # an end mark is dropped only as a paragraph of its own: where paragraphs end matters then
        whole = not words_only or _END_MARK.search(body) is not None
        texts, starts, note = text.read(body, first_line=skipped + 1, reflow=reflow, words_only=not whole)
    notes = (note,) if note else ()
    if guessed is not None:  # the user should know the text they see was decoded on a guess
        notes = (f"not UTF-8; read as {guessed}, the encoding that fits it best", *notes)
    return Statement(source=source, paragraphs=tuple(texts), meta=meta, lines=tuple(starts), notes=notes)
