"""The content model: typed, frozen dataclasses shared from loading to rendering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .errors import Loc

PRECISIONS = ("year", "month", "day", "time")
# What kind of work a source is: the page names the kind, so that readers know whose words and views they read.
SOURCE_KINDS = (
    "opinion",
    "news report",
    "analysis",
    "interview",
    "official statement",
    "press release",
    "speech",
    "report",
    "document",
    "data",
)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day, or a local time of day with its offset from UTC.

    Years are astronomical, as in EDTF and ISO 8601: 0 is 1 BCE, -43 is 44 BCE. `qualifier` is EDTF's
    "?" (uncertain), "~" (approximate), "%" (both) or ""; `unspecified` counts the year's trailing digits left
    open (1 for the decade 196X, 2 for the century 19XX), whose year is then the first of the span.
    """

    year: int
    month: int | None = None
    day: int | None = None
    minute: int | None = None  # of the local day, 0 to 1439; set together with `offset`
    offset: int | None = None  # minutes east of UTC
    qualifier: str = ""
    unspecified: int = 0

    @property
    def precision(self) -> str:
        if self.minute is not None:
            return "time"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return ("year", "decade", "century")[self.unspecified]

    @property
    def uncertain(self) -> bool:
        return self.qualifier in ("?", "%")

    @property
    def approximate(self) -> bool:
        return self.qualifier in ("~", "%")

    @property
    def last_year(self) -> int:
        """The last year the date may fall in: 1969 for 196X."""
        return self.year + int(10**self.unspecified) - 1

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        """Order the more precise first within what contains it: 1979-12-24T08:00Z, 1979-12-24, 1979-12, 1979, 197X.

        A month-only date means "at some time that month", so it follows the month's days, as a summary of the
        month would; a year-only date follows the year's months, a decade (197X) its last year, a century its
        last decade. Times on one day order by their moment in UTC. Qualifiers (?, ~, %) do not change the order.
        """
        instant = 10_000 if self.minute is None else self.minute - (self.offset or 0)  # a day has 1,440 minutes
        return (self.last_year, self.month or 13 + self.unspecified, self.day or 32, instant)

    def iso(self) -> str:
        """ISO 8601 at this precision: 1979, 1979-12, 1979-12-24, 1979-12-24T17:14+13:00, -0043-03-15 (no qualifier)."""
        text = f"{self.year:05d}" if self.year < 0 else f"{self.year:04d}"
        if self.unspecified:
            text = text[: -self.unspecified] + "X" * self.unspecified
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.minute is not None:
            text += f"T{self.clock()}{self.zone()}"
        return text

    def edtf(self) -> str:
        """The date as it is written in content/events.yaml (EDTF): the ISO form and its qualifier, 2021-04?."""
        return self.iso() + self.qualifier

    @property
    def html_datetime(self) -> str:
        """The value of a `<time datetime>`, or "" when HTML has none: a year before 0001, a decade or a century."""
        return self.iso() if self.year >= 1 and not self.unspecified else ""

    def clock(self) -> str:
        """The local time of day, 17:14."""
        return f"{(self.minute or 0) // 60:02d}:{(self.minute or 0) % 60:02d}"

    def zone(self) -> str:
        """The offset from UTC, +13:00."""
        offset = self.offset or 0
        return f"{'-' if offset < 0 else '+'}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme from site.yaml; each has one section, whose anchor is its id."""

    id: str
    label: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Place:
    """A place from site.yaml, in WGS84 decimal degrees."""

    id: str
    name: str
    lat: float
    lon: float
    loc: Loc


@dataclass(frozen=True, slots=True)
class MediaRef:
    """A use of a photo of content/media.yaml by its id, where it is written (checked once every file is read)."""

    id: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Photo:
    """One entry of content/media.yaml: an original under content/media/ and what readers are told about it."""

    id: str
    file: str  # project-relative: content/media/...
    alt: str  # "" only when decorative
    decorative: bool
    caption: str
    credit: str
    licence: str  # or ""
    source_url: str | None
    loc: Loc
    file_loc: Loc


@dataclass(frozen=True, slots=True)
class Person:
    """Someone in the story, from site.yaml's who's who; sections and events refer to them by id."""

    id: str
    name: str
    role: str
    description: str  # one line, or ""
    loc: Loc
    image: MediaRef | None = None


@dataclass(frozen=True, slots=True)
class Route:
    """A directed path through places, drawn on the map, such as a trip or a pipeline."""

    id: str
    label: str
    places: tuple[str, ...]
    theme: str
    loc: Loc
    line: str = "geodesic"  # one of ROUTE_LINES: along the great circle, or straight on the map


MAP_PROJECTIONS = ("auto", "equidistant", "equal-area", "equal-earth", "polar")  # site.yaml map.projection
ROUTE_LINES = ("geodesic", "straight")  # site.yaml routes[].line


@dataclass(frozen=True, slots=True)
class MapSettings:
    """How the map is framed: an optional fixed extent, else one fitted to the places."""

    extent: tuple[float, float, float, float] | None  # west, south, east, north
    padding: float  # fraction of the fitted frame added on every side
    width: int
    height: int
    projection: str = "auto"  # one of MAP_PROJECTIONS: auto chooses from the places
    detail_inset: bool = True  # a tight cluster of places is magnified in an inset (false: leader-lined labels only)


