"""The build, as stages that each take the value the stage before made:

    read     Sources      -> SourceFiles  every source's text (static files as bytes), read once
    parse    SourceFiles  -> Explainer    site.yaml and content/ parsed and checked: the model, its Markdown as written
    convert  Explainer    -> Explainer    every Markdown text as safe HTML
    lay_out  Explainer    -> Layout       photos, timeline, map, sharing image, and the frozen views the templates get
    render   Layout       -> files        the page and its fragments, the embeds, 404, feed, sitemap and data exports
    write    files        -> out/         swapped in at once (writer.write_site), or the last good site stays

A translated edition (content/<tag>/) is parsed with the main files into a Translation; content.edition.translate
makes its Explainer from the main one, and the same convert, lay_out and render stages build it into <tag>/
(EditionStages: the pipeline's parts, its kept values under the edition's own keys).

A one-off build (`render_site`, `build`) runs a Pipeline once. The preview keeps one Pipeline for its whole session
(preview.PreviewPipeline) and runs it on every save: its `keep`, the one seam, keeps what a stage made by its inputs.
"""

from __future__ import annotations

import functools
import gc
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from .content.edition import (
    EditionFiles,
    edition_folder,
    edition_language,
    edition_sources,
    read_translation,
    translate,
    translation_report,
)
from .content.load import (
    CONTENT_DIR,
    EVENTS_FILE,
    UPDATES_FILE,
    check_explainer,
    read_events,
    read_optional,
    read_section,
    read_updates,
    section_ids,
)
from .content.media import MEDIA_FILE, read_media
from .content.site import SITE_FILE, parse_site
from .content.sources import Sources
from .errors import BuildFailed, Collector, Loc, SourceError
from .exchange.export import export_files
from .language.fallback import lang_marks
from .language.interface import Interface
from .map.drawings import Drawings
from .map.text import map_text
from .model import Event, Explainer, Section, Site, Translation, Update
from .page.context import (
    Assets,
    Link,
    PageView,
    event_sources,
    linked_timeline,
    page_view,
    photos_view,
    place_entries,
    section_views,
    sections_by_place,
)
from .page.editions import EditionLink, alternates, edition_links, root_path
from .page.embed import downloads, embed_pages
from .page.publish import page_meta, publish_files, root_files, symlinked
from .page.render import ANCHOR_PREFIXES, TEMPLATES_DIR, Fragment, Templates, page_ids
from .photos.pictures import Pictures
from .text.figures import strip_figures
from .text.markup import BACKLINK_TITLE, Renderer, scope_footnotes, title_backlinks
from .writer import check_output, write_site

STATIC_DIR = "static"
ASSET_BUNDLES = {"css": "assets/site.css", "js": "assets/site.js"}
# What the page goes without when a bundle is empty.
BUNDLE_LOSS = {
    "css": "the page will have no styles, neither its layout nor the map's and timeline's",
    "js": "the page will still read, but without its script: no timeline filters, no map and timeline following the "
    "section in view, no embed resizing",
}
CACHE_DIR = ".cache"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced: the output files and any warnings."""

    files: dict[str, bytes]
    warnings: list[SourceError]
    untranslated: tuple[str, ...] = ()  # per edition, what is left to translate, what is stale: `check` prints it


@dataclass(frozen=True, slots=True)
class SourceFiles:
    """The read stage's value: the text of every source file the model is made from, as read."""

    sources: Sources  # for the files the content names: brand files, photos
    site: str | None
    sections: tuple[tuple[str, str | None], ...]  # content/*.md: path and text (None: unreadable)
    events: str | None  # None: no such file, or unreadable
    updates: str | None
    media: str | None
    editions: tuple[EditionFiles, ...]  # content/<tag>/, by folder
    assets: Mapping[str, bytes]  # static/, bundled: output path -> bytes
    templates: tuple[tuple[str, bytes], ...]  # templates/: path and bytes
    pages: Mapping[str, str]  # templates/*.html: path and text, for the ids they write


@dataclass(frozen=True, slots=True)
class Layout:
    """The lay-out stage's value: the model, the page's views, and the files that go beside the page."""

    explainer: Explainer
    page: PageView
    files: Mapping[str, bytes]  # the assets and the photos' variants
    og_png: bytes  # the sharing image
    templates: tuple[tuple[str, bytes], ...]  # templates/ as read: what the fragments depend on besides their views
    editions: tuple[Site, ...] = ()  # with the main edition's layout, the other editions' Sites (for the sitemap)


