"""Dates as readers read them, in the site's language: CLDR patterns, intervals and eras through Babel, and the catalogs' markers for uncertain, approximate and open dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_date, format_time, get_timezone_gmt, match_skeleton, tokenize_pattern, untokenize_pattern

from ..language.interface import N_, Interface
from ..language.tags import resolve
from ..model import PartialDate
from .parse import is_leap

CIRCA = N_("c. ")  # before an approximate date
# An uncertain date (EDTF's ?): the language's question mark around it, such as "¿{date}?" or "{date} ?".
UNCERTAIN = N_("{date}?")
# A decade whose last digit is left open (196X), given its first year: "1960s" (a century, 19XX, is "1900–1999").
DECADE = N_("{year}s")


@dataclass(frozen=True, slots=True)
class DateLabel:
    """A human date or range, split so that each end can sit in its own `<time>` element."""

    prefix: str  # "c. " for approximate dates, else "" (and what an uncertain date's marker puts before it)
    start: str  # "6"
    start_iso: str  # "2021-04-06", or "" for a date HTML's <time> cannot hold (before 0001, a decade)
    separator: str  # "–", "\u2009–\u2009" (the language's own), or "" without an end
    end: str | None  # "7 April 2021"
    end_iso: str | None
    text: str  # "6–7 April 2021"
    suffix: str = ""  # "?" for an uncertain date, else ""

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class DateWords:
    """The words around dates in the site's language, and whether every date names its era."""

    circa: str
    uncertain: str
    decade: str
    era: bool = False  # write BC/AD (CLDR's era names) with every date, as on a timeline that reaches before year 1

    @classmethod
    def of(cls, words: Interface, era: bool = False) -> DateWords:
        return cls(words.gettext(CIRCA), words.gettext(UNCERTAIN), words.gettext(DECADE), era)


def needs_era(dates: Iterable[PartialDate | None]) -> bool:
    """Whether dates reach before the Common Era, so that those after it must say so too: 44 BC, AD 14."""
    return any(date is not None and date.year < 1 for date in dates)


# The CLDR skeleton that writes a date of each precision: 2021, April 2021, 6 April 2021 (a day is
# written in the language's long date format, which has this skeleton); with G, the era too: 44 BC.
_SKELETONS = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}
# The trailing dash of an interval's first part, with the spaces around it: "–", " – ", "\u2009–\u2009", " — ".
_DASH = re.compile(r"[\s\u2009\u202f\xa0]*[-–—~〜～][\s\u2009\u202f\xa0]*$")


def format_date_range(
    start: PartialDate,
    end: PartialDate | None,
    language: str,
    approximate: bool = False,
    circa: str | None = None,
    words: DateWords | None = None,
) -> DateLabel:
    """Label a date or range at its precision as CLDR writes it in the language, sharing what both ends have in common.

    An approximate date (~, %, or `approximate`) starts with the catalog's "c. " (or `circa`); an uncertain one
    (?, %) is written in the catalog's "{date}?". A qualifier of either end qualifies the whole label.
    """
    locale = resolve(language)
    words = words or DateWords.of(Interface(language))
    ends = (start,) if end is None else (start, end)
    era = words.era or needs_era(ends)
    approximate = approximate or any(date.approximate for date in ends)
    prefix = (words.circa if circa is None else circa) if approximate else ""
    suffix = ""
    if any(date.uncertain for date in ends):
        before, suffix = words.uncertain.split("{date}", 1)
        prefix += before
    if end is None or end == start:
        text = format_partial_date(start, locale, era, words)
        return DateLabel(prefix, text, start.html_datetime, "", None, None, prefix + text + suffix, suffix)
    if start.precision != end.precision or start.precision in ("time", "decade", "century"):
        before, between, after = _fallback(locale)
        first, last = (
            before + format_partial_date(start, locale, era, words),
            format_partial_date(end, locale, era, words) + after,
        )
    else:
        first, between, last = _interval(start, end, locale, era)
    return DateLabel(
        prefix,
        first,
        start.html_datetime,
        between,
        last,
        end.html_datetime,
        prefix + first + between + last + suffix,
        suffix,
    )


def format_day(day: dt.date, language: str) -> str:
    """Label a calendar day, such as a publication date, in the site's language."""
    return format_partial_date(PartialDate(day.year, day.month, day.day), resolve(language))


