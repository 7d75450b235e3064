"""The embeds (embed/timeline.html, embed/map.html) framed by a test page in real Chromium: heights, links, deep links."""

from __future__ import annotations

import html
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer.cli import main

from .browser import serve_folder
from .sites import DATA_SITE_FILES, write_site

BASE_URL = "https://example.org/test/"
FRAME_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A newsroom page</title><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script>window.pym = []; window.addEventListener("message", function (e) {{ if (typeof e.data === "string") window.pym.push(e.data); }});</script>
</head><body style="margin:0 1rem;font:16px sans-serif"><main><h1>Our story</h1><p>Text before the embeds.</p>
{snippets}
<p>Text after the embeds.</p></main></body></html>
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("embed") / "site", DATA_SITE_FILES)
    out = root.parent / "out"
    assert main(["--project", str(root), "--out", str(out)]) == 0
    with serve_folder(out) as url:
        page = (out / "index.html").read_text(encoding="utf-8")
        snippets = [
            html.unescape(code)
            for code in re.findall(r'<pre class="ex-data-code" tabindex="0"><code>(.*?)</code></pre>', page, re.S)
        ]
        assert len(snippets) == 2
        (out / "frame.html").write_text(
            FRAME_PAGE.format(snippets="\n".join(s.replace(BASE_URL, url) for s in snippets)), encoding="utf-8"
        )
        yield url


def open_page(browser, url: str, width: int = 1280, javascript: bool = True):
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.on(
        "request",
        lambda request: (
            request.url.startswith(url.split("/", 3)[:3] and "/".join(url.split("/", 3)[:3]))
            or request.url.startswith("data:")
            or page.problems.append("foreign request: " + request.url)
        ),
    )
    page.goto(url)
    return page


@pytest.mark.parametrize("width", [375, 1280])
def test_the_frames_take_the_embeds_height_and_never_scroll(browser, served, width):
    page = open_page(browser, served + "frame.html", width)
    for name in ("timeline", "map"):
        frame = page.locator(f"#explainer-{name}")
        page.wait_for_function(f"""() => {{
            const f = document.getElementById("explainer-{name}");
            const d = f.contentDocument && f.contentDocument.documentElement;
            return d && d.hasAttribute("data-embed") && Math.abs(f.getBoundingClientRect().height - d.getBoundingClientRect().height) < 1;
        }}""")
        inner = frame.element_handle().content_frame()
        assert inner.evaluate(
            "document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth"
        )
    assert any(m.startswith("pymxPYMxexplainer-timelinexPYMxheightxPYMx") for m in page.evaluate("window.pym"))
    assert any(m.startswith("pymxPYMxexplainer-mapxPYMxheightxPYMx") for m in page.evaluate("window.pym"))
    assert page.problems == []
    page.context.close()


def test_the_frame_follows_a_change_of_width(browser, served):
    page = open_page(browser, served + "frame.html", 1280)
    page.wait_for_function("document.getElementById('explainer-timeline').getBoundingClientRect().height !== 600")
    wide = page.evaluate("document.getElementById('explainer-timeline').getBoundingClientRect().height")
    page.set_viewport_size({"width": 375, "height": 800})
    page.wait_for_function(f"document.getElementById('explainer-timeline').getBoundingClientRect().height > {wide}")
    inner = page.locator("#explainer-timeline").element_handle().content_frame()
    assert inner.evaluate("document.documentElement.scrollHeight <= window.innerHeight")
    page.context.close()


def test_a_deep_link_inside_the_embed_targets_its_event(browser, served):
    page = open_page(browser, served + "embed/timeline.html#event-visit")
    assert page.evaluate("document.querySelector(':target').id") == "event-visit"
    assert page.locator("#event-visit").is_visible()
    assert page.problems == []
    page.context.close()


def test_links_in_an_embed_open_the_main_page_in_the_top_window(browser, served):
    page = open_page(browser, served + "embed/timeline.html")
    assert page.evaluate("document.querySelector('.ex-timeline-theme').href") == served + "#alpha"
    assert page.evaluate("document.querySelector('base').target") == "_top"
    page.context.close()


@pytest.mark.parametrize("name", ["timeline", "map"])
def test_an_embed_is_readable_without_javascript(browser, served, name):
    page = open_page(browser, served + f"embed/{name}.html", 375, javascript=False)
    text = page.inner_text("main")
    for headline in (
        ("A town is founded", "Two decades of talks", "The visit")
        if name == "timeline"
        else ("Islamabad", "Kabul", "Valparaíso")
    ):
        assert headline in text
    assert page.problems == []
    page.context.close()


@pytest.mark.parametrize("name", ["timeline", "map"])
def test_an_embed_has_no_axe_violations(browser, served, name):
    page = open_page(browser, served + f"embed/{name}.html")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.context.close()
