"""The shipped explainer, for the content checks: what any legitimate edit of site.yaml and content/ must pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.cli import main

from ..sites import PROJECT, read_explainer


@pytest.fixture(scope="session")
def shipped():
    """The shipped explainer as the generator reads it; the checks take themes, titles and counts from it."""
    return read_explainer(PROJECT)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped explainer, built once into a temporary folder (warnings fail it, as `check --strict` does)."""
    out = tmp_path_factory.mktemp("shipped") / "_site"
    assert main(["--project", str(PROJECT), "--out", str(out), "--strict"]) == 0
    return out
