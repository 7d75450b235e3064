"""Pure: events -> an ordered timeline grouped by year, with human dates and a compact SVG axis."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import groupby

from babel import Locale
from babel.dates import format_date, format_time, get_timezone_gmt, match_skeleton, tokenize_pattern, untokenize_pattern

from .interface import Interface, N_
from .language import resolve
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

    prefix: str  # "c. " for approximate dates, else ""
    start: str  # "6"
    start_iso: str  # "2021-04-06"
    separator: str  # "–", "\u2009–\u2009" (the language's own), or "" without an end
    end: str | None  # "7 April 2021"
    end_iso: str | None
    text: str  # "6–7 April 2021"

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
    circa = words.gettext(CIRCA)
    entries = [_entry(e, theme_labels, place_names, person_names, language, circa) for e in ordered]
    years = tuple(
        YearGroup(year, f"timeline-{year}", _year(year, locale), tuple(entry for _, entry in pairs))
        for year, pairs in groupby(zip(ordered, entries), key=lambda pair: pair[0].start.year)
    )
    return Timeline(years, _axis_svg(ordered, entries, locale, words), timeline_text(words))


CIRCA = N_("c. ")  # before an approximate date

# The CLDR skeleton that writes a date of each precision: 2021, April 2021, 6 April 2021 (a day is
# written in the language's long date format, which has this skeleton).
_SKELETONS = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}
# The trailing dash of an interval's first part, with the spaces around it: "–", " – ", "\u2009–\u2009", " — ".
_DASH = re.compile(r"[\s\u2009\u202f\xa0]*[-–—~〜～][\s\u2009\u202f\xa0]*$")


def format_date_range(
    start: PartialDate, end: PartialDate | None, language: str, approximate: bool = False, circa: str | None = None
) -> DateLabel:
    """Label a date or range at its precision as CLDR writes it in the language, sharing what both ends have in common.

    An approximate date starts with `circa`, by default the catalog's "c. " in the language.
    """
    locale = resolve(language)
    prefix = (Interface(language).gettext(CIRCA) if circa is None else circa) if approximate else ""
    if end is None or end == start:
        text = _format(start, locale)
        return DateLabel(prefix, text, start.iso(), "", None, None, prefix + text)
    if start.precision != end.precision or start.precision == "time":
        before, between, after = _fallback(locale)
        first, last = before + _format(start, locale), _format(end, locale) + after
    else:
        first_pattern, last_pattern = _interval_patterns(start, end, locale)
        first, last = _format_pattern(start, first_pattern, locale), _format_pattern(end, last_pattern, locale)
        dash = _DASH.search(first)
        between = dash.group() if dash else ""
        first = first[: len(first) - len(between)]
    return DateLabel(prefix, first, start.iso(), between, last, end.iso(), prefix + first + between + last)


def format_day(day: dt.date, language: str) -> str:
    """Label a calendar day, such as a publication date, in the site's language."""
    return _format(PartialDate(day.year, day.month, day.day), resolve(language))


