"""``dipdiff corpus add``: file a statement under its corpus path, with front matter, atomically.

Nothing is ever overwritten, the speaker id and slug are checked so that no path can leave the corpus,
and a new speaker is registered only when asked. The file is checked with ``check``'s rules against the
whole corpus before anything is written: what ``corpus add`` files, ``check`` accepts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dipdiff.corpus.dates import parse_date
from dipdiff.corpus.layout import render_front_matter, require_id, slugify, statement_relpath
from dipdiff.corpus.speakers import (
    Registry,
    Speaker,
    is_country,
    load_registry,
    register_speaker,
    registry_path,
)
from dipdiff.errors import CorpusError


@dataclass(frozen=True, slots=True)
class NewStatement:
    """What ``corpus add`` is told about the statement it files."""

    speaker: str
    date: str
    title: str
    slug: str | None = None
    """Defaults to one made from the title."""
    source: str | None = None
    language: str | None = None
    topics: Sequence[str] = ()
    supersedes: str | None = None
    illustrative: bool = False
    new_speaker: str | None = None
    """Display name under which to register ``speaker`` when it is not in the registry yet."""
    country: str | None = None
    """ISO 3166-1 alpha-3 code for a new speaker."""


@dataclass(frozen=True, slots=True)
class Filed:
    """What ``corpus add`` wrote."""

    path: Path
    warnings: tuple[str, ...] = ()
    """``check``'s warnings about the new file (``[rule] message``); errors refuse it instead."""


def add_statement(root: Path, source_file: Path, new: NewStatement, *, reflow: bool = True) -> Filed:
    """Copy the text of ``source_file`` (``-``: standard input) into the corpus as ``new``, once
    ``check``'s rules find no error in it; return the path written and the rules' warnings.
    ``reflow=False`` reads and checks hard-wrapped lines as they are (a PDF's text is then filed a
    line a paragraph)."""
    from dipdiff.atomic import write_atomic
    from dipdiff.readers import InputFormat, parse_statement, read_bytes
    from dipdiff.readers.decode import decode
    from dipdiff.readers.frontmatter import split_front_matter
    from dipdiff.readers.sniff import sniff

    registry = load_registry(root)
    speaker = require_id(new.speaker, "speaker id")
    slug = require_id(new.slug, "slug") if new.slug is not None else slugify(new.title)
    try:
        date = parse_date(new.date).text
    except ValueError as exc:
        raise CorpusError(f"--date {exc}") from None
    if not new.title.strip():
        raise CorpusError("--title must not be empty")
    _check_speaker(registry, speaker, new, str(registry_path(root)))
    # Read once: standard input ("-", /dev/stdin) can only be read once.
    data = read_bytes(str(source_file))
    # refuses binary, empty and broken files
    statement = parse_statement(data, str(source_file), reflow=reflow)
    # HTML pages, PDFs and Word files are filed as the text dipdiff read from them: a paragraph a
    # block, in a .txt file, so no Markdown syntax in the words can change them.
    fmt = sniff(data, str(source_file))
    extracted = fmt in (InputFormat.HTML, InputFormat.PDF, InputFormat.DOCX)
    text = "" if extracted else decode(data, str(source_file)).replace("\r\n", "\n").replace("\r", "\n")
    _, body, skipped = split_front_matter(text, str(source_file))
    # Filed as it was read: Markdown (by its name, or front matter in a file named otherwise) stays
    # .md; plain text, piped in or under any other name, is .txt, so its lines are read as text
    # (one paragraph a line, re-flow) and not joined as Markdown would join them.
    markdown = fmt is InputFormat.MARKDOWN or (fmt is InputFormat.AUTO and skipped > 0)
    suffix = ".md" if markdown else ".txt"
    target = root / statement_relpath(speaker, date, slug, suffix)
    _check_inside(root, target)
    if target.exists() or target.is_symlink():
        # a title without Latin letters or digits (신년사) gives the slug "statement": say how to go on
        raise CorpusError(
            "already exists; corpus add never overwrites (file this one under another name with --slug)",
            source=str(target),
        )
    if new.supersedes is not None:
        _check_supersedes(root, new.supersedes, speaker)
    head = render_front_matter(_meta(new, speaker, date)) + "\n"
    lines = None  # where the filed body's lines are in FILE, to name them when check refuses one
    if extracted:
        body = "\n\n".join(statement.paragraphs) + "\n"
    else:
        skipped += len(body) - len(body.lstrip("\n"))
        lines = _SourceLines(_name(source_file), head.count("\n"), skipped)
    content = head + body.lstrip("\n")
    newcomer = None if speaker in registry else Speaker(speaker, new.new_speaker or "", new.country)
    warnings = _check_as_check_would(root, target, content, registry, newcomer, reflow, lines)
    if newcomer is not None:
        register_speaker(root, newcomer)
    target.parent.mkdir(exist_ok=True)
    write_atomic(target, content)
    return Filed(target, warnings)


