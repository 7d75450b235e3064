"""Two explainers about other kinds of stories than the shipped one, for tests of the generator's neutrality."""

from __future__ import annotations

ERUPTION = {
    "site.yaml": """\
title: The day the volcano cut the cable
dek: "How a submarine eruption isolated an island nation: the blast, the tsunami and the weeks offline."
language: en
published: 2022-02-01
byline: The science desk
source:
  name: Field notes from the eruption
  kind: news report
  outlet: The Island Times
  author: Sela Vake
  date: 2022-01-20
  url: https://example.org/island-times/eruption
base_url: https://example.org/eruption/
themes:
  - id: eruption
    label: The eruption
  - id: cable
    label: The cable
places:
  - id: volcano
    name: Hunga volcano
    lat: -20.545
    lon: -175.393
  - id: capital
    name: Nuku'alofa
    lat: -21.139
    lon: -175.204
people:
  - id: vake
    name: Sela Vake
    role: Volcanologist
    description: Watched the plume rise from the island's observatory.
  - id: minister
    name: Tevita Lavemaau
    role: Minister of communications
""",
    "content/alpha.md": None,
    "content/beta.md": None,
    "content/eruption.md": """\
---
theme: eruption
title: The eruption
places: [volcano]
people: [vake]
---
The volcano exploded at 17:14 local time, sending a plume 58 km high.[^1]

[^1]: Satellite measurements, as reported by the observatory.

> The plume rose higher than any we have measured.
> --- Sela Vake, volcanologist
""",
    "content/cable.md": """\
---
theme: cable
title: The cable's 47-day outage
places: [capital]
---
The only undersea cable was cut by the tsunami the blast raised.[^cut] Repairs took weeks.[^ship]

[^cut]: [The operator's statement](https://example.org/operator/cut), 16 January 2022.
[^ship]: The repair ship's log.
""",
    "content/events.yaml": """\
events:
  - id: explosion
    title: The volcano explodes
    date: 2022-01-15
    text: The blast was heard 2,000 km away.
    theme: eruption
    places: [volcano]
  - id: cable-cut
    title: The undersea cable is cut
    date: 2022-01-15
    theme: cable
    places: [capital]
    people: [minister]
    source:
      name: The Island Times
      author: Sela Vake
      date: 2022-01-16
      url: https://example.org/island-times/cable
  - id: repaired
    title: The cable is repaired
    date: 2022-02-22
    theme: cable
    places: [capital]
    source:
      name: The Island Times
      author: Sela Vake
      date: 2022-01-16
      url: https://example.org/island-times/cable
""",
}

GROUNDING = {
    "site.yaml": """\
title: Aground in the canal
dek: A container ship wedged across a canal for six days, and the queue of ships behind it.
language: en-US
published: 2021-04-01
byline: Shipping desk
source:
  name: Statement on the refloating
  kind: official statement
base_url: https://example.org/grounding/
themes:
  - id: grounding
    label: Grounding
  - id: refloating
    label: Refloating
places:
  - id: canal
    name: The canal
    lat: 30.0
    lon: 32.57
  - id: port
    name: Port
    lat: 31.26
    lon: 32.3
""",
    "content/alpha.md": None,
    "content/beta.md": None,
    "content/grounding.md": """\
---
theme: grounding
title: Wedged
summary: High winds pushed the ship into the bank.
places: [canal]
---
Winds of up to 40 knots pushed the ship across the channel.
""",
    "content/refloating.md": """\
---
theme: refloating
title: Free again
places: [port]
---
Tugs and dredgers freed the ship on the sixth day.
""",
    "content/events.yaml": """\
events:
  - id: aground
    title: The ship runs aground
    date: 2021-03-23
    theme: grounding
    places: [canal]
  - id: refloated
    title: The ship is refloated
    date: 2021-03-29
    theme: refloating
    places: [canal, port]
""",
}

STORIES = {"eruption": ERUPTION, "grounding": GROUNDING}
