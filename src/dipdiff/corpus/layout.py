"""Where a statement lives in a corpus, and how its identifiers are spelled.

A statement is one file, ``<corpus>/<speaker-id>/<date>-<slug>.md`` (or ``.txt``), where ``<date>`` is
the front-matter date exactly as written (``2017``, ``2017-03``, ``2017-03-14`` or ``unknown``). Its
*statement id*, used by ``supersedes``, is ``<speaker-id>/<file stem>``, e.g.
``ru-mfa/unknown-korean-peninsula``. Speaker ids and slugs are lowercase letters and digits joined by
single hyphens, so neither can name a parent folder, an absolute path or a hidden file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from dipdiff.errors import CorpusError

REGISTRY_NAME = "speakers.yaml"
"""The speakers registry, at the corpus root."""

STATEMENT_SUFFIXES = (".md", ".txt")
"""File kinds that hold statements: Markdown, or plain text, each with YAML front matter."""

MAX_SLUG_LENGTH = 120
"""Longest slug (characters); keeps file names well under common 255-byte limits."""

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE_PART = re.compile(r"unknown|\d{4}(?:-\d{2}(?:-\d{2})?)?")


def is_valid_id(value: str) -> bool:
    """Whether ``value`` is a well-formed speaker id or slug (``[a-z0-9]`` runs joined by ``-``)."""
    return bool(_ID.fullmatch(value)) and len(value) <= MAX_SLUG_LENGTH


def require_id(value: str, what: str) -> str:
    """Return ``value`` if it is a safe id, else raise ``CorpusError`` saying why."""
    if "\x00" in value:
        raise CorpusError(f"{what} {value!r} contains a NUL character")
    if "/" in value or "\\" in value or value.startswith(".") or ".." in value:
        raise CorpusError(f"{what} {value!r} is a path; use lowercase letters, digits and hyphens")
    if not is_valid_id(value):
        raise CorpusError(
            f"{what} {value!r} is not valid: use lowercase letters, digits and single hyphens "
            f"(at most {MAX_SLUG_LENGTH} characters)"
        )
    return value


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Turn a title into a slug: ASCII letters and digits joined by hyphens, cut at a word end."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0][:max_length]
    return slug or "statement"


def statement_relpath(speaker: str, date: str, slug: str, suffix: str = ".md") -> PurePosixPath:
    """Return ``<speaker>/<date>-<slug><suffix>``, refusing unsafe ids."""
    require_id(speaker, "speaker id")
    require_id(slug, "slug")
    if not _DATE_PART.fullmatch(date):
        raise CorpusError(f"date {date!r} cannot be part of a file name")
    if suffix not in STATEMENT_SUFFIXES:
        raise CorpusError(f"statement files end in {' or '.join(STATEMENT_SUFFIXES)}, not {suffix!r}")
    return PurePosixPath(speaker) / f"{date}-{slug}{suffix}"


def statement_id(relpath: PurePosixPath) -> str:
    """Return the id ``supersedes`` uses for the statement at ``relpath``: ``<speaker>/<stem>``."""
    return f"{relpath.parent.as_posix()}/{relpath.stem}"


def split_stem(stem: str, date: str) -> str | None:
    """Return the slug of a file stem written for ``date``, or None when the stem does not fit."""
    prefix = f"{date}-"
    if not stem.startswith(prefix):
        return None
    slug = stem[len(prefix) :]
    if len(date) in (4, 7) and re.match(r"\d{2}(?:-|$)", slug):
        return None  # "2017-03-14-x" written for "2017-03" would read as a fuller date
    return slug if is_valid_id(slug) else None


def render_front_matter(meta: Mapping[str, Any]) -> str:
    """Write front matter as YAML between ``---`` lines: one field a line, lists in brackets."""
    import yaml

    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            flow = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
            lines.append(f"{key}: {flow.strip()}")
        else:
            block = yaml.safe_dump({key: value}, default_flow_style=False, allow_unicode=True, width=100)
            lines.append(block.rstrip("\n"))
    lines.append("---")
    return "\n".join(lines) + "\n"
