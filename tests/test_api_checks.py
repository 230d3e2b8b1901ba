"""Records built in code are checked field by field as a file's records are, and load's
own arguments are checked for their types."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import geoalign
from geoalign import Dataset
from geoalign.errors import ArgumentTypeError, DatasetError
from geoalign.formats.convert import unstructure
from geoalign.model.dates import PartialDate
from geoalign.model.kinds import Confidence, RelationshipKind
from geoalign.model.records import Citation, Country, Relationship, Source

SOURCE = Source(id="s1", title="t", publisher="p", published=PartialDate(2024), document="d")
FRE, SYL = Country(id="FRE", name="Freedonia"), Country(id="SYL", name="Sylvania")
CITED = Citation(source="s1", quote="war")
TIE = Relationship(
    id="fre-syl-hostility",
    kind=RelationshipKind.HOSTILITY,
    a="FRE",
    b="SYL",
    confidence=Confidence.CONFIRMED,
    summary="War.",
    citations=(CITED,),
)


def _problems(*records: object) -> list[tuple[str | None, str | None, str]]:
    with pytest.raises(DatasetError) as caught:
        Dataset.from_records(records)  # type: ignore[arg-type]
    return [(p.record, p.field, p.code) for p in caught.value.problems]


def _file_problems(
    tmp_path: Path, data: dict[str, Any]
) -> list[tuple[str | None, str | None, str]]:
    """The problems of the same records written to a JSON Lines file and loaded."""
    lines = [{"type": "source", **unstructure(SOURCE)}]
    lines += [{"type": "country", **unstructure(c)} for c in (FRE, SYL)]
    lines.append(data)
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        geoalign.load(path, include_bundled=False)
    return [(p.record, p.field, p.code) for p in caught.value.problems]


@pytest.mark.parametrize(
    "name",
    ["Free\ndonia", "x\x1b[2J", "", "   ", "x" * 200_000, 5, None, "\ud800"],
    ids=["line-break", "escape", "empty", "blank", "long", "number", "none", "surrogate"],
)
def test_a_name_is_refused_as_a_file_refuses_it(tmp_path: Path, name: object) -> None:
    in_code = _problems(SOURCE, Country(id="FRE", name=name))  # type: ignore[arg-type]
    in_file = _file_problems(tmp_path, {"type": "country", "id": "ZZZ", "name": name})
    assert [code for _, _, code in in_code] == [code for _, _, code in in_file]
    assert in_code == [("FRE", "name", in_file[0][2])]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"kind": "ally"}, [("kind", "bad-value")]),
        ({"start": "2024-13"}, [("start", "bad-date")]),
        ({"start": []}, [("start", "bad-date")]),
        ({"citations": None}, [("citations", "wrong-type")]),
        ({"citations": "abc"}, [("citations", "wrong-type")]),
        (
            {"citations": (Citation(source="s1", quote=5),)},  # type: ignore[arg-type]
            [("citations[0].quote", "wrong-type")],
        ),
        (
            {"citations": (Citation(source="s1", quote="q", claimed_on="2024-02-30"),)},  # type: ignore[arg-type]
            [("citations[0].claimed_on", "bad-date")],
        ),
    ],
)
def test_a_wrong_field_is_a_problem_with_the_file_code(
    tmp_path: Path, fields: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    tie = attrs.evolve(TIE, **fields)
    assert _problems(SOURCE, FRE, SYL, tie) == [(TIE.id, f, c) for f, c in expected]
    plain = {"type": "relationship", **unstructure(TIE)} | {
        name: unstructure(value) for name, value in fields.items()
    }
    assert [(f, c) for _, f, c in _file_problems(tmp_path, plain)] == expected


@pytest.mark.parametrize(
    ("record", "field", "message"),
    [
        (
            attrs.evolve(SOURCE, published="2020"),
            "published",
            "expected a date (parse_edtf('2020') gives one), got str '2020'",
        ),
        (attrs.evolve(TIE, kind="hostility"), "kind", "expected a RelationshipKind, got str"),
        (attrs.evolve(TIE, start=2024), "start", "expected a date (a PartialDate or BoundedDate)"),
        (attrs.evolve(TIE, citations=[CITED]), "citations", "expected a tuple of a Citation"),
        (attrs.evolve(FRE, aliases=["Fr"]), "aliases", "expected a tuple of text, got a list"),
    ],
    ids=["date-as-text", "kind-as-text", "year-as-number", "list-of-citations", "list-of-names"],
)
def test_a_value_a_file_would_give_in_another_type_is_of_the_wrong_type(
    record: object, field: str, message: str
) -> None:
    others = [
        r for r in (SOURCE, FRE, SYL, TIE) if type(r) is not type(record) or r.id != record.id
    ]  # type: ignore[attr-defined]
    with pytest.raises(DatasetError) as caught:
        Dataset.from_records([record, *others])  # type: ignore[list-item]
    (problem,) = caught.value.problems
    assert (problem.field, problem.code) == (field, "wrong-type")
    assert problem.message.startswith(message)


def test_a_hand_built_dataset_is_checked_too() -> None:
    with pytest.raises(
        DatasetError, match=r"country 'FRE', field 'name': expected text, got int 5"
    ):
        Dataset((), (Country(id="FRE", name=5),), (), (), (), ())  # type: ignore[arg-type]


def test_a_refused_record_is_still_checked_by_its_right_fields() -> None:
    # The tie's kind is wrong; its ending before its start is reported in the same pass.
    tie = attrs.evolve(TIE, kind="x", start=PartialDate(2024), end=PartialDate(2023))
    assert _problems(SOURCE, FRE, SYL, tie) == [
        (TIE.id, "kind", "bad-value"),
        (TIE.id, "end", "ends-before-start"),
    ]


def test_a_refused_record_has_its_references_checked(tmp_path: Path) -> None:
    tie = attrs.evolve(TIE, kind="x", b="ZZZ", citations=(Citation(source="s9", quote="q"),))
    expected = [("kind", "bad-value"), ("b", "dangling-reference")]
    expected.append(("citations[0].source", "dangling-reference"))
    assert _problems(SOURCE, FRE, SYL, tie) == [(TIE.id, f, c) for f, c in expected]
    plain = {"type": "relationship", **unstructure(attrs.evolve(tie, kind=TIE.kind)), "kind": "x"}
    assert [(f, c) for _, f, c in _file_problems(tmp_path, plain)] == expected


def test_a_record_without_text_id_is_reported_by_position() -> None:
    assert _problems(Country(id=5, name="x")) == [(None, "id", "wrong-type")]  # type: ignore[arg-type]


def test_right_records_stay_the_same_objects() -> None:
    dataset = Dataset.from_records([SOURCE, FRE, SYL, TIE])
    assert dataset.sources[0] is SOURCE
    assert dataset.relationships[0] is TIE
    assert dataset.countries[0] is FRE


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"path": 42}, r"path must be a str or a path-like object, got int 42"),
        ({"include_bundled": "no"}, r"include_bundled must be True or False, got str 'no'"),
        ({"override": 1}, r"override must be True or False, got int 1"),
        ({"path": ".", "override": None}, r"override must be True or False, got NoneType None"),
    ],
)
def test_load_checks_its_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ArgumentTypeError, match=message):
        geoalign.load(**kwargs)


@pytest.mark.parametrize("name", ["Free\u00a0donia", "Freedonia\u2028"], ids=["nbsp", "u2028"])
def test_text_a_file_keeps_is_kept(tmp_path: Path, name: str) -> None:
    # Not str.isprintable(), yet one line of text to the converter: kept, in code as in files.
    country = Country(id="FRE", name=name)
    assert Dataset.from_records([country]).countries[0] is country
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"type": "country", "id": "FRE", "name": name}), encoding="utf-8")
    assert geoalign.load(path, include_bundled=False).countries == (country,)
