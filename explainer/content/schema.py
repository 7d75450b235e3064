"""Every content key, declared once: what `fields.Fields` checks, the README's key tables and the JSON Schemas for editors."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..dates.parse import FULL_DATE, MAX_YEAR, MIN_YEAR, PARTIAL_DATE
from ..language.interface import PLURAL_CATEGORIES
from ..model import MAP_PROJECTIONS, ROUTE_LINES, SOURCE_KINDS

ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
COLOUR = r"#(?:[0-9a-fA-F]{3}){1,2}"
FAMILY = r"[A-Za-z0-9][A-Za-z0-9 \-]*"
FONT_FILE = (
    r"fonts/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\.woff2"  # nothing CSS would read as syntax
)
LOGO_FILE = r".*\.(?:[sS][vV][gG]|[pP][nN][gG])"
MEDIA_FILE = r"(?!(?:.*/)?\.\.?(?:/|$))(?:[^/\\]+/)*[^/\\]+"  # a relative path without '', '.' or '..' parts
WEB_URL = r"https?://.*"
BASE_URL = r"https?://\S+/"
PLAIN_KEY = re.compile(r"[\w-]+")  # a YAML key written without quotes in the README's examples

# What each kind of value is, in the README's words.
KINDS = {
    "text": "text",
    "id": "id",
    "ids": "list of ids",
    "number": "number",
    "integer": "whole number",
    "boolean": "true or false",
    "date": "date `YYYY-MM-DD`",
    "partial-date": "date `YYYY[-MM[-DD]]` (EDTF)",
    "extent": "four numbers",
    "mapping": "mapping",
    "list": "list of mappings",
    "strings": "mapping of messages",
}


@dataclass(frozen=True)
class Key:
    """One key of a YAML mapping: its kind of value, whether it must be given, its default, allowed values and help."""

    name: str
    kind: str  # one of KINDS
    help: str  # one line, for the README and the editor's hover
    example: object = None
    required: bool = False
    required_with: str = ""  # required once this other key of the mapping is given
    required_unless: str = ""  # required unless this other (boolean) key of the mapping is true
    default: object = None
    choices: tuple[str, ...] = ()
    low: float | None = None  # a number's range; a list's fewest items
    high: float | None = None
    pattern: str = ""  # a text's shape, a hint for editors (the reader checks it, with its own message)
    keys: Keys | None = None  # a mapping's keys, or those of each item of a list

    def __post_init__(self) -> None:
        assert self.kind in KINDS, self.kind
        assert (self.keys is not None) == (self.kind in ("mapping", "list")), self.name


@dataclass(frozen=True)
class Keys:
    """The keys a mapping allows, in the order the README lists them; `what` names the mapping in messages."""

    what: str
    keys: tuple[Key, ...]
    main: Keys | None = (
        None  # an edition's mapping: the main file's keys, of which those not declared here are set there
    )
    main_file: str = ""  # that file, for the message
    names: tuple[str, ...] = field(init=False)
    by_name: dict[str, Key] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(k.name for k in self.keys))
        object.__setattr__(self, "by_name", {k.name: k for k in self.keys})

    def __getitem__(self, name: str) -> Key:
        return self.by_name[name]


def _id(name: str, help: str, example: str, required: bool = True) -> Key:
    return Key(name, "id", help, example, required=required, pattern=ID)


def _text(
    name: str,
    help: str,
    example: str,
    required: bool = False,
    required_with: str = "",
    required_unless: str = "",
    default: str | None = None,
    choices: tuple[str, ...] = (),
    pattern: str = "",
) -> Key:
    return Key(name, "text", help, example, required, required_with, required_unless, default, choices, pattern=pattern)


THEME = Keys(
    "a theme",
    (
        _id("id", "the theme's id; its section is content/<id>.md with `theme: <id>`, and its anchor `#<id>`", "visit"),
        _text("label", "the theme's name, shown in the contents and on the timeline", "The visit", required=True),
    ),
)

PLACE = Keys(
    "a place",
    (
        _id("id", "the place's id, by which sections, events and routes name it", "new-delhi"),
        _text("name", "the place's name, shown on the map and under the sections", "New Delhi", required=True),
        Key("lat", "number", "latitude, WGS84 decimal degrees", 28.6139, required=True, low=-90, high=90),
        Key("lon", "number", "longitude, WGS84 decimal degrees", 77.209, required=True, low=-180, high=180),
    ),
)

ROUTE = Keys(
    "a route",
    (
        _id("id", "the route's id", "lavrov-trip"),
        _text("label", "what the route is, shown in the key under the map", "Lavrov's trip, April 2021", required=True),
        _id("theme", "the id of the theme the route belongs to", "visit"),
        Key(
            "places",
            "ids",
            "the place ids of its stops, in the order travelled; each gets an arrow",
            ["moscow", "islamabad"],
            required=True,
            low=2,
        ),
        _text(
            "line",
            "how it is drawn: `geodesic` along the great circle, as travelled (on a world map, one that crosses the map's edge runs off one side and on at the other), or `straight`, a straight line on the map; place labels keep clear of route lines",
            "straight",
            default=ROUTE_LINES[0],
            choices=ROUTE_LINES,
        ),
    ),
)

PERSON = Keys(
    "a person",
    (
        _id(
            "id", "the person's id, by which sections and events name them; their anchor is `#person-<id>`", "sela-vake"
        ),
        _text("name", "their name", "Sela Vake", required=True),
        _text("role", "what they do in the story", "Volcanologist", required=True),
        _text("description", "one line on why they matter", "Measured the plume from Tongatapu."),
        _id(
            "image", "the id of a photo of content/media.yaml, shown small with its credit", "sela-vake", required=False
        ),
    ),
)

SOURCE = Keys(
    "'source'",
    (
        _text(
            "name",
            "the work's title or description",
            "An opinion article on Sergey Lavrov's visit to Pakistan",
            required=True,
        ),
        _text(
            "kind",
            "what kind of work it is, shown as a label so that readers know whose words they read",
            "opinion",
            choices=SOURCE_KINDS,
        ),
        _text("author", "who wrote it, if the work names them", "A. Writer"),
        _text("outlet", "where it was published, if the work names it", "The Daily"),
        Key("date", "partial-date", "when it was published", "2021-04-06"),
        _text("url", "where to read it (http or https)", "https://example.org/article", pattern=WEB_URL),
        _text("description", "a sentence or two on the work, after the credit", "Written during the visit."),
    ),
)

MAP = Keys(
    "'map'",
    (
        Key(
            "extent",
            "extent",
            "`[west, south, east, north]` in degrees, to frame the map yourself; without it the map fits the places in use",
            [60, 20, 80, 40],
        ),
        _text(
            "projection",
            "`auto` chooses from the places: `equidistant` (azimuthal equidistant centred on them) for local and regional stories, "
            "`equal-area` (Lambert azimuthal equal-area centred on them) for continental spreads, `equal-earth` (a world map cut where no place is) "
            "for stories across the globe, `polar` (azimuthal equidistant about the nearer pole) when every place is beyond 60° north or south; name one to force it",
            "equal-earth",
            default=MAP_PROJECTIONS[0],
            choices=MAP_PROJECTIONS,
        ),
        Key("padding", "number", "the fraction of the frame added on each side", 0.1, default=0.08, low=0, high=1),
        Key(
            "width",
            "integer",
            "the drawing's width in SVG units; the map fills its column, and its labels are sized so they read at 11 CSS px or more where it is drawn 320 px wide",
            480,
            default=480,
            low=200,
            high=4000,
        ),
        Key("height", "integer", "the drawing's height in SVG units", 400, default=360, low=150, high=4000),
        Key(
            "detail_inset",
            "boolean",
            "`true` draws the largest cluster of places nearer than a tap target (24 CSS px where the map is 320 px wide; two are enough) again in a magnified inset, "
            "in a corner clear of markers, with the area it shows outlined on the map; where no corner is free, or `false`, their labels take leader lines",
            False,
            default=True,
        ),
    ),
)

COLOURS = Keys(
    "'colours'",
    tuple(
        _text(
            name, f"the {use} colour, `#rrggbb` (quoted in YAML, where `#` starts a comment)", example, pattern=COLOUR
        )
        for name, use, example in (
            ("accent", "links', large text's and map marks'", "#8a2b0e"),
            ("text", "body text's", "#1d1d1b"),
            ("background", "page's", "#fdfcf9"),
        )
    ),
)

FONT = Keys(
    "a font",
    (
        _text(
            "family",
            "the font's family name: letters, digits, spaces and hyphens",
            "Source Serif",
            required=True,
            pattern=FAMILY,
        ),
        _text(
            "file",
            "a WOFF2 file under static/, self-hosted with `font-display: swap`",
            "fonts/SourceSerif.woff2",
            required=True,
            pattern=FONT_FILE,
        ),
    ),
)

FONTS = Keys(
    "'fonts'",
    (
        Key(
            "body",
            "mapping",
            "the body text's font, preloaded by the page",
            {"family": "Inter", "file": "fonts/Inter.woff2"},
            keys=FONT,
        ),
        Key(
            "headings",
            "mapping",
            "the headings' font",
            {"family": "Source Serif", "file": "fonts/SourceSerif.woff2"},
            keys=FONT,
        ),
    ),
)

BRAND = Keys(
    "'brand'",
    (
        _text("name", "the newsroom's name, the logo's text alternative", "The Daily", required_with="logo"),
        _text(
            "logo",
            "an SVG or PNG under static/, such as images/logo.svg, shown above the headline",
            "images/logo.svg",
            pattern=LOGO_FILE,
        ),
        Key(
            "colours",
            "mapping",
            "the newsroom's colours, used in the light scheme (dark-mode readers keep the generator's dark palette); the build refuses a text or accent colour below 4.5:1 against the background (WCAG AA), with the ratio",
            {"accent": "#8a2b0e"},
            keys=COLOURS,
        ),
        Key(
            "fonts",
            "mapping",
            "the newsroom's self-hosted fonts",
            {"body": {"family": "Inter", "file": "fonts/Inter.woff2"}},
            keys=FONTS,
        ),
    ),
)

SITE = Keys(
    "site.yaml",
    (
        _text("title", "the headline", "Lavrov in Islamabad", required=True),
        _text(
            "dek",
            "the one- or two-sentence summary under the headline; also the page's meta description",
            "Russia's foreign minister came to Pakistan in April 2021.",
            required=True,
        ),
        _text(
            "language",
            "the page language, a BCP 47 tag CLDR knows (`en`, `en-US`, `fr`, `pt-BR`, `ar`, `ur`, `zh-Hans`…; an unknown tag is an error "
            "naming the closest known ones; a language's English or own name, or its three-letter code, an error naming its tag). Dates, ranges, numbers and lists are written in it by Babel from CLDR (`en` is CLDR's international "
            "English: 6 April 2021). It is the pages' `<html lang>`, JSON-LD `inLanguage`, the feed's `xml:lang` and `og:locale`; right-to-left "
            'languages get `dir="rtl"`. A language without a shipped catalog needs every interface message under `strings`',
            "en",
            required=True,
        ),
        Key("published", "date", "the day the explainer was first published", "2021-04-07", required=True),
        Key(
            "updated",
            "date",
            "the day of the latest update; must equal the newest date in content/updates.yaml",
            "2021-07-15",
        ),
        _text("byline", "who made the explainer", "The explainer desk", required=True),
        Key(
            "source",
            "mapping",
            'the work the explainer is built from; give only what the work itself says. The header credits it as "Source: KIND name, by author, outlet, date. description"',
            {"name": "An opinion article", "kind": "opinion"},
            required=True,
            keys=SOURCE,
        ),
        _text(
            "base_url",
            "where the site is published: an absolute http(s) URL ending in `/`",
            "https://user.github.io/repo/",
            required=True,
            pattern=BASE_URL,
        ),
        Key(
            "themes",
            "list",
            "the themes, in reading order; each has one section",
            [{"id": "visit", "label": "The visit"}],
            required=True,
            keys=THEME,
        ),
        Key(
            "places",
            "list",
            "the places sections, events and routes refer to by id, in WGS84 decimal degrees",
            [{"id": "islamabad", "name": "Islamabad", "lat": 33.6844, "lon": 73.0479}],
            required=True,
            keys=PLACE,
        ),
        Key(
            "routes",
            "list",
            "paths drawn on the map with their direction: each gets its own dash and weight, an arrow at each stop, and a line in the key under the map",
            [{"id": "trip", "label": "The trip", "theme": "visit", "places": ["moscow", "islamabad"]}],
            keys=ROUTE,
        ),
        Key(
            "map",
            "mapping",
            "how the map is framed and drawn. Places too far from the rest to share the map go to a world locator inset, which outlines the main map; places too close together to tell or tap apart, to a detail inset; a map whose scale is nearly constant gets a scale bar (km, and miles for `en-US`)",
            {"padding": 0.08},
            keys=MAP,
        ),
        Key(
            "people",
            "list",
            "the who's who, in the order shown; sections and events name them by id (`people: [id, …]`), linked to and from them",
            [{"id": "sela-vake", "name": "Sela Vake", "role": "Volcanologist"}],
            keys=PERSON,
        ),
        Key(
            "brand",
            "mapping",
            "the newsroom's look; without it the page looks as the generator's own",
            {"name": "The Daily", "logo": "images/logo.svg"},
            keys=BRAND,
        ),
        _id(
            "lead_image",
            "the id of a photo of content/media.yaml shown under the headline and dek (fetched first, never lazily), and used for og.png beside the title instead of the drawn map",
            "harbour",
            required=False,
        ),
        Key(
            "strings",
            "strings",
            "the newsroom's own wording of interface words: a mapping from a message's English text (as in "
            "explainer/locales/messages.pot, quoted in YAML) to your text. A message with plural forms takes one text per CLDR plural category of "
            'the language (`"{n} event shown": {one: "{n} item", other: "{n} items"}`). Keep the placeholders (`%(title)s`, `{n}`)',
            {"At a glance": "In brief"},
        ),
    ),
)

SECTION = Keys(
    "the front matter",
    (
        _id("theme", "the theme this section tells; the section's anchor is `#<theme>`", "visit"),
        _text("title", "the section heading", "The visit", required=True),
        _text(
            "summary",
            'one sentence for the "At a glance" box (left out when no section has one)',
            "Lavrov came to Islamabad on 6–7 April 2021.",
        ),
        _text(
            "note",
            "one line shown under the section's text, such as whose words and views it gives",
            "From the opinion article: the author's words and views.",
        ),
        Key(
            "places",
            "ids",
            "place ids the section is about: linked under it, and highlighted on the map",
            ["islamabad", "moscow"],
        ),
        Key(
            "people", "ids", "ids of people of site.yaml's who's who the section names, linked both ways", ["sela-vake"]
        ),
    ),
)

EVENT_SOURCE = Keys(
    "'source'",
    (
        _text("name", "the outlet or work", "AP", required=True),
        _text("author", "who wrote it", "A. Writer"),
        Key("date", "partial-date", "when it was published", "2021-04-07"),
        _text(
            "url", "where to read it (http or https), shown as a link", "https://example.org/report", pattern=WEB_URL
        ),
    ),
)

EVENT = Keys(
    "an event",
    (
        _id("id", "unique id; the event's anchor is `#event-<id>`", "soviet-withdrawal"),
        _text("title", "a short headline", "The last Soviet troops leave Afghanistan", required=True),
        _text("text", "a sentence or two, Markdown", "Moscow negotiated an end to its 10-year occupation."),
        Key(
            "date",
            "partial-date",
            '`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or a local time of day with its offset from UTC, `YYYY-MM-DDTHH:MM+HH:MM` (`Z` for UTC): `2022-01-15T17:14+13:00` is shown as "15 January 2022, 5:14 pm GMT+13:00"; the EDTF forms of "Dates for history" below: `-0043-03-15`, `2021-04?`, `1200~`, `196X`',
            "1989-02-15",
            required=True,
        ),
        Key(
            "end",
            "partial-date",
            "for a range, the last year, month, day or time, at the same precision as `date`",
            "1989-03",
        ),
        Key(
            "approximate",
            "boolean",
            '`true` is the same as `~` after `date` and `end`: "c." before the date',
            True,
            default=False,
        ),
        _id("theme", "the id of the theme it belongs to", "us-influence"),
        Key("places", "ids", "place ids", ["kabul"]),
        Key("people", "ids", "ids of people of site.yaml's who's who, linked both ways", ["sela-vake"]),
        Key(
            "source",
            "mapping",
            "where the fact comes from; every source is also listed, with the events it backs, at the end of the page",
            {"name": "AP", "date": "2021-04-07"},
            keys=EVENT_SOURCE,
        ),
        _id(
            "image",
            "the id of a photo of content/media.yaml, shown on the event with its caption and credit",
            "cable-ship",
            required=False,
        ),
    ),
)

UPDATE = Keys(
    "an update",
    (
        Key(
            "date",
            "date",
            "the day of the change; the newest is shown first, and site.yaml's `updated` must match it",
            "2021-07-15",
            required=True,
        ),
        _text("text", "what changed, Markdown", "Added the pipeline agreement to the timeline.", required=True),
    ),
)

PHOTO = Keys(
    "a photo",
    (
        _id("id", "unique id, used by `lead_image`, `image` and `![](media:ID)`", "harbour"),
        _text(
            "file",
            "the original, a path inside content/media/: a JPEG, PNG or WebP of at most 40 megapixels and 30 MB",
            "people/vake.png",
            required=True,
            pattern=MEDIA_FILE,
        ),
        _text(
            "alt",
            "what the photo shows, for readers who cannot see it",
            "Fishing boats moored in the harbour at dawn",
            required_unless="decorative",
        ),
        Key(
            "decorative",
            "boolean",
            "`true` for a purely decorative photo, instead of `alt`: screen readers skip it",
            True,
            default=False,
        ),
        _text("caption", "a sentence shown under the photo", "The harbour on the morning after the eruption."),
        _text("credit", 'who took or owns the photo, shown as "Photo: credit"', "Sela Vake", required=True),
        _text("licence", "its licence, shown after the credit", "CC BY 4.0"),
        _text(
            "source_url",
            "where the photo comes from (http or https); the credit links to it",
            "https://example.org/photo",
            pattern=WEB_URL,
        ),
    ),
)

EVENTS_DOC = Keys(
    "content/events.yaml",
    (
        Key(
            "events",
            "list",
            "the dated events on the timeline; events of the same date keep this order",
            required=True,
            keys=EVENT,
        ),
    ),
)
UPDATES_DOC = Keys(
    "content/updates.yaml",
    (Key("updates", "list", "dated notes on what changed since publication", required=True, keys=UPDATE),),
)
MEDIA_DOC = Keys(
    "content/media.yaml", (Key("media", "list", "the photos, each described once", required=True, keys=PHOTO),)
)


# A translated edition, content/<tag>/: the wording of the main files' items, matched by id; everything else is the main's.
_EDITION_HELP = "as in site.yaml, in the edition's language; left out, the main edition's is shown"


def _wording(name: str, example: str, required: bool = False) -> Key:
    help = f"the `{name}` in the edition's language" if required else f"the `{name}` {_EDITION_HELP}"
    return _text(name, help, example, required=required)


EDITION_SOURCE = Keys(
    "'source'",
    (_wording("name", "Un article d'opinion"), _wording("description", "Écrit pendant la visite.")),
    main=SOURCE,
    main_file="site.yaml",
)
EDITION_THEME = Keys(
    "a theme",
    (_id("id", "the id of a theme of site.yaml", "visit"), _wording("label", "La visite", required=True)),
    main=THEME,
    main_file="site.yaml",
)
EDITION_PLACE = Keys(
    "a place",
    (_id("id", "the id of a place of site.yaml", "new-delhi"), _wording("name", "New Delhi", required=True)),
    main=PLACE,
    main_file="site.yaml",
)
EDITION_ROUTE = Keys(
    "a route",
    (
        _id("id", "the id of a route of site.yaml", "lavrov-trip"),
        _wording("label", "Le voyage de Lavrov", required=True),
    ),
    main=ROUTE,
    main_file="site.yaml",
)
EDITION_PERSON = Keys(
    "a person",
    (
        _id("id", "the id of a person of site.yaml's who's who", "sela-vake"),
        _wording("name", "Sela Vake"),
        _wording("role", "Volcanologue"),
        _wording("description", "A mesuré le panache depuis Tongatapu."),
    ),
    main=PERSON,
    main_file="site.yaml",
)
EDITION_SITE = Keys(
    "an edition's site.yaml",
    (
        _wording("title", "Lavrov à Islamabad"),
        _wording("dek", "Le ministre russe des Affaires étrangères est venu au Pakistan en avril 2021."),
        _wording("byline", "Le service des explications"),
        Key("source", "mapping", f"the source's wording {_EDITION_HELP}", {"name": "Un article"}, keys=EDITION_SOURCE),
        Key("themes", "list", "the themes' labels, by id", [{"id": "visit", "label": "La visite"}], keys=EDITION_THEME),
        Key("places", "list", "the places' names, by id", [{"id": "moscow", "name": "Moscou"}], keys=EDITION_PLACE),
        Key("routes", "list", "the routes' labels, by id", [{"id": "trip", "label": "Le voyage"}], keys=EDITION_ROUTE),
        Key("people", "list", "the who's who's names, roles and descriptions, by id", keys=EDITION_PERSON),
        Key(
            "strings",
            "strings",
            "the newsroom's own wording of interface words in the edition's language, as site.yaml's `strings`",
            {"At a glance": "En bref"},
        ),
    ),
    main=SITE,
    main_file="site.yaml",
)
FINGERPRINT = r"[0-9a-f]{12}"


def _translates(what: str, main: str) -> Key:
    return _text(
        "translates",
        f"the fingerprint of the {what} this translates, as `build.py check` prints it (12 hex digits); once "
        f"{main} is edited, check says the translation translates an older version",
        "3f9a1c2b7d4e",
        pattern=FINGERPRINT,
    )


EDITION_SECTION = Keys(
    "the front matter",
    (*SECTION.keys, _translates("main section's wording (title, summary, note and text)", "the main section")),
)
EDITION_EVENT_SOURCE = Keys(
    "'source'", (_wording("name", "AFP", required=True),), main=EVENT_SOURCE, main_file="content/events.yaml"
)
EDITION_EVENT = Keys(
    "an event",
    (
        _id("id", "the id of an event of content/events.yaml", "soviet-withdrawal"),
        _text(
            "title",
            "the event's headline in the edition's language",
            "Les dernières troupes soviétiques quittent l'Afghanistan",
            required=True,
        ),
        _text(
            "text",
            "its text in the edition's language, Markdown; needed when the main event has one",
            "Moscou a négocié la fin de dix ans d'occupation.",
        ),
        Key(
            "source",
            "mapping",
            "the source's name in the edition's language",
            {"name": "AFP"},
            keys=EDITION_EVENT_SOURCE,
        ),
        _translates("main event's wording (title, text and source's name)", "the main event"),
    ),
    main=EVENT,
    main_file="content/events.yaml",
)
EDITION_EVENTS_DOC = Keys(
    "content/<tag>/events.yaml",
    (
        Key(
            "events",
            "list",
            "the translated events, by id; dates, places and themes are the main file's",
            required=True,
            keys=EDITION_EVENT,
        ),
    ),
)


@dataclass(frozen=True)
class Document:
    """A kind of content file: its keys, the JSON Schema written for it and the README table listing them."""

    name: str  # schema/<name>.schema.json, <!-- schema:<name> --> in the README
    title: str
    keys: Keys
    table: Keys  # the keys the README's table lists: those of the file's items for a file that is one list
    optional: bool = False  # an empty file is no error


DOCUMENTS = (
    Document("site", "site.yaml", SITE, SITE),
    Document("section", "section front matter (content/*.md)", SECTION, SECTION),
    Document("events", "content/events.yaml", EVENTS_DOC, EVENT, optional=True),
    Document("updates", "content/updates.yaml", UPDATES_DOC, UPDATE, optional=True),
    Document("media", "content/media.yaml", MEDIA_DOC, PHOTO, optional=True),
    Document(
        "edition-site", "an edition's site.yaml (content/<tag>/site.yaml)", EDITION_SITE, EDITION_SITE, optional=True
    ),
    Document(
        "edition-section", "an edition's section front matter (content/<tag>/*.md)", EDITION_SECTION, EDITION_SECTION
    ),
    Document(
        "edition-events",
        "an edition's events (content/<tag>/events.yaml)",
        EDITION_EVENTS_DOC,
        EDITION_EVENT,
        optional=True,
    ),
)
SCHEMA_DIR = "schema"
# Draft 2020-12, in keywords that editors still reading draft 7 (VS Code's YAML extension) understand as well.
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_path(doc: Document) -> str:
    """Where the document's JSON Schema is written, relative to the project."""
    return f"{SCHEMA_DIR}/{doc.name}.schema.json"


