"""Every kind of bad input gives exact `path:line:col: error:` messages, exit 1, no traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from explainer.content.schema import SITE

from .sites import ALPHA_MD, EVENTS_YAML, SITE_YAML, write_site

DEEP = "[" * 200 + "]" * 200

CASES = {
    "site.yaml syntax": (
        {"site.yaml": "title: A\ndek B\nlanguage: en\n"},
        ["site.yaml:3:1: error: YAML syntax: could not find expected ':'; check indentation, colons and quotes"],
    ),
    "unquoted colon in a title": (
        {"site.yaml": SITE_YAML.replace("title: Test explainer", "title: Russia: a reset")},
        [
            "site.yaml:1:14: error: YAML syntax: the ': ' inside the value of 'title' reads as a new key; put the title in quotes: title: \"Russia: a reset\""
        ],
    ),
    "unquoted colon in a list item, with quotes inside": (
        {"site.yaml": SITE_YAML.replace("    label: Beta", '    label: Beta: the "second" one')},
        [
            "site.yaml:13:16: error: YAML syntax: the ': ' inside the value of 'label' reads as a new key; put the label in quotes: label: \"Beta: the \\\"second\\\" one\""
        ],
    ),
    "unclosed quote": (
        {"site.yaml": SITE_YAML.replace("dek: A small explainer for tests.", 'dek: "A small explainer for tests.')},
        [
            'site.yaml:2:6: error: YAML syntax: the " opened here is never closed; close it at the end of the text: dek: "A small explainer for tests."'
        ],
    ),
    "unclosed bracket": (
        {"site.yaml": "title: [unclosed\n"},
        [
            "site.yaml:1:8: error: YAML syntax: the [ opened here is never closed; close the list with ]: title: [unclosed]"
        ],
    ),
    "key indented too far": (
        {"site.yaml": SITE_YAML.replace("dek: A small", "  dek: A small")},
        [
            "site.yaml:2:3: error: YAML syntax: 'dek' is indented more than 'title' on line 1; give it the same indentation"
        ],
    ),
    "key indented to line up with nothing": (
        {"site.yaml": SITE_YAML.replace("    label: Alpha", "   label: Alpha")},
        [
            "site.yaml:11:4: error: YAML syntax: 'label' is indented 3 spaces, which lines it up with no key above; indent it 4 spaces, as 'id' on line 10"
        ],
    ),
    "tab": (
        {"site.yaml": SITE_YAML.replace("    label: Alpha", "\tlabel: Alpha")},
        [
            "site.yaml:11:1: error: YAML syntax: a tab here; YAML indents and separates with spaces only: replace the tab with spaces"
        ],
    ),
    "site.yaml missing": (
        {"site.yaml": None},
        ["site.yaml: error: site.yaml is missing; create it (see the README for its keys)"],
    ),
    "site.yaml empty": (
        {"site.yaml": "# nothing yet\n"},
        [
            "site.yaml:1:1: error: site.yaml is empty; it needs at least title, dek, language, published, themes and places"
        ],
    ),
    "front matter missing": (
        {"content/alpha.md": "theme: alpha\n"},
        [
            "content/alpha.md:1:1: error: the file must start with front matter: a line '---', the keys, then another '---'"
        ],
    ),
    "front matter unterminated": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: A\n"},
        ["content/alpha.md:1:1: error: the front matter opened here is never closed; add a line '---' after its keys"],
    ),
    "front matter empty": (
        {"content/alpha.md": "---\n---\nText\n"},
        ["content/alpha.md:1:1: error: the front matter is empty; add at least 'theme' and 'title'"],
    ),
    "front matter syntax": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: [x\n---\nText\n"},
        [
            "content/alpha.md:3:8: error: YAML syntax: the [ opened here is never closed; close the list with ]: title: [x]"
        ],
    ),
    "front matter colon in a title": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: Talks: day one\n---\nText\n"},
        [
            "content/alpha.md:3:13: error: YAML syntax: the ': ' inside the value of 'title' reads as a new key; put the title in quotes: title: \"Talks: day one\""
        ],
    ),
    "not UTF-8": (
        {"content/alpha.md": b"---\ntheme: alpha\ntitle: A\n---\nCaf\xe9\n"},
        ["content/alpha.md:5:4: error: byte 0xe9 is not UTF-8; save the file as UTF-8"],
    ),
    "missing required key": (
        {"content/alpha.md": "---\ntheme: alpha\n---\nText\n"},
        ["content/alpha.md:2:1: error: the front matter needs 'title'; add a line 'title: …'"],
    ),
    "unknown key": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: A\ntitel: B\n---\nText\n"},
        ["content/alpha.md:4:1: error: unknown key 'titel' in the front matter (did you mean 'title'?)"],
    ),
    "unknown key in site.yaml": (
        {"site.yaml": SITE_YAML.replace("dek:", "dke:")},
        [
            "site.yaml:1:1: error: site.yaml needs 'dek'; add a line 'dek: …'",
            "site.yaml:2:1: error: unknown key 'dke' in site.yaml (did you mean 'dek'?)",
        ],
    ),
    "wrong type": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: [a, b]\n---\nText\n"},
        ["content/alpha.md:3:8: error: 'title' must be text, not a list"],
    ),
    "wrong type for a number": (
        {"site.yaml": SITE_YAML.replace("lat: 33.6844", "lat: north")},
        ["site.yaml:17:10: error: 'lat' must be a number, not the text 'north'"],
    ),
    "coordinate out of range": (
        {"site.yaml": SITE_YAML.replace("lon: 73.0479", "lon: 273.0479")},
        ["site.yaml:18:10: error: 'lon' is 273.0479, outside the range -180 to 180"],
    ),
    "impossible date": (
        {"site.yaml": SITE_YAML.replace("2021-04-07", "2021-02-30")},
        ["site.yaml:4:12: error: 'published': '2021-02-30' is not a day on the calendar; check the month and day"],
    ),
    "impossible event date": (
        {"content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021-13\n    theme: alpha\n"},
        ["content/events.yaml:4:11: error: 'date': '2021-13' has no month 13; months run from 01 to 12"],
    ),
    "bad date precision": (
        {"content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021-4\n    theme: alpha\n"},
        [
            "content/events.yaml:4:11: error: 'date': '2021-4' is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM (-YYYY before the Common Era; ? ~ or % at the end), such as 2021-04-06, -0043-03-15 or 2021-04?"
        ],
    ),
    "end before start": (
        {
            "content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021-04-06\n    end: 2021-04-01\n    theme: alpha\n"
        },
        [
            "content/events.yaml:5:10: error: 'end' (2021-04-01) is not after 'date' (2021-04-06); fix the dates or remove 'end'"
        ],
    ),
    "unknown place": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: A\nplaces: [islamabd]\n---\nText\n"},
        [
            "content/alpha.md:4:10: error: unknown place 'islamabd'; did you mean 'islamabad'? If it is a new place, add it under 'places:' in site.yaml"
        ],
    ),
    "unknown theme": (
        {"content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021\n    theme: alfa\n"},
        [
            "content/events.yaml:5:12: error: unknown theme 'alfa'; did you mean 'alpha'? If it is a new theme, add it under 'themes:' in site.yaml"
        ],
    ),
    "unknown theme, none like it": (
        {"content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021\n    theme: zzz\n"},
        [
            "content/events.yaml:5:12: error: unknown theme 'zzz'; add it under 'themes:' in site.yaml, or correct the id"
        ],
    ),
    "unknown place, several like it": (
        {
            "site.yaml": SITE_YAML + "  - id: kabal\n    name: Kabal\n    lat: 1\n    lon: 1\n",
            "content/alpha.md": "---\ntheme: alpha\ntitle: A\nplaces: [kabel]\n---\nText\n",
        },
        [
            "content/alpha.md:4:10: error: unknown place 'kabel'; did you mean 'kabul' or 'kabal'? If it is a new place, add it under 'places:' in site.yaml"
        ],
    ),
    "theme without a section": (
        {"content/beta.md": None},
        ["site.yaml:12:5: error: theme 'beta' has no section; add content/beta.md with 'theme: beta'"],
    ),
    "two sections for one theme": (
        {"content/gamma.md": "---\ntheme: alpha\ntitle: Again\n---\nText\n"},
        [
            "content/gamma.md:2:8: error: theme 'alpha' already has a section, content/alpha.md:2; each theme has one section: rename the theme here (and add it under 'themes:' in site.yaml), or merge the two files"
        ],
    ),
    "duplicate event id": (
        {
            "content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021\n    theme: alpha\n  - id: one\n    title: B\n    date: 2021\n    theme: alpha\n"
        },
        [
            "content/events.yaml:6:5: error: duplicate event id 'one' (first used at content/events.yaml:2:5); give each event its own id"
        ],
    ),
    "duplicate place id": (
        {"site.yaml": SITE_YAML.replace("id: kabul", "id: islamabad")},
        [
            "content/beta.md:4:10: error: unknown place 'kabul'; add it under 'places:' in site.yaml, or correct the id",
            "site.yaml:19:5: error: duplicate place id 'islamabad' (first used at site.yaml:15:5); give each place its own id",
        ],
    ),
    "duplicate YAML key": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: A\ntitle: B\n---\nText\n"},
        ["content/alpha.md:4:1: error: duplicate key 'title' (first set on line 3); remove one of them"],
    ),
    "YAML 1.1 boolean": (
        {
            "content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021\n    theme: alpha\n    approximate: yes\n"
        },
        [
            "content/events.yaml:6:18: error: 'approximate' must be true or false, not the text 'yes'; YAML 1.1 words such as yes, no, on and off are not booleans here"
        ],
    ),
    "YAML anchors": (
        {"content/alpha.md": "---\ntheme: &t alpha\ntitle: *t\n---\nText\n"},
        ["content/alpha.md:3:8: error: anchors and aliases (& and *) are not supported; write the value out in full"],
    ),
    "absurd nesting": (
        {"content/alpha.md": f"---\ntheme: alpha\ntitle: A\nplaces: {DEEP}\n---\nText\n"},
        ["content/alpha.md:4:41: error: YAML is nested too deeply; use at most 32 levels"],
    ),
    "nesting deeper than the parser's stack": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: A\nplaces: " + "[" * 5000 + "\n---\nText\n"},
        ["content/alpha.md:2:1: error: YAML is nested too deeply; use at most 32 levels"],
    ),
    "updated before published": (
        {"site.yaml": SITE_YAML.replace("published: 2021-04-07", "published: 2021-04-07\nupdated: 2021-04-01")},
        ["site.yaml:5:10: error: 'updated' (2021-04-01) is before 'published' (2021-04-07); fix one of the dates"],
    ),
    "unknown language": (
        {"site.yaml": SITE_YAML.replace("language: en", "language: xx")},
        [
            "site.yaml:3:11: error: language 'xx' is not one CLDR knows; write a BCP 47 tag such as en, fr, ar, ur or zh-Hans"
        ],
    ),
    "misspelt language": (
        {"site.yaml": SITE_YAML.replace("language: en", "language: en-GBB")},
        ["site.yaml:3:11: error: language 'en-GBB' is not one CLDR knows; did you mean 'en-GB', 'en-BB' or 'en-VG'?"],
    ),
    **{
        f"language written as {written}": (
            {"site.yaml": SITE_YAML.replace("language: en", f"language: {written}")},
            [f"site.yaml:3:11: error: language '{written}' is {what}; write its BCP 47 tag instead: {tag}"],
        )
        for written, what, tag in (
            ("Spanish", "a language's name, not its tag", "es"),
            ("español", "a language's name, not its tag", "es"),
            ("arabic", "a language's name, not its tag", "ar"),
            ("العربية", "a language's name, not its tag", "ar"),
            ("urdu", "a language's name, not its tag", "ur"),
            ("spa", "the three-letter code of Spanish", "es"),
            ("ger", "the three-letter code of German", "de"),
        )
    },
    "unknown source kind": (
        {"site.yaml": SITE_YAML.replace("  name: A test article\n", "  name: A test article\n  kind: blog\n")},
        [
            "site.yaml:8:9: error: unknown source kind 'blog'; use one of: opinion, news report, analysis, interview, official statement, press release, speech, report, document, data"
        ],
    ),
    "unknown map projection": (
        {"site.yaml": SITE_YAML + "map:\n  projection: mercator\n"},
        [
            "site.yaml:24:15: error: unknown projection 'mercator'; use one of: auto, equidistant, equal-area, equal-earth, polar"
        ],
    ),
    "detail inset not a boolean": (
        {"site.yaml": SITE_YAML + "map:\n  detail_inset: no\n"},
        [
            "site.yaml:24:17: error: 'detail_inset' must be true or false, not the text 'no'; YAML 1.1 words such as yes, no, on and off are not booleans here"
        ],
    ),
    "unknown route line": (
        {
            "site.yaml": SITE_YAML
            + "routes:\n  - id: r\n    label: R\n    theme: alpha\n    places: [islamabad, kabul]\n    line: curvy\n"
        },
        ["site.yaml:28:11: error: unknown line 'curvy'; use one of: geodesic, straight"],
    ),
    "unknown person": (
        {
            "site.yaml": SITE_YAML + "people:\n  - id: ann-lee\n    name: Ann Lee\n    role: Mayor\n",
            "content/alpha.md": "---\ntheme: alpha\ntitle: A\npeople: [ann-le]\n---\nText\n",
        },
        [
            "content/alpha.md:4:10: error: unknown person 'ann-le'; did you mean 'ann-lee'? If it is a new person, add it under 'people:' in site.yaml"
        ],
    ),
    "a bare id where a list of ids goes": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: A\nplaces: islamabad\n---\nText\n"},
        [
            "content/alpha.md:4:9: error: 'places' must be a list, not the text 'islamabad'; write it in brackets: places: [islamabad]"
        ],
    ),
    "a bare id where an event's list of people goes": (
        {
            "site.yaml": SITE_YAML + "people:\n  - id: ann-lee\n    name: Ann Lee\n    role: Mayor\n",
            "content/events.yaml": EVENTS_YAML + "    people: ann-lee\n",
        },
        [
            "content/events.yaml:7:13: error: 'people' must be a list, not the text 'ann-lee'; write it in brackets: people: [ann-lee]"
        ],
    ),
    "events.yaml a bare list": (
        {"content/events.yaml": "- id: one\n  title: A\n  date: 2021\n  theme: alpha\n"},
        [
            "content/events.yaml:1:1: error: content/events.yaml must start with a line 'events:', with its items listed under it as '  - …'; add that line above the list and indent the list under it"
        ],
    ),
    "events.yaml a mapping of events": (
        {"content/events.yaml": "one:\n  title: A\n  date: 2021\n  theme: alpha\n"},
        [
            "content/events.yaml:1:1: error: content/events.yaml must start with a line 'events:', with its items listed under it as '  - …'; it starts with a line 'one:'"
        ],
    ),
    "template syntax": (
        {"templates/_footer.html": "<footer>\n{% if %}\n</footer>\n"},
        ["templates/_footer.html:2: error: template syntax: Expected an expression, got 'end of statement block'"],
    ),
    "template undefined variable": (
        {"templates/_footer.html": "<footer>\n{{ site.titel }}\n</footer>\n"},
        [
            "templates/_footer.html:2: error: template: 'explainer.model.Site object' has no attribute 'titel'; check the variable names the README lists"
        ],
    ),
    **{
        f"theme id {ident}": (
            {
                "site.yaml": SITE_YAML.replace("id: alpha", f"id: {ident}"),
                "content/alpha.md": "---\ntheme: " + ident + "\ntitle: A\n---\nText.\n",
                "content/events.yaml": "events: []\n",
            },
            [message],
        )
        for ident, message in (
            (
                "main",
                "site.yaml:10:5: error: theme id 'main' would give the page a second id 'main' (templates/404.html has one), which breaks its links and skip link; choose another id, such as 'about-main'",
            ),
            (
                "timeline",
                "site.yaml:10:5: error: theme id 'timeline' would give the page a second id 'timeline' (templates/_timeline.html has one), which breaks its links and skip link; choose another id, such as 'about-timeline'",
            ),
            (
                "map",
                "site.yaml:10:5: error: theme id 'map' would give the page a second id 'map' (templates/_map.html has one), which breaks its links and skip link; choose another id, such as 'about-map'",
            ),
            (
                "places",
                "site.yaml:10:5: error: theme id 'places' would give the page a second id 'places' (templates/_places.html has one), which breaks its links and skip link; choose another id, such as 'about-places'",
            ),
            (
                "glance",
                "site.yaml:10:5: error: theme id 'glance' would give the page a second id 'glance-heading' (templates/_glance.html has one), which breaks its links and skip link; choose another id, such as 'about-glance'",
            ),
            (
                "event-one",
                "site.yaml:10:5: error: theme id 'event-one' starts with 'event-', which the page keeps for the anchors of events, people, places and years; choose an id that starts otherwise",
            ),
            (
                "timeline-2021",
                "site.yaml:10:5: error: theme id 'timeline-2021' starts with 'timeline-', which the page keeps for the anchors of events, people, places and years; choose an id that starts otherwise",
            ),
        )
    },
    "control character in Markdown": (
        {"content/alpha.md": ALPHA_MD.replace("Alpha text.", "Alpha \x01text, \x1b again.")},
        [
            "content/alpha.md:6:7: error: the file holds U+0001 (a control character) (and 1 more like it), which cannot be seen and which feed.xml, sitemap.xml and the page cannot hold; delete it"
        ],
    ),
    "control character in YAML": (
        {"site.yaml": SITE_YAML.replace("byline: Test desk", "byline: Test\x0cdesk")},
        [
            "site.yaml:5:13: error: the file holds U+000C (a control character), which cannot be seen and which feed.xml, sitemap.xml and the page cannot hold; delete it"
        ],
    ),
    "control character as a YAML escape": (
        {"site.yaml": SITE_YAML.replace("title: Test explainer", 'title: "Test \\x07explainer"')},
        [
            "site.yaml:1:8: error: 'title' holds U+0007 (a control character), which cannot be seen and which feed.xml, sitemap.xml and the page cannot hold; delete it"
        ],
    ),
    "lone surrogate as a YAML escape": (
        {
            "content/events.yaml": EVENTS_YAML.replace("title: First event", 'title: "First \\ud83d event"').replace(
                "theme: alpha", 'theme: "\\udc00alpha"'
            )
        },
        [
            "content/events.yaml:3:12: error: 'title' holds U+D83D (half of a surrogate pair, without its other half; write the character itself, or \\U followed by its 8 hex digits), which cannot be seen and which feed.xml, sitemap.xml and the page cannot hold; delete it",
            "content/events.yaml:5:12: error: 'theme' holds U+DC00 (half of a surrogate pair, without its other half; write the character itself, or \\U followed by its 8 hex digits), which cannot be seen and which feed.xml, sitemap.xml and the page cannot hold; delete it",
        ],
    ),
    "lone surrogate in an unknown key": (
        {"site.yaml": SITE_YAML + '"\\ud800x": 1\n'},
        [f"site.yaml:23:1: error: unknown key '\\ud800x' in site.yaml (allowed keys: {', '.join(SITE.names)})"],
    ),
    "Markdown nested too deeply": (
        {"content/alpha.md": ALPHA_MD.replace("Alpha text.", "Alpha text.\n\n" + "- " * 20 + "deep")},
        [
            "content/alpha.md:8:1: error: lists and block quotes are nested 20 levels deep here; the page allows at most 16: flatten the list or quote"
        ],
    ),
    "Markdown brackets nested too deeply": (
        {"content/alpha.md": ALPHA_MD.replace("Alpha text.", "Alpha " + "[" * 20 + "text.")},
        [
            "content/alpha.md:6:23: error: brackets are nested more than 16 deep here; the page allows at most 16: close the links' [ ] or write \\[ for a bracket"
        ],
    ),
    "Markdown with too many unclosed links": (
        {"content/events.yaml": EVENTS_YAML + "    text: " + "'" + "[a](" * 3000 + "'\n"},
        [
            "content/events.yaml:7:11: error: this text makes the Markdown parser scan more than 8 times its length for the ends of links and tags "
            "(an unclosed '[' or '](' is looked for to the end of its paragraph, an unclosed '<' to the end of the text); close them, write \\[ or \\< for a plain one, or split the paragraph"
        ],
    ),
    "year -0000": (
        {"content/events.yaml": EVENTS_YAML.replace("2021-04-06", "-0000")},
        [
            "content/events.yaml:4:11: error: 'date': '-0000' has the year -0000; the year before 0001 is 0000 (1 BCE), and the one before it -0001 (2 BCE)"
        ],
    ),
    "a decade with a month": (
        {"content/events.yaml": EVENTS_YAML.replace("2021-04-06", "196X-04")},
        [
            "content/events.yaml:4:11: error: 'date': '196X-04' leaves digits of its year unspecified and yet gives a month; write the decade (196X) or century (19XX) alone"
        ],
    ),
    "an uncertain time": (
        {"content/events.yaml": EVENTS_YAML.replace("2021-04-06", "2021-04-06T10:00Z?")},
        [
            "content/events.yaml:4:11: error: 'date': '2021-04-06T10:00Z?' qualifies a time of day with '?'; only a year, month or day can be uncertain or approximate"
        ],
    ),
    "an end before a start before the Common Era": (
        {"content/events.yaml": EVENTS_YAML.replace("2021-04-06", "-0043\n    end: -0044~")},
        ["content/events.yaml:5:10: error: 'end' (-0044~) is not after 'date' (-0043); fix the dates or remove 'end'"],
    ),
    "year 9999 with an offset": (
        {"content/events.yaml": EVENTS_YAML.replace("2021-04-06", "9999-12-31T23:59-14:00")},
        [
            "content/events.yaml:4:11: error: 'date': '9999-12-31T23:59-14:00' has the year 9999; write a year from -9999 to 9998"
        ],
    ),
    "published in year 0": (
        {"site.yaml": SITE_YAML.replace("published: 2021-04-07", "published: 0000-01-01")},
        ["site.yaml:4:12: error: 'published': '0000-01-01' has the year 0000; write a year from 0001 to 9998"],
    ),
    "a number of 5,000 digits": (
        {"site.yaml": SITE_YAML.replace("lat: 33.6844", "lat: " + "1" * 5000)},
        ["site.yaml:17:10: error: 'lat' is 11111111111111111111… (5000 characters), outside the range -90 to 90"],
    ),
    "a whole number of 5,000 digits": (
        {"site.yaml": SITE_YAML + "map:\n  width: " + "9" * 5000 + "\n"},
        [
            "site.yaml:24:10: error: 'width' must be a whole number, not the number 99999999999999999999… (5000 characters)"
        ],
    ),
    "empty stylesheet": (
        {"static/css/base.css": ""},
        [
            "static/css/base.css: error: static/css/base.css is empty; the page's styles would lose it unnoticed (a save cut short?): write it again, or delete the file"
        ],
    ),
    "base_url with // in its path": (
        {"site.yaml": SITE_YAML.replace("https://example.org/test/", "https://example.org//evil.example/")},
        [
            "site.yaml:8:11: error: 'base_url' has '//' or '\\' in its path, which browsers read as another host in the 404 page's links; write single slashes, such as https://user.github.io/repo/"
        ],
    ),
    "base_url with a line break": (
        {"site.yaml": SITE_YAML.replace("https://example.org/test/", '"https://example.org/test/\\nDisallow: /"')},
        [
            "site.yaml:8:11: error: 'base_url' must not contain spaces, tabs, line breaks or control characters; write the address on one line, such as https://user.github.io/repo/"
        ],
    ),
    "base_url with a space": (
        {"site.yaml": SITE_YAML.replace("https://example.org/test/", "https://example.org/my test/")},
        [
            "site.yaml:8:11: error: 'base_url' must not contain spaces, tabs, line breaks or control characters; write the address on one line, such as https://user.github.io/repo/"
        ],
    ),
    "base_url not absolute": (
        {"site.yaml": SITE_YAML.replace("https://example.org/test/", "//example.org/test/")},
        [
            "site.yaml:8:11: error: 'base_url' must be an absolute http(s) URL ending in '/', such as https://user.github.io/repo/"
        ],
    ),
    "base_url not ending in /": (
        {"site.yaml": SITE_YAML.replace("https://example.org/test/", "https://example.org/test")},
        [
            "site.yaml:8:11: error: 'base_url' must be an absolute http(s) URL ending in '/', such as https://user.github.io/repo/"
        ],
    ),
    "base_url with a query": (
        {"site.yaml": SITE_YAML.replace("https://example.org/test/", "https://example.org/test/?a=/")},
        [
            "site.yaml:8:11: error: 'base_url' must not have a query ('?') or a fragment ('#'); end it with the folder's '/', such as https://user.github.io/repo/"
        ],
    ),
    "base_url with a password": (
        {"site.yaml": SITE_YAML.replace("https://example.org/test/", "https://me:secret@example.org/test/")},
        [
            "site.yaml:8:11: error: 'base_url' must not contain a user name or password ('…@'); write the public address, such as https://user.github.io/repo/"
        ],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_reported_exactly(name, make_site, run_cli):
    files, expected = CASES[name]
    root = make_site(files)
    status, out, err = run_cli("--project", str(root), "check")
    assert status == 1
    assert err.splitlines()[:-1] == expected
    assert err.splitlines()[-1] == f"build failed: {len(expected)} error(s); nothing was written"
    assert "Traceback" not in err


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """A test site built once; each case breaks it, builds again, and restores it."""
    root = write_site(tmp_path_factory.mktemp("untouched") / "site", {})
    out = root.parent / "out"
    from explainer.cli import main

    assert main(["--project", str(root), "--out", str(out)]) == 0
    return root, out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", CASES)
def test_failed_build_leaves_output_untouched(name, good_build, run_cli):
    root, out = good_build
    before = snapshot(out)
    files, _ = CASES[name]
    saved = {rel: (root / rel).read_bytes() if (root / rel).exists() else None for rel in files}
    try:
        write_site(root, files)
        for rel, data in files.items():
            if data is None:
                (root / rel).unlink()
        status, _, _ = run_cli("--project", str(root), "--out", str(out))
    finally:
        for rel, data in saved.items():
            if data is None:
                (root / rel).unlink(missing_ok=True)
            else:
                (root / rel).write_bytes(data)
    assert status == 1
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["out", "site"]


def test_symlink_out_of_the_project_is_refused(make_site, run_cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for publishing")
    root = make_site()
    for folder in ("content", "static", "templates"):
        os.symlink(secret, root / folder / "leak.md")
    status, _, err = run_cli("--project", str(root), "check")
    assert status == 1
    assert err.splitlines()[:3] == [
        f"{folder}/leak.md: error: {folder}/leak.md is a symlink to {secret}, outside the project; copy the file in instead"
        for folder in ("content", "static", "templates")
    ]


def test_debug_shows_a_traceback_for_internal_errors(make_site, run_cli, monkeypatch):
    import explainer.build

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(explainer.build, "write_site", broken)
    root = make_site()
    status, _, err = run_cli("--project", str(root), "--out", str(root / "_site"))
    assert (status, err) == (1, "error: internal error: RuntimeError: boom; rerun with --debug and report it\n")
    status, _, err = run_cli("--project", str(root), "--out", str(root / "_site"), "--debug")
    assert status == 1 and "Traceback" in err and "RuntimeError: boom" in err


def section(body: str) -> dict[str, str]:
    """The test site with alpha.md's text replaced by `body` (which starts on line 6)."""
    return {"content/alpha.md": f"---\ntheme: alpha\ntitle: Alpha section\nplaces: [islamabad]\n---\n{body}"}


