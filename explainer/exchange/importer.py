"""`build.py import timelinejs|storymapjs FILE`: merge what interchange.py read into the project's YAML and Markdown.

The editor's text is kept: new themes, places, routes and events are inserted as YAML text after the last item
of their list, and with --force an entry whose id is taken replaces that entry's lines; nothing else in the
files changes. Every file is planned first and written only when the whole import is sound.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Loc, SourceError, internal_error
from ..page.render import ANCHOR_PREFIXES, page_ids
from .interchange import (
    Imported,
    ImportedEvent,
    ImportFailed,
    counted,
    read_storymapjs,
    read_timelinejs,
    slug,
    unique_ids,
)

SITE = "site.yaml"
EVENTS = "content/events.yaml"
NOUNS = {"events": "event", "places": "place", "routes": "route", "themes": "theme"}  # each list's item, for the report
LIST_INDENT = 2  # how far new lists (a file or key that had none) indent their items
STARTER_SITE = """\
# Started by `build.py import`: fill in the byline, the source, base_url and the dates, then add places.
title: {title}
dek: {dek}
language: en
published: {today}
byline: Edit the byline in site.yaml
source:
  name: {source}
base_url: https://example.org/
map:
  extent: [-180, -60, 180, 80]
themes: []
places: []
"""
SECTION_STUB = """\
---
theme: {theme}
title: {title}
{extra}---
{text}
"""

EPILOG = """examples:
  python build.py import timelinejs timeline.json        a TimelineJS JSON file
  python build.py import timelinejs sheet.csv --dry-run  the TimelineJS Google Sheet exported as CSV; show, do not write
  python build.py import storymapjs story.json --force   a StoryMapJS story; replace entries whose ids are taken
