"""The report for people: findings grouped by file, each as ``file:line: severity [rule] message``."""

from __future__ import annotations

from itertools import groupby

from dipdiff.check.findings import Report, Severity


def render(report: Report) -> str:
    """Render a report as plain text, files in path order, ending with a one-line tally."""
    lines: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        lines.append(path)
        for finding in group:
            lines.append(
                f"  {path}:{finding.line}: {finding.severity.value} [{finding.rule}] {finding.message}"
            )
        lines.append("")
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    notices = report.count(Severity.NOTICE)
    scope = (
        f"{report.checked} of {report.statements} statements"
        if report.checked != report.statements
        else _n(report.statements, "statement")
    )
    tally = f"{_n(errors, 'error')}, {_n(warnings, 'warning')}, {_n(notices, 'notice')}"
    verdict = "problems found" if report.failed else "no problems"
    lines.append(f"dipdiff check: {scope} in {report.corpus} checked: {tally}; {verdict}")
    return "\n".join(lines) + "\n"


def _n(count: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {word}{'' if count == 1 else 's'}"
