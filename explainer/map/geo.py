"""Pure map geometry: projection, framing, off-frame bearings and basemap shapes in pixels.

pyproj, shapely and numpy are imported inside functions, so a build that reuses a
cached map never loads them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import MapSettings, Place

Point = tuple[float, float]
Ring = tuple[Point, ...]

EARTH_RADIUS = 6_371_008.8  # metres, mean radius: turns frame distances into angles
MIN_SPAN = 300_000.0  # metres: the smallest frame side, for one place or places close together
OUTLIER_RATIO = 3.0  # a place this many times farther out than all others goes to the edge
OUTLIER_MIN_DEG = 30.0  # ... but only if it is also at least this far away
MAX_RADIUS_DEG = 80.0  # a place farther than this from the others never fits a regional map
CAP_MARGIN_DEG = 10.0  # basemap polygons farther than the frame plus this are skipped
SIMPLIFY_PX = 0.6  # Douglas-Peucker tolerance in output pixels
MIN_AREA_PX = 1.0  # clipped land parts smaller than this many square pixels are dropped
BLEED_PX = 2.0  # land is clipped this far outside the frame so its cut edges stay hidden
SEAM_LON = 179.999  # arcs along the antimeridian cut are not borders


@dataclass(frozen=True)
class Frame:
    """An azimuthal equidistant view: centre in degrees, bounds in metres, output size in pixels."""

    lat0: float
    lon0: float
    west: float
    south: float
    east: float
    north: float
    width: int
    height: int

    @property
    def scale(self) -> float:
        """Pixels per metre."""
        return self.width / (self.east - self.west)

    def to_px(self, x: float, y: float) -> Point:
        """Turn projected metres into pixels, y pointing down."""
        return ((x - self.west) * self.scale, (self.north - y) * self.scale)

    def project(self, lon: float, lat: float) -> Point:
        """Project one WGS84 point to pixels."""
        x, y = _transformer(self.lat0, self.lon0).transform(lon, lat)
        return self.to_px(x, y)


@dataclass(frozen=True)
class Located:
    """Where a place's marker goes; `heading` is set when the place is off the frame."""

    place: Place
    at: Point
    heading: float | None = None  # screen angle in degrees toward the place, 0 = right, 90 = down


@dataclass(frozen=True)
class CountryShape:
    """A country in the frame that contains places, with label spots inside it, best first."""

    name: str
    places: tuple[str, ...]
    label_spots: tuple[Point, ...]


@dataclass(frozen=True)
class Basemap:
    """Land polygons and shared borders in pixels, clipped to the frame."""

    land: tuple[tuple[Ring, ...], ...]
    borders: tuple[Ring, ...]
    countries: tuple[CountryShape, ...]


@lru_cache(maxsize=8)
def _transformer(lat0: float, lon0: float) -> Any:
    """Return a WGS84 to azimuthal-equidistant transformer centred on (lat0, lon0)."""
    from pyproj import Transformer

    crs = f"+proj=aeqd +lat_0={lat0!r} +lon_0={lon0!r} +datum=WGS84 +units=m +no_defs"
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    """Return the unit vector of a point on the sphere."""
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def angle_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the great-circle angle in degrees between two (lat, lon) points."""
    dot = sum(p * q for p, q in zip(_unit(*a), _unit(*b)))
    return math.degrees(math.acos(max(-1.0, min(1.0, dot))))


def centroid(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Return the spherical centroid (lat, lon) of points; safe across the 180° meridian."""
    vx, vy, vz = (sum(c) for c in zip(*(_unit(*p) for p in points)))
    if math.hypot(vx, vy, vz) < 1e-9:
        return points[0]
    lat = math.degrees(math.atan2(vz, math.hypot(vx, vy)))
    return (round(lat, 6), round(math.degrees(math.atan2(vy, vx)), 6))


