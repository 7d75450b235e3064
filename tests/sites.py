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


# A South Asian story's places (id, name, lat, lon), as model.Place takes them: the map and timeline unit tests'.
SOUTH_ASIA_PLACES = (
    ("islamabad", "Islamabad", 33.6844, 73.0479),
    ("new-delhi", "New Delhi", 28.6139, 77.2090),
    ("moscow", "Moscow", 55.7558, 37.6173),
    ("kabul", "Kabul", 34.5553, 69.2075),
    ("karachi", "Karachi", 24.8607, 67.0011),
    ("lahore", "Lahore", 31.5204, 74.3587),
    ("doha", "Doha", 25.2854, 51.5310),
    ("tehran", "Tehran", 35.6892, 51.3890),
    ("beijing", "Beijing", 39.9042, 116.4074),
    ("washington", "Washington, D.C.", 38.9072, -77.0369),
)


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


def _paragraphs(theme: str, count: int) -> str:
    """Enough text for a section to fill a screen, so the browser tests can scroll through it."""
    return "\n\n".join(
        f"Paragraph {n} of the {theme} section. It goes on long enough to wrap over several lines at every width, "
        f"so that a reader scrolls through it as through a real section; it names nothing and argues nothing."
        for n in range(1, count + 1)
    )


# A complete explainer of its own (another region, three themes, routes, updates) for the generator's
# page, browser and publishing tests. It is the suite's: its values may be asserted, unlike the shipped one's.
STORY_BASE_URL = "https://someone.github.io/andes-story/"
STORY_FILES: dict[str, str | bytes | None] = {
    "site.yaml": f"""\
title: Roads over the Andes
dek: A test explainer about roads, rails and water between five Andean cities.
language: en-US
published: 2022-03-01
updated: 2022-05-20
byline: The test desk
source:
  name: A test report
  url: https://example.org/report
base_url: {STORY_BASE_URL}
themes:
  - id: trade
    label: Trade
  - id: roads
    label: Roads
  - id: water
    label: Water
places:
  - id: lima
    name: Lima
    lat: -12.0464
    lon: -77.0428
  - id: cusco
    name: Cusco
    lat: -13.5320
    lon: -71.9675
  - id: la-paz
    name: La Paz
    lat: -16.4897
    lon: -68.1193
  - id: arica
    name: Arica
    lat: -18.4783
    lon: -70.3126
  - id: quito
    name: Quito
    lat: -0.1807
    lon: -78.4678
routes:
  - id: rail-line
    label: The rail line
    theme: trade
    places: [arica, la-paz]
  - id: highway
    label: The highway
    theme: roads
    places: [lima, cusco, la-paz]
""",
    "content/trade.md": "---\ntheme: trade\ntitle: Trade by rail\nsummary: Goods go down to the port by rail.\nplaces: [arica, la-paz]\n---\n"
    + _paragraphs("trade", 6)
    + "\n",
    "content/roads.md": "---\ntheme: roads\ntitle: The highway\nsummary: One road links three cities.\nplaces: [lima, cusco, la-paz]\n---\n"
    + _paragraphs("roads", 6)
    + "\n\n### Passes\n\nThe road climbs over [high passes](#place-cusco).\n",
    "content/water.md": "---\ntheme: water\ntitle: Water\nplaces: [quito, lima]\n---\n"
    + _paragraphs("water", 6)
    + "\n",
    "content/events.yaml": """\
events:
  - id: rail-opens
    title: The rail line opens
    date: 1913-05
    theme: trade
    places: [arica, la-paz]
  - id: port-grows
    title: The port grows
    date: 1960
    approximate: true
    theme: trade
    places: [arica]
  - id: highway-built
    title: The highway is built
    date: 1975
    end: 1982
    theme: roads
    places: [lima, cusco]
  - id: pass-closed
    title: A pass is closed by snow
    date: 2022-04-02
    text: Traffic waits for a *week*.
    theme: roads
    places: [cusco, la-paz]
  - id: dam-plan
    title: A dam is planned
    date: 2021-11-15
    theme: water
    places: [quito]
    source:
      name: A test gazette
      date: 2021-11-16
      url: https://example.org/gazette
  - id: drought
    title: A dry summer
    date: 2022-01
    theme: water
    places: [lima]
""",
    "content/updates.yaml": """\
updates:
  - date: 2022-05-20
    text: The pass has opened again.
  - date: 2022-04-03
    text: Added the closed pass.
""",
}


def write_story(root: Path) -> Path:
    """Write the story test site (STORY_FILES, with the real templates and static) under `root`."""
    return write_site(root, {**{name: None for name in BASE_FILES}, **STORY_FILES})


def read_explainer(root: Path):
    """The explainer under `root` as the generator reads it (site, sections, events, updates), for deriving expectations."""
    from explainer.build import read_explainer as model

    return model(root)


# A site for the data exports and embeds: every date precision, ranges, an approximate date, sources, a route,
# text with markup and characters that need escaping in CSV, iCalendar and JSON.
DATA_SITE_FILES: dict[str, str | bytes | None] = {
    "site.yaml": SITE_YAML.replace("title: Test explainer", 'title: "Rivers, roads; and a ferry"').replace(
        "language: en\n", "language: en-GB\n"
    )
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
