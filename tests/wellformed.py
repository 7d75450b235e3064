"""Checks that built files are well-formed: XML parses, HTML nests, no character either may not hold, ids unique."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from html.parser import HTMLParser

from explainer.content.textchars import FORBIDDEN

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose end tag HTML lets a page leave out (all our templates close them anyway, but Markdown may not).
OPTIONAL_END = {"p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody"}


class _Nesting(HTMLParser):
    """Every element closed in order, every id once."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.open: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key == "id":
                assert value not in self.ids, f"{self.name}: the id {value!r} is used twice"
                self.ids.add(value)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open[-1] != tag and self.open[-1] in OPTIONAL_END:
            self.open.pop()
        assert self.open and self.open[-1] == tag, (
            f"{self.name}: </{tag}> closes <{self.open[-1] if self.open else 'nothing'}>"
        )
        self.open.pop()


def assert_well_formed(files: Mapping[str, bytes]) -> None:
    """Every XML file (.xml, .svg) parses; every HTML file is UTF-8 with nothing XML forbids, nested properly, its ids unique."""
    checked = 0
    for name, data in sorted(files.items()):
        if name.endswith((".xml", ".svg")):
            ET.fromstring(data)
            checked += 1
        elif name.endswith(".html"):
            text = data.decode("utf-8")
            bad = FORBIDDEN.search(text)
            assert bad is None, f"{name}: holds U+{ord(bad.group()):04X} at {bad.start()}"
            parser = _Nesting(name)
            parser.feed(text)
            parser.close()
            assert parser.open in ([], ["html"], ["html", "body"]) or not parser.open, (
                f"{name}: never closed: {parser.open}"
            )
            checked += 1
    assert checked >= 3  # index.html, feed.xml and sitemap.xml at least
