"""The model: round trips through the converter, YAML, JSON and files; immutability; strictness."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import (
    DATASET_SETTINGS,
    citations,
    countries,
    datasets,
    events,
    organizations,
    partial_dates,
    persons,
    records,
    relationships,
    roles,
    sources,
)

import geoalign
from geoalign.formats.convert import field_errors, structure, unstructure
from geoalign.loading.files import Records
from geoalign.model.edtf import EDTF_FORMS
from geoalign.model.kinds import Confidence, EventKind, OrganizationKind, RelationshipKind
from geoalign.model.records import (
    COLLECTIONS,
    Citation,
    Country,
    Event,
    Organization,
    Person,
    Relationship,
    Role,
    Source,
)
from geoalign.store.dataset import Dataset

RECORD_STRATEGIES: list[tuple[type, st.SearchStrategy[Any]]] = [
    (Citation, citations()),
    (Source, sources()),
    (Country, countries()),
    (Organization, organizations()),
    (Role, roles()),
    (Person, persons()),
    (Relationship, relationships()),
    (Event, events()),
]
every_record_type = pytest.mark.parametrize(
    ("cls", "strategy"), RECORD_STRATEGIES, ids=[cls.__name__ for cls, _ in RECORD_STRATEGIES]
)


def _yaml_text(data: Any) -> str:
    # PyYAML's emitter mangles some characters (a trailing U+0085) when allowed to write
    # them raw; escaped, every string survives.  That is PyYAML's business, not ours.
    return yaml.safe_dump(data, allow_unicode=False, sort_keys=False)


def _assert_round_trips(value: object, cls: type) -> None:
    """Through the converter alone, through YAML text and through JSON text."""
    plain = unstructure(value)
    assert structure(plain, cls) == value
    assert structure(yaml.safe_load(_yaml_text(plain)), cls) == value
    assert structure(json.loads(json.dumps(plain)), cls) == value


# -- round trips ---------------------------------------------------------------------------


@every_record_type
@given(data=st.data())
def test_every_record_type_round_trips(cls: type, strategy: Any, data: st.DataObject) -> None:
    _assert_round_trips(data.draw(strategy), cls)


@DATASET_SETTINGS
@given(records())
def test_records_and_datasets_round_trip_as_plain_data(value: Records) -> None:
    dataset = Dataset._from_records(value)
    _assert_round_trips(value, Records)
    _assert_round_trips(dataset, Dataset)
    plain = dataset.to_dict()
    assert plain == unstructure(dataset)
    assert _only_plain_types(plain)


@given(partial_dates())
def test_dates_unstructure_to_their_iso_text(d: geoalign.PartialDate) -> None:
    assert unstructure(d) == str(d)
    assert structure(str(d), geoalign.PartialDate) == d


def _only_plain_types(value: object) -> bool:
    """Whether the value is what YAML and JSON hold: text in lists and text-keyed dicts."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _only_plain_types(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_only_plain_types(v) for v in value)
    return isinstance(value, str)


def _jsonl_text(dataset: Dataset) -> str:
    lines = [
        json.dumps({"type": COLLECTIONS[name], **row})
        for name, rows in dataset.to_dict().items()
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def _load_files(files: dict[str, str]) -> Dataset:
    """Write the files to a fresh directory and load it (alone, without the bundled data)."""
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            Path(folder, name).write_text(text, encoding="utf-8")
        target = Path(folder, *files) if len(files) == 1 else Path(folder)
        return geoalign.load(target, include_bundled=False)


@DATASET_SETTINGS
@given(datasets())
def test_a_dataset_written_to_files_loads_back_equal(dataset: Dataset) -> None:
    plain = dataset.to_dict()
    layouts = [
        {"dataset.yaml": _yaml_text(plain)},
        {"dataset.jsonl": _jsonl_text(dataset)},
        {f"{name}.yml": _yaml_text({name: rows}) for name, rows in plain.items()},
    ]
    for files in layouts:
        loaded = _load_files(files)
        assert loaded == dataset
        # YAML gave lists; what a user holds is frozen through and through.
        _assert_immutable(loaded)
        _assert_immutable(loaded._as_records())


# -- immutability ----------------------------------------------------------------------------


def _assert_immutable(value: object) -> None:
    first_field = attrs.fields(type(value))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, first_field, getattr(value, first_field))
    assert not hasattr(value, "__dict__")
    assert hash(value) == hash(attrs.evolve(value))
    assert _mutable_parts(value) == []


@every_record_type
@given(data=st.data())
def test_records_are_frozen_slotted_and_hashable(
    cls: type, strategy: Any, data: st.DataObject
) -> None:
    _assert_immutable(data.draw(strategy))


def _mutable_parts(value: object) -> list[object]:
    """Lists, dicts and sets anywhere inside a record's public fields."""
    if isinstance(value, list | dict | set):
        return [value]
    if isinstance(value, tuple):
        return [part for item in value for part in _mutable_parts(item)]
    if attrs.has(type(value)):
        return [
            part
            for field in attrs.fields(type(value))
            if field.init
            for part in _mutable_parts(getattr(value, field.name))
        ]
    return []


# -- vocabularies ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(RelationshipKind))
def test_every_relationship_kind_has_both_traits(kind: RelationshipKind) -> None:
    assert type(kind.directed) is bool
    assert type(kind.alignment) is bool


