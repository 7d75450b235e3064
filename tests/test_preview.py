"""The preview's pipeline: a rebuild with what it kept gives what a fresh build gives, problems included."""

from __future__ import annotations

import pytest

from explainer.build import render_site
from explainer.errors import BuildFailed
from explainer.page.render import FRAGMENT_MARK, Templates
from explainer.preview.pipeline import PreviewPipeline
from explainer.preview.snapshot import scan

from .sites import ALPHA_MD

BAD_ALPHA = "---\ntheme: alpha\ntitle: A\ntitel: B\n---\nText\n"
UNUSED_KABUL = "---\ntheme: beta\ntitle: Beta\n---\nText\n"


def test_errors_of_a_kept_file_are_reported_on_every_rebuild(make_site):
    root = make_site({"content/alpha.md": BAD_ALPHA})
    pipeline = PreviewPipeline(root)
    for _ in range(2):
        with pytest.raises(BuildFailed) as info:
            pipeline.rebuild(scan(root))
        assert [str(e) for e in info.value.errors] == [
            "content/alpha.md:4:1: error: unknown key 'titel' in the front matter (did you mean 'title'?)"
        ]
    (root / "content" / "alpha.md").write_text(ALPHA_MD, encoding="utf-8")
    assert pipeline.rebuild(scan(root)).files == render_site(root).files


def test_warnings_are_reported_on_every_rebuild(make_site):
    root = make_site({"content/beta.md": UNUSED_KABUL})
    pipeline = PreviewPipeline(root)
    first = pipeline.rebuild(scan(root)).warnings
    assert first == pipeline.rebuild(scan(root)).warnings
    assert [str(w) for w in first] == [
        "site.yaml:19:5: warning: place 'kabul' is not used by any section, event or route; remove it or refer to it"
    ]


def test_a_rebuild_after_an_edit_gives_what_a_fresh_build_gives(make_site):
    root = make_site()
    pipeline = PreviewPipeline(root)
    pipeline.rebuild(scan(root))
    for edit in ("\nMore alpha text.\n", "\nOther alpha text.\n"):
        (root / "content" / "alpha.md").write_text(ALPHA_MD + edit, encoding="utf-8")
        assert pipeline.rebuild(scan(root)).files == render_site(root).files
    site = (root / "site.yaml").read_text(encoding="utf-8")
    (root / "site.yaml").write_text(site.replace("label: Beta", "label: Second"), encoding="utf-8")
    assert pipeline.rebuild(scan(root)).files == render_site(root).files


def test_a_template_edit_renders_kept_fragments_again(make_site):
    root = make_site()
    pipeline = PreviewPipeline(root)
    pipeline.rebuild(scan(root))
    for name in ("_section.html", "_timeline.html", "_places.html", "_place.html"):
        path = root / "templates" / name
        path.write_text(path.read_text(encoding="utf-8").replace("</a>", "</a> ", 1), encoding="utf-8")
        assert pipeline.rebuild(scan(root)).files == render_site(root).files


def test_a_section_title_edit_updates_the_link_to_it_from_the_section_before(make_site):
    root = make_site()
    pipeline = PreviewPipeline(root)
    pipeline.rebuild(scan(root))
    path = root / "content" / "beta.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Beta section", "title: Second section"), encoding="utf-8"
    )
    files = pipeline.rebuild(scan(root)).files
    assert files == render_site(root).files
    assert b"Next: Second section" in files["index.html"]


def test_a_fragment_is_placed_in_its_page_as_its_bytes(make_site):
    root = make_site(
        {
            "templates/_part.html": "<p>{{ text }} “quoted”</p>\n",
            "templates/page.html": "<div>{{ part }}</div>\n",
            "templates/bad.html": "{{ part | upper }}",
        }
    )
    templates = Templates(root)
    part = templates.fragment("_part.html", "one", text="Fish & chips")
    assert part.data == "<p>Fish &amp; chips “quoted”</p>\n".encode()
    assert templates.page("page.html", {"part": part}, [part]) == b"<div>" + part.data + b"</div>\n"
    with pytest.raises(BuildFailed) as info:
        templates.page("bad.html", {"part": part}, [part])
    assert FRAGMENT_MARK not in str(info.value) and "write it alone" in str(info.value)


def test_a_fragment_sees_only_its_own_views(make_site):
    root = make_site()
    path = root / "templates" / "_place.html"
    path.write_text(path.read_text(encoding="utf-8").replace("</h3>", "{{ site.title }}</h3>", 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as info:
        render_site(root)
    assert [str(e) for e in info.value.errors] == [
        "templates/_place.html:3: error: template: 'site' is undefined; check the variable names the README lists"
    ]


def test_the_preview_renders_a_fragment_again_only_when_its_views_change(make_site):
    root = make_site({"templates/_part.html": "<p>{{ text }}</p>\n"})
    pipeline = PreviewPipeline(root)
    pipeline.rebuild(scan(root))
    templates = pipeline.templates
    first = templates.fragment("_part.html", "one", text="a")
    assert templates.fragment("_part.html", "one", text="a") is first
    assert templates.fragment("_part.html", "one", text="b").data == b"<p>b</p>\n"
    assert templates.fragment("_part.html", "one", text="a") is not first  # one version per slot


def cached_drawings(root) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / ".cache").iterdir()) if p.name.startswith(("map-", "og-"))}


@pytest.mark.parametrize(
    "tamper",
    [
        lambda data: data.replace(b"</svg>", b"<script>alert(1)</script></svg>"),
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

    for stored in (
        digest.read_bytes(),
        hashlib.sha256(altered).hexdigest().encode(),
    ):  # a stale digest, then a matching one
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