def split_outliers(places: Sequence[Place]) -> tuple[list[Place], list[Place]]:
    """Split places into those the frame fits and far outliers to show at its edge."""
    inside, outside = list(places), []
    while len(inside) > 1:
        middle = centroid(_latlons(inside))
        far = max(inside, key=lambda p: angle_between(middle, (p.lat, p.lon)))
        rest = [p for p in inside if p is not far]
        centre = centroid(_latlons(rest))
        reach = max(angle_between(centre, (p.lat, p.lon)) for p in rest)
        distance = angle_between(centre, (far.lat, far.lon))
        lonely = len(inside) > 2 and distance > max(OUTLIER_RATIO * reach, OUTLIER_MIN_DEG)
        if not (lonely or distance > MAX_RADIUS_DEG):
            break
        inside, outside = rest, [far, *outside]
    return inside, outside


def _latlons(places: Sequence[Place]) -> list[tuple[float, float]]:
    return [(p.lat, p.lon) for p in places]


def fit_frame(places: Sequence[Place], settings: MapSettings) -> Frame:
    """Frame the places (or settings.extent) with padding, at the output's aspect ratio."""
    if settings.extent is not None:
        west, south, east, north = settings.extent
        span = (east - west) % 360 or 360.0
        lat0, lon0 = (south + north) / 2, _wrap(west + span / 2)
        edge = [(_wrap(west + span * i / 16), south + (north - south) * j / 16)
                for i in range(17) for j in range(17) if i in (0, 8, 16) or j in (0, 8, 16)]
        pad = 0.0
    elif not places:
        raise ValueError("a map needs places or an extent")
    else:
        inside, _ = split_outliers(places)
        lat0, lon0 = centroid(_latlons(inside))
        edge = [(p.lon, p.lat) for p in inside]
        pad = settings.padding
    t = _transformer(lat0, lon0)
    xs, ys = zip(*(t.transform(lon, lat) for lon, lat in edge))
    x0, x1 = _widen(min(xs), max(xs), MIN_SPAN)
    y0, y1 = _widen(min(ys), max(ys), MIN_SPAN)
    x0, x1 = x0 - (x1 - x0) * pad, x1 + (x1 - x0) * pad
    y0, y1 = y0 - (y1 - y0) * pad, y1 + (y1 - y0) * pad
    aspect = settings.width / settings.height
    if (x1 - x0) / (y1 - y0) < aspect:
        x0, x1 = _widen(x0, x1, (y1 - y0) * aspect)
    else:
        y0, y1 = _widen(y0, y1, (x1 - x0) / aspect)
    return Frame(lat0, lon0, x0, y0, x1, y1, settings.width, settings.height)


def _wrap(lon: float) -> float:
    """Bring a longitude into [-180, 180)."""
    return (lon + 180.0) % 360.0 - 180.0


def _widen(lo: float, hi: float, span: float) -> tuple[float, float]:
    """Grow [lo, hi] about its middle to at least span."""
    grow = max(0.0, span - (hi - lo)) / 2
    return lo - grow, hi + grow


def locate_places(frame: Frame, places: Sequence[Place], inset: float) -> tuple[Located, ...]:
    """Place markers; places off the frame go on its edge, inset, in their direction."""
    origin = _clamp(frame.to_px(0.0, 0.0), frame, inset)
    located = []
    for place in places:
        x, y = frame.project(place.lon, place.lat)
        near = angle_between((frame.lat0, frame.lon0), (place.lat, place.lon)) < 90
        if near and 0 <= x <= frame.width and 0 <= y <= frame.height:
            located.append(Located(place, (x, y)))
            continue
        dx, dy = x - origin[0], y - origin[1]
        heading = math.degrees(math.atan2(dy, dx))
        located.append(Located(place, _ray_to_edge(origin, (dx, dy), frame, inset), heading))
    return tuple(located)


def _clamp(p: Point, frame: Frame, inset: float) -> Point:
    return (min(max(p[0], inset), frame.width - inset), min(max(p[1], inset), frame.height - inset))


