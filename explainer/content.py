"""content/: themed sections (Markdown + front matter) and events (YAML) -> dataclasses."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .brand import check_files
from .cache import BuildCache
from .config import load_site
from .dates import approximated
from .errors import Collector, Loc, SourceError
from .fields import Fields, check_unique
from .figures import strip_figures
from .markup import Renderer, find_figures, lint_markdown, markdown_limit, scope_footnotes
from .media import check_media_refs, load_media, unused_photo_warnings
from .model import Event, Explainer, Section, Site, Source, Update
from .schema import EVENT, EVENTS_DOC, SECTION, UPDATE, UPDATES_DOC, Keys
from .sources import Sources
from .yamlsrc import Node, YamlError, parse_yaml

CONTENT_DIR = "content"
EVENTS_FILE = "content/events.yaml"
UPDATES_FILE = "content/updates.yaml"
FENCE = "---"


class FrontMatter(NamedTuple):
    """A Markdown file split into its parsed front matter and its body."""

    meta: Node
    body: str


def parse_front_matter(text: str, path: str) -> FrontMatter:
    """Split `---` fenced YAML front matter from the Markdown body; raise YamlError if it is unusable."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise YamlError([_error(path, 1, "the file must start with front matter: a line '---', the keys, then another '---'")])
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == FENCE:
            break
    else:
        raise YamlError([_error(path, 1, "the front matter opened here is never closed; add a line '---' after its keys")])
    meta = parse_yaml("\n".join(lines[1 : number - 1]), path, line_offset=1)
    if meta is None:
        raise YamlError([_error(path, 1, "the front matter is empty; add at least 'theme' and 'title'")])
    body = "\n" * (number - 1) + "\n".join(lines[number:])
    return FrontMatter(meta, body)


def _error(path: str, line: int, message: str) -> SourceError:
    return SourceError(Loc(path, line, 1), message)


class SectionFiles(NamedTuple):
    """content/*.md as read: each file's text, the split front matter of those the cache does not hold, and whether any was unreadable."""

    texts: tuple[tuple[str, str], ...]
    fronts: dict[str, FrontMatter | YamlError]
    unreadable: bool


def read_section_files(sources: Sources, site: Site, renderer: Renderer, errors: Collector, cache: BuildCache) -> SectionFiles:
    """Read and split every content/*.md file; their Markdown starts converting on the other cores, if there is enough of it."""
    texts = []
    unreadable = False
    for rel in sources.list_files(CONTENT_DIR, errors):
        if not rel.endswith(".md"):
            continue
        text = sources.read_text(rel, errors)
        if text is None:
            unreadable = True
        else:
            texts.append((rel, text))
    fronts = {rel: _split_section(text, rel) for rel, text in texts if not cache.holds(rel, (text, site))}
    renderer.prepare(front.body for front in fronts.values() if isinstance(front, FrontMatter) and markdown_limit(front.body) is None)
    return SectionFiles(tuple(texts), fronts, unreadable)


def load_sections(files: SectionFiles, site: Site, renderer: Renderer, errors: Collector, cache: BuildCache) -> tuple[Section, ...]:
    """The section files as Sections, ordered as site.yaml orders the themes."""
    ids = ({t.id for t in site.themes}, {p.id for p in site.places}, {p.id for p in site.people})
    sections = []
    unreadable = files.unreadable
    for rel, text in files.texts:
        section = cache.load(rel, (text, site), errors, lambda found: _read_section(rel, files.fronts[rel], ids, renderer, found))
        if section is None:
            unreadable = True
        else:
            sections.append(section)
    check_unique(errors, [(s.id, s.loc) for s in sections if s.id], "section for theme")
    covered = {s.id for s in sections}
    for theme in site.themes:
        if theme.id not in covered and not unreadable:
            errors.error(theme.loc, f"theme '{theme.id}' has no section; add content/{theme.id}.md with 'theme: {theme.id}'")
    order = {t.id: n for n, t in enumerate(site.themes)}
    return tuple(sorted(sections, key=lambda s: (order.get(s.id, len(order)), s.loc)))


def _split_section(text: str, rel: str) -> FrontMatter | YamlError:
    """The section's front matter and body, or the error that makes them unusable."""
    try:
        return parse_front_matter(text, rel)
    except YamlError as exc:
        return exc


