#!/usr/bin/env python3
"""Benchmark the generator: cold build against the interpreter floor, first build and map draws, scale, incremental rebuild, photos, reader bytes, memory.

Prints one table and writes bench-results.json at the repository's root. Every timing runs in a fresh child
process (`--child`), so imports, caches and memory are those of a real run; the build and what it is compared
with run alternately and the median is reported. Children get a bytecode cache (PYTHONPYCACHEPREFIX in a
temporary folder, PYTHONDONTWRITEBYTECODE unset), as an installed project has its __pycache__ folders.

    .venv/bin/python scripts/bench.py                       # sizes 100, 1000 and 5000, no Lighthouse
    .venv/bin/python scripts/bench.py --sizes 100 1000 --repeat 3 --lighthouse
    .venv/bin/python scripts/bench.py --sizes 5 --repeat 1 --no-browser --json /tmp/bench.json
    .venv/bin/python scripts/bench.py --sizes 5 --photos 20        # the photo rows: 20 photos of 12 megapixels
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results.json"
FLOOR = "import jinja2, markdown, yaml"
HEAVY = ("numpy", "pyproj", "shapely", "PIL")
EVENTS_PER_SECTION = 10
PLACES = 300
EDITED_SIZE = 1000  # the explainer the edit in the preview is measured on, unless --preview-size says otherwise
RATIO_SIZE = 1000  # the size whose ratio to the baseline has a target
PHOTO_SIZE = (4000, 3000)  # 12 megapixels, as a phone or a compact camera takes them
TARGETS = {
    "cold_ratio": 1.5,
    "scale_ratio_1000": 1.2,
    "incremental_ms": 50.0,
    "served_ms": 300.0,
    "incremental_share": 0.05,
    "first_build_s": 1.5,
    "first_draw_s": 1.5,
}
SHIPPED = ("site.yaml", "content", "templates", "static")  # what a copy of the shipped explainer needs to build
WORDS = (
    "minister visit talks border trade energy pipeline envoy treaty council army river harbour election "
    "court budget summit region province capital embassy vote reform market grain railway port dam "
    "ceasefire mediator delegation statement agreement sanctions tariff corridor highway airport"
).split()


@dataclass(frozen=True)
class ScaleRow:
    """One synthetic size: the median full build and bare baseline, each a whole process (wall clock and CPU), the
    per-section cost, and the build's peak memory."""

    sections: int
    events: int
    places: int
    build_s: float
    baseline_s: float
    build_cpu_s: float  # user + system, the build's Markdown workers included
    baseline_cpu_s: float
    ratio: float  # of the CPU times: what the build costs the machine over the bare baseline
    wall_ratio: float
    build_ms_per_section: float
    baseline_ms_per_section: float
    generator_markdown_s: float  # the baseline through the generator's Renderer: typography, then nh3
    growth: float | None  # log(build time ratio) / log(size ratio) against the previous size; 1.0 is linear
    first_build_s: float  # the first build, which also draws the map and the social image
    peak_rss_mb: float
    workers_peak_rss_mb: float  # the largest Markdown worker process, 0 if the build used none


# --- the synthetic explainer -------------------------------------------------------------------------


def sentence(rng: random.Random, n: int) -> str:
    """A plain sentence of about n words, with some inline Markdown."""
    words = [rng.choice(WORDS) for _ in range(n)]
    words[rng.randrange(n)] = f"*{rng.choice(WORDS)}*"
    if rng.random() < 0.3:
        words[rng.randrange(n)] = f"[{rng.choice(WORDS)}](https://example.org/{rng.randrange(10**6)})"
    return " ".join(words).capitalize() + f" ({rng.randrange(10**6)})."


def section_body(rng: random.Random, number: int) -> str:
    """About 600 words of Markdown: paragraphs, a list, emphasis, links, quotes and dashes."""
    paragraphs = [" ".join(sentence(rng, rng.randint(12, 24)) for _ in range(5)) for _ in range(5)]
    items = "\n".join(f"- {sentence(rng, 8)}" for _ in range(4))
    quote = f'> "{sentence(rng, 14)}" -- said an envoy of section {number}.'
    return "\n\n".join([*paragraphs[:3], items, quote, *paragraphs[3:]]) + "\n"


