"""What publishing adds to the page: head metadata, a 404 page, sitemap, robots.txt, Atom feed, Open Graph image.

Links inside the site stay relative; the absolute URLs built here from site.yaml's
`base_url` appear only where the formats require them (canonical, Open Graph,
JSON-LD, sitemap, feed), and in 404.html, which must work at any depth.
"""

from __future__ import annotations

import html
import json
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import nh3
from babel.core import get_global

from ..dates.format import format_day
from ..language.interface import Interface
from ..language.tags import resolve
from ..map import OG_HEIGHT, OG_WIDTH
from ..model import Explainer, Site, Update
from .render import Templates

OG_IMAGE = "og.png"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
NOT_FOUND = "404.html"
ATOM = "http://www.w3.org/2005/Atom"
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XHTML = "http://www.w3.org/1999/xhtml"
FEED_TITLE_CHARS = 100
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True, slots=True)
class Meta:
    """The head's metadata for sharing and search; every URL absolute except the feed link."""

    canonical: str
    title: str
    description: str
    locale: str  # og:locale such as en_GB; empty when site.yaml names no region
    published: str
    modified: str
    image: str
    image_alt: str
    image_width: int
    image_height: int
    feed: str
    json_ld: str  # already serialized and safe inside <script>
    alternates: tuple[
        tuple[str, str], ...
    ] = ()  # (hreflang, absolute URL) of every edition, and x-default; () without editions


@dataclass(frozen=True, slots=True)
class NotFoundPage:
    """The 404 page's links, absolute paths from the site's base path so they work at any depth."""

    language: str
    title: str
    home: str
    stylesheet: str


def page_meta(site: Site, lead_alt: str | None = None, alternates: tuple[tuple[str, str], ...] = ()) -> Meta:
    """The metadata of the explainer's page, for templates/_meta.html; `lead_alt` is the lead photo's alt text, if it has one."""
    image = site.base_url + OG_IMAGE
    words = Interface(site.language, site.strings)
    if lead_alt is None:
        image_alt = words.gettext("%(title)s: the explainer’s title beside its map of %(places)s") % {
            "title": site.title,
            "places": words.join([p.name for p in site.places]),
        }
    elif lead_alt:
        image_alt = words.gettext("%(title)s: the explainer’s title beside its lead photo: %(alt)s") % {
            "title": site.title,
            "alt": lead_alt,
        }
    else:
        image_alt = words.gettext("%(title)s: the explainer’s title beside its lead photo") % {"title": site.title}
    published = site.published.isoformat()
    modified = (site.updated or site.published).isoformat()
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": site.title,
        "description": site.dek,
        "inLanguage": site.language,
        "url": site.base_url,
        "mainEntityOfPage": site.base_url,
        "datePublished": published,
        "dateModified": modified,
        "author": {"@type": "Organization", "name": site.byline},
        "publisher": {"@type": "Organization", "name": site.byline},
        "image": {"@type": "ImageObject", "url": image, "width": OG_WIDTH, "height": OG_HEIGHT},
        "isBasedOn": {
            "@type": "CreativeWork",
            "name": site.source.name,
            **({"url": site.source.url} if site.source.url else {}),
        },
    }
    return Meta(
        canonical=site.base_url,
        title=site.title,
        description=site.dek,
        locale=og_locale(site.language),
        published=published,
        modified=modified,
        image=image,
        image_alt=image_alt,
        image_width=OG_WIDTH,
        image_height=OG_HEIGHT,
        feed=FEED,
        json_ld=json_for_script(article),
        alternates=alternates,
    )


def og_locale(language: str) -> str:
    """Open Graph's language_TERRITORY: the tag's own region, else CLDR's likeliest (fr -> fr_FR, ur -> ur_PK,
    zh-Hans -> zh_CN); "" for world English (`en`), which has no territory."""
    locale = resolve(language)
    likely = get_global("likely_subtags")
    territory = locale.territory or likely.get(str(locale), likely.get(locale.language, "")).split("_")[-1]
    return f"{locale.language}_{territory}" if territory.isalpha() and len(territory) == 2 else ""


def json_for_script(value: Any) -> str:
    """Serialize JSON so it cannot end or confuse the <script> element it is placed in."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return "".join(SCRIPT_ESCAPES.get(ch, ch) for ch in text)


def base_path(site: Site) -> str:
    """The path part of base_url, such as /repo/ for a GitHub project site."""
    return urlsplit(site.base_url).path or "/"


def symlinked(root: Path, rel: str) -> bool:
    """True if the project file, or a folder on its way below the project, is a symlink."""
    path = root / rel
    return any(p.is_symlink() for p in (path, *path.parents) if p != root and p.is_relative_to(root))


def publish_files(explainer: Explainer, og_png: bytes) -> dict[str, bytes]:
    """The files beside each edition's index.html that sharing and feed readers need."""
    return {FEED: atom_feed(explainer.site, explainer.updates), OG_IMAGE: og_png}