def schema_files() -> dict[str, str]:
    """Every JSON Schema, by its path relative to the project."""
    return {schema_path(doc): json_schema(doc) for doc in DOCUMENTS}


# JSON Schema ------------------------------------------------------------------------------------------------


def json_schema(doc: Document) -> str:
    """The document's JSON Schema (draft 2020-12), as the bytes written to schema/: the same for the same declaration."""
    root = {
        "$schema": DRAFT,
        "title": doc.title,
        "description": f"The keys of {doc.title}; see the README.",
        **_object(doc.keys, nullable=doc.optional),
    }
    return json.dumps(root, indent=2, ensure_ascii=False) + "\n"


def _object(keys: Keys, nullable: bool = False) -> dict[str, object]:
    result: dict[str, object] = {"type": ["object", "null"] if nullable else "object"}
    result["properties"] = {k.name: _property(k) for k in keys.keys}
    result["additionalProperties"] = False
    required = [k.name for k in keys.keys if k.required]
    if required:
        result["required"] = required
    conditions = [_condition(k) for k in keys.keys if k.required_with or k.required_unless]
    if conditions:
        result["allOf"] = conditions
    return result


def _condition(key: Key) -> dict[str, object]:
    """A key's required-ness that depends on another key, in if/then (which editors reading draft 7 know too); an empty value is none."""
    given = {"required": [key.name], "properties": {key.name: {"not": {"type": "null"}}}}
    if key.required_with:
        return {
            "if": {"required": [key.required_with], "properties": {key.required_with: {"not": {"type": "null"}}}},
            "then": given,
        }
    other = {"properties": {key.required_unless: {"const": True}}, "required": [key.required_unless]}
    return {"if": other, "then": {"properties": {key.name: {"type": "null"}}}, "else": given}


