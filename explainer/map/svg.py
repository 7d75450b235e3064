"""Draw the story map as one inline, accessible, deterministic SVG element (drawings.py caches it by its inputs).

Sizes are in SVG units chosen from the drawing's width so that, at the narrowest width the page lays the
map out (READ_WIDTH CSS px), labels are at least MIN_TEXT_PX tall and tap targets at least MIN_TAP_PX wide;
wider columns only scale the map up.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from html import escape
from typing import Any

from babel.lists import format_list
from babel.units import format_unit

from ..language.fallback import drawn_marks, said
from ..language.tags import resolve
from ..model import MapSettings, Place, Route
from .basemap import Topology
from .geo import Basemap, CountryShape, Frame, Located, Projection, fit_frame, locate_places, seam_pieces, shape_basemap
from .text import MapText

READ_WIDTH = 320.0  # CSS px: the narrowest the map is drawn (a small phone edge to edge, or an embed with margins)
MIN_TEXT_PX = 11.0  # CSS px at READ_WIDTH: the smallest label
MIN_TAP_PX = 24.0  # CSS px at READ_WIDTH: the smallest tap target
FRAME_MARGIN = 2.0  # labels keep this far (in text heights / 10) from the frame edge
INSET_SHARE = 0.3  # the locator inset's width as a share of the map's
INSET_TOLERANCE = 1.0  # degrees: the inset's land is simplified coarsely ...
INSET_MIN_AREA = 6.0  # ... and drops islands smaller than this many square pixels
# Markers nearer than a tap target, centre to centre, make a cluster (with those near them in turn); two are as
# unreadable as three, so two are enough. The largest cluster is drawn again, magnified, in the detail inset.
MIN_CLUSTER = 2
DETAIL_SPACING = 1.6  # the detail inset spreads its nearest two markers this many tap targets apart ...
DETAIL_MAX_SHARE = (0.65, 0.6)  # ... if it can, at most this share of the map's width and height
DETAIL_MIN_SHARE = (0.3, 0.3)  # ... and it is at least this big
ROUTE_STYLES = (("", 1.0), ("6 4", 1.0), ("1.5 3.5", 1.3), ("10 3 2 3", 1.0))  # dash pattern (in line widths), weight
KM_PER_MILE = 1.609344
BENDS = (0.0, 0.08, -0.08, 0.16, -0.16, 0.26, -0.26)  # a route leg's sideways bows, tried in turn to miss markers
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
        return (
            self.x0 - pad < other.x1
            and other.x0 < self.x1 + pad
            and self.y0 - pad < other.y1
            and other.y0 < self.y1 + pad
        )

    def within(self, width: float, height: float, margin: float) -> bool:
        """Tell whether the box lies inside the frame, keeping margin from its edges."""
        return self.x0 >= margin and self.y0 >= margin and self.x1 <= width - margin and self.y1 <= height - margin


@dataclass(frozen=True)
class Sizes:
    """The drawing's sizes in SVG units, from its width."""

    unit: float  # SVG units per CSS px at READ_WIDTH

    @property
    def place_font(self) -> float:
        return round(MIN_TEXT_PX * self.unit * 1.05, 1)

    @property
    def country_font(self) -> float:
        return round(MIN_TEXT_PX * self.unit, 1)

    @property
    def marker(self) -> float:
        return round(4.0 * self.unit, 1)

    @property
    def hit(self) -> float:
        return round(MIN_TAP_PX / 2 * self.unit, 1)

    @property
    def pad(self) -> float:
        return 1.5 * self.unit

    @property
    def line(self) -> float:
        return 2.0 * self.unit

    @property
    def arrow(self) -> float:
        return 7.0 * self.unit


@dataclass(frozen=True)
class Label:
    """A positioned text label, with the marker it names if a leader line joins them."""

    text: str
    x: float
    y: float  # baseline
    anchor: str  # start, middle or end
    size: float
    caps: bool = False
    leader: tuple[float, float] | None = None

    @property
    def box(self) -> Box:
        """Return the estimated box of the label, as placement and tests measure it."""
        return text_box(self.text, self.x, self.y, self.anchor, self.size, self.caps)


@dataclass(frozen=True)
class Inset:
    """The locator inset: a small world map in one corner, its box in the main drawing's pixels."""

    frame: Frame
    box: Box
    corner: str  # top left, top right, bottom left or bottom right
    located: tuple[Located, ...]
    outline: tuple[tuple[float, float], ...]  # the main frame's edge, in the inset's pixels


@dataclass(frozen=True)
class Detail:
    """The detail inset: a tight cluster of places magnified in one corner, its box in the main drawing's pixels."""

    frame: Frame
    box: Box
    corner: str
    located: tuple[Located, ...]  # the cluster's places, at their markers in the inset (in the main drawing's pixels)
    area: tuple[tuple[float, float], ...]  # the inset's edge on the main map: the area it magnifies


@dataclass(frozen=True)
class RouteMarks:
    """A route as drawn: its lines, stopped short of the markers and of each arrowhead, and the arrowheads
    (triangles, tip first) at the end of its legs. Labels keep clear of exactly these."""

    lines: tuple[tuple[tuple[float, float], ...], ...]
    heads: tuple[tuple[tuple[float, float], tuple[float, float], tuple[float, float]], ...]

    def moved(self, box: Box) -> RouteMarks:
        """The marks drawn in an inset's own pixels, moved into its box in the main drawing."""
        return RouteMarks(
            tuple(tuple(_offset(p, box) for p in line) for line in self.lines),
            tuple((_offset(a, box), _offset(b, box), _offset(c, box)) for a, b, c in self.heads),
        )

    def segments(self) -> list[tuple[float, float, float, float]]:
        """The marks as line segments (x0, y0, x1, y1): the lines' steps and the arrowheads' edges."""
        steps = [(*p, *q) for line in self.lines for p, q in zip(line, line[1:])]
        return steps + [(*p, *q) for head in self.heads for p, q in zip(head, (*head[1:], head[0]))]


