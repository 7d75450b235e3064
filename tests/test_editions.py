"""Translated editions: content/<tag>/ built into <tag>/, linked by hreflang and the switcher, with visible fallbacks."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from explainer.build import build, read_explainer
from explainer.cli import main
from explainer.content.edition import fingerprint
from explainer.language.interface import Interface, messages
from explainer.language.tags import autonym, canonical

from .browser import assert_axe_clean, serve_folder, serve_project_site
from .edition_sites import EVENTS, FRENCH_ALPHA, FRENCH_EVENTS, edition_fixtures, write_edition_site
from .sites import write_site
from .test_interface import PLACEHOLDER, page_words
from .test_serve import get, open_page, running, write

BASE = "https://example.org/test/"
EDITIONS = {"en": BASE, "fr": BASE + "fr/", "ur": BASE + "ur/"}
PAGES = {"en": "index.html", "fr": "fr/index.html", "ur": "ur/index.html"}


project, built = edition_fixtures(write_edition_site, "editions")


def soup_of(built: Path, language: str) -> BeautifulSoup:
    return BeautifulSoup((built / PAGES[language]).read_text(encoding="utf-8"), "html.parser")


def check_lines(root: Path, *options: str) -> tuple[int, list[str], list[str]]:
    """`build.py check` on `root`: its status, its output lines and its error lines."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["check", "--project", str(root), *options])
    return status, out.getvalue().splitlines(), err.getvalue().splitlines()


def test_each_edition_is_built_under_its_tag_and_shared_files_stay_at_the_root(built):
    files = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    for tag in ("fr", "ur"):
        own = {f.removeprefix(f"{tag}/") for f in files if f.startswith(f"{tag}/")}
        assert own == {
            "index.html",
            "feed.xml",
            "og.png",
            "embed/map.html",
            "embed/timeline.html",
            "data/events.json",
            "data/events.csv",
            "data/events.ics",
            "data/places.geojson",
        }
    assert {"404.html", "sitemap.xml", "robots.txt", "assets/site.css", "assets/site.js"} <= files
    assert (built / "fr/og.png").read_bytes() != (built / "og.png").read_bytes()  # its own title
    assert "Premier événement" in (built / "fr/data/events.json").read_text(encoding="utf-8")
    feed = ET.parse(built / "fr/feed.xml").getroot()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert feed.get(lang) == "fr"
    assert feed.find("{http://www.w3.org/2005/Atom}link[@rel='alternate']").get("href") == BASE + "fr/"
    assert [c.get(lang) for c in feed.iter("{http://www.w3.org/2005/Atom}content")] == ["en"]  # the main update


def test_the_edition_states_its_language_and_direction(built):
    for language, direction in (("en", None), ("fr", None), ("ur", "rtl")):
        html = soup_of(built, language).html
        assert (html["lang"], html.get("dir")) == (language, direction)


