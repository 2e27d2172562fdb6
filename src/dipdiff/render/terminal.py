"""Side-by-side terminal view.

Each block is a rule naming its paragraphs, kind, score and any move, then the old text on the left and
the new text on the right, then its position shifts. Without colour, deletions read ``[-so-]`` and
insertions ``{+so+}`` (wdiff's marks), so the view survives pipes, logs and golden files.

The columns are laid out here rather than with rich tables: rich lays out every row as a table of
renderables, which cost about 2 ms a paragraph (1.4 s for a 794-paragraph UN speech). Text whose
characters are all one cell wide (Latin, Cyrillic, Greek, common punctuation and symbols) is measured
by its length and laid out a line at a time, finding the last space that fits with one string search,
so a 130 KB pair lays out in about 10 ms. Wide characters take two cells, so East Asian text keeps the
columns aligned: Korean is measured word by word (Hangul syllables without rich) and wraps at spaces;
Chinese and Japanese, which have no spaces, wrap between any two characters. Other characters (CJK
ideographs and kana, emoji, combining marks, zero-width characters...) are measured with rich's cell
tables, loaded only then.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from dipdiff.lazypattern import LazyPattern
from dipdiff.model import Block, BlockKind, Comparison, DiffOp, Direction, Op
from dipdiff.render import RenderOptions
from dipdiff.render.context import Fold, fold_unchanged
from dipdiff.render.labels import (
    MODE_WORDS,
    RELATED_NOTE,
    block_label,
    describe_source,
    passage_line,
    plural,
    related_line,
    related_title,
    sections,
    shift_line,
    shift_summary,
)
from dipdiff.visible import visible

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
# Printable characters one cell wide in every Unicode version rich's cell tables know (Latin, Greek,
# Cyrillic, punctuation, currency, letterlike symbols, arrows, mathematical operators, box drawing and
# shapes), so text made only of them is measured by its length, without loading rich and its tables;
# tests/test_terminal_layout.py checks each against the tables. No spaces, joiners or variation
# selectors: those change how the characters around them are measured or wrapped.
_NARROW_CHARS = (
    "!-~\xa1-\xac\xae-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u214f"
    "\u2190-\u22ff\u2500-\u25fc"
)
_ONE_CELL = re.compile(rf"[ {_NARROW_CHARS}]*")
# Two cells wide in every Unicode version rich knows (checked by the same tests): CJK punctuation and
# brackets, full-width forms, and Hangul syllables, so that Korean is measured without rich's tables.
_TWO_CELL_CHARS = "\u3001-\u3003\u3008-\u3011\uac00-\ud7a3\uff01-\uff60"
# Patterns over thousands of wide characters, which take milliseconds each to compile: compiled the
# first time text with wide characters needs them.
_PIECE = LazyPattern(rf" |[{_BREAKABLE}]|[^\s{_BREAKABLE}]+")
"""A space, one breakable character, or a run of other characters."""
_ONE_BREAKABLE = LazyPattern(rf"[{_BREAKABLE}]")
_ONE_OR_TWO_CELLS = LazyPattern(rf"[ {_NARROW_CHARS}{_TWO_CELL_CHARS}]*")
_TWO_CELLS = LazyPattern(rf"[{_TWO_CELL_CHARS}]")
# Each run of spaces (tabs, no-break spaces...) counts as one space.
_SPACES = re.compile(r"\s{2,}|[^\S ]")

Span = tuple[str, str | None]
"""Text and its style name (a key of ``_ANSI``), or ``None`` for plain text."""
Line = list[Span]


def render(comparison: Comparison, options: RenderOptions) -> str:
    """Return the side-by-side view as text, with ANSI colour codes only when asked."""
    width = max(options.width, 40)
    out: list[str] = []
    write = out.append
    for line in _header(comparison):
        for wrapped, _ in _wrap(_visible(line), width):
            write(_emit(wrapped, options.color))
    hidden = 0
    for n, (title, blocks) in enumerate(sections(comparison)):
        if title:
            write(_title(title, width, options.color))
        for block in blocks:
            if options.changes_only and block.kind is BlockKind.EQUAL and not block.moved:
                hidden += 1
                continue
            out.extend(_block(block, width, options))
        if n == 0:
            out.extend(_related(comparison, width, options.color))
    if hidden:
        write(_emit([(f"({plural(hidden, 'equal paragraph')} not shown)", "muted")], options.color))
    return "\n".join(out) + "\n"


def _title(title: str, width: int, color: bool) -> str:
    return _emit([(f"━━ {title} " + "━" * max(0, width - cell_width(title) - 4), "title")], color)


def _related(comparison: Comparison, width: int, color: bool) -> list[str]:
    """The hints below the pairs, under their own title, after what both sides address."""
    title = related_title(comparison)
    if title is None:
        return []
    lines = [_title(title, width, color)]
    for text in (RELATED_NOTE, *map(related_line, comparison.related)):
        style = "muted" if text is RELATED_NOTE else None
        lines += [_emit(wrapped, color) for wrapped, _ in _wrap([(visible(text), style)], width)]
    return lines


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
        [("mode: ", "title"), (MODE_WORDS[comparison.mode], None)],
    ]
    lines += [[(line, None)] for line in shift_summary(comparison)]
    lines += [[(f"note: {note}", "neutral")] for note in comparison.notes]
    return lines


def _block(block: Block, width: int, options: RenderOptions) -> list[str]:
    """A rule with the block's label, the two columns, and the block's shifts."""
    color = options.color
    label = visible(block_label(block))
    rule = label + " " + "─" * max(0, width - cell_width(label) - 1)
    lines = [_emit(wrapped, color) for wrapped, _ in _wrap([(rule, "muted")], width)]
    passage = passage_line(block)
    if passage:
        lines += [_emit(wrapped, color) for wrapped, _ in _wrap([(passage, "muted")], width)]
    left_width = (width - len(_SEPARATOR)) // 2
    right_width = width - len(_SEPARATOR) - left_width
    diff: Sequence[DiffOp | Fold] = block.diff
    left = _wrap(_visible(_side(block, diff, old=True, color=color)), left_width)
    right = _wrap(_visible(_side(block, diff, old=False, color=color)), right_width)
    if options.context is not None and max(len(left), len(right)) > options.fold_longer_than:
        diff = fold_unchanged(block.diff, options.context)
        if len(diff) != len(block.diff):
            left = _wrap(_visible(_side(block, diff, old=True, color=color)), left_width)
            right = _wrap(_visible(_side(block, diff, old=False, color=color)), right_width)
    for n in range(max(len(left), len(right))):
        cell, cells = left[n] if n < len(left) else ([], 0)
        row = [
            *cell,
            (" " * (left_width - cells), None),
            (_SEPARATOR, "muted"),
            *(right[n][0] if n < len(right) else []),
        ]
        lines.append(_emit(row, color))
    for shift in block.shifts:
        style = {Direction.UP: "up", Direction.DOWN: "down"}.get(shift.direction, "neutral")
        for wrapped, _ in _wrap([(visible(shift_line(shift)), style)], width - 2):
            lines.append(_emit([("  ", None), *wrapped], color))
    return lines


def _visible(line: Line) -> Line:
    """The spans with control characters written as escapes, before they are measured and wrapped."""
    return [(visible(text), style) for text, style in line]


def _side(block: Block, diff: Sequence[DiffOp | Fold], *, old: bool, color: bool) -> Line:
    """The text of one side of a block as spans, changed words marked, folded sentences as a line."""
    if not (block.old if old else block.new):
        return []
    spans: Line = []
    whole = block.kind in (BlockKind.ADDED, BlockKind.REMOVED)
    folded = False
    for op in diff:
        if isinstance(op, Fold):
            spans += [("\n", None), (op.label, "muted")] if spans else [(op.label, "muted")]
            folded = True
            continue
        words = op.old if old else op.new
        if not words:
            continue
        if folded:
            spans.append(("\n", None))  # the text after a fold starts its own line
            folded = False
        if op.op is Op.EQUAL or (whole and not color):
            spans.append((words, None))
            continue
        body = words.rstrip()
        trail = words[len(body) :]
        if color:
            spans.append((body, "delete" if old else "insert"))
        else:
            spans.append((f"[-{body}-]" if old else f"{{+{body}+}}", "delete" if old else "insert"))
        if trail:
            spans.append((trail, None))
    return spans


def _wrap(spans: Sequence[Span], width: int) -> list[tuple[Line, int]]:
    """Break styled text into lines of at most ``width`` cells, at spaces, or anywhere in long words.

    Return each line with its width in cells. Pieces written without a space between them ("measures"
    and an inserted ",") move to the next line together, so a change mark never starts a line on its own
    punctuation.
    """
    if not spans:
        return [([], 0)]  # the empty side of an added or removed paragraph
    if len(spans) == 1 and _is_line(spans[0][0], width):
        return [([spans[0]], len(spans[0][0]))]  # most paragraphs are one span, and many are short
    lines = _Lines(width)
    for text, style in spans:
        if "\n" not in text:
            lines.add_text(text, style)
            continue
        for n, segment in enumerate(text.split("\n")):
            if n:
                lines.close()
            lines.add_text(segment, style)
    lines.close()
    return lines.done


class _Lines:
    """Lines being filled, with the state that decides where the next word goes."""

    __slots__ = ("done", "line", "run", "run_cells", "space", "used", "width")

    def __init__(self, width: int) -> None:
        self.width = width
        self.done: list[tuple[Line, int]] = []
        self.line: Line = []
        self.used = 0  # cells taken on ``line``
        self.space: Span | None = None  # a space waiting for the next word on this line
        # The trailing spans of ``line`` joined without spaces, and their width: they move together.
        self.run = self.run_cells = 0

    def close(self) -> None:
        """End the current line (at a line break, or at the end of the text)."""
        self.done.append((self.line, self.used))
        self.line, self.used, self.space, self.run, self.run_cells = [], 0, None, 0, 0

    def add_text(self, text: str, style: str | None) -> None:
        """Place text without line breaks, taking the fastest way its characters allow."""
        one_cell = _one_cell(text)
        if not one_cell or "  " in text:
            text = _SPACES.sub(" ", text)  # tabs, no-break and doubled spaces: one space each run
            one_cell = text.isascii() or _ONE_CELL.fullmatch(text) is not None
        if not one_cell:
            breakable = _ONE_BREAKABLE()
            if breakable.search(text):
                for piece in _PIECE().findall(text):
                    if piece == " ":
                        self.add_space(style)
                    else:
                        self.add_word(piece, style, cell_width(piece), breakable.match(piece) is not None)
                return
        self.add_words(text, style, one_cell=one_cell)

    def add_space(self, style: str | None) -> None:
        """Note a run of spaces: one space before the next word, none at the start of a line."""
        self.space = (" ", style) if self.line else None

    def add_word(self, piece: str, style: str | None, size: int, breakable: bool = False) -> None:
        """Place one word, one breakable character, or a glued part of a word, of ``size`` cells."""
        width, line, space = self.width, self.line, self.space
        gap = 1 if space else 0
        glued = not gap and self.run and not breakable
        if self.used + gap + size <= width:
            if space:
                line.append(space)
            line.append((piece, style))
            self.used += gap + size
        elif glued and self.run < len(line) and self.run_cells + size <= width:
            carry = line[-self.run :]
            del line[-self.run :]
            spaces = 0
            while line and line[-1][0] == " ":
                line.pop()
                spaces += 1
            self.done.append((line, self.used - self.run_cells - spaces))
            self.line, self.used = [*carry, (piece, style)], self.run_cells + size
        elif size <= width:
            self.done.append((line, self.used))
            self.line, self.used, glued = [(piece, style)], size, False
        else:  # longer than a whole line: fold it
            room = width - self.used - gap
            if room <= 0:
                self.done.append((line, self.used))
                self.line, self.used, room = [], 0, width
            elif space:
                line.append(space)
                self.used += 1
            for k, chunk in enumerate(_fold(piece, room, width)):
                if k:
                    self.done.append((self.line, self.used))
                    self.line, self.used = [], 0
                self.line.append((chunk, style))
                self.used += cell_width(chunk)
            glued, size = False, cell_width(self.line[-1][0])
        if breakable:
            self.run = self.run_cells = 0
        elif glued:
            self.run, self.run_cells = self.run + 1, self.run_cells + size
        else:
            self.run, self.run_cells = 1, size
        self.space = None

    def add_words(self, text: str, style: str | None, *, one_cell: bool) -> None:
        """Place words separated by single spaces, with no character that may break between words.

        Only the first word, which may be glued to the text before it, and words too long for a line
        go through ``add_word``; ``_fill`` lays out the rest a line at a time.
        """
        end = len(text)
        pos = 0
        while pos < end:
            if text[pos] == " ":
                self.add_space(style)
                pos += 1
                continue
            stop = text.find(" ", pos)
            stop = end if stop < 0 else stop
            word = text[pos:stop]
            self.add_word(word, style, stop - pos if one_cell else cell_width(word))
            pos = self._fill(text, stop, style, one_cell)

    def _fill(self, text: str, pos: int, style: str | None, one_cell: bool) -> int:
        """Lay out the " word"s from ``pos`` a line at a time while each fits on a line; return where it
        stopped (at a trailing space, a word to fold, or the end)."""
        cut, cells = self._reach(text, pos, self.width - self.used, one_cell)
        if cut <= pos:
            return pos
        self.line.append((text[pos:cut], style))
        self.used += cells
        pos = cut
        end = len(text)
        while pos < end:
            # The next word did not fit: the next line starts with it. No space is written before it,
            # so the words there have a cell more than the width to count their spaces in.
            cut, cells = self._reach(text, pos, self.width + 1, one_cell)
            if cut <= pos:
                break
            self.done.append((self.line, self.used))
            self.line, self.used = [(text[pos + 1 : cut], style)], cells - 1
            pos = cut
        # The last word on the line may yet move to the next one with whatever is glued to it.
        head, space, last = self.line[-1][0].rpartition(" ")
        if space:
            self.line[-1:] = (
                [(head, style), (" ", style), (last, style)] if head else [(" ", style), (last, style)]
            )
        self.run, self.run_cells = 1, len(last) if one_cell else cell_width(last)
        return pos

    def _reach(self, text: str, pos: int, room: int, one_cell: bool) -> tuple[int, int]:
        """How far from ``pos`` (a space) whole " word"s fit in ``room`` cells, and their width."""
        end = len(text)
        if one_cell:
            # Up to the last space within reach, or the end of the text if all of it fits.
            reach = pos + room
            cut = end if reach >= end and text[-1] != " " else text.rfind(" ", pos, reach + 1)
            return cut, cut - pos
        cells = 0
        cut = pos
        while cut + 1 < end:
            stop = text.find(" ", cut + 1)
            stop = end if stop < 0 else stop
            size = 1 + cell_width(text[cut + 1 : stop])
            if cells + size > room:
                break
            cells += size
            cut = stop
        return cut, cells


def _fold(word: str, first: int, width: int) -> list[str]:
    """Cut a word longer than a line: the first chunk fits ``first`` cells, the others ``width``.

    A path or URL is cut after a ``/`` in the last two thirds of the line, else after a ``-``, ``_``
    or ``.`` in its second half, so that its parts stay whole; other words are cut where the line ends.
    """
    chunks: list[str] = []
    current, used, room = "", 0, first
    for ch in word:
        size = cell_width(ch)
        if current and used + size > room:
            carry = _carry(current)
            chunks.append(current[: len(current) - len(carry)])
            current, used, room = carry, cell_width(carry), width
        current += ch
        used += size
    chunks.append(current)
    return chunks


def _carry(chunk: str) -> str:
    """The end of a full chunk that moves to the next line so the cut falls after a soft break."""
    for marks, share in (("/", 3), ("-_.", 2)):
        soft = max(chunk.rfind(mark) for mark in marks) + 1
        if soft > len(chunk) // share:
            return chunk[soft:]
    return ""


def _emit(line: Line, color: bool) -> str:
    """Join a line's spans, with ANSI codes around each run of one style when colour is on.

    Spaces join the run before them, so codes wrap words, never the spaces around them.
    """
    if not color:
        return "".join([text for text, _ in line]).rstrip()
    parts: list[str] = []
    run: list[str] = []
    current: str | None = None
    for text, style in line:
        if run and (style == current or not text or text.isspace()):
            run.append(text)
            continue
        if run:
            parts.append(_paint("".join(run), current))
        run, current = [text], style
    if run:
        parts.append(_paint("".join(run), current))
    return "".join(parts).rstrip()


def _paint(text: str, style: str | None) -> str:
    """Wrap text, less its trailing spaces, in a style's ANSI codes."""
    body = text.rstrip()
    if not style or not body:
        return text
    return f"\x1b[{_ANSI[style]}m{body}\x1b[0m{text[len(body) :]}"


def _is_line(text: str, width: int) -> bool:
    """Whether text is a line as it stands: one-cell characters and single spaces, ``width`` at most."""
    return (
        0 < len(text) <= width and text[0] != " " and text[-1] != " " and "  " not in text and _one_cell(text)
    )


def _one_cell(text: str) -> bool:
    """Whether every character of a text is printable and one cell wide (the space is the only space)."""
    return text.isprintable() if text.isascii() else _ONE_CELL.fullmatch(text) is not None


def cell_width(text: str) -> int:
    """Columns a string takes on a terminal (wide characters take two)."""
    if text.isascii():
        return len(text)
    return _unicode_cells(text)


@lru_cache(maxsize=4096)
def _unicode_cells(text: str) -> int:
    """Columns a string with non-ASCII characters takes, looked up in rich's tables only when needed."""
    if _ONE_CELL.fullmatch(text):
        return len(text)
    if _ONE_OR_TWO_CELLS().fullmatch(text):
        return len(text) + len(_TWO_CELLS().findall(text))
    from rich.cells import cell_len

    return cell_len(text)
