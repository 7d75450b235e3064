"""Parse the dates editors write: `1979`, `1979-12`, `1979-12-24`."""

from __future__ import annotations

import datetime as dt
import re

from .model import PartialDate

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_partial_date(text: str) -> PartialDate:
    """Parse a year, year-month or year-month-day date; raise ValueError saying what is wrong."""
    match = _PARTIAL.fullmatch(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, such as 2021-04-06")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' has no month {month}; months run from 01 to 12")
    if day is not None:
        parse_full_date(text)
    return PartialDate(year, month, day)


def parse_full_date(text: str) -> dt.date:
    """Parse a YYYY-MM-DD date that must exist on the calendar."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError(f"'{text}' is not a full date; write YYYY-MM-DD, such as 2021-04-07")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a day on the calendar; check the month and day") from None
