"""Every store answers the :class:`~geoalign.store.protocol.Store` questions as the oracle does.

The oracle, :class:`tests.query_reference.BruteForceStore`, reads every record for every
answer; :class:`~geoalign.store.memory.MemoryStore` answers from its indexes.  A new store
joins :data:`STORES` and is held to the same answers.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.edtf_strategies import edtf_dates
from tests.query_reference import BruteForceStore, outcome, records_of
from tests.strategies import DATASET_SETTINGS, MAX_YEAR, MIN_YEAR, datasets

from geoalign import Certainty, Dataset, RelationshipKind
from geoalign.model.answers import UNBOUNDED
from geoalign.model.edtf import EDTFDate
from geoalign.model.records import Records
from geoalign.rules.time import first_day, last_day
from geoalign.store.memory import ALIGNMENT_KINDS, ALL_KINDS, MemoryStore
from geoalign.store.protocol import Store

STORES: list[Callable[[Records], Store]] = [MemoryStore]

kind_sets = st.sampled_from([ALL_KINDS, ALIGNMENT_KINDS]) | st.frozensets(
    st.sampled_from(RelationshipKind)
)
_ENDS = st.none() | edtf_dates(MIN_YEAR - 1, MAX_YEAR + 1)
windows = st.lists(st.tuples(_ENDS, _ENDS), min_size=1, max_size=3)


def days(start: EDTFDate | None, end: EDTFDate | None) -> tuple[int, int]:
    return (
        first_day(start) if start is not None else -UNBOUNDED,
        last_day(end) if end is not None else UNBOUNDED,
    )


def tie_ids(ties: object) -> list[tuple[str, str, tuple[int, ...]]]:
    return sorted((t.relationship.id, t.other, tuple(t[:4])) for t in ties)  # type: ignore[attr-defined]


@pytest.mark.parametrize("make", STORES)
@DATASET_SETTINGS
@given(ds=datasets(), kinds=kind_sets, asked=windows)
def test_a_store_answers_as_the_oracle(
    make: Callable[[Records], Store],
    ds: Dataset,
    kinds: frozenset[RelationshipKind],
    asked: list[tuple[EDTFDate | None, EDTFDate | None]],
) -> None:
    records = records_of(ds)
    store, oracle = make(records), BruteForceStore(records)
    assert store.horizon == oracle.horizon
    for record in (*records.sources, *records.relationships, *records.events, *ds.actors()):
        assert store.get(record.id) is oracle.get(record.id)
        assert outcome(store.resolve, record.id) == outcome(oracle.resolve, record.id)
    assert store.get("no such id") is None
    actors = [actor.id for actor in ds.actors()]
    for first, last in (days(*window) for window in asked):
        for certainty in Certainty:
            for a in actors:
                found = store.ties(a, kinds, first, last, certainty)
                assert tie_ids(found) == tie_ids(oracle.ties(a, kinds, first, last, certainty))
                for b in actors:
                    timeline = store.timeline(a, b, first, last, certainty)
                    assert timeline == oracle.timeline(a, b, first, last, certainty)
    for a in actors:
        for b in actors:
            measures, statements = store.sanctions(a, b)
            expected = oracle.sanctions(a, b)
            assert (tie_ids(measures), tie_ids(statements)) == tuple(map(tie_ids, expected))
