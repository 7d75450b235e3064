"""The data exports (data/), each read back by a real reader: TimelineJS in Chromium, icalendar, geojson."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import geojson
import icalendar
import pytest
import yaml

from explainer.cli import main
from explainer.exchange.export import SHEET_COLUMNS, calendar_span
from explainer.language.interface import Interface
from explainer.model import PartialDate

from .browser import serve_folder
from .history_sites import write_rome_site
from .sites import DATA_SITE_FILES, PROJECT, write_site

TIMELINEJS = PROJECT / "node_modules/@knight-lab/timelinejs/dist"
EVENTS = 5  # in DATA_SITE_FILES


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("data") / "site", DATA_SITE_FILES)
    built = root.parent / "out"
    assert main(["--project", str(root), "--out", str(built)]) == 0
    return built


@pytest.mark.parametrize(
    ("start", "end", "first", "after"),
    [
        (PartialDate(2021, 4, 6), None, dt.date(2021, 4, 6), dt.date(2021, 4, 7)),
        (PartialDate(2021, 4, 6), PartialDate(2021, 4, 7), dt.date(2021, 4, 6), dt.date(2021, 4, 8)),
        (PartialDate(2020, 12), PartialDate(2021, 2), dt.date(2020, 12, 1), dt.date(2021, 3, 1)),
        (PartialDate(2021, 12), None, dt.date(2021, 12, 1), dt.date(2022, 1, 1)),
        (PartialDate(1990), PartialDate(2010), dt.date(1990, 1, 1), dt.date(2011, 1, 1)),
        (PartialDate(2021, 12, 31), None, dt.date(2021, 12, 31), dt.date(2022, 1, 1)),
    ],
)
def test_calendar_span_covers_the_whole_period(start, end, first, after):
    assert calendar_span(start, end) == (first, after)


def test_events_json_is_a_timelinejs_timeline(out):
    data = json.loads((out / "data/events.json").read_text(encoding="utf-8"))
    assert data["title"]["text"] == {"headline": "Rivers, roads; and a ferry", "text": "A small explainer for tests."}
    assert [e["unique_id"] for e in data["events"]] == [
        "event-founding",
        "event-decade",
        "event-winter",
        "event-visit",
        "event-december",
    ]
    founding, decade, winter, visit, december = data["events"]
    assert (
        founding["start_date"] == {"year": "1536"}
        and founding["display_date"] == "c. 1536"
        and "end_date" not in founding
    )
    assert decade["end_date"] == {"year": "2010"} and decade["group"] == "Beta"
    assert winter["start_date"] == {"year": "2020", "month": "12"} and winter["end_date"] == {
        "year": "2021",
        "month": "2",
    }
    assert visit["start_date"] == {"year": "2021", "month": "4", "day": "6"}
    assert visit["text"]["headline"] == "The visit, “at last”"
    assert visit["text"]["text"].endswith(
        '<p class="ex-source">Source: <a href="https://example.org/report">A wire report</a>, 2021-04-07</p>'
    )
    assert december["text"]["text"] == ""


def test_events_csv_has_the_sheet_templates_columns(out):
    rows = list(csv.reader(io.StringIO((out / "data/events.csv").read_text(encoding="utf-8"), newline="")))
    assert tuple(rows[0]) == SHEET_COLUMNS
    sheet = [dict(zip(SHEET_COLUMNS, row)) for row in rows[1:]]
    assert len(sheet) == EVENTS + 1
    assert sheet[0]["Type"] == "title" and sheet[0]["Headline"] == "Rivers, roads; and a ferry"
    winter = sheet[3]
    assert (
        winter["Year"],
        winter["Month"],
        winter["Day"],
        winter["End Year"],
        winter["End Month"],
        winter["End Day"],
    ) == ("2020", "12", "", "2021", "2", "")
    assert sheet[1]["Display Date"] == "c. 1536" and sheet[4]["Group"] == "Beta"
    assert "1,000 km" in sheet[4]["Text"]


def test_events_ics_is_read_by_icalendar(out):
    calendar = icalendar.Calendar.from_ical((out / "data/events.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == EVENTS
    by_uid = {str(e["UID"]): e for e in events}
    assert sorted(by_uid) == sorted(
        f"{i}@example.org/test/" for i in ("founding", "decade", "winter", "visit", "december")
    )
    visit = by_uid["visit@example.org/test/"]
    assert visit.decoded("DTSTART") == dt.date(2021, 4, 6) and visit.decoded("DTEND") == dt.date(2021, 4, 8)
    assert str(visit["SUMMARY"]) == "The visit, “at last”"
    assert str(visit["LOCATION"]) == "Islamabad, Valparaíso"
    assert "Talks on trade, energy; and a pipeline, with 1,000 km to go.\n" in str(visit["DESCRIPTION"])
    assert str(visit["URL"]) == "https://example.org/test/#event-visit"
    assert visit.decoded("DTSTAMP") == dt.datetime(2021, 4, 7, tzinfo=dt.UTC)
    founding = by_uid["founding@example.org/test/"]
    assert str(founding["SUMMARY"]) == "c. A town is founded"
    assert (founding.decoded("DTSTART"), founding.decoded("DTEND")) == (dt.date(1536, 1, 1), dt.date(1537, 1, 1))
    for line in (out / "data/events.ics").read_bytes().split(b"\r\n"):
        assert len(line) <= 75


@pytest.mark.parametrize("language", ["fr", "es"])
def test_an_approximate_events_summary_says_circa_in_the_sites_language(tmp_path, language):
    files = {
        **DATA_SITE_FILES,
        "site.yaml": DATA_SITE_FILES["site.yaml"].replace("language: en-GB\n", f"language: {language}\n"),
    }
    root = write_site(tmp_path / "site", files)
    assert main(["--project", str(root), "--out", str(tmp_path / "out")]) == 0
    calendar = icalendar.Calendar.from_ical((tmp_path / "out/data/events.ics").read_bytes())
    founding = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("founding@"))
    circa = Interface(language).gettext("c. ")
    assert circa != "c. " and str(founding["SUMMARY"]) == circa + "A town is founded"


def test_places_geojson_is_valid_geojson(out):
    collection = geojson.loads((out / "data/places.geojson").read_text(encoding="utf-8"))
    assert collection.is_valid, collection.errors()
    kinds = [(f["id"], f["geometry"]["type"]) for f in collection["features"]]
    assert kinds == [("islamabad", "Point"), ("kabul", "Point"), ("valparaiso", "Point"), ("crossing", "LineString")]
    valparaiso = collection["features"][2]
    assert valparaiso["geometry"]["coordinates"] == [-71.6127, -33.0472]
    assert valparaiso["properties"] == {
        "kind": "place",
        "name": "Valparaíso",
        "events": ["visit"],
        "url": "https://example.org/test/#place-valparaiso",
    }
    assert collection["features"][3]["properties"]["places"] == ["islamabad", "kabul", "valparaiso"]


def test_exports_are_the_same_bytes_every_build(out, tmp_path):
    again = tmp_path / "again"
    assert main(["--project", str(out.parent / "site"), "--out", str(again)]) == 0
    for name in ("events.json", "events.csv", "events.ics", "places.geojson"):
        assert (again / "data" / name).read_bytes() == (out / "data" / name).read_bytes()


def test_the_page_links_every_data_file(out):
    page = (out / "index.html").read_text(encoding="utf-8")
    for name in ("events.json", "events.csv", "events.ics", "places.geojson"):
        assert f'href="data/{name}"' in page


def timelinejs_page(folder: Path, data: Path) -> Path:
    """A page that renders `data` with TimelineJS from npm, served from `folder` (no CDN, no web fonts)."""
    shutil.copytree(TIMELINEJS, folder / "tl")
    shutil.copy(data, folder / "events.json")
    (folder / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title><link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="tl/css/timeline.css"><script src="tl/js/timeline.js"></script></head>'
        '<body><div id="tl" style="width:1000px;height:600px"></div><script>'
        'window.tl = new TL.Timeline("tl", "events.json", {script_path: new URL("tl/js/", location.href).href, font: null});'
        'window.tl.on("ready", function () { window.tlReady = true; });'
        "</script></body></html>",
        encoding="utf-8",
    )
    return folder


def test_timelinejs_renders_one_slide_per_event_and_the_title(out, browser, tmp_path):
    assert TIMELINEJS.is_dir(), "TimelineJS is missing: run `make test` (npm ci installs it from package-lock.json)"
    folder = timelinejs_page(tmp_path / "www", out / "data/events.json")
    with serve_folder(folder) as url:
        page = browser.new_page()
        problems: list[str] = []
        foreign: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
        page.on(
            "request",
            lambda request: (
                request.url.startswith(url) or request.url.startswith("data:") or foreign.append(request.url)
            ),
        )
        page.goto(url)
        page.wait_for_function("window.tlReady === true")
        assert page.locator(".tl-slide").count() == EVENTS + 1
        assert page.locator(".tl-slide-titleslide .tl-headline").inner_text().lower() == "rivers, roads; and a ferry"
        page.close()
    assert problems == [] and foreign == []


@pytest.fixture(scope="module")
def rome(tmp_path_factory) -> Path:
    root = write_rome_site(tmp_path_factory.mktemp("rome") / "site")
    built = root.parent / "out"
    assert main(["--project", str(root), "--out", str(built), "check", "--strict"]) == 0
    assert main(["--project", str(root), "--out", str(built)]) == 0
    return built


def test_icalendar_leaves_out_events_before_year_one(rome):
    """iCalendar's dates start at year 1: the Roman site's events from AD 14 on are in it, none before."""
    calendar = icalendar.Calendar.from_ical((rome / "data/events.ics").read_bytes())
    starts = [e.get("DTSTART").dt for e in calendar.walk("VEVENT")]
    assert starts == [
        dt.date(14, 8, 19),
        dt.date(64, 7, 18),
        dt.date(79, 10, 1),
        dt.date(235, 1, 1),
        dt.date(313, 1, 1),
        dt.date(410, 8, 24),
        dt.date(476, 9, 4),
    ]
    assert b"DTSTART;VALUE=DATE:00140819\r\n" in (rome / "data/events.ics").read_bytes()
    summaries = [str(e.get("SUMMARY")) for e in calendar.walk("VEVENT")]
    assert summaries[2] == "Vesuvius buries Pompeii (?)" and summaries[4] == "c. The Edict of Milan"


def test_timelinejs_counts_years_bce_as_it_shows_them(rome):
    events = {e["unique_id"]: e for e in json.loads((rome / "data/events.json").read_text(encoding="utf-8"))["events"]}
    assert events["event-ides-of-march"]["start_date"] == {"year": "-44", "month": "3", "day": "15"}
    assert events["event-ides-of-march"]["display_date"] == "-0043-03-15"
    assert events["event-republic-founded"]["display_date"] == "-0508?"
    assert events["event-twelve-tables"]["display_date"] == "c. -0450 – -0449"
    assert (
        events["event-augustus-dies"]["start_date"] == {"year": "14", "month": "8", "day": "19"}
        and "display_date" not in events["event-augustus-dies"]
    )
    rows = list(csv.reader(io.StringIO((rome / "data/events.csv").read_text(encoding="utf-8"))))
    assert rows[2][:3] == ["-509", "", ""]


def test_timelinejs_renders_years_bce(rome, browser, tmp_path):
    """TimelineJS itself reads the Roman site's events.json: a slide per event, in order, 44 BCE written as such."""
    folder = timelinejs_page(tmp_path / "www", rome / "data/events.json")
    with serve_folder(folder) as url:
        page = browser.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(url)
        page.wait_for_function("window.tlReady === true")
        assert page.locator(".tl-slide").count() == 17
        years = page.evaluate("() => window.tl.config.events.map(e => Number(e.start_date.data.year))")
        page.close()
    assert problems == [] and years[0] == -509 and years == sorted(years)


def test_the_importer_reads_the_roman_export_back(rome, tmp_path, run_cli):
    root = write_rome_site(tmp_path / "again")
    (root / "content/events.yaml").write_text(
        "events:\n  - id: placeholder\n    title: Removed below\n    date: '1900'\n    theme: republic\n",
        encoding="utf-8",
    )
    status, _, err = run_cli("import", "timelinejs", str(rome / "data/events.json"), "--project", str(root))
    assert (status, err) == (0, "")
    events = {e["id"]: e for e in yaml.safe_load((root / "content/events.yaml").read_text(encoding="utf-8"))["events"]}
    assert events["ides-of-march"]["date"] == "-0043-03-15"
    assert events["republic-founded"]["date"] == "-0508?"
    assert (
        events["twelve-tables"]["date"],
        events["twelve-tables"]["end"],
        events["twelve-tables"]["approximate"],
    ) == ("-0450", "-0449", True)
