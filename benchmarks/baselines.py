"""What geoalign's queries and loading are measured against.

Each query baseline answers the same three questions as a :class:`geoalign.Dataset`,
with the same semantics, from the same loaded records, and takes ids and
:class:`datetime.date` values (what the benchmark gives geoalign too):

* :class:`BruteForce` scans every record: what a query costs without any index;
* :class:`BisectIndex` is the lower bound: a hand-written minimal index (dicts keyed
  by ids, sorted lists of day ordinals, :mod:`bisect`), the fastest plausible
  structure in pure Python;
* :class:`SqliteIndex`: in-memory sqlite3 with proper indexes and parameterized queries;
* :class:`PandasMasks`: boolean masks on categorical columns (only if pandas is installed).

:func:`load_jsonl_by_hand` is the lower bound of loading: orjson (or json) parsing
plus a hand-written loop that builds the same model classes, with no validation.

>>> import datetime, geoalign
>>> from synthetic import generate, write_jsonl
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     ds = geoalign.load(write_jsonl(generate(300, seed=2), tmp), include_bundled=False)
>>> day = datetime.date(2010, 1, 1)
>>> a = ds.countries[0].id
>>> BisectIndex(ds).allies_of(a, day) == ds.allies_of(a, as_of=day) == BruteForce(ds).allies_of(a, day)
True
"""

from __future__ import annotations

import bisect
import datetime
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from geoalign import (
    Citation,
    Confidence,
    Country,
    Dataset,
    Event,
    EventKind,
    Organization,
    OrganizationKind,
    PartialDate,
    Person,
    Relationship,
    RelationshipKind,
    Role,
    Source,
)

__all__ = ["BisectIndex", "BruteForce", "PandasMasks", "SqliteIndex", "load_jsonl_by_hand"]

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
    """Every query scans every record: no index at all."""

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

    def allies_of(
        self, actor: str, day: datetime.date
    ) -> tuple[Country | Organization | Person, ...]:
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
            if r.kind is RelationshipKind.SANCTIONS and target in _sanction_targets(
                self.dataset, r
            ):
                measures.append(tie)
            elif r.kind is RelationshipKind.NON_SANCTIONING and r.b == target:
                stated.append(tie)
        return _state(measures, stated, day.toordinal())


class BisectIndex:
    """The lower bound: dicts keyed by ids, sorted day ordinals, and bisection."""

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

    def allies_of(
        self, actor: str, day: datetime.date
    ) -> tuple[Country | Organization | Person, ...]:
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