EVENT_WITH_TEXT = "events:\n  - id: one\n    title: First event\n    date: 2021-04-06\n    theme: alpha\n    places: [islamabad]\n    text: {text}\n"
ALLOWED = "use Markdown, or one of the tags abbr, q, cite, sub, sup and br"
# Markup the page would drop: a warning each (`check` passes, `check --strict` fails), pointing at the line in the file.
WARNINGS = {
    "level-1 heading": (
        section("Text.\n\n# Big news\n"),
        [
            "content/alpha.md:8:1: warning: a '#' heading (level 1) is not used in a section, so its text would show as a plain line; write '### Big news' (or '####' below a '###')"
        ],
    ),
    "level-2, 5 and 6 headings": (
        section("## Two\n\n##### Five\n\n###### Six\n\n### Three\n\n#### Four\n"),
        [
            "content/alpha.md:6:1: warning: a '##' heading (level 2) is not used in a section, so its text would show as a plain line; write '### Two' (or '####' below a '###')",
            "content/alpha.md:8:1: warning: a '#####' heading (level 5) is not used in a section, so its text would show as a plain line; write '### Five' (or '####' below a '###')",
            "content/alpha.md:10:1: warning: a '######' heading (level 6) is not used in a section, so its text would show as a plain line; write '### Six' (or '####' below a '###')",
        ],
    ),
    "underlined heading": (
        section("Text.\n\nA heading\n=========\n\nMore text.\n\n---\n"),
        [
            "content/alpha.md:9:1: warning: this underline makes the line above a level-1 heading, which is not used in a section; write '### A heading' instead, or leave a blank line above a '---' rule"
        ],
    ),
    "image": (
        section('A map: ![the route](maps/route.png "Route").\n'),
        [
            "content/alpha.md:6:8: warning: images are not shown: '![the route](…)' is removed with its text; link to the picture instead: '[the route](maps/route.png)'"
        ],
    ),
    "raw HTML tags and attributes": (
        section(
            'Text with <span class="x">a span</span>,\n<abbr title="t" style="color: red">AB</abbr> and <q>a quote</q>.\n\n<script>alert(1)</script>\n'
        ),
        [
            "content/alpha.md:6:11: warning: the HTML tag <span> is not allowed: the tag is removed, its text kept; "
            + ALLOWED,
            "content/alpha.md:7:1: warning: the attribute 'style' on <abbr> is removed; <abbr> may have title",
            "content/alpha.md:9:1: warning: the HTML tag <script> is not allowed: it is removed with everything inside it; "
            + ALLOWED,
        ],
    ),
    "unsafe links": (
        section('[Click](javascript:alert(1)) or <a href="data:text/html,x">this</a>.\n'),
        [
            "content/alpha.md:6:9: warning: a link to a 'javascript:' address is removed; link with http, https or mailto, to an #anchor or to a relative path",
            "content/alpha.md:6:33: warning: a link to a 'data:' address is removed; link with http, https or mailto, to an #anchor or to a relative path",
        ],
    ),
    "markup in an event's text": (
        {"content/events.yaml": EVENT_WITH_TEXT.format(text="'A <span>box</span> here.'")},
        [
            "content/events.yaml:7:11: warning: the HTML tag <span> is not allowed: the tag is removed, its text kept; "
            + ALLOWED
        ],
    ),
    "markup in an update's text, on several lines": (
        {
            "content/updates.yaml": "updates:\n  - date: 2021-05-01\n    text: >-\n      A picture:\n      ![a photo](photo.jpg)\n",
            "site.yaml": SITE_YAML + "updated: 2021-05-01\n",
        },
        [
            "content/updates.yaml:3:11: warning: images are not shown: '![a photo](…)' is removed with its text; link to the picture instead: '[a photo](photo.jpg)'"
        ],
    ),
    "bidi override in Markdown": (
        section("Pay \u202egnp.exe\u202c now.\n"),
        [
            "content/alpha.md:6:5: warning: the file holds U+202E (right-to-left override), which can make the text read otherwise than it shows; delete it unless the text needs it"
        ],
    ),
    "bidi override as a YAML escape": (
        {"site.yaml": SITE_YAML.replace("byline: Test desk", 'byline: "Test \\u2066desk"')},
        [
            "site.yaml:5:9: warning: 'byline' holds U+2066 (left-to-right isolate), which can make the text read otherwise than it shows; delete it unless the text needs it"
        ],
    ),
    "control character reference in Markdown": (
        {
            "content/updates.yaml": "updates:\n  - date: 2021-05-01\n    text: A note &#1; and &#x202E;.\n",
            "site.yaml": SITE_YAML + "updated: 2021-05-01\n",
        },
        [
            "content/updates.yaml:3:11: warning: the character reference &#1; stands for U+0001 (a control character), which the page cannot hold; it is removed, delete it",
            "content/updates.yaml:3:11: warning: the character reference &#x202E; stands for U+202E (right-to-left override), which can make the text read otherwise than it shows; delete it unless the text needs it",
        ],
    ),
}


