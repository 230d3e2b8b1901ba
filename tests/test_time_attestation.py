"""Attestation: what a citation says about when a tie is in force, and when it is known.

* A citation attests its tie in force on its ``claimed_on`` day, else on its source's
  publication; a denying citation attests nothing; one wholly before the tie's start
  contradicts it, and the start wins.
* Dates count with their ``~`` widening everywhere: a source dated ``2024~`` may be as
  late as 2025, so it attests, and is known, from 31 December 2025.
* A tie known only to be in force on some unknown day of a range is definite over a
  window holding that range; never on a single day it cannot name.
* ``sanction_status`` answers a definite state, or ``unknown``, unless asked for possible.
"""

from __future__ import annotations

import datetime

import attrs
from hypothesis import given
from hypothesis import strategies as st
from tests.query_records import source, tie

import geoalign
from geoalign import (
    Certainty,
    Citation,
    Confidence,
    Country,
    Dataset,
    PartialDate,
    RelationshipKind,
    SanctionState,
)
from geoalign.model.edtf import EDTFDate, parse_edtf
from geoalign.model.records import Records
from geoalign.rules.time import (
    before_start,
    first_day,
    in_force,
    last_day,
    spans,
    tie_span,
)

DEFINITE, POSSIBLE = Certainty.DEFINITE, Certainty.POSSIBLE
ALLIANCE = RelationshipKind.ALLIANCE


def build(relationships: tuple[object, ...], *sources: object) -> Dataset:
    return Dataset.from_records(
        Records(
            sources=sources,  # type: ignore[arg-type]
            countries=(Country(id="RUS", name="Russia"), Country(id="SYR", name="Syria")),
            relationships=relationships,  # type: ignore[arg-type]
        )
    )


def allied(ds: Dataset, as_of: str, certainty: Certainty = DEFINITE) -> bool:
    return [a.id for a in ds.allies_of("RUS", as_of=as_of, certainty=certainty)] == ["SYR"]


# -- widening ----------------------------------------------------------------------------


def test_a_source_about_2024_counts_from_the_end_of_2025() -> None:
    about, later = source("about", "2024~"), source("later", "2026-03")
    row = tie("t", ALLIANCE, "RUS", "SYR", cites=("about",))
    ds = build((row,), about, later)
    # Known only once surely published: "about 2024" may be any day of 2023 to 2025.
    for known in ("2024-12-31", "2025-12-30"):
        assert ds.allies_of("RUS", as_of="2025", certainty=POSSIBLE, as_known_on=known) == ()
    assert allied(ds.known_on("2025-12-31"), "2025-12-31")
    # It attests the tie from the last day it may have been published.
    assert ds.tie_span(row).definite_from.day == datetime.date(2025, 12, 31)
    assert not allied(ds, "2025-12-30")
    assert allied(ds, "2025-12-30", POSSIBLE)


def test_the_horizon_of_a_source_about_2024_is_the_end_of_2025() -> None:
    about = source("about", "2024~")
    ds = build((tie("t", ALLIANCE, "RUS", "SYR", cites=("about",)),), about)
    assert str(ds.horizon) == "2024~"
    assert ds.known_on("2025-12-31") is ds
    assert ds.known_on("2025-12-30") is not ds
    span = ds.tie_span(ds.relationships[0])
    assert span.definite_until.day == datetime.date(2026, 1, 1)  # open: up to the horizon


# -- which citations attest, and when -----------------------------------------------------


def test_claimed_on_is_the_day_a_citation_attests_its_tie() -> None:
    row = tie("t", ALLIANCE, "RUS", "SYR", cites=("s1",))
    dated = attrs.evolve(
        row, citations=(Citation(source="s1", quote="q", claimed_on=PartialDate(2024, 12, 3)),)
    )
    sources = (source("s1", "2024-12"), source("s2", "2025"))
    assert not allied(build((row,), *sources), "2024-12-03")
    ds = build((dated,), *sources)
    assert allied(ds, "2024-12-03")
    assert not allied(ds, "2024-12-02")
    assert ds.tie_span(dated).definite_from.reason == "first attested 2024-12-03 (s1)"


def test_a_denying_citation_attests_nothing() -> None:
    sources = (source("s1", "2020"), source("s2", "2024"))
    denied = Citation(source="s1", quote="no", confidence=Confidence.DENIED)
    row = attrs.evolve(
        tie("t", ALLIANCE, "RUS", "SYR", cites=("s2",)),
        confidence=Confidence.DISPUTED,
        citations=(denied, Citation(source="s2", quote="yes")),
    )
    ds = build((row,), *sources)
    assert ds.tie_span(row).definite_from.reason == "first attested 2024 (s2)"
    assert not allied(ds, "2022")
    assert allied(ds, "2022", POSSIBLE)


