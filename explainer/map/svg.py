"""Draw the story map as one inline, accessible, deterministic SVG element (drawings.py caches it by its inputs)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from ..model import MapSettings, Place, Route
from .geo import CountryShape, Frame, Located, fit_frame, locate_places, shape_basemap
from .text import MapText

PLACE_FONT = 13.0  # px
COUNTRY_FONT = 10.5  # px
MARKER_R = 4.5
EDGE_INSET = 12.0  # how far inside the frame an off-frame marker sits
FRAME_MARGIN = 2.0  # labels keep this far from the frame edge
LABEL_PAD = 1.5  # labels keep this far from each other and from markers (text halo)
BEND = 0.2  # route legs bulge sideways by this fraction of their length
ARROW = 8.0  # arrowhead length in px
ARROWS = "→↘↓↙←↖↑↗"  # by heading, from east clockwise on screen
RTL_ATTRIBUTE = ' direction="rtl"'  # the map's text runs right to left, wherever the SVG is shown


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, pad: float = 0.0) -> bool:
        """Tell whether the boxes overlap once this one is grown by pad."""
        return (self.x0 - pad < other.x1 and other.x0 < self.x1 + pad
                and self.y0 - pad < other.y1 and other.y0 < self.y1 + pad)

    def within(self, width: float, height: float, margin: float) -> bool:
        """Tell whether the box lies inside the frame, keeping margin from its edges."""
        return self.x0 >= margin and self.y0 >= margin and self.x1 <= width - margin and self.y1 <= height - margin


@dataclass(frozen=True)
class Label:
    """A positioned text label."""

    text: str
    x: float
    y: float  # baseline
    anchor: str  # start, middle or end
    size: float
    caps: bool = False

    @property
    def box(self) -> Box:
        """Return the estimated box of the label, as placement and tests measure it."""
        return text_box(self.text, self.x, self.y, self.anchor, self.size, self.caps)


def text_width(text: str, size: float, caps: bool = False) -> float:
    """Estimate rendered text width generously: 0.6 em a letter, 0.8 em in spaced capitals, 1 em an arrow."""
    em = 0.8 if caps else 0.6
    return sum(1.0 if ch in ARROWS else em for ch in text) * size


def text_box(text: str, x: float, y: float, anchor: str, size: float, caps: bool = False) -> Box:
    """Return the estimated box of text drawn at x, baseline y, with the given text-anchor."""
    w = text_width(text, size, caps)
    x0 = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
    return Box(x0, y - 0.8 * size, x0 + w, y + 0.25 * size)


def draw_map(
    places: Sequence[Place], routes: Sequence[Route], settings: MapSettings, title: str, text: MapText, topology: Mapping[str, Any]
) -> str:
    """Return the map as an <svg> element; drawings.py keeps it in the cache."""
    frame = fit_frame(places, settings)
    located = locate_places(frame, places, EDGE_INSET)
    width, height = frame.width, frame.height
    on_frame = {loc.place.id: loc.at for loc in located if loc.heading is None}
    base = shape_basemap(topology, frame, on_frame, _country_size, dict(text.countries))
    markers = [_marker_box(loc) for loc in located]
    place_labels = _place_labels(located, markers, width, height, text.rtl)
    country_labels = _country_labels(base.countries, markers + [label.box for label in place_labels.values()], frame)
    where = {loc.place.id: loc for loc in located}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ex-map" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}"{RTL_ATTRIBUTE if text.rtl else ""} aria-labelledby="ex-map-title" aria-describedby="ex-map-desc">',
        f'<title id="ex-map-title">{escape(title)}</title>',
        f'<desc id="ex-map-desc">{escape(_describe(located, routes, text))}</desc>',
        f'<rect class="ex-map-water" width="{width}" height="{height}"/>',
        f'<path class="ex-map-land" d="{_path(r for poly in base.land for r in poly)}"/>',
        f'<path class="ex-map-borders" d="{_path(base.borders, close=False)}"/>',
        '<g class="ex-map-countries" aria-hidden="true">',
        *(_text(label, "ex-map-country-label", text.rtl) for label in country_labels),
        '</g>',
        '<g class="ex-map-routes">',
        *(_route(route, where, markers, [label.box for label in place_labels.values()]) for route in routes),
        '</g>',
        '<g class="ex-map-places">',
        *(_place(loc, place_labels[loc.place.id], text) for loc in located),
        '</g>',
        '</svg>',
    ]
    return "\n".join(out) + "\n"


def _country_labels(countries: Sequence[CountryShape], taken: list[Box], frame: Frame) -> list[Label]:
    """Label each country at its first spot clear of markers, place labels and other country labels."""
    labels = []
    for country in countries:
        for x, y in country.label_spots:
            label = Label(country.name.upper(), x, y + 0.275 * COUNTRY_FONT, "middle", COUNTRY_FONT, caps=True)
            box = label.box
            if box.within(frame.width, frame.height, FRAME_MARGIN) and not any(box.overlaps(t, LABEL_PAD) for t in taken):
                labels.append(label)
                taken = [*taken, box]
                break
    return labels


def _country_size(name: str) -> tuple[float, float]:
    return (text_width(name.upper(), COUNTRY_FONT, caps=True), 1.05 * COUNTRY_FONT)


def _marker_box(loc: Located) -> Box:
    x, y = loc.at
    r = MARKER_R if loc.heading is None else ARROW
    return Box(x - r, y - r, x + r, y + r)


def _label_text(loc: Located, rtl: bool) -> str:
    """A place's label; one off the map has its arrow on the side it points to (text runs right to left if `rtl`)."""
    name, heading = loc.place.name, loc.heading
    if heading is None:
        return name
    arrow = ARROWS[round(heading / 45) % 8]
    return f"{arrow} {name}" if (arrow in "↙←↖") != rtl else f"{name} {arrow}"