@pytest.mark.parametrize("name", WARNINGS)
def test_dropped_markup_is_warned_about_and_strict_fails(name, make_site, run_cli):
    files, expected = WARNINGS[name]
    root = make_site(files)
    status, out, err = run_cli("--project", str(root), "check")
    assert (status, err.splitlines()) == (0, expected)
    status, out, err = run_cli("--project", str(root), "check", "--strict")
    assert status == 1
    assert err.splitlines()[:-1] == [line.replace(": warning: ", ": error: ", 1) for line in expected]


def test_markup_the_page_keeps_gets_no_warning(make_site, run_cli):
    body = (
        '### Three\n\n#### Four\n\nText with *em*, <abbr title="x">X</abbr>, <q cite="https://example.org">q</q>, H<sub>2</sub>O,'
        " [a link](https://example.org), [an anchor](#place-kabul), <https://example.org> and `<b>code</b>`.\n\n"
        "```\n# a comment in code\n<script>\n```\n\n    <iframe> in indented code\n\n- a list\n---\n\nA line\n\n---\n"
    )
    root = make_site(section(body))
    assert run_cli("--project", str(root), "check", "--strict")[0] == 0


@pytest.mark.parametrize("updated", ["2021-04-30", "2021-05-02"])
def test_updated_must_equal_the_newest_update(updated, make_site, run_cli):
    root = make_site(
        {
            "content/updates.yaml": "updates:\n  - date: 2021-05-01\n    text: A note.\n",
            "site.yaml": SITE_YAML + f"updated: {updated}\n",
        }
    )
    status, _, err = run_cli("--project", str(root), "check")
    assert status == 1
    assert err.splitlines()[0] == (
        f"content/updates.yaml:2:5: error: the newest update is dated 2021-05-01 but site.yaml's 'updated' is {updated}; set 'updated: 2021-05-01' in site.yaml"
    )


