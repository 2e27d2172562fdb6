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

SUPPORTED = {
    "timeline": (HistoryFormat.TERMINAL, HistoryFormat.JSON, HistoryFormat.MARKDOWN, HistoryFormat.HTML),
    "track": (HistoryFormat.TERMINAL, HistoryFormat.JSON, HistoryFormat.MARKDOWN),
    "blame": (HistoryFormat.TERMINAL, HistoryFormat.JSON, HistoryFormat.MARKDOWN),
}
"""Which formats each command offers."""


def history_renderer(command: str, fmt: HistoryFormat) -> Callable[[Any, HistoryLayout], str]:
    """Return the function that renders ``command``'s result in ``fmt``."""
    if fmt not in SUPPORTED[command]:
        offered = ", ".join(f.value for f in SUPPORTED[command])
        raise InputError(f"{command} has no {fmt.value} output; choose one of: {offered}")
    module = importlib.import_module(_MODULES[fmt])
    render: Callable[[Any, HistoryLayout], str] = getattr(module, command)
    return render
