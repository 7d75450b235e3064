"""The explainer's data for other tools: TimelineJS JSON and sheet CSV, iCalendar, GeoJSON (written to data/).

Every file is deterministic: events in timeline order, no clock (the iCalendar DTSTAMP is the explainer's
updated or published day), ids taken from the content. The content's years are astronomical (EDTF's -0043
is 44 BC); TimelineJS writes a negative year as that many years BCE, so 44 BC is its year -44. iCalendar's
dates start at year 1, so data/events.ics leaves out every event that starts before it (the README says so).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3

from ..dates.format import CIRCA as APPROXIMATE
from ..language.fallback import lang_marks, said
from ..language.interface import Interface
from ..model import Event, PartialDate, Site, Untranslated

EVENTS_JSON = "data/events.json"
EVENTS_CSV = "data/events.csv"
EVENTS_ICS = "data/events.ics"
PLACES_GEOJSON = "data/places.geojson"

# The columns of the TimelineJS Google Sheet template, in its order.
SHEET_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip
ICS_LINE_OCTETS = 75  # RFC 5545 3.1: fold longer content lines
CIRCA = "c. "  # TimelineJS's display_date for an approximate date, in any language; the importer reads it back


def export_files(site: Site, events: Sequence[Event]) -> dict[str, bytes]:
    """The data files beside index.html, by their path in the site, in its language.

    In an edition, what it shows untranslated is marked with its language: in HTML for TimelineJS, by iCalendar's
    LANGUAGE parameter."""
    ordered_events = ordered(events)
    words = Interface(site.language, site.strings)
    shown = Exported(words.gettext("Source:"), words.direction == "rtl", words.gettext(APPROXIMATE))
    return {
        EVENTS_JSON: timelinejs_json(site, ordered_events, shown),
        EVENTS_CSV: timelinejs_csv(site, ordered_events, shown),
        EVENTS_ICS: icalendar(site, ordered_events, shown),
        PLACES_GEOJSON: geojson(site, ordered_events),
    }


@dataclass(frozen=True, slots=True)
class Exported:
    """How the exports write an event's text in the site's language."""

    source: str = "Source:"  # before the source's name
    rtl: bool = False  # the site's language runs right to left
    circa: str = "c. "  # before an approximate event's title in the calendar

    def html(self, text: str) -> str:
        """A text for TimelineJS (which reads it as HTML) as written; an edition's untranslated text marked."""
        return said(text, self.rtl) if isinstance(text, Untranslated) else text


def ordered(events: Sequence[Event]) -> list[Event]:
    """Events in the timeline's order."""
    return sorted(events, key=lambda e: (e.start.sort_key, (e.end or e.start).sort_key, e.id))


def event_text(event: Event, shown: Exported = Exported()) -> str:
    """The event's HTML, with its source as a last paragraph (TimelineJS has no field for it); an edition's
    untranslated text marked with its language."""
    text = event.html
    if event.language and text:
        text = f"<div{lang_marks(event.language, shown.rtl)[0]}>{text}</div>"
    if event.source is None:
        return text
    source = event.source
    name = said(source.name, shown.rtl)
    cited = f'<a href="{html.escape(source.url)}">{name}</a>' if source.url else name
    dated = f", {source.date.edtf()}" if source.date else ""
    return f'{text}\n<p class="ex-source">{html.escape(shown.source)} {cited}{dated}</p>'.lstrip("\n")


def _tl_date(date: PartialDate) -> dict[str, str]:
    """A TimelineJS date object at the date's precision (TimelineJS takes strings or numbers)."""
    parts = {"year": str(timelinejs_year(date.year))}
    if date.month is not None:
        parts["month"] = str(date.month)
    if date.day is not None:
        parts["day"] = str(date.day)
    return parts


def timelinejs_year(year: int) -> int:
    """TimelineJS's year for an astronomical one: it shows -44 as "44 BCE" and has no year 0."""
    return year if year >= 1 else year - 1


