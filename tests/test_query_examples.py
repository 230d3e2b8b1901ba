"""The query semantics on small hand-made datasets, one rule at a time; and static typing.

Each example pins a rule at its edges (the first and last day of a tie, an end set by a
source's publication, sanctions on an organization counting for its country); the last
test runs ``mypy --strict`` over ``typing_check.py``, a user's typed code.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest
from tests.query_records import SOURCE, happening, tie
from tests.query_reference import ids

from geoalign import (
    Country,
    Dataset,
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
from geoalign.loading.files import Records


def build(
    relationships: Iterable[Relationship] = (),
    events: Iterable[Event] = (),
    sources: Iterable[Source] = (SOURCE,),
) -> Dataset:
    """Five countries and a company based in Serbia (``nis``), with these records."""
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


def test_a_tie_that_ends_where_it_starts_is_never_in_force() -> None:
    # Start 2010-04-15, end "2010-04": no day d has 2010-04-15 <= d < 2010-04-01.
    period = {"start": PartialDate(2010, 4, 15), "end": PartialDate(2010, 4)}
    empty = tie("empty", RelationshipKind.SANCTIONS, "USA", "RUS", **period)
    allied = tie("brief", RelationshipKind.ALLIANCE, "RUS", "SYR", **period)
    ds = build([empty, allied])
    for as_of in ("2010", "2010-04", "2010-04-15", "2011"):
        # Never in force, so never "lifted" either: there was no measure at all.
        assert ds.sanction_status("USA", "RUS", as_of=as_of).state is SanctionState.UNKNOWN
        assert ds.allies_of("RUS", as_of=as_of) == ()
        assert ds.relationships_of("RUS", as_of=as_of) == ()


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
