"""Projection choice, framing, insets and land for regions around the world."""

from __future__ import annotations

import math

import pytest

from explainer.errors import Loc
from explainer.map.geo import (
    Frame,
    angle_between,
    centroid,
    choose_projection,
    fit_frame,
    locate_places,
    split_outliers,
)
from explainer.model import MapSettings, Place

LOC = Loc("site.yaml", 1, 1)
SETTINGS = MapSettings(extent=None, padding=0.08, width=800, height=560)


def places(*rows: tuple[str, float, float]) -> list[Place]:
    return [Place(pid, pid.title(), lat, lon, LOC) for pid, lat, lon in rows]


LAVROV = places(
    ("islamabad", 33.6844, 73.0479),
    ("new-delhi", 28.6139, 77.2090),
    ("moscow", 55.7558, 37.6173),
    ("kabul", 34.5553, 69.2075),
    ("karachi", 24.8607, 67.0011),
    ("lahore", 31.5204, 74.3587),
    ("doha", 25.2854, 51.5310),
    ("tehran", 35.6892, 51.3890),
    ("beijing", 39.9042, 116.4074),
    ("washington", 38.9072, -77.0369),
)
EUROPE = places(
    ("paris", 48.8566, 2.3522),
    ("berlin", 52.52, 13.405),
    ("rome", 41.9028, 12.4964),
    ("madrid", 40.4168, -3.7038),
    ("warsaw", 52.2297, 21.0122),
)
PACIFIC = places(
    ("suva", -18.1416, 178.4419),
    ("auckland", -36.8485, 174.7633),
    ("apia", -13.8333, -171.75),
    ("nukualofa", -21.1394, -175.2049),
)


def positions(frame: Frame, group: list[Place]) -> dict[str, tuple[float, float]]:
    return {loc.place.id: loc.at for loc in locate_places(frame, group)[0]}


def km(a: Place, b: Place) -> float:
    return math.radians(angle_between((a.lat, a.lon), (b.lat, b.lon))) * 6371.0


@pytest.mark.parametrize("group", [LAVROV, EUROPE, PACIFIC], ids=["asia", "europe", "pacific"])
def test_frame_fits_places_with_padding_at_output_aspect(group: list[Place]) -> None:
    frame = fit_frame(group, SETTINGS)
    assert (frame.east - frame.west) / (frame.north - frame.south) == pytest.approx(800 / 560)
    inside, _ = split_outliers(group)
    at = positions(frame, group)
    assert set(at) == {p.id for p in inside}
    for x, y in at.values():
        assert 0.05 * 560 < x < 800 - 0.05 * 560 and 0.05 * 560 < y < 560 - 0.05 * 560


def test_far_places_are_outliers_near_ones_are_not() -> None:
    assert [p.id for p in split_outliers(LAVROV)[1]] == ["washington"]
    assert split_outliers(PACIFIC)[1] == []
    new_york = places(("new-york", 40.7128, -74.006))
    assert split_outliers(EUROPE + new_york)[1] == new_york


@pytest.mark.parametrize(
    ("group", "west", "east", "north", "south"),
    [
        (LAVROV, "kabul", "islamabad", "moscow", "karachi"),
        (LAVROV, "tehran", "beijing", "islamabad", "new-delhi"),
        (EUROPE, "madrid", "warsaw", "berlin", "rome"),
        (PACIFIC, "suva", "apia", "suva", "auckland"),
        (PACIFIC, "auckland", "nukualofa", "apia", "nukualofa"),
    ],
)
def test_north_is_up_and_east_is_right(group: list[Place], west: str, east: str, north: str, south: str) -> None:
    at = positions(fit_frame(group, SETTINGS), group)
    assert at[west][0] < at[east][0]
    assert at[north][1] < at[south][1]


@pytest.mark.parametrize("group", [LAVROV, EUROPE, PACIFIC], ids=["asia", "europe", "pacific"])
def test_distances_are_in_proportion(group: list[Place]) -> None:
    frame = fit_frame(group, SETTINGS)
    at = positions(frame, group)
    shown = [p for p in group if p.id in at]
    ratios = [math.dist(at[a.id], at[b.id]) / km(a, b) for i, a in enumerate(shown) for b in shown[i + 1 :]]
    assert max(ratios) / min(ratios) < 1.15


def test_centroid_crosses_the_antimeridian() -> None:
    lat, lon = centroid([(-18.0, 178.0), (-14.0, -172.0)])
    assert lat == pytest.approx(-16.0, abs=0.2)
    assert abs(lon) > 170


def test_extent_overrides_the_fit_across_the_antimeridian() -> None:
    settings = MapSettings(extent=(170.0, -25.0, -165.0, -10.0), padding=0.3, width=800, height=500)
    frame = fit_frame(PACIFIC, settings)
    assert frame.projection.lon0 == pytest.approx(-177.5)
    at = positions(frame, PACIFIC)
    assert set(at) == {"suva", "apia", "nukualofa"}
    for lon, lat in [(170.0, -25.0), (-165.0, -10.0), (170.0, -10.0), (-165.0, -25.0)]:
        x, y = frame.project(lon, lat)
        assert -0.5 <= x <= 800.5 and -0.5 <= y <= 500.5


