"""Embeds: the timeline and the map alone, each a page for a CMS's <iframe>, and the snippets that frame them.

An embed page links the site's own stylesheet and script (no other server), resolves its links against the
main page with `<base href="../" target="_top">`, and tells its parent its height in pym.js's message format
and as a JSON message (static/js/embed.js).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..exchange.export import EVENTS_CSV, EVENTS_ICS, EVENTS_JSON, PLACES_GEOJSON
from ..language.interface import N_, Interface
from ..model import Site
from .render import Fragment, Templates

EMBEDS = {"timeline": "embed/timeline.html", "map": "embed/map.html"}
EMBED_NAMES = {"timeline": N_("timeline"), "map": N_("map")}  # after the site's title in an embed's title
EMBED_SUMMARIES = {"timeline": N_("Embed the timeline"), "map": N_("Embed the map")}
FRAME_HEIGHT = 600  # the iframe's height until the embed reports its own (without JavaScript the frame scrolls)


@dataclass(frozen=True, slots=True)
class DataLink:
    """A download under the page's Data heading."""

    href: str
    label: str
    format: str


@dataclass(frozen=True, slots=True)
class EmbedSnippet:
    """The HTML a newsroom pastes into its CMS to frame one component."""

    id: str
    label: str
    href: str
    code: str
    summary: str  # "Embed the timeline"


@dataclass(frozen=True, slots=True)
class Downloads:
    """The Data section's downloads and embed snippets, for templates/_data.html."""

    links: tuple[DataLink, ...]
    embeds: tuple[EmbedSnippet, ...]


def downloads(site: Site) -> Downloads:
    """The Data section's downloads and embed snippets, in the site's language."""
    _ = Interface(site.language, site.strings).gettext
    links = (
        DataLink(EVENTS_JSON, _("Events for TimelineJS"), "JSON"),
        DataLink(EVENTS_CSV, _("Events in the TimelineJS sheet's columns"), "CSV"),
        DataLink(EVENTS_ICS, _("Events for calendar apps"), "iCalendar"),
        DataLink(PLACES_GEOJSON, _("Places and routes"), "GeoJSON"),
    )
    snippets = tuple(
        EmbedSnippet(name, embed_title(site, name), path, snippet(site, name, path), _(EMBED_SUMMARIES[name]))
        for name, path in EMBEDS.items()
    )
    return Downloads(links, snippets)


def snippet(site: Site, name: str, path: str) -> str:
    """An iframe and a few lines that set its height from the embed's messages (pym.js's parent also understands them)."""
    frame_id = f"explainer-{name}"
    title = html.escape(embed_title(site, name))
    return (
        f'<iframe id="{frame_id}" src="{site.base_url}{path}?childId={frame_id}" title="{title}" '
        f'width="100%" height="{FRAME_HEIGHT}" style="border:0;width:100%"></iframe>\n'
        "<script>\n"
        'window.addEventListener("message", function (e) {\n'
        "  var m = e.data;\n"
        f'  if (m && m.type === "explainer:height" && m.id === "{frame_id}") {{\n'
        f'    document.getElementById("{frame_id}").style.height = m.height + "px";\n'
        "  }\n"
        "});\n"
        "</script>"
    )


def embed_title(site: Site, name: str) -> str:
    """An embed's title: "Lavrov in Islamabad: timeline", in the site's language."""
    words = Interface(site.language, site.strings)
    return f"{site.title}{words.gettext(': ')}{words.gettext(EMBED_NAMES[name])}"


def embed_pages(
    templates: Templates, context: Mapping[str, object], fragments: Iterable[Fragment], site: Site
) -> dict[str, bytes]:
    """embed/timeline.html and embed/map.html, rendered from templates/embed-<name>.html with the page's names and fragments."""
    placed = tuple(fragments)
    return {
        path: templates.page(
            f"embed-{name}.html", {**context, "embed": name, "embed_title": embed_title(site, name)}, placed
        )
        for name, path in EMBEDS.items()
    }