def _format(date: PartialDate, locale: Locale) -> str:
    day = dt.date(date.year, date.month or 1, date.day or 1)
    if date.minute is None:
        return format_date(day, _pattern(date.precision, locale), locale=locale)
    zone = dt.timezone(dt.timedelta(minutes=date.offset or 0))
    moment = dt.datetime.combine(day, dt.time(date.minute // 60, date.minute % 60), zone)
    clock = f"{format_time(moment, 'short', tzinfo=zone, locale=locale)} {get_timezone_gmt(moment, 'long', locale=locale)}"
    return str(locale.datetime_formats["long"]).replace("{1}", format_date(day, "long", locale=locale)).replace("{0}", clock)


def _fallback(locale: Locale) -> tuple[str, str, str]:
    """Split the language's "{0} – {1}" into what comes before, between and after the two ends."""
    pattern = str(locale.interval_formats[None])
    before, rest = pattern.split("{0}")
    between, after = rest.split("{1}")
    return before, between, after


def _interval_patterns(start: PartialDate, end: PartialDate, locale: Locale) -> tuple[str, str]:
    """CLDR's two patterns for a range of one precision, split at the first field that differs."""
    skeleton = _SKELETONS[start.precision]
    differs = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    matched = skeleton if skeleton in locale.interval_formats else match_skeleton(skeleton, locale.interval_formats)
    first, last = locale.interval_formats[matched][differs]
    width = _month_width(_pattern(start.precision, locale))  # as wide as the month of a single date
    return _widen(first, width), _widen(last, width)


def _pattern(precision: str, locale: Locale) -> str:
    """The pattern of one date: the long date format for a day, the closest CLDR skeleton otherwise."""
    return str(locale.date_formats["long"]) if precision == "day" else _skeleton_pattern(_SKELETONS[precision], locale)


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
    return format_date(dt.date(date.year, date.month or 1, date.day or 1), pattern, locale=locale)


def _year(year: int, locale: Locale) -> str:
    """A year as the language writes it on its own (CLDR's `y`): 2021, 2021年."""
    return format_date(dt.date(year, 1, 1), _skeleton_pattern("y", locale), locale=locale)


def _entry(
    event: Event, theme_labels: dict[str, str], place_names: dict[str, str], person_names: dict[str, str], language: str, circa: str
) -> TimelineEntry:
    source = None
    if event.source is not None:
        date = event.source.date
        label = None if date is None else format_date_range(date, None, language)
        source = EntrySource(event.source.name, event.source.url, label, event.source.author)
    return TimelineEntry(
        id=event.id,
        anchor=f"event-{event.id}",
        title=event.title,
        html=event.html,
        date_label=format_date_range(event.start, event.end, language, event.approximate, circa),
        theme=event.theme,
        theme_label=theme_labels[event.theme],
        places=tuple((p, place_names[p]) for p in event.places),
        place_ids=" ".join(event.places),
        source=source,
        people=tuple((p, person_names[p]) for p in event.people),
        image=event.image.id if event.image else "",
    )


# The axis: a piecewise scale through every date it shows. Each step between two
# neighbouring dates gets a fixed minimum plus a share that grows with the log of
# its length, so a day in April 2021 stays readable next to two decades.
_WIDTH = 720
_PAD = 28  # room for the first and last year labels
_MIN_STEP = 20
_LANE = 20  # vertical distance between rows of marks that would overlap
_RADIUS = 7
_BREAK_DAYS = 730  # steps longer than this are drawn with a break mark
_LABEL_ROOM = 40


def _first_day(date: PartialDate) -> int:
    return dt.date(date.year, date.month or 1, date.day or 1).toordinal()


def _day_after(date: PartialDate) -> int:
    if date.day is not None:
        return _first_day(date) + 1
    if date.month is None or date.month == 12:
        return dt.date(date.year + 1, 1, 1).toordinal()
    return dt.date(date.year, date.month + 1, 1).toordinal()


def _scale(days: list[int]) -> tuple[dict[int, float], int]:
    """Place sorted distinct days on a strictly increasing x; return positions and total width."""
    weights = [math.log1p((b - a) / 30) for a, b in zip(days, days[1:])]
    width = max(_WIDTH, 2 * _PAD + 2 * _MIN_STEP * len(weights))
    spare = width - 2 * _PAD - _MIN_STEP * len(weights)
    total = sum(weights) or 1.0
    xs = [float(_PAD)]
    for weight in weights:
        xs.append(xs[-1] + _MIN_STEP + spare * weight / total)
    return dict(zip(days, xs)), width


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _axis_svg(events: Sequence[Event], entries: Sequence[TimelineEntry], locale: Locale, words: Interface) -> str:
    if not events:
        return ""
    years = sorted({e.start.year for e in events} | {e.end.year for e in events if e.end})
    spans = [(_first_day(e.start), _day_after(e.end) if e.end else None) for e in events]
    ticks = [dt.date(year, 1, 1).toordinal() for year in years]
    days = sorted({d for span in spans for d in span if d is not None} | set(ticks))
    x, width = _scale(days)
    lanes: list[float] = []  # right edge of the last mark in each lane
    marks = []
    for event, entry, (start, end) in zip(events, entries, spans):
        left, right = x[start], x[start] if end is None else x[end]
        lane = next((i for i, edge in enumerate(lanes) if edge + 4 <= left - _RADIUS), len(lanes))
        lanes[lane:lane + 1] = [right + _RADIUS]
        cy = 14 + lane * _LANE
        marks.append(_mark(entry, left, None if end is None else right, cy, event.approximate))
    axis_y = 12 + len(lanes) * _LANE
    height = axis_y + 30
    rtl = words.direction == "rtl"
    title = words.gettext("Time axis, {start} to {end}; long gaps are shortened. Each mark links to its event.").format(
        start=_year(years[0], locale), end=_year(years[-1], locale)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ex-axis-svg" data-timeline-axis="" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" fill="currentColor">'
        f"<title>{escape(title)}</title>"
        f"{_guides(days, x, ((_year(year, locale), tick) for year, tick in zip(years, ticks)), axis_y, width, rtl)}"
        f"{_mirrored(''.join(marks), width, rtl)}</svg>"
    )


def _mark(entry: TimelineEntry, left: float, right: float | None, cy: float, approximate: bool) -> str:
    """Draw one event as a linked dot, or a bar for a range, named by its date and title."""
    if right is None:
        shape = f'<circle class="ex-axis-point" cx="{_num(left)}" cy="{cy}" r="{_RADIUS}"/>'
    else:
        shape = (
            f'<rect class="ex-axis-range" x="{_num(left - _RADIUS)}" y="{cy - _RADIUS}" '
            f'width="{_num(right - left + 2 * _RADIUS)}" height="{2 * _RADIUS}" rx="{_RADIUS}"/>'
        )
    kind = " ex-axis-approximate" if approximate else ""
    return (
        f'<a class="ex-axis-mark{kind}" href="#{escape(entry.anchor)}" data-theme="{escape(entry.theme)}">'
        f"<title>{escape(entry.date_label.text)}: {escape(entry.title)}</title>{shape}</a>"
    )


def _guides(
    days: list[int], x: dict[int, float], ticks: Iterable[tuple[str, int]], axis_y: int, width: int, rtl: bool = False
) -> str:
    """Draw the axis line with break marks over long gaps, and the year ticks and labels (right to left if `rtl`)."""
    line, breaks, cursor = [], [], float(_PAD)
    for a, b in zip(days, days[1:]):
        if b - a > _BREAK_DAYS:
            mid = (x[a] + x[b]) / 2
            line.append(f"M{_num(cursor)} {axis_y}H{_num(mid - 4)}")
            breaks.append(f"M{_num(mid - 7)} {axis_y + 6}l6 -12M{_num(mid + 1)} {axis_y + 6}l6 -12")
            cursor = mid + 4
    line.append(f"M{_num(cursor)} {axis_y}H{width - _PAD}")
    tick_marks, labels, last_label = [], [], -math.inf
    for year, tick in ticks:
        tick_marks.append(f"M{_num(x[tick])} {axis_y}v6")
        if x[tick] - last_label >= _LABEL_ROOM:
            labels.append(
                f'<text class="ex-axis-year" x="{_num(width - x[tick] if rtl else x[tick])}" y="{axis_y + 22}" '
                f'text-anchor="middle">{escape(year)}</text>'
            )
            last_label = x[tick]
    paths = [("ex-axis-line", line), ("ex-axis-break", breaks), ("ex-axis-tick", tick_marks)]
    drawn = "".join(f'<path class="{name}" fill="none" stroke="currentColor" d="{"".join(d)}"/>' for name, d in paths if d)
    return '<g aria-hidden="true">' + _mirrored(drawn, width, rtl) + "".join(labels) + "</g>"


def _mirrored(shapes: str, width: int, rtl: bool) -> str:
    """The axis's shapes, mirrored so that time runs from right to left on a right-to-left page (text is placed apart)."""
    return f'<g transform="matrix(-1 0 0 1 {width} 0)">{shapes}</g>' if rtl and shapes else shapes
