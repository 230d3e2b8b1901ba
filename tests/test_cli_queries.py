"""The ``geoalign`` query commands, in text and JSON, against the library's own answers.

Answers are checked against the library's queries on the same data, so these tests
check the command line's wiring and output, not hard-coded facts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli_sample import (
    Cap,
    assert_one_line_error,
    data_fixture,  # noqa: F401 - pytest finds the "data" fixture among this module's names
    query,
    query_json,
    run,
)

import geoalign
from geoalign import Dataset, RelationshipKind


@pytest.fixture
def sample(data: Path) -> Dataset:
    """The sample as the library loads it: what the command's answers are checked against."""
    return geoalign.load(data, include_bundled=False)


# -- queries ------------------------------------------------------------------------------


def test_an_unknown_actor_is_one_line_with_suggestions(capsys: Cap, data: Path) -> None:
    status, out, err = query(capsys, data, "allies", "Rusia")
    assert (status, out) == (1, "")
    assert err == "geoalign: error: unknown actor 'Rusia'; did you mean 'Russia' (RUS)?\n"


@pytest.mark.parametrize("as_of", ["2016", "2023-06-01", "2024-12-08", "2025-01"])
def test_allies_are_the_library_s_allies(
    as_of: str, capsys: Cap, data: Path, sample: Dataset
) -> None:
    expected = sample.allies_of("RUS", as_of=as_of)
    status, out, err = query(capsys, data, "allies", "Russia", "--as-of", as_of)
    document = query_json(capsys, data, "allies", "the Kremlin", "--as-of", as_of)
    assert [entry["actor"]["id"] for entry in document["allies"]] == [a.id for a in expected]
    assert document["as_of"]["date"] == as_of
    assert document["kinds"] == [k.value for k in RelationshipKind if k.alignment]
    in_force = {r.id for r in sample.relationships_of("RUS", as_of=as_of)}
    for entry in document["allies"]:
        ids = {entry["actor"]["id"], "RUS"}
        for tie in entry["relationships"]:
            assert tie["id"] in in_force
            assert tie["alignment"]
            assert {tie["a"]["id"], tie["b"]["id"]} == ids
    if expected:
        assert (status, err) == (0, "")
        assert all(ally.id in out for ally in expected)
    else:
        assert (status, out) == (1, "")
        assert err == f"geoalign: no allies of Russia (RUS) as of {as_of}\n"


def test_allies_of_chosen_kinds(capsys: Cap, data: Path, sample: Dataset) -> None:
    argv = [
        "allies",
        "RUS",
        "--as-of",
        "2023",
        "--kind",
        "energy_cooperation",
        "--kind",
        "alliance",
    ]
    document = query_json(capsys, data, *argv)
    assert document["kinds"] == ["alliance", "energy_cooperation"]
    expected = sample.allies_of("RUS", as_of="2023", kinds=["alliance", "energy_cooperation"])
    assert [entry["actor"]["id"] for entry in document["allies"]] == [a.id for a in expected]
    assert len(expected) == 2  # the energy tie counts only because it was asked for


@pytest.mark.parametrize(
    ("imposer", "target"), [("Serbia", "Russia"), ("RUS", "SRB"), ("SRB", "nis")]
)
def test_sanctions_give_the_library_s_state_and_evidence(
    imposer: str, target: str, capsys: Cap, data: Path, sample: Dataset
) -> None:
    expected = sample.sanction_status(imposer, target)
    status, out, err = query(capsys, data, "sanctions", imposer, target)
    assert (status, err) == (0, "")
    assert f": {expected.state.value}\n" in out
    document = query_json(capsys, data, "sanctions", imposer, target)
    assert document["state"] == expected.state.value
    assert document["as_of"]["date"] == str(sample.horizon)
    assert [m["id"] for m in document["measures"]] == [m.id for m in expected.measures]
    for citation in expected.citations:
        assert citation.quote in out


@pytest.mark.parametrize(("start", "end"), [(None, None), ("2024-12", None), (None, "2016")])
def test_timelines_are_the_library_s_and_symmetric(
    start: str | None,
    end: str | None,
    capsys: Cap,
    data: Path,
    sample: Dataset,
) -> None:
    window = [*(["--from", start] if start else []), *(["--to", end] if end else [])]
    expected = [e.id for e in sample.timeline_between("RUS", "SYR", start=start, end=end)]
    forward = query_json(capsys, data, "timeline", "Russia", "Syria", *window)
    backward = query_json(capsys, data, "timeline", "Syria", "Russia", *window)
    assert [e["id"] for e in forward["events"]] == expected
    assert forward["events"] == backward["events"]
    if start is None:
        assert forward["from"] is None
    else:
        assert forward["from"]["date"] == start
        assert forward["from"]["precision"] == geoalign.PartialDate.parse(start).precision
    status, out, _ = query(capsys, data, "timeline", "RUS", "SYR", *window)
    assert status == 0
    assert [line.split()[3] for line in out.splitlines()[3:]] == expected


