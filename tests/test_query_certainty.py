"""Definite and possible answers, and answers as known on a day: properties of every query.

* definite answers are possible answers too, on any day and in any window;
* a coarser date (less precise, qualified, a wider range) never makes an answer
  definite that was not, and never loses a possible one; nor does a tie's bound made
  uncertain (``?``);
* ``as_known_on`` at or after the horizon changes nothing; before it, only what sources
  published by then cite is known.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st
from tests.edtf_strategies import qualified_dates
from tests.query_reference import ids
from tests.strategies import DATASET_SETTINGS, MAX_YEAR, MIN_YEAR, datasets

from geoalign import Certainty, Dataset, PartialDate, SanctionState
from geoalign.model.edtf import BoundedDate, EDTFDate
from geoalign.rules.time import first_day, last_day

DEFINITE, POSSIBLE = Certainty.DEFINITE, Certainty.POSSIBLE
days = st.lists(qualified_dates(MIN_YEAR - 1, MAX_YEAR + 1), min_size=1, max_size=3)


def coarser(date: EDTFDate) -> list[EDTFDate]:
    """Dates that say less than ``date``: every day it may be, and more, maybe qualified."""
    found: list[EDTFDate] = []
    if date.qualifier is None:
        found += [attrs.evolve(date, qualifier=q) for q in ("?", "~", "%")]
    if isinstance(date, PartialDate):
        if date.day is not None:
            found.append(PartialDate(date.year, date.month, qualifier=date.qualifier))
        elif date.month is not None:
            found.append(PartialDate(date.year, qualifier=date.qualifier))
        else:
            first = date.year // 10 * 10
            decade = PartialDate(first), PartialDate(first + 9)
            found.append(BoundedDate(*decade, precision="decade", qualifier=date.qualifier))
    elif date.precision == "range" and date.lower is not None and date.upper is not None:
        found += [attrs.evolve(date, lower=None), attrs.evolve(date, upper=None)]
    elif date.precision == "decade":
        first = date.earliest.year // 100 * 100
        century = PartialDate(first), PartialDate(first + 99)
        found.append(BoundedDate(*century, precision="century", qualifier=date.qualifier))
    return found


def uncertain(date: EDTFDate) -> list[EDTFDate]:
    """The same date, uncertain: ``2024`` as ``2024?``, ``2024~`` as ``2024%``."""
    if date.qualifier in (None, "~"):
        return [attrs.evolve(date, qualifier="?" if date.qualifier is None else "%")]
    return []


TIES_AND_EVENTS = (("relationships", ("start", "end")), ("events", ("date",)))


@st.composite
def coarsened(
    draw: st.DrawFn, make: Any = coarser, fields: Any = TIES_AND_EVENTS
) -> tuple[Dataset, Dataset, list[PartialDate]]:
    """A dataset, the same with one date of a relationship or an event made coarser (by
    ``make``, among ``fields``), and the days where answers may change: the bounds of both
    dates and of publications."""
    ds = draw(datasets())
    dated = [
        (collection, index, field)
        for collection, names in fields
        for index, record in enumerate(getattr(ds, collection))
        for field in names
        if getattr(record, field) is not None and make(getattr(record, field))
    ]
    assume(dated)
    collection, index, field = draw(st.sampled_from(dated))
    records = list(getattr(ds, collection))
    old = getattr(records[index], field)
    new = draw(st.sampled_from(make(old)))
    records[index] = attrs.evolve(records[index], **{field: new})
    bounds = {
        day
        for date in (old, new, *(source.published for source in ds.sources))
        for day in (first_day(date), last_day(date))
        if 1 <= day <= datetime.date.max.toordinal()
    }
    edges = [PartialDate.from_date(datetime.date.fromordinal(day)) for day in sorted(bounds)]
    return ds, attrs.evolve(ds, **{collection: tuple(records)}), edges


def answers(ds: Dataset, certainty: Certainty, when: EDTFDate) -> set[Any]:
    """Every tie in force and every event in a window, around ``when``, as ids."""
    found: set[Any] = set()
    for actor in ds.actors():
        ties = ds.relationships_of(actor, as_of=when, certainty=certainty)
        found.update(("tie", actor.id, tie) for tie in ids(ties))
        for other in ds.actors():
            for window in ({"start": when}, {"end": when}, {"start": when, "end": when}):
                events = ds.timeline_between(actor, other, **window, certainty=certainty)
                found.update(("event", actor.id, other.id, str(window), e) for e in ids(events))
            status = ds.sanction_status(actor, other, as_of=when, certainty=certainty)
            if certainty is DEFINITE:  # a definite state, or unknown
                assert status.certainty is not POSSIBLE
            if status.state is SanctionState.IMPOSED:
                found.add(("imposed", actor.id, other.id))
    return found


@DATASET_SETTINGS
@given(datasets(), days)
def test_definite_answers_are_possible_answers(ds: Dataset, dates: list[EDTFDate]) -> None:
    for when in dates:
        definite, possible = answers(ds, DEFINITE, when), answers(ds, POSSIBLE, when)
        assert definite <= possible
    for relationship in ds.relationships:
        span = ds.tie_span(relationship)
        assert span.possible_from.at < span.possible_until.at  # some possible day
        if span.definite_from.at < span.definite_until.at:
            assert span.possible_from.at <= span.definite_from.at
            assert span.definite_until.at <= span.possible_until.at


@DATASET_SETTINGS
@given(datasets(), days)
def test_a_tie_definitely_in_force_on_a_day_is_possibly_in_force(
    ds: Dataset, dates: list[EDTFDate]
) -> None:
    for when in dates:
        for relationship in ds.relationships:
            verdict = ds.tie_certainty(relationship, when)
            in_force = {
                certainty: relationship
                in ds.relationships_of(relationship.a, as_of=when, certainty=certainty)
                for certainty in (DEFINITE, POSSIBLE)
            }
            assert in_force[DEFINITE] == (verdict.certainty is DEFINITE)
            assert in_force[POSSIBLE] == (verdict.certainty is not None)
            assert verdict.reason


@DATASET_SETTINGS
@given(coarsened(), days)
def test_a_coarser_date_never_makes_an_answer_definite(
    both: tuple[Dataset, Dataset, list[PartialDate]], dates: list[EDTFDate]
) -> None:
    fine, coarse, edges = both
    for when in [*dates, *edges]:
        assert answers(coarse, DEFINITE, when) <= answers(fine, DEFINITE, when)
        assert answers(fine, POSSIBLE, when) <= answers(coarse, POSSIBLE, when)


@DATASET_SETTINGS
@given(coarsened(uncertain, (("relationships", ("start", "end")),)), days)
def test_an_uncertain_bound_never_makes_an_answer_definite(
    both: tuple[Dataset, Dataset, list[PartialDate]], dates: list[EDTFDate]
) -> None:
    # A bound made uncertain (?) is as written or unknown: every possible answer stays,
    # and no answer becomes definite; an uncertain end makes no tie surely over.
    sure, unsure = both[:2]
    for when in [*dates, *both[2]]:
        assert answers(unsure, DEFINITE, when) <= answers(sure, DEFINITE, when)
        assert answers(sure, POSSIBLE, when) <= answers(unsure, POSSIBLE, when)
    for relationship in unsure.relationships:
        if relationship.end is not None and relationship.end.qualifier in ("?", "%"):
            assert unsure.tie_span(relationship).possible_until.day is None


# -- as known on -----------------------------------------------------------------------


def everything(ds: Dataset, known: EDTFDate | None, when: EDTFDate | None) -> list[Any]:
    """Every query's answer for every actor and pair, as known on a day."""
    found: list[Any] = []
    for actor in ds.actors():
        for certainty in (DEFINITE, POSSIBLE):
            asked = {"as_of": when, "certainty": certainty, "as_known_on": known}
            found.append(ds.allies_of(actor, **asked))
            found.append(ds.relationships_of(actor, **asked))
        for other in ds.actors():
            for certainty in (DEFINITE, POSSIBLE):
                found.append(
                    ds.sanction_status(
                        actor, other, as_of=when, certainty=certainty, as_known_on=known
                    )
                )
                found.append(
                    ds.timeline_between(actor, other, certainty=certainty, as_known_on=known)
                )
    return found


