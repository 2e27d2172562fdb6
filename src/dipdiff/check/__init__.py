"""``dipdiff check``: lint a corpus of statements the way a linter checks code.

walk the corpus (``corpus.store``) -> analyse each file through the cache (``dipdiff.cache``) -> rules:
text (``content``), front matter and path (``metadata``), duplicates (``duplicates``), ``supersedes``
links and revision summaries (``supersedes``) -> a ``Report`` of ``Finding``s -> a formatter
(``formats``: text, json, github).
"""

from __future__ import annotations

from dipdiff.check.context import CheckOptions
from dipdiff.check.findings import Finding, Report, Revision, Severity
from dipdiff.check.run import run_check

__all__ = ["CheckOptions", "Finding", "Report", "Revision", "Severity", "run_check"]
