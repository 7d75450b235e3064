"""Record gives the model's frozen dataclasses the equality, hashing and repr dataclasses would generate."""

from __future__ import annotations

import dataclasses

import pytest

from explainer.errors import Loc
from explainer.model import PartialDate, Theme


@dataclasses.dataclass(frozen=True)
class GeneratedTheme:
    """Theme as plain @dataclass(frozen=True) writes it: the reference."""

    id: str
    label: str
    loc: Loc


def test_equal_by_fields_and_class_only():
    assert PartialDate(2021, 4, 6) == PartialDate(2021, 4, 6)
    assert PartialDate(2021, 4) != PartialDate(2021, 4, 6)
    assert Theme("visit", "The visit", Loc("site.yaml", 3, 5)) != GeneratedTheme("visit", "The visit", Loc("site.yaml", 3, 5))
    assert PartialDate(2021) != (2021, None, None)


def test_hash_and_repr_as_generated():
    loc = Loc("site.yaml", 3, 5)
    ours, generated = Theme("visit", "The visit", loc), GeneratedTheme("visit", "The visit", loc)
    assert hash(ours) == hash(generated)
    assert repr(ours) == repr(generated).replace("GeneratedTheme", "Theme")
    assert len({PartialDate(2021, 4), PartialDate(2021, 4), PartialDate(2021)}) == 2


def test_still_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        PartialDate(2021).year = 2022  # type: ignore[misc]