def format_partial_date(date: PartialDate, locale: Locale, era: bool = False, words: DateWords | None = None) -> str:
    if date.unspecified == 2:  # a century, 19XX: its years as a range, 1900–1999
        return "".join(_interval(PartialDate(date.year), PartialDate(date.last_year), locale, era))
    if date.unspecified:
        return (words.decade if words else "{year}s").format(year=date.year)  # the digits alone: 1960s, 1960年代
    if date.minute is None:
        return _format_pattern(date, _pattern(date.precision, locale, era), locale)
    day = dt.date(date.year, date.month or 1, date.day or 1)
    zone = dt.timezone(dt.timedelta(minutes=date.offset or 0))
    moment = dt.datetime.combine(day, dt.time(date.minute // 60, date.minute % 60), zone)
    clock = (
        f"{format_time(moment, 'short', tzinfo=zone, locale=locale)} {get_timezone_gmt(moment, 'long', locale=locale)}"
    )
    return (
        str(locale.datetime_formats["long"])
        .replace("{1}", format_date(day, "long", locale=locale))
        .replace("{0}", clock)
    )


def _interval(start: PartialDate, end: PartialDate, locale: Locale, era: bool) -> tuple[str, str, str]:
    """A range of one precision in CLDR's interval format, split into its first end, the dash between, and its last end."""
    first_pattern, last_pattern = _interval_patterns(start, end, locale, era)
    first, last = _format_pattern(start, first_pattern, locale), _format_pattern(end, last_pattern, locale)
    dash = _DASH.search(first)
    between = dash.group() if dash else ""
    return first[: len(first) - len(between)], between, last


def _fallback(locale: Locale) -> tuple[str, str, str]:
    """Split the language's "{0} – {1}" into what comes before, between and after the two ends."""
    pattern = str(locale.interval_formats[None])
    before, rest = pattern.split("{0}")
    between, after = rest.split("{1}")
    return before, between, after


def _interval_patterns(start: PartialDate, end: PartialDate, locale: Locale, era: bool = False) -> tuple[str, str]:
    """CLDR's two patterns for a range of one precision, split at the first field that differs."""
    skeleton = ("G" if era else "") + _SKELETONS[start.precision]
    differs = (
        "G"
        if era and (start.year < 1) != (end.year < 1)
        else "y"
        if start.year != end.year
        else "M"
        if start.month != end.month
        else "d"
    )
    matched = skeleton if skeleton in locale.interval_formats else match_skeleton(skeleton, locale.interval_formats)
    patterns = locale.interval_formats[matched]
    first, last = patterns[differs] if differs in patterns else patterns["y"]
    width = _month_width(_pattern(start.precision, locale, era))  # as wide as the month of a single date
    return _widen(first, width), _widen(last, width)


def _pattern(precision: str, locale: Locale, era: bool = False) -> str:
    """The pattern of one date: the long date format for a day (CLDR's skeleton with the era), the closest CLDR skeleton otherwise."""
    if precision == "day" and not era:
        return str(locale.date_formats["long"])
    return _skeleton_pattern(("G" if era else "") + _SKELETONS[precision], locale)


def _skeleton_pattern(skeleton: str, locale: Locale) -> str:
    matched = skeleton if skeleton in locale.datetime_skeletons else match_skeleton(skeleton, locale.datetime_skeletons)
    return _widen(str(locale.datetime_skeletons[matched]), skeleton.count("M"))


def _month_width(pattern: str) -> int:
    return max(
        (int(field[1]) for kind, field in tokenize_pattern(pattern) if kind == "field" and field[0] in "ML"), default=0
    )


def _widen(pattern: str, width: int) -> str:
    """Write a matched pattern's month name at the width asked for (CLDR's field width adjustment): MMM -> MMMM.

    Only a month written as a word is widened: zh writes April 2021 "2021年4月" at every width.
    """
    tokens = [
        ("field", (field[0], width))
        if kind == "field" and field[0] in "ML" and min(int(field[1]), width) >= 3
        else (kind, field)
        for kind, field in tokenize_pattern(pattern)
    ]
    return untokenize_pattern(tokens)


def _format_pattern(date: PartialDate, pattern: str, locale: Locale) -> str:
    """Format with Babel; a year Python's dates cannot hold (before 0001, or an axis tick on 10000) is written in as text.

    Babel then formats a stand-in day of a year with the same leap day, so month and day names stay CLDR's.
    """
    if 1 <= date.year <= 9999:
        return format_date(dt.date(date.year, date.month or 1, date.day or 1), pattern, locale=locale)
    common = date.year >= 1  # else astronomical 0 is 1 BC, -43 is 44 BC; a tick may also fall on 10000
    eras = locale.eras
    tokens: list[tuple[str, str | tuple[str, int]]] = []
    for kind, field in tokenize_pattern(pattern):
        if kind == "field" and field[0] in "yY":
            tokens.append(("chars", str(date.year if common else 1 - date.year)))
        elif kind == "field" and field[0] == "G":
            tokens.append(
                ("chars", eras["wide" if field[1] == 4 else "narrow" if field[1] == 5 else "abbreviated"][int(common)])
            )
        else:
            tokens.append((kind, field))
    stand_in = dt.date(2000 if is_leap(date.year) else 2001, date.month or 1, date.day or 1)
    return format_date(stand_in, untokenize_pattern(tokens), locale=locale)


def format_year(year: int, locale: Locale, era: bool = False) -> str:
    """A year as the language writes it on its own (CLDR's `y`, or `Gy` with its era): 2021, 2021年, 44 BC."""
    return _format_pattern(PartialDate(year), _skeleton_pattern("Gy" if era or year < 1 else "y", locale), locale)
