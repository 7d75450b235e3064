"""The current W3C Nu HTML checker (npm's vnu-jar, needs Java), for every test that validates built pages.

CSS is not checked: only `--errors-only` HTML messages fail a test.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from .sites import PROJECT

NU_JAR = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def assert_valid_html(pages: Iterable[Path]) -> None:
    """Fail with the checker's `file:line.col: error` lines unless every page is valid HTML."""
    files = [str(page) for page in pages]
    assert files, "no pages to check"
    assert NU_JAR.is_file(), "the Nu checker is missing: run `make test`, which installs node_modules"
    result = subprocess.run(
        ["java", "-jar", str(NU_JAR), "--errors-only", "--format", "gnu", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
