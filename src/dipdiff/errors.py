"""The one exception family the command line turns into a one-line message and exit code 2.

Anything else that escapes is a bug and is allowed to show a traceback.
"""

from __future__ import annotations


class DipdiffError(Exception):
    """Base class: a problem the user can fix, described in one line."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        self.detail = message
        super().__init__(f"{source}: {message}" if source else message)


class InputError(DipdiffError):
    """A statement could not be read: missing, unreadable, binary, empty, too large or malformed."""


class ConfigError(DipdiffError):
    """A configuration or lexicon file is missing or malformed."""


class OutputError(DipdiffError):
    """An output file could not be written, or would overwrite something without ``--force``."""


class CorpusError(DipdiffError):
    """The corpus is laid out wrongly, or an operation on it cannot be done."""
