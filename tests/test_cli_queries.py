"""The ``geoalign`` query commands, in text and JSON, against the library's own answers.

Answers are checked against the library's queries on the same data, so these tests
check the command line's wiring and output, not hard-coded facts.
"""

from __future__ import annotations

import csv
import io
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
from geoalign import Dataset


@pytest.fixture
def sample(data: Path) -> Dataset:
    """The sample as the library loads it: what the command's answers are checked against."""
    return geoalign.load(data, include_bundled=False)


# -- queries ------------------------------------------------------------------------------


def test_an_unknown_actor_is_an_error_of_one_line_with_suggestions(capsys: Cap, data: Path) -> None:
    status, out, err = query(capsys, data, "allies", "Rusia")
    assert (status, out) == (2, "")
    assert err == "geoalign: error: unknown actor 'Rusia'; did you mean 'Russia' (RUS)?\n"


@pytest.mark.parametrize("as_of", ["2016", "2023-06-01", "2024-12-08", "2025-01"])
@pytest.mark.parametrize("certainty", ["definite", "possible"])
def test_allies_are_the_library_s_answer(
    as_of: str, certainty: str, capsys: Cap, data: Path, sample: Dataset
) -> None:
    expected = sample.explain_allies("RUS", as_of=as_of, certainty=certainty)
    possible = ["--possible"] if certainty == "possible" else []
    status, out, err = query(capsys, data, "allies", "Russia", "--as-of", as_of, *possible)
    document = query_json(capsys, data, "allies", "the Kremlin", "--as-of", as_of, *possible)
    assert document == expected.to_dict()
    if expected.allies:
        assert (status, err) == (0, "")
        assert out.startswith(f"Allies of Russia (RUS) as of {as_of}")
        for ally in expected.allies:
            assert ally.actor.id in out
            for tie in ally.ties:
                assert tie.reason in " ".join(out.split())  # the deciding bound, maybe wrapped
                assert tie.quotes[0].quote in " ".join(out.split())
    else:
        assert (status, out) == (1, "")
        assert err.startswith(f"geoalign: no allies of Russia (RUS) as of {as_of}")


def test_ties_of_other_kinds_are_not_called_allies(capsys: Cap, data: Path) -> None:
    status, out, _ = query(capsys, data, "allies", "RUS", "--kind", "energy_cooperation")
    assert status == 0
    assert out.startswith("Ties of kind energy_cooperation with Russia (RUS)")
    assert "ALLY" not in out
    assert out.splitlines()[2].split()[0] == "ACTOR"


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
    expected = sample.explain_allies("RUS", as_of="2023", kinds=["alliance", "energy_cooperation"])
    assert document == expected.to_dict()


@pytest.mark.parametrize(
    ("imposer", "target"), [("Serbia", "Russia"), ("RUS", "SRB"), ("SRB", "nis"), ("TUR", "SYR")]
)
def test_sanctions_give_the_library_s_answer(
    imposer: str, target: str, capsys: Cap, data: Path, sample: Dataset
) -> None:
    expected = sample.explain_sanctions(imposer, target)
    status, out, err = query(capsys, data, "sanctions", imposer, target)
    assert f": {expected.status.state.value}" in out
    assert query_json(capsys, data, "sanctions", imposer, target) == expected.to_dict()
    for citation in expected.status.citations:
        assert citation.quote in out
    if expected.status.state.value == "unknown":  # no answer: exit 1, and say so
        assert status == 1
        assert_one_line_error(
            err, "no sanction" if expected.possibly else "the data does not say whether"
        )
    else:
        assert (status, err) == (0, "")


@pytest.mark.parametrize("as_of", ["2024-06", "2024-06-01", "2024-12", "2025-01"])
def test_sanctions_possible_is_the_library_s_possible_state(
    as_of: str, capsys: Cap, data: Path, sample: Dataset
) -> None:
    argv = ["sanctions", "TUR", "nis", "--as-of", as_of]
    for certainty, asked in (("definite", []), ("possible", ["--possible"])):
        expected = sample.explain_sanctions("TUR", "nis", as_of=as_of, certainty=certainty)
        assert query_json(capsys, data, *argv, *asked) == expected.to_dict()
        status, out, _ = query(capsys, data, *argv, *asked)
        assert status == (1 if expected.status.state.value == "unknown" else 0)
        said = expected.status.certainty
        assert f": {expected.status.state.value}{f' ({said.value})' if said else ''}\n" in out


