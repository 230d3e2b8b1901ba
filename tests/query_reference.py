"""The oracle: brute-force answers to every query, reading every record each time.

:class:`BruteForceStore` answers the questions of the :class:`~geoalign.store.protocol.Store`
protocol with plain loops over all records, calling :mod:`geoalign.rules` for when a tie
is in force and when a window holds an event (the rules are written nowhere else).  Every
store is held to it, and the ``ref_*`` functions built on it are the expected answers of
the queries, in both certainties and with ``as_known_on``.

Import them as ``from tests.query_reference import ref_allies, ids``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from geoalign import (
    Actor,
    AmbiguousActorError,
    ArgumentTypeError,
    Certainty,
    Dataset,
    Event,
    GeoalignError,
    PartialDate,
    Relationship,
    RelationshipKind,
    SanctionState,
    UnknownActorError,
)
from geoalign.model.answers import UNBOUNDED
from geoalign.model.edtf import EDTFDate
from geoalign.model.records import COLLECTIONS, Record, Records
from geoalign.rules.events import event_spans, in_window, timeline_key
from geoalign.rules.knowledge import known_on
from geoalign.rules.sanctions import STATE_ORGANS, sanction_state
from geoalign.rules.time import (
    first_day,
    horizon,
    in_force,
    last_day,
    relationship_span,
    spans,
)
from geoalign.store.protocol import Tie

T = TypeVar("T")
ALIGNMENT = frozenset(kind for kind in RelationshipKind if kind.alignment)


def records_of(ds: Dataset) -> Records:
    """A dataset's records."""
    return Records(*(getattr(ds, name) for name in COLLECTIONS))


class BruteForceStore:
    """A :class:`~geoalign.store.protocol.Store` that reads every record for every answer."""

    def __init__(self, records: Records) -> None:
        self.records = records

    @property
    def horizon(self) -> PartialDate | None:
        return horizon(source.published for source in self.records.sources)

    def _all(self) -> Iterable[Record]:
        for name in COLLECTIONS:
            yield from getattr(self.records, name)

    def get(self, record_id: str) -> Record | None:
        return next((record for record in self._all() if record.id == record_id), None)

    def resolve(self, name: str) -> Actor:
        actors = [*self.records.countries, *self.records.organizations, *self.records.persons]
        found = ref_resolve(actors, name)
        if isinstance(found, str):
            return next(actor for actor in actors if actor.id == found)
        if found is None:
            raise UnknownActorError(name)
        raise AmbiguousActorError(name, tuple(("", actor_id) for actor_id in found))

    def _tie(self, r: Relationship, other: str) -> Tie:
        published = {source.id: source.published for source in self.records.sources}
        return Tie(*spans(relationship_span(r, published, self.horizon)), other, r)

    def ties(
        self,
        actor: str,
        kinds: frozenset[RelationshipKind],
        first: int,
        last: int,
        certainty: Certainty,
    ) -> list[Tie]:
        found = []
        for r in self.records.relationships:
            if actor in (r.a, r.b) and r.kind in kinds:
                tie = self._tie(r, r.b if r.a == actor else r.a)
                found += in_force([tie], first, last, certainty)
        return found

    def sanctions(self, imposer: str, target: str) -> tuple[Sequence[Tie], Sequence[Tie]]:
        based_in = {org.id: org.country for org in self.records.organizations}
        organ_of = {
            org.id: org.country for org in self.records.organizations if org.kind in STATE_ORGANS
        }
        measures, statements = [], []
        for r in self.records.relationships:
            by_organ = r.kind is RelationshipKind.SANCTIONS and organ_of.get(r.a) == imposer
            if r.a != imposer and not by_organ:
                continue
            if r.kind is RelationshipKind.SANCTIONS and target in (r.b, based_in.get(r.b)):
                measures.append(self._tie(r, r.a))
            if r.kind is RelationshipKind.NON_SANCTIONING and r.b == target:
                statements.append(self._tie(r, r.a))
        return measures, statements

    def timeline(
        self, a: str, b: str, first: int, last: int, certainty: Certainty
    ) -> tuple[Event, ...]:
        found = [
            (*event_spans(e.date), e)
            for e in self.records.events
            if a in e.actors and b in e.actors
        ]
        held = in_window(found, first, last, certainty)
        held.sort(key=lambda row: timeline_key(row[:4], row[4].id))
        return tuple(row[4] for row in held)


def oracle(ds: Dataset, as_known_on: EDTFDate | None = None) -> BruteForceStore:
    """The brute-force store of ``ds`` as known on a day (all of it when ``None``)."""
    records = records_of(ds)
    if as_known_on is not None:
        records = known_on(records, last_day(as_known_on))
    return BruteForceStore(records)


