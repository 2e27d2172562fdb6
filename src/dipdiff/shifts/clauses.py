"""Read a block's word diff back as two texts and cut it into corresponding clauses.

A block's diff ops hold the original words of each side. Joined, they give the old and the new text;
cut at sentence ends that lie in unchanged stretches, they give pairs of passages that correspond
word for word outside the changes. Each pair holding a change is a *clause* the classifier reads as a
whole, so a word that only moved inside its sentence cancels out, and "call on ... to abandon"
becoming "firmly condemn ..." is read as one change of stance.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from dipdiff.model import Block, DiffOp, Op
from dipdiff.shifts.matcher import Word, words_of

# A sentence ends at . ! ? ; (or their CJK forms), perhaps followed by closing quotes or brackets,
# then whitespace or the end; or at a paragraph break inside a split or merged block.
# A run of marks is matched from its first mark only, and never given back (possessive), so a long
# run glued to a letter ("x....!!!!y") is read once, not once per mark with backtracking.
_END = re.compile(r"(?<![.!?;])[.!?;]++[\"'”’)\]]*+(?=\s|$)|[。！？；]|\n\n")
REWRITTEN = 0.5
"""Below this share of unchanged text a clause counts as rewritten: then only a cue replaced by a
counterpart (``call on`` -> ``condemn``, ``should`` -> ``must``) is a shift, not cues that merely
appear or vanish with the new wording."""
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bMr|\bMrs|\bMs|\bDr|\bNo|\bSt|\bArt|\bpara|\be\.g|\bi\.e)$")
_ABBREVIATION_REACH = 8
"""Characters before a full stop the abbreviation pattern looks at: its longest form ("para") and
the character before it, which decides the word boundary."""
_LOWER_NEXT = re.compile(r"\s+[a-z]")
"""A full stop followed by a word in lower case ends no sentence: an abbreviation the pattern above does
not list ("a.i.", "etc.", "approx.") or a comma OCR read as a full stop."""


class Side(NamedTuple):
    """One side of a block: its text and words."""

    text: str
    words: list[Word]
    keys: tuple[str, ...]
    """The words' normalised keys, for the phrase matchers."""
    starts: list[int]
    """Where each word starts, for ``span``."""

    @classmethod
    def of(cls, text: str) -> Side:
        """Split a text into words once."""
        words = words_of(text)
        return cls(text, words, tuple(w.key for w in words), [w.start for w in words])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the word range ``[lo, hi)`` of the words inside characters ``[start, end)``."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)


class Clause(NamedTuple):
    """Corresponding word ranges of the two sides, holding at least one change."""

    old: tuple[int, int]
    new: tuple[int, int]
    kept: float
    """Share (0-1) of the clause's text left unchanged: low when the clause was rewritten."""

    @property
    def rewritten(self) -> bool:
        """Whether most of the clause is new wording rather than an edit of the old."""
        return self.kept < REWRITTEN


class BlockText(NamedTuple):
    """A block read back as two texts, with its changed clauses."""

    old: Side
    new: Side
    clauses: tuple[Clause, ...]


def read_block(block: Block) -> BlockText:
    """Rebuild both texts of a block and find the clauses that hold its changes."""
    old_text = "".join(op.old for op in block.diff)
    new_text = "".join(op.new for op in block.diff)
    old, new = Side.of(old_text), Side.of(new_text)
    clauses = [
        Clause(old.span(o1, o2), new.span(n1, n2), kept) for o1, o2, n1, n2, kept in _clause_spans(block.diff)
    ]
    return BlockText(old, new, tuple(clauses))


def _clause_spans(diff: Sequence[DiffOp]) -> list[tuple[int, int, int, int, float]]:
    """Clauses holding changes: ``(old_start, old_end, new_start, new_end, kept)`` in characters.

    ``kept`` is the share (0-1) of the clause's characters, both sides counted, in unchanged words.
    """
    spans = []
    o_start = n_start = o_pos = n_pos = 0
    same = 0
    changed = False
    for op in diff:
        if op.op is Op.EQUAL:
            old_cuts, new_cuts = sentence_ends(op.old), sentence_ends(op.new)
            # Equal words may differ in spelling or quotes, so cut only where both sides agree.
            if len(old_cuts) != len(new_cuts):
                old_cuts, new_cuts = [], []
            for o_cut, n_cut in zip(old_cuts, new_cuts, strict=True):
                if changed:
                    end_o, end_n = o_pos + o_cut, n_pos + n_cut
                    same += o_pos + o_cut - max(o_pos, o_start) + n_pos + n_cut - max(n_pos, n_start)
                    total = end_o - o_start + end_n - n_start
                    spans.append((o_start, end_o, n_start, end_n, same / total if total else 1.0))
                o_start, n_start, changed, same = o_pos + o_cut, n_pos + n_cut, False, 0
            same += o_pos + len(op.old) - max(o_pos, o_start) + n_pos + len(op.new) - max(n_pos, n_start)
        else:
            changed = True
        o_pos += len(op.old)
        n_pos += len(op.new)
    if changed:
        total = o_pos - o_start + n_pos - n_start
        spans.append((o_start, o_pos, n_start, n_pos, same / total if total else 1.0))
    return spans


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end in a stretch of text."""
    return list(_sentence_ends(text))


def sentence_bounds(text: str) -> list[int]:
    """0, the offset just after each sentence end, and the text's length: a sentence runs from one
    bound to the next."""
    return [0, *_sentence_ends(text), len(text)]


@functools.lru_cache(maxsize=256)
def _sentence_ends(text: str) -> tuple[int, ...]:
    """``sentence_ends``, remembered: the shifts of a rewritten block each look for their sentences in
    the same two texts."""
    ends = []
    for match in _END.finditer(text):
        # The abbreviation is at most a few letters before the full stop: look only there, not at
        # the whole text before it, which made long texts of many full stops quadratic.
        before = max(0, match.start() - _ABBREVIATION_REACH)
        if match.group().startswith(".") and _ABBREVIATION.search(text, before, match.start()):
            continue
        if match.group().rstrip("\"'”’)]") == "." and _LOWER_NEXT.match(text, match.end()):
            continue  # "the Chargé d'affaires a.i. of the Permanent Mission", OCR's "that is. until"
        ends.append(match.end())
    return tuple(ends)


def sentence_starts(side: Side) -> set[int]:
    """Word indices that begin a sentence (for telling "May" the month from "may")."""
    starts = {0}
    for end in sentence_ends(side.text):
        starts.add(bisect.bisect_left(side.starts, end))
    return starts