@dataclass(frozen=True, slots=True)
class Fragments:
    """The parts of the page rendered each on its own (see render.Fragment), by the name the templates use: `fragments`."""

    sections: tuple[Fragment, ...]  # templates/_section.html, one per section
    timeline: Fragment  # templates/_timeline.html
    places: tuple[Fragment, ...]  # templates/_place.html, one per place

    def all(self) -> tuple[Fragment, ...]:
        return (*self.sections, self.timeline, *self.places)


class Pipeline:
    """The stages of a build of the project at `root`, and what they work with; `store` false keeps nothing in .cache/."""

    parallel = (
        True  # the convert stage hands many texts to worker processes (the preview converts the few it must here)
    )

    def __init__(self, root: Path, store: bool = True) -> None:
        self.root = root
        self.store = store
        self.markdown = Renderer()
        self.templates = Templates(root, store)
        self.pictures = Pictures(root / CACHE_DIR, store)

    def keep(self, key: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """`make()`. The seam: the preview's pipeline gives what `make` gave last time for `key`, if `inputs` are the same."""
        return make()

    def sources(self) -> Sources:
        """The project's files as this build reads them."""
        return Sources(self.root)

    def run(self, strict: bool = False) -> BuildResult:
        """Every stage but the writing, in order, for the main edition and then each other; raises BuildFailed on any
        error (or warning, if strict)."""
        errors = Collector()
        files = self.read(self.sources(), errors)
        explainer, translations = self.parse(files, errors, strict)
        explainer = self.convert(explainer)
        editions = tuple(translate(explainer, t) for t in translations)
        sites = (explainer.site, *(e.site for e in editions))
        drawings = Drawings(self.root / CACHE_DIR, store=self.store)
        layout = self.lay_out(explainer, files, errors, drawings, edition_links(sites, explainer.site.language))
        output = self.render(replace(layout, editions=sites[1:]))
        for edition in editions:
            language = edition.site.language
            stages = EditionStages(self, language)
            edition = stages.convert(edition)
            layout = stages.lay_out(edition, files, errors, drawings, edition_links(sites, language))
            output.update((f"{language}/{path}", data) for path, data in stages.render(layout).items())
        drawings.prune()
        notes = tuple(line for t in translations for line in translation_report(explainer, t))
        return BuildResult(output, errors.warnings, notes)

    def read(self, sources: Sources, errors: Collector) -> SourceFiles:
        """Read every source file; a file that cannot be read is an error, reported with the others."""
        assets = collect_assets(sources, errors)
        listed = sources.list_files(TEMPLATES_DIR, errors)  # also reports template symlinks that leave the project
        unused = Collector()  # a template that cannot be read is reported by Jinja, if the page uses it
        templates = tuple((rel, data) for rel in listed if (data := sources.read_bytes(rel, unused)) is not None)
        pages = {
            rel: text
            for rel in listed
            if rel.endswith(".html") and (text := sources.read_text(rel, unused)) is not None
        }
        site = sources.read_text(SITE_FILE, errors)
        content = sources.list_files(CONTENT_DIR, errors)
        sections = tuple(
            (rel, sources.read_text(rel, errors)) for rel in content if rel.endswith(".md") and not edition_folder(rel)
        )
        events = read_optional(sources, EVENTS_FILE, errors)
        updates = read_optional(sources, UPDATES_FILE, errors)
        media = read_optional(sources, MEDIA_FILE, errors)
        folders: dict[str, list[str]] = {}
        for rel in content:
            folder = edition_folder(rel)
            if folder:
                folders.setdefault(folder, []).append(rel)
        editions = tuple(read_edition(sources, folder, rels, errors) for folder, rels in folders.items())
        return SourceFiles(sources, site, sections, events, updates, media, editions, assets, templates, pages)

    def parse(self, files: SourceFiles, errors: Collector, strict: bool) -> tuple[Explainer, tuple[Translation, ...]]:
        """Parse and check every file, then what no file shows alone; raises BuildFailed with every error found.

        Gives the main edition's Explainer and the translations of the other editions."""
        text = files.site
        site = None if text is None else self.load(SITE_FILE, (text,), errors, functools.partial(parse_site, text))
        if site is None:
            errors.raise_if_any()
        assert site is not None  # without errors, a site
        events = (
            ()
            if files.events is None
            else self.load(
                EVENTS_FILE, (files.events, site), errors, functools.partial(read_events, files.events, site)
            )
        )
        ids = section_ids(site)
        sections = tuple(
            None
            if text is None
            else self.load(rel, (text, site), errors, functools.partial(read_section, rel, text, ids))
            for rel, text in files.sections
        )
        updates = () if files.updates is None else read_updates(files.updates, errors)
        media = (
            ()
            if files.media is None
            else self.load(MEDIA_FILE, (files.media,), errors, functools.partial(read_media, files.media))
        )
        explainer = check_explainer(site, sections, events, updates, media, files.sources, errors)
        check_theme_ids(site, page_ids(files.pages), errors)
        translations = tuple(
            self.load(e.folder, (e, explainer), errors, functools.partial(read_translation, e, explainer))
            for e in files.editions
            if edition_language(e, site.language, errors)
        )
        if strict:
            errors.extend([SourceError(w.loc, w.message) for w in errors.warnings])
        errors.raise_if_any()
        return explainer, translations

    def load(self, key: str, inputs: tuple[object, ...], errors: Collector, read: Callable[[Collector], T]) -> T:
        """`read(errors)` through `keep`: the problems it finds are kept with its value, and reported on every use."""
        value, found = self.keep(key, inputs, functools.partial(_collected, read))
        errors.errors.extend(found.errors)
        errors.warnings.extend(found.warnings)
        return value

    def convert(self, explainer: Explainer) -> Explainer:
        """Every Markdown text of the model as safe HTML: all at once, on the other cores too when there are many."""
        md = self.markdown
        site = explainer.site
        notes = Notes(Interface(site.language, site.strings).gettext(BACKLINK_TITLE), site.language)
        try:
            if self.parallel:
                items: tuple[Section | Event | Update, ...] = (
                    *explainer.sections,
                    *explainer.events,
                    *explainer.updates,
                )
                md.prepare(m for item in items if (m := item.markdown) is not None)
            sections = tuple(
                self.keep(f"html:{s.loc.path}", (s, notes), functools.partial(_section_html, md, s, notes))
                for s in explainer.sections
            )
            events = self.keep(
                "html:events",
                (explainer.events, notes),
                lambda: tuple(_event_html(md, e, notes) for e in explainer.events),
            )
            updates = tuple(
                replace(u, html=strip_figures(md.inline(u.markdown, u.owner))) if u.markdown is not None else u
                for u in explainer.updates
            )
        finally:
            md.close()  # the workers, if any: every text is converted
        return replace(explainer, sections=sections, events=events, updates=updates)

    def lay_out(
        self,
        explainer: Explainer,
        files: SourceFiles,
        errors: Collector,
        drawings: Drawings,
        editions: tuple[EditionLink, ...] = (),
    ) -> Layout:
        """The photos' variants, the timeline, the map, the sharing image, and the page's views.

        `editions` links the page to every edition (none without them); `drawings` are this build's map and images."""
        site = explainer.site
        root = root_path(editions)  # an edition's page reaches the shared files at the site's root
        renditions = self.pictures.renditions(explainer.media, files.sources, errors)
        if not files.sources.exists(TEMPLATES_DIR):  # here, not in read(): read_explainer() needs only the content
            errors.error(
                Loc(f"{TEMPLATES_DIR}/"),
                f"the project has no {TEMPLATES_DIR}/ folder, which the page is made from; {from_starter(f'{TEMPLATES_DIR}/')}",
            )
        errors.raise_if_any()
        output = dict(files.assets)
        for rendition in renditions.values():
            output.update(rendition.files)
        words = Interface(site.language, site.strings)
        timeline, by_theme, by_place, by_person = self.keep(
            "timeline", (explainer.events, site), lambda: linked_timeline(explainer.events, site, words)
        )
        photos = self.keep("photos", tuple(renditions.items()), lambda: photos_view(renditions, root))
        sections = tuple(
            self.keep(key, inputs, make)
            for key, inputs, make in section_views(explainer, timeline, by_theme, frozenset(renditions), words)
        )
        placed = tuple((s.id, s.places) for s in explainer.sections)
        theme_labels = {t.id: t.label for t in site.themes}
        sections_at: dict[str, list[Link]] = self.keep(
            "sections-at", (placed, site), lambda: sections_by_place(placed, theme_labels)
        )
        places = tuple(self.keep(key, inputs, make) for key, inputs, make in place_entries(site, by_place, sections_at))
        map_svg = drawings.map_svg(site.places, site.routes, site.map, site.title, map_text(words))
        lead = renditions[site.lead_image.id] if site.lead_image else None
        og_png = drawings.og_png(site, output[lead.largest("jpeg")] if lead else None)
        assets = Assets(**{kind: root + url for kind, url in asset_urls(output).items()})
        meta = page_meta(site, lead.photo.alt if lead else None, alternates(editions))
        sources = self.keep(
            "sources",
            (timeline, site),
            lambda: event_sources([entry for year in timeline.years for entry in year.entries], words),
        )
        page = page_view(
            explainer,
            timeline,
            by_person,
            sections,
            places,
            sources,
            photos,
            map_svg,
            assets,
            meta,
            downloads(site),
            editions,
            root,
        )
        return Layout(explainer, page, output if not root else {}, og_png, files.templates)

    def render(self, layout: Layout) -> dict[str, bytes]:
        """The page, rendered from its views and fragments, and every file beside it (the main edition's: and the site's root files)."""
        page, explainer, t = layout.page, layout.explainer, self.templates
        t.speak(Interface(explainer.site.language, explainer.site.strings), layout.templates)
        fragments = Fragments(
            sections=tuple(
                t.fragment(
                    "_section.html", s.id, section=s, section_count_label=page.section_count_label, photos=page.photos
                )
                for s in page.sections
            ),
            timeline=t.fragment(
                "_timeline.html", "timeline", timeline=page.timeline, themes=page.themes, photos=page.photos
            ),
            places=tuple(t.fragment("_place.html", p.id, place=p) for p in page.places),
        )
        context = {**page.names(), "fragments": fragments}
        files = dict(layout.files)
        files["index.html"] = t.page("index.html", context, fragments.all())
        files.update(publish_files(explainer, layout.og_png))
        if not root_path(page.editions):
            files.update(root_files(explainer, t, page.assets.css, layout.editions))
        files.update(
            self.keep(
                "exports", (explainer.site, explainer.events), lambda: export_files(explainer.site, explainer.events)
            )
        )
        files.update(embed_pages(t, context, fragments.all(), explainer.site))
        return files


class EditionStages(Pipeline):
    """The stages of one translated edition: the main pipeline's parts, keeping their values under the edition's keys."""

    def __init__(self, main: Pipeline, language: str) -> None:  # shares the main pipeline's parts, makes none
        self.main = main
        self.language = language
        self.root, self.store, self.parallel = main.root, main.store, main.parallel
        self.markdown, self.templates, self.pictures = main.markdown, main.templates, main.pictures

    def keep(self, key: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        return self.main.keep(f"{self.language}/{key}", inputs, make)


def read_edition(sources: Sources, folder: str, files: list[str], errors: Collector) -> EditionFiles:
    """The texts of an edition folder's files: its site.yaml, sections and events.yaml."""
    sections, site, events = edition_sources(folder, files, errors)
    return EditionFiles(
        folder.rpartition("/")[2],
        folder,
        files[0],
        None if site is None else sources.read_text(site, errors),
        tuple((rel, sources.read_text(rel, errors)) for rel in sections),
        None if events is None else sources.read_text(events, errors),
    )


def _collected(read: Callable[[Collector], T]) -> tuple[T, Collector]:
    found = Collector()
    return read(found), found


@dataclass(frozen=True, slots=True)
class Notes:
    """How a text's footnotes speak the page's language: the back-links' title, and that language's tag."""

    backlink: str  # BACKLINK_TITLE in the page's language
    language: str

    def titled(self, html: str, lang: str) -> str:
        """title_backlinks, the back-links marked with the page's language in a text shown in another (`lang`)."""
        marks = lang_marks(self.language, Interface(lang).direction == "rtl")[0] if lang else ""
        return title_backlinks(html, self.backlink, marks)


def _section_html(md: Renderer, s: Section, notes: Notes) -> Section:
    """The section's HTML; an edition's untranslated section has the main edition's, its back-links titled again."""
    html = s.html if s.markdown is None else scope_footnotes(md.html(s.markdown, s.loc.path), s.id)
    return replace(s, html=notes.titled(html, s.language))


def _event_html(md: Renderer, e: Event, notes: Notes) -> Event:
    """As _section_html, for an event's text."""
    html = (
        e.html if e.markdown is None else scope_footnotes(strip_figures(md.html(e.markdown, e.owner)), f"event-{e.id}")
    )
    return replace(e, html=notes.titled(html, e.language))


def collect_assets(sources: Sources, errors: Collector) -> dict[str, bytes]:
    """static/: CSS and JS joined into one file each (in name order); every other file copied as is."""
    bundles: dict[str, list[bytes]] = {kind: [] for kind in ASSET_BUNDLES}
    files: dict[str, bytes] = {}
    for rel in sources.list_files(STATIC_DIR, errors):
        if symlinked(sources.root, rel):
            errors.error(
                Loc(rel), f"{rel} is a symlink; the site publishes only regular files, so copy the file in instead"
            )
            continue
        data = sources.read_bytes(rel, errors)
        if data is None:
            continue
        parts = rel.split("/")
        if len(parts) == 3 and parts[1] in bundles and parts[2].endswith("." + parts[1]):
            if not data.strip():
                errors.error(
                    Loc(rel),
                    f"{rel} is empty; the page's {'styles' if parts[1] == 'css' else 'script'} would lose it unnoticed (a save cut short?): write it again, or delete the file",
                )
            bundles[parts[1]].append(data)
        else:
            files[rel] = data
    if sources.exists(STATIC_DIR):
        for kind, chunks in bundles.items():
            if not chunks:
                errors.warn(
                    Loc(f"{STATIC_DIR}/"),
                    f"{STATIC_DIR}/ has no {kind}/ folder of .{kind} files, so {ASSET_BUNDLES[kind]} will be empty: "
                    f"{BUNDLE_LOSS[kind]}; {from_starter(f'{STATIC_DIR}/{kind}/')}",
                )
    for kind, chunks in bundles.items():
        files[ASSET_BUNDLES[kind]] = b"\n".join(chunks)
    return files


def from_starter(rel: str) -> str:
    """How to get the generator's own `rel` folder: `new` writes a starter explainer with its templates and static files."""
    return f"copy it from a starter explainer: python build.py new ../starter, then copy ../starter/{rel} into this project"


def check_theme_ids(site: Site, own: dict[str, str], errors: Collector) -> None:
    """A theme's id is its section's anchor (and `<id>-heading` its heading's): it must be no id the page has already."""
    for theme in site.themes:
        taken = next((anchor for anchor in (theme.id, f"{theme.id}-heading") if anchor in own), None)
        if taken:
            errors.error(
                theme.loc,
                f"theme id '{theme.id}' would give the page a second id '{taken}' ({own[taken]} has one), which breaks its links and skip link; choose another id, such as 'about-{theme.id}'",
            )
        elif theme.id.startswith(ANCHOR_PREFIXES):
            errors.error(
                theme.loc,
                f"theme id '{theme.id}' starts with '{theme.id.split('-')[0]}-', which the page keeps for the anchors of events, people, places and years; choose an id that starts otherwise",
            )


def asset_urls(files: Mapping[str, bytes]) -> dict[str, str]:
    """Relative URLs of the bundles, versioned by content so browsers never keep a stale copy."""
    return {kind: f"{path}?v={hashlib.sha256(files[path]).hexdigest()[:10]}" for kind, path in ASSET_BUNDLES.items()}


def read_explainer(root: Path) -> Explainer:
    """The model of the project at `root` as a build makes it (read, parse, convert); raises BuildFailed on any error."""
    pipeline = Pipeline(root, store=False)
    errors = Collector()
    return pipeline.convert(pipeline.parse(pipeline.read(pipeline.sources(), errors), errors, strict=False)[0])


def render_site(root: Path, strict: bool = False, store_cache: bool = True) -> BuildResult:
    """Everything the site consists of, in memory, from a one-off run of the stages; raises BuildFailed on any error.

    With `store_cache` false (`build.py check`) nothing is written into the project: drawings and compiled
    templates already in .cache/ are read, new ones are not kept.

    The cyclic garbage collector is paused meanwhile: its full passes visit every live object, and a build keeps
    nearly all it makes to the end, so they grow with the explainer (8-10 % of the CPU of a 100-section build here,
    a fifth at 5,000 sections). Reference counting still frees the garbage; the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return Pipeline(root, store_cache).run(strict)
    finally:
        if was_enabled:
            gc.enable()


def build(root: Path, out: Path, strict: bool = False) -> BuildResult:
    """Render the site and swap it into `out` (the write stage); on any error `out` is left exactly as it was."""
    refusal = check_output(out, root)
    if refusal:
        raise BuildFailed([refusal])
    result = render_site(root, strict=strict)
    try:
        write_site(out, result.files)
    except OSError as exc:  # a full disk, a read-only or vanished folder: the old site is still in place
        raise BuildFailed(
            [
                SourceError(
                    Loc(str(out)),
                    f"cannot write the site here ({(exc.strerror or str(exc)).lower()}); the last good site is untouched; choose another --out or fix the folder",
                )
            ]
        ) from None
    return result
