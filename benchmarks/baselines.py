"""What geoalign's queries and loading are measured against.

The query baselines answer the same three questions as a :class:`geoalign.Dataset`, with
the same semantics, from the same records, given ids and :class:`datetime.date` values:
:class:`BruteForce` scans every record; :class:`BisectIndex` is the lower bound, a
minimal hand-written index (dicts keyed by ids, sorted day ordinals, :mod:`bisect`);
:class:`SqliteIndex` is in-memory sqlite3 with covering indexes.  The columnar engines
(pandas with a sorted MultiIndex, DuckDB) are in ``frames.py``, on the same
:data:`TABLES`; the lower bound of loading is in ``handload.py``.
"""

from __future__ import annotations

import bisect
import datetime
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

import geoalign
from geoalign import Dataset, Event, Organization, Relationship, RelationshipKind

__all__ = [
    "ALLIES_SQL",
    "LONGEST",
    "MEASURES_SQL",
    "TABLES",
    "TIMELINE_SQL",
    "BisectIndex",
    "BruteForce",
    "SqlQueries",
    "SqliteIndex",
    "state_of_rows",
    "table_rows",
]

NEVER = 10**7
"""A day ordinal later than any date (and, negated, earlier than any)."""
LONGEST = 365
"""A year is the longest period a partial date names: latest - earliest <= 365 days."""
_RANK = {"year": 0, "month": 1, "day": 2}
_ALIGNMENT = frozenset(kind for kind in RelationshipKind if kind.alignment)

Tie = tuple[int, int, Relationship]
"""A relationship as ``(first day in force, first day no longer in force, relationship)``."""


def _ties(dataset: Dataset) -> Iterator[Tie]:
    published = {source.id: source.published for source in dataset.sources}
    for r in dataset.relationships:
        end = r.end or (published[r.ended_by] if r.ended_by else None)
        start = r.start.earliest.toordinal() if r.start else -NEVER
        yield start, end.earliest.toordinal() if end else NEVER, r


def _sanction_targets(dataset: Dataset, r: Relationship) -> Iterator[str]:
    yield r.b
    org = dataset.get(r.b)
    if isinstance(org, Organization) and org.country and org.country != r.b:
        yield org.country


def _pairs(actors: Iterable[str]) -> Iterator[tuple[str, str]]:
    ordered = sorted(set(actors))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            yield a, b


def _sort_key(event: Event) -> tuple[int, int, str]:
    return event.date.earliest.toordinal(), _RANK[event.date.precision], event.id


def _state(measures: list[Tie], stated: list[Tie], day: int) -> tuple[str, tuple[str, ...]]:
    """The sanction state from a pair's measures, as ``(state, ids of the measures)``."""
    if current := [r.id for start, end, r in measures if start <= day < end]:
        return "imposed", tuple(sorted(current))
    if past := [r.id for _, end, r in measures if end <= day]:
        return "lifted", tuple(sorted(past))
    if said := [r.id for start, end, r in stated if start <= day < end]:
        return "not_imposed", tuple(sorted(said))
    return "unknown", ()


class BruteForce:
    """Every query scans every record: no index at all.

    >>> BruteForce(_example()).sanction_status("AAA", "ZZZ", datetime.date(2020, 1, 1))
    ('unknown', ())
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.ties = list(_ties(dataset))

    def timeline_between(
        self, a: str, b: str, start: datetime.date, end: datetime.date
    ) -> list[Event]:
        """Events of both actors whose period overlaps ``[start, end]``, in order."""
        found = [
            e
            for e in self.dataset.events
            if a in e.actors and b in e.actors and e.date.earliest <= end and e.date.latest >= start
        ]
        return sorted(found, key=_sort_key)

    def allies_of(self, actor: str, day: datetime.date) -> tuple[geoalign.Actor, ...]:
        """Actors tied to ``actor`` by an alignment relationship in force on ``day``."""
        d = day.toordinal()
        others = {
            r.b if r.a == actor else r.a
            for start, end, r in self.ties
            if (r.a == actor or r.b == actor) and r.kind in _ALIGNMENT and start <= d < end
        }
        return tuple(self.dataset.resolve(other) for other in sorted(others))

    def sanction_status(
        self, imposer: str, target: str, day: datetime.date
    ) -> tuple[str, tuple[str, ...]]:
        """``(state, measure ids)`` of ``imposer``'s sanctions on ``target`` on ``day``."""
        measures, stated = [], []
        for tie in self.ties:
            r = tie[2]
            if r.a != imposer:
                continue
            if r.kind is RelationshipKind.SANCTIONS:
                if target in _sanction_targets(self.dataset, r):
                    measures.append(tie)
            elif r.kind is RelationshipKind.NON_SANCTIONING and r.b == target:
                stated.append(tie)
        return _state(measures, stated, day.toordinal())


