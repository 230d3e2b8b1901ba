"""The in-memory store: indexes built once, at load, so that queries never scan.

* ties by actor and kind, each led by its spans (:func:`geoalign.rules.time.spans`), and
  merged per actor for every kind and for the alignment kinds;
* sanctions and non-sanctioning statements by (imposer, target), where a sanction on an
  organization is also filed under the country the organization is based in, and one
  imposed by an agency or armed force of a country (:data:`~geoalign.rules.sanctions.
  STATE_ORGANS`) also under that country as imposer;
* events by actor, in timeline order; the timeline of a pair (of one actor alone, under
  the pair ``(a, a)``), with the days its events may have happened on in parallel lists,
  is built from them when first asked for;
* the holders of each country's or organization's posts, with the days they held them.

Two answers are built from any store's answers: :func:`timeline_with_officials` adds the
events of office holders, and :func:`ownership_evidence` the ownership behind sanctions.

Everything is built from plain tuples, lists and ints: at a million events the
difference with richer objects is most of the load time.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from geoalign.model.dates import PartialDate
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import (
    COLLECTIONS,
    Actor,
    Country,
    Event,
    Organization,
    Person,
    Record,
    Records,
    Relationship,
)
from geoalign.rules.events import event_spans, in_window, timeline_key
from geoalign.rules.offices import in_office, office_span
from geoalign.rules.sanctions import STATE_ORGANS, sanction_filings
from geoalign.rules.time import (
    Spans,
    horizon,
    in_force,
    relationship_span,
    spans,
)
from geoalign.store.names import NameTable
from geoalign.store.protocol import Store, Tie

__all__ = [
    "ALIGNMENT_KINDS",
    "ALL_KINDS",
    "MemoryStore",
    "Ownership",
    "Timeline",
    "ownership_evidence",
    "posts",
    "timeline_with_officials",
]

ALL_KINDS = frozenset(RelationshipKind)
ALIGNMENT_KINDS = frozenset(kind for kind in RelationshipKind if kind.alignment)
_ACTOR_TYPES = frozenset({Country, Organization, Person})

# Events whose days span at most this many are kept in the bisected lists; the rest
# (ranges over years, decades, qualified dates) in a short list read whole.
_SHORT = 366
_ID = operator.attrgetter("id")


class Timeline:
    """The events of one pair of actors (or of one actor), in timeline order.

    Short, unqualified events sit in ``_events`` with their first and last days in
    parallel lists sorted by last day, and ``_wide`` lists the positions of those that
    last more than a day; long or qualified ones sit in ``_long``, led by their
    :func:`~geoalign.rules.events.event_spans`.
    """

    __slots__ = ("_events", "_firsts", "_lasts", "_long", "_wide")

    def __init__(self, events: Iterable[Event], spans_of: dict[int, Spans]) -> None:
        """Of ``events`` given in timeline order, their date objects' spans by id."""
        shorts: list[Event] = []
        self._firsts: list[int] = []
        self._lasts: list[int] = []
        self._long: list[tuple[int, int, int, int, Event]] = []
        self._wide: list[int] = []
        for event in events:
            days = spans_of[id(event.date)]
            if days[2] == days[0] and days[1] - days[0] <= _SHORT:  # unqualified and short
                if days[0] != days[1]:
                    self._wide.append(len(shorts))
                shorts.append(event)
                self._firsts.append(days[0])
                self._lasts.append(days[1])
            else:
                self._long.append((*days, event))
        self._events = tuple(shorts)

    def between(self, first: int, last: int, certainty: Certainty) -> tuple[Event, ...]:
        """The events the window ``[first, last]`` holds (:func:`~geoalign.rules.events.in_window`)."""
        events, firsts, lasts, wide = self._events, self._firsts, self._lasts, self._wide
        # Sorted by last day, a slice holds the events ending in the window; only those
        # lasting more than a day (a short one starts at most _SHORT days before it ends)
        # may reach past the window's side, so only they are checked.
        low = bisect.bisect_left(lasts, first)
        if certainty is Certainty.DEFINITE:  # inside: first <= its first, its last <= last
            high = bisect.bisect_right(lasts, last, low)
            sure = bisect.bisect_left(lasts, first + _SHORT, low, high)
            found = events[low:high]
            checked = wide[bisect.bisect_left(wide, low) : bisect.bisect_left(wide, sure)]
            early = [i for i in checked if firsts[i] < first]
            if early:  # they start before the window: cut them out
                kept: list[Event] = []
                at = low
                for i in early:
                    kept += events[at:i]
                    at = i + 1
                kept += events[at:high]
                found = tuple(kept)
        else:  # overlapping: its first <= last, first <= its last
            inside = bisect.bisect_right(lasts, last, low)
            high = bisect.bisect_right(lasts, last + _SHORT, inside)
            checked = wide[bisect.bisect_left(wide, inside) : bisect.bisect_left(wide, high)]
            found = events[low:inside] + tuple([events[i] for i in checked if firsts[i] <= last])
        if self._long:
            extra = [long[4] for long in in_window(self._long, first, last, certainty)]
            if extra:
                found = tuple(sorted((*found, *extra), key=_event_key))
        return found


