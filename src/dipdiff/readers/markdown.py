"""Markdown: the words of each block, without markup (link targets, emphasis, escapes, images).

Parsed with markdown-it-py (CommonMark plus tables), so links that span lines and backslash escapes
are read as a Markdown renderer reads them. Raw HTML and images are not statement text and are
dropped. Each paragraph, heading, list-item paragraph and table row is one paragraph, and a hard
line break (two trailing spaces or a backslash) ends a paragraph too: documents converted from HTML
(the White House briefings, by pandoc) separate their paragraphs with ``<br>`` as often as with
blank lines, and a reader sees separate paragraphs either way.

Inline markup is parsed block by block, within a budget: markdown-it-py is pure Python and needs
seconds for a few hundred kilobytes of pathological brackets or emphasis marks, so a block longer than
``MAX_INLINE_CHARS``, and every block once ``INLINE_BUDGET`` seconds are spent, keeps its markup
characters as text instead of hanging.

Most blocks hold no inline markup at all, or only backslash escapes (pandoc writes ``3\\.`` so that a
sentence is not read as a list item): their words are found without markdown-it's inline parser, which
would otherwise take a third of the reading time. ``_plain_parts`` says exactly when that is so.
Likewise the block rules that cannot match anywhere in a statement are left out (``_idle_rules``):
markdown-it tries them at every line of every paragraph, and they take over half the block parsing.
"""

from __future__ import annotations

import functools
import re
import time
from typing import Any

from dipdiff.lazypattern import LazyPattern

_MAX_NESTING = 50
"""Deeper nesting (quotes in lists in quotes ...) is rendered flat; it bounds the parser's work."""
MAX_INLINE_CHARS = 100_000
"""Longest block whose inline markup is parsed. Real blocks reach 23,316 characters (seven White House
statements whose paragraphs are joined by ``<br>`` exceed 20,000); 100,000 pathological ``[`` take
about 2 s of CPU to parse on the reference machine, so one block stays bounded."""
INLINE_BUDGET = 20.0
"""Seconds spent parsing inline markup in one statement before the rest is taken as it stands."""
_UNTIMED_CHARS = 1_000_000
"""The first million characters of inline markup are always parsed, so that an ordinary statement
reads the same however busy the machine is; the time budget applies after them."""

_MARKUP_STARTS = {
    "backticks": "`",
    "emphasis": "*_",
    "link": "[",
    "image": "!",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
}
"""For each inline rule that makes markup, the characters it can start at (its first test in
markdown-it-py). Elsewhere the ``text`` rule, or no rule at all, keeps a character as text."""
_PLAIN_RULES = frozenset({"text", "newline", "escape"})
"""Inline rules that ``_plain_parts`` reproduces: plain text, line breaks and backslash escapes."""
_PAIR_RULES = frozenset({"balance_pairs", "emphasis", "fragments_join"})
"""Inline post-processing rules; they only act on delimiters that the emphasis rule pushed."""
_ESCAPE = LazyPattern(r"\\([!-/:-@\[-`{-~])")
"""A backslash before ASCII punctuation: the punctuation is text (CommonMark, backslash escapes)."""
_BEFORE_BLOCK = r"\n[-+*.)0-9> \t]*+"
"""A line's start, then what can stand before a block on it: indentation, and the markers of the quotes
and list items the block is in (block rules start at ``bMarks + tShift``, past these). The newline,
rather than ``^``, lets the regular expression engine skip from line to line."""
_LINE_END = r"[ \t]*(?:\n|\Z)"


@functools.cache
def _rule_starts() -> dict[str, re.Pattern[str]]:
    """Where the block rules that may be left out could match: a table's header row holds a pipe; the
    others start a line after what may stand before a block (a quote, once a ``>`` is among it), and the
    line of a thematic break or of a setext heading's underline holds only that and its marks, the last
    visible character a mark. Each pattern may match more than its rule, never less. The possessive
    ``*+`` and the atomic group never give characters back, so a search takes linear time even on lines
    of thousands of marks. Compiled on first use: only markdown needs them."""
    return {
        "table": re.compile(r"\|"),
        "fence": re.compile(_BEFORE_BLOCK + "(?:```|~~~)"),
        "blockquote": re.compile(r"\n[-+*.)0-9 \t]*+>"),
        "hr": re.compile(r"\n(?>[-+*.)0-9>_ \t]*[-+*.)0-9>_])(?<=[-*_])" + _LINE_END),
        "reference": re.compile(_BEFORE_BLOCK + r"\["),
        "html_block": re.compile(_BEFORE_BLOCK + "<"),
        "heading": re.compile(_BEFORE_BLOCK + "#"),
        "lheading": re.compile(r"\n(?>[-+*.)0-9>= \t]*[-+*.)0-9>=])(?<=[-=])" + _LINE_END),
    }


