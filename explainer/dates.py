"""Parse the dates editors write: `1979`, `1979-12`, `1979-12-24`, `2022-01-15T17:14+13:00`."""

from __future__ import annotations

import datetime as dt
import re

from .model import PartialDate

MIN_YEAR, MAX_YEAR = 1, 9998  # the calendar Python knows has no year 0, and 9999 leaves no room for a range or a UTC offset
# The shapes of the dates, as regular expressions that Python and JSON Schema (ECMA-262) read alike: the parsers
# below match them, and explainer/schema.py gives them to editors, so that a new shape is added here once.
PARTIAL_DATE = r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?:(Z)|([+-])(\d{2}):(\d{2})))?)?)?"
FULL_DATE = r"\d{4}-\d{2}-\d{2}"
_PARTIAL = re.compile(PARTIAL_DATE)
_FULL = re.compile(FULL_DATE)


def parse_partial_date(text: str) -> PartialDate:
    """Parse a year, year-month or year-month-day date; raise ValueError saying what is wrong."""
    match = _PARTIAL.fullmatch(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM, such as 2021-04-06")
    year, month, day, hour, minute, utc, sign, offset_hours, offset_minutes = match.groups()
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise ValueError(f"'{text}' has the year {year}; write a year from {MIN_YEAR:04} to {MAX_YEAR}")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"'{text}' has no month {int(month)}; months run from 01 to 12")
    if day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"'{text}' is not a day on the calendar; check the month and day") from None
    if hour is None:
        return PartialDate(int(year), int(month) if month else None, int(day) if day else None)
    if int(hour) > 23 or int(minute) > 59:
        raise ValueError(f"'{text}' has no time {hour}:{minute}; write 00:00 to 23:59")
    offset = 0 if utc else (int(offset_hours) * 60 + int(offset_minutes)) * (-1 if sign == "-" else 1)
    if not -14 * 60 <= offset <= 14 * 60:
        raise ValueError(f"'{text}' has an offset beyond 14 hours from UTC; check it")
    return PartialDate(int(year), int(month), int(day), int(hour) * 60 + int(minute), offset)


def parse_full_date(text: str) -> dt.date:
    """Parse a YYYY-MM-DD date that must exist on the calendar."""
    if not _FULL.fullmatch(text.strip()):
        raise ValueError(f"'{text}' is not a full date; write YYYY-MM-DD, such as 2021-04-07")
    if not MIN_YEAR <= int(text.strip()[:4]) <= MAX_YEAR:
        raise ValueError(f"'{text}' has the year {text.strip()[:4]}; write a year from {MIN_YEAR:04} to {MAX_YEAR}")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a day on the calendar; check the month and day") from None
