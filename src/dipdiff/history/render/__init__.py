"""Renderers of ``timeline``, ``track`` and ``blame``: one module per format behind one registry.

Each format module defines ``timeline(Timeline, HistoryLayout) -> str``, ``track(Track, ...)`` and
``blame(Blame, ...)`` for the results it supports; ``supports()`` tells the command line which.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from dipdiff.errors import InputError


class HistoryFormat(str, Enum):
    """Output formats of the history commands."""

    TERMINAL = "terminal"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


class TrackBlameFormat(str, Enum):
    """Output formats of ``track`` and ``blame``, which have no HTML page."""

    TERMINAL = "terminal"
    JSON = "json"
    MARKDOWN = "markdown"


@dataclass(frozen=True, slots=True)
class HistoryLayout:
    """How to lay out a history result."""

    width: int = 100
    """Columns available (terminal)."""
    color: bool = False
    """Emit ANSI colour codes (terminal only)."""


_MODULES = {
    HistoryFormat.TERMINAL: "dipdiff.history.render.terminal",
    HistoryFormat.JSON: "dipdiff.history.render.json",
    HistoryFormat.MARKDOWN: "dipdiff.history.render.markdown",
    HistoryFormat.HTML: "dipdiff.history.render.html",
}

SUPPORTED: dict[str, type[HistoryFormat] | type[TrackBlameFormat]] = {
    "timeline": HistoryFormat,
    "track": TrackBlameFormat,
    "blame": TrackBlameFormat,
}
"""Which formats each command offers (its ``--format`` choices)."""


def history_renderer(
    command: str, fmt: HistoryFormat | TrackBlameFormat
) -> Callable[[Any, HistoryLayout], str]:
    """Return the function that renders ``command``'s result in ``fmt``."""
    offered = [f.value for f in SUPPORTED[command]]
    if fmt.value not in offered:
        raise InputError(f"{command} has no {fmt.value} output; choose one of: {', '.join(offered)}")
    module = importlib.import_module(_MODULES[HistoryFormat(fmt.value)])
    render: Callable[[Any, HistoryLayout], str] = getattr(module, command)
    return render
