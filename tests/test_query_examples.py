"""The query semantics on small hand-made datasets, one rule at a time; and static typing.

Each example pins a rule at its edges (the first and last day of a tie, an end set by a
source's publication, sanctions on an organization counting for its country, definite
and possible answers from real rows); the last test runs ``mypy --strict`` over
``typing_check.py``, a user's typed code.
"""

from __future__ import annotations

import datetime
import enum
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest
from tests.query_records import SOURCE, happening, source, tie
from tests.query_reference import ids

from geoalign import (
    ArgumentTypeError,
    Certainty,
    Country,
    Dataset,
    DatasetError,
    Event,
    GeoalignError,
    InvalidDateError,
    Organization,
    OrganizationKind,
    PartialDate,
    Relationship,
    RelationshipKind,
    SanctionState,
    Source,
)
from geoalign.formats.convert import structure
from geoalign.model.records import Records

DEFINITE, POSSIBLE = Certainty.DEFINITE, Certainty.POSSIBLE


def build(
    relationships: Iterable[Relationship] = (),
    events: Iterable[Event] = (),
    sources: Iterable[Source] = (SOURCE,),
) -> Dataset:
    """Countries, and a company based in Serbia (``nis``), with these records."""
    return Dataset.from_records(
        Records(
            sources=tuple(sources),
            countries=tuple(
                Country(id=c, name=c.title())
                for c in ("RUS", "SYR", "SRB", "USA", "UKR", "GBR", "SWE", "PRU")
            ),
            organizations=(
                Organization(id="nis", name="NIS", kind=OrganizationKind.COMPANY, country="SRB"),
            ),
            relationships=tuple(relationships),
            events=tuple(events),
        )
    )


def sanction_answers(
    ds: Dataset, imposer: str, target: str, as_of: str
) -> dict[Certainty, tuple[SanctionState, Certainty | None]]:
    """The state and certainty of ``sanction_status`` in each certainty asked."""
    found = {}
    for certainty in (POSSIBLE, DEFINITE):
        status = ds.sanction_status(imposer, target, as_of=as_of, certainty=certainty)
        found[certainty] = (status.state, status.certainty)
    return found


def surely(
    answer: tuple[SanctionState, Certainty | None],
) -> dict[Certainty, tuple[SanctionState, Certainty | None]]:
    """The answers of :func:`sanction_answers` when the possible one is ``answer``: asked
    for definite answers only, a state only possibly so is ``unknown``."""
    definite = answer if answer[1] is DEFINITE else (SanctionState.UNKNOWN, None)
    return {POSSIBLE: answer, DEFINITE: definite}


ALLIANCE = tie(
    "rus-syr", RelationshipKind.ALLIANCE, "RUS", "SYR", start="2015-09-30", end="2024-12-08"
)


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
    for certainty in (DEFINITE, POSSIBLE):  # dates to the day: both answers agree
        assert (ids(ds.allies_of("SYR", as_of=as_of, certainty=certainty)) == ["RUS"]) is allied
        assert (ids(ds.allies_of("RUS", as_of=as_of, certainty=certainty)) == ["SYR"]) is allied


def test_ended_by_a_source_ends_on_or_before_its_publication() -> None:
    # Attested by s0 on 2024-06-01 and said to be over by s1 on 2024-12-10: it ended on
    # some day between, so it is definite up to s0 and possible up to s1.
    sources = (source("s0", "2024-06-01"), SOURCE)
    ended = attrs.evolve(
        ALLIANCE,
        end=None,
        ended_by="s1",
        citations=tie("x", ALLIANCE.kind, "A", "B", cites=("s0", "s1")).citations,
    )
    sanctions = tie(
        "ukr-rus", RelationshipKind.SANCTIONS, "UKR", "RUS", cites=("s0",), ended_by="s1"
    )
    ds = build([ended, sanctions], sources=sources)
    assert ids(ds.allies_of("RUS", as_of="2024-06-01")) == ["SYR"]
    assert ids(ds.allies_of("RUS", as_of="2024-06-02")) == []
    assert ids(ds.allies_of("RUS", as_of="2024-12-09", certainty=POSSIBLE)) == ["SYR"]
    assert ids(ds.allies_of("RUS", as_of="2024-12-10", certainty=POSSIBLE)) == []
    expected = {
        "2024-06-01": (SanctionState.IMPOSED, DEFINITE),
        "2024-06-02": (SanctionState.IMPOSED, POSSIBLE),
        "2024-12-09": (SanctionState.IMPOSED, POSSIBLE),
        "2024-12-10": (SanctionState.LIFTED, DEFINITE),
        "2024-12": (SanctionState.IMPOSED, POSSIBLE),  # a period reaching back before
    }
    for as_of, answer in expected.items():
        assert sanction_answers(ds, "UKR", "RUS", as_of) == surely(answer), as_of
    assert ids(ds.sanction_status("UKR", "RUS", as_of="2025").measures) == ["ukr-rus"]