_NO_EVENTS = Timeline((), {})


class MemoryStore:
    """A :class:`~geoalign.store.protocol.Store` over indexes held in memory.

    Building costs O(n log n) for n records; each query costs O(log n + k) for the k
    ties or events of the actors asked about (see ``Timeline.between``); the first
    timeline asked for of an actor's pairs costs O(m) for the m events of the rarer one.
    """

    def __init__(self, records: Records) -> None:
        self._records: dict[str, Record] = {}
        for name in COLLECTIONS:
            self._records.update((record.id, record) for record in getattr(records, name))
        self.get: Callable[[str], Record | None] = self._records.get
        """The record with this id, or ``None`` (the dict's own method: queries call it often)."""
        self._names = NameTable(_actors(records))
        self._horizon = horizon(source.published for source in records.sources)
        self._by_actor: dict[str, dict[RelationshipKind, list[Tie]]] = {}
        # The ties of the default kind sets, merged at load so a query reads one list.
        self._merged: dict[frozenset[RelationshipKind], dict[str, list[Tie]]]
        self._merged = {ALL_KINDS: {}, ALIGNMENT_KINDS: {}}
        self._sanctions: dict[tuple[str, str], list[Tie]] = {}
        self._statements: dict[tuple[str, str], list[Tie]] = {}
        self._index_ties(records)
        self._events_of, self._spans_of = _events_by_actor(records.events)
        # Timelines are built when first asked for, all the pairs of an actor at once:
        # most actors' never are.  Two threads asking at once build equal timelines.
        self._timelines: dict[tuple[str, str], Timeline] = {}
        self._grouped: set[str] = set()  # the actors whose pairs are all built
        self._officials = posts(records.persons)

    def _index_ties(self, records: Records) -> None:
        published = {source.id: source.published for source in records.sources}
        based_in = {org.id: org.country for org in records.organizations if org.country}
        organ_of = {
            org.id: org.country
            for org in records.organizations
            if org.country and org.kind in STATE_ORGANS
        }
        merged_all, aligned = self._merged[ALL_KINDS], self._merged[ALIGNMENT_KINDS]
        for relationship in records.relationships:
            a, b, kind = relationship.a, relationship.b, relationship.kind
            from_b = Tie(
                *spans(relationship_span(relationship, published, self._horizon)), a, relationship
            )
            from_a = from_b._replace(other=b)
            for me, tie in ((a, from_a), (b, from_b)):
                self._by_actor.setdefault(me, {}).setdefault(kind, []).append(tie)
                merged_all.setdefault(me, []).append(tie)
                if kind.alignment:
                    aligned.setdefault(me, []).append(tie)
            if kind is RelationshipKind.SANCTIONS:
                for pair in sanction_filings(a, b, organ_of, based_in):
                    self._sanctions.setdefault(pair, []).append(from_b)
            elif kind is RelationshipKind.NON_SANCTIONING:
                self._statements.setdefault((a, b), []).append(from_b)

    @property
    def horizon(self) -> PartialDate | None:
        """The latest publication date of the dataset's sources."""
        return self._horizon

    def resolve(self, name: str) -> Actor:
        """The actor with this id, else the one this name or alias names."""
        found = self._records.get(name)
        if type(found) in _ACTOR_TYPES:
            return found  # type: ignore[return-value]  # an actor, as tested
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
        merged = self._merged.get(kinds)
        if merged is not None:
            return in_force(merged.get(actor, ()), first, last, certainty)
        by_kind = self._by_actor.get(actor, {})
        chosen = [ties for kind, ties in by_kind.items() if kind in kinds]
        return [tie for ties in chosen for tie in in_force(ties, first, last, certainty)]

    def sanctions(self, imposer: str, target: str) -> tuple[Sequence[Tie], Sequence[Tie]]:
        """The sanctions and the statements of non-sanctioning of the pair."""
        pair = (imposer, target)
        return self._sanctions.get(pair, ()), self._statements.get(pair, ())

    def timeline(
        self, a: str, b: str, first: int, last: int, certainty: Certainty
    ) -> tuple[Event, ...]:
        """The events of both actors the window holds, in timeline order."""
        pair = (a, b) if a <= b else (b, a)
        timeline = self._timelines.get(pair)
        if timeline is None:
            if a not in self._grouped and b not in self._grouped:
                self._group(min(pair, key=lambda actor: len(self._events_of.get(actor, ()))))
            timeline = self._timelines.get(pair, _NO_EVENTS)  # none shared: never kept
        return timeline.between(first, last, certainty)

    def _group(self, actor: str) -> None:
        """Build the timelines of every pair of ``actor``, in one pass over its events:
        asked for one, a program often asks for more, and building them all costs what
        filing every event under every pair at load did."""
        shared: dict[str, list[Event]] = {}
        for event in self._events_of.get(actor, ()):
            for other in event.actors:  # the actor itself too: its pair (a, a)
                shared.setdefault(other, []).append(event)
        for other, events in shared.items():
            pair = (actor, other) if actor <= other else (other, actor)
            if pair not in self._timelines:  # built from the other's side already
                self._timelines[pair] = Timeline(events, self._spans_of)
        self._grouped.add(actor)

    def officials(self, actor: str) -> Sequence[tuple[str, Spans]]:
        """Who held a post of ``actor``, and when: ``(person id, office span)`` for each
        post (:func:`~geoalign.rules.offices.office_span`)."""
        return self._officials.get(actor, ())


