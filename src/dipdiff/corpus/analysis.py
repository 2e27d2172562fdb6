"""What one statement file holds, computed once per content and kept in the corpus index (``dipdiff.index``).

``analyse(data, source)`` reads the bytes as ``dipdiff compare`` does and adds what corpus commands
need: the line of each front-matter field, problems with the text itself (not UTF-8, control
characters, mojibake, leftover HTML), and a fingerprint for duplicate detection:

* ``norm_digest``: a hash of the normalised tokens (``dipdiff.normalise``), equal for two statements
  exactly when their texts are equal after normalisation;
* ``signature``: a MinHash of the statement's overlapping runs of ``shingle_words`` normalised words,
  ``num_perm`` 32-bit values whose agreement estimates the Jaccard similarity of two statements'
  shingle sets (Broder 1997), for LSH candidate generation.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dipdiff.errors import InputError
from dipdiff.model import Statement
from dipdiff.resources import packaged_yaml

_MERSENNE = (1 << 61) - 1
_MASK32 = (1 << 32) - 1


@dataclass(frozen=True, slots=True)
class TextIssue:
    """A problem with a file's text, found without looking at the rest of the corpus."""

    kind: str
    """``encoding``, ``control``, ``mojibake``, ``html``, ``front-matter``, ``empty`` or ``unreadable``."""
    line: int
    """1-based line in the file (front matter included)."""
    detail: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the corpus commands know about one file's content."""

    digest: str
    """SHA-256 of the file's bytes: the cache key."""
    readable: bool
    """Whether the file reads as a statement (``dipdiff.readers``); see ``issues`` when not."""
    meta: Mapping[str, Any]
    """Front matter; empty when there is none or the file cannot be read."""
    paragraphs: int
    """How many paragraphs the statement has."""
    field_lines: Mapping[str, int]
    """1-based line of each top-level front-matter field."""
    issues: tuple[TextIssue, ...]
    norm_digest: str
    """Hash of the normalised tokens; empty when the statement cannot be read."""
    signature: bytes
    """MinHash values (``num_perm`` little-endian uint32); empty when unreadable."""
    words: int
    """Number of words (tokens with a letter or digit)."""


@functools.cache
def settings() -> Mapping[str, Any]:
    """The packaged ``check.yaml`` settings."""
    data: Mapping[str, Any] = packaged_yaml("check.yaml")
    return data


Tokens = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""One paragraph's token texts, trails and keys (``dipdiff.tokens.words_and_keys``)."""


def analyse(data: bytes, source: str) -> tuple[Analysis, Statement | None]:
    """Read one statement file's bytes; return its analysis and the statement, when readable."""
    analysis, statement, _ = analyse_tokens(data, source)
    return analysis, statement


