"""Pure map geometry: the projection chosen from the places, the frame, insets and basemap shapes in pixels.

pyproj, shapely and numpy are imported inside functions, so a build that reuses a
cached map never loads them.

Land is cut where the projection has its seam (the meridian opposite its centre) and,
for azimuthal views, to a spherical cap about the centre, in longitude and latitude,
before it is projected: a polygon that crossed the seam or held the antipode would
otherwise come out of the projection turned inside out and paint the frame with land.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import MapSettings, Place
from .basemap import Topology

Point = tuple[float, float]
Ring = tuple[Point, ...]

EARTH_RADIUS = 6_371_008.8  # metres, mean radius: turns frame distances into angles
MIN_SPAN = 25_000.0  # metres: the smallest frame side, for one place or places close together
OUTLIER_RATIO = 3.0  # a place this many times farther out than all others goes to the inset
OUTLIER_MIN_DEG = 30.0  # ... but only if it is also at least this far away
MAX_RADIUS_DEG = 80.0  # a place farther than this from the others never shares their regional map
LOCAL_DEG = 15.0  # places within this of their centre: azimuthal equidistant about them
CONTINENTAL_DEG = 45.0  # ... within this: Lambert azimuthal equal-area; farther: Equal Earth
POLAR_LAT = 60.0  # every place at least this far north (or south), spread wide: about the pole
SCALE_BAR_DEG = 22.0  # a frame reaching no farther than this from its centre keeps scale within ~3%
CAP_MARGIN_DEG = 8.0  # azimuthal views keep land this far beyond the frame's farthest corner
MAX_CAP_DEG = 125.0  # ... and never nearer the antipode than this
SIMPLIFY_PX = 0.6  # Douglas-Peucker tolerance in output pixels
MIN_AREA_PX = 1.0  # clipped land parts smaller than this many square pixels are dropped
BLEED_PX = 2.0  # land is clipped this far outside the frame so its cut edges stay hidden
SEAM_LON = 179.999  # arcs along the antimeridian cut are not borders
DENSIFY_DEG = 1.0  # long straight edges (cuts, the poles' edges) get a point every degree before projecting


@dataclass(frozen=True)
class Projection:
    """How the globe is flattened: a PROJ definition, what kind of view it is, and its centre."""

    kind: str  # local, continental, world or polar
    lat0: float
    lon0: float

    @property
    def crs(self) -> str:
        """The PROJ definition."""
        if self.kind == "world":
            return f"+proj=eqearth +lon_0={self.lon0!r} +datum=WGS84 +units=m +no_defs"
        name = "laea" if self.kind == "continental" else "aeqd"
        return f"+proj={name} +lat_0={self.lat0!r} +lon_0={self.lon0!r} +datum=WGS84 +units=m +no_defs"

    @property
    def seam(self) -> float:
        """The meridian opposite the centre, where the projection cuts the globe open."""
        return _wrap(self.lon0 + 180.0)


@dataclass(frozen=True)
class Frame:
    """A projected view: the projection, bounds in metres and output size in pixels."""

    projection: Projection
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
        x, y = _transformer(self.projection.crs).transform(lon, lat)
        return self.to_px(x, y)

    def contains(self, at: Point, inset: float = 0.0) -> bool:
        """Tell whether a pixel point lies in the frame, at least inset from its edges."""
        return inset <= at[0] <= self.width - inset and inset <= at[1] <= self.height - inset

    @property
    def reach(self) -> float:
        """The greatest angle in degrees from the projection's centre to a point of the frame's edge."""
        centre = (self.projection.lat0, self.projection.lon0)
        return max(angle_between(centre, (lat, lon)) for lon, lat in self.edge(8))

    def edge(self, steps: int) -> list[tuple[float, float]]:
        """Return (lon, lat) points along the frame's edge, `steps` a side, clockwise from the top left."""
        t = _transformer(self.projection.crs, inverse=True)
        w, s, e, n = self.west, self.south, self.east, self.north
        corners = [(w, n), (e, n), (e, s), (w, s), (w, n)]
        points = [
            (a[0] + (b[0] - a[0]) * i / steps, a[1] + (b[1] - a[1]) * i / steps)
            for a, b in zip(corners, corners[1:])
            for i in range(steps)
        ]
        out = []
        for x, y in points:
            lon, lat = t.transform(x, y)
            if math.isfinite(lon) and math.isfinite(lat):
                out.append((lon, lat))
        return out

    @property
    def has_scale_bar(self) -> bool:
        """Tell whether scale is nearly constant across the frame, so one scale bar holds for all of it."""
        return self.projection.kind != "world" and self.reach <= SCALE_BAR_DEG