def test_an_attestation_before_the_start_is_one_wholly_before_it() -> None:
    attested = [("s1", parse_edtf("2018-12")), ("s2", parse_edtf("[2018..2019-02]"))]
    early = [[s for s, d in attested if before_start(parse_edtf(t), d)] for t in ("2019", "2019~")]
    assert early == [["s1"], []]  # 2019~ is 2018 to 2020
    assert not any(before_start(None, d) for _, d in attested)
    span = tie_span(parse_edtf("2019"), None, None, attested, PartialDate(2020))
    assert span.definite_from.reason == "first attested [2018..2019-02] (s2)"
    assert span.possible_from.day == datetime.date(2019, 1, 1)  # never before the start


# -- one unknown day within a range -------------------------------------------------------


def test_a_tie_attested_on_an_unknown_day_of_december_is_definite_in_december() -> None:
    # Cited only by a December source, surely in force until the 11th: some day of
    # December 10 to 31 surely has it in force, though no one day does.
    sources = (source("dec", "2024-12"), source("s2", "2025"))
    row = tie("t", ALLIANCE, "RUS", "SYR", cites=("dec",), end="[2024-12-11..]")
    ds = build((row,), *sources)
    for as_of in ("2024-12", "2024", "[2024-12-10..2024-12-31]"):
        assert allied(ds, as_of), as_of
    for as_of in (
        "2024-12-10",
        "2024-12-31",
        "[2024-12-11..2024-12-31]",
        "[2024-12-01..2024-12-30]",
    ):
        assert not allied(ds, as_of), as_of
        assert allied(ds, as_of, POSSIBLE), as_of
    assert ds.tie_certainty(row, "2024-12").certainty is DEFINITE


def test_the_bundled_ties_of_document_003_are_definite_for_december_2024() -> None:
    ds = geoalign.load()
    designations = {"rus-hts-terrorist-designation", "usa-hts-terrorist-designation"}
    kinds = ["terrorist_designation"]

    def found(as_of: str) -> set[str]:
        return {r.id for r in ds.relationships_of("HTS", as_of=as_of, kinds=kinds)}

    assert designations <= found("2024-12")
    assert not designations & (found("2024-12-15") | found("2025"))


# Readings: every start, attestation and end day the dates allow, a tie in force from its
# start up to (not on) its end, attested days inside.  Days of January and February 2024.
FIRST, LAST = datetime.date(2024, 1, 1).toordinal(), datetime.date(2024, 2, 29).toordinal()
DAY = st.integers(FIRST, LAST)


def _date(first: int, last: int) -> EDTFDate:
    one, two = (str(datetime.date.fromordinal(d)) for d in (first, last))
    return parse_edtf(one if first == last else f"[{one}..{two}]")


@st.composite
def dates(draw: st.DrawFn) -> EDTFDate:
    first = draw(DAY)
    return _date(first, draw(st.integers(first, first + draw(st.integers(0, 12)))))


@given(st.none() | dates(), dates(), st.lists(dates(), min_size=1, max_size=2), DAY, DAY)
def test_a_definite_window_holds_a_day_in_force_in_every_reading(
    start: EDTFDate | None, end: EDTFDate, attested: list[EDTFDate], q1: int, q2: int
) -> None:
    first, last = min(q1, q2), max(q1, q2)
    cited = [(f"s{i}", date) for i, date in enumerate(attested)]
    span = tie_span(start, end, None, cited, PartialDate(2024, 3))
    if not in_force([spans(span)], first, last, DEFINITE):
        return
    kept = [d for _, d in cited if not before_start(start, d)]
    # With no start, any day up to the attested ones (FIRST - 1 stands for all before).
    starts = (
        range(first_day(start), start.latest.toordinal() + 1)
        if start
        else range(FIRST - 1, LAST + 1)
    )
    for s in starts:
        for e in range(end.earliest.toordinal(), end.latest.toordinal() + 1):
            # Some attestation day of each kept citation must fit [s, e).
            if not all(max(s, first_day(d)) <= min(e - 1, last_day(d)) for d in kept):
                continue  # no such reading
            if s < e:
                assert s <= last, (s, e)
                assert first < e, (s, e)


# -- sanctions, definite or possible ------------------------------------------------------


def test_us_serbia_on_new_years_day_2025_is_possibly_imposed_and_definitely_unknown() -> None:
    ds = geoalign.load()
    definite = ds.sanction_status("USA", "Serbia", as_of="2025-01-01")
    possible = ds.sanction_status("USA", "Serbia", as_of="2025-01-01", certainty="possible")
    assert (definite.state, definite.certainty, definite.measures) == (
        SanctionState.UNKNOWN,
        None,
        (),
    )
    assert (possible.state, possible.certainty) == (SanctionState.IMPOSED, POSSIBLE)
    assert geoalign.sanction_status("USA", "Serbia", as_of="2025-01-01") == definite
    explained = ds.explain_sanctions("USA", "Serbia", as_of="2025-01-01", certainty="possible")
    assert explained.status == possible
