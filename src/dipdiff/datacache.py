"""dipdiff's own reference data, parsed once and kept in the user's cache folder.

Parsing the packaged rules and lexicons (YAML) and listing the ISO countries (pycountry, which also
imports ``importlib.metadata``) took about a tenth of a second of every ``compare``: more than the
comparison itself on a short statement. What they produce is plain data (strings, numbers, lists and
mappings), so it is stored with ``marshal``, beside dipdiff's version and the size and modification time of
every file it came from: when any of these differ, the files are parsed again and the entry replaced.
A checksum (CRC-32 and length) guards each entry, so a damaged one is rebuilt rather than unmarshalled;
it detects damage, not design: whoever can write the user's cache folder can change what dipdiff runs
anyway. CRC-32 comes from ``zlib``, which loads in a fraction of the time ``hashlib`` (OpenSSL) takes.

The folder is ``$DIPDIFF_CACHE_DIR``, else ``$XDG_CACHE_HOME/dipdiff``, else ``~/.cache/dipdiff``.
When it cannot be read or written, everything is parsed as before. Only dipdiff's own files are
cached here; users' configuration and lexicon files are always read afresh.
"""

from __future__ import annotations

import marshal
import os
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from dipdiff import __version__
from dipdiff.atomic import write_atomic
from dipdiff.errors import OutputError

_MAGIC = b"dipdiff data cache 2\n"
"""Each entry starts with this line, then the checksum of the marshalled (stamp, value) that follows."""
_DIGEST_SIZE = 12


def cache_folder() -> Path:
    """Where reference data is cached."""
    folder = os.environ.get("DIPDIFF_CACHE_DIR")
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dipdiff"


def cached(name: str, sources: Iterable[str | Path], build: Callable[[], Any]) -> Any:
    """Return ``build()``, from the cache when ``sources`` are unchanged since it was stored."""
    try:
        stamp = (__version__, tuple((str(p), (s := os.stat(p)).st_size, s.st_mtime_ns) for p in sources))
    except OSError:
        return build()
    path = cache_folder() / f"{name}.marshal"
    stored = _load(path)
    if stored is not None and stored[0] == stamp:
        return stored[1]
    value = build()
    try:
        payload = marshal.dumps((stamp, value))
    except ValueError:
        return value  # not plain data: nothing to store
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, _MAGIC + _checksum(payload) + payload, overwrite=True)
    except (OSError, OutputError):
        pass  # a read-only or full disk, or a path that is not a file, only costs the parsing again
    return value


def _load(path: Path) -> Any:
    """The (stamp, value) stored at ``path``, or None when it is missing, damaged or not a file.

    The payload is unmarshalled only when its checksum matches: ``marshal`` trusts the lengths it
    reads, so a damaged entry could ask for gigabytes (``MemoryError`` under a memory limit) or build
    nonsense. A FIFO or device at the path is refused without blocking (``dipdiff.files``).
    """
    from dipdiff.files import read_regular

    try:
        data = read_regular(path)
    except OSError:
        return None  # not cached yet, unreadable, or not a regular file: build it
    header = len(_MAGIC) + _DIGEST_SIZE
    payload = data[header:]
    if data[: len(_MAGIC)] != _MAGIC or data[len(_MAGIC) : header] != _checksum(payload):
        return None
    try:
        stored = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None  # written by another Python's marshal
    return stored if isinstance(stored, tuple) and len(stored) == 2 else None


def _checksum(payload: bytes) -> bytes:
    """The payload's CRC-32 and length, ``_DIGEST_SIZE`` bytes."""
    return zlib.crc32(payload).to_bytes(4, "big") + len(payload).to_bytes(8, "big")


def pycountry_files(database: str) -> list[Path] | None:
    """pycountry's own files behind one of its databases (``iso3166-1``, ``iso639-3``), to key a
    cached listing by; None when pycountry cannot be found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("pycountry")
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin).parent
    return [package / "__init__.py", package / "databases" / f"{database}.json"]
