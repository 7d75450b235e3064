"""The timeline as the page shows it: entries in date order, grouped by year, and its interface words."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates.format import DateLabel
from ..language.fallback import Fallback
from ..language.interface import Interface


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
    fallback: Fallback | None = None  # in an edition, an event shown untranslated


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
