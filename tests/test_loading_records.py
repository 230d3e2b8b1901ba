"""Loading a bad record: one DatasetError line naming file, record and field.

Each case edits one record of a small valid dataset and pins the exact message a user
reads; every problem of a load is reported, not only the first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.loading_helpers import BASE_TEXT, DROP, base_data, edit_record, load_problems

import geoalign
from geoalign import DatasetError, GeoalignError, OrganizationKind
from geoalign.model.records import COLLECTIONS


def _edited(collection: str, index: int, **changes: Any) -> dict[str, list[dict[str, Any]]]:
    """The base dataset with fields of one record changed (or dropped, or added)."""
    return edit_record(base_data(), collection, index, **changes)


def _split(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One file per collection, like the bundled dataset."""
    return {f"{name}.yaml": {name: rows} for name, rows in data.items()}


def test_the_base_dataset_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, content in _split(base_data()).items():
        Path(name).write_text(yaml.safe_dump(content), encoding="utf-8")
    loaded = geoalign.load(".", include_bundled=False)
    assert [len(getattr(loaded, name)) for name in COLLECTIONS] == [1, 2, 1, 1, 1, 1]


# One edit of the base dataset each, and the line the edited file's problems must be.
RECORD_CASES = {
    "bad-date": (
        _edited("events", 0, date="2024-12-32"),
        "events.yaml:9: event 'hama-falls', field 'date': '2024-12-32' is not a valid date: day is out of range for month",
    ),
    "missing-field": (
        _edited("events", 0, summary=DROP),
        "events.yaml:2: event 'hama-falls', field 'summary': missing required field",
    ),
    "missing-id": (
        _edited("events", 0, id=DROP),
        "events.yaml:2: event #1, field 'id': missing required field",
    ),
    "unknown-field": (
        _edited("countries", 1, capital="Damascus"),
        "countries.yaml:9: country 'SYR': unknown field 'capital'",
    ),
    "end-before-start": (
        _edited("relationships", 0, start="2024-12-09"),
        "relationships.yaml:8: relationship 'rus-syr-alliance', field 'end': ends (2024-12-08) no later than the first day it may have started (2024-12-09), so it is in force on no day",
    ),
    # The one rule of rules.time: a tie is not in force on its end day, so none is left.
    "ends-the-day-it-starts": (
        _edited("relationships", 0, start="2024-12-08"),
        "relationships.yaml:8: relationship 'rus-syr-alliance', field 'end': ends (2024-12-08) no later than the first day it may have started (2024-12-08), so it is in force on no day",
    ),
    "open-publication": (
        _edited("sources", 0, published="[2024-12..]"),
        "sources.yaml:4: source 's1', field 'published': published [2024-12..]: give the latest day it may have been published, as in [2022-02-24..2024-12]",
    ),
    "role-end-before-start": (
        _edited("persons", 0, roles=[{"title": "President", "start": "2001", "end": "2000"}]),
        "persons.yaml:5: person 'bashar-al-assad', field 'roles[0].end': ends (2000) before it starts (2001)",
    ),
    "unknown-actor": (
        _edited("events", 0, actors=["hts", "IRN"]),
        "events.yaml:4: event 'hama-falls', field 'actors[1]': 'IRN': no country, organization or person has this id",
    ),
    "actor-is-a-source": (
        _edited("relationships", 0, a="s1"),
        "relationships.yaml:2: relationship 'rus-syr-alliance', field 'a': 's1' is a source, not a country, organization or person",
    ),
    "unknown-source": (
        _edited("events", 0, citations=[{"source": "s2", "quote": "q"}]),
        "events.yaml:7: event 'hama-falls', field 'citations[0].source': 's2': no source has this id",
    ),
    "unknown-ended-by": (
        _edited("relationships", 0, end=DROP, ended_by="s9"),
        "relationships.yaml:8: relationship 'rus-syr-alliance', field 'ended_by': 's9': no source has this id",
    ),
    "end-and-ended-by": (
        _edited("relationships", 0, ended_by="s1"),
        "relationships.yaml:9: relationship 'rus-syr-alliance', field 'ended_by': give either an end date or ended_by, not both",
    ),
    "ended-by-before-start": (
        _edited("relationships", 0, start="2025", end=DROP, ended_by="s1"),
        "relationships.yaml:8: relationship 'rus-syr-alliance', field 'ended_by': ends (2024-12-09) no later than the first day it may have started (2025), so it is in force on no day",
        # Its only source also says it is in force then: the same contradiction, cited.
        "relationships.yaml:5: relationship 'rus-syr-alliance', field 'citations[0]': cites s1 as saying it is in force on 2024-12-09, before any day it may have started (2025)",
    ),
    "unknown-country": (
        _edited("organizations", 0, country="IRN"),
        "organizations.yaml:2: organization 'hts', field 'country': 'IRN': no country has this id",
    ),
    "role-in-a-person": (
        _edited("persons", 0, roles=[{"title": "Envoy", "actor": "bashar-al-assad"}]),
        "persons.yaml:5: person 'bashar-al-assad', field 'roles[0].actor': 'bashar-al-assad' is a person, not a country or organization",
    ),
    "a-equals-b": (
        _edited("relationships", 0, b="RUS"),
        "relationships.yaml:3: relationship 'rus-syr-alliance', field 'b': a relationship needs two different actors",
    ),
    "no-citation": (
        _edited("events", 0, citations=[]),
        "events.yaml:5: event 'hama-falls', field 'citations': at least one citation is required",
    ),
    "no-actor": (
        _edited("events", 0, actors=[]),
        "events.yaml:2: event 'hama-falls', field 'actors': at least one actor is required",
    ),
    "actor-twice": (
        _edited("events", 0, actors=["SYR", "hts", "SYR"]),
        "events.yaml:2: event 'hama-falls', field 'actors': an actor is listed twice",
    ),
    "duplicate-id": (
        _edited("countries", 1, id="RUS"),
        "countries.yaml:9: country 'RUS', field 'id': duplicate id, also used by the country at countries.yaml #1",
    ),
    # Files load in name order: events.yaml comes first, so the source is the repeat.
    "duplicate-id-across-collections": (
        _edited("events", 0, id="s1"),
        "sources.yaml:3: source 's1', field 'id': duplicate id, also used by the event at events.yaml #1",
    ),
    "country-id-form": (
        _edited("countries", 0, id="Rus") | {"relationships": []},
        "countries.yaml:5: country 'Rus', field 'id': 'Rus' is not a valid id (three capital letters, an ISO 3166-1 alpha-3 code)",
    ),
    "slug-id-form": (
        _edited("sources", 0, id="S 1") | {"relationships": [], "events": []},
        "sources.yaml:3: source 'S 1', field 'id': 'S 1' is not a valid id (lowercase letters, digits, '.', '_' and '-')",
    ),
    "bad-enum": (
        _edited("organizations", 0, kind="militia"),
        "organizations.yaml:4: organization 'hts', field 'kind': 'militia' is not a known organization kind (one of: "
        + ", ".join(kind.value for kind in OrganizationKind)
        + ")",
    ),
    "text-for-a-list": (
        _edited("countries", 0, aliases="RU"),
        "countries.yaml:2: country 'RUS', field 'aliases': expected a list, got str 'RU'",
    ),
    "mapping-for-text": (
        _edited("countries", 0, name={"en": "Russia"}),
        "countries.yaml:8: country 'RUS', field 'name': expected text, got a mapping",
    ),
    "null-for-text": (
        _edited("countries", 0, name=None),
        "countries.yaml:8: country 'RUS', field 'name': expected text, got null (quote 'null' for the word)",
    ),
    "blank-text": (
        _edited("countries", 0, name=" "),
        "countries.yaml:8: country 'RUS', field 'name': must not be empty",
    ),
    "record-not-a-mapping": (
        {**base_data(), "countries": ["RUS", *base_data()["countries"][1:]]},
        "countries.yaml:2: country #1: expected a mapping of fields",
    ),
}


