"""The reading experience in real Chromium: the map and timeline follow the text, deep links, JS off, layout, schemes.

These run on the suite's story site (tests/sites.py); what each section lights up is read from its content.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

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
    return set(
        page.eval_on_selector_all(
            "#timeline li[data-timeline-event].is-current", "els => els.map(e => e.dataset.theme)"
        )
    )


def section_places(story, section: str) -> set[str]:
    return next(set(s.places) for s in story.sections if s.id == section)


def section_routes(story, section: str) -> set[str]:
    return {route.id for route in story.site.routes if route.theme == section}


def expect_section_state(page, story, section: str) -> None:
    expect(page.locator(f"section#{section}")).to_have_class(CURRENT)
    page.wait_for_function(
        "ids => ids.every(id => document.querySelector(`#map g[data-place='${id}']`).classList.contains('is-highlighted'))",
        arg=sorted(section_places(story, section)),
    )
    assert lit(page) == (section_places(story, section), section_routes(story, section))
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


def test_map_and_timeline_follow_the_section_in_view(browser, story_url, story):
    ids = [theme.id for theme in story.site.themes]
    assert (
        len(ids) >= 3 and any(section_routes(story, i) for i in ids) and not all(section_routes(story, i) for i in ids)
    )
    with opened(browser, story_url) as page:
        assert lit(page) == (set(), set())  # the headline and summary: nothing is singled out yet
        for section in (ids[0], ids[-1], ids[1], ids[-1]):  # forwards, back, and forwards again
            scroll_to(page, f"section#{section}")
            expect_section_state(page, story, section)
            assert page.locator("section.ex-section.is-current").count() == 1
        expect(page.locator("[data-map-status]")).to_contain_text(story.site.themes[-1].label)
        scroll_to(page, "#places", 0)
        expect(page.locator("#map g.is-highlighted")).to_have_count(0)


def test_sticky_map_beside_the_text_on_wide_screens_inline_on_phones(browser, story_url, story):
    with opened(browser, story_url) as page:
        scroll_to(page, "#timeline", 0)
        box = page.locator("#map").bounding_box()
        assert 0 <= box["y"] <= 40 and box["x"] > 600  # still in view, in the right-hand column
    with opened(browser, story_url, viewport={"width": 375, "height": 800}) as page:
        assert page.locator("#map").evaluate("el => getComputedStyle(el).position") == "static"
        glance, figure, first = (
            page.locator(s).bounding_box() for s in (".ex-glance", "#map", f"section#{story.sections[0].id}")
        )
        assert glance["y"] < figure["y"] < first["y"]  # after the summary, before the first section


def test_next_section_control_steps_through_the_sections(browser, story_url, story):
    first, *rest = [theme.id for theme in story.site.themes]
    with opened(browser, story_url) as page:
        scroll_to(page, f"section#{first}")
        expect_section_state(page, story, first)
        for section in rest:
            page.locator("section.ex-section.is-current [data-next-section]").click()
            page.mouse.move(1275, 895)  # off the text, so that no hovered link takes over the map
            expect(page).to_have_url(re.compile(f"#{section}$"))
            expect_section_state(page, story, section)
            page.wait_for_function(f"Math.abs(document.getElementById('{section}').getBoundingClientRect().top) < 5")
        page.locator(f"section#{rest[-1]} [data-next-section]").click()
        expect(page).to_have_url(re.compile("#timeline$"))


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_deep_links_land_in_the_right_state(browser, story_url, story, motion):
    with opened(browser, story_url + "#roads", reduced_motion=motion) as page:
        expect_section_state(page, story, "roads")
        assert abs(page.locator("section#roads").bounding_box()["y"]) < 5
    with opened(browser, story_url + "#event-port-grows", reduced_motion=motion) as page:
        expect(page.locator("#event-port-grows")).to_have_class(CURRENT)
        page.wait_for_function(
            "document.querySelector(\"#map g[data-place='arica']\").classList.contains('is-highlighted')"
        )
        assert lit(page) == ({"arica"}, set())
    with opened(browser, story_url + "#place-cusco", reduced_motion=motion) as page:
        expect(page.locator("#place-cusco")).to_have_class(CURRENT)
        page.wait_for_function(
            "document.querySelector(\"#map g[data-place='cusco']\").classList.contains('is-highlighted')"
        )
        assert lit(page) == ({"cusco"}, set())
        expect(page.locator("[data-map-status]")).to_have_text("Cusco")
        # Following another link (a hash change) moves the state with it.
        page.evaluate("location.hash = '#place-quito'")
        page.wait_for_function(
            "document.querySelector(\"#map g[data-place='quito']\").classList.contains('is-highlighted')"
        )
        assert lit(page) == ({"quito"}, set())


@pytest.mark.parametrize("fragment", ["#%", "#%zz", "#event-%E0%A4%A"])
def test_a_malformed_fragment_throws_nothing_and_the_map_still_follows(browser, story_url, story, fragment):
    """opened() fails the test on any page error: decodeURIComponent throws on these."""
    first, last = story.site.themes[0].id, story.site.themes[-1].id
    with opened(browser, story_url + fragment) as page:
        scroll_to(page, f"section#{first}")
        expect_section_state(page, story, first)
        page.evaluate(f"location.hash = '{fragment}'")
        scroll_to(page, f"section#{last}")
        expect_section_state(page, story, last)


def test_hovering_or_focusing_an_event_or_place_shows_its_places(browser, story_url):
    with opened(browser, story_url + "#timeline") as page:
        page.locator("#event-dam-plan").hover()
        page.wait_for_function(
            "document.querySelector(\"#map g[data-place='quito']\").classList.contains('is-highlighted')"
        )
        assert lit(page)[0] == {"quito"}
        page.mouse.move(
            0, 0
        )  # else focusing scrolls the page under the pointer, which then hovers whatever lands there
        page.locator("#event-pass-closed [data-place-link='la-paz']").focus()
        page.wait_for_function(
            "document.querySelector(\"#map g[data-place='la-paz']\").classList.contains('is-highlighted')"
        )
        assert lit(page)[0] == {"la-paz"}
        page.locator("#timeline-heading").hover()
        page.locator("#timeline-heading").evaluate("el => document.activeElement.blur()")
        page.mouse.move(5, 5)
        expect(page.locator("#map g[data-place='la-paz']")).not_to_have_class(re.compile("is-highlighted"))


def test_on_phones_a_tapped_place_shows_on_the_map_and_the_way_back(browser, story_url, story):
    section = story.sections[0]
    place = section.places[0]
    with opened(browser, story_url, viewport={"width": 375, "height": 800}) as page:
        link = page.locator(f"section#{section.id} a[data-place-link='{place}']").first
        link.scroll_into_view_if_needed()
        link.click()
        expect(page.locator(f"#map g[data-place='{place}']")).to_have_class(re.compile("is-highlighted"))
        expect(page.locator("#map svg.ex-map")).to_be_in_viewport()
        back = page.locator("[data-map-back]")
        expect(back).to_be_visible()
        box = back.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
        back.click()
        expect(link).to_be_in_viewport()
        expect(link).to_be_focused()
        expect(back).to_be_hidden()


def test_without_javascript_everything_is_there_and_static(browser, story_url, story):
    with opened(browser, story_url, java_script_enabled=False, viewport={"width": 375, "height": 800}) as page:
        assert "ex-js" not in (page.locator("html").get_attribute("class") or "")
        for section in story.sections:
            expect(page.locator(f"section#{section.id} .ex-article-text")).to_be_visible()
        counts = (
            ("#timeline li[data-timeline-event]", len(story.events)),
            ("#places li[data-place]", len(story.site.places)),
            ("[data-next-section]", len(story.sections)),
        )
        for selector, count in counts:
            items = page.locator(selector)
            assert items.count() == count
            for index in range(count):
                expect(items.nth(index)).to_be_visible()
        expect(page.locator("#map svg.ex-map")).to_be_visible()
        assert page.locator(".is-highlighted, .is-current").count() == 0
        page.locator(
            f"section#{story.sections[0].id} [data-next-section]"
        ).click()  # a plain link: it works without scripts
        expect(page).to_have_url(re.compile(f"#{story.sections[1].id}$"))


def test_no_horizontal_scrolling_from_320_to_1920(browser, story_url):
    with opened(browser, story_url, viewport={"width": 320, "height": 800}) as page:
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
def test_colour_schemes_meet_contrast(browser, story_url, scheme, background):
    with opened(browser, story_url, color_scheme=scheme) as page:
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
        for selector in (
            "body",
            ".ex-dek",
            ".ex-kicker",
            ".ex-glance-list a",
            ".ex-section-number",
            ".ex-timeline-date",
        ):
            assert _contrast(page, selector) >= 4.5, selector
        page.emulate_media(media="print")  # a reader in dark mode still prints black on white
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"


def test_reduced_motion_turns_smooth_scrolling_off(browser, story_url):
    with opened(browser, story_url, reduced_motion="reduce") as page:
        assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    with opened(browser, story_url) as page:
        page.wait_for_function("getComputedStyle(document.documentElement).scrollBehavior === 'smooth'")
