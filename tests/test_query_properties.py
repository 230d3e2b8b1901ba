"""The queries, property by property, against the brute-force oracle.

The oracle (:mod:`tests.query_reference`) reads every record for every answer and asks
:mod:`geoalign.rules` when ties are in force and windows hold events.  Each property runs
over generated datasets with dates in every EDTF form, in both certainties and with
``as_known_on``; the whole-dataset ones use :data:`tests.strategies.DATASET_SETTINGS`.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from tests.edtf_strategies import edtf_dates, qualified_dates
from tests.query_reference import (
    ids,
    outcome,
    ref_allies,
    ref_fold,
    ref_relationships,
    ref_resolve,
    ref_sanctions,
    ref_timeline,
)
from tests.strategies import DATASET_SETTINGS, MAX_YEAR, MIN_YEAR, datasets, names, partial_dates

from geoalign import (
    AmbiguousActorError,
    Certainty,
    Dataset,
    GeoalignError,
    InvalidDateError,
    PartialDate,
    RelationshipKind,
    SanctionState,
    UnknownActorError,
)
from geoalign.model.edtf import EDTFDate
from geoalign.rules.time import first_day, last_day

# A generated dataset costs far more to draw than the questions asked of it, so each
# example asks about every actor (or every pair of actors) at a few drawn dates.
some_kinds = st.none() | st.lists(st.sampled_from(RelationshipKind), unique=True)
window_days = partial_dates(MIN_YEAR - 1, MAX_YEAR + 1) | edtf_dates(MIN_YEAR - 1, MAX_YEAR + 1)
window_ends = st.none() | window_days
some_dates = st.lists(window_ends, min_size=1, max_size=3)
known_days = st.none() | qualified_dates(MIN_YEAR, MAX_YEAR + 1)
BOTH = (Certainty.DEFINITE, Certainty.POSSIBLE)


def pairs(ds: Dataset) -> list[tuple[str, str]]:
    """Every ordered pair of actor ids, an actor with itself included."""
    return [(a.id, b.id) for a in ds.actors() for b in ds.actors()]


@DATASET_SETTINGS
@given(datasets(), some_dates, some_kinds, known_days)
def test_allies_of_matches_brute_force(
    ds: Dataset,
    dates: list[EDTFDate | None],
    kinds: list[RelationshipKind] | None,
    known: PartialDate | None,
) -> None:
    for actor in ds.actors():
        for as_of in dates:
            for certainty in BOTH:
                query = {"as_of": as_of, "kinds": kinds, "certainty": certainty}
                found = outcome(ds.allies_of, actor, **query, as_known_on=known)
                expected = outcome(ref_allies, ds, actor.id, as_of, kinds, certainty, known)
                assert (ids(found) if isinstance(found, tuple) else found) == expected


@DATASET_SETTINGS
@given(datasets(), some_dates, some_kinds, known_days)
def test_relationships_of_matches_brute_force(
    ds: Dataset,
    dates: list[EDTFDate | None],
    kinds: list[RelationshipKind] | None,
    known: PartialDate | None,
) -> None:
    expected_kinds = list(RelationshipKind) if kinds is None else kinds
    for actor in ds.actors():
        for as_of in dates:
            for certainty in BOTH:
                query = {"as_of": as_of, "kinds": kinds, "certainty": certainty}
                found = outcome(ds.relationships_of, actor, **query, as_known_on=known)
                expected = outcome(
                    ref_relationships, ds, actor.id, as_of, expected_kinds, certainty, known
                )
                assert (ids(found) if isinstance(found, tuple) else found) == expected


@DATASET_SETTINGS
@given(datasets(), some_dates, some_kinds, st.booleans())
def test_direction_of_a_tie_does_not_change_allies(
    ds: Dataset,
    dates: list[EDTFDate | None],
    kinds: list[RelationshipKind] | None,
    swap_directed: bool,
) -> None:
    # Swap a and b of every symmetric tie; optionally of directed ones too, since
    # allies_of and relationships_of count both directions of every kind.
    swapped = attrs.evolve(
        ds,
        relationships=tuple(
            attrs.evolve(r, a=r.b, b=r.a) if swap_directed or not r.kind.directed else r
            for r in ds.relationships
        ),
    )
    for as_of in dates:
        for actor in ds.actors():
            for certainty in BOTH:
                assert swapped.allies_of(
                    actor, as_of=as_of, kinds=kinds, certainty=certainty
                ) == ds.allies_of(actor, as_of=as_of, kinds=kinds, certainty=certainty)
            assert ids(swapped.relationships_of(actor, as_of=as_of)) == ids(
                ds.relationships_of(actor, as_of=as_of)
            )
        if not swap_directed:
            for imposer, target in pairs(ds):
                assert swapped.sanction_status(imposer, target, as_of=as_of) == (
                    ds.sanction_status(imposer, target, as_of=as_of)
                )


@DATASET_SETTINGS
@given(datasets())
def test_as_of_none_is_the_horizon(ds: Dataset) -> None:
    assert ds.horizon is not None
    # A source known within bounds counts as its upper bound (its lower one if open
    # above), qualified as the range is; "about 2024" may be as late as 2025.
    dates = [_horizon_form(source.published) for source in ds.sources]
    assert all(date is not None and last_day(date) <= last_day(ds.horizon) for date in dates)
    assert ds.horizon in dates
    for actor in ds.actors():
        assert ds.allies_of(actor) == ds.allies_of(actor, as_of=ds.horizon)
        assert ds.relationships_of(actor) == ds.relationships_of(actor, as_of=ds.horizon)
    for imposer, target in pairs(ds):
        status = ds.sanction_status(imposer, target)
        assert status.as_of == ds.horizon
        assert status == ds.sanction_status(imposer, target, as_of=ds.horizon)


# -- sanction_status -------------------------------------------------------------------


@st.composite
def sanction_datasets(draw: st.DrawFn) -> Dataset:
    """Datasets whose ties are mostly sanctions or statements of non-sanctioning."""
    ds = draw(datasets())
    new_kind = st.sampled_from([RelationshipKind.SANCTIONS, RelationshipKind.NON_SANCTIONING, None])
    relationships = []
    for r in ds.relationships:
        kind = draw(new_kind)
        relationships.append(r if kind is None else attrs.evolve(r, kind=kind))
    return attrs.evolve(ds, relationships=tuple(relationships))


def check_sanction_status(
    ds: Dataset,
    imposer: str,
    target: str,
    as_of: EDTFDate | None,
    known: PartialDate | None = None,
) -> None:
    for certainty in BOTH:
        check_sanction_certainty(ds, imposer, target, as_of, known, certainty)
    if known is None:  # definite answers are the possible ones that are definite, else unknown
        possible = ds.sanction_status(imposer, target, as_of=as_of, certainty=Certainty.POSSIBLE)
        definite = ds.sanction_status(imposer, target, as_of=as_of)
        if possible.certainty is Certainty.DEFINITE:
            assert definite == possible
        else:
            assert (definite.state, definite.measures) == (SanctionState.UNKNOWN, ())


def check_sanction_certainty(
    ds: Dataset,
    imposer: str,
    target: str,
    as_of: EDTFDate | None,
    known: PartialDate | None,
    certainty: Certainty,
) -> None:
    expected = outcome(ref_sanctions, ds, imposer, target, as_of, known, certainty)
    query = {"as_of": as_of, "certainty": certainty, "as_known_on": known}
    if not isinstance(expected, tuple):  # nothing published by as_known_on: no horizon
        with pytest.raises(expected):
            ds.sanction_status(imposer, target, **query)
        return
    status = ds.sanction_status(imposer, target, **query)
    assert (status.state, status.certainty, ids(status.measures)) == expected
    if certainty is Certainty.DEFINITE:  # a definite state, or unknown
        assert status.certainty is not Certainty.POSSIBLE
    assert (status.imposer.id, status.target.id) == (imposer, target)
    assert (status.certainty is None) == (status.state is SanctionState.UNKNOWN)
    if as_of is not None:
        assert status.as_of == as_of
    assert status.citations == tuple(c for m in status.measures for c in m.citations)


@DATASET_SETTINGS
@given(sanction_datasets(), some_dates, known_days)
def test_sanction_status_matches_brute_force(
    ds: Dataset, dates: list[EDTFDate | None], known: PartialDate | None
) -> None:
    for imposer, target in pairs(ds):
        for as_of in dates:
            check_sanction_status(ds, imposer, target, as_of, known)


@DATASET_SETTINGS
@given(sanction_datasets(), some_dates)
def test_silence_is_never_not_imposed(ds: Dataset, dates: list[EDTFDate | None]) -> None:
    silent = attrs.evolve(
        ds,
        relationships=tuple(
            r for r in ds.relationships if r.kind is not RelationshipKind.NON_SANCTIONING
        ),
    )
    for imposer, target in pairs(ds):
        for as_of in dates:
            quiet = silent.sanction_status(imposer, target, as_of=as_of)
            assert quiet.state is not SanctionState.NOT_IMPOSED
            status = ds.sanction_status(imposer, target, as_of=as_of)
            if status.state is SanctionState.UNKNOWN:
                assert status.measures == ()
            if status.state is SanctionState.NOT_IMPOSED:
                assert status.measures
                assert status.citations
                for measure in status.measures:
                    assert measure.kind is RelationshipKind.NON_SANCTIONING
                    assert (measure.a, measure.b) == (imposer, target)


# -- timeline_between ------------------------------------------------------------------


def window_is_empty(start: EDTFDate | None, end: EDTFDate | None) -> bool:
    return start is not None and end is not None and first_day(start) > last_day(end)


@DATASET_SETTINGS
@given(
    datasets(),
    st.lists(st.tuples(window_ends, window_ends), min_size=1, max_size=3),
    known_days,
)
def test_timeline_matches_brute_force(
    ds: Dataset,
    windows: list[tuple[EDTFDate | None, EDTFDate | None]],
    known: PartialDate | None,
) -> None:
    for a, b in pairs(ds):
        for start, end in windows:
            if window_is_empty(start, end):
                with pytest.raises(InvalidDateError):
                    ds.timeline_between(a, b, start=start, end=end)
                continue
            for certainty in BOTH:
                found = ds.timeline_between(
                    a, b, start=start, end=end, certainty=certainty, as_known_on=known
                )
                assert ids(found) == ref_timeline(ds, a, b, start, end, certainty, known)
                assert all({a, b} <= set(event.actors) for event in found)
                assert (
                    ds.timeline_between(
                        b, a, start=start, end=end, certainty=certainty, as_known_on=known
                    )
                    == found
                )


@DATASET_SETTINGS
@given(datasets(), st.lists(window_days, min_size=4, max_size=4))
def test_widening_a_window_keeps_every_event(ds: Dataset, days: list[EDTFDate]) -> None:
    start, end = sorted(days[:2], key=first_day)
    assume(not window_is_empty(start, end))
    wide_start = min(start, days[2], key=first_day)
    wide_end = max(end, days[3], key=last_day)
    for a, b in pairs(ds):
        for certainty in BOTH:
            narrow = set(ds.timeline_between(a, b, start=start, end=end, certainty=certainty))
            for window in ({"start": wide_start, "end": wide_end}, {"start": wide_start}, {}):
                assert narrow <= set(ds.timeline_between(a, b, **window, certainty=certainty))


# -- at the edges of periods -----------------------------------------------------------


def edge_days(dates: Iterable[EDTFDate | None]) -> list[PartialDate]:
    """The first and last days of ``dates`` (widened, if approximate) and either side."""
    days = {
        bound + shift
        for date in dates
        if date is not None
        for bound in (first_day(date), last_day(date), date.earliest.toordinal())
        for shift in (-1, 0, 1)
    }
    usable = (day for day in days if 1 <= day <= datetime.date.max.toordinal())
    return [PartialDate.from_date(datetime.date.fromordinal(day)) for day in sorted(usable)]


@DATASET_SETTINGS
@given(sanction_datasets())
def test_queries_at_the_edges_of_periods(ds: Dataset) -> None:
    # Off-by-one errors live on the first and last days of periods, which random dates
    # seldom hit: ask on each of them, and on the days either side.
    based_in = {org.id: org.country for org in ds.organizations}
    ties = ds.relationships
    bounds = [*(r.start for r in ties), *(r.end for r in ties), *(s.published for s in ds.sources)]
    for day in edge_days(bounds):
        for actor in ds.actors():
            for certainty in BOTH:
                found = ids(ds.relationships_of(actor, as_of=day, certainty=certainty))
                assert found == ref_relationships(ds, actor.id, day, RelationshipKind, certainty)
        for r in ties:
            for target in {r.b, based_in.get(r.b) or r.b}:
                check_sanction_status(ds, r.a, target, day)
    for event in ds.events:
        for day in edge_days([event.date]):
            for a in event.actors:
                for b in event.actors:
                    for start, end in ((day, None), (None, day), (day, day)):
                        for certainty in BOTH:
                            found = ds.timeline_between(
                                a, b, start=start, end=end, certainty=certainty
                            )
                            assert ids(found) == ref_timeline(ds, a, b, start, end, certainty)


# -- resolve ---------------------------------------------------------------------------


def check_resolves(ds: Dataset, name: str) -> None:
    """``ds.resolve(name)`` answers as :func:`ref_resolve` says, or raises as it says."""
    expected = ref_resolve(ds, name)
    if isinstance(expected, str):
        assert ds.resolve(name).id == expected
        return
    with pytest.raises(UnknownActorError) as caught:
        ds.resolve(name)
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, GeoalignError)
    assert isinstance(caught.value, AmbiguousActorError) == (expected is not None)
    if expected is not None:
        assert tuple(actor_id for _, actor_id in caught.value.suggestions) == expected


@DATASET_SETTINGS
@given(datasets())
def test_every_name_of_every_actor_resolves(ds: Dataset) -> None:
    for actor in ds.actors():
        assert ds.resolve(actor) is actor
        assert ds.resolve(actor.id) is actor
        for name in (actor.name, *actor.aliases, *actor.metonyms):
            for variant in (name, name.upper(), name.lower(), f"  the {name} "):
                check_resolves(ds, variant)
            if name in actor.metonyms:
                continue
            # A strong name finds its actor, unless it is ambiguous or another one's id.
            expected = ref_resolve(ds, name)
            if isinstance(expected, tuple):
                assert actor.id in expected
            else:
                assert expected == actor.id or expected == name


@DATASET_SETTINGS
@given(datasets(), st.lists(st.one_of(names(), st.text(max_size=15)), min_size=1, max_size=8))
def test_any_text_resolves_or_raises_unknown_actor(ds: Dataset, texts: list[str]) -> None:
    for name in texts:
        check_resolves(ds, name)


LATIN = st.text(st.characters(codec="latin-1", categories=["Lu", "Ll"]) | st.just(" "))


@given(LATIN)
def test_fold_ignores_case_and_accents(name: str) -> None:
    from geoalign.model.names import fold

    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    assert fold(name) == fold(name.upper()) == fold(name.lower()) == fold(bare)
    assert fold(name) == fold(unicodedata.normalize("NFD", name)) == ref_fold(name)


# -- argument forms --------------------------------------------------------------------


@DATASET_SETTINGS
@given(datasets(), partial_dates(MIN_YEAR, MAX_YEAR), some_kinds)
def test_every_form_of_an_argument_gives_the_same_answer(
    ds: Dataset, when: PartialDate, kinds: list[RelationshipKind] | None
) -> None:
    date_forms: list[Any] = [when, str(when)]
    if when.precision == "day":
        date_forms += [when.earliest, datetime.datetime.combine(when.earliest, datetime.time())]
    kind_names = None if kinds is None else [kind.value for kind in kinds]
    for actor in ds.actors():
        other = next((x for x in ds.actors() if x != actor), actor)
        actor_forms: list[Any] = [actor, actor.id]
        actor_forms += [n for n in (actor.name, *actor.aliases) if ref_resolve(ds, n) == actor.id]
        answers = {
            (
                ds.allies_of(who, as_of=as_of, kinds=kinds),
                ds.allies_of(who, as_of=as_of, kinds=kind_names),
                ds.relationships_of(who, as_of=as_of, kinds=kinds),
                ds.sanction_status(who, other, as_of=as_of),
                ds.sanction_status(other, who, as_of=as_of),
                ds.timeline_between(who, other, start=as_of),
                ds.timeline_between(other, who, end=as_of),
            )
            for who in actor_forms
            for as_of in date_forms
        }
        assert len(answers) == 1


def _horizon_form(date: EDTFDate) -> PartialDate | None:
    if isinstance(date, PartialDate):
        return date
    if date.qualifier in ("~", "%") and date.precision in ("decade", "century"):
        return PartialDate(date.latest.year + (10 if date.precision == "decade" else 100))
    bound = date.upper or date.lower
    if bound is None or date.qualifier is None:
        return bound
    return attrs.evolve(bound, qualifier=date.qualifier)
