"""The queries, property by property, against brute-force scans of every record.

Each reference below is a plain loop over all records, written from the query
semantics and not from the indexes: a relationship is in force over the period ``P``
of ``as_of`` iff it starts on or before ``P``'s last day and its effective end (``end``,
or the publication of the source named by ``ended_by``) comes after ``P``'s first day.
"""

from __future__ import annotations

import datetime
import functools
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from tests.strategies import MAX_YEAR, MIN_YEAR, datasets, names, partial_dates

from geoalign import (
    Actor,
    Citation,
    Confidence,
    Country,
    Dataset,
    Event,
    EventKind,
    GeoalignError,
    InvalidDateError,
    Organization,
    OrganizationKind,
    PartialDate,
    Relationship,
    RelationshipKind,
    SanctionState,
    Source,
    UnknownActorError,
)
from geoalign.loading import Records

# -- brute-force references -------------------------------------------------------------


def horizon_of(ds: Dataset) -> PartialDate | None:
    return max((source.published for source in ds.sources), default=None)


def period_of(ds: Dataset, as_of: PartialDate | None) -> PartialDate:
    when = as_of if as_of is not None else horizon_of(ds)
    assert when is not None
    return when


def effective_end(ds: Dataset, r: Relationship) -> datetime.date | None:
    if r.end is not None:
        return r.end.earliest
    for source in ds.sources:
        if source.id == r.ended_by:
            return source.published.earliest
    return None


def in_force(ds: Dataset, r: Relationship, when: PartialDate) -> bool:
    end = effective_end(ds, r)
    started = r.start is None or r.start.earliest <= when.latest
    return started and (end is None or when.earliest < end)


def ref_relationships(
    ds: Dataset, me: str, as_of: PartialDate | None, kinds: Iterable[RelationshipKind]
) -> list[str]:
    when, wanted = period_of(ds, as_of), set(kinds)
    found = [
        r.id
        for r in ds.relationships
        if me in (r.a, r.b) and r.kind in wanted and in_force(ds, r, when)
    ]
    return sorted(found)


def ref_allies(
    ds: Dataset, me: str, as_of: PartialDate | None, kinds: Iterable[RelationshipKind] | None
) -> list[str]:
    if kinds is None:
        kinds = [kind for kind in RelationshipKind if kind.alignment]
    others = set()
    for rid in ref_relationships(ds, me, as_of, kinds):
        r = next(r for r in ds.relationships if r.id == rid)
        others.add(r.b if r.a == me else r.a)
    return sorted(others - {me})


def ref_sanctions(
    ds: Dataset, imposer: str, target: str, as_of: PartialDate | None
) -> tuple[SanctionState, list[str]]:
    when = period_of(ds, as_of)
    based_in = {org.id: org.country for org in ds.organizations}
    measures = [
        r
        for r in ds.relationships
        if r.kind is RelationshipKind.SANCTIONS
        and r.a == imposer
        and (r.b == target or based_in.get(r.b) == target)
    ]
    current = [r.id for r in measures if in_force(ds, r, when)]
    if current:
        return SanctionState.IMPOSED, sorted(current)
    ended = [r.id for r in measures if (end := effective_end(ds, r)) and end <= when.earliest]
    if ended:
        return SanctionState.LIFTED, sorted(ended)
    stated = [
        r.id
        for r in ds.relationships
        if r.kind is RelationshipKind.NON_SANCTIONING
        and (r.a, r.b) == (imposer, target)
        and in_force(ds, r, when)
    ]
    if stated:
        return SanctionState.NOT_IMPOSED, sorted(stated)
    return SanctionState.UNKNOWN, []


def ref_timeline(
    ds: Dataset, a: str, b: str, start: PartialDate | None, end: PartialDate | None
) -> list[str]:
    first = start.earliest if start else datetime.date.min
    last = end.latest if end else datetime.date.max
    found = [
        e
        for e in ds.events
        if a in e.actors and b in e.actors and e.date.earliest <= last and first <= e.date.latest
    ]
    found.sort(
        key=lambda e: (e.date.earliest, ["year", "month", "day"].index(e.date.precision), e.id)
    )
    return [e.id for e in found]


