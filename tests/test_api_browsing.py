"""Browsing from Python: the Dataset methods and the functions on the bundled dataset
answer what the ``geoalign`` commands answer, with the same JSON, dates and errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from tests.cli_sample import Cap, run

import geoalign
from geoalign import api
from geoalign.errors import ArgumentTypeError, InvalidDateError, InvalidValueError
from geoalign.model.browsed import (
    ActorsAnswer,
    AllRelationshipsAnswer,
    EventsAnswer,
    MeasuresAnswer,
)
from geoalign.store import browse

DATASET = geoalign.load()


def command_json(capsys: Cap, *argv: str) -> Any:
    """The JSON the command prints for ``argv`` on the bundled data."""
    _, out, _ = run(capsys, *argv, "--format", "json")
    return json.loads(out)


# (the Python call, the same question asked of the command)
SAME_QUESTION: list[tuple[Callable[[], Any], tuple[str, ...]]] = [
    (lambda: api.find_actors("assad"), ("actors", "--name", "assad")),
    (lambda: api.find_actors(type="organization"), ("actors", "--type", "organization")),
    (
        lambda: api.events_of("Syria", start="2024-12", kinds="capture"),
        ("events", "Syria", "--from", "2024-12", "--kind", "capture"),
    ),
    (
        lambda: api.events_of("Russia", where="Moscow", certainty="possible"),
        ("events", "Russia", "--where", "Moscow", "--possible"),
    ),
    (lambda: api.all_relationships_of("Turkey"), ("relationships", "Turkey")),
    (
        lambda: api.all_relationships_of("RUS", kinds="alliance", as_known_on="2023"),
        ("relationships", "RUS", "--kind", "alliance", "--as-known-on", "2023"),
    ),
    (lambda: api.sanctions_on("Serbia"), ("sanctions", "--on", "Serbia")),
    (
        lambda: api.sanctions_by("USA", as_of="2024", certainty="possible"),
        ("sanctions", "--by", "USA", "--as-of", "2024", "--possible"),
    ),
    (
        lambda: api.sanctions_on("HTS", as_of="2024-06", as_known_on="2024-12-31"),
        ("sanctions", "--on", "HTS", "--as-of", "2024-06", "--as-known-on", "2024-12-31"),
    ),
]


@pytest.mark.parametrize(
    ("call", "argv"), SAME_QUESTION, ids=[" ".join(a) for _, a in SAME_QUESTION]
)
def test_a_python_answer_is_the_command_s_json(
    capsys: Cap, call: Callable[[], Any], argv: tuple[str, ...]
) -> None:
    assert call().to_dict() == command_json(capsys, *argv)


def test_the_methods_are_the_builders_and_the_functions_the_bundled_methods() -> None:
    cases = [
        (DATASET.find_actors("turk", type="country"), browse.actors(DATASET, "country", "turk")),
        (
            DATASET.events_of("SYR", start="2024", kinds=["capture", "flight"], where="a"),
            browse.events(DATASET, "SYR", "2024", None, ["capture", "flight"], "a"),
        ),
        (DATASET.all_relationships_of("SRB"), browse.all_relationships(DATASET, "SRB")),
        (DATASET.sanctions_on("RUS", as_of="2023"), browse.measures(DATASET, "RUS", "on", "2023")),
        (DATASET.sanctions_by("RUS"), browse.measures(DATASET, "RUS", "by")),
        (api.sanctions_by("RUS"), DATASET.sanctions_by("RUS")),
        (api.events_of("SYR", end="2015"), DATASET.events_of("SYR", end="2015")),
    ]
    for ours, theirs in cases:
        assert ours == theirs
    kinds = (ActorsAnswer, EventsAnswer, AllRelationshipsAnswer, MeasuresAnswer, MeasuresAnswer)
    assert [type(ours) for ours, _ in cases[:5]] == list(kinds)


def test_as_known_on_and_certainty_change_the_answer() -> None:
    # The US sanctions on NIS began "in the beginning of 2025": on 1 January only possibly.
    definite = DATASET.sanctions_on("Serbia", as_of="2025-01-01")
    possible = DATASET.sanctions_on("Serbia", as_of="2025-01-01", certainty="possible")
    assert definite.ties == ()
    assert [(t.relationship.id, t.certainty.value) for t in possible.ties] == [
        ("usa-nis-sanctions", "possible")
    ]
    every = DATASET.all_relationships_of("SYR")
    early = DATASET.all_relationships_of("SYR", as_known_on="2022-12-31")
    assert {t.relationship.id for t in early.ties} < {t.relationship.id for t in every.ties}
    assert str(early.as_known_on) == "2022-12-31"
    assert early.ties == DATASET.known_on("2022-12-31").all_relationships_of("SYR").ties


def test_events_of_one_actor_are_its_timeline_with_itself() -> None:
    mine = DATASET.events_of("bashar-al-assad", start="2024-12", certainty="possible")
    own = DATASET.explain_timeline(
        "bashar-al-assad", "bashar-al-assad", start="2024-12", certainty="possible"
    )
    assert mine.events == own.events
    assert mine.events


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: DATASET.find_actors(type="state"), InvalidValueError, "'state' is not an actor"),  # type: ignore[arg-type]
        (lambda: DATASET.find_actors(3), ArgumentTypeError, "name must be text"),  # type: ignore[arg-type]
        (lambda: DATASET.events_of("SYR", kinds="parade"), InvalidValueError, "'parade'"),
        (lambda: DATASET.events_of("SYR", kinds=5), ArgumentTypeError, "event_kinds"),  # type: ignore[arg-type]
        (lambda: DATASET.events_of("SYR", start="2025", end="2024"), InvalidDateError, "starts"),
        (lambda: DATASET.events_of("SYR", where=1), ArgumentTypeError, "where must be text"),  # type: ignore[arg-type]
        (lambda: DATASET.all_relationships_of("Atlantis"), LookupError, "unknown actor"),
        (
            lambda: DATASET.all_relationships_of("SYR", kinds=["friendship"]),
            ValueError,
            "friendship",
        ),
        (lambda: DATASET.sanctions_on(42), TypeError, "must be an actor"),  # type: ignore[arg-type]
        (lambda: DATASET.sanctions_by("USA", as_of="2024-13"), InvalidDateError, "2024-13"),
        (lambda: DATASET.sanctions_by("USA", certainty="maybe"), InvalidValueError, "maybe"),  # type: ignore[arg-type]
        (lambda: api.sanctions_on("USA", as_known_on=2024), ArgumentTypeError, "as_known_on"),  # type: ignore[arg-type]
    ],
)
def test_bad_arguments_raise_the_library_s_errors(
    call: Callable[[], Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as caught:
        call()
    assert isinstance(caught.value, geoalign.GeoalignError)


def test_the_public_face_names_them() -> None:
    names = ["find_actors", "events_of", "all_relationships_of", "sanctions_on", "sanctions_by"]
    for name in names:
        assert callable(getattr(geoalign.Dataset, name))
        assert getattr(api, name).__module__ == "geoalign.api.browsed"
        assert name in api.__all__


def test_every_function_of_the_api_is_public_in_the_package() -> None:
    missing = [name for name in api.__all__ if name not in geoalign.__all__]
    assert missing == []
    assert all(getattr(geoalign, name) is getattr(api, name) for name in api.__all__)
