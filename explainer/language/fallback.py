"""How an edition shows an item it does not translate: in the main edition's language, marked, with a note."""

from __future__ import annotations

from dataclasses import dataclass

from .interface import Interface
from .tags import resolve


@dataclass(frozen=True, slots=True)
class Fallback:
    """How an item the edition does not translate is shown: in `lang` (the main edition's), with a note in the page's."""

    lang: str
    dir: str
    note: str  # "Not yet translated: shown in English."
    marker: str  # the short form, for an event: "Untranslated: English"


def fallback(lang: str, words: Interface) -> Fallback | None:
    """The fallback of a text in `lang` on a page in `words`' language; None for a text in the page's own language."""
    if not lang:
        return None
    name = words.locale.languages.get(resolve(lang).language, lang)
    return Fallback(
        lang,
        Interface(lang).direction,
        words.gettext("Not yet translated: shown in %(language)s.") % {"language": name},
        words.gettext("Untranslated: %(language)s") % {"language": name},
    )
