"""Jinja: the environment, pages and their fragments rendered, and template errors placed at their lines."""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from ..content.sources import inside
from ..errors import BuildFailed, Loc, SourceError
from ..language.fallback import Fallback
from ..language.interface import Interface
from ..model import Untranslated
from ..text.typography import keep_together

TEMPLATES_DIR = "templates"
TEMPLATE_CACHE = ".cache/templates"  # compiled templates, so that a build does not compile them again
ANCHOR_PREFIXES = (
    "event-",
    "person-",
    "place-",
    "timeline-",
)  # the anchors of events, people, places and the timeline's years
_LITERAL_ID = re.compile(r'\bid="([^"{}]+)"')


def page_ids(templates: Mapping[str, str]) -> dict[str, str]:
    """The ids the templates (path -> text) write as they are, not made from content, each with the first template writing it."""
    found: dict[str, str] = {}
    for rel, text in sorted(templates.items()):
        for match in _LITERAL_ID.finditer(text):
            found.setdefault(match.group(1), rel)
    return found


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept by name, path, how the environment compiles them, and a checksum of their source;
    Jinja recompiles any that changed."""

    store = True  # False: read compiled templates that are there, keep none (`build.py check` writes nothing)

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        key = hashlib.sha1(f"{self.get_cache_key(name, filename)}|{compile_style(environment)}".encode()).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not self.store:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:  # a read-only project still builds; it only compiles its templates every time
            pass


def compile_style(env: jinja2.Environment) -> str:
    """What compiled code depends on beside the source: Jinja's version, the extensions, and how each filter and test
    is called (a filter that becomes pass_context is passed the context by the code that calls it)."""
    parts = [jinja2.__version__, *sorted(env.extensions)]
    for kind, table in (("filter", env.filters), ("test", env.tests)):
        parts += [f"{kind} {name} {getattr(f, 'jinja_pass_arg', '')}" for name, f in sorted(table.items())]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Fragment:
    """A part of a page rendered on its own, from the views it was given and nothing else, kept as UTF-8.

    A page's template writes it as `{{ part }}`. Jinja copies the text of whatever it writes, so the template
    sees only a marker, and Templates.page puts the fragment's bytes in the marker's place.
    """

    marker: str
    data: bytes

    def __html__(self) -> str:
        return self.marker

    def __str__(
        self,
    ) -> str:  # a fragment turned into text (filtered, joined) leaves its marker in the page, which is refused
        return self.marker


FRAGMENT_MARK = "<!--explainer-fragment "
_LEFT_MARK = re.compile(r"explainer-fragment \d", re.IGNORECASE)  # even escaped or upper-cased
_FRAGMENT_NUMBERS = itertools.count()


class Templates:
    """The project's templates: pages rendered whole, and the page's fragments each from its own views alone.

    A fragment that uses a name it was not given fails as any undefined name does, so it depends on nothing but
    its views (and the templates and the words): the preview's PreviewTemplates keeps fragments by their views.
    """

    def __init__(self, root: Path, store: bool = True) -> None:
        self.root = root
        self.env = make_environment(root, store)

    def speak(self, words: Interface, sources: tuple[tuple[str, bytes], ...]) -> None:
        """Render in the language of `words`, from the templates as `sources` holds them (each path and its bytes)."""
        install_words(self.env, words)

    def fragment(self, name: str, slot: str, **views: object) -> Fragment:
        """The template `name` rendered from `views` alone, for the place `slot` (a section's id, say) of the page."""
        data = render_template(self.env, self.root, name, views).encode("utf-8")
        return Fragment(f"{FRAGMENT_MARK}{next(_FRAGMENT_NUMBERS)}-->", data)

    def page(self, name: str, context: Mapping[str, object], fragments: Iterable[Fragment] = ()) -> bytes:
        """The template `name` rendered from `context`, as UTF-8, with each of the `fragments` it writes in place."""
        placed = {fragment.marker: fragment for fragment in fragments}
        chunks: list[bytes] = []
        text: list[str] = []
        for part in render_parts(self.env, self.root, name, context):
            fragment = placed.get(part)
            if fragment is None:
                text.append(part)
                continue
            chunks.append(_own_text(text, name))
            text.clear()
            chunks.append(fragment.data)
        chunks.append(_own_text(text, name))
        return b"".join(chunks)


def _own_text(parts: list[str], name: str) -> bytes:
    """A page's own text between its fragments, as UTF-8; a fragment written inside an expression leaves its marker here."""
    text = "".join(parts)
    if _LEFT_MARK.search(text):
        message = "template: a fragment (a part of `fragments`) is written inside an expression or through a filter; write it alone, as {{ part }}"
        raise BuildFailed([SourceError(Loc(f"{TEMPLATES_DIR}/{name}"), message)])
    return text.encode("utf-8")


def make_environment(root: Path, store_cache: bool = True) -> jinja2.Environment:
    """Autoescaping everywhere; undefined names are errors, not blanks.

    Compiled templates are kept in .cache/templates unless `store_cache` is false.
    """
    bytecode_cache = TemplateCache(str(root / TEMPLATE_CACHE), "%s.jinja")
    bytecode_cache.store = store_cache
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root / TEMPLATES_DIR, followlinks=False),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache,
        extensions=["jinja2.ext.i18n"],
    )
    env.filters["nowrap"] = nowrap
    env.filters["isolate"] = isolate
    env.filters["lang_attrs"] = lang_attrs
    env.filters["marked"] = mark
    install_words(env, Interface("en"))  # until a build installs the site's language
    return env