def test_an_empty_timeline_exits_1(capsys: Cap, data: Path) -> None:
    status, out, err = query(capsys, data, "timeline", "SRB", "RUS")
    assert (status, out) == (1, "")
    assert_one_line_error(err, "no events between Serbia (SRB) and Russia (RUS)")
    status, out, _ = query(capsys, data, "timeline", "SRB", "RUS", "--json")
    assert status == 1
    assert json.loads(out)["events"] == []


def test_resolve(capsys: Cap, data: Path) -> None:
    document = query_json(capsys, data, "resolve", "turkiye")
    assert document["name"] == "turkiye"
    assert document["actor"] == {
        "id": "TUR",
        "type": "country",
        "name": "Türkiye",
        "aliases": ["Turkey"],
        "metonyms": [],
    }
    status, out, _ = query(capsys, data, "resolve", "the Kremlin")
    assert status == 0
    assert out.splitlines()[1].split() == ["RUS", "country", "Russia"]


def test_show_a_relationship_with_its_citations(capsys: Cap, data: Path) -> None:
    status, out, _ = query(capsys, data, "show", "rus-syr-alliance")
    assert status == 0
    assert out.startswith("relationship rus-syr-alliance\n")
    assert '"Russia was Assad\'s most important ally"' in out
    assert "Russia and Syria. The Paper, 2024-12-09 [s1]" in out
    document = query_json(capsys, data, "show", "rus-syr-alliance")
    assert document["record_type"] == "relationship"
    assert document["record"]["citations"][0]["publisher"] == "The Paper"
    assert document["counts"] == {}


def test_show_an_actor_with_its_counts(capsys: Cap, data: Path, sample: Dataset) -> None:
    document = query_json(capsys, data, "show", "Assad")  # a name works too
    assert document["record"]["id"] == "bashar-al-assad"
    assert document["record"]["roles"][0]["actor"]["name"] == "Syria"
    assert document["counts"] == {
        "relationships": sum("bashar-al-assad" in (r.a, r.b) for r in sample.relationships),
        "events": sum("bashar-al-assad" in e.actors for e in sample.events),
    }
    document = query_json(capsys, data, "show", "RUS")
    assert document["counts"]["relationships"] == len(
        [r for r in sample.relationships if "RUS" in (r.a, r.b)]
    )


def test_show_an_unknown_record(capsys: Cap, data: Path) -> None:
    status, out, err = query(capsys, data, "show", "rus-syr")
    assert (status, out) == (1, "")
    assert_one_line_error(err, "no record or actor 'rus-syr'; did you mean 'rus-syr-")


def test_sources_by_publication_date(capsys: Cap, data: Path) -> None:
    document = query_json(capsys, data, "sources")
    assert [s["id"] for s in document["sources"]] == ["s1", "s2"]
    assert document["horizon"] == "2025-01"
    assert document["sources"][1]["url"] == "https://example.org/s2"


@pytest.mark.parametrize(
    "argv",
    [
        ["allies", "RUS", "--as-of", "2020"],
        ["sanctions", "SRB", "RUS"],
        ["timeline", "RUS", "SYR"],
        ["resolve", "Turkey"],
        ["show", "TUR"],
        ["show", "assad-flees"],
        ["sources"],
    ],
)
def test_json_output_is_one_utf8_document(argv: list[str], capsys: Cap, data: Path) -> None:
    status, out, err = query(capsys, data, *argv, "--json")
    assert (status, err) == (0, "")
    json.loads(out)  # exactly one document, or this raises
    assert "\\u" not in out
    assert out == query(capsys, data, *argv, "--json")[1]  # deterministic


# -- the bundled dataset, layered data ----------------------------------------------------


def test_queries_default_to_the_bundled_dataset(capsys: Cap) -> None:
    expected = geoalign.sanction_status("Serbia", "Russia")
    document = json.loads(run(capsys, "sanctions", "Serbia", "Russia", "--json")[1])
    assert document["state"] == expected.state.value
    assert [m["id"] for m in document["measures"]] == [m.id for m in expected.measures]


def test_user_data_is_layered_on_the_bundled_dataset(capsys: Cap, tmp_path: Path) -> None:
    russia = geoalign.resolve("Russia")
    path = tmp_path / "mine.yaml"
    path.write_text(f"countries:\n  - {{id: {russia.id}, name: Rossiya}}\n", encoding="utf-8")
    status, _, err = run(capsys, "--data", str(path), "resolve", "Rossiya")
    assert status == 1
    assert_one_line_error(err, "already in the bundled dataset")
    status, out, _ = run(capsys, "--data", str(path), "--override", "resolve", "Rossiya", "--json")
    assert status == 0
    assert json.loads(out)["actor"]["id"] == russia.id
