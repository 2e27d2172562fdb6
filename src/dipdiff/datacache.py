"""dipdiff's own reference data, parsed once and kept in the user's cache folder.

Parsing the packaged rules and lexicons (YAML) and listing the ISO countries (pycountry, which also
imports ``importlib.metadata``) took about a tenth of a second of every ``compare``: more than the
comparison itself on a short statement. What they produce is plain data (strings, numbers, lists and
mappings), so it is stored with ``marshal``, beside dipdiff's version and the size and modification time of
every file it came from: when any of these differ, the files are parsed again and the entry replaced.

The folder is ``$DIPDIFF_CACHE_DIR``, else ``$XDG_CACHE_HOME/dipdiff``, else ``~/.cache/dipdiff``.
When it cannot be read or written, everything is parsed as before. Only dipdiff's own files are
cached here; users' configuration and lexicon files are always read afresh.
"""

from __future__ import annotations

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
        stamp = (__version__, tuple((str(p), (s := p.stat()).st_size, s.st_mtime_ns) for p in sources))
    except OSError:
        return build()
    path = cache_folder() / f"{name}.marshal"
    try:
        stored_stamp, value = marshal.loads(path.read_bytes())
        if stored_stamp == stamp:
            return value
    except (OSError, ValueError, EOFError, TypeError):
        pass  # not cached yet, or unreadable: build it
    value = build()
    try:
        payload = marshal.dumps((stamp, value))
    except ValueError:
        return value  # not plain data: nothing to store
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, payload, overwrite=True)
    except (OSError, OutputError):
        pass  # a read-only or full disk only costs the next run the parsing again
    return value
