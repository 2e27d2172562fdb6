"""Numbers changed, added or dropped: dates, periods, percentages, amounts and resolution symbols.

Only number-like tokens count: digits standing as a word of their own, and numbers written as words with
the noun they count ("Two members"). Page furniture does not: paragraph numbers, footnote markers (after
a sentence's end, glued to a word as in "none.49", after a date), footnote text ("42 Ibid., document
S/13637."), document parts ("Add.1"), page footers ("26/33 17-29585"), a year inside a name ("the 2030
Agenda"), OCR's "1" for "I" ("1 think") or for "i" ("that 1s"), the next paragraph's number left at a
paragraph's end ("mandate; 4.") and a paragraph of the report a resolution takes note of ("paragraph 81
of his report"). OCR's "I364th" reads as 1364th, "27491h" and "273 1st" as ordinals, "(L967)" as 1967
and "A/33I241" as A/33/241; "186 (1964)" and "186(1964)" are one resolution. A marker between a word and
a relative clause without a comma ("the intercommunal talks 56 which was") is layout too. Days in two
months ("31 May and 13 June 1990", "31 May and 3 and 14 June 1991") are one date, and "resolutions 508
(1982)" in one list is "508 (1982)" in another. The day a document both sides name was adopted, added or
dropped ("425 (1978)" -> "425 (1978) of 19 March 1978"), and a document's symbol after its changed date
in one clause, keep a low confidence. Numbers are compared as multisets, and the ones that changed are
paired in reading order, each kind with its own; then a time with a time ("within twenty-four hours" ->
"not later than 23 October 1978") and a quantity with a quantity, never a symbol, a year or an ordinal
with a count ("20 years" -> "A/76", "2 billion" -> "2030", "75th" -> "2021"). A relative time ("four
years ago") against another wording of the same time, and a date gaining its year ("in June" -> "in June
2018"), keep a low confidence.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import NamedTuple

from dipdiff.lazypattern import LazyPattern
from dipdiff.model import Category, Direction, Shift
from dipdiff.shifts.lexicon import Lexicon

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_UNIT = r"(?i:hours?|days?|weeks?|months?|years?|decades?)"
_DIGITS = re.compile(
    r"(?=[\d$A-Zr])"  # how every form below begins: other places are passed over at once
    r"(?<![A-Za-z][-–‐‑])(?<![A-Za-z])\b(?:"  # not the number of a name: COVID-19, T-72, G7
    rf"\d{{1,2}}(?:\s*(?:and|to|-|–)\s*\d{{1,2}})?\s+{_MONTH}"  # 15 June 1984, 20 and 29 May
    # 31 May and 13 June 1990, 31 May and 3 and 14 June 1991: one date
    rf"(?:\s+(?:and|to|-|–)\s+\d{{1,2}}(?:\s*(?:and|to|-|–)\s*\d{{1,2}})?\s+{_MONTH})?(?:\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{4}}"  # June 1984
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,\s+\d{{4}})?"  # June 15, 1984
    r"|[AS]/\s?(?:RES/)?\d+(?:/\d+)*(?:\s*\(\d{4}\))?"  # S/RES/1718 (2006), S/16596
    r"|[A-Z]{1,6}(?:/[A-Z]{1,6})+(?:/\d+)+"  # a document symbol as a whole: A/HRC/25/63, NPT/CONF/2010/50
    r"|(?i:resolutions?)\s+\d+(?:/\d+)*(?:\s*\(\d{4}\))?"  # resolution 1718 (2006), 71/190
    r"|\d{1,4}\s*\((?:1[89]|20)\d\d\)"  # 483 (1980) in a list of resolutions
    r"|\d{2,3} [1-9](?:st|nd|rd|th)\b"  # OCR's "273 1st" for the 2731st: one ordinal
    rf"|\d+[\s-]+{_UNIT}\b"  # 6 months
    r"|\$?\d+(?:[.,]\d+)*(?:\s*(?:%|per\s?cent\b|percent\b))?"  # 2.5 per cent, $1,000
    r"(?:st|nd|rd|th)?(?:\s+(?:million|billion|trillion)\b)?"
    r")"
)
# Paragraph numbers ("1.", "(a)", "33.One member" with the space lost), footnote markers and document
# parts ("Add.1", "Corr.1") are layout:
# a marker stands after a sentence's end before a capital or the end ("none. 27", ". 43 One member",
# "Force, 24 Decides:"), glued to a word ("none.49"), after a date ("of 1 June 1970 33 that"), or
# before another number.
_LAYOUT = re.compile(
    r"(?=[\s,\dACR])(?:"  # how every form below begins: other places are passed over at once
    r"(?:^|\n\n)\s*\d{1,3}(?=[.),]\s|[.)]?$|\s+[A-Z]|\.[A-Z])"
    r"|,\s*\d{1,3}\.?\s*(?=$|\n\n|\s+[A-Z][a-z]+:)"
    r"|(?<=[A-Za-z]),\s+\d{1,3}(?=\s+(?:and|as|that|which)\s+[a-z])"
    r"|(?<=[.;:!?])\s+\d{1,3}(?=[.,]?(?:\s*$|\s*\n\n|\s+[A-Z]))"
    r"|(?<=[A-Za-z][.,;:)”\"’'])\d{1,3}\b"
    r"|(?<=\d{4})\s+\d{1,3}(?=[\s,;.]|$)"
    r"|(?<=\d{4}),\s+\d{1,3}(?=\s+(?:and|as|that|which|in|on|to|of|approved|adopted|endorsed|contained|submitted)\b)"
    r"|(?<=\d),\s+\d{1,3}(?=\s+\d)"
    r"|(?<=,)\s+\d{1,3}(?=\s+\d{1,2}\s)"
    r"|\b(?:Add|Corr|Rev)\.\d+(?:\s+and\s+\d+)?"
    # OCR's "1" for the letter i in a short word ("that 1s, until", "1t", "1n", "1f"), and digits OCR
    # read inside a word ("the international 00tmunity"): three letters or more glued after them.
    r"|(?<![\w$.,])1(?=(?:s|t|n|f|ts)\b)"
    r"|(?<![\w$.,])\d+(?=[a-z]{3,})(?!(?:st|nd|rd|th)\b)"
    # A footnote marker glued to the short word after it ("7on 26 April"), or after a document's
    # bracketed symbol before a word in lower case ("(S/12958), 7 on 26 April (S/13272) 20 and on 15 May
    # 1979", S/RES/459).
    r"|(?<![\w$.,])\d{1,3}(?=(?:on|in|of|to|at|by|as|an)\b)"
    r"|(?<=\)),?\s+\d{1,3}(?=\s+[a-z])"
    # A paragraph of the report the resolution takes note of ("the statement contained in paragraph
    # 81 of his report"): each renewal cites its own report, so the number points into a document.
    r"|(?:(?<=paragraph )|(?<=paragraphs ))\d{1,3}"
    r"(?=\s+of\s+(?:his|her|its|the|this)\s+(?:latest\s+|last\s+|present\s+)?report\b)"
    # An older resolution's footnote marker: digits and a slash ("of 20 July 1993, 1/ and taking note").
    r"|(?<=[\s,])\d{1,3}/(?=[\s,;.]|$)"
    # A UN document's page footer left inside a paragraph: the job number ("17-29585") with the page
    # number or counter ("26/33", "5") beside it.
    r"|(?:\b\d{1,3}(?:/\d{1,3})?\s+)?\b\d{2}-\d{5}\b(?:\s+\d{1,3}(?:/\d{1,3})?\b)?"
    # A verbatim record's page header: the meeting's date and the record's symbol ("29/09/2015
    # A/70/PV.16", General Assembly records from 2015 on).
    r"|\b\d{2}/\d{2}/\d{4}\s+[AS]/(?:\d+/)?PV\.\d+"
    r")"
)
_AFTER_DATE = re.compile(rf"\b\d{{1,2}}\s+{_MONTH}(?P<marker>\s+\d{{1,3}})\b(?!,?\s+\d{{4}})")
"""A footnote marker after a day and month ("on 30 May 24 and 11 June")."""
_OCR_ONE = re.compile(
    r"(?:(?<![A-Za-z])[Il]|(?<![^\s(])[!|]|(?<![^\s(])\[(?=\d+\b(?!\])))(?=\d{2,}(?:st|nd|rd|th)?\b)"
)
"""A capital I, a small l, or at a word's start an exclamation mark, a bar or an unclosed bracket,
read for the digit 1 before digits ("I364th"; Security Council resolutions: "resolution !86 (1964)",
"resolution [86 (1964)" for 186). A bracketed footnote ("[86]") stays."""
_OCR_SLASH = re.compile(r"(?:(?<=[AS]/\d)|(?<=[AS]/\d\d))[Ilf|](?=\d{2,4}\b)")
"""OCR's letter for the slash inside a document symbol ("A/33I241", "A/33f241" for A/33/241)."""
_OCR_YEAR = re.compile(r"(?<=\()L(?=\d{3}\))")
"""OCR's capital L for the 1 of a year in brackets ("242 (L967)"); I and l are read by ``_OCR_ONE``."""
_OCR_DAY = re.compile(rf"(?<=\b\d)\](?={_MONTH}|\s+{_MONTH})")
"""OCR's closing bracket for the 1 of a day ("by 3] May 1983" for 31 May, S/RES/526)."""
_OCR_TH = re.compile(r"(?<=\d\d)[1lI]h\b")
"""OCR's "1h" for the ordinal's "th" ("the 27491h meeting" for the 2749th)."""
_NAMED_YEAR = re.compile(r"\b(?i:the|its|our|their|this)\s+(?P<year>(?:19|20)\d\d)(?=\s+[A-Z][a-z])")
"""A year inside a name after "the": "the 2030 Agenda", "the 2005 World Summit Outcome"."""
_A_DIGIT = re.compile(r"\d")
"""Every number written in digits, and every piece of layout that looks like one, holds a digit: a
text without one is not searched for them."""
_ENDS_IN_FIGURE = re.compile(r"[A-Za-z]\s+\d{1,3}\s*(?:$|\n\n)")
"""What ``_Rules.at_end`` needs to find a marker (a word, then one to three digits ending the
paragraph), found fast: most paragraphs have none, and ``at_end`` tries every word."""
_FIGURE_BETWEEN_WORDS = re.compile(r"[A-Za-z]\s+\d{1,3}\s+[a-z]")
"""What ``_Rules.before_clause`` needs to find a marker (a word, one to three digits, a lowercase word),
found fast."""
_RANGE = re.compile(r"(\d{1,2})\s*(?:and|to|-|–)\s*(\d{1,2})\s")
"""Two days of one month ("20 and 29 May"): a range only when the first comes first."""
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


