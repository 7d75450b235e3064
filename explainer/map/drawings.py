"""The map and the Open Graph image of one build, reused from the cache folder while their inputs are unchanged.

The drawing code (mapsvg, ogimage, and through them geo, numpy, pyproj, shapely and
Pillow) is imported only when something must be drawn, so a build that finds both
drawings in the cache never loads it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..model import MapSettings, Place, Route, Site

BASEMAP = Path(__file__).resolve().parents[2] / "basemap" / "countries-50m.json"
MAP_VERSION = "2"  # bump when mapsvg.py draws differently, to invalidate cached maps
OG_VERSION = "2"  # bump when ogimage.py draws differently, to invalidate cached images
MAP_LIBRARIES = ("numpy", "pyproj", "shapely")  # their versions are part of the map's key


class Drawings:
    """Draws, or finds in `cache_dir` (None: always draws), the build's map and Open Graph image; reads the basemap once.

    With `store` false (`build.py check`) a drawing is read from the cache but a new one is not kept there.
    """

    def __init__(self, cache_dir: Path | None, basemap: Path = BASEMAP, store: bool = True) -> None:
        self.cache_dir = cache_dir
        self.basemap = basemap
        self.store = store

    @functools.cached_property
    def _basemap_bytes(self) -> bytes:
        return self.basemap.read_bytes()

    @functools.cached_property
    def _basemap_digest(self) -> str:
        return hashlib.sha256(self._basemap_bytes).hexdigest()

    @functools.cached_property
    def _topology(self) -> Any:
        return json.loads(self._basemap_bytes)

    def map_svg(self, places: Sequence[Place], routes: Sequence[Route], settings: MapSettings, title: str, language: str = "en") -> str:
        """The map as an <svg> element, kept as cache_dir/map-<key>.svg."""

        def draw() -> bytes:
            from .svg import draw_map

            return draw_map(places, routes, settings, title, self._topology, language).encode("utf-8")

        key = map_key(places, routes, settings, title, self._basemap_digest, language)
        return self._reuse(f"map-{key}.svg", draw).decode("utf-8")

    def og_png(self, site: Site) -> bytes:
        """The Open Graph image as PNG, kept as cache_dir/og-<key>.png."""

        def draw() -> bytes:
            from .ogimage import draw_og_image

            return draw_og_image(site, self._topology)

        return self._reuse(f"og-{og_key(site, self._basemap_digest)}.png", draw)

    def _reuse(self, name: str, draw: Callable[[], bytes]) -> bytes:
        """The cached file `name` if there is one, else `draw()`, stored under that name (written whole, then renamed)."""
        if self.cache_dir is None:
            return draw()
        path = self.cache_dir / name
        if path.exists():
            return path.read_bytes()
        data = draw()
        if not self.store:
            return data
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return data


def map_key(places: Sequence[Place], routes: Sequence[Route], settings: MapSettings, title: str, basemap_digest: str, language: str = "en") -> str:
    """Hash everything the map depends on."""
    inputs = {
        "version": MAP_VERSION,
        "libraries": [library_version(name) for name in MAP_LIBRARIES],
        "places": [[p.id, p.name, p.lat, p.lon] for p in places],
        "routes": [[r.id, r.label, list(r.places), r.theme, r.line] for r in routes],
        "settings": [settings.extent, settings.padding, settings.width, settings.height, settings.projection],
        "title": title,
        "language": language,
        "basemap": basemap_digest,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:20]


def og_key(site: Site, basemap_digest: str) -> str:
    """Hash everything the image depends on: its map's inputs, the texts, and Pillow's version."""
    inputs = {
        "version": OG_VERSION,
        "pillow": library_version("Pillow"),
        "map": map_key(site.places, site.routes, site.map, site.title, basemap_digest),
        "kicker": "Explainer",
        "byline": site.byline,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:20]


def library_version(name: str) -> str:
    """An installed library's version, from its .dist-info folder's name: importlib.metadata takes longer to import than a build."""
    return _installed().get(name.lower().replace("-", "_"), "missing")


@functools.cache
def _installed() -> dict[str, str]:
    """Version by lower-case distribution name, from the .dist-info folders on sys.path; listed once, the first found wins."""
    versions: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for entry in names:
            if entry.endswith(".dist-info") and "-" in entry:
                distribution, _, version = entry[: -len(".dist-info")].partition("-")
                versions.setdefault(distribution.lower(), version)
    return versions
