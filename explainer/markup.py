"""Markdown to safe HTML: python-markdown converts, nh3 keeps only the markup editors may use."""

from __future__ import annotations

import hashlib

import markdown
import nh3

# What editors may write, in Markdown or as HTML; everything else is removed, its text kept.
ALLOWED_TAGS = {
    "p", "br", "hr", "h3", "h4", "blockquote", "ul", "ol", "li",
    "em", "strong", "code", "pre", "a", "abbr", "sub", "sup", "q", "cite",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


class Renderer:
    """Converts Markdown texts, reusing one parser; a text seen before is not converted again."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["smarty"], output_format="html")
        self._cache: dict[str, str] = {}  # sha256 of the text -> its sanitized HTML

    def html(self, text: str) -> str:
        """Markdown block text to sanitized HTML."""
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        if key not in self._cache:
            self._md.reset()
            self._cache[key] = sanitize(self._md.convert(text))
        return self._cache[key]

    def inline(self, text: str) -> str:
        """A one-line Markdown text to sanitized HTML without the surrounding paragraph."""
        html = self.html(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return html


def sanitize(html: str) -> str:
    """Keep only allowed tags, attributes and URL schemes: no script, handlers or frames."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        link_rel=None,
    )
