"""Browsing from the shell: actors, relationships, events, sanctions --on/--by, why, diff.

Each answer is checked against the library on the same data: the explained answers'
``to_dict()`` where the command prints one, the records themselves otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.cli_sample import (
    Cap,
    data_fixture,  # noqa: F401 - pytest finds the "data" fixture among this module's names
    query,
    query_json,
)

import geoalign
from geoalign import Dataset
from geoalign.store import browse


@pytest.fixture
def sample(data: Path) -> Dataset:
    return geoalign.load(data, include_bundled=False)


def test_actors_by_type_and_name(capsys: Cap, data: Path, sample: Dataset) -> None:
    document = query_json(capsys, data, "actors")
    assert [a["id"] for a in document["actors"]] == [a.id for a in sample.actors()]
    countries = query_json(capsys, data, "actors", "--type", "country")["actors"]
    assert [a["id"] for a in countries] == [c.id for c in sample.countries]
    # by id, name or alias, blind to case and accents
    found = query_json(capsys, data, "actors", "--name", "TURK")["actors"]
    assert [a["id"] for a in found] == ["TUR"]
    status, out, err = query(capsys, data, "actors", "--type", "person", "--name", "russia")
    assert (status, out, err) == (1, "", "geoalign: no actors match\n")


def test_relationships_at_any_time(capsys: Cap, data: Path, sample: Dataset) -> None:
    document = query_json(capsys, data, "relationships", "Syria")
    expected = sorted(r.id for r in sample.relationships if "SYR" in (r.a, r.b))
    assert [t["id"] for t in document["ties"]] == expected
    assert document["as_of"] is None
    assert all(t["quotes"] for t in document["ties"])
    status, out, _ = query(capsys, data, "relationships", "Syria")
    assert status == 0
    assert all(tie in out for tie in expected)
    assert "Russia was Assad's most important ally" in out


def test_relationships_as_of_are_the_library_s(capsys: Cap, data: Path, sample: Dataset) -> None:
    argv = ["relationships", "RUS", "--as-of", "2024-06", "--kind", "alliance", "--possible"]
    expected = sample.explain_relationships(
        "RUS", as_of="2024-06", kinds=["alliance"], certainty="possible"
    )
    assert query_json(capsys, data, *argv) == expected.to_dict()


@pytest.mark.parametrize(
    "options",
    [[], ["--from", "2024"], ["--kind", "flight"], ["--where", "moscow"], ["--where", "Paris"]],
)
def test_events_of_one_actor(options: list[str], capsys: Cap, data: Path, sample: Dataset) -> None:
    start = options[1] if options[:1] == ["--from"] else None
    events = sample.explain_timeline("SYR", "SYR", start=start).to_dict()["events"]
    if options[:1] == ["--kind"]:
        events = [e for e in events if e["kind"] == options[1]]
    if options[:1] == ["--where"]:
        events = [e for e in events if options[1].lower() in (e["location"] or "").lower()]
    document = query_json(capsys, data, "events", "Syria", *options)
    assert document["events"] == events
    status, out, _ = query(capsys, data, "events", "Syria", *options)
    assert status == (0 if events else 1)
    assert all(event["id"] in out for event in events)


def test_sanctions_on_a_state_count_bodies_based_there(capsys: Cap, data: Path) -> None:
    document = query_json(capsys, data, "sanctions", "--on", "Serbia", "--as-of", "2024-08")
    assert document["answer"] == "sanctions_on"
    assert [t["id"] for t in document["ties"]] == ["tur-nis-sanctions"]
    status, out, _ = query(capsys, data, "sanctions", "--on", "SRB", "--as-of", "2024-08")
    assert status == 0
    assert "TUR -> nis" in out
    assert "Turkey sanctioned NIS" in out
    status, _, err = query(capsys, data, "sanctions", "--on", "SRB", "--as-of", "2025-01")
    assert status == 1
    assert err.startswith("geoalign: no sanctions, designations and statements on Serbia")


def test_sanctions_by_an_imposer(capsys: Cap, data: Path, sample: Dataset) -> None:
    document = query_json(capsys, data, "sanctions", "--by", "Serbia")
    expected = sample.explain_relationships("SRB", kinds=["non_sanctioning"])
    assert document["ties"] == expected.to_dict()["ties"]
    assert document["ties"][0]["id"] == "srb-rus-no-sanctions"


def test_why_gives_every_tie_and_event_of_a_pair(capsys: Cap, data: Path, sample: Dataset) -> None:
    document = query_json(capsys, data, "why", "Syria", "Russia")
    ties = sorted(r.id for r in sample.relationships if {r.a, r.b} == {"RUS", "SYR"})
    assert [t["id"] for t in document["ties"]] == ties
    events = sample.explain_timeline("RUS", "SYR", certainty="possible").to_dict()["events"]
    assert document["events"] == events
    status, out, _ = query(capsys, data, "why", "RUS", "SYR")
    assert status == 0
    for record in [*sample.relationships, *sample.events]:
        if record.id in ties or record.id in [e["id"] for e in events]:
            assert record.citations[0].quote in out
    status, _, err = query(capsys, data, "why", "TUR", "SRB")
    assert (status, err) == (
        1,
        "geoalign: nothing in the data links Türkiye (TUR) and Serbia (SRB)\n",
    )


def test_diff_is_the_library_s_changes(capsys: Cap, data: Path, sample: Dataset) -> None:
    expected = sample.changes("SYR", "2024-12-01", "2024-12-31")
    assert expected.ended  # the fall: Russia's ties end
    document = query_json(capsys, data, "diff", "Syria", "2024-12-01", "2024-12-31")
    assert document == expected.to_dict()
    status, out, _ = query(capsys, data, "diff", "Syria", "2024-12-01", "2024-12-31")
    assert status == 0
    for change in expected.ended:
        assert change.tie.relationship.id in out
    status, _, err = query(capsys, data, "diff", "Syria", "2016", "2017")
    assert status == 1
    assert err.startswith("geoalign: no changes for Syria (SYR) from 2016 to 2017")


def test_diff_backwards_is_an_error(capsys: Cap, data: Path) -> None:
    status, out, err = query(capsys, data, "diff", "Syria", "2025", "2024")
    assert (status, out) == (2, "")
    assert err.startswith("geoalign: error: ")


# -- the browsing answers' own JSON ---------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "answer"),
    [
        (["actors"], lambda ds: browse.actors(ds)),
        (
            ["actors", "--type", "country", "--name", "r"],
            lambda ds: browse.actors(ds, "country", "r"),
        ),
        (
            ["events", "Syria", "--from", "2015", "--kind", "flight", "--where", "moscow"],
            lambda ds: browse.events(ds, "SYR", "2015", None, ["flight"], "moscow"),
        ),
        (
            ["events", "RUS", "--to", "2024-12", "--possible", "--as-known-on", "2024-12-09"],
            lambda ds: browse.events(
                ds, "RUS", None, "2024-12", certainty="possible", as_known_on="2024-12-09"
            ),
        ),
        (["relationships", "Russia"], lambda ds: browse.all_relationships(ds, "RUS")),
        (
            ["relationships", "RUS", "--kind", "alliance", "--as-known-on", "2024-12-09"],
            lambda ds: browse.all_relationships(ds, "RUS", ["alliance"], "2024-12-09"),
        ),
        (
            ["sanctions", "--on", "Serbia", "--as-of", "2024-08"],
            lambda ds: browse.measures(ds, "SRB", "on", "2024-08"),
        ),
        (
            ["sanctions", "--by", "Türkiye", "--as-of", "2024", "--possible"],
            lambda ds: browse.measures(ds, "TUR", "by", "2024", certainty="possible"),
        ),
    ],
)
def test_browsing_json_is_the_answer_s_to_dict(
    capsys: Cap, data: Path, sample: Dataset, argv: list[str], answer: Any
) -> None:
    expected = answer(sample).to_dict()
    assert query_json(capsys, data, *argv) == expected
    status, _, _ = query(capsys, data, *argv)
    rows = expected.get("actors", expected.get("events", expected.get("ties")))
    assert status == (0 if rows else 1)


def test_diff_names_a_bound_once_when_both_certainties_moved_on_it(capsys: Cap, data: Path) -> None:
    # The possible and the definite bound of one change can be the same end: say it once.
    status, out, _ = query(capsys, data, "diff", "Syria", "2024-12-07", "2024-12-09")
    assert status == 0
    rows = [line for line in out.splitlines() if "rus-syr-alliance" in line]
    assert rows
    bounds = rows[0].split("rus-syr-alliance", 1)[1].strip().split("; ")
    assert len(bounds) == len(set(bounds))