@pytest.mark.parametrize(
    ("kind", "directed", "alignment"),
    [
        (RelationshipKind.ALLIANCE, False, True),
        (RelationshipKind.MILITARY_SUPPORT, True, True),
        (RelationshipKind.MEMBERSHIP, True, True),
        (RelationshipKind.ENERGY_COOPERATION, False, False),
        (RelationshipKind.SANCTIONS, True, False),
        (RelationshipKind.NON_SANCTIONING, True, False),
        (RelationshipKind.ASYLUM, True, False),
        (RelationshipKind.HOSTILITY, False, False),
    ],
)
def test_relationship_kind_traits(kind: RelationshipKind, directed: bool, alignment: bool) -> None:
    assert (kind.directed, kind.alignment) == (directed, alignment)


@pytest.mark.parametrize("enum", [Confidence, EventKind, OrganizationKind, RelationshipKind])
def test_enum_values_are_stable_lowercase_strings(enum: type) -> None:
    for member in enum:
        assert member.value == member.name.lower()


# -- strict structuring ----------------------------------------------------------------------

COUNTRY = {"id": "SRB", "name": "Serbia"}
EVENT = {
    "id": "hama-falls",
    "date": "2024-12-05",
    "kind": "capture",
    "actors": ["hts"],
    "confidence": "confirmed",
    "summary": "HTS takes Hama.",
    "citations": [{"source": "s1", "quote": "rebels took Hama"}],
}


def _errors(data: object, cls: type) -> list[tuple[str, str]]:
    with pytest.raises(Exception) as info:  # noqa: PT011 - cattrs raises many kinds
        structure(data, cls)
    return sorted(field_errors(info.value))


@pytest.mark.parametrize(
    ("data", "cls", "expected"),
    [
        ({**COUNTRY, "capital": "Belgrade"}, Country, [("capital", "unknown field 'capital'")]),
        (
            {**EVENT, "citations": [{"source": "s1", "quote": "q", "page": 3}]},
            Event,
            [("citations[0].page", "unknown field 'page'")],
        ),
        ({**COUNTRY, "aliases": "RS"}, Country, [("aliases", "expected a list, got str 'RS'")]),
        ({**EVENT, "actors": "hts"}, Event, [("actors", "expected a list, got str 'hts'")]),
        (
            {**COUNTRY, "aliases": None},
            Country,
            [("aliases", "expected a list, got NoneType None")],
        ),
        ({**COUNTRY, "name": 381}, Country, [("name", "expected text, got int 381")]),
        ({**COUNTRY, "name": True}, Country, [("name", "expected text, got bool True")]),
        ({**COUNTRY, "name": 1.5}, Country, [("name", "expected text, got float 1.5")]),
        ({**COUNTRY, "aliases": ["RS", 7]}, Country, [("aliases[1]", "expected text, got int 7")]),
        ({**COUNTRY, "name": "  "}, Country, [("name", "must not be empty")]),
        ({**COUNTRY, "name": ""}, Country, [("name", "must not be empty")]),
        ({**EVENT, "summary": "\n\t"}, Event, [("summary", "must not be empty")]),
        ({"id": "SRB"}, Country, [("name", "missing required field")]),
        (
            {**EVENT, "date": "2024-12-32"},
            Event,
            [("date", "'2024-12-32' is not a valid date: day is out of range for month")],
        ),
        (
            {**EVENT, "date": 2024.5},
            Event,
            [("date", f"expected a date ({EDTF_FORMS}), got float 2024.5")],
        ),
        (
            {**EVENT, "confidence": "certain"},
            Event,
            [
                (
                    "confidence",
                    "'certain' is not a known confidence "
                    f"(one of: {', '.join(c.value for c in Confidence)})",
                )
            ],
        ),
    ],
)
def test_strict_structuring(data: object, cls: type, expected: list[tuple[str, str]]) -> None:
    assert _errors(data, cls) == expected


@pytest.mark.parametrize(
    ("enum", "field", "data"),
    [
        (OrganizationKind, "kind", {"id": "x", "name": "X", "kind": "gang"}),
        (EventKind, "kind", {**EVENT, "kind": "coup"}),
        (Confidence, "confidence", {**EVENT, "confidence": "CONFIRMED"}),
    ],
)
def test_a_bad_enum_value_lists_the_allowed_ones(
    enum: type, field: str, data: dict[str, Any]
) -> None:
    cls = Organization if enum is OrganizationKind else Event
    [(where, message)] = _errors(data, cls)
    assert where == field
    assert message.startswith(f"{data[field]!r} is not a known ")
    assert message.endswith("(one of: " + ", ".join(m.value for m in enum) + ")")


@pytest.mark.parametrize(
    ("data", "cls", "expected"),
    [
        ({"id": "x", "name": "X", "roles": [["President"]]}, Person, "roles[0]"),
        ({**EVENT, "citations": ["s1"]}, Event, "citations[0]"),
    ],
)
def test_a_non_mapping_where_a_record_belongs_is_named_plainly(
    data: object, cls: type, expected: str
) -> None:
    [(where, message)] = _errors(data, cls)
    assert where == expected
    assert message.startswith("expected a mapping")
