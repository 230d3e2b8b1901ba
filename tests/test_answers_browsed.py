"""The browsing answers (actors, events, relationships at any time, sanctions on or by):
typed, frozen, in the answers' JSON Schema, and equal to what the records say."""

from __future__ import annotations

from typing import Any

import attrs
import jsonschema
import pytest

import geoalign
from geoalign.errors import ArgumentTypeError, InvalidValueError, UnknownActorError
from geoalign.model.answer_schema import ANSWER_SCHEMA
from geoalign.model.browsed import ActorsAnswer
from geoalign.model.kinds import EventKind
from geoalign.model.names import fold
from geoalign.store import browse

DATASET = geoalign.load()
ACTORS = [actor.id for actor in DATASET.actors()]
VALIDATOR = jsonschema.Draft202012Validator(
    ANSWER_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def valid(document: dict[str, Any], definition: str) -> dict[str, Any]:
    """``document``, checked against the whole schema and against its own definition."""
    VALIDATOR.validate(document)
    own = {**ANSWER_SCHEMA, "$ref": f"#/$defs/{definition}"}
    jsonschema.Draft202012Validator(own).validate(document)
    return document


def test_actors_filter_by_type_and_name() -> None:
    everyone = valid(browse.actors(DATASET).to_dict(), "actors")
    assert [a["id"] for a in everyone["actors"]] == ACTORS
    persons = browse.actors(DATASET, "person").actors
    assert persons == DATASET.persons
    found = valid(browse.actors(DATASET, "country", "TÜRK").to_dict(), "actors")
    assert (found["type"], found["name"], [a["id"] for a in found["actors"]]) == (
        "country",
        "TÜRK",
        ["TUR"],
    )
    assert found["actors"][0]["aliases"] == list(DATASET.resolve("TUR").aliases)
    with pytest.raises(InvalidValueError, match="'state' is not an actor type"):
        browse.actors(DATASET, "state")
    with pytest.raises(ArgumentTypeError, match="name must be text"):
        browse.actors(DATASET, None, 3)  # type: ignore[arg-type]


def test_answers_are_frozen() -> None:
    answer = browse.actors(DATASET, "person")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        answer.name = "x"  # type: ignore[misc]
    assert isinstance(answer, ActorsAnswer)


@pytest.mark.parametrize("actor", ACTORS)
def test_relationships_at_any_time_are_every_tie_of_the_actor(actor: str) -> None:
    answer = browse.all_relationships(DATASET, actor)
    expected = sorted(r.id for r in DATASET.relationships if actor in (r.a, r.b))
    assert [tie.relationship.id for tie in answer.ties] == expected
    document = valid(answer.to_dict(), "relationships_any_time")
    assert document["as_of"] is None
    for tie, record in zip(document["ties"], answer.ties, strict=True):
        citations = record.relationship.citations
        assert [q["quote"] for q in tie["quotes"]] == [c.quote for c in citations]


def test_relationships_at_any_time_as_known_on_a_day() -> None:
    day = "2023-01-01"
    known = DATASET.known_on(day)
    answer = browse.all_relationships(DATASET, "RUS", kinds="alliance", as_known_on=day)
    expected = sorted(
        r.id for r in known.relationships if "RUS" in (r.a, r.b) and r.kind.value == "alliance"
    )
    assert [tie.relationship.id for tie in answer.ties] == expected
    assert valid(answer.to_dict(), "relationships_any_time")["as_known_on"] == day


@pytest.mark.parametrize("actor", ["SYR", "RUS", "USA", "UKR", "bashar-al-assad"])
def test_events_are_the_actor_s_timeline_filtered(actor: str) -> None:
    timeline = DATASET.explain_timeline(actor, actor, start="2020")
    kinds = sorted({item.event.kind.value for item in timeline.events})[:2]
    answer = browse.events(DATASET, actor, start="2020", event_kinds=kinds)
    assert [e.event.id for e in answer.events] == [
        e.event.id for e in timeline.events if e.event.kind.value in kinds
    ]
    document = valid(answer.to_dict(), "events")
    in_order = [kind.value for kind in EventKind if kind.value in kinds]  # the enum's order
    assert (document["event_kinds"], document["where"]) == (in_order, None)
    places = [e.event.location for e in timeline.events if e.event.location]
    if places:
        where = places[0][:4].upper()
        held = browse.events(DATASET, actor, start="2020", where=where)
        assert [e.event.id for e in held.events] == [
            e.event.id for e in timeline.events if fold(where) in fold(e.event.location or "")
        ]
        assert valid(held.to_dict(), "events")["where"] == where


def test_events_refuse_an_unknown_kind() -> None:
    with pytest.raises(InvalidValueError, match="'parade'"):
        browse.events(DATASET, "SYR", event_kinds="parade")
    with pytest.raises(ArgumentTypeError):
        browse.events(DATASET, "SYR", event_kinds=5)
    with pytest.raises(UnknownActorError):
        browse.events(DATASET, "Atlantis")


@pytest.mark.parametrize("side", ["on", "by"])
@pytest.mark.parametrize("actor", ["RUS", "SRB", "USA", "HTS", "SYR"])
def test_measures_on_or_by_an_actor(side: str, actor: str) -> None:
    answer = browse.measures(DATASET, actor, side, as_of="2024", certainty="possible")  # type: ignore[arg-type]
    document = valid(answer.to_dict(), f"sanctions_{side}")
    assert document["answer"] == f"sanctions_{side}"
    actor = DATASET.resolve(actor).id
    based = {o.id for o in DATASET.organizations if o.country == actor}
    in_force = {
        t.id
        for t in DATASET.relationships_of(actor, as_of="2024", certainty="possible")
        if t.kind in browse.MEASURES and (t.b if side == "on" else t.a) == actor
    }
    if side == "on":
        for body in based:
            in_force |= {
                t.id
                for t in DATASET.relationships_of(body, as_of="2024", certainty="possible")
                if t.kind in browse.MEASURES and t.b == body
            }
    assert [tie["id"] for tie in document["ties"]] == sorted(in_force)


def test_measures_refuse_another_side() -> None:
    with pytest.raises(InvalidValueError, match="side must be 'on' or 'by'"):
        browse.measures(DATASET, "RUS", "against")  # type: ignore[arg-type]
