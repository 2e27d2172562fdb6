"""Re-flow hard-wrapped text into the paragraphs its author wrote.

Text extracted from a PDF (the UN's verbatim records, ministry releases) or saved from an e-mail is
hard-wrapped: every paragraph is cut into lines of about the same length. ``reflow`` takes such lines
back to paragraphs, using only what the text itself shows:

- **Is it wrapped?** Lines that run on into a next line are short (a median of at most
  ``hard_wrap_width`` characters) and most of them are *full*: the next line's first word would not
  have fitted on them. Text that is one paragraph per line, or one per blank-line block, is not
  wrapped and is left alone (``reflow`` returns ``None``).
- **Page furniture** goes (``furniture``): job numbers, page numbers, running heads that are
  document symbols (``A/62/PV.4``) or short lines repeated page after page.
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
- **Sentences cut by a blank line** ("... or more. A" / "people-centred philosophy ...") are one
  paragraph again (``continued``).
- **Broken words** are mended (``brokenwords``): ``meet-`` + ``ing`` is ``meeting``,
  ``nuclear-`` + ``missile`` stays ``nuclear-missile``, as the statement's own spelling and a word
  list of UN speeches decide; **footnote markers** glued to a word or a year after its punctuation
  (``none.49``, ``1976.3``) are dropped.

Where sentences end is read by ``sentences``.
The thresholds named here are data (``data/reflow.yaml``, read by ``reflowsettings``).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dipdiff.lazypattern import LazyPattern
from dipdiff.readers import brokenwords
from dipdiff.readers.continued import join_continued
from dipdiff.readers.furniture import is_furniture, repeated_lines
from dipdiff.readers.reflowsettings import settings
from dipdiff.readers.sentences import LIST_MARK, ends_sentence, may_end_paragraph, sentences_of

_PARAGRAPH_NUMBER = LazyPattern(r"(\d{1,3})[.)]\s")
_OPENS_QUOTE_OR_LIST = LazyPattern(r"[“\"‘'«\[(]|[-•–—] |(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s")
"""A line opening with a quotation, a bracket or a list mark (what a colon may introduce)."""
_FIRST_WORD = LazyPattern(r"\S+")


def joined_note(count: int) -> str:
    """``joined 2 paragraphs cut mid-sentence``: a part of a reader's note."""
    return f"{counted('joined', count, 'paragraph')} cut mid-sentence"


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
    joined: int = 0
    """Paragraphs cut mid-sentence by a blank line, joined to the one before (``continued``)."""

    def note(self) -> str:
        """What was done, in one line: ``re-flowed 242 lines into 31 paragraphs; ...``."""
        joined = counted("into", len(self.paragraphs), "paragraph")
        parts = [f"{counted('re-flowed', self.lines, 'line')} {joined}"]
        for count, what in (
            (self.furniture, "page-furniture line"),
            (self.mended, "broken word"),
            (self.footnotes, "footnote marker"),
        ):
            if count:
                parts.append(counted("mended" if what == "broken word" else "dropped", count, what))
        if self.joined:
            parts.append(joined_note(self.joined))
        return "; ".join(parts)


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


def reflow(lines: Sequence[str], *, wrapped: bool = False, words_only: bool = False) -> Reflowed | None:
    """Rebuild the paragraphs of hard-wrapped ``lines``; ``None`` when they are not hard-wrapped.

    ``wrapped`` says the lines are wrapped whatever they look like (a PDF's text always is): then
    the longest line is the width when the lines are too few to tell, and ``None`` comes back only
    when there is no text.

    ``words_only`` gives the same text, word for word and mark for mark, without deciding which full
    lines end a paragraph (``_find_full_last_lines``, most of re-flow's work where it runs): each
    such line ends a sentence, so joining the next line to it adds a space and mends nothing, and
    the words do not change, only where paragraphs end (for a caller that reads the words alone).
    """
    if not wrapped and _too_few_short_lines(lines):
        return None
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
        if not words_only:
            _find_full_last_lines(rows, begins, fit)
    vocabulary = brokenwords.vocabulary(row.text for row in rows)
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
            mended += brokenwords.join_line(parts, row.text, vocabulary)
    if parts:
        paragraphs.append("".join(parts))
    paragraphs, starts, joined = join_continued(paragraphs, starts)
    paragraphs, inline = brokenwords.mend_inline_breaks(paragraphs)
    texts, footnotes = brokenwords.drop_footnote_markers(paragraphs)
    return Reflowed(tuple(texts), tuple(starts), len(rows), furniture, mended + inline, footnotes, joined)


def _rows(lines: Sequence[str]) -> tuple[list[_Line], int]:
    """The lines holding text, page furniture left out, and how many furniture lines there were."""
    repeated = repeated_lines(lines)
    rows: list[_Line] = []
    furniture = 0
    blank = page_break = False
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            blank = True
            page_break = page_break or "\f" in line
            continue
        if is_furniture(text, repeated):
            furniture += 1
            page_break = True
            continue
        expanded = line.replace("\t", "    ").replace("\f", "")
        indent = len(expanded) - len(expanded.lstrip())
        rows.append(_Line(index, text, indent, blank and not page_break, page_break))
        blank = page_break = False
    return rows, furniture


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
        if not ends_sentence(row.text)
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


