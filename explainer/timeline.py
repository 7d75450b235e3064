"""Pure: events -> an ordered timeline grouped by year, with human dates and a compact SVG axis."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from html import escape
from itertools import groupby

from babel import Locale
from babel.dates import format_date, format_time, get_timezone_gmt, match_skeleton, tokenize_pattern, untokenize_pattern

from .interface import Interface, N_
from .language import resolve
from .dates import day_number, is_leap
from .model import Event, PartialDate, Person, Place, Theme


@dataclass(frozen=True, slots=True)
class TimelineText:
    """The timeline's interface words in the site's language; `{n}` is filled in by the script."""

    heading: str
    filter: str
    all: str
    theme: str
    places: str
    people: str
    source: str
    shown: tuple[tuple[str, str], ...]  # (CLDR plural category, "{n} events shown") for each category the language has


def timeline_text(words: Interface) -> TimelineText:
    """The timeline's words from the interface catalogs."""
    _ = words.gettext
    return TimelineText(
        heading=_("Timeline"),
        filter=_("Show events by theme"),
        all=_("All"),
        theme=_("Theme"),
        places=_("Where"),
        people=_("Who"),
        source=_("Source"),
        shown=words.plural_forms("{n} event shown", "{n} events shown"),
    )


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
class EntrySource:
    """Where an entry's facts were checked, with the date labelled."""

    name: str
    url: str | None
    date: DateLabel | None
    author: str = ""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """An event as the timeline shows it: labelled, anchored and linked to its theme and places."""

    id: str
    anchor: str  # "event-<id>", the list item's id
    title: str
    html: str
    date_label: DateLabel
    theme: str
    theme_label: str
    places: tuple[tuple[str, str], ...]  # (id, name)
    place_ids: str  # the places' ids, space-separated, for the list item's data-places
    source: EntrySource | None
    people: tuple[tuple[str, str], ...] = ()  # (id, name)
    image: str = ""  # the id of its photo in content/media.yaml, or ""


