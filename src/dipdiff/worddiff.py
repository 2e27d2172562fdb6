"""Compare the words of two matched paragraphs: rapidfuzz opcodes over token lists, tidied up.

Tokens compare by their normalised key, so a spelling variant or a curly quote is not a change. Runs of
changes separated only by a word or two are joined into one replace, as diff-match-patch's semantic
clean-up does, because "call on ... to abandon" -> "firmly condemn ..." reads as one change.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from dipdiff.align import WordCodes
from dipdiff.model import DiffOp, Op, Token

_MAX_ABSORBED = 2
"""Longest run of equal words that is folded into the changes on both sides of it."""


def diff_tokens(old: Sequence[Token], new: Sequence[Token]) -> tuple[DiffOp, ...]:
    """Return the word diff of two token lists as ops whose texts rebuild both sides."""
    codes = WordCodes()
    a = codes.encode([t.key for t in old])
    b = codes.encode([t.key for t in new])
    runs: list[list[int | str]] = []
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(a, b).as_list():
        kind = "equal" if tag == "equal" else "change"
        if runs and runs[-1][0] == kind == "change":
            runs[-1][2], runs[-1][4] = i2, j2
        else:
            runs.append([kind, i1, i2, j1, j2])
    runs = _absorb_short_equals(runs)
    ops = []
    for kind, i1, i2, j1, j2 in runs:
        old_text = "".join(t.text + t.trail for t in old[int(i1) : int(i2)])
        new_text = "".join(t.text + t.trail for t in new[int(j1) : int(j2)])
        if kind == "equal":
            op = Op.EQUAL
        elif old_text and new_text:
            op = Op.REPLACE
        else:
            op = Op.DELETE if old_text else Op.INSERT
        ops.append(DiffOp(op, old_text, new_text))
    return tuple(ops)


def _absorb_short_equals(runs: list[list[int | str]]) -> list[list[int | str]]:
    """Fold a short equal run into the changes around it when it is shorter than both."""
    out: list[list[int | str]] = []
    for run in runs:
        out.append(run)
        while (
            len(out) >= 3
            and out[-1][0] == "change"
            and out[-2][0] == "equal"
            and out[-3][0] == "change"
            and _size(out[-2]) <= min(_MAX_ABSORBED, _size(out[-1]) - 1, _size(out[-3]) - 1)
        ):
            last = out.pop()
            out.pop()
            out[-1][2], out[-1][4] = last[2], last[4]
    return out


def _size(run: Sequence[int | str]) -> int:
    """The larger side of a run, in tokens."""
    return max(int(run[2]) - int(run[1]), int(run[4]) - int(run[3]))