def _place_labels(located: Sequence[Located], markers: list[Box], width: int, height: int, rtl: bool = False) -> dict[str, Label]:
    """Place each label greedily at the first spot around its marker that collides with nothing.

    A label is tried first after its marker in reading order: to its right, or to its left if `rtl`.
    """
    directions = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))
    if rtl:
        directions = tuple((-dx, dy) for dx, dy in directions)
    placed: dict[str, Label] = {}
    for loc in located:
        text = _label_text(loc, rtl)
        candidates = [
            _around(text, loc.at, dx, dy, gap)
            for gap in (MARKER_R + 3, MARKER_R + 10, MARKER_R + 20)
            for dx, dy in directions
        ]
        taken = markers + [label.box for label in placed.values()]

        def clashes(label: Label) -> float:
            box = label.box
            outside = 0.0 if box.within(width, height, FRAME_MARGIN) else 1e6
            return outside + sum(_overlap(box, t, LABEL_PAD) for t in taken)

        placed[loc.place.id] = next((c for c in candidates if clashes(c) == 0), min(candidates, key=clashes))
    return placed


def _around(text: str, at: tuple[float, float], dx: int, dy: int, gap: float) -> Label:
    """Return the label set off from a marker in direction (dx, dy)."""
    x, y = at
    if dx and dy:
        gap *= 0.75
    ascent, descent = 0.8 * PLACE_FONT, 0.25 * PLACE_FONT
    anchor = {1: "start", 0: "middle", -1: "end"}[dx]
    baseline = {0: y + (ascent - descent) / 2, -1: y - gap - descent, 1: y + gap + ascent}[dy]
    return Label(text, round(x + dx * gap, 1), round(baseline, 1), anchor, PLACE_FONT)


