"""The Open Graph image: a 1200×630 PNG of the explainer's title beside its own map, or beside its lead photo.

drawings.py caches it by its inputs and imports this module only to draw it, so a
build that reuses a cached image never loads Pillow or the map libraries. Each text (the
kicker, the title, the byline) is set in one Noto font, chosen for the whole text so that no
line switches fonts: Noto Sans for Latin, Greek and Cyrillic with their accents, dashes and
curly quotes (Pillow's bundled Aileron lacks most of them), else the Noto font of its
Arabic, Urdu (Nastaliq), Devanagari or Chinese script. They come from Debian's
fonts-noto-core and fonts-noto-cjk (SIL Open Font Licence), which scripts/system-deps.sh
installs, and are shaped by Pillow's raqm layout (HarfBuzz and FriBidi): joined letters,
right-to-left order, Devanagari's conjuncts.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from PIL import Image, ImageDraw, ImageFont, ImageOps, features

from ..language.interface import Interface
from ..model import MapSettings, Place, Site
from . import OG_HEIGHT as HEIGHT
from . import OG_WIDTH as WIDTH
from .basemap import LEVELS
from .geo import Frame, Located, detail, fit_frame, locate_places, seam_pieces, shape_basemap
from .svg import MIN_CLUSTER, READ_WIDTH, Box, Detail, Sizes, detail_inset, tight_cluster

# The Noto font for each script: (file, face index in a collection); None for any text not in the ranges below.
NOTO = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto")
SCRIPT_FONTS = {
    None: ("NotoSans-Regular.ttf", 0),  # Latin, Greek, Cyrillic and their punctuation
    "arabic": ("NotoNaskhArabic-Regular.ttf", 0),
    "urdu": ("NotoNastaliqUrdu-Regular.ttf", 0),  # Arabic script in an Urdu title: Nastaliq
    "devanagari": ("NotoSansDevanagari-Regular.ttf", 0),
    "cjk": ("NotoSansCJK-Regular.ttc", 2),  # the collection's Simplified Chinese face
}
SCRIPT_RANGES = (  # code point ranges of the scripts above
    ("arabic", 0x0600, 0x06FF),
    ("arabic", 0x0750, 0x077F),
    ("arabic", 0xFB50, 0xFDFF),
    ("arabic", 0xFE70, 0xFEFF),
    ("devanagari", 0x0900, 0x097F),
    ("cjk", 0x3000, 0x303F),
    ("cjk", 0x3400, 0x9FFF),
    ("cjk", 0xFF00, 0xFFEF),
)

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
    "frame": "#8f887a",
}


@dataclass(frozen=True)
class TitleLayout:
    """The title broken into lines at one font size."""

    size: int
    lines: tuple[str, ...]


def draw_og_image(site: Site, topology: Any, photo: bytes | None = None) -> bytes:
    """Return the PNG; drawings.py keeps it in the cache. With `photo` (a variant already stripped of metadata), it fills the panel the map would."""
    image = Image.new("RGB", (WIDTH, HEIGHT), COLOURS["panel"])
    panel = _photo_panel(photo) if photo is not None else _draw_map(site, topology)
    image.paste(panel, (PANEL, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(PANEL, 0), (PANEL, HEIGHT)], fill=COLOURS["border"], width=2)
    words = Interface(site.language, site.strings)
    rtl = words.direction == "rtl"
    language = words.locale.language

    def write(y: int, text: str, font: Any, colour: str) -> None:
        """One line of text, from the panel's right margin if the language is written right to left."""
        options: dict[str, Any] = {"direction": "rtl", "language": language} if rtl and _shapes(font) else {}
        at, anchor = ((PANEL - MARGIN, y), "ra") if rtl else ((MARGIN, y), "la")
        draw.text(at, text, font=font, fill=colour, anchor=anchor, **options)

    kicker = words.gettext("Explainer").upper()
    write(MARGIN, kicker, _font(26, kicker, language), COLOURS["accent"])
    layout = layout_title(site.title, PANEL - 2 * MARGIN, language)
    line_height = round(layout.size * (1.6 if _script(site.title, language) == "urdu" else 1.15))
    top = (HEIGHT - line_height * len(layout.lines)) // 2
    title_font = _font(layout.size, site.title, language)  # the whole title's, so that every line has the same
    for n, line in enumerate(layout.lines):
        write(top + n * line_height, line, title_font, COLOURS["text"])
    write(HEIGHT - MARGIN - 28, site.byline, _font(28, site.byline, language), COLOURS["muted"])
    out = BytesIO()
    image.save(out, format="PNG", compress_level=6)  # optimize=True would take half a second more
    return out.getvalue()


def layout_title(title: str, width: int, language: str = "en") -> TitleLayout:
    """Break the title into lines at the largest size that fits; shorten the last line if none does."""
    for size in TITLE_SIZES:
        font = _font(size, title, language)
        lines = _wrap(title, width, font.getlength, _script(title, language) == "cjk")
        if len(lines) <= TITLE_LINES:
            return TitleLayout(size, lines)
    kept = list(lines[:TITLE_LINES])
    while kept[-1] and font.getlength(kept[-1] + "…") > width:
        kept[-1] = kept[-1][:-1]
    kept[-1] = kept[-1].rstrip() + "…"
    return TitleLayout(TITLE_SIZES[-1], tuple(kept))


