"""The preview's BuildCache: a rebuild with it gives what a fresh build gives, problems included."""

from __future__ import annotations

import pytest

from explainer.build import render_site
from explainer.cache import BuildCache
from explainer.errors import BuildFailed
from explainer.markup import Renderer
from explainer.render import LARGE_PART, FragmentCache, make_environment

from .sites import ALPHA_MD

BAD_ALPHA = "---\ntheme: alpha\ntitle: A\ntitel: B\n---\nText\n"
UNUSED_KABUL = "---\ntheme: beta\ntitle: Beta\n---\nText\n"


def test_errors_of_a_kept_file_are_reported_on_every_rebuild(make_site):
    root = make_site({"content/alpha.md": BAD_ALPHA})
    cache = BuildCache()
    for _ in range(2):
        with pytest.raises(BuildFailed) as info:
            render_site(root, cache=cache)
        assert [str(e) for e in info.value.errors] == ["content/alpha.md:4:1: error: unknown key 'titel' in the front matter (did you mean 'title'?)"]
    (root / "content" / "alpha.md").write_text(ALPHA_MD, encoding="utf-8")
    assert render_site(root, cache=cache).files == render_site(root).files


def test_warnings_are_reported_on_every_rebuild(make_site):
    root = make_site({"content/beta.md": UNUSED_KABUL})
    cache = BuildCache()
    first = render_site(root, cache=cache).warnings
    assert first == render_site(root, cache=cache).warnings
    assert [str(w) for w in first] == ["site.yaml:19:5: warning: place 'kabul' is not used by any section, event or route; remove it or refer to it"]


def test_a_rebuild_after_an_edit_gives_what_a_fresh_build_gives(make_site):
    root = make_site()
    renderer, env, cache = Renderer(), make_environment(root), BuildCache()
    render_site(root, renderer=renderer, env=env, cache=cache)
    for edit in ("\nMore alpha text.\n", "\nOther alpha text.\n"):
        (root / "content" / "alpha.md").write_text(ALPHA_MD + edit, encoding="utf-8")
        assert render_site(root, renderer=renderer, env=env, cache=cache).files == render_site(root).files
    site = (root / "site.yaml").read_text(encoding="utf-8")
    (root / "site.yaml").write_text(site.replace("label: Beta", "label: Second"), encoding="utf-8")
    assert render_site(root, renderer=renderer, env=env, cache=cache).files == render_site(root).files


def test_a_template_edit_renders_kept_fragments_again(make_site):
    root = make_site()
    renderer, env, cache = Renderer(), make_environment(root), BuildCache()
    render_site(root, renderer=renderer, env=env, cache=cache)
    for name in ("_section.html", "_timeline.html", "_places.html"):
        path = root / "templates" / name
        path.write_text(path.read_text(encoding="utf-8").replace("</a>", "</a> ", 1), encoding="utf-8")
        assert render_site(root, renderer=renderer, env=env, cache=cache).files == render_site(root).files


def test_a_section_title_edit_updates_the_link_to_it_from_the_section_before(make_site):
    root = make_site()
    renderer, env, cache = Renderer(), make_environment(root), BuildCache()
    render_site(root, renderer=renderer, env=env, cache=cache)
    path = root / "content" / "beta.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Beta section", "title: Second section"), encoding="utf-8")
    files = render_site(root, renderer=renderer, env=env, cache=cache).files
    assert files == render_site(root).files
    assert b"Next: Second section" in files["index.html"]


def test_a_page_is_encoded_as_its_parts_joined_and_kept_parts_are_not_encoded_again():
    fragments = FragmentCache()
    kept = "\u201cquoted\u201d " * 200
    parts = ["<p>", kept, "</p>", "x" * LARGE_PART]
    first = fragments.encode(parts)
    assert first == "".join(parts).encode("utf-8")
    data = fragments.encoded[kept]
    assert fragments.encode(parts) == first
    assert fragments.encoded[kept] is data


def cached_drawings(root) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / ".cache").iterdir()) if p.name.startswith(("map-", "og-"))}


@pytest.mark.parametrize(
    "tamper",
    [
        lambda data: data.replace(b"</svg>", b'<script>alert(1)</script></svg>'),
        lambda data: data.replace(b"<svg", b'<svg onload="alert(1)"', 1),
        lambda data: data[: len(data) // 2],
    ],
)
def test_a_cached_map_is_checked_before_it_is_inlined(make_site, tamper):
    from explainer.build import CACHE_DIR

    root = make_site()
    good = render_site(root).files["index.html"]
    svg = next((root / CACHE_DIR).glob("map-*.svg"))
    altered = tamper(svg.read_bytes())
    svg.write_bytes(altered)
    digest = svg.with_name(svg.name + ".sha256")
    import hashlib

    for stored in (digest.read_bytes(), hashlib.sha256(altered).hexdigest().encode()):  # a stale digest, then a matching one
        digest.write_bytes(stored)
        svg.write_bytes(altered)
        page = render_site(root).files["index.html"]
        assert page == good and b"alert(1)" not in page
        assert svg.read_bytes() != altered  # drawn again, and kept


def test_old_drawings_are_pruned(make_site):
    root = make_site()
    render_site(root)
    first = cached_drawings(root)
    assert len(first) == 4  # the map and the image, each with its digest
    (root / "site.yaml").write_text((root / "site.yaml").read_text().replace("name: Kabul", "name: Kabul city"))
    render_site(root)
    second = cached_drawings(root)
    assert len(second) == 4 and not set(first) & {name for name in second if name.startswith("map-")}
