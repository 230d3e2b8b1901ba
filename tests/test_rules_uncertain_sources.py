"""An uncertain source date (``?``, or ``%``) is as written or unknown.

An ``ended_by`` source so dated ended its tie by the end of its date, or by an unknown
day: its sanctions are never surely ``lifted``.  An attestation so dated may be of any
day: it makes no tie definite.  As known on a day, such a source counts as written (see
:func:`geoalign.rules.knowledge.known_from`).  So a ``?`` on a source date never makes
an answer more definite.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from tests.query_records import source, tie

from geoalign import Certainty, Country, Dataset, RelationshipKind, SanctionState
from geoalign.errors import GeoalignError, UnknownRecordError
from geoalign.model.records import Records
from geoalign.rules.time import as_written

COUNTRIES = (Country(id="AAA", name="Aland"), Country(id="CCC", name="Cland"))


def sanctions(ender: str) -> Dataset:
    """AAA sanctions CCC from 2021, on the word of s1 (2022), ended by s3 (``ender``)."""
    ties = (tie("a-c-sanc", RelationshipKind.SANCTIONS, "AAA", "CCC", cites=("s1",),
                start="2021", ended_by="s3"),)  # fmt: skip
    sources = (source("s1", "2022"), source("s3", ender))
    return Dataset.from_records(Records(sources=sources, countries=COUNTRIES, relationships=ties))


@pytest.mark.parametrize("ender", ["2024?", "2024%"])
def test_sanctions_ended_by_an_uncertain_source_are_never_surely_lifted(ender: str) -> None:
    sure, unsure = sanctions("2024"), sanctions(ender)
    assert sure.sanction_status("AAA", "CCC", as_of="2025-06").state is SanctionState.LIFTED
    status = unsure.sanction_status("AAA", "CCC", as_of="2025-06")
    assert (status.state, status.certainty) == (SanctionState.UNKNOWN, None)
    status = unsure.sanction_status("AAA", "CCC", as_of="2025-06", certainty="possible")
    assert (status.state, status.certainty) == (SanctionState.IMPOSED, Certainty.POSSIBLE)
    span = unsure.tie_span(unsure.relationships[0])
    assert (span.possible_until.day, span.possible_until.reason) == (None, f"ended_by s3 ({ender})")
    # Definite as written: up to the last attestation before the source, as for "2024".
    assert span.definite_until == sure.tie_span(sure.relationships[0]).definite_until


def test_an_uncertain_attestation_makes_nothing_definite() -> None:
    ties = (tie("t", RelationshipKind.ALLIANCE, "AAA", "CCC", cites=("s1",), start="2019~"),)
    for published, definite in (("2020", Certainty.DEFINITE), ("2020?", Certainty.POSSIBLE)):
        records = Records(
            sources=(source("s1", published),), countries=COUNTRIES, relationships=ties
        )
        ds = Dataset.from_records(records)
        assert ds.tie_certainty(ties[0], "2020-12-31").certainty is definite


def test_dates_that_contradict_as_written_are_still_refused() -> None:
    ties = (tie("t", RelationshipKind.ALLIANCE, "AAA", "CCC", start="2025", ended_by="s3"),)
    sources = (source("s1", "2026"), source("s3", "2024?"))
    with pytest.raises(GeoalignError, match="no later than the first day it may have started"):
        Dataset.from_records(Records(sources=sources, countries=COUNTRIES, relationships=ties))


def certainty(ds: Dataset, when: str, known: str | None) -> Certainty | None:
    """How surely the one tie of ``ds`` is in force over ``when``; ``None`` if it is
    not, or if no source known on ``known`` cites it."""
    try:
        return ds.tie_certainty(ds.relationships[0], when, as_known_on=known).certainty
    except UnknownRecordError:
        return None


YEARS = st.integers(2000, 2006)
DATES = st.one_of(
    YEARS.map(str), st.tuples(YEARS, st.integers(1, 12)).map("{0[0]}-{0[1]:02}".format)
)


@given(
    published=st.lists(DATES, min_size=3, max_size=3),
    start=st.one_of(st.none(), DATES),
    ender=st.sampled_from([None, "s1", "s2", "s3"]),
    cites=st.sets(st.sampled_from(["s1", "s2", "s3"]), min_size=1),
    unsure=st.sampled_from(["s1", "s2", "s3"]),
    qualifier=st.sampled_from(["?", "%"]),
    when=st.one_of(YEARS.map(str), st.just("200X")),
    known=st.one_of(st.none(), YEARS.map(lambda y: f"{y}-12-31")),
)
def test_a_question_mark_on_a_source_date_never_makes_an_answer_more_definite(
    published: list[str], start: str | None, ender: str | None, cites: set[str],
    unsure: str, qualifier: str, when: str, known: str | None,
) -> None:  # fmt: skip
    doubted = tuple(source(f"s{i}", date) for i, date in enumerate(published, 1))
    doubted = tuple(
        attrs.evolve(s, published=attrs.evolve(s.published, qualifier=qualifier))
        if s.id == unsure else s
        for s in doubted
    )  # fmt: skip
    # The date as written: "2024%" is "2024~", approximate, with the "?" taken off.
    sources = tuple(attrs.evolve(s, published=as_written(s.published)) for s in doubted)
    period = {"start": start, "ended_by": ender}
    ties = (
        tie("t", RelationshipKind.SANCTIONS, "AAA", "CCC", cites=tuple(sorted(cites)), **period),
    )
    try:
        sure, doubt = (
            Dataset.from_records(Records(sources=kept, countries=COUNTRIES, relationships=ties))
            for kept in (sources, doubted)
        )
    except GeoalignError:  # dates that contradict each other: not a dataset
        assume(False)
        return
    verdicts = [certainty(ds, when, known) for ds in (sure, doubt)]
    # What is definite stays so only if it was; what was possible stays possible.
    assert verdicts[1] is not Certainty.DEFINITE or verdicts[0] is Certainty.DEFINITE
    assert verdicts[0] is None or verdicts[1] is not None
    definite = [
        ds.sanction_status("AAA", "CCC", as_of=when, as_known_on=known) for ds in (sure, doubt)
    ]
    if definite[1].state is not SanctionState.UNKNOWN:
        assert definite[1].state is definite[0].state


@given(
    # In order (the texts sort as the dates do), so that most draws are datasets: the
    # sources cited before the one saying the sanctions ended, the start before both.
    published=st.lists(DATES, min_size=3, max_size=3).map(sorted),
    start=st.one_of(st.none(), DATES),
    cites=st.sets(st.sampled_from(["s1", "s2"]), min_size=1),
    qualifier=st.sampled_from(["?", "%"]),
    when=st.integers(2000, 2010).map(str),
)
def test_sanctions_ended_by_an_uncertain_source_are_never_surely_lifted_whatever_the_dates(
    published: list[str], start: str | None, cites: set[str], qualifier: str, when: str
) -> None:
    start = None if start is None else min(start, published[0])
    sources = tuple(source(f"s{i}", date) for i, date in enumerate(published, 1))
    ender = sources[2]
    sources = (
        *sources[:2],
        attrs.evolve(ender, published=attrs.evolve(ender.published, qualifier=qualifier)),
    )
    ties = (
        tie(
            "t",
            RelationshipKind.SANCTIONS,
            "AAA",
            "CCC",
            cites=tuple(sorted(cites)),
            start=start,
            ended_by="s3",
        ),
    )
    try:
        ds = Dataset.from_records(Records(sources=sources, countries=COUNTRIES, relationships=ties))
    except GeoalignError:  # dates that contradict each other: not a dataset
        assume(False)
        return
    for certainty in ("definite", "possible"):
        status = ds.sanction_status("AAA", "CCC", as_of=when, certainty=certainty)
        assert status.state is not SanctionState.LIFTED
