"""Markdown to safe HTML: python-markdown converts, nh3 keeps only the markup editors may use."""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import threading
from collections.abc import Iterable

import markdown
import nh3

from .typography import TypographyExtension

# What editors may write, in Markdown or as HTML; everything else is removed, its text kept.
ALLOWED_TAGS = {
    "p", "br", "hr", "h3", "h4", "blockquote", "ul", "ol", "li",
    "em", "strong", "code", "pre", "a", "abbr", "sub", "sup", "q", "cite",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
PARALLEL_MIN = 500  # new texts per core before converting them in worker processes pays for starting those


class Renderer:
    """Converts Markdown texts, reusing one parser; a text seen before is not converted again."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[TypographyExtension()], output_format="html")
        self._cache: dict[str, str] = {}  # sha256 of the text -> its sanitized HTML

    def html(self, text: str) -> str:
        """Markdown block text to sanitized HTML."""
        key = _key(text)
        if key not in self._cache:
            self._cache[key] = self.convert(text)
        return self._cache[key]

    def convert(self, text: str) -> str:
        """Markdown block text to sanitized HTML, bypassing the cache."""
        self._md.reset()
        return sanitize(self._md.convert(text))

    def prepare(self, texts: Iterable[str]) -> None:
        """Convert many new texts ahead on every core, when there are enough of them; html() then finds them done."""
        todo = {key: text for text in texts if (key := _key(text)) not in self._cache}
        workers = min(os.cpu_count() or 1, len(todo) // PARALLEL_MIN)
        # Workers are forked (spawned ones would re-import the main script), so only where that is safe:
        # on Linux, with no other thread running; the preview, which builds in a thread, converts one by one.
        if workers < 2 or sys.platform != "linux" or threading.active_count() > 1:
            return
        import multiprocessing  # here, not above: most builds never get this far, and these take time to import
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            converted = pool.map(convert_in_worker, todo.values(), chunksize=max(1, len(todo) // (8 * workers)))
            self._cache.update(zip(todo, converted))

    def inline(self, text: str) -> str:
        """A one-line Markdown text to sanitized HTML without the surrounding paragraph."""
        html = self.html(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return html


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@functools.cache
def _worker_renderer() -> Renderer:
    return Renderer()


def convert_in_worker(text: str) -> str:
    """Renderer.convert in a worker process, which keeps one Renderer for all the texts it is given."""
    return _worker_renderer().convert(text)


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
