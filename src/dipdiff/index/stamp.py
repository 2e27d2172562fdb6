"""What an index must have been made by to be read: its schema, dipdiff's version, the Python
version and a fingerprint of the code and data that make its facts. An index stamped otherwise is
emptied on opening, so no fact outlives the code that made it."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
from pathlib import Path
from typing import cast

from dipdiff.datacache import cached
from dipdiff.index.db import SCHEMA

_FINGERPRINTED = (("", ".py"), ("data/", ".yaml"), ("data/background/", ".json"))
"""The code and data whose output the index keeps, as (folder, file ending): a change to any of them
empties the index. All of the package's code but its presentation (``_PRESENTATION``): a rule of
check, the tone of a timeline, the pairing of a rewrite or the Korean units of track all shape what
the index keeps."""

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
def source_fingerprint() -> str:
    """A short hash of dipdiff's own code and data that shape what the index keeps, so that kept
    facts never outlive a change to the code that made them."""
    return fingerprint(Path(__file__).resolve().parent.parent)


def fingerprint(package: Path) -> str:
    """A short hash of the files of ``package`` that ``fingerprinted`` lists: their paths and bytes.

    Reading and hashing them all took about 4 ms of every corpus command, so the hash is kept in the
    user's cache (``dipdiff.datacache``) beside each file's size and modification time, and computed
    again only when one of them, or the list of files, changes: an edited, added or removed module
    changes the fingerprint.
    """
    files = fingerprinted(package)
    paths = [os.path.join(package, name) for name in files]
    return cast(str, cached("index-fingerprint", paths, lambda: _digest(files, paths)))


def _digest(files: list[str], paths: list[str]) -> str:
    digest = hashlib.sha256()
    for name, path in zip(files, paths, strict=True):
        with contextlib.suppress(OSError), open(path, "rb") as stream:
            data = stream.read()
            digest.update(name.encode() + b"\0")
            digest.update(data)
    return digest.hexdigest()[:16]


def fingerprinted(package: Path) -> list[str]:
    """The files of ``package`` that ``_FINGERPRINTED`` names, less the presentation's, as paths
    relative to it (``pairing/units.py``), sorted. Bytecode folders (``__pycache__``) are not walked:
    they hold nothing fingerprinted."""
    root = str(package)
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        inside = folder[len(root) + 1 :].replace(os.sep, "/")
        inside = f"{inside}/" if inside else ""
        for name in names:
            relative = inside + name
            if not relative.startswith(_PRESENTATION) and any(
                relative.startswith(under) and name.endswith(ending) for under, ending in _FINGERPRINTED
            ):
                found.append(relative)
    return sorted(found)


def index_stamp() -> str:
    """What an index must have been made by to be read: schema, versions, code and data."""
    from dipdiff import __version__
    from dipdiff.readers import READER_VERSION

    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    readers = f"readers-{READER_VERSION}"
    return f"{SCHEMA}/{__version__}/{python}/{readers}/{source_fingerprint()}"