def _too_few_short_lines(lines: Sequence[str]) -> bool:
    """Whether too few lines are short enough for ``_width`` to find a width: it needs more than half
    of at least ``min_wrapped_lines`` lines, or ``min_mixed_wrapped_lines`` lines, no longer than
    ``hard_wrap_width``. One look at each line's length, before ``_rows`` tests every line for page
    furniture: most statements written a paragraph a line stop here."""
    tuned = settings()
    needed = min(tuned.min_wrapped_lines // 2 + 1, tuned.min_mixed_wrapped_lines)
    short = 0
    for line in lines:
        if 0 < len(line.strip()) <= tuned.hard_wrap_width:
            short += 1
            if short >= needed:
                return False
    return True


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
    after_sentence = sum(1 for row in indented if ends_sentence(row.text))
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


def _ends_short(previous: _Line, row: _Line, limit: float) -> bool:
    """Whether ``previous`` ends a sentence with room left for ``row``'s first word."""
    return ends_sentence(previous.text) and _has_room(previous, row, limit)


def _has_room(previous: _Line, row: _Line, limit: float) -> bool:
    """Whether ``row``'s first word would have fitted at the end of ``previous``."""
    return len(previous.text) + 1 + len(_first_word(row.text)) < limit


def _breaks(previous: _Line, row: _Line, fit: _Fit, blocks_marked: bool, margin: int | None) -> bool:
    """Whether ``row`` starts a new paragraph after the line ``previous``."""
    closes = ends_sentence(previous.text)
    if row.blank_before:
        return True
    if margin is not None:  # the layout indents its paragraphs: that marks them ...
        return row.indent > margin or (closes and _far_short(previous, row, fit.limit))
    if row.page_break and not closes:
        return False
    if blocks_marked and not row.page_break:
        return False
    if closes and (LIST_MARK().match(row.text) or _whole(previous, fit.limit) or _whole(row, fit.limit)):
        return True
    if fit.exact:
        return _has_room(previous, row, fit.limit)
    return _ends_short(previous, row, fit.limit)


def _far_short(previous: _Line, row: _Line, limit: float) -> bool:
    """... and so does a line ending a sentence far shorter than a full line could be in any font,
    when the next line's indent was lost in extraction ("Nations." before "Our efforts to resolve",
    Russia 2007): with the next word it runs under ``indent_short_share`` of the limit."""
    return len(previous.text) + 1 + len(_first_word(row.text)) < settings().indent_short_share * limit


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
    (``_words_evidence``), in an exact wrap by how many candidates the statement's short last lines
    say should end a paragraph (``_full_end_rate_evidence``), in a wrap that is not exact by how far
    the line runs past the limit of a full line (``_fullness_evidence``), and, in PDF text that lost
    its paragraph indents, by the next line's length (``_lost_indent_evidence``).
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
    if fit.exact:
        shift = _full_end_rate_evidence(rows, begins, candidate, fit.limit)
        for k in itertools.compress(range(len(rows)), candidate):
            evidence[k] = evidence.get(k, 0.0) + shift
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
    found, opening = sentences_of([row.text for row in rows])
    return {
        k: weight * boundary.end_log_odds(found[max(0, at - 3) : at], found[at : at + 3])
        for k, at in enumerate(opening)
        if candidate[k] and at > 0
    }


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
        run = None if ends_sentence(rows[k].text) else _run(rows, begins, k)
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


def _full_end_rate_evidence(
    rows: list[_Line], begins: list[bool], candidate: list[bool], limit: float
) -> float:
    """Log odds, for every candidate of an exact wrap, from how many of them should end a paragraph.

    In an exact wrap a paragraph's last line is full only when the room left on it is shorter than
    the next paragraph's first word; with last lines of every length, that is a share ``q`` of the
    paragraphs, the mean of (first word + 1) / ``limit`` over the paragraphs seen to end on a short
    line. The statement then holds about ``short / (1 - q)`` paragraphs, ``q`` of them ending on a
    full line; those not already found there (numbered paragraphs) are among the candidates. Their
    expected share of the candidates, shrunk towards ``full_end_share`` with the weight of
    ``full_end_rate_weight`` candidates, against ``full_end_share`` (which the prior odds and the
    lengths are set for): a statement of long sentences and short paragraphs has more ends among its
    candidates than one of long paragraphs.
    """
    tuned = settings()
    short = [k for k in range(1, len(rows)) if begins[k] and _has_room(rows[k - 1], rows[k], limit)]
    full_found = sum(begins[1:]) - len(short)
    count = sum(candidate)
    if not short or not count:
        return 0.0
    q = min(sum(len(_first_word(rows[k].text)) + 1 for k in short) / (len(short) * limit), 0.5)
    expected = min(max(len(short) * q / (1 - q) - full_found, 0.0), count)
    usual, weight = tuned.full_end_share, tuned.full_end_rate_weight
    share = (expected + weight * usual) / (count + weight)
    return math.log(share / (1 - share)) - math.log(usual / (1 - usual))


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
        if not begins[k] and not candidate[k] and not ends_sentence(rows[k - 1].text):
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
