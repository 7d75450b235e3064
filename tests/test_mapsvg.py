"""The map SVG: well-formed, accessible, labels clear of each other, deterministic and cached."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import hashlib

import pytest

from explainer.map import svg as mapsvg
from explainer.interface import Interface
from explainer.map.drawings import BASEMAP, Drawings, map_key
from explainer.map.text import map_text
from explainer.errors import Loc
from explainer.map.svg import Box, text_box
from explainer.model import MapSettings, Place, Route

ROOT = Path(__file__).resolve().parent.parent
NS = {"svg": "http://www.w3.org/2000/svg"}
LOC = Loc("site.yaml", 1, 1)
SETTINGS = MapSettings(extent=None, padding=0.08, width=800, height=560)
ENGLISH = map_text(Interface("en"))

LAVROV = [
    Place(pid, name, lat, lon, LOC)
    for pid, name, lat, lon in [
        ("islamabad", "Islamabad", 33.6844, 73.0479), ("new-delhi", "New Delhi", 28.6139, 77.2090),
        ("moscow", "Moscow", 55.7558, 37.6173), ("kabul", "Kabul", 34.5553, 69.2075),
        ("karachi", "Karachi", 24.8607, 67.0011), ("lahore", "Lahore", 31.5204, 74.3587),
        ("doha", "Doha", 25.2854, 51.5310), ("tehran", "Tehran", 35.6892, 51.3890),
        ("beijing", "Beijing", 39.9042, 116.4074), ("washington", "Washington, D.C.", 38.9072, -77.0369),
    ]
]
ROUTES = [
    Route("lavrov-trip", "Lavrov's trip", ("moscow", "new-delhi", "islamabad"), "visit", LOC),
    Route("pipeline", "Gas pipeline", ("karachi", "lahore"), "bilateral-deals", LOC),
]
PACIFIC = [
    Place("suva", "Suva", -18.1416, 178.4419, LOC), Place("apia", "Apia", -13.8333, -171.75, LOC),
    Place("auckland", "Auckland", -36.8485, 174.7633, LOC), Place("nuku", "Nukuʻalofa", -21.1394, -175.2049, LOC),
]


def draw(places: list[Place], routes: list[Route], cache_dir: Path | None = None) -> str:
    return Drawings(cache_dir).map_svg(places, routes, SETTINGS, "Places in the story", ENGLISH)


@pytest.fixture(scope="module")
def lavrov_svg() -> str:
    return draw(LAVROV, ROUTES)


def boxes(root: ET.Element) -> tuple[list[Box], list[Box]]:
    """Return the label boxes (estimated as placement does) and marker boxes in an SVG."""
    labels = [
        text_box(t.text or "", float(t.get("x", 0)), float(t.get("y", 0)), t.get("text-anchor", "start"),
                 float(t.get("font-size", 0)), caps=t.get("class") == "ex-map-country-label")
        for t in root.iterfind(".//svg:text", NS)
    ]
    markers = []
    for circle in root.iterfind(".//svg:circle[@class='ex-map-marker']", NS):
        x, y, r = (float(circle.get(k, 0)) for k in ("cx", "cy", "r"))
        markers.append(Box(x - r, y - r, x + r, y + r))
    return labels, markers


@pytest.mark.parametrize("which", ["lavrov", "pacific"])
def test_labels_overlap_no_label_marker_or_frame_edge(which: str, lavrov_svg: str) -> None:
    svg = lavrov_svg if which == "lavrov" else draw(PACIFIC, [])
    labels, markers = boxes(svg_part(svg))
    assert len(labels) >= (14 if which == "lavrov" else 4)
    for i, label in enumerate(labels):
        assert label.within(800, 560, 0)
        assert not any(label.overlaps(other) for other in labels[i + 1:])
        assert not any(label.overlaps(marker) for marker in markers)


def svg_part(svg: str) -> ET.Element:
    """The map's <svg> element, without the route key after it."""
    return ET.fromstring(svg[: svg.index("</svg>\n", svg.rindex("</g>")) + len("</svg>")])


