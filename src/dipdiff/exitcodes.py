"""Exit codes, following diff's convention.

* 0 (SAME): the statements are equal after normalisation; ``check`` found no problem.
* 1 (DIFFERENT): the statements differ (or, with ``--fail-on``, a named shift occurred);
  ``check`` found problems.
* 2 (TROUBLE): the command could not do its work: bad input, bad options, an unwritable output.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What the process tells its caller."""

    SAME = 0
    DIFFERENT = 1
    TROUBLE = 2
