"""The only code that touches the output folder: write everything, then swap it in."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import Loc, SourceError

MARKER = ".explainer-build"
MARKER_TEXT = b"Built by the explainer generator; this folder is replaced on every build.\n"
SOURCE_DIRS = ("content", "templates", "static")


def check_output(out: Path, root: Path) -> SourceError | None:
    """Refuse an output folder a build could damage: the project, its parents, its sources, or foreign files."""
    out = out.resolve()
    root = root.resolve()
    shown = str(out)
    if out == root or root.is_relative_to(out):
        return SourceError(Loc(shown), "refusing to build into the project folder or one of its parents; choose an empty folder such as _site")
    for name in SOURCE_DIRS:
        if out.is_relative_to(root / name):
            return SourceError(Loc(shown), f"refusing to build into the source folder {name}/; choose an empty folder such as _site")
    if out.exists() and not out.is_dir():
        return SourceError(Loc(shown), "the output path is a file; choose a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return SourceError(Loc(shown), f"refusing to replace a folder this generator did not create (no {MARKER} in it); empty it or choose another")
    return None


def write_site(out: Path, files: Mapping[str, bytes]) -> None:
    """Write `files` (relative path -> bytes) into a fresh folder beside `out`, then swap it in."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for rel, data in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (staging / MARKER).write_bytes(MARKER_TEXT)
        os.chmod(staging, 0o755)
        if out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            out.rename(retired / out.name)
            staging.rename(out)
            shutil.rmtree(retired)
        else:
            staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