def _read_section(rel: str, front: FrontMatter | YamlError, ids: tuple[set[str], set[str], set[str]], renderer: Renderer, errors: Collector) -> Section | None:
    """One section file's Section, checked against site.yaml's themes and places; None if its front matter is unusable."""
    if isinstance(front, YamlError):
        errors.extend(front.errors)
        return None
    theme_ids, place_ids, person_ids = ids
    f = Fields(front.meta, SECTION, errors)
    theme = f.reference("theme", theme_ids, "theme")
    if not front.body.strip():
        errors.error(Loc(rel, front.body.count("\n") + 1, 1), "the section has no text; write its Markdown below the front matter")
    fits = within_limits(front.body, lambda at: text_loc(rel, front.body, at, first_line=2), errors)
    if fits:  # beyond the limits, the lint's own scans would take long too
        errors.warnings.extend(lint_markdown(front.body, rel, first_line=2))  # the body starts with a blank line for each line above it, bar one
    return Section(
        id=theme,
        title=f.prose("title"),
        summary=f.prose("summary"),
        note=f.prose("note"),
        places=f.references("places", place_ids, "place"),
        html=scope_footnotes(renderer.html(front.body, rel), theme) if fits else "",
        loc=f.get("theme", False).loc if theme else Loc(rel, 1, 1),
        people=f.references("people", person_ids, "person"),
        figures=find_figures(front.body, rel, first_line=2),
    )


def within_limits(text: str, at: Callable[[int], Loc], errors: Collector) -> bool:
    """True if `text` stays within the Markdown limits (markup.markdown_limit); else an error at `at(index)` of where it goes beyond."""
    found = markdown_limit(text)
    if found:
        errors.error(at(found[0]), found[1])
    return found is None


def text_loc(rel: str, text: str, index: int, first_line: int = 1) -> Loc:
    """The line and column of `text[index]`, for a text that starts at line `first_line` of `rel`."""
    return Loc(rel, first_line + text.count("\n", 0, index), index - (text.rfind("\n", 0, index) + 1) + 1)


def read_optional(sources: Sources, rel: str, errors: Collector) -> str | None:
    """The text of an optional file of the content folder; None if it is absent or unreadable."""
    if not sources.exists(rel):
        return None
    return sources.read_text(rel, errors)


def parse_yaml_list(text: str, rel: str, doc: Keys, errors: Collector) -> list[Node]:
    """The items of the list that is the YAML file `doc`'s one key."""
    try:
        node = parse_yaml(text, rel)
    except YamlError as exc:
        errors.extend(exc.errors)
        return []
    if node is None:
        return []
    return Fields(node, doc, errors, rel).items(doc.names[0])


def load_events(sources: Sources, site: Site, renderer: Renderer, errors: Collector, cache: BuildCache) -> tuple[Event, ...]:
    """Read content/events.yaml into Events, checking dates and references."""
    text = read_optional(sources, EVENTS_FILE, errors)
    if text is None:
        return ()
    return cache.load(EVENTS_FILE, (text, site), errors, lambda found: read_events(text, site, renderer, found))


def read_events(text: str, site: Site, renderer: Renderer, errors: Collector) -> tuple[Event, ...]:
    """The text of content/events.yaml into Events, checking dates and references."""
    theme_ids = {t.id for t in site.themes}
    place_ids = {p.id for p in site.places}
    person_ids = {p.id for p in site.people}
    items = parse_yaml_list(text, EVENTS_FILE, EVENTS_DOC, errors)
    renderer.prepare(text for item in items if markdown_limit(text := _event_text(item)) is None)
    events = [_read_event(item, theme_ids, place_ids, person_ids, renderer, errors) for item in items]
    check_unique(errors, [(e.id, e.loc) for e in events if e.id], "event")
    return tuple(events)


def _event_text(node: Node) -> str:
    """The Markdown an event's 'text' holds, read ahead so that all of it can be converted at once."""
    entry = node.value.get("text") if node.is_map else None
    return entry.node.raw.strip() if entry else ""


