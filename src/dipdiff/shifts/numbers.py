"""Numbers changed, added or dropped: dates, periods, percentages, amounts and resolution symbols.

Numbers are compared as multisets, and the ones that changed are paired in reading order, a date with
a date and a symbol with a symbol.
"""

from __future__ import annotations

import re
from collections import Counter

from dipdiff.model import Category, Direction, Shift

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_CARDINAL = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty"
    r"|twenty-four|thirty|thirty-six|forty|fifty|sixty|ninety|hundred)"
)
_NUMBER = re.compile(
    r"(?<![A-Za-z][-–‐‑])(?<![A-Za-z])\b(?:"  # not the number of a name: COVID-19, T-72, G7
    rf"\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"  # 15 June 1984
    rf"|{_MONTH}\s+\d{{4}}"  # June 1984
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,\s+\d{{4}})?"  # June 15, 1984
    r"|[AS]/(?:RES/)?\d+(?:/\d+)*(?:\s*\(\d{4}\))?"  # S/RES/1718 (2006), S/16596
    r"|(?i:resolutions?)\s+\d+(?:/\d+)*(?:\s*\(\d{4}\))?"  # resolution 1718 (2006), 71/190
    rf"|(?i:{_CARDINAL})[\s-]+(?i:hours?|days?|weeks?|months?|years?)\b"  # six months
    r"|\$?\d+(?:[.,]\d+)*(?:\s*(?:%|per\s?cent\b|percent\b))?"  # 2.5 per cent, $1,000
    r"(?:st|nd|rd|th)?(?:\s+(?:million|billion|trillion)\b)?"
    r")"
)
# Paragraph numbers ("1.", "(a)"), footnote marks ("..., 48" at a paragraph's end, "48 Ibid." at its
# start, "of 1 June 1970 33 that" after a date) and document parts ("Add.1", "Corr.1") are layout.
_LAYOUT = re.compile(
    r"(?:^|\n\n)\s*\d{1,3}(?=[.)]\s|[.)]?$|\s+[A-Z])"
    r"|,\s*\d{1,3}\s*(?=$|\n\n)"
    r"|(?<=\d{4})\s+\d{1,3}(?=[\s,;.]|$)"
    r"|(?<=\d{4}),\s+\d{1,3}(?=\s+(?:and|as|that|which|in|on|to|of)\b)"
    r"|(?<=\d),\s+\d{1,3}(?=\s+\d)"
    r"|\b(?:Add|Corr|Rev)\.\d+(?:\s+and\s+\d+)?"
)


def _kind(text: str) -> str:
    """What a number measures, so that a date is paired with a date and a symbol with a symbol."""
    if re.search(_MONTH, text):
        return "date"
    if "/" in text or text[:1] in "Rr" or "(" in text:
        return "symbol"
    if "%" in text or "cent" in text:
        return "percent"
    if re.search(r"(?i)hours?|days?|weeks?|months?|years?", text):
        return "period"
    return "amount"


def number_shifts(old: str, new: str) -> list[Shift]:
    """Numbers whose value changed, was added or was dropped between two texts."""
    before, after = _numbers(old), _numbers(new)
    common = Counter(map(_number_key, before)) & Counter(map(_number_key, after))
    gone = _without(before, common)
    came = _without(after, common)
    shifts = []
    # Pair what changed in reading order, a date with a date and a symbol with a symbol; then
    # whatever is left of any kind; then what has no counterpart was added or dropped.
    pairs = []
    for kind in ("date", "symbol", "percent", "period", "amount", None):
        for a in [g for g in gone if kind is None or _kind(g) == kind]:
            b = next((c for c in came if kind is None or _kind(c) == kind), None)
            if b is None:
                continue
            pairs.append((a, b))
            gone.remove(a)
            came.remove(b)
    for a, b in pairs:
        shifts.append(Shift(Category.NUMBER, Direction.CHANGED, a, b, f"number changed: {a} -> {b}"))
    for a in gone:
        shifts.append(Shift(Category.NUMBER, Direction.REMOVED, a, "", f"number dropped: {a}"))
    for b in came:
        shifts.append(Shift(Category.NUMBER, Direction.ADDED, "", b, f"number added: {b}"))
    return shifts


def _numbers(text: str) -> list[str]:
    """The numbers of a text in reading order, leaving out paragraph numbers and footnote marks."""
    layout = [m.span() for m in _LAYOUT.finditer(text)]
    return [
        m.group()
        for m in _NUMBER.finditer(text)
        if not any(start <= m.start() and m.end() <= end for start, end in layout)
    ]


def _number_key(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def _without(items: list[str], common: Counter[str]) -> list[str]:
    left = Counter(common)
    kept = []
    for item in items:
        key = _number_key(item)
        if left[key]:
            left[key] -= 1
        else:
            kept.append(item)
    return kept
