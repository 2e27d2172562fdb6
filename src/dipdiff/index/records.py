"""What the index keeps per content, and how it is written: compact ``marshal`` payloads, shape-checked.

A file's content gives three records, computed by ``facts_and_norm`` in one reading and one tokenisation
(``head_of`` computes the head alone, for a command that needs no more: the others are then computed
by the first command that asks for them):

* the *head*, an ``Analysis`` (front matter, field lines, text problems, normalised-text hash, MinHash
  signature, word count): small, read for every file of a corpus by ``check`` and ``corpus list``;
* the *body*: the statement (paragraphs, their lines, front matter), each paragraph's normalised token
  keys and its sentences' token ranges: read for the files a command looks into (revisions, near-
  duplicate candidates, timeline, track, blame);
* the *text*: the normalised words alone, one paragraph a line, which ``track`` scans for its
  phrase's anchors before it reads the few bodies that hold one.

Payloads hold only plain values (``marshal``, no code); dates in front matter are tagged
(``corpus.analysis._tag``). A payload that decodes to anything but the expected shape raises
``Damaged``, which the index treats as a miss.
"""

from __future__ import annotations

import marshal
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from dipdiff.corpus.analysis import Analysis, TextIssue, _tag, _untag
from dipdiff.corpus.speakers import Registry, Speaker
from dipdiff.index.db import Damaged, Seen, vouches
from dipdiff.model import Statement

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Body:
    """A readable file's statement with its normalised words and sentences."""

    statement: Statement
    norm: tuple[str, ...]
    """Each paragraph's normalised token keys joined by single spaces (keys never hold spaces)."""
    sentences: tuple[tuple[tuple[int, int], ...], ...]
    """Per paragraph, the ``(start, end)`` token range of each sentence."""
    digest: str
    """SHA-256 of the file's bytes."""

    def words(self) -> list[str]:
        """The statement's word keys (tokens holding a letter or digit), in order."""
        from dipdiff.corpus.analysis import word_keys

        return word_keys([key for paragraph in self.norm if paragraph for key in paragraph.split(" ")])


Facts = tuple[Analysis, bytes, bytes | None, bytes | None]
"""A file's analysis, and its encoded head, body and normalised text (None when it is unreadable)."""


def facts_and_norm(data: bytes, source: str, reflow: bool = True) -> tuple[Facts, tuple[str, ...] | None]:
    """Analyse a file's bytes: its analysis and the encoded head, body and text (``reflow=False``
    reads hard-wrapped lines as they are), with the normalised text the encoded text holds (each
    paragraph's keys joined by spaces; None when the file is unreadable), so that its words need not
    be decoded again."""
    from dipdiff.corpus.analysis import analyse_tokens
    from dipdiff.history.sentences import split_words

    analysis, statement, tokens = analyse_tokens(data, source, reflow=reflow)
    head = encode_head(analysis)
    if statement is None:
        return (analysis, head, None, None), None
    norm = tuple(" ".join(keys) for _, _, keys in tokens)
    spans = tuple(tuple(split_words(texts, trails)) for texts, trails, _ in tokens)
    return (analysis, head, encode_body(statement, norm, spans), encode_text(norm)), norm


def head_of(data: bytes, source: str, reflow: bool = True) -> tuple[Analysis, bytes, list[str] | None]:
    """Analyse a file's bytes for its head alone (``corpus.analysis.analyse_head``): the same analysis
    and encoded head as ``facts_and_norm``, without the body and text (no sentences), which the
    commands that need them compute when they first do; and its token keys in order (None when the
    file does not read as a statement), kept (``encode_keys``) so that the near-duplicate rule takes
    its words and ``track``'s word index its distinct words without reading the file again."""
    from dipdiff.corpus.analysis import analyse_head_keys

    analysis, keys = analyse_head_keys(data, source, reflow=reflow)
    return analysis, encode_head(analysis), keys


def encode_head(analysis: Analysis) -> bytes:
    """An analysis as a payload (its digest is the key)."""
    issues = tuple((i.kind, i.line, i.detail) for i in analysis.issues)
    return marshal.dumps(
        (
            analysis.readable,
            _tag(analysis.meta),
            dict(analysis.field_lines),
            issues,
            analysis.norm_digest,
            analysis.signature,
            analysis.words,
        ),
        4,
    )


