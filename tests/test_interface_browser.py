"""The language test sites in Chromium: Arabic and Urdu pages mirrored and axe-clean, JavaScript on and off."""

from __future__ import annotations

import pytest

from explainer.build import build

from .browser import assert_axe_clean, serve_folder
from .language_sites import write_language_site

WIDTHS = (375, 1280)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("rtl")
    for language in ("ar", "ur", "fr", "zh-Hans"):
        build(write_language_site(root / language, language), root / "out" / language, strict=True)
    with serve_folder(root / "out") as url:
        yield url


@pytest.mark.parametrize("language", ["ar", "ur"])
@pytest.mark.parametrize("width", WIDTHS)
def test_right_to_left_pages_pass_axe(browser, served, language, width):
    assert_axe_clean(browser, f"{served}/{language}/", width)


@pytest.mark.parametrize("language", ["fr", "zh-Hans"])
def test_left_to_right_pages_pass_axe(browser, served, language):
    assert_axe_clean(browser, f"{served}/{language}/", 375)


MIRRORED = """() => {
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  const years = [...document.querySelectorAll('.ex-axis-year')].map(t => t.getBoundingClientRect().left);
  const event = style('.ex-timeline-event');
  return {
    direction: style('body').direction,
    eventBorders: [event.borderRightWidth, event.borderLeftWidth],
    yearsRunLeftward: years.length > 1 && years.every((x, i) => i === 0 || x < years[i - 1]),
    skipLink: style('.ex-skip').right !== 'auto',
  };
}"""


@pytest.mark.parametrize("language", ["ar", "ur"])
@pytest.mark.parametrize("scripts", [True, False])
def test_right_to_left_pages_are_mirrored(browser, served, language, scripts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=scripts)
    page = context.new_page()
    page.goto(f"{served}/{language}/", wait_until="networkidle")
    found = page.evaluate(MIRRORED)
    context.close()
    assert found == {"direction": "rtl", "eventBorders": ["3px", "0px"], "yearsRunLeftward": True, "skipLink": True}


def test_left_to_right_axis_runs_rightward(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{served}/fr/", wait_until="networkidle")
    found = page.evaluate(MIRRORED)
    page.close()
    assert (found["direction"], found["eventBorders"], found["yearsRunLeftward"]) == ("ltr", ["0px", "3px"], False)