@DATASET_SETTINGS
@given(datasets(), st.integers(0, 800), days)
def test_known_on_or_after_the_horizon_is_the_default(
    ds: Dataset, later: int, dates: list[EDTFDate]
) -> None:
    assert ds.horizon is not None
    # The horizon's last day: "about 2024" (2024~) may be as late as 2025.
    day = PartialDate.from_date(datetime.date.fromordinal(last_day(ds.horizon) + later))
    for when in [None, *dates]:
        assert everything(ds, day, when) == everything(ds, None, when)


@DATASET_SETTINGS
@given(datasets(), qualified_dates(MIN_YEAR, MAX_YEAR))
def test_as_known_on_a_day_only_what_was_published_by_then_counts(
    ds: Dataset, known: PartialDate
) -> None:
    last = last_day(known)
    published = {s.id: s.published for s in ds.sources}
    early = {s for s, date in published.items() if last_day(date) <= last}  # widened
    for actor in ds.actors():
        for when in (known, PartialDate(MAX_YEAR)):
            if not early:
                break
            for tie in ds.relationships_of(actor, as_of=when, as_known_on=known):
                assert {c.source for c in tie.citations} <= early
                assert tie.ended_by is None or tie.ended_by in early
                full = ds.get(tie.id)
                assert full is not None
                assert tie.citations == tuple(c for c in full.citations if c.source in early)
    for event in ds.events:
        for a in event.actors:
            cited = {c.source for c in event.citations}
            found = event.id in ids(
                ds.timeline_between(a, a, certainty=POSSIBLE, as_known_on=known)
            )
            assert found == bool(cited & early)
    if early:
        horizon = ds.sanction_status(ds.countries[0], ds.countries[0], as_known_on=known).as_of
        assert first_day(horizon) <= last