@dataclass(frozen=True, slots=True)
class _SourceLines:
    """How the lines of the file to be filed map back to the lines of the file the user gave."""

    name: str
    head: int
    """Lines of front matter written before the body."""
    skipped: int
    """Lines of the user's file before the body (its own front matter, blank lines)."""

    def place(self, line: int) -> int | None:
        """The user's line for the filed file's 1-based ``line``; None inside the new front matter."""
        return line - self.head + self.skipped if line > self.head else None


def _name(source_file: Path) -> str:
    return "standard input" if str(source_file) in ("-", "/dev/stdin") else str(source_file)


def _messages(findings: Sequence[Any], lines: _SourceLines | None) -> list[str]:
    """``[rule] message`` once per rule and message, with the user's lines it was found on."""
    found: dict[str, list[int]] = {}
    for finding in findings:
        places = found.setdefault(f"[{finding.rule}] {finding.message}", [])
        line = lines.place(finding.line) if lines is not None and finding.line else None
        if line is not None and line not in places:
            places.append(line)
    messages = []
    for message, places in found.items():
        if places and lines is not None:
            where = "line" if len(places) == 1 else "lines"
            message += f" ({where} {', '.join(map(str, places))} of {lines.name})"
        messages.append(message)
    return messages


def _check_as_check_would(
    root: Path,
    target: Path,
    content: str,
    registry: Registry,
    newcomer: Speaker | None,
    reflow: bool,
    lines: _SourceLines | None = None,
) -> tuple[str, ...]:
    """Run ``check``'s rules on the file before it exists; refuse it when any rule finds an error,
    and return the warnings (``[rule] message``, with the lines of the user's file they are on)."""
    from dipdiff.check.findings import Severity
    from dipdiff.check.run import check_unwritten

    if newcomer is not None:
        registry = replace(registry, speakers={**registry.speakers, newcomer.id: newcomer})
    from dipdiff.check.context import CheckOptions

    options = CheckOptions(reflow=reflow)
    report = check_unwritten(root, target, content.encode("utf-8"), registry=registry, options=options)
    errors = _messages([f for f in report.findings if f.severity is Severity.ERROR], lines)
    if errors:
        raise CorpusError(f"{'; '.join(errors)}; nothing was written", source=str(target))
    return tuple(_messages([f for f in report.findings if f.severity is Severity.WARNING], lines))


def _check_speaker(registry: Any, speaker: str, new: NewStatement, where: str) -> None:
    """The speaker is registered, or is to be registered now, not both."""
    if speaker in registry and new.new_speaker is not None:
        raise CorpusError(f"speaker '{speaker}' is already registered; drop --new-speaker", source=where)
    if speaker not in registry and new.new_speaker is None:
        guess = registry.suggest(speaker)
        hint = f"did you mean '{guess}'? Or register it" if guess else "register it"
        raise CorpusError(f"speaker '{speaker}' is not in it; {hint} with --new-speaker NAME", source=where)
    if new.new_speaker is not None and not new.new_speaker.strip():
        raise CorpusError("--new-speaker needs a display name")
    if new.country is not None and new.new_speaker is None:
        raise CorpusError("--country describes a new speaker: give it with --new-speaker NAME")
    if new.country is not None and not is_country(new.country):
        # check's registry rule would refuse the entry once written: refuse it before
        hint = f"; write it in capitals: {new.country.upper()}" if is_country(new.country.upper()) else ""
        raise CorpusError(f"--country {new.country!r} is not an ISO 3166-1 alpha-3 code (RUS, CHN){hint}")


def _check_inside(root: Path, target: Path) -> None:
    """Refuse a target that a symbolic link would carry outside the corpus."""
    real_root = root.resolve()
    try:
        target.parent.resolve().relative_to(real_root)
    except ValueError:
        raise CorpusError("speaker folder leads outside the corpus", source=str(target.parent)) from None


def _check_supersedes(root: Path, statement_id: str, speaker: str) -> None:
    """The superseded statement exists and belongs to the same speaker."""
    parts = statement_id.split("/")
    if len(parts) != 2:
        raise CorpusError(f"--supersedes {statement_id!r}: write <speaker>/<file stem>")
    require_id(parts[0], "speaker id")
    if parts[0] != speaker:
        raise CorpusError(f"--supersedes {statement_id!r} belongs to another speaker than '{speaker}'")
    if not any((root / parts[0] / (parts[1] + suffix)).is_file() for suffix in (".md", ".txt")):
        raise CorpusError(f"--supersedes {statement_id!r}: no such statement in the corpus")


def _meta(new: NewStatement, speaker: str, date: str) -> dict[str, Any]:
    """Front matter in the documented field order, leaving out what was not given."""
    meta: dict[str, Any] = {"speaker": speaker, "date": date, "title": " ".join(new.title.split())}
    if new.source:
        meta["source"] = new.source
    if new.language:
        meta["language"] = new.language
    if new.topics:
        meta["topics"] = list(new.topics)
    if new.supersedes:
        meta["supersedes"] = new.supersedes
    if new.illustrative:
        meta["illustrative"] = True
    return meta
