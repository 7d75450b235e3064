"""Regenerate basemap/ from npm's world-atlas package (Natural Earth 1:50m countries as TopoJSON).

python scripts/update_basemap.py              # fetch the package, copy its JSON, write the archive
python scripts/update_basemap.py --archive    # only write basemap/countries-50m.npz from the JSON here
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-50m.json"
ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "basemap" / "countries-50m.json"
ARCHIVE = ROOT / "basemap" / "countries-50m.npz"


def fetch() -> None:
    """Fetch the pinned package with npm and copy its 1:50m countries file."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        (tarball,) = Path(tmp).glob("world-atlas-*.tgz")
        with tarfile.open(tarball) as tar:
            source = tar.extractfile(MEMBER)
            if source is None:
                raise SystemExit(f"{tarball.name}: {MEMBER} is not a file")
            with open(TARGET, "wb") as out:
                shutil.copyfileobj(source, out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--archive", action="store_true", help="skip npm: only rebuild the archive from the JSON in basemap/"
    )
    args = parser.parse_args(argv)
    if not args.archive:
        fetch()
    sys.path.insert(0, str(ROOT))
    from explainer.map.archive import write_basemap

    write_basemap(json.loads(TARGET.read_bytes()), ARCHIVE)
    for path in (TARGET, ARCHIVE):
        print(f"{path.name}: sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