def test_sanctions_possible_answers_where_definite_cannot(capsys: Cap, data: Path) -> None:
    # The sample's Turkish sanctions on NIS run from 2024-06 to 2024-12: on 2024-06-01
    # they may not have started yet.
    argv = ["sanctions", "TUR", "nis", "--as-of", "2024-06-01"]
    assert query_json(capsys, data, *argv)["state"] == "unknown"
    possible = query_json(capsys, data, *argv, "--possible")
    assert (possible["state"], possible["certainty"]) == ("imposed", "possible")


@pytest.mark.parametrize(("start", "end"), [(None, None), ("2024-12", None), (None, "2016")])
def test_timelines_are_the_library_s_and_symmetric(
    start: str | None,
    end: str | None,
    capsys: Cap,
    data: Path,
    sample: Dataset,
) -> None:
    window = [*(["--from", start] if start else []), *(["--to", end] if end else [])]
    expected = sample.explain_timeline("RUS", "SYR", start=start, end=end)
    forward = query_json(capsys, data, "timeline", "Russia", "Syria", *window)
    backward = query_json(capsys, data, "timeline", "Syria", "Russia", *window)
    assert forward == expected.to_dict()
    assert forward["events"] == backward["events"]
    status, out, _ = query(capsys, data, "timeline", "RUS", "SYR", *window)
    assert status == 0
    listed = [line.split()[2] for line in out.split("\n\n")[1].splitlines()[1:]]
    assert listed == [event.event.id for event in expected.events]


def test_a_definite_timeline_shows_the_bound_of_each_event(capsys: Cap, data: Path) -> None:
    status, out, _ = query(capsys, data, "timeline", "RUS", "SYR")
    assert status == 0
    header, *rows = out.split("\n\n")[1].splitlines()
    assert header.split() == ["DATE", "KIND", "ID", "CONFIDENCE", "CERTAINTY", "SUMMARY", "BOUND"]
    expected = geoalign.load(data, include_bundled=False).explain_timeline("RUS", "SYR")
    for row, event in zip(rows, expected.events, strict=True):
        assert event.certainty.value == "definite"
        assert row.endswith(event.reason)


def test_a_person_without_allies_is_told_the_ties_the_data_holds(capsys: Cap) -> None:
    data = geoalign.load()
    asked = data.explain_allies("Assad")
    assert asked.allies == ()
    others = [kind for kind in geoalign.RelationshipKind if kind not in asked.kinds]
    held = data.explain_relationships("Assad", kinds=others, certainty="possible").ties
    assert "rus-assad-asylum" in [tie.relationship.id for tie in held]
    status, out, err = run(capsys, "allies", "Assad")
    assert status == 1
    assert out.startswith("Bashar al-Assad (bashar-al-assad) has no alignment ties as of")
    named = ", ".join(
        f"{tie.relationship.kind.value} {tie.relationship.id} ({tie.certainty.value})"
        for tie in held
    )
    assert (
        err
        == f"geoalign: no allies of Bashar al-Assad (bashar-al-assad) as of {asked.as_of}; the data holds: {named}\n"
    )
    for tie in held:
        assert tie.relationship.id in out
        assert " ".join(tie.quotes[0].quote.split()[:6]) in " ".join(out.split())
    # the JSON stays the answer's own; a country with no allies gets the plain note
    assert json.loads(run(capsys, "allies", "Assad", "--json")[1]) == asked.to_dict()
    # (with, as the only note, the allies it possibly has)
    possibly = ", ".join(a.id for a in data.allies_of("SRB", as_of="1990", certainty="possible"))
    assert run(capsys, "allies", "Serbia", "--as-of", "1990") == (
        1,
        "",
        f"geoalign: no allies of Serbia (SRB) as of 1990; possibly: {possibly} (--possible)\n",
    )


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
    assert (status, out) == (2, "")
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
    expected = geoalign.load().explain_sanctions("Serbia", "Russia")
    document = json.loads(run(capsys, "sanctions", "Serbia", "Russia", "--json")[1])
    assert document == expected.to_dict()


def test_user_data_is_layered_on_the_bundled_dataset(capsys: Cap, tmp_path: Path) -> None:
    russia = geoalign.resolve("Russia")
    path = tmp_path / "mine.yaml"
    path.write_text(f"countries:\n  - {{id: {russia.id}, name: Rossiya}}\n", encoding="utf-8")
    status, _, err = run(capsys, "--data", str(path), "resolve", "Rossiya")
    assert status == 2
    assert_one_line_error(err, "already in the bundled dataset")
    status, out, _ = run(capsys, "--data", str(path), "--override", "resolve", "Rossiya", "--json")
    assert status == 0
    assert json.loads(out)["actor"]["id"] == russia.id


