"""Renderers: one module per output format behind one registry keyed by ``Format``.

Each renderer module has ``render(comparison, options) -> str``. Adding a format means one module and
one line in ``_MODULES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from dipdiff.model import Comparison


class Format(str, Enum):
    """Output formats of ``dipdiff compare``."""

    TERMINAL = "terminal"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to lay out a comparison."""

    width: int = 100
    """Columns available (terminal layout)."""
    color: bool = False
    """Emit ANSI colour codes (terminal only)."""
    changes_only: bool = False
    """Leave out equal paragraphs that did not move."""
    context: int | None = None
    """Unchanged sentences kept before and after each change of a changed block (terminal view); the
    others fold into one line. None keeps every sentence."""
    fold_longer_than: int = 0
    """Fold only blocks that take more lines than this (the screen's height by default)."""


_MODULES: dict[Format, str] = {
    Format.TERMINAL: "dipdiff.render.terminal",
    Format.JSON: "dipdiff.render.json",
    Format.MARKDOWN: "dipdiff.render.markdown",
    Format.HTML: "dipdiff.render.html",
}

Renderer = Callable[[Comparison, RenderOptions], str]


def renderer(fmt: Format) -> Renderer:
    """Return the render function for a format (imported only when asked for)."""
    module = importlib.import_module(_MODULES[fmt])
    render: Renderer = module.render
    return render


def formats() -> tuple[Format, ...]:
    """Every format with a renderer."""
    return tuple(_MODULES)
