"""Markdown to safe HTML: python-markdown converts, nh3 keeps only the markup editors may use."""

from __future__ import annotations

import functools
import hashlib
import re
import os
import sys
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

import markdown
import nh3
from markdown.extensions.footnotes import FootnoteExtension

from .quotes import PullQuoteExtension
from .typography import TypographyExtension, keep_together

if TYPE_CHECKING:  # imported when workers start: most builds never start any, and these take time to import
    from concurrent.futures import Future, ProcessPoolExecutor

# What editors may write, in Markdown or as HTML; everything else is removed, its text kept.
ALLOWED_TAGS = {
    "p", "br", "hr", "h3", "h4", "blockquote", "ul", "ol", "li",
    "em", "strong", "code", "pre", "a", "abbr", "sub", "sup", "q", "cite", "figure", "figcaption", "div",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}, "ol": {"start"}, "li": {"id"}, "sup": {"id"}}
# Footnotes (python-markdown's footnotes extension): its classes, and its ids, which scope_footnotes makes unique.
FOOTNOTE_CLASSES = {"div": {"class": {"footnote"}}, "a": {"class": {"footnote-ref", "footnote-backref"}}}
FOOTNOTE_ID = re.compile(r"fn(?:ref\d*)?-[\w-]+")
_FOOTNOTE_LINK = re.compile(r'(id="|href="#)(fn(?:ref\d*)?-)')
URL_SCHEMES = {"http", "https", "mailto"}
PARALLEL_MIN = 500  # new texts per worker process before starting it pays


class Renderer:
    """Converts Markdown texts, reusing one parser; a text seen before is not converted again.

    `prepare` hands many new texts, in batches, to worker processes on the other cores and returns at once, so
    that the build goes on (parsing events.yaml, say) while they convert. `html` then takes a text's batch from
    its worker, or, if no worker has started that batch yet, converts the batch here. Rather than wait for a
    worker, this process converts the batches no worker has started, last first, until the two meet.
    """

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[TypographyExtension(), PullQuoteExtension(), FootnoteExtension(SEPARATOR="-")], output_format="html")
        self._cache: dict[str, str] = {}  # sha256 of the text -> its sanitized HTML
        self._pending: dict[str, _Batch] = {}  # sha256 -> the batch it was handed to a worker in
        self._batches: list[_Batch] = []  # the batches not finished yet, in the order the workers take them
        self._pool: ProcessPoolExecutor | None = None

    def html(self, text: str) -> str:
        """Markdown block text to sanitized HTML."""
        key = _key(text)
        html = self._cache.get(key)
        if html is None:
            batch = self._pending.get(key)
            if batch is None:
                html = self._cache[key] = self.convert(text)
            else:
                self._finish(batch)
                html = self._cache[key]
        return html

    def convert(self, text: str) -> str:
        """Markdown block text to sanitized HTML, bypassing the cache."""
        self._md.reset()
        return keep_together(sanitize(self._md.convert(text)))

    def prepare(self, texts: Iterable[str]) -> None:
        """Start converting many new texts on the other cores, when there are enough of them to pay for a worker."""
        todo = {key: text for text in texts if (key := _key(text)) not in self._cache and key not in self._pending}
        cores = os.cpu_count() or 1
        if self._pool is None:
            workers = min(cores - 1, len(todo) // PARALLEL_MIN)  # this process converts too, while it waits
            # Workers are forked (spawned ones would re-import the main script), so only where that is safe:
            # on Linux, with no other thread running; the preview, which builds in a thread, converts one by one.
            if workers < 1 or sys.platform != "linux" or threading.active_count() > 1:
                return
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        keys = list(todo)
        size = max(1, len(keys) // (16 * cores))  # batches small enough to share the work out to the end
        for start in range(0, len(keys), size):
            batch_keys = keys[start : start + size]
            texts = [todo[key] for key in batch_keys]
            batch = _Batch(batch_keys, texts, self._pool.submit(convert_in_worker, texts))
            self._pending.update(dict.fromkeys(batch_keys, batch))
            self._batches.append(batch)

    def _finish(self, batch: _Batch) -> None:
        """A batch's HTML, converted here if no worker has started on it; else the worker's, once it is done."""
        if batch.future.cancel():
            self._keep(batch, [self.convert(text) for text in batch.texts])
            return
        for last in reversed(self._batches[:]):  # meanwhile, take over what the workers have not started, last first
            if last is batch or not last.future.cancel():
                break
            self._keep(last, [self.convert(text) for text in last.texts])
        self._keep(batch, batch.future.result())

    def _keep(self, batch: _Batch, converted: list[str]) -> None:
        self._cache.update(zip(batch.keys, converted))
        for key in batch.keys:
            del self._pending[key]
        self._batches.remove(batch)

    def close(self) -> None:
        """Stop the worker processes, if any were started; texts still pending are converted here if asked for later."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
            self._pending.clear()
            self._batches.clear()

    def inline(self, text: str) -> str:
        """A one-line Markdown text to sanitized HTML without the surrounding paragraph."""
        html = self.html(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return html


class _Batch(NamedTuple):
    """Texts handed to a worker together, with their keys, and the worker's HTML for them to come."""

    keys: list[str]
    texts: list[str]
    future: Future[list[str]]


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@functools.cache
def _worker_renderer() -> Renderer:
    return Renderer()


def convert_in_worker(texts: list[str]) -> list[str]:
    """Renderer.convert in a worker process, which keeps one Renderer for all the texts it is given."""
    renderer = _worker_renderer()
    return [renderer.convert(text) for text in texts]


def scope_footnotes(html: str, scope: str) -> str:
    """Prefix a text's footnote ids and links with `scope` (a section's or an event's anchor): each text numbers its own from 1."""
    if 'class="footnote' not in html:
        return html
    return _FOOTNOTE_LINK.sub(lambda m: f"{m.group(1)}{scope}-{m.group(2)}", html)


def _keep_footnote_ids(element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: an id survives only as the footnotes extension writes it."""
    if attribute == "id" and not FOOTNOTE_ID.fullmatch(value):
        return None
    return value


def sanitize(html: str) -> str:
    """Keep only allowed tags, attributes and URL schemes: no script, handlers or frames."""
    return _cleaner().clean(html)


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """The sanitizer's settings, built once: passed to nh3.clean instead, they are converted on every call."""
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=FOOTNOTE_CLASSES,
        attribute_filter=_keep_footnote_ids,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        link_rel=None,
    )