class _Number(NamedTuple):
    """One number of a text."""

    text: str
    key: str
    """What compares equal across the sides: the digits, or a word number's value and noun."""
    kind: str
    weak: bool
    """A word number such as "one" that counts only against another number with the same noun."""
    relative: bool
    """A relative time in years ("four years ago", "in less than four years")."""
    year: bool
    """A bare year ("in 1969")."""
    ceiling: bool
    """Preceded by a word that makes it a ceiling ("up to $86.7 million")."""
    noun: str
    """What a word number counts, singular ("member"); empty for digits."""


class _Rules(NamedTuple):
    """The ``numbers`` section compiled: the number words' pattern at once, the others on first use
    (a short statement needs few of them, and compiling each costs a fraction of a millisecond)."""

    values: dict[str, int]
    words: re.Pattern[str]
    weak: frozenset[str]
    weak_after: LazyPattern
    relative_after: LazyPattern
    relative_before: LazyPattern
    footnotes: LazyPattern
    ocr_i: LazyPattern
    """The word "I" read by OCR as the digit 1 ("1 think it would be pertinent")."""
    ceiling: LazyPattern
    relative_phrase: LazyPattern
    at_end: LazyPattern
    """A footnote marker ending a paragraph after a word ("by 14 votes to none 64"), unless the word
    counts or numbers ("of 5", "paragraph 5")."""
    after_name: LazyPattern
    """A footnote marker after a capitalised word, before a lowercase one ("the Secretary-General 7
    considers"), unless the word numbers what it names ("Article 51 of")."""
    before_clause: LazyPattern
    """A footnote marker between a word and a relative clause without a comma ("the intercommunal
    talks 56 which was worked out"), unless the word counts or numbers ("of 56 which")."""


