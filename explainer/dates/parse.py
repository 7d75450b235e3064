"""Parse the dates editors write: ISO 8601 and EDTF level 1 (`1979`, `1979-12-24`, `-0043-03-15`, `2021-04?`, `196X`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..model import PartialDate

# Years are EDTF's (ISO 8601's astronomical numbering): 0000 is 1 BCE, -0043 is 44 BCE. 9999 leaves no room
# for a range or a UTC offset; -9999 is as far back as four digits go.
MIN_YEAR, MAX_YEAR = -9999, 9998
# The one grammar of an event's date, for the loader and for the JSON Schema: a year (a minus sign before
# the Common Era, or its last one or two digits unspecified: 196X, 19XX), then optionally the month, the
# day and a time of day with its offset from UTC; a final ? (uncertain), ~ (approximate) or % (both).
DATE_PATTERN = (
    r"(-?\d{4}|\d{3}X|\d{2}XX)"
    r"(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?:(Z)|([+-])(\d{2}):(\d{2})))?)?)?"
    r"([?~%])?"
)
PARTIAL_DATE = DATE_PATTERN  # the JSON Schema's name for it (explainer/content/schema.py)
FULL_DATE = r"\d{4}-\d{2}-\d{2}"  # published, updated and the updates' dates: a day of the Common Era
_PARTIAL = re.compile(DATE_PATTERN)
_FULL = re.compile(FULL_DATE)
FORMS = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM (-YYYY before the Common Era; ? ~ or % at the end)"


def parse_partial_date(text: str) -> PartialDate:
    """Parse a date of year, month or day precision, EDTF level 1; raise ValueError saying what is wrong."""
    match = _PARTIAL.fullmatch(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date; write {FORMS}, such as 2021-04-06, -0043-03-15 or 2021-04?")
    year, month, day, hour, minute, utc, sign, offset_hours, offset_minutes, qualifier = match.groups()
    unspecified = year.count("X")
    if unspecified:
        if month is not None:
            raise ValueError(
                f"'{text}' leaves digits of its year unspecified and yet gives a month; write the decade (196X) or century (19XX) alone"
            )
        return PartialDate(int(year.replace("X", "0")), qualifier=qualifier or "", unspecified=unspecified)
    if year == "-0000":
        raise ValueError(
            f"'{text}' has the year -0000; the year before 0001 is 0000 (1 BCE), and the one before it -0001 (2 BCE)"
        )
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise ValueError(f"'{text}' has the year {year}; write a year from {MIN_YEAR:05} to {MAX_YEAR}")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"'{text}' has no month {int(month)}; months run from 01 to 12")
    if day is not None and not 1 <= int(day) <= days_in_month(int(year), int(month)):
        raise ValueError(f"'{text}' is not a day on the calendar; check the month and day")
    if hour is None:
        return PartialDate(
            int(year), int(month) if month else None, int(day) if day else None, qualifier=qualifier or ""
        )
    if qualifier:
        raise ValueError(
            f"'{text}' qualifies a time of day with '{qualifier}'; only a year, month or day can be uncertain or approximate"
        )
    if int(year) < 1:
        raise ValueError(f"'{text}' gives a time of day before the Common Era; give the day only")
    if int(hour) > 23 or int(minute) > 59:
        raise ValueError(f"'{text}' has no time {hour}:{minute}; write 00:00 to 23:59")
    offset = 0 if utc else (int(offset_hours) * 60 + int(offset_minutes)) * (-1 if sign == "-" else 1)
    if not -14 * 60 <= offset <= 14 * 60:
        raise ValueError(f"'{text}' has an offset beyond 14 hours from UTC; check it")
    return PartialDate(int(year), int(month), int(day), int(hour) * 60 + int(minute), offset)


def approximated(date: PartialDate | None) -> PartialDate | None:
    """The date marked approximate as well (~ after it), as an event's `approximate: true` marks both its dates."""
    if date is None or date.approximate:
        return date
    return replace(date, qualifier="%" if date.uncertain else "~")


def is_leap(year: int) -> bool:
    """A leap year of the proleptic Gregorian calendar, for astronomical years too (0 and -4 are leap years)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    return 29 if month == 2 and is_leap(year) else (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def day_number(year: int, month: int = 1, day: int = 1) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar, for any year (Python's datetime stops at 0001)."""
    year -= month <= 2
    era = year // 400
    of_era = year - era * 400
    of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    of_era_day = of_era * 365 + of_era // 4 - of_era // 100 + of_year
    return era * 146097 + of_era_day - 719468


def parse_full_date(text: str) -> dt.date:
    """Parse a YYYY-MM-DD date that must exist on the calendar."""
    if not _FULL.fullmatch(text.strip()):
        raise ValueError(f"'{text}' is not a full date; write YYYY-MM-DD, such as 2021-04-07")
    if not 1 <= int(text.strip()[:4]) <= MAX_YEAR:
        raise ValueError(f"'{text}' has the year {text.strip()[:4]}; write a year from 0001 to {MAX_YEAR}")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a day on the calendar; check the month and day") from None