def decode_head(digest: str, payload: bytes) -> Analysis:
    """Rebuild an analysis; ``Damaged`` when the payload is not one."""
    value = _load(payload)
    _expect(isinstance(value, tuple) and len(value) == 7)
    readable, meta, lines, issues, norm, signature, words = value
    _expect(
        isinstance(readable, bool)
        and isinstance(meta, dict)
        and isinstance(lines, dict)
        and all(isinstance(k, str) and isinstance(v, int) for k, v in lines.items())
        and isinstance(issues, tuple)
        and all(_is_issue(i) for i in issues)
        and isinstance(norm, str)
        and isinstance(signature, bytes)
        and isinstance(words, int)
    )
    found = tuple(TextIssue(kind, line, detail) for kind, line, detail in issues)
    if b"$" in payload:  # a tagged value (a date) may be inside: without a "$" there is none
        meta = _guarded(_untag, meta)
    return Analysis(digest, readable, meta, lines, found, norm, signature, words)


LIGHT_FIELDS = ("speaker", "date", "supersedes")
"""The front-matter fields the rules read of a file that is not being checked (``check.context.Item``)."""


def decode_light(digest: str, payload: bytes) -> Analysis:
    """The part of an analysis the rules read of a file that is not being checked: readable or not,
    its ``LIGHT_FIELDS``, normalised-text hash, signature and word count (no field lines, no text
    problems). A check of one file reads 20,000 others; ``Damaged`` as ``decode_head``."""
    value = _load(payload)
    _expect(type(value) is tuple and len(value) == 7)
    readable, meta, _, _, norm, signature, words = value
    _expect_light(readable, meta, norm, signature, words)
    if "$map" in meta:  # front matter with keys that are not text: read it whole
        return decode_head(digest, payload)
    light = {key: meta[key] for key in LIGHT_FIELDS if key in meta}
    if b"$" in payload:
        light = _guarded(_untag, light)
    return Analysis(digest, readable, light, {}, (), norm, signature, words)


def _expect_light(readable: object, meta: object, norm: object, signature: object, words: object) -> None:
    """Check the parts of a light analysis for their types; ``Damaged`` when one is wrong."""
    _expect(
        type(readable) is bool
        and type(meta) is dict
        and type(norm) is str
        and type(signature) is bytes
        and type(words) is int
    )


def encode_body(
    statement: Statement, norm: tuple[str, ...], spans: tuple[tuple[tuple[int, int], ...], ...]
) -> bytes:
    """A statement with its normalised words and sentences as a (compressed) payload."""
    record = (statement.paragraphs, statement.lines, _tag(statement.meta), norm, spans)
    return zlib.compress(marshal.dumps(record, 4), 1)


def decode_body(payload: bytes, source: str, digest: str) -> Body:
    """Rebuild a body read from ``source``; ``Damaged`` when the payload is not one."""
    try:
        raw = zlib.decompress(payload)
    except zlib.error as exc:
        raise Damaged("not a compressed body") from exc
    value = _load(raw)
    _expect(isinstance(value, tuple) and len(value) == 5)
    paragraphs, lines, meta, norm, spans = value
    _expect(
        _strings(paragraphs)
        and isinstance(lines, tuple)
        and len(lines) == len(paragraphs)
        and all(isinstance(line, int) for line in lines)
        and isinstance(meta, dict)
        and _strings(norm)
        and len(norm) == len(paragraphs)
        and isinstance(spans, tuple)
        and len(spans) == len(paragraphs)
        and all(_spans(s) for s in spans)
    )
    statement = Statement(source, paragraphs, _guarded(_untag, meta), lines)
    return Body(statement, norm, spans, digest)


def encode_text(norm: tuple[str, ...]) -> bytes:
    """A statement's normalised text (each paragraph's keys) as a payload."""
    return zlib.compress(marshal.dumps(norm, 4), 1)


def decode_text(payload: bytes) -> str:
    """The normalised text of ``encode_text``, one paragraph a line; ``Damaged`` when the payload is
    not one."""
    try:
        raw = zlib.decompress(payload)
    except zlib.error as exc:
        raise Damaged("not a compressed text") from exc
    value = _load(raw)
    _expect(_strings(value))
    return "\n".join(value)


def encode_keys(keys: list[str]) -> bytes:
    """A statement's token keys, in order (its paragraphs' one after the other), as a payload: what
    a cold ``check`` keeps of a file it reads for its analysis alone."""
    return zlib.compress(" ".join(keys).encode("utf-8"), 1)


