"""The built site served as a GitHub project site (/some-repo/) in real Chromium: every link resolves, nothing leaves the origin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer.cli import main

from .browser import WCAG_TAGS, check_links, serve_project_site, watched_page
from .sites import STORY_BASE_URL, write_story

PREFIX = "/some-repo/"
BASE_URL = "https://example.github.io/some-repo/"
TITLE = "Roads over the Andes"  # the story test site's


@pytest.fixture(scope="module")
def project_site(tmp_path_factory) -> Path:
    """The story test site with base_url set to a project site at /some-repo/, built."""
    root = write_story(tmp_path_factory.mktemp("repo"))
    site_yaml = (root / "site.yaml").read_text(encoding="utf-8")
    (root / "site.yaml").write_text(
        site_yaml.replace(f"base_url: {STORY_BASE_URL}", f"base_url: {BASE_URL}"), encoding="utf-8"
    )
    assert main(["--project", str(root), "--out", str(root / "_site")]) == 0
    return root / "_site"


@pytest.fixture(scope="module")
def origin(project_site) -> Iterator[str]:
    with serve_project_site(project_site, PREFIX) as url:
        yield url


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_every_link_asset_and_anchor_resolves_under_the_project_path(browser, origin, javascript):
    home = origin + PREFIX
    with watched_page(browser, origin, javascript) as (page, problems):
        found, fetched = check_links(page, home, BASE_URL)
        assert problems == []
    assert {home, home + "feed.xml"} <= set(fetched)
    assert any("/assets/site.css" in url for url in fetched) and any("/assets/site.js" in url for url in fetched)
    assert sum(value.startswith("#") for _, _, value, _ in found) > 30


def test_published_extras_are_served(browser, origin):
    with watched_page(browser, origin) as (page, problems):
        for name, kind in (
            ("og.png", "image/png"),
            ("sitemap.xml", "xml"),
            ("feed.xml", "xml"),
            ("robots.txt", "text/plain"),
            (".nojekyll", ""),
        ):
            response = page.request.get(origin + PREFIX + name)
            assert response.status == 200 and kind in response.headers["content-type"], name
        assert problems == []


@pytest.mark.parametrize("path", ["a/b/c", "missing.html", "a/b/"])
def test_the_404_page_renders_with_its_styles_at_any_depth(browser, origin, path):
    with watched_page(browser, origin) as (page, problems):
        response = page.goto(origin + PREFIX + path, wait_until="networkidle")
        assert response.status == 404
        assert page.title() == f"Page not found: {TITLE}"
        assert page.evaluate("getComputedStyle(document.querySelector('.ex-kicker')).textTransform") == "uppercase"
        assert page.evaluate("document.styleSheets.length") == 1
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        page.get_by_role("link", name=TITLE).click()
        page.wait_for_load_state("networkidle")
        assert page.url == origin + PREFIX
        assert page.title() == TITLE
        assert problems == []


def test_the_404_page_also_answers_outside_the_project_path(browser, origin):
    with watched_page(browser, origin) as (page, problems):
        assert page.goto(origin + "/elsewhere", wait_until="networkidle").status == 404
        assert page.evaluate("getComputedStyle(document.querySelector('.ex-kicker')).textTransform") == "uppercase"
        assert problems == []


def test_the_same_folder_works_opened_from_disk(browser, project_site):
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda req: failed.append(req.url))
    page.on(
        "request",
        lambda req: failed.append(f"not a file: {req.url}") if not req.url.startswith(("file://", "data:")) else None,
    )
    page.goto((project_site / "index.html").as_uri(), wait_until="networkidle")
    styled = page.evaluate("getComputedStyle(document.querySelector('.ex-kicker')).textTransform")
    context.close()
    assert failed == []
    assert styled == "uppercase"
