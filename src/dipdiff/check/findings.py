"""What ``dipdiff check`` reports: findings, each tied to a file and line, gathered in a report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How much a finding matters; only errors make ``check`` exit 1."""

    ERROR = "error"
    """The corpus is wrong; exit code 1."""
    WARNING = "warning"
    """Probably unintended, but allowed."""
    NOTICE = "notice"
    """Information, such as what a revision changed."""


@dataclass(frozen=True, slots=True)
class Revision:
    """What changed between a statement and the one it supersedes (from ``dipdiff compare``)."""

    old: str
    """Path of the superseded statement."""
    similarity: float
    """0-100 for the whole statements, as in ``dipdiff compare``."""
    counts: Mapping[str, int]
    """Blocks by kind (equal, modified, split, merged, added, removed) and how many moved."""
    shifts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """Position shifts by category and direction."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem (or notice) about one file."""

    rule: str
    """Which check found it, e.g. ``unknown-speaker``; the README lists them all."""
    severity: Severity
    path: str
    """The file, as a path from where ``check`` ran (or relative to the corpus when given so)."""
    line: int
    """1-based line the problem is on; 1 when it concerns the whole file."""
    message: str
    """One line a person can act on."""
    related: str | None = None
    """The other file involved (a duplicate, a superseded statement), when there is one."""
    similarity: float | None = None
    """0-100 similarity to ``related``, for duplicates and revisions."""
    revision: Revision | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one run of ``check`` found."""

    corpus: str
    """The corpus root as given."""
    statements: int
    """Statement files in the corpus."""
    checked: int
    """Files checked (all, the named ones, or those changed since a git ref)."""
    findings: tuple[Finding, ...]

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def failed(self) -> bool:
        """Whether any finding is an error (exit code 1)."""
        return any(f.severity is Severity.ERROR for f in self.findings)