def _property(key: Key) -> dict[str, object]:
    # VS Code's YAML extension shows `markdownDescription` on hover, with the help's `code` set as code.
    prop: dict[str, object] = {"description": key.help, "markdownDescription": key.help}
    prop.update(_value(key))
    if not key.required and "type" in prop:  # an optional key may be left empty (`summary:`), as if absent
        kinds = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
        prop["type"] = [*kinds, "null"]
    if key.choices and not key.required:
        prop["enum"] = [*key.choices, None]
    if key.default is not None:
        prop["default"] = key.default
    prop["examples"] = [example(key)]
    return prop


def example(key: Key) -> object:
    """The key's example; for a mapping or a list without one, made of the examples of the keys it needs."""
    if key.example is not None or key.keys is None:
        return key.example
    item = {k.name: example(k) for k in key.keys.keys if k.required or k.required_unless}
    return [item] if key.kind == "list" else item


# A text is read as written, so a number or a boolean is text too (`title: 1979`).
_TEXT = ["string", "number", "boolean"]
_ID = {"type": ["string", "integer"], "pattern": f"^{ID}$", "minimum": 0}  # `id: 2021` is the id '2021'


def _value(key: Key) -> dict[str, object]:
    if key.kind == "text":
        if key.choices:
            return {"type": "string", "enum": list(key.choices)}
        if key.pattern:
            return {"type": "string", "pattern": f"^(?:{key.pattern})$"}
        return {"type": _TEXT, "pattern": r"\S"} if key.required else {"type": _TEXT}
    if key.kind == "id":
        return dict(_ID)
    if key.kind == "ids":
        ids: dict[str, object] = {"type": "array", "items": dict(_ID)}
        if key.low is not None:
            ids["minItems"] = int(key.low)
        return ids
    if key.kind in ("number", "integer"):
        return {"type": key.kind, "minimum": key.low, "maximum": key.high}
    if key.kind == "boolean":
        return {"type": "boolean"}
    if key.kind == "date":
        return {"type": "string", "pattern": f"^(?:{FULL_DATE})$", "format": "date"}
    if key.kind == "partial-date":  # a year alone is a number in YAML
        return {
            "type": ["string", "integer"],
            "pattern": f"^(?:{PARTIAL_DATE})$",
            "minimum": MIN_YEAR,
            "maximum": MAX_YEAR,
        }
    if key.kind == "extent":
        return {
            "type": "array",
            "items": {"type": "number", "minimum": -180, "maximum": 180},
            "minItems": 4,
            "maxItems": 4,
        }
    if key.kind == "strings":
        forms = {
            "type": "object",
            "propertyNames": {"enum": list(PLURAL_CATEGORIES)},
            "additionalProperties": {"type": "string", "pattern": r"\S"},
        }
        return {"type": "object", "additionalProperties": {"anyOf": [{"type": "string", "pattern": r"\S"}, forms]}}
    assert key.keys is not None
    if key.kind == "mapping":
        return _object(key.keys)
    return {"type": "array", "items": _object(key.keys)}