@functools.cache
def _rules(lexicon: Lexicon) -> _Rules:
    spec = lexicon.number_spec
    values: dict[str, int] = spec.get("words", {})
    names = "|".join(sorted(map(re.escape, values), key=len, reverse=True)) or "(?!)"
    stop = "|".join(map(re.escape, spec.get("not_before", ()))) or "(?!)"
    # how every number word begins: other places are passed over before each word is tried there
    initials = "".join(sorted({re.escape(name[0]) for name in values if name}))
    begins = rf"(?=(?i:[{initials}]))" if initials else ""
    words = re.compile(
        rf"{begins}(?<![\w-])(?P<number>(?i:{names})(?:[-\s](?i:{names}))?)\s+"
        rf"(?!(?i:{stop})\b)(?P<noun>[A-Za-z]+)"
    )

    def alternatives(key: str) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in spec.get(key, ())) or "(?!)"

    return _Rules(
        values=values,
        words=words,
        weak=frozenset(w.casefold() for w in spec.get("weak", ())),
        weak_after=LazyPattern(rf"\b(?i:{alternatives('weak_after')})\s*$"),
        relative_after=LazyPattern(rf"\s*(?i:{alternatives('relative_after')})\b"),
        relative_before=LazyPattern(rf"\b(?i:{alternatives('relative_before')})\s*$"),
        footnotes=LazyPattern(
            rf"\b\d{{1,3}}\s+(?:{alternatives('footnote_starts')})\b.*?(?:\.(?=\s+\d{{1,3}}\s+[A-Z])|$|(?=\n\n))"
        ),
        ocr_i=LazyPattern(rf"(?:^|(?<=[.!?:;,\"“(]\s))1(?=\s+(?i:{alternatives('ocr_i_before')})\b)"),
        ceiling=LazyPattern(rf"\b(?i:{alternatives('ceilings')})\s*\$?\s*$"),
        relative_phrase=LazyPattern(rf"\b(?i:{alternatives('relative_phrases')})\b"),
        at_end=LazyPattern(
            rf"(?=[A-Za-z])\b(?!(?i:{alternatives('numbered_nouns')}|{alternatives('before_amounts')})\b)[A-Za-z]+"
            r"(?P<marker>\s+\d{1,3})\s*(?:$|\n\n)"
        ),
        after_name=LazyPattern(  # (?=[A-Z]) passes over other places before the longer test
            rf"(?=[A-Z])\b(?!(?:{alternatives('numbered_nouns')}|{_MONTH[3:-1]})\b)[A-Z][\w’'-]*"
            r"(?P<marker>\s+\d{1,3})(?=\s+[a-z])"
        ),
        before_clause=LazyPattern(
            rf"(?=[A-Za-z])\b(?!(?i:{alternatives('numbered_nouns')}|{alternatives('before_amounts')})\b)"
            rf"[A-Za-z][\w’'-]*(?P<marker>\s+\d{{1,3}})(?=\s+(?:{alternatives('marker_before')})\s+[a-z])"
        ),
    )


