"""The report for tools, schema ``dipdiff/check/v1`` (``data/schema/check-v1.json``)."""

from __future__ import annotations

import json
from typing import Any

from dipdiff.check.findings import Finding, Report, Severity

SCHEMA = "dipdiff/check/v1"


def render(report: Report) -> str:
    """Render a report as one JSON document."""
    document = {
        "schema": SCHEMA,
        "corpus": report.corpus,
        "statements": report.statements,
        "checked": report.checked,
        "ok": not report.failed,
        "counts": {severity.value: report.count(severity) for severity in Severity},
        "findings": [_finding(f) for f in report.findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _finding(finding: Finding) -> dict[str, Any]:
    """One finding as JSON values."""
    revision = finding.revision
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": finding.line,
        "message": finding.message,
        "related": finding.related,
        "similarity": finding.similarity,
        "revision": None
        if revision is None
        else {
            "old": revision.old,
            "similarity": revision.similarity,
            "counts": dict(revision.counts),
            "shifts": {k: dict(v) for k, v in revision.shifts.items()},
        },
    }
