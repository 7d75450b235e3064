"""The page context: timeline, map and cross-links computed in Python, handed to Jinja as dicts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .brand import brand_css
from .cache import BuildCache
from .map.drawings import Drawings
from .model import Attribution, Event, Explainer, Section, Site
from .render import to_context
from .timeline import Timeline, TimelineEntry, build_timeline, format_date_range, format_day


# The views below live only here, until to_context turns them into dicts: not frozen, since nothing hashes them,
# but compared, since the BuildCache keeps the dicts by the views they were made from.
@dataclass
class Link:
    """An in-page link: its fragment, its text, and the place ids it concerns (for map highlighting)."""

    href: str
    text: str
    places: str = ""


@dataclass
class PlaceRef:
    """A link to a place on the map."""

    id: str
    name: str


@dataclass
class PlaceEntry:
    """A place in the text list beside the map, with the events that happened there."""

    id: str
    name: str
    events: tuple[Link, ...]
    sections: tuple[Link, ...]


@dataclass
class Credit:
    """A source as the page credits it: what kind of work it is, its name and link, and who made it when, where known."""

    kind: str  # "Opinion", or "" if not given
    name: str
    url: str | None
    details: str  # "by Ann Lee, The Daily, 7 April 2021", or ""
    description: str


def credit(source: Attribution, language: str) -> Credit:
    """Credit a source with only what site.yaml says about it."""
    parts = [f"by {source.author}" if source.author else "", source.outlet]
    if source.date is not None:
        parts.append(format_date_range(source.date, None, language).text)
    kind = source.kind[:1].upper() + source.kind[1:]
    return Credit(kind, source.name, source.url, ", ".join(p for p in parts if p), source.description)


@dataclass
class SourceEntry:
    """One source in the closing list: who published it, when and where to read it, and the events it backs."""

    name: str
    url: str | None
    details: str  # "by Ann Lee, 7 April 2021", or ""
    events: list[Link]


def event_sources(entries: list[TimelineEntry]) -> list[SourceEntry]:
    """The events' sources in timeline order, each once, with links to the events it backs."""
    found: dict[tuple[str, str | None, str, str], SourceEntry] = {}
    for entry in entries:
        source = entry.source
        if source is None:
            continue
        details = ", ".join(p for p in (f"by {source.author}" if source.author else "", source.date.text if source.date else "") if p)
        key = (source.name, source.url, source.author, details)
        found.setdefault(key, SourceEntry(source.name, source.url, details, [])).events.append(_event_link(entry))
    return list(found.values())


@dataclass
class PersonEntry:
    """Someone in the who's who, with the sections and events that name them."""

    id: str
    name: str
    role: str
    description: str
    sections: tuple[Link, ...]
    events: tuple[Link, ...]


@dataclass
class SectionView:
    """A themed section as the page shows it: numbered, cross-linked, and pointing to what comes next."""

    id: str
    number: int
    title: str
    summary: str
    note: str
    html: str
    places: tuple[PlaceRef, ...]
    place_ids: str
    events: tuple[Link, ...]
    next: Link
    people: tuple[PlaceRef, ...]  # id and name, linked to the who's who


def sections_by_place(placed: tuple[tuple[str, tuple[str, ...]], ...], theme_labels: dict[str, str]) -> dict[str, list[Link]]:
    """For each place id, links to the sections (given as id and place ids) that concern it, in reading order."""
    found: dict[str, list[Link]] = {}
    for section, places in placed:
        for p in dict.fromkeys(places):
            found.setdefault(p, []).append(Link(f"#{section}", theme_labels[section]))
    return found


def section_view(
    s: Section, number: int, after: Section | None, events: Sequence[Link], place_names: dict[str, str], person_names: dict[str, str], following_part: Link
) -> SectionView:
    """A section as the page shows it; the last one leads to `following_part` (the timeline, or the places without one)."""
    return SectionView(
        id=s.id,
        number=number,
        title=s.title,
        summary=s.summary,
        note=s.note,
        html=s.html,
        places=tuple(PlaceRef(p, place_names[p]) for p in s.places),
        place_ids=" ".join(s.places),
        events=tuple(events),
        next=Link(f"#{after.id}", after.title) if after else following_part,
        people=tuple(PlaceRef(p, person_names[p]) for p in s.people),
    )


def page_context(
    explainer: Explainer, root: Path, assets: Mapping[str, str], drawings: Drawings, cache: BuildCache | None = None
) -> dict[str, Any]:
    """Everything index.html needs, already ordered, formatted and linked; parts with unchanged inputs come from `cache`."""
    cache = cache or BuildCache()
    site = explainer.site
    timeline, by_theme, by_place, by_person = cache.keep("page:timeline", (explainer.events, site), lambda: linked_timeline(explainer.events, site))
    place_names = {p.id: p.name for p in site.places}
    person_names = {p.id: p.name for p in site.people}
    theme_labels = {t.id: t.label for t in site.themes}
    after_last = Link("#timeline", timeline.text.heading) if timeline.years else Link("#places", "Places")
    after = (*explainer.sections[1:], None)  # the section after each one
    placed = tuple((s.id, s.places) for s in explainer.sections)
    sections_at = cache.keep("page:sections-at", (placed, site), lambda: sections_by_place(placed, theme_labels))
    sections = [  # each made only when its inputs changed (keep calls the lambda at once, in its own iteration)
        cache.keep(
            f"page:section:{s.id}",
            (s, number, following, by_theme.get(s.id), site, after_last),
            lambda: to_context(section_view(s, number, following, by_theme.get(s.id, ()), place_names, person_names, after_last)),
        )
        for number, (s, following) in enumerate(zip(explainer.sections, after), start=1)
    ]
    places = [
        cache.keep(
            f"page:place:{p.id}",
            (p, by_place.get(p.id), sections_at.get(p.id)),
            lambda: to_context(PlaceEntry(p.id, p.name, tuple(by_place.get(p.id, ())), tuple(sections_at.get(p.id, ())))),
        )
        for p in site.places
    ]
    people = [
        to_context(
            PersonEntry(
                p.id, p.name, p.role, p.description,
                tuple(Link(f"#{s.id}", s.title) for s in explainer.sections if p.id in s.people),
                tuple(by_person.get(p.id, ())),
            )
        )
        for p in site.people
    ]
    map_svg = drawings.map_svg(site.places, site.routes, site.map, f"Map: {site.title}", site.language)
    return {
        "site": _context(cache, "page:site", site),
        "source": to_context(credit(site.source, site.language)),
        "glance": [s for s in sections if s["summary"]],
        "published_label": format_day(site.published, site.language),
        "updated_label": format_day(site.updated, site.language) if site.updated else "",
        "sections": sections,
        "section_count": len(sections),
        "themes": _context(cache, "page:themes", site.themes),
        "places": places,
        "people": people,
        "brand": {"name": site.brand.name, "logo": site.brand.logo, "css": brand_css(site.brand),
                  "preload": site.brand.body_font.file if site.brand.body_font else ""} if site.brand else None,
        "sources": [to_context(s) for s in event_sources([entry for year in timeline.years for entry in year.entries])],
        "routes": [{"id": r.id, "label": r.label, "stops": [place_names[p] for p in r.places]} for r in site.routes],
        "updates": [{"date": u.date.isoformat(), "label": format_day(u.date, site.language), "html": u.html} for u in explainer.updates],
        "timeline": _context(cache, "page:timeline-context", timeline),
        "map_svg": map_svg,
        "assets": dict(assets),
    }


def _context(cache: BuildCache, key: str, value: Any) -> Any:
    """to_context(value), kept in `cache` until the value changes."""
    return cache.keep(key, (value,), lambda: to_context(value))


def linked_timeline(events: tuple[Event, ...], site: Site) -> tuple[Timeline, dict[str, list[Link]], dict[str, list[Link]], dict[str, list[Link]]]:
    """The timeline, and links to its entries grouped by theme, by place and by person."""
    timeline = build_timeline(events, site.themes, site.places, site.language, site.people)
    return (timeline, *event_links([entry for year in timeline.years for entry in year.entries]))


def event_links(entries: list[TimelineEntry]) -> tuple[dict[str, list[Link]], dict[str, list[Link]], dict[str, list[Link]]]:
    """Links to the timeline's entries, in its order, grouped by theme, by place and by person (one pass, not one per group)."""
    by_theme: dict[str, list[Link]] = {}
    by_place: dict[str, list[Link]] = {}
    by_person: dict[str, list[Link]] = {}
    for entry in entries:
        link = _event_link(entry)
        by_theme.setdefault(entry.theme, []).append(link)
        for place in dict.fromkeys(q for q, _ in entry.places):
            by_place.setdefault(place, []).append(link)
        for person in dict.fromkeys(q for q, _ in entry.people):
            by_person.setdefault(person, []).append(link)
    return by_theme, by_place, by_person


def _event_link(entry: TimelineEntry) -> Link:
    """A link to a timeline entry, carrying the ids of its places."""
    return Link(f"#{entry.anchor}", f"{entry.date_label.text}: {entry.title}", " ".join(q for q, _ in entry.places))
