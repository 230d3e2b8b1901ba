"""The compiled store: a :class:`~geoalign.store.protocol.Store` answering through DuckDB.

DuckDB runs embedded, in the process, and reads the Parquet files where they lie: only
the row groups of the actors asked about are read, so a store larger than memory is
answered as well as a small one.  Records come back as the JSON the compiler wrote and
are structured by the same converter as the files a user loads.

As of the horizon, ties and events are chosen by comparing the spans the compiler
wrote.  As known on an earlier day (:meth:`CompiledStore.known_on`), the spans of ties
change (fewer sources attest them, the horizon is earlier), so the candidates are read
by actor and the rules of :mod:`geoalign.rules` applied to them here, to exactly the
records :func:`geoalign.rules.knowledge.known_on` leaves.

The queries go through a :class:`~geoalign.store.compiled.connection.Connection`, which
keeps the records read by id and, for a small store, the rows of every query.

Every failure to read the files (a damaged Parquet file, a file gone) is a
:class:`~geoalign.DatasetError`, raised before any part of an answer is returned.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from geoalign.errors import DatasetError, Problem
from geoalign.model.dates import PartialDate
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.names import fold
from geoalign.model.records import (
    ACTOR_COLLECTIONS,
    COLLECTIONS,
    RECORD_CLASSES,
    Actor,
    Country,
    Event,
    Organization,
    Person,
    Record,
    Records,
    Relationship,
    Source,
)
from geoalign.rules.knowledge import is_known, known_on
from geoalign.rules.time import Spans, horizon, in_force, relationship_span, spans
from geoalign.store.compiled.connection import Tables, bounded
from geoalign.store.compiled.queries import CANDIDATES, SANCTIONS, TIES, TIMELINE
from geoalign.store.memory import posts
from geoalign.store.names import NameTable
from geoalign.store.protocol import Tie

__all__ = ["CompiledStore"]

_ACTOR_TYPES = frozenset({Country, Organization, Person})


class CompiledStore:
    """A :class:`~geoalign.store.protocol.Store` over a compiled store's Parquet files.

    ``day`` is ``None`` for the store as compiled, or a day ordinal for the store as
    known on that day (see :meth:`known_on`).  Each query is one or two SQL queries,
    costing O(k) rows for the k ties or events of the actors asked about (plus the row
    groups DuckDB reads to find them); answers are the memory store's, record for
    record.
    """

    def __init__(
        self,
        connection: Tables,
        day: int | None = None,
        latest: tuple[PartialDate | None] | None = None,
        whole: PartialDate | None = None,
    ) -> None:
        self._db, self._day = connection, day
        self._names: NameTable | None = None
        self._horizon = latest  # the horizon, if known: as the manifest gives it
        self._whole = whole  # as known on a day: the horizon of the whole store
        self._posts: dict[str, list[tuple[str, Spans]]] | None = None

    def officials(self, actor: str) -> Sequence[tuple[str, Spans]]:
        """Who held a post of ``actor``, and when (read once, from the persons)."""
        if self._posts is None:
            self._posts = posts(self.collection("persons"))
        return self._posts.get(actor, ())

    def known_on(self, day: int) -> CompiledStore:
        """The store as known on the day ordinal ``day``: only sources published by then."""
        whole = self.horizon if self._day is None else self._whole
        return CompiledStore(self._db, day, whole=whole)

    # -- records ------------------------------------------------------------------------

    def _record(self, collection: str, data: str) -> Any:
        from geoalign.formats.convert import structure  # cattrs, only once records are read

        try:
            return structure(json.loads(data), RECORD_CLASSES[collection])
        except Exception:  # any refusal of the converter: the file is not what was written
            message = f"a {COLLECTIONS[collection]} of the store is damaged: compile it again"
            problem = Problem(file=str(self._db.root), code="store-damaged", message=message)
            raise DatasetError(problem) from None

    def _by_id(self, collection: str, ids: Iterable[str]) -> dict[str, Any]:
        cache = self._db.cache
        found = {i: cache[i] for i in set(ids) if i in cache}
        wanted = sorted(set(ids) - found.keys())
        if wanted:
            rows = self._db.rows(
                f"SELECT id, data FROM {collection} WHERE list_contains(?, id)", wanted
            )
            found.update((row[0], self._cached(row[0], collection, row[1])) for row in rows)
        return found

    def collection(self, name: str) -> tuple[Any, ...]:
        """Every record of a collection, in file order (as known on the day, if any)."""
        rows = self._db.rows(
            "SELECT data FROM records WHERE collection = ? ORDER BY position", name
        )
        found = [self._record(name, row[0]) for row in rows]
        if self._day is None or name not in ("sources", "relationships", "events"):
            return tuple(found)
        if name == "sources":
            return tuple(s for s in found if is_known(s.published, self._day))
        return tuple(self._known(found))

    def _read(self, record_id: str) -> Record | None:
        """The record with this id as compiled, or ``None``."""
        found = self._db.cache.get(record_id)
        if found is None and record_id not in self._db.absent:
            rows = self._db.rows("SELECT collection, data FROM records WHERE id = ?", record_id)
            if not rows:
                bounded(self._db.absent).add(record_id)
                return None
            found = self._keep(record_id, rows[0][0], rows[0][1])
        return found

    def _keep(self, record_id: str, collection: str, data: str) -> Any:
        """The record read, kept for the next time it is asked for (a few thousand at most)."""
        found = bounded(self._db.cache)[record_id] = self._record(collection, data)
        return found

    def _cached(self, record_id: str, collection: str, data: str) -> Any:
        """The record with this id and JSON ``data``: read before, or read now and kept."""
        found = self._db.cache.get(record_id)
        return self._keep(record_id, collection, data) if found is None else found

    def get(self, record_id: str) -> Record | None:
        """The record with this id, or ``None``."""
        record = self._read(record_id)
        if self._day is None or not isinstance(record, Source | Relationship | Event):
            return record
        if isinstance(record, Source):
            return record if is_known(record.published, self._day) else None
        kept = self._known([record])
        return kept[0] if kept else None

    def _known(self, records: Sequence[Relationship | Event]) -> list[Any]:
        """The records as known on the store's day (:func:`~geoalign.rules.knowledge.known_on`)."""
        cited = {c.source for record in records for c in record.citations}
        cited.update(r.ended_by for r in records if isinstance(r, Relationship) and r.ended_by)
        sources = self._by_id("sources", cited)
        known = known_on(
            Records(
                sources=tuple(sources.values()),
                relationships=tuple(r for r in records if isinstance(r, Relationship)),
                events=tuple(r for r in records if isinstance(r, Event)),
            ),
            self._day,  # type: ignore[arg-type]  # only called with a day
            latest=self._whole,  # the sources read are only those cited
        )
        found: tuple[Relationship | Event, ...] = (*known.relationships, *known.events)
        kept = {record.id: record for record in found}
        return [kept[record.id] for record in records if record.id in kept]

    # -- the Store questions ------------------------------------------------------------

    @property
    def horizon(self) -> PartialDate | None:
        """The latest publication date (of the sources published by the day, if any)."""
        if self._horizon is None:
            day = 2**31 - 1 if self._day is None else self._day
            rows = self._db.rows(
                "SELECT data FROM sources WHERE latest <= ? AND horizon_day = "
                "(SELECT max(horizon_day) FROM sources WHERE latest <= ?)",
                day,
                day,
            )
            latest = [self._record("sources", row[0]).published for row in rows]
            self._horizon = (horizon(latest),)
        return self._horizon[0]

    def resolve(self, name: str) -> Actor:
        """The actor with this id, else the one this name or alias names."""
        found = self._read(name)
        if type(found) in _ACTOR_TYPES:
            return found  # type: ignore[return-value]  # an actor, as tested
        key = fold(name)
        rows = self._db.names.get(key)
        if rows is None:
            rows = bounded(self._db.names)[key] = self._db.rows(
                "SELECT strong, actor FROM names WHERE key = ? ORDER BY strong DESC", key
            )
        strong = {actor for is_strong, actor in rows if is_strong}
        chosen = strong or {actor for _, actor in rows}
        if len(chosen) == 1:
            return self._read(chosen.pop())  # type: ignore[return-value]  # an actor's id
        # Ambiguous or unknown: the name table words the error, with suggestions.
        if self._names is None:
            actors = [r for name in ACTOR_COLLECTIONS for r in self.collection(name)]
            self._names = NameTable(actors)
        return self._names.resolve(name)

    def ties(
        self,
        actor: str,
        kinds: frozenset[RelationshipKind],
        first: int,
        last: int,
        certainty: Certainty,
    ) -> list[Tie]:
        """The actor's ties of ``kinds`` in force over ``[first, last]``."""
        chosen = sorted(kind.value for kind in kinds)
        if self._day is not None:
            rows = self._db.rows(CANDIDATES.sql, actor, chosen)
            ties = [(row[0], self._cached(row[1], "relationships", row[2])) for row in rows]
            return in_force(self._respan(ties), first, last, certainty)
        # The other actors come along: the query asks for each of them next.
        rows = self._db.rows(TIES[certainty].sql, actor, chosen, last, first)
        for row in rows:
            self._cached(row[4], row[6], row[7])
        return [
            Tie(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                self._cached(row[8], "relationships", row[5]),
            )
            for row in rows
        ]

    def _respan(self, ties: list[tuple[str, Relationship]]) -> list[Tie]:
        """Ties ``(other, relationship)`` as known on the day, with their spans then."""
        records = [record for _, record in ties]
        kept = {record.id: record for record in self._known(records)}
        cited = {c.source for record in kept.values() for c in record.citations}
        cited.update(record.ended_by for record in kept.values() if record.ended_by)
        published = {s.id: s.published for s in self._by_id("sources", cited).values()}
        latest = self.horizon
        return [
            Tie(
                *spans(relationship_span(kept[record.id], published, latest)),
                other,
                kept[record.id],
            )
            for other, record in ties
            if record.id in kept
        ]

    def sanctions(self, imposer: str, target: str) -> tuple[Sequence[Tie], Sequence[Tie]]:
        """The sanctions and the statements of non-sanctioning of the pair."""
        rows = self._db.rows(SANCTIONS.sql, imposer, target)
        # A measure is filed under its imposer's country too; its Tie names the real imposer.
        read = [(row, self._cached(row[6], "relationships", row[7])) for row in rows]
        if self._day is None:
            ties = [
                (row[0], Tie(row[1], row[2], row[3], row[4], found.a, found)) for row, found in read
            ]
        else:
            known = self._respan([(found.a, found) for _, found in read])
            by_id = {tie.relationship.id: tie for tie in known}
            ties = [(row[0], by_id[row[6]]) for row, _ in read if row[6] in by_id]
        measures = [tie for statement, tie in ties if not statement]
        return measures, [tie for statement, tie in ties if statement]

    def timeline(
        self, a: str, b: str, first: int, last: int, certainty: Certainty
    ) -> tuple[Event, ...]:
        """The events of both actors the window holds, in timeline order."""
        rows = self._db.rows(TIMELINE[certainty].sql, a, b, first, last)
        events = [self._cached(row[0], "events", row[1]) for row in rows]
        return tuple(events if self._day is None else self._known(events))