@dataclass(frozen=True, slots=True)
class Attribution:
    """The work the explainer is built from; what is not known about it is left empty."""

    name: str
    description: str
    url: str | None
    kind: str = ""  # one of SOURCE_KINDS, or "" if not given
    author: str = ""
    outlet: str = ""
    date: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where an event's facts were checked: `name` is the outlet or work."""

    name: str
    date: PartialDate | None
    url: str | None
    author: str = ""


@dataclass(frozen=True, slots=True)
class Update:
    """A dated note that tells readers what changed since publication."""

    date: dt.date
    html: str  # "" until the Markdown is converted
    loc: Loc
    markdown: str | None = None  # as written
    owner: str = ""  # where the text is, for the Markdown converter's memory of it
    language: str = ""  # in an edition, the main edition's language (updates are not translated); else ""


@dataclass(frozen=True, slots=True)
class Font:
    """A self-hosted WOFF2 font: its family name and its file under static/fonts/."""

    family: str
    file: str  # "fonts/Name.woff2", relative to static/
    loc: Loc


@dataclass(frozen=True, slots=True)
class Brand:
    """site.yaml's `brand`: what is not given keeps the generator's look."""

    name: str  # the newsroom's name: the logo's text alternative
    logo: str  # relative to static/, or ""
    colours: tuple[tuple[str, str], ...]  # (accent|text|background, #rrggbb) as given
    body_font: Font | None
    heading_font: Font | None
    logo_loc: Loc | None = None


@dataclass(frozen=True, slots=True)
class StringOverride:
    """site.yaml's own wording for one interface message: one text, or one per CLDR plural category."""

    msgid: str
    forms: tuple[tuple[str, str], ...]  # (category, text); a message without plural has only "other"
    loc: Loc


@dataclass(frozen=True, slots=True)
class Site:
    """site.yaml, validated: the explainer's settings."""

    title: str
    dek: str
    language: str
    published: dt.date
    updated: dt.date | None
    byline: str
    source: Attribution
    base_url: str
    themes: tuple[Theme, ...]
    places: tuple[Place, ...]
    routes: tuple[Route, ...]
    map: MapSettings
    people: tuple[Person, ...] = ()
    brand: Brand | None = None
    lead_image: MediaRef | None = None
    strings: tuple[StringOverride, ...] = ()  # site.yaml's own wording of interface messages


@dataclass(frozen=True, slots=True)
class Event:
    """One dated entry of content/events.yaml."""

    id: str
    title: str
    html: str  # "" until the Markdown is converted
    start: PartialDate
    end: PartialDate | None
    approximate: bool  # either date is (~ or %, or the event's `approximate: true`)
    theme: str
    places: tuple[str, ...]
    source: Source | None
    loc: Loc
    people: tuple[str, ...] = ()
    image: MediaRef | None = None
    markdown: str | None = None  # its text as written; None beyond the Markdown limits (its html stays "")
    owner: str = ""  # where the text is, for the Markdown converter's memory of it
    language: str = ""  # in an edition, the main edition's language when the event is not translated; else ""

    @property
    def uncertain(self) -> bool:
        """Either date is uncertain (? or %)."""
        return self.start.uncertain or (self.end is not None and self.end.uncertain)


@dataclass(frozen=True, slots=True)
class Section:
    """One themed section of the article; its id is its theme's id."""

    id: str
    title: str
    summary: str
    note: str  # a line shown with the section, such as whose words it quotes; "" for none
    places: tuple[str, ...]
    html: str  # "" until the Markdown is converted; a figure stands in it as a marker (see figures.marker) until the page replaces it
    loc: Loc
    people: tuple[str, ...] = ()
    figures: tuple[MediaRef, ...] = ()
    markdown: str | None = None  # its text as written; None beyond the Markdown limits (its html stays "")
    language: str = ""  # in an edition, the main edition's language when the section is not translated; else ""
    translates: str = ""  # in an edition: the fingerprint of the main section's wording it translates, if given


@dataclass(frozen=True, slots=True)
class Explainer:
    """Everything one build renders, validated."""

    site: Site
    sections: tuple[Section, ...]
    events: tuple[Event, ...]
    updates: tuple[Update, ...]
    media: tuple[Photo, ...] = ()


class Untranslated(str):
    """A text of the main edition shown as it is in an edition that has no translation of it; `lang` is its language.

    It is a str everywhere; the templates' `isolate` and `nowrap` filters mark it up with its `lang` and `dir`.
    """

    lang: str

    def __new__(cls, text: str, lang: str) -> Untranslated:
        made = super().__new__(cls, text)
        made.lang = lang
        return made


@dataclass(frozen=True, slots=True)
class Wording:
    """One item's translated wording from an edition's site.yaml or events.yaml: its id and its keys' texts."""

    id: str
    texts: tuple[tuple[str, str], ...]  # (key, text) for the keys given
    loc: Loc
    translates: str = ""  # an event's: the fingerprint of the main event's wording it translates, if given


@dataclass(frozen=True, slots=True)
class Translation:
    """An edition, content/<tag>/: the wording it translates; what it leaves out is the main edition's."""

    language: str  # the folder's name, a BCP 47 tag
    folder: str  # content/<tag>
    site: tuple[tuple[str, str], ...]  # title, dek, byline, source.name, source.description as given
    themes: tuple[Wording, ...]
    places: tuple[Wording, ...]
    routes: tuple[Wording, ...]
    people: tuple[Wording, ...]
    strings: tuple[StringOverride, ...]
    sections: tuple[Section, ...]  # translated sections, by theme
    events: tuple[Wording, ...]  # title, text (Markdown) and source.name
