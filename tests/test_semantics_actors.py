"""Who an answer is about: agencies imposing for their state, ownership as evidence,
persons' allies, and the events of office holders.

Hand-made records show each rule; the bundled data shows the cases of issue 13.
"""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st
from tests.query_records import SOURCE, happening, tie
from tests.strategies import DATASET_SETTINGS, datasets

import geoalign
from geoalign import (
    Certainty,
    Country,
    Dataset,
    Organization,
    OrganizationKind,
    Person,
    RelationshipKind,
    Role,
)
from geoalign.bundled.loader import bundled_records
from geoalign.model.edtf import parse_edtf
from geoalign.model.records import COLLECTIONS, Records
from geoalign.rules.events import event_spans, in_window, timeline_key
from geoalign.rules.offices import in_office, office_span
from geoalign.store.arguments import to_as_of, to_bounds
from geoalign.store.memory import MemoryStore, ownership_evidence, timeline_with_officials

SANCTIONS, OWNERSHIP = RelationshipKind.SANCTIONS, RelationshipKind.OWNERSHIP
DEFINITE, POSSIBLE = Certainty.DEFINITE, Certainty.POSSIBLE


def _dataset(*records: object) -> Dataset:
    found: dict[str, list[object]] = {}
    for record in records:
        name = {
            Country: "countries",
            Organization: "organizations",
            Person: "persons",
        }.get(type(record), "relationships")
        found.setdefault(name, []).append(record)
    as_tuples = {name: tuple(items) for name, items in found.items()}
    return Dataset.from_records(Records(sources=(SOURCE,), **as_tuples))  # type: ignore[arg-type]


FRE, SYL = Country(id="FRE", name="Freedonia"), Country(id="SYL", name="Sylvania")


def _org(oid: str, kind: OrganizationKind, country: str) -> Organization:
    return Organization(id=oid, name=oid, kind=kind, country=country)


# -- a state's agencies impose for it --------------------------------------------------


def test_a_sanction_by_an_agency_counts_for_its_state_and_names_its_own_imposer() -> None:
    treasury = _org("fre-treasury", OrganizationKind.AGENCY, "FRE")
    ds = _dataset(FRE, SYL, treasury, tie("t-syl", SANCTIONS, "fre-treasury", "SYL"))
    status = ds.sanction_status("FRE", "SYL")
    assert (status.state.value, status.certainty) == ("imposed", DEFINITE)
    assert [(m.id, m.a) for m in status.measures] == [("t-syl", "fre-treasury")]
    assert ds.sanction_status("fre-treasury", "SYL").state.value == "imposed"


def test_only_organs_of_the_state_impose_for_it() -> None:
    # A company or a regime based in the country acts for itself.
    company = _org("fre-oil", OrganizationKind.COMPANY, "FRE")
    regime = _org("fre-junta", OrganizationKind.GOVERNMENT, "FRE")
    ds = _dataset(
        FRE, SYL, company, regime,
        tie("c-syl", SANCTIONS, "fre-oil", "SYL"),
        tie("j-syl", SANCTIONS, "fre-junta", "SYL"),
    )  # fmt: skip
    assert ds.sanction_status("FRE", "SYL").state.value == "unknown"


def test_an_agency_statement_of_not_sanctioning_is_not_the_states() -> None:
    treasury = _org("fre-treasury", OrganizationKind.AGENCY, "FRE")
    ds = _dataset(
        FRE, SYL, treasury, tie("t-none", RelationshipKind.NON_SANCTIONING, "fre-treasury", "SYL")
    )
    assert ds.sanction_status("FRE", "SYL").state.value == "unknown"


# -- ownership is evidence, never a sanction on the owner ------------------------------


def _evidence(ds: Dataset, imposer: str, target: str) -> tuple[str, list[str], list[str]]:
    status = ds.sanction_status(imposer, target)
    _, first, last = to_as_of(status.as_of, None)
    store = MemoryStore(Records(*(getattr(ds, name) for name in COLLECTIONS)))
    who, whom = status.imposer.id, status.target.id
    found = ownership_evidence(store, who, whom, status.measures, first, last, DEFINITE)
    return status.state.value, [m.id for m in found.measures], [t.id for t in found.ties]


def test_a_sanction_on_a_company_the_target_owns_is_evidence_not_a_sanction_on_it() -> None:
    company = _org("syl-oil", OrganizationKind.COMPANY, "SYL")
    ds = _dataset(
        FRE, SYL, Country(id="MAR", name="Marwood"), company,
        tie("fre-oil", SANCTIONS, "FRE", "syl-oil"),
        tie("mar-owns-oil", OWNERSHIP, "MAR", "syl-oil"),
    )  # fmt: skip
    # On the owner: not imposed, but the measure on its company is shown.
    assert _evidence(ds, "FRE", "MAR") == ("unknown", ["fre-oil"], ["mar-owns-oil"])
    # On the country the company is based in: imposed, and who owns it is shown.
    assert _evidence(ds, "FRE", "SYL") == ("imposed", [], ["mar-owns-oil"])


