"""A small English explainer with two partial translations: French (content/fr/) and Urdu (content/ur/, right to left)."""

from __future__ import annotations

from pathlib import Path

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
