"""Photo figures in a section's Markdown: a paragraph that is only `![](media:ID)` shows the photo ID of content/media.yaml.

python-markdown reads the paragraph as an image; FigureProcessor replaces it with a marker the sanitizer keeps
(`<figure>` holding the id between two private-use characters), and the page puts the photo, its caption and
credit in the marker's place once the photo's variants are known (`split_figures`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..errors import Loc
from ..model import MediaRef

MEDIA_SCHEME = "media:"
_OPEN, _HYPHEN = (
    "\ue000",
    "\ue001",
)  # private-use characters: no editor types them, and neither the typographer nor keep_together touches them
_MARKER = re.compile(f"<figure>{_OPEN}([a-z0-9{_HYPHEN}]+){_OPEN}</figure>")
FIGURE_LINE = re.compile(r" {0,3}!\[\]\(media:([^)\s]*)\)[ \t]*")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")


def marker(ident: str) -> str:
    """The marker text standing for photo `ident` in a section's HTML."""
    return f"{_OPEN}{ident.replace('-', _HYPHEN)}{_OPEN}"


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a section's text: HTML as it is, or (html "") the photo `photo` as a figure."""

    html: str
    photo: str = ""


def split_figures(html: str, known: AbstractSet[str]) -> tuple[Part, ...]:
    """A section's HTML cut at its figure markers; a marker of a photo not in `known` is dropped."""
    parts: list[Part] = []
    start = 0
    for match in _MARKER.finditer(html):
        parts.append(Part(html[start : match.start()]))
        ident = match.group(1).replace(_HYPHEN, "-")
        if ident in known:
            parts.append(Part("", ident))
        start = match.end()
    parts.append(Part(html[start:]))
    return tuple(p for p in parts if p.html or p.photo)


def strip_figures(html: str) -> str:
    """`html` without figure markers: only a section's text shows photos (an event names its photo with 'image')."""
    return _MARKER.sub("", html) if _OPEN in html else html


def is_figure_line(lines: list[str], number: int) -> bool:
    """True if line `number` is a paragraph of its own holding only `![](media:ID)` (lines of code already blanked)."""
    if not FIGURE_LINE.fullmatch(lines[number]):
        return False
    before = lines[number - 1] if number else ""
    after = lines[number + 1] if number + 1 < len(lines) else ""
    return (not before.strip() or bool(_HEADING.match(before))) and not after.strip()


def figure_refs(lines: list[str], path: str, first_line: int) -> tuple[MediaRef, ...]:
    """The photos the figure paragraphs among `lines` (code blanked) show, each with where its id is written."""
    refs = []
    for number, line in enumerate(lines):
        if "](media:" in line and is_figure_line(lines, number):
            match = FIGURE_LINE.fullmatch(line)
            assert match is not None  # is_figure_line matched it
            refs.append(MediaRef(match.group(1), Loc(path, first_line + number, match.start(1) + 1)))
    return tuple(refs)


class FigureProcessor(Treeprocessor):
    """Replaces each top-level paragraph holding only a `media:` image with alt text left empty by the photo's marker."""

    def run(self, root: etree.Element) -> None:
        for index, paragraph in enumerate(list(root)):
            image = paragraph[0] if paragraph.tag == "p" and len(paragraph) == 1 else None
            if (
                image is None
                or image.tag != "img"
                or (paragraph.text or "").strip()
                or (image.tail or "").strip()
                or image.get("alt")
                or not (image.get("src") or "").startswith(MEDIA_SCHEME)
            ):
                continue
            figure = etree.Element("figure")
            figure.text = marker(image.get("src", "")[len(MEDIA_SCHEME) :])
            figure.tail = paragraph.tail
            root.remove(paragraph)
            root.insert(index, figure)


class FigureExtension(Extension):
    """Runs after inline parsing (priority 20) has made the images."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(FigureProcessor(md), "media-figure", 4)
