"""Read TimelineJS (JSON or the Google Sheet template's CSV) and StoryMapJS (JSON) into the explainer's terms.

Pure: text in, an Imported record out, with what was kept and what was dropped (and why). Bad input raises
ImportFailed with `FILE:line[:col]` where the format has lines (JSON syntax errors, CSV rows), else the JSON path.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import nh3

from ..dates.parse import MAX_YEAR, MIN_YEAR, days_in_month
from ..errors import Loc, SourceError
from ..model import PartialDate
from .export import timelinejs_year

# What imported text may keep before it becomes Markdown: what an editor may write in content (README).
TEXT_TAGS = {
    "p",
    "br",
    "em",
    "i",
    "strong",
    "b",
    "code",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h3",
    "h4",
    "abbr",
    "q",
    "cite",
    "sub",
    "sup",
}
TEXT_ATTRIBUTES = {"a": {"href"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}
# The exporter's last paragraph (explainer/exchange/export.py event_text), after "Source:" in the site's language:
# read back into the event's source.
SOURCE_PARAGRAPH = re.compile(
    r'\s*<p class="ex-source">[^<]*?[:：]\s*(?:<a href="(?P<url>[^"]*)">(?P<linked>.*?)</a>|(?P<name>[^<]*?))(?:, (?P<date>\d{4}(?:-\d{2}){0,2}))?</p>\s*$',
    re.S,
)
_EXPORTED = r"-?\d{3}[\dX](?:-\d{2}){0,2}\??"  # one date of an exported display_date
CIRCA = re.compile(r"^\s*(c\.|ca\.|circa|about)\s", re.I)
SLUG_CHARS = 48  # an id's headline part is cut at a word boundary near this length


class Slide(NamedTuple):
    """One TimelineJS slide as read, with where it is: for the report, for errors, and a prefix naming it in errors."""

    where: str
    loc: Loc
    label: str
    data: Mapping[str, Any]


class Unrepresentable(ValueError):
    """A slide the explainer cannot show (such as a year before 1): dropped and reported, not an error."""


class ImportFailed(Exception):
    """The input cannot be read; carries every problem found."""

    def __init__(self, errors: list[SourceError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


@dataclass(frozen=True)
class ImportedSource:
    name: str
    url: str | None
    date: str | None = None


@dataclass(frozen=True)
class ImportedEvent:
    id: str
    title: str
    date: PartialDate
    end: PartialDate | None
    approximate: bool
    text: str  # Markdown
    group: str | None  # the TimelineJS group: a theme's label (or id)
    source: ImportedSource | None


@dataclass(frozen=True)
class ImportedPlace:
    id: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class ImportedRoute:
    id: str
    label: str
    places: tuple[str, ...]


@dataclass(frozen=True)
class ImportedSection:
    """A story map's slides as one themed section: its title, summary, places and Markdown."""

    title: str
    summary: str
    places: tuple[str, ...]
    text: str


@dataclass
class Imported:
    """What one input file gave, and the report of what was kept and dropped."""

    title: str = ""
    dek: str = ""
    events: list[ImportedEvent] = field(default_factory=list)
    places: list[ImportedPlace] = field(default_factory=list)
    routes: list[ImportedRoute] = field(default_factory=list)
    section: ImportedSection | None = None
    kept: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def counted(n: int, singular: str, plural: str) -> str:
    """A count with its noun for the command line's English report: 1 event, 2 events, 0 events."""
    return f"{n} {singular if n == 1 else plural}"


