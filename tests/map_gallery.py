"""The map gallery: small test stories around the world, each a site of its own (tests/test_map_gallery.py, `make bench`).

Each story is places (id, name, lat, lon) and routes (id, label, place ids, line); `gallery_site` writes it as a
complete test site with two sections (the first names every place) and an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .sites import BASE_FILES, write_site

PlaceRow = tuple[str, str, float, float]
RouteRow = tuple[str, str, tuple[str, ...], str]


@dataclass(frozen=True)
class Story:
    """One gallery story: its places, routes and language."""

    places: tuple[PlaceRow, ...]
    routes: tuple[RouteRow, ...] = ()
    language: str = "en"
    width: int = 480
    height: int = 360


GALLERY: dict[str, Story] = {
    # a South Asian story like the shipped one, but the suite's own: a visit, a pipeline and one far capital
    "south-asia": Story(
        places=(
            ("islamabad", "Islamabad", 33.6844, 73.0479),
            ("lahore", "Lahore", 31.5204, 74.3587),
            ("karachi", "Karachi", 24.8607, 67.0011),
            ("kabul", "Kabul", 34.5553, 69.2075),
            ("new-delhi", "New Delhi", 28.6139, 77.2090),
            ("tehran", "Tehran", 35.6892, 51.3890),
            ("moscow", "Moscow", 55.7558, 37.6173),
            ("beijing", "Beijing", 39.9042, 116.4074),
            ("washington", "Washington, D.C.", 38.9072, -77.0369),
        ),
        routes=(
            ("visit", "The minister's trip", ("moscow", "new-delhi", "islamabad"), "geodesic"),
            ("pipeline", "The planned pipeline", ("karachi", "lahore"), "straight"),
        ),
        width=480,
        height=400,
    ),
    "city": Story(  # places within 20 km
        places=(
            ("louvre", "Louvre", 48.8606, 2.3376),
            ("notre-dame", "Notre-Dame", 48.8530, 2.3499),
            ("eiffel", "Eiffel Tower", 48.8584, 2.2945),
            ("la-defense", "La Défense", 48.8918, 2.2380),
            ("orly", "Orly Airport", 48.7262, 2.3652),
        ),
        routes=(("walk", "The walk", ("eiffel", "louvre", "notre-dame"), "straight"),),
    ),
    "island-nation": Story(
        places=(
            ("suva", "Suva", -18.1416, 178.4419),
            ("nadi", "Nadi", -17.7765, 177.4356),
            ("labasa", "Labasa", -16.4167, 179.3833),
            ("levuka", "Levuka", -17.6833, 178.8333),
        ),
        routes=(("ferry", "The ferry", ("suva", "levuka", "labasa"), "straight"),),
    ),
    "pacific": Story(  # across 180°, from the south-west Pacific to the Americas
        places=(
            ("honiara", "Honiara", -9.4456, 159.9729),
            ("suva", "Suva", -18.1416, 178.4419),
            ("apia", "Apia", -13.8333, -171.75),
            ("papeete", "Papeete", -17.5516, -149.5585),
            ("honolulu", "Honolulu", 21.3099, -157.8581),
            ("lima", "Lima", -12.0464, -77.0428),
            ("san-francisco", "San Francisco", 37.7749, -122.4194),
        ),
        routes=(
            ("voyage", "The voyage", ("honiara", "suva", "apia", "papeete", "lima"), "geodesic"),
            ("flight", "The flight home", ("lima", "san-francisco"), "geodesic"),
        ),
    ),
    "americas": Story(  # north to south
        places=(
            ("anchorage", "Anchorage", 61.2181, -149.9003),
            ("vancouver", "Vancouver", 49.2827, -123.1207),
            ("mexico-city", "Mexico City", 19.4326, -99.1332),
            ("bogota", "Bogotá", 4.7110, -74.0721),
            ("lima", "Lima", -12.0464, -77.0428),
            ("ushuaia", "Ushuaia", -54.8019, -68.3030),
        ),
        routes=(
            (
                "highway",
                "The highway",
                ("anchorage", "vancouver", "mexico-city", "bogota", "lima", "ushuaia"),
                "geodesic",
            ),
        ),
        language="en-US",
    ),
    "europe-asia": Story(
        places=(
            ("lisbon", "Lisbon", 38.7223, -9.1393),
            ("berlin", "Berlin", 52.52, 13.405),
            ("moscow", "Moscow", 55.7558, 37.6173),
            ("almaty", "Almaty", 43.2220, 76.8512),
            ("beijing", "Beijing", 39.9042, 116.4074),
        ),
        routes=(("rail", "The rail line", ("lisbon", "berlin", "moscow", "almaty", "beijing"), "geodesic"),),
    ),
    "near-global": Story(
        places=(
            ("london", "London", 51.5072, -0.1276),
            ("nairobi", "Nairobi", -1.2921, 36.8219),
            ("tokyo", "Tokyo", 35.6762, 139.6503),
            ("sydney", "Sydney", -33.8688, 151.2093),
            ("buenos-aires", "Buenos Aires", -34.6037, -58.3816),
        ),
        routes=(("tour", "The tour", ("london", "nairobi", "tokyo", "sydney", "buenos-aires"), "geodesic"),),
    ),
    "arctic": Story(
        places=(
            ("longyearbyen", "Longyearbyen", 78.2232, 15.6267),
            ("tromso", "Tromsø", 69.6492, 18.9553),
            ("murmansk", "Murmansk", 68.9585, 33.0827),
            ("nuuk", "Nuuk", 64.1814, -51.6941),
            ("utqiagvik", "Utqiaġvik", 71.2906, -156.7886),
        ),
        routes=(("sea-route", "The sea route", ("murmansk", "tromso", "longyearbyen"), "geodesic"),),
    ),
    "antarctica": Story(
        places=(
            ("mcmurdo", "McMurdo Station", -77.8419, 166.6863),
            ("south-pole", "South Pole", -90.0, 0.0),
            ("palmer", "Palmer Station", -64.7743, -64.0538),
            ("mawson", "Mawson Station", -67.6027, 62.8738),
        ),
        routes=(("traverse", "The traverse", ("mcmurdo", "south-pole"), "geodesic"),),
    ),
    "single-place": Story(places=(("reykjavik", "Reykjavík", 64.1466, -21.9426),)),
    "north-china": Story(  # labels in Chinese characters, each a full em wide
        places=(
            ("beijing", "北京", 39.9042, 116.4074),
            ("tianjin", "天津", 39.0842, 117.2010),
            ("tangshan", "唐山", 39.6292, 118.1742),
            ("baoding", "保定", 38.8740, 115.4646),
        ),
        routes=(("rail", "城际铁路", ("beijing", "tianjin", "tangshan"), "straight"),),
        language="zh-Hans",
    ),
    # a national story with four places in and around its capital, a few km apart: they get a detail inset
    "capital-cluster": Story(
        places=(
            ("kyiv", "Kyiv", 50.4501, 30.5234),
            ("irpin", "Irpin", 50.5218, 30.2506),
            ("bucha", "Bucha", 50.5433, 30.2120),
            ("hostomel", "Hostomel", 50.5693, 30.2650),
            ("lviv", "Lviv", 49.8397, 24.0297),
            ("kharkiv", "Kharkiv", 49.9935, 36.2304),
        ),
        routes=(("train", "The train", ("lviv", "kyiv", "kharkiv"), "straight"),),
        height=440,  # Bucha and Irpin set a tap target apart take an inset about 60% of the map wide and half as tall
    ),
    # two places in one city on a regional map: two markers on top of each other are as unreadable as three
    "two-place-cluster": Story(
        places=(
            ("edinburgh", "Edinburgh", 55.9533, -3.1883),
            ("leith", "Leith", 55.9755, -3.1665),
            ("glasgow", "Glasgow", 55.8642, -4.2518),
            ("aberdeen", "Aberdeen", 57.1497, -2.0943),
            ("inverness", "Inverness", 57.4778, -4.2247),
        ),
    ),
    # two tight clusters on one map: the larger (Brussels, Antwerp, Ghent) gets the detail inset; the other
    # (Geneva, Lausanne) stays on the main map, its labels set off by leader lines
    "two-clusters": Story(
        places=(
            ("brussels", "Brussels", 50.8503, 4.3517),
            ("antwerp", "Antwerp", 51.2194, 4.4025),
            ("ghent", "Ghent", 51.0543, 3.7174),
            ("luxembourg", "Luxembourg", 49.6116, 6.1319),
            ("paris", "Paris", 48.8566, 2.3522),
            ("geneva", "Geneva", 46.2044, 6.1432),
            ("lausanne", "Lausanne", 46.5197, 6.6323),
        ),
        routes=(("tour", "The tour", ("paris", "brussels", "luxembourg", "geneva"), "straight"),),
    ),
}

# The stories whose tight cluster of places is drawn again, magnified, in a detail inset: name -> the cluster.
CLUSTERS: dict[str, frozenset[str]] = {
    # at the map's scale these are nearer than a tap target (Islamabad and Lahore about 13 CSS px apart at 320 px)
    "south-asia": frozenset({"islamabad", "lahore", "kabul", "new-delhi"}),
    "city": frozenset({"louvre", "notre-dame"}),  # 1.2 km apart on a map 20 km across
    "capital-cluster": frozenset({"kyiv", "irpin", "bucha", "hostomel"}),
    "two-place-cluster": frozenset({"edinburgh", "leith"}),
    "two-clusters": frozenset({"brussels", "antwerp", "ghent"}),
}

# The stories with a second tight cluster, left on the main map: name -> its places, each label leader-lined.
CROWDED: dict[str, frozenset[str]] = {"two-clusters": frozenset({"geneva", "lausanne"})}


def site_yaml(story: Story) -> str:
    """The site.yaml of a gallery story."""
    places = "".join(
        f'  - id: {pid}\n    name: "{name}"\n    lat: {lat}\n    lon: {lon}\n' for pid, name, lat, lon in story.places
    )
    routes = "".join(
        f"  - id: {rid}\n    label: {label}\n    theme: alpha\n    places: [{', '.join(stops)}]\n    line: {line}\n"
        for rid, label, stops, line in story.routes
    )
    return (
        "title: A gallery map\ndek: A test story for the map.\n"
        f"language: {story.language}\npublished: 2021-04-07\nbyline: The test desk\n"
        "source:\n  name: A test article\nbase_url: https://example.org/gallery/\n"
        "themes:\n  - id: alpha\n    label: Alpha\n  - id: beta\n    label: Beta\n"
        f"places:\n{places}"
        + (f"routes:\n{routes}" if routes else "")
        + f"map:\n  width: {story.width}\n  height: {story.height}\n"
    )


def gallery_site(root: Path, story: Story) -> Path:
    """Write a gallery story as a complete test site under root."""
    first, last = story.places[0][0], story.places[-1][0]
    every = ", ".join(pid for pid, *_ in story.places)
    return write_site(
        root,
        {
            **{name: None for name in BASE_FILES},
            "site.yaml": site_yaml(story),
            "content/alpha.md": f"---\ntheme: alpha\ntitle: Alpha section\nplaces: [{every}]\n---\nAlpha text.\n",
            "content/beta.md": f"---\ntheme: beta\ntitle: Beta section\nplaces: [{last}]\n---\nBeta text.\n",
            "content/events.yaml": f"events:\n  - id: one\n    title: First event\n    date: 2021-04-06\n    theme: alpha\n    places: [{first}]\n",
        },
    )