def analyse_tokens(
    data: bytes, source: str, *, reflow: bool = True
) -> tuple[Analysis, Statement | None, list[Tokens]]:
    """``analyse``, also returning each paragraph's tokens, so that nothing is tokenised twice;
    ``reflow=False`` reads hard-wrapped lines as they are."""
    from dipdiff.readers import parse_statement
    from dipdiff.readers.decode import decode

    digest = hashlib.sha256(data).hexdigest()
    issues: list[TextIssue] = []
    try:
        text = decode(data, source)
    except InputError as exc:
        issue = TextIssue("unreadable", 1, _reason(exc, source))
        return Analysis(digest, False, {}, 0, {}, (issue,), "", b"", 0), None, []
    if not _is_utf8(data):
        issues.append(TextIssue("encoding", 1, "not UTF-8; save the file as UTF-8"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _field_lines(text)
    if not text.startswith("---"):
        issues.append(TextIssue("front-matter", 1, "no front matter: the file must open with '---'"))
    issues += _scan(text)
    try:
        statement = parse_statement(data, source, reflow=reflow)
    except InputError as exc:
        reason = _reason(exc, source)
        kind = "empty" if reason.startswith("empty statement") else "unreadable"
        issues.append(TextIssue(kind, 1, reason))
        return Analysis(digest, False, {}, 0, lines, tuple(issues), "", b"", 0), None, []
    tokens = _tokens(statement.paragraphs)
    keys = [key for _, _, paragraph_keys in tokens for key in paragraph_keys]
    words = word_keys(keys)
    norm = hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()
    analysis = Analysis(
        digest,
        True,
        statement.meta,
        len(statement.paragraphs),
        lines,
        tuple(issues),
        norm,
        minhash(words),
        len(words),
    )
    return analysis, statement, tokens


def _reason(exc: InputError, source: str) -> str:
    """The message of an input error without the file name in front."""
    return str(exc).removeprefix(f"{source}: ")


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 (a UTF-8 byte-order mark is tolerated)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)


def _field_lines(text: str) -> dict[str, int]:
    """Line of each top-level field inside the front matter."""
    if not text.startswith("---\n"):
        return {}
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    block = text[4 : 4 + end.start()] if end else ""
    return {m.group(1): block.count("\n", 0, m.start()) + 2 for m in _FIELD.finditer(block)}


@functools.cache
def _html_pattern() -> re.Pattern[str]:
    """Tags of known HTML elements, and character references."""
    names = "|".join(sorted(map(re.escape, settings()["html_elements"]), key=len, reverse=True))
    return re.compile(
        rf"</?(?:{names})(?:\s[^<>]*)?/?>|&(?:[A-Za-z][A-Za-z0-9]{{1,30}}|#\d{{1,7}}|#[xX][0-9A-Fa-f]{{1,6}});",
        re.IGNORECASE,
    )


def _scan(text: str) -> list[TextIssue]:
    """Control characters, mojibake and HTML, line by line (at most one issue per kind and line)."""
    from ftfy.badness import is_bad

    issues = []
    html = _html_pattern()
    for number, line in enumerate(text.split("\n"), 1):
        bad = (
            [ch for ch in line if unicodedata.category(ch) == "Cc" and ch != "\t"]
            if not line.isprintable()
            else []
        )
        if bad:
            codes = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in bad}))
            issues.append(TextIssue("control", number, f"control character(s) {codes}"))
        if "\ufffd" in line:
            issues.append(
                TextIssue(
                    "mojibake", number, "replacement character U+FFFD: text was lost in an earlier conversion"
                )
            )
        elif not line.isascii() and is_bad(line):
            issues.append(
                TextIssue(
                    "mojibake", number, f"mojibake (text decoded with the wrong encoding): {_excerpt(line)}"
                )
            )
        match = html.search(line)
        if match:
            issues.append(TextIssue("html", number, f"leftover HTML {match.group()!r}"))
    return issues