@dataclass(frozen=True)
class Located:
    """Where a place's marker goes; `inset` is true when it is drawn in the locator inset."""

    place: Place
    at: Point
    inset: bool = False


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


class _Projector:
    """Projects lon/lat to a PROJ definition's metres, or back, with `transform(x, y)` as pyproj's Transformer.

    pyproj.Proj is made without a look-up in PROJ's database, which a Transformer from EPSG:4326 needs.
    """

    def __init__(self, crs: str, inverse: bool) -> None:
        from pyproj import Proj

        self._proj = Proj(crs)
        self._inverse = inverse

    def transform(self, x: Any, y: Any) -> tuple[Any, Any]:
        return self._proj(x, y, inverse=self._inverse, errcheck=False)


@lru_cache(maxsize=16)
def _transformer(crs: str, inverse: bool = False) -> _Projector:
    """Return a WGS84 to `crs` projector (or back)."""
    return _Projector(crs, inverse)


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
    """Split places into those the main frame fits and lonely far ones for the locator inset.

    When more than a quarter of the places would be lonely, or the rest still need a world map, the story
    is spread wide and none is.
    """
    inside, outside = list(places), list[Place]()
    while len(inside) > 2:
        middle = centroid(_latlons(inside))
        far = max(inside, key=lambda p: angle_between(middle, (p.lat, p.lon)))
        rest = [p for p in inside if p is not far]
        centre = centroid(_latlons(rest))
        reach = max(angle_between(centre, (p.lat, p.lon)) for p in rest)
        distance = angle_between(centre, (far.lat, far.lon))
        if distance <= max(OUTLIER_RATIO * reach, OUTLIER_MIN_DEG) and distance <= MAX_RADIUS_DEG:
            break
        inside, outside = rest, [far, *outside]
    if len(outside) > max(1, len(places) // 4) or _spread(inside) > CONTINENTAL_DEG:
        return list(places), []
    return inside, outside


def _spread(places: Sequence[Place]) -> float:
    """The greatest angle in degrees from the places' centre to one of them."""
    centre = centroid(_latlons(places))
    return max(angle_between(centre, (p.lat, p.lon)) for p in places)


def _latlons(places: Sequence[Place]) -> list[tuple[float, float]]:
    return [(p.lat, p.lon) for p in places]


def choose_projection(points: Sequence[tuple[float, float]], forced: str = "auto") -> Projection:
    """Pick the view for (lat, lon) points: centred azimuthal near, equal-area wider, Equal Earth near-global, polar."""
    lat0, lon0 = centroid(points)
    reach = max(angle_between((lat0, lon0), p) for p in points)
    north = all(lat >= POLAR_LAT for lat, _ in points)
    south = all(lat <= -POLAR_LAT for lat, _ in points)
    kind = {"equidistant": "local", "equal-area": "continental", "equal-earth": "world", "polar": "polar"}.get(forced)
    if kind is None:
        if (north or south) and reach > LOCAL_DEG / 3:
            kind = "polar"
        elif reach <= LOCAL_DEG:
            kind = "local"
        elif reach <= CONTINENTAL_DEG:
            kind = "continental"
        else:
            kind = "world"
    if kind == "polar":
        pole = 90.0 if lat0 >= 0 else -90.0
        # the places' middle meridian points down from the north pole (up from the south pole)
        return Projection("polar", pole, lon0)
    if kind == "world":
        return Projection("world", 0.0, _world_centre([lon for _, lon in points]))
    return Projection(kind, lat0, lon0)


def _world_centre(lons: Sequence[float]) -> float:
    """Centre a world map opposite the middle of the widest gap between the places' longitudes."""
    ordered = sorted(_wrap(lon) for lon in lons)
    gaps = [((b - a) % 360 or 360.0, a) for a, b in zip(ordered, ordered[1:] + ordered[:1])]
    width, start = max(gaps)
    return round(_wrap(start + width / 2 + 180.0), 6)


def fit_frame(
    places: Sequence[Place], settings: MapSettings, width: int | None = None, height: int | None = None
) -> Frame:
    """Frame the main places (or settings.extent) with padding, at the output's size (settings' unless given)."""
    width, height = width or settings.width, height or settings.height
    if settings.extent is not None:
        west, south, east, north = settings.extent
        span = (east - west) % 360 or 360.0
        middle = west + span / 2
        # just inside the extent's sides, so a whole-world extent's two sides do not meet at its seam
        edge = [
            (south + (north - south) * j / 16, _wrap(middle + span * (i / 16 - 0.5) * 0.99999))
            for i in range(17)
            for j in range(17)
            if i in (0, 16) or j in (0, 16)
        ]
        projection = choose_projection(edge, settings.projection)
        if projection.kind == "world":
            projection = Projection("world", 0.0, round(_wrap(middle), 6))
        pad = 0.0
    elif not places:
        raise ValueError("a map needs places or an extent")
    else:
        inside, _ = split_outliers(places)
        edge = _latlons(inside)
        projection = choose_projection(edge, settings.projection)
        pad = settings.padding
    t = _transformer(projection.crs)
    xs, ys = t.transform([lon for _, lon in edge], [lat for lat, _ in edge])
    x0, x1 = _widen(min(xs), max(xs), MIN_SPAN)
    y0, y1 = _widen(min(ys), max(ys), MIN_SPAN)
    x0, x1 = x0 - (x1 - x0) * pad, x1 + (x1 - x0) * pad
    y0, y1 = y0 - (y1 - y0) * pad, y1 + (y1 - y0) * pad
    aspect = width / height
    if (x1 - x0) / (y1 - y0) < aspect:
        x0, x1 = _widen(x0, x1, (y1 - y0) * aspect)
    else:
        y0, y1 = _widen(y0, y1, (x1 - x0) / aspect)
    return Frame(projection, x0, y0, x1, y1, width, height)


def _wrap(lon: float) -> float:
    """Bring a longitude into [-180, 180)."""
    return (lon + 180.0) % 360.0 - 180.0


def _widen(lo: float, hi: float, span: float) -> tuple[float, float]:
    """Grow [lo, hi] about its middle to at least span."""
    grow = max(0.0, span - (hi - lo)) / 2
    return lo - grow, hi + grow


def locate_places(frame: Frame, places: Sequence[Place]) -> tuple[tuple[Located, ...], tuple[Place, ...]]:
    """Return the markers of places in the frame, and the places it cannot show (for the locator inset)."""
    located, far = [], []
    for place in places:
        at = frame.project(place.lon, place.lat)
        if math.isfinite(at[0]) and math.isfinite(at[1]) and frame.contains(at):
            located.append(Located(place, at))
        else:
            far.append(place)
    return tuple(located), tuple(far)


def seam_pieces(frame: Frame, a: Place, b: Place) -> list[list[Point]]:
    """The great circle from a to b on a world map, cut where it crosses the seam: one piece, or one each side."""
    from pyproj import Geod

    seam = frame.projection.seam
    points = [(a.lon, a.lat), *Geod(ellps="WGS84").npts(a.lon, a.lat, b.lon, b.lat, 48), (b.lon, b.lat)]
    pieces = [[frame.project(*points[0])]]
    for (lon0, lat0), (lon1, lat1) in zip(points, points[1:]):
        east0, east1 = (lon0 - seam) % 360.0, (lon1 - seam) % 360.0  # degrees east of the seam
        if abs(east1 - east0) > 180.0:
            # the step crosses the seam: end this piece on it and start the next on its other side
            after = 360.0 - east0 if east1 < east0 else east0
            lat = lat0 + (lat1 - lat0) * after / (after + (east1 if east1 < east0 else 360.0 - east1))
            edge = (
                1e-6 if east1 < east0 else -1e-6
            )  # just inside the side the piece leaves by, then the one it enters by
            pieces[-1].append(frame.project(seam - edge, lat))
            pieces.append([frame.project(seam + edge, lat)])
        pieces[-1].append(frame.project(lon1, lat1))
    return pieces


def shape_basemap(
    topology: Topology,
    frame: Frame,
    points: Mapping[str, tuple[float, float]],
    label_size: Callable[[str], Point],
    tolerance: float | None = None,
    borders: bool = True,
    names: Mapping[str, str] | None = None,
    min_area: float = MIN_AREA_PX,
) -> Basemap:
    """Cut, project, simplify and clip a world-atlas TopoJSON topology to the frame, in pixels.

    `points` maps place ids to (lon, lat); the countries holding them get label spots. `tolerance` is the
    simplification in degrees, by default `detail(frame)`; `borders` false leaves the borders out. `names`
    labels countries by their ISO 3166 numeric id (the basemap's); others keep the basemap's name. Land whose
    outline holds fewer than `min_area` square pixels is left out.
    """
    names = names or {}
    import numpy as np
    import shapely

    atlas = _atlas(topology, detail(frame) if tolerance is None else tolerance)
    projection = frame.projection
    region = _region(frame)
    bleed = shapely.box(-BLEED_PX, -BLEED_PX, frame.width + BLEED_PX, frame.height + BLEED_PX)
    shapely.prepare(bleed)
    t = _transformer(projection.crs)

    def move(coords: Any) -> Any:
        xs, ys = t.transform(coords[:, 0], coords[:, 1])
        return np.column_stack(((xs - frame.west) * frame.scale, (frame.north - ys) * frame.scale))

    def to_frame(geometries: Any) -> Any:
        """Cut lon/lat geometries to the region, project them and clip them to the frame in pixels."""
        cut = _cut(geometries, projection, region)
        cut = cut[~shapely.is_empty(cut)]
        projected = shapely.transform(shapely.segmentize(cut, DENSIFY_DEG), move)
        x0, y0, x1, y1 = shapely.bounds(projected).T
        projected = projected[
            (x0 <= frame.width + BLEED_PX) & (x1 >= -BLEED_PX) & (y0 <= frame.height + BLEED_PX) & (y1 >= -BLEED_PX)
        ]
        invalid = ~shapely.is_valid(projected)
        projected[invalid] = shapely.make_valid(projected[invalid])
        # only what crosses the frame's edge is clipped; what lies inside it is kept as it is
        edge = ~shapely.contains_properly(bleed, projected)
        projected[edge] = shapely.intersection(projected[edge], bleed)
        return projected

    land = [
        p
        for g in to_frame(atlas.land)
        for p in _polygon_parts(g)
        if p.area >= MIN_AREA_PX and shapely.area(shapely.Polygon(p.exterior)) >= min_area
    ]
    lines = [line for g in to_frame(atlas.borders) for line in _line_parts(g)] if borders else []
    shapes = []
    ids = list(points)
    candidates = atlas.might_hold([points[pid][0] for pid in ids], [points[pid][1] for pid in ids]) if ids else None
    for index, name in enumerate(atlas.names):
        held = tuple(pid for pid, maybe in zip(ids, candidates[index]) if maybe) if candidates is not None else ()
        if not held:
            continue
        outline = atlas.country(index)
        held = tuple(pid for pid in held if shapely.contains_xy(outline, *points[pid]))
        clipped = [p for g in to_frame(np.array([outline])) for p in _polygon_parts(g) if p.area >= MIN_AREA_PX]
        if held and clipped:
            name = names.get(str(atlas.geometries[index].get("id")), name)
            shapes.append(CountryShape(name, held, _label_spots(shapely.MultiPolygon(clipped), label_size(name))))
    return Basemap(
        land=tuple(_polygon_rings(p) for p in land),
        borders=tuple(b for b in (_rounded(line.coords) for line in lines) if len(b) > 1),
        countries=tuple(shapes),
    )


def land_at(topology: Topology, lons: Any, lats: Any) -> Any:
    """Tell whether the basemap, unsimplified, has land at points (for checks of what a map paints)."""
    import shapely

    return shapely.contains_xy(_atlas(topology, 0.0).land_union, lons, lats)


def detail(frame: Frame, simplify_px: float = SIMPLIFY_PX) -> float:
    """The simplification tolerance in degrees for a frame, rounded to a power of two so nearby scales share an atlas."""
    degrees = math.degrees(1.0 / (frame.scale * EARTH_RADIUS)) * simplify_px
    return 2.0 ** round(math.log2(degrees))


class _Atlas:
    """The basemap in longitude and latitude at one simplification: land, borders, and countries made on demand."""

    def __init__(self, topology: Topology, tolerance: float) -> None:
        import numpy as np

        self.arcs, self.jumps = _decode_arcs(topology, tolerance)
        self.geometries = topology.objects["countries"]["geometries"]
        self.names = [g["properties"]["name"] for g in self.geometries]
        prebuilt = topology.polygons(tolerance)
        if prebuilt is not None:  # the archive's, made by this class when it was written
            self.land, countries = prebuilt
            self._countries: dict[int, Any] = dict(enumerate(countries))
        else:
            self.land = np.array(
                [p for g in topology.objects["land"]["geometries"] for p in _polygons(self, g)], dtype=object
            )
            self._countries = {}

    @functools.cached_property
    def borders(self) -> Any:
        """The arcs two countries share, as lines (the inset, which draws none, never asks)."""
        import numpy as np
        import shapely

        uses = Counter(a if a >= 0 else ~a for g in self.geometries for a in set(_arc_ids(g)))
        lines = [
            piece
            for i, count in sorted(uses.items())
            if count > 1 and len(self.arcs[i]) > 1 and not np.all(np.abs(self.arcs[i][:, 0]) >= SEAM_LON)
            for piece in _border_lines(self.arcs[i])
        ]
        return shapely.linestrings(
            np.concatenate(lines), indices=np.repeat(np.arange(len(lines)), [len(a) for a in lines])
        )

    @functools.cached_property
    def boxes(self) -> Any:
        """Each country's lon/lat bounds, a (countries, 4) array; NaN for one crossing 180° or round a pole, whose arcs' bounds say nothing.

        With the archive's polygons, which are planar in -180 to 180, their bounds.
        """
        import numpy as np
        import shapely

        if len(self._countries) == len(self.geometries):
            return shapely.bounds(np.array([self._countries[i] for i in range(len(self.geometries))]))
        boxes = []
        for g in self.geometries:
            ids = [i if i >= 0 else ~i for i in _arc_ids(g)]
            pts = np.concatenate([self.arcs[i] for i in ids]) if ids else np.zeros((1, 2))
            crosses = any(self.jumps[i] for i in ids) or any(_round_pole(self, g))
            boxes.append((np.nan,) * 4 if crosses else (*pts.min(axis=0), *pts.max(axis=0)))
        return np.array(boxes, dtype=float)

    def might_hold(self, lons: Any, lats: Any) -> Any:
        """Tell cheaply whether each country may hold each point, a (countries, points) array: inside its bounds, or unbounded."""
        import numpy as np

        x0, y0, x1, y1 = (self.boxes[:, k, None] for k in range(4))
        lons, lats = np.asarray(lons)[None, :], np.asarray(lats)[None, :]
        return np.isnan(x0) | ((x0 <= lons) & (lons <= x1) & (y0 <= lats) & (lats <= y1))

    def country(self, index: int) -> Any:
        """The country's land as one multipolygon."""
        import shapely

        if index not in self._countries:
            # a country's parts are disjoint, so they make a valid multipolygon as they are; else they are merged
            parts = _polygons(self, self.geometries[index])
            multi = shapely.MultiPolygon(parts)
            self._countries[index] = (
                multi if multi.is_valid else shapely.MultiPolygon(list(shapely.get_parts(shapely.union_all(parts))))
            )
        return self._countries[index]

    @functools.cached_property
    def land_union(self) -> Any:
        """All land as one prepared geometry, for point-in-land questions."""
        import shapely

        union = shapely.union_all(self.land)
        shapely.prepare(union)
        return union


_ATLASES: dict[tuple[int, float], _Atlas] = {}


def _atlas(topology: Topology, tolerance: float) -> _Atlas:
    """The atlas of a topology at a tolerance, kept for the process: the page map and the Open Graph image share it."""
    key = (id(topology), tolerance)
    if key not in _ATLASES:
        _ATLASES[key] = _Atlas(topology, tolerance)
    return _ATLASES[key]


def _decode_arcs(topology: Topology, tolerance: float) -> tuple[list[Any], list[bool]]:
    """Split the arcs (one (n, 2) lon/lat array each), simplified to the tolerance in degrees, and flag those crossing 180°.

    A tolerance the basemap stores takes its kept points; another is simplified here, as the stored ones were.
    """
    import numpy as np
    import shapely

    lonlat, sizes = topology.lonlat, np.asarray(topology.sizes)
    kept = topology.kept.get(tolerance)
    if kept is not None:
        lonlat, sizes = lonlat[kept], np.add.reduceat(kept.astype(np.int64), _starts(sizes))
    elif tolerance > 0:
        lines = shapely.simplify(
            shapely.linestrings(lonlat, indices=np.repeat(np.arange(len(sizes)), sizes)), tolerance
        )
        lonlat, sizes = shapely.get_coordinates(lines), shapely.get_num_points(lines)
    starts = _starts(sizes)
    # an arc crosses 180° where two of its points in a row are more than half the globe apart
    steps = (np.abs(np.diff(lonlat[:, 0], prepend=lonlat[0, 0])) > 180.0).astype(np.int64)
    steps[starts] = 0
    return np.split(lonlat, starts[1:]), (np.add.reduceat(steps, starts) > 0).tolist()


def _starts(sizes: Any) -> Any:
    """Where each arc begins in the arcs' points laid end to end."""
    import numpy as np

    return np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)


