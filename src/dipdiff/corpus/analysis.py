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
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dipdiff.errors import InputError
from dipdiff.model import Statement
from dipdiff.resources import packaged_yaml


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
    field_lines: Mapping[str, int]
    """1-based line of each top-level front-matter field."""
    issues: tuple[TextIssue, ...]
    norm_digest: str
    """Hash of the normalised tokens; empty when the statement cannot be read."""
    signature: bytes
    """MinHash values (``num_perm`` little-endian uint32); empty when unreadable."""
    words: int
    """Number of words (tokens with a letter or digit)."""

    @property
    def problem(self) -> str:
        """Why the file does not read as a statement (its last issue), for an error line."""
        return self.issues[-1].detail if self.issues else "cannot be read"


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
    read = _read(data, source, reflow)
    if isinstance(read, Analysis):
        return read, None, []
    digest, statement, lines, issues = read
    tokens = _tokens(statement.paragraphs)
    keys = [key for _, _, paragraph_keys in tokens for key in paragraph_keys]
    return _analysis(digest, statement, lines, issues, keys), statement, tokens


def analyse_head(data: bytes, source: str, *, reflow: bool = True) -> Analysis:
    """``analyse``'s analysis alone, found with less work: the statement is read for its words (where
    re-flowed paragraphs end is not decided), and its keys are found run by run between spaces
    (``tokens.statement_keys``), without the tokens' texts and trails. What a cold ``check`` reads of
    most files."""
    return analyse_head_keys(data, source, reflow=reflow)[0]


def analyse_head_keys(data: bytes, source: str, *, reflow: bool = True) -> tuple[Analysis, list[str] | None]:
    """``analyse_head``, with every token key of the statement in order (those of a full reading's
    paragraphs, one after the other); None when the file does not read as a statement."""
    from dipdiff.normalise import default_normaliser
    from dipdiff.tokens import statement_keys

    read = _read(data, source, reflow, words_only=True)
    if isinstance(read, Analysis):
        return read, None
    digest, statement, lines, issues = read
    keys = statement_keys(statement.paragraphs, default_normaliser())
    return _analysis(digest, statement, lines, issues, keys), keys


