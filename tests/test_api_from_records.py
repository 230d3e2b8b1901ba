"""Dataset.from_records takes the records as a program builds them, and refuses anything
else with the library's own TypeError, naming what it takes."""

from __future__ import annotations

import pytest

import geoalign
from geoalign import Dataset
from geoalign.errors import ArgumentTypeError, DatasetError, InvalidValueError
from geoalign.model.dates import PartialDate
from geoalign.model.kinds import Confidence, RelationshipKind
from geoalign.model.records import Citation, Country, Records, Relationship, Source

SOURCE = Source(id="s1", title="t", publisher="p", published=PartialDate(2024), document="d")
FRE, SYL = Country(id="FRE", name="Freedonia"), Country(id="SYL", name="Sylvania")
TIE = Relationship(
    id="fre-syl-hostility",
    kind=RelationshipKind.HOSTILITY,
    a="FRE",
    b="SYL",
    confidence=Confidence.CONFIRMED,
    summary="War.",
    citations=(Citation(source="s1", quote="war"),),
)
RECORDS = Records(sources=(SOURCE,), countries=(FRE, SYL), relationships=(TIE,))


@pytest.mark.parametrize(
    "given",
    [
        RECORDS,
        [TIE, FRE, SOURCE, SYL],  # any order: each record goes to its collection
        iter([TIE, FRE, SOURCE, SYL]),  # read once
        {"sources": [SOURCE], "countries": [FRE, SYL], "relationships": (TIE,)},
        Records(sources=[SOURCE], countries=[FRE, SYL], relationships=[TIE]),  # type: ignore[arg-type]
    ],
    ids=["records", "list", "iterator", "mapping", "records-of-lists"],
)
def test_every_form_gives_the_same_dataset(given: object) -> None:
    dataset = Dataset.from_records(given)  # type: ignore[arg-type]
    assert dataset == Dataset._from_records(RECORDS)
    for name in ("sources", "countries", "relationships", "events"):
        assert type(getattr(dataset, name)) is tuple  # no list of the caller's to change


def test_a_dataset_built_by_hand_keeps_tuples() -> None:
    countries = [FRE, SYL]
    dataset = Dataset([SOURCE], countries, [], [], [TIE], [])  # type: ignore[arg-type]
    countries.append(Country(id="ZZZ", name="Z"))
    assert dataset.countries == (FRE, SYL)
    assert dataset.allies_of("FRE", kinds="hostility") == (SYL,)


def test_the_records_are_still_checked() -> None:
    with pytest.raises(DatasetError) as caught:
        Dataset.from_records([FRE, TIE])  # no source, no SYL
    assert {p.code for p in caught.value.problems} == {"dangling-reference"}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            5,
            r"records must be a Records, a mapping of collection names to records, or an "
            r"iterable of records \(Source, Country, Organization, Person, Relationship, Event\), "
            r"got int 5",
        ),
        ("FRE", r"records must be a Records, .* got str 'FRE'"),
        (FRE, r"records must be a Records, .* got Country"),
        (None, r"records must be a Records, .* got NoneType None"),
        ([FRE, {"id": "SYL"}], r"records\[1\] must be a geoalign record \(Source, .*\), got dict"),
        (
            {"countries": [TIE]},
            r"records\['countries'\]\[0\] must be a geoalign Country, got "
            r"Relationship",
        ),
        ({"countries": FRE}, r"records\['countries'\] must be an iterable of Country, got Country"),
        ({"countries": "FRE"}, r"records\['countries'\] must be an iterable of Country, got str"),
        (
            Records(countries=(FRE, SOURCE)),
            r"records\.countries\[1\] must be a geoalign Country, "  # type: ignore[arg-type]
            r"got Source",
        ),
    ],
)
def test_anything_else_is_an_argument_type_error(given: object, message: str) -> None:
    with pytest.raises(ArgumentTypeError, match=message) as caught:
        Dataset.from_records(given)  # type: ignore[arg-type]
    assert isinstance(caught.value, TypeError)
    assert isinstance(caught.value, geoalign.GeoalignError)


def test_a_key_that_names_no_collection_is_an_invalid_value() -> None:
    with pytest.raises(
        InvalidValueError,
        match=r"records: 'country' is not a collection \(one of: "
        r"sources, countries, organizations, persons, relationships, events\)",
    ):
        Dataset.from_records({"sources": [SOURCE], "country": [FRE]})


def test_a_dataset_built_by_hand_names_the_field() -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=r"Dataset\.countries\[0\] must be a geoalign "
        r"Country, got str 'FRE'",
    ):
        Dataset((), ("FRE",), (), (), (), ())  # type: ignore[arg-type]
