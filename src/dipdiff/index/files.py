"""How the corpus index names, stats and reads a file, and what a comparison's key holds besides the
contents compared.

A path is named absolutely (``path_key``), so that any working folder finds it; a file is trusted by
its stat key (size, modification time, change time, inode; ``stat_key``) and read with the readers'
size limit and errors (``read_file``).
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat as stat_module
from pathlib import Path


def path_key(path: Path | str, cwd: str | None = None) -> str:
    """How the index names a path: absolute, so that any working folder finds it (``os.path.abspath``,
    without its ``getcwd`` and normalisation for each of a corpus's many already normal paths);
    ``cwd`` is the working folder, when the caller asked once for many paths."""
    name = os.fspath(path)
    if not os.path.isabs(name):
        name = os.path.join(cwd or os.getcwd(), name)
    if "/." in name or "//" in name or name.endswith("/") or os.sep != "/":
        return os.path.abspath(name)
    return name


def regular_stat(path: str | Path) -> os.stat_result | None:
    """A regular file's stat; None for anything else, or when it cannot be had."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat if stat_module.S_ISREG(stat.st_mode) else None


def stat_key(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What the index trusts a file by: size, modification time, change time, inode."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def read_file(path: str | Path) -> bytes:
    """A statement file's bytes, with the same size limit and errors as the readers."""
    from dipdiff.readers import read_bytes

    return read_bytes(str(path))


def comparison_context(old: str, new: str) -> str:
    """What a comparison of two statements depends on besides their contents, as a short hash to
    put in its key: the file names (a speaker may be named by one) and the corpus registry beside
    them (``shifts.speaker`` reads the speaker's registered names)."""
    digest = hashlib.sha256()
    for source in (old, new):
        digest.update(Path(source).name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(_registry_digest(str(Path(source).parent.parent / "speakers.yaml")).encode() + b"\0")
    return digest.hexdigest()[:16]


def _registry_digest(path: str) -> str:
    """SHA-256 of a registry file's bytes ("" when there is none), read once per version of it."""
    try:
        stat = os.stat(path)
    except OSError:
        return ""
    return _digest_of_file(path, stat_key(stat))


@functools.lru_cache(maxsize=8)
def _digest_of_file(path: str, stat_key: tuple[int, int, int, int]) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return ""
