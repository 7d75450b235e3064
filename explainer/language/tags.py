"""The site's language: a BCP 47 tag resolved to a CLDR locale (through Babel), and the tags close to a mistyped one."""

from __future__ import annotations

import difflib
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers

# A bare `en` has always meant international English here (6 April 2021); CLDR's `en` is American
# English (April 6, 2021) and its "English (world)" is en_001.
_DEFAULTS = {"en": "en_001"}


@cache
def resolve(tag: str) -> Locale:
    """The CLDR locale of a BCP 47 tag such as `fr`, `ur-PK` or `zh-Hans`; raise ValueError for an unknown one."""
    parts = tag.split("-")
    try:
        locale = Locale.parse(_DEFAULTS.get(tag, tag), sep="_" if tag in _DEFAULTS else "-")
    except (UnknownLocaleError, ValueError):
        raise ValueError(unknown_message(tag)) from None
    known = {part.lower() for part in (locale.language, locale.script, locale.territory, locale.variant) if part}
    if tag not in _DEFAULTS and any(part.lower() not in known for part in parts):
        raise ValueError(unknown_message(tag))  # Babel would quietly read en-ZZ as en-US
    return locale


def unknown_message(tag: str) -> str:
    """Say that CLDR does not know `tag`: the tag of a language named or coded so, or else the known tags closest to it."""
    named_tags = _tags_by_name().get(tag.casefold())
    if named_tags:
        return f"language '{tag}' is a language's name, not its tag; write its BCP 47 tag instead: {' or '.join(named_tags)}"
    coded = _two_letter(tag)
    if coded:
        name = Locale.parse(coded).english_name
        return f"language '{tag}' is the three-letter code of {name}; write its BCP 47 tag instead: {coded}"
    close = difflib.get_close_matches(tag.replace("_", "-"), _known_tags(), n=3, cutoff=0.6)
    named = [repr(c) for c in close]
    hint = (
        f"did you mean {' or '.join([', '.join(named[:-1]), named[-1]] if len(named) > 1 else named)}?"
        if close
        else "write a BCP 47 tag such as en, fr, ar, ur or zh-Hans"
    )
    return f"language '{tag}' is not one CLDR knows; {hint}"


def _two_letter(tag: str) -> str | None:
    """The two-letter tag of an ISO 639-2 code CLDR has an alias for (spa -> es, ger -> de); None for any other tag."""
    if len(tag) != 3 or not tag.isascii() or not tag.isalpha():
        return None
    try:
        language = Locale.parse(tag.lower()).language
    except (UnknownLocaleError, ValueError):
        return None
    return language if len(language) == 2 else None


@cache
def _tags_by_name() -> dict[str, tuple[str, ...]]:
    """CLDR's languages by their English name and their name in themselves, case-folded: spanish, español -> (es,)."""
    tags: dict[str, set[str]] = {}
    for identifier in locale_identifiers():
        if "_" in identifier:
            continue  # a language alone: its regional and script variants are named after it
        locale = Locale.parse(identifier)
        for name in (locale.english_name, locale.display_name):
            if name:
                tags.setdefault(name.casefold(), set()).add(identifier)
    return {name: tuple(sorted(found)) for name, found in tags.items()}


@cache
def _known_tags() -> tuple[str, ...]:
    return tuple(sorted(identifier.replace("_", "-") for identifier in locale_identifiers()))


def canonical(tag: str) -> str:
    """The tag in BCP 47's usual spelling (`pt-br` -> `pt-BR`, `zh-hans` -> `zh-Hans`); raise ValueError for an unknown one."""
    resolve(tag)
    return str(Locale.parse(tag, sep="-")).replace("_", "-")


def autonym(tag: str) -> str:
    """The language's name in itself, as CLDR writes it, with a capital where the script has them: Français, اردو."""
    name = Locale.parse(tag, sep="-").get_display_name(tag.replace("-", "_")) or tag
    return name[:1].upper() + name[1:]