def test_every_edition_links_every_edition_by_hreflang_and_the_main_one_as_x_default(built):
    for language, url in EDITIONS.items():
        soup = soup_of(built, language)
        links = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
        assert links == {**EDITIONS, "x-default": BASE}
        assert soup.select_one('link[rel="canonical"]')["href"] == url
        assert soup.select_one('meta[property="og:url"]')["content"] == url
    sitemap = ET.parse(built / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        url.findtext("s:loc", namespaces=ns): {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        for url in sitemap.findall("s:url", ns)
    }
    assert entries == {url: {**EDITIONS, "x-default": BASE} for url in EDITIONS.values()}


def test_the_switcher_names_each_edition_in_its_own_language_and_links_to_built_pages(built):
    for language in EDITIONS:
        nav = soup_of(built, language).select_one("header nav.ex-editions")
        assert nav["aria-label"] == Interface(language).gettext("Languages")
        links = nav.select("a")
        assert [a["hreflang"] for a in links] == list(EDITIONS)
        for a in links:
            assert a["lang"] == a["hreflang"]
            assert a["dir"] == Interface(a["lang"]).direction
            assert a.get_text() == autonym(a["lang"])
            assert (a.get("aria-current") == "page") == (a["lang"] == language)
            target = urlsplit(urljoin(f"/repo/{PAGES[language]}", a["href"])).path.removeprefix("/repo/")
            assert (built / (target + "index.html" if target.endswith("/") or not target else target)).is_file()
    assert autonym("fr") == "Français" and autonym("ur") == "اردو"


def test_an_untranslated_section_is_in_the_main_language_with_a_note(built):
    french = soup_of(built, "fr")
    beta = french.select_one("section#beta")
    assert beta.select_one(".ex-fallback").get_text() == "Pas encore traduit\u00a0: affiché en anglais."
    assert beta.select_one(".ex-article-text")["lang"] == "en"
    assert not beta.select_one(".ex-article-text").has_attr("dir")  # French and English run the same way
    assert beta.select_one("h2 span[lang=en]").get_text() == "Beta section"
    alpha = french.select_one("section#alpha")
    assert alpha.select_one(".ex-fallback") is None
    assert alpha.select_one("h2").get_text() == "Section alpha en français"
    assert "Le texte alpha en français." in alpha.select_one(".ex-article-text").get_text()
    urdu = soup_of(built, "ur").select_one("section#alpha")
    text = urdu.select_one(".ex-article-text")
    assert (text["lang"], text["dir"]) == ("en", "ltr")
    assert urdu.select_one(".ex-fallback").get_text() == "ابھی ترجمہ نہیں ہوا: انگریزی میں دکھایا گیا ہے۔"


def test_an_untranslated_event_has_a_marker_and_site_wording_falls_back_with_its_language(built):
    french = soup_of(built, "fr")
    two = french.select_one("#event-two")
    assert two.select_one(".ex-fallback-event").get_text() == "Non traduit\u00a0: anglais"
    assert two.select_one(".ex-timeline-text")["lang"] == "en"
    one = french.select_one("#event-one")
    assert one.select_one(".ex-fallback-event") is None
    assert one.select_one("h4").get_text() == "Premier événement"
    assert "L’agence" in one.get_text()
    assert french.select_one('a[href="#place-kabul"] span[lang=en]').get_text() == "Kabul"
    assert french.select_one('a[href="#place-islamabad"]').get_text() == "Islamabad en français"
    assert french.select_one(".ex-byline").get_text() == "Par La rédaction"
    byline = soup_of(built, "ur").select_one(".ex-byline span")
    assert (byline["lang"], byline["dir"], byline.get_text()) == ("en", "ltr", "Test desk")


def test_no_english_interface_word_is_left_on_the_french_edition_but_its_fallback_content(built):
    soup = soup_of(built, "fr")
    for foreign in soup.select("[lang=en]"):
        foreign.decompose()
    texts = " ".join(page_words(str(soup)))
    assert "Beta section" not in texts  # the fallback content is gone
    french = Interface("fr")
    for msgid in messages():
        if french.gettext(msgid) == msgid or len(msgid) < 4:
            continue
        for fragment in PLACEHOLDER.split(msgid):
            if len(fragment.strip(" .:,;")) >= 5:
                assert not re.search(rf"\b{re.escape(fragment.strip())}\b", texts), (msgid, fragment)


def test_check_lists_what_is_left_to_translate_and_passes_strict(project):
    status, out, err = check_lines(project, "--strict")
    assert (status, err) == (0, [])
    assert out[::2][:2] == [
        "untranslated: content/fr/: 1 of 2 sections, 1 of 2 events, 1 of 2 themes, 1 of 2 places, 1 of 4 site.yaml "
        "texts untranslated: content/beta.md, event 'two', theme 'beta', place 'kabul', 'source.name'",
        "untranslated: content/ur/: 1 of 2 sections, 2 of 2 events, 2 of 4 site.yaml texts untranslated: "
        "content/alpha.md, event 'one', event 'two', 'byline', 'source.name'",
    ]
    model = read_explainer(project)
    current = [f"{s.loc.path} {fingerprint(s)}" for s in model.sections] + [
        f"event '{e.id}' {fingerprint(e)}" for e in model.events
    ]
    assert [line for line in out if line.startswith("fingerprints: ")] == [
        f"fingerprints: content/{tag}/: {', '.join(current)} (write each as 'translates: …' in its translation)"
        for tag in ("fr", "ur")
    ]  # no translation gives its fingerprint yet
    assert out[-1].startswith("check passed: ") and len(out) == 5


@pytest.mark.parametrize(
    "files, message",
    [
        (
            {"content/fr/site.yaml": "title: T\npublished: 2021-04-07\n"},
            "content/fr/site.yaml:2:1: error: 'published' is not wording: set once in site.yaml for every edition; remove it here",
        ),
        (
            {"content/fr/site.yaml": "places:\n  - id: kabul\n    name: Kaboul\n    lat: 34.5\n"},
            "content/fr/site.yaml:4:5: error: 'lat' is not wording: set once in site.yaml for every edition; remove it here",
        ),
        (
            {"content/fr/events.yaml": "events:\n  - id: two\n    title: x\n    text: y\n    date: 2021-04-08\n"},
            "content/fr/events.yaml:5:5: error: 'date' is not wording: set once in content/events.yaml for every edition; remove it here",
        ),
        (
            {"content/fr/site.yaml": "themes:\n  - id: alpah\n    label: A\n"},
            "content/fr/site.yaml:2:9: error: unknown theme 'alpah'; did you mean 'alpha'? If it is a new theme, add it under 'themes:' in site.yaml of the main edition",
        ),
        (
            {"content/fr/events.yaml": "events:\n  - id: onee\n    title: x\n    text: y\n"},
            "content/fr/events.yaml:2:9: error: unknown event 'onee'; did you mean 'one'? If it is a new event, add it to content/events.yaml of the main edition",
        ),
        (
            {"content/fr/gamma.md": FRENCH_ALPHA},
            "content/fr/gamma.md:2:8: error: theme 'alpha' already has a section, content/fr/alpha.md:2; each theme has one "
            "section: give this one the theme of the main section it translates, or merge the two files",
        ),
        (
            {"content/fr/events.yaml": "events:\n  - id: two\n    title: x\n"},
            "content/fr/events.yaml:2:5: error: event 'two' has a text in content/events.yaml; translate it too (a line 'text: …'), or remove the entry",
        ),
        (
            {"content/fr/beta.md": "---\ntheme: beta\ntitle: B\nplaces: [islamabad]\n---\nB.\n"},
            "content/fr/beta.md:2:8: error: 'places' [islamabad] differs from content/beta.md's [kabul]: a translation "
            "shows the main section's places; remove 'places' here, or change them in content/beta.md",
        ),
        (
            {"content/drafts/alpha.md": FRENCH_ALPHA},
            "content/drafts/alpha.md:1:1: error: content/drafts/ is not named by a language tag, and a folder of content/ "
            "is a translated edition: name it by the edition's BCP 47 tag, or move its files into content/ (language "
            "'drafts' is not one CLDR knows; write a BCP 47 tag such as en, fr, ar, ur or zh-Hans)",
        ),
        (
            {"content/pt-br/alpha.md": FRENCH_ALPHA},
            "content/pt-br/alpha.md:1:1: error: content/pt-br/ is the edition 'pt-BR'; rename the folder content/pt-BR/",
        ),
        (
            {"content/en/alpha.md": FRENCH_ALPHA},
            "content/en/alpha.md:1:1: error: content/en/ is named by site.yaml's own language 'en'; the main edition's files go directly in content/",
        ),
        (
            {"content/fr/updates.yaml": "updates: []\n"},
            "content/fr/updates.yaml: error: an edition holds only site.yaml, events.yaml and sections (*.md); updates, "
            "photos and the rest are the main edition's, shown in every edition: remove content/fr/updates.yaml",
        ),
    ],
)
def test_bad_editions_are_errors_at_their_place(tmp_path, files, message):
    root = write_edition_site(tmp_path / "site", files)
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("the last good site")
    status, _, err = check_lines(root)
    assert (status, err) == (1, [message, "build failed: 1 error(s); nothing was written"])
    with redirect_stderr(io.StringIO()):
        assert main(["--project", str(root), "--out", str(out)]) == 1
    assert [p.name for p in out.iterdir()] == ["index.html"]  # untouched


def test_a_site_without_editions_has_no_switcher_no_alternates_and_no_edition_folder(tmp_path):
    root = write_site(tmp_path / "site", {})
    out = tmp_path / "out"
    build(root, out)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "hreflang" not in page and "ex-editions" not in page and "ex-fallback" not in page
    assert "xhtml" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["assets", "data", "embed"]


@pytest.mark.parametrize("tag, spelled", [("pt-br", "pt-BR"), ("zh-hans", "zh-Hans"), ("ur", "ur"), ("en-gb", "en-GB")])
def test_a_tag_has_one_spelling(tag, spelled):
    assert canonical(tag) == spelled


def test_the_preview_serves_and_reloads_an_edition(tmp_path, browser):
    root = write_edition_site(tmp_path / "site")
    with running(root) as url:
        status, body = get(url, "/fr/")
        assert status == 200 and b'<html lang="fr">' in body and b"livereload.js" in body
        assert get(url, "/ur/")[0] == 200
        page, navigations = open_page(browser, url + "fr/")
        write(root / "content/fr/alpha.md", FRENCH_ALPHA.replace("Le texte alpha", "Le texte alpha modifié"))
        expect(page.get_by_text("Le texte alpha modifié en français.")).to_be_visible()
        assert navigations == [url + "fr/"]
        page.close()


def test_the_switcher_works_under_a_project_path_without_javascript(built, browser):
    with serve_project_site(built, "/repo/") as origin:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(origin + "/repo/")
        page.get_by_role("navigation", name="Languages").get_by_role("link", name="اردو").click()
        assert page.url == origin + "/repo/ur/"
        assert page.locator("html").get_attribute("dir") == "rtl"
        switcher = page.get_by_role("navigation", name="زبانیں")
        first, last = (switcher.get_by_role("link", name=name).bounding_box() for name in ("English", "اردو"))
        assert first["x"] > last["x"]  # mirrored: the list runs from the right
        page.get_by_role("navigation", name="زبانیں").get_by_role("link", name="Français").click()
        assert page.url == origin + "/repo/fr/"
        assert page.evaluate("getComputedStyle(document.querySelector('.ex-title')).fontFamily") != ""
        stylesheet = page.evaluate("document.styleSheets[0].href")
        assert stylesheet.startswith(origin + "/repo/assets/site.css")  # the shared bundle, at the root
        page.get_by_role("navigation", name="Langues").get_by_role("link", name="English").click()
        assert page.url == origin + "/repo/"
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_urdu_edition_passes_axe(built, browser, width):
    with serve_folder(built) as url:
        assert_axe_clean(browser, url + "ur/", width)


def relative_links(page: str) -> set[str]:
    """Every relative URL a page names (href, src, srcset), without its query or fragment."""
    soup = BeautifulSoup(page, "html.parser")
    found = set()
    for element in soup.find_all(True):
        values = [element.get("href"), element.get("src")]
        values += [item.split()[0] for item in element.get("srcset", "").split(",") if item.strip()]
        for value in filter(None, values):
            path = urlsplit(value).path
            if path and not urlsplit(value).scheme and not value.startswith("#"):
                found.add(path)
    found |= set(re.findall(r'url\("([^"]+)"\)', page))  # the brand's fonts, in the head's <style>
    return found


@pytest.mark.parametrize("kind", ["photos", "brand"])
def test_an_editions_photos_assets_and_brand_files_are_the_shared_ones_at_the_root(tmp_path, kind):
    from .photo_sites import photo_files
    from .test_schema import EVERY_KEY

    files = photo_files() if kind == "photos" else EVERY_KEY
    root = write_site(tmp_path / "site", {**files, "content/fr/site.yaml": "title: En français\n"})
    out = tmp_path / "out"
    build(root, out)
    links = relative_links((out / "fr/index.html").read_text(encoding="utf-8"))
    shared = {link for link in links if link.startswith("../")}
    assert any(link.startswith("../media/" if kind == "photos" else "../static/") for link in shared)
    for link in links:
        target = urlsplit(urljoin("/fr/", link)).path.lstrip("/")
        assert (out / (target + "index.html" if target.endswith("/") or not target else target)).is_file(), link
    assert not (out / "fr/media").exists() and not (out / "fr/assets").exists()


def test_after_a_failed_first_build_every_edition_page_shows_the_errors_and_reloads_when_fixed(tmp_path, browser):
    root = write_edition_site(
        tmp_path / "site", {"content/fr/alpha.md": FRENCH_ALPHA.replace("theme: alpha", "theme: alpah")}
    )
    with running(root) as url:
        for path in ("/fr/", "/fr/index.html", "/ur/", "/"):
            status, body = get(url, path)
            assert status == 500 and b'id="preview-errors"' in body and b"livereload.js" in body, path
        assert b"\xc3\x89chec de la construction" in get(url, "/fr/")[1]  # the panel speaks the edition's language
        assert get(url, "/de/")[0] == 404 and get(url, "/fr/feed.xml")[0] == 404  # no such edition; no such file yet
        page, navigations = open_page(browser, url + "fr/")
        expect(page.locator("#preview-errors")).to_be_visible()
        write(root / "content/fr/alpha.md", FRENCH_ALPHA)
        expect(page.get_by_text("Le texte alpha en français.")).to_be_visible()
        expect(page.locator("#preview-errors")).to_have_count(0)
        assert navigations == [url + "fr/"]
        page.close()


def test_an_editions_exports_and_embeds_are_in_its_language_and_link_back_to_its_page(built):
    import json

    import icalendar

    from explainer.exchange.interchange import read_timelinejs

    french = Interface("fr")
    slides = json.loads((built / "fr/data/events.json").read_text(encoding="utf-8"))
    assert slides["title"]["text"]["headline"] == "Explication de test"
    one, two = (slide["text"] for slide in slides["events"])
    assert one["headline"] == "Premier événement"
    assert f'<p class="ex-source">{french.gettext("Source:")} L’agence, 2021-04-06</p>' in one["text"]
    assert (two["headline"], two["text"]) == (
        '<span lang="en">Second event</span>',
        '<div lang="en"><p>The second thing happened.</p></div>',
    )
    urdu = json.loads((built / "ur/data/events.json").read_text(encoding="utf-8"))["events"][0]["text"]
    assert urdu["headline"] == '<span lang="en" dir="ltr">First event</span>'  # English runs the other way than Urdu
    assert '<span lang="en" dir="ltr">The wire</span>, 2021-04-06</p>' in urdu["text"]
    assert "Premier événement" in (built / "fr/data/events.csv").read_text(encoding="utf-8")
    imported = read_timelinejs((built / "fr/data/events.json").read_text(encoding="utf-8"), "events.json")
    assert imported.events[0].source.name == "L’agence"  # read back after the French "Source :"

    calendar = icalendar.Calendar.from_ical((built / "fr/data/events.ics").read_bytes())
    first, second = calendar.walk("VEVENT")
    assert (str(first["SUMMARY"]), first["SUMMARY"].params.get("LANGUAGE")) == ("Premier événement", None)
    assert str(first["URL"]) == BASE + "fr/#event-one" and str(first["UID"]) == "one@example.org/test/fr/"
    assert str(first["DESCRIPTION"]).endswith(f"{french.gettext('Source:')} L’agence, 2021-04-06")
    for key in ("SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES"):
        assert second[key].params["LANGUAGE"] == "en", key
    places = json.loads((built / "fr/data/places.geojson").read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["url"] for f in places} == {BASE + "fr/#place-islamabad", BASE + "fr/#place-kabul"}

    for name in ("timeline", "map"):
        page = f"https://example.org/test/fr/embed/{name}.html"
        embed = BeautifulSoup((built / f"fr/embed/{name}.html").read_text(encoding="utf-8"), "html.parser")
        assert embed.html["lang"] == "fr" and embed.select_one('link[rel="canonical"]')["href"] == BASE + "fr/"
        base = urljoin(page, embed.base["href"])
        assert urljoin(base, embed.select_one(".ex-embed-title a")["href"]) == BASE + "fr/"
        assert urljoin(base, embed.select_one('link[rel="stylesheet"]')["href"]).startswith(BASE + "assets/site.css")
        assert embed.select_one(".ex-embed-title").get_text() == "Explication de test"
    snippets = soup_of(built, "fr").select(".ex-data-code")
    assert [f'src="{BASE}fr/embed/{name}.html' in s.get_text() for s, name in zip(snippets, ("timeline", "map"))] == [
        True,
        True,
    ]


def fingerprints(lines: list[str], tag: str) -> dict[str, str]:
    """The fingerprints `check` prints for the edition `tag`, by the file or event they are of."""
    line = next(line for line in lines if line.startswith(f"fingerprints: content/{tag}/: "))
    items = line.removeprefix(f"fingerprints: content/{tag}/: ").removesuffix(
        " (write each as 'translates: …' in its translation)"
    )
    return dict(item.rpartition(" ")[::2] for item in items.split(", "))


def test_check_says_which_translations_translate_an_older_version_and_prints_the_fingerprints(tmp_path):
    root = write_edition_site(tmp_path / "site")
    given = fingerprints(check_lines(root)[1], "fr")
    assert set(given) == {"content/alpha.md", "content/beta.md", "event 'one'", "event 'two'"}
    assert all(re.fullmatch("[0-9a-f]{12}", value) for value in given.values())
    alpha = FRENCH_ALPHA.replace("theme: alpha\n", f"theme: alpha\ntranslates: {given['content/alpha.md']}\n")
    one = given["event 'one'"]
    events = FRENCH_EVENTS.replace("    title: Premier", f"    translates: {one}\n    title: Premier")
    write(root / "content/fr/alpha.md", alpha)
    write(root / "content/fr/events.yaml", events)
    status, out, err = check_lines(root, "--strict")
    assert (status, err) == (0, [])
    assert not [line for line in out if line.startswith("stale: ")]
    assert set(fingerprints(out, "fr")) == {"content/beta.md", "event 'two'"}  # the current translations need none
    main = root / "content/alpha.md"
    write(main, main.read_text(encoding="utf-8").replace("Alpha text.", "Alpha text, edited."))
    main = root / "content/events.yaml"
    write(main, main.read_text(encoding="utf-8").replace("title: First event", "title: The first event"))
    status, out, err = check_lines(root, "--strict")
    assert (status, err) == (0, [])  # information, not a warning
    assert [line for line in out if line.startswith("stale: ")] == [
        "stale: content/fr/alpha.md translates an older version of content/alpha.md",
        "stale: content/fr/events.yaml:2: event 'one' translates an older version of content/events.yaml's",
    ]
    now = fingerprints(out, "fr")
    assert now["content/alpha.md"] != given["content/alpha.md"] and now["event 'one'"] != given["event 'one'"]
    assert now["content/beta.md"] == given["content/beta.md"]  # unchanged main text, same fingerprint
    write(root / "content/fr/alpha.md", alpha.replace(given["content/alpha.md"], now["content/alpha.md"]))
    out = check_lines(root)[1]
    assert [line for line in out if line.startswith("stale: ")] == [
        "stale: content/fr/events.yaml:2: event 'one' translates an older version of content/events.yaml's"
    ]
    assert "content/fr/alpha.md" not in " ".join(out)


def test_footnote_back_links_are_titled_in_the_pages_language_on_every_edition(tmp_path):
    note = "\n\n[^n]: {}\n"
    files = {
        "content/alpha.md": "---\ntheme: alpha\ntitle: Alpha section\n---\nAlpha text.[^n]" + note.format("A note."),
        "content/beta.md": "---\ntheme: beta\ntitle: Beta section\n---\nBeta text.[^n] Again.[^m]"
        + note.format("One.")
        + "[^m]: Two.\n",
        "content/fr/alpha.md": FRENCH_ALPHA.rstrip() + "[^n]" + note.format("Une note."),
        "content/events.yaml": EVENTS.replace(
            "text: The second thing happened.", 'text: "The second thing happened.[^e]\\n\\n[^e]: An event note."'
        ),
    }
    project = write_edition_site(tmp_path / "site", files)
    build(project, tmp_path / "out", strict=True)
    for language, page in PAGES.items():
        soup = soup_of(tmp_path / "out", language)
        links = soup.select("a.footnote-backref")
        title = Interface(language).gettext("Jump back to footnote {number} in the text")
        numbers = [soup.find(id=link["href"][1:]).get_text() for link in links]  # of the notes they link back to
        assert any(link["href"].startswith("#event-two-") for link in links)  # an event's note too
        assert [link["title"] for link in links] == [title.format(number=n) for n in numbers]
        if language != "en":
            assert "Jump back" not in (tmp_path / "out" / page).read_text(encoding="utf-8")
            # in a section shown in English, each back-link's title is marked with the page's language
            untranslated = [link for link in links if link.find_parent(attrs={"lang": "en"})]
            assert untranslated and all(link["lang"] == language for link in untranslated)