_KINDS = ("date", "year", "period", "symbol", "ordinal", "percent", "amount")
_FAMILY = {"date": "time", "year": "time", "period": "time", "percent": "quantity", "amount": "quantity"}
"""Kinds that may pair with each other once each kind has paired with its own: a time with a time,
a quantity with a quantity. A symbol or an ordinal (a meeting, an anniversary) pairs only with its
own kind."""


def _kind(text: str) -> str:
    """What a number measures, so that a date is paired with a date and a symbol with a symbol."""
    if re.search(_MONTH, text):
        return "date"
    if "/" in text or text[:1] in "Rr" or "(" in text:
        return "symbol"
    if "%" in text or "cent" in text:
        return "percent"
    if re.search(_UNIT, text):
        return "period"
    if _YEAR.fullmatch(text):
        return "year"
    if re.fullmatch(r"\d+(?: \d)?(?:st|nd|rd|th)", text):
        return "ordinal"
    return "amount"


def number_shifts(old: str, new: str, lexicon: Lexicon) -> list[Shift]:
    """Numbers whose value changed, was added or was dropped between two texts."""
    rules = _rules(lexicon)
    before, after = _numbers(old, rules), _numbers(new, rules)
    common = Counter(n.key for n in before) & Counter(n.key for n in after)
    gone = _without(before, common)
    came = _without(after, common)
    # Pair what changed in reading order, each kind with its own; then a time with a time and a
    # quantity with a quantity; what has no counterpart was added or dropped.
    pairs = []
    for same in (_same_kind, _same_family):
        for a in list(gone):
            b = next((c for c in came if same(a, c) and _pairs(a, c)), None)
            if b is None:
                continue
            pairs.append((a, b))
            gone.remove(a)
            came.remove(b)
    sure = lexicon.confidence
    shifts = _ceilings(before, after, lexicon)
    changed_dates = [(a.text, b.text) for a, b in pairs if a.kind == "date" or b.kind == "date"]
    for a, b in pairs:
        relative = a.relative or b.relative
        confidence = sure.get("relative_time", 1.0) if relative else 1.0
        if _one_date(a, b):
            confidence = sure.get("same_date", 1.0)
        explanation = f"number changed: {a.text} -> {b.text}"
        shifts.append(Shift(Category.NUMBER, Direction.CHANGED, a.text, b.text, explanation, confidence))
    for number, own, other, other_numbers, added in [
        *((n, old, new, after, False) for n in gone),
        *((n, new, old, before, True) for n in came),
    ]:
        if number.weak:
            continue
        confidence = _alone(number, other, other_numbers, lexicon)
        if _adopted(number, own, other) or _symbol_of(number, own, changed_dates, added):
            confidence = min(confidence, sure.get("same_date", 1.0))
        if any(number.text in reference.group() for reference in _EDITORIAL.finditer(own)):
            confidence = min(confidence, sure.get("editorial_reference", 1.0))
        text = number.text
        if added:
            shifts.append(
                Shift(Category.NUMBER, Direction.ADDED, "", text, f"number added: {text}", confidence)
            )
        else:
            shifts.append(
                Shift(Category.NUMBER, Direction.REMOVED, text, "", f"number dropped: {text}", confidence)
            )
    return shifts