def test_text_with_invisible_characters_still_builds_well_formed_files(make_site):
    """What passes with warnings (bidi controls, character references to control characters) leaves feed.xml,
    sitemap.xml and every HTML file well-formed."""
    from explainer.build import render_site

    from .wellformed import assert_well_formed

    root = make_site(
        {
            "site.yaml": SITE_YAML + "updated: 2021-05-01\n",
            "content/updates.yaml": "updates:\n  - date: 2021-05-01\n    text: 'A note &#1; &#x7f; &#x85; &#xFFFF; and \u202e&#x202E;.'\n",
            "content/alpha.md": ALPHA_MD.replace("Alpha text.", "Alpha &#11; text &#0; and &#xD800;."),
        }
    )
    result = render_site(root)
    assert_well_formed(result.files)
    assert b"A note" in result.files["feed.xml"]
    assert len(result.warnings) >= 5


@pytest.mark.parametrize("target", ["content/loop.md", "static/css/loop"])
def test_a_symlink_loop_is_an_error_not_a_crash(target, make_site, run_cli):
    root = make_site()
    (root / target).symlink_to(root / target)
    status, _, err = run_cli("--project", str(root), "check")
    assert (status, err.splitlines()[0]) == (
        1,
        f"{target}: error: {target} is a symlink that leads back to itself (a loop); remove it, or point it at a file",
    )