def timelinejs_json(site: Site, events: Sequence[Event], shown: Exported = Exported()) -> bytes:
    """data/events.json: a TimelineJS timeline, the title slide from the site's title and dek, one slide per event."""
    labels = {t.id: t.label for t in site.themes}
    slides = []
    for event in events:
        slide: dict[str, object] = {"unique_id": f"event-{event.id}", "start_date": _tl_date(event.start)}
        if event.end is not None:
            slide["end_date"] = _tl_date(event.end)
        if _displayed(event):
            slide["display_date"] = _display(event)
        slide["text"] = {"headline": shown.html(event.title), "text": event_text(event, shown)}
        slide["group"] = labels[event.theme]
        slides.append(slide)
    timeline = {"title": {"text": {"headline": shown.html(site.title), "text": shown.html(site.dek)}}, "events": slides}
    return (json.dumps(timeline, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _displayed(event: Event) -> bool:
    """Whether TimelineJS needs the event's date written out: approximate, uncertain, before year 1 or a decade."""
    return event.approximate or event.uncertain or event.start.year < 1 or bool(event.start.unspecified)


def _display(event: Event) -> str:
    """ "c. " before an approximate date (the importer reads it back), then the dates in EDTF: -0043-03-15, 2021-04?."""
    start, end = (d.iso() + ("?" if d.uncertain else "") for d in (event.start, event.end or event.start))
    return (CIRCA if event.approximate else "") + (start if event.end is None else f"{start} – {end}")


def timelinejs_csv(site: Site, events: Sequence[Event], shown: Exported = Exported()) -> bytes:
    """data/events.csv: the TimelineJS sheet template's columns, a title row first, then one row per event."""
    labels = {t.id: t.label for t in site.themes}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SHEET_COLUMNS)
    writer.writerow(_row(Headline=shown.html(site.title), Text=shown.html(site.dek), Type="title"))
    for event in events:
        end = event.end or PartialDate(0)
        writer.writerow(
            _row(
                Year=timelinejs_year(event.start.year),
                Month=event.start.month,
                Day=event.start.day,
                **{"End Year": event.end and timelinejs_year(end.year), "End Month": end.month, "End Day": end.day},
                **{"Display Date": _display(event) if _displayed(event) else None},
                Headline=shown.html(event.title),
                Text=event_text(event, shown),
                Group=labels[event.theme],
            )
        )
    return out.getvalue().encode("utf-8")


def _row(**cells: object) -> list[str]:
    """A sheet row: the given cells under their column names (spaces written as keywords), the rest empty."""
    return ["" if cells.get(column) is None else str(cells[column]) for column in SHEET_COLUMNS]


def calendar_span(start: PartialDate, end: PartialDate | None) -> tuple[dt.date, dt.date]:
    """All-day DTSTART and exclusive DTEND: a day is that day, a month, year or decade covers all its days, a range both ends."""
    last = end or start
    first = dt.date(start.year, start.month or 1, start.day or 1)
    if last.day is not None:
        after = dt.date(last.year, last.month or 1, last.day) + dt.timedelta(days=1)
    elif last.month is not None:
        after = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    else:
        after = dt.date(last.last_year + 1, 1, 1)
    return first, after


def icalendar(site: Site, events: Sequence[Event], shown: Exported = Exported()) -> bytes:
    """data/events.ics: one all-day VEVENT per event, UIDs from the event ids, DTSTAMP from the site's last date."""
    labels = {t.id: t.label for t in site.themes}
    places = {p.id: p.name for p in site.places}
    host = urlsplit(site.base_url).hostname or "localhost"
    stamp = (site.updated or site.published).strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//explainer//data/events.ics//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_text(site.title)}",
    ]
    for event in (e for e in events if e.start.year >= 1):
        first, after = calendar_span(event.start, event.end)
        description = _plain(event_text(event, shown))
        names = [places[p] for p in event.places]
        circa = shown.circa if event.approximate else ""  # in the site's language: LANGUAGE only without it
        summary = circa + event.title + (" (?)" if event.uncertain else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.id}@{host}{urlsplit(site.base_url).path}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_ics_date(first)}",
            f"DTEND;VALUE=DATE:{_ics_date(after)}",
            f"SUMMARY{_ics_language([circa, event.title] if circa else [event.title])}:{_ics_text(summary)}",
            *(
                [f"DESCRIPTION{f';LANGUAGE={event.language}' if event.language else ''}:{_ics_text(description)}"]
                if description
                else []
            ),
            *([f"LOCATION{_ics_language(names)}:{_ics_text(', '.join(names))}"] if names else []),
            f"CATEGORIES{_ics_language([labels[event.theme]])}:{_ics_text(labels[event.theme])}",
            f"URL:{site.base_url}#event-{event.id}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")


def _ics_language(texts: Sequence[str]) -> str:
    """RFC 5545's LANGUAGE parameter for a value made only of an edition's untranslated texts: ";LANGUAGE=en"; else ""."""
    langs = {t.lang if isinstance(t, Untranslated) else "" for t in texts}
    return f";LANGUAGE={langs.pop()}" if len(langs) == 1 and "" not in langs else ""


def _ics_date(day: dt.date) -> str:
    """An iCalendar DATE, four digits of year included (strftime's %Y writes the year 14 as '14')."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _plain(fragment: str) -> str:
    """HTML as plain text: tags dropped, entities decoded, paragraphs on their own lines."""
    return html.unescape(nh3.clean(fragment.replace("</p>", "</p>\n"), tags=set())).strip()


def _ics_text(text: str) -> str:
    """An iCalendar TEXT value (RFC 5545 3.3.11)."""
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    pieces, start, limit = [], 0, ICS_LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: end the piece before its character
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, limit = end, ICS_LINE_OCTETS - 1  # each further piece starts with the folding space
    pieces.append(data[start:].decode("utf-8"))
    return "\r\n ".join(pieces)


def geojson(site: Site, events: Sequence[Event]) -> bytes:
    """data/places.geojson: places as Points, routes as LineStrings through their places, in WGS84 (RFC 7946)."""
    labels = {t.id: t.label for t in site.themes}
    where = {p.id: p for p in site.places}
    features: list[dict[str, object]] = []
    for place in site.places:
        features.append({
            "type": "Feature",
            "id": place.id,
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "kind": "place",
                "name": place.name,
                "events": [e.id for e in events if place.id in e.places],
                "url": f"{site.base_url}#place-{place.id}",
            },
        })  # fmt: skip
    for route in site.routes:
        features.append({
            "type": "Feature",
            "id": route.id,
            "geometry": {"type": "LineString", "coordinates": [[where[p].lon, where[p].lat] for p in route.places]},
            "properties": {"kind": "route", "name": route.label, "theme": route.theme, "theme_label": labels[route.theme], "places": list(route.places)},
        })  # fmt: skip
    collection = {"type": "FeatureCollection", "features": features}
    return (json.dumps(collection, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
