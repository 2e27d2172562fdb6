"""``dipdiff check``: lint a corpus of statements the way a linter checks code.

walk the corpus (``corpus.store``) -> analyse each file through the corpus index (``dipdiff.index``) -> rules:
text (``content``), front matter and path (``metadata``), duplicates (``duplicates``), ``supersedes``
links and revision summaries (``supersedes``) -> a ``Report`` of ``Finding``s -> a formatter
(``formats``: text, json, github).

The names below are loaded on first use, so that the command line can import ``check.formats``
without the cache, numpy or YAML.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "CheckOptions": "dipdiff.check.context",
    "Finding": "dipdiff.check.findings",
    "Report": "dipdiff.check.findings",
    "Revision": "dipdiff.check.findings",
    "Severity": "dipdiff.check.findings",
    "run_check": "dipdiff.check.run",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dipdiff.check' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
