"""site.yaml -> a frozen Site, every key checked."""

from __future__ import annotations

import datetime as dt
from typing import cast
from urllib.parse import urlsplit

from ..errors import Collector, Loc
from ..language.interface import PLURAL_CATEGORIES, Interface, messages, missing_strings
from ..language.tags import resolve
from ..model import Attribution, MapSettings, Person, Place, Route, Site, StringOverride, Theme
from .brand import read_brand
from .fields import Fields, check_unique, closest, describe
from .schema import MAP, PERSON, PLACE, ROUTE, SITE, THEME
from .yamlsrc import Node, YamlError, parse_yaml

SITE_FILE = "site.yaml"


def parse_site(text: str, errors: Collector) -> Site | None:
    """Parse and validate the text of site.yaml."""
    try:
        node = parse_yaml(text, SITE_FILE)
    except YamlError as exc:
        errors.extend(exc.errors)
        return None
    if node is None:
        errors.error(
            Loc(SITE_FILE, 1, 1),
            "site.yaml is empty; it needs at least title, dek, language, published, themes and places",
        )
        return None
    return read_site(node, errors)


def read_site(node: Node, errors: Collector) -> Site:
    """Turn the parsed site.yaml into a Site."""
    f = Fields(node, SITE, errors)
    language = f.text("language")
    strings: tuple[StringOverride, ...] = ()
    if language:
        try:
            resolve(language)
        except ValueError as exc:
            errors.error(f.at("language"), str(exc))
        else:
            strings = read_strings(f.get("strings", False), language, errors)
            missing = missing_strings(language, strings)
            if missing:
                errors.error(
                    f.at("language"),
                    f"language '{language}' has no interface catalog; give every interface string under 'strings:' "
                    f"in site.yaml (see the README), or use a language that has one; {len(missing)} missing: "
                    + ", ".join(repr(m) for m in missing),
                )
    published = f.date("published")
    updated = f.date("updated")
    if published and updated and updated < published:
        errors.error(
            f.at("updated"),
            f"'updated' ({updated}) is before 'published' ({published}); fix one of the dates",
        )
    base_url = f.text("base_url")
    problem = base_url_problem(base_url) if base_url else None
    if problem:
        errors.error(f.at("base_url"), f"'base_url' {problem}")
        base_url = ""
    themes = tuple(_read_theme(item, errors) for item in f.items("themes"))
    places = tuple(_read_place(item, errors) for item in f.items("places"))
    check_unique(errors, [(t.id, t.loc) for t in themes], "theme")
    check_unique(errors, [(p.id, p.loc) for p in places], "place")
    theme_ids = {t.id for t in themes}
    place_ids = {p.id for p in places}
    routes = tuple(_read_route(item, theme_ids, place_ids, errors) for item in f.items("routes"))
    check_unique(errors, [(r.id, r.loc) for r in routes], "route")
    people = tuple(_read_person(item, errors) for item in f.items("people"))
    check_unique(errors, [(p.id, p.loc) for p in people], "person")
    return Site(
        title=f.prose("title"),
        dek=f.prose("dek"),
        language=language,
        published=cast(dt.date, published),  # None only with its error reported: the build stops before using it
        updated=updated,
        byline=f.prose("byline"),
        source=_read_attribution(f.sub("source"), errors),
        base_url=base_url,
        themes=themes,
        places=places,
        routes=routes,
        map=_read_map(f.sub("map"), errors),
        people=people,
        brand=read_brand(f.sub("brand"), errors),
        lead_image=f.media_ref("lead_image"),
        strings=strings,
    )


def base_url_problem(url: str) -> str | None:
    """What is wrong with a base_url, which goes into every absolute link, robots.txt and the 404 page; None if nothing."""
    if any(c.isspace() or not c.isprintable() for c in url):
        return "must not contain spaces, tabs, line breaks or control characters; write the address on one line, such as https://user.github.io/repo/"
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or not url.startswith(f"{parts.scheme}://"):
        return "must be an absolute http(s) URL ending in '/', such as https://user.github.io/repo/"
    try:
        _ = parts.port  # raises ValueError for a port out of range
    except ValueError:
        return f"has an invalid port in '{parts.netloc}'; write a number from 1 to 65535 after the ':', or leave the port out"
    if "@" in parts.netloc:
        return "must not contain a user name or password ('…@'); write the public address, such as https://user.github.io/repo/"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return "must not have a query ('?') or a fragment ('#'); end it with the folder's '/', such as https://user.github.io/repo/"
    if "//" in parts.path or "\\" in url:
        return "has '//' or '\\' in its path, which browsers read as another host in the 404 page's links; write single slashes, such as https://user.github.io/repo/"
    if not parts.path.endswith("/"):
        return "must be an absolute http(s) URL ending in '/', such as https://user.github.io/repo/"
    return None


