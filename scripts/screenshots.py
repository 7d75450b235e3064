"""Screenshots to look at before a visual change lands: every gallery map, every test language and the shipped
explainer, at 375 and 1280 px, JavaScript on and off, in headless Chromium (`make screenshots`).

Writes PNGs named <site>-<width>-<js|nojs>.png into the folder given (default `_shots/`): the map's figure for the
gallery, the top of the page and the map for the others. Prints each file it wrote.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from explainer.build import build  # noqa: E402
from tests.browser import CHROMIUM_ARGS, chromium_path, serve_folder  # noqa: E402
from tests.edition_sites import write_edition_site  # noqa: E402
from tests.language_sites import LANGUAGES, write_language_site  # noqa: E402
from tests.map_gallery import GALLERY, gallery_site  # noqa: E402

WIDTHS = (375, 1280)
MAP = "figure:has(#ex-map-desc)"


def sites(work: Path, only: set[str]) -> dict[str, tuple[Path, bool, tuple[str, ...]]]:
    """Build the sites to photograph: name -> (output folder, whether only the map is shot, the pages to shoot)."""
    wanted = {
        **{
            f"gallery-{name}": (lambda root, story=story: gallery_site(root, story), True, ("",))
            for name, story in GALLERY.items()
        },
        **{
            f"language-{tag}": (lambda root, tag=tag: write_language_site(root, tag), False, ("",)) for tag in LANGUAGES
        },
        "editions": (write_edition_site, False, ("", "fr/", "ur/")),
        "shipped": (lambda root: ROOT, False, ("",)),
    }
    built = {}
    for name, (write, map_only, pages) in wanted.items():
        if only and not any(word in name for word in only):
            continue
        project = write(work / "src" / name)
        out = work / "out" / name
        build(project, out, strict=False)
        built[name] = (out, map_only, pages)
    return built


def shoot(page: Page, url: str, target: Path, map_only: bool) -> None:
    page.goto(url, wait_until="networkidle")
    if map_only:
        page.locator(MAP).screenshot(path=str(target))
        return
    page.screenshot(path=str(target))
    page.locator(MAP).screenshot(path=str(target.with_name(target.stem + "-map.png")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", default="_shots", type=Path, help="folder for the PNGs (default _shots/)")
    parser.add_argument("--only", nargs="*", default=[], help="only the sites whose name holds one of these words")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, (folder, map_only, pages) in sites(Path(work), set(args.only)).items():
            with serve_folder(folder) as url:
                for path, width, scripts in itertools.product(pages, WIDTHS, (True, False)):
                    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=scripts)
                    edition = f"-{path.strip('/')}" if path else ""
                    target = args.out / f"{name}{edition}-{width}-{'js' if scripts else 'nojs'}.png"
                    shoot(context.new_page(), url + path, target, map_only)
                    context.close()
                    print(target)
        browser.close()


if __name__ == "__main__":
    main()