def _read(
    data: bytes, source: str, reflow: bool, *, words_only: bool = False
) -> Analysis | tuple[str, Statement, dict[str, int], list[TextIssue]]:
    """Read a file's bytes as a statement: its content hash, statement, front-matter field lines and
    text problems, or the analysis of a file that does not read as a statement. ``words_only``: the
    statement's words are right, where its paragraphs end may not be (``readers.parse_statement``)."""
    from dipdiff.readers import parse_statement
    from dipdiff.readers.decode import decode

    digest = hashlib.sha256(data).hexdigest()
    issues: list[TextIssue] = []
    try:
        text = decode(data, source)
    except InputError as exc:
        issue = TextIssue("unreadable", 1, _reason(exc, source))
        return Analysis(digest, False, {}, {}, (issue,), "", b"", 0)
    if not _is_utf8(data):
        issues.append(TextIssue("encoding", 1, "not UTF-8; save the file as UTF-8"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _field_lines(text)
    if not text.startswith("---"):
        issues.append(TextIssue("front-matter", 1, "no front matter: the file must open with '---'"))
    issues += _scan(text)
    try:
        statement = parse_statement(data, source, reflow=reflow, words_only=words_only)
    except InputError as exc:
        reason = _reason(exc, source)
        kind = "empty" if reason.startswith("empty statement") else "unreadable"
        at = _AT_LINE.search(reason)  # broken front matter names its line: point there, not at line 1
        issues.append(TextIssue(kind, int(at.group(1)) if at else 1, reason))
        return Analysis(digest, False, {}, lines, tuple(issues), "", b"", 0)
    return digest, statement, lines, issues


def _analysis(
    digest: str, statement: Statement, lines: dict[str, int], issues: list[TextIssue], keys: list[str]
) -> Analysis:
    """The analysis of a readable statement, given every token key of its paragraphs in order."""
    norm = hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()
    signature, words = minhash_of_keys(keys)
    return Analysis(digest, True, statement.meta, lines, tuple(issues), norm, signature, words)


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
_AT_LINE = re.compile(r"^broken front matter: [^:]* at line (\d+)")
"""The line a front-matter error names (``broken front matter: invalid YAML at line 3: ...``)."""


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


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")
"""Control characters (Unicode category Cc) but tab, line feed and form feed: a form feed is the page
break that text extracted from a PDF keeps (a quarter of the UN speeches), which the readers take as
one (``readers.reflow``), so a statement filed with its page breaks is sound."""
_UNUSUAL = re.compile("[^\x00-\x7f\xa0\xad·´–—―…’‘“”]")
"""A character other than ASCII and everyday typography (no-break space, soft hyphen, dashes,
ellipsis, curly quotes). Every pattern of ftfy's mojibake detector (``ftfy.badness.BADNESS_RE``, ftfy
6) needs at least one such character, so a line without any is never bad and is not searched: the
detector costs about 200 ns per character (tested in ``tests/test_index.py``)."""


def _scan(text: str) -> list[TextIssue]:
    """Control characters, mojibake and HTML, line by line (at most one issue per kind and line).

    Each kind is first looked for in the whole text: most statements have none of them, and then no
    line is looked at.
    """
    from ftfy.badness import is_bad

    html = _html_pattern()
    control = _CONTROL.search(text) is not None
    tags = html.search(text) is not None
    mojibake = _UNUSUAL.search(text) is not None
    if not (control or tags or mojibake):
        return []
    issues = []
    for number, line in enumerate(text.split("\n"), 1):
        bad = _CONTROL.findall(line) if control else []
        if bad:
            codes = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in bad}))
            issues.append(TextIssue("control", number, f"control character(s) {codes}"))
        if not mojibake or not _UNUSUAL.search(line):
            pass
        elif "\ufffd" in line:
            issues.append(
                TextIssue(
                    "mojibake", number, "replacement character U+FFFD: text was lost in an earlier conversion"
                )
            )
        elif is_bad(line):
            issues.append(
                TextIssue(
                    "mojibake", number, f"mojibake (text decoded with the wrong encoding): {_excerpt(line)}"
                )
            )
        match = html.search(line) if tags else None
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
    from dipdiff.tokens import token_pattern, words_and_keys

    normaliser = default_normaliser()
    # Without a Chinese or Japanese character anywhere, no paragraph has one: choose the pattern once.
    whole = token_pattern("\n".join(paragraphs))
    pattern = whole if whole is token_pattern("") else None
    found = []
    for paragraph in paragraphs:
        texts, trails, keys = words_and_keys(paragraph, normaliser, pattern)
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
    """Fixed random coefficients (a odd, b) of the 32-bit hash family, one pair per permutation."""
    import numpy as np

    rng = np.random.RandomState(1)
    a = rng.randint(1, 1 << 32, size=num_perm, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
    b = rng.randint(0, 1 << 32, size=num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


_NOT_A_WORD = 1 << 40
"""Stands for a key that is no word in the table below: beyond every CRC-32."""


class _Crc(dict[str, int]):
    """Key -> its word's CRC-32, or ``_NOT_A_WORD`` (punctuation); a key not met before in this
    process is hashed once and remembered (looked up in C, as ``Normaliser`` keys are)."""

    def __missing__(self, key: str) -> int:
        word = any(ch.isalnum() for ch in key)
        value = self[key] = zlib.crc32(key.encode("utf-8")) if word else _NOT_A_WORD
        return value


_CRC = _Crc()


def minhash(words: Sequence[str]) -> bytes:
    """MinHash signature of the word shingles of a statement (``num_perm`` uint32, little-endian)."""
    return minhash_of_keys(word_keys(words))[0]


def minhash_of_keys(keys: Sequence[str]) -> tuple[bytes, int]:
    """MinHash signature of the shingles of a statement's words, given all its token keys (punctuation
    is left out here), and how many words it has.

    Each shingle (``shingle_words`` consecutive words) is hashed to 64 bits from its words' CRC-32s,
    folded to 32; each permutation is ``h(x) = (a * x + b) mod 2**32`` with ``a`` odd, a bijection of
    32-bit values, and the signature keeps each permutation's minimum: one multiply, one add and one
    comparison per shingle and permutation, in 32-bit numpy arrays (64-bit multiplies are not
    vectorised and took 2.5 times as long). On 101 real statements paired with copies of themselves
    with 2-20% of their words replaced, the estimate of the shingle Jaccard similarity was off by
    0.035 (root mean square), what 128 truly random permutations give. A repeated shingle changes no
    minimum, so shingles are not deduplicated first.
    """
    import numpy as np

    config = settings()["near_duplicates"]
    size, num_perm = int(config["shingle_words"]), int(config["num_perm"])
    every = np.fromiter(map(_CRC.__getitem__, keys), dtype=np.uint64, count=len(keys))
    word_hashes = every[every != _NOT_A_WORD]
    words = len(word_hashes)
    if words == 0:
        word_hashes = np.array([zlib.crc32(b"")], dtype=np.uint64)
    if len(word_hashes) >= size:
        # Combine consecutive word hashes into one 64-bit shingle hash (order matters).
        count = len(word_hashes) - size + 1
        shingles = np.zeros(count, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for offset in range(size):
                shingles = shingles * np.uint64(1_000_003) + word_hashes[offset : count + offset]
    else:
        shingles = word_hashes
    folded = ((shingles >> np.uint64(32)) ^ shingles).astype(np.uint32)
    a, b = _permutations(num_perm)
    signature = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(folded), 4096):
        values = np.multiply.outer(a, folded[start : start + 4096])  # a row per permutation
        values += b[:, None]
        np.minimum(signature, values.min(axis=1), out=signature)  # along rows: contiguous
    return signature.astype("<u4").tobytes(), words


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
        return {k: v if type(v) is str else _untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) is str else _untag(v) for v in value]
    return value
