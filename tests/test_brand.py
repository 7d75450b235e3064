"""The newsroom's brand: logo, colours refused below WCAG AA, self-hosted fonts."""

from __future__ import annotations

import pytest

from explainer.content.brand import contrast

from .sites import SITE_YAML

BRAND = """\
brand:
  name: The Island Times
  logo: images/logo.svg
  colours:
    accent: "#0b5394"
    text: "#111111"
    background: "#ffffff"
  fonts:
    body:
      family: Island Sans
      file: fonts/IslandSans.woff2
    headings:
      family: Island Serif
      file: fonts/IslandSerif.woff2
"""
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 30"><rect width="120" height="30" fill="#0b5394"/></svg>\n'


def test_contrast_ratios_are_wcag_2():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777", "#fff") == pytest.approx(4.48, abs=0.01)


def test_a_brand_sets_logo_colours_and_fonts(make_site, run_cli, tmp_path):
    files = {
        "site.yaml": SITE_YAML + BRAND,
        "static/images/logo.svg": LOGO,
        "static/fonts/IslandSans.woff2": b"wOF2 test bytes",
        "static/fonts/IslandSerif.woff2": b"wOF2 test bytes",
    }
    root = make_site(files)
    status, _, err = run_cli("--project", str(root), "--out", str(tmp_path / "out"), "--strict")
    assert (status, err) == (0, "")
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="preload" href="static/fonts/IslandSans.woff2" as="font" type="font/woff2" crossorigin>' in page
    assert (
        '@font-face { font-family: "Island Sans"; src: url("static/fonts/IslandSans.woff2") format("woff2"); font-display: swap; }'
        in page
    )
    assert '--ex-font: "Island Sans", system-ui, sans-serif; --ex-serif: "Island Serif", Georgia, serif;' in page
    assert (
        "@media screen and (prefers-color-scheme: light) { :root { --ex-accent: #0b5394; --ex-route: #0b5394; --ex-fg: #111111; --ex-rule: #111111; --ex-bg: #ffffff; } }"
        in page
    )
    assert '<img class="ex-logo" src="static/images/logo.svg" alt="The Island Times">' in page
    assert (tmp_path / "out" / "static" / "fonts" / "IslandSans.woff2").is_file()


def test_no_brand_adds_nothing(make_site, run_cli, tmp_path):
    assert run_cli("--project", str(make_site()), "--out", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<style>" not in page and 'rel="preload"' not in page and "ex-logo" not in page


@pytest.mark.parametrize(
    "brand, expected",
    [
        (
            'brand:\n  colours:\n    text: "#999999"\n',
            [
                "site.yaml:25:11: error: 'text' #999999 on background #fdfcf9 has a contrast ratio of 2.78:1; body text needs at least 4.5:1 (WCAG AA); choose a darker or lighter colour"
            ],
        ),
        (
            'brand:\n  colours:\n    background: "#555555"\n',
            [
                "site.yaml:25:17: error: 'accent' #8a2b0e on background #555555 has a contrast ratio of 1.16:1; links, large text and map marks need at least 4.5:1 (WCAG AA); choose a darker or lighter colour",
                "site.yaml:25:17: error: 'text' #1d1d1b on background #555555 has a contrast ratio of 2.26:1; body text needs at least 4.5:1 (WCAG AA); choose a darker or lighter colour",
            ],
        ),
        (
            "brand:\n  name: Desk\n  logo: logo.gif\n",
            [
                "site.yaml:25:9: error: the logo 'logo.gif' must be an SVG or PNG file in static/, such as images/logo.svg",
            ],
        ),
        (
            'brand:\n  fonts:\n    body:\n      family: Sans\n      file: fonts/a"b.woff2\n',
            [
                "site.yaml:27:13: error: font file 'fonts/a\"b.woff2' must be a WOFF2 file in static/fonts/ named with letters, digits, '.', '_' and '-', such as fonts/Body.woff2"
            ],
        ),
        (
            "brand:\n  name: Desk\n  logo: images/missing.svg\n",
            ["site.yaml:25:9: error: the logo static/images/missing.svg does not exist; add the file or fix the path"],
        ),
    ],
)
def test_bad_brands_are_reported_exactly(make_site, run_cli, brand, expected):
    status, _, err = run_cli("--project", str(make_site({"site.yaml": SITE_YAML + brand})), "check")
    assert status == 1
    assert err.splitlines()[:-1] == expected
