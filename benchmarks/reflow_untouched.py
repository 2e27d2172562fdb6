"""Prove re-flow leaves alone every statement of shared/data that is not hard-wrapped.

Usage: ``DIPDIFF_DATA=../shared/data .venv/bin/python benchmarks/reflow_untouched.py``

Every ``.txt`` and ``.md`` file under ``DIPDIFF_DATA`` is read twice, with and without re-flow
(``read_statement(..., reflow=False)``). A file is *not hard-wrapped*, by a rule that owes nothing to
the re-flow code, when its non-empty lines have a median length above 120 characters (one paragraph
per line) or when no two non-empty lines follow each other (one paragraph per blank-line block).
For those files the two readings must give identical paragraphs, once the paragraphs of plain text cut
mid-sentence by a stray blank line or line break are joined and the words broken by a line end that an earlier
extraction had turned into a space ("self- determination") are mended in the reading without re-flow
too (those repairs apply to every layout; re-flow must change nothing else); the
script lists any that do not and exits 1. It also counts how many of the other (hard-wrapped) files
re-flow changed.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from dipdiff.errors import InputError
from dipdiff.readers import read_statement
from dipdiff.readers.brokenwords import mend_inline_breaks
from dipdiff.readers.continued import join_continued

DATA = Path(os.environ.get("DIPDIFF_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
ONE_PER_LINE_MEDIAN = 120


def statement_files(root: Path = DATA) -> list[Path]:
    """Every text and Markdown file under ``root``, sorted."""
    return sorted(p for p in root.rglob("*") if p.suffix in {".txt", ".md"} and p.is_file())


def not_hard_wrapped(path: Path) -> bool:
    """Whether a file is one paragraph per line, or one paragraph per blank-line block."""
    lines = path.read_text("utf-8-sig", errors="replace").split("\n")
    filled = [len(line.strip()) for line in lines if line.strip()]
    if not filled:
        return True
    if sorted(filled)[len(filled) // 2] > ONE_PER_LINE_MEDIAN:
        return True
    return not any(a.strip() and b.strip() for a, b in itertools.pairwise(lines))


def differing(paths: Iterable[Path]) -> tuple[int, list[Path]]:
    """How many files were read, and those whose paragraphs re-flow changed."""
    read, changed = 0, []
    for path in paths:
        try:
            flowed = read_statement(str(path))
            kept = read_statement(str(path), reflow=False)
        except InputError:
            continue  # empty or unreadable either way
        read += 1
        joined = join_continued(kept.paragraphs, kept.lines)[0] if path.suffix == ".txt" else kept.paragraphs
        if list(flowed.paragraphs) != mend_inline_breaks(joined)[0]:
            changed.append(path)
    return read, changed


def main() -> int:
    """Print the counts; exit 1 when a file that is not hard-wrapped was changed."""
    start = time.perf_counter()
    files = statement_files()
    plain = [p for p in files if not_hard_wrapped(p)]
    wrapped = [p for p in files if p not in set(plain)]
    read, changed = differing(plain)
    wrapped_read, reflowed = differing(wrapped)
    print(f"not hard-wrapped: {read} files read, {len(changed)} changed by re-flow")
    for path in changed:
        print(f"  CHANGED {path.relative_to(DATA)}")
    print(f"hard-wrapped: {wrapped_read} files read, {len(reflowed)} re-flowed")
    print(f"{time.perf_counter() - start:.1f} s")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
