"""Side-by-side terminal view.

Each block is a rule naming its paragraphs, kind, score and any move, then the old text on the left and
the new text on the right, then its position shifts. Without colour, deletions read ``[-so-]`` and
insertions ``{+so+}`` (wdiff's marks), so the view survives pipes, logs and golden files.

The columns are laid out here rather than with rich tables: rich lays out every row as a table of
renderables, which cost about 2 ms a paragraph (1.4 s for a 794-paragraph UN speech), while wrapping
words into two columns directly costs a few microseconds a word. Widths are measured with rich's cell
tables, so East Asian wide characters keep the columns aligned; Chinese and Japanese, which have no
spaces, wrap between any two characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dipdiff.model import Block, BlockKind, Comparison, Direction, Op
from dipdiff.render import RenderOptions
from dipdiff.render.labels import block_label, describe_source, shift_line, shift_summary

_ANSI = {
    "delete": "1;31;9",  # bold red, struck through
    "insert": "1;32;4",  # bold green, underlined
    "up": "1;31",
    "down": "1;36",
    "neutral": "33",
    "muted": "2",
    "title": "1",
}
_SEPARATOR = " │ "
# Chinese and Japanese characters, which may be broken between (Hangul is wide too, but Korean words
# are separated by spaces and wrap like English).
_BREAKABLE = (
    "\u2e80-\u303e\u3041-\u312f\u3190-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
)
# A piece is a paragraph break, a run of spaces, one breakable character, or a run of other characters.
_PIECE = re.compile(rf"\n|[^\S\n]+|[{_BREAKABLE}]|[^\s{_BREAKABLE}]+")
_BREAKS = re.compile(rf"[{_BREAKABLE}]")

Span = tuple[str, str | None]
"""Text and its style name (a key of ``_ANSI``), or ``None`` for plain text."""
Line = list[Span]


def render(comparison: Comparison, options: RenderOptions) -> str:
    """Return the side-by-side view as text, with ANSI colour codes only when asked."""
    width = max(options.width, 40)
    out: list[str] = []
    write = out.append
    for line in _header(comparison):
        for wrapped in _wrap(line, width):
            write(_emit(wrapped, options.color))
    hidden = 0
    for block in comparison.blocks:
        if options.changes_only and block.kind is BlockKind.EQUAL and not block.moved:
            hidden += 1
            continue
        out.extend(_block(block, width, options.color))
    if hidden:
        write(_emit([(f"({hidden} equal paragraphs not shown)", "muted")], options.color))
    return "\n".join(out) + "\n"


def _header(comparison: Comparison) -> list[Line]:
    """The sources, similarity, counts, shift summary and notes."""
    summary = comparison.summary
    counts = ", ".join(
        f"{getattr(summary, name)} {name}"
        for name in ("equal", "modified", "moved", "split", "merged", "added", "removed")
    )
    lines: list[Line] = [
        [("old: ", "title"), (describe_source(comparison.old), None)],
        [("new: ", "title"), (describe_source(comparison.new), None)],
        [(f"similarity {comparison.similarity:g}/100 · {counts}", None)],
    ]
    lines += [[(line, None)] for line in shift_summary(comparison)]
    lines += [[(f"note: {note}", "neutral")] for note in comparison.notes]
    return lines


def _block(block: Block, width: int, color: bool) -> list[str]:
    """A rule with the block's label, the two columns, and the block's shifts."""
    label = block_label(block)
    rule = label + " " + "─" * max(0, width - _cells(label) - 1)
    lines = [_emit([(rule, "muted")], color)]
    left_width = (width - len(_SEPARATOR)) // 2
    right_width = width - len(_SEPARATOR) - left_width
    left = _wrap(_side(block, old=True, color=color), left_width)
    right = _wrap(_side(block, old=False, color=color), right_width)
    for n in range(max(len(left), len(right))):
        cell = left[n] if n < len(left) else []
        pad = " " * (left_width - sum(_cells(text) for text, _ in cell))
        row = [*cell, (pad, None), (_SEPARATOR, "muted"), *(right[n] if n < len(right) else [])]
        lines.append(_emit(row, color))
    for shift in block.shifts:
        style = {Direction.UP: "up", Direction.DOWN: "down"}.get(shift.direction, "neutral")
        for wrapped in _wrap([(shift_line(shift), style)], width - 2):
            lines.append(_emit([("  ", None), *wrapped], color))
    return lines


def _side(block: Block, *, old: bool, color: bool) -> Line:
    """The text of one side of a block as spans, changed words marked."""
    if not (block.old if old else block.new):
        return []
    spans: Line = []
    whole = block.kind in (BlockKind.ADDED, BlockKind.REMOVED)
    for op in block.diff:
        words = op.old if old else op.new
        if not words:
            continue
        if op.op is Op.EQUAL or (whole and not color):
            spans.append((words, None))
            continue
        body = words.rstrip()
        trail = words[len(body) :]
        if color:
            spans.append((body, "delete" if old else "insert"))
        else:
            spans.append((f"[-{body}-]" if old else f"{{+{body}+}}", "delete" if old else "insert"))
        spans.append((trail, None))
    return spans


def _wrap(spans: Iterable[Span], width: int) -> list[Line]:
    """Break styled text into lines of at most ``width`` cells, at spaces, or anywhere in long words.

    Pieces written without a space between them ("measures" and an inserted ",") move to the next line
    together, so a change mark never starts a line on its own punctuation.
    """
    lines: list[Line] = []
    line: Line = []
    used = 0
    space: Span | None = None
    run = run_cells = 0  # trailing spans of ``line`` joined without spaces, and their width
    for text, style in spans:
        for piece in _PIECE.findall(text):
            if piece == "\n":
                lines.append(line)
                line, used, space, run, run_cells = [], 0, None, 0, 0
                continue
            if piece.isspace():
                space = (" ", style) if line else None
                continue
            size = _cells(piece)
            gap = 1 if space else 0
            glued = not gap and run and not _BREAKS.match(piece)
            if used + gap + size <= width:
                if space:
                    line.append(space)
                line.append((piece, style))
                used += gap + size
            elif glued and run < len(line) and run_cells + size <= width:
                carry = line[-run:]
                del line[-run:]
                while line and line[-1][0] == " ":
                    line.pop()
                lines.append(line)
                line, used = [*carry, (piece, style)], run_cells + size
            elif size <= width:
                lines.append(line)
                line, used, glued = [(piece, style)], size, False
            else:  # longer than a whole line: fold it
                room = width - used - gap
                if room <= 0:
                    lines.append(line)
                    line, used, room = [], 0, width
                elif space:
                    line.append(space)
                    used += 1
                for k, chunk in enumerate(_fold(piece, room, width)):
                    if k:
                        lines.append(line)
                        line, used = [], 0
                    line.append((chunk, style))
                    used += _cells(chunk)
                glued, size = False, _cells(line[-1][0])
            if _BREAKS.match(piece):
                run = run_cells = 0
            elif glued:
                run, run_cells = run + 1, run_cells + size
            else:
                run, run_cells = 1, size
            space = None
    lines.append(line)
    return lines


def _fold(word: str, first: int, width: int) -> list[str]:
    """Cut a word longer than a line: the first chunk fits ``first`` cells, the others ``width``."""
    chunks: list[str] = []
    current, used, room = "", 0, first
    for ch in word:
        size = _cells(ch)
        if current and used + size > room:
            chunks.append(current)
            current, used, room = "", 0, width
        current += ch
        used += size
    chunks.append(current)
    return chunks


def _emit(line: Line, color: bool) -> str:
    """Join a line's spans, with ANSI codes around each run of one style when colour is on."""
    if not color:
        return "".join(text for text, _ in line).rstrip()
    runs: list[tuple[str, str | None]] = []
    for text, style in line:
        if runs and (runs[-1][1] == style or not text.strip()):
            runs[-1] = (runs[-1][0] + text, runs[-1][1])
        else:
            runs.append((text, style))
    parts = []
    for text, style in runs:
        body = text.rstrip()
        trail = text[len(body) :]
        parts.append(f"\x1b[{_ANSI[style]}m{body}\x1b[0m{trail}" if style and body else text)
    return "".join(parts).rstrip()


def _cells(text: str) -> int:
    """Columns a string takes on a terminal (wide characters take two)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)
