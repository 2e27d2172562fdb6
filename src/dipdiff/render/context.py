"""Context around changes: a long paragraph with a small change keeps only the sentences near it.

A changed block's unchanged runs are cut into sentences (the history commands' sentence rules); of
each run, the ``context`` sentences next to a change stay, with the partial sentence that holds the
change itself, and the others fold into one ``Fold`` that says how many sentences it hides. Old and
new sides fold together, and only where both cut the run into the same number of sentences.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from dipdiff.model import DiffOp, Op

MIN_FOLD = 2
"""Fewest sentences worth folding: one sentence folded would save no line."""


@dataclass(frozen=True, slots=True)
class Fold:
    """Unchanged sentences left out of a changed block's view."""

    sentences: int

    @property
    def label(self) -> str:
        """``… 6 unchanged sentences …``."""
        noun = "sentence" if self.sentences == 1 else "sentences"
        return f"… {self.sentences} unchanged {noun} …"


def fold_unchanged(diff: Sequence[DiffOp], context: int) -> list[DiffOp | Fold]:
    """The block's word diff with the unchanged sentences farther than ``context`` from any change
    folded away (a diff without changes is returned as it is)."""
    if all(op.op is Op.EQUAL for op in diff):
        return list(diff)
    old, new = _whole_sentences(diff, old=True), _whole_sentences(diff, old=False)
    out: list[DiffOp | Fold] = []
    for n, op in enumerate(diff):
        if op.op is not Op.EQUAL or len(old[n]) != len(new[n]):
            out.append(op)
            continue
        head = context if n > 0 else 0  # sentences kept after the change before this run
        tail = context if n < len(diff) - 1 else 0  # and before the change after it
        hidden = len(old[n]) - head - tail
        if hidden < MIN_FOLD:
            out.append(op)
            continue
        if head or old[n][0][0] > 0:  # the end of the changed sentence, and the context after it
            out.append(DiffOp(Op.EQUAL, op.old[: old[n][head][0]], op.new[: new[n][head][0]]))
        out.append(Fold(hidden))
        last = len(old[n]) - tail  # the first sentence kept before the next change
        if last < len(old[n]) or old[n][-1][1] < len(op.old):
            out.append(DiffOp(Op.EQUAL, op.old[old[n][last - 1][1] :], op.new[new[n][last - 1][1] :]))
    return out


def _whole_sentences(diff: Sequence[DiffOp], *, old: bool) -> list[list[tuple[int, int]]]:
    """Per op, the sentences of one side that lie wholly inside it, as character ranges of the op.

    Sentences are cut in the side's whole text, so that a run starting with the end of a changed
    sentence ("… will act {+firmly+}. Next …") does not count that end as a sentence.
    """
    texts = [op.old if old else op.new for op in diff]
    starts = [0]
    for text in texts:
        starts.append(starts[-1] + len(text))
    ends = _sentence_ends("".join(texts))
    bounds = list(zip([0, *ends[:-1]], ends, strict=True))
    return [
        [(a - first, b - first) for a, b in bounds if first <= a and b <= after]
        for first, after in itertools.pairwise(starts)
    ]


def _sentence_ends(text: str) -> list[int]:
    """Where each sentence of ``text`` ends (after the space that follows it), in characters."""
    from dipdiff.history.sentences import split_words
    from dipdiff.tokens import token_pattern

    matches = list(token_pattern(text).finditer(text))
    if not matches:
        return [len(text)]
    spans = split_words([m.group(1) for m in matches], [bool(m.group(2)) for m in matches])
    return [matches[end - 1].end() for _, end in spans[:-1]] + [len(text)]
