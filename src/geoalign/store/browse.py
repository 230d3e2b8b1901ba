"""Browsing a dataset: the actors, one actor's events, its ties at any time, the measures
on or by it.

Builders of the answers of :mod:`geoalign.model.browsed`, beside those of
``geoalign.store.explain`` and from the same store questions and rules.  Each takes
the dataset (a :class:`Browsed`, as :class:`~geoalign.Dataset` is) and the arguments
as the explained queries take them, and raises the same errors for bad ones.
``Browsing`` (in ``geoalign.store.browsing``) makes them methods of
:class:`~geoalign.Dataset`.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable
from typing import Literal, Protocol, TypeVar

from geoalign.errors import ArgumentTypeError, InvalidValueError
from geoalign.model.answers import UNBOUNDED
from geoalign.model.browsed import (
    ActorsAnswer,
    AllRelationshipsAnswer,
    EventsAnswer,
    MeasuresAnswer,
)
from geoalign.model.dates import DateLike
from geoalign.model.evidence import CitedTie, TieEvidence, actor_dict
from geoalign.model.kinds import Certainty, EventKind, RelationshipKind, member
from geoalign.model.names import fold
from geoalign.model.records import ACTOR_COLLECTIONS, COLLECTIONS, RecordLookup
from geoalign.store.arguments import (
    CertaintyLike,
    KindsLike,
    to_actor,
    to_as_of,
    to_certainty,
    to_kinds,
)
from geoalign.store.explain import known_date, quotes, tie_evidence
from geoalign.store.explain_others import timeline
from geoalign.store.memory import ALL_KINDS
from geoalign.store.protocol import Store

__all__ = [
    "MEASURES",
    "Browsed",
    "actors",
    "all_relationships",
    "events",
    "measures",
]

_Kind = TypeVar("_Kind", bound=enum.Enum)


class Browsed(RecordLookup, Protocol):
    """What the browsing answers need of a dataset (:class:`~geoalign.Dataset` is one)."""

    @property
    def _store(self) -> Store: ...

    def known_on(self, date: DateLike) -> Browsed: ...


def _known(dataset: Browsed, as_known_on: DateLike | None) -> Browsed:
    return dataset if as_known_on is None else dataset.known_on(as_known_on)


def actors(dataset: RecordLookup, type: str | None = None, name: str | None = None) -> ActorsAnswer:
    """The actors of a ``type`` (``"country"``, ``"organization"``, ``"person"``) with an id,
    name or alias holding ``name`` (blind to case, accents and punctuation); ``None``
    matches any.  Raises :class:`~geoalign.errors.InvalidValueError` for another type.

    >>> import geoalign
    >>> [a.id for a in actors(geoalign.load(), "country", "turk").actors]
    ['TUR']
    """
    types = [COLLECTIONS[collection] for collection in ACTOR_COLLECTIONS]
    if type is not None and type not in types:
        raise InvalidValueError(f"{type!r} is not an actor type (one of: {', '.join(types)})")
    wanted = None if name is None else fold(_text(name, "name"))
    found = tuple(
        actor
        for actor in dataset.actors()
        if type in (None, actor_dict(actor)["type"])
        and (
            wanted is None or any(wanted in fold(n) for n in (actor.id, actor.name, *actor.aliases))
        )
    )
    return ActorsAnswer(type=type, name=name, actors=found)


def _text(value: object, parameter: str) -> str:
    if not isinstance(value, str):
        raise ArgumentTypeError(
            f"{parameter} must be text, got {value.__class__.__name__} {value!r}"
        )
    return value


def events(
    dataset: Browsed,
    actor: object,
    start: DateLike | None = None,
    end: DateLike | None = None,
    event_kinds: object = None,
    where: str | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> EventsAnswer:
    """The events of ``actor`` from ``start`` to ``end`` (its timeline with itself), of the
    ``event_kinds`` (an event kind, its value or an iterable of them) and in a place
    holding ``where`` (as :func:`actors` matches names); ``None``: any.

    >>> import geoalign
    >>> answer = events(geoalign.load(), "Syria", start="2024-12", where="damascus")
    >>> [event.event.id for event in answer.events][:2]
    ['assad-government-falls', 'rebels-enter-damascus']
    """
    asked = timeline(_known(dataset, as_known_on)._store, actor, actor, start, end, certainty, None)
    kinds = None if event_kinds is None else _event_kinds(event_kinds)
    place = None if where is None else fold(_text(where, "where"))
    found = tuple(
        item
        for item in asked.events
        if (kinds is None or item.event.kind in kinds)
        and (place is None or place in fold(item.event.location or ""))
    )
    return EventsAnswer(
        actor=asked.a,
        start=asked.start,
        end=asked.end,
        event_kinds=kinds,
        where=where,
        certainty=asked.certainty,
        as_known_on=known_date(as_known_on),
        events=found,
    )


def _event_kinds(value: object) -> tuple[EventKind, ...]:
    listed = [value] if isinstance(value, str | EventKind) else value
    if not isinstance(listed, Iterable):
        raise ArgumentTypeError(
            f"event_kinds must be an event kind or an iterable of them, got {value!r}"
        )
    return _ordered(EventKind, {member(EventKind, kind) for kind in listed})


def _ordered(kind: type[_Kind], chosen: Collection[_Kind]) -> tuple[_Kind, ...]:
    """The kinds chosen, in the order of their enum."""
    return tuple(value for value in kind if value in chosen)


def all_relationships(
    dataset: Browsed,
    actor: object,
    kinds: KindsLike | None = None,
    as_known_on: DateLike | None = None,
) -> AllRelationshipsAnswer:
    """Every tie of ``actor`` of the ``kinds`` (default: all) at any time, by id, each with
    its quotes: every tie the store has in force on some day on some reading.

    >>> import geoalign
    >>> answer = all_relationships(geoalign.load(), "Syria", kinds="alliance")
    >>> [tie.relationship.id for tie in answer.ties]
    ['rus-syr-alliance']
    """
    store = _known(dataset, as_known_on)._store
    me, chosen = to_actor(store, actor, "actor"), to_kinds(kinds, ALL_KINDS)
    found = store.ties(me.id, chosen, -UNBOUNDED, UNBOUNDED, Certainty.POSSIBLE)
    ties = sorted((tie.relationship for tie in found), key=lambda tie: tie.id)
    return AllRelationshipsAnswer(
        actor=me,
        kinds=_ordered(RelationshipKind, chosen),
        as_known_on=known_date(as_known_on),
        ties=tuple(CitedTie(relationship=tie, quotes=quotes(store, tie)) for tie in ties),
    )


MEASURES = frozenset(
    {
        RelationshipKind.SANCTIONS,
        RelationshipKind.TERRORIST_DESIGNATION,
        RelationshipKind.NON_SANCTIONING,
        RelationshipKind.NON_SANCTIONING_OR_SUPPORT,
    }
)
"""What :func:`measures` lists: sanctions, listings and statements of not sanctioning."""


def measures(
    dataset: Browsed,
    actor: object,
    side: Literal["on", "by"],
    as_of: DateLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> MeasuresAnswer:
    """The :data:`~geoalign.store.browse.MEASURES` in force as of ``as_of`` on ``actor`` (``side="on"``), or on an
    organization based in it as :meth:`~geoalign.Dataset.sanction_status` counts them, or
    by it (``side="by"``), by id.

    >>> import geoalign
    >>> answer = measures(geoalign.load(), "Serbia", "by", as_of="2024")
    >>> [tie.relationship.kind.value for tie in answer.ties][:1]
    ['non_sanctioning']
    """
    if side not in ("on", "by"):
        raise InvalidValueError(f"side must be 'on' or 'by', got {side!r}")
    known = _known(dataset, as_known_on)
    store, sure = known._store, to_certainty(certainty)
    me = to_actor(store, actor, "actor")
    when, first, last = to_as_of(as_of, store.horizon)
    # Who sanctions a state also sanctions the bodies based in it (as sanction_status).
    based = [o.id for o in known.organizations if side == "on" and o.country == me.id]
    ties: dict[str, TieEvidence] = {}
    for who in (me.id, *based):
        for tie in store.ties(who, MEASURES, first, last, sure):
            if (tie.relationship.b if side == "on" else tie.relationship.a) == who:
                ties[tie.relationship.id] = tie_evidence(store, tie.relationship, first, last)
    return MeasuresAnswer(
        side=side,
        actor=me,
        as_of=when,
        kinds=_ordered(RelationshipKind, MEASURES),
        certainty=sure,
        as_known_on=known_date(as_known_on),
        ties=tuple(ties[key] for key in sorted(ties)),
    )
