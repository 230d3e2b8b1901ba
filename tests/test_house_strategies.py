"""The test strategies draw every field of the model, read from its registry: a field
added to a record class is generated with no change to tests/strategies.py."""

from __future__ import annotations

import warnings

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NonInteractiveExampleWarning
from tests import strategies

from geoalign.model.kinds import EventKind
from geoalign.model.records import (
    ACTOR_COLLECTIONS,
    RECORD_CLASSES,
    Citation,
    Relationship,
    Role,
    refers_to,
)

STRATEGIES: dict[type, st.SearchStrategy[object]] = {
    **{cls: getattr(strategies, name)() for name, cls in RECORD_CLASSES.items()},
    Citation: strategies.citations(),
    Role: strategies.roles(),
}


def _values(strategy: st.SearchStrategy[object], count: int = 200) -> list[object]:
    """``count`` draws of ``strategy``, as a run of tests would draw them."""
    drawn: list[object] = []

    @settings(max_examples=count, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def draw(value: object) -> None:
        drawn.append(value)

    draw()
    return drawn


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
def test_every_field_of_every_record_class_is_drawn(cls: type) -> None:
    # Each field takes at least two values (so a default is not all it ever holds).
    drawn = _values(STRATEGIES[cls])
    same = [
        field.name
        for field in attrs.fields(cls)
        if len({repr(getattr(value, field.name)) for value in drawn}) < 2
    ]
    assert same == []


@attrs.frozen(kw_only=True)
class WiderRelationship(Relationship):
    """A relationship with fields the model does not have (yet)."""

    witnesses: tuple[str, ...] = attrs.field(default=(), metadata=refers_to(*ACTOR_COLLECTIONS))
    theatre: str | None = None
    trigger: EventKind | None = None


def test_a_field_added_to_a_record_class_is_drawn_by_its_type_and_references() -> None:
    pools = {"actors": ["RUS", "SYR"], "sources": ["s1"]}
    drawn = _values(strategies._derived(WiderRelationship, pools), 100)
    assert {r.theatre is None for r in drawn} == {True, False}
    assert {r.trigger is None for r in drawn} == {True, False}
    # A tuple of references holds one to three ids of its pool (as an event's actors).
    assert {w for r in drawn for w in r.witnesses} == {"RUS", "SYR"}
    assert all(1 <= len(r.witnesses) <= 3 for r in drawn)
    assert {c.source for r in drawn for c in r.citations} == {"s1"}


def test_a_field_of_a_type_without_a_strategy_is_an_error_naming_it() -> None:
    @attrs.frozen(kw_only=True)
    class Counted(Relationship):
        casualties: int = 0

    with pytest.raises(
        TypeError, match=r"no strategy for Counted\.casualties of type <class 'int'>"
    ):
        strategies._derived(Counted)


def test_a_generated_dataset_s_citations_claim_without_dates_or_denials() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        cited = [strategies.citations(["s1"], ["RUS"]).example() for _ in range(30)]
    assert {c.claimed_on for c in cited} == {None}
    assert all(c.confidence in (None, *strategies.RECORD_CONFIDENCES) for c in cited)
    assert {c.claimed_by for c in cited} <= {None, "RUS"}
