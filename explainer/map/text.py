"""The map's words in the site's language: light, so that drawings.py can key the cached map by them."""

from __future__ import annotations

from dataclasses import dataclass

from babel.core import get_global
from babel.numbers import format_decimal

from ..language.interface import N_, Interface
from ..language.tags import resolve


@dataclass(frozen=True)
class MapText:
    """The map's words in the site's language (page/context.py takes them from the catalogs)."""

    language: str  # the BCP 47 tag, whose CLDR plural rules pick a form of `places`
    places: tuple[tuple[str, str], ...]  # (plural category, "Map of {n} places: {names}.")
    separator: str  # between names: ", "
    colon: str  # ": "
    full_stop: str  # "."
    no_places: str  # "Map."
    inset: str  # "A world locator inset, {corner}, shows where the main map lies and, farther away: {names}."
    detail: str  # "The detail inset, {corner}, shows {names}."
    corners: tuple[tuple[str, str], ...]  # ("top right", its words), for the insets' corners
    routes: str  # the routes' key: "Routes on the map"
    countries: tuple[tuple[str, str], ...] = ()  # (ISO 3166 numeric id, CLDR name); none: the basemap's English names
    title: str = "%(title)s"  # the map's title, "Map: %(title)s", given the explainer's title

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left (the map's text then runs that way)."""
        return resolve(self.language).character_order == "right-to-left"

    def corner(self, corner: str) -> str:
        """A corner of the map ("top right", as svg.py names them) in words."""
        return dict(self.corners)[corner]

    def count(self, n: int) -> str:
        """The "Map of {n} places: {names}." form for n, n written in the language's digits."""
        locale = resolve(self.language)
        forms = dict(self.places)
        return forms.get(locale.plural_form(n), forms["other"]).replace("{n}", format_decimal(n, locale=locale))


def map_text(words: Interface) -> MapText:
    """The map's words in the language, for its text alternative and its key."""
    _ = words.gettext
    return MapText(
        language=words.language,
        places=words.plural_forms("Map of {n} place: {names}.", "Map of {n} places: {names}."),
        separator=words.join(["", ""]),
        colon=_(": "),
        full_stop=_("."),
        no_places=_("Map."),
        inset=_("A world locator inset, {corner}, shows where the main map lies and, farther away: {names}."),
        detail=_("The detail inset, {corner}, shows {names}."),
        corners=tuple((corner, _(corner)) for corner in CORNERS),
        routes=_("Routes on the map"),
        countries=country_names(words.language),
        title=_("Map: %(title)s"),
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
        sorted(
            (code, locale.territories[alpha[0]])
            for code, alpha in aliases.items()
            if code.isdigit() and len(alpha) == 1 and alpha[0] in locale.territories
        )
    )


# The corners of the map, as svg.py names them, where the insets may sit.
CORNERS = (N_("top right"), N_("top left"), N_("bottom right"), N_("bottom left"))