def _ceilings(before: list[_Number], after: list[_Number], lexicon: Lexicon) -> list[Shift]:
    """A pledged figure kept but made a ceiling ("$86.7 million" -> "up to $86.7 million"), or no
    longer one: the commitment weakened (or strengthened)."""
    shifts = []
    for number in after:
        twin = next((b for b in before if b.key == number.key), None)
        if twin is None or twin.ceiling == number.ceiling:
            continue
        old, new = twin.text, number.text
        if number.ceiling:
            words = lexicon.modality_down
            shifts.append(
                Shift(
                    Category.MODALITY, Direction.DOWN, old, f"up to {new}", f"{words}: {old} -> up to {new}"
                )
            )
        else:
            words = lexicon.modality_up
            shifts.append(
                Shift(Category.MODALITY, Direction.UP, f"up to {old}", new, f"{words}: up to {old} -> {new}")
            )
    return shifts


_EDITORIAL = re.compile(
    r"\[\s*(?:see\s+)?(?:[AS]/|resolutions?\s|\d+(?:st|nd|rd|th)\s+meeting)[^\[\]]{0,60}\]?"
)
"""A verbatim record's editorial reference in square brackets: a document symbol, a resolution or a
meeting ("[A/31/243]", "[see A/31/1971]", "[7th meeting, para. 113]"). A bracketed figure the speaker
says ("[£ 1.2 trillion]" in a transcript) is none."""


