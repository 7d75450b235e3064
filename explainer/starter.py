"""`build.py new DIR`: a neutral starter explainer, with the generator's templates and static files, that builds as it is."""

from __future__ import annotations

from pathlib import Path

from .content.schema import schema_files
from .errors import BuildFailed, Loc, SourceError

# Each YAML file's first line names its JSON Schema (written into schema/ too), which an editor with a YAML language
# server, such as VS Code's YAML extension, reads for completion, help and red underlines as one types.
SITE_YAML = """\
# yaml-language-server: $schema=schema/site.schema.json
# The explainer's settings. Every key is described in the README ("site.yaml keys").
# Replace each value with your story's; run `python build.py check --strict` after each edit.
title: The headline of your explainer
dek: >-
  One or two sentences that say what happened and why it matters. This is also
  the page's description in search results and social posts.
language: en
published: 2024-01-15
byline: Your desk
# The work the explainer is built from. Give only what that work itself says:
# leave out an author, outlet, date or url it does not name.
source:
  name: The report this explainer is built from
  kind: news report
  outlet: Your outlet
  date: 2024-01-15
base_url: https://example.github.io/my-explainer/

# The themes, in reading order. Each has one section: content/<id>.md with `theme: <id>`.
themes:
  - id: what-happened
    label: What happened
  - id: what-next
    label: What comes next

# Places, in WGS84 decimal degrees. Sections, events and routes refer to them by id.
places:
  - id: first-place
    name: First place
    lat: 48.8566
    lon: 2.3522
  - id: second-place
    name: Second place
    lat: 50.8503
    lon: 4.3517

# Optional: people in the story, linked from sections and events with `people: [id]`.
people:
  - id: first-person
    name: A. Person
    role: What they do in the story
    description: One line on why they matter.
"""

WHAT_HAPPENED_MD = """\
---
# Front matter: which theme this section tells, its heading, and what it refers to.
theme: what-happened
title: What happened
summary: One sentence for the "At a glance" box; leave it out and the box is not shown.
places: [first-place]
people: [first-person]
---
Write the section's text here, in Markdown: paragraphs, *emphasis*, **strong**, lists and
[links](https://example.org/). Cite a source with a footnote.[^report]

> A quote worth pulling out of the text, in the speaker's words.
> --- A. Person, what they do in the story

[^report]: [The report](https://example.org/report), 15 January 2024.
"""

WHAT_NEXT_MD = """\
---
theme: what-next
title: What comes next
places: [second-place]
---
The second section. Each theme in site.yaml needs exactly one section file like this one.
"""

EVENTS_YAML = """\
# yaml-language-server: $schema=../schema/events.schema.json
# Dated events for the timeline. Each needs id, title, date and theme; text (Markdown),
# end, approximate, places, people and source are optional. Dates are YYYY, YYYY-MM,
# YYYY-MM-DD or a time with its UTC offset, such as 2024-01-10T09:30+01:00; -0043-03-15 is
# 44 BCE (0000 is 1 BCE), and a final ? (uncertain), ~ (approximate) or % (both) qualifies a date.
# Events of the same date are shown in the order written here.
events:
  - id: first-event
    title: The first thing that happened
    date: 2024-01-10T09:30+01:00
    text: A sentence or two about it.
    theme: what-happened
    places: [first-place]
    people: [first-person]
    source:
      name: Your outlet
      date: 2024-01-10
      url: https://example.org/first

  - id: second-event
    title: What followed the same day
    date: 2024-01-10
    theme: what-happened
    places: [first-place, second-place]

  - id: third-event
    title: What is expected next
    date: 2024-03
    approximate: true
    theme: what-next
    places: [second-place]
"""

UPDATES_YAML = """\
# yaml-language-server: $schema=../schema/updates.schema.json
# Dated notes on what changed since publication, newest anywhere in the list; once there is one,
# site.yaml needs `updated:` set to the newest date.
updates: []
"""

FILES = {
    ".gitignore": "# What the build and the preview write: never commit it.\n_site/\n.cache/\n",
    "site.yaml": SITE_YAML,
    "content/what-happened.md": WHAT_HAPPENED_MD,
    "content/what-next.md": WHAT_NEXT_MD,
    "content/events.yaml": EVENTS_YAML,
    "content/updates.yaml": UPDATES_YAML,
    **schema_files(),  # what the YAML files' first lines point at, from the generator's key declaration
}


def write_starter(folder: Path, generator: Path) -> list[str]:
    """Write the starter into `folder` (absent or empty), with `generator`'s templates and static files; return what was written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BuildFailed(
            [
                SourceError(
                    Loc(str(folder)), "the folder for a new explainer must be empty or not exist yet; choose another"
                )
            ]
        )
    written = []
    for rel, text in FILES.items():
        written.append(_write(folder / rel, text.encode("utf-8"), rel))
    for kind in ("templates", "static"):
        for path in sorted((generator / kind).rglob("*")):
            if path.is_file() and not path.is_symlink():
                rel = path.relative_to(generator).as_posix()
                written.append(_write(folder / rel, path.read_bytes(), rel))
    return written


def _write(path: Path, data: bytes, rel: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return rel
