"""The record arguments of tie_span, tie_certainty and event_certainty are typed."""

from __future__ import annotations

import pytest

import geoalign
from geoalign.errors import ArgumentTypeError


@pytest.mark.parametrize("value", ["usa-nis-sanctions", 5, None, object()])
def test_a_relationship_argument_that_is_no_relationship_is_an_argument_type_error(
    value: object,
) -> None:
    ds = geoalign.load()
    with pytest.raises(ArgumentTypeError, match="relationship must be a geoalign Relationship"):
        ds.tie_span(value)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="relationship must be a geoalign Relationship"):
        ds.tie_certainty(value, "2024")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["assad-flees-syria", 5, None])
def test_an_event_argument_that_is_no_event_is_an_argument_type_error(value: object) -> None:
    ds = geoalign.load()
    with pytest.raises(ArgumentTypeError, match="event must be a geoalign Event"):
        ds.event_certainty(value)  # type: ignore[arg-type]


def test_a_relationship_of_another_dataset_is_an_unknown_record() -> None:
    ds = geoalign.load()
    tie = ds.get("usa-nis-sanctions")
    assert isinstance(tie, geoalign.Relationship)
    with pytest.raises(geoalign.UnknownRecordError):
        ds.known_on("2000").tie_span(tie)  # no source published by 2000 cites it


def test_a_dataset_built_by_hand_with_a_dangling_reference_is_a_dataset_error() -> None:
    from geoalign.model.kinds import Confidence, RelationshipKind
    from geoalign.model.records import Citation, Country

    tie = geoalign.Relationship(
        id="t",
        kind=RelationshipKind.ALLIANCE,
        a="AAA",
        b="BBB",
        confidence=Confidence.CONFIRMED,
        summary="s",
        citations=(Citation(source="nosrc", quote="q"),),
    )
    with pytest.raises(geoalign.DatasetError) as caught:
        geoalign.Dataset((), (Country(id="AAA", name="A"),), (), (), (tie,), ())
    assert {p.code for p in caught.value.problems} == {"dangling-reference"}
    assert {p.field for p in caught.value.problems} == {"b", "citations[0].source"}


def test_a_dataset_built_by_hand_with_only_a_dangling_actor_is_refused() -> None:
    # The index alone does not trip on it (it answered (None,) before): checked as loaded.
    from geoalign import Citation, Confidence, Country, RelationshipKind

    source = geoalign.Source(
        id="s1", title="t", publisher="p", published=geoalign.PartialDate(2024), document="d"
    )
    tie = geoalign.Relationship(
        id="t",
        kind=RelationshipKind.ALLIANCE,
        a="AAA",
        b="ZZZ",
        confidence=Confidence.CONFIRMED,
        summary="s",
        citations=(Citation(source="s1", quote="q"),),
    )
    with pytest.raises(geoalign.DatasetError) as caught:
        geoalign.Dataset((source,), (Country(id="AAA", name="A"),), (), (), (tie,), ())
    assert [(p.code, p.field) for p in caught.value.problems] == [("dangling-reference", "b")]
