"""Publishing files: sitemap, feed, robots, 404, head metadata, the Open Graph image, and no symlink in the output."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from explainer.build import read_explainer, render_site
from explainer.errors import BuildFailed, Loc
from explainer.map.ogimage import TITLE_LINES, layout_title
from explainer.model import Update
from explainer.page.publish import entry_ids, json_for_script
from explainer.text.typography import educate

from .sites import PROJECT, SITE_YAML, STORY_BASE_URL

BASE_URL = STORY_BASE_URL  # the story test site (tests/sites.py)
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAPS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class HeadParser(HTMLParser):
    """Collect the head's meta and link tags, the JSON-LD text, and every href and src."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.urls: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a["content"]
        if tag == "link":
            self.links[a["rel"]] = a["href"]
        for name in ("href", "src"):
            if name in a:
                self.urls.append((tag, a[name]))
        self._in_json = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(data)


def head(html: str) -> HeadParser:
    parser = HeadParser()
    parser.feed(html)
    return parser


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_sitemap_lists_the_page_at_its_absolute_url(story_site):
    root = ET.parse(story_site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAPS}urlset"
    assert [u.findtext(f"{SITEMAPS}loc") for u in root] == [BASE_URL]
    assert [u.findtext(f"{SITEMAPS}lastmod") for u in root] == ["2022-05-20"]


def test_robots_allows_all_and_points_at_the_absolute_sitemap(story_site):
    assert (story_site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {BASE_URL}sitemap.xml\n"


def test_nojekyll_exists_so_folders_starting_with_underscore_survive(story_site):
    assert (story_site / ".nojekyll").read_bytes() == b""


def test_feed_is_atom_with_absolute_urls_and_tag_ids(story_site):
    feed = ET.parse(story_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == BASE_URL + "feed.xml"
    assert feed.findtext(f"{ATOM}updated") == "2022-05-20T00:00:00Z"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": BASE_URL + "feed.xml", "alternate": BASE_URL}
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        "tag:someone.github.io,2022-03-01:/andes-story/updates/2022-05-20",
        "tag:someone.github.io,2022-03-01:/andes-story/updates/2022-04-03",
    ]
    entry = entries[0]
    assert entry.find(f"{ATOM}link").get("href") == BASE_URL + "#updates"
    assert entry.findtext(f"{ATOM}title").startswith("May 20, 2022: The pass has opened")
    assert "opened again" in entry.findtext(f"{ATOM}content")
    for element in feed.iter():
        for name in ("href", "{http://www.w3.org/XML/1998/namespace}base"):
            if element.get(name):
                assert element.get(name).startswith(BASE_URL)


def test_feed_without_updates_has_no_entries(make_site):
    feed = ET.fromstring(render_site(make_site()).files["feed.xml"])
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}updated") == "2021-04-07T00:00:00Z"


def test_feed_ids_count_notes_of_the_same_day_in_file_order(make_site):
    site = read_explainer(make_site()).site
    notes = [Update(dt.date(2021, 5, day), f"note {n}", Loc("content/updates.yaml")) for n, day in enumerate((2, 1, 1))]
    assert entry_ids(site, notes) == [
        "tag:example.org,2021-04-07:/test/updates/2021-05-02",
        "tag:example.org,2021-04-07:/test/updates/2021-05-01",
        "tag:example.org,2021-04-07:/test/updates/2021-05-01-2",
    ]


def test_builds_are_byte_for_byte_repeatable(make_site, tmp_path):
    root = make_site(
        {
            "content/updates.yaml": "updates:\n  - date: 2021-05-01\n    text: A *note*.\n",
            "site.yaml": SITE_YAML + "updated: 2021-05-01\n",
        }
    )
    first = render_site(root).files
    (root / ".cache").rename(tmp_path / "old-cache")
    second = render_site(root).files
    assert first == second


def test_head_has_canonical_open_graph_twitter_and_feed_link(story_site):
    parsed = head((story_site / "index.html").read_text(encoding="utf-8"))
    assert parsed.links["canonical"] == BASE_URL
    assert parsed.links["alternate"] == "feed.xml"
    assert parsed.meta["og:type"] == "article"
    assert parsed.meta["og:title"] == parsed.meta["twitter:title"] == "Roads over the Andes"
    assert parsed.meta["og:url"] == BASE_URL
    assert parsed.meta["og:image"] == parsed.meta["twitter:image"] == BASE_URL + "og.png"
    assert (parsed.meta["og:image:width"], parsed.meta["og:image:height"]) == ("1200", "630")
    assert parsed.meta["twitter:card"] == "summary_large_image"
    assert parsed.meta["description"].startswith("A test explainer about roads")
    assert parsed.meta["article:published_time"] == "2022-03-01"


