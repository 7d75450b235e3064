"""The map SVG: well-formed, accessible, labels clear of each other, deterministic and cached."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from explainer.errors import Loc
from explainer.language.interface import Interface
from explainer.map import svg as mapsvg
from explainer.map.drawings import BASEMAP, Drawings, map_key
from explainer.map.svg import Box, text_box
from explainer.map.text import map_text
from explainer.model import MapSettings, Place, Route

from .map_gallery import GALLERY
from .sites import SOUTH_ASIA_PLACES

ROOT = Path(__file__).resolve().parent.parent
NS = {"svg": "http://www.w3.org/2000/svg"}
LOC = Loc("site.yaml", 1, 1)
SETTINGS = MapSettings(extent=None, padding=0.08, width=800, height=560)
ENGLISH = map_text(Interface("en"))

LAVROV = [Place(pid, name, lat, lon, LOC) for pid, name, lat, lon in SOUTH_ASIA_PLACES]
ROUTES = [
    Route("lavrov-trip", "Lavrov's trip", ("moscow", "new-delhi", "islamabad"), "visit", LOC),
    Route("pipeline", "Gas pipeline", ("karachi", "lahore"), "bilateral-deals", LOC),
]
PACIFIC = [
    Place("suva", "Suva", -18.1416, 178.4419, LOC),
    Place("apia", "Apia", -13.8333, -171.75, LOC),
    Place("auckland", "Auckland", -36.8485, 174.7633, LOC),
    Place("nuku", "Nukuʻalofa", -21.1394, -175.2049, LOC),
]


def draw(places: list[Place], routes: list[Route], cache_dir: Path | None = None) -> str:
    return Drawings(cache_dir).map_svg(places, routes, SETTINGS, "Places in the story", ENGLISH)


@pytest.fixture(scope="module")
def lavrov_svg() -> str:
    return draw(LAVROV, ROUTES)


def boxes(root: ET.Element) -> tuple[list[Box], list[Box]]:
    """Return the label boxes (estimated as placement does) and marker boxes in an SVG."""
    labels = [
        text_box(
            t.text or "",
            float(t.get("x", 0)),
            float(t.get("y", 0)),
            t.get("text-anchor", "start"),
            float(t.get("font-size", 0)),
            caps=t.get("class") == "ex-map-country-label",
        )
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
        assert not any(label.overlaps(other) for other in labels[i + 1 :])
        assert not any(label.overlaps(marker) for marker in markers)


def svg_part(svg: str) -> ET.Element:
    """The map's <svg> element, without the route key after it."""
    return ET.fromstring(svg[: svg.index("</svg>\n", svg.rindex("</g>")) + len("</svg>")])