def decode_keys(payload: bytes) -> list[str]:
    """The keys of ``encode_keys`` split on single spaces, as ``Body.words`` splits each paragraph's
    (a key holding a space, which the normaliser never makes, would be split alike); ``Damaged``
    when the payload is not one."""
    try:
        text = zlib.decompress(payload).decode("utf-8")
    except (zlib.error, UnicodeDecodeError) as exc:
        raise Damaged("not compressed keys") from exc
    return text.split(" ") if text else []


def words_of(text: str) -> set[str]:
    """The distinct words of a normalised text (one paragraph a line, keys joined by spaces)."""
    found = set(text.replace("\n", " ").split(" "))
    found.discard("")
    return found


def encode_registry(digest: str, registry: Registry) -> bytes:
    """A parsed speakers registry, with the hash of the bytes it was parsed from, as a payload."""
    speakers = tuple((s.id, s.name, s.country, s.aliases) for s in registry.speakers.values())
    return marshal.dumps((digest, speakers, registry.problems), 4)


def decode_registry(payload: bytes) -> tuple[str, Registry]:
    """Rebuild a registry and the hash of its file's bytes; ``Damaged`` when the payload is not one."""
    value = _load(payload)
    _expect(isinstance(value, tuple) and len(value) == 3)
    digest, speakers, problems = value
    _expect(
        isinstance(digest, str)
        and isinstance(speakers, tuple)
        and all(_is_speaker(s) for s in speakers)
        and isinstance(problems, tuple)
        and all(
            isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], int) and isinstance(p[1], str)
            for p in problems
        )
    )
    registry = Registry(
        {sid: Speaker(sid, name, country, aliases) for sid, name, country, aliases in speakers}, problems
    )
    return digest, registry


def _is_speaker(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 4
        and isinstance(value[0], str)
        and isinstance(value[1], str)
        and (value[2] is None or isinstance(value[2], str))
        and _strings(value[3])
    )


ListedFile = tuple[str, Seen, bytes]
"""A corpus listing's row: the path as the index names it, what was seen of it, its encoded head."""


def encode_listing(rows: list[ListedFile]) -> bytes:
    """A corpus's listing as one payload: per file, its stat key, content hash and head."""
    return marshal.dumps(
        tuple(
            (path, s.size, s.mtime_ns, s.ctime_ns, s.inode, s.seen_ns, s.digest, head)
            for path, s, head in rows
        ),
        4,
    )


def decode_listing(payload: bytes) -> dict[str, tuple[Seen, bytes]]:
    """Rebuild a listing, by path; ``Damaged`` when the payload is not one (each head is checked
    for its shape when it is decoded, as any head)."""
    value = _load(payload)
    _expect(type(value) is tuple)
    found = {}
    for row in value:
        _expect(type(row) is tuple and len(row) == 8)
        path, size, mtime, ctime, inode, seen_ns, digest, head = row
        _expect(
            type(path) is str
            and type(size) is int
            and type(mtime) is int
            and type(ctime) is int
            and type(inode) is int
            and type(seen_ns) is int
            and type(digest) is str
            and type(head) is bytes
        )
        found[path] = (Seen(size, mtime, ctime, inode, digest, seen_ns), head)
    return found


LightRow = tuple[bool, dict[str, Any], str, bytes, int]
"""What ``decode_light`` reads of a head, as stored in a light listing: readable, the ``LIGHT_FIELDS``
of the front matter (tagged), normalised-text hash, signature, word count."""


@dataclass(frozen=True, slots=True)
class LightListing:
    """A corpus's light listing: per file, its stat key, content hash and the part of its analysis that
    a check of other files reads, in columns (a few objects per column, not per file). A check of one
    file against 20,000 reads this instead of the listing, whose heads it would mostly not decode."""

    rows: dict[str, int]
    """Path, as the index names it -> its row."""
    stats: tuple[int, ...]
    """Five numbers a row: size, modification time, change time, inode, and when they were seen."""
    digests: tuple[str, ...]
    light: tuple[LightRow | None, ...]
    """None for a file whose front matter has keys that are not text (read its whole head instead)."""

    def seen(self, row: int) -> Seen:
        """What was seen of the file in ``row``."""
        size, mtime, ctime, inode, seen_ns = self.stats[5 * row : 5 * row + 5]
        return Seen(size, mtime, ctime, inode, self.digests[row], seen_ns)

    def vouches_for(self, row: int, stat: os.stat_result) -> bool | None:
        """``Seen.vouches_for`` of the file in ``row``, without making its ``Seen``."""
        return vouches(self.stats[5 * row : 5 * row + 4], self.stats[5 * row + 4], stat)

    def analysis(self, row: int) -> Analysis | None:
        """The light analysis of the file in ``row`` (as ``decode_light`` gives it), or None when it
        must be read from the head; ``Damaged`` when the row is not one."""
        value = self.light[row]
        if value is None:
            return None
        _expect(type(value) is tuple and len(value) == 5)
        readable, meta, norm, signature, words = value
        _expect_light(readable, meta, norm, signature, words)
        if any(type(v) is not str for v in meta.values()):  # a tagged value (a date) may be inside
            meta = _guarded(_untag, meta)
        return Analysis(self.digests[row], readable, meta, {}, (), norm, signature, words)


