"""The floor of near-duplicate search: a plain datasketch MinHash-LSH pass over a corpus's files.

    python benchmarks/minhash_floor.py CORPUS_DIR

What any near-duplicate search must do at least, written as datasketch's documentation does it: read
each statement file, lower-case it, split it into words, take the set of 3-word shingles, build a
``MinHash`` of 128 permutations with ``update_batch``, insert it into a ``MinHashLSH`` of 32 bands of
4 rows (the banding ``dipdiff check`` uses, ``data/check.yaml``), then query every signature for its
candidates. One process, as the library is used. ``check_scale.py`` runs it beside ``dipdiff check``
on the same files and reports the ratio. Prints one JSON line: files, candidate pairs, seconds.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

WORD = re.compile(r"\w+")
NUM_PERM = 128
BANDS, ROWS = 32, 4


def statement_files(corpus: Path) -> list[Path]:
    """The ``<speaker>/<file>.md|.txt`` files of a corpus, in path order."""
    return sorted(p for p in corpus.glob("*/*") if p.suffix in (".md", ".txt") and p.is_file())


def floor_pass(corpus: Path) -> dict[str, float | int]:
    """Fingerprint every file, index the fingerprints, query each one; return counts and seconds."""
    from datasketch import MinHash, MinHashLSH

    start = time.perf_counter()
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    signatures = {}
    for path in statement_files(corpus):
        words = WORD.findall(path.read_text("utf-8", errors="replace").lower())
        shingles = {" ".join(words[i : i + 3]).encode("utf-8") for i in range(max(1, len(words) - 2))}
        signature = MinHash(num_perm=NUM_PERM)
        signature.update_batch(list(shingles))
        key = path.relative_to(corpus).as_posix()
        lsh.insert(key, signature)
        signatures[key] = signature
    pairs = set()
    for key, signature in signatures.items():
        for other in lsh.query(signature):
            if other != key:
                pairs.add((min(key, other), max(key, other)))
    return {"files": len(signatures), "candidate_pairs": len(pairs), "seconds": time.perf_counter() - start}


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(json.dumps(floor_pass(Path(sys.argv[1]))))


if __name__ == "__main__":
    main()
