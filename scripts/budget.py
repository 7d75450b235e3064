#!/usr/bin/env python3
"""Check the page budget: the page's own files, gzipped, under 60 KB in at most 5 requests, and its photos under 300 KB.

The page is built into a temporary folder (or `--site` is used as it is), served on 127.0.0.1 and loaded in
headless Chromium; every request the browser makes is recorded, so nothing the page fetches can be missed
(HTML with its inline map, CSS, JS, fonts, images). Each response body is gzipped at level 9, as a static
host would serve it. Photos (already compressed: counted as they are) have their own line, with every photo
the page loads once scrolled to the end, and the lead photo's bytes as the page picks it at 375 and 1280 px.
Exit status 1 if the budget is broken or anything comes from another origin.

    .venv/bin/python scripts/budget.py
    .venv/bin/python scripts/budget.py --site _site --max-kb 60 --max-requests 5 --max-image-kb 300
    .venv/bin/python scripts/budget.py --project ../my-explainer   # build another explainer and measure it
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

LEAD = ".ex-photo-lead img"


def measure(url: str) -> list[tuple[str, int, int, bool]]:
    """Load `url` in Chromium; return (url, bytes, gzipped bytes, is an image) for every HTTP request it made."""
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
            rows.append(
                (response.url, len(body), len(gzip.compress(body, 9)), response.request.resource_type == "image")
            )
        browser.close()
    return rows


def lead_image(url: str, width: int) -> tuple[str, int] | None:
    """The lead photo the page shows at `width` px (device pixel ratio 1), and its bytes; None without one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        sizes: dict[str, int] = {}
        page.on(
            "response",
            lambda response: (
                sizes.__setitem__(response.url, len(response.body()))
                if response.request.resource_type == "image"
                else None
            ),
        )
        page.goto(url, wait_until="networkidle")
        src = page.evaluate(
            f"(() => {{ const img = document.querySelector({LEAD!r}); return img ? img.currentSrc : null; }})()"
        )
        browser.close()
    return (urlsplit(src).path.rsplit("/", 1)[-1], sizes[src]) if src else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--site", type=Path, help="a built site to check (default: build the project into a temporary folder)"
    )
    parser.add_argument(
        "--max-kb", type=float, default=60.0, help="gzipped total allowed, in KB of 1024 bytes (default 60)"
    )
    parser.add_argument("--max-requests", type=int, default=5, help="requests allowed, photos not counted (default 5)")
    parser.add_argument(
        "--max-image-kb",
        type=float,
        default=300.0,
        help="photos allowed, in KB as served, all of them once scrolled (default 300)",
    )
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="the explainer to build and measure (default: this one)"
    )
    args = parser.parse_args(argv)

    with serve_build(args.site, args.project.resolve()) as url:
        rows = measure(url)
        leads = {width: lead_image(url, width) for width in (375, 1280)}

    origin = urlsplit(url)[:2]
    foreign = [u for u, _, _, _ in rows if urlsplit(u)[:2] != origin]
    own = [r for r in rows if not r[3]]
    images = [r for r in rows if r[3]]
    raw = sum(r[1] for r in own)
    packed = sum(r[2] for r in own)
    image_bytes = sum(r[1] for r in images)
    width = max(len(urlsplit(u).path + (("?" + urlsplit(u).query) if urlsplit(u).query else "")) for u, _, _, _ in rows)
    print(f"{'request':<{width}}  {'bytes':>8}  {'gzipped':>8}")
    for u, size, gz, _ in rows:
        parts = urlsplit(u)
        name = parts.path + ("?" + parts.query if parts.query else "")
        print(f"{name:<{width}}  {size:>8}  {gz:>8}")
    print(f"{'total':<{width}}  {raw + image_bytes:>8}  {packed + image_bytes:>8}")
    print(
        f"budget: {packed / 1024:.1f} KB gzipped of {args.max_kb:g} KB; {len(own)} requests of {args.max_requests}; "
        f"{'all same-origin' if not foreign else 'OTHER ORIGINS: ' + ', '.join(foreign)}"
    )
    print(
        f"images: {image_bytes / 1024:.1f} KB of {args.max_image_kb:g} KB in {len(images)} requests; "
        + "; ".join(
            f"lead image at {w} px: {lead[0]}, {lead[1]} bytes" if lead else f"no lead image at {w} px"
            for w, lead in leads.items()
        )
    )
    ok = (
        packed <= args.max_kb * 1024
        and len(own) <= args.max_requests
        and image_bytes <= args.max_image_kb * 1024
        and not foreign
    )
    print("budget: OK" if ok else "budget: BROKEN")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
