"""``dipdiff corpus list`` output: an aligned table, or JSON (schema ``dipdiff/corpus-list/v1``).

Files that could not be read are not rows: the command names each on standard error, and JSON lists
them under ``unreadable`` too, so a reader of the JSON alone knows the listing is incomplete.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, replace
from enum import Enum

from dipdiff.corpus.store import Listed, Listing
from dipdiff.render.labels import shorten_middle
from dipdiff.render.terminal import cell_width
from dipdiff.visible import visible


class ListFormat(str, Enum):
    """How ``corpus list`` writes."""

    TABLE = "table"
    JSON = "json"


def render_listing(listed: Listed, fmt: ListFormat, width: int = 100) -> str:
    """Render the listing in ``fmt``."""
    if fmt is ListFormat.JSON:
        document = {
            "schema": "dipdiff/corpus-list/v1",
            "statements": [{**asdict(row), "topics": list(row.topics)} for row in listed.rows],
            "unreadable": [asdict(problem) for problem in listed.unreadable],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return _table(listed.rows, width)


def _table(rows: Sequence[Listing], width: int) -> str:
    """Columns id, date, topics and title, fitted to the width in terminal cells (a Korean or Chinese
    character takes two).

    When ids and titles do not both fit, topics take at most ``_TOPICS_ROOM`` columns (ending with
    ``…``), and ids get two fifths of what the other columns leave: they are shortened in the middle
    (their end tells same-day statements apart), titles end with ``…``.
    """
    if not rows:
        return "no statements\n"
    rows = [replace(row, id=visible(row.id), title=visible(row.title)) for row in rows]  # measured as shown
    date_width = max(len("DATE"), *(cell_width(r.date) for r in rows))
    topics = [visible(", ".join(r.topics)) for r in rows]
    topic_width = max(len("TOPICS"), *(cell_width(t) for t in topics))
    longest_title = max(len("TITLE"), *(cell_width(r.title) for r in rows))
    id_width = max(len("ID"), *(cell_width(r.id) for r in rows))
    if id_width + longest_title > width - date_width - topic_width - 6:
        topic_width = min(topic_width, _TOPICS_ROOM)  # one long topic list left ids no room to show
    room = width - date_width - topic_width - 6
    id_width = max(16, min(id_width, max(room - longest_title, room * 2 // 5)))
    title_width = max(20, room - id_width)
    lines = [f"{_pad('ID', id_width)}  {_pad('DATE', date_width)}  {_pad('TOPICS', topic_width)}  TITLE"]
    for row, topic in zip(rows, topics, strict=True):
        name = shorten_middle(row.id, id_width)
        cells = (
            _pad(name, id_width),
            _pad(row.date, date_width),
            _pad(_cut(topic, topic_width), topic_width),
        )
        lines.append("  ".join((*cells, _cut(row.title, title_width))))
    return "\n".join(lines) + "\n"


_TOPICS_ROOM = 20
"""Columns the topics take at most when ids and titles do not both fit."""


def _pad(text: str, width: int) -> str:
    """The text followed by spaces up to ``width`` columns."""
    return text + " " * max(width - cell_width(text), 0)


def _cut(text: str, width: int) -> str:
    """The text, or as much of it as fits in ``width`` columns with ``…`` at its end."""
    if cell_width(text) <= width:
        return text
    kept, used = [], 1
    for char in text:
        used += cell_width(char)
        if used > width:
            break
        kept.append(char)
    return "".join(kept) + "…"
