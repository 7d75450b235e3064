"""An edition's fallback text is marked with the main edition's language wherever the page shows it: in the map's
drawing and its words, the photos' alt text and captions, the links to events, the status line the script writes."""

from __future__ import annotations

import dataclasses

import pytest

from explainer.build import Pipeline
from explainer.content.edition import translate
from explainer.errors import Collector
from explainer.model import Untranslated

from .browser import serve_folder
from .edition_sites import edition_fixtures, write_fallback_site
from .nu import assert_valid_html

# Every text node (but scripts' and code's) and alt text that holds one of `texts`: the text, the language and
# direction it is in, and the part of the page holding it.
OCCURRENCES = """([texts]) => {
  const found = [];
  const where = (el) => {
    const part = el.closest("desc, .ex-section-events, figcaption, .ex-map-legend, [data-map-status], .ex-map-places, .ex-places");
    return part ? part.getAttribute("class") || part.tagName.toLowerCase() : el.tagName.toLowerCase();
  };
  const note = (text, el) => {
    const spoken = el.closest("[dir], [direction]");
    const direction = spoken ? spoken.getAttribute("dir") || spoken.getAttribute("direction") : "ltr";
    for (const t of texts) {
      if (text.replace(/\\s+/g, " ").includes(t)) {
        found.push([t, el.closest("[lang]").getAttribute("lang"), direction, where(el)]);
      }
    }
  };
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement && !node.parentElement.closest("script, style, code")) {
      note(node.data, node.parentElement);
    }
  }
  document.querySelectorAll("img[alt]").forEach((img) => note(img.alt, img));
  return found;
}"""


def untranslated(value: object) -> set[str]:
    """Every text of an edition's model that it shows untranslated (model.Untranslated)."""
    if isinstance(value, Untranslated):
        return {str(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return set().union(*(untranslated(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, tuple):
        return set().union(*(untranslated(item) for item in value))
    return set()


project, built = edition_fixtures(write_fallback_site, "fallbacks")


@pytest.fixture(scope="module")
def fallbacks(project) -> dict[str, set[str]]:
    """The texts each edition shows in English, by edition."""
    pipeline, errors = Pipeline(project, store=False), Collector()
    main, translations = pipeline.parse(pipeline.read(pipeline.sources(), errors), errors, strict=False)
    return {t.language: untranslated(translate(main, t)) for t in translations}


@pytest.mark.parametrize("tag, direction", [("fr", "ltr"), ("ur", "ltr")])
@pytest.mark.parametrize("javascript", [True, False])
def test_every_fallback_text_on_an_edition_is_marked_with_the_main_language(
    built, fallbacks, browser, tag, direction, javascript
):
    texts = sorted(fallbacks[tag])
    assert {
        "Hunga volcano",
        "The drift of the ash cloud",
        "A drawn stand-in for the harbour at dusk, made for this test.",
    } <= set(texts)
    with serve_folder(built) as url:
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        found = []
        for path in ("", "embed/map.html", "embed/timeline.html"):
            page.goto(f"{url}{tag}/{path}")
            if javascript and not path:
                page.locator(
                    "[data-timeline-event]"
                ).last.hover()  # the map's status line names the event and its places
                page.wait_for_function("document.querySelector('[data-map-status]').textContent !== ''")
            found += [f for f in page.evaluate(OCCURRENCES, [texts]) if not (path and f[3] == "title")]
        context.close()
    # (an embed's <title> joins the site's title and the component's name in the edition's language, and can hold no
    # markup: it is left out)
    wrong = [f for f in found if f[1:3] != ["en", direction]]
    assert wrong == []
    shown = {(text, part) for text, _, _, part in found}
    assert {
        ("Hunga volcano", "ex-map-places"),
        ("Hunga volcano", "desc"),
        ("Hunga volcano", "ex-places"),
    } <= shown  # label, words, list
    assert {
        ("The drift of the ash cloud", "ex-map-legend"),
        ("A drawn stand-in for the harbour at dusk, made for this test.", "ex-photo-caption"),
    } <= shown
    alt = "Drawing of an orange sun in a yellow sky above a dark blue band of sea"  # the lead photo's
    assert (alt, "img") in shown
    assert any(part == "ex-section-events" for _, part in shown)  # an untranslated event's title, after its date
    assert any(part == "ex-map-status" for _, part in shown) == javascript


@pytest.mark.parametrize("tag", ["fr", "ur"])
def test_a_figure_in_an_untranslated_section_credits_its_photo_in_the_page_language(built, browser, tag):
    with serve_folder(built) as url:
        page = browser.new_page()
        page.goto(f"{url}{tag}/")
        label = page.locator("section#cable .ex-photo-credit")
        assert label.evaluate("e => [e.closest('[lang]').lang, e.closest('[dir]').dir]") == [
            tag,
            "rtl" if tag == "ur" else "ltr",
        ]
        caption = page.locator("section#cable .ex-photo-caption > span[lang]")
        assert caption.evaluate("e => e.closest('.ex-article-text').lang") == "en"  # the section's text stays English
        assert (caption.get_attribute("lang"), caption.inner_text()) == ("en", "The cable, as a line.")
        page.close()


def test_the_marked_editions_are_valid_html(built):
    """A <span> in an inline SVG's <title> or <desc>, and `lang` and `direction` on its <text>, are valid."""
    pages = sorted(built.rglob("*.html"))
    assert any("<desc" in (text := page.read_text(encoding="utf-8")) and "<span lang" in text for page in pages)
    assert_valid_html(pages)
