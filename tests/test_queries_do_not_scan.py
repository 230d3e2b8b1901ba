"""Queries look at the records they need, not at every record.

Records of a large dataset note every read of their fields; a query must read only the
records of the actors it asks about, however the indexes are built.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import attrs
from tests.query_records import SOURCE, happening, tie
from tests.query_reference import ids, ref_timeline

from geoalign import Country, Dataset, Event, Relationship, RelationshipKind
from geoalign.loading.files import Records


def watched(cls: type, seen: set[str]) -> Any:
    """A subclass of a record class whose instances add their id to ``seen`` when read.

    Any query that filters records has to read some field of each record it filters
    (its actors, its date, its kind), whatever index it keeps; reading a field of a
    ``Watched`` record notes the record.  So ``seen`` holds every record a query looked
    at, without depending on how the indexes are built.
    """

    class Watched(cls):  # type: ignore[valid-type,misc]
        def __getattribute__(self, name: str) -> Any:
            if not name.startswith("__"):
                seen.add(object.__getattribute__(self, "id"))
            return object.__getattribute__(self, name)

    return Watched


def test_queries_do_not_scan() -> None:
    seen: set[str] = set()
    event_cls, tie_cls = watched(Event, seen), watched(Relationship, seen)
    crowd = [f"X{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(40)]

    def event(eid: str, day: datetime.date, *actors: str) -> Event:
        return event_cls(**attrs.asdict(happening(eid, day.isoformat(), *actors), recurse=False))

    def relationship(rid: str, a: str, b: str, kind: RelationshipKind) -> Relationship:
        return tie_cls(**attrs.asdict(tie(rid, kind, a, b), recurse=False))

    day0 = datetime.date(2020, 1, 1)
    pair_events = [
        event(f"pair-{i}", day0 + datetime.timedelta(i), "RUS", "SYR") for i in range(50)
    ]
    others = [
        event(
            f"other-{i}",
            day0 + datetime.timedelta(i % 900),
            crowd[i % 40],
            crowd[(i + 1) % 40],
            who,
        )
        for i, who in enumerate(["RUS", "SYR", "SRB"] * 700)
    ]
    own_ties = [
        relationship("rus-syr", "RUS", "SYR", RelationshipKind.ALLIANCE),
        relationship("rus-syr-no", "RUS", "SYR", RelationshipKind.NON_SANCTIONING),
    ]
    crowd_ties = [
        relationship(f"tie-{i}", crowd[i % 40], who, kind)
        for i, (who, kind) in enumerate(
            [("SRB", RelationshipKind.ALLIANCE), ("SYR", RelationshipKind.SANCTIONS)] * 500
        )
    ]
    ds = Dataset.from_records(
        Records(
            sources=(SOURCE,),
            countries=tuple(Country(id=c, name=c) for c in ["RUS", "SYR", "SRB", *crowd]),
            relationships=(*own_ties, *crowd_ties),
            events=(*pair_events, *others),
        )
    )

    def looked_at(query: Callable[[], object]) -> set[str]:
        seen.clear()
        query()
        return set(seen)

    # The instrument works: a brute-force scan reads every event.
    assert looked_at(lambda: ref_timeline(ds, "RUS", "SYR", None, None)) == set(ids(ds.events))
    pair_ids = set(ids(pair_events))
    # The first question about an actor's events files them once (the memory store
    # builds an actor's timelines when first asked): it may read that actor's events,
    # never another's; every later question reads only the pair's.
    of_asked = {e.id for e in ds.events if {"RUS", "SYR"} & set(e.actors)}
    first = looked_at(lambda: ds.timeline_between("RUS", "SYR"))
    assert pair_ids <= first <= of_asked
    assert looked_at(lambda: ds.timeline_between("RUS", "SYR")) <= pair_ids
    assert looked_at(lambda: ds.timeline_between("Syr", "rus", start="2020-01-10")) <= pair_ids
    assert len(looked_at(lambda: ds.timeline_between("RUS", "SYR", end="2020-01-05"))) <= 10
    early = looked_at(
        lambda: ds.timeline_between("RUS", "SYR", end="2020-01-05", certainty="possible")
    )
    assert len(early) <= 10
    own_ids = set(ids(own_ties))
    assert looked_at(lambda: ds.allies_of("RUS", as_of="2024")) <= own_ids
    assert looked_at(lambda: ds.relationships_of("RUS", as_of="2024")) <= own_ids
    assert looked_at(lambda: ds.sanction_status("RUS", "SYR", as_of="2024")) <= own_ids
    assert looked_at(lambda: ds.allies_of("RUS", as_of="2024", certainty="possible")) <= own_ids
