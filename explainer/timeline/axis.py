"""The timeline's axis: an SVG of the events' marks on a piecewise time scale that fits its column at every width."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

from babel import Locale

from ..dates.format import DateWords, format_year
from ..dates.parse import day_number
from ..language.fallback import said
from ..language.interface import Interface
from ..model import Event, PartialDate
from .model import TimelineEntry

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


def axis_svg(
    events: Sequence[Event], entries: Sequence[TimelineEntry], locale: Locale, words: Interface, dates: DateWords
) -> str:
    if not events:
        return ""
    years, own = _tick_years(events)
    spans = [
        (_first_day(e.start), _day_after(e.end) if e.end else _day_after(e.start) if e.start.unspecified else None)
        for e in events
    ]
    ticks = [day_number(year) for year in years]
    days = sorted({d for span in spans for d in span if d is not None} | set(ticks))
    x = _scale(days)
    rtl = words.direction == "rtl"
    lanes: list[float] = []  # right edge, in px of the narrowest axis, of the last mark in each lane
    marks = []
    for event, entry, (start, end) in zip(events, entries, spans):
        left, right = x[start] * _NARROW, x[start if end is None else end] * _NARROW
        lane = next((i for i, edge in enumerate(lanes) if edge + 4 <= left - _RADIUS), len(lanes))
        lanes[lane : lane + 1] = [right + _RADIUS]
        marks.append(
            _mark(entry, x[start], None if end is None else x[end], 14 + lane * _LANE, event, rtl, words.gettext(": "))
        )
    axis_y = 12 + len(lanes) * _LANE
    height = axis_y + 30
    era = dates.era or years[0] < 1  # ticks that reach before year 1 name the era of every year
    first, last = format_year(years[0], locale, era), format_year(years[-1], locale, era)
    title = (
        words.gettext("Time axis, {year}; long gaps are shortened. Each mark links to its event.").format(year=first)
        if first == last  # a story within one year
        else words.gettext(
            "Time axis, {start} to {end}; long gaps are shortened. Each mark links to its event."
        ).format(start=first, end=last)
    )
    labels = [(format_year(year, locale, era), x[tick]) for year, tick in zip(years, ticks)]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ex-axis-svg" data-timeline-axis="" '
        f'width="100%" height="{height}" fill="currentColor">'
        f"<title>{escape(title)}</title>"
        f"{_guides(days if own else [], x, labels, axis_y, rtl)}"
        f"{''.join(marks)}</svg>"
    )


def _mark(
    entry: TimelineEntry, left: float, right: float | None, cy: float, event: Event, rtl: bool, colon: str
) -> str:
    """Draw one event as a linked dot, or a bar for a range, named by its date and title (between the language's colon)."""
    at: Callable[[float], float] = (lambda v: 1 - v) if rtl else (lambda v: v)
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
        f"<title>{escape(entry.date_label.text)}{escape(colon)}{said(entry.title, rtl)}</title>{shape}</a>"
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
        return {"start": (middle, middle + size), "end": (middle - size, middle)}.get(
            anchor, (middle - size / 2, middle + size / 2)
        )

    def clear(index: int, width: float) -> bool:
        low, high = extent(index, width)
        return all(
            high + _GAP <= extent(i, width)[0] or extent(i, width)[1] + _GAP <= low
            for i, kind in enumerate(shown)
            if kind is not None
        )

    last = len(labels) - 1
    shown[0] = ""
    for kind, width in (("", _NARROW), ("wide", _WIDE)):
        for index in [last, *range(1, last)] if last else []:
            if shown[index] is None and clear(index, width):
                shown[index] = kind
    return shown


def _guides(
    days: list[int], x: dict[int, float], labels: Sequence[tuple[str, float]], axis_y: int, rtl: bool = False
) -> str:
    """Draw the axis line with break marks over long gaps between `days`, and the year ticks and labels (right to left if `rtl`)."""
    at: Callable[[float], float] = (lambda v: 1 - v) if rtl else (lambda v: v)
    breaks = [
        f'<svg x="{_pct(at((x[a] + x[b]) / 2))}" overflow="visible"><path d="M-7 {axis_y + 6}l6 -12M1 {axis_y + 6}l6 -12"/></svg>'
        for a, b in zip(days, days[1:])
        if b - a > _BREAK_DAYS
    ]
    ticks = "".join(
        f'<line x1="{_pct(at(tick))}" x2="{_pct(at(tick))}" y1="{axis_y}" y2="{axis_y + 6}"/>' for _, tick in labels
    )
    texts = []
    for (text, tick), kind in zip(labels, _label_layout(labels)):
        if kind is None:
            continue
        anchor = _anchor(text, tick)
        wide = ' data-wide=""' if kind else ""
        texts.append(
            f'<text class="ex-axis-year" x="{_pct(at(tick))}" y="{axis_y + 22}" text-anchor="{anchor}"{wide}>{escape(text)}</text>'
        )
    return (
        '<g aria-hidden="true" fill="none" stroke="currentColor">'
        f'<line class="ex-axis-line" x1="0%" x2="100%" y1="{axis_y}" y2="{axis_y}"/>'
        + (f'<g class="ex-axis-break">{"".join(breaks)}</g>' if breaks else "")
        + f'<g class="ex-axis-tick">{ticks}</g></g>'
        + f'<g aria-hidden="true">{"".join(texts)}</g>'
    )
