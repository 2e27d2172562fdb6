"""Paragraphs and sentences of a parsed statement as units to match: normalised text and original text.

A unit's normalised text is its token keys joined by single spaces, the form every history score is
computed on; its original text is what the reader is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from dipdiff.history.model import Parsed
from dipdiff.tokens import token_pattern


class Unit(str, Enum):
    """What ``blame`` attributes: whole paragraphs or single sentences."""

    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"


@dataclass(frozen=True, slots=True)
class Piece:
    """One unit of a statement."""

    paragraph: int
    start: int
    """First token of the unit inside its paragraph."""
    end: int
    norm: str


def pieces(parsed: Parsed, unit: Unit) -> list[Piece]:
    """Return the statement's paragraphs, or its sentences, in reading order."""
    out = []
    for p, norm in enumerate(parsed.norm):
        spans = parsed.sentences[p]
        if not spans:
            continue
        if unit is Unit.PARAGRAPH:
            out.append(Piece(p, 0, spans[-1][1], norm))
            continue
        keys = norm.split(" ")
        for start, end in spans:
            out.append(Piece(p, start, end, " ".join(keys[start:end])))
    return out


def token_bounds(text: str) -> list[tuple[int, int]]:
    """Where each token of a paragraph starts and ends (the tokeniser's own pattern, no keys)."""
    return [match.span(1) for match in token_pattern(text).finditer(text)]


def original_text(text: str, bounds: list[tuple[int, int]], start: int, end: int) -> str:
    """The original characters of tokens ``start..end`` of a paragraph."""
    if start >= end:
        return ""
    return text[bounds[start][0] : bounds[end - 1][1]]


def piece_text(parsed: Parsed, piece: Piece) -> str:
    """The original text of a unit."""
    text = parsed.statement.paragraphs[piece.paragraph]
    if piece.start == 0 and piece.end == len(parsed.keys(piece.paragraph)):
        return text
    return original_text(text, token_bounds(text), piece.start, piece.end)
