"""History explainers: years before the Common Era, uncertain and approximate dates, on the page and on its axis.

The axis is measured in Chromium at phone, tablet, laptop and wide widths, with JavaScript on and off, left to
right and right to left: it stays within its column, its first and last marks and labels show, and its labels
are legible and clear of each other.
"""

from __future__ import annotations

import json
import re

import pytest

from explainer.build import build

from .browser import assert_axe_clean, serve_folder
from .history_sites import write_century_site, write_rome_site
from .sites import PROJECT

WIDTHS = (375, 768, 1280, 1920)
SITES = ("rome", "rome-ar", "century", "shipped")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = tmp_path_factory.mktemp("history")
    build(write_rome_site(root / "src" / "rome"), root / "out" / "rome", strict=True)
    build(write_rome_site(root / "src" / "rome-ar", "ar"), root / "out" / "rome-ar", strict=True)
    build(write_century_site(root / "src" / "century"), root / "out" / "century", strict=True)
    build(PROJECT, root / "out" / "shipped")
    return root / "out"


@pytest.fixture(scope="module")
def served(out):
    with serve_folder(out) as url:
        yield url


def dates_on_the_page(page: str) -> list[str]:
    return re.findall(r'<p class="ex-timeline-date">(.*?)</p>', page)


def test_roman_dates_on_the_page(out):
    page = (out / "rome/index.html").read_text(encoding="utf-8")
    dates = dates_on_the_page(page)
    assert dates[:5] == [
        "509 BC?",
        "c. 451\u2009–\u2009450 BC",
        "c. 390 BC",
        "264\u2009–\u2009241 BC",
        "c. October 218 BC?",
    ]
    assert dates[9] == '<time datetime="0014-08-19">19 August 14 AD</time>'  # HTML's <time> holds years from 0001
    assert dates[-1] == '<time datetime="0476-09-04">4 September 476 AD</time>'
    assert '<h3 id="timeline-44-bce" class="ex-timeline-year-heading">44 BC</h3>' in page


def test_approximate_true_is_the_same_as_a_tilde(out):
    """'gauls' is written `date: -0389` with `approximate: true`, 'milan' `date: 0313~`: both are approximate."""
    page = (out / "rome/index.html").read_text(encoding="utf-8")
    assert '<a class="ex-axis-mark ex-axis-approximate" href="#event-gauls"' in page
    assert '<a class="ex-axis-mark ex-axis-approximate" href="#event-milan"' in page
    assert '<a class="ex-axis-mark ex-axis-approximate ex-axis-uncertain" href="#event-hannibal"' in page
    slides = {
        e["unique_id"]: e for e in json.loads((out / "rome/data/events.json").read_text(encoding="utf-8"))["events"]
    }
    assert slides["event-gauls"]["display_date"] == "c. -0389" and slides["event-milan"]["display_date"] == "c. 0313"


def test_arabic_dates_take_cldr_eras_and_the_arabic_question_mark(out):
    dates = dates_on_the_page((out / "rome-ar/index.html").read_text(encoding="utf-8"))
    assert dates[0] == "509 ق.م؟"


def test_a_decade_is_listed_after_its_last_year(out):
    page = (out / "century/index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h3 id="(timeline-[^"]+)" class="ex-timeline-year-heading">([^<]+)</h3>', page)
    assert headings[2:4] == [("timeline-1939", "1939"), ("timeline-1930s", "1930s")]


MEASURE = """() => {
  const axis = document.querySelector('.ex-axis');
  const column = axis.parentElement.getBoundingClientRect();
  const box = (el) => { const b = el.getBoundingClientRect(); return [b.left, b.right, b.top, b.bottom]; };
  const shown = (el) => getComputedStyle(el).display !== 'none';
  const labels = [...axis.querySelectorAll('.ex-axis-year')].filter(shown);
  const marks = [...axis.querySelectorAll('.ex-axis-mark > circle, .ex-axis-mark > line')];
  return {
    column: [column.left, column.right],
    svg: box(axis.querySelector('svg')),
    labels: labels.map(t => [t.textContent, ...box(t)]),
    fonts: labels.map(t => parseFloat(getComputedStyle(t).fontSize)),
    marks: marks.map(box),
    fade: getComputedStyle(axis).backgroundImage,
    scrolls: axis.scrollWidth > axis.clientWidth + 1,
    page: document.documentElement.scrollWidth,
    direction: getComputedStyle(axis).direction,
  };
}"""


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scripts", [True, False])
def test_the_axis_fits_its_column(browser, served, site, width, scripts):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=scripts)
    page = context.new_page()
    page.goto(f"{served}/{site}/", wait_until="networkidle")
    found = page.evaluate(MEASURE)
    context.close()
    left, right = found["column"]
    inside = lambda b: left - 0.5 <= b[0] and b[1] <= right + 0.5  # noqa: E731
    assert inside(found["svg"]) and found["page"] <= width and not found["scrolls"] and found["fade"] == "none"
    assert all(inside(mark) for mark in found["marks"]), (
        "a mark sticks out of the column"
    )  # the first and last included
    assert len(found["labels"]) >= 2 and all(inside(label[1:]) for label in found["labels"])
    assert min(found["fonts"]) >= 12
    spans = sorted(label[1:3] for label in found["labels"])
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), f"labels overlap: {found['labels']}"
    # The earliest label is the first tick's, on the left, or on the right of a right-to-left page.
    texts = [label[0] for label in sorted(found["labels"], key=lambda label: label[1])]
    if found["direction"] == "rtl":
        texts.reverse()
    assert texts[0] == {"rome": "600 BC", "rome-ar": "600 ق.م", "century": "1910", "shipped": "1979"}.get(
        site, texts[0]
    )


@pytest.mark.parametrize("site", ["rome", "rome-ar", "century"])
@pytest.mark.parametrize("width", [375, 1280])
def test_history_pages_pass_axe(browser, served, site, width):
    assert_axe_clean(browser, f"{served}/{site}/", width)
