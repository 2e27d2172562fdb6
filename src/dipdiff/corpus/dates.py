"""Statement dates: ISO 8601 days, months or years, or an explicit ``unknown``.

A partial date stands for an interval (``2017-03`` is 1-31 March 2017), so one statement is *earlier*
than another only when its interval can start before the other's ends; with ``unknown`` nothing can be
proved either way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

UNKNOWN = "unknown"

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, the month, the year, or not at all."""

    text: str
    """As written in front matter and file names: ``2017``, ``2017-03``, ``2017-03-14``, ``unknown``."""
    first: dt.date | None
    """The earliest day it can mean; None when unknown."""
    last: dt.date | None
    """The latest day it can mean; None when unknown."""

    @property
    def known(self) -> bool:
        """Whether anything is known about the date."""
        return self.first is not None

    def surely_after(self, other: PartialDate) -> bool:
        """Whether this date is certainly later than ``other`` (their intervals do not overlap)."""
        return self.first is not None and other.last is not None and self.first > other.last


def parse_date(value: Any) -> PartialDate:
    """Read a front-matter date; raise ``ValueError`` with the reason when it is not one."""
    if isinstance(value, dt.datetime):
        raise ValueError("is a timestamp; write the day only, e.g. 2017-03-14")
    if isinstance(value, dt.date):
        return PartialDate(value.isoformat(), value, value)
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"must be an ISO 8601 date or 'unknown', not {type(value).__name__}")
    if value == UNKNOWN:
        return PartialDate(UNKNOWN, None, None)
    match = _PATTERN.fullmatch(value)
    if not match:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM, YYYY-MM-DD or 'unknown'")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if month is None:
            return PartialDate(value, dt.date(year, 1, 1), dt.date(year, 12, 31))
        if day is None:
            end = calendar.monthrange(year, month)[1]
            return PartialDate(value, dt.date(year, month, 1), dt.date(year, month, end))
        day_date = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return PartialDate(value, day_date, day_date)