def slug(text: str, fallback: str) -> str:
    """An id from free text: ASCII lower-case words joined by hyphens (Ada Lovelace -> ada-lovelace)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > SLUG_CHARS:
            break
        out = f"{out}-{word}" if out else word[:SLUG_CHARS]
    return out or fallback


def unique_ids(wanted: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """The wanted ids in order, a later duplicate suffixed -2, -3 …, so the same input always gives the same ids."""
    seen = set(taken)
    ids = []
    for base in wanted:
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}-{n}"
        seen.add(candidate)
        ids.append(candidate)
    return ids


def plain(fragment: str) -> str:
    """HTML as one line of plain text."""
    return " ".join(html.unescape(nh3.clean(fragment, tags=set())).split())


def to_markdown(fragment: str, where: str, report: Imported) -> str:
    """Sanitize HTML with nh3 to what content may hold, then convert it to Markdown; report the markup removed."""
    from markdownify import markdownify  # only an import needs it

    removed = sorted({t.lower() for t in re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9-]*)", fragment)} - TEXT_TAGS)
    if removed:
        report.dropped.append(
            f"{where}: markup {', '.join(f'<{t}>' for t in removed)} removed from the text (its words are kept; scripts and frames are not)"
        )
    clean = nh3.clean(fragment, tags=TEXT_TAGS, attributes=TEXT_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None)
    text = markdownify(clean, heading_style="ATX", bullets="-", escape_misc=False)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.strip().splitlines()))


# TimelineJS ---------------------------------------------------------------------------------------------------


def read_timelinejs(text: str, path: str) -> Imported:
    """A TimelineJS JSON file or a CSV export of its Google Sheet template (told apart by the extension, else the first character)."""
    suffix = path.lower().rsplit(".", 1)[-1]
    if suffix == "json" or (suffix != "csv" and text.lstrip()[:1] in ("{", "[")):
        return _timelinejs_slides(_timelinejs_json(text, path), path)
    return _timelinejs_slides(_timelinejs_csv(text, path), path)


def _load_json(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            [
                SourceError(
                    Loc(path, exc.lineno, exc.colno), f"not valid JSON: {exc.msg}; fix the file or export it again"
                )
            ]
        ) from None


def _timelinejs_json(text: str, path: str) -> list[Slide]:
    """The slides of a TimelineJS JSON file, each with where it is: the title first (if any), then the events."""
    data = _load_json(text, path)
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ImportFailed(
            [SourceError(Loc(path), "not a TimelineJS timeline: expected an object with an 'events' list")]
        )
    slides: list[Slide] = []
    if isinstance(data.get("title"), dict):
        slides.append(Slide(f"{path}: title", Loc(path), "title: ", {**data["title"], "type": "title"}))
    for n, event in enumerate(data["events"]):
        if not isinstance(event, dict):
            raise ImportFailed(
                [SourceError(Loc(path), f"events[{n}] is not an object; each event needs start_date and text")]
            )
        slides.append(Slide(f"{path}: events[{n}]", Loc(path), f"events[{n}]: ", event))
    for key in sorted(set(data) - {"title", "events"}):
        slides.append(Slide(f"{path}: {key}", Loc(path), "", {"type": "dropped-key", "key": key}))
    return slides


def _timelinejs_csv(text: str, path: str) -> list[Slide]:
    """The rows of the sheet template's CSV as TimelineJS slides, each with its line number."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ImportFailed(
            [SourceError(Loc(path, 1), "the file is empty; export the TimelineJS sheet as CSV")]
        ) from None
    if "Headline" not in header or "Year" not in header:
        raise ImportFailed(
            [
                SourceError(
                    Loc(path, 1),
                    "not a TimelineJS sheet: the first row needs the template's columns (Year, Month, Day, …, Headline, Text, …)",
                )
            ]
        )
    slides: list[Slide] = []
    line = reader.line_num + 1
    try:
        for row in reader:
            cells = {name: value.strip() for name, value in zip(header, row)}
            where = Loc(path, line)
            line = reader.line_num + 1
            if not any(cells.values()):
                continue
            slides.append(Slide(str(where), where, "", _sheet_slide(cells)))
    except csv.Error as exc:
        raise ImportFailed([SourceError(Loc(path, reader.line_num), f"not valid CSV: {exc}")]) from None
    return slides


def _sheet_slide(cells: Mapping[str, str]) -> dict[str, Any]:
    """A sheet row as the slide object TimelineJS builds from it (its ConfigFactory does the same mapping)."""

    def date(prefix: str) -> dict[str, str] | None:
        parts = {
            k: cells.get(f"{prefix}{name}", "")
            for k, name in (("year", "Year"), ("month", "Month"), ("day", "Day"), ("time", "Time"))
        }
        return {k: v for k, v in parts.items() if v} or None

    slide: dict[str, Any] = {
        "start_date": date(""),
        "end_date": date("End "),
        "display_date": cells.get("Display Date", ""),
        "text": {"headline": cells.get("Headline", ""), "text": cells.get("Text", "")},
        "media": {
            "url": cells.get("Media", ""),
            "credit": cells.get("Media Credit", ""),
            "caption": cells.get("Media Caption", ""),
            "thumbnail": cells.get("Media Thumbnail", ""),
        },
        "group": cells.get("Group", ""),
        "type": cells.get("Type", "").lower(),
        "background": cells.get("Background", ""),
    }
    return slide


