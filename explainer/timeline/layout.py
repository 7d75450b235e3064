"""Pure: events -> an ordered timeline grouped by year, with human dates (dates/format.py) and its axis (axis.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby

from babel import Locale

from ..dates.format import DateWords, format_date_range, format_partial_date, format_year, needs_era
from ..language.fallback import fallback
from ..language.interface import Interface
from ..language.tags import resolve
from ..model import Event, PartialDate, Person, Place, Theme
from .axis import axis_svg
from .model import EntrySource, Timeline, TimelineEntry, YearGroup, timeline_text


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
    entries = [_entry(e, theme_labels, place_names, person_names, language, dates, words) for e in ordered]
    years = tuple(
        YearGroup(
            first.year, year_anchor(first), _group_label(first, locale, dates), tuple(entry for _, entry in pairs)
        )
        for first, pairs in (
            (_group(key), list(pairs))
            for key, pairs in groupby(zip(ordered, entries), key=lambda pair: _group_key(pair[0].start))
        )
    )
    return Timeline(years, axis_svg(ordered, entries, locale, words, dates), timeline_text(words))


def _group_key(date: PartialDate) -> tuple[int, int]:
    """Events are listed under their year, or their decade or century when its last digits are open (196X)."""
    return date.year, date.unspecified


def _group(key: tuple[int, int]) -> PartialDate:
    return PartialDate(key[0], unspecified=key[1])


def _group_label(date: PartialDate, locale: Locale, words: DateWords) -> str:
    return (
        format_partial_date(date, locale, words.era, words)
        if date.unspecified
        else format_year(date.year, locale, words.era)
    )


def year_anchor(date: PartialDate) -> str:
    """The id of a year's heading on the timeline: timeline-2021, timeline-1960s, timeline-44-bce."""
    if date.unspecified:
        return f"timeline-{date.year}s"
    return f"timeline-{date.year}" if date.year >= 1 else f"timeline-{1 - date.year}-bce"


def _entry(
    event: Event,
    theme_labels: dict[str, str],
    place_names: dict[str, str],
    person_names: dict[str, str],
    language: str,
    dates: DateWords,
    words: Interface,
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
        fallback=fallback(event.language, words),
    )
