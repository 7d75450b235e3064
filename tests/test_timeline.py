"""Tests for the timeline: ordering, date labels, grouping, anchors and the SVG axis."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from babel.dates import format_date, format_interval

from explainer.dates.format import format_date_range, format_day
from explainer.dates.parse import parse_partial_date as date
from explainer.errors import Loc
from explainer.language.tags import resolve
from explainer.model import Event, Place, Source, Theme
from explainer.timeline.layout import build_timeline

from .sites import SOUTH_ASIA_PLACES

SVG = "{http://www.w3.org/2000/svg}"
THIN = "\u2009"  # CLDR sets a range's dash between thin spaces in many languages: 30 March – 2 April

THEMES = (
    Theme("visit", "The visit", Loc("site.yaml", 10)),
    Theme("afghanistan-talks", "The Afghanistan talks", Loc("site.yaml", 11)),
    Theme("bilateral-deals", "The bilateral deals", Loc("site.yaml", 12)),
    Theme("us-influence", "US influence", Loc("site.yaml", 13)),
)

PLACES = tuple(
    Place(id_, name, lat, lon, Loc("site.yaml", 20 + i)) for i, (id_, name, lat, lon) in enumerate(SOUTH_ASIA_PLACES)
)


def event(
    id_: str,
    start: str,
    end: str | None = None,
    *,
    theme: str = "visit",
    places: tuple[str, ...] = (),
    title: str = "",
    approximate: bool = False,
    source: Source | None = None,
) -> Event:
    """Build an event the way the loader would."""
    return Event(
        id=id_,
        title=title or id_,
        html=f"<p>{title or id_}.</p>",
        start=date(start),
        end=date(end) if end else None,
        approximate=approximate,
        theme=theme,
        places=places,
        source=source,
        loc=Loc(f"content/events/{id_}.md", 1),
    )


# The brief's eleven timeline facts, listed out of order on purpose.
BRIEF_EVENTS = (
    event(
        "lavrov-islamabad-2021",
        "2021-04-06",
        "2021-04-07",
        places=("islamabad",),
        title="Lavrov in Islamabad",
        source=Source("AP", date("2021-04-07"), "https://apnews.com/"),
    ),
    event(
        "doha-agreement",
        "2020-02-29",
        theme="afghanistan-talks",
        places=("doha",),
        title="The United States and the Taliban sign their agreement in Doha",
    ),
    event(
        "soviet-invasion",
        "1979-12",
        theme="afghanistan-talks",
        places=("kabul",),
        title="Soviet forces invade Afghanistan",
    ),
    event(
        "alliance-1980s",
        "1979-12",
        "1989-02",
        theme="us-influence",
        places=("islamabad", "kabul"),
        title="Pakistan, allied with the United States, backs the Afghan resistance",
        source=Source("AP", date("2021-04-07"), None),
    ),
    event(
        "soviet-withdrawal",
        "1989-02-15",
        theme="afghanistan-talks",
        places=("kabul",),
        title="The last Soviet troops leave Afghanistan",
    ),
    event(
        "lavrov-islamabad-2012",
        "2012-10-03",
        "2012-10-04",
        places=("islamabad",),
        title="Lavrov's previous visit to Islamabad",
        source=Source("The Moscow Times", date("2012-10-04"), None),
    ),
    event(
        "pipeline-agreement",
        "2015-10-16",
        theme="bilateral-deals",
        places=("karachi", "lahore", "islamabad"),
        title="Russia and Pakistan sign the North–South gas pipeline agreement",
    ),
    event(
        "moscow-troika",
        "2021-03-18",
        theme="afghanistan-talks",
        places=("moscow",),
        title="Moscow hosts the extended troika",
        source=Source("Business Recorder", date("2021-03-19"), None),
    ),
    event(
        "china-iran",
        "2021-03-27",
        theme="us-influence",
        places=("tehran",),
        title="China and Iran sign a 25-year cooperation agreement",
    ),
    event("lavrov-new-delhi", "2021-04-05", "2021-04-06", places=("new-delhi",), title="Lavrov visits New Delhi"),
    event(
        "withdrawal-deadline",
        "2021-05-01",
        theme="us-influence",
        places=("kabul", "washington"),
        title="Deadline for the US troop withdrawal",
    ),
)

BRIEF_ORDER = [
    "soviet-invasion",
    "alliance-1980s",
    "soviet-withdrawal",
    "lavrov-islamabad-2012",
    "pipeline-agreement",
    "doha-agreement",
    "moscow-troika",
    "china-iran",
    "lavrov-new-delhi",
    "lavrov-islamabad-2021",
    "withdrawal-deadline",
]


def ids(timeline) -> list[str]:
    return [entry.id for group in timeline.years for entry in group.entries]


def brief_timeline(language: str = "en"):
    return build_timeline(BRIEF_EVENTS, THEMES, PLACES, language)


def test_orders_the_brief_chronologically():
    assert ids(brief_timeline()) == BRIEF_ORDER


def test_orders_a_month_after_its_days_and_a_year_after_its_months():
    events = [event("year", "1979"), event("month", "1979-12"), event("day", "1979-12-24"), event("next", "1980-01-01")]
    assert ids(build_timeline(events, THEMES, PLACES, "en")) == ["day", "month", "year", "next"]


def test_events_of_one_date_keep_the_file_order():
    events = [
        event("b-long", "2021-04", "2021-06"),
        event("z-point", "2021-04"),
        event("a-long", "2021-04", "2021-06"),
        event("short", "2021-04", "2021-05"),
    ]
    assert ids(build_timeline(events, THEMES, PLACES, "en")) == ["b-long", "z-point", "a-long", "short"]
    assert ids(build_timeline(events[::-1], THEMES, PLACES, "en")) == ["short", "a-long", "z-point", "b-long"]


def test_times_order_by_their_moment_and_show_their_offset():
    events = [
        event("untimed", "2022-01-15"),
        event("utc", "2022-01-15T05:00+00:00"),
        event("local", "2022-01-15T17:14+13:00"),
    ]
    timeline = build_timeline(events, THEMES, PLACES, "en")
    assert ids(timeline) == ["local", "utc", "untimed"]
    label = timeline.years[0].entries[0].date_label
    assert (label.text, label.start_iso) == ("15 January 2022, 5:14\u202fpm GMT+13:00", "2022-01-15T17:14+13:00")
    span = format_date_range(date("2022-01-15T17:14+13:00"), date("2022-01-15T18:00+13:00"), "en-GB")
    assert span.text == f"15 January 2022, 17:14 GMT+13:00{THIN}–{THIN}15 January 2022, 18:00 GMT+13:00"
    assert format_date_range(date("2022-01-15T17:14+13:00"), None, "fr").text == "15 janvier 2022, 17:14 UTC+13:00"


def test_groups_by_start_year():
    groups = brief_timeline().years
    assert [(g.year, g.anchor, len(g.entries)) for g in groups] == [
        (1979, "timeline-1979", 2),
        (1989, "timeline-1989", 1),
        (2012, "timeline-2012", 1),
        (2015, "timeline-2015", 1),
        (2020, "timeline-2020", 1),
        (2021, "timeline-2021", 5),
    ]


def test_entry_carries_anchor_theme_places_and_source():
    entry = brief_timeline().years[-1].entries[3]
    assert entry.id == "lavrov-islamabad-2021"
    assert entry.anchor == "event-lavrov-islamabad-2021"
    assert (entry.theme, entry.theme_label) == ("visit", "The visit")
    assert entry.places == (("islamabad", "Islamabad"),)
    assert entry.html == "<p>Lavrov in Islamabad.</p>"
    assert entry.source is not None
    assert (entry.source.name, entry.source.url) == ("AP", "https://apnews.com/")
    assert entry.source.date is not None
    assert (entry.source.date.text, entry.source.date.start_iso) == ("7 April 2021", "2021-04-07")


def test_entry_without_source_or_places():
    timeline = build_timeline([event("bare", "2021")], THEMES, PLACES, "en")
    entry = timeline.years[0].entries[0]
    assert (entry.source, entry.places) == (None, ())


def test_source_without_date():
    source = Source("Widely documented", None, None)
    timeline = build_timeline([event("x", "2021", source=source)], THEMES, PLACES, "en")
    assert timeline.years[0].entries[0].source.date is None


@pytest.mark.parametrize(
    ("start", "end", "language", "text"),
    [
        ("1979", None, "en", "1979"),
        ("1979-12", None, "en", "December 1979"),
        ("2021-04-06", None, "en", "6 April 2021"),
        ("2021-04-06", None, "en-GB", "6 April 2021"),
        ("2021-04-06", None, "en-US", "April 6, 2021"),
        ("2021-05-01", None, "fr", "1 mai 2021"),
        ("1979-12", None, "fr", "décembre 1979"),
        ("1979", "1989", "en", f"1979{THIN}–{THIN}1989"),
        ("2021-03", "2021-04", "en", f"March{THIN}–{THIN}April 2021"),
        ("1979-12", "1989-02", "en", f"December 1979{THIN}–{THIN}February 1989"),
        ("2021-04-06", "2021-04-07", "en", "6–7 April 2021"),
        ("2021-03-30", "2021-04-02", "en", f"30 March{THIN}–{THIN}2 April 2021"),
        ("2020-12-30", "2021-01-02", "en", f"30 December 2020{THIN}–{THIN}2 January 2021"),
        ("1979", "1989-02", "en", f"1979{THIN}–{THIN}February 1989"),
        ("2021-04", "2021-04-07", "en", f"April 2021{THIN}–{THIN}7 April 2021"),
        ("2021-04-06", "2021-04-06", "en", "6 April 2021"),
        ("2021-04-06", "2021-04-07", "en-US", f"April 6{THIN}–{THIN}7, 2021"),
        ("2021-03-30", "2021-04-02", "en-US", f"March 30{THIN}–{THIN}April 2, 2021"),
        ("2020-12-30", "2021-01-02", "en-US", f"December 30, 2020{THIN}–{THIN}January 2, 2021"),
        ("1979-12", "1989-02", "en-US", f"December 1979{THIN}–{THIN}February 1989"),
        ("2021-04-06", "2021-04-07", "fr", "6–7 avril 2021"),
        ("2021-03-30", "2021-04-01", "fr", f"30 mars{THIN}–{THIN}1 avril 2021"),
        ("1979", "1989", "fr", "1979–1989"),
        ("2021-04-06", None, "ru", "6 апреля 2021\u202fг."),
        ("2021-03-30", "2021-04-02", "ru", "30 марта — 2 апреля 2021\u202fг."),
        ("1979-12", None, "ru", "декабрь 1979\u202fг."),
        ("2021-04-06", "2021-04-07", "de", "6.–7. April 2021"),
        ("1979", None, "zh-Hans", "1979年"),
        ("2021-04-06", "2021-04-07", "zh-Hans", f"2021年4月6日{THIN}–{THIN}7日"),
        ("2021-03", "2021-04", "zh-Hans", "2021年3月 – 4月"),
        ("2021-04-06", "2021-04-07", "ar", "6–7 أبريل 2021"),
        ("2021-03-30", "2021-04-02", "ur", "30 مارچ – 2 اپریل، 2021"),
        ("2021-03-30", "2021-04-02", "hi", "30 मार्च – 2 अप्रैल 2021"),
    ],
)
def test_formats_each_precision_and_range(start, end, language, text):
    label = format_date_range(date(start), date(end) if end else None, language)
    assert label.text == text
    assert label.prefix + label.start + label.separator + (label.end or "") == text


@pytest.mark.parametrize("language", ["fr", "ar", "ur", "hi", "ru", "zh-Hans", "de", "pt-BR", "en-US"])
def test_a_day_is_babels_long_date(language):
    assert format_day(dt.date(2021, 4, 7), language) == format_date(
        dt.date(2021, 4, 7), "long", locale=resolve(language)
    )


@pytest.mark.parametrize("language", ["ar", "ur", "zh-Hans"])  # these write a month's short name as its long one
@pytest.mark.parametrize(
    ("start", "end"), [("2021-04-06", "2021-04-07"), ("2021-03-30", "2021-04-02"), ("2020-12-30", "2021-01-02")]
)
def test_a_range_of_days_is_babels_interval(language, start, end):
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    expected = format_interval(first, last, "yMMMd", locale=resolve(language))
    assert format_date_range(date(start), date(end), language).text == expected


def test_splits_a_range_for_two_time_elements():
    label = format_date_range(date("2021-04-06"), date("2021-04-07"), "en")
    assert (label.start, label.start_iso, label.separator, label.end, label.end_iso) == (
        "6",
        "2021-04-06",
        "–",
        "7 April 2021",
        "2021-04-07",
    )


def test_single_date_has_no_end():
    label = format_date_range(date("1979-12"), None, "en")
    assert (label.start_iso, label.separator, label.end, label.end_iso) == ("1979-12", "", None, None)


@pytest.mark.parametrize(
    ("start", "end", "language", "text"),
    [
        ("1985", None, "en", "c. 1985"),
        ("1979", "1989", "en", f"c. 1979{THIN}–{THIN}1989"),
        ("1985", None, "fr", "vers 1985"),
    ],
)
def test_formats_approximate_dates(start, end, language, text):
    label = format_date_range(date(start), date(end) if end else None, language, approximate=True)
    assert (label.prefix, label.text) == (text.split("1")[0], text)


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "7 April 2021"), ("en-US", "April 7, 2021"), ("fr", "7 avril 2021"), ("zh-Hans", "2021年4月7日")],
)
def test_formats_a_day(language, text):
    assert format_day(dt.date(2021, 4, 7), language) == text


def test_date_label_reads_as_its_text():
    assert f"{format_date_range(date('1979'), date('1989'), 'en')}: x" == f"1979{THIN}–{THIN}1989: x"


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("xx", "language 'xx' is not one CLDR knows; write a BCP 47 tag such as en, fr, ar, ur or zh-Hans"),
        ("en-ZZ", "language 'en-ZZ' is not one CLDR knows; did you mean 'en-ZW', 'en-ZM' or 'en-ZA'?"),
        ("fr_FR", "language 'fr_FR' is not one CLDR knows; did you mean 'fr-FR', 'fr-WF' or 'fr-RW'?"),
    ],
)
def test_rejects_a_tag_cldr_does_not_know(tag, message):
    with pytest.raises(ValueError) as info:
        build_timeline(BRIEF_EVENTS, THEMES, PLACES, tag)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("tag", "identifier"),
    [("en", "en_001"), ("en-GB", "en_GB"), ("ur-PK", "ur_PK"), ("zh-Hans", "zh_Hans"), ("zh-CN", "zh_Hans_CN")],
)
def test_resolves_bcp47_tags(tag, identifier):
    assert str(resolve(tag)) == identifier


def test_year_headings_are_written_in_the_language():
    assert [g.label for g in brief_timeline("zh-Hans").years][:2] == ["1979年", "1989年"]
    assert brief_timeline("fr").text.heading == "Chronologie"


def test_empty_timeline():
    timeline = build_timeline([], THEMES, PLACES, "en")
    assert (timeline.years, timeline.axis_svg) == ((), "")


def axis(timeline) -> ET.Element:
    return ET.fromstring(timeline.axis_svg)


def percent(value: str) -> float:
    assert value.endswith("%")
    return float(value[:-1])


def mark_x(link: ET.Element) -> float:
    """Where a mark starts, in percent of the axis's width."""
    shape = link.find(f"{SVG}circle")
    if shape is not None:
        return percent(shape.get("cx"))
    return percent(link.find(f"{SVG}line").get("x1"))


