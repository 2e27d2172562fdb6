"""Plain text: paragraphs separated by blank lines, or one paragraph per line when there are none.

Hard-wrapped text (PDF extracts, e-mails) is re-flowed into its paragraphs first (``readers.reflow``),
unless the caller asks for the lines as they are. In any layout, re-flow or not (but not when the
lines are kept as they are), a paragraph cut mid-sentence by a stray blank line or line break is
joined to the one before (``readers.continued``), and words broken at a line end whose break an
earlier extraction turned into a space ("self- determination") are mended.
"""

from __future__ import annotations

from dipdiff.readers.brokenwords import mend_inline_breaks
from dipdiff.readers.continued import join_continued
from dipdiff.readers.reflow import counted, joined_note
from dipdiff.readers.reflow import reflow as reflow_lines
from dipdiff.readers.reflowsettings import settings


def read(
    body: str, first_line: int = 1, *, reflow: bool = True, words_only: bool = False
) -> tuple[list[str], list[int], str | None]:
    """Split ``body`` into paragraphs, their 1-based start lines, and a note when it was re-flowed;
    ``words_only`` as ``reflow.reflow`` (the same words, paragraphs perhaps ending elsewhere)."""
    if reflow:
        done = reflow_lines(body.split("\n"), words_only=words_only)
        if done is not None:
            return list(done.paragraphs), [first_line + start for start in done.starts], done.note()
    texts, starts = paragraphs(body, first_line)
    if not reflow:
        return texts, starts, None
    texts, starts, joined = join_continued(texts, starts)  # a sentence cut by a (blank) line break
    texts, mended = mend_inline_breaks(texts)  # breaks an earlier extraction turned into spaces
    parts = [counted("mended", mended, "broken word")] if mended else []
    parts += [joined_note(joined)] if joined else []
    return texts, starts, "; ".join(parts) or None


def paragraphs(body: str, first_line: int = 1) -> tuple[list[str], list[int]]:
    """Split ``body`` into paragraphs and the 1-based line where each starts.

    Lines holding only whitespace count as blank. When blank lines separate the text, each run of
    lines between them is one paragraph, its hard-wrapped lines joined by a space; when there are
    none, or when the lines are too long to be hard-wrapped, each non-empty line is a paragraph.
    """
    lines = body.split("\n")
    filled = [number for number, line in enumerate(lines) if line.strip()]
    texts: list[str] = []
    starts: list[int] = []
    if not filled:
        return texts, starts
    one_per_line = len(filled) == filled[-1] - filled[0] + 1 or not _hard_wrapped(lines, filled)
    current: list[str] = []
    for number in range(filled[0], filled[-1] + 2):
        line = lines[number].strip() if number < len(lines) else ""
        if line and one_per_line:
            texts.append(line)
            starts.append(first_line + number)
        elif line:
            if not current:
                starts.append(first_line + number)
            current.append(line)
        elif current:
            texts.append(" ".join(current))
            current = []
    return texts, starts


def _hard_wrapped(lines: list[str], filled: list[int]) -> bool:
    """Whether lines followed by another line of the same block are short, as wrapped text is.

    Short means a median length of at most ``hard_wrap_width`` (``data/reflow.yaml``); longer lines
    are whole paragraphs (UN speeches are a paragraph a line, with a few blank lines between sections).
    """
    wrapped = [len(lines[n].strip()) for n in filled if n + 1 < len(lines) and lines[n + 1].strip()]
    return not wrapped or _median(wrapped) <= settings().hard_wrap_width


def _median(values: list[int]) -> float:
    """The median, as ``statistics.median`` gives it (importing that module costs 6 ms a run)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