def test_svg_is_well_formed_and_accessible(lavrov_svg: str) -> None:
    root = svg_part(lavrov_svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") is None
    assert root.get("aria-labelledby") == "ex-map-title"
    assert root.find("svg:title", NS).text == "Map: Places in the story"  # map_text's title around the explainer's
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
    root = svg_part(lavrov_svg)
    routes = root.findall("svg:g[@class='ex-map-routes']/svg:g[@data-route]", NS)
    assert [(r.get("data-route"), r.get("data-theme")) for r in routes] == [
        ("lavrov-trip", "visit"),
        ("pipeline", "bilateral-deals"),
    ]
    line, arrow = routes[0].findall("svg:path", NS)
    # an arrow at each stop: on the main map where the trip reaches the area the detail inset magnifies, and in
    # the inset (in a group of the route's own) at New Delhi and Islamabad
    assert arrow.get("d").count("z") == 1
    inset = root.find(".//svg:g[@class='ex-map-detail']/svg:g[@data-route='lavrov-trip']", NS)
    assert inset.findall("svg:path", NS)[1].get("d").count("z") == 2
    assert line.get("stroke-dasharray") != routes[1].find("svg:path", NS).get("stroke-dasharray")
    key = ET.fromstring(lavrov_svg[lavrov_svg.index("<ul") :])
    assert [li.get("data-route") for li in key] == ["lavrov-trip", "pipeline"]
    assert ["".join(li.itertext()) for li in key] == ["Lavrov's trip", "Gas pipeline"]


def test_countries_with_places_are_labelled(lavrov_svg: str) -> None:
    labels = {t.text for t in svg_part(lavrov_svg).iterfind(".//svg:text[@class='ex-map-country-label']", NS)}
    assert len({"PAKISTAN", "INDIA", "IRAN", "CHINA", "RUSSIA", "AFGHANISTAN"} & labels) >= 4  # where there is room


def test_lavrov_map_is_small_and_uses_classes_not_colours(lavrov_svg: str) -> None:
    assert len(lavrov_svg.encode()) < 54_000  # an 800 × 560 continental map with its world and detail insets
    assert "fill=" not in lavrov_svg and "stroke=" not in lavrov_svg and "style=" not in lavrov_svg


def test_text_is_escaped() -> None:
    odd = [Place("a-b", 'Fish & <Chips> "Co"', 51.5, -0.12, LOC), Place("c", "C", 48.85, 2.35, LOC)]
    root = svg_part(draw(odd, []))
    assert root.find(".//svg:g[@data-place='a-b']/svg:a/svg:text", NS).text == 'Fish & <Chips> "Co"'


def test_an_editions_untranslated_names_are_marked_anchored_for_their_direction_and_keyed(tmp_path: Path) -> None:
    from dataclasses import replace

    from explainer.model import Untranslated

    urdu = map_text(Interface("ur"))
    english = [replace(p, name=Untranslated(p.name, "en")) if p.id == "tehran" else p for p in LAVROV]
    route = [replace(ROUTES[0], label=Untranslated(ROUTES[0].label, "en"))]
    drawn = Drawings(tmp_path).map_svg(english, route, SETTINGS, Untranslated("The story", "en"), urdu)
    root = svg_part(drawn)
    label = root.find(".//svg:g[@data-place='tehran']/svg:a/svg:text", NS)
    assert (label.get("lang"), label.get("direction"), label.text) == ("en", "ltr", "Tehran")
    plain = Drawings(tmp_path).map_svg(LAVROV, ROUTES[:1], SETTINGS, "The story", urdu)
    same = svg_part(plain).find(".//svg:g[@data-place='tehran']/svg:a/svg:text", NS)
    assert label.get("x") == same.get(
        "x"
    )  # placed alike, but anchored as left-to-right text, where "start" is the left
    assert (label.get("text-anchor"), same.get("text-anchor")) in (("end", "start"), ("start", "end"))
    assert (
        same.get("lang") is None and len(list(tmp_path.glob("map-*.svg"))) == 2
    )  # a key of its own, not the plain map
    title = root.find("svg:title/svg:span", NS)  # a <span> in an inline SVG's title is HTML in the page
    assert (title.get("lang"), title.get("dir"), title.text) == ("en", "ltr", "The story")
    desc = root.find("svg:desc", NS)
    assert [(span.get("lang"), span.get("dir"), span.text) for span in desc.findall("svg:span", NS)] == [
        ("en", "ltr", "Tehran"),
        ("en", "ltr", ROUTES[0].label),
    ]


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
from explainer.language.interface import Interface
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


def route_pieces(root: ET.Element, where: str = ".//") -> list[list[tuple[float, float]]]:
    """Every route line's polylines under `where`, from their absolute path data (M x y L x y ...)."""
    pieces = []
    for path in root.iterfind(f"{where}svg:path[@class='ex-map-route-line']", NS):
        for part in path.get("d", "").split("M")[1:]:
            numbers = [float(n) for n in re.findall(r"-?[\d.]+", part)]
            pieces.append(list(zip(numbers[::2], numbers[1::2])))
    return pieces


def test_a_route_box_crossing_is_found_by_clipping() -> None:
    import numpy as np

    box = np.array([[10.0, 10.0, 20.0, 20.0]])
    segments = np.array(
        [[0, 15, 30, 15], [0, 0, 30, 5], [15, 0, 15, 30], [25, 0, 25, 30], [12, 12, 13, 13], [0, 0, 9, 9]], dtype=float
    )
    assert mapsvg._crossings(box, segments).tolist() == [[True, False, True, False, True, False]]


def test_a_great_circle_across_a_world_maps_seam_leaves_by_one_side_and_enters_by_the_other() -> None:
    places = [
        Place(pid, name, lat, lon, LOC)
        for pid, name, lat, lon in [
            ("london", "London", 51.5072, -0.1276),
            ("nairobi", "Nairobi", -1.2921, 36.8219),
            ("tokyo", "Tokyo", 35.6762, 139.6503),
            ("honolulu", "Honolulu", 21.3099, -157.8581),
            ("sydney", "Sydney", -33.8688, 151.2093),
        ]
    ]
    # the gap in longitude is widest from Honolulu to London, so the seam runs over the Americas, which the
    # great circle from Honolulu to London crosses
    routes = [Route("hop", "The hop", ("honolulu", "london"), "alpha", LOC)]
    root = ET.fromstring(draw(places, routes).split("\n<ul")[0])
    width = float(root.get("width"))
    pieces = route_pieces(root)
    assert len(pieces) == 2
    for piece in pieces:
        assert all(abs(q[0] - p[0]) < width / 4 for p, q in zip(piece, piece[1:]))
    # one piece runs from Honolulu to one edge, the other in from the other edge
    ends = sorted(min(abs(x), abs(x - width)) for piece in pieces for x in (piece[0][0], piece[-1][0]))
    assert ends[0] < width / 4 and ends[1] < width / 4
    straight = ET.fromstring(
        draw(places, [Route("hop", "The hop", ("honolulu", "london"), "alpha", LOC, "straight")]).split("\n<ul")[0]
    )
    assert len(route_pieces(straight)) == 1


def arrowheads(root: ET.Element) -> list[list[tuple[float, float]]]:
    """Every route arrowhead's triangle, from its compact path data (M x y l dx dy dx dy z ...)."""
    heads = []
    for path in root.iterfind(".//svg:path[@class='ex-map-route-arrow']", NS):
        for part in path.get("d", "").split("M")[1:]:
            numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", part)]
            points = [(numbers[0], numbers[1])]
            for dx, dy in zip(numbers[2::2], numbers[3::2]):
                points.append((points[-1][0] + dx, points[-1][1] + dy))
            heads.append(points)
    return heads


# user units a route must pass a label's box by: the label's halo (3 wide, half outside the glyphs) and half the
# route line's width (2), as map.css draws them
ROUTE_CLEARANCE = 1.5 + 1.0


def gallery_svg(name: str) -> ET.Element:
    """The SVG of a gallery story's map, drawn with nothing cached."""
    story = GALLERY[name]
    places = [Place(pid, title, lat, lon, LOC) for pid, title, lat, lon in story.places]
    routes = [Route(rid, label, stops, "alpha", LOC, line) for rid, label, stops, line in story.routes]
    settings = MapSettings(extent=None, padding=0.08, width=story.width, height=story.height)
    return ET.fromstring(Drawings(None).map_svg(places, routes, settings, "Map", ENGLISH).split("\n<ul")[0])


@pytest.mark.parametrize("name", sorted(GALLERY))
def test_labels_keep_clear_of_route_lines_and_arrowheads_in_the_map_and_its_insets(name: str) -> None:
    """Every label, place or country, in the main map or an inset, is clear of every route line and arrowhead."""
    root = gallery_svg(name)
    labels = [
        (
            t.text,
            text_box(
                t.text or "",
                float(t.get("x", 0)),
                float(t.get("y", 0)),
                t.get("text-anchor", "start"),
                float(t.get("font-size", 0)),
                caps=t.get("class") == "ex-map-country-label",
            ),
        )
        for t in root.iterfind(".//svg:text", NS)
        if t.get("class") in ("ex-map-label", "ex-map-country-label")
    ]
    lines = route_pieces(root)
    heads = arrowheads(root)
    assert (lines and heads) or not GALLERY[name].routes
    segments = [(p, q) for piece in lines for p, q in zip(piece, piece[1:])]
    segments += [(p, q) for head in heads for p, q in zip(head, head[1:] + head[:1])]
    for text, box in labels:
        room = Box(
            box.x0 - ROUTE_CLEARANCE, box.y0 - ROUTE_CLEARANCE, box.x1 + ROUTE_CLEARANCE, box.y1 + ROUTE_CLEARANCE
        )
        assert not any(_segment_hits(p, q, room) for p, q in segments), (name, text)


def _segment_hits(p: tuple[float, float], q: tuple[float, float], box: Box) -> bool:
    """Whether the segment p-q passes through the box, sampled every tenth of a pixel."""
    steps = max(1, int(max(abs(q[0] - p[0]), abs(q[1] - p[1])) * 10))
    return any(
        box.x0 < p[0] + (q[0] - p[0]) * i / steps < box.x1 and box.y0 < p[1] + (q[1] - p[1]) * i / steps < box.y1
        for i in range(steps + 1)
    )


def test_detail_inset_false_keeps_the_cluster_on_the_main_map_and_its_own_cache_key(tmp_path: Path) -> None:
    """Islamabad, Lahore, Kabul and New Delhi are nearer than a tap target here: by default they are magnified."""
    off = MapSettings(extent=None, padding=0.08, width=800, height=560, detail_inset=False)
    drawn = Drawings(tmp_path).map_svg(LAVROV, ROUTES, off, "Places in the story", ENGLISH)
    root = svg_part(drawn)
    assert root.find(".//svg:g[@class='ex-map-detail']", NS) is None
    assert "detail inset" not in root.find("svg:desc", NS).text
    assert len(root.findall(".//svg:path[@class='ex-map-leader']", NS)) >= 2  # the crowded labels are set off
    on = svg_part(draw(LAVROV, ROUTES, tmp_path))
    assert on.find(".//svg:g[@class='ex-map-detail']", NS) is not None
    assert (
        "The detail inset, bottom right, shows Islamabad, New Delhi, Kabul and Lahore." in on.find("svg:desc", NS).text
    )
    assert len(list(tmp_path.glob("map-*.svg"))) == 2  # the switch is part of the cache key
