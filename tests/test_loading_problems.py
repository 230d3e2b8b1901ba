"""Load problems as objects: file, line, record, field and a stable code apart, all in one pass.

``DatasetError.problems`` holds :class:`~geoalign.errors.Problem` objects whose ``str()``
is the one-line message; references are checked from the model's registry, nested
records included; and a record refused for its fields still counts for the checks of
the whole dataset, so that one load reports what it can.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from tests.loading_helpers import base_data, edit_record, load_error

from geoalign import DatasetError, GeoalignError, OrganizationKind
from geoalign.errors import Problem
from geoalign.formats.convert import field_problems, structure
from geoalign.loading.validation import Located, check, validate
from geoalign.model.records import (
    RECORD_CLASSES,
    Country,
    Records,
    references,
    refers_to,
)


def test_a_record_problem_has_its_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = edit_record(base_data(), "events", 0, date="2024-12-32")
    [problem] = load_error(tmp_path, monkeypatch, {"data.yaml": data}).problems
    assert attrs.asdict(problem) == {
        "file": "data.yaml",
        "line": 19,
        "record": "hama-falls",
        "position": 1,
        "record_type": "event",
        "field": "date",
        "code": "bad-date",
        "message": "'2024-12-32' is not a valid date: day is out of range for month",
    }
    assert str(problem) == (
        "data.yaml:19: event 'hama-falls', field 'date': "
        "'2024-12-32' is not a valid date: day is out of range for month"
    )


def test_a_json_lines_problem_has_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = b'\n{"type": "country", "id": 7, "name": "Seven", "capital": "x"}\n'
    error = load_error(tmp_path, monkeypatch, {"data.jsonl": content})
    assert [(p.line, p.record, p.position, p.field, p.code) for p in error.problems] == [
        (2, None, 2, "id", "wrong-type"),
        (2, None, 2, "capital", "unknown-field"),
    ]
    assert error.messages == (
        "data.jsonl:2: country #2, field 'id': expected text, got int 7",
        "data.jsonl:2: country #2: unknown field 'capital'",
    )


def test_a_file_problem_has_no_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [problem] = load_error(tmp_path, monkeypatch, {"data.yaml": b"a: &x 1\n"}).problems
    assert (problem.file, problem.line, problem.record_type, problem.code) == (
        "data.yaml",
        1,
        None,
        "anchor",
    )
    assert str(problem) == "data.yaml: line 1: anchors and aliases (&, *) are not allowed"


def test_dataset_errors_from_text_keep_working() -> None:
    single = DatasetError("bundled: broken")
    assert single.problems == (Problem(message="bundled: broken"),)
    assert (single.messages, str(single)) == (("bundled: broken",), "bundled: broken")
    mixed = DatasetError(["a.yaml: one", Problem(file="b.yaml", code="empty", message="empty")])
    assert mixed.messages == ("a.yaml: one", "b.yaml: empty")
    assert [p.code for p in mixed.problems] == ["error", "empty"]
    assert str(mixed) == "a.yaml: one (and 1 more problem(s))"
    assert isinstance(mixed, GeoalignError)


def test_validate_gives_problems() -> None:
    records = Records(countries=(Country(id="FRE", name="F"), Country(id="FRE", name="G")))
    [problem] = validate(records, "mine")
    assert (problem.file, problem.record, problem.position, problem.code) == (
        "mine",
        "FRE",
        2,
        "duplicate-id",
    )


def test_one_load_reports_field_and_dataset_problems_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data: dict[str, Any] = {
        "sources": [
            {"id": "s1", "title": "T", "publisher": "P", "published": "2024-13", "document": "d"}
        ],
        "countries": [
            {"id": "FRE", "name": ["Freedonia"]},
            {"id": "FRE", "name": "Freedonia again"},
            {"id": "SYL", "name": "Sylvania"},
        ],
        "organizations": [{"id": "The Army", "name": "Army", "kind": "militia"}],
        "relationships": [
            {"id": "r1", "kind": "alliance", "a": "FRE", "b": "s1", "confidence": "confirmed",
             "summary": "S", "citations": [{"source": "s1", "quote": "q"}], "ended_by": "s9"},
        ],
    }  # fmt: skip
    content = yaml.safe_dump(data, sort_keys=False).encode()
    assert load_error(tmp_path, monkeypatch, {"data.yaml": content}).messages == (
        "data.yaml:5: source 's1', field 'published': '2024-13' is not a valid date: "
        "month must be between 1 and 12",
        "data.yaml:9: country 'FRE', field 'name': expected text, got a list",
        "data.yaml:18: organization 'The Army', field 'kind': 'militia' is not a known "
        "organization kind (one of: " + ", ".join(kind.value for kind in OrganizationKind) + ")",
        # The id of a record refused for its fields is still checked ...
        "data.yaml:16: organization 'The Army', field 'id': "
        "'The Army' is not a valid id (lowercase letters, digits, '.', '_' and '-')",
        # ... and still counts for duplicates,
        "data.yaml:11: country 'FRE', field 'id': duplicate id, also used by the country at "
        "data.yaml #1",
        # and for references: of the wrong kind (s1 is a source), not unknown (FRE, s1).
        "data.yaml:23: relationship 'r1', field 'b': "
        "'s1' is a source, not a country, organization or person",
        "data.yaml:29: relationship 'r1', field 'ended_by': 's9': no source has this id",
    )


def _reference_paths(cls: type[Any], prefix: str = "") -> Iterator[str]:
    """Each reference of a record class, by the path to its first item, from the registry."""
    hints = typing.get_type_hints(cls)
    refs = references(cls)
    for field in attrs.fields(cls):
        hint, many = hints[field.name], typing.get_origin(hints[field.name]) is tuple
        path = prefix + field.name + ("[0]" if many else "")
        if field.name in refs:
            yield path
        elif many and attrs.has(inner := typing.get_args(hint)[0]):
            yield from _reference_paths(inner, f"{path}.")


REFERENCES = [(c, path) for c, cls in RECORD_CLASSES.items() for path in _reference_paths(cls)]


def test_the_reference_paths_come_from_the_registry() -> None:
    known = {
        ("organizations", "country"),
        ("persons", "roles[0].actor"),
        *(("relationships", path) for path in ("a", "b", "ended_by", "citations[0].source")),
        *(("events", path) for path in ("actors[0]", "citations[0].source")),
    }
    assert known <= set(REFERENCES)


@pytest.mark.parametrize(("collection", "path"), REFERENCES)
def test_every_reference_field_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collection: str, path: str
) -> None:
    data = base_data()
    record = data[collection][0]
    if path == "ended_by":
        del record["end"]
    *outer, last = path.replace("[0]", "").split(".")
    target = record[outer[0]][0] if outer else record
    target[last] = ["nowhere"] if path.endswith("[0]") else "nowhere"
    problems = load_error(tmp_path, monkeypatch, {"data.yaml": data}).problems
    assert [(p.field, p.code) for p in problems] == [(path, "dangling-reference")]


@attrs.frozen
class _Note:
    about: str = attrs.field(metadata=refers_to("countries"))


@attrs.frozen
class _Memo:
    id: str
    notes: tuple[_Note, ...]
    owner: str | None = attrs.field(default=None, metadata=refers_to("persons"))


def test_a_new_reference_field_is_checked_without_a_line_of_validation() -> None:
    memo = _Memo(id="m1", notes=(_Note("FRE"), _Note("XXX")), owner="FRE")
    items = [
        Located(Country(id="FRE", name="F"), "FRE", "countries", "a.yaml", None, 1),
        Located(memo, "m1", "sources", "a.yaml", None, 1),  # type: ignore[arg-type]
    ]
    assert [(p.field, p.code) for p in check(items)] == [
        ("notes[1].about", "dangling-reference"),
        ("owner", "wrong-reference"),
    ]


def test_unknown_keys_of_mixed_types_are_named_not_sorted_into_a_type_error() -> None:
    # YAML refuses keys that are not text; data from elsewhere may still hold them.
    with pytest.raises(Exception) as info:  # noqa: PT011 - cattrs raises many kinds
        structure({"id": "FRE", "name": "F", 1: "x", "extra": "y", None: "z"}, Country)
    assert sorted(field_problems(info.value)) == [
        ("1", "unknown-field", "unknown field 1"),
        ("None", "unknown-field", "unknown field None"),
        ("extra", "unknown-field", "unknown field 'extra'"),
    ]


def test_a_refused_record_has_its_references_checked_from_its_plain_data() -> None:
    # Issue 14: a record refused for a field's type is checked for the rest in the same
    # pass, from the data it was read from; an id of the wrong type was reported already.
    raw = {
        "id": "r1",
        "kind": "friendship",  # refused for this
        "a": "FRE",
        "b": "nowhere",
        "ended_by": "s8",
        "citations": [{"source": "s9", "quote": "q"}, "not a mapping", {"source": 5}],
    }
    items = [
        Located(Country(id="FRE", name="F"), "FRE", "countries", "a.yaml", None, 1),
        Located(None, "r1", "relationships", "a.yaml", None, 1, raw),
    ]
    assert [(p.field, p.code) for p in check(items)] == [
        ("b", "dangling-reference"),
        ("citations[0].source", "dangling-reference"),
        ("ended_by", "dangling-reference"),
    ]