class BisectIndex:
    """The lower bound: dicts keyed by ids, sorted day ordinals, and bisection.

    >>> dataset, day = _example(), datetime.date(2010, 1, 1)
    >>> actor = dataset.countries[0].id
    >>> BisectIndex(dataset).allies_of(actor, day) == dataset.allies_of(actor, as_of=day)
    True
    """

    def __init__(self, dataset: Dataset) -> None:
        self.actors = {actor.id: actor for actor in dataset.actors()}
        grouped: dict[tuple[str, str], list[Event]] = {}
        for event in dataset.events:
            for pair in _pairs(event.actors):
                grouped.setdefault(pair, []).append(event)
        # Per pair: first days, last days and events, in answer order.
        self.timelines: dict[tuple[str, str], tuple[list[int], list[int], list[Event]]] = {}
        for pair, events in grouped.items():
            events.sort(key=_sort_key)
            firsts = [e.date.earliest.toordinal() for e in events]
            lasts = [e.date.latest.toordinal() for e in events]
            self.timelines[pair] = (firsts, lasts, events)
        self.allies: dict[str, list[tuple[int, int, str]]] = {}
        self.sanctions: dict[tuple[str, str], list[Tie]] = {}
        self.stated: dict[tuple[str, str], list[Tie]] = {}
        for start, end, r in _ties(dataset):
            if r.kind in _ALIGNMENT:
                self.allies.setdefault(r.a, []).append((start, end, r.b))
                self.allies.setdefault(r.b, []).append((start, end, r.a))
            elif r.kind is RelationshipKind.SANCTIONS:
                for target in _sanction_targets(dataset, r):
                    self.sanctions.setdefault((r.a, target), []).append((start, end, r))
            elif r.kind is RelationshipKind.NON_SANCTIONING:
                self.stated.setdefault((r.a, r.b), []).append((start, end, r))

    def timeline_between(
        self, a: str, b: str, start: datetime.date, end: datetime.date
    ) -> list[Event]:
        """Events of both actors whose period overlaps ``[start, end]``, in order."""
        found = self.timelines.get((a, b) if a < b else (b, a))
        if found is None:
            return []
        firsts, lasts, events = found
        first, last = start.toordinal(), end.toordinal()
        low = bisect.bisect_left(firsts, first - LONGEST)
        middle = bisect.bisect_left(firsts, first, low)
        high = bisect.bisect_right(firsts, last, middle)
        # Events starting before the window overlap it only if they end inside it.
        early = [events[i] for i in range(low, middle) if lasts[i] >= first]
        return early + events[middle:high] if early else events[middle:high]

    def allies_of(self, actor: str, day: datetime.date) -> tuple[geoalign.Actor, ...]:
        """Actors tied to ``actor`` by an alignment relationship in force on ``day``."""
        d = day.toordinal()
        others = {other for start, end, other in self.allies.get(actor, ()) if start <= d < end}
        actors = self.actors
        return tuple(actors[other] for other in sorted(others))

    def sanction_status(
        self, imposer: str, target: str, day: datetime.date
    ) -> tuple[str, tuple[str, ...]]:
        """``(state, measure ids)`` of ``imposer``'s sanctions on ``target`` on ``day``."""
        pair = (imposer, target)
        return _state(self.sanctions.get(pair, []), self.stated.get(pair, []), day.toordinal())


def pair_rows(dataset: Dataset) -> Iterator[tuple[str, str, int, int, int, str]]:
    """``(a, b, first day, last day, precision rank, id)`` for each pair of each event."""
    for e in dataset.events:
        first, last = e.date.earliest.toordinal(), e.date.latest.toordinal()
        for a, b in _pairs(e.actors):
            yield a, b, first, last, _RANK[e.date.precision], e.id


def tie_rows(dataset: Dataset) -> Iterator[tuple[str, str, int, int]]:
    """``(actor, other, start, end)`` for both directions of each alignment tie."""
    for start, end, r in _ties(dataset):
        if r.kind in _ALIGNMENT:
            yield r.a, r.b, start, end
            yield r.b, r.a, start, end


def measure_rows(dataset: Dataset) -> Iterator[tuple[str, str, bool, int, int, str]]:
    """``(imposer, target, is a sanction, start, end, id)`` for sanctions and statements."""
    for start, end, r in _ties(dataset):
        if r.kind is RelationshipKind.SANCTIONS:
            for target in _sanction_targets(dataset, r):
                yield r.a, target, True, start, end, r.id
        elif r.kind is RelationshipKind.NON_SANCTIONING:
            yield r.a, r.b, False, start, end, r.id