def posts(persons: Iterable[Person]) -> dict[str, list[tuple[str, Spans]]]:
    """Each actor's posts: ``(person id, office span)`` for every role held in it."""
    found: dict[str, list[tuple[str, Spans]]] = {}
    for person in persons:
        for role in person.roles:
            if role.actor is not None:
                found.setdefault(role.actor, []).append(
                    (person.id, office_span(role.start, role.end))
                )
    return found


def _actors(records: Records) -> Iterator[Actor]:
    yield from records.countries
    yield from records.organizations
    yield from records.persons


def _event_key(event: Event) -> tuple[int, int, str]:
    return timeline_key(event_spans(event.date), event.id)


def _events_by_actor(events: Iterable[Event]) -> tuple[dict[str, list[Event]], dict[int, Spans]]:
    """Each actor's events in timeline order, and the spans of each date object by id.

    Events dated by the same text share one date object (parsing is cached), so its
    spans are computed, and its place in the order found, once per object: events are
    sorted by bucket of equal spans (few), then by id within a bucket.
    """
    spans_of: dict[int, Spans] = {}
    bucket_of: dict[int, list[Event]] = {}
    buckets: dict[tuple[int, int, str], list[Event]] = {}
    for event in events:
        bucket = bucket_of.get(id(event.date))
        if bucket is None:
            days = spans_of[id(event.date)] = event_spans(event.date)
            bucket = bucket_of[id(event.date)] = buckets.setdefault(timeline_key(days, ""), [])
        bucket.append(event)
    events_of: dict[str, list[Event]] = {}
    for key in sorted(buckets):
        bucket = buckets[key]
        bucket.sort(key=_ID)
        for event in bucket:
            for actor in event.actors:  # listed once each: the load checks refuse repeats
                mine = events_of.get(actor)
                if mine is None:
                    events_of[actor] = [event]
                else:
                    mine.append(event)
    return events_of, spans_of