# README tables ----------------------------------------------------------------------------------------------


def readme_table(doc: Document) -> str:
    """The README's table of the document's keys, nested keys written `source.name` and `themes[].id`."""
    rows = ["| key | type | required | default | meaning |", "| --- | --- | --- | --- | --- |"]
    rows.extend(_rows(doc.table, ""))
    return "\n".join(rows) + "\n"


def _rows(keys: Keys, prefix: str) -> list[str]:
    rows = []
    for key in keys.keys:
        name = prefix + key.name
        rows.append(f"| `{name}` | {KINDS[key.kind]} | {_required(key)} | {_default(key)} | {_meaning(key)} |")
        if key.keys is not None:
            rows.extend(_rows(key.keys, f"{name}[]." if key.kind == "list" else f"{name}."))
    return rows


def _required(key: Key) -> str:
    if key.required_with:
        return f"with `{key.required_with}`"
    if key.required_unless:
        return f"unless `{key.required_unless}`"
    return "yes" if key.required else "no"


def _default(key: Key) -> str:
    return "" if key.default is None else f"`{_yaml(key.default)}`"


def _meaning(key: Key) -> str:
    text = key.help
    if key.choices:
        text += "; one of " + ", ".join(f"`{c}`" for c in key.choices)
    elif key.kind in ("number", "integer"):
        text += f"; {key.low:g} to {key.high:g}"
    elif key.kind == "ids" and key.low:
        text += f"; at least {key.low:g}"
    if key.kind not in ("mapping", "list"):
        text += f"; such as `{_yaml(key.example)}`"
    return text.replace("|", "\\|")


def _yaml(value: object) -> str:
    """A value as an editor writes it in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml_key(k)}: {_yaml(v)}" for k, v in value.items()) + "}"
    return str(value)


def _yaml_key(key: str) -> str:
    return key if PLAIN_KEY.fullmatch(key) else json.dumps(key)


def update_readme(text: str) -> str:
    """The README with each `<!-- schema:NAME -->` … `<!-- /schema -->` block replaced by the table the declaration gives."""
    for doc in DOCUMENTS:
        start, end = f"<!-- schema:{doc.name} -->\n", "<!-- /schema -->"
        head, found, rest = text.partition(start)
        if not found:
            raise ValueError(f"the README has no '{start.strip()}' line for the {doc.title} table")
        _, found, tail = rest.partition(end)
        if not found:
            raise ValueError(f"the README's '{start.strip()}' table has no closing '{end}'")
        text = head + start + readme_table(doc) + end + tail
    return text
