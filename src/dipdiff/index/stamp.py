"""What an index must have been made by to be read: its schema, dipdiff's version, the Python
version and a fingerprint of the code and data that make its facts. An index stamped otherwise is
emptied on opening, so no fact outlives the code that made it."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import sys
from pathlib import Path

from dipdiff.index.db import SCHEMA

_FINGERPRINTED = (
    "readers/*.py",
    "tokens.py",
    "normalise.py",
    "model.py",
    "corpus/analysis.py",
    "corpus/speakers.py",
    "safeyaml.py",
    "history/sentences.py",
    "index/*.py",
    "compare.py",
    "align.py",
    "worddiff.py",
    "options.py",
    "shifts/**/*.py",
    "check/duplicates.py",
    "check/supersedes.py",
    "history/timeline.py",
    "history/track.py",
    "history/units.py",
    "render/labels.py",
    "data/**/*.yaml",
)
"""The code and data whose output the index keeps: a change to any of them empties the index."""


@functools.cache
def source_fingerprint(*patterns: str) -> str:
    """A short hash of the dipdiff source and data files matching ``patterns`` (relative to the
    package), so cached facts never outlive a change to the code that made them."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(package.glob(pattern)):
            with contextlib.suppress(OSError):
                digest.update(path.relative_to(package).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def index_stamp() -> str:
    """What an index must have been made by to be read: schema, versions, code and data."""
    from dipdiff import __version__
    from dipdiff.readers import READER_VERSION

    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    readers = f"readers-{READER_VERSION}"
    return f"{SCHEMA}/{__version__}/{python}/{readers}/{source_fingerprint(*_FINGERPRINTED)}"