def _timelinejs_slides(slides: list[Slide], path: str) -> Imported:
    result = Imported()
    errors: list[SourceError] = []
    drafts: list[tuple[str, str, ImportedEvent]] = []  # (where, wanted id, event with id unset)
    for where, loc, label, slide in slides:
        kind = str(slide.get("type") or "")
        if kind == "dropped-key":
            result.dropped.append(
                f"{where}: '{slide['key']}' dropped: the explainer's timeline has no {slide['key']} (only events and a title)"
            )
            continue
        if kind == "title":
            text = slide.get("text") or {}
            result.title, result.dek = plain(str(text.get("headline") or "")), plain(str(text.get("text") or ""))
            result.kept.append(f"{where}: title slide {result.title!r}")
            _drop_extras(slide, where, result, ("media", "background"))
            continue
        if kind == "era":
            result.dropped.append(f"{where}: era dropped: the explainer's timeline has no eras")
            continue
        try:
            drafts.append(_event(slide, where, result))
        except Unrepresentable as exc:
            result.dropped.append(f"{where}: event dropped: {exc}")
        except ValueError as exc:
            errors.append(SourceError(loc, label + str(exc)))
    if errors:
        raise ImportFailed(errors)
    ids = unique_ids(wanted for _, wanted, _ in drafts)
    for (where, _, event), event_id in zip(drafts, ids):
        result.events.append(replace(event, id=event_id))
        result.kept.append(
            f"{where}: event {event_id} ({event.date.iso()}{'–' + event.end.iso() if event.end else ''})"
        )
    return result


def _event(slide: Mapping[str, Any], where: str, report: Imported) -> tuple[str, str, ImportedEvent]:
    """One TimelineJS slide as an event (its id still to be made unique); raises ValueError for what cannot be read."""
    text = slide.get("text") or {}
    title = plain(str(text.get("headline") or ""))
    if not title:
        raise ValueError("the event has no headline; give it one (the timeline needs a title for every event)")
    start = _date(slide.get("start_date"), "start", where, report)
    if start is None:
        raise ValueError("the event has no start date; give it a year at least")
    end = _date(slide.get("end_date"), "end", where, report) if slide.get("end_date") else None
    if end is not None and end.precision != start.precision:
        coarse = min(start.precision, end.precision, key=("year", "month", "day").index)
        start, end = _coarsen(start, coarse), _coarsen(end, coarse)
        report.dropped.append(
            f"{where}: the range is kept to the {coarse} ({start.iso()}–{end.iso()}): both ends of a range share a precision"
        )
    if end is not None and end.sort_key <= start.sort_key:
        if end.sort_key < start.sort_key:
            report.dropped.append(f"{where}: end date {end.iso()} dropped: it is before the start {start.iso()}")
        end = None
    display = str(slide.get("display_date") or "")
    circa = CIRCA.match(display)
    approximate = circa is not None
    written = display[circa.end() :] if circa else display
    if re.fullmatch(
        rf"{_EXPORTED}(?: – {_EXPORTED})?", written.strip()
    ):  # as data/events.json writes it: 2021-04?, -0043
        ends = written.strip().split(" – ")
        start = replace(start, qualifier="?") if ends[0].endswith("?") else start
        end = replace(end, qualifier="?") if end is not None and len(ends) > 1 and ends[1].endswith("?") else end
    elif display and not approximate:
        report.dropped.append(
            f"{where}: display date {display!r} dropped: dates are written in the site's language from the date itself"
        )
    body = str(text.get("text") or "")
    source = None
    found = SOURCE_PARAGRAPH.search(body)
    if found:
        body = body[: found.start()]
        source = ImportedSource(
            html.unescape(found["linked"] or found["name"] or "").strip(),
            html.unescape(found["url"]) if found["url"] else None,
            found["date"],
        )
    media = slide.get("media") or {}
    if source is None and media.get("url"):
        source = _media_source(media, where, report)
    elif media.get("url"):
        report.dropped.append(f"{where}: media {media['url']} dropped: the event already names its source")
    _drop_extras(slide, where, report, ("background",))
    wanted = str(slide.get("unique_id") or "")
    wanted = (
        wanted.removeprefix("event-")
        if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", wanted)
        else f"{slug(title, 'event')}-{_date_slug(start)}"
    )
    group = str(slide.get("group") or "").strip() or None
    return (
        where,
        wanted,
        ImportedEvent(
            "", title, start, end, approximate, to_markdown(body, where, report) if body.strip() else "", group, source
        ),
    )