def read_strings(node: Node | None, language: str, errors: Collector) -> tuple[StringOverride, ...]:
    """site.yaml's `strings:`: interface messages (by their English text) in the newsroom's own wording."""
    if node is None:
        return ()
    if not node.is_map:
        errors.error(node.loc, "'strings' must be a mapping of interface messages (their English text) to your wording")
        return ()
    known = messages()
    categories = Interface(language).categories
    overrides = []
    for msgid, entry in node.mapping.items():
        message = known.get(msgid)
        if message is None:
            close = closest(msgid, list(known))
            hint = f"did you mean '{close}'?" if close else "the README lists every interface message"
            errors.error(entry.key_loc, f"'{msgid}' is not an interface message ({hint})")
            continue
        value = entry.node
        if message.plural is None:
            if value.is_map or value.is_list or not isinstance(value.value, str) or not value.value.strip():
                errors.error(value.loc, f"'{msgid}' needs one text, not {describe(value)}")
                continue
            overrides.append(StringOverride(msgid, (("other", value.value),), entry.key_loc))
            continue
        if not value.is_map:
            errors.error(
                value.loc,
                f"'{msgid}' has plural forms; give a mapping with {', '.join(categories)} (the forms of '{language}')",
            )
            continue
        forms = []
        for category, form in value.mapping.items():
            if category not in categories:
                errors.error(
                    form.key_loc, f"'{category}' is not a plural form of '{language}'; it has {', '.join(categories)}"
                )
            elif not isinstance(form.node.value, str) or not form.node.value.strip():
                errors.error(
                    form.node.loc, f"the '{category}' form of '{msgid}' needs a text, not {describe(form.node)}"
                )
            else:
                forms.append((category, form.node.value))
        absent = [c for c in categories if c not in dict(forms)]
        if absent:
            errors.error(value.loc, f"'{msgid}' needs the plural forms {', '.join(absent)} too")
            continue
        forms.sort(key=lambda pair: PLURAL_CATEGORIES.index(pair[0]))
        overrides.append(StringOverride(msgid, tuple(forms), entry.key_loc))
    return tuple(overrides)


def _read_theme(node: Node, errors: Collector) -> Theme:
    f = Fields(node, THEME, errors)
    return Theme(id=f.identifier("id"), label=f.prose("label"), loc=f.loc)


def _read_place(node: Node, errors: Collector) -> Place:
    f = Fields(node, PLACE, errors)
    return Place(
        id=f.identifier("id"),
        name=f.prose("name"),
        lat=f.number("lat"),
        lon=f.number("lon"),
        loc=f.loc,
    )


def _read_person(node: Node, errors: Collector) -> Person:
    f = Fields(node, PERSON, errors)
    return Person(
        id=f.identifier("id"),
        name=f.prose("name"),
        role=f.prose("role"),
        description=f.prose("description"),
        loc=f.loc,
        image=f.media_ref("image"),
    )


def _read_route(node: Node, theme_ids: set[str], place_ids: set[str], errors: Collector) -> Route:
    f = Fields(node, ROUTE, errors)
    stops = f.references("places", place_ids, "place")
    if f.node.is_map and len(stops) < 2 and f.get("places", False) is not None:
        errors.error(f.at("places"), "a route needs at least two places")
    line = f.choice("line")
    return Route(
        id=f.identifier("id"),
        label=f.prose("label"),
        places=stops,
        theme=f.reference("theme", theme_ids, "theme"),
        loc=f.loc,
        line=line,
    )


def _read_attribution(f: Fields | None, errors: Collector) -> Attribution:
    if f is None:
        return Attribution("", "", None)
    url = f.text("url") or None
    if url and not url.startswith(("https://", "http://")):
        errors.error(f.at("url"), "'url' must start with https:// or http://")
    return Attribution(
        name=f.prose("name"),
        description=f.prose("description"),
        url=url,
        kind=f.choice("kind", "source kind"),
        author=f.prose("author"),
        outlet=f.prose("outlet"),
        date=f.partial_date("date"),
    )


def _read_map(given: Fields | None, errors: Collector) -> MapSettings:
    f = given or Fields(Node({}, SITE_FILE, 1, 1), MAP, errors)  # no `map:`, so every key's declared default
    extent = None
    corners = f.items("extent")
    if corners:
        values = [c.value for c in corners]
        if len(values) != 4 or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in values):
            errors.error(f.at("extent"), "'extent' must be four numbers: [west, south, east, north] in degrees")
        else:
            west, south, east, north = (float(cast(float, v)) for v in values)  # numbers, as checked above
            if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south < north <= 90):
                errors.error(
                    f.at("extent"),
                    "'extent' must be [west, south, east, north] with longitudes -180 to 180 and south below north",
                )
            else:
                extent = (west, south, east, north)
    return MapSettings(
        extent=extent,
        padding=f.number("padding"),
        width=f.integer("width"),
        height=f.integer("height"),
        projection=f.choice("projection"),
        detail_inset=f.boolean("detail_inset"),
    )
