"""Query dates accept what the model accepts: every EDTF form, each naming its days.

A bounded date (a range, a decade, a century) asks what the year, month or range with
the same days asks; a qualified date asks about the days the rules give it in the data
(``~`` one unit wider on each side, ``?`` no wider), and the answer keeps it as asked.
"""

from __future__ import annotations

import datetime

import pytest
from tests.query_records import happening, source, tie

from geoalign import (
    ArgumentTypeError,
    Certainty,
    Country,
    Dataset,
    InvalidDateError,
    PartialDate,
    RelationshipKind,
)
from geoalign.model.dates import DateLike
from geoalign.model.edtf import BoundedDate, parse_edtf
from geoalign.model.records import Records

BOTH = (Certainty.DEFINITE, Certainty.POSSIBLE)


def build() -> Dataset:
    """Ties that end on a day, within a month and within a range; sanctions; meetings."""
    ties = (
        tie("a", RelationshipKind.ALLIANCE, "RUS", "SYR", start="2015-09-30", end="2024-12-08"),
        tie("b", RelationshipKind.ALLIANCE, "RUS", "ARM", start="2010", end="2024-12"),
        tie("c", RelationshipKind.ALLIANCE, "RUS", "SRB", start="[2024-12-05..2024-12-20]"),
        tie("d", RelationshipKind.ALLIANCE, "RUS", "IRN", start="2023~", end="2024-06"),
        tie("s", RelationshipKind.SANCTIONS, "USA", "SRB", start="2025-01"),
    )
    meetings = (
        happening("m1", "2024-11-27", "RUS", "SYR"),
        happening("m2", "2024-12", "RUS", "SYR"),
        happening("m3", "[2024-11-30..2024-12-06]", "RUS", "SYR"),
        happening("m4", "2024-12-11", "RUS", "SYR"),
    )
    countries = tuple(
        Country(id=code, name=code.title()) for code in ("RUS", "SYR", "ARM", "SRB", "IRN", "USA")
    )
    return Dataset.from_records(
        Records(
            sources=(source("s1", "2025-02-01"),),
            countries=countries,
            relationships=ties,
            events=meetings,
        )
    )


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build()


SAME_DAYS = [
    ("2024-12", "[2024-12-01..2024-12-31]"),
    ("2024", "[2024-01..2024-12]"),
    ("2024-12-08", "[2024-12-08..2024-12-08]"),
    ("[2010..2019]", "201X"),
    ("[1900..1999]", "19XX"),
    ("[2023..2025]", "2024~"),
    ("2024", "2024?"),
    ("[2024-11..2025-01]", "2024-12%"),
]


def answers(ds: Dataset, when: DateLike) -> list[object]:
    """Every query's answer about ``when``, in both certainties, as plain ids and states."""
    found: list[object] = []
    for certainty in BOTH:
        for actor in ("RUS", "SRB", "IRN"):
            found.append([a.id for a in ds.allies_of(actor, as_of=when, certainty=certainty)])
            ties = ds.relationships_of(actor, as_of=when, certainty=certainty)
            found.append([r.id for r in ties])
        events = ds.timeline_between("RUS", "SYR", start=when, end=when, certainty=certainty)
        found.append([e.id for e in events])
    status = ds.sanction_status("USA", "SRB", as_of=when)
    found.append((status.state, status.certainty, [m.id for m in status.measures]))
    found.append([a.id for a in ds.allies_of("RUS", as_of="2024-12", as_known_on=when)])
    return found


@pytest.mark.parametrize(("plain", "other"), SAME_DAYS)
def test_a_date_asks_what_the_date_with_the_same_days_asks(
    ds: Dataset, plain: str, other: str
) -> None:
    assert answers(ds, other) == answers(ds, plain)
    assert answers(ds, parse_edtf(other)) == answers(ds, plain)


def test_the_answers_differ_between_the_forms_compared() -> None:
    # The comparisons above would hold for a dataset where every answer is the same.
    built = build()
    assert answers(built, "2024-12") != answers(built, "2024-12-08")
    assert answers(built, "2024") != answers(built, "2024~")
    assert answers(built, "2024") != answers(built, "201X")


