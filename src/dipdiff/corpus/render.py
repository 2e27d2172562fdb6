"""``dipdiff corpus list`` output: an aligned table, or JSON (schema ``dipdiff/corpus-list/v1``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, replace
from enum import Enum

from dipdiff.corpus.store import Listing
from dipdiff.visible import visible


class ListFormat(str, Enum):
    """How ``corpus list`` writes."""

    TABLE = "table"
    JSON = "json"


def render_listing(rows: Sequence[Listing], fmt: ListFormat, width: int = 100) -> str:
    """Render the rows in ``fmt``."""
    if fmt is ListFormat.JSON:
        document = {
            "schema": "dipdiff/corpus-list/v1",
            "statements": [{**asdict(row), "topics": list(row.topics)} for row in rows],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return _table(rows, width)


def _table(rows: Sequence[Listing], width: int) -> str:
    """Columns id, date, topics and title; the title, last, is cut to the width."""
    if not rows:
        return "no statements\n"
    rows = [replace(row, id=visible(row.id), title=visible(row.title)) for row in rows]  # measured as shown
    id_width = max(len("ID"), *(len(r.id) for r in rows))
    date_width = max(len("DATE"), *(len(r.date) for r in rows))
    topics = [", ".join(r.topics) for r in rows]
    topic_width = max(len("TOPICS"), *(len(t) for t in topics))
    title_width = max(20, width - id_width - date_width - topic_width - 6)
    lines = [f"{'ID':<{id_width}}  {'DATE':<{date_width}}  {'TOPICS':<{topic_width}}  TITLE"]
    for row, topic in zip(rows, topics, strict=True):
        title = row.title if len(row.title) <= title_width else row.title[: title_width - 1] + "…"
        lines.append(f"{row.id:<{id_width}}  {row.date:<{date_width}}  {topic:<{topic_width}}  {title}")
    return "\n".join(lines) + "\n"
