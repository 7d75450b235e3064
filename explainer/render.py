"""Jinja environment and the page context: dataclasses become dicts only here."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from .errors import BuildFailed, Loc, SourceError
from .interface import Interface
from .record import field_names
from .sources import inside
from .typography import keep_together

TEMPLATES_DIR = "templates"
TEMPLATE_CACHE = ".cache/templates"  # compiled templates, so that a build does not compile them again
ANCHOR_PREFIXES = ("event-", "person-", "place-", "timeline-")  # the anchors of events, people, places and the timeline's years
_LITERAL_ID = re.compile(r'\bid="([^"{}]+)"')
LARGE_PART = 1000  # characters: a rendered part this long has its UTF-8 kept for the next page


def page_ids(templates: Mapping[str, str]) -> dict[str, str]:
    """The ids the templates (path -> text) write as they are, not made from content, each with the first template writing it."""
    found: dict[str, str] = {}
    for rel, text in sorted(templates.items()):
        for match in _LITERAL_ID.finditer(text):
            found.setdefault(match.group(1), rel)
    return found


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept by name, path and a checksum of their source; Jinja recompiles any that changed."""

    store = True  # False: read compiled templates that are there, keep none (`build.py check` writes nothing)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not self.store:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:  # a read-only project still builds; it only compiles its templates every time
            pass


class FragmentCache:
    """`{% call cached(key, input, ...) %}...{% endcall %}`: the body is rendered again only if an input or a template changed."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[tuple[Any, ...], str]] = {}
        self.templates: tuple[tuple[str, bytes], ...] = ()
        self.encoded: dict[str, bytes] = {}  # the last page's large parts as UTF-8, by their text

    def forget_unless(self, templates: tuple[tuple[str, bytes], ...]) -> None:
        """Drop every fragment unless the templates (paths and sources) are those the fragments were rendered with."""
        if templates != self.templates:
            self.kept.clear()
            self.templates = templates

    def __call__(self, key: str, *inputs: Any, caller: Callable[[], str]) -> str:
        kept = self.kept.get(key)
        if kept is None or kept[0] != inputs:  # unchanged inputs are mostly the very objects kept, so this is quick
            kept = self.kept[key] = (inputs, caller())
        return kept[1]

    def encode(self, parts: Iterable[str]) -> bytes:
        """The parts of a page joined as UTF-8; a large part the last page also had (a kept fragment) is not encoded again."""
        encoded: dict[str, bytes] = {}
        chunks: list[bytes] = []
        small: list[str] = []
        for part in parts:
            if len(part) < LARGE_PART:
                small.append(part)
                continue
            chunks.append("".join(small).encode("utf-8"))
            small.clear()
            data = encoded[part] = self.encoded.get(part) or part.encode("utf-8")  # a kept part is the very string: found by its cached hash
            chunks.append(data)
        chunks.append("".join(small).encode("utf-8"))
        self.encoded = encoded
        return b"".join(chunks)


class Environment(jinja2.Environment):
    """Jinja's environment, looking up `x.name` on the context's dicts as a key first.

    Jinja tries an attribute first, and a dict has none of the context's names, so each lookup raised and caught
    an AttributeError; the context's keys are dataclass field names, none of which is a dict method.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def make_environment(root: Path, store_cache: bool = True) -> jinja2.Environment:
    """Autoescaping everywhere; undefined names are errors, not blanks; `cached` keeps rendered fragments.

    Compiled templates are kept in .cache/templates unless `store_cache` is false.
    """
    bytecode_cache = TemplateCache(str(root / TEMPLATE_CACHE), "%s.jinja")
    bytecode_cache.store = store_cache
    env = Environment(
        loader=jinja2.FileSystemLoader(root / TEMPLATES_DIR, followlinks=False),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache,
        extensions=["jinja2.ext.i18n"],
    )
    env.globals["cached"] = FragmentCache()
    env.filters["nowrap"] = nowrap
    env.filters["isolate"] = isolate
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
    )


@jinja2.pass_environment
def isolate(env: jinja2.Environment, text: str) -> markupsafe.Markup:
    """`{{ name | isolate }}`: the text escaped, and kept in a <bdi> if it holds letters written the other way than the page
    (a Latin name on an Arabic page, an Urdu one on an English page), so that the line around it keeps its order."""
    escaped = markupsafe.escape(text)
    other = ("L",) if env.globals["direction"] == "rtl" else ("R", "AL")
    if any(unicodedata.bidirectional(ch) in other for ch in escaped.striptags()):
        return markupsafe.Markup(f"<bdi>{escaped}</bdi>")
    return escaped


def nowrap(text: str) -> markupsafe.Markup:
    """`{{ text | nowrap }}`: the text escaped, its joined words (COVID-19) kept from breaking at the hyphen."""
    return markupsafe.Markup(keep_together(str(markupsafe.escape(text))))


def to_context(value: Any) -> Any:
    """Turn dataclasses (and tuples of them) into the plain dicts and lists Jinja gets."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = field_names(kind)
    if names is not None:
        return {name: to_context(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [to_context(item) for item in value]
    if isinstance(value, Mapping):
        return {key: to_context(item) for key, item in value.items()}
    return value


_SCALARS = frozenset({str, int, float, bool, type(None)})


def render_template(env: jinja2.Environment, root: Path, name: str, context: Mapping[str, Any]) -> str:
    """Render one template; any template error becomes a SourceError at the template's line."""
    return "".join(render_parts(env, root, name, context))


def render_parts(env: jinja2.Environment, root: Path, name: str, context: Mapping[str, Any]) -> list[str]:
    """render_template's text as the parts the template yields, kept fragments among them as they were kept."""
    try:
        template = env.get_template(name)
        return list(template.generate(context))
    except jinja2.TemplateSyntaxError as exc:
        raise BuildFailed([SourceError(_template_loc(root, exc.filename, exc.lineno), f"template syntax: {exc.message}")]) from None
    except jinja2.TemplateNotFound as exc:
        raise BuildFailed([SourceError(Loc(f"{TEMPLATES_DIR}/{name}"), f"template '{exc.name}' not found in {TEMPLATES_DIR}/ (a symlink out of the project is not followed)")]) from None
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

