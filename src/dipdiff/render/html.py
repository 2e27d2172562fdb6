"""Self-contained HTML report: one file that opens anywhere, with no network requests.

Old text on the left, new text on the right, one row per block in the new statement's order, changed
words highlighted, a score badge on every pair. A moved paragraph also leaves a marker where it used to
stand, and the two link to each other; parts of a split or merged paragraph link to their counterpart.
A sticky header carries the summary, a filter (all, changes only, one shift category) and the n/p
navigation. Styles and script are inline, and a Content-Security-Policy admits only those two, by hash,
so even a slip in escaping could not run anything or fetch anything.

The page is a Jinja2 template (``templates/report.html.j2``) with autoescaping on: statement text is
only ever handed to it as data. The view values below are plain frozen dataclasses.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING

from dipdiff.model import Block, BlockKind, Comparison, Direction, Mode, Shift, Statement
from dipdiff.render import RenderOptions
from dipdiff.render.labels import (
    ARROWS,
    MODE_WORDS,
    RELATED_NOTE,
    block_label,
    describe_source,
    paragraph_numbers,
    passage_line,
    related_line,
    related_title,
    sections,
    shift_line,
    shift_summary,
)
from dipdiff.render.spans import Mark, Paragraph, Span, side

if TYPE_CHECKING:
    from jinja2 import Environment

COUNTS = ("equal", "modified", "moved", "split", "merged", "added", "removed")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True, slots=True)
class Part:
    """One paragraph shown in a cell."""

    anchor: str
    """The element id, ``old-7`` or ``new-3`` (1-based, as readers number paragraphs)."""
    number: str
    """The paragraph number as a reader writes it: ``¶7``."""
    spans: Paragraph
    links: tuple[tuple[str, str], ...] = ()
    """(text, ``#anchor``) markers pointing at this paragraph's counterparts."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the side-by-side view: a block, or the place a moved paragraph left."""

    anchor: str
    kind: str
    """A block kind's value, or ``moved-away`` for the marker a moved paragraph leaves behind."""
    kind_text: str
    """The kind as the label reads it: ``modified``, ``split into 2``, ``moved away``."""
    label: str
    """The block's label in every format's shared wording."""
    numbers: str
    old: tuple[Part, ...]
    new: tuple[Part, ...]
    change: bool
    """Whether the row shows a change (everything but equal paragraphs in place)."""
    stop: bool
    """Whether n/p navigation stops here (every change, not the moved-away markers)."""
    moved: tuple[str, str] | None = None
    """(text, ``#anchor``) linking a moved block and the place it left, both ways."""
    score: str = ""
    band: str = ""
    shifts: tuple[tuple[Shift, str], ...] = ()
    """Each shift with its line in the shared wording."""
    highlight: bool = True
    """False for added and removed paragraphs: the whole paragraph is the change."""
    affinity: str = ""
    """Rewrite and speakers modes: how much the two sides are about the same thing."""
    subject: str = ""
    """Rewrite and speakers modes: the block's strongest names and terms."""
    passage: str = ""
    """Which sentences carry the match, when only part of a side does."""
    section: str = ""
    """The title of the section this row opens (rewrite and speakers modes)."""

    @property
    def categories(self) -> str:
        """The shift categories present, space-separated, for the filter."""
        return " ".join(sorted({shift.category.value for shift, _ in self.shifts}))


def render(comparison: Comparison, options: RenderOptions) -> str:
    """Return the comparison as one self-contained HTML page."""
    from markupsafe import Markup

    css, script = _asset("report.css"), _asset("report.js")
    csp = (
        "default-src 'none'; "
        f"style-src '{_sha256(css)}'; script-src '{_sha256(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    rows, hidden = _rows(comparison, options)
    paired = len(sections(comparison)[0][1]) if comparison.mode is not Mode.REVISION else len(rows)
    summary = comparison.summary
    shift_counts = {category.value: per for category, per in comparison.shift_counts().items()}
    template = _environment().get_template("report.html.j2")
    return template.render(
        css=Markup(css),
        script=Markup(script),
        csp=csp,
        old=_side_info(comparison.old),
        new=_side_info(comparison.new),
        similarity=f"{comparison.similarity:g}",
        band=_band(comparison.similarity),
        counts=[(name, getattr(summary, name)) for name in COUNTS],
        shift_counts=[
            (category, [(ARROWS[d], d.value, n) for d, n in _sorted_directions(counts)])
            for category, counts in sorted(shift_counts.items())
        ],
        shift_lines=shift_summary(comparison),
        mode=MODE_WORDS[comparison.mode],
        notes=comparison.notes,
        rows=rows,
        related_title=related_title(comparison),
        related_note=RELATED_NOTE,
        related=[(related_line(h), f"#old-{h.old + 1}", f"#new-{h.new + 1}") for h in comparison.related],
        related_at=_after_section(rows, paired),
        changes=sum(row.stop for row in rows),
        hidden=hidden,
    )


def _sorted_directions(counts: Mapping[Direction, int]) -> list[tuple[Direction, int]]:
    """Directions in their declared order (up, down, added, removed, changed)."""
    return [(d, counts[d]) for d in Direction if d in counts]


def _rows(comparison: Comparison, options: RenderOptions) -> tuple[list[Row], int]:
    """Lay out the rows, with a moved-away marker where each moved paragraph used to stand."""
    blocks = comparison.blocks
    home = {i: pos for pos, block in enumerate(blocks) for i in block.old}
    left_behind: dict[int, list[int]] = {}
    opening: dict[int, str] = {}
    start = 0
    for title, members in sections(comparison):
        if title:
            opening[start] = title
        start += len(members)
    for pos, block in enumerate(blocks):
        if block.moved and block.old and comparison.mode is Mode.REVISION:
            left_behind.setdefault(_anchor_before(blocks, home, block.old[0]), []).append(pos)
    for moved in left_behind.values():
        moved.sort(key=lambda pos: blocks[pos].old[0])
    order: list[tuple[str, int]] = [("away", pos) for pos in left_behind.get(-1, [])]
    hidden = 0
    for pos, block in enumerate(blocks):
        if options.changes_only and block.kind is BlockKind.EQUAL and not block.moved:
            hidden += 1
        else:
            order.append(("block", pos))
        order += [("away", moved) for moved in left_behind.get(pos, [])]
    place = {item: n for n, item in enumerate(order)}
    rows = []
    for what, pos in order:
        block = blocks[pos]
        if what == "away":
            upward = place[("block", pos)] < place[("away", pos)]
            rows.append(_moved_away(block, pos, upward))
        else:
            upward = place.get(("away", pos), -1) < place[("block", pos)]
            rows.append(replace(_block_row(block, pos, upward), section=opening.get(pos, "")))
    return rows, hidden


def _after_section(rows: Sequence[Row], blocks: int) -> int:
    """The index of the first row showing none of the first ``blocks`` blocks (what both sides
    address), where the possibly related hints go; the end when there is none."""
    for n, row in enumerate(rows):
        if row.anchor.startswith("b") and int(row.anchor[1:]) >= blocks:
            return n
    return len(rows)


def _anchor_before(blocks: Sequence[Block], home: Mapping[int, int], old_index: int) -> int:
    """The position of the block after which an old paragraph stood, or -1 for the very top."""
    for previous in range(old_index - 1, -1, -1):
        anchor = blocks[home[previous]]
        # A removed paragraph stands where it stood; a moved one does not, so look further back.
        if not anchor.moved and (anchor.new or anchor.kind is BlockKind.REMOVED):
            return home[previous]
    return -1


def _block_row(block: Block, pos: int, upward: bool) -> Row:
    old_parts = side(block, old=True)
    new_parts = side(block, old=False)
    old_links: tuple[tuple[str, str], ...] = ()
    new_links: tuple[tuple[str, str], ...] = ()
    if block.kind is BlockKind.SPLIT:
        old_links = (("split into " + paragraph_numbers(block.new), f"#new-{block.new[0] + 1}"),)
        new_links = (("from " + paragraph_numbers(block.old), f"#old-{block.old[0] + 1}"),)
    elif block.kind is BlockKind.MERGED:
        old_links = (("merged into " + paragraph_numbers(block.new), f"#new-{block.new[0] + 1}"),)
        new_links = (("from " + paragraph_numbers(block.old), f"#old-{block.old[0] + 1}"),)
    moved = None
    if block.moved:
        arrow = "↑" if upward else "↓"
        moved = (f"moved from {paragraph_numbers(block.old)} {arrow}", f"#was-b{pos}")
    kind_text = block.kind.value
    if block.kind is BlockKind.SPLIT:
        kind_text = f"split into {len(block.new)}"
    elif block.kind is BlockKind.MERGED:
        kind_text = f"merged from {len(block.old)}"
    changed = block.kind is not BlockKind.EQUAL or block.moved
    return Row(
        anchor=f"b{pos}",
        kind=block.kind.value,
        kind_text=kind_text,
        label=block_label(block),
        numbers=_numbers(block),
        old=_parts("old", block.old, old_parts, old_links),
        new=_parts("new", block.new, new_parts, new_links),
        change=changed,
        stop=changed,
        moved=moved,
        score="" if block.score is None else f"{block.score:g}",
        band="" if block.score is None else _band(block.score),
        shifts=tuple((shift, shift_line(shift)) for shift in block.shifts),
        highlight=block.kind not in (BlockKind.ADDED, BlockKind.REMOVED),
        affinity="" if block.affinity is None else f"{block.affinity:g}",
        subject=", ".join(block.subject),
        passage=passage_line(block) or "",
    )


def _moved_away(block: Block, pos: int, upward: bool) -> Row:
    old, new = paragraph_numbers(block.old), paragraph_numbers(block.new)
    arrow = "↑" if upward else "↓"
    return Row(
        anchor=f"was-b{pos}",
        kind="moved-away",
        kind_text="moved away",
        label=f"{old} moved to {new}",
        numbers=f"{old} →",
        old=(),
        new=(),
        change=True,
        stop=False,
        moved=(f"{old} now stands at {new} {arrow}", f"#b{pos}"),
        shifts=(),
    )


def _parts(
    which: str,
    indices: Sequence[int],
    paragraphs: Sequence[Paragraph],
    links: tuple[tuple[str, str], ...],
) -> tuple[Part, ...]:
    """Pair a side's paragraphs with their numbers, so that every paragraph keeps its anchor.

    The diff marks each paragraph end, so the counts agree; should they not, no text is dropped and no
    link is left dangling: missing paragraphs are shown empty and extra text joins the last one.
    """
    if not indices:
        return ()
    spans = [list(p) for p in paragraphs[: len(indices)]]
    spans += [[] for _ in range(len(indices) - len(spans))]
    for extra in paragraphs[len(indices) :]:
        spans[-1] += [Span(Mark.SAME, " "), *extra]
    return tuple(
        Part(f"{which}-{index + 1}", paragraph_numbers([index]), tuple(part), links)
        for index, part in zip(indices, spans, strict=True)
    )


def _numbers(block: Block) -> str:
    old, new = paragraph_numbers(block.old), paragraph_numbers(block.new)
    if not block.old:
        return f"→ {new}"
    if not block.new:
        return f"{old} →"
    return f"{old} → {new}"


def _band(score: float) -> str:
    """A colour band for a score: high from 90, mid from 70, else low."""
    return "high" if score >= 90 else "mid" if score >= 70 else "low"


def _side_info(statement: Statement) -> dict[str, str]:
    """What the template shows about one side: its description and its language, when well-formed."""
    language = statement.meta.get("language") or statement.meta.get("lang") or ""
    tag = str(language) if _LANGUAGE_TAG.fullmatch(str(language)) else ""
    return {"description": describe_source(statement), "lang": tag}


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@functools.cache
def _asset(name: str) -> str:
    """The text of a packaged stylesheet or script."""
    return resources.files("dipdiff.render").joinpath("templates", name).read_text(encoding="utf-8")


@functools.cache
def _environment() -> Environment:
    """The Jinja2 environment: packaged templates, autoescaping always on, undefined names an error."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("dipdiff.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
