"""The preview's scan and SeenSources: a rebuild from a fresh scan gives what a fresh build gives, errors included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explainer.build import render_site
from explainer.errors import BuildFailed, SourceError
from explainer.preview import snapshot
from explainer.preview.pipeline import PreviewPipeline
from explainer.preview.snapshot import Stamp, scan

from .sites import ALPHA_MD

GAMMA_MD = "---\ntheme: gamma\ntitle: Gamma section\n---\nGamma text.\n"


@pytest.fixture
def settled(monkeypatch):
    """Trust every Stamp at once, as if each file had been saved more than SETTLE_NS ago."""
    monkeypatch.setattr(snapshot, "SETTLE_NS", 0)


def outcome(
    root: Path, pipeline: PreviewPipeline | None = None
) -> tuple[dict[str, bytes], list[SourceError]] | list[str]:
    """render_site's files and warnings (or a rebuild's by the preview's `pipeline`, from a fresh scan), or its error lines."""
    try:
        result = render_site(root) if pipeline is None else pipeline.rebuild(scan(root))
        return result.files, result.warnings
    except BuildFailed as exc:
        return [str(e) for e in exc.errors]


def preview(root: Path):
    """A rebuild as the preview runs it: the pipeline it keeps, and a fresh scan."""
    pipeline = PreviewPipeline(root)
    return lambda: outcome(root, pipeline)


def test_scan_stamps_plain_files_and_keeps_every_symlink(make_site, tmp_path):
    root = make_site()
    (root / "content/.notes.md").write_text("hidden")
    (root / "content/.drafts").mkdir()
    (root / "content/.drafts/leak.md").symlink_to(tmp_path / "missing.md")
    (root / "content/linked").symlink_to(root / "static")
    seen = scan(root)
    assert seen["content/alpha.md"].plain
    assert "content/.notes.md" not in seen
    assert seen["content/.drafts/leak.md"] == Stamp(0, 0, 0, 0, False)
    assert not seen["content/linked"].plain
    assert not any(rel.startswith("content/linked/") for rel in seen)


def test_edits_additions_and_removals_are_picked_up(make_site, settled):
    root = make_site()
    rebuild = preview(root)
    assert rebuild() == outcome(root)
    (root / "content/alpha.md").write_text(ALPHA_MD + "\nMore alpha text.\n", encoding="utf-8")
    assert rebuild() == outcome(root)
    (root / "content/gamma.md").write_text(GAMMA_MD, encoding="utf-8")
    assert (
        rebuild()
        == outcome(root)
        == [
            "content/gamma.md:2:8: error: unknown theme 'gamma'; add it under 'themes:' in site.yaml, or correct the id"
        ]
    )
    (root / "content/gamma.md").unlink()
    (root / "content/beta.md").unlink()
    assert (
        rebuild()
        == outcome(root)
        == ["site.yaml:12:5: error: theme 'beta' has no section; add content/beta.md with 'theme: beta'"]
    )
    (root / "content/beta.md").write_bytes(b"---\ntheme: beta\ntitle: B\n---\n\xff\n")
    assert rebuild() == outcome(root) == ["content/beta.md:5:1: error: byte 0xff is not UTF-8; save the file as UTF-8"]
    assert rebuild() == outcome(root)


@pytest.mark.parametrize("folder", ["content", "static", "templates"])
def test_a_file_replaced_by_a_symlink_out_of_the_project_is_refused(make_site, tmp_path, settled, folder):
    secret = tmp_path / "secret.md"
    rel = {"content": "content/alpha.md", "static": "static/css/base.css", "templates": "templates/_footer.html"}[
        folder
    ]
    root = make_site()
    rebuild = preview(root)
    assert not isinstance(rebuild(), list)
    os.replace(root / rel, secret)  # the very same file, stat and all, now outside the project
    (root / rel).symlink_to(secret)
    assert rebuild() == outcome(root)
    assert f"{rel}: error: {rel} is a symlink to {secret}, outside the project; copy the file in instead" in rebuild()


def test_a_file_whose_stamp_is_unchanged_is_not_read_again(make_site, settled):
    root = make_site()
    pipeline = PreviewPipeline(root)
    seen = scan(root)
    before = pipeline.rebuild(seen).files
    (root / "content/alpha.md").write_text(ALPHA_MD.replace("Alpha text.", "Edited text."), encoding="utf-8")
    assert pipeline.rebuild(seen).files == before  # `seen` is stale on purpose
    assert pipeline.rebuild(scan(root)).files == render_site(root).files


def test_a_file_saved_too_recently_to_trust_its_stamp_is_read_again(make_site):
    root = make_site()
    pipeline = PreviewPipeline(root)
    seen = scan(root)
    pipeline.rebuild(seen)
    (root / "content/alpha.md").write_text(ALPHA_MD.replace("Alpha text.", "Edited text."), encoding="utf-8")
    assert pipeline.rebuild(seen).files == render_site(root).files
