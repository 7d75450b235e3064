"""The typographer gives what python-markdown's smarty extension gives, on any text."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.smarty import SmartyExtension

from explainer.text.markup import Renderer, sanitize
from explainer.text.quotes import PullQuoteExtension
from explainer.text.typography import keep_together

ROOT = Path(__file__).resolve().parent.parent
# Pieces that exercise every rule: quotes next to words, digits, spaces, dashes, punctuation, escapes,
# code (left alone), raw HTML and entities (which the patterns see as placeholders).
PIECES = [
    "'",
    "'",
    '"',
    '"',
    "-",
    "--",
    "---",
    ".",
    "...",
    " ",
    " ",
    "a",
    "word",
    "s",
    "19",
    "80s",
    "\n",
    "\n\n",
    "*",
    "_",
    "`",
    "\\",
    "\\'",
    '\\"',
    "[",
    "](https://example.org/)",
    "(",
    ")",
    "!",
    ",",
    "&",
    ";",
    "&nbsp;",
    "&mdash;",
    "\u2013",
    "\u2014",
    "<b>",
    "</b>",
    "> ",
    "- ",
    "    ",
    "`it's`",
    "\n```\n'x' -- y...\n```\n",
]


@pytest.fixture(scope="module")
def renderers() -> tuple[markdown.Markdown, Renderer]:
    return markdown.Markdown(
        extensions=[SmartyExtension(), PullQuoteExtension(), FootnoteExtension(SEPARATOR="-")], output_format="html"
    ), Renderer()


def smarty(reference: markdown.Markdown, text: str) -> str:
    return keep_together(sanitize(reference.reset().convert(text)))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_same_as_smarty_on_generated_text(renderers, text):
    reference, renderer = renderers
    assert renderer.convert(text) == smarty(reference, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "\"Quoted,\" he said -- twice --- and 'left'...",
            "<p>\u201cQuoted,\u201d he said \u2013 twice \u2014 and \u2018left\u2019\u2026</p>",
        ),
        (
            "Pakistan's gas, the '80s, rock 'n' roll",
            "<p>Pakistan\u2019s gas, the \u201980s, rock \u2018n\u2019 roll</p>",
        ),
        ("He said, \"'Quoted' words.\"", "<p>He said, \u201c\u2018Quoted\u2019 words.\u201d</p>"),
        ('`don\'t -- touch...` \\"straight\\"', '<p><code>don\'t -- touch...</code> "straight"</p>'),
    ],
)
def test_known_cases(renderers, text, expected):
    reference, renderer = renderers
    assert renderer.convert(text) == expected == smarty(reference, text)


def test_same_as_smarty_on_every_content_file(renderers):
    reference, renderer = renderers
    sources = [
        *ROOT.glob("content/*.md"),
        *ROOT.glob("tests/fixture/site/content/*.md"),
        ROOT / "tests/data/source.txt",
    ]
    assert len(sources) >= 6
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert renderer.convert(text) == smarty(reference, text), path


@pytest.mark.parametrize(
    "html, expected",
    [
        (
            "<p>COVID-19 and F-16s in 2020-21, a 10-year plan</p>",
            '<p><span class="ex-nowrap">COVID-19</span> and <span class="ex-nowrap">F-16s</span> in '
            '<span class="ex-nowrap">2020-21</span>, a <span class="ex-nowrap">10-year</span> plan</p>',
        ),
        ("<p>a well-known plan, <code>COVID-19</code></p>", "<p>a well-known plan, <code>COVID-19</code></p>"),
        (
            '<p><a href="/covid-19">the COVID-19 page</a></p>',
            '<p><a href="/covid-19">the <span class="ex-nowrap">COVID-19</span> page</a></p>',
        ),
    ],
)
def test_joined_words_with_digits_do_not_break(html, expected):
    assert keep_together(html) == expected
