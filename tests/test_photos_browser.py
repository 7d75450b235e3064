"""The photo story in real Chromium: every photo and its credit show with JavaScript on and off, the browser picks a
variant for the width, dark mode leaves the photos as they are, print keeps them to a sensible size; axe and Nu are clean."""

from __future__ import annotations

import pytest

from explainer.cli import main

from .browser import assert_axe_clean, serve_folder
from .nu import assert_valid_html
from .photo_sites import photo_files
from .sites import write_site

PHOTOS = {
    "lead": "header .ex-photo-lead",
    "eruption": "#eruption .ex-photo",
    "cable": "#cable .ex-photo",
    "event": "#event-explosion .ex-photo",
    "person": "#person-vake .ex-photo",
}


@pytest.fixture(scope="module")
def photo_url(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("photos") / "site", photo_files())
    out = root.parent / "_site"
    assert main(["--project", str(root), "--out", str(out), "--strict"]) == 0
    with serve_folder(out) as url:
        yield url, out


def test_photo_page_is_valid_html(photo_url):
    """The lead's fetchpriority (HTML since 2023) needs the current checker."""
    assert_valid_html(sorted(photo_url[1].rglob("*.html")))


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scripts", [True, False], ids=["js-on", "js-off"])
def test_photos_and_credits_show(browser, photo_url, width, scripts):
    url, _ = photo_url
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=scripts)
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(url, wait_until="networkidle")
    for name, selector in PHOTOS.items():
        figure = page.locator(selector)
        figure.scroll_into_view_if_needed()
        image = figure.locator("img")
        image.evaluate("img => img.decode()")
        shown = image.evaluate(
            "img => [img.currentSrc.split('/').pop(), img.naturalWidth > 0, img.getBoundingClientRect().width]"
        )
        assert shown[0].endswith(".avif") and shown[1], (name, shown)
        assert figure.locator(".ex-photo-credit").is_visible(), name
        assert shown[2] <= width, (name, shown)
    lead = page.locator(PHOTOS["lead"] + " img").evaluate(
        "img => [img.currentSrc.split('/').pop(), img.getBoundingClientRect().width]"
    )
    # the smallest variant at least as wide as the photo is shown (device pixel ratio 1)
    assert lead[0].endswith("-480.avif" if lead[1] <= 480 else "-960.avif"), lead
    assert failed == []
    context.close()


def test_dark_mode_does_not_invert_photos_and_print_keeps_them_small(browser, photo_url):
    url, _ = photo_url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    lead = page.locator(PHOTOS["lead"] + " img")
    assert lead.evaluate("img => [getComputedStyle(img).filter, getComputedStyle(img).mixBlendMode]") == [
        "none",
        "normal",
    ]
    # the lead's sky, as drawn (#f2c36b), not inverted or dimmed
    pixel = page.evaluate("""() => { const img = document.querySelector('.ex-photo-lead img'); const c = document.createElement('canvas');
        c.width = img.naturalWidth; c.height = img.naturalHeight; const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        return [...g.getImageData(Math.floor(c.width * 0.75), 10, 1, 1).data].slice(0, 3); }""")
    assert all(abs(a - b) < 16 for a, b in zip(pixel, (0xF2, 0xC3, 0x6B))), pixel
    page.emulate_media(media="print")
    cm = 96 / 2.54
    widths = {
        name: page.locator(selector).evaluate("f => f.getBoundingClientRect().width")
        for name, selector in PHOTOS.items()
    }
    assert widths["lead"] <= 16 * cm + 1 and widths["eruption"] <= 12 * cm + 1 and widths["person"] <= 3 * cm + 1, (
        widths
    )
    assert all(w > 2 * cm for w in widths.values()), widths
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_photo_page_axe_is_clean(browser, photo_url, width):
    assert_axe_clean(browser, photo_url[0], width)