def refuse_reading(monkeypatch, path: Path) -> None:
    """Make `path` unreadable: chmod 0, and, for root, whom permissions do not stop, the system call's refusal itself."""
    path.chmod(0)
    if os.geteuid() == 0:
        import io

        real_open, real_io_open, real_scandir = os.open, io.open, os.scandir

        def refusing(opener):
            def call(target, *args, **kwargs):
                if os.fspath(target) == str(path):
                    raise PermissionError(13, "Permission denied", str(path))
                return opener(target, *args, **kwargs)

            return call

        monkeypatch.setattr(os, "open", refusing(real_open))
        monkeypatch.setattr(io, "open", refusing(real_io_open))
        monkeypatch.setattr(os, "scandir", refusing(real_scandir))


def test_an_unreadable_file_is_an_error_not_a_crash(make_site, run_cli, monkeypatch):
    root = make_site()
    refuse_reading(monkeypatch, root / "content/beta.md")
    status, _, err = run_cli("--project", str(root), "check")
    assert (status, err.splitlines()[0]) == (
        1,
        "content/beta.md: error: content/beta.md cannot be read (permission denied); make it readable, such as with chmod a+r content/beta.md",
    )


def test_an_unreadable_static_folder_fails_the_build(make_site, run_cli, monkeypatch, tmp_path):
    root = make_site({"static/images/logo.png": b"\x89PNG fake"})
    out = tmp_path / "out"
    assert run_cli("--project", str(root), "--out", str(out))[0] == 0
    refuse_reading(monkeypatch, root / "static/images")
    status, _, err = run_cli("--project", str(root), "--out", str(out))
    assert (status, err.splitlines()[0]) == (
        1,
        "static/images: error: the folder static/images cannot be listed (permission denied); make it readable, such as with chmod a+rx static/images",
    )
    assert (out / "static/images/logo.png").read_bytes() == b"\x89PNG fake"


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("{root}/site.yaml/out", "the output path is below the file {root}/site.yaml; choose a folder"),
        ("/proc/out", "refusing to build into /proc, the system's own folder; choose a folder such as _site"),
        ("/proc/self/out", "refusing to build into /proc, the system's own folder; choose a folder such as _site"),
        ("/sys/out", "refusing to build into /sys, the system's own folder; choose a folder such as _site"),
    ],
)
def test_out_below_a_file_or_in_the_system_folders_is_refused(out, message, make_site, run_cli):
    root = make_site()
    out = out.format(root=root)
    status, _, err = run_cli("--project", str(root), "--out", out)
    assert (status, err.splitlines()[0]) == (1, f"{Path(out).resolve()}: error: {message.format(root=root)}")