def test_the_bundled_nis_sanction_is_on_a_russian_owned_company_based_in_serbia() -> None:
    # Its owners are unnamed Russians, not the Russian state: nothing falls on Russia.
    ds = geoalign.load()
    owners = ["nis-russian-owners-nis-ownership"]
    assert _evidence(ds, "USA", "Serbia") == ("imposed", [], owners)
    assert _evidence(ds, "USA", "Russia") == ("unknown", [], [])


# -- a person's allies -----------------------------------------------------------------


def test_assad_has_no_allies_his_asylum_is_not_an_alignment() -> None:
    # The alliances were the regime's (assad-regime), which he led; asylum makes no ally.
    ds = geoalign.load()
    for certainty in Certainty:
        assert ds.allies_of("Assad", certainty=certainty) == ()
        assert ds.allies_of("Assad", as_of="2023-06-01", certainty=certainty) == ()
    ties = ds.relationships_of("Assad", certainty="possible")
    assert [(r.id, r.kind, r.kind.alignment) for r in ties] == [
        ("rus-assad-asylum", RelationshipKind.ASYLUM, False)
    ]
    regime = {a.id for a in ds.allies_of("assad-regime", as_of="2023-06-01")}
    assert "RUS" in regime


# -- events of office holders ----------------------------------------------------------


def _bundled_timeline(certainty: Certainty, officials: bool) -> set[str]:
    store = MemoryStore(bundled_records())
    first, last = to_bounds("2024-12-08", "2024-12-31")
    if officials:
        return {e.id for e in timeline_with_officials(store, "RUS", "SYR", first, last, certainty)}
    return {e.id for e in store.timeline("RUS", "SYR", first, last, certainty)}


def test_assads_landing_and_asylum_are_possibly_syrias_as_his_presidency_may_last_to_the_8th() -> (
    None
):
    plain = _bundled_timeline(POSSIBLE, officials=False)
    with_officials = _bundled_timeline(POSSIBLE, officials=True)
    assert {"assad-lands-in-moscow", "russia-grants-assad-asylum"} <= with_officials - plain
    assert plain <= with_officials
    # He is surely out of office on some day of each, so never definitely.
    assert _bundled_timeline(DEFINITE, officials=True) == _bundled_timeline(DEFINITE, False)


def test_an_officials_event_counts_only_while_the_post_is_held() -> None:
    minister = Person(
        id="rufus",
        name="Rufus T. Firefly",
        roles=(
            Role(
                title="Minister", actor="FRE", start=parse_edtf("2020"), end=parse_edtf("2022-06")
            ),
        ),
    )
    records = Records(
        sources=(SOURCE,),
        countries=(FRE, SYL),
        persons=(minister,),
        events=(
            happening("in-office", "2021-03-01", "rufus", "SYL"),
            happening("last-month", "2022-06-30", "rufus", "SYL"),
            happening("after", "2022-07-01", "rufus", "SYL"),
            happening("first-year", "2020", "rufus", "SYL"),
        ),
    )
    store = MemoryStore(records)
    everything = to_bounds(None, None)

    def found(certainty: Certainty) -> list[str]:
        return [e.id for e in timeline_with_officials(store, "FRE", "SYL", *everything, certainty)]

    # A post is held through its end day: ended in June 2022, surely held only up to
    # 1 June, possibly to the 30th; begun in 2020, surely held from 31 December 2020.
    assert found(DEFINITE) == ["in-office"]
    assert found(POSSIBLE) == ["first-year", "in-office", "last-month"]
    assert [e.id for e in store.timeline("FRE", "SYL", *everything, POSSIBLE)] == []


@DATASET_SETTINGS
@given(datasets(), st.sampled_from(Certainty), st.integers(0, 3), st.integers(0, 3))
def test_the_officials_timeline_agrees_with_brute_force(
    ds: Dataset, certainty: Certainty, i: int, j: int
) -> None:
    actors = [actor.id for actor in ds.actors()]
    a, b = actors[i % len(actors)], actors[j % len(actors)]
    first = datetime.date(2000, 1, 1).toordinal()
    last = datetime.date(2030, 12, 31).toordinal()
    store = MemoryStore(Records(*(getattr(ds, name) for name in COLLECTIONS)))
    got = [e.id for e in timeline_with_officials(store, a, b, first, last, certainty)]
    posts = [(p.id, role) for p in ds.persons for role in p.roles]

    def acts_for(actor: str, event: geoalign.Event) -> bool:
        days = event_spans(event.date)
        return actor in event.actors or any(
            person in event.actors
            and role.actor == actor
            and in_office(office_span(role.start, role.end), days, certainty)
            for person, role in posts
        )

    held = in_window([(*event_spans(e.date), e) for e in ds.events], first, last, certainty)
    held.sort(key=lambda row: timeline_key(row[:4], row[4].id))
    assert got == [row[4].id for row in held if acts_for(a, row[4]) and acts_for(b, row[4])]
