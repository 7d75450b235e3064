"""Content check: the shipped explainer holds every sentence of the article once, under one of its themes, and nothing
else of source.txt. The themes are read from site.yaml, so adding, renaming or reordering one passes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..sites import PROJECT

ARTICLE = PROJECT / "tests" / "data" / "source.txt"  # the article exactly as received (shared/article/source.txt)
BOILERPLATE = "Follow Us on Google News"
# Obvious typos the brief lets the explainer correct; everything else is the author's wording.
CORRECTIONS = {
    "impeding withdrawal": "impending withdrawal",
    "between the Karachi and Lahore": "between Karachi and Lahore",
}


class SectionText(HTMLParser):
    """Collects the text of each <section id=...> and of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.sections: dict[str, str] = {}
        self.page = ""

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.stack.append(dict(attrs).get("id"))

    def handle_endtag(self, tag):
        if tag == "section":
            self.stack.pop()

    def handle_data(self, data):
        self.page += data
        for ident in self.stack:
            if ident:
                self.sections[ident] = self.sections.get(ident, "") + data


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def article_sentences() -> list[str]:
    text = ARTICLE.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == BOILERPLATE
    body = "\n".join(lines[1:])
    for typo, fixed in CORRECTIONS.items():
        body = body.replace(typo, fixed)
    return [s for para in body.split("\n") for s in re.split(r"(?<=[.!?])\s+", para.strip()) if s]


def parsed(shipped_site) -> SectionText:
    parser = SectionText()
    parser.feed((shipped_site / "index.html").read_text(encoding="utf-8"))
    return parser


def test_source_has_the_five_paragraphs_the_brief_describes():
    assert len(ARTICLE.read_text(encoding="utf-8").strip().splitlines()) == 6
    assert len(article_sentences()) == 19


def test_every_sentence_appears_once_inside_one_theme(shipped_site, shipped):
    page = parsed(shipped_site)
    sections = {theme.id: normalise(page.sections[theme.id]) for theme in shipped.site.themes}
    whole = normalise(page.page)
    for sentence in article_sentences():
        homes = [theme for theme, text in sections.items() if sentence in text]
        assert len(homes) == 1, (sentence, homes)
        assert whole.count(sentence) == 1, sentence


def test_boilerplate_is_left_out(shipped_site):
    assert BOILERPLATE not in (shipped_site / "index.html").read_text(encoding="utf-8")


def test_one_section_per_theme_in_order(shipped_site, shipped):
    html = (shipped_site / "index.html").read_text(encoding="utf-8")
    themes = [theme.id for theme in shipped.site.themes]
    positions = [html.index(f'<section id="{theme}"') for theme in themes]
    assert positions == sorted(positions)
    assert all(html.count(f'<section id="{theme}"') == 1 for theme in themes)
