"""How an edition shows an item it does not translate: in the main edition's language, marked, with a note."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..model import Untranslated
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


def drawn_marks(text: str, rtl: bool, direction: str = "dir") -> tuple[str, bool]:
    """For an edition's untranslated `text` in a drawing that runs right to left if `rtl`: the attributes that mark its
    language (` lang="en"`), and its direction (`direction="ltr"` in SVG, `dir` in HTML) where it runs the other way;
    and whether the text runs right to left. ("", rtl) for a text in the drawing's own language."""
    return lang_marks(text.lang, rtl, direction) if isinstance(text, Untranslated) else ("", rtl)


def lang_marks(lang: str, rtl: bool, direction: str = "dir") -> tuple[str, bool]:
    """drawn_marks for a text in `lang`."""
    own = resolve(lang).character_order == "right-to-left"
    shown = f' lang="{escape(lang)}"' + (f' {direction}="{"rtl" if own else "ltr"}"' if own != rtl else "")
    return shown, own


def said(text: str, rtl: bool) -> str:
    """`text` escaped for a drawing's <title> or <desc> (or HTML); an untranslated text in a <span> marked with its
    language (the HTML parser reads a <span> inside an inline SVG's <title> or <desc> as HTML)."""
    shown, _ = drawn_marks(text, rtl)
    return f"<span{shown}>{escape(text)}</span>" if shown else escape(text)