def state_of_rows(rows: Iterable[Any], day: datetime.date) -> tuple[str, tuple[str, ...]]:
    """:func:`_state` from ``(is a sanction, start, end, id)`` rows."""
    ties = [(sanction, (start, end, _Id(i))) for sanction, start, end, i in rows]
    measures = [tie for sanction, tie in ties if sanction]
    stated = [tie for sanction, tie in ties if not sanction]
    return _state(measures, stated, day.toordinal())  # type: ignore[arg-type]


class _Id:
    """Stands in for a relationship where only its id is known (sqlite and pandas rows)."""

    __slots__ = ("id",)

    def __init__(self, id: str) -> None:
        self.id = id


TABLES = {
    "pair_events": "a TEXT, b TEXT, first_day INT, last_day INT, rank INT, id TEXT",
    "ties": "actor TEXT, other TEXT, start_day INT, stop_day INT",
    "measures": "imposer TEXT, target TEXT, sanction BOOLEAN, start_day INT, stop_day INT, id TEXT",
}
"""The baseline tables and their columns, filled by :func:`table_rows`."""


def table_rows(dataset: Dataset) -> dict[str, Iterator[tuple[Any, ...]]]:
    """Each table of :data:`TABLES` and its rows."""
    return {
        "pair_events": pair_rows(dataset),
        "ties": tie_rows(dataset),
        "measures": measure_rows(dataset),
    }


TIMELINE_SQL = (
    "SELECT id FROM pair_events WHERE a = ? AND b = ? AND first_day BETWEEN ? AND ?"
    " AND last_day >= ? ORDER BY first_day, rank, id"
)
ALLIES_SQL = (
    "SELECT DISTINCT other FROM ties WHERE actor = ? AND start_day <= ? AND stop_day > ?"
    " AND other != actor ORDER BY other"
)
MEASURES_SQL = (
    "SELECT sanction, start_day, stop_day, id FROM measures WHERE imposer = ? AND target = ?"
)


class SqlQueries:
    """The three queries as parameterized SQL over :data:`TABLES`, on a DB-API connection."""

    db: Any

    def timeline_between(
        self, a: str, b: str, start: datetime.date, end: datetime.date
    ) -> list[str]:
        """Ids of the events of both actors overlapping ``[start, end]``, in order."""
        first, last = start.toordinal(), end.toordinal()
        rows = self.db.execute(
            TIMELINE_SQL,
            ((a, b) if a < b else (b, a)) + (first - LONGEST, last, first),
        ).fetchall()
        return [row[0] for row in rows]

    def allies_of(self, actor: str, day: datetime.date) -> list[str]:
        """Ids of the allies of ``actor`` on ``day``, sorted."""
        d = day.toordinal()
        rows = self.db.execute(ALLIES_SQL, (actor, d, d)).fetchall()
        return [row[0] for row in rows]

    def sanction_status(
        self, imposer: str, target: str, day: datetime.date
    ) -> tuple[str, tuple[str, ...]]:
        """``(state, measure ids)`` of ``imposer``'s sanctions on ``target`` on ``day``."""
        rows = self.db.execute(MEASURES_SQL, (imposer, target)).fetchall()
        return state_of_rows(rows, day)


class SqliteIndex(SqlQueries):
    """An in-memory sqlite3 database with covering indexes; answers are ids.

    >>> SqliteIndex(_example()).allies_of("AAA", datetime.date(2020, 1, 1))
    []
    """

    def __init__(self, dataset: Dataset) -> None:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        for table, rows in table_rows(dataset).items():
            columns = TABLES[table]
            db.execute(f"CREATE TABLE {table} ({columns})")
            marks = ", ".join("?" * (columns.count(",") + 1))
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        db.executescript(
            """
            CREATE INDEX pair_window ON pair_events (a, b, first_day, last_day, rank, id);
            CREATE INDEX actor_ties ON ties (actor, start_day, stop_day, other);
            CREATE INDEX pair_measures ON measures (imposer, target);
            ANALYZE;
            """
        )
        self.db = db

    def save(self, path: str) -> None:
        """Write the database to a file, for a cold process to query."""
        self.db.execute("VACUUM INTO ?", (path,))


def _example() -> Dataset:
    """A small synthetic dataset, for the examples above."""
    import tempfile

    from synthetic import generate, write_jsonl

    with tempfile.TemporaryDirectory() as tmp:
        return geoalign.load(write_jsonl(generate(100, seed=1), tmp), include_bundled=False)
