"""The map gallery (tests/map_gallery.py): every story builds, shows every place, paints land and water right, and reads.

Each gallery site is built once for the module; one Chromium (the session's) measures the built pages.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path

import pytest

from explainer.cli import main
from explainer.errors import Loc
from explainer.map import OG_HEIGHT, OG_WIDTH
from explainer.map.basemap import read_basemap
from explainer.map.drawings import BASEMAP
from explainer.map.geo import fit_frame, land_at, locate_places
from explainer.map.ogimage import COLOURS, PANEL, og_detail
from explainer.map.svg import Box
from explainer.model import MapSettings, Place

from .browser import serve_folder
from .map_gallery import CLUSTERS, CROWDED, GALLERY, Story, gallery_site

NS = {"svg": "http://www.w3.org/2000/svg"}
NAMES = list(GALLERY)
GRID = (16, 12)  # sample points across the frame
COAST_PX = 4.0  # a sample point this near a coast (in pixels) is not judged: simplification moves coasts slightly
MIN_LABEL_PX = 11.0


@pytest.fixture(scope="module")
def gallery(tmp_path_factory) -> dict[str, Path]:
    """Every gallery story written and built once; name -> built site folder."""
    built = {}
    for name, story in GALLERY.items():
        root = gallery_site(tmp_path_factory.mktemp(name) / "site", story)
        out = root.parent / "_site"
        assert main(["--project", str(root), "--out", str(out), "--strict"]) == 0, name
        built[name] = out
    return built


@pytest.fixture(scope="module")
def topology():
    return read_basemap(BASEMAP.read_bytes())


@pytest.fixture(scope="module")
def gallery_url(gallery):
    """All gallery sites served from one loopback server, each under its own name."""
    root = next(iter(gallery.values())).parent.parent.parent
    with serve_folder(root) as url:
        yield {name: f"{url}{out.relative_to(root).as_posix()}/" for name, out in gallery.items()}


def places_of(story: Story) -> list[Place]:
    return [Place(pid, name, lat, lon, Loc("site.yaml", 1, 1)) for pid, name, lat, lon in story.places]


def settings_of(story: Story) -> MapSettings:
    return MapSettings(extent=None, padding=0.08, width=story.width, height=story.height)


def map_svg(site: Path) -> ET.Element:
    html = (site / "index.html").read_text(encoding="utf-8")
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="ex-map"')
    end = html.index("</svg>\n", html.index('<g class="ex-map-places">', start)) + len("</svg>")
    return ET.fromstring(html[start:end])


def sample_points(story: Story, topology, width: int, height: int):
    """Pixels across the frame with the basemap's answer there, leaving out those near a coast; (x, y, land)."""
    import numpy as np
    from pyproj import Transformer

    frame = fit_frame(places_of(story), settings_of(story), width, height)
    back = Transformer.from_crs(frame.projection.crs, "EPSG:4326", always_xy=True)
    gx, gy = np.meshgrid((np.arange(GRID[0]) + 0.5) * width / GRID[0], (np.arange(GRID[1]) + 0.5) * height / GRID[1])
    x, y = gx.ravel(), gy.ravel()
    answers = []
    for dx, dy in ((0, 0), (COAST_PX, 0), (-COAST_PX, 0), (0, COAST_PX), (0, -COAST_PX)):
        lon, lat = back.transform(frame.west + (x + dx) / frame.scale, frame.north - (y + dy) / frame.scale)
        known = np.isfinite(lon) & np.isfinite(lat)
        land = land_at(topology, np.where(known, lon, 0.0), np.where(known, lat, 0.0))
        answers.append(np.where(known, land.astype(int), -1))
    answers = np.array(answers)
    clear = (answers == answers[0]).all(axis=0) & (answers[0] >= 0)
    return [(float(px), float(py), bool(a)) for px, py, a, keep in zip(x, y, answers[0], clear) if keep]


