"""Interface words: complete catalogs, site.yaml's strings, and whole test sites in six languages."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from explainer.build import build
from explainer.errors import BuildFailed
from explainer.language.interface import LOCALES_DIR, TEMPLATE_FILE, Interface, catalog_name, messages
from explainer.language.tags import resolve

from .language_sites import LANGUAGES, write_language_site
from .sites import PROJECT

SHIPPED = ("en", "fr", "es", "de", "pt", "ru", "ar", "ur", "hi", "zh_Hans")
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
# Names that stay as they are in every language: formats, tools and the basemap's credit.
NAMES = {"TimelineJS", "HTML", "JSON", "CSV", "iCalendar", "GeoJSON", "Natural", "Earth"}


def read_catalog(name: str) -> Catalog:
    with open(LOCALES_DIR / name / "LC_MESSAGES" / "messages.po", "rb") as file:
        return read_po(file, locale=name)


def test_catalogs_ship_for_the_ten_languages():
    found = sorted(path.parent.parent.name for path in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"))
    assert found == sorted(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_catalog_is_complete_and_compiles(name):
    catalog = read_catalog(name)
    assert catalog.num_plurals == Catalog(locale=name).num_plurals  # CLDR's plural forms for the language
    wanted = messages()
    entries = {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in catalog if m.id}
    assert sorted(entries) == sorted(wanted)
    for msgid, entry in entries.items():
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        assert all(form.strip() for form in forms) and not entry.fuzzy, (name, msgid)
        if wanted[msgid].plural is None:
            assert sorted(PLACEHOLDER.findall(forms[0])) == sorted(PLACEHOLDER.findall(msgid)), (name, msgid)
        else:
            assert len(forms) == catalog.num_plurals, (name, msgid)
            for form in forms:  # a form for exactly one or two may spell the number out
                assert set(PLACEHOLDER.findall(form)) <= set(PLACEHOLDER.findall(msgid)), (name, msgid, form)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    assert compiled.getvalue()
    assert not list(catalog.check())


def test_messages_pot_holds_every_message_of_the_sources(tmp_path):
    out = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "extract",
            "--no-wrap",
            "-F",
            "babel.cfg",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-k",
            "N_",
            "-k",
            "plural_forms:1,2",
            "-o",
            str(out),
            ".",
        ],
        cwd=PROJECT,
        check=True,
        capture_output=True,
    )
    assert out.read_text(encoding="utf-8") == TEMPLATE_FILE.read_text(encoding="utf-8"), "run `make messages`"


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("pt-BR", "pt"),
        ("zh-Hans", "zh_Hans"),
        ("zh-CN", "zh_Hans"),
        ("zh", "zh_Hans"),
        ("zh-Hant", None),
        ("ur-PK", "ur"),
        ("en-GB", "en"),
        ("sw", None),
    ],
)
def test_a_tag_finds_its_catalog(tag, name):
    assert catalog_name(tag) == name


def test_plural_forms_follow_cldr():
    assert Interface("ru").plural_forms("{n} event shown", "{n} events shown") == (
        ("one", "Показано {n} событие"),
        ("few", "Показано {n} события"),
        ("many", "Показано {n} событий"),
        ("other", "Показано {n} событий"),
    )
    arabic = dict(Interface("ar").plural_forms("{n} event shown", "{n} events shown"))
    assert list(arabic) == ["zero", "one", "two", "few", "many", "other"]
    assert (arabic["two"], arabic["few"]) == ("حدثان معروضان", "{n} أحداث معروضة")
    assert Interface("zh-Hans").plural_forms("{n} event shown", "{n} events shown") == (("other", "显示 {n} 个事件"),)


def test_numbers_and_lists_are_the_languages():
    assert (Interface("fr").number(12345), Interface("en").number(12345), Interface("hi").number(1234567)) == (
        "12\u202f345",
        "12,345",
        "12,34,567",
    )
    assert Interface("ar").join(["أ", "ب"]) == "أ، ب"
    assert Interface("ar").and_list(["أ", "ب", "ج"]) == "أ وب وج"
    assert Interface("zh-Hans").join(["北京", "天津"]) == "北京、天津"
    assert Interface("en").and_list(["A", "B", "C"]) == "A, B and C"


def build_language(tmp_path: Path, language: str) -> Path:
    root = write_language_site(tmp_path / language, language)
    out = tmp_path / f"out-{language}"
    build(root, out, strict=True)
    return out


def page_words(html: str) -> list[str]:
    """The page's visible text and the text of its attributes that readers or assistive technology get."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "pre"]):  # pre: the embed snippet's code, for the newsroom's CMS
        hidden.decompose()
    texts = [soup.get_text(" ")]
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name in ("aria-label", "title", "alt") or (
                name.startswith("data-")
                and name in ("data-one", "data-other", "data-few", "data-many", "data-two", "data-zero")
            ):
                texts.append(value)
        if element.name == "meta" and element.get("name") in ("description", "twitter:image:alt"):
            texts.append(element.get("content", ""))
    return texts


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("languages")
    return {language: build_language(root, language) for language in LANGUAGES}


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "fr"])
def test_no_latin_word_is_left_on_a_page_in_another_script(built, language):
    for page in ("index.html", "404.html", "embed/timeline.html", "embed/map.html"):
        html = (built[language] / page).read_text(encoding="utf-8")
        words = set(re.findall(r"[A-Za-z]{2,}", " ".join(page_words(html)))) - NAMES
        assert not words, (language, page, sorted(words))
    feed = (built[language] / "feed.xml").read_text(encoding="utf-8")
    assert "updates" not in feed.split("<title>")[1]


