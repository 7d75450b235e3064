"""The reading experience in real Chromium: the map and timeline follow the text, deep links, JS off, layout, schemes."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

SECTION_PLACES = {
    "visit": {"islamabad", "new-delhi", "moscow"},
    "afghanistan-talks": {"kabul", "moscow", "doha", "islamabad"},
    "bilateral-deals": {"islamabad", "karachi", "lahore"},
    "us-influence": {"washington", "kabul", "beijing", "tehran"},
}
SECTION_ROUTES = {"visit": {"lavrov-trip"}, "afghanistan-talks": set(), "bilateral-deals": {"gas-pipeline"}, "us-influence": set()}
CURRENT = re.compile(r"\bis-current\b")


@contextmanager
def opened(browser, url, **options):
    """A fresh page on `url`; fails the test on any console error or page error."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(url)
    try:
        yield page
        assert problems == []
    finally:
        context.close()


def lit(page) -> tuple[set[str], set[str]]:
    """The place ids and route ids highlighted on the map now."""
    places = page.eval_on_selector_all("#map g[data-place].is-highlighted", "els => els.map(e => e.dataset.place)")
    routes = page.eval_on_selector_all("#map g[data-route].is-highlighted", "els => els.map(e => e.dataset.route)")
    return set(places), set(routes)


def current_themes(page) -> set[str]:
    return set(page.eval_on_selector_all("#timeline li[data-timeline-event].is-current", "els => els.map(e => e.dataset.theme)"))


def expect_section_state(page, section: str) -> None:
    expect(page.locator(f"section#{section}")).to_have_class(CURRENT)
    page.wait_for_function("ids => ids.every(id => document.querySelector(`#map g[data-place='${id}']`).classList.contains('is-highlighted'))", arg=sorted(SECTION_PLACES[section]))
    assert lit(page) == (SECTION_PLACES[section], SECTION_ROUTES[section])
    assert current_themes(page) == {section}
    events = page.locator(f"#timeline li[data-theme='{section}']")
    assert events.count() > 0
    for index in range(events.count()):
        expect(events.nth(index)).to_have_class(CURRENT)


def scroll_to(page, selector: str, offset: int = 150) -> None:
    """Put the element's top `offset` px below the top of the viewport, with an instant scroll (as a reader would)."""
    page.evaluate(
        "([sel, off]) => window.scrollTo({top: document.querySelector(sel).getBoundingClientRect().top + window.scrollY - off, behavior: 'instant'})",
        [selector, offset],
    )


def test_map_and_timeline_follow_the_section_in_view(browser, site_url):
    with opened(browser, site_url) as page:
        assert lit(page) == (set(), set())  # the headline and summary: nothing is singled out yet
        for section in ("visit", "bilateral-deals", "afghanistan-talks", "us-influence"):
            scroll_to(page, f"section#{section}")
            expect_section_state(page, section)
            assert page.locator("section.ex-section.is-current").count() == 1
        expect(page.locator("[data-map-status]")).to_contain_text("US influence")
        scroll_to(page, "#places", 0)
        expect(page.locator("#map g.is-highlighted")).to_have_count(0)


def test_sticky_map_beside_the_text_on_wide_screens_inline_on_phones(browser, site_url):
    with opened(browser, site_url) as page:
        scroll_to(page, "#timeline", 0)
        box = page.locator("#map").bounding_box()
        assert 0 <= box["y"] <= 40 and box["x"] > 600  # still in view, in the right-hand column
    with opened(browser, site_url, viewport={"width": 375, "height": 800}) as page:
        assert page.locator("#map").evaluate("el => getComputedStyle(el).position") == "static"
        glance, figure, first = (page.locator(s).bounding_box() for s in (".ex-glance", "#map", "section#visit"))
        assert glance["y"] < figure["y"] < first["y"]  # after the summary, before the first section


