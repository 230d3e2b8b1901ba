"""Explained answers: the same records as the plain queries, each item's certainty as the
rules give it, a JSON form the answer schema describes, and stable order."""

from __future__ import annotations

import datetime
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import DATASET_SETTINGS, MAX_YEAR, MIN_YEAR, datasets

import geoalign
from geoalign import Certainty, Dataset
from geoalign.errors import InvalidDateError, InvalidValueError
from geoalign.model.answer_schema import ANSWER_SCHEMA
from geoalign.model.explained import ANSWER_VERSION, TieEvidence

DS = geoalign.load()
VALIDATOR = jsonschema.Draft202012Validator(
    ANSWER_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
DATES = ("2016", "2022-02-26", "2023-06-01", "2024-12-01", "2024-12-08", "2025")
CERTAINTIES = ("definite", "possible")
days = st.dates(datetime.date(MIN_YEAR - 1, 1, 1), datetime.date(MAX_YEAR + 1, 12, 31))


def valid(answer: Any) -> dict[str, Any]:
    """The answer's dict, checked against the schema and through JSON and back."""
    data = answer.to_dict()
    VALIDATOR.validate(data)
    assert json.loads(json.dumps(data)) == data
    assert data["version"] == ANSWER_VERSION
    return data  # type: ignore[no-any-return]


def check_ties(ds: Dataset, ties: tuple[TieEvidence, ...], as_of: Any, **known: Any) -> None:
    for item in ties:
        verdict = ds.tie_certainty(item.relationship, as_of, **known)
        assert (item.certainty, item.reason) == verdict
        assert [q.quote for q in item.quotes] == [c.quote for c in item.relationship.citations]


def check_queries(ds: Dataset, actor: str, other: str, as_of: Any, **known: Any) -> None:
    for certainty in CERTAINTIES:
        allies = ds.explain_allies(actor, as_of=as_of, certainty=certainty, **known)
        valid(allies)
        assert allies.actors == ds.allies_of(actor, as_of=as_of, certainty=certainty, **known)
        for ally in allies.allies:
            check_ties(ds, ally.ties, as_of, **known)
            sure = {tie.certainty for tie in ally.ties}
            assert ally.certainty == (min(sure, key=lambda c: c is Certainty.POSSIBLE))
        if certainty == "definite":
            assert {ally.certainty for ally in allies.allies} <= {Certainty.DEFINITE}
        ties = ds.explain_relationships(actor, as_of=as_of, certainty=certainty, **known)
        valid(ties)
        plain = ds.relationships_of(actor, as_of=as_of, certainty=certainty, **known)
        assert tuple(item.relationship for item in ties.ties) == plain
        check_ties(ds, ties.ties, as_of, **known)
        for side in ("a", "b"):
            one_side = ds.explain_relationships(
                actor, as_of=as_of, certainty=certainty, side=side, **known
            )
            valid(one_side)
            assert one_side.ties == tuple(
                item for item in ties.ties if getattr(item.relationship, side) == actor
            )
        timeline = ds.explain_timeline(actor, other, end=as_of, certainty=certainty, **known)
        valid(timeline)
        events = ds.timeline_between(actor, other, end=as_of, certainty=certainty, **known)
        assert tuple(item.event for item in timeline.events) == events
        for item in timeline.events:
            assert (item.certainty, item.reason) == ds.event_certainty(item.event, end=as_of)
        check_between(ds, actor, other, as_of, certainty, known)
    answer = ds.explain_sanctions(actor, other, as_of=as_of, **known)
    valid(answer)
    assert answer.status == ds.sanction_status(actor, other, as_of=as_of, **known)
    assert tuple(m.relationship for m in answer.measures) == answer.status.measures
    assert all(m.certainty is answer.status.certainty for m in answer.measures)
    check_ties(ds, answer.listings, as_of, **known)
    assert answer == ds.explain_sanctions(actor, other, as_of=as_of, **known)


def check_between(
    ds: Dataset, actor: str, other: str, as_of: Any, certainty: str, known: dict[str, Any]
) -> None:
    """The ties and events between two actors over the days of ``as_of``."""
    if actor == other:
        with pytest.raises(InvalidValueError):
            ds.explain_between(actor, other, start=as_of, end=as_of, **known)
        return
    answer = ds.explain_between(actor, other, start=as_of, end=as_of, certainty=certainty, **known)
    valid(answer)
    ties = ds.relationships_of(actor, as_of=as_of, certainty=certainty, **known)
    assert tuple(item.relationship for item in answer.ties) == tuple(
        tie for tie in ties if other in (tie.a, tie.b)
    )
    check_ties(ds, answer.ties, as_of, **known)
    events = ds.timeline_between(actor, other, start=as_of, end=as_of, certainty=certainty, **known)
    assert tuple(item.event for item in answer.events) == events


@pytest.mark.parametrize("as_of", DATES)
def test_bundled_answers_match_the_plain_queries(as_of: str) -> None:
    for actor, other in (("RUS", "SYR"), ("USA", "hts"), ("SRB", "RUS"), ("TUR", "sna")):
        check_queries(DS, actor, other, as_of)
        check_queries(DS, actor, other, as_of, as_known_on="2024-12-08")


@given(ds=datasets(), day=days, data=st.data())
@DATASET_SETTINGS
def test_generated_answers_match_the_plain_queries(
    ds: Dataset, day: datetime.date, data: st.DataObject
) -> None:
    actors = [actor.id for actor in ds.actors()]
    if not actors:
        return
    actor, other = data.draw(st.sampled_from(actors)), data.draw(st.sampled_from(actors))
    check_queries(ds, actor, other, day)
    known = data.draw(days)
    check_queries(ds, actor, other, day, as_known_on=known)


def in_force(ds: Dataset, actor: str, day: datetime.date, certainty: str) -> set[str]:
    kinds = list(geoalign.RelationshipKind)
    ties = ds.relationships_of(actor, as_of=day, kinds=kinds, certainty=certainty)
    return {tie.id for tie in ties}


def check_changes(ds: Dataset, actor: str, since: datetime.date, until: datetime.date) -> None:
    answer = ds.changes(actor, since, until, kinds=list(geoalign.RelationshipKind))
    data = valid(answer)
    assert answer == ds.changes(actor, since, until, kinds=list(geoalign.RelationshipKind))
    assert data["began"] == sorted(data["began"], key=lambda c: (c["other"]["id"], c["tie"]["id"]))
    before = {c: in_force(ds, actor, since, c) for c in CERTAINTIES}
    after = {c: in_force(ds, actor, until, c) for c in CERTAINTIES}
    began = {c.tie.relationship.id: c.certainty for c in answer.began}
    ended = {c.tie.relationship.id: c.certainty for c in answer.ended}
    for tie, certainty in began.items():
        assert tie in after["possible"]
        assert tie not in before["definite"]
        if certainty is Certainty.DEFINITE:
            assert tie not in before["possible"]
            assert tie in after["definite"]
    for tie, certainty in ended.items():
        assert tie in before["possible"]
        assert tie not in after["definite"]
        if certainty is Certainty.DEFINITE:
            assert tie in before["definite"]
            assert tie not in after["possible"]
    # Nothing that surely changed is left out, and nothing possible is called definite.
    for tie in after["definite"] - before["possible"]:
        assert began[tie] is Certainty.DEFINITE
    for tie in before["definite"] - after["possible"]:
        assert ended[tie] is Certainty.DEFINITE
    for tie in after["possible"] - before["possible"]:
        assert tie in began


@given(ds=datasets(), first=days, second=days, data=st.data())
@DATASET_SETTINGS
def test_generated_changes_agree_with_the_ties_on_both_days(
    ds: Dataset, first: datetime.date, second: datetime.date, data: st.DataObject
) -> None:
    actors = [actor.id for actor in ds.actors()]
    if actors:
        since, until = sorted((first, second))
        check_changes(ds, data.draw(st.sampled_from(actors)), since, until)


@pytest.mark.parametrize(
    ("since", "until"), [("2016-01-01", "2025-12-31"), ("2024-12-01", "2024-12-31")]
)
def test_bundled_changes_agree_with_the_ties_on_both_days(since: str, until: str) -> None:
    first, last = datetime.date.fromisoformat(since), datetime.date.fromisoformat(until)
    for actor in ("RUS", "SYR", "assad-regime", "SRB", "hts"):
        check_changes(DS, actor, first, last)


def test_the_fall_of_assad_ends_his_regime_s_ties() -> None:
    answer = DS.changes("Assad regime", "2024-12-01", "2024-12-31")
    russia = next(c for c in answer.ended if c.other.id == "RUS")
    assert (russia.relation, russia.certainty) == ("aligned", Certainty.DEFINITE)
    assert [name for name, _ in russia.bounds] == ["definite_until", "possible_until"]
    assert all(
        bound.date is not None and str(bound.date) == "[2024-12-07..2024-12-08]"
        for _, bound in russia.bounds
    )
    assert russia.tie.quotes
    assert russia.tie.quotes[0].source.published is not None


def test_a_listing_answers_for_a_sanction_the_data_does_not_hold() -> None:
    answer = DS.explain_sanctions("USA", "HTS")
    assert answer.status.state is geoalign.SanctionState.UNKNOWN
    assert [tie.relationship.kind.value for tie in answer.listings] == ["terrorist_designation"]
    assert "terrorist_designation usa-hts-terrorist-designation" in answer.summary
    assert valid(answer)["listings"][0]["quotes"]
    nothing = DS.explain_sanctions("Serbia", "Iran")
    assert "holds nothing" in nothing.summary
    assert not nothing.listings


@pytest.mark.parametrize("day", ["2024-11-30", "2024-12-08"])
def test_changes_as_known_on_a_day_are_those_of_the_dataset_known_then(day: str) -> None:
    for actor in ("RUS", "SYR", "assad-regime"):
        answer = DS.changes(actor, "2016", "2025", as_known_on=day)
        then = DS.known_on(day).changes(actor, "2016", "2025")
        assert str(answer.as_known_on) == day
        assert (answer.began, answer.ended) == (then.began, then.ended)
        valid(answer)


def test_a_side_is_a_or_b() -> None:
    with pytest.raises(geoalign.errors.InvalidValueError, match="side"):
        DS.explain_relationships("Russia", side="target")  # type: ignore[arg-type]


def test_changes_needs_its_dates_in_order() -> None:
    with pytest.raises(InvalidDateError):
        DS.changes("Russia", "2025", "2024")


def test_the_schema_is_valid_and_strict() -> None:
    jsonschema.Draft202012Validator.check_schema(ANSWER_SCHEMA)
    data = DS.explain_allies("Russia", certainty="possible").to_dict()
    VALIDATOR.validate(data)
    data["allies"][0]["ties"][0]["extra"] = 1
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(data)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate({**DS.explain_sanctions("USA", "HTS").to_dict(), "version": 0})


def test_between_one_actor_and_itself_is_refused() -> None:
    # Every tie of Russia would otherwise be listed as "between Russia and Russia".
    with pytest.raises(InvalidValueError, match="one actor"):
        geoalign.load().explain_between("Russia", "the Kremlin")
    assert geoalign.load().explain_between("Russia", "Syria").ties


@given(
    as_of=days,
    imposer=st.sampled_from(["USA", "TUR", "RUS"]),
    target=st.sampled_from(["SRB", "RUS", "SYR"]),
)
@DATASET_SETTINGS
def test_an_unknown_definite_sanction_names_the_measures_possibly_in_force(
    as_of: datetime.date, imposer: str, target: str
) -> None:
    answer = DS.explain_sanctions(imposer, target, as_of=as_of)
    possible = DS.sanction_status(imposer, target, as_of=as_of, certainty="possible")
    expected = ()
    if answer.status.state.value == "unknown" and possible.state.value == "imposed":
        expected = possible.measures
    assert tuple(tie.relationship for tie in answer.possibly) == expected
    said = f"by {answer.status.imposer.name} ({imposer}) definitely in force; possibly"
    assert (said in answer.summary) is bool(expected)
    if expected:
        assert "holds no sanction" not in answer.summary
    asked = DS.explain_sanctions(imposer, target, as_of=as_of, certainty="possible")
    assert asked.possibly == ()


def test_sanctions_possibly_in_force_are_not_called_none() -> None:
    answer = DS.explain_sanctions("United States", "Serbia", as_of="2025-01-01")
    assert answer.status.state.value == "unknown"
    assert [tie.relationship.id for tie in answer.possibly] == ["usa-nis-sanctions"]
    assert answer.summary.startswith(
        "unknown: no sanction of Serbia (SRB) by United States (USA) definitely in force; "
        "possibly: usa-nis-sanctions (certainty='possible'); it also holds"
    )
    assert valid(answer)["summary"] == answer.summary


def test_an_unknown_definite_state_names_the_measures_possibly_in_force() -> None:
    answer = geoalign.load().explain_sanctions("United States", "Serbia", as_of="2025-01-01")
    data = answer.to_dict()
    assert (data["state"], data["certainty"]) == ("unknown", None)
    assert [tie["id"] for tie in data["possibly"]] == ["usa-nis-sanctions"]
    assert all(tie["certainty"] == "possible" for tie in data["possibly"])
    assert "definitely in force; possibly: usa-nis-sanctions" in data["summary"]
    jsonschema.validate(data, ANSWER_SCHEMA)
    # asked for what is possible, the same measure is the answer: nothing left aside
    possible = geoalign.load().explain_sanctions(
        "United States", "Serbia", as_of="2025-01-01", certainty="possible"
    )
    assert possible.to_dict()["possibly"] == []
    assert "usa-nis-sanctions" in [tie.relationship.id for tie in possible.measures]
