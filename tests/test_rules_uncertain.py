"""An uncertain bound of a tie (``?``, or ``%``) is as written or unknown.

The tie is possibly in force where either reading has it, definitely where both do
(:func:`geoalign.rules.time.tie_span`): an uncertain end never makes it surely over (nor
its sanctions surely ``lifted``), an uncertain start never makes it definite sooner than
no start would.  An approximate bound (``~``) is read widened, as before.
"""

from __future__ import annotations

import pytest
from tests.query_records import source, tie

from geoalign import Certainty, Country, Dataset, PartialDate, RelationshipKind, SanctionState
from geoalign.model.answers import UNBOUNDED
from geoalign.model.records import Records
from geoalign.rules.offices import office_span
from geoalign.rules.time import EMPTY, no_possible_day, possible_span, tie_span

COUNTRIES = (Country(id="FRE", name="Freedonia"), Country(id="SYL", name="Sylvania"))


def dataset(kind: RelationshipKind = RelationshipKind.ALLIANCE, **period: str) -> Dataset:
    """FRE and SYL tied from ``start`` to ``end``, on the word of sources of 2020 and 2026."""
    ties = (tie("t", kind, "FRE", "SYL", cites=("s1", "s2"), **period),)
    sources = (source("s1", "2020"), source("s2", "2026"))
    return Dataset.from_records(Records(sources=sources, countries=COUNTRIES, relationships=ties))


def certainty(ds: Dataset, when: str) -> Certainty | None:
    return ds.tie_certainty(ds.relationships[0], when).certainty


@pytest.mark.parametrize(
    ("end", "in_2025"),
    [("2024", None), ("2024?", Certainty.POSSIBLE), ("2024~", Certainty.POSSIBLE)],
)
def test_an_uncertain_end_never_makes_the_tie_surely_over(
    end: str, in_2025: Certainty | None
) -> None:
    ds = dataset(start="2019", end=end)
    assert certainty(ds, "2025") is in_2025  # "about 2024" may be 2025 too
    assert certainty(ds, "2030") is (Certainty.POSSIBLE if end.endswith("?") else None)
    # Read as written the tie is in force until 2024; unknown, up to 2026: so in 2023.
    # About 2024 (2023 to 2025) it may have ended in 2023.
    in_2023 = Certainty.POSSIBLE if end.endswith("~") else Certainty.DEFINITE
    assert certainty(ds, "2023") is in_2023
    assert certainty(ds, "2024-06") is Certainty.POSSIBLE


def test_an_uncertain_end_is_definite_up_to_the_horizon_at_most() -> None:
    ds = dataset(start="2019", end="2030?")
    assert certainty(ds, "2026-06") is Certainty.DEFINITE
    assert certainty(ds, "2027") is Certainty.POSSIBLE
    span = ds.tie_span(ds.relationships[0])
    assert span.definite_until.reason == "open as of the horizon 2026"
    assert span.possible_until.reason == "end 2030?"
    assert dataset(start="2019", end="2030").tie_span(
        ds.relationships[0]
    ).definite_until.reason == ("end 2030")


def test_sanctions_with_an_uncertain_end_are_never_surely_lifted() -> None:
    for end, lifted in (("2024", True), ("2024?", False), ("2024%", False)):
        ds = dataset(RelationshipKind.SANCTIONS, start="2019", end=end)
        status = ds.sanction_status("FRE", "SYL", as_of="2030", certainty="possible")
        assert (status.state is SanctionState.LIFTED) is lifted
        if not lifted:
            assert (status.state, status.certainty) == (SanctionState.IMPOSED, Certainty.POSSIBLE)


def test_an_uncertain_start_is_definite_no_sooner_than_no_start() -> None:
    sure, unsure, none = (
        dataset(**period) for period in ({"start": "2010"}, {"start": "2010?"}, {})
    )
    # As written it started in 2010; unknown, it may have been in force at any time before.
    assert certainty(sure, "2005") is None
    assert certainty(unsure, "2005") is Certainty.POSSIBLE
    for when in ("2011", "2019", "2020-06", "2021"):
        assert certainty(unsure, when) is certainty(none, when)
    assert certainty(sure, "2011") is Certainty.DEFINITE
    assert certainty(unsure, "2011") is Certainty.POSSIBLE


def test_the_readings_of_a_bound_in_the_rule_itself() -> None:
    d = PartialDate
    attested = [("s1", d(2020))]
    for q in ("?", "%"):
        span = tie_span(d(2019, qualifier=q), d(2024, qualifier=q), None, attested, d(2026))
        assert (span.possible_from.day, span.possible_until.day) == (None, None)
        assert str(span.definite_from.day) == "2020-12-31"  # the attestation, not the start
    # "2024?" read as written ends on 1 January 2024 at the soonest; "2024%" as "2024~",
    # whose definite end is the last attestation before it.
    endings = [tie_span(d(2019), d(2024, qualifier=q), None, attested, d(2026)) for q in "?%"]
    assert [str(span.definite_until.day) for span in endings] == ["2024-01-01", "2020-01-02"]
    # A tie as written in force on no day is possible when its end may be none, but
    # dates that contradict each other as written are still refused.
    assert possible_span(d(2024, 12, 8), d(2024, 12, 8, qualifier="?"), None)[1] > 0
    assert no_possible_day(d(2024, 12, 8), d(2024, 12, 8, qualifier="?"), None) is not None
    assert no_possible_day(d(2024, 12, 8), d(2024, 12, qualifier="%"), None) is None  # widened


def test_an_uncertain_bound_of_a_post_is_as_written_or_none() -> None:
    d = PartialDate
    sure, unsure = office_span(d(2000), d(2024)), office_span(d(2000), d(2024, qualifier="?"))
    assert unsure[1] == UNBOUNDED > sure[1]  # may still be held after 2024
    assert unsure[2:] == sure[2:]  # definitely held as with the end as written
    started = office_span(d(2000, qualifier="?"), d(2024))
    assert (started[0], started[2:]) == (-UNBOUNDED, EMPTY)  # as with no start
