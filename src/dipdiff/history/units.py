"""Paragraphs and sentences of a parsed statement as units to match: normalised text and original text.

A unit's normalised text is its token keys joined by single spaces, the form every history score is
computed on; its original text is what the reader is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from dipdiff.history.model import Parsed
from dipdiff.model import Token
from dipdiff.normalise import default_normaliser
from dipdiff.tokens import tokenise


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


def paragraph_tokens(parsed: Parsed, paragraph: int) -> list[Token]:
    """Tokenise one paragraph again, for its original words (cheap: only what is shown)."""
    return tokenise(parsed.statement.paragraphs[paragraph], default_normaliser())


def original_text(tokens: list[Token], start: int, end: int) -> str:
    """The original characters of tokens ``start..end``, without the trailing space."""
    return "".join(t.text + t.trail for t in tokens[start:end]).strip()


def piece_text(parsed: Parsed, piece: Piece) -> str:
    """The original text of a unit."""
    if piece.start == 0 and piece.end == len(parsed.keys(piece.paragraph)):
        return parsed.statement.paragraphs[piece.paragraph]
    return original_text(paragraph_tokens(parsed, piece.paragraph), piece.start, piece.end)
