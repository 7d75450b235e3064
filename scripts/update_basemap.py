"""Regenerate basemap/ from npm's world-atlas package (Natural Earth 1:50m countries as TopoJSON)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-50m.json"
TARGET = Path(__file__).resolve().parent.parent / "basemap" / "countries-50m.json"


def main() -> None:
    """Fetch the pinned package with npm, copy its 1:50m countries file and print its checksum."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        (tarball,) = Path(tmp).glob("world-atlas-*.tgz")
        with tarfile.open(tarball) as tar:
            source = tar.extractfile(MEMBER)
            if source is None:
                raise SystemExit(f"{tarball.name}: {MEMBER} is not a file")
            with open(TARGET, "wb") as out:
                shutil.copyfileobj(source, out)
    print(f"{TARGET.name}: sha256 {hashlib.sha256(TARGET.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
