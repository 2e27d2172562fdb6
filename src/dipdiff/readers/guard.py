"""Run third-party parsers on hostile bytes: silence their logging, turn their failures into one line.

pypdf, trafilatura and python-docx report malformed input through ``logging`` and ``warnings``; with no
handler configured Python prints those records on standard error, which would break dipdiff's promise
of a single error line. Their exceptions are as varied as the malformations they meet (``KeyError``,
``ValueError``, ``struct.error``, ``RecursionError``, ...), so each reader catches them at one place
and reports the file as unreadable.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from dipdiff.errors import InputError


@contextmanager
def quiet(*loggers: str) -> Iterator[None]:
    """Silence the named libraries' log records and every warning inside the block."""
    saved = [(logger, logger.level) for logger in map(logging.getLogger, loggers)]
    for logger, _ in saved:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)


def unreadable(kind: str, exc: BaseException, source: str) -> InputError:
    """An ``InputError`` saying the file is a broken ``kind``, with the parser's reason in brief."""
    if isinstance(exc, RecursionError):
        reason = "nested too deeply"
    elif isinstance(exc, MemoryError):
        reason = "too large to hold in memory"
    else:
        reason = " ".join(str(exc).split())[:160] or type(exc).__name__
    return InputError(f"unreadable {kind}: {reason}", source=source)
