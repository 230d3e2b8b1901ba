"""The compiled store answers as the memory store and the brute-force oracle do.

Every generated dataset is written as a compiled store (Parquet files read by DuckDB)
and asked the same questions as the memory store and the oracle of
:mod:`tests.query_reference`: the store protocol's questions over drawn windows, and
every query of :class:`~geoalign.Dataset` in both certainties and as known on a drawn
day.  Skipped, with the reason, where the ``store`` extra is not installed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.edtf_strategies import edtf_dates, qualified_dates
from tests.query_reference import (
    BruteForceStore,
    ids,
    outcome,
    records_of,
    ref_allies,
    ref_sanctions,
    ref_timeline,
)
from tests.strategies import DATASET_SETTINGS, MAX_YEAR, MIN_YEAR, datasets
from tests.test_store_protocol import days, kind_sets, tie_ids, windows

from geoalign import (
    Certainty,
    Citation,
    Confidence,
    Country,
    Dataset,
    Relationship,
    RelationshipKind,
    Source,
)
from geoalign.model.edtf import EDTFDate, parse_edtf
from geoalign.model.records import Records
from geoalign.store.protocol import Store

pytest.importorskip("duckdb", reason="the store extra (duckdb) is not installed")
pytest.importorskip("pyarrow", reason="the store extra (pyarrow) is not installed")

from geoalign.store.compiled import CompiledDataset, open_store
from geoalign.store.compiled.writing import write_store

BOTH = (Certainty.DEFINITE, Certainty.POSSIBLE)
window_ends = st.lists(st.none() | edtf_dates(MIN_YEAR - 1, MAX_YEAR + 1), min_size=1, max_size=3)
known_days = st.none() | qualified_dates(MIN_YEAR, MAX_YEAR + 1)
some_kinds = st.none() | st.lists(st.sampled_from(RelationshipKind), unique=True)


@contextmanager
def compiled(ds: Dataset) -> Iterator[CompiledDataset]:
    """``ds`` written as a compiled store in a fresh directory, and opened."""
    with tempfile.TemporaryDirectory() as folder:
        yield open_store(write_store(records_of(ds), Path(folder) / "store"))


@DATASET_SETTINGS
@given(ds=datasets(), kinds=kind_sets, asked=windows)
def test_the_compiled_store_answers_the_store_questions_as_the_oracle(
    ds: Dataset,
    kinds: frozenset[RelationshipKind],
    asked: list[tuple[EDTFDate | None, EDTFDate | None]],
) -> None:
    oracle = BruteForceStore(records_of(ds))
    with compiled(ds) as on_disk:
        assert answers(on_disk._store, ds, kinds, asked) == answers(oracle, ds, kinds, asked)
        names = [actor.name for actor in ds.actors()]
        assert [outcome(on_disk._store.resolve, name) for name in names] == [
            outcome(ds._store.resolve, name) for name in names
        ]
        assert on_disk._store.get("no such id") is None


def answers(
    store: Store,
    ds: Dataset,
    kinds: frozenset[RelationshipKind],
    asked: list[tuple[EDTFDate | None, EDTFDate | None]],
) -> dict[str, object]:
    """Every answer of a store to the protocol's questions about ``ds``'s records."""
    records = (*ds.sources, *ds.relationships, *ds.events, *ds.actors())
    actors = [actor.id for actor in ds.actors()]
    windows = [(*days(*window), certainty) for window in asked for certainty in BOTH]
    return {
        "horizon": store.horizon,
        "get": [store.get(record.id) for record in records],
        "resolve": [outcome(store.resolve, record.id) for record in records],
        "ties": [tie_ids(store.ties(a, kinds, *window)) for a in actors for window in windows],
        "timeline": [
            store.timeline(a, b, *window) for a in actors for b in actors for window in windows
        ],
        "sanctions": [tuple(map(tie_ids, store.sanctions(a, b))) for a in actors for b in actors],
    }


@DATASET_SETTINGS
@given(ds=datasets(), dates=window_ends, kinds=some_kinds, known=known_days)
def test_every_query_answers_as_in_memory_and_as_the_oracle(
    ds: Dataset,
    dates: list[EDTFDate | None],
    kinds: list[RelationshipKind] | None,
    known: EDTFDate | None,
) -> None:
    with compiled(ds) as on_disk:
        assert on_disk.horizon == ds.horizon
        assert [on_disk.get(r.id) for r in ds.relationships] == list(ds.relationships)
        actors = [actor.id for actor in ds.actors()]
        for a in actors:
            for as_of in dates:
                for certainty in BOTH:
                    query = {"as_of": as_of, "certainty": certainty, "as_known_on": known}
                    allies = outcome(on_disk.allies_of, a, kinds=kinds, **query)
                    assert allies == outcome(ds.allies_of, a, kinds=kinds, **query)
                    expected = outcome(ref_allies, ds, a, as_of, kinds, certainty, known)
                    assert (ids(allies) if isinstance(allies, tuple) else allies) == expected
                    ties = outcome(on_disk.relationships_of, a, kinds=kinds, **query)
                    assert ties == outcome(ds.relationships_of, a, kinds=kinds, **query)
            for b in actors:
                for as_of in dates:
                    status = outcome(on_disk.sanction_status, a, b, as_of=as_of, as_known_on=known)
                    assert status == outcome(
                        ds.sanction_status, a, b, as_of=as_of, as_known_on=known
                    )
                    if not isinstance(status, type):
                        assert (status.state, status.certainty, ids(status.measures)) == (
                            ref_sanctions(ds, a, b, as_of, known)
                        )
                    for certainty in BOTH:
                        window = {"start": as_of, "end": dates[0], "certainty": certainty}
                        events = outcome(
                            on_disk.timeline_between, a, b, **window, as_known_on=known
                        )
                        assert events == outcome(
                            ds.timeline_between, a, b, **window, as_known_on=known
                        )
                        if isinstance(events, tuple):  # not a window ending before it starts
                            expected = ref_timeline(ds, a, b, as_of, dates[0], certainty, known)
                            assert ids(events) == expected
        for relationship in ds.relationships:
            span = outcome(on_disk.tie_span, relationship, as_known_on=known)
            assert span == outcome(ds.tie_span, relationship, as_known_on=known)


@DATASET_SETTINGS
@given(ds=datasets())
def test_the_records_read_back_are_the_records_written(ds: Dataset) -> None:
    with compiled(ds) as on_disk:
        assert records_of(on_disk) == records_of(ds)
        assert on_disk.to_dict() == ds.to_dict()


@DATASET_SETTINGS
@given(ds=datasets(), dates=window_ends, kinds=some_kinds)
def test_a_batch_of_allies_answers_as_each_call(
    ds: Dataset, dates: list[EDTFDate | None], kinds: list[RelationshipKind] | None
) -> None:
    questions = [(actor.id, as_of) for actor in ds.actors() for as_of in dates]
    with compiled(ds) as on_disk:
        for certainty in BOTH:
            answers = on_disk.allies_of_many(questions, kinds=kinds, certainty=certainty)
            assert answers == [
                ds.allies_of(actor, as_of=as_of, kinds=kinds, certainty=certainty)
                for actor, as_of in questions
            ]


@pytest.mark.parametrize("published", ["2024~", "2024-12~", "[2024-06..2024-12]~"])
def test_an_approximate_source_counts_from_its_widened_last_day(published: str) -> None:
    # A source dated about 2024 may have been published in 2025: it is not known on
    # 2025-01-01, in the compiled store as in memory (rules.knowledge.known_from).
    ds = Dataset.from_records(
        Records(
            sources=(
                Source(
                    id="s", title="t", publisher="p", document="d", published=parse_edtf(published)
                ),
            ),
            countries=(Country(id="FRE", name="Freedonia"), Country(id="SYL", name="Sylvania")),
            relationships=(
                Relationship(
                    id="fre-syl",
                    kind=RelationshipKind.ALLIANCE,
                    a="FRE",
                    b="SYL",
                    confidence=Confidence.CONFIRMED,
                    summary="allied",
                    citations=(Citation(source="s", quote="allied"),),
                    start=parse_edtf("2020"),
                ),
            ),
        )
    )
    with compiled(ds) as on_disk:
        for day in ("2025-01-01", "2024-12-31", "2026-12-31"):
            for certainty in BOTH:
                asked = {"as_known_on": day, "certainty": certainty, "as_of": "2024"}
                expected = ds.allies_of("FRE", **asked)
                assert on_disk.allies_of("FRE", **asked) == expected
                assert [s.id for s in on_disk.known_on(day).sources] == [
                    s.id for s in ds.known_on(day).sources
                ]
        assert on_disk.horizon == ds.horizon
    # The memory store's own answer, so the comparison above cannot pass on two empties.
    assert ds.allies_of("FRE", as_of="2024", certainty="possible")
    assert not ds.allies_of("FRE", as_of="2024", as_known_on="2025-01-01", certainty="possible")
