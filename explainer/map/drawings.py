"""The map and the Open Graph image of one build, reused from the cache folder while their inputs are unchanged.

The drawing code (mapsvg, ogimage, and through them geo, numpy, pyproj, shapely and
Pillow) is imported only when something must be drawn, so a build that finds both
drawings in the cache never loads it.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..language.interface import Interface
from ..model import MapSettings, Place, Route, Site, Untranslated
from .text import MapText

BASEMAP = Path(__file__).resolve().parents[2] / "basemap" / "countries-50m.npz"  # basemap.py's archive of the TopoJSON
MAP_VERSION = "8"  # bump when mapsvg.py draws differently, to invalidate cached maps
OG_VERSION = "6"  # bump when ogimage.py draws differently, to invalidate cached images
MAP_LIBRARIES = ("Babel", "numpy", "pyproj", "shapely")  # their versions are part of the map's key


class Drawings:
    """Draws, or finds in `cache_dir` (None: always draws), the build's map and Open Graph image; reads the basemap once.

    With `store` false (`build.py check`) a drawing is read from the cache but a new one is not kept there.
    """

    def __init__(self, cache_dir: Path | None, basemap: Path = BASEMAP, store: bool = True) -> None:
        self.cache_dir = cache_dir
        self.basemap = basemap
        self.store = store
        self.used: set[str] = set()  # the cache files this build used

    @functools.cached_property
    def _basemap_bytes(self) -> bytes:
        return self.basemap.read_bytes()

    @functools.cached_property
    def _basemap_digest(self) -> str:
        return hashlib.sha256(self._basemap_bytes).hexdigest()

    @functools.cached_property
    def _topology(self) -> Any:
        from .basemap import read_basemap

        return read_basemap(self._basemap_bytes)

    def map_svg(
        self, places: Sequence[Place], routes: Sequence[Route], settings: MapSettings, title: str, text: MapText
    ) -> str:
        """The map of the explainer `title` as an <svg> element, kept as cache_dir/map-<key>.svg."""

        def draw() -> bytes:
            from .svg import draw_map

            return draw_map(places, routes, settings, title, text, self._topology).encode("utf-8")

        key = map_key(places, routes, settings, title, self._basemap_digest, text)
        return self._reuse(f"map-{key}.svg", draw, safe_svg).decode("utf-8")

    def og_png(self, site: Site, photo: bytes | None = None) -> bytes:
        """The Open Graph image as PNG, kept as cache_dir/og-<key>.png; beside the title it shows `photo` (JPEG), if given, else the map."""

        def draw() -> bytes:
            from .ogimage import draw_og_image

            return draw_og_image(site, None if photo else self._topology, photo)

        return self._reuse(f"og-{og_key(site, self._basemap_digest, photo)}.png", draw, whole_png)

    def _reuse(self, name: str, draw: Callable[[], bytes], sound: Callable[[bytes], bool]) -> bytes:
        """The cached file `name` if there is one and it checks out, else `draw()`, stored under that name.

        A cached file is used only if its SHA-256 is the one stored beside it (`name.sha256`) and `sound(data)`
        holds (the map is inlined into the page, so it must be an SVG with nothing that runs); else it is drawn again.
        """
        self.used.add(name)
        if self.cache_dir is None:
            return draw()
        path = self.cache_dir / name
        digest = self.cache_dir / f"{name}.sha256"
        try:
            data = path.read_bytes()
            if digest.read_text(encoding="ascii") == hashlib.sha256(data).hexdigest() and sound(data):
                return data
        except (OSError, ValueError, SyntaxError):  # missing, unreadable, or not XML (ElementTree's ParseError)
            pass
        data = draw()
        if not self.store:
            return data
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        for target, content in ((path, data), (digest, hashlib.sha256(data).hexdigest().encode("ascii"))):
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(content)
            os.replace(tmp, target)
        return data

    def prune(self) -> None:
        """Remove the cached drawings (and leftovers) this build did not use: the cache holds one version of each."""
        if self.cache_dir is None or not self.store or not self.cache_dir.is_dir():
            return
        for path in self.cache_dir.iterdir():
            name = path.name.removesuffix(".tmp").removesuffix(".sha256")
            if (
                path.is_file()
                and name.startswith(("map-", "og-"))
                and name.endswith((".svg", ".png"))
                and (name not in self.used or path.name.endswith(".tmp"))
            ):
                path.unlink(missing_ok=True)


_UNSAFE_SVG = {
    "script",
    "foreignObject",
    "iframe",
    "object",
    "embed",
    "use",
    "image",
    "animate",
    "set",
    "handler",
    "style",
}


def safe_svg(data: bytes) -> bool:
    """True if `data` is an <svg> element, and the routes' key (a <ul>) after it, with nothing that runs or loads anything."""
    import xml.etree.ElementTree as ET  # only when a cached map is read

    parts = list(ET.fromstring(b"<cached>" + data + b"</cached>"))
    if not parts or parts[0].tag.rsplit("}", 1)[-1] != "svg" or any(part.tag != "ul" for part in parts[1:]):
        return False
    for element in (e for part in parts for e in part.iter()):
        if element.tag.rsplit("}", 1)[-1] in _UNSAFE_SVG:
            return False
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            if (
                local.startswith("on")
                or (local == "href" and not value.startswith("#"))
                or "javascript:" in value.lower().replace(" ", "")
            ):
                return False
    return True


def whole_png(data: bytes) -> bool:
    """True if `data` starts with PNG's signature and ends with its IEND chunk."""
    return data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")


def map_key(
    places: Sequence[Place],
    routes: Sequence[Route],
    settings: MapSettings,
    title: str,
    basemap_digest: str,
    text: MapText | None = None,
) -> str:
    """Hash everything the map depends on, the language of an edition's untranslated names included."""
    inputs = {
        "version": MAP_VERSION,
        "libraries": [library_version(name) for name in MAP_LIBRARIES],
        "places": [[p.id, p.name, _lang(p.name), p.lat, p.lon] for p in places],
        "routes": [[r.id, r.label, _lang(r.label), list(r.places), r.theme, r.line] for r in routes],
        "settings": [
            settings.extent,
            settings.padding,
            settings.width,
            settings.height,
            settings.projection,
            settings.detail_inset,
        ],
        "title": [title, _lang(title)],
        "basemap": basemap_digest,
        **({"text": dataclasses.astuple(text)} if text else {}),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:20]


def _lang(text: str) -> str:
    """The language of an edition's untranslated text, which the map marks (model.Untranslated); "" for any other."""
    return text.lang if isinstance(text, Untranslated) else ""


def og_key(site: Site, basemap_digest: str, photo: bytes | None = None) -> str:
    """Hash everything the image depends on: its map's inputs or its photo, the texts, and Pillow's version."""
    inputs = {
        "version": OG_VERSION,
        "pillow": library_version("Pillow"),
        **(
            {"photo": hashlib.sha256(photo).hexdigest()}
            if photo is not None
            else {"map": map_key(site.places, site.routes, site.map, site.title, basemap_digest)}
        ),
        "kicker": Interface(site.language, site.strings).gettext("Explainer"),
        "language": site.language,
        "title": site.title,
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
