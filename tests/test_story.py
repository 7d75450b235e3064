"""Explainers about other stories: the generator's templates say nothing about any one story or kind of source."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from explainer.build import read_explainer
from explainer.cli import main

from .sites import PROJECT, SITE_YAML, write_site
from .story_sites import STORIES

# Wording that belongs to one story or one kind of source, which no template, stylesheet or script may carry.
STORY_WORDING = (
    "opinion",
    "author’s words",
    "author's words",
    "press report",
    "four sections",
    "four themes",
    "Lavrov",
    "Pakistan",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Each story built once for the module."""
    out = {}
    for name, files in STORIES.items():
        root = write_site(tmp_path_factory.mktemp(name) / "site", files)
        target = root.parent / "_site"
        assert main(["--project", str(root), "--out", str(target), "--strict"]) == 0
        out[name] = target
    return out


def shipped_phrases() -> set[str]:
    """Sentences the shipped explainer's content says about itself and its source, as its pages show them."""
    explainer = read_explainer(PROJECT)
    site = explainer.site
    texts = [
        site.title,
        site.dek,
        site.byline,
        site.source.name,
        site.source.description,
        *(s.note for s in explainer.sections),
    ]
    return {
        sentence.strip() for text in texts for sentence in re.split(r"(?<=[.:;])\s", text) if len(sentence.strip()) > 12
    }


@pytest.mark.parametrize("name", STORIES)
def test_pages_carry_no_wording_of_the_shipped_explainer(built, name):
    phrases = shipped_phrases()
    assert phrases
    for page in sorted(built[name].rglob("*")):
        if page.suffix in (".html", ".xml"):
            text = html.unescape(page.read_text(encoding="utf-8"))
            assert not [phrase for phrase in phrases if phrase in text], page.name


@pytest.mark.parametrize("name", STORIES)
def test_pages_carry_no_wording_of_another_story(built, name):
    for page in sorted(built[name].rglob("*")):
        if page.suffix in (".html", ".css", ".js", ".xml"):
            text = page.read_text(encoding="utf-8")
            for phrase in STORY_WORDING:
                assert phrase.lower() not in text.lower(), (page.name, phrase)


def test_source_is_credited_with_what_content_says(built):
    eruption = (built["eruption"] / "index.html").read_text(encoding="utf-8")
    assert (
        '<strong>Source:</strong> <span class="ex-source-kind">News report</span> '
        '<a href="https://example.org/island-times/eruption">Field notes from the eruption</a>, '
        "by Sela Vake, The Island Times, 20 January 2022.</p>"
    ) in eruption
    grounding = (built["grounding"] / "index.html").read_text(encoding="utf-8")
    assert (
        '<strong>Source:</strong> <span class="ex-source-kind">Official statement</span> Statement on the refloating.</p>'
        in grounding
    )


