"""`build.py new DIR`: a neutral starter explainer that builds strictly as written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from explainer.cli import main

from .test_story import shipped_phrases


def test_the_starter_builds_strictly(tmp_path, run_cli):
    status, out, _ = run_cli("new", str(tmp_path / "next"))
    assert status == 0 and out.startswith("wrote a starter explainer (")
    for rel in ("site.yaml", "content/events.yaml", "templates/index.html", "static/css/base.css"):
        assert (tmp_path / "next" / rel).is_file(), rel
    status, _, err = run_cli("--project", str(tmp_path / "next"), "--out", str(tmp_path / "out"), "--strict")
    assert (status, err) == (0, "")
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'id="person-first-person"' in page and "<figcaption>" in page and 'class="footnote"' in page
    assert not [phrase for phrase in shipped_phrases() if phrase in page]


def test_the_starter_needs_an_empty_folder(tmp_path, run_cli):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    status, _, err = run_cli("new", str(tmp_path / "taken"))
    assert status == 1
    assert (
        err.splitlines()[0]
        == f"{tmp_path / 'taken'}: error: the folder for a new explainer must be empty or not exist yet; choose another"
    )
    assert (tmp_path / "taken" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_new_needs_a_folder_and_only_new_takes_one(run_cli, capsys):
    assert run_cli("new")[0] == 2
    with pytest.raises(SystemExit) as info:
        main(["check", "somewhere"])
    assert info.value.code == 2
    assert "only 'new' takes a folder" in capsys.readouterr().err


def test_the_explainer_command_writes_and_builds_a_starter_in_the_current_folder(tmp_path):
    """`explainer` (pyproject.toml's console script, installed by make) works on the folder it is run in."""
    command = Path(sys.executable).parent / "explainer"
    assert command.is_file(), "the explainer command is not installed: run `make test`, which installs the project"
    made = subprocess.run([command, "new", "next"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stderr
    assert made.stdout.endswith("into next; next: explainer --project next serve\n")
    built = subprocess.run([command, "--strict"], cwd=tmp_path / "next", capture_output=True, text=True, timeout=600)
    assert (built.returncode, built.stderr) == (0, "")
    assert (tmp_path / "next" / "_site" / "index.html").is_file()
    usage = subprocess.run([command, "--help"], capture_output=True, text=True, timeout=600)
    assert usage.stdout.startswith("usage: explainer ") and "explainer new ../my-story" in usage.stdout
