"""content/: themed sections (Markdown + front matter) and events (YAML) -> dataclasses."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, cast

from ..dates.parse import approximated
from ..errors import Collector, Loc, SourceError
from ..model import Event, Explainer, PartialDate, Photo, Section, Site, Source, Update
from ..text.markup import find_figures, lint_markdown, markdown_limit
from .brand import check_files
from .fields import Fields, check_unique, parse_yaml_list, repeats
from .media import check_media_refs, unused_photo_warnings
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
        raise YamlError(
            [_error(path, 1, "the file must start with front matter: a line '---', the keys, then another '---'")]
        )
    number = next(
        (n for n, line in enumerate(lines[1:], start=2) if line.rstrip() == FENCE), None
    )  # the closing line's
    if number is None:
        raise YamlError(
            [_error(path, 1, "the front matter opened here is never closed; add a line '---' after its keys")]
        )
    meta = parse_yaml("\n".join(lines[1 : number - 1]), path, line_offset=1)
    if meta is None:
        raise YamlError([_error(path, 1, "the front matter is empty; add at least 'theme' and 'title'")])
    body = "\n" * (number - 1) + "\n".join(lines[number:])
    return FrontMatter(meta, body)


def _error(path: str, line: int, message: str) -> SourceError:
    return SourceError(Loc(path, line, 1), message)


def section_ids(site: Site) -> tuple[set[str], set[str], set[str]]:
    """The ids a section may refer to: site.yaml's themes, places and people."""
    return {t.id for t in site.themes}, {p.id for p in site.places}, {p.id for p in site.people}


def read_section(
    rel: str, text: str, ids: tuple[set[str], set[str], set[str]], errors: Collector, keys: Keys = SECTION
) -> Section | None:
    """One section file's text as a Section (its Markdown not yet converted); None if its front matter is unusable.

    `keys` are the front matter's: an edition's sections also take `translates`."""
    return _read_section(rel, _split_section(text, rel), ids, errors, keys)


def _split_section(text: str, rel: str) -> FrontMatter | YamlError:
    """The section's front matter and body, or the error that makes them unusable."""
    try:
        return parse_front_matter(text, rel)
    except YamlError as exc:
        return exc


