"""Markdown from content never puts script on the page."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from explainer.text.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, Renderer


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
        "<svg><script>alert(1)</script></svg>",
        '<form action="https://evil.example"><input name=q></form>',
        "<style>body{display:none}</style>",
        '[x](#a){: onclick="alert(1)" }',
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
    html = md.html(
        'Some *emphasis*, **strong**, `code`, a [link](https://example.org/ "Title") and <abbr title="North Atlantic Treaty Organization">NATO</abbr>.\n\n> quoted\n\n- one\n- two\n\n### Heading'
    )
    assert html == (
        '<p>Some <em>emphasis</em>, <strong>strong</strong>, <code>code</code>, a <a href="https://example.org/" title="Title">link</a> '
        'and <abbr title="North Atlantic Treaty Organization">NATO</abbr>.</p>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<h3>Heading</h3>'
    )


def test_in_page_and_relative_links_are_kept(md):
    assert (
        md.inline("[Kabul](#place-kabul) and [notes](notes.html)")
        == '<a href="#place-kabul">Kabul</a> and <a href="notes.html">notes</a>'
    )


def test_typography_is_smartened(md):
    assert md.inline('"Quoted" -- it\'s') == "“Quoted” – it’s"


def test_texts_prepared_on_worker_processes_convert_as_here(monkeypatch):
    import multiprocessing
    import os
    import threading

    from explainer.text import markup

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


# Texts that made python-markdown (and html.parser, which it and the lint use) work quadratically or recurse without end.
HOSTILE = {
    "nested brackets": "[" * 4000 + "a" + "]" * 4000,
    "open brackets": "[" * 8000,
    "unclosed link addresses": "[a](" * 2000,
    "unclosed images": "![" * 4000,
    "unclosed footnote marks": "[^" * 4000,
    "unclosed tags": "<x\n\n" * 2000,
    "unclosed tags in a paragraph": "a <x b " * 1200,
    "a list nested 2,000 deep": "- " * 2000 + "a",
    "an ordered list nested 2,000 deep": "1. " * 2000 + "a",
    "a list nested by indentation": "".join("    " * level + "- a\n" for level in range(40)),
    "block quotes nested 3,000 deep": "> " * 3000 + "a",
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_markdown_is_refused_at_its_line_naming_the_limit(name, make_site, run_cli):
    import time

    from explainer.text.markup import MAX_NESTING, SCAN_PER_CHARACTER

    root = make_site({"content/alpha.md": f"---\ntheme: alpha\ntitle: A\n---\nFine.\n\n{HOSTILE[name]}\n"})
    started = time.perf_counter()
    status, _, err = run_cli("--project", str(root), "check")
    assert time.perf_counter() - started < 20
    assert status == 1 and "Traceback" not in err and "internal error" not in err
    first = err.splitlines()[0]
    assert first.startswith("content/alpha.md:23:1: " if "indentation" in name else "content/alpha.md:7:")
    assert f"at most {MAX_NESTING}" in first or f"more than {SCAN_PER_CHARACTER} times its length" in first


def test_markdown_within_the_limits_converts_in_time_linear_in_its_size(md):
    """The worst texts the limits let through cost per character what link-dense prose does, at any size."""
    import time

    from explainer.text.markup import markdown_limit

    def per_character(unit: str, count: int) -> float:
        text = unit * count
        assert markdown_limit(text) is None
        started = time.process_time()
        md.convert(text)
        return (time.process_time() - started) / len(text)

    prose = per_character("Words, [a link](https://example.org/) and <abbr>more</abbr>. ", 400)
    for unit in (
        "[" * 16 + "a" + "]" * 16 + " ",
        "[" * 15 + "a\n\n",
        "[a](" * 4 + "\n\n",
        "<x>\n\n",
        "> " * 16 + "a\n\n",
        "".join("    " * i + "- a\n" for i in range(16)) + "\n",
    ):
        small, large = per_character(unit, 50), per_character(unit, 400)
        assert large < 4 * small + 1e-6, unit  # linear: eight times the text, about eight times the time
        assert large < 40 * prose, unit
