"""Typographic quotes, dashes and ellipses for python-markdown: the smarty extension's rules, applied faster.

python-markdown's smarty extension runs a second inline processor over every text with 18 patterns, which
more than doubles the cost of converting a text. This applies the same patterns, in the same order and with
the same effect, directly to each text of the tree: a text with no quote, `--` or `...` is left at once.

Like smarty, each replaced stretch becomes a placeholder (STX, a number, ETX) until the last pattern has run,
so that later patterns see the neighbours smarty's patterns see. tests/test_typography.py checks the output
against smarty's on generated texts.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX, AtomicString

# The character classes and patterns of python-markdown's smarty extension (markdown/extensions/smarty.py).
PUNCT = r"""[!"#\$\%'()*+,-.\/:;<=>?\@\[\\\]\^_`{|}~]"""
CLOSE = r"[^\ \t\r\n\[\{\(\-\u0002\u0003]"
OPENING_BASE = r"(\s|&nbsp;|--|–|—|&[mn]dash;|&#8211;|&#8212;)"
LSQUO, RSQUO, LDQUO, RDQUO = "\u2018", "\u2019", "\u201c", "\u201d"

# (pattern, replacement) in smarty's order; in a replacement, 1 stands for the pattern's first group.
RULES: tuple[tuple[re.Pattern[str], tuple[int | str, ...]], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<!-)---(?!-)", ("\u2014",)),
        (r"(?<!-)--(?!-)", ("\u2013",)),
        (rf"^'(?={PUNCT}\B)", (RSQUO,)),
        (rf'^"(?={PUNCT}\B)', (RDQUO,)),
        (r""""'(?=\w)""", (LDQUO + LSQUO,)),
        (r"""'"(?=\w)""", (LSQUO + LDQUO,)),
        (rf"""(?<={CLOSE})'\"""", (RSQUO + RDQUO,)),
        (rf"""(?<={CLOSE})"'""", (RDQUO + RSQUO,)),
        (r"(?<!\w)'(?=\d{2}s)", (RSQUO,)),
        (rf"{OPENING_BASE}'(?=\w)", (1, LSQUO)),
        (rf"(?<={CLOSE})'(?!\s|s\b|\d)", (RSQUO,)),
        (r"'(\s|s\b)", (RSQUO, 1)),
        (r"'", (LSQUO,)),
        (rf'{OPENING_BASE}"(?=\w)', (1, LDQUO)),
        (r'"(?=\s)', (RDQUO,)),
        (rf'(?<={CLOSE})"', (RDQUO,)),
        (r'"', (LDQUO,)),
        (r"(?<!\.)\.{3}(?!\.)", ("\u2026",)),
    )
)
# Words joined by hyphens with a digit among them (COVID-19, F-16, 2020-21, 10-year): kept on one line by a
# span rather than U+2011 (non-breaking hyphen), so that what readers copy and search for is the text as written.
JOINED = re.compile(r"(?<![\w-])(?=[\w-]*\d)\w+(?:-\w+)+(?![\w-])")
_TAG = re.compile(r"(<[^>]*>)")
_VERBATIM = ("<code", "<pre", "<span")  # text inside these is left as it is (a span may be a joined word already)
CANDIDATE = re.compile(r"""['"]|--|\.\.\.""")
PLACEHOLDER = re.compile(f"{STX}t(\\d+){ETX}")


def educate(text: str) -> str:
    """`text` with straight quotes curled, `--` and `---` as en and em dashes, `...` as an ellipsis."""
    if not CANDIDATE.search(text):
        return text
    replaced: list[str] = []
    for pattern, replacement in RULES:
        start = 0
        while match := pattern.search(text, start):
            replaced.append("".join(part if isinstance(part, str) else match.group(part) for part in replacement))
            placeholder = f"{STX}t{len(replaced) - 1}{ETX}"
            text = text[: match.start()] + placeholder + text[match.end() :]
            start = match.start() + len(placeholder)
    return PLACEHOLDER.sub(lambda m: replaced[int(m.group(1))], text) if replaced else text


def keep_together(html: str) -> str:
    """`html` with each joined word outside code wrapped in `<span class="ex-nowrap">`, so that it does not break at its hyphen."""
    if "-" not in html or not JOINED.search(html):
        return html
    parts = _TAG.split(html)
    verbatim = 0  # how many code, pre or span elements the text at hand is inside
    for i, part in enumerate(parts):
        if i % 2:
            tag = part.lower()
            if tag.startswith(_VERBATIM):
                verbatim += not tag.endswith("/>")
            elif tag.startswith(("</code", "</pre", "</span")):
                verbatim = max(0, verbatim - 1)
        elif not verbatim:
            parts[i] = JOINED.sub(lambda m: f'<span class="ex-nowrap">{m.group(0)}</span>', part)
    return "".join(parts)


class TypographyProcessor(Treeprocessor):
    """Educates every text and tail below the root that inline parsing left as text (not code, not raw HTML)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element is not root and element.text and not isinstance(element.text, AtomicString):
                element.text = educate(element.text)
            if element is not root and element.tail and not isinstance(element.tail, AtomicString):
                element.tail = educate(element.tail)


class TypographyExtension(Extension):
    """Registered where smarty registers its processor, after inline parsing; quotes become escapable as smarty makes them."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(TypographyProcessor(md), "typography", 6)
        md.ESCAPED_CHARS.extend(['"', "'"])