def _round_pole(atlas: _Atlas, geometry: Mapping[str, Any]) -> list[bool]:
    """Flag the rings of a geometry that run round a pole (longitudes turning a full circle)."""
    return [
        abs(_turn(_ring(atlas.arcs, ring))) > 180.0
        for rings in _parts(geometry)
        for ring in rings[:1]
        if any(atlas.jumps[i if i >= 0 else ~i] for i in ring)
    ]


def _turn(points: Sequence[Point]) -> float:
    import numpy as np

    lon = np.degrees(np.unwrap(np.radians(np.asarray(points)[:, 0])))
    return float(lon[-1] - lon[0])


def _parts(geometry: Mapping[str, Any]) -> list[Any]:
    kind = geometry.get("type")
    return geometry["arcs"] if kind == "MultiPolygon" else [geometry["arcs"]] if kind == "Polygon" else []


def _polygons(atlas: _Atlas, geometry: Mapping[str, Any]) -> list[Any]:
    """Return one TopoJSON polygon geometry as valid planar shapely polygons in lon/lat, -180 to 180.

    world-atlas rings are spherical: a ring may cross the 180° meridian, and Antarctica's runs round the
    south pole with no edge along it. Read as planar rings in longitude and latitude they would be wrong,
    so such a ring is unwrapped, a ring round a pole is closed along it, and the result is cut back into
    -180 to 180. The other polygons, nearly all, are made in one vectorised call.
    """
    import numpy as np
    import shapely

    out: list[Any] = []
    coords: list[Any] = []
    ring_of: list[Any] = []
    part_of: list[int] = []
    for rings in _parts(geometry):
        crossing = any(atlas.jumps[i if i >= 0 else ~i] for ring in rings for i in ring)
        points = [_ring(atlas.arcs, ring) for ring in rings]
        if crossing:
            shell, *holes = (_planar_ring(p) for p in points)
            if len(shell) >= 4:
                out.extend(
                    _polygon_parts(
                        _into_world(shapely.make_valid(shapely.Polygon(shell, [h for h in holes if len(h) >= 4])))
                    )
                )
            continue
        if len(points[0]) < 4:
            continue
        part = part_of[-1] + 1 if part_of else 0
        for ring in (points[0], *(p for p in points[1:] if len(p) >= 4)):
            ring_of.append(np.full(len(ring), len(ring_of)))
            coords.append(ring)
            part_of.append(part)
    if coords:
        linear: Any = shapely.linearrings(np.concatenate(coords), indices=np.concatenate(ring_of))
        polygons: Any = shapely.polygons(linear, indices=np.asarray(part_of))
        invalid = ~shapely.is_valid(polygons)
        polygons[invalid] = shapely.make_valid(polygons[invalid])
        out.extend(p for g in polygons for p in _polygon_parts(g))
    return out


