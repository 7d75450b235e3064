"""The editions as a page shows them: the language switcher and the hreflang links."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..language.interface import Interface
from ..language.tags import autonym
from ..model import Site


@dataclass(frozen=True, slots=True)
class EditionLink:
    """One edition in the switcher and the head's alternates, as seen from the page of `current`."""

    language: str  # its BCP 47 tag: the link's lang and hreflang
    name: str  # the language's name in itself: Français, اردو
    dir: str  # "rtl" or "ltr"
    url: str  # absolute: base_url, or base_url + <tag>/
    href: str  # relative to the page that shows it: fr/, ../, ../ur/, ./
    current: bool


def edition_links(sites: Sequence[Site], current: str) -> tuple[EditionLink, ...]:
    """Every edition (the main one's Site first), linked from the page of the edition `current`; () without editions."""
    if len(sites) < 2:
        return ()
    main = sites[0].language
    return tuple(
        EditionLink(
            site.language,
            autonym(site.language),
            Interface(site.language).direction,
            site.base_url,
            _href(site.language, main, current),
            site.language == current,
        )
        for site in sites
    )


def _href(target: str, main: str, current: str) -> str:
    """The relative link from the page of the edition `current` to that of `target`."""
    if target == current:
        return "./"
    path = "" if target == main else f"{target}/"
    return path or "./" if current == main else f"../{path}"


def root_path(links: Sequence[EditionLink]) -> str:
    """The way from the page to the site's root, where the shared files are: "" for the main edition, "../" for another."""
    return "../" if links and not links[0].current else ""


def alternates(links: Sequence[EditionLink]) -> tuple[tuple[str, str], ...]:
    """The head's hreflang alternates: every edition, itself included, then x-default for the main edition."""
    return (*((link.language, link.url) for link in links), *((("x-default", links[0].url),) if links else ()))
