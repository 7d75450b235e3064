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
from .pictures import Pictures
from .publish import page_meta, publish_files, symlinked
from .interface import Interface
from .model import Site
from .render import ANCHOR_PREFIXES, TEMPLATES_DIR, install_words, make_environment, page_ids, render_parts, to_context
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
            if not data.strip():
                errors.error(Loc(rel), f"{rel} is empty; the page's {'styles' if parts[1] == 'css' else 'script'} would lose it unnoticed (a save cut short?): write it again, or delete the file")
            bundles[parts[1]].append(data)
        else:
            files[rel] = data
    for kind, chunks in bundles.items():
        files[ASSET_BUNDLES[kind]] = b"\n".join(chunks)
    return files


def check_theme_ids(site: Site, own: dict[str, str], errors: Collector) -> None:
    """A theme's id is its section's anchor (and `<id>-heading` its heading's): it must be no id the page has already."""
    for theme in site.themes:
        taken = next((anchor for anchor in (theme.id, f"{theme.id}-heading") if anchor in own), None)
        if taken:
            errors.error(theme.loc, f"theme id '{theme.id}' would give the page a second id '{taken}' ({own[taken]} has one), which breaks its links and skip link; choose another id, such as 'about-{theme.id}'")
        elif theme.id.startswith(ANCHOR_PREFIXES):
            errors.error(theme.loc, f"theme id '{theme.id}' starts with '{theme.id.split('-')[0]}-', which the page keeps for the anchors of events, people, places and years; choose an id that starts otherwise")


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
    unused = Collector()  # a template that cannot be read is reported by Jinja, if the page uses it
    check_theme_ids(explainer.site, page_ids({rel: text for rel in templates if rel.endswith(".html") and (text := sources.read_text(rel, unused)) is not None}), errors)
    if strict:
        errors.extend([SourceError(w.loc, w.message) for w in errors.warnings])
    errors.raise_if_any()
    renditions = Pictures(root / CACHE_DIR, store=store_cache).renditions(explainer.media, sources, errors, cache)
    errors.raise_if_any()
    for rendition in renditions.values():
        files.update(rendition.files)
    assets = asset_urls(files)
    drawings = Drawings(root / CACHE_DIR, store=store_cache)
    context = page_context(explainer, root, assets, drawings, cache, renditions)
    lead = renditions[explainer.site.lead_image.id] if explainer.site.lead_image else None
    context["meta"] = to_context(page_meta(explainer.site, lead.photo.alt if lead else None))
    context["data"] = data_context(explainer.site)
    env = env or make_environment(root, store_cache)
    words = Interface(explainer.site.language, explainer.site.strings)
    install_words(env, words)
    # The kept fragments hold words of the language they were rendered in: a change of language or wording drops them.
    env.globals["cached"].forget_unless((*((rel, (root / rel).read_bytes()) for rel in templates), ("words", words.key.encode())))
    files["index.html"] = env.globals["cached"].encode(render_parts(env, root, "index.html", context))
    files.update(publish_files(explainer, env, root, assets, drawings, files[lead.largest("jpeg")] if lead else None))
    files.update(export_files(explainer))
    files.update(embed_pages(env, root, context, explainer.site))
    drawings.prune()
    return BuildResult(files=files, warnings=errors.warnings)


def build(root: Path, out: Path, strict: bool = False) -> BuildResult:
    """Render the site and swap it into `out`; on any error `out` is left exactly as it was."""
    refusal = check_output(out, root)
    if refusal:
        raise BuildFailed([refusal])
    result = render_site(root, strict=strict)
    try:
        write_site(out, result.files)
    except OSError as exc:  # a full disk, a read-only or vanished folder: the old site is still in place
        raise BuildFailed([SourceError(Loc(str(out)), f"cannot write the site here ({(exc.strerror or str(exc)).lower()}); the last good site is untouched; choose another --out or fix the folder")]) from None
    return result
