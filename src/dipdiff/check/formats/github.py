"""GitHub Actions workflow commands, so findings appear inline in a pull request.

Each finding is ``::error file=PATH,line=N,title=dipdiff RULE::MESSAGE`` (``warning`` and ``notice``
likewise), escaped as the runner expects: ``%``, CR and LF in messages, and also ``:`` and ``,`` in
properties (actions/toolkit, ``command.ts``).
"""

from __future__ import annotations

from dipdiff.check.findings import Report


def render(report: Report) -> str:
    """Render one workflow command per finding."""
    lines = [
        f"::{f.severity.value} file={_property(f.path)},line={f.line},"
        f"title={_property('dipdiff ' + f.rule)}::{_data(f.message)}"
        for f in report.findings
    ]
    return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a command's property value."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