@pytest.mark.parametrize("form", ["text", "json", "jsonl", "csv"])
def test_an_unknown_sanction_says_what_the_data_holds_in_every_format(
    form: str, capsys: Cap
) -> None:
    answer = geoalign.load().explain_sanctions("USA", "HTS")
    assert answer.status.state.value == "unknown"
    held = [tie.relationship for tie in answer.listings]
    assert [tie.kind.value for tie in held] == ["terrorist_designation"]
    status, out, err = run(capsys, "sanctions", "USA", "HTS", "--format", form)
    assert status == 1  # unknown is no answer, whatever the data holds beside it
    named = ", ".join(
        f"{tie.kind.value} {tie.id} ({listed.certainty.value})"
        for tie, listed in zip(held, answer.listings, strict=True)
    )
    assert err.endswith(f"; the data holds: {named}\n")
    assert err.count("\n") == 1
    if form == "text":
        assert f"{held[0].id}  terrorist_designation" in out
    elif form == "csv":
        (row,) = csv.DictReader(io.StringIO(out))
        assert (row["state"], row["listing"]) == ("unknown", held[0].id)
        assert row["listing_certainty"] == answer.to_dict()["listings"][0]["certainty"]
    else:
        assert json.loads(out) == answer.to_dict()


def test_an_empty_definite_answer_says_what_is_possibly_there(capsys: Cap) -> None:
    data = geoalign.load()
    allies = [a.id for a in data.allies_of("RUS", as_of="1500", certainty="possible")]
    events = [e.id for e in data.timeline_between("RUS", "SYR", end="1900", certainty="possible")]
    measures = [t.relationship.id for t in data.sanctions_on("HTS", certainty="possible").ties]
    assert len(allies) > 3  # else the notes below say nothing new
    assert events
    assert measures
    assert not data.sanctions_on("HTS").ties  # nothing definite: the note is all there is
    asked = [
        (["allies", "Russia", "--as-of", "1500"], allies),
        (["timeline", "Russia", "Syria", "--to", "1900"], events),
        (["sanctions", "--on", "HTS"], measures),
    ]
    for argv, possibly in asked:
        status, out, err = run(capsys, *argv)
        assert (status, out) == (1, "")
        many = f" {len(possibly)}" if len(possibly) > 1 else ""
        named = ", ".join(possibly[:3]) + (", ..." if len(possibly) > 3 else "")
        assert err.endswith(f"; possibly{many}: {named} (--possible)\n")
        assert run(capsys, *argv, "--possible")[0] == 0
    # Nothing possibly there either: the plain note.
    assert run(capsys, "allies", "Russia", "--as-of", "1500", "--as-known-on", "1900")[2] == (
        "geoalign: no allies of Russia (RUS) as of 1500, as known on 1900\n"
    )


def test_sanctions_possibly_in_force_are_not_called_unknown_to_the_data(capsys: Cap) -> None:
    answer = geoalign.load().explain_sanctions("USA", "Serbia", as_of="2025-01-01")
    status, out, err = run(capsys, "sanctions", "United States", "Serbia", "--as-of", "2025-01-01")
    assert status == 1  # unknown is no definite answer
    possibly = ", ".join(tie.relationship.id for tie in answer.possibly)
    assert possibly == "usa-nis-sanctions"
    assert err.startswith(
        "geoalign: no sanction of Serbia (SRB) by United States (USA) definitely in force; "
        f"possibly: {possibly} (--possible)"
    )
    assert "does not say" not in err
    assert "holds no sanction" not in out


def test_a_missing_as_of_is_named_as_its_flag(capsys: Cap) -> None:
    for argv in (
        ["allies", "Russia"],
        ["sanctions", "USA", "Serbia"],
        ["sanctions", "--on", "SRB"],
    ):
        status, out, err = run(capsys, *argv, "--as-known-on", "1900")
        assert (status, out) == (2, "")
        assert err == (
            "geoalign: error: --as-of is required: no source was published by 1900, "
            "so there is no horizon to default to\n"
        )
        assert run(capsys, *argv, "--as-known-on", "1900", "--as-of", "2000")[0] == 1
