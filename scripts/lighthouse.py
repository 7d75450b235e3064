#!/usr/bin/env python3
"""Run Lighthouse (npm's lighthouse 12.2.3, mobile settings) on the built explainer served from 127.0.0.1.

Builds the project into a temporary folder (or uses `--site`), serves it on loopback, runs Lighthouse with the
system Chromium, prints the four category scores and exits 1 if any is below `--min` (default 100).
Lighthouse is installed on first use into .cache/lighthouse (needs Node 20 and npm; the network only then).

    .venv/bin/python scripts/lighthouse.py
    .venv/bin/python scripts/lighthouse.py --site _site --json /tmp/report.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import chromium_path, serve_build  # noqa: E402

VERSION = "12.2.3"
PREFIX = ROOT / ".cache" / "lighthouse"
CLI = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def install() -> None:
    """Install the pinned Lighthouse into .cache/lighthouse unless that exact version is there."""
    package = PREFIX / "node_modules" / "lighthouse" / "package.json"
    if package.exists() and json.loads(package.read_text())["version"] == VERSION:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("lighthouse: npm is missing; install Node 20 (apt-get install nodejs npm)")
    PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", f"lighthouse@{VERSION}"], check=True
    )


def run(url: str, report: Path) -> dict[str, float]:
    """Lighthouse on `url` (its default: mobile form factor and throttling); the four scores, 0 to 100."""
    env = dict(os.environ, CHROME_PATH=chromium_path())
    subprocess.run(
        [
            "node",
            str(CLI),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        check=True,
        env=env,
        timeout=300,
    )
    result = json.loads(report.read_text())
    failing = [
        f"  {audit['id']}: {audit['title']} {audit.get('displayValue', '')} (score {audit['score']:.2f})"
        for category in result["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"] and (audit := result["audits"][ref["id"]])["score"] is not None and audit["score"] < 1
    ]
    if failing:
        print("audits below full marks:\n" + "\n".join(sorted(set(failing))))
    return {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--site", type=Path, help="a built site to check (default: build the project into a temporary folder)"
    )
    parser.add_argument("--min", type=int, default=100, help="the lowest acceptable score (default 100)")
    parser.add_argument("--json", type=Path, help="also keep Lighthouse's JSON report here")
    args = parser.parse_args(argv)
    install()
    with tempfile.TemporaryDirectory() as tmp, serve_build(args.site, ROOT) as url:
        scores = run(url, args.json or Path(tmp) / "report.json")
    print("lighthouse " + VERSION + " (mobile): " + ", ".join(f"{name} {score}" for name, score in scores.items()))
    return 0 if all(score >= args.min for score in scores.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
