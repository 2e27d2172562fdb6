"""Wrap clean speeches in the layouts authors use, read them back, count paragraphs that come back exact.

Usage: ``DIPDIFF_DATA=../shared/data .venv/bin/python benchmarks/reflow_layouts.py [--limit N]``

The speeches are the UN General Debate speeches of ``ungdc`` that are one paragraph per line. Each is
wrapped three ways (``LAYOUTS``) and read back through the text reader (``readers.text.read``):

- ``un``: a UN verbatim record as PDF extraction leaves it: a proportional font in a column of
  ``UN_COLUMN`` units (narrow letters count less, capitals more), a space before each paragraph's
  first line and after every line, words too long for the line hyphenated at a syllable (pyphen's
  ``en_GB`` patterns) and compounds broken at their hyphen, and page furniture between pages every
  ``PAGE_LINES`` lines (blank lines, a job number with the page number, a running head);
- ``email72``: ``textwrap`` at 72 columns with a blank line between paragraphs (compounds broken at
  their hyphen, as ``textwrap`` does);
- ``short60``: ``textwrap`` at 60 columns, no blank lines and no indentation: only a paragraph's short
  last line ends it.

A paragraph is exact when the reader gives it back character for character (runs of spaces collapsed
on both sides). Speeches are split as the word list was (``reflow_words.is_dev``): dev speeches built
the word list and tuned the thresholds; held-out speeches are reported separately.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reflow_words import clean_speeches, is_dev

from dipdiff.readers import text

UN_COLUMN = 55.0
"""Width of a verbatim record's column, in average characters."""
PAGE_LINES = 52
"""Lines on a page of the ``un`` layout."""
_BROKEN = re.compile(r"([^\W\d_])- ([^\W\d_])")
_NARROW = set("iljtfr.,;:'’!|() ")
_WIDE = set("mwMW—")


def speech_paragraphs(path: Path) -> list[str]:
    """A clean speech's paragraphs, whitespace collapsed, compounds broken by the corpus mended."""
    lines = path.read_text("utf-8-sig").split("\n")
    return [_BROKEN.sub(r"\1-\2", " ".join(line.split())) for line in lines if line.strip()]


def _units(word: str) -> float:
    """A word's width in a proportional font, in average characters."""
    return sum(
        0.55 if ch in _NARROW else 1.45 if ch in _WIDE else 1.2 if ch.isupper() else 1.0 for ch in word
    )


def un_layout(paragraphs: list[str], seed: str) -> str:
    """Lay paragraphs out as a UN verbatim record's extracted text."""
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_GB")
    lines: list[str] = []
    for paragraph in paragraphs:
        line, used = " ", 0.0
        for word in paragraph.split():
            need = _units(word) + (1 if used else 0)
            if used + need <= UN_COLUMN:
                line, used = (f"{line} {word}" if used else f"{line}{word}"), used + need
                continue
            head, tail = _split(word, UN_COLUMN - used - 1, hyphenator)
            if head:
                line = f"{line} {head}" if used else f"{line}{head}"
                word = tail
            lines.append(line + " ")
            line, used = word, _units(word)
        lines.append(line + " ")
    job = f"{int(hashlib.sha1(seed.encode()).hexdigest()[:5], 16) % 100000:05d}"
    out: list[str] = []
    for page, start in enumerate(range(0, len(lines), PAGE_LINES), 1):
        out += lines[start : start + PAGE_LINES]
        if start + PAGE_LINES < len(lines):
            mark = f"08-{job} {page}" if page % 2 == 0 else f"{page} 08-{job}"
            out += ["  ", " ", mark, " ", "A/63/PV.5", " "]
    return "\n".join(out) + "\n"


def _split(word: str, room: float, hyphenator: object) -> tuple[str, str]:
    """The longest start of ``word`` (with its hyphen) that fits in ``room``, and the rest."""
    if "-" in word[1:-1]:
        head, _, tail = word.partition("-")
        return (f"{head}-", tail) if _units(head) + 1 <= room and tail else ("", word)
    if len(word) < 6 or not word.isalpha():
        return "", word
    for head, tail in hyphenator.iterate(word):  # type: ignore[attr-defined]
        if _units(head) + 1 <= room and len(head) >= 2 and len(tail) >= 3:
            return f"{head}-", tail
    return "", word


def email_layout(paragraphs: list[str], seed: str) -> str:
    """Wrap at 72 columns with blank lines between paragraphs."""
    del seed
    return "\n\n".join(textwrap.fill(p, 72) for p in paragraphs) + "\n"


def short_layout(paragraphs: list[str], seed: str) -> str:
    """Wrap at 60 columns with nothing between paragraphs."""
    del seed
    return "\n".join(textwrap.fill(p, 60) for p in paragraphs) + "\n"


LAYOUTS: dict[str, Callable[[list[str], str], str]] = {
    "un": un_layout,
    "email72": email_layout,
    "short60": short_layout,
}


def exact(original: list[str], wrapped: str) -> int:
    """How many of the original paragraphs the reader gives back exactly."""
    texts, _, _ = text.read(wrapped)
    found = Counter(" ".join(t.split()) for t in texts)
    hits = 0
    for paragraph in original:
        if found[paragraph] > 0:
            found[paragraph] -= 1
            hits += 1
    return hits


def main() -> None:
    """Print exact-paragraph shares per layout, dev and held-out."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="Speeches per half (0: all).")
    parser.add_argument("--misses", type=int, default=0, help="Print this many missed paragraphs.")
    args = parser.parse_args()
    speeches = clean_speeches()
    for half, chosen in (
        ("dev", [p for p in speeches if is_dev(p)]),
        ("held-out", [p for p in speeches if not is_dev(p)]),
    ):
        if args.limit:
            chosen = chosen[: args.limit]
        for name, layout in LAYOUTS.items():
            total = hits = 0
            shown = 0
            for path in chosen:
                paragraphs = speech_paragraphs(path)
                wrapped = layout(paragraphs, path.name)
                got = exact(paragraphs, wrapped)
                total, hits = total + len(paragraphs), hits + got
                if args.misses and got < len(paragraphs) and shown < args.misses:
                    shown += 1
                    texts, _, _ = text.read(wrapped)
                    missing = [p for p in paragraphs if p not in {" ".join(t.split()) for t in texts}]
                    print(f"  {name} {path.name}: {missing[0][:200]!r}")
            print(
                f"{half:8} {name:8} {len(chosen):4} speeches {total:6} paragraphs  exact {hits / total:.4f}"
            )


if __name__ == "__main__":
    main()
