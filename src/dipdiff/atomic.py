"""Write files atomically: a temporary file beside the target, flushed, then renamed over it.

A reader, or a process killed mid-write, sees either the old file or the new one, never a torn one.

Only a regular file, or a path where nothing is yet, is ever written: renaming over a named pipe, a
device, a socket or a symbolic link (into ``/proc``, say) would replace that node with a file, so
those are refused. The temporary file (``.<name>.<random>.tmp``) of a writer that was killed stays
behind; the next write to the same target removes it. A writer holds a lock on its temporary file
while it works, so only temporary files nobody holds (their writer has died) are removed.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from dipdiff.errors import OutputError


def write_atomic(path: Path, data: str | bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` in one step; refuse to replace an existing file unless asked."""
    check_target(path, overwrite=overwrite)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent if str(path.parent) else Path(".")
    _remove_abandoned(directory, path.name)
    fd, temp = _locked_temp(path, directory)
    try:
        # mkstemp makes the file private (0600); a report is meant to be read by others, so give it
        # the mode a plain open() would: the existing file's when replacing, else 0666 less the umask.
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            _rename(temp, path, overwrite=overwrite)  # before closing: the lock is held until it is done
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


def check_target(
    path: Path,
    *,
    overwrite: bool,
    inputs: Iterable[str | Path | None] = (),
    corpus: Path | None = None,
) -> None:
    """Refuse a target that is not a regular file or a free name, with the reason in one line (callers
    that work long check before they start); an existing file is replaced only with ``overwrite``, and
    never when it is one of ``inputs`` or a file of ``corpus`` (``_refuse_inputs``)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:  # a name too long, a folder that cannot be searched, a file used as a folder
        raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    except ValueError:  # a NUL character in the name
        raise OutputError("cannot write: not a usable file name", source=str(path)) from None
    if stat.S_ISDIR(mode):
        raise OutputError("is a directory", source=str(path))
    if stat.S_ISLNK(mode):
        raise OutputError(
            "is a symbolic link; output is written only to a regular file (name the file itself)",
            source=str(path),
        )
    if not stat.S_ISREG(mode):
        from dipdiff.files import kind_of

        raise OutputError(f"is {kind_of(mode)}; output is written only to a regular file", source=str(path))
    if not overwrite:
        raise OutputError("already exists; pass --force to replace it", source=str(path))
    _refuse_inputs(path, inputs, corpus)


def _refuse_inputs(path: Path, inputs: Iterable[str | Path | None], corpus: Path | None) -> None:
    """Refuse an output path that is one of the command's own inputs (by any name: a hard link or a
    symbolic link to it counts), or an existing file of the corpus it reads: ``--force`` replaces a
    report, never the statements it was made from."""
    try:
        target = os.stat(path)
    except (OSError, ValueError):
        return  # nothing there yet (or a name check_target refuses): no input can be lost
    for source in inputs:
        if source is None or str(source) == "-":
            continue
        try:
            held = os.stat(source)
        except (OSError, ValueError):
            continue
        if (held.st_dev, held.st_ino) == (target.st_dev, target.st_ino):
            raise OutputError(
                "is an input of this command; write the output to another file", source=str(path)
            )
    if corpus is not None:
        try:
            Path(path).resolve().relative_to(Path(corpus).resolve())
        except (OSError, ValueError):
            return
        raise OutputError(
            f"is a file of the corpus {corpus}; write the output outside the corpus", source=str(path)
        )


def _locked_temp(path: Path, directory: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, locked for as long as its descriptor is open."""
    import fcntl
    import tempfile  # only commands that write a file pay for importing it

    while True:
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:
            return fd, temp
        os.close(fd)  # taken for abandoned and removed before we locked it: make another


def _remove_abandoned(directory: Path, name: str) -> None:
    """Remove the temporary files of earlier writes to ``name`` whose writers have died."""
    import fcntl

    pattern = re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        with os.scandir(directory) as scan:
            leftovers = [entry.path for entry in scan if pattern.fullmatch(entry.name)]
    except OSError:
        return  # the write itself will say what is wrong with the folder
    for temp in leftovers:
        try:
            fd = os.open(temp, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by a live writer: BlockingIOError
                os.unlink(temp)
        except OSError:
            pass
        finally:
            os.close(fd)


def _rename(temp: str, path: Path, *, overwrite: bool) -> None:
    """Put the finished temporary file at ``path``."""
    if overwrite:
        os.replace(temp, path)
        return
    # link() fails if the target appeared meanwhile, so a racing writer is never clobbered.
    try:
        os.link(temp, path)
    except FileExistsError:
        raise OutputError("already exists; pass --force to replace it", source=str(path)) from None
    except OSError:
        if path.exists():
            raise
        os.replace(temp, path)


def _mode_for(path: Path) -> int:
    """The permission bits a new or replaced file at ``path`` should get."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