def test_axis_is_one_named_svg_with_a_link_per_event():
    svg = axis(brief_timeline())
    assert svg.tag == f"{SVG}svg"
    assert svg.findtext(f"{SVG}title").startswith("Time axis, 1979 to 2021")
    links = svg.findall(f"{SVG}a")
    assert [link.get("href") for link in links] == [f"#event-{id_}" for id_ in BRIEF_ORDER]
    names = [link.findtext(f"{SVG}title") for link in links]
    assert names[1] == f"December 1979{THIN}–{THIN}February 1989: " + BRIEF_EVENTS[3].title
    assert names[9] == "6–7 April 2021: Lavrov in Islamabad"


def test_axis_draws_ranges_as_bars_and_points_as_circles():
    links = axis(brief_timeline()).findall(f"{SVG}a")
    bars = [link.get("href") for link in links if link.find(f"{SVG}line") is not None]
    assert bars == [
        "#event-alliance-1980s",
        "#event-lavrov-islamabad-2012",
        "#event-lavrov-new-delhi",
        "#event-lavrov-islamabad-2021",
    ]


def test_axis_scale_is_monotonic_and_keeps_april_2021_apart():
    timeline = brief_timeline()
    starts = [e.date_label.start_iso for g in timeline.years for e in g.entries]
    xs = [mark_x(link) for link in axis(timeline).findall(f"{SVG}a")]
    pairs = list(zip(starts, xs))
    for (a_day, a_x), (b_day, b_x) in zip(pairs, pairs[1:]):
        assert a_x < b_x if a_day != b_day else a_x == b_x
    april = [x for day, x in pairs if day.startswith("2021-")]
    assert min(b - a for a, b in zip(april, april[1:])) >= 2.5  # 7 px apart on a 280 px phone's axis, 14 px at 560


