"""Write files atomically: a temporary file beside the target, flushed, then renamed over it.

A reader, or a process killed mid-write, sees either the old file or the new one, never a torn one.
"""

from __future__ import annotations

import os
from pathlib import Path

from dipdiff.errors import OutputError


def write_atomic(path: Path, data: str | bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` in one step; refuse to replace an existing file unless asked."""
    if path.is_dir():
        raise OutputError("is a directory", source=str(path))
    if path.exists() and not overwrite:
        raise OutputError("already exists; pass --force to replace it", source=str(path))
    import tempfile  # only commands that write a file pay for importing it

    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    try:
        # mkstemp makes the file private (0600); a report is meant to be read by others, so give it
        # the mode a plain open() would: the existing file's when replacing, else 0666 less the umask.
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temp, path)
        else:
            # link() fails if the target appeared meanwhile, so a racing writer is never clobbered.
            try:
                os.link(temp, path)
            except FileExistsError:
                raise OutputError("already exists; pass --force to replace it", source=str(path)) from None
            except OSError:
                if path.exists():
                    raise
                os.replace(temp, path)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _mode_for(path: Path) -> int:
    """The permission bits a new or replaced file at ``path`` should get."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
