"""The words the page says to readers, in the site's language: gettext catalogs (Babel) and site.yaml's `strings:`.

The catalogs are explainer/locales/<locale>/LC_MESSAGES/messages.po, read and compiled in memory at build time:
the repository holds no compiled .mo file to fall out of step with its .po. `make messages` extracts the
messages from templates/ and explainer/ into messages.pot and updates every catalog.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.core import get_global
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from ..model import StringOverride
from .tags import resolve

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
TEMPLATE_FILE = LOCALES_DIR / "messages.pot"
DOMAIN = "messages"
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Message:
    """One interface message of the catalog template: its id, and its plural id if it has plural forms."""

    msgid: str
    plural: str | None


@cache
def messages() -> dict[str, Message]:
    """Every interface message, by id, from messages.pot."""
    with open(TEMPLATE_FILE, "rb") as file:
        template = read_po(file)
    return {
        m.id[0] if isinstance(m.id, (tuple, list)) else m.id: Message(
            *(m.id if isinstance(m.id, (tuple, list)) else (m.id, None))
        )
        for m in template
        if m.id
    }


@cache
def catalog_name(language: str) -> str | None:
    """The shipped catalog for a tag (fr-CA -> fr, zh -> zh_Hans, pt-BR -> pt), or None if there is none.

    Looked up once per tag and process: every interface word of a page asks for it, and the catalogs are the
    generator's own files, not the explainer's, so they do not change under a running preview."""
    locale = resolve(language)
    script = locale.script or _likely_script(locale.language)
    for name in (str(locale), f"{locale.language}_{script}" if script else "", locale.language):
        if name and (LOCALES_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.po").is_file():
            return name
    return None


def _likely_script(language: str) -> str | None:
    likely = get_global("likely_subtags").get(language, "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else None


@cache
def _translations(name: str) -> Translations:
    """A catalog compiled in memory from its .po."""
    with open(LOCALES_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as file:
        catalog: Catalog = read_po(file, locale=name)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def missing_strings(language: str, overrides: tuple[StringOverride, ...]) -> list[str]:
    """The messages a language with no catalog still needs in `strings:` (none if it has a catalog)."""
    if catalog_name(language) is not None:
        return []
    given = {o.msgid for o in overrides}
    return [msgid for msgid in messages() if msgid not in given]


@dataclass(frozen=True, eq=False)
class Interface:
    """The interface words and number and list formats of one language, site.yaml's `strings:` first."""

    language: str
    overrides: tuple[StringOverride, ...] = ()

    @property
    def locale(self) -> Locale:
        return resolve(self.language)

    @property
    def direction(self) -> str:
        """ "rtl" for Arabic, Urdu, Persian, Hebrew and every other right-to-left script; else "ltr"."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def key(self) -> str:
        """What the words depend on, for caches: the language and its overrides."""
        return repr((self.language, catalog_name(self.language), [(o.msgid, o.forms) for o in self.overrides]))

    def gettext(self, message: str) -> str:
        forms = self._override(message)
        if forms is not None:
            return forms.get("other", "")
        name = catalog_name(self.language)
        return _translations(name).gettext(message) if name else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self._override(singular)
        if forms is not None:
            return forms.get(self.locale.plural_form(n), forms.get("other", ""))
        name = catalog_name(self.language)
        return _translations(name).ngettext(singular, plural, n) if name else singular if n == 1 else plural

    def plural_forms(self, singular: str, plural: str) -> tuple[tuple[str, str], ...]:
        """The message in each CLDR plural category the language has, for a script that knows only the number."""
        return tuple(
            (category, self.ngettext(singular, plural, _sample(self.locale, category))) for category in self.categories
        )

    @property
    def categories(self) -> tuple[str, ...]:
        """The CLDR plural categories of the language, in the usual order."""
        have = set(self.locale.plural_form.tags) | {"other"}
        return tuple(c for c in PLURAL_CATEGORIES if c in have)

    def number(self, n: int) -> str:
        """A count in the language's digits and grouping: 1,000 in English, 1 000 in French."""
        return format_decimal(n, locale=self.locale)

    def join(self, items: list[str]) -> str:
        """A list without a conjunction: "A, B, C"; "A، B، C" in Arabic; "A、B、C" in Chinese (the catalog's ", ")."""
        return self.gettext(", ").join(items)

    def and_list(self, items: list[str]) -> str:
        """A list with the language's "and": "A, B and C"."""
        return format_list(items, locale=self.locale) if items else ""

    def _override(self, msgid: str) -> dict[str, str] | None:
        for override in self.overrides:
            if override.msgid == msgid:
                return dict(override.forms)
        return None


def _sample(locale: Locale, category: str) -> int:
    """The smallest count CLDR puts in `category` (0 for zero, 1 for one, 2 for two, 2 for few in Russian, 10**6 for many in French)."""
    return next((n for n in (*range(1000), 10**6) if locale.plural_form(n) == category), 10**6)