@functools.cache  # pure, and asked about the same few names over and over
def ref_fold(name: str) -> str:
    """Names as resolve() compares them, written with regular expressions."""
    text = re.sub("[\u2018\u2019`]", "'", name).replace(".", "")
    text = re.sub("[-_]", " ", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = " ".join(text.casefold().split())
    return re.sub("^the (?=.)", "", text)


def ref_resolve(ds: Dataset, name: str) -> str | tuple[str, ...] | None:
    """The id ``name`` resolves to, the ids it is ambiguous between, or None if unknown."""
    actors = list(ds.actors())
    for actor in actors:
        if actor.id == name:  # an exact id is the way out of any ambiguity
            return actor.id
    key = ref_fold(name)
    strong = [x.id for x in actors if key in {ref_fold(n) for n in (x.id, x.name, *x.aliases)}]
    weak = [x.id for x in actors if key in {ref_fold(n) for n in x.metonyms}]
    matches = sorted(set(strong or weak))
    if not matches:
        return None
    return matches[0] if len(matches) == 1 else tuple(matches)


def ids(records: Iterable[Actor | Relationship | Event]) -> list[str]:
    return [record.id for record in records]


# -- properties over generated datasets -------------------------------------------------

# A generated dataset costs far more to draw than the questions asked of it, so each
# example asks about every actor (or every pair of actors) at a few drawn dates.
over_datasets = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
some_kinds = st.none() | st.lists(st.sampled_from(RelationshipKind), unique=True)
window_days = partial_dates(MIN_YEAR - 1, MAX_YEAR + 1)
window_ends = st.none() | window_days
some_dates = st.lists(window_ends, min_size=1, max_size=3)


def pairs(ds: Dataset) -> list[tuple[str, str]]:
    """Every ordered pair of actor ids, an actor with itself included."""
    return [(a.id, b.id) for a in ds.actors() for b in ds.actors()]


@over_datasets
@given(datasets(), some_dates, some_kinds)
def test_allies_of_matches_brute_force(
    ds: Dataset, dates: list[PartialDate | None], kinds: list[RelationshipKind] | None
) -> None:
    for actor in ds.actors():
        for as_of in dates:
            found = ids(ds.allies_of(actor, as_of=as_of, kinds=kinds))
            assert found == ref_allies(ds, actor.id, as_of, kinds)
            assert found == sorted(found)
            assert actor.id not in found


@over_datasets
@given(datasets(), some_dates, some_kinds)
def test_relationships_of_matches_brute_force(
    ds: Dataset, dates: list[PartialDate | None], kinds: list[RelationshipKind] | None
) -> None:
    for actor in ds.actors():
        for as_of in dates:
            found = ids(ds.relationships_of(actor, as_of=as_of, kinds=kinds))
            expected_kinds = list(RelationshipKind) if kinds is None else kinds
            assert found == ref_relationships(ds, actor.id, as_of, expected_kinds)


@over_datasets
@given(datasets(), some_dates, some_kinds, st.booleans())
def test_direction_of_a_tie_does_not_change_allies(
    ds: Dataset,
    dates: list[PartialDate | None],
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
            assert swapped.allies_of(actor, as_of=as_of, kinds=kinds) == ds.allies_of(
                actor, as_of=as_of, kinds=kinds
            )
            assert ids(swapped.relationships_of(actor, as_of=as_of)) == ids(
                ds.relationships_of(actor, as_of=as_of)
            )
        if not swap_directed:
            for imposer, target in pairs(ds):
                assert swapped.sanction_status(imposer, target, as_of=as_of) == (
                    ds.sanction_status(imposer, target, as_of=as_of)
                )


@over_datasets
@given(datasets())
def test_as_of_none_is_the_horizon(ds: Dataset) -> None:
    assert ds.horizon == horizon_of(ds)
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
    ds: Dataset, imposer: str, target: str, as_of: PartialDate | None
) -> None:
    status = ds.sanction_status(imposer, target, as_of=as_of)
    assert (status.state, ids(status.measures)) == ref_sanctions(ds, imposer, target, as_of)
    assert (status.imposer.id, status.target.id) == (imposer, target)
    assert status.as_of == period_of(ds, as_of)
    assert status.citations == tuple(c for m in status.measures for c in m.citations)


@over_datasets
@given(sanction_datasets(), some_dates)
def test_sanction_status_matches_brute_force(ds: Dataset, dates: list[PartialDate | None]) -> None:
    for imposer, target in pairs(ds):
        for as_of in dates:
            check_sanction_status(ds, imposer, target, as_of)


@over_datasets
@given(sanction_datasets(), some_dates)
def test_silence_is_never_not_imposed(ds: Dataset, dates: list[PartialDate | None]) -> None:
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


@over_datasets
@given(datasets(), st.lists(st.tuples(window_ends, window_ends), min_size=1, max_size=3))
def test_timeline_matches_brute_force(
    ds: Dataset, windows: list[tuple[PartialDate | None, PartialDate | None]]
) -> None:
    for a, b in pairs(ds):
        for start, end in windows:
            if start is not None and end is not None and start.earliest > end.latest:
                with pytest.raises(InvalidDateError):
                    ds.timeline_between(a, b, start=start, end=end)
                continue
            found = ds.timeline_between(a, b, start=start, end=end)
            assert ids(found) == ref_timeline(ds, a, b, start, end)
            assert list(found) == sorted(found, key=lambda e: (e.date, e.id))
            for event in found:
                assert {a, b} <= set(event.actors)
                assert start is None or event.date.latest >= start.earliest
                assert end is None or event.date.earliest <= end.latest
            assert ds.timeline_between(b, a, start=start, end=end) == found


@over_datasets
@given(datasets(), st.lists(window_days, min_size=4, max_size=4))
def test_widening_a_window_keeps_every_event(ds: Dataset, days: list[PartialDate]) -> None:
    start, end = sorted(days[:2], key=lambda d: d.earliest)
    assume(start.earliest <= end.latest)
    wide_start = min(start, days[2], key=lambda d: d.earliest)
    wide_end = max(end, days[3], key=lambda d: d.latest)
    for a, b in pairs(ds):
        narrow = set(ds.timeline_between(a, b, start=start, end=end))
        assert narrow <= set(ds.timeline_between(a, b, start=wide_start, end=wide_end))
        assert narrow <= set(ds.timeline_between(a, b, start=wide_start))
        assert narrow <= set(ds.timeline_between(a, b, end=wide_end))
        assert narrow <= set(ds.timeline_between(a, b))


# -- at the edges of periods -----------------------------------------------------------


def edge_days(periods: Iterable[PartialDate | None]) -> list[PartialDate]:
    """The first and last days of ``periods`` and the days either side of them."""
    days = {
        bound + datetime.timedelta(shift)
        for period in periods
        if period is not None
        for bound in (period.earliest, period.latest)
        for shift in (-1, 0, 1)
    }
    return [PartialDate.from_date(day) for day in sorted(days)]


@over_datasets
@given(sanction_datasets())
def test_queries_at_the_edges_of_periods(ds: Dataset) -> None:
    # Off-by-one errors live on the first and last days of periods, which random dates
    # seldom hit: ask on each of them, and on the days either side.
    based_in = {org.id: org.country for org in ds.organizations}
    ties = ds.relationships
    bounds = [*(r.start for r in ties), *(r.end for r in ties), *(s.published for s in ds.sources)]
    for day in edge_days(bounds):
        for actor in ds.actors():
            found = ids(ds.relationships_of(actor, as_of=day))
            assert found == ref_relationships(ds, actor.id, day, RelationshipKind)
        for r in ties:
            for target in {r.b, based_in.get(r.b) or r.b}:
                check_sanction_status(ds, r.a, target, day)
    for event in ds.events:
        for day in edge_days([event.date]):
            for a in event.actors:
                for b in event.actors:
                    for start, end in ((day, None), (None, day), (day, day)):
                        found = ids(ds.timeline_between(a, b, start=start, end=end))
                        assert found == ref_timeline(ds, a, b, start, end)


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
    assert caught.value.ambiguous == (expected is not None)
    if expected is not None:
        assert tuple(actor_id for _, actor_id in caught.value.suggestions) == expected


@over_datasets
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


@over_datasets
@given(datasets(), st.lists(st.one_of(names(), st.text(max_size=15)), min_size=1, max_size=8))
def test_any_text_resolves_or_raises_unknown_actor(ds: Dataset, texts: list[str]) -> None:
    for name in texts:
        check_resolves(ds, name)


LATIN = st.text(st.characters(codec="latin-1", categories=["Lu", "Ll"]) | st.just(" "))


@given(LATIN)
def test_fold_ignores_case_and_accents(name: str) -> None:
    from geoalign.names import fold

    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    assert fold(name) == fold(name.upper()) == fold(name.lower()) == fold(bare)
    assert fold(name) == fold(unicodedata.normalize("NFD", name)) == ref_fold(name)


# -- argument forms --------------------------------------------------------------------


@over_datasets
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


# -- hand-made examples of the semantics -----------------------------------------------

SOURCE = Source(
    id="s1", title="T", publisher="P", published=PartialDate(2024, 12, 10), document="d"
)
CITED = (Citation(source="s1", quote="q"),)


def tie(rid: str, kind: RelationshipKind, a: str, b: str, **period: Any) -> Relationship:
    """A cited relationship; ``period`` gives its start, end or ended_by."""
    return Relationship(
        id=rid, kind=kind, a=a, b=b, confidence=Confidence.CONFIRMED, summary=rid, citations=CITED,
        **period,
    )  # fmt: skip


def happening(eid: str, date: str, *actors: str) -> Event:
    return Event(
        id=eid, date=PartialDate.parse(date), kind=EventKind.MEETING, actors=actors,
        confidence=Confidence.CONFIRMED, summary=eid, citations=CITED,
    )  # fmt: skip


def build(
    relationships: Iterable[Relationship] = (),
    events: Iterable[Event] = (),
    sources: Iterable[Source] = (SOURCE,),
) -> Dataset:
    return Dataset._from_records(
        Records(
            sources=tuple(sources),
            countries=tuple(
                Country(id=c, name=c.title()) for c in ("RUS", "SYR", "SRB", "USA", "UKR")
            ),
            organizations=(
                Organization(id="nis", name="NIS", kind=OrganizationKind.COMPANY, country="SRB"),
            ),
            relationships=tuple(relationships),
            events=tuple(events),
        )
    )


ALLIANCE = tie(
    "rus-syr", RelationshipKind.ALLIANCE, "RUS", "SYR",
    start=PartialDate(2015, 9, 30), end=PartialDate(2024, 12, 8),
)  # fmt: skip


@pytest.mark.parametrize(
    ("as_of", "allied"),
    [
        ("2015-09-29", False),
        ("2015-09-30", True),  # the first day counts
        ("2015-09", True),  # a period overlapping the tie
        ("2015", True),
        ("2024-12-07", True),
        ("2024-12-08", False),  # the end day does not
        ("2024-12", True),
        ("2025", False),
    ],
)
def test_in_force_at_a_period(as_of: str, allied: bool) -> None:
    ds = build([ALLIANCE])
    assert (ids(ds.allies_of("SYR", as_of=as_of)) == ["RUS"]) is allied
    assert (ids(ds.allies_of("RUS", as_of=as_of)) == ["SYR"]) is allied


def test_ended_by_a_source_ends_at_its_publication() -> None:
    ended = attrs.evolve(ALLIANCE, end=None, ended_by="s1")  # s1 is dated 2024-12-10
    sanctions = tie("eu-rus", RelationshipKind.SANCTIONS, "UKR", "RUS", ended_by="s1")
    ds = build([ended, sanctions])
    assert ids(ds.allies_of("RUS", as_of="2024-12-09")) == ["SYR"]
    assert ids(ds.allies_of("RUS", as_of="2024-12-10")) == []
    assert ds.sanction_status("UKR", "RUS", as_of="2024-12-09").state is SanctionState.IMPOSED
    lifted = ds.sanction_status("UKR", "RUS", as_of="2024-12-10")
    assert (lifted.state, ids(lifted.measures)) == (SanctionState.LIFTED, ["eu-rus"])
    # A period that reaches back before the end still sees the measure in force.
    assert ds.sanction_status("UKR", "RUS", as_of="2024-12").state is SanctionState.IMPOSED


def test_a_sanction_not_yet_started_is_not_lifted() -> None:
    later = tie("later", RelationshipKind.SANCTIONS, "USA", "RUS", start=PartialDate(2026))
    said = tie("said", RelationshipKind.NON_SANCTIONING, "USA", "RUS", end=PartialDate(2026))
    ds = build([later, said])
    assert ds.sanction_status("USA", "RUS", as_of="2025").state is SanctionState.NOT_IMPOSED
    assert ds.sanction_status("USA", "RUS", as_of="2026").state is SanctionState.IMPOSED
    assert build([later]).sanction_status("USA", "RUS", as_of="2025").state is (
        SanctionState.UNKNOWN
    )


def test_sanctions_on_an_organization_count_for_its_country() -> None:
    ds = build(
        relationships=[
            tie("on-nis", RelationshipKind.SANCTIONS, "USA", "nis", start=PartialDate(2025, 1)),
            tie("on-rus", RelationshipKind.SANCTIONS, "USA", "RUS", start=PartialDate(2022)),
        ]
    )
    status = ds.sanction_status("USA", "SRB", as_of="2025-02-01")
    assert (status.state, ids(status.measures)) == (SanctionState.IMPOSED, ["on-nis"])
    assert ds.sanction_status("USA", "nis", as_of="2025").state is SanctionState.IMPOSED
    assert ds.sanction_status("USA", "SRB", as_of="2024").state is SanctionState.UNKNOWN


def test_kinds_and_bad_kinds() -> None:
    ds = build([ALLIANCE, tie("gas", RelationshipKind.ENERGY_COOPERATION, "RUS", "SRB")])
    assert ids(ds.allies_of("RUS", as_of="2020")) == ["SYR"]  # energy is not alignment
    assert ids(ds.allies_of("RUS", as_of="2020", kinds=["energy_cooperation"])) == ["SRB"]
    assert ids(ds.allies_of("RUS", as_of="2020", kinds=[])) == []
    with pytest.raises(GeoalignError, match="'friendship' is not a relationship kind"):
        ds.allies_of("RUS", as_of="2020", kinds=["friendship"])


def test_window_that_ends_before_it_starts() -> None:
    ds = build(events=[happening("e1", "2024-12-08", "RUS", "SYR")])
    with pytest.raises(InvalidDateError):
        ds.timeline_between("RUS", "SYR", start="2025", end="2024-12")
    # Overlapping bounds of different precision are a window, not an error.
    assert ids(ds.timeline_between("RUS", "SYR", start="2024-12-08", end="2024-12")) == ["e1"]
    with pytest.raises(InvalidDateError):
        ds.timeline_between("RUS", "SYR", start="2024-13")


def test_no_sources_means_no_horizon() -> None:
    ds = build(sources=())
    assert ds.horizon is None
    with pytest.raises(GeoalignError, match="no horizon"):
        ds.allies_of("RUS")
    assert ds.allies_of("RUS", as_of="2024") == ()


# -- queries look at the records they need, not at every record ------------------------


def watched(cls: type, seen: set[str]) -> Any:
    """A subclass of a record class whose instances add their id to ``seen`` when read.

    Any query that filters records has to read some field of each record it filters
    (its actors, its date, its kind), whatever index it keeps; reading a field of a
    ``Watched`` record notes the record.  So ``seen`` holds every record a query looked
    at, without depending on how the indexes are built.
    """

    class Watched(cls):  # type: ignore[valid-type,misc]
        def __getattribute__(self, name: str) -> Any:
            if not name.startswith("__"):
                seen.add(object.__getattribute__(self, "id"))
            return object.__getattribute__(self, name)

    return Watched


def test_queries_do_not_scan() -> None:
    seen: set[str] = set()
    event_cls, tie_cls = watched(Event, seen), watched(Relationship, seen)
    crowd = [f"X{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(40)]

    def event(eid: str, day: datetime.date, *actors: str) -> Event:
        return event_cls(**attrs.asdict(happening(eid, day.isoformat(), *actors), recurse=False))

    def relationship(rid: str, a: str, b: str, kind: RelationshipKind) -> Relationship:
        return tie_cls(**attrs.asdict(tie(rid, kind, a, b), recurse=False))

    day0 = datetime.date(2020, 1, 1)
    pair_events = [
        event(f"pair-{i}", day0 + datetime.timedelta(i), "RUS", "SYR") for i in range(50)
    ]
    others = [
        event(
            f"other-{i}",
            day0 + datetime.timedelta(i % 900),
            crowd[i % 40],
            crowd[(i + 1) % 40],
            who,
        )
        for i, who in enumerate(["RUS", "SYR", "SRB"] * 700)
    ]
    own_ties = [
        relationship("rus-syr", "RUS", "SYR", RelationshipKind.ALLIANCE),
        relationship("rus-syr-no", "RUS", "SYR", RelationshipKind.NON_SANCTIONING),
    ]
    crowd_ties = [
        relationship(f"tie-{i}", crowd[i % 40], who, kind)
        for i, (who, kind) in enumerate(
            [("SRB", RelationshipKind.ALLIANCE), ("SYR", RelationshipKind.SANCTIONS)] * 500
        )
    ]
    ds = Dataset._from_records(
        Records(
            sources=(SOURCE,),
            countries=tuple(Country(id=c, name=c) for c in ["RUS", "SYR", "SRB", *crowd]),
            relationships=(*own_ties, *crowd_ties),
            events=(*pair_events, *others),
        )
    )

    def looked_at(query: Callable[[], object]) -> set[str]:
        seen.clear()
        query()
        return set(seen)

    # The instrument works: a brute-force scan reads every event.
    assert looked_at(lambda: ref_timeline(ds, "RUS", "SYR", None, None)) == set(ids(ds.events))
    pair_ids = set(ids(pair_events))
    assert looked_at(lambda: ds.timeline_between("RUS", "SYR")) <= pair_ids
    assert looked_at(lambda: ds.timeline_between("Syr", "rus", start="2020-01-10")) <= pair_ids
    assert len(looked_at(lambda: ds.timeline_between("RUS", "SYR", end="2020-01-05"))) <= 10
    own_ids = set(ids(own_ties))
    assert looked_at(lambda: ds.allies_of("RUS", as_of="2024")) <= own_ids
    assert looked_at(lambda: ds.relationships_of("RUS", as_of="2024")) <= own_ids
    assert looked_at(lambda: ds.sanction_status("RUS", "SYR", as_of="2024")) <= own_ids


# -- static typing of the public API ---------------------------------------------------


def test_typing_check_passes_mypy_strict() -> None:
    script = Path(__file__).with_name("typing_check.py")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
