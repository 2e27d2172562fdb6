"""Typed spans for the document renderers (Markdown, HTML): a block's words, marked, per paragraph.

A block's word diff holds whole runs of text with paragraph breaks (``\\n\\n``) inside split and merged
blocks. The document formats need paragraphs of spans instead, each span plain, deleted or inserted,
with the whitespace that follows a changed run kept outside its mark so that ``<del>`` and ``<ins>``
hug the words. Renderers turn these spans into their own markup; no markup is stored here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from dipdiff.model import Block, Op

PARAGRAPH_BREAK = "\n\n"
"""How a paragraph boundary appears inside a split or merged block's diff texts."""


class Mark(str, Enum):
    """What happened to a span of words."""

    SAME = "same"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True, slots=True)
class Span:
    """A run of original text and what happened to it."""

    mark: Mark
    text: str


Paragraph = tuple[Span, ...]


class _Builder:
    """Collect spans into paragraphs, merging neighbours that carry the same mark."""

    def __init__(self) -> None:
        self.paragraphs: list[list[Span]] = [[]]

    def add(self, mark: Mark, text: str, *, breaks: bool = True) -> None:
        """Append text; a paragraph break starts a new paragraph unless ``breaks`` is off."""
        pieces = text.split(PARAGRAPH_BREAK) if breaks else [" ".join(text.split(PARAGRAPH_BREAK))]
        for n, piece in enumerate(pieces):
            if n:
                self.paragraphs.append([])
            body = piece.rstrip()
            self._append(mark, body)
            self._append(Mark.SAME, piece[len(body) :])

    def _append(self, mark: Mark, text: str) -> None:
        if not text:
            return
        current = self.paragraphs[-1]
        if current and current[-1].mark is mark:
            current[-1] = Span(mark, current[-1].text + text)
        else:
            current.append(Span(mark, text))

    def result(self) -> tuple[Paragraph, ...]:
        """The paragraphs, whitespace trimmed at both ends, empty ones dropped."""
        out = []
        for spans in self.paragraphs:
            while spans and spans[0].mark is Mark.SAME and not spans[0].text.strip():
                spans.pop(0)
            if spans and spans[0].mark is Mark.SAME:
                spans[0] = Span(Mark.SAME, spans[0].text.lstrip())
            while spans and spans[-1].mark is Mark.SAME and not spans[-1].text.strip():
                spans.pop()
            if spans and spans[-1].mark is Mark.SAME:
                spans[-1] = Span(Mark.SAME, spans[-1].text.rstrip())
            if spans:
                out.append(tuple(spans))
        return tuple(out)


def side(block: Block, *, old: bool) -> tuple[Paragraph, ...]:
    """Return one side of a block, paragraph by paragraph, with that side's changed words marked."""
    builder = _Builder()
    changed = Mark.DELETED if old else Mark.INSERTED
    for op in block.diff:
        text = op.old if old else op.new
        builder.add(Mark.SAME if op.op is Op.EQUAL else changed, text)
    return builder.result()


def unified(block: Block) -> tuple[Paragraph, ...]:
    """Return the block read as one text, laid out in the new side's paragraphs.

    Equal runs show the new wording (they match the old after normalisation), deletions and insertions
    stand inline where they happened, deleted first. Spacing follows the new side, so dropping the
    deletions reads as the new text: ``$<del>962</del><ins>712</ins> million`` but
    ``Peninsula <del>should</del> <ins>must</ins> be``, and ``launch<del> strongly</del>.``. An old
    paragraph break inside a deletion is read as a space: the new side decides where paragraphs end.
    """
    builder = _Builder()
    # Whitespace after the last run, on each side: it goes before whatever comes next.
    old_gap = new_gap = ""
    for op in block.diff:
        if op.op is Op.EQUAL:
            body = op.new.rstrip()
            builder.add(Mark.SAME, new_gap + body)
            old_gap, new_gap = _trail(op.old), op.new[len(body) :]
            continue
        deleted, inserted = op.old.rstrip(), op.new.rstrip()
        if deleted:
            # Space before a deletion only where the new side has one too ("Asia<del>,</del>"); where
            # only the old side has one, words dropped before punctuation take it inside their mark,
            # so they do not run into the word before ("launch<del> strongly</del>.").
            builder.add(Mark.SAME, old_gap if new_gap else "", breaks=False)
            if old_gap and not new_gap and deleted[0].isalnum():
                deleted = " " + deleted
            builder.add(Mark.DELETED, deleted, breaks=False)
        builder.add(Mark.SAME, new_gap)
        if inserted:
            builder.add(Mark.INSERTED, inserted)
            old_gap, new_gap = _trail(op.old), op.new[len(inserted) :]
        else:
            old_gap = new_gap = _trail(op.old)
    return builder.result()


def _trail(text: str) -> str:
    """The whitespace a text ends with."""
    return text[len(text.rstrip()) :]


def plain(paragraph: Paragraph) -> str:
    """Return a paragraph's text without marks."""
    return "".join(span.text for span in paragraph)
