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

_FINGERPRINTED = ("**/*.py", "data/**/*.yaml", "data/background/*.json")
"""The code and data whose output the index keeps: a change to any of them empties the index. All of
the package's code but its presentation (``_PRESENTATION``): a rule of check, the tone of a timeline,
the pairing of a rewrite or the Korean units of track all shape what the index keeps."""

_PRESENTATION = (
    "cli/",
    "history/render/",
    "check/formats/",
    "corpus/render.py",
    *(f"render/{name}" for name in ("__init__", "context", "html", "json", "markdown", "spans", "terminal")),
)
"""Code that only shows what the index keeps, never shapes it: a change to it keeps the index (but
``render/labels.py``, whose labels of changes a timeline keeps)."""


@functools.cache
def source_fingerprint(*patterns: str) -> str:
    """A short hash of the dipdiff source and data files matching ``patterns`` (relative to the
    package), so cached facts never outlive a change to the code that made them."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in fingerprinted(package, patterns):
        with contextlib.suppress(OSError):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprinted(package: Path, patterns: tuple[str, ...] = _FINGERPRINTED) -> list[Path]:
    """The files of ``package`` matching ``patterns``, less the presentation's, in a fixed order."""
    found = {path for pattern in patterns for path in package.glob(pattern)}
    return sorted(p for p in found if not p.relative_to(package).as_posix().startswith(_PRESENTATION))


def index_stamp() -> str:
    """What an index must have been made by to be read: schema, versions, code and data."""
    from dipdiff import __version__
    from dipdiff.readers import READER_VERSION

    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    readers = f"readers-{READER_VERSION}"
    return f"{SCHEMA}/{__version__}/{python}/{readers}/{source_fingerprint(*_FINGERPRINTED)}"
