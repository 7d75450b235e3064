"""`build.py import`: TimelineJS (its own sample sheet and timelines, shipped in the npm package) and StoryMapJS."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import yaml

from explainer.cli import main

from .sites import DATA_SITE_FILES, PROJECT, write_site

SAMPLES = PROJECT / "node_modules/@knight-lab/timelinejs/src/template"
DATA = PROJECT / "tests/data/interop"


def build(root: Path) -> dict:
    """Build the site; return its data/events.json."""
    out = root.parent / "out"
    assert main(["--project", str(root), "--out", str(out)]) == 0
    return json.loads((out / "data/events.json").read_text(encoding="utf-8"))


def events_in(root: Path) -> list[dict]:
    return yaml.safe_load((root / "content/events.yaml").read_text(encoding="utf-8"))["events"]


@pytest.mark.parametrize(
    ("sample", "imported"),
    [("my-own-timeline.csv", 10), ("eras.json", 20), ("all-media-types.json", 41), ("cosmo-mixed.json", 7)],
)
def test_timelinejs_samples_import_and_build(make_site, run_cli, sample, imported):
    assert SAMPLES.is_dir(), "TimelineJS is missing: run `make test` (npm ci installs it from package-lock.json)"
    root = make_site()
    before = len(events_in(root))
    status, out, err = run_cli("import", "timelinejs", str(SAMPLES / sample), "--project", str(root))
    assert (status, err) == (0, "")
    assert f"content/events.yaml: {imported} events added" in out
    assert len(events_in(root)) == before + imported
    assert len(build(root)["events"]) == before + imported


def test_cosmos_years_beyond_four_digits_are_dropped_and_reported(make_site, run_cli):
    root = make_site()
    status, out, _ = run_cli("import", "timelinejs", str(SAMPLES / "cosmo-mixed.json"), "--project", str(root))
    assert status == 0
    assert (
        "events[0]: event dropped: start year -13800000000 is outside -10000–9998, the years the explainer's dates cover"
        in out
    )
    # TimelineJS's -3500 is 3500 BCE: the explainer's -3499, as EDTF counts (0000 is 1 BCE).
    glass = next(e for e in events_in(root) if e["title"] == "First Manufactured Glass")
    assert (glass["id"], glass["date"]) == ("first-manufactured-glass-3500-bce", "-3499")


def test_our_own_events_json_imports_as_the_same_events(tmp_path, run_cli):
    first = write_site(tmp_path / "first" / "site", DATA_SITE_FILES)
    exported = build(first)
    second = write_site(
        tmp_path / "second" / "site",
        {
            **DATA_SITE_FILES,
            "content/events.yaml": "events:\n  - id: placeholder\n    title: Removed below\n    date: '1900'\n    theme: alpha\n",
        },
    )
    status, _, err = run_cli(
        "import", "timelinejs", str(first.parent / "out/data/events.json"), "--project", str(second)
    )
    assert (status, err) == (0, "")
    text = (second / "content/events.yaml").read_text(encoding="utf-8")
    (second / "content/events.yaml").write_text(
        text.replace("  - id: placeholder\n    title: Removed below\n    date: '1900'\n    theme: alpha\n", ""),
        encoding="utf-8",
    )
    assert build(second) == exported


def test_groups_become_themes_and_the_report_says_what_was_dropped(make_site, run_cli):
    root = make_site()
    status, out, err = run_cli("import", "timelinejs", str(DATA / "groups.json"), "--project", str(root))
    assert (status, err) == (0, "")
    site = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))
    assert site["themes"][-1] == {"id": "gamma-works", "label": "Gamma works"}
    assert (
        (root / "content/gamma-works.md")
        .read_text(encoding="utf-8")
        .startswith("---\ntheme: gamma-works\ntitle: Gamma works\n---\n")
    )
    events = {e["id"]: e for e in events_in(root)}
    assert list(events)[1:] == [
        "dredging-begins-1998-03-02",
        "the-new-quay-2001",
        "dredging-begins-2005-07",
        "dredging-begins-2005-07-2",
        "a-greek-harbour-500-bce",
    ]
    assert events["a-greek-harbour-500-bce"]["date"] == "-0499"  # TimelineJS's -500 is 500 BCE
    assert events["dredging-begins-1998-03-02"] == {
        "id": "dredging-begins-1998-03-02",
        "title": "Dredging begins",
        "date": "1998-03-02",
        "text": "The first **dredger** arrives.",
        "theme": "gamma-works",
    }
    assert events["the-new-quay-2001"]["theme"] == "beta" and events["the-new-quay-2001"]["approximate"] is True
    assert events["the-new-quay-2001"]["end"] == "2004"
    assert events["dredging-begins-2005-07"]["text"] == "Again, deeper."
    for line in [
        "events[0]: start hour/minute dropped: the timeline shows days, not times of day",
        "events[2]: markup <iframe> removed from the text (its words are kept; scripts and frames are not)",
        "events[2]: media 'photos/quay.jpg' dropped: a local file would become a photo entry, and this version has no photos (content/media.yaml)",
        "eras: 'eras' dropped: the explainer's timeline has no eras (only events and a title)",
        "title 'Harbour works' dropped: site.yaml already has a title and dek",
    ]:
        assert line in out
    assert len(build(root)["events"]) == 6


def test_dry_run_writes_nothing(make_site, run_cli):
    root = make_site()
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    status, out, _ = run_cli("import", "timelinejs", str(DATA / "groups.json"), "--project", str(root), "--dry-run")
    assert status == 0
    assert "--- would write content/events.yaml\n" in out and "--- would write content/gamma-works.md\n" in out
    assert out.endswith("dry run: nothing was written\n")
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_taken_ids_need_force_which_keeps_the_rest_of_the_file(make_site, run_cli):
    root = make_site()
    sheet = str(SAMPLES / "my-own-timeline.csv")
    assert run_cli("import", "timelinejs", sheet, "--project", str(root))[0] == 0
    path = root / "content/events.yaml"
    edited = (
        path.read_text(encoding="utf-8")
        .replace("events:\n", "# Edited by hand.\nevents:\n")
        .replace("    title: Ada Lovelace\n", "    title: Ada Lovelace, edited\n")
    )
    path.write_text(edited, encoding="utf-8")
    status, _, err = run_cli("import", "timelinejs", sheet, "--project", str(root))
    assert status == 1
    assert err.startswith(
        "error: content/events.yaml: events already has ada-lovelace-1815-12-10, edith-clarke-bucking-the-trend-1948-03-14, "
    )
    assert err.endswith(
        "and 2 more; rerun with --force to replace them (other entries stay as they are)\nimport failed; nothing was written\n"
    )
    assert path.read_text(encoding="utf-8") == edited
    status, out, _ = run_cli("import", "timelinejs", sheet, "--project", str(root), "--force")
    assert status == 0 and "content/events.yaml: 0 events added, 10 replaced (--force)" in out
    again = path.read_text(encoding="utf-8")
    assert again.startswith("# Edited by hand.\nevents:\n  - id: one\n") and "Ada Lovelace, edited" not in again
    assert len(events_in(root)) == 11
    build(root)


def test_ids_are_the_same_on_every_run(tmp_path, run_cli):
    texts = []
    for n in range(2):
        root = write_site(tmp_path / str(n), {})
        assert run_cli("import", "timelinejs", str(SAMPLES / "eras.json"), "--project", str(root))[0] == 0
        texts.append((root / "content/events.yaml").read_bytes())
    assert texts[0] == texts[1]


def test_storymapjs_gives_places_a_route_and_a_section(make_site, run_cli):
    root = make_site()
    status, out, err = run_cli("import", "storymapjs", str(DATA / "storymap.json"), "--project", str(root))
    assert (status, err) == (0, "")
    site = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))
    assert [p["id"] for p in site["places"]] == ["islamabad", "kabul", "wien", "bratislava", "budapest", "beograd"]
    assert site["places"][2] == {"id": "wien", "name": "Wien", "lat": 48.2082, "lon": 16.3738}
    assert site["routes"] == [
        {
            "id": "along-the-danube",
            "label": "Along the Danube",
            "theme": "along-the-danube",
            "places": ["wien", "bratislava", "budapest", "beograd"],
        }
    ]
    section = (root / "content/along-the-danube.md").read_text(encoding="utf-8")
    assert section.startswith(
        "---\ntheme: along-the-danube\ntitle: Along the Danube\nsummary: A river journey through four capitals, from the Black Forest to the Black Sea.\nplaces: [wien, bratislava, budapest, beograd]\n---\n### Vienna\n\nThe journey starts at the **Reichsbrücke**.\n"
    )
    assert "alert" not in section
    assert (
        "slides[1]: media https://example.org/vienna.jpg dropped: the explainer's sections carry no embedded media"
        in out
    )
    build(root)
    geo = json.loads((root.parent / "out/data/places.geojson").read_text(encoding="utf-8"))
    assert geo["features"][-1]["geometry"]["coordinates"][0] == [16.3738, 48.2082]


def test_an_empty_project_gets_a_starter_site_from_the_title_slide(tmp_path, run_cli):
    root = tmp_path / "new"
    root.mkdir()
    status, _, err = run_cli("import", "timelinejs", str(SAMPLES / "eras.json"), "--project", str(root))
    assert (status, err) == (0, "")
    site = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))
    assert (site["title"], site["dek"]) == (
        "Eras Test",
        "Events in the 7th century from https://en.wikipedia.org/wiki/Timeline_of_the_Middle_Ages",
    )
    assert site["themes"] == [{"id": "events", "label": "Events"}]  # not "timeline": the page has that id
    for folder in ("templates", "static"):
        from .sites import copy_tree

        copy_tree(PROJECT / folder, root / folder)
    assert len(build(root)["events"]) == 20


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "bad.json",
            '{\n  "events": [\n    {"start_date": }\n  ]\n}\n',
            "bad.json:3:20: error: not valid JSON: Expecting value; fix the file or export it again",
        ),
        ("list.json", "[]", "list.json: error: not a TimelineJS timeline: expected an object with an 'events' list"),
        (
            "nohead.json",
            '{"events": [{"start_date": {"year": "2001"}}]}',
            "nohead.json: error: events[0]: the event has no headline; give it one (the timeline needs a title for every event)",
        ),
        (
            "month.json",
            '{"events": [{"start_date": {"year": "2001", "month": "13"}, "text": {"headline": "A"}}]}',
            "month.json: error: events[0]: start month 13 is not a month; months run from 1 to 12",
        ),
        (
            "sheet.csv",
            "Year,Month,Day,Headline\n2001,1,2,Fine\n20x1,,,Broken\n",
            "sheet.csv:3: error: start year '20x1' is not a whole number; write it as digits, such as 1979, 12 or 24",
        ),
        (
            "sheet.csv",
            'Year,Headline,Text\n2001,"A\nmulti-line",x\n,No year,\n',
            "sheet.csv:4: error: the event has no start date; give it a year at least",
        ),
        (
            "day.csv",
            "Year,Month,Day,Headline\n2001,2,30,Leap\n",
            "day.csv:2: error: start date 2001-02-30 is not a day on the calendar; check the month and day",
        ),
        (
            "other.csv",
            "a,b\n1,2\n",
            "other.csv:1: error: not a TimelineJS sheet: the first row needs the template's columns (Year, Month, Day, …, Headline, Text, …)",
        ),
    ],
)
def test_bad_input_is_reported_at_its_line(make_site, run_cli, tmp_path, monkeypatch, name, text, message):
    root = make_site()
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = (root / "content/events.yaml").read_bytes()
    status, out, err = run_cli("import", "timelinejs", name, "--project", str(root))
    assert (status, out) == (1, "")
    assert err == f"{message}\nimport failed: 1 error; nothing was written\n"
    assert (root / "content/events.yaml").read_bytes() == before


def test_a_story_map_slide_without_coordinates_is_an_error(make_site, run_cli, tmp_path, monkeypatch):
    (tmp_path / "story.json").write_text(
        '{"storymap": {"slides": [{"text": {"headline": "Nowhere"}, "location": {"name": "X"}}]}}', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    status, _, err = run_cli("import", "storymapjs", "story.json", "--project", str(make_site()))
    assert status == 1
    assert err.startswith(
        "story.json: error: slides[0]: location needs numeric 'lat' and 'lon'; add them or remove the slide\n"
    )


def test_a_story_map_imported_again_needs_force_and_then_gives_the_same_files(make_site, run_cli):
    root = make_site()
    story = str(DATA / "storymap.json")
    assert run_cli("import", "storymapjs", story, "--project", str(root))[0] == 0
    first = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    status, _, err = run_cli("import", "storymapjs", story, "--project", str(root))
    assert status == 1
    assert (
        err
        == "error: site.yaml: routes already has along-the-danube; rerun with --force to replace them (other entries stay as they are)\nimport failed; nothing was written\n"
    )
    status, out, _ = run_cli("import", "storymapjs", story, "--project", str(root), "--force")
    assert status == 0 and "site.yaml: 0 places added, 4 already there" in out
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == first


def test_a_file_that_cannot_be_written_leaves_every_file_as_it_was(make_site, run_cli):
    root = make_site()
    site_before = (root / "site.yaml").read_bytes()
    for path in sorted((root / "content").iterdir()):
        path.unlink()
    (root / "content").rmdir()
    (root / "content").write_text("a file where the content folder should be\n", encoding="utf-8")
    status, out, err = run_cli("import", "timelinejs", str(DATA / "groups.json"), "--project", str(root))
    assert status == 1 and out == ""
    assert err.startswith("content/") and ": error: cannot write content/" in err and "(file exists)" in err
    assert err.endswith("import failed: 1 error; nothing was written\n")
    assert (root / "site.yaml").read_bytes() == site_before
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site.yaml.")]  # no temporary file left


def test_a_rewritten_file_keeps_its_mode_and_a_new_one_follows_the_umask(make_site, run_cli):
    root = make_site()
    (root / "site.yaml").chmod(0o640)
    (root / "content/events.yaml").chmod(0o604)
    mask = os.umask(0o027)
    try:
        status, _, err = run_cli("import", "timelinejs", str(DATA / "groups.json"), "--project", str(root))
    finally:
        os.umask(mask)
    assert (status, err) == (0, "")
    modes = {rel: stat.S_IMODE((root / rel).stat().st_mode) for rel in ("site.yaml", "content/events.yaml")}
    assert modes == {"site.yaml": 0o640, "content/events.yaml": 0o604}
    assert stat.S_IMODE((root / "content/gamma-works.md").stat().st_mode) == 0o640  # 0666 & ~0027, not mkstemp's 0600


def test_the_report_counts_in_the_singular(make_site, run_cli, tmp_path):
    one = tmp_path / "one.json"
    one.write_text(
        json.dumps(
            {"events": [{"start_date": {"year": "2020", "month": "5"}, "text": {"headline": "One", "text": "x"}}]}
        )
    )
    root = make_site()
    status, out, err = run_cli("import", "timelinejs", str(one), "--project", str(root))
    assert (status, err) == (0, "")
    assert "content/events.yaml: 1 event added" in out and "1 events" not in out