def _read_section(
    rel: str,
    front: FrontMatter | YamlError,
    ids: tuple[set[str], set[str], set[str]],
    errors: Collector,
    keys: Keys = SECTION,
) -> Section | None:
    """One section file's Section, checked against site.yaml's themes and places; None if its front matter is unusable."""
    if isinstance(front, YamlError):
        errors.extend(front.errors)
        return None
    theme_ids, place_ids, person_ids = ids
    f = Fields(front.meta, keys, errors)
    theme = f.reference("theme", theme_ids, "theme")
    if not front.body.strip():
        errors.error(
            Loc(rel, front.body.count("\n") + 1, 1),
            "the section has no text; write its Markdown below the front matter",
        )
    fits = within_limits(front.body, lambda at: text_loc(rel, front.body, at, first_line=2), errors)
    if fits:  # beyond the limits, the lint's own scans would take long too
        errors.warnings.extend(
            lint_markdown(front.body, rel, first_line=2)
        )  # the body starts with a blank line for each line above it, bar one
    return Section(
        id=theme,
        title=f.prose("title"),
        summary=f.prose("summary"),
        note=f.prose("note"),
        places=f.references("places", place_ids, "place"),
        html="",
        loc=f.at("theme") if theme else Loc(rel, 1, 1),
        people=f.references("people", person_ids, "person"),
        figures=find_figures(front.body, rel, first_line=2),
        markdown=front.body if fits else None,
        translates=f.text("translates") if "translates" in keys.by_name else "",
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


def read_events(text: str, site: Site, errors: Collector) -> tuple[Event, ...]:
    """The text of content/events.yaml into Events (their Markdown not yet converted), checking dates and references."""
    theme_ids, place_ids, person_ids = section_ids(site)
    items = parse_yaml_list(text, EVENTS_FILE, EVENTS_DOC, errors)
    events = [_read_event(item, theme_ids, place_ids, person_ids, errors) for item in items]
    check_unique(errors, [(e.id, e.loc) for e in events if e.id], "event")
    return tuple(events)


def _read_event(node: Node, theme_ids: set[str], place_ids: set[str], person_ids: set[str], errors: Collector) -> Event:
    f = Fields(node, EVENT, errors)
    ident = f.identifier("id")
    start = f.partial_date("date")
    end = f.partial_date("end")
    if start and end and end.sort_key <= start.sort_key:
        errors.error(
            f.at("end"),
            f"'end' ({end.edtf()}) is not after 'date' ({start.edtf()}); fix the dates or remove 'end'",
        )
    if start and end and end.precision != start.precision:
        errors.error(
            f.at("end"),
            f"'end' ({end.edtf()}) must have the same precision as 'date' ({start.edtf()}): both years, both months, both days, both times, both decades (196X) or both centuries (19XX)",
        )
    if f.boolean("approximate"):  # the same as ~ after each date
        start, end = approximated(start), approximated(end)
    source = f.sub("source")
    text = f.text("text")
    fits = within_limits(text, lambda at: f.at("text"), errors)
    if fits:
        lint_text(f.get("text", False), text, errors)
    return Event(
        id=ident,
        title=f.prose("title"),
        html="",
        start=cast(PartialDate, start),  # None only with its error reported: the build stops before using it
        end=end,
        approximate=any(date is not None and date.approximate for date in (start, end)),
        theme=f.reference("theme", theme_ids, "theme"),
        places=f.references("places", place_ids, "place"),
        source=_read_source(source, errors) if source else None,
        loc=f.loc,
        people=f.references("people", person_ids, "person"),
        image=f.media_ref("image"),
        markdown=text if fits else None,
        owner=f"{node.path}:{node.line}",
    )


def lint_text(node: Node | None, text: str, errors: Collector) -> None:
    """Warn about markup the page would drop from a YAML text, pointing at where the text starts (a folded text has no columns to give)."""
    if node is not None and text:
        errors.warnings.extend(w._replace(loc=node.loc) for w in lint_markdown(text, node.path, figures=False))


def _read_source(f: Fields, errors: Collector) -> Source:
    url = f.text("url") or None
    if url and not url.startswith(("https://", "http://")):
        errors.error(f.at("url"), "a source 'url' must start with https:// or http://")
    return Source(name=f.prose("name"), date=f.partial_date("date"), url=url, author=f.prose("author"))


def read_updates(text: str, errors: Collector) -> tuple[Update, ...]:
    """The text of content/updates.yaml: dated notes on what changed (their Markdown not yet converted), newest first."""
    updates = []
    for item in parse_yaml_list(text, UPDATES_FILE, UPDATES_DOC, errors):
        f = Fields(item, UPDATE, errors)
        date = f.date("date")
        text = f.text("text")
        fits = within_limits(text, lambda at: f.at("text"), errors)
        if fits:
            lint_text(f.get("text", False), text, errors)
        if date and fits:
            updates.append(Update(date=date, html="", loc=f.loc, markdown=text, owner=f"{item.path}:{item.line}"))
    return tuple(sorted(updates, key=lambda u: u.date, reverse=True))


def check_one_section_each(
    sections: Sequence[Section],
    errors: Collector,
    rename: str = "rename the theme here (and add it under 'themes:' in site.yaml)",
) -> None:
    """Report a second section that declares a theme another section already tells, naming both files."""
    for theme, loc, first in repeats((s.id, s.loc) for s in sections if s.id):
        errors.error(
            loc,
            f"theme '{theme}' already has a section, {first.path}:{first.line}; each theme has one section: "
            f"{rename}, or merge the two files",
        )


def check_explainer(
    site: Site,
    sections: tuple[Section | None, ...],
    events: tuple[Event, ...],
    updates: tuple[Update, ...],
    media: tuple[Photo, ...],
    sources: Sources,
    errors: Collector,
) -> Explainer:
    """What no file shows alone: each theme's one section, in site.yaml's order, the files named, the photos and ids used.

    `sections` has None for a section file that could not be read or whose front matter is unusable.
    """
    if site.brand is not None:
        check_files(site.brand, sources, errors)
    found = tuple(s for s in sections if s is not None)
    check_one_section_each(found, errors)
    covered = {s.id for s in found}
    for theme in site.themes:
        if theme.id not in covered and len(found) == len(sections):
            errors.error(
                theme.loc, f"theme '{theme.id}' has no section; add content/{theme.id}.md with 'theme: {theme.id}'"
            )
    order = {t.id: n for n, t in enumerate(site.themes)}
    found = tuple(sorted(found, key=lambda s: (order.get(s.id, len(order)), s.loc)))
    refs = [
        *([site.lead_image] if site.lead_image else []),
        *(p.image for p in site.people if p.image),
        *(e.image for e in events if e.image),
        *(ref for s in found for ref in s.figures),
    ]
    check_media_refs(refs, media, errors)
    unused_photo_warnings(media, {ref.id for ref in refs}, errors)
    newest = updates[0].date if updates else None
    if newest and site.updated != newest:
        errors.error(
            updates[0].loc,
            f"the newest update is dated {newest} but site.yaml's 'updated' is {site.updated or 'missing'}; set 'updated: {newest}' in site.yaml",
        )
    used = (
        {p for s in found for p in s.places}
        | {p for e in events for p in e.places}
        | {p for r in site.routes for p in r.places}
    )
    for place in site.places:
        if place.id not in used:
            errors.warn(
                place.loc, f"place '{place.id}' is not used by any section, event or route; remove it or refer to it"
            )
    named = {p for s in found for p in s.people} | {p for e in events for p in e.people}
    for person in site.people:
        if person.id not in named:
            errors.warn(
                person.loc,
                f"person '{person.id}' is not named by any section or event; remove them or refer to them with 'people: [{person.id}]'",
            )
    errors.raise_if_any()
    return Explainer(site=site, sections=found, events=events, updates=updates, media=media)