def timeline_with_officials(
    store: Store, a: str, b: str, first: int, last: int, certainty: Certainty
) -> tuple[Event, ...]:
    """:meth:`MemoryStore.timeline`, with the events of office holders: an event counts
    for ``a`` if ``a`` takes part, or someone who held a post of ``a`` on its date (the
    same for ``b``).

    With ``definite``, the window surely holds the event and the post was surely held on
    every day the event may have happened; with ``possible``, each may be so.  A post
    with no start given is never held definitely (see :mod:`geoalign.rules.offices`).
    """
    sides_a = [(a, None), *store.officials(a)]
    sides_b = [(b, None), *store.officials(b)]
    found = {event.id: event for event in store.timeline(a, b, first, last, certainty)}
    for one, one_post in sides_a:
        for two, two_post in sides_b:
            if one_post is None and two_post is None:
                continue  # the actors' own events, found above
            for event in store.timeline(one, two, first, last, certainty):
                days = event_spans(event.date)
                if _acts_for(a, one_post, event, days, certainty) and _acts_for(
                    b, two_post, event, days, certainty
                ):
                    found.setdefault(event.id, event)
    return tuple(sorted(found.values(), key=_event_key))


def _acts_for(
    actor: str, post: Spans | None, event: Event, days: Spans, certainty: Certainty
) -> bool:
    return post is None or actor in event.actors or in_office(post, days, certainty)


class Ownership(NamedTuple):
    """The ownership behind a sanctions answer, as evidence: it never changes the state.

    ``measures`` are the imposer's sanctions on organizations the target owns, which are
    not sanctions on the target ("on a Russian-owned company"); ``ties`` the ownership
    relationships of those organizations, and of the organizations the answer's own
    measures fall on ("on a Russian-owned company based in Serbia").
    """

    measures: tuple[Relationship, ...]
    ties: tuple[Relationship, ...]


_OWNERSHIP = frozenset({RelationshipKind.OWNERSHIP})


def ownership_evidence(
    store: Store,
    imposer: str,
    target: str,
    measures: Iterable[Relationship],
    first: int,
    last: int,
    certainty: Certainty,
) -> Ownership:
    """The :class:`Ownership` behind ``sanction_status(imposer, target)`` over the
    window, whose answer rests on ``measures``; ties and measures in force with
    ``certainty``, each sorted by id.
    """
    counted = {measure.id for measure in measures}
    owned_measures: dict[str, Relationship] = {}
    ties: dict[str, Relationship] = {}
    for owns in store.ties(target, _OWNERSHIP, first, last, certainty):
        if owns.relationship.a != target:
            continue  # the target is owned, not owner
        on_owned = in_force(store.sanctions(imposer, owns.other)[0], first, last, certainty)
        for measure in on_owned:
            if measure.relationship.id not in counted:
                owned_measures[measure.relationship.id] = measure.relationship
                ties[owns.relationship.id] = owns.relationship
    for measure in measures:
        if measure.b == target:
            continue
        for owner in store.ties(measure.b, _OWNERSHIP, first, last, certainty):
            if owner.relationship.b == measure.b:
                ties[owner.relationship.id] = owner.relationship
    return Ownership(_sorted(owned_measures), _sorted(ties))


def _sorted(found: dict[str, Relationship]) -> tuple[Relationship, ...]:
    return tuple(found[key] for key in sorted(found))
