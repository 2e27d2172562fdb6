"""Regular expressions compiled the first time they are used, so that importing a module costs none."""

from __future__ import annotations

import re


class LazyPattern:
    """A pattern compiled on first use: ``PATTERN()`` is the compiled ``re.Pattern``.

    For modules whose patterns many runs never need (re-flowing hard-wrapped text, when the text is not
    wrapped; every pattern, for ``dipdiff --help``).
    """

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __call__(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled
