"""The page as the templates see it: timeline, map, photos and cross-links computed in Python, as frozen views."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType

from ..content.brand import brand_css
from ..dates.format import format_date_range, format_day
from ..language.fallback import Fallback, fallback
from ..language.interface import N_, Interface
from ..model import Attribution, Event, Explainer, Section, Site, Theme
from ..photos.pictures import Rendition
from ..text.figures import Part, split_figures
from ..timeline.layout import build_timeline
from ..timeline.model import Timeline, TimelineEntry
from .editions import EditionLink
from .embed import Downloads
from .publish import Meta


@dataclass(frozen=True, slots=True)
class Link:
    """An in-page link: its fragment, its text, and the place ids it concerns (for map highlighting)."""

    href: str
    text: str  # for an event, its title
    places: str = ""
    date: str = ""  # for an event, its date, written before the title (in an edition, the title may be untranslated)


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A link to a place on the map."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """A place in the text list beside the map, with the events that happened there."""

    id: str
    name: str
    events: tuple[Link, ...]
    sections: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Credit:
    """A source as the page credits it: what kind of work it is, its name and link, and who made it when, where known."""

    kind: str  # "Opinion", or "" if not given
    name: str
    url: str | None
    details: str  # "by Ann Lee, The Daily, 7 April 2021", or ""
    description: str


# The kinds of source (model.SOURCE_KINDS) as the page names them.
KIND_LABELS = {
    "opinion": N_("Opinion"),
    "news report": N_("News report"),
    "analysis": N_("Analysis"),
    "interview": N_("Interview"),
    "official statement": N_("Official statement"),
    "press release": N_("Press release"),
    "speech": N_("Speech"),
    "report": N_("Report"),
    "document": N_("Document"),
    "data": N_("Data"),
}


def credit(source: Attribution, language: str, words: Interface | None = None) -> Credit:
    """Credit a source with only what site.yaml says about it."""
    words = words or Interface(language)
    parts = [words.gettext("by %(author)s") % {"author": source.author} if source.author else "", source.outlet]
    if source.date is not None:
        parts.append(format_date_range(source.date, None, language).text)
    kind = words.gettext(KIND_LABELS[source.kind]) if source.kind else ""
    return Credit(kind, source.name, source.url, words.join([p for p in parts if p]), source.description)


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One source in the closing list: who published it, when and where to read it, and the events it backs."""

    name: str
    url: str | None
    details: str  # "by Ann Lee, 7 April 2021", or ""
    events: tuple[Link, ...]


def event_sources(entries: list[TimelineEntry], words: Interface) -> tuple[SourceEntry, ...]:
    """The events' sources in timeline order, each once, with links to the events it backs."""
    found: dict[tuple[str, str | None, str, str], list[Link]] = {}
    for entry in entries:
        source = entry.source
        if source is None:
            continue
        by = words.gettext("by %(author)s") % {"author": source.author} if source.author else ""
        details = words.join([p for p in (by, source.date.text if source.date else "") if p])
        found.setdefault((source.name, source.url, source.author, details), []).append(_event_link(entry))
    return tuple(SourceEntry(name, url, details, tuple(links)) for (name, url, _, details), links in found.items())


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """Someone in the who's who, with the sections and events that name them."""

    id: str
    name: str
    role: str
    description: str
    sections: tuple[Link, ...]
    events: tuple[Link, ...]
    image: str = ""  # the id of their photo, or ""


@dataclass(frozen=True, slots=True)
class PhotoView:
    """A photo as `_photo.html` shows it: AVIF and JPEG srcsets, the JPEG fallback, its upright size and its credit."""

    id: str
    alt: str  # "" for a decorative photo
    caption: str
    credit: str
    licence: str
    source_url: str | None
    width: int
    height: int
    src: str  # the fallback JPEG, the widest
    srcset: str  # the JPEG variants, "media/x-480.jpg 480w, …"
    avif_srcset: str


def photo_view(rendition: Rendition) -> PhotoView:
    """The page's view of one photo's variants."""

    def srcset(kind: str) -> str:
        return ", ".join(f"{path} {w}w" for w, _, k, path in rendition.variants if k == kind)

    p = rendition.photo
    return PhotoView(
        p.id,
        p.alt,
        p.caption,
        p.credit,
        p.licence,
        p.source_url,
        rendition.width,
        rendition.height,
        rendition.largest("jpeg"),
        srcset("jpeg"),
        srcset("avif"),
    )


@dataclass(frozen=True, slots=True)
class SectionView:
    """A themed section as the page shows it: numbered, cross-linked, and pointing to what comes next."""

    id: str
    number: int
    number_label: str  # the number in the language's digits
    title: str
    summary: str
    note: str
    html: str
    parts: tuple[Part, ...]  # the html cut at its figures: each part is HTML or a photo id
    places: tuple[PlaceRef, ...]
    place_ids: str
    events: tuple[Link, ...]
    next: Link
    people: tuple[PlaceRef, ...]  # id and name, linked to the who's who
    fallback: Fallback | None = None  # in an edition, a section shown untranslated


def sections_by_place(
    placed: tuple[tuple[str, tuple[str, ...]], ...], theme_labels: dict[str, str]
) -> dict[str, list[Link]]:
    """For each place id, links to the sections (given as id and place ids) that concern it, in reading order."""
    found: dict[str, list[Link]] = {}
    for section, places in placed:
        for p in dict.fromkeys(places):
            found.setdefault(p, []).append(Link(f"#{section}", theme_labels[section]))
    return found


def section_view(
    s: Section,
    number: int,
    after: Section | None,
    events: Sequence[Link],
    place_names: dict[str, str],
    person_names: dict[str, str],
    following_part: Link,
    words: Interface,
    photo_ids: frozenset[str] = frozenset(),
) -> SectionView:
    """A section as the page shows it; the last one leads to `following_part` (the timeline, or the places without one)."""
    return SectionView(
        id=s.id,
        number=number,
        number_label=words.number(number),
        title=s.title,
        summary=s.summary,
        note=s.note,
        html=s.html,
        parts=split_figures(s.html, photo_ids),
        places=tuple(PlaceRef(p, place_names[p]) for p in s.places),
        place_ids=" ".join(s.places),
        events=tuple(events),
        next=Link(f"#{after.id}", after.title) if after else following_part,
        people=tuple(PlaceRef(p, person_names[p]) for p in s.people),
        fallback=fallback(s.language, words),
    )


def _rooted(view: PhotoView, root: str) -> PhotoView:
    if not root:
        return view
    return replace(
        view,
        src=root + view.src,
        srcset=_rooted_srcset(view.srcset, root),
        avif_srcset=_rooted_srcset(view.avif_srcset, root),
    )


def _rooted_srcset(srcset: str, root: str) -> str:
    return ", ".join(root + item for item in srcset.split(", ")) if srcset else ""


@dataclass(frozen=True, slots=True)
class Photos:
    """The photos' views, found by id as `photos[id]` in the templates."""

    views: tuple[PhotoView, ...]
    by_id: Mapping[str, PhotoView] = field(compare=False, repr=False)

    def __getitem__(self, ident: str) -> PhotoView:
        return self.by_id[ident]


def photos_view(renditions: Mapping[str, Rendition], root: str = "") -> Photos:
    """The page's photos: every rendition's view, its files' paths from `root` (the way to the site's root)."""
    views = tuple(_rooted(photo_view(r), root) for r in renditions.values())
    return Photos(views, MappingProxyType({view.id: view for view in views}))


@dataclass(frozen=True, slots=True)
class BrandView:
    """The publisher's brand as the page's head and header use it."""

    name: str
    logo: str
    css: str  # the brand's stylesheet rules, already checked
    preload: str  # the body font's file, preloaded, or ""


@dataclass(frozen=True, slots=True)
class RouteView:
    """A route in the map's caption: its label and its stops' names, in order."""

    id: str
    label: str
    stops: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UpdateView:
    """An update note in the list of updates."""

    date: str  # ISO 8601
    label: str  # the date as the language writes it
    html: str
    fallback: Fallback | None = None  # in an edition: updates are the main edition's


@dataclass(frozen=True, slots=True)
class Assets:
    """The bundled stylesheet and script, by relative URLs versioned by their content."""

    css: str
    js: str


