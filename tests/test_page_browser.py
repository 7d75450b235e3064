"""The built page in real Chromium: no console errors, readable with JavaScript off, and axe-clean."""

from __future__ import annotations

import pytest

from .browser import assert_axe_clean


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def page(request, browser, story_url):
    """The page at 375 and 1280 px is covered by separate tests; this one is 1280 px wide."""
    context = browser.new_context(java_script_enabled=request.param, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "request",
        lambda req: problems.append(f"off-origin request: {req.url}") if not req.url.startswith(story_url) else None,
    )
    page.goto(story_url, wait_until="networkidle")
    page.problems = problems
    yield page
    context.close()


def test_page_loads_cleanly(page, story):
    assert page.title() == story.site.title
    assert page.problems == []


def test_every_section_and_event_is_visible(page, story):
    for theme in story.site.themes:
        assert page.locator(f"section#{theme.id}").is_visible()
    items = page.locator("#timeline li[id^=event-]")
    assert items.count() == len(story.events)
    for index in range(items.count()):
        assert items.nth(index).is_visible()
    assert page.locator("#map svg.ex-map").is_visible()


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_violations(browser, story_url, width):
    assert_axe_clean(browser, story_url, width)


@pytest.mark.parametrize("width", [320, 375, 1280, 1920])
def test_no_horizontal_scrolling(browser, story_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(story_url)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow == 0
