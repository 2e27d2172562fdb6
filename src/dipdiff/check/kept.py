"""A full check of a corpus nothing in which changed answers from the findings the last one kept.

The rules' findings are a function of the files' contents and places, the registry, the options, the
day and the folder the paths are shown from (and of dipdiff's code, which the index's stamp covers).
A full check keeps its findings in the corpus index under a hash of all of those (``state_key``);
the next full check that computes the same hash, from the content hashes the index vouches for by
each file's stat key, takes them back instead of reading 20,000 analyses and running every rule.
Any file the index cannot vouch for (new, changed, too recently changed to trust its stat) means
the rules run as usual. One record per corpus root, replaced by each full check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Mapping, Sequence
from typing import Any

from dipdiff.check.context import CheckOptions
from dipdiff.check.findings import Finding, Revision, Severity
from dipdiff.corpus.store import Entry

KIND = "report"
"""The kind of the index's record of a corpus's last full check."""


def state_key(
    entries: Sequence[Entry],
    digests: Mapping[str, str],
    registry_digest: str,
    options: CheckOptions,
    today: dt.date,
) -> str | None:
    """A hash of everything the rules' findings depend on; None when a file's content is unknown.

    Every field of ``options`` is part of it, so an option added to the check later can never be
    answered with findings made under another value of it.
    """
    state = hashlib.sha256()
    settings = dataclasses.replace(options, today=today, near_threshold=options.threshold())
    fixed = (os.getcwd(), registry_digest, dataclasses.astuple(settings))
    state.update(repr(fixed).encode("utf-8", "surrogateescape"))
    for entry in entries:
        digest = digests.get(entry.where)
        if not digest:
            return None
        state.update(f"\0{entry.where}\0{entry.rel}\0{digest}".encode("utf-8", "surrogateescape"))
    return state.hexdigest()


def encode(key: str, findings: Sequence[Finding]) -> tuple[Any, ...]:
    """The findings of a full check as plain values (for ``CorpusIndex.keep``), under their key."""
    return (key, tuple(_plain(finding) for finding in findings))


def decode(value: tuple[Any, ...], key: str) -> list[Finding] | None:
    """The findings kept under ``key``; None when the record holds another key's."""
    kept_key, plain = value
    return [_finding(row) for row in plain] if kept_key == key else None


def _plain(finding: Finding) -> tuple[Any, ...]:
    revision = finding.revision
    kept_revision = None
    if revision is not None:
        shifts = tuple((category, tuple(per.items())) for category, per in revision.shifts.items())
        kept_revision = (revision.old, revision.similarity, tuple(revision.counts.items()), shifts)
    return (
        finding.rule,
        finding.severity.value,
        finding.path,
        finding.line,
        finding.message,
        finding.related,
        finding.similarity,
        kept_revision,
    )


def _finding(row: tuple[Any, ...]) -> Finding:
    rule, severity, path, line, message, related, similarity, kept_revision = row
    revision = None
    if kept_revision is not None:
        old, score, counts, shifts = kept_revision
        revision = Revision(old, score, dict(counts), {category: dict(per) for category, per in shifts})
    return Finding(rule, Severity(severity), path, line, message, related, similarity, revision)


def is_kept(value: Any) -> bool:
    """Whether a stored value has the shape ``encode`` gives (the index's shape check)."""
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str)):
        return False
    rows = value[1]
    return isinstance(rows, tuple) and all(_is_row(row) for row in rows)


_SEVERITIES = frozenset(severity.value for severity in Severity)


def _is_row(row: Any) -> bool:
    if not (isinstance(row, tuple) and len(row) == 8):
        return False
    rule, severity, path, line, message, related, similarity, revision = row
    return (
        isinstance(rule, str)
        and isinstance(severity, str)
        and severity in _SEVERITIES
        and isinstance(path, str)
        and type(line) is int
        and isinstance(message, str)
        and (related is None or isinstance(related, str))
        and (similarity is None or isinstance(similarity, (int, float)))
        and (revision is None or _is_revision(revision))
    )


def _is_revision(value: Any) -> bool:
    if not (isinstance(value, tuple) and len(value) == 4):
        return False
    old, similarity, counts, shifts = value
    return (
        isinstance(old, str)
        and isinstance(similarity, (int, float))
        and _is_counts(counts)
        and isinstance(shifts, tuple)
        and all(
            isinstance(s, tuple) and len(s) == 2 and isinstance(s[0], str) and _is_counts(s[1])
            for s in shifts
        )
    )


def _is_counts(value: Any) -> bool:
    return isinstance(value, tuple) and all(
        isinstance(c, tuple) and len(c) == 2 and isinstance(c[0], str) and type(c[1]) is int for c in value
    )
