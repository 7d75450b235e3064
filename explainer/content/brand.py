"""The newsroom's brand from site.yaml: logo, colours checked against WCAG AA, self-hosted fonts; and the CSS it adds."""

from __future__ import annotations

import re

from ..errors import Collector
from ..model import Brand, Font
from . import schema
from .fields import Fields
from .sources import Sources

COLOUR = re.compile(schema.COLOUR)
FAMILY = re.compile(schema.FAMILY)
FONT_FILE = re.compile(schema.FONT_FILE)
# The generator's own light palette (static/css/base.css), which a brand colour left out keeps.
DEFAULTS = {"accent": "#8a2b0e", "text": "#1d1d1b", "background": "#fdfcf9"}
BODY_TEXT, LARGE_TEXT = 4.5, 3.0  # WCAG 2 AA contrast minimums


NO_BRAND = Brand("", "", (), None, None)


def read_brand(f: Fields | None, errors: Collector) -> Brand:
    """Read `brand`, refusing colour pairs below WCAG AA with the ratio they have."""
    if f is None:
        return NO_BRAND
    logo = f.text("logo")
    if logo and not logo.lower().endswith((".svg", ".png")):
        errors.error(
            f.at("logo"),
            f"the logo '{logo}' must be an SVG or PNG file in static/, such as images/logo.svg",
        )
        logo = ""
    name = f.prose("name", required=bool(logo))
    colours = f.sub("colours")
    given: list[tuple[str, str]] = []
    if colours is not None:
        for key in colours.keys.names:
            value = colours.text(key)
            if value and not COLOUR.fullmatch(value):
                errors.error(
                    colours.at(key),
                    f"'{key}' must be a colour written #rrggbb, such as #1d1d1b, not '{value}'",
                )
            elif value:
                given.append((key, value.lower()))
        _check_contrast(colours, dict(given), errors)
    fonts = f.sub("fonts")
    return Brand(
        name=name,
        logo=logo,
        colours=tuple(given),
        body_font=_read_font(fonts.sub("body"), errors) if fonts else None,
        heading_font=_read_font(fonts.sub("headings"), errors) if fonts else None,
        logo_loc=f.at("logo") if logo else None,
    )


def _check_contrast(f: Fields, given: dict[str, str], errors: Collector) -> None:
    palette = {**DEFAULTS, **given}
    for key, minimum, use in (
        ("text", BODY_TEXT, "body text needs"),
        ("accent", BODY_TEXT, "links, large text and map marks need"),
    ):
        ratio = contrast(palette[key], palette["background"])
        if ratio < minimum and (key in given or "background" in given):
            where = f.at(key if key in given else "background")
            errors.error(
                where,
                f"'{key}' {palette[key]} on background {palette['background']} has a contrast ratio of {ratio:.2f}:1; "
                f"{use} at least {minimum:g}:1 (WCAG AA); choose a darker or lighter colour",
            )


def _read_font(f: Fields | None, errors: Collector) -> Font | None:
    if f is None:
        return None
    family, file = f.text("family"), f.text("file")
    if family and not FAMILY.fullmatch(family):
        errors.error(f.at("family"), f"font family '{family}' may hold only letters, digits, spaces and hyphens")
    if file and not FONT_FILE.fullmatch(file):
        errors.error(
            f.at("file"),
            f"font file '{file}' must be a WOFF2 file in static/fonts/ named with letters, digits, '.', '_' and '-', such as fonts/Body.woff2",
        )
        file = ""
    return Font(family if FAMILY.fullmatch(family) else "", file, f.loc)


def check_files(brand: Brand, sources: Sources, errors: Collector) -> None:
    """The logo and font files must be in static/."""
    if brand.logo and brand.logo_loc and not sources.exists(f"static/{brand.logo}"):
        errors.error(brand.logo_loc, f"the logo static/{brand.logo} does not exist; add the file or fix the path")
    for font in (brand.body_font, brand.heading_font):
        if font and font.file and not sources.exists(f"static/{font.file}"):
            errors.error(font.loc, f"the font static/{font.file} does not exist; add the WOFF2 file or fix the path")


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two #rgb or #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def brand_css(brand: Brand, root: str = "") -> str:
    """The CSS the brand adds after the stylesheet: its fonts (from `root`, the way to the site's root), and its colours in the light scheme ("" if none)."""
    rules = []
    for font in (brand.body_font, brand.heading_font):
        if font and font.family and font.file:
            rules.append(
                f'@font-face {{ font-family: "{font.family}"; src: url("{root}static/{font.file}") format("woff2"); font-display: swap; }}'
            )
    variables = []
    if brand.body_font:
        variables.append(f'--ex-font: "{brand.body_font.family}", system-ui, sans-serif;')
    if brand.heading_font:
        variables.append(f'--ex-serif: "{brand.heading_font.family}", Georgia, serif;')
    if variables:
        rules.append(":root { " + " ".join(variables) + " }")
    names = {"accent": ("--ex-accent", "--ex-route"), "text": ("--ex-fg", "--ex-rule"), "background": ("--ex-bg",)}
    colours = " ".join(f"{var}: {value};" for key, value in brand.colours for var in names[key])
    if colours:
        rules.append(f"@media screen and (prefers-color-scheme: light) {{ :root {{ {colours} }} }}")
    return "\n".join(rules)