"""


class Conflict(Exception):
    """An id the import would reuse for different content."""


@dataclass(frozen=True)
class Plan:
    """The files an import writes (path relative to the project, new text) and its report."""

    files: dict[str, str]
    kept: list[str]
    dropped: list[str]


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py import",
        description="Import a TimelineJS timeline (JSON, or its Google Sheet as CSV) or a StoryMapJS story into the explainer.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("format", choices=("timelinejs", "storymapjs"), help="what FILE is")
    parser.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    parser.add_argument(
        "--project",
        type=Path,
        default=None,
        help="the explainer's folder, holding site.yaml (default: this repository)",
    )
    parser.add_argument(
        "--theme", help="timelinejs: the theme id for events without a group (default: the first theme)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the report and the files it would write; write nothing"
    )
    parser.add_argument(
        "--force", action="store_true", help="replace entries (events, places, routes, sections) whose ids are taken"
    )
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks for unexpected failures")
    return parser


def main(argv: Sequence[str], default_project: Path) -> int:
    """Run one import; return the exit status (0 fine, 1 bad input or conflicts, 2 usage)."""
    args = make_parser().parse_args(list(argv))
    project = (args.project or default_project).resolve()
    try:
        try:
            text = args.file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ImportFailed([SourceError(Loc(str(args.file)), f"cannot read the file: {exc}")]) from None
        reader = read_timelinejs if args.format == "timelinejs" else read_storymapjs
        imported = reader(text, str(args.file))
        plan = plan_import(project, imported, args.format, args.file.name, args.theme, args.force)
        if not args.dry_run:
            write_all(project, plan.files)
    except ImportFailed as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"import failed: {counted(len(exc.errors), 'error', 'errors')}; nothing was written", file=sys.stderr)
        return 1
    except Conflict as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("import failed; nothing was written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        return internal_error(exc, args.debug)
    print_report(plan, args.dry_run)
    return 0


def print_report(plan: Plan, dry_run: bool) -> None:
    print(f"kept ({len(plan.kept)}):")
    print("".join(f"  {line}\n" for line in plan.kept), end="")
    print(f"dropped ({len(plan.dropped)}):")
    print("".join(f"  {line}\n" for line in plan.dropped), end="")
    for rel, new in plan.files.items():
        if dry_run:
            print(f"--- would write {rel}\n{new}", end="" if new.endswith("\n") else "\n")
        else:
            print(f"wrote {rel}")
    if dry_run:
        print("dry run: nothing was written")


def write_all(project: Path, files: dict[str, str]) -> None:
    """Write every file or none: each new text goes to a temporary file beside its file, then all are swapped in.

    A rewritten file keeps its mode; a new one gets what the umask gives a new file (mkstemp's own is 0600).
    """
    staged: list[tuple[Path, Path]] = []
    new_mode = 0o666 & ~_umask()
    try:
        for rel, text in files.items():
            path = project / rel
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                try:
                    mode = stat.S_IMODE(path.stat().st_mode)
                except FileNotFoundError:
                    mode = new_mode
                fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
                staged.append((Path(name), path))
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                    os.fchmod(fd, mode)
                    out.write(text)
            except OSError as exc:
                message = (
                    f"cannot write {rel} ({(exc.strerror or str(exc)).lower()}); make it writable and import again"
                )
                raise ImportFailed([SourceError(Loc(rel), message)]) from None
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)


def _umask() -> int:
    """The process's umask: the only way to read it is to set it, so it is set back at once."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def plan_import(project: Path, imported: Imported, kind: str, name: str, theme: str | None, force: bool) -> Plan:
    """Every file the import changes, with its new text; raises Conflict for a taken id without `force`."""
    kept, dropped = list(imported.kept), list(imported.dropped)
    files: dict[str, str] = {}
    site_path = project / SITE
    if site_path.exists():
        site_text = site_path.read_text(encoding="utf-8")
        if imported.title:
            dropped.append(f"title {imported.title!r} dropped: site.yaml already has a title and dek")
    else:
        site_text = STARTER_SITE.format(
            title=_scalar(imported.title or "Untitled explainer"),
            dek=_scalar(imported.dek or "Write a one- or two-sentence summary in site.yaml."),
            today=dt.date.today().isoformat(),
            source=_scalar(f"{kind} import of {name}"),
        )
        kept.append(f"site.yaml started, its title and dek from the {'title slide' if imported.title else 'defaults'}")
    site = yaml.safe_load(site_text) or {}
    themes = {str(t["id"]): str(t.get("label", t["id"])) for t in site.get("themes") or []}
    new_themes: list[dict[str, Any]] = []
    templates = (
        project / "templates" if (project / "templates").is_dir() else Path(__file__).resolve().parents[2] / "templates"
    )
    taken = page_ids({p.name: p.read_text(encoding="utf-8", errors="replace") for p in templates.glob("*.html")})

    def theme_for(label: str) -> str:
        for theme_id, theme_label in themes.items():
            if label.casefold() in (theme_id.casefold(), theme_label.casefold()):
                return theme_id
        wanted = slug(label, "theme")
        if wanted in taken or f"{wanted}-heading" in taken or wanted.startswith(ANCHOR_PREFIXES):
            wanted = f"about-{wanted}"  # the page has that id already (build.check_theme_ids)
        theme_id = unique_ids([wanted], themes)[0]
        themes[theme_id] = label
        new_themes.append({"id": theme_id, "label": label})
        return theme_id

    if imported.events:
        fallback = theme or (next(iter(themes)) if themes else None)
        if theme and theme not in themes:
            raise Conflict(
                f"--theme {theme}: no such theme in site.yaml; use one of: {', '.join(themes) or '(none yet)'}"
            )
        events = [
            _event_entry(e, theme_for(e.group) if e.group else (fallback or theme_for("Events")))
            for e in imported.events
        ]
        files[EVENTS] = merge_items(_read(project, EVENTS), EVENTS, "events", events, force, kept)
    section_theme = None
    if imported.section is not None:
        section_theme = theme_for(imported.section.title)
    if imported.places:
        site_text = merge_items(
            site_text,
            SITE,
            "places",
            [{"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon} for p in imported.places],
            force,
            kept,
            same=_same_place,
        )
    if imported.routes:
        routes = [
            {"id": r.id, "label": r.label, "theme": section_theme, "places": list(r.places)} for r in imported.routes
        ]
        site_text = merge_items(site_text, SITE, "routes", routes, force, kept)
    if new_themes:
        site_text = merge_items(site_text, SITE, "themes", new_themes, force, kept)
    new_ids = [new["id"] for new in new_themes]
    for theme_id in dict.fromkeys([*new_ids, *([section_theme] if section_theme else [])]):
        rel = f"content/{theme_id}.md"
        if (project / rel).exists() and not force:
            raise Conflict(f"{rel} exists; rerun with --force to replace it with the imported section")
        section = imported.section if theme_id == section_theme else None
        extra = ""
        if section is not None:
            extra = (f"summary: {_scalar(section.summary)}\n" if section.summary else "") + (
                f"places: [{', '.join(section.places)}]\n" if section.places else ""
            )
        body = (
            section.text
            if section is not None and section.text
            else f"Events imported from {name}: write this section's text."
        )
        files[rel] = SECTION_STUB.format(theme=theme_id, title=_scalar(themes[theme_id]), extra=extra, text=body)
        kept.append(f"{rel}: section for the {'new ' if theme_id in new_ids else ''}theme {theme_id!r}")
    if site_text != _read(project, SITE):
        files[SITE] = site_text
    return Plan(dict(sorted(files.items())), kept, dropped)


def _read(project: Path, rel: str) -> str:
    path = project / rel
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _event_entry(event: ImportedEvent, theme: str) -> dict[str, Any]:
    """An events.yaml entry, its keys in the README's order."""
    entry: dict[str, Any] = {"id": event.id, "title": event.title, "date": event.date.edtf()}
    if event.end is not None:
        entry["end"] = event.end.edtf()
    if event.approximate:
        entry["approximate"] = True
    if event.text:
        entry["text"] = event.text
    entry["theme"] = theme
    if event.source is not None:
        entry["source"] = {
            "name": event.source.name,
            **({"date": event.source.date} if event.source.date else {}),
            **({"url": event.source.url} if event.source.url else {}),
        }
    return entry


def _same_place(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return bool(
        abs(float(old.get("lat", 999)) - new["lat"]) < 1e-6 and abs(float(old.get("lon", 999)) - new["lon"]) < 1e-6
    )


# YAML text edits ----------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, multi-line text as literal blocks (`|`)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def _scalar(value: str) -> str:
    """One YAML scalar, quoted when it must be."""
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def _render(items: Sequence[dict[str, Any]], indent: int) -> str:
    text = yaml.dump(
        list(items), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False
    )
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))


def merge_items(
    text: str,
    rel: str,
    key: str,
    items: Sequence[dict[str, Any]],
    force: bool,
    kept: list[str],
    same: Callable[[dict[str, Any], dict[str, Any]], bool] | None = None,
) -> str:
    """`text` with `items` added to the top-level list `key`; an id already there is a Conflict unless `force` (or `same`)."""
    try:
        root = yaml.compose(text) if text.strip() else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Loc(rel, mark.line + 1, mark.column + 1) if mark else Loc(rel)
        raise ImportFailed(
            [SourceError(where, f"cannot read the YAML: {getattr(exc, 'problem', exc)}; fix it before importing")]
        ) from None
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    node = None
    if root is not None:
        if not isinstance(root, yaml.MappingNode):
            raise ImportFailed([SourceError(Loc(rel, 1, 1), f"expected a mapping with a '{key}' list at the top")])
        node = next((v for k, v in root.value if k.value == key), None)
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
        if node is not None:  # `key:` with nothing after it
            lines[node.start_mark.line] = lines[node.start_mark.line].rstrip() + "\n"
            at = node.start_mark.line + 1
        else:
            lines.append(f"{key}:\n")
            at = len(lines)
        lines[at:at] = [_render(items, LIST_INDENT)]
        kept.append(f"{rel}: {counted(len(items), NOUNS[key], key)} added")
        return "".join(lines)
    if not isinstance(node, yaml.SequenceNode):
        raise ImportFailed(
            [
                SourceError(
                    Loc(rel, node.start_mark.line + 1, node.start_mark.column + 1),
                    f"'{key}' must be a list to import into",
                )
            ]
        )
    if node.flow_style:
        if node.value:
            raise ImportFailed(
                [
                    SourceError(
                        Loc(rel, node.start_mark.line + 1, node.start_mark.column + 1),
                        f"write '{key}' as a block list (one '- ' per item) so the import can add to it",
                    )
                ]
            )
        start, end = node.start_mark, node.end_mark  # `key: []`: the brackets give way to a block list
        line = lines[start.line]
        lines[start.line] = line[: start.column].rstrip() + "\n" + line[end.column :].lstrip()
        lines[start.line + 1 : start.line + 1] = [_render(items, LIST_INDENT)]
        kept.append(f"{rel}: {counted(len(items), NOUNS[key], key)} added")
        return "".join(lines)
    existing = yaml.safe_load(text)[key]
    ends = [item.start_mark.line for item in node.value[1:]] + [
        node.end_mark.line + (1 if node.end_mark.column > 0 else 0)
    ]
    spans = {
        str(entry.get("id")): _span(lines, item.start_mark.line, end)
        for entry, item, end in zip(existing, node.value, ends)
        if isinstance(entry, dict)
    }
    old_by_id = {str(entry.get("id")): entry for entry in existing if isinstance(entry, dict)}
    indent = node.start_mark.column
    taken = [item["id"] for item in items if item["id"] in spans and not (same and same(old_by_id[item["id"]], item))]
    if taken and not force:
        shown = ", ".join(taken[:8]) + (f" and {len(taken) - 8} more" if len(taken) > 8 else "")
        raise Conflict(
            f"{rel}: {key} already has {shown}; rerun with --force to replace them (other entries stay as they are)"
        )
    added = [i for i in items if i["id"] not in spans]
    if added:  # below every existing item, so the replacements above do not move it
        at = max(after for _, after in spans.values())
        lines[at:at] = [_render(added, indent)]
    replaced = reused = 0
    for item in sorted((i for i in items if i["id"] in spans), key=lambda i: -spans[i["id"]][0]):  # bottom up
        if same and same(old_by_id[item["id"]], item):
            reused += 1
            continue
        first, after = spans[item["id"]]
        lines[first:after] = [_render([item], indent)]
        replaced += 1
    kept.append(
        f"{rel}: {counted(len(added), NOUNS[key], key)} added"
        + (f", {replaced} replaced (--force)" if replaced else "")
        + (f", {reused} already there" if reused else "")
    )
    return "".join(lines)


def _span(lines: list[str], first: int, end: int) -> tuple[int, int]:
    """The 0-based lines [first, after) of a block list's item that runs up to line `end`, trailing blank and comment lines left out."""
    after = min(end, len(lines))
    while after > first + 1 and (not lines[after - 1].strip() or lines[after - 1].lstrip().startswith("#")):
        after -= 1
    return first, after
