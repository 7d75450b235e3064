"""The timeline partial in real headless Chromium, with JavaScript on and off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route, expect

from explainer.page.render import make_environment
from explainer.timeline.layout import build_timeline

from .sites import PROJECT as ROOT
from .test_timeline import BRIEF_EVENTS, PLACES, THEMES

ORIGIN = "http://timeline.test/"
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Timeline</title>
<link rel="stylesheet" href="timeline.css">
<script src="timeline.js" defer></script>
</head>
<body><main><h1>Timeline test page</h1>{body}</main></body>
</html>
"""


def render_timeline() -> str:
    """Render the partial the way the page does: its frozen views, autoescape, StrictUndefined."""
    timeline = build_timeline(BRIEF_EVENTS, THEMES, PLACES, "en")
    template = make_environment(ROOT).get_template("_timeline.html")
    return template.render(timeline=timeline, themes=THEMES)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("timeline")
    (folder / "index.html").write_text(PAGE.format(body=render_timeline()), encoding="utf-8")
    (folder / "timeline.css").write_bytes((ROOT / "static/css/timeline.css").read_bytes())
    (folder / "timeline.js").write_bytes((ROOT / "static/js/timeline.js").read_bytes())
    return folder


def open_page(browser: Browser, site: Path, query: str = "", javascript: bool = True) -> Page:
    """Open the page at http://timeline.test/ served from the folder, so history and URLs behave."""
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    def serve(route: Route) -> None:
        name = route.request.url.removeprefix(ORIGIN).split("?")[0].split("#")[0] or "index.html"
        route.fulfill(path=site / name)

    page.route(ORIGIN + "**", serve)
    page.goto(ORIGIN + query)
    page.errors = errors  # type: ignore[attr-defined]
    return page


@pytest.fixture
def js_page(browser, site):
    page = open_page(browser, site)
    yield page
    assert page.errors == []  # type: ignore[attr-defined]
    page.context.close()


def visible_events(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-timeline-event]", "items => items.filter(i => i.checkVisibility()).map(i => i.id)"
    )


def test_filter_buttons_appear_with_javascript(js_page):
    expect(js_page.locator("[data-timeline-filter]")).to_be_visible()
    buttons = js_page.get_by_role("button")
    expect(buttons).to_have_text(["All", *(t.label for t in THEMES)])
    expect(js_page.get_by_role("button", name="All")).to_have_attribute("aria-pressed", "true")
    assert len(visible_events(js_page)) == 11


def test_clicking_a_theme_filters_and_updates_the_url(js_page):
    js_page.get_by_role("button", name="The visit").click()
    expect(js_page.get_by_role("button", name="The visit")).to_have_attribute("aria-pressed", "true")
    expect(js_page.get_by_role("button", name="All")).to_have_attribute("aria-pressed", "false")
    assert visible_events(js_page) == [
        "event-lavrov-islamabad-2012",
        "event-lavrov-new-delhi",
        "event-lavrov-islamabad-2021",
    ]
    assert js_page.url == ORIGIN + "?theme=visit"
    years = js_page.locator("[data-timeline-year]:visible h3")
    expect(years).to_have_text(["2012", "2021"])
    expect(js_page.get_by_role("status")).to_have_text("3 events shown")
    expect(js_page.locator("[data-timeline-axis] [data-dimmed]")).to_have_count(8)

    js_page.get_by_role("button", name="All").click()
    assert len(visible_events(js_page)) == 11
    assert js_page.url == ORIGIN
    expect(js_page.get_by_role("status")).to_have_text("11 events shown")


def test_theme_in_url_is_restored_on_load(browser, site):
    page = open_page(browser, site, "?theme=bilateral-deals")
    expect(page.get_by_role("button", name="The bilateral deals")).to_have_attribute("aria-pressed", "true")
    assert visible_events(page) == ["event-pipeline-agreement"]
    expect(page.get_by_role("status")).to_have_text("1 event shown")
    assert page.errors == []  # type: ignore[attr-defined]
    page.context.close()


def test_unknown_theme_in_url_shows_everything(browser, site):
    page = open_page(browser, site, "?theme=nope")
    assert len(visible_events(page)) == 11
    assert page.url == ORIGIN
    page.context.close()


def test_axis_link_to_a_filtered_event_clears_the_filter(js_page):
    js_page.get_by_role("button", name="The visit").click()
    js_page.get_by_role("link", name="1 May 2021: Deadline for the US troop withdrawal").click()
    expect(js_page.locator("#event-withdrawal-deadline")).to_be_in_viewport()
    assert len(visible_events(js_page)) == 11
    assert js_page.url == ORIGIN + "#event-withdrawal-deadline"


def test_without_javascript_everything_is_visible_and_the_toolbar_hidden(browser, site):
    page = open_page(browser, site, "?theme=visit", javascript=False)
    expect(page.locator("[data-timeline-filter]")).to_be_hidden()
    assert len(visible_events(page)) == 11
    expect(page.locator("[data-timeline-year]:visible")).to_have_count(6)
    expect(page.get_by_role("link", name="Islamabad", exact=True)).to_have_count(4)
    page.context.close()


def test_axis_marks_are_named_links(js_page):
    axis = js_page.locator("[data-timeline-axis]")
    expect(axis).to_have_accessible_name(re.compile(r"^Time axis, 1979 to 2021; long gaps"))
    expect(axis.get_by_role("link")).to_have_count(11)
    expect(axis.get_by_role("link", name="6–7 April 2021: Lavrov in Islamabad")).to_have_attribute(
        "href", "#event-lavrov-islamabad-2021"
    )


def test_axe_finds_no_violations_when_filtered(js_page):
    js_page.get_by_role("button", name="The visit").click()
    violations = Axe().run(js_page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