@dataclass(frozen=True, slots=True)
class YearGroup:
    """The entries of one year, under a heading with its own anchor."""

    year: int
    anchor: str  # "timeline-<year>", the heading's id
    label: str  # the year as the language writes it: "2021", "2021年"
    entries: tuple[TimelineEntry, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """Every entry in date order, grouped by year, with the SVG axis and the interface words."""

    years: tuple[YearGroup, ...]
    axis_svg: str
    text: TimelineText


def build_timeline(
    events: Sequence[Event],
    themes: Sequence[Theme],
    places: Sequence[Place],
    language: str,
    people: Sequence[Person] = (),
    words: Interface | None = None,
) -> Timeline:
    """Order events, group them by year and compute every label, link and the axis, in `words` (the language's catalog)."""
    words = words or Interface(language)
    locale = resolve(language)
    theme_labels = {t.id: t.label for t in themes}
    place_names = {p.id: p.name for p in places}
    person_names = {p.id: p.name for p in people}
    ordered = sorted(events, key=lambda e: e.start.sort_key)  # stable: events of one date keep the file's order
    dates = DateWords.of(words, needs_era(d for e in events for d in (e.start, e.end)))
    entries = [_entry(e, theme_labels, place_names, person_names, language, dates) for e in ordered]
    years = tuple(
        YearGroup(first.year, year_anchor(first), _group_label(first, locale, dates), tuple(entry for _, entry in pairs))
        for first, pairs in ((_group(key), list(pairs)) for key, pairs in groupby(zip(ordered, entries), key=lambda pair: _group_key(pair[0].start)))
    )
    return Timeline(years, _axis_svg(ordered, entries, locale, words, dates), timeline_text(words))


def _group_key(date: PartialDate) -> tuple[int, int]:
    """Events are listed under their year, or their decade or century when its last digits are open (196X)."""
    return date.year, date.unspecified


def _group(key: tuple[int, int]) -> PartialDate:
    return PartialDate(key[0], unspecified=key[1])


def _group_label(date: PartialDate, locale: Locale, words: DateWords) -> str:
    return _format(date, locale, words.era, words) if date.unspecified else _year(date.year, locale, words.era)


CIRCA = N_("c. ")  # before an approximate date
# An uncertain date (EDTF's ?): the language's question mark around it, such as "¿{date}?" or "{date} ?".
UNCERTAIN = N_("{date}?")
# A decade whose last digit is left open (196X), given its first year: "1960s" (a century, 19XX, is "1900–1999").
DECADE = N_("{year}s")


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
        text = _format(start, locale, era, words)
        return DateLabel(prefix, text, start.html_datetime, "", None, None, prefix + text + suffix, suffix)
    if start.precision != end.precision or start.precision in ("time", "decade", "century"):
        before, between, after = _fallback(locale)
        first, last = before + _format(start, locale, era, words), _format(end, locale, era, words) + after
    else:
        first, between, last = _interval(start, end, locale, era)
    return DateLabel(prefix, first, start.html_datetime, between, last, end.html_datetime, prefix + first + between + last + suffix, suffix)


def format_day(day: dt.date, language: str) -> str:
    """Label a calendar day, such as a publication date, in the site's language."""
    return _format(PartialDate(day.year, day.month, day.day), resolve(language))


def _format(date: PartialDate, locale: Locale, era: bool = False, words: DateWords | None = None) -> str:
    if date.unspecified == 2:  # a century, 19XX: its years as a range, 1900–1999
        return "".join(_interval(PartialDate(date.year), PartialDate(date.last_year), locale, era))
    if date.unspecified:
        return (words.decade if words else "{year}s").format(year=date.year)  # the digits alone: 1960s, 1960年代
    if date.minute is None:
        return _format_pattern(date, _pattern(date.precision, locale, era), locale)
    day = dt.date(date.year, date.month or 1, date.day or 1)
    zone = dt.timezone(dt.timedelta(minutes=date.offset or 0))
    moment = dt.datetime.combine(day, dt.time(date.minute // 60, date.minute % 60), zone)
    clock = f"{format_time(moment, 'short', tzinfo=zone, locale=locale)} {get_timezone_gmt(moment, 'long', locale=locale)}"
    return str(locale.datetime_formats["long"]).replace("{1}", format_date(day, "long", locale=locale)).replace("{0}", clock)


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
    differs = "G" if era and (start.year < 1) != (end.year < 1) else "y" if start.year != end.year else "M" if start.month != end.month else "d"
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
    return max((field[1] for kind, field in tokenize_pattern(pattern) if kind == "field" and field[0] in "ML"), default=0)


def _widen(pattern: str, width: int) -> str:
    """Write a matched pattern's month name at the width asked for (CLDR's field width adjustment): MMM -> MMMM.

    Only a month written as a word is widened: zh writes April 2021 "2021年4月" at every width.
    """
    tokens = [
        ("field", (field[0], width)) if kind == "field" and field[0] in "ML" and min(field[1], width) >= 3 else (kind, field)
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
    tokens = []
    for kind, field in tokenize_pattern(pattern):
        if kind == "field" and field[0] in "yY":
            tokens.append(("chars", str(date.year if common else 1 - date.year)))
        elif kind == "field" and field[0] == "G":
            tokens.append(("chars", eras["wide" if field[1] == 4 else "narrow" if field[1] == 5 else "abbreviated"][int(common)]))
        else:
            tokens.append((kind, field))
    stand_in = dt.date(2000 if is_leap(date.year) else 2001, date.month or 1, date.day or 1)
    return format_date(stand_in, untokenize_pattern(tokens), locale=locale)


def _year(year: int, locale: Locale, era: bool = False) -> str:
    """A year as the language writes it on its own (CLDR's `y`, or `Gy` with its era): 2021, 2021年, 44 BC."""
    return _format_pattern(PartialDate(year), _skeleton_pattern("Gy" if era or year < 1 else "y", locale), locale)


def year_anchor(date: PartialDate) -> str:
    """The id of a year's heading on the timeline: timeline-2021, timeline-1960s, timeline-44-bce."""
    if date.unspecified:
        return f"timeline-{date.year}s"
    return f"timeline-{date.year}" if date.year >= 1 else f"timeline-{1 - date.year}-bce"


def _entry(
    event: Event, theme_labels: dict[str, str], place_names: dict[str, str], person_names: dict[str, str], language: str, dates: DateWords
) -> TimelineEntry:
    source = None
    if event.source is not None:
        date = event.source.date
        label = None if date is None else format_date_range(date, None, language, words=replace(dates, era=False))
        source = EntrySource(event.source.name, event.source.url, label, event.source.author)
    return TimelineEntry(
        id=event.id,
        anchor=f"event-{event.id}",
        title=event.title,
        html=event.html,
        date_label=format_date_range(event.start, event.end, language, event.approximate, words=dates),
        theme=event.theme,
        theme_label=theme_labels[event.theme],
        places=tuple((p, place_names[p]) for p in event.places),
        place_ids=" ".join(event.places),
        source=source,
        people=tuple((p, person_names[p]) for p in event.people),
        image=event.image.id if event.image else "",
    )


# The axis: a piecewise scale through every date it shows. Each step between two neighbouring dates gets a
# fixed minimum plus a share that grows with the log of its length, so a day in April 2021 stays readable
# next to two decades. Positions are fractions of the column's width (SVG percentages), so the axis fits its
# column at every width without scaling its text; marks are stacked in lanes so that they do not overlap
# even in the narrowest column, and year labels that need more room than a phone gives are shown from
# _WIDE pixels on (a container query in timeline.css).
_STEPS = 700  # the scale's length in its own units: a step is at least _MIN_STEP of them
_MIN_STEP = 20
_NARROW = 280  # px: the narrowest axis laid out for, a 320 px phone's column
_WIDE = 560  # px: the width from which the labels marked data-wide are shown too
_LANE = 20  # vertical distance between rows of marks that would overlap
_RADIUS = 7
_BREAK_DAYS = 730  # steps longer than this are drawn with a break mark (when the ticks are the events' years)
_GAP = 10  # px between two year labels
_EVENT_YEARS = 8  # up to this many distinct years within a century, each has its tick; else ticks fall on round years
_ROUND_TICKS = 10  # at most this many steps between round ticks (labels that do not fit are left out)
_ROUND = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000)


def _first_day(date: PartialDate) -> int:
    return day_number(date.year, date.month or 1, date.day or 1)


def _day_after(date: PartialDate) -> int:
    if date.day is not None:
        return _first_day(date) + 1
    if date.month is None or date.month == 12:
        return day_number(date.last_year + 1)
    return day_number(date.year, date.month + 1)


def _scale(days: list[int]) -> dict[int, float]:
    """Place sorted distinct days on a strictly increasing x from 0 to 1."""
    weights = [math.log1p((b - a) / 30) for a, b in zip(days, days[1:])]
    spare = max(_STEPS - _MIN_STEP * len(weights), _MIN_STEP * len(weights))
    total = sum(weights) or 1.0
    xs = [0.0]
    for weight in weights:
        xs.append(xs[-1] + _MIN_STEP + spare * weight / total)
    return {day: x / (xs[-1] or 1.0) for day, x in zip(days, xs)}


def _tick_years(events: Sequence[Event]) -> tuple[list[int], bool]:
    """The years the axis marks, and whether they are the events' own years (else round ones, by decade, century…).

    A few years within a century are each marked, with long gaps between them shortened; a longer or busier
    span is marked every 1, 2, 5, 10, 20, 25, 50, 100… years, as counted on each side of year 1 (500 BC, AD 1,
    AD 100), from a round year at or before the first date to one after the last.
    """
    years = sorted({e.start.year for e in events} | {e.end.year for e in events if e.end})
    first, last = years[0], max((e.end or e.start).last_year for e in events)
    if len(years) <= _EVENT_YEARS and last - first <= 100 and not any(e.start.unspecified for e in events):
        return years, True
    step = next((s for s in _ROUND if (last - first) / s <= _ROUND_TICKS), _ROUND[-1])
    before = {1 - k * step for k in range(1, max(2, (1 - first) // step + 2))}  # 1 - k*step is k*step BC
    after = {k * step for k in range(max(1, first // step), max(2, last // step + 2))}
    rounds = sorted(before | {1} | after)  # year 1 is as round as any: 100 BC, AD 1, AD 100
    low = max(t for t in rounds if t <= first)
    high = min(t for t in rounds if t > last)
    return [t for t in rounds if low <= t <= high], False


def _pct(value: float) -> str:
    return f"{value * 100:.2f}".rstrip("0").rstrip(".") + "%"


def _axis_svg(events: Sequence[Event], entries: Sequence[TimelineEntry], locale: Locale, words: Interface, dates: DateWords) -> str:
    if not events:
        return ""
    years, own = _tick_years(events)
    spans = [(_first_day(e.start), _day_after(e.end) if e.end else _day_after(e.start) if e.start.unspecified else None) for e in events]
    ticks = [day_number(year) for year in years]
    days = sorted({d for span in spans for d in span if d is not None} | set(ticks))
    x = _scale(days)
    rtl = words.direction == "rtl"
    lanes: list[float] = []  # right edge, in px of the narrowest axis, of the last mark in each lane
    marks = []
    for event, entry, (start, end) in zip(events, entries, spans):
        left, right = x[start] * _NARROW, x[start if end is None else end] * _NARROW
        lane = next((i for i, edge in enumerate(lanes) if edge + 4 <= left - _RADIUS), len(lanes))
        lanes[lane:lane + 1] = [right + _RADIUS]
        marks.append(_mark(entry, x[start], None if end is None else x[end], 14 + lane * _LANE, event, rtl))
    axis_y = 12 + len(lanes) * _LANE
    height = axis_y + 30
    era = dates.era or years[0] < 1  # ticks that reach before year 1 name the era of every year
    title = words.gettext("Time axis, {start} to {end}; long gaps are shortened. Each mark links to its event.").format(
        start=_year(years[0], locale, era), end=_year(years[-1], locale, era)
    )
    labels = [(_year(year, locale, era), x[tick]) for year, tick in zip(years, ticks)]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ex-axis-svg" data-timeline-axis="" '
        f'width="100%" height="{height}" fill="currentColor">'
        f"<title>{escape(title)}</title>"
        f"{_guides(days if own else [], x, labels, axis_y, rtl)}"
        f"{''.join(marks)}</svg>"
    )


def _mark(entry: TimelineEntry, left: float, right: float | None, cy: float, event: Event, rtl: bool) -> str:
    """Draw one event as a linked dot, or a bar for a range, named by its date and title."""
    at = (lambda v: 1 - v) if rtl else (lambda v: v)
    if right is None:
        shape = f'<circle class="ex-axis-point" cx="{_pct(at(left))}" cy="{cy}" r="{_RADIUS}"/>'
    else:
        shape = (
            f'<line class="ex-axis-range" x1="{_pct(at(left))}" x2="{_pct(at(right))}" y1="{cy}" y2="{cy}" '
            f'stroke="currentColor" stroke-width="{2 * _RADIUS}" stroke-linecap="round"/>'
        )
    kind = (" ex-axis-approximate" if event.approximate else "") + (" ex-axis-uncertain" if event.uncertain else "")
    return (
        f'<a class="ex-axis-mark{kind}" href="#{escape(entry.anchor)}" data-theme="{escape(entry.theme)}">'
        f"<title>{escape(entry.date_label.text)}: {escape(entry.title)}</title>{shape}</a>"
    )


def _label_width(text: str) -> float:
    """Roughly how wide a 14 px year label is: CJK characters take a whole em, others about 0.6."""
    return sum(14 if ord(char) >= 0x2E80 else 8.4 for char in text)


def _anchor(text: str, at: float) -> str:
    """Centre a label on its tick, unless it would then stick out of an end of the narrowest axis."""
    half = _label_width(text) / 2
    return "start" if at * _NARROW < half else "end" if (1 - at) * _NARROW < half else "middle"


def _label_layout(labels: Sequence[tuple[str, float]]) -> list[str | None]:
    """Which year labels to draw: "" always, "wide" only on a wide axis, None never, so that none overlap.

    The first and the last label are kept first; the others if they clear the labels already kept, at the
    narrowest width first, then at the wide one.
    """
    shown: list[str | None] = [None] * len(labels)

    def extent(index: int, width: float) -> tuple[float, float]:
        text, at = labels[index]
        size, middle, anchor = _label_width(text), at * width, _anchor(text, at)
        return {"start": (middle, middle + size), "end": (middle - size, middle)}.get(anchor, (middle - size / 2, middle + size / 2))

    def clear(index: int, width: float) -> bool:
        low, high = extent(index, width)
        return all(high + _GAP <= extent(i, width)[0] or extent(i, width)[1] + _GAP <= low for i, kind in enumerate(shown) if kind is not None)

    last = len(labels) - 1
    shown[0] = ""
    for kind, width in (("", _NARROW), ("wide", _WIDE)):
        for index in [last, *range(1, last)] if last else []:
            if shown[index] is None and clear(index, width):
                shown[index] = kind
    return shown


def _guides(days: list[int], x: dict[int, float], labels: Sequence[tuple[str, float]], axis_y: int, rtl: bool = False) -> str:
    """Draw the axis line with break marks over long gaps between `days`, and the year ticks and labels (right to left if `rtl`)."""
    at = (lambda v: 1 - v) if rtl else (lambda v: v)
    breaks = [
        f'<svg x="{_pct(at((x[a] + x[b]) / 2))}" overflow="visible"><path d="M-7 {axis_y + 6}l6 -12M1 {axis_y + 6}l6 -12"/></svg>'
        for a, b in zip(days, days[1:])
        if b - a > _BREAK_DAYS
    ]
    ticks = "".join(f'<line x1="{_pct(at(tick))}" x2="{_pct(at(tick))}" y1="{axis_y}" y2="{axis_y + 6}"/>' for _, tick in labels)
    texts = []
    for (text, tick), kind in zip(labels, _label_layout(labels)):
        if kind is None:
            continue
        anchor = _anchor(text, tick)
        wide = ' data-wide=""' if kind else ""
        texts.append(f'<text class="ex-axis-year" x="{_pct(at(tick))}" y="{axis_y + 22}" text-anchor="{anchor}"{wide}>{escape(text)}</text>')
    return (
        '<g aria-hidden="true" fill="none" stroke="currentColor">'
        f'<line class="ex-axis-line" x1="0%" x2="100%" y1="{axis_y}" y2="{axis_y}"/>'
        + (f'<g class="ex-axis-break">{"".join(breaks)}</g>' if breaks else "")
        + f'<g class="ex-axis-tick">{ticks}</g></g>'
        + f'<g aria-hidden="true">{"".join(texts)}</g>'
    )