class SqliteIndex:
    """An in-memory sqlite3 database with covering indexes; answers are ids."""

    def __init__(self, dataset: Dataset) -> None:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(
            """
            CREATE TABLE pair_events (a TEXT, b TEXT, first INT, last INT, rank INT, id TEXT);
            CREATE TABLE ties (actor TEXT, other TEXT, start INT, end INT);
            CREATE TABLE measures (imposer TEXT, target TEXT, kind TEXT, start INT, end INT, id TEXT);
            """
        )
        db.executemany(
            "INSERT INTO pair_events VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    a,
                    b,
                    e.date.earliest.toordinal(),
                    e.date.latest.toordinal(),
                    _RANK[e.date.precision],
                    e.id,
                )
                for e in dataset.events
                for a, b in _pairs(e.actors)
            ),
        )
        rows_ties, rows_measures = [], []
        for start, end, r in _ties(dataset):
            if r.kind in _ALIGNMENT:
                rows_ties += [(r.a, r.b, start, end), (r.b, r.a, start, end)]
            elif r.kind is RelationshipKind.SANCTIONS:
                rows_measures += [
                    (r.a, t, "s", start, end, r.id) for t in _sanction_targets(dataset, r)
                ]
            elif r.kind is RelationshipKind.NON_SANCTIONING:
                rows_measures.append((r.a, r.b, "n", start, end, r.id))
        db.executemany("INSERT INTO ties VALUES (?, ?, ?, ?)", rows_ties)
        db.executemany("INSERT INTO measures VALUES (?, ?, ?, ?, ?, ?)", rows_measures)
        db.executescript(
            """
            CREATE INDEX pair_window ON pair_events (a, b, first, last, rank, id);
            CREATE INDEX actor_ties ON ties (actor, start, end, other);
            CREATE INDEX pair_measures ON measures (imposer, target);
            ANALYZE;
            """
        )
        self.db = db

    def timeline_between(
        self, a: str, b: str, start: datetime.date, end: datetime.date
    ) -> list[str]:
        """Ids of the events of both actors overlapping ``[start, end]``, in order."""
        first, last = start.toordinal(), end.toordinal()
        rows = self.db.execute(
            "SELECT id FROM pair_events WHERE a = ? AND b = ? AND first BETWEEN ? AND ?"
            " AND last >= ? ORDER BY first, rank, id",
            ((a, b) if a < b else (b, a)) + (first - LONGEST, last, first),
        )
        return [row[0] for row in rows]

    def allies_of(self, actor: str, day: datetime.date) -> list[str]:
        """Ids of the allies of ``actor`` on ``day``, sorted."""
        d = day.toordinal()
        rows = self.db.execute(
            "SELECT DISTINCT other FROM ties WHERE actor = ? AND start <= ? AND end > ?"
            " AND other != actor ORDER BY other",
            (actor, d, d),
        )
        return [row[0] for row in rows]

    def sanction_status(
        self, imposer: str, target: str, day: datetime.date
    ) -> tuple[str, tuple[str, ...]]:
        """``(state, measure ids)`` of ``imposer``'s sanctions on ``target`` on ``day``."""
        rows = self.db.execute(
            "SELECT kind, start, end, id FROM measures WHERE imposer = ? AND target = ?",
            (imposer, target),
        ).fetchall()
        measures = [(start, end, _Id(i)) for kind, start, end, i in rows if kind == "s"]
        stated = [(start, end, _Id(i)) for kind, start, end, i in rows if kind == "n"]
        return _state(measures, stated, day.toordinal())  # type: ignore[arg-type]


class _Id:
    """Stands in for a relationship where only its id is known (sqlite and pandas rows)."""

    __slots__ = ("id",)

    def __init__(self, id: str) -> None:
        self.id = id


class PandasMasks:
    """Boolean masks over categorical columns of pandas DataFrames; answers are ids."""

    def __init__(self, dataset: Dataset) -> None:
        import pandas as pd  # optional: the benchmark skips this baseline without pandas

        rows = [
            (
                a,
                b,
                e.date.earliest.toordinal(),
                e.date.latest.toordinal(),
                _RANK[e.date.precision],
                e.id,
            )
            for e in dataset.events
            for a, b in _pairs(e.actors)
        ]
        frame = pd.DataFrame(rows, columns=["a", "b", "first", "last", "rank", "id"])
        frame["a"] = frame["a"].astype("category")
        frame["b"] = frame["b"].astype("category")
        self.events = frame
        ties = [
            (x, y, start, end)
            for start, end, r in _ties(dataset)
            if r.kind in _ALIGNMENT
            for x, y in ((r.a, r.b), (r.b, r.a))
        ]
        self.ties = pd.DataFrame(ties, columns=["actor", "other", "start", "end"]).astype(
            {"actor": "category", "other": "category"}
        )
        measures = [
            (r.a, t, r.kind is RelationshipKind.SANCTIONS, start, end, r.id)
            for start, end, r in _ties(dataset)
            if r.kind in (RelationshipKind.SANCTIONS, RelationshipKind.NON_SANCTIONING)
            for t in _sanction_targets(dataset, r)
            if t == r.b or r.kind is RelationshipKind.SANCTIONS
        ]
        columns = ["imposer", "target", "sanctions", "start", "end", "id"]
        self.measures = pd.DataFrame(measures, columns=columns).astype(
            {"imposer": "category", "target": "category"}
        )

    def timeline_between(
        self, a: str, b: str, start: datetime.date, end: datetime.date
    ) -> list[str]:
        """Ids of the events of both actors overlapping ``[start, end]``, in order."""
        a, b = (a, b) if a < b else (b, a)
        f = self.events
        first, last = start.toordinal(), end.toordinal()
        mask = (f["a"] == a) & (f["b"] == b) & (f["first"] <= last) & (f["last"] >= first)
        return list(f.loc[mask].sort_values(["first", "rank", "id"])["id"])

    def allies_of(self, actor: str, day: datetime.date) -> list[str]:
        """Ids of the allies of ``actor`` on ``day``, sorted."""
        t = self.ties
        d = day.toordinal()
        mask = (t["actor"] == actor) & (t["start"] <= d) & (t["end"] > d) & (t["other"] != actor)
        return sorted(set(t.loc[mask, "other"].astype(str)))

    def sanction_status(
        self, imposer: str, target: str, day: datetime.date
    ) -> tuple[str, tuple[str, ...]]:
        """``(state, measure ids)`` of ``imposer``'s sanctions on ``target`` on ``day``."""
        m = self.measures
        rows = m.loc[(m["imposer"] == imposer) & (m["target"] == target)]
        ties = [(row.sanctions, (row.start, row.end, _Id(row.id))) for row in rows.itertuples()]
        measures = [tie for sanctions, tie in ties if sanctions]
        stated = [tie for sanctions, tie in ties if not sanctions]
        return _state(measures, stated, day.toordinal())  # type: ignore[arg-type]