def test_a_project_without_templates_is_told_to_copy_them_from_a_starter(make_site, run_cli, tmp_path):
    root = make_site({})
    shutil.rmtree(root / "templates")
    status, _, err = run_cli("--project", str(root), "check")
    assert status == 1
    assert err.splitlines() == [
        "templates/: error: the project has no templates/ folder, which the page is made from; copy it from a starter explainer: python build.py new ../starter, then copy ../starter/templates/ into this project",
        "build failed: 1 error(s); nothing was written",
    ]
    # The command the message names writes the templates it says to copy.
    assert run_cli("new", str(root.parent / "starter"))[0] == 0
    shutil.copytree(root.parent / "starter" / "templates", root / "templates")
    assert run_cli("--project", str(root), "check", "--strict")[0] == 0


@pytest.mark.parametrize("kind", ["css", "js"])
def test_static_without_styles_or_script_warns_what_the_page_will_lack(kind, make_site, run_cli):
    root = make_site({})
    shutil.rmtree(root / "static" / kind)
    status, _, err = run_cli("--project", str(root), "check")
    assert status == 0
    (warning,) = err.splitlines()
    assert warning.startswith(
        f"static/: warning: static/ has no {kind}/ folder of .{kind} files, so assets/site.{kind} will be empty: the page will "
    )
    assert warning.endswith(
        f"; copy it from a starter explainer: python build.py new ../starter, then copy ../starter/static/{kind}/ into this project"
    )
    assert run_cli("--project", str(root), "check", "--strict")[0] == 1
