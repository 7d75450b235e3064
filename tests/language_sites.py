"""Small test sites written wholly in one language each (French, Arabic, Urdu, Hindi, Russian, Chinese).

Their content is in the site's language, so any Latin-script word left on a page in another script is the
generator's; the French site's page is checked against the English interface messages instead.
"""

from __future__ import annotations

from pathlib import Path

from .sites import BASE_FILES, write_site

# language -> (title, dek, byline, source, theme labels, place names, section titles, event titles)
WORDS = {
    "fr": (
        "Le pont sur la rivière",
        "Un petit décryptage pour les tests.",
        "La rédaction",
        "Un article de test",
        ("Le chantier", "Les crues"),
        ("Lyon", "Grenoble"),
        ("Le chantier du pont", "Les crues de la rivière"),
        ("Début du chantier", "Grande crue"),
    ),
    "ar": (
        "الجسر فوق النهر",
        "شرح صغير للاختبارات.",
        "فريق التحرير",
        "مقال للاختبار",
        ("البناء", "الفيضانات"),
        ("القاهرة", "الإسكندرية"),
        ("بناء الجسر", "فيضانات النهر"),
        ("بدء البناء", "فيضان كبير"),
    ),
    "ur": (
        "دریا پر پل",
        "جانچ کے لیے ایک چھوٹا وضاحتی مضمون۔",
        "ادارتی ٹیم",
        "جانچ کا ایک مضمون",
        ("تعمیر", "سیلاب"),
        ("لاہور", "کراچی"),
        ("پل کی تعمیر", "دریا کے سیلاب"),
        ("تعمیر کا آغاز", "بڑا سیلاب"),
    ),
    "hi": (
        "नदी पर पुल",
        "परीक्षण के लिए एक छोटी व्याख्या।",
        "संपादकीय टीम",
        "परीक्षण का एक लेख",
        ("निर्माण", "बाढ़"),
        ("दिल्ली", "आगरा"),
        ("पुल का निर्माण", "नदी की बाढ़"),
        ("निर्माण की शुरुआत", "बड़ी बाढ़"),
    ),
    "ru": (
        "Мост через реку",
        "Небольшой разбор для тестов.",
        "Редакция",
        "Тестовая статья",
        ("Стройка", "Паводки"),
        ("Москва", "Тверь"),
        ("Стройка моста", "Паводки на реке"),
        ("Начало стройки", "Большой паводок"),
    ),
    "zh-Hans": (
        "河上的桥",
        "一篇用于测试的简短解读。",
        "编辑部",
        "一篇测试文章",
        ("施工", "洪水"),
        ("北京", "天津"),
        ("桥梁施工", "河流洪水"),
        ("开工", "大洪水"),
    ),
}

# Where each site's two places are (lat, lon): within one country, so the map frames them closely.
COORDINATES = {
    "fr": ((45.764, 4.8357), (45.1885, 5.7245)),
    "ar": ((30.0444, 31.2357), (31.2001, 29.9187)),
    "ur": ((31.5204, 74.3587), (24.8607, 67.0011)),
    "hi": ((28.6139, 77.2090), (27.1767, 78.0081)),
    "ru": ((55.7558, 37.6173), (56.8587, 35.9176)),
    "zh-Hans": ((39.9042, 116.4074), (39.3434, 117.3616)),
}

LANGUAGES = tuple(WORDS)


def language_files(language: str) -> dict[str, str | None]:
    """The files of the test site in `language`: two themes, two places, a route, three events, an update."""
    title, dek, byline, source, themes, places, sections, events = WORDS[language]
    (lat1, lon1), (lat2, lon2) = COORDINATES[language]
    site = f"""\
title: {title}
dek: {dek}
language: {language}
published: 2021-04-07
updated: 2021-05-02
byline: {byline}
source:
  name: {source}
  kind: news report
  date: 2021-04-06
base_url: https://example.org/{language.lower()}/
themes:
  - id: works
    label: {themes[0]}
  - id: floods
    label: {themes[1]}
places:
  - id: first
    name: {places[0]}
    lat: {lat1}
    lon: {lon1}
  - id: second
    name: {places[1]}
    lat: {lat2}
    lon: {lon2}
routes:
  - id: road
    label: {themes[0]}
    theme: works
    places: [first, second]
"""
    section = "---\ntheme: {theme}\ntitle: {title}\nsummary: {summary}\nplaces: [{place}]\n---\n{text}\n"
    return {
        **{name: None for name in BASE_FILES},
        "site.yaml": site,
        "content/works.md": section.format(theme="works", title=sections[0], summary=dek, place="first", text=dek),
        "content/floods.md": section.format(theme="floods", title=sections[1], summary=dek, place="second", text=dek),
        "content/events.yaml": f"""\
events:
  - id: start
    title: {events[0]}
    date: 2021-03-30
    end: 2021-04-02
    theme: works
    places: [first, second]
    source:
      name: {source}
      date: 2021-04-02
  - id: flood
    title: {events[1]}
    date: 1955
    approximate: true
    theme: floods
    places: [second]
  - id: later
    title: {events[0]}
    date: 2021-05-02
    theme: works
    places: [first]
""",
        "content/updates.yaml": f"updates:\n  - date: 2021-05-02\n    text: {dek}\n",
    }


def write_language_site(root: Path, language: str) -> Path:
    """Write the test site in `language` (with the real templates and static) under `root`."""
    return write_site(root, language_files(language))
