"""The map's words in the site's language: light, so that drawings.py can key the cached map by them."""

from __future__ import annotations

from dataclasses import dataclass

from babel.core import get_global
from babel.numbers import format_decimal

from ..interface import Interface, N_
from ..language import resolve


@dataclass(frozen=True)
class MapText:
    """The map's words in the site's language (page.py takes them from the catalogs)."""

    language: str  # the BCP 47 tag, whose CLDR plural rules pick a form of `places`
    places: tuple[tuple[str, str], ...]  # (plural category, "Map of {n} places: {names}.")
    separator: str  # between names: ", "
    colon: str  # ": "
    off_map: str  # "Off the map {direction}: {name}."
    off_map_label: str  # "{name}, off the map {direction}"
    directions: tuple[str, ...]  # "to the east", then clockwise on screen, as compass() orders them
    full_stop: str  # "."
    countries: tuple[tuple[str, str], ...] = ()  # (ISO 3166 numeric id, CLDR name); none: the basemap's English names

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left (the map's text then runs that way)."""
        return resolve(self.language).character_order == "right-to-left"

    def direction(self, heading: float) -> str:
        """Where a heading points, in words: "to the north-east"."""
        return self.directions[round(heading / 45) % 8]

    def count(self, n: int) -> str:
        """The "Map of {n} places: {names}." form for n, n written in the language's digits."""
        locale = resolve(self.language)
        forms = dict(self.places)
        return forms.get(locale.plural_form(n), forms["other"]).replace("{n}", format_decimal(n, locale=locale))


def map_text(words: Interface) -> MapText:
    """The map's words in the language, for its text alternative and the labels of places off its edge."""
    _ = words.gettext
    return MapText(
        language=words.language,
        places=words.plural_forms("Map of {n} place: {names}.", "Map of {n} places: {names}."),
        separator=words.join(["", ""]),
        colon=_(": "),
        off_map=_("Off the map {direction}: {name}."),
        off_map_label=_("{name}, off the map {direction}"),
        directions=tuple(_(d) for d in DIRECTIONS),
        full_stop=_("."),
        countries=country_names(words.language),
    )


def country_names(language: str) -> tuple[tuple[str, str], ...]:
    """CLDR's name of every country in the language, by the ISO 3166 numeric id the basemap's shapes carry.

    An English site keeps Natural Earth's own short English labels (none returned).
    """
    locale = resolve(language)
    if locale.language == "en":
        return ()
    aliases = get_global("territory_aliases")  # CLDR maps each numeric code to its alpha-2 code: 586 -> PK
    return tuple(
        sorted((code, locale.territories[alpha[0]]) for code, alpha in aliases.items()
               if code.isdigit() and len(alpha) == 1 and alpha[0] in locale.territories)
    )


# Where a place off the map lies, from east clockwise (screen headings), as the map's text says it.
DIRECTIONS = (
    N_("to the east"), N_("to the south-east"), N_("to the south"), N_("to the south-west"),
    N_("to the west"), N_("to the north-west"), N_("to the north"), N_("to the north-east"),
)
