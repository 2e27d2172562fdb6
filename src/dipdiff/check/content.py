"""Rules on a file's text alone: readable, UTF-8, a body, no control characters, mojibake or HTML."""

from __future__ import annotations

from dipdiff.check.findings import Finding, Severity
from dipdiff.corpus.analysis import Analysis

RULES = {
    "unreadable": "unreadable",
    "encoding": "encoding",
    "front-matter": "front-matter",
    "empty": "empty-body",
    "control": "control-character",
    "mojibake": "mojibake",
    "html": "html",
}
"""Analysis issue kinds and the check rules that report them."""


def content_findings(path: str, analysis: Analysis) -> list[Finding]:
    """Turn the text problems found when the file was analysed into findings."""
    return [
        Finding(RULES[issue.kind], Severity.ERROR, path, issue.line, issue.detail)
        for issue in analysis.issues
    ]