def install_words(env: jinja2.Environment, words: Interface) -> None:
    """`_()` and `ngettext()` in the templates speak the site's language (newstyle: `_("By %(byline)s", byline=...)`)."""
    env.install_gettext_callables(words.gettext, words.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        comma=words.join(["", ""]),  # between the items of a list: ", ", "، ", "、"
        colon=words.gettext(": "),
        route_arrow=" ← " if words.direction == "rtl" else " → ",  # between a route's stops, in reading order
        direction=words.direction,  # "rtl" or "ltr"
        language=words.language,  # the BCP 47 tag
    )


@jinja2.pass_environment
def isolate(env: jinja2.Environment, text: str) -> markupsafe.Markup:
    """`{{ name | isolate }}`: the text escaped, and kept in a <bdi> if it holds letters written the other way than the page
    (a Latin name on an Arabic page, an Urdu one on an English page), so that the line around it keeps its order.
    An edition's untranslated text is marked with its language instead (see `marked`)."""
    escaped = markupsafe.escape(text)
    if isinstance(text, Untranslated):
        return marked(env, text, escaped)
    other = ("L",) if env.globals["direction"] == "rtl" else ("R", "AL")
    if any(unicodedata.bidirectional(ch) in other for ch in escaped.striptags()):
        return markupsafe.Markup(f"<bdi>{escaped}</bdi>")
    return escaped


@jinja2.pass_environment
def nowrap(env: jinja2.Environment, text: str) -> markupsafe.Markup:
    """`{{ text | nowrap }}`: the text escaped, its joined words (COVID-19) kept from breaking at the hyphen."""
    kept = markupsafe.Markup(keep_together(str(markupsafe.escape(text))))
    return marked(env, text, kept) if isinstance(text, Untranslated) else kept


@jinja2.pass_environment
def mark(env: jinja2.Environment, text: str) -> markupsafe.Markup:
    """`{{ text | marked }}`: the text escaped, and an edition's untranslated text marked with its language (see `marked`)."""
    escaped = markupsafe.escape(text)
    return marked(env, text, escaped) if isinstance(text, Untranslated) else escaped


def marked(env: jinja2.Environment, text: Untranslated, html: markupsafe.Markup) -> markupsafe.Markup:
    """An edition's untranslated text in a <span> with its `lang`, and its `dir` when the page's differs (which isolates it)."""
    return markupsafe.Markup(f"<span{_attrs(env, text.lang, Interface(text.lang).direction)}>{html}</span>")


@jinja2.pass_environment
def lang_attrs(env: jinja2.Environment, shown: Fallback | str | None) -> markupsafe.Markup:
    """`<div{{ section.fallback | lang_attrs }}>`, `<img alt="{{ photo.alt }}"{{ photo.alt | lang_attrs }}>`: ` lang="en"`,
    and ` dir="ltr"` on a page written the other way, for a fallback or an untranslated text; "" for None or other text."""
    if isinstance(shown, Fallback):
        return _attrs(env, shown.lang, shown.dir)
    if isinstance(shown, Untranslated):
        return _attrs(env, shown.lang, Interface(shown.lang).direction)
    return markupsafe.Markup("")


def _attrs(env: jinja2.Environment, lang: str, direction: str) -> markupsafe.Markup:
    shown = f' lang="{markupsafe.escape(lang)}"'
    return markupsafe.Markup(shown + (f' dir="{direction}"' if direction != env.globals["direction"] else ""))


def render_template(env: jinja2.Environment, root: Path, name: str, context: Mapping[str, Any]) -> str:
    """Render one template; any template error becomes a SourceError at the template's line."""
    return "".join(render_parts(env, root, name, context))


def render_parts(env: jinja2.Environment, root: Path, name: str, context: Mapping[str, Any]) -> list[str]:
    """render_template's text as the parts the template yields."""
    try:
        template = env.get_template(name)
        return list(template.generate(context))
    except jinja2.TemplateSyntaxError as exc:
        raise BuildFailed(
            [SourceError(_template_loc(root, exc.filename, exc.lineno), f"template syntax: {exc.message}")]
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise BuildFailed(
            [
                SourceError(
                    Loc(f"{TEMPLATES_DIR}/{name}"),
                    f"template '{exc.name}' not found in {TEMPLATES_DIR}/ (a symlink out of the project is not followed)",
                )
            ]
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        loc = _failing_template_line(root, exc.__traceback__) or Loc(f"{TEMPLATES_DIR}/{name}")
        raise BuildFailed([SourceError(loc, f"template: {exc}; check the variable names the README lists")]) from None


def _template_loc(root: Path, filename: str | None, line: int | None) -> Loc:
    if not filename:
        return Loc(TEMPLATES_DIR, line or 0)
    path = Path(filename)
    rel = path.resolve().relative_to(root.resolve()).as_posix() if inside(path, root) else path.name
    return Loc(rel, line or 0)


def _failing_template_line(root: Path, tb: Any) -> Loc | None:
    """The innermost traceback frame that runs template code (Jinja rewrites those to the template's lines)."""
    found = None
    templates = (root / TEMPLATES_DIR).resolve()
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename and Path(filename).is_absolute() and Path(filename).resolve().is_relative_to(templates):
            found = _template_loc(root, filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
