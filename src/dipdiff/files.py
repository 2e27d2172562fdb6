"""Open only regular files, without ever blocking on something that is not one.

Opening a named pipe (FIFO) for reading waits until a writer appears, and reading a device such as
``/dev/zero`` or ``/dev/tty`` never ends or waits for a person: a FIFO named ``x.md`` in a corpus, or
given as an argument, would hang every command. So a path is looked at first (``stat``), opened
without blocking, and looked at again through the open descriptor (the path may have been swapped
meanwhile); anything but a regular file is refused with ``NotRegularFile``. Standard input is the one
stream dipdiff reads on purpose: ``-``, and the names a shell gives a pipe (``/dev/stdin``,
``/dev/fd/N``), are read as streams (``is_stream``).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

_STREAM = re.compile(r"/dev/stdin|/dev/fd/\d+|/proc/self/fd/\d+")

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """The path names a FIFO, a device or a socket: something that is not a file of bytes at rest."""

    def __init__(self, path: str | Path, mode: int) -> None:
        super().__init__(errno.EINVAL, f"{kind_of(mode)}, not a regular file", str(path))


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words."""
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "a directory" if stat.S_ISDIR(mode) else "not a regular file"


def is_stream(source: str) -> bool:
    """Whether ``source`` names standard input or a descriptor a shell handed over (``<(...)``)."""
    return source == "-" or _STREAM.fullmatch(source) is not None


def open_regular(path: str | Path) -> BinaryIO:
    """Open a regular file for reading; ``NotRegularFile`` (or the usual ``OSError``) for anything else.

    Directories raise ``IsADirectoryError``, as ``open`` would.
    """
    mode = os.stat(path).st_mode
    _require_regular(path, mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | os.O_CLOEXEC
    fd = os.open(path, flags)
    try:
        _require_regular(path, os.fstat(fd).st_mode)
    except OSError:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_regular(path: str | Path, limit: int = -1) -> bytes:
    """The bytes of a regular file (at most ``limit`` of them when given)."""
    with open_regular(path) as handle:
        return handle.read(limit)


def _require_regular(path: str | Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    raise NotRegularFile(path, mode)