_DOCUMENT_OF = re.compile(
    r"(?P<name>(?:[A-Z][\w’'-]*\s+){0,4}(?:Declaration|Agreement|Accords?|Treaty|Convention|Charter|Protocol"
    r"|Framework|Communiqu[eé]|Act))\s+of\s*$"
)
"""A document named before "of" and its date ("the Pyongyang Declaration of 2007")."""


def _adopted(number: _Number, own: str, other: str) -> bool:
    """Whether a date added or dropped is the day a document was adopted that both sides name: a
    resolution both cite ("425 (1978) and 426 (1978)" -> "425 (1978) and 426 (1978) of 19 March
    1978"), a declaration or treaty both name ("the Pyongyang Declaration" -> "the Pyongyang
    Declaration of 2007"). It names the same document, and its date is no change."""
    if number.kind not in ("date", "year"):
        return False
    named = _DOCUMENT_OF.search(own[: own.find(number.text)] if number.text in own else "")
    if named and re.search(rf"\b{re.escape(named.group('name'))}\b", other):
        return True
    for cited in re.finditer(rf"(\d{{1,4}})\s*\(((?:1[89]|20)\d\d)\)\s+of\s+{re.escape(number.text)}", own):
        if re.search(rf"(?<!\d){cited.group(1)}\s*\(\s*{cited.group(2)}\s*\)", other):
            return True
    return False


def _symbol_of(number: _Number, own: str, changed_dates: list[tuple[str, str]], added: bool) -> bool:
    """Whether a document symbol added or dropped stands in brackets after a date that changed, in the
    same clause with no other number between ("the report of 22 January 1993 (S/25150 and Add.1)" ->
    "the report of 20 July 1993"; "the letter dated 18 January 1993 from the Permanent Representative
    of Lebanon ... (S/25125)" -> "the letter dated 14 July 1993 ..."): the symbol of the document whose
    date changed, one change with it."""
    if number.kind != "symbol":
        return False
    dates = [new if added else old for old, new in changed_dates]
    dates = [date for date in dates if re.search(_MONTH, date)]  # "Two years ago ... (A/HRC/25/63)" stays
    return any(
        re.search(rf"{re.escape(date)}[^;()\d]{{0,160}}?\(\s*{re.escape(number.text)}", own) for date in dates
    )


def _one_date(a: _Number, b: _Number) -> bool:
    """Whether two dates name one day, one more fully than the other ("June 2000" -> "15 June 2000",
    "19 March 1978" -> "19 March"): every part one names, the other names too."""
    if a.kind != "date" or b.kind != "date":
        return False
    parts = [set(number.text.casefold().split()) for number in (a, b)]
    return parts[0] <= parts[1] or parts[1] <= parts[0]


def _same_kind(a: _Number, b: _Number) -> bool:
    return a.kind == b.kind


def _same_family(a: _Number, b: _Number) -> bool:
    return _FAMILY.get(a.kind, a.kind) == _FAMILY.get(b.kind, b.kind)


def _pairs(a: _Number, b: _Number) -> bool:
    """Whether two numbers may be one number changed: a weak one only with the same noun."""
    return not (a.weak or b.weak) or a.noun == b.noun


def _alone(number: _Number, other: str, other_numbers: list[_Number], lexicon: Lexicon) -> float:
    """How sure a number added or dropped without a counterpart is a change."""
    sure = lexicon.confidence
    if number.relative or (
        number.year
        and (any(n.relative for n in other_numbers) or _rules(lexicon).relative_phrase().search(other))
    ):
        return sure.get("relative_time", 1.0)
    month = re.search(_MONTH, number.text)
    if month and re.search(rf"\b{month.group()}\b", other):
        return sure.get("same_date", 1.0)
    return 1.0


_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
"""Full-width digits, as East Asian texts write them ("５" in a North Korean address), read as the
digits they are: the same number written either way is no change."""


