"""The dataset as known on a day, in public; tie_span of a record it does not hold."""

from __future__ import annotations

import attrs
import pytest

import geoalign
from geoalign.errors import InvalidDateError, UnknownRecordError
from geoalign.model.records import Relationship

DS = geoalign.load()


@pytest.mark.parametrize("day", ["2024-11-30", "2024-12-08", "2024-12"])
def test_known_on_answers_as_the_as_known_on_argument(day: str) -> None:
    known = DS.known_on(day)
    for actor in ("Russia", "Syria", "Serbia"):
        for certainty in ("definite", "possible"):
            assert known.allies_of(actor, as_of="2024-12-01", certainty=certainty) == (
                DS.allies_of(actor, as_of="2024-12-01", certainty=certainty, as_known_on=day)
            )
    assert set(known.sources) <= set(DS.sources)
    assert len(known.sources) < len(DS.sources)


def test_known_on_at_or_after_the_horizon_is_the_dataset() -> None:
    assert DS.horizon is not None
    assert DS.known_on(DS.horizon) is DS
    assert DS.known_on("2100") is DS


def test_known_on_a_bad_date() -> None:
    with pytest.raises(InvalidDateError):
        DS.known_on("2024-13")


def test_tie_span_of_an_unknown_relationship() -> None:
    stranger: Relationship = attrs.evolve(DS.relationships[0], id="no-such-tie")
    with pytest.raises(UnknownRecordError, match="no-such-tie"):
        DS.tie_span(stranger)
    uncited_then = DS.get("rus-arm-alliance")
    assert isinstance(uncited_then, Relationship)
    with pytest.raises(UnknownRecordError):
        DS.tie_span(uncited_then, as_known_on="2024-11-30")
