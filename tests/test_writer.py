"""The output folder: atomic swaps, and refusal of any folder a build could damage."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.writer import MARKER, check_output, write_site


def test_write_site_swaps_in_a_complete_folder(tmp_path):
    out = tmp_path / "_site"
    write_site(out, {"index.html": b"one", "assets/a.css": b"x"})
    write_site(out, {"index.html": b"two"})
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [MARKER, "index.html"]
    assert (out / "index.html").read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_write_site_failure_keeps_the_old_output(tmp_path):
    out = tmp_path / "_site"
    write_site(out, {"index.html": b"good"})
    with pytest.raises(OSError):
        write_site(out, {"a": b"file", "a/b": b"cannot be both file and folder"})
    assert (out / "index.html").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


@pytest.mark.parametrize(
    "target, message",
    [
        (".", "refusing to build into the project folder or one of its parents; choose an empty folder such as _site"),
        ("..", "refusing to build into the project folder or one of its parents; choose an empty folder such as _site"),
        ("content", "refusing to build into the source folder content/; choose an empty folder such as _site"),
        ("templates/out", "refusing to build into the source folder templates/; choose an empty folder such as _site"),
        ("static", "refusing to build into the source folder static/; choose an empty folder such as _site"),
        ("site.yaml", "the output path is a file; choose a folder"),
        ("docs", f"refusing to replace a folder this generator did not create (no {MARKER} in it); empty it or choose another"),
    ],
)
def test_check_output_refuses_dangerous_folders(tmp_path, target, message):
    root = tmp_path / "project"
    for folder in ("content", "templates", "static", "docs"):
        (root / folder).mkdir(parents=True)
    (root / "site.yaml").write_text("title: x\n")
    (root / "docs" / "notes.txt").write_text("mine")
    error = check_output(root / target, root)
    assert error is not None and error.message == message


def test_check_output_accepts_new_empty_and_own_folders(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "empty").mkdir()
    write_site(root / "_site", {"index.html": b""})
    for target in ("_site", "empty", "new", "../elsewhere"):
        assert check_output(root / target, root) is None


def test_cli_refuses_out_and_writes_nothing(make_site, run_cli):
    root = make_site()
    before = sorted(str(p) for p in Path(root).rglob("*"))
    status, _, err = run_cli("--project", str(root), "--out", str(root / "content"))
    assert status == 1
    assert err.splitlines()[0] == f"{root / 'content'}: error: refusing to build into the source folder content/; choose an empty folder such as _site"
    assert sorted(str(p) for p in Path(root).rglob("*")) == before