def _excerpt(line: str, width: int = 60) -> str:
    """A short quote of a line."""
    line = " ".join(line.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _tokens(paragraphs: Sequence[str]) -> list[Tokens]:
    """Each paragraph's token texts, trails and keys.

    The same tokens and keys as ``dipdiff.tokens.tokenise``, without building ``Token`` objects: a
    corpus holds millions of tokens.
    """
    from dipdiff.normalise import default_normaliser
    from dipdiff.tokens import words_and_keys

    normaliser = default_normaliser()
    found = []
    for paragraph in paragraphs:
        texts, trails, keys = words_and_keys(paragraph, normaliser)
        found.append((texts, trails, keys))
    return found


_WORDLIKE: dict[str, bool] = {}
"""Whether a key holds a letter or digit, remembered per key: a corpus repeats its words."""


def word_keys(keys: Sequence[str]) -> list[str]:
    """The keys that are words (hold a letter or digit), in order; punctuation is left out."""
    known = _WORDLIKE
    for key in set(keys).difference(known):
        known[key] = any(ch.isalnum() for ch in key)
    return [k for k in keys if known[k]]


@functools.cache
def _permutations(num_perm: int) -> tuple[Any, Any]:
    """Fixed random coefficients (a, b) of the universal hash family, one pair per permutation."""
    import numpy as np

    rng = np.random.RandomState(1)
    a = rng.randint(1, _MERSENNE, size=num_perm, dtype=np.uint64)
    b = rng.randint(0, _MERSENNE, size=num_perm, dtype=np.uint64)
    return a, b


def minhash(words: Sequence[str]) -> bytes:
    """MinHash signature of the word shingles of a statement (``num_perm`` uint32, little-endian)."""
    import numpy as np

    config = settings()["near_duplicates"]
    size, num_perm = int(config["shingle_words"]), int(config["num_perm"])
    crc = {w: zlib.crc32(w.encode("utf-8")) for w in set(words)}
    word_hashes = np.array([crc[w] for w in words] or [0], dtype=np.uint64)
    if len(word_hashes) >= size:
        # Combine consecutive word hashes into one 64-bit shingle hash (order matters).
        shingles = np.zeros(len(word_hashes) - size + 1, dtype=np.uint64)
        for offset in range(size):
            part = word_hashes[offset : len(word_hashes) - size + 1 + offset]
            shingles = shingles * np.uint64(1_000_003) + part
    else:
        shingles = word_hashes
    shingles = np.unique(shingles & np.uint64(_MASK32))
    a, b = _permutations(num_perm)
    signature = np.full(num_perm, _MASK32, dtype=np.uint64)
    for start in range(0, len(shingles), 4096):
        chunk = shingles[start : start + 4096]
        with np.errstate(over="ignore"):
            values = (np.outer(chunk, a) + b) % np.uint64(_MERSENNE) & np.uint64(_MASK32)
        signature = np.minimum(signature, values.min(axis=0))
    return signature.astype("<u4").tobytes()


def jaccard_estimate(first: bytes, second: bytes) -> float:
    """Share of MinHash values two signatures agree on: an estimate of their shingle Jaccard."""
    import numpy as np

    x, y = np.frombuffer(first, "<u4"), np.frombuffer(second, "<u4")
    return float((x == y).mean()) if len(x) == len(y) and len(x) else 0.0


# --- serialisation for the cache: plain JSON, dates tagged -----------------------------------------


def to_record(analysis: Analysis) -> dict[str, Any]:
    """Turn an analysis, but its signature, into JSON-ready values."""
    return {
        "readable": analysis.readable,
        "meta": _tag(analysis.meta),
        "paragraphs": analysis.paragraphs,
        "field_lines": dict(analysis.field_lines),
        "issues": [[i.kind, i.line, i.detail] for i in analysis.issues],
        "norm_digest": analysis.norm_digest,
        "words": analysis.words,
    }


def from_record(digest: str, record: Mapping[str, Any], signature: bytes) -> Analysis:
    """Rebuild an analysis from ``to_record``'s values."""
    issues = tuple(TextIssue(kind, line, detail) for kind, line, detail in record["issues"])
    return Analysis(
        digest,
        record["readable"],
        _untag(record["meta"]),
        record["paragraphs"],
        record["field_lines"],
        issues,
        record["norm_digest"],
        signature,
        record["words"],
    )


def statement_to_record(statement: Statement) -> dict[str, Any]:
    """Turn a statement, but its source, into JSON-ready values."""
    return {
        "paragraphs": list(statement.paragraphs),
        "lines": list(statement.lines),
        "meta": _tag(statement.meta),
        "notes": list(statement.notes),
    }


def statement_from_record(record: Mapping[str, Any], source: str) -> Statement:
    """Rebuild the statement read from the file at ``source``."""
    return Statement(
        source,
        tuple(record["paragraphs"]),
        _untag(record["meta"]),
        tuple(record["lines"]),
        tuple(record.get("notes", ())),
    )


def _tag(value: Any) -> Any:
    """Make YAML values JSON-safe, keeping dates and timestamps recognisable."""
    import datetime as dt

    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, Mapping):
        if all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {k: _tag(v) for k, v in value.items()}
        return {"$map": [[_tag(k), _tag(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return [_tag(v) for v in value]
    if isinstance(value, bytes):
        return {"$bytes": value.hex()}
    if isinstance(value, float) and value != value:  # NaN is not JSON
        return {"$float": "nan"}
    return value


def _untag(value: Any) -> Any:
    """Undo ``_tag``."""
    import datetime as dt

    if value is None or type(value) in (str, int, bool, float):
        return value
    if isinstance(value, dict):
        if "$datetime" in value:
            return dt.datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
        if "$map" in value:
            return {_untag(k): _untag(v) for k, v in value["$map"]}
        if "$bytes" in value:
            return bytes.fromhex(value["$bytes"])
        if "$float" in value:
            return float(value["$float"])
        return {k: _untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_untag(v) for v in value]
    return value
