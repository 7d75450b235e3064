from __future__ import annotations

from pathlib import Path

import pytest

from explainer.cli import main

from .sites import PROJECT, write_site


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
def built_site(tmp_path_factory) -> Path:
    """The shipped explainer, built once into a temporary folder."""
    out = tmp_path_factory.mktemp("built") / "_site"
    assert main(["--project", str(PROJECT), "--out", str(out)]) == 0
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
def site_url(built_site):
    """The shipped explainer, served over HTTP on loopback."""
    from .browser import serve_folder

    with serve_folder(built_site) as url:
        yield url