def test_a_sanction_not_yet_started_is_not_lifted() -> None:
    # Cited by a source of 2026: a source cites a tie in force when it was published.
    sources = (SOURCE, source("s2026", "2026-02"))
    later = tie("later", RelationshipKind.SANCTIONS, "USA", "RUS", cites=("s2026",), start="2026")
    said = tie("said", RelationshipKind.NON_SANCTIONING, "USA", "RUS", start="2024", end="2026")
    ds = build([later, said], sources=sources)
    status = ds.sanction_status("USA", "RUS", as_of="2025")
    assert (status.state, status.certainty) == (SanctionState.NOT_IMPOSED, DEFINITE)
    assert ds.sanction_status("USA", "RUS", as_of="2026").state is SanctionState.IMPOSED
    alone = build([later], sources=sources).sanction_status("USA", "RUS", as_of="2025")
    assert alone.state is SanctionState.UNKNOWN


def test_a_tie_that_ends_in_the_period_it_starts_is_possibly_in_force() -> None:
    # Start 2010-04-15, end "2010-04": it ended on some day from the 15th to the 30th.
    period = {"start": "2010-04-15", "end": "2010-04"}
    brief = tie("brief", RelationshipKind.SANCTIONS, "USA", "RUS", **period)
    allied = tie("allied", RelationshipKind.ALLIANCE, "RUS", "SYR", **period)
    ds = build([brief, allied])
    for as_of in ("2010-04", "2010-04-15", "2010-04-29"):
        assert ds.allies_of("RUS", as_of=as_of) == ()
        assert ids(ds.allies_of("RUS", as_of=as_of, certainty=POSSIBLE)) == ["SYR"]
        answers = sanction_answers(ds, "USA", "RUS", as_of)
        assert answers == surely((SanctionState.IMPOSED, POSSIBLE))
    for as_of in ("2010-04-30", "2011"):
        assert ds.allies_of("RUS", as_of=as_of, certainty=POSSIBLE) == ()
        assert ds.sanction_status("USA", "RUS", as_of=as_of).state is SanctionState.LIFTED


def test_sanctions_on_an_organization_count_for_its_country() -> None:
    ds = build(
        relationships=[
            tie("on-nis", RelationshipKind.SANCTIONS, "USA", "nis", cites=("s2",), start="2025-01"),
            tie("on-rus", RelationshipKind.SANCTIONS, "USA", "RUS", start="2022"),
        ],
        sources=[SOURCE, source("s2", "2025-02")],
    )
    status = ds.sanction_status("USA", "SRB", as_of="2025-02-01")
    assert (status.state, ids(status.measures)) == (SanctionState.IMPOSED, ["on-nis"])
    assert ds.sanction_status("USA", "nis", as_of="2025").state is SanctionState.IMPOSED
    assert ds.sanction_status("USA", "SRB", as_of="2024").state is SanctionState.UNKNOWN


# -- real rows (issue 12) --------------------------------------------------------------

COW = source("cow-alliances-4.1", "2004")  # the Correlates of War alliance data, v4.1


def test_uk_sweden_1816_1911_is_possibly_allied_until_late_1911() -> None:
    row = tie("gbr-swe", RelationshipKind.ALLIANCE, "GBR", "SWE",
              cites=(COW.id,), start="1816", end="1911")  # fmt: skip
    ds = build([row], sources=[COW])
    assert ids(ds.allies_of("GBR", as_of="1850")) == ["SWE"]
    assert ds.allies_of("GBR", as_of="1911-06-30") == ()
    assert ids(ds.allies_of("GBR", as_of="1911-06-30", certainty=POSSIBLE)) == ["SWE"]
    assert ids(ds.allies_of("GBR", as_of="1911-12-30", certainty=POSSIBLE)) == ["SWE"]
    assert ds.allies_of("GBR", as_of="1912-01-01", certainty=POSSIBLE) == ()
    assert ds.tie_certainty(row, "1911-06-30").reason == "end 1911"


def test_uk_prussia_1840_1840_is_possibly_in_force_and_definitely_on_no_day() -> None:
    row = tie("gbr-pru", RelationshipKind.ALLIANCE, "GBR", "PRU",
              cites=(COW.id,), start="1840", end="1840")  # fmt: skip
    ds = build([row], sources=[COW])
    assert ids(ds.allies_of("PRU", as_of="1840-06-01", certainty=POSSIBLE)) == ["GBR"]
    day = datetime.date(1839, 12, 31)
    while day <= datetime.date(1841, 1, 1):
        assert ds.allies_of("PRU", as_of=day) == ()
        day += datetime.timedelta(days=1)
    span = ds.tie_span(row)
    assert span.definite_from.at >= span.definite_until.at
    assert (span.possible_from.day, span.possible_until.day) == (
        datetime.date(1840, 1, 1),
        datetime.date(1840, 12, 31),  # the first day it is surely over
    )