def _ray_to_edge(origin: Point, d: Point, frame: Frame, inset: float) -> Point:
    """Return where the ray from origin along d leaves the frame shrunk by inset."""
    limits = []
    for o, v, size in ((origin[0], d[0], frame.width), (origin[1], d[1], frame.height)):
        if v > 0:
            limits.append((size - inset - o) / v)
        elif v < 0:
            limits.append((inset - o) / v)
    t = min(limits, default=0.0)
    return (origin[0] + d[0] * t, origin[1] + d[1] * t)


def compass(heading: float) -> str:
    """Name the compass direction of a screen heading (north up)."""
    names = ("east", "south-east", "south", "south-west", "west", "north-west", "north", "north-east")
    return names[round(heading / 45) % 8]


def shape_basemap(
    topology: Mapping[str, Any],
    frame: Frame,
    points: Mapping[str, Point],
    label_size: Callable[[str], Point],
    names: Mapping[str, str] | None = None,
) -> Basemap:
    """Project, simplify and clip a world-atlas TopoJSON topology to the frame, in pixels.

    `names` labels countries by their ISO 3166 numeric id (the basemap's); others keep the basemap's name.
    """
    names = names or {}
    import numpy as np
    import shapely

    arcs = _decode_arcs(topology)
    sizes = [len(a) for a in arcs]
    starts = np.cumsum([0, *sizes[:-1]])
    lonlat = np.concatenate(arcs)
    near = _near_arcs(lonlat, starts, frame)
    xs, ys = _transformer(frame.lat0, frame.lon0).transform(lonlat[:, 0], lonlat[:, 1])
    px = np.column_stack(((xs - frame.west) * frame.scale, (frame.north - ys) * frame.scale))
    lines = shapely.simplify(shapely.linestrings(px, indices=np.repeat(np.arange(len(arcs)), sizes)), SIMPLIFY_PX)
    simple = [shapely.get_coordinates(line) for line in lines]
    bleed = (-BLEED_PX, -BLEED_PX, frame.width + BLEED_PX, frame.height + BLEED_PX)

    def polygons(geometry: Mapping[str, Any]) -> list[Any]:
        """Return the clipped shapely polygons of one TopoJSON geometry near the frame."""
        parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        out = []
        for rings in parts:
            if not any(near[i if i >= 0 else ~i] for ring in rings for i in ring):
                continue
            coords = [_ring(simple, ring) for ring in rings]
            if len(coords[0]) < 4:
                continue
            shape = shapely.make_valid(shapely.Polygon(coords[0], [c for c in coords[1:] if len(c) >= 4]))
            out.extend(_polygon_parts(shapely.clip_by_rect(shape, *bleed)))
        return out

    land = [poly for g in topology["objects"]["land"]["geometries"] for poly in polygons(g)]
    countries = topology["objects"]["countries"]["geometries"]
    uses = Counter(a if a >= 0 else ~a for g in countries for a in set(_arc_ids(g)))
    borders = []
    for index, count in sorted(uses.items()):
        seam = bool(np.all(np.abs(arcs[index][:, 0]) >= SEAM_LON))
        if count > 1 and near[index] and not seam:
            clipped = shapely.clip_by_rect(lines[index], *bleed)
            borders.extend(_rounded(part.coords) for part in _line_parts(clipped))
    shapes = []
    for geometry in countries:
        clipped = [p for p in polygons(geometry) if p.area >= MIN_AREA_PX]
        if not clipped:
            continue
        country = shapely.MultiPolygon(clipped)
        inside = tuple(pid for pid, (x, y) in points.items() if shapely.contains_xy(country, x, y))
        if inside:
            name = names.get(str(geometry.get("id")), geometry["properties"]["name"])
            spots = _label_spots(country, label_size(name), frame)
            shapes.append(CountryShape(name, inside, spots))
    return Basemap(
        land=tuple(_polygon_rings(p) for p in land if p.area >= MIN_AREA_PX),
        borders=tuple(b for b in borders if len(b) > 1),
        countries=tuple(shapes),
    )