def test_axis_compresses_long_gaps_with_break_marks():
    svg = axis(brief_timeline())
    breaks = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "ex-axis-break"]
    assert len(breaks) == 1 and len(breaks[0].findall(f"{SVG}svg")) == 4  # 1980-1989, 1989-2012, 2012-2015, 2015-2020
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["1979", "1989", "2012", "2015", "2020", "2021"]
    assert svg.get("width") == "100%"
    # Twenty-three empty years take less than a quarter of the axis; the five weeks of spring 2021 more than a tenth.
    xs = {link.get("href"): mark_x(link) for link in svg.findall(f"{SVG}a")}
    gap = xs["#event-lavrov-islamabad-2012"] - xs["#event-soviet-withdrawal"]
    spring = xs["#event-withdrawal-deadline"] - xs["#event-moscow-troika"]
    assert gap < 25 and spring > 10


def test_axis_escapes_text_and_uses_no_inline_colours():
    risky = event("a", "2021", title='Tom & "Jerry" <b>')
    text = build_timeline([risky], THEMES, PLACES, "en").axis_svg
    assert axis_title(text) == '2021: Tom & "Jerry" <b>'
    assert not re.search(r"#[0-9a-f]{3,6}\b|rgb|style=", text, re.I)


def axis_title(text: str) -> str:
    return ET.fromstring(text).find(f"{SVG}a").findtext(f"{SVG}title")