def generate(root: Path, sections: int, seed: int = 7) -> None:
    """Write a complete synthetic explainer: site.yaml, one section per theme, ten events each, PLACES places."""
    rng = random.Random(seed)
    places = [
        (f"p{i}", f"Place {i}", round(rng.uniform(24, 40), 4), round(rng.uniform(60, 80), 4)) for i in range(PLACES)
    ]
    themes = [f"t{i}" for i in range(sections)]
    site = [
        "title: A synthetic explainer",
        "dek: Generated for the benchmark.",
        "language: en",
        "published: 2021-04-07",
        "updated: 2021-07-15",
        "byline: The benchmark",
        "source:",
        "  name: Nothing real",
        "  description: Generated text.",
        "base_url: https://example.org/bench/",
        "themes:",
        *(f"  - {{id: {t}, label: Theme {t}}}" for t in themes),
        "places:",
        *(f"  - {{id: {i}, name: {n}, lat: {la}, lon: {lo}}}" for i, n, la, lo in places),
        "routes:",
        f"  - {{id: r0, label: A route, theme: {themes[0]}, places: [p0, p1, p2]}}",
    ]
    (root / "content").mkdir(parents=True)
    (root / "site.yaml").write_text("\n".join(site) + "\n", encoding="utf-8")
    events = ["events:"]
    for n, theme in enumerate(themes):
        refs = ", ".join(places[(n * 3 + k) % PLACES][0] for k in range(3))
        front = f"---\ntheme: {theme}\ntitle: Section {n}\nsummary: {json.dumps(sentence(rng, 10))}\nplaces: [{refs}]\n---\n"
        (root / "content" / f"{theme}.md").write_text(front + section_body(rng, n), encoding="utf-8")
        for k in range(EVENTS_PER_SECTION):
            year = 1950 + rng.randrange(70)
            date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            events += [
                f"  - id: e{n}-{k}",
                f"    title: Event {k} of section {n}",
                f"    date: {date}",
                f"    text: {json.dumps(sentence(rng, rng.randint(15, 30)))}",
                f"    theme: {theme}",
                f"    places: [{places[(n * 7 + k) % PLACES][0]}]",
                "    source:",
                "      name: A wire service",
                f"      date: {year}-12-31",
            ]
    (root / "content" / "events.yaml").write_text("\n".join(events) + "\n", encoding="utf-8")
    (root / "content" / "updates.yaml").write_text(
        "updates:\n  - date: 2021-07-15\n    text: Generated.\n", encoding="utf-8"
    )
    for folder in ("templates", "static"):
        shutil.copytree(ROOT / folder, root / folder)


