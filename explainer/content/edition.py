"""Translated editions: content/<tag>/ read into a Translation, and the edition's Explainer made from the main one.

An edition's folder is named by a BCP 47 tag (its canonical spelling, other than site.yaml's `language`) and holds
the wording of the main files' items, each file optional: site.yaml, sections (*.md, matched by `theme`) and
events.yaml (matched by `id`). Whatever it does not translate is the main edition's, marked with its language.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..errors import Collector, Loc
from ..language.interface import missing_strings
from ..language.tags import canonical
from ..model import (
    Event,
    Explainer,
    Person,
    Place,
    Section,
    StringOverride,
    Theme,
    Translation,
    Untranslated,
    Wording,
)
from .fields import DECLARED_IN, Fields, check_reference, check_unique, parse_yaml_list
from .load import CONTENT_DIR, check_one_section_each, lint_text, read_section, section_ids, within_limits
from .media import MEDIA_DIR, check_media_refs
from .schema import (
    EDITION_EVENT,
    EDITION_EVENTS_DOC,
    EDITION_PERSON,
    EDITION_PLACE,
    EDITION_ROUTE,
    EDITION_SECTION,
    EDITION_SITE,
    EDITION_THEME,
    Keys,
)
from .site import read_strings
from .yamlsrc import Node, YamlError, parse_yaml

SITE_WORDING = ("title", "dek", "byline")  # site.yaml's own texts an edition translates, besides its source's
SOURCE_WORDING = ("name", "description")
_Worded = Callable[[str, "str | None"], str]  # a translated text if given, else the main one marked Untranslated


@dataclass(frozen=True, slots=True)
class EditionFiles:
    """The read stage's texts of one edition folder (None: no such file, or unreadable)."""

    language: str  # the folder's name, checked by edition_language
    folder: str  # content/<tag>
    first: str  # its first file, where a problem with the folder's name is reported
    site: str | None
    sections: tuple[tuple[str, str | None], ...]
    events: str | None


def edition_folder(rel: str) -> str | None:
    """The folder of content/ that a file of content/ is in, if it is one other than media/: content/fr."""
    parts = rel.split("/")
    folder = f"{CONTENT_DIR}/{parts[1]}" if len(parts) > 2 else None
    return None if folder == MEDIA_DIR else folder


def edition_language(files: EditionFiles, language: str, errors: Collector) -> str | None:
    """The edition's tag, its folder's name, if that is a language tag in its usual spelling other than `language` (the main one's)."""
    at = Loc(files.first, 1, 1)
    try:
        tag = canonical(files.language)
    except ValueError as exc:
        errors.error(
            at,
            f"{files.folder}/ is not named by a language tag, and a folder of content/ is a translated edition: "
            f"name it by the edition's BCP 47 tag, or move its files into content/ ({exc})",
        )
        return None
    if tag != files.language:
        errors.error(at, f"{files.folder}/ is the edition '{tag}'; rename the folder {CONTENT_DIR}/{tag}/")
        return None
    if tag == language:
        errors.error(
            at,
            f"{files.folder}/ is named by site.yaml's own language '{language}'; the main edition's files go directly in content/",
        )
        return None
    return tag


def edition_sources(folder: str, files: Sequence[str], errors: Collector) -> tuple[list[str], str | None, str | None]:
    """The edition folder's sections, and its site.yaml and events.yaml if present; errors for any other file."""
    sections, site, events = [], None, None
    for rel in files:
        name = rel.removeprefix(folder + "/")
        if name == "site.yaml":
            site = rel
        elif name == "events.yaml":
            events = rel
        elif name.endswith(".md") and "/" not in name:
            sections.append(rel)
        else:
            errors.error(
                Loc(rel),
                f"an edition holds only site.yaml, events.yaml and sections (*.md); updates, photos and the rest are "
                f"the main edition's, shown in every edition: remove {rel}",
            )
    return sections, site, events


