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


def test_mixed_precisions_sort_coarse_first():
    dates = [parse_partial_date(t) for t in ("1979-12-24", "1980", "1979", "1979-12")]
    assert [d.iso() for d in sorted(dates, key=lambda d: d.sort_key)] == ["1979", "1979-12", "1979-12-24", "1980"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("79", "'79' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, such as 2021-04-06"),
        ("2021-4-6", "'2021-4-6' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, such as 2021-04-06"),
        ("2021-00", "'2021-00' has no month 0; months run from 01 to 12"),
        ("2021-02-30", "'2021-02-30' is not a day on the calendar; check the month and day"),
        ("April 2021", "'April 2021' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, such as 2021-04-06"),
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