def _date_slug(date: PartialDate) -> str:
    """A date as part of an id: 2021-04-06, 44-bce-03-15 (an id has no leading minus or capital X)."""
    return (f"{1 - date.year}-bce{date.iso()[5:]}" if date.year < 1 else date.iso()).lower()


def _date(value: Any, which: str, where: str, report: Imported) -> PartialDate | None:
    """A TimelineJS date object ({year, month, day, hour, …} as strings or numbers) at its precision."""
    if not isinstance(value, Mapping) or not str(value.get("year", "")).strip():
        return None
    parts = []
    for key in ("year", "month", "day"):
        raw = str(value.get(key, "")).strip()
        if not raw:
            break
        if not re.fullmatch(r"-?\d+", raw):
            raise ValueError(f"{which} {key} {raw!r} is not a whole number; write it as digits, such as 1979, 12 or 24")
        parts.append(int(raw))
    if parts[0] == 0:
        raise ValueError(f"{which} year 0 is no year: TimelineJS writes 1 BCE as -1 and 1 CE as 1")
    year = parts[0] = parts[0] if parts[0] > 0 else parts[0] + 1  # TimelineJS's -44 is 44 BCE, the explainer's -0043
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Unrepresentable(
            f"{which} year {timelinejs_year(year)} is outside {timelinejs_year(MIN_YEAR)}–{MAX_YEAR}, the years the explainer's dates cover"
        )
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise ValueError(f"{which} month {parts[1]} is not a month; months run from 1 to 12")
    if len(parts) > 2 and not 1 <= parts[2] <= days_in_month(year, parts[1]):
        raise ValueError(
            f"{which} date {year:04d}-{parts[1]:02d}-{parts[2]:02d} is not a day on the calendar; check the month and day"
        )
    dropped = [k for k in ("time", "hour", "minute", "second", "millisecond") if str(value.get(k, "")).strip()]
    if dropped:
        report.dropped.append(
            f"{where}: {which} {'/'.join(dropped)} dropped: the timeline shows days, not times of day"
        )
    return PartialDate(parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)


def _coarsen(date: PartialDate, precision: str) -> PartialDate:
    if precision == "year":
        return PartialDate(date.year)
    if precision == "month":
        return PartialDate(date.year, date.month)
    return date


def _media_source(media: Mapping[str, Any], where: str, report: Imported) -> ImportedSource | None:
    """Media as the event's source link when it is a web address; a local file is reported as dropped."""
    url = str(media["url"]).strip()
    credit, caption = plain(str(media.get("credit") or "")), plain(str(media.get("caption") or ""))
    if url.startswith("<"):
        report.dropped.append(f"{where}: media dropped: it is HTML (a quote or embed code), and events carry no media")
        return None
    if not url.startswith(("https://", "http://")):
        report.dropped.append(
            f"{where}: media {url!r} dropped: a local file would become a photo entry, and this version has no photos (content/media.yaml)"
        )
        return None
    name = credit or caption or urlsplit(url).hostname or url
    if credit and caption:
        report.dropped.append(f"{where}: media caption {caption!r} dropped: the source link is named after the credit")
    if media.get("thumbnail"):
        report.dropped.append(f"{where}: media thumbnail dropped: the timeline shows no images")
    return ImportedSource(name, url)