def read_translation(files: EditionFiles, main: Explainer, errors: Collector) -> Translation:
    """An edition's files, checked against the main edition: every id is one of its ids, every key wording."""
    site = main.site
    fields = _site_fields(files, errors)
    wording: list[tuple[str, str]] = []
    themes: tuple[Wording, ...] = ()
    places: tuple[Wording, ...] = ()
    routes: tuple[Wording, ...] = ()
    people: tuple[Wording, ...] = ()
    strings: tuple[StringOverride, ...] = ()
    if fields is not None:
        wording = [(key, text) for key in SITE_WORDING if (text := fields.prose(key))]
        source = fields.sub("source")
        if source is not None:
            wording += [(f"source.{key}", text) for key in SOURCE_WORDING if (text := source.prose(key))]
        themes = _wordings(fields, "themes", EDITION_THEME, [t.id for t in site.themes], "theme")
        places = _wordings(fields, "places", EDITION_PLACE, [p.id for p in site.places], "place")
        routes = _wordings(fields, "routes", EDITION_ROUTE, [r.id for r in site.routes], "route")
        people = _wordings(fields, "people", EDITION_PERSON, [p.id for p in site.people], "person")
        strings = read_strings(fields.get("strings", False), files.language, errors)
    missing = missing_strings(files.language, strings)
    if missing:
        errors.error(
            fields.loc if fields is not None else Loc(files.first, 1, 1),
            f"language '{files.language}' has no interface catalog; give every interface string under 'strings:' in "
            f"{files.folder}/site.yaml; {len(missing)} missing: " + ", ".join(repr(m) for m in missing),
        )
    sections = _sections(files, main, errors)
    events = _events(files, main, errors)
    return Translation(
        files.language, files.folder, tuple(wording), themes, places, routes, people, strings, sections, events
    )


# Where an id an edition translates is declared: in the main edition, whose ids every edition shares.
MAIN_EDITION = "{} of the main edition"


def _site_fields(files: EditionFiles, errors: Collector) -> Fields | None:
    if files.site is None:
        return None
    rel = f"{files.folder}/site.yaml"
    try:
        node = parse_yaml(files.site, rel)
    except YamlError as exc:
        errors.extend(exc.errors)
        return None
    return Fields(node or Node({}, rel, 1, 1), EDITION_SITE, errors)


def _wordings(fields: Fields, key: str, keys: Keys, known: list[str], kind: str) -> tuple[Wording, ...]:
    """The items of an edition's list `key`, each naming one of the main edition's `known` ids."""
    found = []
    for item in fields.items(key):
        f = Fields(item, keys, fields.errors)
        ident = f.identifier("id")
        if ident:
            check_reference(fields.errors, set(known), ident, f.at("id"), kind, MAIN_EDITION.format(DECLARED_IN[kind]))
        texts = tuple((k.name, text) for k in keys.keys if k.name != "id" and (text := f.prose(k.name)))
        found.append(Wording(ident, texts, f.at("id")))
    check_unique(fields.errors, [(w.id, w.loc) for w in found if w.id], kind)
    return tuple(w for w in found if w.id in known)


def _sections(files: EditionFiles, main: Explainer, errors: Collector) -> tuple[Section, ...]:
    """The translated sections; a section's places and people are the main one's, so it may only repeat them."""
    by_theme = {s.id: s for s in main.sections}
    found = []
    for rel, text in files.sections:
        if text is None:
            continue
        section = read_section(rel, text, section_ids(main.site), errors, EDITION_SECTION)
        if section is None or section.id not in by_theme:
            continue
        original = by_theme[section.id]
        for key, given, kept in (
            ("places", section.places, original.places),
            ("people", section.people, original.people),
        ):
            if given and set(given) != set(kept):
                errors.error(
                    section.loc,
                    f"'{key}' [{', '.join(given)}] differs from {original.loc.path}'s [{', '.join(kept)}]: a translation "
                    f"shows the main section's {key}; remove '{key}' here, or change them in {original.loc.path}",
                )
        check_media_refs(section.figures, main.media, errors)
        found.append(replace(section, places=original.places, people=original.people))
    check_one_section_each(found, errors, "give this one the theme of the main section it translates")
    return tuple(found)