def test_a_range_of_december_asks_about_some_day_of_december(ds: Dataset) -> None:
    december = "[2024-12-01..2024-12-31]"
    # On some day of December the Syrian alliance is definitely in force (up to the 8th),
    # the Armenian one possibly (it ends in December), the Serbian one definitely (from
    # the 20th at the latest).
    assert sorted(a.id for a in ds.allies_of("RUS", as_of=december)) == ["SRB", "SYR"]
    possible = ds.allies_of("RUS", as_of=december, certainty="possible")
    assert sorted(a.id for a in possible) == ["ARM", "SRB", "SYR"]
    # The window holds m2 (December) and m4 wholly, m3 only possibly, m1 not at all.
    definite = ds.timeline_between("RUS", "SYR", start=december, end=december)
    assert [e.id for e in definite] == ["m4", "m2"]  # by last day: the 11th, then the 31st
    possibly = ds.timeline_between("RUS", "SYR", start=december, end=december, certainty="possible")
    assert sorted(e.id for e in possibly) == ["m2", "m3", "m4"]


def test_an_open_range_reaches_every_day_on_its_open_side(ds: Dataset) -> None:
    assert [a.id for a in ds.allies_of("RUS", as_of="[..2010-06]")] == []
    up_to_2015 = ds.allies_of("RUS", as_of="[..2015-09-30]", certainty="possible")
    assert [a.id for a in up_to_2015] == ["ARM", "SYR"]
    assert ds.sanction_status("USA", "SRB", as_of="[2025-02..]").state.value == "imposed"
    assert ds.sanction_status("USA", "SRB", as_of="[..2024-12]").state.value == "unknown"


def test_the_answer_keeps_the_date_as_asked(ds: Dataset) -> None:
    for text in ("2024?", "2024~", "[2024-12-01..2024-12-31]", "201X"):
        assert ds.sanction_status("USA", "SRB", as_of=text).as_of == parse_edtf(text)
    bounded = BoundedDate(PartialDate(2024, 12, 1), PartialDate(2024, 12, 31))
    assert ds.sanction_status("USA", "SRB", as_of=bounded).as_of == bounded


def test_a_window_of_bounded_dates_runs_from_the_first_day_to_the_last(ds: Dataset) -> None:
    both = ds.timeline_between(
        "RUS", "SYR", start="[2024-11-25..2024-11-30]", end="[2024-12-10..2024-12-12]"
    )
    assert both == ds.timeline_between("RUS", "SYR", start="2024-11-25", end="2024-12-12")
    with pytest.raises(InvalidDateError, match="starts"):
        ds.timeline_between("RUS", "SYR", start="[2025..2026]", end="[2023..2024]")


@pytest.mark.parametrize("bad", ["[2024..2023]", "2024??", "[2024-12-01..2024-12-31", "2024-13"])
def test_a_bad_edtf_query_date_is_an_invalid_date(ds: Dataset, bad: str) -> None:
    with pytest.raises(InvalidDateError):
        ds.allies_of("RUS", as_of=bad)


def test_a_date_of_another_type_names_the_types_taken(ds: Dataset) -> None:
    with pytest.raises(ArgumentTypeError, match="BoundedDate") as caught:
        ds.allies_of("RUS", as_of=(2024, 12))  # type: ignore[arg-type]
    assert "EDTF text" in str(caught.value)
    moment = datetime.datetime(2024, 12, 8, 1, 30)
    assert ds.allies_of("RUS", as_of=moment) == ds.allies_of("RUS", as_of="2024-12-08")


@pytest.mark.parametrize("text", ["98XX~", "9999~", "9999-11~", "[9990..9999]~"])
def test_an_approximate_date_at_the_end_of_the_calendar_stops_there(text: str) -> None:
    # Widened by one unit it would pass year 9999: the last day is the calendar's last.
    from geoalign.model.edtf import parse_edtf
    from geoalign.rules.time import last_day

    assert last_day(parse_edtf(text)) == datetime.date.max.toordinal()
