#!/usr/bin/env python3
"""Check the page budget: everything a browser fetches for the explainer, gzipped, under 60 KB in at most 5 requests.

The page is built into a temporary folder (or `--site` is used as it is), served on 127.0.0.1 and loaded in
headless Chromium; every request the browser makes is recorded, so nothing the page fetches can be missed
(HTML with its inline map, CSS, JS, fonts, images). Each response body is gzipped at level 9, as a static
host would serve it. Exit status 1 if the budget is broken or anything comes from another origin.

    .venv/bin/python scripts/budget.py
    .venv/bin/python scripts/budget.py --site _site --max-kb 60 --max-requests 5
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM_ARGS, chromium_path, serve_build  # noqa: E402


def measure(url: str) -> list[tuple[str, int, int]]:
    """Load `url` in Chromium; return (url, bytes, gzipped bytes) for every HTTP request it made."""
    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, int, int]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 412, "height": 823})
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_timeout(300)
        for response in responses:
            if urlsplit(response.url).scheme not in ("http", "https"):
                continue
            body = response.body()
            rows.append((response.url, len(body), len(gzip.compress(body, 9))))
        browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to check (default: build the project into a temporary folder)")
    parser.add_argument("--max-kb", type=float, default=60.0, help="gzipped total allowed, in KB of 1024 bytes (default 60)")
    parser.add_argument("--max-requests", type=int, default=5, help="requests allowed (default 5)")
    args = parser.parse_args(argv)

    with serve_build(args.site, ROOT) as url:
        rows = measure(url)

    origin = urlsplit(url)[:2]
    foreign = [u for u, _, _ in rows if urlsplit(u)[:2] != origin]
    raw = sum(r[1] for r in rows)
    packed = sum(r[2] for r in rows)
    width = max(len(urlsplit(u).path + (("?" + urlsplit(u).query) if urlsplit(u).query else "")) for u, _, _ in rows)
    print(f"{'request':<{width}}  {'bytes':>8}  {'gzipped':>8}")
    for u, size, gz in rows:
        parts = urlsplit(u)
        name = parts.path + ("?" + parts.query if parts.query else "")
        print(f"{name:<{width}}  {size:>8}  {gz:>8}")
    print(f"{'total':<{width}}  {raw:>8}  {packed:>8}")
    print(f"budget: {packed / 1024:.1f} KB gzipped of {args.max_kb:g} KB; {len(rows)} requests of {args.max_requests}; "
          f"{'all same-origin' if not foreign else 'OTHER ORIGINS: ' + ', '.join(foreign)}")
    ok = packed <= args.max_kb * 1024 and len(rows) <= args.max_requests and not foreign
    print("budget: OK" if ok else "budget: BROKEN")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