def _planar_ring(points: Any) -> Any:
    """Unwrap a spherical ring's longitudes; close a ring that runs round a pole along that pole (an (n, 2) array)."""
    import numpy as np

    coords = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(coords) < 4:
        return coords
    lon = np.degrees(np.unwrap(np.radians(coords[:, 0])))
    lat = coords[:, 1]
    out = np.column_stack((lon, lat))
    if abs(lon[-1] - lon[0]) > 180.0:
        pole = -90.0 if lat.mean() < 0 else 90.0
        out = np.vstack((out[:-1], [(lon[-1], pole), (lon[0], pole)], out[:1]))
    return out


def _into_world(geometry: Any) -> Any:
    """Cut a geometry whose longitudes run past ±180 into pieces within -180 to 180."""
    import shapely
    from shapely import affinity

    west, _, east, _ = geometry.bounds
    if -180.0 <= west and east <= 180.0:
        return geometry
    pieces = [
        affinity.translate(shapely.clip_by_rect(geometry, -180.0 - k, -90.0, 180.0 - k, 90.0), k)
        for k in (-720.0, -360.0, 0.0, 360.0, 720.0)
    ]
    return shapely.make_valid(shapely.union_all([p for p in pieces if not p.is_empty]))


def _border_lines(arc: Any) -> list[Any]:
    """Split a border arc where it crosses the 180° meridian (a jump of more than half the globe)."""
    import numpy as np

    jumps = np.nonzero(np.abs(np.diff(arc[:, 0])) > 180.0)[0] + 1
    return [piece for piece in np.split(arc, jumps) if len(piece) > 1]