@pytest.mark.parametrize("name", NAMES)
def test_every_place_is_a_marker_inside_the_map(name: str, gallery) -> None:
    root = map_svg(gallery[name])
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    markers = {}
    for group in root.iterfind(".//svg:g[@data-place]", NS):
        circle = group.find(".//svg:circle[@class='ex-map-marker']", NS)
        markers[group.get("data-place")] = (float(circle.get("cx")), float(circle.get("cy")))
    assert set(markers) == {pid for pid, *_ in GALLERY[name].places}
    for x, y in markers.values():
        assert 0 < x < width and 0 < y < height
    desc = root.find("svg:desc", NS).text
    for group in root.iterfind(".//svg:g[@class='ex-map-place ex-map-inset-place']", NS):
        name_in_inset = next(n for pid, n, *_ in GALLERY[name].places if pid == group.get("data-place"))
        assert "inset" in desc and name_in_inset in desc.split("inset")[1]


@pytest.mark.parametrize("name", NAMES)
def test_land_and_water_are_painted_where_they_are(name: str, gallery_url, browser, topology) -> None:
    story = GALLERY[name]
    points = sample_points(story, topology, story.width, story.height)
    assert (
        sum(1 for *_, land in points if land)
        and len(points) > GRID[0] * GRID[1] / 3
        or name in ("city", "single-place")
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(gallery_url[name])
        painted = page.evaluate(
            """(points) => {
              const svg = document.querySelector('svg.ex-map');
              const land = svg.querySelector(':scope > path.ex-map-land');
              const insets = [...svg.querySelectorAll('.ex-map-inset-frame')].map(r => r.getBBox());
              return points.map(([x, y]) => {
                if (insets.some(b => x >= b.x - 2 && x <= b.x + b.width + 2 && y >= b.y - 2 && y <= b.y + b.height + 2)) return null;
                return land.isPointInFill(new DOMPoint(x, y));
              });
            }""",
            [[x, y] for x, y, _ in points],
        )
    finally:
        page.close()
    wrong = [
        (round(x), round(y), land) for (x, y, land), got in zip(points, painted) if got is not None and got != land
    ]
    assert not wrong, f"{name}: painted the other way at (x, y, basemap says land): {wrong}"


@pytest.mark.parametrize("name", NAMES)
def test_og_image_paints_land_and_water(name: str, gallery, topology) -> None:
    from PIL import Image

    story = GALLERY[name]
    image = Image.open(BytesIO((gallery[name] / "og.png").read_bytes())).convert("RGB")
    width, height = (OG_WIDTH - PANEL) * 2, OG_HEIGHT * 2
    land, water = (tuple(int(COLOURS[k][i : i + 2], 16) for i in (1, 3, 5)) for k in ("land", "water"))
    frame = fit_frame(places_of(story), settings_of(story), width, height)
    inset = og_detail(places_of(story), settings_of(story), frame, locate_places(frame, places_of(story))[0])
    assert (inset is not None) == (name in CLUSTERS)
    wrong = []
    for x, y, is_land in sample_points(story, topology, width, height):
        if inset is not None and inset.box.overlaps(Box(x, y, x, y), 4.0):
            continue  # the detail inset's own map
        colour = image.getpixel((PANEL + int(x / 2), int(y / 2)))
        if colour in (land, water) and (colour == land) != is_land:
            wrong.append((round(x / 2), round(y / 2), is_land))
    assert not wrong, f"{name}: og.png painted the other way at {wrong}"


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", NAMES)
def test_labels_read_and_never_collide(name: str, width: int, gallery_url, browser) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(gallery_url[name])
        measured = page.evaluate(
            """() => {
              const svg = document.querySelector('svg.ex-map');
              const scale = svg.getScreenCTM().a;
              const box = r => [r.left, r.top, r.right, r.bottom];
              const texts = [...svg.querySelectorAll('text')];
              return {
                frame: box(svg.getBoundingClientRect()),
                labels: texts.map(t => ({text: t.textContent, box: box(t.getBoundingClientRect()),
                                        px: parseFloat(getComputedStyle(t).fontSize) * scale})),
                markers: [...svg.querySelectorAll('circle.ex-map-marker')].map(c => box(c.getBoundingClientRect())),
                taps: [...svg.querySelectorAll('a.ex-map-link')].map(a => box(a.querySelector('.ex-map-hit').getBoundingClientRect())),
              };
            }"""
        )
    finally:
        page.close()
    labels = measured["labels"]
    assert labels, name
    for label in labels:
        assert label["px"] >= MIN_LABEL_PX, f"{label['text']} is {label['px']:.1f} px at {width}"
    fx0, fy0, fx1, fy1 = measured["frame"]
    slack = 1.0  # px: glyph boxes are a little taller than the placement's estimate

    def overlap(a, b):
        return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack

    for i, label in enumerate(labels):
        x0, y0, x1, y1 = label["box"]
        assert x0 >= fx0 - slack and y0 >= fy0 - slack and x1 <= fx1 + slack and y1 <= fy1 + slack, label["text"]
        for other in labels[i + 1 :]:
            assert not overlap(label["box"], other["box"]), f"{label['text']} overlaps {other['text']} at {width}"
        for marker in measured["markers"]:
            assert not overlap(label["box"], marker), f"{label['text']} covers a marker at {width}"
    for x0, y0, x1, y1 in measured["taps"]:
        assert x1 - x0 >= 24 - 0.01 and y1 - y0 >= 24 - 0.01


def detail_inset(root: ET.Element) -> tuple[float, float, float, float]:
    """The detail inset's frame in the map's units: x0, y0, x1, y1."""
    rect = root.find(".//svg:g[@class='ex-map-detail']/svg:rect[@class='ex-map-inset-frame']", NS)
    x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
    return x, y, x + w, y + h


@pytest.mark.parametrize("name", list(CROWDED))
def test_a_second_cluster_stays_on_the_main_map_with_leader_lined_labels(name: str, gallery) -> None:
    root = map_svg(gallery[name])
    x0, y0, x1, y1 = detail_inset(root)
    for pid in sorted(CROWDED[name]):
        group = root.find(f".//svg:g[@data-place='{pid}']", NS)
        circle = group.find(".//svg:circle[@class='ex-map-marker']", NS)
        assert not (x0 < float(circle.get("cx")) < x1 and y0 < float(circle.get("cy")) < y1), pid
        assert group.find(".//svg:path[@class='ex-map-leader']", NS) is not None, pid


@pytest.mark.parametrize("name", list(CLUSTERS))
def test_a_tight_cluster_is_drawn_in_the_detail_inset_and_named_in_the_desc(name: str, gallery) -> None:
    root = map_svg(gallery[name])
    x0, y0, x1, y1 = detail_inset(root)
    inside = set()
    for group in root.iterfind(".//svg:g[@data-place]", NS):
        circle = group.find(".//svg:circle[@class='ex-map-marker']", NS)
        x, y = float(circle.get("cx")), float(circle.get("cy"))
        if x0 < x < x1 and y0 < y < y1:
            inside.add(group.get("data-place"))
        assert group.get("class") in ("ex-map-place", "ex-map-place ex-map-inset-place")
    assert inside == CLUSTERS[name]
    # one marker per place: the cluster is drawn in the inset only, its area outlined on the main map
    assert len(root.findall(".//svg:g[@data-place]", NS)) == len(GALLERY[name].places)
    assert root.find(".//svg:g[@class='ex-map-detail']/svg:path[@class='ex-map-detail-area']", NS) is not None
    desc = root.find("svg:desc", NS).text
    after = desc.split("The detail inset, ")[1].split(".")[0]
    assert all(n in after for pid, n, *_ in GALLERY[name].places if pid in CLUSTERS[name])
    assert not any(n in after for pid, n, *_ in GALLERY[name].places if pid not in CLUSTERS[name])


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", list(CLUSTERS))
def test_the_detail_inset_sets_its_markers_apart_and_covers_nothing(
    name: str, width: int, gallery_url, browser
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(gallery_url[name])
        measured = page.evaluate(
            """() => {
              const svg = document.querySelector('svg.ex-map');
              const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
              const detail = svg.querySelector('.ex-map-detail .ex-map-inset-frame');
              return {
                detail: box(detail),
                others: [...svg.querySelectorAll('.ex-map-inset .ex-map-inset-frame, .ex-map-scale')].map(box),
                places: [...svg.querySelectorAll('g[data-place]')].map(g => ({
                  id: g.dataset.place, marker: box(g.querySelector('.ex-map-marker')), label: box(g.querySelector('text'))})),
              };
            }"""
        )
    finally:
        page.close()
    dx0, dy0, dx1, dy1 = measured["detail"]

    def overlap(a, b):
        return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])

    centres = {
        p["id"]: ((p["marker"][0] + p["marker"][2]) / 2, (p["marker"][1] + p["marker"][3]) / 2)
        for p in measured["places"]
    }
    cluster = sorted(CLUSTERS[name])
    for i, a in enumerate(cluster):
        for b in cluster[i + 1 :]:
            gap = ((centres[a][0] - centres[b][0]) ** 2 + (centres[a][1] - centres[b][1]) ** 2) ** 0.5
            assert gap >= 24, f"{a} and {b} are {gap:.1f} px apart at {width}"
    for place in measured["places"]:
        x0, y0, x1, y1 = place["label"]
        if place["id"] in CLUSTERS[name]:
            assert dx0 <= x0 and dy0 <= y0 and x1 <= dx1 and y1 <= dy1, f"{place['id']}'s label leaves the inset"
        else:
            assert not overlap(place["label"], measured["detail"]), f"the inset covers {place['id']}'s label"
            assert not overlap(place["marker"], measured["detail"]), f"the inset covers {place['id']}"
    for other in measured["others"]:
        assert not overlap(other, measured["detail"]), f"the inset covers another inset or the scale bar at {width}"


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", list(CLUSTERS))
def test_a_place_link_highlights_its_marker_in_the_detail_inset(name: str, width: int, gallery_url, browser) -> None:
    """On a phone a tapped place link lights its place and brings the map into view; beside the map, hovering it does."""
    place = sorted(CLUSTERS[name])[0]
    marker = f"#map g[data-place='{place}'] .ex-map-marker"
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(gallery_url[name])
        link = page.locator(f"section [data-place-link='{place}']").first
        if width < 600:
            # activated as a tap does, without a pointer: a pointer left over the text hovers what scrolls under it
            link.scroll_into_view_if_needed()
            link.evaluate("el => el.click()")
            # the map scrolls into view, the lit marker with it
            page.wait_for_function(
                f'(r => r.top >= 0 && r.bottom <= innerHeight)(document.querySelector("{marker}").getBoundingClientRect())'
            )
        else:
            link.hover()
        page.wait_for_function(
            f"document.querySelector(\"{marker}\").closest('g').classList.contains('is-highlighted')"
        )
        lit = page.eval_on_selector_all("#map g[data-place].is-highlighted", "els => els.map(e => e.dataset.place)")
        (mx0, my0, mx1, my1), (ix0, iy0, ix1, iy1) = page.evaluate(
            f"""() => [document.querySelector("{marker}"), document.querySelector('#map .ex-map-detail .ex-map-inset-frame')]
                .map(el => el.getBoundingClientRect()).map(r => [r.left, r.top, r.right, r.bottom])"""
        )
    finally:
        page.close()
    assert lit == [place]
    assert ix0 < mx0 < mx1 < ix1 and iy0 < my0 < my1 < iy1
    assert 0 <= my0 < my1 <= 900
