"""The Open Graph image: a 1200×630 PNG of the explainer's title beside its own map.

drawings.py caches it by its inputs and imports this module only to draw it, so a
build that reuses a cached image never loads Pillow or the map libraries. The font is
the one Pillow bundles (Aileron), so the image looks the same on every machine and
needs no system font.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from ..model import Site
from . import OG_HEIGHT as HEIGHT
from . import OG_WIDTH as WIDTH
from .geo import detail, fit_frame, locate_places, shape_basemap

PANEL = 500  # width of the title panel on the left; the map fills the rest
SUPERSAMPLE = 2  # the map is drawn this many times larger, then scaled down for smooth edges
MARGIN = 48
MARKER_R = 9.0  # px in the final image
TITLE_SIZES = (72, 64, 58, 52, 46, 40)  # px, largest first: the first at which the title fits is used
TITLE_LINES = 5
COLOURS = {
    "panel": "#f3f0e8",
    "text": "#1d1d1b",
    "muted": "#55534e",
    "accent": "#8a2b0e",
    "water": "#dfe9ef",
    "land": "#e9e5da",
    "border": "#8f887a",
    "route": "#8a2b0e",
    "marker": "#8a2b0e",
    "halo": "#fdfcf9",
}


@dataclass(frozen=True)
class TitleLayout:
    """The title broken into lines at one font size."""

    size: int
    lines: tuple[str, ...]


def draw_og_image(site: Site, topology: Any) -> bytes:
    """Return the PNG; drawings.py keeps it in the cache."""
    image = Image.new("RGB", (WIDTH, HEIGHT), COLOURS["panel"])
    image.paste(_draw_map(site, topology), (PANEL, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(PANEL, 0), (PANEL, HEIGHT)], fill=COLOURS["border"], width=2)
    draw.text((MARGIN, MARGIN), "EXPLAINER", font=_font(26), fill=COLOURS["accent"])
    layout = layout_title(site.title, PANEL - 2 * MARGIN)
    font = _font(layout.size)
    line_height = round(layout.size * 1.15)
    top = (HEIGHT - line_height * len(layout.lines)) // 2
    for n, line in enumerate(layout.lines):
        draw.text((MARGIN, top + n * line_height), line, font=font, fill=COLOURS["text"])
    draw.text((MARGIN, HEIGHT - MARGIN - 28), site.byline, font=_font(28), fill=COLOURS["muted"])
    out = BytesIO()
    image.save(out, format="PNG", compress_level=6)  # optimize=True would take half a second more
    return out.getvalue()


def layout_title(title: str, width: int) -> TitleLayout:
    """Break the title into lines at the largest size that fits; shorten the last line if none does."""
    for size in TITLE_SIZES:
        font = _font(size)
        lines = _wrap(title, width, font.getlength)
        if len(lines) <= TITLE_LINES:
            return TitleLayout(size, lines)
    kept = list(lines[:TITLE_LINES])
    while kept[-1] and font.getlength(kept[-1] + "…") > width:
        kept[-1] = kept[-1][:-1]
    kept[-1] = kept[-1].rstrip() + "…"
    return TitleLayout(TITLE_SIZES[-1], tuple(kept))


def _wrap(text: str, width: int, measure: Any) -> tuple[str, ...]:
    """Greedy word wrap; a word longer than the width gets a line of its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and measure(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def _font(size: int) -> Any:
    """Pillow's bundled scalable font at a pixel size; a clear error if Pillow lacks FreeType."""
    font = ImageFont.load_default(size=size)
    if not isinstance(font, ImageFont.FreeTypeFont):
        raise RuntimeError("Pillow was built without FreeType, so it cannot draw the Open Graph image's title; install Pillow from its PyPI wheel (see requirements.txt)")
    return font


def _draw_map(site: Site, topology: Any) -> Any:
    """The map panel: land, borders, routes and markers, drawn large and scaled down."""
    s = SUPERSAMPLE
    frame = fit_frame(site.places, site.map, (WIDTH - PANEL) * s, HEIGHT * s)
    located, _ = locate_places(frame, site.places)
    # simplified as the page's map is, so the two share one decoded basemap
    base = shape_basemap(topology, frame, {}, lambda name: (0.0, 0.0), detail(fit_frame(site.places, site.map)))
    image = Image.new("RGB", (frame.width, frame.height), COLOURS["water"])
    draw = ImageDraw.Draw(image)
    for polygon in base.land:
        exterior, *holes = polygon
        draw.polygon(exterior, fill=COLOURS["land"])
        for hole in holes:
            draw.polygon(hole, fill=COLOURS["water"])
    for border in base.borders:
        draw.line(border, fill=COLOURS["border"], width=round(1.2 * s))
    where = {loc.place.id: loc.at for loc in located}
    for route in site.routes:
        stops = [where[p] for p in route.places if p in where]
        if len(stops) > 1:
            draw.line(stops, fill=COLOURS["route"], width=4 * s, joint="curve")
    for loc in located:
        _marker(draw, loc.at, MARKER_R * s)
    return image.resize((WIDTH - PANEL, HEIGHT), Image.Resampling.LANCZOS)


def _marker(draw: Any, at: tuple[float, float], r: float) -> None:
    """A dot for a place on the map."""
    x, y = at
    draw.ellipse([x - r, y - r, x + r, y + r], fill=COLOURS["marker"], outline=COLOURS["halo"], width=round(r / 3))
