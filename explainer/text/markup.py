"""Markdown to safe HTML: python-markdown converts, nh3 keeps only the markup editors may use."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
import threading
from collections.abc import Iterable
from html import escape
from html.parser import HTMLParser
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions.footnotes import FootnoteExtension

from ..content.textchars import references, scrub
from ..errors import Loc, SourceError
from ..language.interface import N_
from ..model import MediaRef
from .figures import FigureExtension, figure_refs, is_figure_line
from .quotes import PullQuoteExtension
from .typography import TypographyExtension, keep_together

if TYPE_CHECKING:  # imported when workers start: most builds never start any, and these take time to import
    from concurrent.futures import Future, ProcessPoolExecutor

# What editors may write, in Markdown or as HTML; everything else is removed, its text kept.
ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h3",
    "h4",
    "blockquote",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "code",
    "pre",
    "a",
    "abbr",
    "sub",
    "sup",
    "q",
    "cite",
    "figure",
    "figcaption",
    "div",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "q": {"cite"},
    "ol": {"start"},
    "li": {"id"},
    "sup": {"id"},
}
# Footnotes (python-markdown's footnotes extension): its classes, and its ids, which scope_footnotes makes unique.
FOOTNOTE_CLASSES = {"div": {"class": {"footnote"}}, "a": {"class": {"footnote-ref", "footnote-backref"}}}
FOOTNOTE_ID = re.compile(r"fn(?:ref\d*)?-[\w-]+")
_FOOTNOTE_LINK = re.compile(r'(id="|href="#)(fn(?:ref\d*)?-)')
# A back-link's title, the extension's own words, in the page's language (title_backlinks).
BACKLINK_TITLE = N_("Jump back to footnote {number} in the text")
_NOTE = re.compile(r'<li id="[^"]*fn-[^"]*">')  # a footnote, in the order of their numbers
_BACKLINK = re.compile(r'(<a class="footnote-backref" href="#[^"]*")(?: lang="[^"]*")?(?: dir="[^"]*")? title="[^"]*"')
URL_SCHEMES = {"http", "https", "mailto"}
HEADING_LEVELS = (3, 4)  # the page's own headings are h1 and h2; a section's text may use h3 and h4
REMOVED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template"}
PARALLEL_MIN = 500  # new texts per worker process before starting it pays


class Renderer:
    """Converts Markdown texts, reusing one parser; a text seen before is not converted again.

    `prepare` hands many new texts, in batches, to worker processes on the other cores and returns at once, so
    that this process goes on converting too. `html` then takes a text's batch from
    its worker, or, if no worker has started that batch yet, converts the batch here. Rather than wait for a
    worker, this process converts the batches no worker has started, last first, until the two meet.
    """

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=[
                TypographyExtension(),
                PullQuoteExtension(),
                FigureExtension(),
                FootnoteExtension(SEPARATOR="-"),
            ],
            output_format="html",
        )
        self._cache: dict[str, str] = {}  # sha256 of the text -> its sanitized HTML
        self._owned: dict[
            str, str
        ] = {}  # where a text comes from (a section's path, an event's place) -> the key of its latest text
        self._owners: dict[str, int] = {}  # key -> how many owners have it as their latest text
        self._pending: dict[str, _Batch] = {}  # sha256 -> the batch it was handed to a worker in
        self._batches: list[_Batch] = []  # the batches not finished yet, in the order the workers take them
        self._pool: ProcessPoolExecutor | None = None

    def html(self, text: str, owner: str | None = None) -> str:
        """Markdown block text to sanitized HTML.

        `owner` names where the text comes from: when an owner asks for another text, the HTML of its previous one is
        dropped unless another owner has it too, so that the preview keeps one version of each text, not every saved one.
        """
        key = _key(text)
        if owner is not None:
            self._own(owner, key)
        html = self._cache.get(key)
        if html is None:
            batch = self._pending.get(key)
            if batch is None:
                html = self._cache[key] = self.convert(text)
            else:
                self._finish(batch)
                html = self._cache[key]
        return html

    def _own(self, owner: str, key: str) -> None:
        old = self._owned.get(owner)
        if old == key:
            return
        self._owned[owner] = key
        self._owners[key] = self._owners.get(key, 0) + 1
        if old is not None:
            left = self._owners.pop(old) - 1
            if left:
                self._owners[old] = left
            else:
                self._cache.pop(old, None)

    def convert(self, text: str) -> str:
        """Markdown block text to sanitized HTML, bypassing the cache."""
        self._md.reset()
        return keep_together(scrub(sanitize(self._md.convert(text))))

    def prepare(self, texts: Iterable[str]) -> None:
        """Start converting many new texts on the other cores, when there are enough of them to pay for a worker."""
        cores = os.cpu_count() or 1
        # Workers are forked (spawned ones would re-import the main script), so only where that is safe:
        # on Linux, with no other thread running; the preview, which builds in a thread, converts one by one.
        if self._pool is None and (cores < 2 or sys.platform != "linux" or threading.active_count() > 1):
            return
        todo = {key: text for text in texts if (key := _key(text)) not in self._cache and key not in self._pending}
        if self._pool is None:
            workers = min(cores - 1, len(todo) // PARALLEL_MIN)  # this process converts too, while it waits
            if workers < 1:
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

    def inline(self, text: str, owner: str | None = None) -> str:
        """A one-line Markdown text to sanitized HTML without the surrounding paragraph."""
        html = self.html(text, owner)
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


def title_backlinks(html: str, title: str, marks: str = "") -> str:
    """Title each footnote's back-links `title` (BACKLINK_TITLE in the page's language) with the footnote's number,
    whatever title they had (an edition shows an untranslated text's HTML as the main edition made it), and give
    them `marks` (` lang="fr"`), which mark the page's language in a text shown in another."""
    start = html.rfind('<div class="footnote">')  # the extension's list of notes, after the text
    if start < 0:
        return html
    listed = html[start:]
    first, *notes = _NOTE.split(listed)
    titled = (
        head + _BACKLINK.sub(lambda m: f'{m.group(1)}{marks} title="{escape(title.format(number=n))}"', note)
        for n, (head, note) in enumerate(zip(_NOTE.findall(listed), notes), start=1)
    )
    return html[:start] + first + "".join(titled)


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
        clean_content_tags=REMOVED_WITH_CONTENT,
        link_rel=None,
    )


