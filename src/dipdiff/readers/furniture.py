"""Page furniture in text extracted from a PDF: lines that belong to the page, not the statement.

UN job numbers (``08-53129``, ``06-53317 (E)``, with or without a page number beside them), bare page
numbers (``10``, ``- 7 -``, ``Page 7 of 9``), running heads that are document symbols
(``A/62/PV.4``) and any short line repeated, between blank lines, at least ``repeated_furniture``
times (``data/reflow.yaml``; a running head such as a meeting's date). Re-flow (``reflow``) drops them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from dipdiff.lazypattern import LazyPattern
from dipdiff.readers.reflowsettings import settings
from dipdiff.readers.sentences import SENTENCE_END

# The patterns are matched, whole, against a line with its spaces collapsed; each space they allow
# is a single one, so none can backtrack over a run of spaces.
_JOB_NUMBER = LazyPattern(r"(?:\d{1,4} )?\d{2}-\d{5}[A-Z]?(?: ?\([A-Z]\))?(?: \d{1,4})?")
_PAGE_NUMBER = LazyPattern(
    r"(?:page |p\. ?)?(?:[-–—] ?)?\d{1,4}(?: ?[-–—])?(?: ?(?:/|of) ?\d{1,4})?", re.IGNORECASE
)
_SYMBOL_LINE = LazyPattern(
    r"(?:\d{1,4} )?[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]{0,24}){1,6}(?: \((?:\d{4}|Resumed)\))?(?: \d{1,4})?"
)
_MASK_DIGITS = LazyPattern(r"\d+")
_DIGIT = LazyPattern(r"\d")


def is_furniture(line: str, repeated: set[str]) -> bool:
    """Whether a line is a job number, a page number, a document symbol or a running head (one of
    the ``repeated`` lines, digits masked)."""
    if not repeated and _DIGIT().search(line) is None:
        return False  # each pattern needs a digit, and most lines of a statement hold none
    text = " ".join(line.split())
    return (
        _JOB_NUMBER().fullmatch(text) is not None
        or _PAGE_NUMBER().fullmatch(text) is not None
        or (_SYMBOL_LINE().fullmatch(text) is not None and any(ch.isdigit() for ch in text))
        or _MASK_DIGITS().sub("#", text) in repeated
    )


def repeated_lines(lines: Sequence[str]) -> set[str]:
    """Short lines standing between blank lines that recur often enough to be a running head (their
    digits masked, so that a head holding a page number or a date recurs)."""
    counts: Counter[str] = Counter()
    for k, line in enumerate(lines):
        text = line.strip()
        if not text or len(text) > settings().hard_wrap_width or SENTENCE_END().search(text):
            continue
        above = k == 0 or not lines[k - 1].strip()
        below = k + 1 == len(lines) or not lines[k + 1].strip()
        if above and below:
            counts[_MASK_DIGITS().sub("#", text)] += 1
    return {key for key, n in counts.items() if n >= settings().repeated_furniture}