def _read_event(node: Node, theme_ids: set[str], place_ids: set[str], person_ids: set[str], renderer: Renderer, errors: Collector) -> Event:
    f = Fields(node, EVENT, errors)
    ident = f.identifier("id")
    start = f.partial_date("date")
    end = f.partial_date("end")
    if start and end and end.sort_key <= start.sort_key:
        errors.error(f.get("end", False).loc, f"'end' ({end.edtf()}) is not after 'date' ({start.edtf()}); fix the dates or remove 'end'")
    if start and end and end.precision != start.precision:
        errors.error(f.get("end", False).loc, f"'end' ({end.edtf()}) must have the same precision as 'date' ({start.edtf()}): both years, both months, both days, both times, both decades (196X) or both centuries (19XX)")
    if f.boolean("approximate"):  # the same as ~ after each date
        start, end = approximated(start), approximated(end)
    source = f.sub("source")
    text = f.text("text")
    fits = within_limits(text, lambda at: f.get("text", False).loc, errors)
    if fits:
        lint_text(f.get("text", False), text, errors)
    return Event(
        id=ident,
        title=f.prose("title"),
        html=scope_footnotes(strip_figures(renderer.html(text, f"{node.path}:{node.line}")), f"event-{ident}") if fits else "",
        start=start,
        end=end,
        approximate=any(date is not None and date.approximate for date in (start, end)),
        theme=f.reference("theme", theme_ids, "theme"),
        places=f.references("places", place_ids, "place"),
        source=_read_source(source, errors) if source else None,
        loc=f.loc,
        people=f.references("people", person_ids, "person"),
        image=f.media_ref("image"),
    )


def lint_text(node: Node | None, text: str, errors: Collector) -> None:
    """Warn about markup the page would drop from a YAML text, pointing at where the text starts (a folded text has no columns to give)."""
    if node is not None and text:
        errors.warnings.extend(w._replace(loc=node.loc) for w in lint_markdown(text, node.path, figures=False))


def _read_source(f: Fields, errors: Collector) -> Source:
    url = f.text("url") or None
    if url and not url.startswith(("https://", "http://")):
        errors.error(f.get("url", False).loc, "a source 'url' must start with https:// or http://")
    return Source(name=f.prose("name"), date=f.partial_date("date"), url=url, author=f.prose("author"))


def load_updates(sources: Sources, renderer: Renderer, errors: Collector) -> tuple[Update, ...]:
    """Read content/updates.yaml: dated notes on what changed, newest first."""
    text = read_optional(sources, UPDATES_FILE, errors)
    updates = []
    for item in parse_yaml_list(text, UPDATES_FILE, UPDATES_DOC, errors) if text is not None else []:
        f = Fields(item, UPDATE, errors)
        date = f.date("date")
        text = f.text("text")
        fits = within_limits(text, lambda at: f.get("text", False).loc, errors)
        if fits:
            lint_text(f.get("text", False), text, errors)
        if date and fits:
            updates.append(Update(date=date, html=strip_figures(renderer.inline(text, f"{item.path}:{item.line}")), loc=f.loc))
    return tuple(sorted(updates, key=lambda u: u.date, reverse=True))


def load_explainer(sources: Sources, errors: Collector, renderer: Renderer, cache: BuildCache | None = None) -> Explainer:
    """Read and validate site.yaml and content/; raise BuildFailed with every error found.

    `renderer` is the caller's, so that the caller closes any worker processes it starts.
    """
    cache = cache or BuildCache()
    site = load_site(sources, errors, cache)
    if site is None:
        errors.raise_if_any()
    if site.brand is not None:
        check_files(site.brand, sources, errors)
    files = read_section_files(sources, site, renderer, errors, cache)  # their Markdown may convert on other cores...
    events = load_events(sources, site, renderer, errors, cache)  # ...while events.yaml is parsed here
    sections = load_sections(files, site, renderer, errors, cache)
    updates = load_updates(sources, renderer, errors)
    media = load_media(sources, errors, cache)
    refs = [
        *([site.lead_image] if site.lead_image else []),
        *(p.image for p in site.people if p.image),
        *(e.image for e in events if e.image),
        *(ref for s in sections for ref in s.figures),
    ]
    check_media_refs(refs, media, errors)
    unused_photo_warnings(media, {ref.id for ref in refs}, errors)
    newest = updates[0].date if updates else None
    if newest and site.updated != newest:
        errors.error(updates[0].loc, f"the newest update is dated {newest} but site.yaml's 'updated' is {site.updated or 'missing'}; set 'updated: {newest}' in site.yaml")
    used = {p for s in sections for p in s.places} | {p for e in events for p in e.places} | {p for r in site.routes for p in r.places}
    for place in site.places:
        if place.id not in used:
            errors.warn(place.loc, f"place '{place.id}' is not used by any section, event or route; remove it or refer to it")
    named = {p for s in sections for p in s.people} | {p for e in events for p in e.people}
    for person in site.people:
        if person.id not in named:
            errors.warn(person.loc, f"person '{person.id}' is not named by any section or event; remove them or refer to them with 'people: [{person.id}]'")
    errors.raise_if_any()
    return Explainer(site=site, sections=sections, events=events, updates=updates, media=media)
