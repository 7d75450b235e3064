"""One complete fixture site and its expected output: any change to what the generator writes shows here.

After an intended change, regenerate the expected files and review the diff:
    UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/test_fixture_site.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from explainer.cli import main

from .sites import PROJECT, copy_tree

FIXTURE = Path(__file__).resolve().parent / "fixture"


def build_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    copy_tree(FIXTURE / "site", root)
    for folder in ("templates", "static"):
        copy_tree(PROJECT / folder, root / folder)
    out = tmp_path / "out"
    assert (
        main(["--project", str(root), "--out", str(out)]) == 0
    )  # not --strict: bridges.md's <script> is warned about, and dropped
    return out


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_fixture_site_matches_expected_output(tmp_path):
    out = build_fixture(tmp_path)
    expected = FIXTURE / "expected"
    if os.environ.get("UPDATE_EXPECTED"):
        shutil.rmtree(expected, ignore_errors=True)
        copy_tree(out, expected)
    actual = files_of(out)
    wanted = files_of(expected)
    assert sorted(actual) == sorted(wanted)
    for name in wanted:
        assert actual[name] == wanted[name], f"{name} differs from tests/fixture/expected/{name}"


def test_builds_are_deterministic(tmp_path):
    first = files_of(build_fixture(tmp_path / "one"))
    shutil.rmtree(tmp_path / "one" / "site" / ".cache", ignore_errors=True)
    second = files_of(build_fixture(tmp_path / "two"))
    assert first == second
