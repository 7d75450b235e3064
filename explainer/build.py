"""The build: load and validate everything, render the page, then write it in one swap."""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from .cache import BuildCache
from .content import load_explainer
from .map.drawings import Drawings
from .embed import data_context, embed_pages
from .export import export_files
from .errors import BuildFailed, Collector, Loc, SourceError
from .markup import Renderer
from .page import page_context
from .publish import page_meta, publish_files, symlinked
from .interface import Interface
from .render import TEMPLATES_DIR, install_words, make_environment, render_parts, to_context
from .sources import Sources
from .writer import check_output, write_site

if TYPE_CHECKING:
    from .snapshot import Snapshot

STATIC_DIR = "static"
ASSET_BUNDLES = {"css": "assets/site.css", "js": "assets/site.js"}
CACHE_DIR = ".cache"


@dataclass(frozen=True, eq=False)
class BuildResult:
    """What a build produced: the output files and any warnings."""

    files: dict[str, bytes]
    warnings: list[SourceError]


def collect_assets(sources: Sources, errors: Collector) -> dict[str, bytes]:
    """static/: CSS and JS joined into one file each (in name order); every other file copied as is."""
    bundles: dict[str, list[bytes]] = {kind: [] for kind in ASSET_BUNDLES}
    files: dict[str, bytes] = {}
    for rel in sources.list_files(STATIC_DIR, errors):
        if symlinked(sources.root, rel):
            errors.error(Loc(rel), f"{rel} is a symlink; the site publishes only regular files, so copy the file in instead")
            continue
        data = sources.read_bytes(rel, errors)
        if data is None:
            continue
        parts = rel.split("/")
        if len(parts) == 3 and parts[1] in bundles and parts[2].endswith("." + parts[1]):
            bundles[parts[1]].append(data)
        else:
            files[rel] = data
    for kind, chunks in bundles.items():
        files[ASSET_BUNDLES[kind]] = b"\n".join(chunks)
    return files


def asset_urls(files: dict[str, bytes]) -> dict[str, str]:
    """Relative URLs of the bundles, versioned by content so browsers never keep a stale copy."""
    return {kind: f"{path}?v={hashlib.sha256(files[path]).hexdigest()[:10]}" for kind, path in ASSET_BUNDLES.items()}


@contextlib.contextmanager
def one_off_renderer() -> Iterator[Renderer]:
    """A Renderer for one build, its worker processes stopped after it, and the cyclic garbage collector paused meanwhile.

    Each of the collector's full passes visits every live object, and a large explainer keeps millions alive to
    the end, so the passes grow with its size: a fifth of a 5,000-section build went to them. Reference counting
    still frees nearly all the build's garbage; any cycles left are collected once the collector is back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    renderer = Renderer()
    try:
        yield renderer
    finally:
        renderer.close()
        if was_enabled:
            gc.enable()


def render_site(
    root: Path,
    strict: bool = False,
    renderer: Renderer | None = None,
    env: jinja2.Environment | None = None,
    cache: BuildCache | None = None,
    seen: Snapshot | None = None,
    store_cache: bool = True,
) -> BuildResult:
    """Everything the site consists of, in memory; raises BuildFailed on any error (or warning, if strict).

    With `store_cache` false (`build.py check`) nothing is written into the project: drawings and compiled
    templates already in .cache/ are read, new ones are not kept.

    The preview passes the Renderer, Environment and BuildCache it keeps, and `seen`, a scan of the sources
    taken after the last change, so that a rebuild reads and redoes only what changed. Without a Renderer it is a
    one-off build, run under one_off_renderer().
    """
    if renderer is None:
        with one_off_renderer() as renderer:
            return render_site(root, strict, renderer, env, cache, seen, store_cache)
    errors = Collector()
    cache = cache or BuildCache()
    if seen is None:
        sources = Sources(root)
    else:
        from .snapshot import SeenSources  # only the preview needs it: a build's imports stay as few as they were

        sources = SeenSources(root, seen, cache)
    files = collect_assets(sources, errors)
    templates = sources.list_files(TEMPLATES_DIR, errors)  # also reports template symlinks that leave the project
    explainer = load_explainer(sources, errors, renderer, cache)
    if strict:
        errors.extend([SourceError(w.loc, w.message) for w in errors.warnings])
    errors.raise_if_any()
    assets = asset_urls(files)
    drawings = Drawings(root / CACHE_DIR, store=store_cache)
    context = page_context(explainer, root, assets, drawings, cache)
    context["meta"] = to_context(page_meta(explainer.site))
    context["data"] = data_context(explainer.site)
    env = env or make_environment(root, store_cache)
    words = Interface(explainer.site.language, explainer.site.strings)
    install_words(env, words)
    # The kept fragments hold words of the language they were rendered in: a change of language or wording drops them.
    env.globals["cached"].forget_unless((*((rel, (root / rel).read_bytes()) for rel in templates), ("words", words.key.encode())))
    files["index.html"] = env.globals["cached"].encode(render_parts(env, root, "index.html", context))
    files.update(publish_files(explainer, env, root, assets, drawings))
    files.update(export_files(explainer))
    files.update(embed_pages(env, root, context, explainer.site))
    return BuildResult(files=files, warnings=errors.warnings)


def build(root: Path, out: Path, strict: bool = False) -> BuildResult:
    """Render the site and swap it into `out`; on any error `out` is left exactly as it was."""
    refusal = check_output(out, root)
    if refusal:
        raise BuildFailed([refusal])
    result = render_site(root, strict=strict)
    write_site(out, result.files)
    return result