def load_jsonl_by_hand(path: str | Path) -> dict[str, list[Any]]:
    """Parse a JSON Lines dataset and build the model objects directly, unvalidated.

    This is the least any loader into these classes must do: one parse per line and
    one constructor call per object, with enum members and dates looked up in dicts.
    """
    try:
        import orjson

        loads: Any = orjson.loads
    except ImportError:  # pragma: no cover - orjson is a benchmark extra
        import json

        loads = json.loads
    confidence = {c.value: c for c in Confidence}
    event_kind = {k.value: k for k in EventKind}
    relationship_kind = {k.value: k for k in RelationshipKind}
    org_kind = {k.value: k for k in OrganizationKind}
    dates: dict[str, PartialDate] = {}

    def date(text: str | None) -> PartialDate | None:
        if text is None:
            return None
        found = dates.get(text)
        if found is None:
            found = dates[text] = PartialDate.parse(text)
        return found

    def citations(items: list[dict[str, str]]) -> tuple[Citation, ...]:
        return tuple(Citation(source=c["source"], quote=c["quote"]) for c in items)

    def event(d: dict[str, Any]) -> Event:
        return Event(
            id=d["id"],
            date=date(d["date"]),  # type: ignore[arg-type]
            kind=event_kind[d["kind"]],
            actors=tuple(d["actors"]),
            confidence=confidence[d["confidence"]],
            summary=d["summary"],
            citations=citations(d["citations"]),
            location=d.get("location"),
        )

    def relationship(d: dict[str, Any]) -> Relationship:
        return Relationship(
            id=d["id"],
            kind=relationship_kind[d["kind"]],
            a=d["a"],
            b=d["b"],
            confidence=confidence[d["confidence"]],
            summary=d["summary"],
            citations=citations(d["citations"]),
            start=date(d.get("start")),
            end=date(d.get("end")),
            ended_by=d.get("ended_by"),
        )

    def person(d: dict[str, Any]) -> Person:
        roles = tuple(
            Role(
                title=r["title"],
                actor=r.get("actor"),
                start=date(r.get("start")),
                end=date(r.get("end")),
            )
            for r in d.get("roles", ())
        )
        return Person(id=d["id"], name=d["name"], aliases=tuple(d.get("aliases", ())), roles=roles)

    builders: dict[str, Any] = {
        "event": event,
        "relationship": relationship,
        "person": person,
        "source": lambda d: Source(**{**d, "published": date(d["published"])}),
        "country": lambda d: Country(
            id=d["id"],
            name=d["name"],
            aliases=tuple(d.get("aliases", ())),
            metonyms=tuple(d.get("metonyms", ())),
        ),
        "organization": lambda d: Organization(
            id=d["id"],
            name=d["name"],
            kind=org_kind[d["kind"]],
            aliases=tuple(d.get("aliases", ())),
            country=d.get("country"),
        ),
    }
    records: dict[str, list[Any]] = {kind: [] for kind in builders}
    with open(path, "rb") as file:
        for line in file:
            data = loads(line)
            kind = data.pop("type")
            records[kind].append(builders[kind](data))
    return records
