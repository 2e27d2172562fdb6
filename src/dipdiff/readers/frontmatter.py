"""YAML front matter between ``---`` lines at the top of a statement."""

from __future__ import annotations

import re
from typing import Any

from dipdiff.errors import InputError
from dipdiff.safeyaml import YamlRefused, load_yaml

_OPEN = re.compile(r"\A---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str, int]:
    """Return the metadata, the body, and how many lines the front matter took."""
    opening = _OPEN.match(text)
    if not opening:
        return {}, text, 0
    close = _CLOSE.search(text, opening.end())
    if close is None:
        raise InputError("front matter opened with '---' is never closed", source=source)
    block = text[opening.end() : close.start()]
    try:
        meta = load_yaml(block, first_line=2)  # errors name the file's lines, after the opening '---'
    except YamlRefused as exc:
        raise InputError(f"broken front matter: {exc}", source=source) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError("front matter must be a YAML mapping of fields", source=source)
    end = close.end()
    if text[end : end + 1] == "\n":
        end += 1
    return {str(k): v for k, v in meta.items()}, text[end:], text.count("\n", 0, end)
