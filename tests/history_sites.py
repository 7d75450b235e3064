"""Two history explainers for tests: ancient Rome (509 BCE to 476 CE, uncertain and approximate dates) and the
twentieth century (decades, an unspecified decade). Their values may be asserted, unlike the shipped explainer's."""

from __future__ import annotations

from pathlib import Path

from .sites import write_site

ROME_SITE = """\
title: Rome, from republic to fall
dek: A test explainer about a thousand years of Roman history.
language: {language}
published: 2024-03-15
byline: The history desk
source:
  name: A test history
  kind: document
base_url: https://example.org/rome/
themes:
  - id: republic
    label: Republic
  - id: empire
    label: Empire
places:
  - id: rome
    name: Rome
    lat: 41.8933
    lon: 12.4829
  - id: carthage
    name: Carthage
    lat: 36.8528
    lon: 10.3233
"""

ROME_EVENTS = """\
events:
  - id: republic-founded
    title: The last king is driven out and the Republic founded
    date: -0508?
    theme: republic
    places: [rome]
  - id: twelve-tables
    title: The Twelve Tables are written down
    date: -0450~
    end: -0449~
    theme: republic
    places: [rome]
  - id: gauls
    title: Gauls sack Rome
    date: -0389
    approximate: true
    theme: republic
    places: [rome]
  - id: punic-war
    title: The First Punic War
    date: -0263
    end: -0240
    theme: republic
    places: [carthage]
  - id: hannibal
    title: Hannibal crosses the Alps
    date: -0217-10%
    theme: republic
  - id: carthage-destroyed
    title: Carthage is destroyed
    date: -0145
    theme: republic
    places: [carthage]
  - id: rubicon
    title: Caesar crosses the Rubicon
    date: -0048-01-10
    theme: republic
  - id: ides-of-march
    title: Caesar is murdered on the Ides of March
    date: -0043-03-15
    theme: republic
    places: [rome]
  - id: augustus
    title: Octavian becomes Augustus
    date: -0026-01-16
    theme: empire
    places: [rome]
  - id: augustus-dies
    title: Augustus dies
    date: 0014-08-19
    theme: empire
  - id: great-fire
    title: The Great Fire of Rome
    date: 0064-07-18
    end: 0064-07-23
    theme: empire
    places: [rome]
  - id: vesuvius
    title: Vesuvius buries Pompeii
    date: 0079-10?
    theme: empire
  - id: crisis
    title: The crisis of the third century
    date: 0235
    end: 0284
    theme: empire
  - id: milan
    title: The Edict of Milan
    date: 0313~
    theme: empire
  - id: sack
    title: Visigoths sack Rome
    date: 0410-08-24
    theme: empire
    places: [rome]
  - id: fall
    title: The last western emperor is deposed
    date: 0476-09-04
    theme: empire
    places: [rome]
"""

CENTURY_SITE = (
    ROME_SITE.replace("Rome, from republic to fall", "A century of change")
    .replace(
        "A test explainer about a thousand years of Roman history.", "A test explainer about the twentieth century."
    )
    .replace("https://example.org/rome/", "https://example.org/century/")
)

CENTURY_EVENTS = """\
events:
  - id: first-war
    title: The First World War
    date: 1914-07-28
    end: 1918-11-11
    theme: republic
  - id: crash
    title: The stock market crashes
    date: 1929-10
    theme: empire
  - id: depression
    title: The Depression spreads
    date: 193X
    theme: empire
  - id: second-war
    title: The Second World War
    date: 1939-09-01
    end: 1945-09-02
    theme: republic
  - id: sputnik
    title: Sputnik is launched
    date: 1957-10-04
    theme: empire
  - id: moon
    title: The first landing on the Moon
    date: 1969-07-20T20:17Z
    theme: empire
  - id: wall
    title: The Berlin Wall falls
    date: 1989-11-09
    theme: republic
    places: [rome]
  - id: euro
    title: The euro is introduced
    date: 1999-01-01
    theme: empire
    places: [rome]
"""


def _files(site: str, events: str, language: str) -> dict[str, str | None]:
    return {
        "site.yaml": site.format(language=language),
        "content/alpha.md": "---\ntheme: republic\ntitle: The Republic\nplaces: [rome]\n---\nThe Republic's story.\n",
        "content/beta.md": "---\ntheme: empire\ntitle: The Empire\nplaces: [carthage]\n---\nThe Empire's story.\n",
        "content/events.yaml": events,
    }


def write_rome_site(root: Path, language: str = "en") -> Path:
    """Ancient Rome, 509 BCE to 476 CE, in `language` (the English titles stay: only the interface changes)."""
    return write_site(root, _files(ROME_SITE, ROME_EVENTS, language))


def write_century_site(root: Path, language: str = "en") -> Path:
    """The twentieth century, 1914 to 1999, with a decade (193X)."""
    return write_site(root, _files(CENTURY_SITE, CENTURY_EVENTS, language))