def generate_photos(root: Path, count: int, seed: int = 7) -> int:
    """Add `count` generated 12-megapixel JPEGs to the explainer at `root`: a lead photo, one figure per section, the
    rest on events; return their bytes. Each is a smooth scene with fine grain, so it encodes like a photo, not like noise."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    media = root / "content" / "media"
    media.mkdir(parents=True)
    entries = ["media:"]
    total = 0
    width, height = PHOTO_SIZE
    for n in range(count):
        small = rng.integers(0, 256, (12, 16, 3), dtype=np.uint8)
        scene = np.asarray(Image.fromarray(small).resize(PHOTO_SIZE, Image.Resampling.BICUBIC), dtype=np.int16)
        grain = rng.integers(-12, 13, (height, width, 1), dtype=np.int16)
        path = media / f"photo-{n}.jpg"
        Image.fromarray(np.clip(scene + grain, 0, 255).astype(np.uint8)).save(path, "JPEG", quality=90)
        total += path.stat().st_size
        entries += [
            f"  - id: photo-{n}",
            f"    file: photo-{n}.jpg",
            f"    alt: Generated colour blend number {n}",
            "    credit: The benchmark",
        ]
    (root / "content" / "media.yaml").write_text("\n".join(entries) + "\n", encoding="utf-8")
    site = (root / "site.yaml").read_text(encoding="utf-8")
    (root / "site.yaml").write_text(site.replace("base_url:", "lead_image: photo-0\nbase_url:"), encoding="utf-8")
    sections = sorted((root / "content").glob("*.md"))
    used = 1
    for section in sections:
        if used < count:
            section.write_text(section.read_text(encoding="utf-8") + f"\n![](media:photo-{used})\n", encoding="utf-8")
            used += 1
    events = (root / "content" / "events.yaml").read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(events):
        if used < count and line.startswith("    theme: "):
            events[i] = f"{line}\n    image: photo-{used}"
            used += 1
    (root / "content" / "events.yaml").write_text("\n".join(events), encoding="utf-8")
    return total


def markdown_texts(root: Path) -> list[str]:
    """Read every content file and pull out its Markdown the cheapest way: section bodies and event texts."""
    texts = []
    for path in sorted((root / "content").iterdir()):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            texts.append(text.split("\n---\n", 1)[1])
        elif path.name == "events.yaml":
            texts += [json.loads(line[10:]) for line in text.split("\n") if line.startswith("    text: ")]
    return texts


# --- children: each prints one JSON object -------------------------------------------------------------


def child_build(project: Path, out: Path) -> dict:
    """One full build, as `python build.py` runs it, timed from after the imports."""
    from explainer.build import build

    started = time.perf_counter()
    build(project, out)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Markdown workers, if any
    return {"seconds": time.perf_counter() - started, "peak_rss_mb": peak_rss_mb(), "workers_peak_rss_mb": workers}


def child_baseline(project: Path, setup: str) -> dict:
    """The bare baseline: read the same files and run python-markdown once on every Markdown text.

    With setup "generator", every text goes through the generator's own Renderer instead (typography, then nh3).
    """
    import markdown

    from explainer.text.markup import Renderer

    started = time.perf_counter()
    if setup == "generator":
        renderer = Renderer()
        for text in markdown_texts(project):
            renderer.html(text)
    else:
        md = markdown.Markdown()
        for text in markdown_texts(project):
            md.reset().convert(text)
    return {"seconds": time.perf_counter() - started, "peak_rss_mb": peak_rss_mb()}


def measure_preview(env: dict[str, str], project: Path, edits: int) -> dict:
    """An edit as the editor sees it: the real preview (`build.py serve`) on the explainer, one section saved with a
    new sentence, and the time from the save until the served page has it (polled every 5 ms over HTTP, as a
    reloading browser asks for it). The server's own "built … in N ms" line gives the rebuild alone."""
    import re
    import urllib.request

    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--project", str(project), "serve", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        assert server.stdout is not None
        while not (match := re.search(r"previewing (http://\S+)", lines[-1] if lines else "")):
            line = server.stdout.readline()
            if not line:
                raise SystemExit("the preview stopped before serving:\n" + "".join(lines))
            lines.append(line)
        url = match.group(1)
        path = project / "content" / "t1.md"
        original = path.read_text(encoding="utf-8")
        served, rebuilt = [], []
        try:
            for n in range(edits):
                marker = f"An edited sentence, number {n} of the preview bench."
                draft = path.with_name(".t1.md.draft")
                draft.write_text(original + f"\n{marker}\n", encoding="utf-8")
                draft.replace(path)  # in one step, as editors save: the preview never sees half a file
                saved = time.perf_counter()
                while marker.encode() not in urllib.request.urlopen(url, timeout=60).read():
                    time.sleep(0.005)
                served.append(time.perf_counter() - saved)
                while not (built := re.search(r"built \d+ files in (\d+) ms", line := server.stdout.readline())):
                    if not line:
                        raise SystemExit("the preview stopped:\n" + "".join(lines))
                rebuilt.append(int(built.group(1)) / 1000)
        finally:
            path.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"served_s": statistics.median(served), "rebuild_s": statistics.median(rebuilt), "edits": edits}


def child_draw(name: str) -> dict:
    """Draw one gallery map (tests/map_gallery.py) as a first build does: nothing cached, the libraries not yet loaded."""
    from explainer.errors import Loc
    from explainer.language.interface import Interface
    from explainer.map.drawings import Drawings
    from explainer.map.text import map_text
    from explainer.model import MapSettings, Place, Route
    from tests.map_gallery import GALLERY

    story = GALLERY[name]
    loc = Loc("site.yaml", 1, 1)
    places = [Place(pid, title, lat, lon, loc) for pid, title, lat, lon in story.places]
    routes = [Route(rid, label, stops, "alpha", loc, line) for rid, label, stops, line in story.routes]
    settings = MapSettings(extent=None, padding=0.08, width=story.width, height=story.height)
    text = map_text(Interface(story.language))  # the page's words, which a build reads before it draws
    started = time.perf_counter()
    Drawings(None).map_svg(places, routes, settings, "Map", text)
    return {"seconds": time.perf_counter() - started}


def child_modules(out: Path) -> dict:
    """Build the shipped explainer as the command line does; report which heavy libraries got imported."""
    from explainer.cli import main

    status = main(["--project", str(ROOT), "--out", str(out)])
    return {"status": status, "heavy_imported": [name for name in HEAVY if name in sys.modules]}