def test_json_ld_is_a_news_article_with_iso_dates_and_absolute_image(story_site):
    parsed = head((story_site / "index.html").read_text(encoding="utf-8"))
    assert len(parsed.json_ld) == 1
    data = json.loads(parsed.json_ld[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Roads over the Andes"
    assert dt.date.fromisoformat(data["datePublished"]) == dt.date(2022, 3, 1)
    assert dt.date.fromisoformat(data["dateModified"]) == dt.date(2022, 5, 20)
    assert data["author"] == {"@type": "Organization", "name": "The test desk"}
    assert data["publisher"]["name"] == "The test desk"
    assert data["image"]["url"] == BASE_URL + "og.png"
    assert data["mainEntityOfPage"] == BASE_URL


def test_json_ld_cannot_break_out_of_its_script(make_site):
    title = "A </script><script>alert(1)</script> & <!-- title"
    root = make_site({"site.yaml": SITE_YAML.replace("title: Test explainer", f"title: '{title}'")})
    html = render_site(root).files["index.html"].decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script)["headline"] == educate(title)  # the title's dashes as readers see them


def test_json_for_script_escapes_markup_characters():
    assert json_for_script({"a": "</script>&\u2029"}) == '{\n "a": "\\u003c/script\\u003e\\u0026\\u2029"\n}'


def test_internal_links_and_assets_are_relative(story_site):
    parsed = head((story_site / "index.html").read_text(encoding="utf-8"))
    absolute = {(tag, url) for tag, url in parsed.urls if re.match(r"^([a-z]+:|/)", url)}
    external_links = {
        (tag, url)
        for tag, url in absolute
        if tag == "a" and url.startswith(("https://", "http://")) and not url.startswith(BASE_URL)
    }
    inline = {(tag, url) for tag, url in absolute if url.startswith("data:")}
    assert absolute - external_links - inline == {("link", BASE_URL)}
    assert ("link", "feed.xml") in parsed.urls


def test_not_found_page_uses_absolute_paths_from_the_base_path(make_site):
    files = render_site(make_site()).files
    page = files["404.html"].decode()
    assert re.search(r'<link rel="stylesheet" href="/test/assets/site\.css\?v=[0-9a-f]{10}">', page)
    assert '<a href="/test/">Test explainer</a>' in page
    assert '<html lang="en">' in page


def test_og_image_is_a_1200_by_630_png(story_site):
    assert png_size((story_site / "og.png").read_bytes()) == (1200, 630)


def test_long_titles_are_wrapped_and_shortened_to_fit():
    layout = layout_title("An extraordinarily long explainer title " * 6, 404)
    assert len(layout.lines) == TITLE_LINES and layout.lines[-1].endswith("…")
    assert layout_title("Lavrov in Islamabad", 404).lines == ("Lavrov in", "Islamabad")


def test_cached_drawings_build_without_loading_the_drawing_code(make_site):
    root = make_site()
    render_site(root)
    assert len(list((root / ".cache").glob("og-*.png"))) == 1
    code = (
        "import sys; from pathlib import Path; from explainer.build import render_site; "
        f"files = render_site(Path({str(root)!r})).files; "
        "print(sorted({'PIL', 'explainer.map.geo', 'explainer.map.svg', 'explainer.map.ogimage'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_compiled_templates_are_compiled_again_when_a_filter_is_called_differently(make_site, monkeypatch):
    import markupsafe

    from explainer.page import render

    def old_nowrap(text):  # as an earlier nowrap was: a plain filter, not pass_environment
        return markupsafe.escape(text)

    root = make_site()
    with monkeypatch.context() as patch:
        patch.setattr(render, "nowrap", old_nowrap)
        render_site(root)
    assert list((root / render.TEMPLATE_CACHE).glob("*.jinja"))
    page = render_site(root).files["index.html"].decode()  # the real nowrap, with the templates compiled above kept
    assert '<h1 class="ex-title">Test explainer</h1>' in page


def test_output_holds_only_regular_files(story_site):
    for folder, dirs, files in os.walk(story_site):
        for name in dirs + files:
            mode = os.lstat(Path(folder) / name).st_mode
            assert stat.S_ISREG(mode) or (name in dirs and stat.S_ISDIR(mode)), Path(folder) / name


def test_a_symlink_in_static_is_refused_even_inside_the_project(make_site, tmp_path):
    root = make_site()
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[remote]\n")
    (root / "static" / "config").symlink_to(root / ".git" / "config")
    with pytest.raises(BuildFailed) as failed:
        render_site(root)
    assert [str(e) for e in failed.value.errors] == [
        "static/config: error: static/config is a symlink; the site publishes only regular files, so copy the file in instead"
    ]


def test_a_symlinked_folder_in_static_is_not_published(make_site, tmp_path):
    root = make_site()
    (root / "static" / "linked").symlink_to(root / "content")
    files = render_site(root).files
    assert not any("linked" in name or name.endswith(".md") for name in files)


def test_a_symlink_out_of_the_project_is_an_error(make_site, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    root = make_site()
    (root / "static" / "secret.txt").symlink_to(outside)
    with pytest.raises(BuildFailed) as failed:
        render_site(root)
    assert [str(e) for e in failed.value.errors] == [
        f"static/secret.txt: error: static/secret.txt is a symlink to {outside}, outside the project; copy the file in instead"
    ]


def test_feed_sitemap_and_every_html_file_are_well_formed(story_site):
    from .wellformed import assert_well_formed

    assert_well_formed(
        {p.relative_to(story_site).as_posix(): p.read_bytes() for p in story_site.rglob("*") if p.is_file()}
    )


def has_glyph(font, char: str) -> bool:
    """Whether the font maps the character: a character it lacks is drawn as its .notdef box, as an unassigned one is."""
    notdef = font.getmask("\U0010fffd")  # a private-use code point no font maps
    mask = font.getmask(char)
    return (mask.size, bytes(mask)) != (notdef.size, bytes(notdef))


@pytest.mark.parametrize(
    ("language", "title", "byline"),
    [
        ("es", "La política exterior cambió – “otra vez” — en Kabul", "Redacción: Ana Núñez"),
        ("ru", "Визит в Исламабад — «впервые» за 20 лет", "Отдел новостей"),
        ("en", "Επίσκεψη στο Ισλαμαμπάντ: the visit’s “last” day", "Ελένη Παπαδοπούλου – Athens desk"),
    ],
)
def test_og_image_has_a_glyph_for_every_character(make_site, monkeypatch, language, title, byline):
    from PIL import ImageDraw, ImageFont

    assert not has_glyph(ImageFont.load_default(size=40), "ó")  # the check sees the bundled font's tofu
    drawn: list[tuple[str, object]] = []
    real_text = ImageDraw.ImageDraw.text

    def record(self, xy, text, *args, font=None, **kwargs):
        drawn.append((text, font))
        return real_text(self, xy, text, *args, font=font, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", record)
    site_yaml = (
        SITE_YAML.replace("title: Test explainer", f"title: {json.dumps(title)}")
        .replace("byline: Test desk", f"byline: {json.dumps(byline)}")
        .replace("language: en\n", f"language: {language}\n")
    )
    files = render_site(make_site({"site.yaml": site_yaml})).files
    assert png_size(files["og.png"]) == (1200, 630)
    kicker, *lines, last = drawn
    assert " ".join(text for text, _ in lines) == title and last[0] == byline
    for text, font in drawn:
        missing = [char for char in text if not char.isspace() and not has_glyph(font, char)]
        assert not missing, (text, font.path, missing)
    assert len({font.path for _, font in lines}) == 1  # one font for the whole title


def test_og_image_falls_back_to_pillows_font_without_noto_sans(make_site, monkeypatch, tmp_path):
    """A machine without the Noto fonts (not Debian, no system-deps) still builds an English site's share image."""
    from PIL import ImageFont

    from explainer.map import ogimage

    monkeypatch.setattr(ogimage, "NOTO", (str(tmp_path / "no-fonts"),))
    assert ogimage._font(40, "The visit").getname() == ImageFont.load_default(size=40).getname()
    with pytest.raises(RuntimeError, match="NotoNaskhArabic-Regular.ttf.*scripts/system-deps.sh"):
        ogimage._font(40, "زيارة", "ar")
    files = render_site(make_site()).files
    assert png_size(files["og.png"]) == (1200, 630)