def _region(frame: Frame) -> Any:
    """Return what of the globe the frame can show, in longitudes continuous from the seam (None: all of it)."""
    import numpy as np
    import shapely

    projection = frame.projection
    if projection.kind == "world":
        return None
    cap = min(frame.reach + CAP_MARGIN_DEG, MAX_CAP_DEG)
    seam = projection.seam
    lat0, lon0 = projection.lat0, projection.lon0
    everything = shapely.box(seam, -90, seam + 360, 90)
    if abs(lat0) == 90.0:
        edge = lat0 - math.copysign(cap, lat0)
        return (
            shapely.box(seam, max(edge, -90), seam + 360, 90)
            if lat0 > 0
            else shapely.box(seam, -90, seam + 360, min(edge, 90))
        )
    north = angle_between((lat0, lon0), (90.0, 0.0)) < cap
    south = angle_between((lat0, lon0), (-90.0, 0.0)) < cap
    if north and south:
        # the cap holds both poles: it is the globe less a smaller cap about the antipode, which holds neither
        hole = _circle(-lat0, seam, 180.0 - cap)
        holes = shapely.union(hole, shapely.affinity.translate(hole, 360.0))
        return shapely.difference(everything, holes)
    ring = _circle(lat0, seam + 180.0, cap)
    if not (north or south):
        return ring
    # the cap holds one pole: its edge runs once round the globe; close it along the pole
    coords = shapely.get_coordinates(ring.exterior)[:-1]
    lons = seam + (coords[:, 0] - seam) % 360.0
    order = np.argsort(lons)
    lons, lats = lons[order], coords[order, 1]
    pole = 90.0 if north else -90.0
    outline = [
        (seam, lats[0]),
        *zip(lons.tolist(), lats.tolist()),
        (seam + 360.0, lats[-1]),
        (seam + 360.0, pole),
        (seam, pole),
    ]
    return shapely.make_valid(shapely.Polygon(outline))


