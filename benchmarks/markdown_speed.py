"""How long reading Markdown statements takes, with the reader's shortcuts and without them.

Usage: ``DIPDIFF_DATA=../shared/data .venv/bin/python benchmarks/markdown_speed.py [repeats]``

``paragraphs(body)`` leaves out block rules that cannot match and reads blocks without inline markup
itself; ``paragraphs(body, fast=False)`` runs markdown-it in full, as the reader did before. Both are
timed warm (parser built, markdown_it imported), best of ``repeats`` runs, on the longest White House
pair (the G7 Hiroshima communiqué, 130 KB each) and once over every White House Markdown file; the
results are checked to be identical. The cold cost of importing markdown_it is printed once.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from dipdiff.readers import markdown
from dipdiff.readers.decode import decode
from dipdiff.readers.frontmatter import split_front_matter

DATA = Path(os.environ.get("DIPDIFF_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
G7 = "whitehouse_briefings/revisions/statements-releases/2023-05/2023-05-20-g7-hiroshima-leaders-communique"


def body_of(path: Path) -> tuple[str, int]:
    """Return a statement's Markdown body and its first line, as ``read_statement`` finds them."""
    text = decode(path.read_bytes(), str(path)).replace("\r\n", "\n").replace("\r", "\n")
    _, body, skipped = split_front_matter(text, str(path))
    return body, skipped + 1


def best_ms(bodies: list[tuple[str, int]], fast: bool, repeats: int) -> float:
    """Return the best wall time, in milliseconds, of reading all ``bodies``."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for body, first_line in bodies:
            markdown.paragraphs(body, first_line, fast=fast)
        best = min(best, time.perf_counter() - start)
    return 1000 * best


def main() -> None:
    """Print the timings."""
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    start = time.perf_counter()
    import markdown_it  # noqa: F401  (timed: the reader imports it on first use)

    print(f"import markdown_it (cold, after dipdiff.readers): {1000 * (time.perf_counter() - start):.0f} ms")
    pair = [body_of(path) for path in sorted((DATA / G7).glob("v0*.md"))]
    corpus = [body_of(path) for path in sorted((DATA / "whitehouse_briefings").rglob("*.md"))]
    for name, bodies, runs in (("G7 pair", pair, repeats), (f"{len(corpus)} WH files", corpus, 3)):
        assert all(markdown.paragraphs(*b) == markdown.paragraphs(*b, fast=False) for b in bodies)
        full, fast = best_ms(bodies, False, runs), best_ms(bodies, True, runs)
        print(f"{name}: full parse {full:.1f} ms, with shortcuts {fast:.1f} ms ({full / fast:.2f}x)")


if __name__ == "__main__":
    main()