def test_svg_is_well_formed_and_accessible(lavrov_svg: str) -> None:
    root = svg_part(lavrov_svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") is None
    assert root.get("aria-labelledby") == "ex-map-title"
    assert root.find("svg:title", NS).text == "Places in the story"
    assert "Moscow → New Delhi → Islamabad" in root.find("svg:desc", NS).text
    groups = root.findall(".//svg:g[@data-place]", NS)
    assert sorted(g.get("data-place") for g in groups) == sorted(p.id for p in LAVROV)
    for group in groups:
        place = next(p for p in LAVROV if p.id == group.get("data-place"))
        link = group.find("svg:a", NS)
        assert link.get("href") == f"#place-{place.id}"
        assert place.name in link.find("svg:text", NS).text
        hit = link.find("svg:circle[@class='ex-map-hit']", NS)
        assert 2 * float(hit.get("r")) * 320 / 800 >= 24  # CSS px where the map is drawn narrowest


def test_washington_is_in_the_locator_inset(lavrov_svg: str) -> None:
    root = svg_part(lavrov_svg)
    group = root.find(".//svg:g[@data-place='washington']", NS)
    assert group.get("class") == "ex-map-place ex-map-inset-place"
    assert root.find(".//svg:g[@class='ex-map-inset']", NS) is not None
    assert "inset" in root.find("svg:desc", NS).text and "Washington, D.C." in root.find("svg:desc", NS).text
    assert root.find(".//svg:path[@class='ex-map-inset-outline']", NS) is not None


def test_routes_differ_by_dash_have_arrows_and_a_key(lavrov_svg: str) -> None:
    routes = svg_part(lavrov_svg).findall(".//svg:g[@data-route]", NS)
    assert [(r.get("data-route"), r.get("data-theme")) for r in routes] == [
        ("lavrov-trip", "visit"), ("pipeline", "bilateral-deals"),
    ]
    line, arrow = routes[0].findall("svg:path", NS)
    assert arrow.get("d").count("z") == 2
    assert line.get("stroke-dasharray") != routes[1].find("svg:path", NS).get("stroke-dasharray")
    key = ET.fromstring(lavrov_svg[lavrov_svg.index("<ul"):])
    assert [li.get("data-route") for li in key] == ["lavrov-trip", "pipeline"]
    assert ["".join(li.itertext()) for li in key] == ["Lavrov's trip", "Gas pipeline"]


def test_countries_with_places_are_labelled(lavrov_svg: str) -> None:
    labels = {t.text for t in svg_part(lavrov_svg).iterfind(".//svg:text[@class='ex-map-country-label']", NS)}
    assert len({"PAKISTAN", "INDIA", "IRAN", "CHINA", "RUSSIA", "AFGHANISTAN"} & labels) >= 4  # where there is room


def test_lavrov_map_is_small_and_uses_classes_not_colours(lavrov_svg: str) -> None:
    assert len(lavrov_svg.encode()) < 50_000  # an 800 × 560 continental map with its world inset
    assert "fill=" not in lavrov_svg and "stroke=" not in lavrov_svg and "style=" not in lavrov_svg


def test_text_is_escaped() -> None:
    odd = [Place("a-b", 'Fish & <Chips> "Co"', 51.5, -0.12, LOC), Place("c", "C", 48.85, 2.35, LOC)]
    root = svg_part(draw(odd, []))
    assert root.find(".//svg:g[@data-place='a-b']/svg:a/svg:text", NS).text == 'Fish & <Chips> "Co"'


def test_output_is_deterministic(lavrov_svg: str) -> None:
    assert draw(LAVROV, ROUTES) == lavrov_svg


def test_cache_is_reused_and_keyed_by_inputs(tmp_path: Path, lavrov_svg: str, monkeypatch) -> None:
    assert draw(LAVROV, ROUTES, tmp_path) == lavrov_svg
    (cached,) = tmp_path.glob("map-*.svg")
    monkeypatch.setattr(mapsvg, "draw_map", lambda *args: pytest.fail("redrawn despite the cache"))
    assert draw(LAVROV, ROUTES, tmp_path) == lavrov_svg
    digest = hashlib.sha256(BASEMAP.read_bytes()).hexdigest()
    key = map_key(LAVROV, ROUTES, SETTINGS, "Places in the story", digest, ENGLISH)
    assert cached.name == f"map-{key}.svg"
    assert map_key(LAVROV, ROUTES[:1], SETTINGS, "Places in the story", digest, ENGLISH) != key
    assert map_key(LAVROV, ROUTES, SETTINGS, "Places in the story", "another basemap", ENGLISH) != key


def test_a_cached_map_loads_no_drawing_code(tmp_path: Path) -> None:
    script = f"""
import sys
from pathlib import Path
sys.path.insert(0, {str(ROOT)!r})
from explainer.errors import Loc
from explainer.interface import Interface
from explainer.map.drawings import Drawings
from explainer.map.text import map_text
from explainer.model import MapSettings, Place
places = [Place("a", "A", 51.5, -0.12, Loc("x")), Place("b", "B", 48.85, 2.35, Loc("x"))]
def draw():
    return Drawings(Path({str(tmp_path)!r})).map_svg(places, [], MapSettings(None, 0.1, 400, 300), "T", map_text(Interface("en")))
if sys.argv[1] == "cached":
    draw()
    print(sorted({{"numpy", "pyproj", "shapely", "explainer.map.geo", "explainer.map.svg"}} & set(sys.modules)))
else:
    draw()
"""
    run = [sys.executable, "-c", script]
    subprocess.run([*run, "fresh"], check=True)
    assert subprocess.run([*run, "cached"], check=True, capture_output=True, text=True).stdout.strip() == "[]"