def _drop_extras(slide: Mapping[str, Any], where: str, report: Imported, keys: tuple[str, ...]) -> None:
    for key in keys:
        value = slide.get(key)
        if value and (not isinstance(value, Mapping) or any(value.values())):
            report.dropped.append(f"{where}: {key} dropped: the explainer's look comes from its own stylesheet")


# StoryMapJS ---------------------------------------------------------------------------------------------------


def read_storymapjs(text: str, path: str) -> Imported:
    """A StoryMapJS story: the overview slide as title, each slide's location a place, their order a route, the text a section."""
    data = _load_json(text, path)
    story = data.get("storymap") if isinstance(data, dict) else None
    if not isinstance(story, dict) or not isinstance(story.get("slides"), list):
        raise ImportFailed(
            [SourceError(Loc(path), "not a StoryMapJS story: expected an object with 'storymap': {'slides': [...]}")]
        )
    result = Imported()
    errors: list[SourceError] = []
    stops: list[int] = []  # indexes into result.places, in slide order
    parts: list[str] = []
    by_spot: dict[tuple[float, float], int] = {}
    for n, slide in enumerate(story["slides"]):
        where = f"{path}: slides[{n}]"
        if not isinstance(slide, dict):
            errors.append(SourceError(Loc(path), f"slides[{n}] is not an object"))
            continue
        text_part = slide.get("text") or {}
        headline, body = plain(str(text_part.get("headline") or "")), str(text_part.get("text") or "")
        if slide.get("type") == "overview":
            result.title, result.dek = headline, plain(body)
            result.kept.append(f"{where}: overview slide {headline!r} as the title")
            continue
        location = slide.get("location") or {}
        try:
            lat, lon = float(location["lat"]), float(location["lon"])
        except (KeyError, TypeError, ValueError):
            errors.append(
                SourceError(
                    Loc(path), f"slides[{n}]: location needs numeric 'lat' and 'lon'; add them or remove the slide"
                )
            )
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            errors.append(
                SourceError(
                    Loc(path),
                    f"slides[{n}]: location {lat}, {lon} is off the globe; lat runs from -90 to 90, lon from -180 to 180",
                )
            )
            continue
        name = plain(str(location.get("name") or "")) or headline or f"Stop {n}"
        spot = (round(lat, 6), round(lon, 6))
        if spot not in by_spot:
            by_spot[spot] = len(result.places)
            result.places.append(ImportedPlace("", name, lat, lon))
        stops.append(by_spot[spot])
        if headline or body.strip():
            parts.append(f"### {headline or name}\n\n{to_markdown(body, where, result)}".rstrip())
        if (slide.get("media") or {}).get("url"):
            result.dropped.append(
                f"{where}: media {slide['media']['url']} dropped: the explainer's sections carry no embedded media"
            )
        for key in ("date", "background"):
            if slide.get(key):
                result.dropped.append(
                    f"{where}: {key} dropped: a story map's slides become a section, which has no {key}"
                )
    if errors:
        raise ImportFailed(errors)
    place_ids = unique_ids(slug(p.name, "place") for p in result.places)
    result.places = [ImportedPlace(pid, p.name, p.lat, p.lon) for p, pid in zip(result.places, place_ids)]
    result.kept += [f"{path}: place {p.id} ({p.lat}, {p.lon})" for p in result.places]
    order = [place_ids[i] for i in stops]
    order = [pid for i, pid in enumerate(order) if i == 0 or order[i - 1] != pid]
    title = result.title or "Story map"
    if len(order) >= 2:
        result.routes.append(ImportedRoute(slug(title, "route"), title, tuple(order)))
        result.kept.append(f"{path}: route {result.routes[0].id} through {len(order)} stops in slide order")
    else:
        result.dropped.append(f"{path}: route dropped: the slides visit fewer than two places")
    result.section = ImportedSection(title, result.dek, tuple(p.id for p in result.places), "\n\n".join(parts))
    result.kept.append(f"{path}: the slides' text as a section of {counted(len(parts), 'part', 'parts')}")
    for key in ("map_type", "map_subdomains", "zoomify", "map_as_image", "call_to_action"):
        if story.get(key):
            result.dropped.append(
                f"{path}: storymap.{key} dropped: the map is drawn at build time from the site's basemap"
            )
    return result