def light_row(head: bytes) -> LightRow | None:
    """The light listing's row for an encoded head (``decode_light``'s part of it); ``Damaged`` when
    the payload is not a head."""
    value = _load(head)
    _expect(type(value) is tuple and len(value) == 7)
    readable, meta, _, _, norm, signature, words = value
    _expect(type(meta) is dict)
    if "$map" in meta:
        return None
    return (
        readable,
        {key: meta[key] for key in LIGHT_FIELDS if key in meta},
        norm,
        signature,
        words,
    )


def encode_light_listing(rows: list[tuple[str, Seen, LightRow | None]]) -> bytes:
    """A light listing as one payload, in columns."""
    stats = tuple(n for _, s, _ in rows for n in (s.size, s.mtime_ns, s.ctime_ns, s.inode, s.seen_ns))
    return marshal.dumps(
        (
            tuple(path for path, _, _ in rows),
            stats,
            tuple(s.digest for _, s, _ in rows),
            tuple(light for _, _, light in rows),
        ),
        4,
    )


def decode_light_listing(payload: bytes) -> LightListing:
    """Rebuild a light listing; ``Damaged`` when the payload is not one (each row's analysis is
    checked for its shape when it is read)."""
    value = _load(payload)
    _expect(type(value) is tuple and len(value) == 4)
    paths, stats, digests, light = value
    _expect(
        type(paths) is tuple
        and type(stats) is tuple
        and type(digests) is tuple
        and type(light) is tuple
        and len(stats) == 5 * len(paths)
        and len(digests) == len(paths) == len(light)
        and all(type(path) is str for path in paths)
        and all(type(n) is int for n in stats)
        and all(type(digest) is str for digest in digests)
    )
    return LightListing(dict(zip(paths, range(len(paths)), strict=True)), stats, digests, light)


def encode_value(value: Any) -> bytes:
    """A result made of plain values (numbers, text, tuples) as a payload."""
    return marshal.dumps(value, 4)


def decode_value(payload: bytes, shape: Callable[[Any], bool]) -> Any:
    """A result payload, which ``shape`` must accept; ``Damaged`` otherwise."""
    value = _load(payload)
    _expect(_guarded(shape, value) is True)
    return value


def _load(payload: bytes) -> Any:
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError) as exc:
        raise Damaged("not a marshal payload") from exc


def _guarded(function: Callable[[Any], T], value: Any) -> T:
    """Apply ``function``; any error means the stored value was not what it should be."""
    try:
        return function(value)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise Damaged(str(exc)) from exc


def _expect(condition: bool) -> None:
    if not condition:
        raise Damaged("a stored value has the wrong shape")


def _is_issue(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[0], str)
        and isinstance(value[1], int)
        and isinstance(value[2], str)
    )


def _strings(value: Any) -> bool:
    return isinstance(value, tuple) and all(isinstance(v, str) for v in value)


def tuples_of_texts(value: Any, length: int) -> bool:
    """Whether ``value`` is a tuple of tuples of ``length`` strings each (a shape check for results)."""
    return isinstance(value, tuple) and all(
        isinstance(row, tuple) and len(row) == length and _strings(row) for row in value
    )


def _spans(value: Any) -> bool:
    """Sentence ranges: non-empty and contiguous from the paragraph's first token. (Their end is not
    checked against the normalised words: a key may hold a space, as NFKC makes " ́" of "´".)"""
    if not isinstance(value, tuple):
        return False
    position = 0
    for span in value:
        if not (isinstance(span, tuple) and len(span) == 2 and span[0] == position and span[1] > span[0]):
            return False
        position = span[1]
    return True
