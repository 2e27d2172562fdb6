"""Re-flow hard-wrapped text into the paragraphs its author wrote.

Text extracted from a PDF (the UN's verbatim records, ministry releases) or saved from an e-mail is
hard-wrapped: every paragraph is cut into lines of about the same length. ``reflow`` takes such lines
back to paragraphs, using only what the text itself shows:

- **Is it wrapped?** Lines that run on into a next line are short (a median of at most
  ``hard_wrap_width`` characters) and most of them are *full*: the next line's first word would not
  have fitted on them. Text that is one paragraph per line, or one per blank-line block, is not
  wrapped and is left alone (``reflow`` returns ``None``).
- **Page furniture** goes: UN job numbers (``08-53129``, ``06-53317 (E)``, with or without a page
  number beside them), bare page numbers (``10``, ``- 7 -``, ``Page 7 of 9``), running heads that are
  document symbols (``A/62/PV.4``) and any short line repeated, between blank lines, at least
  ``repeated_furniture`` times (a running head such as a meeting's date).
- **Paragraphs** end at a blank line, at an indented line after a line that ends a sentence (when
  the layout indents its paragraphs), and after a line that ends a sentence with room left on it
  for the next line's first word (the "short last line"). When the wrap is exact (greedy, in a
  fixed-width font, as ``textwrap``, e-mail clients and typewriters wrap), any line with that room
  left ends a paragraph, sentence or not ("Mr. President,"). Blank lines that only surround page
  furniture, or a form feed, are a page break: the paragraph goes on across it unless the line
  before it ended one. When blank lines separate the paragraphs, they alone do.
- **Full last lines**: where only a short last line marks a paragraph's end, a full line that ends
  a sentence may end a paragraph or not; the lengths of the statement's own paragraphs, what the
  sentences on either side say (``boundary``) and, in PDF text that lost its indents, the next
  line's length decide (``_find_full_last_lines``).
- **Broken words** are mended: ``meet-`` + ``ing`` is ``meeting``, ``nuclear-`` + ``missile`` stays
  ``nuclear-missile``. The statement's own spelling decides first (the joined or the hyphenated word
  elsewhere in it), then a word list of UN speeches (``data/words.yaml``), then whether both halves
  are words (a compound: ``single-handedly``) or not (a word cut in two: ``jet-tison``). A hyphen
  before a capital or a digit (``Six-`` + ``Party``) is always kept; a soft hyphen (U+00AD) goes.
- **Footnote markers** glued to a word or a year after its punctuation (``none.49``, ``1976.3``)
  are dropped.

The thresholds named here are data (``data/reflow.yaml``, read by ``settings``).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dipdiff.lazypattern import LazyPattern

_SENTENCE_END = LazyPattern(r"[.!?:;…»”\"')\]]$")
# The furniture patterns are matched, whole, against a line with its spaces collapsed; each space
# they allow is a single one, so none can backtrack over a run of spaces.
_LIST_MARK = LazyPattern(r"\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s")
"""A numbered paragraph or list item's mark at the start of a line: ``12.``, ``(b)``, ``iv)``."""
_FULL_STOP_END = LazyPattern(r"[.!?…][”\"’')\]]{0,3}$")
"""A line ending a sentence as a paragraph ends (a colon or semicolon almost never ends one)."""
_JOB_NUMBER = LazyPattern(r"(?:\d{1,4} )?\d{2}-\d{5}[A-Z]?(?: ?\([A-Z]\))?(?: \d{1,4})?")
_PAGE_NUMBER = LazyPattern(
    r"(?:page |p\. ?)?(?:[-–—] ?)?\d{1,4}(?: ?[-–—])?(?: ?(?:/|of) ?\d{1,4})?", re.IGNORECASE
)
_SYMBOL_LINE = LazyPattern(
    r"(?:\d{1,4} )?[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]{0,24}){1,6}(?: \((?:\d{4}|Resumed)\))?(?: \d{1,4})?"
)
_PARAGRAPH_NUMBER = LazyPattern(r"(\d{1,3})[.)]\s")
_OPENS_QUOTE_OR_LIST = LazyPattern(r"[“\"‘'«\[(]|[-•–—] |(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s")
"""A line opening with a quotation, a bracket or a list mark (what a colon may introduce)."""
_STOP_OR_CLOSE = frozenset(".!?…”\"’')]")
"""The last character of any word ``_FULL_STOP_END`` matches (a quick test before the pattern)."""
_INITIAL = LazyPattern(r"[“\"‘'(]?[A-Z]\.")
_HYPHEN_END = LazyPattern(r"([^\W_]{1,64})[-\u2010]$")
_FIRST_WORD = LazyPattern(r"\S+")
_WORD_START = LazyPattern(r"[^\W_]+")
_WORDS = LazyPattern(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FOOTNOTE = LazyPattern(
    r"((?<![^\W\d_])[^\W\d_][a-zß-ÿ]+|\b(?:1[89]|20)\d\d)([.,;:!?”\"’)\]]+)\d{1,3}(?=\s|$)"
)
_MASK_DIGITS = LazyPattern(r"\d+")
_INLINE_BREAK = LazyPattern(r"(?<![^\W_])([^\W\d_]{1,64})- ([^\W\d_]+)")
_ENDINGS = ("ly", "s", "es", "ed", "ing", "er")


def counted(verb: str, count: int, what: str) -> str:
    """``mended 1 broken word``, ``dropped 3 page-furniture lines``: a part of a reader's note."""
    return f"{verb} {count:,} {what}{'' if count == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Reflowed:
    """Paragraphs rebuilt from wrapped lines, and what it took."""

    paragraphs: tuple[str, ...]
    starts: tuple[int, ...]
    """0-based index of the line each paragraph starts on."""
    lines: int
    """Lines of text joined into the paragraphs."""
    furniture: int
    """Page-furniture lines dropped."""
    mended: int
    """Words broken at a line end and mended (hyphen dropped or kept as the word needs)."""
    footnotes: int = 0
    """Footnote markers dropped."""

    def note(self) -> str:
        """What was done, in one line: ``re-flowed 242 lines into 31 paragraphs; ...``."""
        parts = [f"re-flowed {self.lines:,} lines into {len(self.paragraphs):,} paragraphs"]
        for count, what in (
            (self.furniture, "page-furniture line"),
            (self.mended, "broken word"),
            (self.footnotes, "footnote marker"),
        ):
            if count:
                parts.append(counted("mended" if what == "broken word" else "dropped", count, what))
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Settings:
    """Re-flow's thresholds (``data/reflow.yaml``, where each is explained and its choice recorded)."""

    hard_wrap_width: int
    min_full_share: float
    min_wrap_width: int
    min_wrapped_lines: int
    min_mixed_wrapped_lines: int
    min_mixed_share: float
    whole_line_widths: float
    repeated_furniture: int
    fit_slack: float
    fit_quantile: float
    min_fit_samples: int
    max_fit_slack: float
    exact_fit_band: float
    exact_fit_share: float
    min_compound_part: int
    log_chars: float
    log_spread: float
    min_log_spread: float
    prior_weight: float
    full_end_odds: float
    max_span: int
    words_weight: float
    min_indent: int
    min_first_lines: int
    indent_kernel: int
    titles: tuple[str, ...]
    suspended: frozenset[str]


@functools.cache
def settings() -> Settings:
    """The packaged thresholds (``data/reflow.yaml``), read once."""
    from dipdiff.resources import packaged_yaml

    data = packaged_yaml("reflow.yaml")
    layout, fit, paragraphs = data["layout"], data["fit"], data["paragraphs"]
    return Settings(
        hard_wrap_width=int(layout["hard_wrap_width"]),
        min_full_share=float(layout["min_full_share"]),
        min_wrap_width=int(layout["min_wrap_width"]),
        min_wrapped_lines=int(layout["min_wrapped_lines"]),
        min_mixed_wrapped_lines=int(layout["min_mixed_wrapped_lines"]),
        min_mixed_share=float(layout["min_mixed_share"]),
        whole_line_widths=float(layout["whole_line_widths"]),
        repeated_furniture=int(layout["repeated_furniture"]),
        fit_slack=float(fit["slack"]),
        fit_quantile=float(fit["quantile"]),
        min_fit_samples=int(fit["min_samples"]),
        max_fit_slack=float(fit["max_slack"]),
        exact_fit_band=float(fit["exact_band"]),
        exact_fit_share=float(fit["exact_share"]),
        min_compound_part=int(data["words"]["min_compound_part"]),
        log_chars=float(paragraphs["log_chars"]),
        log_spread=float(paragraphs["log_spread"]),
        min_log_spread=float(paragraphs["min_log_spread"]),
        prior_weight=float(paragraphs["prior_weight"]),
        full_end_odds=float(paragraphs["full_end_odds"]),
        max_span=int(paragraphs["max_span"]),
        words_weight=float(paragraphs["words_weight"]),
        min_indent=int(data["lost_indent"]["min_indent"]),
        min_first_lines=int(data["lost_indent"]["min_first_lines"]),
        indent_kernel=int(data["lost_indent"]["kernel"]),
        titles=tuple(str(title) for title in data["sentences"]["titles"].split()),
        suspended=frozenset(str(word) for word in data["inline_breaks"]["suspended"].split()),
    )


@functools.cache
def _title() -> re.Pattern[str]:
    """A line ending in a title or another abbreviation that never ends a sentence (``Mr.``)."""
    titles = "|".join(re.escape(title) for title in settings().titles)
    return re.compile(rf"(?<![^\W\d_])(?:{titles})$")


@dataclass(frozen=True, slots=True)
class _Line:
    """A line of text with what the layout says about it."""

    index: int
    text: str
    """Stripped of surrounding whitespace."""
    indent: int
    blank_before: bool
    """A blank line (not page furniture) stands between this line and the previous one."""
    page_break: bool
    """Page furniture or a form feed stands between this line and the previous one."""


@dataclass(frozen=True, slots=True)
class _Fit:
    """How full a line must be for the next line's first word not to have fitted on it."""

    limit: float
    """A line plus a space and the next line's first word shorter than this had room for the word."""
    exact: bool
    """The lines were wrapped greedily in a fixed-width font (``textwrap``, an e-mail client): every
    line with room left for the next line's first word ends a paragraph, whether or not it ends a
    sentence."""


def reflow(lines: Sequence[str], *, wrapped: bool = False) -> Reflowed | None:
    """Rebuild the paragraphs of hard-wrapped ``lines``; ``None`` when they are not hard-wrapped.

    ``wrapped`` says the lines are wrapped whatever they look like (a PDF's text always is): then
    the longest line is the width when the lines are too few to tell, and ``None`` comes back only
    when there is no text.
    """
    rows, furniture = _rows(lines)
    fit = _fit(rows, wrapped)
    if fit is None or not rows:
        return None
    blocks_marked = _blocks_mark_paragraphs(rows, fit.limit)
    margin = _paragraph_indent(rows)
    begins = [True] + [
        _breaks(previous, row, fit, blocks_marked, margin) for previous, row in itertools.pairwise(rows)
    ]
    if not blocks_marked and margin is None:
        _mark_numbered_paragraphs(rows, begins)
        _find_full_last_lines(rows, begins, fit)
    vocabulary = _vocabulary(rows)
    paragraphs: list[str] = []
    starts: list[int] = []
    parts: list[str] = []
    mended = 0
    for row, begin in zip(rows, begins, strict=True):
        if begin:
            if parts:
                paragraphs.append("".join(parts))
            parts = [row.text]
            starts.append(row.index)
        else:
            mended += _join(parts, row.text, vocabulary)
    if parts:
        paragraphs.append("".join(parts))
    paragraphs, inline = mend_inline_breaks(paragraphs)
    texts, footnotes = _drop_footnote_markers(paragraphs)
    return Reflowed(tuple(texts), tuple(starts), len(rows), furniture, mended + inline, footnotes)


def _rows(lines: Sequence[str]) -> tuple[list[_Line], int]:
    """The lines holding text, page furniture left out, and how many furniture lines there were."""
    repeated = _repeated_lines(lines)
    rows: list[_Line] = []
    furniture = 0
    blank = page_break = False
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            blank = True
            page_break = page_break or "\f" in line
            continue
        if _is_furniture(text, repeated):
            furniture += 1
            page_break = True
            continue
        expanded = line.replace("\t", "    ").replace("\f", "")
        indent = len(expanded) - len(expanded.lstrip())
        rows.append(_Line(index, text, indent, blank and not page_break, page_break))
        blank = page_break = False
    return rows, furniture


def _is_furniture(line: str, repeated: set[str]) -> bool:
    """Whether a line is a job number, a page number, a document symbol or a running head."""
    text = " ".join(line.split())
    return (
        _JOB_NUMBER().fullmatch(text) is not None
        or _PAGE_NUMBER().fullmatch(text) is not None
        or (_SYMBOL_LINE().fullmatch(text) is not None and any(ch.isdigit() for ch in text))
        or _MASK_DIGITS().sub("#", text) in repeated
    )


def _repeated_lines(lines: Sequence[str]) -> set[str]:
    """Short lines standing between blank lines that recur often enough to be a running head."""
    counts: Counter[str] = Counter()
    for k, line in enumerate(lines):
        text = line.strip()
        if not text or len(text) > settings().hard_wrap_width or _SENTENCE_END().search(text):
            continue
        above = k == 0 or not lines[k - 1].strip()
        below = k + 1 == len(lines) or not lines[k + 1].strip()
        if above and below:
            counts[_MASK_DIGITS().sub("#", text)] += 1
    return {key for key, n in counts.items() if n >= settings().repeated_furniture}


def _fit(rows: list[_Line], wrapped: bool) -> _Fit | None:
    """The shortest a line plus the next line's first word runs when the word did not fit on it.

    Measured on lines that end mid-sentence, which are almost all full: in a monospaced wrap this is
    the width plus one; in a proportional font it is less, by as much as the font's letters vary.
    ``None`` when the lines are not hard-wrapped (unless ``wrapped`` says they are).
    """
    tuned = settings()
    width = _width(rows)
    if width is None and wrapped:
        width = max((len(row.text) for row in rows), default=0)
    if width is None:
        return None
    running = [
        (row, after)
        for row, after in itertools.pairwise(rows)
        if not after.blank_before and not after.page_break
    ]
    runs = sorted(
        len(row.text) + 1 + len(_first_word(after.text))
        for row, after in running
        if not _ends_sentence(row.text)
    )
    if len(runs) < tuned.min_fit_samples:
        return _Fit(width * (1 - tuned.fit_slack) + 1, exact=False)
    widest = max(
        (len(row.text) for row, _ in running if len(row.text) <= width * (1 + tuned.fit_slack)), default=width
    )
    near = sum(1 for run in runs if widest * (1 - tuned.exact_fit_band) < run <= widest)
    if near < tuned.exact_fit_share * len(runs):
        return _Fit(widest + 1, exact=True)
    return _Fit(
        max(runs[int(tuned.fit_quantile * (len(runs) - 1))], width * (1 - tuned.max_fit_slack)), exact=False
    )


def _width(rows: list[_Line]) -> float | None:
    """The column width the lines were wrapped at, or ``None`` when they were not wrapped.

    Some statements mix the two: most paragraphs a line each, and stretches hard-wrapped (the UN
    speeches of the late 1970s and early 1980s, typed in part). When the lines as a whole do not
    look wrapped, those no longer than ``hard_wrap_width`` are looked at alone; if they are wrapped
    and many enough, the longer lines are whole paragraphs among them (``_whole``).
    """
    tuned = settings()
    running = [
        (len(row.text), len(_first_word(after.text)))
        for row, after in itertools.pairwise(rows)
        if not after.blank_before
    ]
    width = _wrap_width(running)
    if width is not None:
        return width
    short = [(length, word) for length, word in running if length <= tuned.hard_wrap_width]
    if len(short) < tuned.min_mixed_wrapped_lines or len(short) < tuned.min_mixed_share * len(running):
        return None
    return _wrap_width(short)


def _wrap_width(running: list[tuple[int, int]]) -> float | None:
    """The width of lines that run on (length, next line's first word), or ``None`` if not wrapped."""
    tuned = settings()
    if len(running) < tuned.min_wrapped_lines:
        return None
    lengths = sorted(length for length, _ in running)
    median = lengths[len(lengths) // 2]
    if median > tuned.hard_wrap_width:
        return None
    usual = [length for length in lengths if length <= 2 * median]  # a stray whole paragraph aside
    if len(usual) < tuned.min_full_share * len(lengths):
        return None
    width = usual[int(0.95 * (len(usual) - 1))]
    if width < tuned.min_wrap_width:
        return None
    full = sum(1 for length, word in running if length + 1 + word > width * (1 - tuned.fit_slack))
    return width if full >= tuned.min_full_share * len(running) else None


def _first_word(text: str) -> str:
    match = _FIRST_WORD().match(text)
    return match.group() if match else ""


def _paragraph_indent(rows: list[_Line]) -> int | None:
    """The margin past which a line starts a paragraph, when the layout indents its paragraphs."""
    margin = Counter(row.indent for row in rows).most_common(1)[0][0]
    indented = [
        previous for previous, row in itertools.pairwise(rows) if row.indent > margin and not row.blank_before
    ]
    after_sentence = sum(1 for row in indented if _ends_sentence(row.text))
    return margin if after_sentence >= 2 and after_sentence >= 0.6 * len(indented) else None


def _blocks_mark_paragraphs(rows: list[_Line], limit: float) -> bool:
    """Whether blank lines mark the paragraphs: as many as there are short sentence-final lines."""
    blanks = sum(row.blank_before for row in rows)
    short = sum(
        1
        for previous, row in itertools.pairwise(rows)
        if not row.blank_before and _ends_short(previous, row, limit)
    )
    return blanks > 0 and blanks >= short


def _ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (or a clause, with a colon or semicolon), not a title (``Mr.``)."""
    return _SENTENCE_END().search(text) is not None and _title().search(text) is None


def _ends_short(previous: _Line, row: _Line, limit: float) -> bool:
    """Whether ``previous`` ends a sentence with room left for ``row``'s first word."""
    return _ends_sentence(previous.text) and _has_room(previous, row, limit)


def _has_room(previous: _Line, row: _Line, limit: float) -> bool:
    """Whether ``row``'s first word would have fitted at the end of ``previous``."""
    return len(previous.text) + 1 + len(_first_word(row.text)) < limit


def _breaks(previous: _Line, row: _Line, fit: _Fit, blocks_marked: bool, margin: int | None) -> bool:
    """Whether ``row`` starts a new paragraph after the line ``previous``."""
    ends_sentence = _ends_sentence(previous.text)
    if row.blank_before:
        return True
    if margin is not None:  # the layout indents its paragraphs: that alone marks them
        return row.indent > margin
    if row.page_break and not ends_sentence:
        return False
    if blocks_marked and not row.page_break:
        return False
    if ends_sentence and (
        _LIST_MARK().match(row.text) or _whole(previous, fit.limit) or _whole(row, fit.limit)
    ):
        return True
    if fit.exact:
        return _has_room(previous, row, fit.limit)
    return _ends_short(previous, row, fit.limit)


def _whole(row: _Line, limit: float) -> bool:
    """Whether a line is far longer than the wrap: a whole paragraph on one line."""
    return len(row.text) > settings().whole_line_widths * limit


def _mark_numbered_paragraphs(rows: list[_Line], begins: list[bool]) -> None:
    """Start a paragraph at a line opening with the number after the last numbered paragraph's
    (``56.`` after ``55.``), whether or not the line before ends a sentence."""
    last = None
    for k, row in enumerate(rows):
        match = _PARAGRAPH_NUMBER().match(row.text)
        if match is None:
            continue
        number = int(match.group(1))
        if not begins[k] and last is not None and number == last + 1:
            begins[k] = True
        if begins[k]:
            last = number


def _find_full_last_lines(rows: list[_Line], begins: list[bool], fit: _Fit) -> None:
    """Mark the paragraphs whose last line is full, in a layout where only short last lines mark them.

    A line that ends a sentence and has no room left may end its paragraph or a sentence inside one
    (so may a line ending in a colon before a quotation or a list); the layout cannot tell. The
    statement's own paragraphs can: the runs of lines between certain breaks that hold no such line
    are whole paragraphs, and their lengths (log-normal, as paragraph lengths are; shrunk towards
    ``log_chars`` when there are few) say how likely a run is to be one paragraph or several. Each
    run holding candidates is split where the most likely paragraphs result (dynamic programming,
    each paragraph spanning at most ``max_span`` candidates, so the work stays linear), a candidate
    costing ``full_end_odds`` against a break, and weighed by what the sentences on either side say
    (``_words_evidence``), in a wrap that is not exact by how far the line runs past the limit of a
    full line (``_fullness_evidence``), and, in PDF text that lost its paragraph indents, by the
    next line's length (``_lost_indent_evidence``).
    """
    candidate = [False] * len(rows)
    for k in range(1, len(rows)):
        previous, row = rows[k - 1], rows[k]
        if begins[k] or row.text[:1].islower():
            continue
        candidate[k] = may_end_paragraph(previous.text, row.text) or bool(
            previous.text.endswith(":") and _OPENS_QUOTE_OR_LIST().match(row.text)
        )
    runs = _runs(rows, begins)
    whole = [math.log(chars) for start, end, chars in runs if not any(candidate[start + 1 : end])]
    mean, spread = _shrunk_log_normal(whole)
    evidence = _lost_indent_evidence(rows, begins, candidate)
    if not fit.exact:
        for k, odds in _fullness_evidence(rows, begins, candidate, fit.limit).items():
            evidence[k] = evidence.get(k, 0.0) + odds
    for k, odds in _words_evidence(rows, candidate).items():
        evidence[k] = evidence.get(k, 0.0) + odds
    for start, end, _ in runs:
        inside = [k for k in range(start + 1, end) if candidate[k]]
        if inside:
            for k in _most_likely_breaks(rows, start, end, inside, mean, spread, evidence):
                begins[k] = True


def _words_evidence(rows: list[_Line], candidate: list[bool]) -> dict[int, float]:
    """Log odds, per candidate row that opens a sentence, that a paragraph ends before it, from the
    three sentences on either side (``boundary.end_log_odds``: the next sentence's first word, the
    words both sides share ...), times ``words_weight``."""
    from dipdiff.readers import boundary

    weight = settings().words_weight
    if not weight or not any(candidate):
        return {}
    found, opening = _sentences_of([row.text for row in rows])
    return {
        k: weight * boundary.end_log_odds(found[max(0, at - 3) : at], found[at : at + 3])
        for k, at in enumerate(opening)
        if candidate[k] and at > 0
    }


def sentences(text: str) -> list[str]:
    """``text`` cut after each word that ends a sentence (``_ends_a_sentence``)."""
    return _sentences_of([text])[0]


def _sentences_of(lines: Sequence[str]) -> tuple[list[str], list[int]]:
    """The sentences of ``lines`` read as one text, and for each line the number of the sentence it
    opens (-1 when it opens none)."""
    found: list[str] = []
    opening: list[int] = []
    words: list[str] = []
    for line in lines:
        opening.append(-1 if words else len(found))
        for word in line.split():
            words.append(word)
            if _ends_a_sentence(word, len(words) == 1):
                found.append(" ".join(words))
                words = []
    if words:
        found.append(" ".join(words))
    return found, opening


def _ends_a_sentence(word: str, first: bool) -> bool:
    """Whether ``word`` ends a sentence (``.``, ``!``, ``?``, closing marks kept): not a title or
    another abbreviation that never ends one (``Mr.``), a single capital (an initial), or, as a
    sentence's ``first`` word, a paragraph number or list mark (``12.``)."""
    return (
        word[-1] in _STOP_OR_CLOSE
        and _FULL_STOP_END().search(word) is not None
        and _title().search(word) is None
        and _INITIAL().fullmatch(word) is None
        and not (first and _LIST_MARK().match(f"{word} "))
    )


def may_end_paragraph(before: str, after: str) -> bool:
    """Whether re-flow weighs a paragraph end between ``before`` and ``after`` when a full line
    separates them: ``before`` ends a sentence (not in a title, ``Mr.``), ``after`` opens with
    neither a small letter nor a list mark (after which a paragraph always begins)."""
    return (
        _FULL_STOP_END().search(before) is not None
        and _title().search(before) is None
        and not after[:1].islower()
        and _LIST_MARK().match(after) is None
    )


def _fullness_evidence(
    rows: list[_Line], begins: list[bool], candidate: list[bool], limit: float
) -> dict[int, float]:
    """Log odds, per candidate row, that the full line before it is a paragraph's last line, from
    how far that line (with the candidate's first word) runs past the limit of a full line.

    In a proportional font the limit is set low (``_fit``) and most full lines run well past it;
    a paragraph's last line is as long as its words made it, so when it does reach the limit it
    runs only a little past it, as often by 1 character as by 5, and seldom far: its runs spread as
    the statement's wrapped lines' survival (the share of them running at least as far), against
    the wrapped lines' own histogram (lines ending mid-sentence; both smoothed over
    ``indent_kernel`` characters each side). Not for exact wraps, whose full lines all end within a
    word's length of the width, paragraph's end or not.
    """
    tuned = settings()
    low = math.ceil(limit)
    usual: Counter[int] = Counter()
    for k in range(len(rows) - 1):
        run = None if _ends_sentence(rows[k].text) else _run(rows, begins, k)
        if run is not None and run >= low:
            usual[run] += 1
    total = sum(usual.values())
    if total < tuned.min_fit_samples:
        return {}
    top = max(usual) + 1
    reach = tuned.indent_kernel

    def wrapped(run: int) -> float:
        return sum(usual[run + step] * (reach + 1 - abs(step)) for step in range(-reach, reach + 1)) + 0.5

    survival: dict[int, float] = {}
    left = total
    for run in range(low, top + 1):
        survival[run] = left + 0.5
        left -= usual[run]
    wrapped_total = sum(wrapped(run) for run in survival)
    last_total = sum(survival.values())
    evidence = {}
    for k in range(1, len(rows)):
        run = _run(rows, begins, k - 1) if candidate[k] else None
        if run is not None and run >= low:
            run = min(run, top)
            evidence[k] = math.log((survival[run] / last_total) / (wrapped(run) / wrapped_total))
    return evidence


def _run(rows: list[_Line], begins: list[bool], k: int) -> int | None:
    """How long row ``k`` plus the next row's first word runs, when row ``k`` runs on into it."""
    if k + 1 >= len(rows) or begins[k + 1]:
        return None
    return len(rows[k].text) + 1 + len(_first_word(rows[k + 1].text))


def _lost_indent_evidence(rows: list[_Line], begins: list[bool], candidate: list[bool]) -> dict[int, float]:
    """Log odds, per candidate row, that it is a paragraph's first line whose indent was lost.

    Text extracted from a PDF whose paragraphs' first lines are indented often loses the indent and
    keeps the line: the first line holds a few characters fewer (the UN speeches of 1992-2012 in the
    shared data). The lines that surely begin a paragraph (after a short last line) show it: when
    they run, with the next line's first word, at least ``min_indent`` characters shorter (medians)
    than the lines after a line ending mid-sentence, almost none of which begin one, a candidate's
    first line is weighed by how much likelier its run is shortened by that indent than not
    (histograms smoothed over ``indent_kernel`` characters each side). No evidence otherwise.
    """
    tuned = settings()
    usual: Counter[int] = Counter()
    for k in range(1, len(rows)):
        if not begins[k] and not candidate[k] and not _ends_sentence(rows[k - 1].text):
            run = _run(rows, begins, k)
            if run is not None:
                usual[run] += 1
    firsts = sorted(run for k in range(1, len(rows)) if begins[k] and (run := _run(rows, begins, k)))
    if sum(usual.values()) < tuned.min_fit_samples or len(firsts) < tuned.min_first_lines:
        return {}
    ordered = sorted(usual.elements())
    indent = ordered[len(ordered) // 2] - firsts[len(firsts) // 2]
    if indent < tuned.min_indent:
        return {}
    reach = tuned.indent_kernel

    def weight(run: int) -> float:
        near = sum(usual[run + step] * (reach + 1 - abs(step)) for step in range(-reach, reach + 1))
        return near + 0.5

    evidence = {}
    for k in range(len(rows)):
        run = _run(rows, begins, k) if candidate[k] else None
        if run is not None:
            evidence[k] = math.log(weight(run + indent) / weight(run))
    return evidence


def _runs(rows: list[_Line], begins: list[bool]) -> list[tuple[int, int, int]]:
    """Each run of rows from one certain break to the next: start, end (exclusive) and characters."""
    runs: list[tuple[int, int, int]] = []
    start = chars = 0
    for k, row in enumerate(rows):
        if begins[k] and k > start:
            runs.append((start, k, chars))
            start, chars = k, 0
        chars += len(row.text) + 1
    if rows:
        runs.append((start, len(rows), chars))
    return runs


def _shrunk_log_normal(logs: list[float]) -> tuple[float, float]:
    """Mean and spread of log paragraph lengths, shrunk towards the usual ones by ``prior_weight``."""
    tuned = settings()
    n = len(logs)
    mean = (tuned.prior_weight * tuned.log_chars + sum(logs)) / (tuned.prior_weight + n)
    squares = sum((x - mean) ** 2 for x in logs)
    spread = math.sqrt((tuned.prior_weight * tuned.log_spread**2 + squares) / (tuned.prior_weight + n))
    return mean, max(spread, tuned.min_log_spread)


def _most_likely_breaks(
    rows: list[_Line],
    start: int,
    end: int,
    inside: list[int],
    mean: float,
    spread: float,
    evidence: dict[int, float],
) -> list[int]:
    """The candidates (row indices) where the run ``start:end`` most likely breaks into paragraphs;
    ``evidence`` adds log odds for a break at some of them."""
    tuned = settings()
    offsets = [0] * (end - start + 1)
    for k in range(start, end):
        offsets[k - start + 1] = offsets[k - start] + len(rows[k].text) + 1
    cuts = [start, *inside]  # a paragraph begins at one of these

    def length(a: int, b: int) -> float:
        chars = max(offsets[b - start] - offsets[a - start], 1)
        return -((math.log(chars) - mean) ** 2) / (2 * spread**2)

    odds = math.log(tuned.full_end_odds)
    best = [0.0] * len(cuts)
    back = [0] * len(cuts)
    for j in range(1, len(cuts)):
        best[j], back[j] = max(
            (best[i] + length(cuts[i], cuts[j]) + odds + evidence.get(cuts[j], 0.0), i)
            for i in range(max(0, j - tuned.max_span), j)
        )
    last = max(
        range(max(0, len(cuts) - tuned.max_span), len(cuts)), key=lambda i: best[i] + length(cuts[i], end)
    )
    chosen = []
    while last > 0:
        chosen.append(cuts[last])
        last = back[last]
    return chosen


def _vocabulary(rows: list[_Line]) -> Counter[str]:
    """How often the statement spells each word, case-folded, hyphenated words whole."""
    counter: Counter[str] = Counter()
    for row in rows:
        counter.update(word.casefold() for word in _WORDS().findall(row.text))
    return counter


def _join(parts: list[str], text: str, vocabulary: Counter[str]) -> int:
    """Append a line to a paragraph's parts, mending a word broken at the line end; 1 if mended."""
    last = parts[-1]
    if last.endswith("\u00ad"):
        parts[-1] = last[:-1]
        parts.append(text)
        return 1
    hyphen = _HYPHEN_END().search(last[-80:])
    start = _WORD_START().match(text)
    if not (hyphen and start):
        parts.append(" ")
        parts.append(text)
        return 0
    if not keeps_hyphen(hyphen.group(1), start.group(), vocabulary):
        parts[-1] = last[:-1]
    parts.append(text)
    return 1


def mend_inline_breaks(paragraphs: Sequence[str]) -> tuple[list[str], int]:
    """Mend words broken at a line end whose break became a space (``self- determination`` is
    ``self-determination``, ``ut- most`` is ``utmost``); return the paragraphs and how many words were
    mended. Unlike a break at a line end, ``word- word`` inside a line is as often a dash typed as a
    hyphen ("the liberties- I say"), so a word is mended only when its mended form is attested: the
    statement spells it so elsewhere, or the word list (``data/words.yaml``) has it. A suspended
    hyphen (``medium- and long-term``) stays."""
    if not any("- " in text and _INLINE_BREAK().search(text) for text in paragraphs):
        return list(paragraphs), 0  # most statements: nothing to count
    whole = "\n".join(paragraphs).casefold()

    @functools.cache
    def spelled(form: str) -> int:
        """How often the statement writes ``form`` as a whole word (or part of a compound)."""
        return len(re.findall(rf"(?<![^\W_]){re.escape(form)}(?![^\W_])", whole))

    suspended = settings().suspended
    count = 0

    def mend(found: re.Match[str]) -> str:
        nonlocal count
        head, tail = found.group(1), found.group(2)
        if tail.casefold() in suspended:
            return found.group()
        inside = found.start() > 0 and found.string[found.start() - 1] == "-"
        mended = f"{head}-{tail}" if inside else _attested(head, tail, spelled)  # step-by- step
        count += mended is not None
        return found.group() if mended is None else mended

    mended = [_INLINE_BREAK().sub(mend, text) if "- " in text else text for text in paragraphs]
    return mended, count


def _attested(head: str, tail: str, spelled: Callable[[str], int]) -> str | None:
    """``head-tail`` or ``headtail``, whichever the statement (``spelled``) or the word list knows
    better; ``None`` when neither knows it."""
    hyphenated, joined = f"{head}-{tail}".casefold(), f"{head}{tail}".casefold()
    words, compounds = word_list()
    as_compound = spelled(hyphenated) + (hyphenated in compounds)
    as_word = spelled(joined) + (joined in words)
    if as_compound == as_word == 0:
        return None
    return f"{head}-{tail}" if as_compound >= as_word else f"{head}{tail}"


def keeps_hyphen(head: str, tail: str, vocabulary: Counter[str] | None = None) -> bool:
    """Whether ``head-`` at a line end and ``tail`` on the next line are a compound, not a cut word."""
    if not (tail[:1].islower() and head[-1:].isalpha()):
        return True  # Six-Party, mid-1990s, 1996-1997
    hyphenated, joined = f"{head}-{tail}".casefold(), f"{head}{tail}".casefold()
    if vocabulary is not None and vocabulary[hyphenated] != vocabulary[joined]:
        return vocabulary[hyphenated] > vocabulary[joined]
    words, compounds = word_list()
    if hyphenated in compounds:
        return True
    if joined in words:
        return False
    return (
        len(head) >= settings().min_compound_part
        and head.casefold() in words
        and _is_word(tail.casefold(), words)
    )


def _is_word(word: str, words: frozenset[str]) -> bool:
    """Whether ``word``, or its stem before a common ending (``handed-ly``), is a word of the list."""
    if word in words:
        return True
    return any(
        word.endswith(ending)
        and len(word) - len(ending) >= settings().min_compound_part
        and word[: -len(ending)] in words
        for ending in _ENDINGS
    )


@functools.cache
def word_list() -> tuple[frozenset[str], frozenset[str]]:
    """The packaged words and hyphenated compounds (``data/words.yaml``), case-folded."""
    from dipdiff.resources import packaged_yaml

    data = packaged_yaml("words.yaml")
    return frozenset(data["words"].split()), frozenset(data["compounds"].split())


def _drop_footnote_markers(paragraphs: list[str]) -> tuple[list[str], int]:
    """Remove footnote numbers glued to a word's or a year's punctuation; count them."""
    count = 0
    texts = []
    for paragraph in paragraphs:
        text, n = _FOOTNOTE().subn(r"\1\2", paragraph)
        texts.append(text)
        count += n
    return texts, count