def test_next_section_control_steps_through_the_sections(browser, site_url):
    with opened(browser, site_url) as page:
        scroll_to(page, "section#visit")
        expect_section_state(page, "visit")
        for section in ("afghanistan-talks", "bilateral-deals", "us-influence"):
            page.locator("section.ex-section.is-current [data-next-section]").click()
            page.mouse.move(1275, 895)  # off the text, so that no hovered link takes over the map
            expect(page).to_have_url(re.compile(f"#{section}$"))
            expect_section_state(page, section)
            page.wait_for_function(f"Math.abs(document.getElementById('{section}').getBoundingClientRect().top) < 5")
        page.locator("section#us-influence [data-next-section]").click()
        expect(page).to_have_url(re.compile("#timeline$"))


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_deep_links_land_in_the_right_state(browser, site_url, motion):
    with opened(browser, site_url + "#bilateral-deals", reduced_motion=motion) as page:
        expect_section_state(page, "bilateral-deals")
        assert abs(page.locator("section#bilateral-deals").bounding_box()["y"]) < 5
    with opened(browser, site_url + "#event-doha-agreement", reduced_motion=motion) as page:
        expect(page.locator("#event-doha-agreement")).to_have_class(CURRENT)
        page.wait_for_function("document.querySelector(\"#map g[data-place='doha']\").classList.contains('is-highlighted')")
        assert lit(page) == ({"doha"}, set())
    with opened(browser, site_url + "#place-beijing", reduced_motion=motion) as page:
        expect(page.locator("#place-beijing")).to_have_class(CURRENT)
        page.wait_for_function("document.querySelector(\"#map g[data-place='beijing']\").classList.contains('is-highlighted')")
        assert lit(page) == ({"beijing"}, set())
        expect(page.locator("[data-map-status]")).to_have_text("Beijing")
        # Following another link (a hash change) moves the state with it.
        page.evaluate("location.hash = '#place-karachi'")
        page.wait_for_function("document.querySelector(\"#map g[data-place='karachi']\").classList.contains('is-highlighted')")
        assert lit(page) == ({"karachi"}, set())


def test_hovering_or_focusing_an_event_or_place_shows_its_places(browser, site_url):
    with opened(browser, site_url + "#timeline") as page:
        page.locator("#event-lavrov-new-delhi").hover()
        page.wait_for_function("document.querySelector(\"#map g[data-place='new-delhi']\").classList.contains('is-highlighted')")
        assert lit(page)[0] == {"new-delhi"}
        page.mouse.move(0, 0)  # else focusing scrolls the page under the pointer, which then hovers whatever lands there
        page.locator("#event-pipeline-agreement [data-place-link='lahore']").focus()
        page.wait_for_function("document.querySelector(\"#map g[data-place='lahore']\").classList.contains('is-highlighted')")
        assert lit(page)[0] == {"lahore"}
        page.locator("#timeline-heading").hover()
        page.locator("#timeline-heading").evaluate("el => document.activeElement.blur()")
        page.mouse.move(5, 5)
        expect(page.locator("#map g[data-place='lahore']")).not_to_have_class(re.compile("is-highlighted"))


def test_without_javascript_everything_is_there_and_static(browser, site_url):
    with opened(browser, site_url, java_script_enabled=False, viewport={"width": 375, "height": 800}) as page:
        assert "ex-js" not in (page.locator("html").get_attribute("class") or "")
        for section in SECTION_PLACES:
            expect(page.locator(f"section#{section} .ex-article-text")).to_be_visible()
        for selector, count in (("#timeline li[data-timeline-event]", 12), ("#places li[data-place]", 10), ("[data-next-section]", 4)):
            items = page.locator(selector)
            assert items.count() == count
            for index in range(count):
                expect(items.nth(index)).to_be_visible()
        expect(page.locator("#map svg")).to_be_visible()
        assert page.locator(".is-highlighted, .is-current").count() == 0
        page.locator("section#visit [data-next-section]").click()  # a plain link: it works without scripts
        expect(page).to_have_url(re.compile("#afghanistan-talks$"))


def test_no_horizontal_scrolling_from_320_to_1920(browser, site_url):
    with opened(browser, site_url, viewport={"width": 320, "height": 800}) as page:
        for width in (320, 360, 414, 600, 768, 1023, 1024, 1280, 1440, 1760, 1920):
            page.set_viewport_size({"width": width, "height": 800})
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow == 0, f"{overflow} px of horizontal scrolling at {width} px"


def _contrast(page, fg_selector: str, prop: str = "color") -> float:
    return page.evaluate(
        """([sel, prop]) => {
            const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const a = lum(rgb(getComputedStyle(document.querySelector(sel))[prop]));
            const b = lum(rgb(getComputedStyle(document.body).backgroundColor));
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }""",
        [fg_selector, prop],
    )


@pytest.mark.parametrize("scheme,background", [("dark", "rgb(22, 22, 21)"), ("light", "rgb(253, 252, 249)")])
def test_colour_schemes_meet_contrast(browser, site_url, scheme, background):
    with opened(browser, site_url, color_scheme=scheme) as page:
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
        for selector in ("body", ".ex-dek", ".ex-kicker", ".ex-glance-list a", ".ex-section-number", ".ex-timeline-date"):
            assert _contrast(page, selector) >= 4.5, selector
        page.emulate_media(media="print")  # a reader in dark mode still prints black on white
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"


def test_reduced_motion_turns_smooth_scrolling_off(browser, site_url):
    with opened(browser, site_url, reduced_motion="reduce") as page:
        assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    with opened(browser, site_url) as page:
        page.wait_for_function("getComputedStyle(document.documentElement).scrollBehavior === 'smooth'")