def _circle(lat0: float, lon0: float, radius: float) -> Any:
    """Return the small circle `radius` degrees about a point as a polygon, longitudes continuous about lon0."""
    import numpy as np
    import shapely

    bearing = np.radians(np.arange(0.0, 360.0, 0.5))
    d, la, lo = math.radians(radius), math.radians(lat0), math.radians(lon0)
    lat = np.arcsin(np.sin(la) * math.cos(d) + np.cos(la) * math.sin(d) * np.cos(bearing))
    lon = lo + np.arctan2(np.sin(bearing) * math.sin(d) * math.cos(la), math.cos(d) - math.sin(la) * np.sin(lat))
    lon = np.degrees(lon)
    lon = lon0 + (lon - lon0 + 180.0) % 360.0 - 180.0
    return shapely.Polygon(np.column_stack((lon, np.degrees(lat))))


def _cut(geometries: Any, projection: Projection, region: Any) -> Any:
    """Cut lon/lat geometries at the projection's seam, shift the pieces west of it on past 180°, and keep the region."""
    import numpy as np
    import shapely

    seam = projection.seam
    pieces: Any = []  # a list of arrays of geometries, then one array
    if seam < 180.0 - 1e-6:
        pieces.append(shapely.clip_by_rect(geometries, seam + 1e-7, -90, 180, 90))
    if seam > -180.0 + 1e-6:  # a seam on 180° itself leaves nothing west of it to shift
        pieces.append(
            shapely.transform(shapely.clip_by_rect(geometries, -180, -90, seam - 1e-7, 90), lambda c: c + (360.0, 0.0))
        )
    pieces = np.concatenate(pieces)
    pieces = pieces[~shapely.is_empty(pieces)]
    if region is None:
        return pieces
    # pieces wholly inside the region are kept as they are: only those crossing its edge are intersected
    shapely.prepare(region)
    pieces = pieces[shapely.intersects(region, pieces)]
    inside = shapely.contains_properly(region, pieces)
    pieces[~inside] = shapely.intersection(pieces[~inside], region)
    return pieces