def test_axis_is_deterministic():
    assert brief_timeline().axis_svg == build_timeline(BRIEF_EVENTS, THEMES, PLACES, "en").axis_svg


@pytest.mark.parametrize(
    ("start", "end", "language", "text"),
    [
        ("-0043-03-15", None, "en", "15 March 44 BC"),
        ("-0480", None, "en", "481 BC"),
        ("0000", None, "en", "1 BC"),
        ("-0508", "0476", "en", f"509 BC{THIN}–{THIN}476 AD"),
        ("-0043-03", "-0043-05", "en", f"March{THIN}–{THIN}May 44 BC"),
        ("-0043-03-15", None, "fr", "15 mars 44 av. J.-C."),
        ("-0043-03-15", None, "de", "15. März 44 v. Chr."),
        ("-0043-03-15", None, "zh-Hans", "公元前44年3月15日"),
        ("-0480", None, "ar", "481 ق.م"),
        ("-0044-02-29", None, "en", "29 February 45 BC"),  # astronomical -44 is a leap year
        ("2021-04?", None, "en", "April 2021?"),
        ("2021-04?", None, "fr", "avril 2021\u202f?"),
        ("2021-04?", None, "es", "¿abril de 2021?"),
        ("2021-04?", None, "ar", "أبريل 2021؟"),
        ("1200~", None, "en", "c. 1200"),
        ("2021-04-06%", "2021-04-07", "en", "c. 6–7 April 2021?"),
        ("196X", None, "en", "1960s"),
        ("196X", None, "zh-Hans", "1960年代"),
        ("19XX", None, "en", f"1900{THIN}–{THIN}1999"),
    ],
)
def test_formats_edtf_dates_with_cldr_eras_and_the_catalogs_markers(start, end, language, text):
    assert format_date_range(date(start), date(end) if end else None, language).text == text