def test_no_english_interface_message_is_left_on_the_french_page(built):
    french = Interface("fr")
    texts = " ".join(page_words((built["fr"] / "index.html").read_text(encoding="utf-8")))
    for msgid in messages():
        if french.gettext(msgid) == msgid or len(msgid) < 4:
            continue  # "Source", "Document" and "Interview" are French too
        for fragment in PLACEHOLDER.split(msgid):
            if len(fragment.strip(" .:,;")) >= 5:
                assert not re.search(rf"\b{re.escape(fragment.strip())}\b", texts), (msgid, fragment)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_are_babels(built, language):
    html = (built[language] / "index.html").read_text(encoding="utf-8")
    locale = resolve(language)
    assert f'<time datetime="2021-04-07">{format_date(dt.date(2021, 4, 7), "long", locale=locale)}</time>' in html
    soup = BeautifulSoup(html, "html.parser")
    start = soup.find(id="event-start").find(class_="ex-timeline-date")
    first, last = (t.get_text() for t in start.find_all("time"))
    assert first + start.get_text()[len(first) : -len(last)] + last == start.get_text()
    assert soup.find(id="timeline-2021").get_text() == format_date(
        dt.date(2021, 1, 1), "y" if language != "zh-Hans" else "y年", locale=locale
    )


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("ur", "rtl"), ("fr", "ltr"), ("hi", "ltr")])
def test_the_page_states_its_language_and_direction(built, language, direction):
    for page in ("index.html", "404.html", "embed/map.html"):
        html = (built[language] / page).read_text(encoding="utf-8")
        root = BeautifulSoup(html, "html.parser").html
        assert (root.get("lang"), root.get("dir", "ltr")) == (language, direction)


def test_site_yaml_strings_override_the_catalog(make_site, tmp_path):
    root = make_site(
        {
            "site.yaml": write_strings(
                "language: fr\nstrings:\n  Contents: Au menu\n"
                '  "{n} event shown":\n    one: "{n} fait"\n    many: "{n} de faits"\n    other: "{n} faits"\n'
            )
        }
    )
    build(root, tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert ">Au menu<" in html and ">Sommaire<" not in html
    assert 'data-one="{n} fait" data-many="{n} de faits" data-other="{n} faits"' in html
    assert ">Chronologie<" in html  # the rest stays the catalog's


def write_strings(tail: str) -> str:
    from .sites import SITE_YAML

    return SITE_YAML.replace("language: en\n", "") + tail


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        (
            'language: fr\nstrings:\n  "At a glanse": Bref\n',
            "site.yaml:24:3: error: 'At a glanse' is not an interface message (did you mean 'At a glance'?)",
        ),
        (
            'language: ru\nstrings:\n  "{n} event shown": "{n} событий"\n',
            "site.yaml:24:22: error: '{n} event shown' has plural forms; give a mapping with one, few, many, other (the forms of 'ru')",
        ),
        (
            'language: ru\nstrings:\n  "{n} event shown":\n    one: "{n} событие"\n',
            "site.yaml:25:5: error: '{n} event shown' needs the plural forms few, many, other too",
        ),
        (
            'language: en\nstrings:\n  "{n} event shown":\n    two: "{n} events"\n    one: x\n    other: y\n',
            "site.yaml:25:5: error: 'two' is not a plural form of 'en'; it has one, other",
        ),
        ("language: fr\nstrings:\n  Contents: [a]\n", "site.yaml:24:13: error: 'Contents' needs one text, not a list"),
    ],
)
def test_bad_strings_are_errors_at_their_line(make_site, tmp_path, tail, message):
    root = make_site({"site.yaml": write_strings(tail)})
    with pytest.raises(BuildFailed) as failed:
        build(root, tmp_path / "out")
    assert [str(e) for e in failed.value.errors] == [message]


