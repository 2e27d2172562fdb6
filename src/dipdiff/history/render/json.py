"""JSON output of the history commands: schemas ``dipdiff/timeline/v1``, ``dipdiff/track/v1`` and
``dipdiff/blame/v1`` (documented in the README). A change of a field's meaning needs a new version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from dipdiff.corpus.store import FileProblem
from dipdiff.history.model import Blame, Entry, Origin, Timeline, Track
from dipdiff.history.render import HistoryLayout


def _dump(data: dict[str, Any]) -> str:
    """One JSON document, UTF-8 kept readable, ending with a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _unreadable(problems: Sequence[FileProblem]) -> list[dict[str, str]]:
    """Files left out because they could not be read, each with why."""
    return [{"path": problem.path, "problem": problem.problem} for problem in problems]


def entry_data(entry: Entry) -> dict[str, Any]:
    """A statement's identity."""
    return {
        "path": entry.path,
        "speaker": entry.speaker,
        "date": entry.date,
        "title": entry.title,
        "topics": list(entry.topics),
    }


def timeline(result: Timeline, layout: HistoryLayout) -> str:
    """Return the timeline as JSON."""
    del layout
    steps = []
    for step in result.steps:
        steps.append(
            {
                "statement": entry_data(step.entry),
                "paragraphs": step.paragraphs,
                "words": step.words,
                "tone": step.tone,
                "tone_cues": step.cues,
                "similarity": step.similarity,
                "counts": {
                    "equal": step.equal,
                    "modified": step.modified,
                    "added": step.added,
                    "removed": step.removed,
                    "moved": step.moved,
                    "split": step.split,
                    "merged": step.merged,
                },
                "shifts": {s.category: {"up": s.up, "down": s.down, "other": s.other} for s in step.shifts},
                "shift_lines": list(step.explanations),
            }
        )
    return _dump(
        {
            "schema": "dipdiff/timeline/v1",
            "speaker": result.speaker,
            "topic": result.topic,
            "statements": steps,
            "unreadable": _unreadable(result.unreadable),
        }
    )


def track(result: Track, layout: HistoryLayout) -> str:
    """Return the tracked phrase's variants and sightings as JSON."""
    del layout
    variants = []
    for variant in result.variants:
        variants.append(
            {
                "key": variant.key,
                "forms": list(variant.forms),
                "count": len(variant.sightings),
                "speakers": [
                    {
                        "speaker": span.speaker,
                        "first": entry_data(span.first),
                        "last": entry_data(span.last),
                        "count": span.count,
                    }
                    for span in variant.speakers
                ],
                "sightings": [
                    {
                        "statement": entry_data(s.entry),
                        "paragraph": s.paragraph + 1,
                        "text": s.text,
                        "sentence": s.sentence,
                        "score": s.score,
                    }
                    for s in variant.sightings
                ],
            }
        )
    return _dump(
        {
            "schema": "dipdiff/track/v1",
            "phrase": result.phrase,
            "threshold": result.threshold,
            "statements_searched": result.statements,
            "sightings": sum(len(v.sightings) for v in result.variants),
            "per_year": [{"year": year, "count": count} for year, count in result.per_year],
            "variants": variants,
            "unreadable": _unreadable(result.unreadable),
        }
    )


def _origin(origin: Origin | None) -> dict[str, Any] | None:
    """An earlier unit carrying a blamed wording, or ``None``."""
    if origin is None:
        return None
    return {
        "statement": entry_data(origin.entry),
        "unit": origin.unit + 1,
        "text": origin.text,
        "score": origin.score,
    }


def blame(result: Blame, layout: HistoryLayout) -> str:
    """Return the blame as JSON."""
    del layout
    return _dump(
        {
            "schema": "dipdiff/blame/v1",
            "statement": entry_data(result.entry),
            "unit": result.unit,
            "threshold": result.threshold,
            "predecessors": result.predecessors,
            "lines": [
                {
                    "index": line.index + 1,
                    "paragraph": line.paragraph + 1,
                    "status": line.status.value,
                    "text": line.text,
                    "since": _origin(line.since),
                    "changed": _origin(line.changed),
                    "carriers": line.carriers,
                    "sentences": line.sentences,
                    "older_sentences": line.older_sentences,
                }
                for line in result.lines
            ],
            "notes": list(result.notes),
            "unreadable": _unreadable(result.unreadable),
        }
    )