def test_a_glance_box_only_when_a_section_has_a_summary(built):
    assert "ex-glance" not in (built["eruption"] / "index.html").read_text(encoding="utf-8")
    grounding = (built["grounding"] / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<ul class="ex-glance-list">\s*<li><a href="#grounding">Wedged</a>: High winds', grounding)


def test_section_note_is_shown_only_when_given(make_site, run_cli, tmp_path):
    root = make_site(
        {"content/alpha.md": "---\ntheme: alpha\ntitle: Alpha\nnote: Quoted from the report.\n---\nText.\n"}
    )
    assert run_cli("--project", str(root), "--out", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="ex-section-note"') == 1
    assert '<p class="ex-section-note">Quoted from the report.</p>' in page


def test_no_timeline_without_events(make_site, run_cli, tmp_path):
    root = make_site({"content/events.yaml": None})
    assert run_cli("--project", str(root), "--out", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "#timeline" not in page and 'id="timeline"' not in page
    assert 'href="#places" data-next-section>Next: Places' in page


def test_same_day_events_keep_the_file_order(built):
    page = (built["eruption"] / "index.html").read_text(encoding="utf-8")
    assert page.index('id="event-explosion"') < page.index('id="event-cable-cut"') < page.index('id="event-repaired"')


def test_text_from_yaml_gets_the_typography_markdown_gets(built):
    page = (built["eruption"] / "index.html").read_text(encoding="utf-8")
    assert 'class="ex-section-heading">The cable’s <span class="ex-nowrap">47-day</span> outage</h2>' in page
    assert ">Nuku’alofa<" in page and "Nuku'alofa" not in page and "Nuku&#39;alofa" not in page


def test_people_are_linked_both_ways(built):
    page = (built["eruption"] / "index.html").read_text(encoding="utf-8")
    assert '<a href="#people">Who’s who</a>' in page
    person = page[page.index('<li id="person-vake"') :]
    person = person[: person.index("</li>\n    <li")]
    assert '<h3 class="ex-person-name">Sela Vake</h3>' in person and "Volcanologist" in person
    assert "island’s observatory" in person and '<a href="#eruption">The eruption</a>' in person
    section = page[page.index('<section id="eruption"') : page.index('<section id="cable"')]
    assert '<a href="#person-vake">Sela Vake</a>' in section
    minister = page[
        page.index('<li id="person-minister"') : page.index("</section>", page.index('<li id="person-minister"'))
    ]
    assert 'href="#event-cable-cut"' in minister and 'class="ex-person-description"' not in minister
    event = page[page.index('<li id="event-cable-cut"') : page.index('<li id="event-repaired"')]
    assert '<dt>Who</dt>\n            <dd><a href="#person-minister">Tevita Lavemaau</a></dd>' in event


def test_no_who_s_who_without_people(built):
    page = (built["grounding"] / "index.html").read_text(encoding="utf-8")
    assert "#people" not in page and 'id="people"' not in page


def test_a_person_nobody_names_is_a_warning(make_site, run_cli):
    root = make_site({"site.yaml": SITE_YAML + "people:\n  - id: ann-lee\n    name: Ann Lee\n    role: Mayor\n"})
    status, _, err = run_cli("--project", str(root), "check")
    assert status == 0
    assert (
        err
        == "site.yaml:24:5: warning: person 'ann-lee' is not named by any section or event; remove them or refer to them with 'people: [ann-lee]'\n"
    )


def test_pull_quotes_are_figures_with_their_credit(built):
    page = (built["eruption"] / "index.html").read_text(encoding="utf-8")
    assert (
        "<figure>\n<blockquote>\n<p>The plume rose higher than any we have measured.</p>\n</blockquote>\n"
        "<figcaption>— Sela Vake, volcanologist</figcaption>\n</figure>"
    ) in page


def test_footnotes_are_numbered_per_section_with_ids_unique_on_the_page(built):
    page = (built["eruption"] / "index.html").read_text(encoding="utf-8")
    assert '<sup id="eruption-fnref-1"><a class="footnote-ref" href="#eruption-fn-1">1</a></sup>' in page
    assert '<sup id="cable-fnref-cut"><a class="footnote-ref" href="#cable-fn-cut">1</a></sup>' in page
    assert '<li id="cable-fn-ship">' in page and 'href="#cable-fnref-ship"' in page
    assert '<a href="https://example.org/operator/cut">The operator’s statement</a>, 16 January 2022.' in page
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_sources_list_names_outlet_author_date_and_link(built):
    page = (built["eruption"] / "index.html").read_text(encoding="utf-8")
    sources = page[page.index('<section id="sources"') :]
    sources = sources[: sources.index("</section>")]
    assert (
        '<li><a href="https://example.org/island-times/cable">The Island Times</a>, by Sela Vake, 16 January 2022. '
        '<span class="ex-sources-for">On the timeline:</span> <a href="#event-cable-cut" data-places="capital">15 January 2022: '
        'The undersea cable is cut</a>; <a href="#event-repaired" data-places="capital">22 February 2022: The cable is repaired</a></li>'
    ) in sources
    event = page[page.index('<li id="event-cable-cut"') : page.index('<li id="event-repaired"')]
    assert (
        '<a href="https://example.org/island-times/cable">The Island Times</a>, by Sela Vake, <time datetime="2022-01-16">'
        in event
    )