def _arc_ids(geometry: Mapping[str, Any]) -> list[int]:
    parts = (
        geometry["arcs"]
        if geometry["type"] == "MultiPolygon"
        else [geometry["arcs"]]
        if geometry["type"] == "Polygon"
        else []
    )
    return [i for rings in parts for ring in rings for i in ring]


def _ring(arcs: Sequence[Any], ids: Sequence[int]) -> Any:
    """Join arcs (negative ids run backwards) into one ring of points, an (n, 2) array."""
    import numpy as np

    pieces = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in ids]
    return np.concatenate([pieces[0], *(p[1:] for p in pieces[1:])]) if pieces else np.zeros((0, 2))


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
    """Points to a tenth of a pixel, as tuples."""
    import numpy as np

    return tuple(map(tuple, np.round(np.asarray(coords, dtype=float).reshape(-1, 2), 1).tolist()))


def _polygon_rings(polygon: Any) -> tuple[Ring, ...]:
    """Return the rings of a polygon, holes wound against the exterior so nonzero filling keeps them."""
    from shapely.geometry.polygon import orient

    polygon = orient(polygon)
    return (_rounded(polygon.exterior.coords), *(_rounded(r.coords) for r in polygon.interiors))


def _label_spots(country: Any, size: Point) -> tuple[Point, ...]:
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