ASCENT, DESCENT = 0.92, 0.3  # em: a text box as Chromium measures it, above and below the baseline
NARROW = frozenset("fijlrtI.,:;'!|() ")  # letters of about 0.35 em in a bold sans
WIDE = frozenset("mwMW@")  # ... about 0.95 em


def text_width(text: str, size: float, caps: bool = False) -> float:
    """Estimate rendered bold text width generously: by letter, narrow, wide, capital or other; 0.9 em in spaced
    capitals; a full-width character (Chinese, Japanese, Korean) 1 em, and 1.1 em spaced."""
    if caps:
        return sum(1.1 if _full_width(ch) else 0.9 for ch in text) * size
    return (
        sum(
            1.0 if _full_width(ch) else 0.38 if ch in NARROW else 0.95 if ch in WIDE else 0.74 if ch.isupper() else 0.62
            for ch in text
        )
        * size
    )


def _full_width(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def text_box(text: str, x: float, y: float, anchor: str, size: float, caps: bool = False) -> Box:
    """Return the estimated box of text drawn at x, baseline y, with the given text-anchor."""
    w = text_width(text, size, caps)
    x0 = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
    return Box(x0, y - ASCENT * size, x0 + w, y + DESCENT * size)


def draw_map(
    places: Sequence[Place],
    routes: Sequence[Route],
    settings: MapSettings,
    title: str,
    text: MapText,
    topology: Topology,
) -> str:
    """Return the map of the explainer `title` as an <svg> element; drawings.py keeps it in the cache.

    An edition's untranslated names (model.Untranslated) are marked with their language, in the labels and in words."""
    frame = fit_frame(places, settings)
    width, height = frame.width, frame.height
    sizes = Sizes(width / READ_WIDTH)
    located, far = locate_places(frame, places)
    base = shape_basemap(
        topology,
        frame,
        {loc.place.id: (loc.place.lon, loc.place.lat) for loc in located},
        _country_size(sizes),
        names=dict(text.countries),
    )
    markers = {loc.place.id: _marker_box(loc.at, sizes.marker) for loc in located}
    scale = _scale_bar(frame, sizes, text.language, list(markers.values()))
    reserved = [scale[0]] if scale else []
    inset = _inset(frame, far, sizes, list(markers.values()) + reserved) if far else None
    if inset is not None:
        reserved.append(inset.box)
        markers.update({loc.place.id: _marker_box(loc.at, sizes.marker) for loc in inset.located})
    cluster = tight_cluster(located, sizes) if settings.detail_inset else ()
    # the detail inset needs a corner clear of markers and the locator inset: the scale bar gives way to it
    detail = (
        detail_inset(frame, cluster, sizes, [*markers.values(), *reserved[1 if scale else 0 :]]) if cluster else None
    )
    if detail is not None and scale is not None and scale[0].overlaps(detail.box):
        scale = _scale_bar(frame, sizes, text.language, [*markers.values(), *reserved[1:], detail.box])
        reserved[:1] = [scale[0]] if scale else []
    everywhere = {loc.place.id: loc for loc in (*located, *(inset.located if inset else ()))}
    # the cluster's places are drawn in the detail inset only; on the main map the area it magnifies stands for them
    drawn = {pid: loc for pid, loc in everywhere.items() if detail is None or pid not in _ids(detail.located)}
    route_paths = [
        _route_points(route, frame, everywhere, {pid: markers[pid] for pid in drawn if pid in markers})
        for route in routes
    ]
    if detail is not None:
        reserved += [detail.box, _bounds(detail.area)]
        route_paths = [_to_area(route, legs, detail) for route, legs in zip(routes, route_paths)]
    route_marks = [_route_marks(legs, sizes) for legs in route_paths]
    labels = _place_labels(
        list(drawn.values()),
        {pid: markers[pid] for pid in drawn},
        reserved,
        route_marks,
        sizes,
        width,
        height,
        inset,
        text.rtl,
    )
    detail_labels, detail_svg = (
        _detail_drawing(detail, routes, {pid: loc.place for pid, loc in everywhere.items()}, topology, sizes, text)
        if detail
        else ({}, [])
    )
    labels.update(detail_labels)
    country_labels = _country_labels(
        base.countries,
        [*(markers[pid] for pid in drawn), *reserved, *(label.box for label in labels.values())],
        route_marks,
        sizes,
        frame,
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ex-map" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}"{RTL_ATTRIBUTE if text.rtl else ""} aria-labelledby="ex-map-title" aria-describedby="ex-map-desc">',
        f'<title id="ex-map-title">{escape(text.title).replace("%(title)s", said(title, text.rtl))}</title>',
        f'<desc id="ex-map-desc">{_describe(located, routes, everywhere, inset, detail, text)}</desc>',
        *_basemap(base, width, height),
        '<g class="ex-map-countries" aria-hidden="true">',
        *(_text(label, "ex-map-country-label", text.rtl) for label in country_labels),
        "</g>",
        '<g class="ex-map-routes">',
        *(_route(route, n, marks, sizes, text.rtl) for n, (route, marks) in enumerate(zip(routes, route_marks))),
        "</g>",
    ]
    if inset is not None:
        out.extend(_inset_svg(inset, topology))
    out.extend(detail_svg)
    out.append('<g class="ex-map-places">')
    out.extend(
        _place(loc, labels[loc.place.id], sizes, text.rtl)
        for loc in (*drawn.values(), *(detail.located if detail else ()))
    )
    out.append("</g>")
    if scale is not None:
        out.extend(scale[1])
    out.append("</svg>")
    if routes:
        out.extend(_legend(routes, text))
    return "\n".join(out) + "\n"


def _basemap(base: Basemap, width: float, height: float) -> list[str]:
    """Water, land and borders."""
    return [
        f'<rect class="ex-map-water" width="{width}" height="{height}"/>',
        f'<path class="ex-map-land" d="{_path(r for poly in base.land for r in poly)}"/>',
        f'<path class="ex-map-borders" d="{_path(base.borders, close=False)}"/>',
    ]


def _country_size(sizes: Sizes) -> Any:
    return lambda name: (
        text_width(name.upper(), sizes.country_font, caps=True),
        (ASCENT + DESCENT) * sizes.country_font,
    )


def _marker_box(at: tuple[float, float], r: float) -> Box:
    x, y = at
    return Box(x - r, y - r, x + r, y + r)


def _country_labels(
    countries: Sequence[CountryShape], taken: list[Box], routes: Sequence[RouteMarks], sizes: Sizes, frame: Frame
) -> list[Label]:
    """Label each country at its first spot clear of markers, place labels, the inset, the scale bar, other
    country labels and the routes' lines and arrowheads; leave it unlabelled if it has no such spot."""
    import numpy as np

    labels = []
    font = sizes.country_font
    segments = _segments(routes)
    for country in countries:
        for x, y in country.label_spots:
            label = Label(country.name.upper(), x, y + (ASCENT - DESCENT) / 2 * font, "middle", font, caps=True)
            box = label.box
            if (
                box.within(frame.width, frame.height, FRAME_MARGIN * sizes.unit)
                and not any(box.overlaps(t, sizes.pad) for t in taken)
                and not _crossings(_grown(np.array([(box.x0, box.y0, box.x1, box.y1)]), sizes), segments).any()
            ):
                labels.append(label)
                taken = [*taken, box]
                break
    return labels


def _place_labels(
    located: Sequence[Located],
    markers: Mapping[str, Box],
    reserved: Sequence[Box],
    routes: Sequence[RouteMarks],
    sizes: Sizes,
    width: int,
    height: int,
    inset: Inset | None,
    rtl: bool = False,
) -> dict[str, Label]:
    """Place each label at the first spot around its marker that touches nothing, route lines and arrowheads
    included; farther out with a leader line if none is free near it, the line passing no other marker or label.
    Where no spot is free at all, the one that covers least wins, a route crossed counting less than a label or
    marker covered. A marker nearer than a tap target to another (a tight cluster no detail inset magnifies)
    always takes a leader line: beside it, its label could name either.

    A label is tried first after its marker in reading order: to its right, or to its left if `rtl`.
    """
    import numpy as np

    near = [(1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1)]
    if rtl:
        near = [(-dx, dy) for dx, dy in near]
    placed: dict[str, Label] = {}
    segments = _segments(routes)
    margin = FRAME_MARGIN * sizes.unit
    reach = MIN_TAP_PX * sizes.unit
    # crowded places first: they have the fewest free spots
    order = sorted(
        located,
        key=lambda loc: (
            -sum(markers[loc.place.id].overlaps(m, 12 * sizes.place_font) for m in markers.values()),
            loc.place.id,
        ),
    )
    for loc in order:
        own = markers[loc.place.id]
        blocked = [m for pid, m in markers.items() if pid != loc.place.id]
        blocked += [r for r in reserved if not (loc.inset and inset is not None and r is inset.box)]
        taken = np.array(
            [(b.x0, b.y0, b.x1, b.y1) for b in [*blocked, *(label.box for label in placed.values())]], dtype=float
        ).reshape(-1, 4)
        clustered = any(math.dist(loc.at, other.at) < reach for other in located if other is not loc)
        candidates = [
            _around(loc.place.name, loc.at, dx, dy, gap, sizes, leader=gap > sizes.marker + 4 * sizes.unit)
            for gap in (
                *(() if clustered else (sizes.marker + 2 * sizes.unit,)),
                sizes.marker + 12 * sizes.unit,
                sizes.marker + 24 * sizes.unit,
                sizes.marker + 40 * sizes.unit,
            )
            for dx, dy in near
        ]
        boxes = np.array([(c.box.x0, c.box.y0, c.box.x1, c.box.y1) for c in candidates])
        outside = (
            (boxes[:, 0] < margin)
            | (boxes[:, 1] < margin)
            | (boxes[:, 2] > width - margin)
            | (boxes[:, 3] > height - margin)
        )
        covered = (
            _overlaps(boxes, taken, sizes.pad).sum(axis=1)
            # its own marker needs no pad: a diagonal spot sets the label off it by less
            + _overlaps(boxes, np.array([(own.x0, own.y0, own.x1, own.y1)]), 0.0)[:, 0] * 1e3
        )
        crossed = _crossings(_grown(boxes, sizes), segments).sum(axis=1)
        # a leader line over another marker or label would seem to join them: as bad as covering a little of one
        leaders = np.array([_leader(c, sizes) or (0.0, 0.0, 0.0, 0.0) for c in candidates], dtype=float)
        misled = _crossings(taken, leaders).sum(axis=0) * np.array([c.leader is not None for c in candidates])
        score = outside * 1e9 + (covered + misled * 100.0) * 1e3 + crossed * 100.0
        placed[loc.place.id] = candidates[int(np.argmin(score))]  # the first of the best: the nearest free spot, if any
    return {loc.place.id: placed[loc.place.id] for loc in located}


def _segments(routes: Sequence[RouteMarks]) -> Any:
    """The routes' lines and arrowheads as one (n, 4) array of segments."""
    import numpy as np

    return np.array([s for marks in routes for s in marks.segments()], dtype=float).reshape(-1, 4)


def _grown(boxes: Any, sizes: Sizes) -> Any:
    """Label boxes (an (n, 4) array) grown by the room a route needs to pass them untouched: half its line's
    width and the usual pad (which the labels' halo takes)."""
    import numpy as np

    room = sizes.pad + sizes.line / 2
    return boxes + np.array([-room, -room, room, room])


def _overlaps(boxes: Any, others: Any, pad: float) -> Any:
    """The areas by which each box, grown by pad, overlaps each of the others: a (boxes, others) array."""
    import numpy as np

    w = np.minimum(boxes[:, None, 2] + pad, others[None, :, 2]) - np.maximum(
        boxes[:, None, 0] - pad, others[None, :, 0]
    )
    h = np.minimum(boxes[:, None, 3] + pad, others[None, :, 3]) - np.maximum(
        boxes[:, None, 1] - pad, others[None, :, 1]
    )
    return np.where((w > 0) & (h > 0), w * h, 0.0)


def _crossings(boxes: Any, segments: Any) -> Any:
    """Whether each line segment (x0, y0, x1, y1) passes through each box: a (boxes, segments) array.

    Liang-Barsky clipping: the segment's part inside each of the box's four half-planes, intersected.
    """
    import numpy as np

    x0, y0, x1, y1 = (segments[None, :, k] for k in range(4))
    dx, dy = x1 - x0, y1 - y0
    low, high = np.zeros((len(boxes), len(segments))), np.ones((len(boxes), len(segments)))
    for p, q in (
        (-dx, x0 - boxes[:, None, 0]),
        (dx, boxes[:, None, 2] - x0),
        (-dy, y0 - boxes[:, None, 1]),
        (dy, boxes[:, None, 3] - y0),
    ):
        p = np.broadcast_to(p, low.shape)
        q = np.broadcast_to(q, low.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = q / p
        parallel_outside = (p == 0) & (q < 0)
        low = np.where(p < 0, np.maximum(low, t), low)
        high = np.where(p > 0, np.minimum(high, t), high)
        high = np.where(parallel_outside, -1.0, high)
    return low <= high


def _around(text: str, at: tuple[float, float], dx: int, dy: int, gap: float, sizes: Sizes, leader: bool) -> Label:
    """Return the label set off from a marker in direction (dx, dy)."""
    x, y = at
    if dx and dy:
        gap *= 0.75
    size = sizes.place_font
    ascent, descent = ASCENT * size, DESCENT * size
    anchor = {1: "start", 0: "middle", -1: "end"}[dx]
    baseline = {0: y + (ascent - descent) / 2, -1: y - gap - descent, 1: y + gap + ascent}[dy]
    return Label(text, round(x + dx * gap, 1), round(baseline, 1), anchor, size, leader=at if leader else None)


def _inset(frame: Frame, far: Sequence[Place], sizes: Sizes, avoid: Sequence[Box]) -> Inset:
    """Place a small world map in the corner that hides the fewest markers, with the far places and the main frame's outline."""
    world = Projection("world", 0.0, frame.projection.lon0)
    t = _world_transformer(world)
    x_max = t.transform(frame.projection.lon0 + 179.999, 0.0)[0]
    y_max = t.transform(frame.projection.lon0, 90.0)[1]
    w = round(frame.width * INSET_SHARE)
    h = round(w * y_max / x_max)
    corner, box = _corner(
        w, h, frame.width, frame.height, sizes, avoid, ("top right", "top left", "bottom right", "bottom left")
    )
    world_frame = Frame(world, -x_max, -y_max, x_max, y_max, w, h)
    located = []
    for place in far:
        px, py = world_frame.project(place.lon, place.lat)
        located.append(Located(place, (round(box.x0 + px, 1), round(box.y0 + py, 1)), inset=True))
    outline = [(box.x0 + px, box.y0 + py) for px, py in (world_frame.project(lon, lat) for lon, lat in frame.edge(24))]
    return Inset(world_frame, box, corner, tuple(located), tuple(outline + outline[:1]))


def _world_transformer(projection: Projection) -> Any:
    from .geo import _transformer

    return _transformer(projection.crs)


def _inset_svg(inset: Inset, topology: Topology) -> list[str]:
    """The inset: water and land (no borders, no islands under a few pixels), the main frame's outline, a frame."""
    base = shape_basemap(
        topology, inset.frame, {}, lambda name: (0.0, 0.0), INSET_TOLERANCE, borders=False, min_area=INSET_MIN_AREA
    )
    return [
        '<g class="ex-map-inset" aria-hidden="true">',
        *_inset_map(inset.frame, inset.box, base),
        f'<path class="ex-map-inset-outline" d="{_path([inset.outline])}"/>',
        _inset_frame(inset.box),
        "</g>",
    ]


def _inset_map(frame: Frame, box: Box, base: Basemap) -> list[str]:
    """An inset's own map, its frame's pixels fitted to its box: water, land and any borders."""
    land = [ring for polygon in base.land for ring in polygon]
    return [
        f'<svg x="{_n(box.x0)}" y="{_n(box.y0)}" width="{_n(box.x1 - box.x0)}" height="{_n(box.y1 - box.y0)}" viewBox="0 0 {frame.width} {frame.height}" overflow="hidden">',
        f'<rect class="ex-map-water" width="{frame.width}" height="{frame.height}"/>',
        f'<path class="ex-map-land" d="{_path(land)}"/>',
        *([f'<path class="ex-map-borders" d="{_path(base.borders, close=False)}"/>'] if base.borders else []),
        "</svg>",
    ]


def _inset_frame(box: Box) -> str:
    return f'<rect class="ex-map-inset-frame" x="{_n(box.x0)}" y="{_n(box.y0)}" width="{_n(box.x1 - box.x0)}" height="{_n(box.y1 - box.y0)}"/>'


def tight_cluster(located: Sequence[Located], sizes: Sizes) -> tuple[Located, ...]:
    """The largest group of markers each nearer than a tap target to another of the group (MIN_CLUSTER or more), or none."""
    reach = MIN_TAP_PX * sizes.unit
    groups: list[list[Located]] = []
    for loc in located:
        near = [g for g in groups if any(math.dist(loc.at, other.at) < reach for other in g)]
        groups = [g for g in groups if all(g is not n for n in near)] + [[o for g in near for o in g] + [loc]]
    big = [g for g in groups if len(g) >= MIN_CLUSTER]
    if not big:
        return ()
    largest: list[Located] = max(big, key=len)
    return tuple(loc for loc in located if loc in largest)  # in the places' order


def detail_inset(frame: Frame, cluster: Sequence[Located], sizes: Sizes, avoid: Sequence[Box]) -> Detail | None:
    """Magnify the cluster in an inset in a corner clear of markers, the locator inset and the scale bar; None if
    no inset that sets its markers a tap target apart has such a corner (their labels then take leader lines).

    The inset's view is azimuthal about the cluster (at its scale every projection agrees), scaled so its
    nearest two markers are DETAIL_SPACING tap targets apart (or less, to find a free corner), with room round
    them for labels, as far as the inset's largest size allows.
    """
    from .geo import _transformer, centroid

    projection = Projection("local", *centroid([(loc.place.lat, loc.place.lon) for loc in cluster]))
    xs, ys = _transformer(projection.crs).transform(
        [loc.place.lon for loc in cluster], [loc.place.lat for loc in cluster]
    )
    points = list(zip(xs, ys))
    nearest = max(min(math.dist(p, q) for n, p in enumerate(points) for q in points[n + 1 :]), 1.0)
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    # room for labels: beside the westernmost and easternmost markers half their label (it may sit above or
    # below them, centred), above and below the markers a label's height; and the margin labels keep from a frame
    gap = sizes.marker + 2 * sizes.unit + FRAME_MARGIN * sizes.unit
    west = max(text_width(loc.place.name, sizes.place_font) / 2 for loc, x in zip(cluster, xs) if x == min(xs)) + gap
    east = max(text_width(loc.place.name, sizes.place_font) / 2 for loc, x in zip(cluster, xs) if x == max(xs)) + gap
    room_y = (ASCENT + DESCENT) * sizes.place_font + gap
    most_w, most_h = frame.width * DETAIL_MAX_SHARE[0], frame.height * DETAIL_MAX_SHARE[1]
    tap = MIN_TAP_PX * sizes.unit
    fits = min((most_w - west - east) / span_x, (most_h - 2 * room_y) / span_y)
    # the widest spacing whose inset fits in a corner that hides nothing, down to one tap target
    for spacing in (DETAIL_SPACING, (DETAIL_SPACING + 1.0) / 2, 1.0):
        scale = min(spacing * tap / nearest, fits)
        if scale * nearest < tap:
            return None
        w = round(min(max(span_x * scale + west + east, frame.width * DETAIL_MIN_SHARE[0]), most_w))
        h = round(min(max(span_y * scale + 2 * room_y, frame.height * DETAIL_MIN_SHARE[1]), most_h))
        corner, box = _corner(
            w, h, frame.width, frame.height, sizes, avoid, ("bottom left", "top left", "bottom right", "top right")
        )
        if not any(box.overlaps(b, sizes.marker) for b in avoid):
            break
    else:
        return None
    # the markers and their room in the middle of the inset
    x0 = min(xs) - (west + (w - span_x * scale - west - east) / 2) / scale
    y1 = max(ys) + (h - span_y * scale) / 2 / scale
    view = Frame(projection, x0, y1 - h / scale, x0 + w / scale, y1, w, h)
    located = []
    for loc, (x, y) in zip(cluster, points):
        px, py = _offset(view.to_px(x, y), box)
        located.append(Located(loc.place, (round(px, 1), round(py, 1))))
    area = [frame.project(lon, lat) for lon, lat in view.edge(4)]
    return Detail(view, box, corner, tuple(located), tuple(area + area[:1]))


def _offset(at: tuple[float, float], box: Box) -> tuple[float, float]:
    return at[0] + box.x0, at[1] + box.y0


def _ids(located: Iterable[Located]) -> set[str]:
    return {loc.place.id for loc in located}


def _bounds(points: Sequence[tuple[float, float]]) -> Box:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _detail_drawing(
    detail: Detail,
    routes: Sequence[Route],
    places: Mapping[str, Place],
    topology: Topology,
    sizes: Sizes,
    text: MapText,
) -> tuple[dict[str, Label], list[str]]:
    """The detail inset's place labels, and its drawing: water, land and borders at the basemap's finest detail,
    the countries of its places labelled, the legs of routes from its places (straight; to a place outside it,
    as far as its edge), a frame, and on the main map the area it magnifies, joined to it by a line.

    Labels are placed by the main map's searches, in the inset's own pixels, then moved into its box.
    """
    from .basemap import LEVELS
    from .geo import detail as tolerance

    b = detail.box
    local = [Located(loc.place, (loc.at[0] - b.x0, loc.at[1] - b.y0)) for loc in detail.located]
    markers = {loc.place.id: _marker_box(loc.at, sizes.marker) for loc in local}
    at = {loc.place.id: loc.at for loc in local}
    view = detail.frame
    legs = [
        [
            _inset_leg(p, q, at, view, places, [m for pid, m in markers.items() if pid not in (p, q)])
            for p, q in zip(route.places, route.places[1:])
            if p in at or q in at
        ]
        for route in routes
    ]
    marks = [_route_marks(own, sizes) for own in legs]
    labels = _place_labels(local, markers, [], marks, sizes, view.width, view.height, None, text.rtl)
    base = shape_basemap(
        topology,
        view,
        {loc.place.id: (loc.place.lon, loc.place.lat) for loc in local},
        _country_size(sizes),
        max(tolerance(view), 2.0 ** LEVELS[0]),
        names=dict(text.countries),
    )
    countries = _country_labels(
        base.countries, [*markers.values(), *(label.box for label in labels.values())], marks, sizes, view
    )
    area = _bounds(detail.area)
    # from the area's corner nearest the inset to the inset's corner nearest the area
    start = (area.x0 if b.x1 <= area.x0 else area.x1, area.y0 if b.y1 <= area.y0 else area.y1)
    end = (min(max(start[0], b.x0), b.x1), min(max(start[1], b.y0), b.y1))
    drawing = [
        '<g class="ex-map-detail" aria-hidden="true">',
        f'<path class="ex-map-detail-leader" d="M{_n(start[0])} {_n(start[1])}L{_n(end[0])} {_n(end[1])}"/>',
        f'<path class="ex-map-detail-area" d="{_path([detail.area])}"/>',
        *_inset_map(view, b, base),
        *(_text(_moved(label, b), "ex-map-country-label", text.rtl) for label in countries),
        *(
            _route(route, n, own.moved(b), sizes, text.rtl)
            for n, (route, own, route_legs) in enumerate(zip(routes, marks, legs))
            if route_legs
        ),
        _inset_frame(b),
        "</g>",
    ]
    return {pid: _moved(label, b) for pid, label in labels.items()}, drawing


def _inset_leg(
    a: str,
    b: str,
    at: Mapping[str, tuple[float, float]],
    view: Frame,
    places: Mapping[str, Place],
    others: Sequence[Box],
) -> Leg:
    """A route leg in the detail inset's pixels: straight between two of its places, or from one of them toward
    a place outside it (the view is azimuthal about the cluster, so the direction is true) as far as its edge;
    bowed, as on the main map, until it misses the other markers."""
    if a in at and b in at:
        line = [at[a], at[b]]
    else:
        inside, outside = (a, b) if a in at else (b, a)
        (x0, y0), (x1, y1) = at[inside], view.project(places[outside].lon, places[outside].lat)
        run = _clip_run([(x0 + (x1 - x0) * i / 48, y0 + (y1 - y0) * i / 48) for i in range(49)], view)
        line = run if inside == a else run[::-1]
    if len(line) < 2:
        return [line]
    return [next((c for c in (_bowed(line, bend) for bend in BENDS) if not _crosses(c, others)), line)]


def _to_area(route: Route, legs: Sequence[Leg], detail: Detail) -> list[Leg]:
    """Stop a route's legs to or from the detail inset's places where they reach the area it magnifies; leave
    out those between two of them (the inset draws them)."""
    ids, area = _ids(detail.located), _bounds(detail.area)
    out = []
    for (a, b), leg in zip(zip(route.places, route.places[1:]), legs):
        pieces = [list(piece) for piece in leg]
        if a in ids and b in ids:
            pieces = [[]]
        if a in ids:
            pieces[0] = _until(pieces[0][::-1], area)[::-1]
        if b in ids:
            pieces[-1] = _until(pieces[-1], area)
        out.append(pieces)
    return out


def _until(points: Sequence[tuple[float, float]], box: Box) -> list[tuple[float, float]]:
    """Keep a polyline until it enters the box, ending on the box's edge."""

    def inside(p: tuple[float, float]) -> bool:
        return box.x0 <= p[0] <= box.x1 and box.y0 <= p[1] <= box.y1

    for i in range(1, len(points)):
        if inside(points[i]):
            (x0, y0), (x1, y1) = points[i - 1], points[i]
            low, high = 0.0, 1.0  # the crossing, by bisection along the step
            for _ in range(20):
                middle = (low + high) / 2
                low, high = (
                    (low, middle) if inside((x0 + (x1 - x0) * middle, y0 + (y1 - y0) * middle)) else (middle, high)
                )
            return [*points[:i], (x0 + (x1 - x0) * low, y0 + (y1 - y0) * low)]
    return list(points)


def _moved(label: Label, box: Box) -> Label:
    """A label placed in an inset's own pixels, moved into its box in the main drawing."""
    return replace(
        label,
        x=round(label.x + box.x0, 1),
        y=round(label.y + box.y0, 1),
        leader=None if label.leader is None else _offset(label.leader, box),
    )


def _legend(routes: Sequence[Route], text: MapText) -> list[str]:
    """The key to the routes, as a list under the map: each route's line, dash and arrow beside its name."""
    out = [f'<ul class="ex-map-legend" aria-label="{escape(text.routes)}">']
    for n, route in enumerate(routes):
        dash, weight = _route_style(n, Sizes(1.0))
        out.append(
            f'<li class="ex-map-legend-item" data-route="{escape(route.id)}" data-theme="{escape(route.theme)}">'
            f'<svg class="ex-map-legend-key" viewBox="0 0 36 12" width="36" height="12" aria-hidden="true">'
            f'<path class="ex-map-route-line" d="M1 6h26" stroke-width="{_n(weight)}"{dash}/>'
            f'<path class="ex-map-route-arrow" d="M35 6l-8 3.6v-7.2z"/></svg>{said(route.label, text.rtl)}</li>'
        )
    out.append("</ul>")
    return out


def _corner(
    w: float, h: float, width: int, height: int, sizes: Sizes, avoid: Sequence[Box], order: Sequence[str]
) -> tuple[str, Box]:
    """Return the corner, of those in order, where a w × h box hides the fewest of the boxes to avoid."""
    m = 2 * sizes.unit
    boxes = {
        "top right": Box(width - w - m, m, width - m, h + m),
        "top left": Box(m, m, w + m, h + m),
        "bottom right": Box(width - w - m, height - h - m, width - m, height - m),
        "bottom left": Box(m, height - h - m, w + m, height - m),
    }
    corner = min(order, key=lambda c: (sum(boxes[c].overlaps(b, sizes.marker) for b in avoid), order.index(c)))
    return corner, boxes[corner]


def _scale_bar(frame: Frame, sizes: Sizes, language: str, avoid: Sequence[Box]) -> tuple[Box, list[str]] | None:
    """A scale bar in km (and miles for en-US) where scale is nearly constant across the frame, in a free corner."""
    if not frame.has_scale_bar:
        return None
    km_per_unit = 1.0 / (frame.scale * 1000.0)
    target = frame.width * 0.22 * km_per_unit
    km = _nice(target)
    font = sizes.country_font
    bars = [(km, distance(km, "kilometer", language))]
    if language.lower() == "en-us":
        miles = _nice(target / KM_PER_MILE)
        bars.append((miles * KM_PER_MILE, distance(miles, "mile", language)))
    length = max(k for k, _ in bars) / km_per_unit
    label_w = max(text_width(t, font) for _, t in bars)
    row = font * 1.4
    w, h = length + label_w + 8 * sizes.unit, row * len(bars) + 2 * sizes.unit
    _, box = _corner(
        w, h, frame.width, frame.height, sizes, avoid, ("bottom right", "bottom left", "top right", "top left")
    )
    x0 = box.x0 + 2 * sizes.unit
    # the label reads on from the bar's right end; in right-to-left text that end of the label is its "end"
    anchor = ' text-anchor="end"' if resolve(language).character_order == "right-to-left" else ""
    out = ['<g class="ex-map-scale" aria-hidden="true">']
    for n, (k, text) in enumerate(bars):
        y = box.y0 + sizes.unit + row * (n + 0.5)
        out.append(
            f'<path class="ex-map-scale-bar" d="M{_n(x0)} {_n(y - 3 * sizes.unit)}v{_n(3 * sizes.unit)}h{_n(k / km_per_unit)}v{_n(-3 * sizes.unit)}"/>'
        )
        out.append(
            f'<text class="ex-map-scale-label" x="{_n(x0 + k / km_per_unit + 3 * sizes.unit)}" y="{_n(y + 0.1 * font)}"{anchor} font-size="{_n(font)}">{escape(text)}</text>'
        )
    out.append("</g>")
    return box, out


def _nice(value: float) -> float:
    """Round down to 1, 2 or 5 times a power of ten."""
    power = 10 ** math.floor(math.log10(value))
    return float(max(m for m in (1, 2, 5, 10) if m * power <= value) * power)


def distance(value: float, unit: str, language: str) -> str:
    """A scale bar's length in the language's digits and unit abbreviation, by CLDR: "500 km", "500 км"."""
    return format_unit(value if value < 1 else round(value), f"length-{unit}", length="short", locale=resolve(language))


def _describe(
    located: Sequence[Located],
    routes: Sequence[Route],
    everywhere: Mapping[str, Located],
    inset: Inset | None,
    detail: Detail | None,
    words: MapText,
) -> str:
    """Say in words what the map shows, and which inset holds what, escaped, each name marked with its language."""
    names = {pid: said(loc.place.name, words.rtl) for pid, loc in everywhere.items()}
    shown = [names[loc.place.id] for loc in located]
    separator = escape(words.separator)
    text = (
        escape(words.count(len(shown))).replace("{names}", separator.join(shown)) if shown else escape(words.no_places)
    )
    if inset is not None:
        far = separator.join(names[loc.place.id] for loc in inset.located)
        text += " " + escape(words.inset.replace("{corner}", words.corner(inset.corner))).replace("{names}", far)
    if detail is not None:
        near = format_list([names[loc.place.id] for loc in detail.located], locale=resolve(words.language))
        text += " " + escape(words.detail.replace("{corner}", words.corner(detail.corner))).replace("{names}", near)
    for route in routes:
        stops = " → ".join(names[p] for p in route.places)
        text += f" {said(route.label, words.rtl)}{escape(words.colon)}{stops}{escape(words.full_stop)}"
    return text


def _place(loc: Located, label: Label, sizes: Sizes, rtl: bool = False) -> str:
    """Draw one place: a link holding its tap area, marker, label and leader line."""
    place, (x, y) = loc.place, loc.at
    line = _leader(label, sizes)
    leader = (
        ""
        if line is None
        else f'<path class="ex-map-leader" d="M{_n(line[0])} {_n(line[1])}L{_n(line[2])} {_n(line[3])}"/>'
    )
    cls = "ex-map-place ex-map-inset-place" if loc.inset else "ex-map-place"
    r = sizes.marker * (0.7 if loc.inset else 1.0)
    return (
        f'<g class="{cls}" data-place="{escape(place.id)}">'
        f'<a href="#place-{escape(place.id)}" class="ex-map-link">'
        f'<circle class="ex-map-hit" cx="{_n(x)}" cy="{_n(y)}" r="{_n(sizes.hit)}"/>{leader}'
        f'<circle class="ex-map-marker" cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'
        f"{_text(label, 'ex-map-label', rtl)}</a></g>"
    )


def _leader(label: Label, sizes: Sizes) -> tuple[float, float, float, float] | None:
    """A label's leader line (x0, y0, x1, y1): from its marker's edge to the nearest point of its box; or None."""
    if label.leader is None:
        return None
    (x, y), box = label.leader, label.box
    tx, ty = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)
    if (tx, ty) == (x, y):
        return None
    ux, uy = _unit(tx - x, ty - y)
    return (x + ux * sizes.marker, y + uy * sizes.marker, tx, ty)


Leg = list[
    list[tuple[float, float]]
]  # a route leg: one polyline, or one each side of a world map's seam (geo.seam_pieces)


def _route_points(route: Route, frame: Frame, where: Mapping[str, Located], markers: Mapping[str, Box]) -> list[Leg]:
    """Return each leg of a route as polylines in the main frame: along the great circle, or straight between markers.

    A great circle that crosses a world map's seam is cut there, running off one side of the map and on at the
    other, as it goes round the globe. A leg that would cross an unrelated marker is bowed sideways, a little
    and then more, until it misses them all.
    """
    legs = []
    for a, b in zip(route.places, route.places[1:]):
        pa, pb = where[a], where[b]
        if pa.inset or pb.inset:
            # a leg to a place in the inset runs along its great circle to the frame's edge
            legs.append([_clip_run(_geodesic(frame, pa.place, pb.place), frame)])
            continue
        if route.line != "straight" and frame.projection.kind == "world":
            pieces = seam_pieces(frame, pa.place, pb.place)
            if len(pieces) > 1:
                legs.append(pieces)
                continue
        line = [pa.at, pb.at] if route.line == "straight" else _geodesic(frame, pa.place, pb.place)
        if not all(frame.contains(p) for p in line):
            line = [pa.at, pb.at]  # the great circle leaves the frame: straight instead
        others = [box for pid, box in markers.items() if pid not in (a, b)]
        candidates = [_bowed(line, bend) for bend in BENDS]
        legs.append([next((c for c in candidates if not _crosses(c, others)), line)])
    return legs


def _bowed(line: Sequence[tuple[float, float]], bend: float) -> list[tuple[float, float]]:
    """Bow a polyline sideways off its chord by `bend` times the chord's length at its middle (0: unchanged)."""
    if not bend:
        return list(line)
    if len(line) == 2:
        (x0, y0), (x1, y1) = line
        line = [(x0 + (x1 - x0) * i / 24, y0 + (y1 - y0) * i / 24) for i in range(25)]
    (x0, y0), (x1, y1) = line[0], line[-1]
    nx, ny = y1 - y0, x0 - x1  # the chord turned a quarter, its length kept
    n = len(line) - 1
    return [
        (x + nx * bend * math.sin(math.pi * i / n), y + ny * bend * math.sin(math.pi * i / n))
        for i, (x, y) in enumerate(line)
    ]


def _crosses(line: Sequence[tuple[float, float]], boxes: Sequence[Box]) -> bool:
    """Tell whether a polyline passes over any of the boxes (sampled every few pixels)."""
    for (x0, y0), (x1, y1) in zip(line, line[1:]):
        steps = max(1, int(math.hypot(x1 - x0, y1 - y0) / 2))
        for i in range(steps + 1):
            x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps
            if any(b.x0 <= x <= b.x1 and b.y0 <= y <= b.y1 for b in boxes):
                return True
    return False


def _geodesic(frame: Frame, a: Place, b: Place) -> list[tuple[float, float]]:
    from pyproj import Geod

    between = Geod(ellps="WGS84").npts(a.lon, a.lat, b.lon, b.lat, 48)
    return [frame.project(lon, lat) for lon, lat in [(a.lon, a.lat), *between, (b.lon, b.lat)]]


def _clip_run(points: Sequence[tuple[float, float]], frame: Frame) -> list[tuple[float, float]]:
    """Keep the run of points from the first one until the line leaves the frame."""
    run: list[tuple[float, float]] = []
    for p in points:
        if not (math.isfinite(p[0]) and frame.contains(p)):
            if run:
                break
            continue
        run.append(p)
    return run


def _route_style(n: int, sizes: Sizes) -> tuple[str, float]:
    dash, weight = ROUTE_STYLES[n % len(ROUTE_STYLES)]
    width = sizes.line * weight
    if not dash:
        return "", width
    return f' stroke-dasharray="{" ".join(_n(float(d) * width) for d in dash.split())}"', width


def _route_marks(legs: Sequence[Leg], sizes: Sizes) -> RouteMarks:
    """Return a route's legs as drawn: each stopped short of its markers, ending in an arrowhead at its stop."""
    lines: list[tuple[tuple[float, float], ...]] = []
    heads: list[tuple[tuple[float, float], tuple[float, float], tuple[float, float]]] = []
    gap = sizes.marker + 1.5 * sizes.unit
    for leg in legs:
        pieces = [list(piece) for piece in leg]
        pieces[0] = _trim(pieces[0], gap, 0.0) if len(pieces) > 1 else pieces[0]
        pieces[-1] = _trim(pieces[-1], 0.0 if len(pieces) > 1 else gap, gap)
        if len(pieces[-1]) < 2:
            continue
        trimmed = pieces[-1]
        tip = trimmed[-1]
        before = _toward(tip, trimmed[-2], sizes.arrow)
        ux, uy = _unit(tip[0] - before[0], tip[1] - before[1])
        base = (tip[0] - ux * sizes.arrow, tip[1] - uy * sizes.arrow)
        pieces[-1] = _trim(trimmed, 0.0, sizes.arrow * 0.8)
        lines.extend(tuple(body) for body in pieces if len(body) > 1)
        wing = sizes.arrow * 0.45
        heads.append((tip, (base[0] - uy * wing, base[1] + ux * wing), (base[0] + uy * wing, base[1] - ux * wing)))
    return RouteMarks(tuple(lines), tuple(heads))


def _route(route: Route, n: int, marks: RouteMarks, sizes: Sizes, rtl: bool) -> str:
    """Draw a route: its lines in the route's dash and weight, and its arrowheads."""
    dash, weight = _route_style(n, sizes)
    lines = "".join("M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in line) for line in marks.lines)
    return (
        f'<g class="ex-map-route" data-route="{escape(route.id)}" data-theme="{escape(route.theme)}">'
        f"<title>{said(route.label, rtl)}</title>"
        f'<path class="ex-map-route-line" d="{lines}" stroke-width="{_n(weight)}"{dash}/>'
        f'<path class="ex-map-route-arrow" d="{_path(marks.heads)}"/></g>'
    )


def _trim(points: list[tuple[float, float]], start: float, end: float) -> list[tuple[float, float]]:
    """Shorten a polyline by `start` at its first end and `end` at its last."""

    def cut(pts: list[tuple[float, float]], distance: float) -> list[tuple[float, float]]:
        while len(pts) > 1 and distance > 0:
            step = math.hypot(pts[1][0] - pts[0][0], pts[1][1] - pts[0][1])
            if step > distance:
                pts = [_toward(pts[0], pts[1], distance), *pts[1:]]
                break
            distance -= step
            pts = pts[1:]
        return pts

    out = cut(points, start)
    return cut(out[::-1], end)[::-1] if len(out) > 1 else []


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
    """A label; an edition's untranslated name marked with its language, and anchored for its own direction."""
    marks, rtl = drawn_marks(label.text, rtl, "direction")
    anchor = _RTL_ANCHORS[label.anchor] if rtl else label.anchor
    return (
        f'<text class="{cls}" x="{_n(label.x)}" y="{_n(label.y)}" text-anchor="{anchor}"'
        f' font-size="{_n(label.size)}"{marks}>{escape(label.text)}</text>'
    )


def _n(value: float) -> str:
    """Format a coordinate with at most one decimal."""
    return _tenths(round(value * 10))


@functools.cache  # path steps repeat the same few numbers
def _tenths(n: int) -> str:
    """Format n tenths compactly: 12 -> 1.2, -3 -> -.3, 30 -> 3."""
    whole, tenth = divmod(abs(n), 10)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return ("-" if n < 0 else "") + (text or "0")


def _path(rings: Iterable[Sequence[tuple[float, float]]], close: bool = True) -> str:
    """Encode polylines as compact SVG path data with relative moves in tenths of a pixel."""
    import numpy as np

    out = []
    for ring in rings:
        pts = np.rint(np.asarray(ring, dtype=float).reshape(-1, 2) * 10).astype(np.int64)  # as round(): halves to even
        if len(pts) < 2:
            continue
        steps = np.diff(pts, axis=0)
        steps = steps[steps.any(axis=1)]
        if close and len(steps) and (pts[0] == pts[-1]).all():
            steps = steps[:-1]
        if len(steps) < (2 if close else 1):
            continue
        numbers = [_tenths(v) for v in steps.ravel().tolist()]
        body = "".join(n if n.startswith("-") or i == 0 else " " + n for i, n in enumerate(numbers))
        out.append(f"M{_tenths(int(pts[0][0]))} {_tenths(int(pts[0][1]))}l{body}{'z' if close else ''}")
    return "".join(out)
