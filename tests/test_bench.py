"""The benchmark script runs on a tiny size, prints its table and writes its JSON; no timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_on_a_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench.py"),
            "--sizes",
            "5",
            "--preview-size",
            "5",
            "--repeat",
            "1",
            "--photos",
            "2",
            "--no-browser",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,  # a guard against a hang, not a time limit
    )
    assert done.returncode == 0, done.stderr
    assert "cold build, shipped explainer" in done.stdout
    assert "5 sections, 50 events, 300 places" in done.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    assert set(results) == {
        "date",
        "machine",
        "targets",
        "cold",
        "first",
        "gallery",
        "scale",
        "incremental",
        "photos",
        "reader",
    }
    assert (
        results["photos"]["photos"] == 2 and results["photos"]["variants"] == 12
    )  # 480, 960 and 1600 px, AVIF and JPEG
    assert "first build, shipped explainer (no .cache/)" in done.stdout
    from tests.map_gallery import GALLERY

    assert set(results["gallery"]) == set(GALLERY)
    assert all(f"first draw, gallery map {name}" in done.stdout for name in GALLERY)
    assert set(results["cold"]) == {"build_s", "floor_s", "ratio", "runs", "heavy_imported"}
    assert results["cold"]["heavy_imported"] == []
    assert [row["sections"] for row in results["scale"]] == [5]
    assert set(results["scale"][0]) >= {"build_s", "baseline_s", "ratio", "build_ms_per_section", "peak_rss_mb"}
    assert set(results["scale"][0]) >= {"build_cpu_s", "baseline_cpu_s", "wall_ratio"}
    preview = results["incremental"]  # an edit in the real preview, served over HTTP
    assert preview["sections"] == 5 and preview["served_ms"] > 0 and preview["rebuild_ms"] > 0
    assert "edit to served page, preview of 5 sections" in done.stdout
    assert results["reader"] == {"skipped": "--no-browser"}
