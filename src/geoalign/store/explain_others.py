"""The builders of the explained answers besides the allies (see
:mod:`geoalign.store.explain` for the allies and the evidence they share): the ties of an
actor, a sanction state, a timeline, everything between two actors.  Imported when one
of them is first asked, as their answers' classes are
(:mod:`geoalign.model.explained_others`).
"""

from __future__ import annotations

from collections.abc import Sequence

from geoalign.errors import InvalidValueError
from geoalign.model.answers import UNBOUNDED, SanctionStatus
from geoalign.model.dates import DateLike
from geoalign.model.edtf import EDTFDate
from geoalign.model.evidence import EventEvidence
from geoalign.model.explained_others import (
    BetweenAnswer,
    RelationshipsAnswer,
    SanctionAnswer,
    TimelineAnswer,
)
from geoalign.model.kinds import Certainty, EventKind, RelationshipKind
from geoalign.model.records import Event, Organization, Relationship
from geoalign.rules.events import event_verdict
from geoalign.store.arguments import (
    CertaintyLike,
    KindsLike,
    to_actor,
    to_as_of,
    to_bounds,
    to_certainty,
    to_kinds,
    to_window,
)
from geoalign.store.explain import kinds_in_order, known_date, quotes, tie_evidence, ties_of
from geoalign.store.memory import ALL_KINDS, ownership_evidence
from geoalign.store.protocol import Store

__all__ = [
    "LISTINGS",
    "between",
    "event_evidence",
    "relationships",
    "sanction_answer",
    "timeline",
]

LISTINGS = frozenset(
    {RelationshipKind.TERRORIST_DESIGNATION, RelationshipKind.NON_SANCTIONING_OR_SUPPORT}
)
"""Kinds a sanctions answer reports besides sanctions: listings that are the measure
the data holds, and statements that answer no sanctions question by themselves."""
_SIDES = (None, "a", "b")
_SANCTION_EVENTS = frozenset({EventKind.DESIGNATION, EventKind.SANCTIONS})


def event_evidence(store: Store, event: Event, first: int, last: int) -> EventEvidence:
    """The event over the window ``[first, last]``: its certainty, reason and quotes."""
    certainty, reason = event_verdict(event.date, first, last)
    assert certainty is not None  # the store returned it for this window
    return EventEvidence(
        event=event, certainty=certainty, reason=reason, quotes=quotes(store, event)
    )


def relationships(
    store: Store,
    actor: object,
    as_of: DateLike | None,
    kinds: KindsLike | None,
    certainty: CertaintyLike,
    as_known_on: DateLike | None,
    side: str | None = None,
) -> RelationshipsAnswer:
    """The answer of :meth:`geoalign.Dataset.explain_relationships`."""
    if side not in _SIDES:
        raise InvalidValueError(f"side must be 'a', 'b' or None, got {side!r}")
    chosen, sure = to_kinds(kinds, ALL_KINDS), to_certainty(certainty)
    me, when, evidence = ties_of(store, actor, as_of, chosen, sure)
    if side is not None:
        evidence = [item for item in evidence if getattr(item.relationship, side) == me.id]
    return RelationshipsAnswer(
        actor=me,
        as_of=when,
        kinds=kinds_in_order(chosen),
        certainty=sure,
        as_known_on=known_date(as_known_on),
        side=side,
        ties=tuple(evidence),
    )


def sanction_answer(
    store: Store,
    status: SanctionStatus,
    as_known_on: DateLike | None,
    possibly: Sequence[Relationship] = (),
) -> SanctionAnswer:
    """The evidence of a :class:`~geoalign.SanctionStatus` the store's dataset gave, and what else
    the dataset holds from the imposer against the target (see :data:`LISTINGS`);
    ``possibly`` are the measures possibly in force when the definite state is unknown."""
    who, whom = status.imposer.id, status.target.id
    _, first, last = to_as_of(status.as_of, None)
    measures = [tie_evidence(store, m, first, last, status.certainty) for m in status.measures]
    listed = store.ties(who, LISTINGS, first, last, Certainty.POSSIBLE)
    listings = [
        tie_evidence(store, tie.relationship, first, last)
        for tie in sorted(listed, key=lambda tie: tie.relationship.id)
        if tie.relationship.a == who and _at(store, tie.relationship.b, whom)
    ]
    events = [
        event_evidence(store, event, -UNBOUNDED, last)
        for event in store.timeline(who, whom, -UNBOUNDED, last, Certainty.POSSIBLE)
        if event.kind in _SANCTION_EVENTS
    ]
    owned = ownership_evidence(store, who, whom, status.measures, first, last, Certainty.POSSIBLE)
    return SanctionAnswer(
        status=status,
        as_known_on=known_date(as_known_on),
        measures=tuple(measures),
        listings=tuple(listings),
        events=tuple(events),
        on_owned=tuple(tie_evidence(store, tie, first, last) for tie in owned.measures),
        ownership=tuple(tie_evidence(store, tie, first, last) for tie in owned.ties),
        possibly=tuple(tie_evidence(store, tie, first, last) for tie in possibly),
    )


def _at(store: Store, actor: str, target: str) -> bool:
    """Whether a measure on ``actor`` counts toward ``target``: itself, or based in it."""
    if actor == target:
        return True
    found = store.get(actor)
    return isinstance(found, Organization) and found.country == target


def timeline(
    store: Store,
    a: object,
    b: object,
    start: DateLike | None,
    end: DateLike | None,
    certainty: CertaintyLike,
    as_known_on: DateLike | None,
) -> TimelineAnswer:
    """The answer of :meth:`geoalign.Dataset.explain_timeline`."""
    one, two = to_actor(store, a, "a"), to_actor(store, b, "b")
    first, last = to_bounds(start, end)
    sure = to_certainty(certainty)
    found = store.timeline(one.id, two.id, first, last, sure)
    return TimelineAnswer(
        a=one,
        b=two,
        start=_date(start, "start"),
        end=_date(end, "end"),
        certainty=sure,
        as_known_on=known_date(as_known_on),
        events=tuple(event_evidence(store, event, first, last) for event in found),
    )


def _date(value: DateLike | None, parameter: str) -> EDTFDate | None:
    return None if value is None else to_window(value, parameter)[0]


def between(
    store: Store,
    a: object,
    b: object,
    start: DateLike | None,
    end: DateLike | None,
    kinds: KindsLike | None,
    certainty: CertaintyLike,
    as_known_on: DateLike | None,
) -> BetweenAnswer:
    """The answer of :meth:`geoalign.Dataset.explain_between`."""
    one, two = to_actor(store, a, "a"), to_actor(store, b, "b")
    if one.id == two.id:  # every tie of the actor would be "between" it and itself
        raise InvalidValueError(f"a and b are one actor, {one.name} ({one.id}): give two")
    first, last = to_bounds(start, end)
    chosen, sure = to_kinds(kinds, ALL_KINDS), to_certainty(certainty)
    found = [tie.relationship for tie in store.ties(one.id, chosen, first, last, sure)]
    ties = sorted((tie for tie in found if two.id in (tie.a, tie.b)), key=lambda tie: tie.id)
    events = store.timeline(one.id, two.id, first, last, sure)
    return BetweenAnswer(
        a=one,
        b=two,
        start=_date(start, "start"),
        end=_date(end, "end"),
        kinds=kinds_in_order(chosen),
        certainty=sure,
        as_known_on=known_date(as_known_on),
        ties=tuple(tie_evidence(store, tie, first, last) for tie in ties),
        events=tuple(event_evidence(store, event, first, last) for event in events),
    )
