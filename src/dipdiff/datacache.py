"""dipdiff's own reference data, parsed once and kept in the user's cache folder.

Parsing the packaged rules and lexicons (YAML) and listing the ISO countries (pycountry, which also
imports ``importlib.metadata``) took about a tenth of a second of every ``compare``: more than the
comparison itself on a short statement. What they produce is plain data (strings, numbers, lists and
mappings), so it is stored with ``marshal``, keyed by dipdiff's version and the size and modification
time of every file it came from: an edited or upgraded file is parsed again, and entries made from
older files are removed when the new one is written.

The folder is ``$DIPDIFF_CACHE_DIR``, else ``$XDG_CACHE_HOME/dipdiff``, else ``~/.cache/dipdiff``.
When it cannot be read or written, everything is parsed as before. Only dipdiff's own files are
cached here; users' configuration and lexicon files are always read afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from dipdiff import __version__
from dipdiff.atomic import write_atomic
from dipdiff.errors import OutputError


def cache_folder() -> Path:
    """Where reference data is cached."""
    folder = os.environ.get("DIPDIFF_CACHE_DIR")
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dipdiff"


def cached(name: str, sources: Iterable[Path], build: Callable[[], Any]) -> Any:
    """Return ``build()``, from the cache when ``sources`` are unchanged since it was stored."""
    try:
        stamp = [__version__] + [f"{p}:{(s := p.stat()).st_size}:{s.st_mtime_ns}" for p in sources]
    except OSError:
        return build()
    key = hashlib.blake2b("\n".join(stamp).encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
    folder = cache_folder()
    path = folder / f"{name}-{key}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass  # not cached yet, or unreadable: build it
    value = build()
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return value  # not plain data: nothing to store
    _store(folder, path, payload)
    return value


def _store(folder: Path, path: Path, payload: bytes) -> None:
    """Write one entry and remove the entries of the same name made from older files."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(path, payload, overwrite=True)
    except (OSError, OutputError):
        return  # a read-only or full disk only costs the next run the parsing again
    name = path.name.rsplit("-", 1)[0]
    for old in folder.glob(f"{name}-*.marshal"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
