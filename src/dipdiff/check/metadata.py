"""Rules on one statement's front matter and on where its file sits.

Required fields: ``speaker`` (a registered id), ``date`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or
``unknown``, not in the future), ``title``. Optional: ``source`` (http or https URL), ``language``
(BCP 47), ``topics`` (list of text), ``supersedes`` (``<speaker>/<file stem>``), ``illustrative``
(true or false). Any other field is reported. The file must be ``<speaker>/<date>-<slug>.md|.txt``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from dipdiff.check.findings import Finding, Severity
from dipdiff.corpus.analysis import Analysis
from dipdiff.corpus.dates import parse_date
from dipdiff.corpus.layout import is_valid_id, split_stem
from dipdiff.corpus.speakers import Registry
from dipdiff.corpus.store import Entry

REQUIRED = ("speaker", "date", "title")
OPTIONAL = ("source", "language", "topics", "supersedes", "illustrative")

_BCP47 = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)


def metadata_findings(
    path: str, entry: Entry, analysis: Analysis, registry: Registry, today: dt.date
) -> list[Finding]:
    """Check the front matter's fields and the file's place against them."""
    if not analysis.readable:
        return []
    meta = analysis.meta
    lines = analysis.field_lines

    def finding(rule: str, field: str | None, message: str) -> Finding:
        return Finding(rule, Severity.ERROR, path, lines.get(field or "", 1), message)

    found = [
        finding("required-field", None, f"required field '{name}' is missing")
        for name in REQUIRED
        if name not in meta
    ]
    for name in sorted(set(meta) - set(REQUIRED) - set(OPTIONAL)):
        found.append(
            finding("unknown-field", name, f"unknown field '{name}'; known: {', '.join(REQUIRED + OPTIONAL)}")
        )
    for name, check in _CHECKS.items():
        if name in meta:
            problem = check(meta[name])
            if problem:
                found.append(finding("field-type", name, f"'{name}' {problem}"))
    found += _date_findings(meta, today, finding)
    found += _speaker_findings(meta, registry, finding)
    found += path_findings(path, entry, meta)
    return found


def _date_findings(
    meta: Mapping[str, Any], today: dt.date, finding: Callable[[str, str | None, str], Finding]
) -> list[Finding]:
    """The date is a date, and not in the future."""
    if "date" not in meta:
        return []
    try:
        date = parse_date(meta["date"])
    except ValueError as exc:
        return [finding("date", "date", f"'date' {exc}")]
    if date.first is not None and date.first > today:
        return [finding("future-date", "date", f"date {date.text} is in the future (today is {today})")]
    return []


def _speaker_findings(
    meta: Mapping[str, Any], registry: Registry, finding: Callable[[str, str | None, str], Finding]
) -> list[Finding]:
    """The speaker is registered; if not, suggest the closest registered one."""
    speaker = meta.get("speaker")
    if not isinstance(speaker, str) or speaker in registry:
        return []
    guess = registry.suggest(speaker)
    hint = f"; did you mean '{guess}'?" if guess else "; register it in speakers.yaml"
    return [finding("unknown-speaker", "speaker", f"speaker '{speaker}' is not in speakers.yaml{hint}")]


def path_findings(path: str, entry: Entry, meta: Mapping[str, Any]) -> list[Finding]:
    """The file sits in its speaker's folder and is named ``<date>-<slug>``."""
    found = []
    speaker = meta.get("speaker")
    if isinstance(speaker, str) and speaker != entry.folder:
        found.append(
            Finding(
                "path",
                Severity.ERROR,
                path,
                1,
                f"file is in folder '{entry.folder}/' but its speaker is '{speaker}'; move it to {speaker}/",
            )
        )
    try:
        date_text = parse_date(meta["date"]).text if "date" in meta else None
    except ValueError:
        date_text = None
    if date_text is not None and split_stem(entry.relpath.stem, date_text) is None:
        found.append(
            Finding(
                "path",
                Severity.ERROR,
                path,
                1,
                f"file name must be '{date_text}-<slug>{entry.relpath.suffix}' (slug: lowercase "
                f"letters, digits and hyphens) to match its date",
            )
        )
    return found


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be non-empty text"
    return None


def _speaker(value: Any) -> str | None:
    if not isinstance(value, str) or not is_valid_id(value):
        return "must be a speaker id: lowercase letters, digits and single hyphens"
    return None


def _source(value: Any) -> str | None:
    if not isinstance(value, str) or not _URL.fullmatch(value.strip()):
        return "must be an http(s) URL"
    return None


def _language(value: Any) -> str | None:
    if not isinstance(value, str) or not _BCP47.fullmatch(value):
        return "must be a BCP 47 language tag such as en, ru or zh-Hans"
    primary = value.split("-")[0].lower()
    return None if primary in _language_codes() else f"names no known language ({primary!r} is not ISO 639)"


@functools.cache
def _language_codes() -> frozenset[str]:
    """ISO 639 codes (two-letter and three-letter, lowercase), listed from pycountry once and kept in
    the reference-data cache, keyed by pycountry's files: importing pycountry and loading its
    languages takes longer than checking a new statement against 20,000."""
    from dipdiff.datacache import cached, pycountry_files

    sources = pycountry_files("iso639-3")
    codes = _list_language_codes() if sources is None else cached("languages", sources, _list_language_codes)
    return frozenset(codes)


def _list_language_codes() -> list[str]:
    import pycountry

    codes = set()
    for language in pycountry.languages:
        codes.add(language.alpha_3.lower())
        alpha_2 = getattr(language, "alpha_2", None)
        if alpha_2:
            codes.add(alpha_2.lower())
    return sorted(codes)


def _topics(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        return "must be a list of topics, e.g. [korean-peninsula, sanctions]"
    return None


def _supersedes(value: Any) -> str | None:
    if not isinstance(value, str) or value.count("/") != 1:
        return "must name a statement as <speaker>/<file stem>"
    return None


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "speaker": _speaker,
    "title": _text,
    "source": _source,
    "language": _language,
    "topics": _topics,
    "supersedes": _supersedes,
    "illustrative": _flag,
}
