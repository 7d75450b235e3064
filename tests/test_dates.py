"""Partial dates as editors write them."""

from __future__ import annotations

import datetime as dt

import pytest

from explainer.dates import parse_full_date, parse_partial_date
from explainer.model import PartialDate


@pytest.mark.parametrize(
    "text, expected, precision",
    [("1979", PartialDate(1979), "year"), ("1979-12", PartialDate(1979, 12), "month"), ("1979-12-24", PartialDate(1979, 12, 24), "day"), (" 2021-04-06 ", PartialDate(2021, 4, 6), "day")],
)
def test_parse_each_precision(text, expected, precision):
    date = parse_partial_date(text)
    assert (date, date.precision, date.iso()) == (expected, precision, text.strip())


def test_mixed_precisions_sort_precise_first_within_what_contains_them():
    dates = [parse_partial_date(t) for t in ("1979-12-24", "1980", "1979", "1979-12", "1979-11-30", "1979-12-24T08:00+00:00")]
    assert [d.iso() for d in sorted(dates, key=lambda d: d.sort_key)] == [
        "1979-11-30", "1979-12-24T08:00+00:00", "1979-12-24", "1979-12", "1979", "1980",
    ]


def test_times_of_day_with_their_offset():
    date = parse_partial_date("2022-01-15T17:14+13:00")
    assert (date, date.precision, date.iso()) == (PartialDate(2022, 1, 15, 17 * 60 + 14, 13 * 60), "time", "2022-01-15T17:14+13:00")
    assert parse_partial_date("2022-01-15T04:00Z").iso() == "2022-01-15T04:00+00:00"
    assert parse_partial_date("2022-01-15T09:30-03:30").offset == -210
    # On one day, times order by their moment: 17:14 at UTC+13 is 04:14 UTC, before 05:00 UTC.
    later = parse_partial_date("2022-01-15T05:00+00:00")
    assert date.sort_key < later.sort_key


@pytest.mark.parametrize(
    "text, message",
    [
        ("2022-01-15T17:14", "'2022-01-15T17:14' is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM, such as 2021-04-06"),
        ("2022-01-15T24:00+00:00", "'2022-01-15T24:00+00:00' has no time 24:00; write 00:00 to 23:59"),
        ("2022-01-15T10:00+15:00", "'2022-01-15T10:00+15:00' has an offset beyond 14 hours from UTC; check it"),
        ("2022-02-30T10:00+01:00", "'2022-02-30T10:00+01:00' is not a day on the calendar; check the month and day"),
    ],
)
def test_bad_times(text, message):
    with pytest.raises(ValueError) as info:
        parse_partial_date(text)
    assert str(info.value) == message


@pytest.mark.parametrize(
    "text, message",
    [
        ("79", "'79' is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM, such as 2021-04-06"),
        ("2021-4-6", "'2021-4-6' is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM, such as 2021-04-06"),
        ("2021-00", "'2021-00' has no month 0; months run from 01 to 12"),
        ("2021-02-30", "'2021-02-30' is not a day on the calendar; check the month and day"),
        ("April 2021", "'April 2021' is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM, such as 2021-04-06"),
    ],
)
def test_bad_partial_dates(text, message):
    with pytest.raises(ValueError) as info:
        parse_partial_date(text)
    assert str(info.value) == message


def test_full_dates():
    assert parse_full_date("2020-02-29") == dt.date(2020, 2, 29)
    with pytest.raises(ValueError, match="'2021-04' is not a full date; write YYYY-MM-DD, such as 2021-04-07"):
        parse_full_date("2021-04")