@pytest.mark.parametrize(
    ("data", "expected"), [(case[0], case[1:]) for case in RECORD_CASES.values()], ids=RECORD_CASES
)
def test_a_bad_record_is_named_with_its_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: Any, expected: tuple[str, ...]
) -> None:
    # Only the edited file's lines: a record refused there may leave references to it
    # from other files dangling, and those are reported too (see the test below).
    file = expected[0].split(":")[0]
    problems = load_problems(tmp_path, monkeypatch, _split(data))
    assert [line for line in problems if line.startswith(f"{file}:")] == list(expected)


def test_references_to_a_refused_record_are_not_reported_as_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _edited("countries", 1, capital="Damascus")
    assert load_problems(tmp_path, monkeypatch, _split(data)) == [
        "countries.yaml:9: country 'SYR': unknown field 'capital'"
    ]


def test_a_reference_to_the_wrong_kind_of_record_reads_well(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _edited("relationships", 0, a="hama-falls")
    assert load_problems(tmp_path, monkeypatch, _split(data)) == [
        "relationships.yaml:2: relationship 'rus-syr-alliance', field 'a': "
        "'hama-falls' is an event, not a country, organization or person"
    ]


def test_every_problem_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = base_data()
    data["countries"] += [
        {"id": "IRN", "name": ["Iran"]},
        {"id": "TUR", "name": "Türkiye", "capital": "Ankara"},
        {"name": "Iraq"},
    ]
    assert load_problems(tmp_path, monkeypatch, {"data.yaml": data}) == [
        "data.yaml:12: country 'IRN', field 'name': expected text, got a list",
        "data.yaml:14: country 'TUR': unknown field 'capital'",
        "data.yaml:17: country #5, field 'id': missing required field",
    ]


def test_the_error_says_how_many_problems_there_are() -> None:
    error = DatasetError(["a.yaml: one", "a.yaml: two", "a.yaml: three"])
    assert isinstance(error, GeoalignError)
    assert str(error) == "a.yaml: one (and 2 more problem(s))"


def test_an_unquoted_impossible_date_reads_like_a_quoted_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = BASE_TEXT.replace("date: 2024-12-05", "date: 2024-12-32").encode()
    assert load_problems(tmp_path, monkeypatch, {"events.yaml": content}) == [
        "events.yaml:24: event 'hama-falls', field 'date': "
        "'2024-12-32' is not a valid date: day is out of range for month"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"id": "RUS", "name": "Russia"}', "field 'type' is missing: give one of source, "),
        (b'{"type": null, "id": "RUS"}', "field 'type' must be one of source, "),
    ],
    ids=["missing", "null"],
)
def test_a_json_lines_record_without_a_type_says_it_is_missing(
    tmp_path: Path, line: bytes, message: str
) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(line + b"\n")
    with pytest.raises(DatasetError) as caught:
        geoalign.load(path, include_bundled=False)
    [problem] = caught.value.problems
    assert (problem.line, problem.code) == (1, "bad-type")
    assert problem.message.startswith(message)
    assert problem.message.endswith("got None") == line.startswith(b'{"type"')
