"""Formatters for ``dipdiff check`` reports, one module each, behind one registry keyed by format."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from dipdiff.check.findings import Report


class CheckFormat(str, Enum):
    """How ``check`` writes its report."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def formatter(fmt: CheckFormat) -> Callable[[Report], str]:
    """Return the function that renders a report in ``fmt``."""
    if fmt is CheckFormat.JSON:
        from dipdiff.check.formats.json import render
    elif fmt is CheckFormat.GITHUB:
        from dipdiff.check.formats.github import render
    else:
        from dipdiff.check.formats.text import render
    return render