def root_files(
    explainer: Explainer, templates: Templates, stylesheet: str, editions: Sequence[Site] = ()
) -> dict[str, bytes]:
    """The files hosting needs once, at the site's root: 404.html, the sitemap of every edition, robots.txt.

    `stylesheet` is the bundle's relative URL; `editions` are the other editions' Sites."""
    site = explainer.site
    home = base_path(site)
    not_found = NotFoundPage(language=site.language, title=site.title, home=home, stylesheet=home + stylesheet)
    return {
        ".nojekyll": b"",
        NOT_FOUND: templates.page(NOT_FOUND, {"page": not_found}),
        SITEMAP: sitemap(site, editions),
        "robots.txt": robots(site).encode("utf-8"),
    }


def sitemap(site: Site, editions: Sequence[Site] = ()) -> bytes:
    """sitemap.xml: each edition's page with the date it last changed, and, with editions, every edition as its alternate."""
    ET.register_namespace("", SITEMAPS)
    if editions:
        ET.register_namespace("xhtml", XHTML)
    urlset = ET.Element(f"{{{SITEMAPS}}}urlset")
    pages = (site, *editions)
    for page in pages:
        url = ET.SubElement(urlset, f"{{{SITEMAPS}}}url")
        ET.SubElement(url, f"{{{SITEMAPS}}}loc").text = page.base_url
        ET.SubElement(url, f"{{{SITEMAPS}}}lastmod").text = (site.updated or site.published).isoformat()
        for other in pages if editions else ():
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=other.language, href=other.base_url)
        if editions:
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang="x-default", href=site.base_url)
    return _xml(urlset)


def robots(site: Site) -> str:
    """robots.txt: allow everything and name the sitemap (crawlers read it only at a host's root)."""
    return f"User-agent: *\nAllow: /\nSitemap: {site.base_url}{SITEMAP}\n"


def atom_feed(site: Site, updates: Sequence[Update]) -> bytes:
    """feed.xml: one Atom entry per update note, newest first, with ids that stay the same across builds."""
    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: site.language})
    words = Interface(site.language, site.strings)
    add(feed, "title", words.gettext("%(title)s: updates") % {"title": site.title})
    add(feed, "subtitle", site.dek)
    add(feed, "id", site.base_url + FEED)
    add(feed, "link", rel="self", type="application/atom+xml", href=site.base_url + FEED)
    add(feed, "link", rel="alternate", type="text/html", href=site.base_url)
    add(
        feed,
        "updated",
        _timestamp(updates[0].date.isoformat() if updates else (site.updated or site.published).isoformat()),
    )
    add(add(feed, "author"), "name", site.byline)
    for update, entry_id in zip(updates, entry_ids(site, updates)):
        entry = add(feed, "entry")
        add(entry, "title", f"{format_day(update.date, site.language)}{words.gettext(': ')}{_plain(update.html)}")
        add(entry, "id", entry_id)
        add(entry, "link", rel="alternate", type="text/html", href=site.base_url + "#updates")
        add(entry, "published", _timestamp(update.date.isoformat()))
        add(entry, "updated", _timestamp(update.date.isoformat()))
        untranslated = {XML_LANG: update.language} if update.language else {}  # an edition shows the main one's updates
        add(entry, "content", update.html, type="html", **{XML_BASE: site.base_url, **untranslated})
    return _xml(feed)


def entry_ids(site: Site, updates: Sequence[Update]) -> list[str]:
    """Tag URIs named by each update's date (-2, -3 … for later notes of the same day), so edits keep them."""
    parts = urlsplit(site.base_url)
    seen: dict[str, int] = {}
    ids = []
    for update in updates:
        day = update.date.isoformat()
        seen[day] = seen.get(day, 0) + 1
        suffix = f"-{seen[day]}" if seen[day] > 1 else ""
        ids.append(f"tag:{parts.hostname},{site.published.isoformat()}:{parts.path}updates/{day}{suffix}")
    return ids


def _plain(fragment: str) -> str:
    """An HTML fragment as one short line of text."""
    return textwrap.shorten(html.unescape(nh3.clean(fragment, tags=set())), FEED_TITLE_CHARS, placeholder=" …")


def _timestamp(day: str) -> str:
    """An Atom date-time for the start of a day, in UTC."""
    return f"{day}T00:00:00Z"


def _xml(element: ET.Element) -> bytes:
    ET.indent(element)
    data: bytes = ET.tostring(element, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
