"""Build small sites from a dict of files, for tests."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

SITE_YAML = """\
title: Test explainer
dek: A small explainer for tests.
language: en
published: 2021-04-07
byline: Test desk
source:
  name: A test article
base_url: https://example.org/test/
themes:
  - id: alpha
    label: Alpha
  - id: beta
    label: Beta
places:
  - id: islamabad
    name: Islamabad
    lat: 33.6844
    lon: 73.0479
  - id: kabul
    name: Kabul
    lat: 34.5553
    lon: 69.2075
"""

ALPHA_MD = """\
---
theme: alpha
title: Alpha section
places: [islamabad]
---
Alpha text.
"""

BETA_MD = """\
---
theme: beta
title: Beta section
places: [kabul]
---
Beta text.
"""

EVENTS_YAML = """\
events:
  - id: one
    title: First event
    date: 2021-04-06
    theme: alpha
    places: [islamabad]
"""

BASE_FILES = {
    "site.yaml": SITE_YAML,
    "content/alpha.md": ALPHA_MD,
    "content/beta.md": BETA_MD,
    "content/events.yaml": EVENTS_YAML,
}


def write_site(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write the base test site plus `files` (None deletes a base file) under `root`; copy the real templates and static."""
    for folder in ("templates", "static"):
        if not (root / folder).exists():
            copy_tree(PROJECT / folder, root / folder)
    merged = {**BASE_FILES, **files}
    for rel, data in merged.items():
        path = root / rel
        if data is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def copy_tree(src: Path, dst: Path) -> None:
    """Copy a folder of regular files."""
    for path in sorted(src.rglob("*")):
        if path.is_file():
            target = dst / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())


# A site for the data exports and embeds: every date precision, ranges, an approximate date, sources, a route,
# text with markup and characters that need escaping in CSV, iCalendar and JSON.
DATA_SITE_FILES: dict[str, str | bytes | None] = {
    "site.yaml": SITE_YAML.replace("title: Test explainer", 'title: "Rivers, roads; and a ferry"').replace("language: en\n", "language: en-GB\n")
    + """\
  - id: valparaiso
    name: Valparaíso
    lat: -33.0472
    lon: -71.6127
routes:
  - id: crossing
    label: The long crossing
    theme: beta
    places: [islamabad, kabul, valparaiso]
""",
    "content/events.yaml": """\
events:
  - id: founding
    title: A town is founded
    date: "1536"
    approximate: true
    theme: alpha
  - id: decade
    title: Two decades of talks
    date: "1990"
    end: "2010"
    theme: beta
    places: [kabul]
  - id: winter
    title: A hard winter, month by month
    date: 2020-12
    end: 2021-02
    theme: alpha
  - id: visit
    title: The visit, "at last"
    date: 2021-04-06
    end: 2021-04-07
    text: |
      Talks on *trade*, energy; and a pipeline, with 1,000 km to go.

      A second paragraph with a [link](https://example.org/a?b=1&c=2).
    theme: beta
    places: [islamabad, valparaiso]
    source:
      name: A wire report
      date: 2021-04-07
      url: https://example.org/report
  - id: december
    title: Year's last day
    date: 2021-12-31
    theme: alpha
""",
}