def test_a_date_html_cannot_hold_has_no_datetime():
    label = format_date_range(date("-0043-03-15"), date("0014-08-19"), "en")
    assert (label.start_iso, label.end_iso) == ("", "0014-08-19")
    assert format_date_range(date("196X"), None, "en").start_iso == ""


ROME = (
    event("fall", "0476-09-04", theme="visit"),
    event("founding", "-0508?", theme="visit"),
    event("ides", "-0043-03-15", theme="visit"),
    event("augustus", "0014-08-19", theme="visit"),
    event("milan", "0313~", theme="visit", approximate=True),
)


def test_a_timeline_before_the_common_era_names_every_era():
    timeline = build_timeline(ROME, THEMES, PLACES, "en")
    assert [(g.anchor, g.label) for g in timeline.years] == [
        ("timeline-509-bce", "509 BC"),
        ("timeline-44-bce", "44 BC"),
        ("timeline-14", "14 AD"),
        ("timeline-313", "313 AD"),
        ("timeline-476", "476 AD"),
    ]
    labels = [e.date_label.text for g in timeline.years for e in g.entries]
    assert labels == ["509 BC?", "15 March 44 BC", "19 August 14 AD", "c. 313 AD", "4 September 476 AD"]


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "Time axis, 2024; long gaps are shortened. Each mark links to its event."),
        ("fr", "Axe du temps, 2024 ; les longues périodes sont raccourcies. Chaque repère mène à son événement."),
        ("ar", "محور الزمن، 2024؛ الفترات الطويلة مختصرة. كل علامة ترتبط بحدثها."),
    ],
)
def test_the_axis_of_a_story_within_one_year_names_the_year_once(language, name):
    events = [event("a", "2024-03-02"), event("b", "2024-05"), event("c", "2024-11-20", "2024-12-01")]
    assert axis(build_timeline(events, THEMES, PLACES, language)).findtext(f"{SVG}title") == name