@dataclass(frozen=True, slots=True)
class PageView:
    """What index.html and the embeds get, each field by the name the templates use (the README lists them)."""

    site: Site
    source: Credit
    glance: tuple[SectionView, ...]  # the sections with a summary
    published_label: str
    updated_label: str
    sections: tuple[SectionView, ...]
    section_count: int
    section_count_label: str
    themes: tuple[Theme, ...]
    places: tuple[PlaceEntry, ...]
    people: tuple[PersonEntry, ...]
    brand: BrandView | None
    sources: tuple[SourceEntry, ...]
    routes: tuple[RouteView, ...]
    updates: tuple[UpdateView, ...]
    timeline: Timeline
    map_svg: str
    assets: Assets
    photos: Photos
    lead_photo: str  # the lead photo's id, or ""
    meta: Meta
    data: Downloads
    editions: tuple[EditionLink, ...] = ()  # the language switcher's links; () for a site without editions

    def names(self) -> dict[str, object]:
        """The fields as a template's names."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def section_views(
    explainer: Explainer,
    timeline: Timeline,
    by_theme: Mapping[str, Sequence[Link]],
    photo_ids: frozenset[str],
    words: Interface,
) -> Iterator[tuple[str, tuple[object, ...], Callable[[], SectionView]]]:
    """For each section: its key, the inputs its view is made from, and how to make it (for Pipeline.keep)."""
    site = explainer.site
    place_names = {p.id: p.name for p in site.places}
    person_names = {p.id: p.name for p in site.people}
    after_last = (
        Link("#timeline", timeline.text.heading) if timeline.years else Link("#places", words.gettext("Places"))
    )
    after = (*explainer.sections[1:], None)  # the section after each one
    for number, (s, following) in enumerate(zip(explainer.sections, after), start=1):
        events = by_theme.get(s.id, ())
        yield (
            f"section:{s.id}",
            (s, number, following, events, site, after_last, photo_ids),
            functools.partial(
                section_view, s, number, following, events, place_names, person_names, after_last, words, photo_ids
            ),
        )


def place_entries(
    site: Site, by_place: Mapping[str, Sequence[Link]], sections_at: Mapping[str, Sequence[Link]]
) -> Iterator[tuple[str, tuple[object, ...], Callable[[], PlaceEntry]]]:
    """For each place: its key, the inputs of its entry, and how to make it (for Pipeline.keep)."""
    for p in site.places:
        events, sections = by_place.get(p.id, ()), sections_at.get(p.id, ())
        yield (
            f"place:{p.id}",
            (p, events, sections),
            functools.partial(PlaceEntry, p.id, p.name, tuple(events), tuple(sections)),
        )


def page_view(
    explainer: Explainer,
    timeline: Timeline,
    by_person: Mapping[str, Sequence[Link]],
    sections: tuple[SectionView, ...],
    places: tuple[PlaceEntry, ...],
    sources: tuple[SourceEntry, ...],
    photos: Photos,
    map_svg: str,
    assets: Assets,
    meta: Meta,
    data: Downloads,
    editions: tuple[EditionLink, ...] = (),
    root: str = "",
) -> PageView:
    """The page's views around its sections, places and timeline: credits, people, sources, routes and updates."""
    site = explainer.site
    words = Interface(site.language, site.strings)
    place_names = {p.id: p.name for p in site.places}
    people = tuple(
        PersonEntry(
            p.id,
            p.name,
            p.role,
            p.description,
            tuple(Link(f"#{s.id}", s.title) for s in explainer.sections if p.id in s.people),
            tuple(by_person.get(p.id, ())),
            p.image.id if p.image else "",
        )
        for p in site.people
    )
    brand = site.brand
    return PageView(
        site=site,
        source=credit(site.source, site.language, words),
        glance=tuple(s for s in sections if s.summary),
        published_label=format_day(site.published, site.language),
        updated_label=format_day(site.updated, site.language) if site.updated else "",
        sections=sections,
        section_count=len(sections),
        section_count_label=words.number(len(sections)),
        themes=site.themes,
        places=places,
        people=people,
        brand=BrandView(
            brand.name,
            f"{root}static/{brand.logo}" if brand.logo else "",
            brand_css(brand, root),
            f"{root}static/{brand.body_font.file}" if brand.body_font else "",
        )
        if brand
        else None,
        sources=sources,
        routes=tuple(RouteView(r.id, r.label, tuple(place_names[p] for p in r.places)) for r in site.routes),
        updates=tuple(
            UpdateView(u.date.isoformat(), format_day(u.date, site.language), u.html, fallback(u.language, words))
            for u in explainer.updates
        ),
        timeline=timeline,
        map_svg=map_svg,
        assets=assets,
        photos=photos,
        lead_photo=site.lead_image.id if site.lead_image else "",
        meta=meta,
        data=data,
        editions=editions,
    )


def linked_timeline(
    events: tuple[Event, ...], site: Site, words: Interface
) -> tuple[Timeline, dict[str, list[Link]], dict[str, list[Link]], dict[str, list[Link]]]:
    """The timeline, and links to its entries grouped by theme, by place and by person."""
    timeline = build_timeline(events, site.themes, site.places, site.language, site.people, words)
    return (timeline, *event_links([entry for year in timeline.years for entry in year.entries]))


def event_links(
    entries: list[TimelineEntry],
) -> tuple[dict[str, list[Link]], dict[str, list[Link]], dict[str, list[Link]]]:
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
    return Link(f"#{entry.anchor}", entry.title, " ".join(q for q, _ in entry.places), entry.date_label.text)