def test_a_language_without_a_catalog_needs_every_string(make_site, tmp_path):
    root = make_site({"site.yaml": write_strings("language: sw\nstrings:\n  Contents: Yaliyomo\n")})
    with pytest.raises(BuildFailed) as failed:
        build(root, tmp_path / "out")
    (error,) = failed.value.errors
    missing = len(messages()) - 1
    assert str(error).startswith(
        f"site.yaml:22:11: error: language 'sw' has no interface catalog; give every interface string under 'strings:' "
        f"in site.yaml (see the README), or use a language that has one; {missing} missing: '%(link)s, or paste"
    )
    assert "'Contents'" not in str(error)


def test_a_language_without_a_catalog_builds_with_every_string(make_site, tmp_path):
    lines = []
    for msgid, message in messages().items():
        key = msgid.replace('"', '\\"')
        if message.plural is None:
            lines.append(f'  "{key}": "SW {key}"')
        else:
            lines.append(f'  "{key}":\n    one: "SW one {key}"\n    other: "SW {key}"')
    root = make_site({"site.yaml": write_strings("language: sw\nstrings:\n" + "\n".join(lines) + "\n")})
    build(root, tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sw">' in html and ">SW Contents<" in html


@pytest.mark.parametrize(
    ("language", "og"),
    [("fr", "fr_FR"), ("ar", "ar_EG"), ("ur", "ur_PK"), ("hi", "hi_IN"), ("ru", "ru_RU"), ("zh-Hans", "zh_CN")],
)
def test_metadata_names_the_language(built, language, og):
    html = (built[language] / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("meta", property="og:locale")["content"] == og
    assert json.loads(soup.find("script", type="application/ld+json").string)["inLanguage"] == language
    feed = ET.parse(built[language] / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language


@pytest.mark.parametrize(
    ("language", "text", "font"),
    [
        ("ar", "الجسر فوق النهر", "NotoNaskhArabic-Regular.ttf"),
        ("ur", "دریا پر پل", "NotoNastaliqUrdu-Regular.ttf"),
        ("hi", "व्याख्या", "NotoSansDevanagari-Regular.ttf"),
    ],
)
def test_og_image_shapes_its_script(language, text, font):
    from PIL import ImageFont, features

    from explainer.map.ogimage import _font

    assert features.check("raqm"), "Pillow needs raqm (libraqm, HarfBuzz, FriBidi) to shape these scripts"
    shaped = _font(40, text, language)
    assert (Path(shaped.path).name, shaped.layout_engine) == (font, ImageFont.Layout.RAQM)
    unshaped = ImageFont.truetype(shaped.path, 40, layout_engine=ImageFont.Layout.BASIC)
    assert shaped.getlength(text) < unshaped.getlength(text)  # joined forms and conjuncts, not isolated letters


def test_og_image_of_a_chinese_title_wraps_between_characters():
    from explainer.map.ogimage import MARGIN, PANEL, _font, layout_title

    title = "河上的桥" * 12
    layout = layout_title(title, PANEL - 2 * MARGIN, "zh")
    assert len(layout.lines) > 1 and "".join(layout.lines).rstrip("…") in title
    assert all(_font(layout.size, line, "zh").getlength(line) <= PANEL - 2 * MARGIN for line in layout.lines)