def test_a_dispute_of_december_1837_is_possibly_in_force_that_month() -> None:
    mid = source("cow-mid-5", "2021")  # a militarised interstate dispute row
    row = tie("gbr-usa-1837", RelationshipKind.HOSTILITY, "GBR", "USA",
              cites=(mid.id,), start="1837-12", end="1837-12")  # fmt: skip
    ds = build([row], sources=[mid])
    assert ids(ds.relationships_of("GBR", as_of="1837-12-15", certainty=POSSIBLE)) == [row.id]
    assert ds.relationships_of("GBR", as_of="1837-12") == ()
    assert ds.relationships_of("GBR", as_of="1837-12-31", certainty=POSSIBLE) == ()


def test_a_sanction_with_no_start_is_definite_only_from_its_first_source() -> None:
    listing = source("ofac-2024-03-15", "2024-03-15")
    row = tie("usa-rus-bank", RelationshipKind.SANCTIONS, "USA", "RUS", cites=(listing.id,))
    ds = build([row], sources=[listing])
    for as_of in ("1950", "2024-03-14"):
        answers = sanction_answers(ds, "USA", "RUS", as_of)
        assert answers == surely((SanctionState.IMPOSED, POSSIBLE))
    answers = sanction_answers(ds, "USA", "RUS", "2024-03-15")
    assert answers == surely((SanctionState.IMPOSED, DEFINITE))
    assert (
        ds.tie_certainty(row, "2024-03-14").reason == "first attested 2024-03-15 (ofac-2024-03-15)"
    )


def test_an_event_known_to_a_week_is_definite_only_in_a_window_around_the_week() -> None:
    ds = build(events=[happening("deir-ez-zor", "[2024-11-30..2024-12-06]", "SYR", "USA")])
    december = {"start": "2024-12-01", "end": "2024-12-31"}
    around = {"start": "2024-11-25", "end": "2024-12-10"}
    assert ids(ds.timeline_between("SYR", "USA", **december)) == []
    assert ids(ds.timeline_between("SYR", "USA", **december, certainty=POSSIBLE)) == ["deir-ez-zor"]
    assert ids(ds.timeline_between("SYR", "USA", **around)) == ["deir-ez-zor"]
    event = ds.events[0]
    assert ds.event_certainty(event, **december).certainty is POSSIBLE
    assert ds.event_certainty(event, **around).certainty is DEFINITE


def test_a_timeline_sorts_by_the_last_day_an_event_may_have_happened() -> None:
    dates = ["2024", "2024-11", "2024-11-27", "2024-12-31", "[2024-11-30..2024-12-06]"]
    ds = build(events=[happening(f"e{i}", date, "RUS", "SYR") for i, date in enumerate(dates)])
    found = ds.timeline_between("RUS", "SYR", certainty=POSSIBLE)
    assert [str(event.date) for event in found] == [
        "2024-11-27", "2024-11", "[2024-11-30..2024-12-06]", "2024-12-31", "2024",
    ]  # fmt: skip


def test_a_source_before_the_start_is_refused_and_one_within_it_attests() -> None:
    # Cited by a source of 2012 and started in 2015: the data contradicts itself.
    early, later = source("s2012", "2012"), source("s2015", "2015-06-30")
    row = tie("t", RelationshipKind.ALLIANCE, "RUS", "SYR", cites=(early.id,), start="2015")
    with pytest.raises(DatasetError) as info:
        build([row], sources=[early])
    assert [problem.code for problem in info.value.problems] == ["attested-before-start"]
    # A source within the start's year attests it from its day.
    within = tie("t", RelationshipKind.ALLIANCE, "RUS", "SYR", cites=(later.id,), start="2015")
    ds = build([within], sources=[later])
    assert ids(ds.allies_of("RUS", as_of="2015-06-30")) == ["SYR"]
    assert ds.allies_of("RUS", as_of="2015-06-29") == ()
    assert ds.tie_span(within).definite_from.reason == "first attested 2015-06-30 (s2015)"


