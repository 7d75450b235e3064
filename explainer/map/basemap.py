"""The basemap as the map reads it: world-atlas TopoJSON decoded once, ahead of the build, into a NumPy archive.

`basemap/countries-50m.npz` holds the TopoJSON's arcs as absolute grid points, its objects (which arcs make
each country and the land), and for each simplification tolerance a map draws at (powers of two degrees,
LEVELS) which of the points Douglas-Peucker keeps, and the land and every country as planar polygons made
from them (geo.py's `_Atlas`), their points stored as indices into the arcs' points. Loading it takes
milliseconds, where parsing the JSON, decoding and simplifying the arcs and joining them into polygons took
several hundred. `scripts/update_basemap.py` writes it from
`countries-50m.json` with `archive.write_basemap`; the archive is deterministic, and a test rebuilds it and compares.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LEVELS = range(-12, 3)  # the stored tolerances are 2 ** level degrees: from a city map to the locator inset and beyond
STAMP = (1980, 1, 1, 0, 0, 0)  # every member of the archive gets this date, so the file depends on its content alone


@dataclass(frozen=True, eq=False)
class Topology:
    """The basemap's arcs in longitude and latitude, its TopoJSON objects, and the points each stored tolerance keeps."""

    objects: Mapping[str, Any]  # TopoJSON objects: countries and land, as geometries of arc ids
    lonlat: Any  # (n, 2) float array: every arc's points, one arc after another
    sizes: tuple[int, ...]  # the number of points of each arc
    kept: Mapping[float, Any]  # tolerance in degrees -> (n,) bool array: the points simplification keeps
    archive: Any = None  # the open archive, read_basemap's: the polygons of a tolerance are read from it when asked for

    def polygons(self, tolerance: float) -> tuple[Any, Any] | None:
        """The land (an array of polygons) and each country (of multipolygons) at a stored tolerance; None at another."""
        import math

        import numpy as np
        import shapely

        level = round(math.log2(tolerance)) if tolerance > 0 else None
        if self.archive is None or level is None or level not in LEVELS or 2.0**level != tolerance:
            return None
        pool = np.concatenate((self.lonlat[self.kept[tolerance]], self.archive[f"extra{level}"]))

        def read(name: str, kind: Any, depth: int) -> Any:
            points = pool[np.cumsum(self.archive[f"{name}{level}"], dtype=np.int64)]
            return shapely.from_ragged_array(
                kind, points, tuple(self.archive[f"{name}{level}_offsets{k}"] for k in range(depth))
            )

        return read("land", shapely.GeometryType.POLYGON, 2), read("countries", shapely.GeometryType.MULTIPOLYGON, 3)


def from_topojson(data: Mapping[str, Any]) -> Topology:
    """Decode a quantized TopoJSON topology and simplify its arcs at every stored tolerance (for the archive and tests)."""
    grid, sizes = _grid(data)
    lonlat = _lonlat(grid, data["transform"])
    return Topology(
        data["objects"], lonlat, tuple(sizes), {2.0**level: _kept(lonlat, sizes, 2.0**level) for level in LEVELS}
    )


def read_basemap(data: bytes) -> Topology:
    """Read the archive's bytes into a Topology; each tolerance's polygons stay in the archive until asked for."""
    import numpy as np

    archive = np.load(io.BytesIO(data), allow_pickle=False)
    sizes = archive["sizes"]
    (sx, sy), (tx, ty) = archive["transform"].tolist()
    lonlat = _lonlat(np.cumsum(archive["grid"], axis=0), {"scale": [sx, sy], "translate": [tx, ty]})
    kept = {
        2.0**level: np.unpackbits(bits, count=int(sizes.sum())).astype(bool)
        for level, bits in zip(archive["levels"].tolist(), archive["kept"])
    }
    return Topology(json.loads(archive["objects"].tobytes()), lonlat, tuple(sizes.tolist()), kept, archive)


def _grid(data: Mapping[str, Any]) -> tuple[Any, list[int]]:
    """The arcs' points as absolute grid positions, undoing TopoJSON's delta encoding arc by arc, and each arc's size."""
    import itertools

    import numpy as np

    sizes = [len(a) for a in data["arcs"]]
    flat = np.array(list(itertools.chain.from_iterable(data["arcs"])), dtype=np.int64)
    starts = np.cumsum([0, *sizes[:-1]])
    # a running sum that restarts at each arc's first point
    total = np.cumsum(flat, axis=0)
    return total - np.repeat(total[starts] - flat[starts], sizes, axis=0), sizes


def _lonlat(grid: Any, transform: Mapping[str, Any]) -> Any:
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    return grid.astype(float) * (sx, sy) + (tx, ty)


def _kept(lonlat: Any, sizes: list[int], tolerance: float) -> Any:
    """Flag the points that shapely's topology-preserving Douglas-Peucker keeps of each arc at a tolerance."""
    import numpy as np
    import shapely

    lines = shapely.simplify(shapely.linestrings(lonlat, indices=np.repeat(np.arange(len(sizes)), sizes)), tolerance)
    kept = np.zeros(len(lonlat), dtype=bool)
    start = 0
    for size, line in zip(sizes, lines):
        points = shapely.get_coordinates(line)
        arc = lonlat[start : start + size]
        # the simplified arc is a subsequence of the arc's points: find each in turn
        at = 0
        for point in points:
            while not (arc[at] == point).all():
                at += 1
            kept[start + at] = True
            at += 1
        start += size
    return kept