def _overlap(a: Box, b: Box, pad: float) -> float:
    """Return the area by which a, grown by pad, overlaps b."""
    w = min(a.x1 + pad, b.x1) - max(a.x0 - pad, b.x0)
    h = min(a.y1 + pad, b.y1) - max(a.y0 - pad, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _describe(located: Sequence[Located], routes: Sequence[Route], words: MapText) -> str:
    """Say in words what the map shows."""
    names = {loc.place.id: loc.place.name for loc in located}
    shown = [loc.place.name for loc in located if loc.heading is None]
    text = words.count(len(shown)).replace("{names}", words.separator.join(shown))
    for route in routes:
        text += f" {route.label}{words.colon}{' → '.join(names[p] for p in route.places)}{words.full_stop}"
    for loc in located:
        if loc.heading is not None:
            line = words.off_map.replace("{direction}", words.direction(loc.heading)).replace("{name}", loc.place.name)
            text += " " + (line[: -len(words.full_stop)] if line.endswith(words.full_stop * 2) else line)
    return text


def _place(loc: Located, label: Label, words: MapText) -> str:
    """Draw one place: a link holding its marker and label."""
    place, (x, y), heading = loc.place, loc.at, loc.heading
    if heading is None:
        marker, name = f'<circle class="ex-map-marker" cx="{_n(x)}" cy="{_n(y)}" r="{MARKER_R}"/>', ""
    else:
        ux, uy = math.cos(math.radians(heading)), math.sin(math.radians(heading))
        outline = [(ARROW, 0), (0, -5), (0, -1.8), (-ARROW, -1.8), (-ARROW, 1.8), (0, 1.8), (0, 5)]
        arrow = [(x + ux * along - uy * across, y + uy * along + ux * across) for along, across in outline]
        marker = f'<path class="ex-map-marker ex-map-edge-marker" d="{_path([arrow])}"/>'
        name = f' aria-label="{escape(words.off_map_label.replace("{name}", place.name).replace("{direction}", words.direction(heading)))}"'
    return (
        f'<g class="ex-map-place" data-place="{escape(place.id)}">'
        f'<a href="#place-{escape(place.id)}" class="ex-map-link"{name}>{marker}'
        f'{_text(label, "ex-map-label", words.rtl)}</a></g>'
    )


def _route(route: Route, where: dict[str, Located], markers: list[Box], labels: list[Box]) -> str:
    """Draw a route as curved legs, each ending in an arrowhead, bent to cross the fewest markers and labels."""
    curves, heads = [], []
    stops = [where[p].at for p in route.places]
    for a, b in zip(stops, stops[1:]):
        if math.hypot(b[0] - a[0], b[1] - a[1]) < 2 * (MARKER_R + ARROW):
            continue
        controls = [_control(a, b, bend) for bend in (BEND, -BEND, BEND * 1.8, -BEND * 1.8)]
        control = min(controls, key=lambda c: 10 * _crossings(a, c, b, markers) + _crossings(a, c, b, labels))
        start = _toward(a, control, MARKER_R + 2)
        tip = _toward(b, control, MARKER_R + 2)
        ux, uy = _unit(tip[0] - control[0], tip[1] - control[1])
        base = (tip[0] - ux * ARROW, tip[1] - uy * ARROW)
        end = (tip[0] - ux * ARROW * 0.8, tip[1] - uy * ARROW * 0.8)
        wing = ARROW * 0.45
        curves.append(f"M{_n(start[0])} {_n(start[1])}Q{_n(control[0])} {_n(control[1])} {_n(end[0])} {_n(end[1])}")
        heads.append(_path([(tip, (base[0] - uy * wing, base[1] + ux * wing), (base[0] + uy * wing, base[1] - ux * wing))]))
    return (
        f'<g class="ex-map-route" data-route="{escape(route.id)}" data-theme="{escape(route.theme)}">'
        f'<title>{escape(route.label)}</title>'
        f'<path class="ex-map-route-line" d="{"".join(curves)}"/>'
        f'<path class="ex-map-route-arrow" d="{"".join(heads)}"/></g>'
    )


def _control(a: tuple[float, float], b: tuple[float, float], bend: float) -> tuple[float, float]:
    """Return the Bézier control point that bends leg a-b sideways by bend times its length."""
    return ((a[0] + b[0]) / 2 + (b[1] - a[1]) * bend, (a[1] + b[1]) / 2 - (b[0] - a[0]) * bend)


def _crossings(a: tuple[float, float], c: tuple[float, float], b: tuple[float, float], avoid: list[Box]) -> int:
    """Count points along the curve a-c-b that fall on the boxes to avoid."""
    hits = 0
    for i in range(1, 20):
        t = i / 20
        x = (1 - t) ** 2 * a[0] + 2 * t * (1 - t) * c[0] + t * t * b[0]
        y = (1 - t) ** 2 * a[1] + 2 * t * (1 - t) * c[1] + t * t * b[1]
        hits += sum(box.overlaps(Box(x, y, x, y), 3.0) for box in avoid)
    return hits


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def _toward(a: tuple[float, float], b: tuple[float, float], distance: float) -> tuple[float, float]:
    """Return the point distance from a toward b."""
    ux, uy = _unit(b[0] - a[0], b[1] - a[1])
    return (a[0] + ux * distance, a[1] + uy * distance)


# A label's anchor names where its box starts on screen; in right-to-left text, SVG's "start" is the right end.
_RTL_ANCHORS = {"start": "end", "middle": "middle", "end": "start"}


def _text(label: Label, cls: str, rtl: bool = False) -> str:
    anchor = _RTL_ANCHORS[label.anchor] if rtl else label.anchor
    return (
        f'<text class="{cls}" x="{_n(label.x)}" y="{_n(label.y)}" text-anchor="{anchor}"'
        f' font-size="{_n(label.size)}">{escape(label.text)}</text>'
    )


def _n(value: float) -> str:
    """Format a coordinate with at most one decimal."""
    return _tenths(round(value * 10))


def _tenths(n: int) -> str:
    """Format n tenths compactly: 12 -> 1.2, -3 -> -.3, 30 -> 3."""
    whole, tenth = divmod(abs(n), 10)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return ("-" if n < 0 else "") + (text or "0")


def _path(rings: Iterable[Sequence[tuple[float, float]]], close: bool = True) -> str:
    """Encode polylines as compact SVG path data with relative moves in tenths of a pixel."""
    out = []
    for ring in rings:
        pts = [(round(x * 10), round(y * 10)) for x, y in ring]
        steps = []
        for (px, py), (qx, qy) in zip(pts, pts[1:]):
            if (px, py) != (qx, qy):
                steps.append((qx - px, qy - py))
        if close and steps and pts[0] == pts[-1]:
            steps.pop()
        if len(steps) < (2 if close else 1):
            continue
        numbers = [_tenths(v) for step in steps for v in step]
        body = "".join(n if n.startswith("-") or i == 0 else " " + n for i, n in enumerate(numbers))
        out.append(f"M{_tenths(pts[0][0])} {_tenths(pts[0][1])}l{body}{'z' if close else ''}")
    return "".join(out)
