"""A small English explainer with two partial translations: French (content/fr/) and Urdu (content/ur/, right to left)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from explainer.build import build

from .sites import SITE_YAML, write_site

EVENTS = """\
events:
  - id: one
    title: First event
    text: The first thing happened.
    date: 2021-04-06
    theme: alpha
    places: [islamabad]
    source:
      name: The wire
      date: 2021-04-06
  - id: two
    title: Second event
    text: The second thing happened.
    date: 2021-04-08
    theme: beta
    places: [kabul]
"""

FRENCH_SITE = """\
title: Explication de test
dek: Une petite explication pour les tests.
byline: La rédaction
themes:
  - id: alpha
    label: Alpha en français
places:
  - id: islamabad
    name: Islamabad en français
"""

FRENCH_ALPHA = """\
---
theme: alpha
title: Section alpha en français
summary: Le résumé en français.
---
Le texte alpha en français.
"""

FRENCH_EVENTS = """\
events:
  - id: one
    title: Premier événement
    text: La première chose est arrivée.
    source:
      name: L'agence
"""

URDU_SITE = """\
title: جانچ کا مضمون
dek: جانچ کے لیے ایک چھوٹا مضمون۔
themes:
  - id: alpha
    label: الفا
  - id: beta
    label: بیٹا
places:
  - id: islamabad
    name: اسلام آباد
  - id: kabul
    name: کابل
"""

URDU_BETA = """\
---
theme: beta
title: بیٹا حصہ
---
بیٹا کا متن اردو میں۔
"""

EDITION_FILES: dict[str, str | bytes | None] = {
    "site.yaml": SITE_YAML + "updated: 2021-05-02\n",
    "content/events.yaml": EVENTS,
    "content/updates.yaml": "updates:\n  - date: 2021-05-02\n    text: Added the second event.\n",
    "content/fr/site.yaml": FRENCH_SITE,
    "content/fr/alpha.md": FRENCH_ALPHA,
    "content/fr/events.yaml": FRENCH_EVENTS,
    "content/ur/site.yaml": URDU_SITE,
    "content/ur/beta.md": URDU_BETA,
}


def write_edition_site(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the site with its French and Urdu editions (plus `files`) under `root`."""
    return write_site(root, {**EDITION_FILES, **(files or {})})


ROUTE = """\
routes:
  - id: ash-drift
    label: The drift of the ash cloud
    theme: eruption
    places: [volcano, capital]
"""

FALLBACK_FRENCH = """\
title: Le jour où le volcan a coupé le câble
themes:
  - id: eruption
    label: L'éruption
people:
  - id: vake
    name: Sela Vake
  - id: minister
    name: Tevita Lavemaau
"""

FALLBACK_FRENCH_ERUPTION = """\
---
theme: eruption
title: L'éruption
---
Le volcan a explosé à 17 h 14, heure locale.
"""

FALLBACK_URDU = """\
dek: ایک زیر سمندر آتش فشاں نے ایک جزیرے کو دنیا سے کاٹ دیا۔
people:
  - id: vake
    name: سیلا واکے
  - id: minister
    name: تیویتا لاویماؤ
"""


def write_fallback_site(root: Path) -> Path:
    """The photo story (photos with alt text and captions, people, sources), with a route, and French and Urdu
    editions that translate little: the rest is shown in English. The people's names are translated, so that every
    English text the editions show is a fallback (a person's name is also written in the source's credit, and so is the
    outlet, which events name as their source)."""
    from .photo_sites import photo_files

    files = photo_files()
    return write_site(
        root,
        {
            **files,
            "site.yaml": str(files["site.yaml"]).replace("outlet: The Island Times", "outlet: Island Times Online")
            + ROUTE,
            "content/fr/site.yaml": FALLBACK_FRENCH,
            "content/fr/eruption.md": FALLBACK_FRENCH_ERUPTION,
            "content/ur/site.yaml": FALLBACK_URDU,
        },
    )


def edition_fixtures(write: Callable[[Path], Path], name: str):
    """A test module's `project` fixture, the site `write` makes, and `built`, its strict build beside it."""

    @pytest.fixture(scope="module")
    def project(tmp_path_factory) -> Path:
        return write(tmp_path_factory.mktemp(name) / "site")

    @pytest.fixture(scope="module")
    def built(project: Path) -> Path:
        out = project.parent / "out"
        build(project, out, strict=True)
        return out

    return project, built