def _numbers(text: str, rules: _Rules) -> list[_Number]:
    """The numbers of a text in reading order, leaving out layout and footnotes."""
    read = _OCR_SLASH.sub("/", _OCR_DAY.sub("1", _OCR_YEAR.sub("1", text.translate(_WIDE_DIGITS))))
    read = _OCR_TH.sub("th", _OCR_ONE.sub("1", read))
    found = [] if _A_DIGIT.search(read) is None else _figures(text, read, rules)
    for match in rules.words.finditer(read):
        word = match.group("number")
        value = sum(rules.values.get(part.casefold(), 0) for part in re.split(r"[-\s]", word))
        noun = match.group("noun")
        number = f"{word} {noun}"
        kind = _kind(number)
        relative = kind == "period" and _relative(read, match, rules)
        weak = word.casefold() in rules.weak or bool(rules.weak_after().search(read[: match.start()]))
        singular = noun.casefold().removesuffix("s")
        found.append(
            (
                match.start(),
                _Number(number, f"{value} {singular}", kind, weak, relative, False, False, singular),
            )
        )
    return [number for _, number in sorted(found, key=lambda pair: pair[0])]


def _figures(text: str, read: str, rules: _Rules) -> list[tuple[int, _Number]]:
    """The numbers written in digits (``read``: ``text`` with OCR's I and l for 1 read as 1), each
    with where it starts, leaving out layout and footnotes."""
    layout = [m.span() for m in _LAYOUT.finditer(read)] + [m.span() for m in rules.footnotes().finditer(read)]
    layout += [m.span("marker") for m in _AFTER_DATE.finditer(read)]
    layout += [m.span("marker") for m in rules.after_name().finditer(read)]
    if _ENDS_IN_FIGURE.search(read) is not None:
        layout += [m.span("marker") for m in rules.at_end().finditer(read)]
    if _FIGURE_BETWEEN_WORDS.search(read) is not None:
        layout += [m.span("marker") for m in rules.before_clause().finditer(read)]
    layout += [m.span() for m in rules.ocr_i().finditer(read)]
    layout += [m.span("year") for m in _NAMED_YEAR.finditer(read)]

    def furniture(match: re.Match[str]) -> bool:
        return any(start <= match.start() and match.end() <= end for start, end in layout)

    found = []
    for match in _DIGITS.finditer(read):
        if furniture(match):
            continue
        start = match.start()
        days = _RANGE.match(read, start)
        if days and int(days.group(1)) >= int(days.group(2)):
            start = days.start(2)  # "30 May 24 and 11 June": a marker, then one day
        number = text[start : match.end()]
        kind = _kind(read[start : match.end()])
        relative = kind == "period" and _relative(read, match, rules)
        year = kind == "year"
        ceiling = bool(rules.ceiling().search(read[max(start - 30, 0) : start]))
        found.append(
            (
                start,
                _Number(number, _key(read[start : match.end()]), kind, False, relative, year, ceiling, ""),
            )
        )
    return found


def _relative(text: str, match: re.Match[str], rules: _Rules) -> bool:
    """Whether a period of years is a relative time: "four years ago", "in less than four years"."""
    if not re.search(r"(?i)years?|decades?", match.group()):
        return False
    return bool(
        rules.relative_after().match(text, match.end())
        or rules.relative_before().search(text[: match.start()])
    )


def _key(text: str) -> str:
    """What compares equal: "resolutions 508 (1982)" in one list is "508 (1982)" in another."""
    key = " ".join(text.casefold().replace("-", " ").replace("/ ", "/").split())
    key = _ORDINAL_SPLIT.sub("", _BRACKET.sub(" (", key))
    return _CITED_AS.sub("", key)


_BRACKET = re.compile(r"\s*\(\s*")
"""Spacing before a bracketed year: "186 (1964)" and "186(1964)" are one resolution."""
_ORDINAL_SPLIT = re.compile(r"(?<=\d) (?=\d(?:st|nd|rd|th)$)")
"""The space OCR put inside an ordinal ("273 1st" for the 2731st)."""
_CITED_AS = re.compile(r"^resolutions?\s+(?=\d+\s*\()")
"""The word that cites a resolution by its number and year, which a list of them names once."""


def _without(items: list[_Number], common: Counter[str]) -> list[_Number]:
    left = Counter(common)
    kept = []
    for item in items:
        if left[item.key]:
            left[item.key] -= 1
        else:
            kept.append(item)
    return kept