def paragraphs(body: str, first_line: int = 1, *, fast: bool = True) -> tuple[list[str], list[int]]:
    """Return the text of each block and its 1-based start line.

    ``fast=False`` keeps every block rule and gives every block to markdown-it's inline parser: the
    reference that the shortcuts are tested against, with identical results.
    """
    md = _parser(_idle_rules(body) if fast else frozenset())
    markup = _markup_starts() if fast else None
    budget = _Budget(time.monotonic() + INLINE_BUDGET)
    texts: list[str] = []
    starts: list[int] = []
    row: list[str] | None = None
    row_line = 0
    previous = ""
    for token in md.parse(body):
        parts = _inline_parts(md, token.content, budget, markup) if token.type == "inline" else []
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "tr_open":
            row, row_line = [], line
        elif token.type == "tr_close" and row is not None:
            _emit(" | ".join(cell for cell in row if cell), row_line, texts, starts)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(" ".join(text for _, text in parts if text))
        elif token.type == "inline" and previous in ("paragraph_open", "heading_open"):
            for offset, text in parts:
                _emit(text, line + offset, texts, starts)
        elif token.type in ("fence", "code_block"):
            _emit(" ".join(token.content.split()), line, texts, starts)
        previous = token.type
    return texts, starts


@functools.cache
def _parser(idle: frozenset[str] = frozenset()) -> Any:
    """Build a parser once per process: CommonMark plus tables, inline markup left to ``_inline_parts``.

    ``idle`` names block rules to leave out; see ``_idle_rules``.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable("table").disable("inline")
    return md.disable(sorted(idle)) if idle else md


def _idle_rules(body: str) -> frozenset[str]:
    """Name the block rules that cannot match anywhere in ``body``, so that leaving them out changes nothing.

    Each of these rules, when it does not match, returns without changing the parser's state, so the
    rules after it see the same state either way. (The setext-heading rule does leave ``parentType`` at
    "paragraph" when it finds no underline, but the one reader of ``parentType``, the list rule, is only
    asked by rules that set it first.) At most 2**8 parsers are built, each in a fraction of a millisecond.
    """
    lines = "\n" + body.replace("\r", "\n")  # markdown-it reads a lone carriage return as a line end
    return frozenset(rule for rule, start in _rule_starts().items() if not start.search(lines))


class _Budget:
    """How much inline markup one statement has parsed, and until when it may go on."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.parsed = 0

    def allows(self, content: str) -> bool:
        """Whether this block's inline markup may be parsed; counts it if so."""
        if len(content) > MAX_INLINE_CHARS:
            return False
        if self.parsed > _UNTIMED_CHARS and time.monotonic() > self.deadline:
            return False
        self.parsed += len(content)
        return True


@functools.cache
def _markup_starts() -> re.Pattern[str] | None:
    """Match where the parser's inline rules may find markup; None if a rule is not in the tables above."""
    md = _parser()
    rules = set(md.inline.ruler.get_active_rules())
    known = _PLAIN_RULES <= rules <= _PLAIN_RULES | _MARKUP_STARTS.keys()
    if not known or not set(md.inline.ruler2.get_active_rules()) <= _PAIR_RULES:
        return None
    # A backslash left over once the escapes are taken out escapes a line break, a space or a letter.
    characters = "\\" + "".join(_MARKUP_STARTS[rule] for rule in rules - _PLAIN_RULES)
    return re.compile("[" + re.escape(characters) + "]")


def _inline_parts(
    md: Any, content: str, budget: _Budget, markup: re.Pattern[str] | None
) -> list[tuple[int, str]]:
    """Give the words of one block between hard line breaks, with each part's line offset.

    A block that is too long, or read out of time, keeps its markup characters as text.
    """
    if not budget.allows(content):
        return [(0, " ".join(content.split()))]
    if markup is not None and (parts := _plain_parts(content, markup)) is not None:
        return parts
    children: list[Any] = []
    md.inline.parse(content, md, {}, children)
    return _hard_broken(children)


def _plain_parts(content: str, markup: re.Pattern[str]) -> list[tuple[int, str]] | None:
    """Read a block without inline markup as markdown-it would; None when it may hold markup.

    Without markup, markdown-it's ``escape`` rule turns each escaped punctuation mark into text, and
    its ``newline`` rule makes a line break hard when the line ends in two spaces, not counting the
    spaces it skipped at the start of the line. An escaped mark is never a space, so it cannot change
    how many spaces end a line.
    """
    if markup.search(_ESCAPE().sub("", content)):
        return None
    lines = _ESCAPE().sub(r"\1", content).split("\n")
    parts: list[tuple[int, str]] = []
    start = 0
    for number, line in enumerate(lines[:-1]):
        if (line if number == 0 else line.lstrip(" \t")).endswith("  "):
            parts.append((start, " ".join(" ".join(lines[start : number + 1]).split())))
            start = number + 1
    parts.append((start, " ".join(" ".join(lines[start:]).split())))
    return parts


def _emit(text: str, line: int, texts: list[str], starts: list[int]) -> None:
    """Append a non-empty paragraph."""
    if text:
        texts.append(text)
        starts.append(line)


def _hard_broken(children: list[Any]) -> list[tuple[int, str]]:
    """Split inline children at hard line breaks; give each part's line offset and words."""
    parts: list[tuple[int, str]] = []
    start = breaks = 0
    current: list[Any] = []
    for child in children:
        if child.type == "hardbreak":
            parts.append((start, _inline_text(current)))
            current, start = [], breaks + 1
        else:
            current.append(child)
        if child.type in ("softbreak", "hardbreak"):
            breaks += 1
    parts.append((start, _inline_text(current)))
    return parts


def _inline_text(children: list[Any]) -> str:
    """Join the words of an inline token's children; markup contributes no characters."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())