def test_a_long_span_is_ticked_by_round_years_counted_from_year_one():
    svg = axis(build_timeline(ROME, THEMES, PLACES, "en"))
    assert svg.findtext(f"{SVG}title").startswith("Time axis, 600 BC to 500 AD")
    ticks = [line.get("x1") for g in svg.iter(f"{SVG}g") if g.get("class") == "ex-axis-tick" for line in g]
    assert len(ticks) == 12 and ticks[0] == "0%" and ticks[-1] == "100%"  # 600 to 100 BC, AD 1, AD 100 to 500
    assert not [g for g in svg.iter(f"{SVG}g") if g.get("class") == "ex-axis-break"]
    xs = [mark_x(link) for link in svg.findall(f"{SVG}a")]
    assert xs == sorted(xs)


def test_a_century_of_decades_is_ticked_by_decades():
    years = [event(f"e{y}", str(y)) for y in (1914, 1929, 1939, 1945, 1957, 1969, 1989, 1999)] + [
        event("thirties", "193X")
    ]
    timeline = build_timeline(years, THEMES, PLACES, "en")
    texts = [t.text for t in axis(timeline).iter(f"{SVG}text")]
    assert texts[0] == "1910" and texts[-1] == "2000" and all(int(t) % 10 == 0 for t in texts)
    assert [g.label for g in timeline.years][2:4] == ["1939", "1930s"]  # a decade follows its last year


def test_year_labels_never_overlap_on_a_phone_and_the_ends_stay_inside():
    """At the narrowest width laid out for, the labels drawn there (not data-wide) clear each other."""
    from explainer.timeline.axis import _NARROW, _anchor, _label_width

    for events in (BRIEF_EVENTS, ROME):
        svg = axis(build_timeline(events, THEMES, PLACES, "en"))
        spans = []
        for text in svg.iter(f"{SVG}text"):
            if text.get("data-wide") is None:
                at, size = percent(text.get("x")) / 100 * _NARROW, _label_width(text.text)
                assert text.get("text-anchor") == _anchor(text.text, percent(text.get("x")) / 100)
                low = {"start": at, "end": at - size}.get(text.get("text-anchor"), at - size / 2)
                spans.append((low, low + size))
        assert spans[0][0] >= 0 and spans[-1][1] <= _NARROW
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize(
    ("dates", "first", "last"),
    [
        (("-9999", "9998"), "10000 BC", "10000 AD"),
        (("-0300", "-0004"), "350 BC", "1 AD"),
        (("0005", "0300"), "1", "350"),
    ],
)
def test_the_axis_copes_with_the_extremes(dates, first, last):
    """Ticks beyond the years Python's dates hold (10000), or on year 1 itself, are labelled like any other."""
    busy = [event(f"e{i}", d) for i, d in enumerate(dates)] + [
        event(f"m{m}", f"{dates[0]}-{m:02d}") for m in range(6, 12)
    ]
    labels = [t.text for t in axis(build_timeline(busy, THEMES, PLACES, "en")).iter(f"{SVG}text")]
    assert (labels[0], labels[-1]) == (first, last)
