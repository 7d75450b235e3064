"""The shipped explainer passes `check --strict`, and its built page, served at its own base_url's path, loads in
Chromium with no console error, every link, asset and anchor resolving, and no axe violation."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from ..browser import assert_axe_clean, check_links, serve_project_site, watched_page
from ..sites import PROJECT


def test_check_strict_passes(run_cli):
    status, out, err = run_cli("check", "--strict", "--project", str(PROJECT))
    assert (status, err) == (0, ""), err
    assert out.startswith("check passed:")


@pytest.fixture(scope="module")
def home(shipped, shipped_site):
    """The built page's address, under the same path as on its published site."""
    prefix = urlsplit(shipped.site.base_url).path
    with serve_project_site(shipped_site, prefix) as origin:
        yield origin + prefix


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_every_link_asset_and_anchor_resolves_with_no_console_error(browser, shipped, home, javascript):
    origin = home[: -len(urlsplit(home).path)]
    with watched_page(browser, origin, javascript) as (page, problems):
        check_links(page, home, shipped.site.base_url)
        assert page.title() == shipped.site.title
        for section in shipped.sections:
            assert page.locator(f"section#{section.id}").is_visible()
        assert page.locator("#timeline li[id^=event-]").count() == len(shipped.events)
        assert problems == []


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_violations(browser, home, width):
    assert_axe_clean(browser, home, width)
