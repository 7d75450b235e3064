"""The basemap archive (explainer/map/basemap.py): what the map reads is what the TopoJSON makes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely

from explainer.map import geo
from explainer.map.archive import write_basemap
from explainer.map.basemap import LEVELS, from_topojson, read_basemap
from explainer.map.drawings import BASEMAP

SOURCE = BASEMAP.with_suffix(".json")


@pytest.fixture(scope="module")
def source():
    return json.loads(SOURCE.read_bytes())


@pytest.fixture(scope="module")
def made(source):
    """The topology decoded from the JSON, with no archive: every polygon is made from the arcs."""
    return from_topojson(source)


def test_the_shipped_archive_is_the_one_its_json_makes(tmp_path: Path, source) -> None:
    written = tmp_path / "countries-50m.npz"
    write_basemap(source, written)
    assert written.read_bytes() == BASEMAP.read_bytes(), "rebuild it: python scripts/update_basemap.py --archive"


@pytest.mark.parametrize("level", [LEVELS[0], -6, LEVELS[-1]])
def test_archived_polygons_are_those_made_from_the_arcs(level: int, made) -> None:
    tolerance = 2.0**level
    archived = geo._Atlas(read_basemap(BASEMAP.read_bytes()), tolerance)
    made = geo._Atlas(made, tolerance)
    assert all(a.shape == b.shape and np.array_equal(a, b) for a, b in zip(archived.arcs, made.arcs))
    assert archived.jumps == made.jumps
    assert shapely.equals_exact(archived.land, made.land, 0).all()
    countries = range(len(made.names))
    assert all(shapely.equals_exact(archived.country(i), made.country(i), 0) for i in countries)


def test_a_tolerance_the_archive_lacks_is_simplified_on_the_spot() -> None:
    topology = read_basemap(BASEMAP.read_bytes())
    tolerance = 2.0 ** (LEVELS[-1] + 1)
    assert topology.polygons(tolerance) is None
    atlas = geo._Atlas(topology, tolerance)
    coarser = geo._Atlas(topology, 2.0 ** LEVELS[-1])
    assert 0 < sum(map(len, atlas.arcs)) <= sum(map(len, coarser.arcs))
    assert shapely.is_valid(atlas.land).all()


def test_a_map_shaped_from_the_archive_is_the_one_shaped_from_the_json(made) -> None:
    from explainer.errors import Loc
    from explainer.model import MapSettings, Place

    loc = Loc("site.yaml", 1, 1)
    places = [
        Place("islamabad", "Islamabad", 33.6844, 73.0479, loc),
        Place("moscow", "Moscow", 55.7558, 37.6173, loc),
        Place("suva", "Suva", -18.1416, 178.4419, loc),
    ]
    frame = geo.fit_frame(places, MapSettings(extent=None, padding=0.08, width=480, height=360))
    points = {p.id: (p.lon, p.lat) for p in places}

    def size(name: str) -> tuple[float, float]:
        return (40.0, 12.0)

    archived = geo.shape_basemap(read_basemap(BASEMAP.read_bytes()), frame, points, size)
    assert archived == geo.shape_basemap(made, frame, points, size)
    assert {c.name for c in archived.countries} >= {"Pakistan", "Russia"}
