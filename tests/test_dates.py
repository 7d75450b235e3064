"""Partial dates as editors write them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from explainer.dates.parse import DATE_PATTERN, day_number, parse_full_date, parse_partial_date
from explainer.model import PartialDate

FORMS = (
    "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM (-YYYY before the Common Era; ? ~ or % at the end), "
    "such as 2021-04-06, -0043-03-15 or 2021-04?"
)


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("1979", PartialDate(1979), "year"),
        ("1979-12", PartialDate(1979, 12), "month"),
        ("1979-12-24", PartialDate(1979, 12, 24), "day"),
        (" 2021-04-06 ", PartialDate(2021, 4, 6), "day"),
    ],
)
def test_parse_each_precision(text, expected, precision):
    date = parse_partial_date(text)
    assert (date, date.precision, date.iso()) == (expected, precision, text.strip())


def test_mixed_precisions_sort_precise_first_within_what_contains_them():
    dates = [
        parse_partial_date(t) for t in ("1979-12-24", "1980", "1979", "1979-12", "1979-11-30", "1979-12-24T08:00+00:00")
    ]
    assert [d.iso() for d in sorted(dates, key=lambda d: d.sort_key)] == [
        "1979-11-30",
        "1979-12-24T08:00+00:00",
        "1979-12-24",
        "1979-12",
        "1979",
        "1980",
    ]


def test_times_of_day_with_their_offset():
    date = parse_partial_date("2022-01-15T17:14+13:00")
    assert (date, date.precision, date.iso()) == (
        PartialDate(2022, 1, 15, 17 * 60 + 14, 13 * 60),
        "time",
        "2022-01-15T17:14+13:00",
    )
    assert parse_partial_date("2022-01-15T04:00Z").iso() == "2022-01-15T04:00+00:00"
    assert parse_partial_date("2022-01-15T09:30-03:30").offset == -210
    # On one day, times order by their moment: 17:14 at UTC+13 is 04:14 UTC, before 05:00 UTC.
    later = parse_partial_date("2022-01-15T05:00+00:00")
    assert date.sort_key < later.sort_key


@pytest.mark.parametrize(
    "text, message",
    [
        ("2022-01-15T17:14", "'2022-01-15T17:14' is not a date; " + FORMS),
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
        ("79", "'79' is not a date; " + FORMS),
        ("2021-4-6", "'2021-4-6' is not a date; " + FORMS),
        ("2021-00", "'2021-00' has no month 0; months run from 01 to 12"),
        ("2021-02-30", "'2021-02-30' is not a day on the calendar; check the month and day"),
        ("April 2021", "'April 2021' is not a date; " + FORMS),
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


@pytest.mark.parametrize(
    "text, expected, uncertain, approximate",
    [
        ("2021-04?", PartialDate(2021, 4, qualifier="?"), True, False),
        ("2021-04~", PartialDate(2021, 4, qualifier="~"), False, True),
        ("2021-04-06%", PartialDate(2021, 4, 6, qualifier="%"), True, True),
        ("1200~", PartialDate(1200, qualifier="~"), False, True),
    ],
)
def test_edtf_qualifiers(text, expected, uncertain, approximate):
    date = parse_partial_date(text)
    assert (date, date.uncertain, date.approximate, date.edtf(), date.iso()) == (
        expected,
        uncertain,
        approximate,
        text,
        text[:-1],
    )


@pytest.mark.parametrize(
    "text, year, html",
    [
        ("-0043-03-15", -43, ""),
        ("-0480", -480, ""),
        ("0000", 0, ""),
        ("0001", 1, "0001"),
        ("0476-09-04", 476, "0476-09-04"),
        ("-9999", -9999, ""),
    ],
)
def test_years_before_the_common_era_are_astronomical(text, year, html):
    """EDTF and ISO 8601 count 0000 as 1 BCE and -0043 as 44 BCE; HTML's <time> holds only years from 0001."""
    date = parse_partial_date(text)
    assert (date.year, date.iso(), date.html_datetime) == (year, text, html)


def test_unspecified_digits_are_a_decade_or_a_century():
    decade, century = parse_partial_date("196X"), parse_partial_date("19XX")
    assert (decade.year, decade.last_year, decade.precision, decade.iso()) == (1960, 1969, "decade", "196X")
    assert (century.year, century.last_year, century.precision, century.iso()) == (1900, 1999, "century", "19XX")


def test_bce_before_ce_and_qualifiers_do_not_change_the_order():
    texts = ["0014-08-19", "-0043-03-15", "-0043", "196X", "1969", "1970", "-0508?", "0000", "19XX", "1960~"]
    ordered = sorted((parse_partial_date(t) for t in texts), key=lambda d: d.sort_key)
    assert [d.edtf() for d in ordered] == [
        "-0508?",
        "-0043-03-15",
        "-0043",
        "0000",
        "0014-08-19",
        "1960~",
        "1969",
        "196X",
        "1970",
        "19XX",
    ]


def test_day_numbers_agree_with_python_and_go_on_before_year_one():
    for day in (dt.date(1, 1, 1), dt.date(1970, 1, 1), dt.date(2000, 2, 29), dt.date(9998, 12, 31)):
        assert day_number(day.year, day.month, day.day) == day.toordinal() - dt.date(1970, 1, 1).toordinal()
    assert day_number(1) - day_number(0) == 366  # 1 BCE was a leap year
    assert day_number(0) - day_number(-1) == 365
    assert day_number(-43, 3, 15) < day_number(-43, 12, 31) < day_number(1)


def test_the_pattern_is_the_grammar():
    """DATE_PATTERN (for the JSON Schema) accepts exactly what the parser reads, before its range checks."""
    for text in ("2021", "-0043-03-15", "2021-04?", "196X", "19XX~", "2022-01-15T17:14+13:00"):
        assert re.fullmatch(DATE_PATTERN, text)
    for text in ("79", "2021-4", "19X5", "-196X", "2021-04??", "April 2021"):
        assert not re.fullmatch(DATE_PATTERN, text)


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "-0000",
            "'-0000' has the year -0000; the year before 0001 is 0000 (1 BCE), and the one before it -0001 (2 BCE)",
        ),
        ("-10000", "'-10000' is not a date; " + FORMS),
        (
            "196X-04",
            "'196X-04' leaves digits of its year unspecified and yet gives a month; write the decade (196X) or century (19XX) alone",
        ),
        (
            "2022-01-15T17:14+13:00?",
            "'2022-01-15T17:14+13:00?' qualifies a time of day with '?'; only a year, month or day can be uncertain or approximate",
        ),
        ("-0043-03-15T10:00Z", "'-0043-03-15T10:00Z' gives a time of day before the Common Era; give the day only"),
        ("-0043-02-29", "'-0043-02-29' is not a day on the calendar; check the month and day"),
        ("9999", "'9999' has the year 9999; write a year from -9999 to 9998"),
    ],
)
def test_bad_edtf_dates(text, message):
    with pytest.raises(ValueError) as info:
        parse_partial_date(text)
    assert str(info.value) == message