def _wrap(text: str, width: int, measure: Any, by_character: bool = False) -> tuple[str, ...]:
    """Greedy word wrap (Chinese, written without spaces, between any two characters); a word longer than the
    width gets a line of its own."""
    space = "" if by_character else " "
    lines: list[str] = []
    for word in list(text.replace(" ", "")) if by_character else text.split():
        if lines and measure(f"{lines[-1]}{space}{word}") <= width:
            lines[-1] = f"{lines[-1]}{space}{word}"
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def _script(text: str, language: str) -> str | None:
    """The script of the text that Noto Sans lacks, if any: "arabic", "urdu", "devanagari" or "cjk"."""
    for char in text:
        for script, low, high in SCRIPT_RANGES:
            if low <= ord(char) <= high:
                return "urdu" if script == "arabic" and language == "ur" else script
    return None


def _shapes(font: Any) -> bool:
    return getattr(font, "layout_engine", None) == ImageFont.Layout.RAQM


def _font(size: int, text: str = "", language: str = "en") -> Any:
    """The font for the whole text at a pixel size: its script's Noto font (Noto Sans for Latin, Greek and
    Cyrillic, or Pillow's own font where Noto Sans is not installed), with raqm shaping where Pillow has raqm; a
    clear error if another script's font or Pillow's FreeType is missing."""
    if not features.check("freetype2"):
        raise RuntimeError(
            "Pillow was built without FreeType, so it cannot draw the Open Graph image's title; install Pillow from its PyPI wheel (see requirements.txt)"
        )
    script = _script(text, language)
    name, index = SCRIPT_FONTS[script]
    path = next((f"{folder}/{name}" for folder in NOTO if os.path.isfile(f"{folder}/{name}")), None)
    if path is None and script is None:
        return ImageFont.load_default(size=size)  # Pillow's Aileron: plain Latin only, but no machine lacks it
    if path is None:
        raise RuntimeError(
            f"the Open Graph image needs the font {name} for its text; install it with: sh scripts/system-deps.sh"
        )
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, size, index=index, layout_engine=engine)


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
    where = {loc.place.id: loc for loc in located}
    for route in site.routes:
        stops = [where[p] for p in route.places if p in where]
        for a, b in zip(stops, stops[1:]):
            # straight between stops, but a great circle crossing a world map's seam is cut there, as on the page
            pieces = (
                seam_pieces(frame, a.place, b.place)
                if route.line != "straight" and frame.projection.kind == "world"
                else []
            )
            for piece in pieces if len(pieces) > 1 else [[a.at, b.at]]:
                draw.line(piece, fill=COLOURS["route"], width=4 * s, joint="curve")
    inset = og_detail(site.places, site.map, frame, located)
    if inset is not None:
        _draw_detail(image, draw, inset, topology)
        located = tuple(loc for loc in located if loc.place.id not in {d.place.id for d in inset.located})
    for loc in (*located, *(inset.located if inset else ())):
        _marker(draw, loc.at, MARKER_R * s)
    return image.reduce(s)  # each output pixel the mean of s × s drawn ones: a tenth of a Lanczos filter's time


def og_detail(
    places: Sequence[Place], settings: MapSettings, frame: Frame, located: Sequence[Located]
) -> Detail | None:
    """The page map's detail inset as the image draws it: the page's tight cluster, magnified in a free corner."""
    if not settings.detail_inset:
        return None
    page = fit_frame(places, settings)
    cluster = {loc.place.id for loc in tight_cluster(locate_places(page, places)[0], Sizes(page.width / READ_WIDTH))}
    here = [loc for loc in located if loc.place.id in cluster]
    if len(here) < MIN_CLUSTER:
        return None
    # the image has no labels and nothing to tap: sizes at which its markers end up two diameters apart
    sizes = Sizes(MARKER_R * SUPERSAMPLE / 6.0)
    r = MARKER_R * SUPERSAMPLE
    return detail_inset(frame, here, sizes, [Box(x - r, y - r, x + r, y + r) for x, y in (loc.at for loc in located)])


def _draw_detail(image: Any, draw: Any, inset: Detail, topology: Any) -> None:
    """The detail inset as on the page: its own water, land and borders in a frame, the area it shows outlined."""
    s = SUPERSAMPLE
    view, b = inset.frame, inset.box
    base = shape_basemap(topology, view, {}, lambda name: (0.0, 0.0), max(detail(view), 2.0 ** LEVELS[0]))
    panel = Image.new("RGB", (view.width, view.height), COLOURS["water"])
    pen = ImageDraw.Draw(panel)
    for exterior, *holes in base.land:
        pen.polygon(exterior, fill=COLOURS["land"])
        for hole in holes:
            pen.polygon(hole, fill=COLOURS["water"])
    for border in base.borders:
        pen.line(border, fill=COLOURS["border"], width=round(1.2 * s))
    draw.line(inset.area, fill=COLOURS["accent"], width=round(1.5 * s))
    image.paste(panel, (round(b.x0), round(b.y0)))
    draw.rectangle(
        [round(b.x0), round(b.y0), round(b.x0) + view.width, round(b.y0) + view.height],
        outline=COLOURS["frame"],
        width=2 * s,
    )


def _photo_panel(photo: bytes) -> Any:
    """The photo cropped to the panel from its centre, as CSS object-fit: cover would."""
    with Image.open(BytesIO(photo)) as original:
        return ImageOps.fit(original.convert("RGB"), (WIDTH - PANEL, HEIGHT), Image.Resampling.LANCZOS)


def _marker(draw: Any, at: tuple[float, float], r: float) -> None:
    """A dot for a place on the map."""
    x, y = at
    draw.ellipse([x - r, y - r, x + r, y + r], fill=COLOURS["marker"], outline=COLOURS["halo"], width=round(r / 3))
