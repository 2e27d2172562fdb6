"""GitHub-flavoured Markdown report, for pull-request comments, tickets and e-mails.

A summary table (similarity, paragraph counts, position shifts), then each changed block under a bold
label, its words inline with ``<del>`` and ``<ins>``, and its shifts as a list. Runs of equal
paragraphs fold into ``<details>``. The text reads well unrendered too.

Statements come from the web, and most Markdown hosts pass raw HTML through, so every piece of text
that did not come from this module is escaped: ``<`` becomes ``&lt;``, anything that could open
emphasis, code, a link, a table cell or strikethrough gets a backslash, entity-like ``&`` is spelled
out, and block markers (``#``, ``>``, ``-``, ``1.``...) are neutralised at the start of a line. Each
paragraph is written on one line so nothing can close the block it stands in.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from dipdiff.model import Block, BlockKind, Comparison, Direction
from dipdiff.render import RenderOptions
from dipdiff.render.labels import (
    ARROWS,
    MODE_WORDS,
    RELATED_NOTE,
    block_label,
    describe_source,
    paragraph_numbers,
    passage_line,
    plural,
    related_line,
    related_title,
    sections,
    shift_line,
    shift_summary,
)
from dipdiff.render.spans import Mark, Paragraph, plain, unified

COUNTS = ("equal", "modified", "moved", "split", "merged", "added", "removed")
"""Summary columns, in the order every renderer lists them."""

_INLINE = re.compile(r"[\\`*_\[\]|~]")
_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_BLOCK_START = re.compile(r"^(?:[#>+=\-]|\d{1,9}[.)])")
_WHITESPACE = re.compile(r"\s+")
_MARK_TAG = {Mark.DELETED: "del", Mark.INSERTED: "ins"}


def escape(text: str, *, line_start: bool = False) -> str:
    """Return text that Markdown renders literally, on one line."""
    text = _WHITESPACE.sub(" ", text)
    text = _INLINE.sub(lambda m: "\\" + m.group(), text)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    if line_start:
        text = text.lstrip()
        match = _BLOCK_START.match(text)
        if match:
            cut = match.end() - 1
            text = text[:cut] + "\\" + text[cut:]
    return text


def render(comparison: Comparison, options: RenderOptions) -> str:
    """Return the comparison as a Markdown document."""
    return "\n".join(_document(comparison, options)).rstrip("\n") + "\n"


def _document(comparison: Comparison, options: RenderOptions) -> Iterator[str]:
    yield "### dipdiff: what changed"
    yield ""
    yield f"- **old:** {escape(describe_source(comparison.old))}"
    yield f"- **new:** {escape(describe_source(comparison.new))}"
    yield f"- **mode:** {escape(MODE_WORDS[comparison.mode])}"
    yield ""
    yield from _summary(comparison)
    for note in comparison.notes:
        yield f"_Note: {escape(note)}_"
        yield ""
    equal_run: list[Block] = []
    hidden = 0
    for n, (title, blocks) in enumerate(sections(comparison)):
        if title:
            yield f"#### {escape(title)}"
            yield ""
        for block in blocks:
            if block.kind is BlockKind.EQUAL and not block.moved:
                if options.changes_only:
                    hidden += 1
                else:
                    equal_run.append(block)
                continue
            yield from _equal_run(comparison, equal_run)
            equal_run = []
            yield from _block(block)
        yield from _equal_run(comparison, equal_run)
        equal_run = []
        if n == 0:
            yield from _related(comparison)
    if hidden:
        yield f"_({plural(hidden, 'equal paragraph')} not shown)_"


def _related(comparison: Comparison) -> Iterator[str]:
    """The hints below the pairs, under their own heading, after what both sides address."""
    title = related_title(comparison)
    if title is None:
        return
    yield f"#### {escape(title)}"
    yield ""
    yield f"_{escape(RELATED_NOTE)}_"
    yield ""
    for hint in comparison.related:
        yield f"- {escape(related_line(hint), line_start=True)}"
    yield ""


def _summary(comparison: Comparison) -> Iterator[str]:
    summary = comparison.summary
    shifts = comparison.shifts
    yield "| similarity | " + " | ".join(COUNTS) + " | shifts |"
    yield "| ---: " * (len(COUNTS) + 2) + "|"
    values = [f"{comparison.similarity:g}/100"] + [str(getattr(summary, c)) for c in COUNTS]
    yield "| " + " | ".join([*values, str(len(shifts))]) + " |"
    yield ""
    if not shifts:
        yield "No position shifts found."
        yield ""
        return
    counts = {category.value: per for category, per in comparison.shift_counts().items()}
    directions = [d for d in Direction if any(d in row for row in counts.values())]
    yield "| position shift | " + " | ".join(f"{ARROWS[d]} {d.value}" for d in directions) + " |"
    yield "| --- " + "| ---: " * len(directions) + "|"
    for category in sorted(counts):
        cells = [str(counts[category].get(d, "")) for d in directions]
        yield f"| {category} | " + " | ".join(cells) + " |"
    yield ""
    for line in shift_summary(comparison):
        yield f"- {escape(line, line_start=True)}"
    yield ""


def _block(block: Block) -> Iterator[str]:
    yield f"**{escape(block_label(block))}**"
    yield ""
    passage = passage_line(block)
    if passage:
        yield f"_{escape(passage)}_"
        yield ""
    whole = block.kind in (BlockKind.ADDED, BlockKind.REMOVED)
    for paragraph in unified(block):
        yield _paragraph(paragraph, marks=not whole)
        yield ""
    for shift in block.shifts:
        yield f"- {escape(shift_line(shift), line_start=True)}"
    if block.shifts:
        yield ""


def _equal_run(comparison: Comparison, blocks: list[Block]) -> Iterator[str]:
    """Fold a run of equal paragraphs into one ``<details>``, showing the new wording."""
    if not blocks:
        return
    numbers = [i for block in blocks for i in block.new]
    count = len(numbers)
    title = f"{plural(count, 'equal paragraph')} ({paragraph_numbers(numbers)})"
    yield "<details>"
    yield f"<summary>{html.escape(title)}</summary>"
    yield ""
    for i in numbers:
        yield escape(comparison.new.paragraphs[i], line_start=True)
        yield ""
    yield "</details>"
    yield ""


def _paragraph(paragraph: Paragraph, *, marks: bool) -> str:
    """One paragraph on one line, changed words wrapped in ``<del>``/``<ins>`` when ``marks``."""
    if not marks:
        return escape(plain(paragraph), line_start=True)
    parts = []
    for n, span in enumerate(paragraph):
        text = escape(span.text, line_start=n == 0)
        tag = _MARK_TAG.get(span.mark)
        parts.append(f"<{tag}>{text}</{tag}>" if tag else text)
    return "".join(parts)