def _decode_arcs(topology: Mapping[str, Any]) -> list[Any]:
    """Undo TopoJSON delta encoding and quantization: one (n, 2) lon/lat array per arc."""
    import numpy as np

    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    return [np.cumsum(np.asarray(a, dtype=float), axis=0) * (sx, sy) + (tx, ty) for a in topology["arcs"]]


def _near_arcs(lonlat: Any, starts: Any, frame: Frame) -> Any:
    """Flag arcs with a point within the frame's angular radius plus a margin of its centre."""
    import numpy as np

    reach = max(math.hypot(x, y) for x in (frame.west, frame.east) for y in (frame.south, frame.north))
    cap = math.radians(min(math.degrees(reach / EARTH_RADIUS) + CAP_MARGIN_DEG, 100.0))
    lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
    c = _unit(frame.lat0, frame.lon0)
    dot = np.cos(lat) * np.cos(lon) * c[0] + np.cos(lat) * np.sin(lon) * c[1] + np.sin(lat) * c[2]
    return np.maximum.reduceat(dot, starts) >= math.cos(cap)


def _arc_ids(geometry: Mapping[str, Any]) -> list[int]:
    parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [i for rings in parts for ring in rings for i in ring]


def _ring(arcs: Sequence[Any], ids: Sequence[int]) -> list[Point]:
    """Join arcs (negative ids run backwards) into one ring of points."""
    out: list[Point] = []
    for i in ids:
        coords = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(map(tuple, coords[1:] if out else coords))
    return out


def _polygon_parts(geometry: Any) -> list[Any]:
    if geometry.geom_type == "Polygon":
        return [] if geometry.is_empty else [geometry]
    if hasattr(geometry, "geoms"):
        return [p for g in geometry.geoms for p in _polygon_parts(g)]
    return []


def _line_parts(geometry: Any) -> list[Any]:
    if geometry.geom_type == "LineString":
        return [] if geometry.is_empty else [geometry]
    if hasattr(geometry, "geoms"):
        return [p for g in geometry.geoms for p in _line_parts(g)]
    return []


def _rounded(coords: Any) -> Ring:
    return tuple((round(x, 1), round(y, 1)) for x, y in coords)


def _polygon_rings(polygon: Any) -> tuple[Ring, ...]:
    """Return the rings of a polygon, holes wound against the exterior so nonzero filling keeps them."""
    from shapely.geometry.polygon import orient

    polygon = orient(polygon)
    return (_rounded(polygon.exterior.coords), *(_rounded(r.coords) for r in polygon.interiors))


def _label_spots(country: Any, size: Point, frame: Frame) -> tuple[Point, ...]:
    """Return label centres inside the country, whole-box fits first, nearest its pole of inaccessibility."""
    import numpy as np
    import shapely
    from shapely.ops import polylabel

    largest = max(country.geoms, key=lambda p: p.area)
    pole = polylabel(largest, tolerance=1.0)
    w, h = size
    step = max(h, 6.0)
    x0, y0, x1, y1 = country.bounds
    gx, gy = np.meshgrid(np.arange(x0, x1, step), np.arange(y0, y1, step))
    xs, ys = np.concatenate(([pole.x], gx.ravel())), np.concatenate(([pole.y], gy.ravel()))
    keep = shapely.contains_xy(country, xs, ys)
    xs, ys = xs[keep], ys[keep]
    fits = shapely.contains(country, shapely.box(xs - w / 2, ys - h / 2, xs + w / 2, ys + h / 2))
    order = np.lexsort((ys, xs, np.hypot(xs - pole.x, ys - pole.y), ~fits))
    return tuple((round(float(xs[i]), 1), round(float(ys[i]), 1)) for i in order[:200])