def test_as_known_on_drops_later_sources_and_their_ended_by() -> None:
    sources = (source("s0", "2024-06-01"), SOURCE)
    ended = tie("t", RelationshipKind.ALLIANCE, "RUS", "SYR", cites=("s0",), ended_by="s1")
    later = tie("u", RelationshipKind.ALLIANCE, "RUS", "SRB", cites=("s1",))
    ds = build([ended, later], sources=sources)
    assert ids(ds.allies_of("RUS", as_of="2025", certainty=POSSIBLE)) == ["SRB"]
    known = {"as_of": "2024-06-01", "as_known_on": "2024-11-30"}
    assert ids(ds.allies_of("RUS", **known)) == ["SYR"]
    assert ids(ds.allies_of("RUS", as_of="2025", certainty=POSSIBLE, as_known_on="2024-11-30")) == [
        "SYR"
    ]
    # The horizon as known then is the last source published by then.
    assert ds.sanction_status("RUS", "SYR", as_known_on="2024-11-30").as_of == PartialDate(
        2024, 6, 1
    )


# -- arguments -------------------------------------------------------------------------


def test_kinds_and_bad_kinds() -> None:
    ds = build(
        [ALLIANCE, tie("gas", RelationshipKind.ENERGY_COOPERATION, "RUS", "SRB", start="2019")]
    )
    assert ids(ds.allies_of("RUS", as_of="2020")) == ["SYR"]  # energy is not alignment
    assert ids(ds.allies_of("RUS", as_of="2020", kinds=["energy_cooperation"])) == ["SRB"]
    assert ids(ds.allies_of("RUS", as_of="2020", kinds="energy_cooperation")) == ["SRB"]
    assert ids(ds.allies_of("RUS", as_of="2020", kinds=[])) == []
    with pytest.raises(GeoalignError) as bad:
        ds.allies_of("RUS", as_of="2020", kinds=["friendship"])
    assert str(bad.value) == converter_says("friendship", RelationshipKind)
    assert str(bad.value).startswith("'friendship' is not a known relationship kind (one of: ")
    with pytest.raises(ArgumentTypeError, match=r"^kinds must be") as caught:
        ds.allies_of("RUS", as_of="2020", kinds=5)  # type: ignore[arg-type]
    assert isinstance(caught.value, TypeError)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        (lambda ds: ds.resolve(42), "name"),
        (lambda ds: ds.allies_of(42), "actor"),
        (lambda ds: ds.sanction_status("USA", None), "target"),
        (lambda ds: ds.allies_of("RUS", as_of=20241208), "as_of"),
        (lambda ds: ds.timeline_between("RUS", "SYR", end=[2024]), "end"),
        (lambda ds: ds.allies_of("RUS", as_known_on=2024), "as_known_on"),
        (lambda ds: ds.allies_of("RUS", certainty=True), "certainty"),
    ],
)
def test_an_argument_of_the_wrong_type_is_named(query: object, parameter: str) -> None:
    with pytest.raises(ArgumentTypeError, match=rf"^{parameter} must be"):
        query(build())  # type: ignore[operator]


def test_certainty_takes_a_member_or_its_value() -> None:
    ds = build([tie("t", RelationshipKind.ALLIANCE, "RUS", "SYR", start="2019")])
    assert ds.allies_of("RUS", as_of="2019-06", certainty=Certainty.POSSIBLE) == (
        ds.allies_of("RUS", as_of="2019-06", certainty="possible")
    )
    with pytest.raises(GeoalignError) as bad:
        ds.allies_of("RUS", certainty="sure")  # type: ignore[arg-type]
    assert str(bad.value) == converter_says("sure", Certainty)


def converter_says(value: str, kind: type[enum.Enum]) -> str:
    """How the data converter words a bad value of an enum: a query says it alike."""
    with pytest.raises(ValueError, match=value) as caught:
        structure(value, kind)
    return str(caught.value)


def test_an_aware_datetime_stands_for_its_own_date() -> None:
    # The same instant, written as two local times on two calendar days.
    ds = build([ALLIANCE])
    utc = datetime.datetime(2024, 12, 7, 23, 30, tzinfo=datetime.UTC)
    east = datetime.datetime(
        2024, 12, 8, 1, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    assert utc == east
    assert ids(ds.allies_of("RUS", as_of=utc)) == ["SYR"]  # 7 December
    assert ids(ds.allies_of("RUS", as_of=east)) == []  # 8 December, the end day
    assert ds.sanction_status("USA", "RUS", as_of=east).as_of == PartialDate(2024, 12, 8)


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
    with pytest.raises(ArgumentTypeError, match=r"^as_of is required"):
        ds.allies_of("RUS")
    assert ds.allies_of("RUS", as_of="2024") == ()


def test_from_records_refuses_invalid_records() -> None:
    dangling = tie("t", RelationshipKind.ALLIANCE, "RUS", "XXX")
    with pytest.raises(DatasetError, match="'XXX': no country, organization or person"):
        build([dangling])


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