def _events(files: EditionFiles, main: Explainer, errors: Collector) -> tuple[Wording, ...]:
    """The translated events: title and text (and a source's name) of events of the main content/events.yaml."""
    if files.events is None:
        return ()
    rel = f"{files.folder}/events.yaml"
    by_id = {e.id: e for e in main.events}
    found = []
    for item in parse_yaml_list(files.events, rel, EDITION_EVENTS_DOC, errors):
        f = Fields(item, EDITION_EVENT, errors)
        ident = f.identifier("id")
        if ident:
            check_reference(errors, set(by_id), ident, f.at("id"), "event", MAIN_EDITION.format(DECLARED_IN["event"]))
        text = f.text("text")
        if ident in by_id and by_id[ident].markdown and not text:
            errors.error(
                f.loc,
                f"event '{ident}' has a text in content/events.yaml; translate it too (a line 'text: …'), or remove the entry",
            )
        if text and within_limits(text, lambda at: f.at("text"), errors):
            lint_text(f.get("text", False), text, errors)
        source = f.sub("source")
        texts = [("title", f.prose("title")), ("text", text)]
        if source is not None:
            texts.append(("source.name", source.prose("name")))
        found.append(Wording(ident, tuple(texts), f.loc, f.text("translates")))
    check_unique(errors, [(w.id, w.loc) for w in found if w.id], "event")
    return tuple(w for w in found if w.id in by_id)


def translate(main: Explainer, translation: Translation) -> Explainer:
    """The edition's Explainer: the main one in the edition's language and wording, at base_url + `<tag>/`.

    What the edition does not translate keeps the main edition's text, marked with its language (model.Untranslated,
    and `language` on sections, events and updates); its converted HTML is kept (`markdown` None: nothing to convert).
    Photos are the main edition's: their alt text and captions are marked so.
    """
    site, lang = main.site, main.site.language

    def worded(text: str, given: str | None) -> str:
        return given if given else Untranslated(text, lang) if text else text

    texts = dict(translation.site)
    themes = {w.id: dict(w.texts) for w in translation.themes}
    places = {w.id: dict(w.texts) for w in translation.places}
    routes = {w.id: dict(w.texts) for w in translation.routes}
    people = {w.id: dict(w.texts) for w in translation.people}
    edition_site = replace(
        site,
        title=worded(site.title, texts.get("title")),
        dek=worded(site.dek, texts.get("dek")),
        byline=worded(site.byline, texts.get("byline")),
        language=translation.language,
        base_url=f"{site.base_url}{translation.language}/",
        source=replace(
            site.source,
            name=worded(site.source.name, texts.get("source.name")),
            description=worded(site.source.description, texts.get("source.description")),
        ),
        themes=tuple(Theme(t.id, worded(t.label, themes.get(t.id, {}).get("label")), t.loc) for t in site.themes),
        places=tuple(_place(p, places.get(p.id, {}), worded) for p in site.places),
        routes=tuple(replace(r, label=worded(r.label, routes.get(r.id, {}).get("label"))) for r in site.routes),
        people=tuple(_person(p, people.get(p.id, {}), worded) for p in site.people),
        strings=translation.strings,
    )
    sections = {s.id: s for s in translation.sections}
    events = {w.id: w for w in translation.events}
    return replace(
        main,
        site=edition_site,
        sections=tuple(sections.get(s.id) or _kept_section(s, lang) for s in main.sections),
        events=tuple(_event(e, events[e.id], worded) if e.id in events else _kept_event(e, lang) for e in main.events),
        updates=tuple(replace(u, markdown=None, language=lang) for u in main.updates),
        media=tuple(replace(p, alt=worded(p.alt, None), caption=worded(p.caption, None)) for p in main.media),
    )


def _place(p: Place, texts: dict[str, str], worded: _Worded) -> Place:
    return replace(p, name=worded(p.name, texts.get("name")))


def _person(p: Person, texts: dict[str, str], worded: _Worded) -> Person:
    return replace(
        p,
        name=worded(p.name, texts.get("name")),
        role=worded(p.role, texts.get("role")),
        description=worded(p.description, texts.get("description")),
    )


def _kept_section(s: Section, lang: str) -> Section:
    return replace(
        s,
        title=Untranslated(s.title, lang),
        summary=Untranslated(s.summary, lang) if s.summary else "",
        note=Untranslated(s.note, lang) if s.note else "",
        markdown=None,
        language=lang,
    )