def peak_rss_mb() -> float:
    """This process's peak resident memory, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(*args: str, env: dict[str, str]) -> dict:
    """Run this script as a child with `args`; return the JSON it printed."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"bench child {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def wall(command: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of a whole process, start to exit."""
    return process(command, env)[0]


def process(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """A whole process, start to exit, as a user or CI times it: wall-clock seconds, and the CPU seconds (user and
    system) of the process and of the workers it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


# --- the measurements ------------------------------------------------------------------------------------


def measure_cold(env: dict[str, str], repeat: int, tmp: Path) -> dict:
    """`python build.py` on the shipped explainer against `python -c "import jinja2, markdown, yaml"`, alternating.

    Both take a fraction of a second, so they run 4 * repeat + 1 times each, to steady the medians.
    """
    build = [sys.executable, str(ROOT / "build.py"), "--project", str(ROOT), "--out", str(tmp / "shipped")]
    floor = [sys.executable, "-c", FLOOR]
    wall(build, env)  # fills the bytecode cache and, if the inputs changed, the map and image caches
    wall(floor, env)
    builds, floors = [], []
    for _ in range(4 * repeat + 1):
        builds.append(wall(build, env))
        floors.append(wall(floor, env))
    modules = run_child("modules", str(tmp / "shipped-modules"), env=env)
    build_s, floor_s = statistics.median(builds), statistics.median(floors)
    return {
        "build_s": build_s,
        "floor_s": floor_s,
        "ratio": build_s / floor_s,
        "runs": len(builds),
        "heavy_imported": modules["heavy_imported"],
    }


def measure_first(env: dict[str, str], repeat: int, tmp: Path) -> dict:
    """`python build.py` on a copy of the shipped explainer with no .cache/, as every deploy and a new editor's first preview run it."""
    project = tmp / "first"
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, project / name)
    build = [sys.executable, str(ROOT / "build.py"), "--project", str(project), "--out", str(tmp / "first-out")]
    times = []
    for _ in range(repeat):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        times.append(wall(build, env))
    return {"build_s": statistics.median(times), "runs": len(times)}


def measure_gallery(env: dict[str, str], repeat: int) -> dict[str, float]:
    """The first draw of each gallery map, each in a fresh process, the median of `repeat` runs: seconds by story."""
    sys.path.insert(0, str(ROOT))
    from tests.map_gallery import GALLERY

    return {
        name: statistics.median(run_child("draw", name, env=env)["seconds"] for _ in range(repeat)) for name in GALLERY
    }


def measure_scale(
    env: dict[str, str], sizes: list[int], repeat: int, tmp: Path, preview_size: int
) -> tuple[list[ScaleRow], dict | None]:
    """Full builds of synthetic explainers against the bare baseline; an edit in the preview at `preview_size`."""
    rows, incremental = [], None
    for size in sizes:
        project = tmp / f"synthetic-{size}"
        generate(project, size)
        out = str(tmp / f"out-{size}")
        first = run_child("build", str(project), out, env=env)
        build = [sys.executable, str(ROOT / "build.py"), "--project", str(project), "--out", out]
        baseline = [sys.executable, str(Path(__file__).resolve()), "--child", "baseline", str(project), "plain"]
        builds, baselines, generator = [], [], []
        for _ in range(repeat if size <= RATIO_SIZE else 1):
            builds.append(process(build, env))
            baselines.append(process(baseline, env))
            generator.append(run_child("baseline", str(project), "generator", env=env))
        memory = run_child("build", str(project), out, env=env)
        build_s, build_cpu_s = (statistics.median(b[i] for b in builds) for i in (0, 1))
        baseline_s, baseline_cpu_s = (statistics.median(b[i] for b in baselines) for i in (0, 1))
        growth = (
            math.log(build_s / rows[-1].build_s) / math.log(size / rows[-1].sections)
            if rows and size != rows[-1].sections
            else None
        )
        rows.append(
            ScaleRow(
                sections=size,
                events=size * EVENTS_PER_SECTION,
                places=PLACES,
                build_s=build_s,
                baseline_s=baseline_s,
                build_cpu_s=build_cpu_s,
                baseline_cpu_s=baseline_cpu_s,
                ratio=build_cpu_s / baseline_cpu_s,
                wall_ratio=build_s / baseline_s,
                build_ms_per_section=1000 * build_s / size,
                baseline_ms_per_section=1000 * baseline_s / size,
                generator_markdown_s=statistics.median(b["seconds"] for b in generator),
                growth=growth,
                first_build_s=first["seconds"],
                peak_rss_mb=memory["peak_rss_mb"],
                workers_peak_rss_mb=memory["workers_peak_rss_mb"],
            )
        )
        if size == preview_size:
            preview = measure_preview(env, project, max(repeat, 5))
            incremental = {
                "sections": size,
                "served_ms": 1000 * preview["served_s"],
                "rebuild_ms": 1000 * preview["rebuild_s"],
                "full_build_s": build_s,
                "share": preview["rebuild_s"] / build_s,
            }
        shutil.rmtree(project)
        shutil.rmtree(out, ignore_errors=True)
    return rows, incremental


def measure_photos(env: dict[str, str], count: int, repeat: int, tmp: Path) -> dict:
    """A 5-section explainer with `count` photos of 12 megapixels: the first build (encodes every photo and draws og.png from the lead) and unchanged rebuilds."""
    project = tmp / "photos"
    generate(project, 5)
    out = str(tmp / "out-photos")
    run_child(
        "build", str(project), out, env=env
    )  # draws the map into .cache/, so that the first build below only encodes
    original_bytes = generate_photos(project, count)
    first = run_child("build", str(project), out, env=env)
    again = [run_child("build", str(project), out, env=env) for _ in range(repeat)]
    variants = list((Path(out) / "media").iterdir())
    result = {
        "photos": count,
        "megapixels": PHOTO_SIZE[0] * PHOTO_SIZE[1] / 1e6,
        "original_bytes": original_bytes,
        "first_build_s": first["seconds"],
        "unchanged_rebuild_s": statistics.median(b["seconds"] for b in again),
        "variants": len(variants),
        "variant_bytes": sum(p.stat().st_size for p in variants),
        "peak_rss_mb": first["peak_rss_mb"],
    }
    shutil.rmtree(project)
    shutil.rmtree(out, ignore_errors=True)
    return result


def measure_reader(tmp: Path, lighthouse: bool) -> dict:
    """Gzipped bytes and requests of the shipped page in Chromium (scripts/budget.py); Lighthouse if asked."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from budget import measure

    from tests.browser import serve_build

    with serve_build(None, ROOT) as url:
        rows = measure(url)
        result: dict = {"requests": len(rows), "bytes": sum(r[1] for r in rows), "gzip_bytes": sum(r[2] for r in rows)}
        if lighthouse:
            import lighthouse as lh

            lh.install()
            result["lighthouse"] = lh.run(url, tmp / "lighthouse.json")
    return result


def machine() -> dict:
    """What the numbers were measured on."""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {"cpus": os.cpu_count(), "cpu": model, "python": platform.python_version(), "system": platform.platform()}


# --- the report ---------------------------------------------------------------------------------------------


def table(results: dict) -> str:
    """The results as a plain-text table, one line per measurement, with the target beside each."""
    lines = [f"{'measurement':<52} {'result':>20}  target"]

    def add(name: str, value: str = "", target: str = "") -> None:
        lines.append(f"{name:<52} {value:>20}  {target}".rstrip())

    cold = results["cold"]
    add("cold build, shipped explainer", f"{1000 * cold['build_s']:.0f} ms")
    add("interpreter floor (import jinja2, markdown, yaml)", f"{1000 * cold['floor_s']:.0f} ms")
    add("  ratio", f"{cold['ratio']:.2f}x", f"<= {TARGETS['cold_ratio']}x")
    add("  heavy imports on a warm-cache build", ", ".join(cold["heavy_imported"]) or "none", "none")
    add(
        "first build, shipped explainer (no .cache/)",
        f"{1000 * results['first']['build_s']:.0f} ms",
        f"<= {1000 * TARGETS['first_build_s']:.0f} ms",
    )
    for name, seconds in results["gallery"].items():
        add(
            f"first draw, gallery map {name}", f"{1000 * seconds:.0f} ms", f"<= {1000 * TARGETS['first_draw_s']:.0f} ms"
        )
    for row in results["scale"]:
        name = f"{row['sections']} sections, {row['events']} events, {row['places']} places"
        add(name)
        add("  full build / bare baseline, wall clock", f"{row['build_s']:.2f} s / {row['baseline_s']:.2f} s")
        add("  full build / bare baseline, CPU", f"{row['build_cpu_s']:.2f} s / {row['baseline_cpu_s']:.2f} s")
        add(
            "  ratio to baseline, CPU (wall clock)",
            f"{row['ratio']:.2f}x ({row['wall_ratio']:.2f}x)",
            f"<= {TARGETS['scale_ratio_1000']}x" if row["sections"] == RATIO_SIZE else "",
        )
        add(
            "  per section: build / baseline",
            f"{row['build_ms_per_section']:.2f} / {row['baseline_ms_per_section']:.2f} ms",
        )
        if row["growth"] is not None:
            add("  growth exponent from the previous size", f"{row['growth']:.2f}", "1.0 = linear")
        add("  baseline with typography + nh3, as the generator", f"{row['generator_markdown_s']:.2f} s")
        add("  first build (draws map and og image)", f"{row['first_build_s']:.2f} s")
        add(
            "  peak RSS of the build (of one Markdown worker)",
            f"{row['peak_rss_mb']:.0f} MiB ({row['workers_peak_rss_mb']:.0f} MiB)",
        )
    inc = results["incremental"]
    if inc:
        add(
            f"edit to served page, preview of {inc['sections']} sections",
            f"{inc['served_ms']:.0f} ms",
            f"< {TARGETS['served_ms']:.0f} ms",
        )
        add(
            "  of which the rebuild (as the preview prints it)",
            f"{inc['rebuild_ms']:.0f} ms",
            f"< {TARGETS['incremental_ms']:.0f} ms",
        )
        add(
            "  rebuild's share of a full build",
            f"{100 * inc['share']:.1f} %",
            f"< {100 * TARGETS['incremental_share']:.0f} %",
        )
    photos = results["photos"]
    if photos:
        add(
            f"{photos['photos']} photos of {photos['megapixels']:.0f} MP ({photos['original_bytes'] / 2**20:.0f} MiB), 5 sections"
        )
        add("  first build (encodes every photo)", f"{photos['first_build_s']:.2f} s")
        add("  unchanged rebuild (encodes nothing)", f"{1000 * photos['unchanged_rebuild_s']:.0f} ms")
        add("  variants published (AVIF + JPEG)", f"{photos['variants']}, {photos['variant_bytes'] / 2**20:.1f} MiB")
    reader = results["reader"]
    if "skipped" in reader:
        add("reader", "skipped", reader["skipped"])
    else:
        add("reader: requests", str(reader["requests"]))
        add("reader: bytes, gzipped (raw)", f"{reader['gzip_bytes']} ({reader['bytes']})")
        for name, score in reader.get("lighthouse", {}).items():
            add(f"lighthouse {name}", str(score))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[100, 1000, 5000],
        help="synthetic explainer sizes, in sections (default: 100 1000 5000)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="runs per median (the cold build: 4 * repeat + 1); sizes above 1000 run once (default 5)",
    )
    parser.add_argument(
        "--preview-size",
        type=int,
        default=EDITED_SIZE,
        help=f"the size, among --sizes, whose preview is timed from an edit to the served page (default {EDITED_SIZE})",
    )
    parser.add_argument(
        "--photos",
        type=int,
        default=20,
        help="photos of 12 megapixels in the photo measurement; 0 skips it (default 20)",
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="skip the reader measurement (needs Chromium and Playwright)"
    )
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (slow; needs Node and npm)")
    parser.add_argument(
        "--json", type=Path, default=RESULTS, help=f"where to write the results (default: {RESULTS.name})"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        sys.path.insert(0, str(ROOT))
        if kind == "build":
            result = child_build(Path(rest[0]), Path(rest[1]))
        elif kind == "baseline":
            result = child_baseline(Path(rest[0]), rest[1])
        elif kind == "draw":
            result = child_draw(rest[0])
        else:
            result = child_modules(Path(rest[0]))
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as name:
        tmp = Path(name)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        env["PYTHONPATH"] = str(ROOT)
        results: dict = {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "targets": TARGETS,
        }
        results["cold"] = measure_cold(env, args.repeat, tmp)
        results["first"] = measure_first(env, args.repeat, tmp)
        results["gallery"] = measure_gallery(env, args.repeat)
        rows, results["incremental"] = measure_scale(env, args.sizes, args.repeat, tmp, args.preview_size)
        results["scale"] = [asdict(row) for row in rows]
        results["photos"] = measure_photos(env, args.photos, args.repeat, tmp) if args.photos else None
        results["reader"] = {"skipped": "--no-browser"} if args.no_browser else measure_reader(tmp, args.lighthouse)
    print(table(results))
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