def test_a_world_extent_is_a_world_map() -> None:
    frame = fit_frame([], MapSettings(extent=(-180.0, -60.0, 180.0, 80.0), padding=0.08, width=800, height=400))
    assert frame.projection.kind == "world"
    for lon, lat in [(139.69, 35.68), (151.21, -33.87), (-58.38, -34.6), (-0.13, 51.5)]:
        assert frame.contains(frame.project(lon, lat))


WORLD = places(
    ("london", 51.507, -0.128),
    ("nairobi", -1.29, 36.82),
    ("tokyo", 35.68, 139.69),
    ("sydney", -33.87, 151.21),
    ("buenos-aires", -34.6, -58.38),
)
ARCTIC = places(
    ("longyearbyen", 78.22, 15.65),
    ("tromso", 69.65, 18.96),
    ("nuuk", 64.18, -51.72),
    ("utqiagvik", 71.29, -156.79),
    ("murmansk", 68.97, 33.08),
)
ANTARCTICA = places(
    ("mcmurdo", -77.85, 166.67), ("pole", -90.0, 0.0), ("palmer", -64.77, -64.05), ("mawson", -67.6, 62.87)
)
POLES = places(("longyearbyen", 78.22, 15.65), ("mcmurdo", -77.85, 166.67))
PARIS = places(("louvre", 48.8606, 2.3376), ("eiffel", 48.8584, 2.2945), ("orly", 48.7262, 2.3652))


@pytest.mark.parametrize(
    ("group", "kind"),
    [
        (PARIS, "local"),
        (EUROPE, "local"),
        (PACIFIC, "continental"),
        (split_outliers(LAVROV)[0], "continental"),
        (WORLD, "world"),
        (POLES, "world"),
        (ARCTIC, "polar"),
        (ANTARCTICA, "polar"),
    ],
    ids=["city", "europe", "pacific-islands", "south-asia", "world", "pole-to-pole", "arctic", "antarctica"],
)
def test_the_projection_suits_the_spread(group: list[Place], kind: str) -> None:
    projection = choose_projection([(p.lat, p.lon) for p in group])
    assert projection.kind == kind
    if kind == "polar":
        assert abs(projection.lat0) == 90.0 and projection.lat0 * group[0].lat > 0
    frame = fit_frame(group, SETTINGS)
    assert set(positions(frame, group)) == {p.id for p in group}


def test_a_world_map_is_cut_where_no_place_is() -> None:
    pacific_wide = places(
        ("honiara", -9.43, 159.95),
        ("suva", -18.14, 178.44),
        ("apia", -13.83, -171.75),
        ("honolulu", 21.31, -157.86),
        ("lima", -12.05, -77.04),
        ("san-francisco", 37.77, -122.42),
    )
    frame = fit_frame(pacific_wide, SETTINGS)
    assert frame.projection.kind in ("world", "continental")
    at = positions(frame, pacific_wide)
    assert set(at) == {p.id for p in pacific_wide}
    assert at["honiara"][0] < at["suva"][0] < at["apia"][0] < at["honolulu"][0] < at["lima"][0]


def test_the_editor_can_force_the_projection() -> None:
    settings = MapSettings(extent=None, padding=0.08, width=800, height=560, projection="equal-earth")
    assert fit_frame(EUROPE, settings).projection.kind == "world"
    polar = MapSettings(extent=None, padding=0.08, width=800, height=560, projection="polar")
    assert fit_frame(EUROPE, polar).projection.lat0 == 90.0


def test_washington_goes_to_the_inset() -> None:
    frame = fit_frame(LAVROV, SETTINGS)
    shown, far = locate_places(frame, LAVROV)
    assert [p.id for p in far] == ["washington"]
    assert len(shown) == 9


def test_scale_bar_only_where_scale_is_nearly_constant() -> None:
    assert fit_frame(EUROPE, SETTINGS).has_scale_bar
    assert fit_frame(PARIS, SETTINGS).has_scale_bar
    assert not fit_frame(WORLD, SETTINGS).has_scale_bar


def test_one_place_gets_a_minimum_frame() -> None:
    frame = fit_frame(places(("suva", -18.1416, 178.4419)), SETTINGS)
    assert frame.east - frame.west >= 25_000
    assert frame.project(178.4419, -18.1416) == pytest.approx((400, 280), abs=0.5)


def test_a_map_centred_on_the_prime_meridian_has_its_seam_on_180() -> None:
    from explainer.map.basemap import read_basemap
    from explainer.map.drawings import BASEMAP
    from explainer.map.geo import shape_basemap

    frame = fit_frame([], MapSettings(extent=(-180.0, -60.0, 180.0, 80.0), padding=0.08, width=400, height=200))
    assert frame.projection.seam == -180.0
    assert shape_basemap(read_basemap(BASEMAP.read_bytes()), frame, {}, lambda name: (0.0, 0.0)).land