def _event(e: Event, wording: Wording, worded: _Worded) -> Event:
    texts = dict(wording.texts)
    source = e.source and replace(e.source, name=worded(e.source.name, texts.get("source.name")))
    owner = f"{wording.loc.path}:{wording.loc.line}"
    return replace(e, title=texts["title"], html="", markdown=texts.get("text", ""), source=source, owner=owner)


def _kept_event(e: Event, lang: str) -> Event:
    source = e.source and replace(e.source, name=Untranslated(e.source.name, lang))
    return replace(e, title=Untranslated(e.title, lang), source=source, markdown=None, language=lang)


def fingerprint(item: Section | Event) -> str:
    """The fingerprint of a main section's or event's wording, which its translation records as `translates`: 12 hex
    digits of the SHA-256 of its texts as written (gettext tools keep the source text itself; a hash is short to copy)."""
    if isinstance(item, Section):
        texts = [item.title, item.summary, item.note, item.markdown or ""]
    else:
        texts = [item.title, item.markdown or "", item.source.name if item.source else ""]
    return hashlib.sha256(json.dumps(texts, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


def translation_report(main: Explainer, translation: Translation) -> tuple[str, ...]:
    """What `build.py check` says of an edition, as information: what is left to translate, each translation of an
    older version of its main item (its `translates` is not the main item's fingerprint), and the fingerprints to
    write as `translates` in the translations of those, of the untranslated items and of those that give none."""
    sections = {s.id: s for s in translation.sections}
    events = {w.id: w for w in translation.events}
    stale: list[str] = []
    wanted: list[str] = []
    for s in main.sections:
        given = sections.get(s.id)
        if given and given.translates and given.translates != fingerprint(s):
            stale.append(f"stale: {given.loc.path} translates an older version of {s.loc.path}")
        if not given or given.translates != fingerprint(s):
            wanted.append(f"{s.loc.path} {fingerprint(s)}")
    for e in main.events:
        wording = events.get(e.id)
        if wording and wording.translates and wording.translates != fingerprint(e):
            stale.append(
                f"stale: {wording.loc.path}:{wording.loc.line}: event '{e.id}' translates an older version of "
                f"{e.loc.path}'s"
            )
        if not wording or wording.translates != fingerprint(e):
            wanted.append(f"event '{e.id}' {fingerprint(e)}")
    hint = (
        f"fingerprints: {translation.folder}/: {', '.join(wanted)} (write each as 'translates: …' in its translation)"
    )
    return (f"untranslated: {untranslated(main, translation)}", *stale, *([hint] if wanted else []))


def untranslated(main: Explainer, translation: Translation) -> str:
    """What is left to translate in an edition, for `build.py check`: counts, then each item."""
    site = main.site
    texts = dict(translation.site)
    sections = {s.id for s in translation.sections}
    events = {w.id for w in translation.events}
    groups: list[tuple[str, list[str], list[str]]] = [
        ("sections", [s.loc.path for s in main.sections], [s.loc.path for s in main.sections if s.id not in sections]),
        ("events", [e.id for e in main.events], [f"event '{e.id}'" for e in main.events if e.id not in events]),
    ]
    for kind, plural, items, given in (
        ("theme", "themes", site.themes, translation.themes),
        ("place", "places", site.places, translation.places),
        ("route", "routes", site.routes, translation.routes),
        ("person", "people", site.people, translation.people),
    ):
        done = {w.id for w in given}
        groups.append((plural, [i.id for i in items], [f"{kind} '{i.id}'" for i in items if i.id not in done]))
    wording = [
        key
        for key, text in (
            *((k, getattr(site, k)) for k in SITE_WORDING),
            *((f"source.{k}", getattr(site.source, k)) for k in SOURCE_WORDING),
        )
        if text
    ]
    groups.append(("site.yaml texts", wording, [f"'{k}'" for k in wording if k not in texts]))
    left = [(name, total, missing) for name, total, missing in groups if missing]
    if not left:
        return f"{translation.folder}/: everything is translated"
    counts = ", ".join(f"{len(missing)} of {len(total)} {name}" for name, total, missing in left)
    return f"{translation.folder}/: {counts} untranslated: " + ", ".join(m for _, _, missing in left for m in missing)
