"""Markdown from content never puts script on the page."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from explainer.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, Renderer


class Markup(HTMLParser):
    """Every tag and attribute in a fragment."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@pytest.fixture(scope="module")
def md():
    return Renderer()


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src="x" onerror="alert(1)">',
        '<a href="#" onclick="alert(1)">x</a>',
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;&#x61;vascript:alert(1))",
        '<a href=" javascript:alert(1)">x</a>',
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        '<iframe src="https://evil.example"></iframe>',
        '<object data="x.swf"></object>',
        '<embed src="x.swf">',
        '<svg><script>alert(1)</script></svg>',
        '<form action="https://evil.example"><input name=q></form>',
        '<style>body{display:none}</style>',
        "[x](#a){: onclick=\"alert(1)\" }",
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_no_script_reaches_the_page(md, source):
    html = md.html(source)
    for tag, attrs in Markup(html).found:
        assert tag in ALLOWED_TAGS, html
        for name, value in attrs:
            assert name in ALLOWED_ATTRIBUTES.get(tag, ()), html
            if name == "href":
                assert value.startswith(("https:", "http:", "mailto:", "#")) or ":" not in value, html
    assert "<script" not in html.lower() and "alert(1)</" not in html


def test_allowed_markup_survives(md):
    html = md.html('Some *emphasis*, **strong**, `code`, a [link](https://example.org/ "Title") and <abbr title="North Atlantic Treaty Organization">NATO</abbr>.\n\n> quoted\n\n- one\n- two\n\n### Heading')
    assert html == (
        '<p>Some <em>emphasis</em>, <strong>strong</strong>, <code>code</code>, a <a href="https://example.org/" title="Title">link</a> '
        'and <abbr title="North Atlantic Treaty Organization">NATO</abbr>.</p>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<h3>Heading</h3>'
    )


def test_in_page_and_relative_links_are_kept(md):
    assert md.inline("[Kabul](#place-kabul) and [notes](notes.html)") == '<a href="#place-kabul">Kabul</a> and <a href="notes.html">notes</a>'


def test_typography_is_smartened(md):
    assert md.inline('"Quoted" -- it\'s') == "“Quoted” – it’s"


def test_texts_prepared_on_worker_processes_convert_as_here(monkeypatch):
    import multiprocessing
    import os
    import threading

    from explainer import markup

    monkeypatch.setattr(markup, "PARALLEL_MIN", 2)
    texts = [f'Text *{n}* -- "quoted" and it\'s done...\n\n- a list\n' for n in range(300)]
    expected = [Renderer().convert(text) for text in texts]
    renderer = Renderer()
    can_fork = (os.cpu_count() or 1) >= 2 and threading.active_count() == 1
    try:
        renderer.prepare(texts)
        if can_fork:
            assert multiprocessing.active_children(), "enough texts on two cores start a worker"
        # Some batches come from the worker, the first ones are mostly converted here rather than waited for.
        assert [renderer.html(text) for text in texts] == expected
    finally:
        renderer.close()
    assert not multiprocessing.active_children()
    assert renderer.html(texts[0]) == expected[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "> The plume rose *higher* than any.\n> --- Sela Vake, volcanologist\n\nAfter.",
            "<figure>\n<blockquote>\n<p>The plume rose <em>higher</em> than any.</p>\n</blockquote>\n"
            "<figcaption>— Sela Vake, volcanologist</figcaption>\n</figure>\n<p>After.</p>",
        ),
        (
            "> One.\n>\n> Two.\n>\n> — Ann Lee, *The Daily*",
            "<figure>\n<blockquote>\n<p>One.</p>\n<p>Two.</p>\n</blockquote>\n<figcaption>— Ann Lee, <em>The Daily</em></figcaption>\n</figure>",
        ),
        ("> A quote with no credit.", "<blockquote>\n<p>A quote with no credit.</p>\n</blockquote>"),
        ("> — a credit alone", "<blockquote>\n<p>— a credit alone</p>\n</blockquote>"),
    ],
)
def test_pull_quotes_credit_their_last_line(text, expected):
    assert Renderer().convert(text) == expected
