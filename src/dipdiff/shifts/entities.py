"""Shifts read over a whole block: actors and key terms named or dropped, numbers changed.

Actors and terms are compared as sets over the whole block, aliases folded to one id, so an alias
swap ("North Korea's" -> "the Democratic People's Republic of Korea") or a name moving inside the
paragraph is no shift. Numbers (dates, periods, percentages, resolution symbols) are compared as
multisets, and the ones that changed are paired in reading order.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from dipdiff.model import Category, Direction, Shift
from dipdiff.shifts.actors import actors_of
from dipdiff.shifts.clauses import Side
from dipdiff.shifts.lexicon import Lexicon
from dipdiff.shifts.matcher import keys_of

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


def may_name(text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` could name an actor or a key term: a quick test on its words' keys before
    ``names_in`` reads it word by word (most paragraphs of a speech name none)."""
    keys = keys_of(text)
    return actors_of(lexicon).matcher.occurs_in(keys) or lexicon.terms.occurs_in(keys)


def names_in(side: Side, lexicon: Lexicon) -> tuple[dict[str, str], dict[str, str]]:
    """Actor ids and key terms named in a text, each with the wording of its first mention.

    A name inside a key term ("denuclearization of North Korea") is carried by the term and is not
    counted again as an actor.
    """
    actors = actors_of(lexicon)
    terms: dict[str, str] = {}
    in_terms: set[int] = set()
    for term in lexicon.terms.find(side.words, keys=side.keys):
        terms.setdefault(term.value, side.text[term.start : term.end])
        in_terms.update(range(term.first, term.last))
    found: dict[str, str] = {}
    for match in actors.matcher.find(side.words, keys=side.keys):
        after = side.words[match.last].key if match.last < len(side.words) else ""
        if match.value is None or after in actors.not_before or match.first in in_terms:
            continue
        found.setdefault(match.value, side.text[match.start : match.end])
    return found, terms


# A crude fold for searching a whole statement quickly: quotes, dashes and the commonest British and
# American spellings. Only used to ask "is this actor or term named anywhere in the other statement?".
_FOLD = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-", "\u00a0": " "})
_SPELLING = ((re.compile(r"is(ation|e|ed|es|ing)\b"), r"iz\1"), (re.compile(r"ence\b"), "ense"))


def _fold(text: str, *, cased: bool) -> str:
    text = " ".join(text.translate(_FOLD).replace("-", " ").split())
    if cased:
        return text
    text = text.casefold()
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    return text


class Searchable(NamedTuple):
    """A whole statement folded once, to ask which actors and terms it names anywhere."""

    cased: str
    folded: str

    @classmethod
    def of(cls, text: str) -> Searchable:
        """Fold a text both ways once."""
        return cls(_fold(text, cased=True), _fold(text, cased=False))

    def names(
        self, actor_ids: Iterable[str], terms: Iterable[str], lexicon: Lexicon
    ) -> tuple[set[str], set[str]]:
        """Which of these actors and key terms the text names, by searching for their wordings."""
        actors = actors_of(lexicon)
        found_actors: set[str] = set()
        found_terms: set[str] = set()
        wanted = [(code, actors.aliases.get(code, ()), found_actors) for code in actor_ids]
        wanted += [(term, lexicon.term_aliases.get(term, (term,)), found_terms) for term in terms]
        for key, wordings, found in wanted:
            for wording in wordings:
                exact = wording.isupper() and len(wording.replace(".", "")) <= 5
                if _contains(self.cased if exact else self.folded, _folded(wording, exact)):
                    found.add(key)
                    break
        return found_actors, found_terms


@functools.lru_cache(maxsize=8192)
def _folded(wording: str, exact: bool) -> str:
    return _fold(wording, cased=exact)


def _contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` stands in ``haystack`` as whole words (str.find, then a look at its edges:
    far faster than a regular expression with look-arounds on a long statement)."""
    at = haystack.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or not haystack[at - 1].isalnum()) and (
            end == len(haystack) or not haystack[end].isalnum()
        ):
            return True
        at = haystack.find(needle, at + 1)
    return False


def actor_shifts(
    old: dict[str, str], new: dict[str, str], lexicon: Lexicon, *, named: Iterable[str] = ()
) -> list[Shift]:
    """Actors named on one side only; ``named`` are ids the other side names elsewhere."""
    names = actors_of(lexicon).names
    skip = set(named)
    shifts = []
    for code, wording in new.items():
        if code not in old and code not in skip:
            label = _label(wording, names.get(code, code))
            shifts.append(Shift(Category.ACTOR, Direction.ADDED, "", wording, f"actor added: {label}"))
    for code, wording in old.items():
        if code not in new and code not in skip:
            label = _label(wording, names.get(code, code))
            shifts.append(Shift(Category.ACTOR, Direction.REMOVED, wording, "", f"actor dropped: {label}"))
    return shifts


def term_shifts(old: dict[str, str], new: dict[str, str], *, named: Iterable[str] = ()) -> list[Shift]:
    """Key terms on one side only; a term replaced by another with the same head word changed."""
    skip = set(named)
    gone = [t for t in old if t not in new and t not in skip]
    came = [t for t in new if t not in old and t not in skip]
    shifts = []
    for term in list(came):
        head = term.split()[0].casefold()
        twin = next((g for g in gone if g.split()[0].casefold() == head), None)
        if twin is not None:
            gone.remove(twin)
            came.remove(term)
            shifts.append(
                Shift(
                    Category.TERM,
                    Direction.CHANGED,
                    old[twin],
                    new[term],
                    f"term changed: {old[twin]} -> {new[term]}",
                )
            )
    shifts += [Shift(Category.TERM, Direction.ADDED, "", new[t], f"term added: {new[t]}") for t in came]
    shifts += [Shift(Category.TERM, Direction.REMOVED, old[t], "", f"term dropped: {old[t]}") for t in gone]
    return shifts


def _label(wording: str, name: str) -> str:
    """ "Japan", or "Pyongyang (North Korea)" when the text names the actor another way."""
    if wording.casefold().removeprefix("the ") == name.casefold().removeprefix("the "):
        return name
    return f"{wording} ({name})"
