"""As known on a day, an end not yet happened is not known: the tie is open then.

The rule (:func:`geoalign.rules.knowledge.known_on`): before every source of the dataset
is published, an ``end`` whose first possible day is after the day does not apply; once
every source is, the records are as they stand, so at and after the horizon every
answer is the default one, in the memory store, the compiled store and the oracle.
"""

from __future__ import annotations

import datetime

import pytest
from tests.query_records import source, tie
from tests.query_reference import records_of, ref_allies, ref_relationships

import geoalign
from geoalign import Certainty, Country, Dataset, PartialDate, Relationship, RelationshipKind
from geoalign.model.records import Records
from geoalign.rules.knowledge import is_known, known_on
from geoalign.rules.time import first_day, last_day

BUNDLED = geoalign.load()
BOTH = (Certainty.DEFINITE, Certainty.POSSIBLE)


def allies(ds: Dataset, as_of: str, known: str | None, certainty: str) -> list[str]:
    found = ds.allies_of("Russia", as_of=as_of, as_known_on=known, certainty=certainty)
    return [ally.id for ally in found]


def test_as_known_on_2022_03_01_the_fall_of_the_assad_regime_is_not_known() -> None:
    alliance = BUNDLED.get("rus-assad-regime-alliance")
    assert isinstance(alliance, Relationship)
    assert alliance.end is not None
    # With the end known, the alliance is over after 8 December 2024 under every reading.
    assert "assad-regime" not in allies(BUNDLED, "2025", None, "possible")
    # On 1 March 2022 the latest source was of 26 February 2022, and nothing said the
    # regime would fall: the alliance is open, possibly in force in 2025, definitely only
    # up to that source.
    for as_of in ("2024-06", "2024-12-06", "2025"):
        assert "assad-regime" in allies(BUNDLED, as_of, "2022-03-01", "possible")
        assert "assad-regime" not in allies(BUNDLED, as_of, "2022-03-01", "definite")
    assert "assad-regime" in allies(BUNDLED, "2022-02-26", "2022-03-01", "definite")
    span = BUNDLED.tie_span(alliance, as_known_on="2022-03-01")
    assert (span.possible_until.rule, span.definite_until.reason) == (
        "no end",
        "open as of the horizon 2022-02-26",
    )
    assert span.definite_until.day == datetime.date(2022, 2, 27)
    known = BUNDLED.known_on("2022-03-01").get("rus-assad-regime-alliance")
    assert isinstance(known, Relationship)
    assert known.end is None


def test_as_known_on_2025_12_31_the_fall_is_known() -> None:
    assert BUNDLED.horizon is not None
    assert last_day(BUNDLED.horizon) <= last_day(PartialDate(2025, 12, 31))
    for certainty in ("definite", "possible"):
        for as_of in ("2024-06", "2024-12-06", "2025"):
            assert allies(BUNDLED, as_of, "2025-12-31", certainty) == allies(
                BUNDLED, as_of, None, certainty
            )
    assert "assad-regime" in allies(BUNDLED, "2024-06", "2025-12-31", "definite")
    assert "assad-regime" not in allies(BUNDLED, "2025", "2025-12-31", "possible")


def test_the_end_applies_from_its_first_possible_day() -> None:
    records = records_of(BUNDLED)
    alliance = next(r for r in records.relationships if r.id == "rus-assad-regime-alliance")
    assert alliance.end is not None
    for day, kept in ((first_day(alliance.end) - 1, False), (first_day(alliance.end), True)):
        found = next(r for r in known_on(records, day).relationships if r.id == alliance.id)
        assert (found.end == alliance.end) is kept


def small(end: str) -> Dataset:
    """Freedonia and Sylvania allied until ``end``, on the word of a source of 2019."""
    countries = (Country(id="FRE", name="Freedonia"), Country(id="SYL", name="Sylvania"))
    ally = tie("fre-syl", RelationshipKind.ALLIANCE, "FRE", "SYL", start="2018", end=end)
    return Dataset.from_records(
        Records(sources=(source("s1", "2019"),), countries=countries, relationships=(ally,))
    )


@pytest.mark.parametrize("end", ["2020", "2020?", "[2019-06..2020-06]", "2021~"])
def test_at_the_horizon_every_answer_is_the_default_in_every_store(end: str) -> None:
    # The case the first attempt at this rule failed on: horizon 2019, as_of 2020, as
    # known on 2019.  Every source is known then, so the end counts, for the oracle too.
    ds = small(end)
    for certainty in BOTH:
        for as_of in (PartialDate(2019), PartialDate(2020), PartialDate(2021)):
            default = [a.id for a in ds.allies_of("FRE", as_of=as_of, certainty=certainty)]
            for known in (PartialDate(2019), PartialDate(2019, 12, 31), PartialDate(2030)):
                asked = {"as_of": as_of, "certainty": certainty, "as_known_on": known}
                assert [a.id for a in ds.allies_of("FRE", **asked)] == default
                assert ref_allies(ds, "FRE", as_of, None, certainty, known) == default
                assert ref_relationships(ds, "FRE", as_of, RelationshipKind, certainty, known) == [
                    r.id for r in ds.relationships_of("FRE", **asked)
                ]
    assert known_on(records_of(ds), last_day(PartialDate(2019))) == records_of(ds)


def test_before_every_source_is_published_a_later_end_is_not_known() -> None:
    ds = small("2020")
    late = source("s2", "2021")
    wider = Dataset.from_records(
        Records(
            sources=(*ds.sources, late),
            countries=ds.countries,
            relationships=ds.relationships,
        )
    )
    day = PartialDate(2019, 12, 31)
    assert [a.id for a in wider.allies_of("FRE", as_of="2020", as_known_on=day)] == []
    possible = wider.allies_of("FRE", as_of="2022", as_known_on=day, certainty="possible")
    assert [a.id for a in possible] == ["SYL"]
    assert ref_allies(wider, "FRE", PartialDate(2022), None, Certainty.POSSIBLE, day) == ["SYL"]
    # Without the later source every source is known on that day: the end counts.
    assert ds.allies_of("FRE", as_of="2022", as_known_on=day, certainty="possible") == ()


def test_known_on_takes_the_whole_datasets_horizon_for_some_of_its_sources() -> None:
    ds = small("2020")
    records = records_of(ds)
    day = last_day(PartialDate(2019))
    assert known_on(records, day) is records
    opened = known_on(records, day, latest=PartialDate(2021))
    assert [r.end for r in opened.relationships] == [None]
    assert is_known(PartialDate(2019), day)
    assert not is_known(PartialDate(2021), day)


def test_the_compiled_store_leaves_a_later_end_unknown_too() -> None:
    pytest.importorskip("duckdb", reason="the store extra (duckdb) is not installed")
    pytest.importorskip("pyarrow", reason="the store extra (pyarrow) is not installed")
    from tests.test_compiled_store import compiled

    with compiled(BUNDLED) as on_disk:
        for as_of in ("2024-06", "2025"):
            for certainty in ("definite", "possible"):
                for known in ("2022-03-01", "2024-11-30", "2025-12-31"):
                    assert allies(on_disk, as_of, known, certainty) == allies(
                        BUNDLED, as_of, known, certainty
                    )
        assert "assad-regime" in allies(on_disk, "2025", "2022-03-01", "possible")
