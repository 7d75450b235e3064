from __future__ import annotations

from pathlib import Path

import pytest

from explainer.cli import main

from .sites import write_site, write_story


@pytest.fixture
def make_site(tmp_path: Path):
    """Return a function that writes a test site (base files plus overrides) and returns its root."""

    def make(files: dict[str, str | bytes | None] | None = None) -> Path:
        return write_site(tmp_path / "site", files or {})

    return make


@pytest.fixture
def run_cli(capsys):
    """Run the command line in-process; return (exit status, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        out = capsys.readouterr()
        return status, out.out, out.err

    return run


@pytest.fixture(scope="session")
def story_project(tmp_path_factory) -> Path:
    """The suite's own complete explainer (tests/sites.py STORY_FILES), written once."""
    return write_story(tmp_path_factory.mktemp("story") / "site")


@pytest.fixture(scope="session")
def story_site(story_project) -> Path:
    """The story test site, built once into a temporary folder."""
    out = story_project.parent / "_site"
    assert main(["--project", str(story_project), "--out", str(out), "--strict"]) == 0
    return out


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def story_url(story_site):
    """The story test site, served over HTTP on loopback."""
    from .browser import serve_folder

    with serve_folder(story_site) as url:
        yield url


@pytest.fixture(scope="session")
def story(story_project):
    """The story test site as the generator reads it: expectations come from it, not from numbers written here."""
    from .sites import read_explainer

    return read_explainer(story_project)