def window(store: BruteForceStore, as_of: EDTFDate | None) -> tuple[int, int]:
    """The days of ``as_of``, or of the horizon when it is None.

    Without a horizon (no source, or none published by ``as_known_on``) ``as_of`` is
    required: :class:`~geoalign.ArgumentTypeError`, as for a missing argument.
    """
    when = as_of if as_of is not None else store.horizon
    if when is None:
        raise ArgumentTypeError("as_of is required")
    return first_day(when), last_day(when)


def outcome(answer: Callable[..., T], *args: Any, **kwargs: Any) -> T | type[Exception]:
    """What ``answer(*args, **kwargs)`` returns, or the type of the library error it raises."""
    try:
        return answer(*args, **kwargs)
    except GeoalignError as exc:
        return type(exc)


def ref_relationships(
    ds: Dataset,
    me: str,
    as_of: EDTFDate | None,
    kinds: Iterable[RelationshipKind],
    certainty: Certainty = Certainty.DEFINITE,
    as_known_on: EDTFDate | None = None,
) -> list[str]:
    """Sorted ids of the ties of ``me`` of the given kinds in force at ``as_of``."""
    store = oracle(ds, as_known_on)
    found = store.ties(me, frozenset(kinds), *window(store, as_of), certainty)
    return sorted(tie.relationship.id for tie in found)


def ref_allies(
    ds: Dataset,
    me: str,
    as_of: EDTFDate | None,
    kinds: Iterable[RelationshipKind] | None,
    certainty: Certainty = Certainty.DEFINITE,
    as_known_on: EDTFDate | None = None,
) -> list[str]:
    """Sorted ids of the others that ``me`` has a tie of ``kinds`` with (alignment when None)."""
    store = oracle(ds, as_known_on)
    chosen = ALIGNMENT if kinds is None else frozenset(kinds)
    found = store.ties(me, chosen, *window(store, as_of), certainty)
    return sorted({tie.other for tie in found} - {me})


def ref_sanctions(
    ds: Dataset,
    imposer: str,
    target: str,
    as_of: EDTFDate | None,
    as_known_on: EDTFDate | None = None,
    certainty: Certainty = Certainty.DEFINITE,
) -> tuple[SanctionState, Certainty | None, list[str]]:
    """The state of sanctions of ``imposer`` on ``target``, its certainty and measure ids."""
    store = oracle(ds, as_known_on)
    state, found, chosen = sanction_state(
        *store.sanctions(imposer, target), *window(store, as_of), certainty
    )
    return state, found, sorted(tie.relationship.id for tie in chosen)


def ref_timeline(
    ds: Dataset,
    a: str,
    b: str,
    start: EDTFDate | None,
    end: EDTFDate | None,
    certainty: Certainty = Certainty.DEFINITE,
    as_known_on: EDTFDate | None = None,
) -> list[str]:
    """Ids of the events of both ``a`` and ``b`` the window holds, in timeline order."""
    first = first_day(start) if start is not None else -UNBOUNDED
    last = last_day(end) if end is not None else UNBOUNDED
    return ids(oracle(ds, as_known_on).timeline(a, b, first, last, certainty))


@functools.cache  # pure, and asked about the same few names over and over
def ref_fold(name: str) -> str:
    """Names as resolve() compares them, written with regular expressions."""
    text = re.sub("[\u2018\u2019`]", "'", name).replace(".", "")
    text = re.sub("[-_]", " ", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = " ".join(text.casefold().split())
    return re.sub("^the (?=.)", "", text)


def ref_resolve(actors: Dataset | Iterable[Actor], name: str) -> str | tuple[str, ...] | None:
    """The id ``name`` resolves to, the ids it is ambiguous between, or None if unknown."""
    listed = list(actors.actors() if isinstance(actors, Dataset) else actors)
    for actor in listed:
        if actor.id == name:  # an exact id is the way out of any ambiguity
            return actor.id
    key = ref_fold(name)
    strong = [x.id for x in listed if key in {ref_fold(n) for n in (x.id, x.name, *x.aliases)}]
    weak = [x.id for x in listed if key in {ref_fold(n) for n in x.metonyms}]
    matches = sorted(set(strong or weak))
    if not matches:
        return None
    return matches[0] if len(matches) == 1 else tuple(matches)


def ids(records: Iterable[Actor | Relationship | Event]) -> list[str]:
    """The ids of ``records``, in order."""
    return [record.id for record in records]
