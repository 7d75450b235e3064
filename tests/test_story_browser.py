"""The story sites in real Chromium, JavaScript on and off: people, pull quotes and cited sources show, axe and Nu are clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.cli import main

from .browser import assert_axe_clean_with, serve_folder
from .nu import assert_valid_html
from .sites import write_site
from .story_sites import STORIES


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for name, files in STORIES.items():
        root = write_site(tmp_path_factory.mktemp(name) / "site", files)
        assert main(["--project", str(root), "--out", str(root.parent / "_site")]) == 0
        out[name] = root.parent / "_site"
    return out


@pytest.fixture(scope="module")
def eruption_url(built):
    with serve_folder(built["eruption"]) as url:
        yield url


def test_story_pages_are_valid_html(built):
    assert_valid_html(page for site in built.values() for page in sorted(site.rglob("*.html")))


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scripts", [True, False], ids=["js-on", "js-off"])
def test_people_quotes_and_sources_show_and_axe_is_clean(browser, eruption_url, width, scripts):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=scripts)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    page.goto(eruption_url, wait_until="networkidle")
    for selector in (
        "#person-vake",
        "#eruption figure blockquote",
        "#eruption figcaption",
        "#cable .footnote",
        "#sources",
        "#cable sup a",
    ):
        assert page.locator(selector).first.is_visible(), selector
    page.locator("#cable sup a").first.click()
    page.wait_for_function("location.hash === '#cable-fn-cut'")
    assert page.locator("#cable-fn-cut").is_visible()
    assert problems == []
    context.close()
    assert_axe_clean_with(browser, eruption_url, width, scripts)


@pytest.mark.parametrize("width", [768, 1280, 1920])
def test_timeline_axis_fits_its_column(browser, eruption_url, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(eruption_url)
    axis = page.evaluate(
        "(() => { const a = document.querySelector('.ex-axis'); return [a.clientWidth, a.scrollWidth]; })()"
    )
    page.close()
    assert axis[1] <= axis[0], axis
