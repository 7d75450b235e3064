"""Writing basemap/countries-50m.npz: the TopoJSON decoded and simplified (basemap.py), with the land and country
polygons geo.py's atlas makes of it at every stored tolerance. Only scripts/update_basemap.py and the tests write it."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .basemap import LEVELS, STAMP, _grid, from_topojson
from .geo import _Atlas


def write_basemap(data: Mapping[str, Any], path: Path) -> None:
    """Write the archive for a TopoJSON topology: the same bytes for the same topology and libraries."""
    import numpy as np
    import shapely

    topology = from_topojson(data)
    grid, sizes = _grid(data)
    (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
    arrays = {
        "grid": np.diff(grid, axis=0, prepend=0).astype(np.int32),  # steps from point to point, which deflate well
        "sizes": np.asarray(sizes, dtype=np.int32),
        "transform": np.array([[sx, sy], [tx, ty]], dtype=float),
        "levels": np.array(list(LEVELS), dtype=np.int8),
        "kept": np.array([np.packbits(topology.kept[2.0**level]) for level in LEVELS]),
        "objects": np.frombuffer(
            json.dumps(data["objects"], sort_keys=True, separators=(",", ":")).encode(), dtype=np.uint8
        ),
    }
    for level in LEVELS:
        atlas = _Atlas(topology, 2.0**level)
        kept = topology.lonlat[topology.kept[2.0**level]]
        points = {point: n for n, point in reversed(list(enumerate(map(tuple, kept.tolist()))))}
        countries = np.array([atlas.country(i) for i in range(len(atlas.names))])
        extra: dict[tuple[float, float], int] = {}

        def locate(point: tuple[float, float]) -> int:
            """A point's index among the arcs' points the level keeps, or after them among the points the polygons added."""
            found = points.get(point)
            return found if found is not None else extra.setdefault(point, len(kept) + len(extra))

        for name, geometries in (("land", atlas.land), ("countries", countries)):
            _, coords, offsets = shapely.to_ragged_array(geometries)
            index = np.array([locate(p) for p in map(tuple, coords.tolist())], dtype=np.int64)
            arrays[f"{name}{level}"] = np.diff(index, prepend=0).astype(np.int32)  # small steps, which deflate well
            for n, offset in enumerate(offsets):
                arrays[f"{name}{level}_offsets{n}"] = offset.astype(np.int32)
        arrays[f"extra{level}"] = np.array(list(extra), dtype=float).reshape(-1, 2)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, member.getvalue())
    path.write_bytes(out.getvalue())
