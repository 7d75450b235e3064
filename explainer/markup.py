"""Markdown to safe HTML: python-markdown converts, nh3 keeps only the markup editors may use."""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

import markdown
import nh3

from .typography import TypographyExtension

if TYPE_CHECKING:  # imported when workers start: most builds never start any, and these take time to import
    from concurrent.futures import Future, ProcessPoolExecutor

# What editors may write, in Markdown or as HTML; everything else is removed, its text kept.
ALLOWED_TAGS = {
    "p", "br", "hr", "h3", "h4", "blockquote", "ul", "ol", "li",
    "em", "strong", "code", "pre", "a", "abbr", "sub", "sup", "q", "cite",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
PARALLEL_MIN = 500  # new texts per core before converting them in worker processes pays for starting those


class Renderer:
    """Converts Markdown texts, reusing one parser; a text seen before is not converted again.

    `prepare` hands many new texts to worker processes on the other cores and returns at once, so that the build
    goes on (parsing events.yaml, say) while they convert; `html` then waits for each text as it needs it.
    """

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[TypographyExtension()], output_format="html")
        self._cache: dict[str, str] = {}  # sha256 of the text -> its sanitized HTML
        self._pending: dict[str, tuple[Future[list[str]], int]] = {}  # sha256 -> a worker's batch, and the text's place in it
        self._pool: ProcessPoolExecutor | None = None

    def html(self, text: str) -> str:
        """Markdown block text to sanitized HTML."""
        key = _key(text)
        html = self._cache.get(key)
        if html is None:
            batch = self._pending.pop(key, None)
            html = self._cache[key] = batch[0].result()[batch[1]] if batch else self.convert(text)
        return html

    def convert(self, text: str) -> str:
        """Markdown block text to sanitized HTML, bypassing the cache."""
        self._md.reset()
        return sanitize(self._md.convert(text))

    def prepare(self, texts: Iterable[str]) -> None:
        """Start converting many new texts on the other cores, when there are enough of them to pay for the workers."""
        todo = {key: text for text in texts if (key := _key(text)) not in self._cache and key not in self._pending}
        if self._pool is None:
            workers = min(os.cpu_count() or 1, len(todo) // PARALLEL_MIN)
            # Workers are forked (spawned ones would re-import the main script), so only where that is safe:
            # on Linux, with no other thread running; the preview, which builds in a thread, converts one by one.
            if workers < 2 or sys.platform != "linux" or threading.active_count() > 1:
                return
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        keys = list(todo)
        size = max(1, len(keys) // (8 * (os.cpu_count() or 1)))  # batches small enough to keep every worker busy to the end
        for start in range(0, len(keys), size):
            batch = keys[start : start + size]
            future = self._pool.submit(convert_in_worker, [todo[key] for key in batch])
            self._pending.update((key, (future, n)) for n, key in enumerate(batch))

    def close(self) -> None:
        """Stop the worker processes, if any were started; texts still pending are converted here if asked for later."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
            self._pending.clear()

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


def convert_in_worker(texts: list[str]) -> list[str]:
    """Renderer.convert in a worker process, which keeps one Renderer for all the texts it is given."""
    renderer = _worker_renderer()
    return [renderer.convert(text) for text in texts]


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