# Limits that keep python-markdown's work linear in a text's size. It finds the end of a link's text and address by
# scanning on from each '[' and '](' (to the end of the paragraph if nothing closes them); it and html.parser, which
# it and lint_markdown use for raw HTML, look for the end of a tag from each '<' that may open one (to the end of the
# text if no '>' follows); and it nests lists by recursion, with no limit of its own (block quotes stop near Python's
# recursion limit).
MAX_NESTING = 16  # levels of lists and block quotes, and of brackets inside brackets
SCAN_PER_CHARACTER = 8  # what those scans may add up to, per character of the text...
SCAN_ALLOWANCE = 20_000  # ...plus this much, for short texts
_SCANNED = re.compile(r"\\.|[\[\]()]|\n[ \t]*\n")
SCAN_MESSAGE = (
    f"this text makes the Markdown parser scan more than {SCAN_PER_CHARACTER} times its length for the ends of links and tags "
    "(an unclosed '[' or '](' is looked for to the end of its paragraph, an unclosed '<' to the end of the text); "
    "close them, write \\[ or \\< for a plain one, or split the paragraph"
)
_TAG_SCANNED = re.compile(r"<[A-Za-z!?/]|>")
_NESTING_SUSPECT = re.compile(
    r"^(?=[ \t]{"
    + str(2 * MAX_NESTING)
    + r"}|(?:[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+|[ \t]*>){"
    + str(MAX_NESTING // 2)
    + "})",
    re.M,
)
_MARKER = re.compile(r"[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+|>)")


def markdown_limit(text: str) -> tuple[int, str] | None:
    """Where `text` goes beyond MAX_NESTING or the scanning allowance, and which limit it is (the README lists them); None if it stays within.

    Code is not parsed for links: a text found beyond a limit is looked at again with its code blanked out.
    """
    found = _limit(text)
    return found and _limit(_blank_code(text))


def _limit(text: str) -> tuple[int, str] | None:
    """markdown_limit on `text` as it is."""
    for suspect in _NESTING_SUSPECT.finditer(text):
        line = text[suspect.start() : text.find("\n", suspect.start()) % (len(text) + 1)]
        indent = len(line) - len(line.lstrip(" \t"))
        level, at = line[:indent].expandtabs(4).count(" ") // 4, 0
        while (marker := _MARKER.match(line, at)) and marker.end() > at:
            level, at = level + 1, marker.end()
        if level > MAX_NESTING:
            return (
                suspect.start(),
                f"lists and block quotes are nested {level} levels deep here; the page allows at most {MAX_NESTING}: flatten the list or quote",
            )
    budget = SCAN_PER_CHARACTER * len(text) + SCAN_ALLOWANCE
    scanned = 0
    brackets: list[int] = []
    opened: list[int] = []  # where the open '](' of the paragraph start
    tags: list[int] = []  # where the '<' with no '>' after them yet start
    for mark in _TAG_SCANNED.finditer(text):
        if mark.group() != ">":
            tags.append(mark.start())
            continue
        scanned += sum(mark.start() - start for start in tags)
        if scanned > budget:
            return tags[0], SCAN_MESSAGE
        tags.clear()
    scanned += sum(len(text) - start for start in tags)
    if scanned > budget:
        return tags[0], SCAN_MESSAGE
    for mark in _SCANNED.finditer(text):
        char, at = mark.group(), mark.start()
        if char == "[":
            brackets.append(at)
            if len(brackets) > MAX_NESTING:
                return (
                    at,
                    f"brackets are nested more than {MAX_NESTING} deep here; the page allows at most {MAX_NESTING}: close the links' [ ] or write \\[ for a bracket",
                )
        elif char == "]" and brackets:
            scanned += at - brackets.pop()
        elif char == "(" and at and text[at - 1] == "]":
            opened.append(at)
        elif char == ")" and opened:
            scanned += at - opened.pop()
        elif char[0] == "\n":  # a paragraph ends: whatever is still open was scanned to here
            scanned += sum(at - start for start in brackets) + sum(at - start for start in opened)
            brackets.clear()
            opened.clear()
        if scanned > budget:
            return at, SCAN_MESSAGE
    scanned += sum(len(text) - start for start in brackets) + sum(len(text) - start for start in opened)
    if scanned > budget:
        at = min(brackets + opened)
        return at, SCAN_MESSAGE
    return None


# What lint_markdown looks for. Code (fenced blocks, indented blocks, `spans`) is blanked out first: it is shown as written.
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)[ \t]*(.*?)[ \t#]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>|\\<")
_IMAGE = re.compile(r"!\[([^\]\n]*)\](?:\(([^)\n]*)\)|\[[^\]\n]*\])")
_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_LIST_OR_QUOTE = re.compile(r" {0,3}([-+*]|\d{1,9}[.)]|>)[ \t]")


def lint_markdown(
    text: str, path: str, first_line: int = 1, first_col: int = 1, figures: bool = True
) -> list[SourceError]:
    """Warnings for what an editor wrote in `text` that the page would drop in silence: raw HTML outside the
    allow-list, unsafe link schemes, images (but figure paragraphs, where `figures`: in a section), and heading
    levels other than ### and ####.

    `text` starts at line `first_line`, column `first_col` of `path`; each warning points at its line and column.
    """
    lines = _blank_code(text).split("\n")
    found: list[tuple[int, int, str]] = []  # 0-based line and column in `text`, message
    previous = ""
    for number, line in enumerate(lines):
        first = line.lstrip(" ")[:1]  # most lines are prose: look closer only where a mark can start
        if first == "#" and (atx := _ATX.match(line)) and len(atx.group(1)) not in HEADING_LEVELS:
            marks = atx.group(1)
            found.append(
                (
                    number,
                    line.index("#"),
                    f"a '{marks}' heading (level {len(marks)}) is not used in a section, so its text would show as a plain line; write '### {atx.group(2) or 'Heading'}' (or '####' below a '###')",
                )
            )
        elif (
            first in ("=", "-")
            and _SETEXT.match(line)
            and previous.strip()
            and not any(p.match(previous) for p in (_ATX, _LIST_OR_QUOTE, _SETEXT))
        ):
            level = 1 if first == "=" else 2
            found.append(
                (
                    number,
                    line.index(first),
                    f"this underline makes the line above a level-{level} heading, which is not used in a section; write '### {previous.strip()}' instead, or leave a blank line above a '---' rule",
                )
            )
        if "![" in line and not (figures and is_figure_line(lines, number)):
            for image in _IMAGE.finditer(line):
                problem = image_problem(image.group(1), image.group(2), figures)
                if problem:
                    found.append((number, image.start(), problem))
        if "](" in line:
            for link in _LINK.finditer(line):
                problem = url_problem(link.group(1))
                if problem:
                    found.append((number, link.start(1), problem))
        previous = line
    if "<" in text:
        found.extend(_html_problems("\n".join(lines)))
    if "&#" in text:
        blanked = "\n".join(lines)
        for index, message in references(blanked):
            line_start = blanked.rfind("\n", 0, index) + 1
            found.append((blanked.count("\n", 0, index), index - line_start, message))
    return [
        SourceError(Loc(path, first_line + line, (first_col if line == 0 else 1) + col), message, "warning")
        for line, col, message in sorted(found)
    ]


def find_figures(text: str, path: str, first_line: int = 1) -> tuple[MediaRef, ...]:
    """The photos `text` shows as figures (paragraphs holding only `![](media:ID)`), where their ids are written."""
    if "](media:" not in text:
        return ()
    return figure_refs(_blank_code(text).split("\n"), path, first_line)


def image_problem(alt: str, target: str | None, figures: bool = True) -> str | None:
    """What to write instead of a Markdown image, which the page does not show; the one place that decides which
    images are dropped (None would keep one). Figure paragraphs are shown only where `figures` (a section's text)."""
    url = (target or "").split()[0] if (target or "").strip() else "…"
    if url.startswith("media:") and not figures:
        return f"photos are shown only in a section's text; give an event its photo with a line 'image: {url[len('media:') :]}'"
    if url.startswith("media:"):
        return f"a photo is shown only as a paragraph of its own, written '![]({url})' (its alt text and caption come from content/media.yaml), with a blank line above and below"
    return f"images are not shown: '![{alt}](…)' is removed with its text; link to the picture instead: '[{alt or 'the picture'}]({url})'"


def url_problem(url: str) -> str | None:
    """Why the sanitizer would drop a link to `url`, if it would: a scheme other than http, https and mailto."""
    scheme = urlsplit(url.strip()).scheme if ":" in url else ""
    if scheme and scheme.lower() not in URL_SCHEMES:
        return f"a link to a '{scheme}:' address is removed; link with http, https or mailto, to an #anchor or to a relative path"
    return None


def _blank_code(text: str) -> str:
    """`text` with code blocks, code spans and autolinks replaced by spaces (lines and columns kept)."""
    out = []
    fence = ""
    previous_blank = True
    in_indented = False
    for line in text.split("\n"):
        opening = _FENCE.match(line) if line.lstrip(" ")[:1] in ("`", "~") else None
        if fence:
            if (
                opening
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= len(fence)
                and not line[opening.end() :].strip()
            ):
                fence = ""
            out.append(" " * len(line))
            continue
        if opening:
            fence = opening.group(1)
            out.append(" " * len(line))
            continue
        indented = line.startswith(("    ", "\t")) and line.strip() != ""
        in_indented = indented and (previous_blank or in_indented)
        out.append(" " * len(line) if in_indented else line)
        previous_blank = not line.strip()
    blanked = "\n".join(out)
    blank = lambda match: re.sub(r"[^\n]", " ", match.group(0))  # noqa: E731 - a one-line replacer
    if "`" in blanked:
        blanked = _CODE_SPAN.sub(blank, blanked)
    return _AUTOLINK.sub(blank, blanked) if "<" in blanked else blanked


def _html_problems(text: str) -> list[tuple[int, int, str]]:
    """Each raw HTML tag, attribute and link the sanitizer would remove, with its 0-based line and column."""
    checker = _HtmlChecker()
    checker.feed(text)
    checker.close()
    return checker.found


class _HtmlChecker(HTMLParser):
    """Collects the raw HTML that ALLOWED_TAGS, ALLOWED_ATTRIBUTES and URL_SCHEMES would drop."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str]] = []

    def _at(self, message: str) -> None:
        line, col = self.getpos()
        self.found.append((line - 1, col, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            kept = (
                "it is removed with everything inside it"
                if tag in REMOVED_WITH_CONTENT
                else "the tag is removed, its text kept"
            )
            self._at(
                f"the HTML tag <{tag}> is not allowed: {kept}; use Markdown, or one of the tags abbr, q, cite, sub, sup and br"
            )
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                keep = (
                    f"; <{tag}> may have {', '.join(sorted(allowed))}" if allowed else f"; <{tag}> takes no attributes"
                )
                self._at(f"the attribute '{name}' on <{tag}> is removed{keep}")
            elif name in ("href", "cite") and value and (problem := url_problem(value)):
                self._at(problem)

    handle_startendtag = handle_starttag
