"""The evidence behind answers: ties and events with their certainty, reason and quotes.

Builders of the answers of :mod:`geoalign.model.explained` from a store (the dataset's
own, or the one as known on a day).  They ask the store the same questions as the plain
queries and read each item's certainty and reason from the same rules
(:func:`~geoalign.rules.time.tie_verdict`, :func:`~geoalign.rules.events.event_verdict`),
so an explained answer lists exactly the records the plain query returns.
"""

from __future__ import annotations

from geoalign.errors import InvalidValueError
from geoalign.model.answers import UNBOUNDED, SanctionStatus, TieSpan
from geoalign.model.dates import DateLike
from geoalign.model.edtf import EDTFDate
from geoalign.model.explained import (
    AlignmentAnswer,
    Ally,
    BetweenAnswer,
    EventEvidence,
    Quote,
    RelationshipsAnswer,
    SanctionAnswer,
    TieEvidence,
    TimelineAnswer,
)
from geoalign.model.kinds import Certainty, EventKind, RelationshipKind
from geoalign.model.records import Actor, Event, Organization, Relationship, Source
from geoalign.rules.events import event_verdict
from geoalign.rules.time import relationship_span, tie_verdict
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
from geoalign.store.memory import ALIGNMENT_KINDS, ALL_KINDS, ownership_evidence
from geoalign.store.protocol import Store

__all__ = [
    "LISTINGS",
    "alignment",
    "between",
    "known_date",
    "quotes",
    "relationships",
    "sanction_answer",
    "span",
    "tie_evidence",
    "timeline",
]

LISTINGS = frozenset(
    {RelationshipKind.TERRORIST_DESIGNATION, RelationshipKind.NON_SANCTIONING_OR_SUPPORT}
)
"""Kinds a sanctions answer reports besides sanctions: listings that are the measure
the data holds, and statements that answer no sanctions question by themselves."""
_SIDES = (None, "a", "b")
_SANCTION_EVENTS = frozenset({EventKind.DESIGNATION, EventKind.SANCTIONS})


def known_date(as_known_on: DateLike | None) -> EDTFDate | None:
    """The date an ``as_known_on`` argument names, for the answer to repeat."""
    return None if as_known_on is None else to_window(as_known_on, "as_known_on")[0]


def quotes(store: Store, record: Relationship | Event) -> tuple[Quote, ...]:
    """The record's citations with their sources, in the record's order."""
    found = []
    for citation in record.citations:
        source = store.get(citation.source)
        assert isinstance(source, Source)  # a validated dataset's citations name sources
        found.append(
            Quote(
                source=source,
                quote=citation.quote,
                confidence=citation.confidence or record.confidence,
                claimed_by=citation.claimed_by,
                claimed_on=citation.claimed_on,
            )
        )
    return tuple(found)


def span(store: Store, tie: Relationship) -> TieSpan:
    """The tie's :class:`~geoalign.model.answers.TieSpan` in the store's dataset."""
    published: dict[str, EDTFDate] = {}
    for source_id in (*(c.source for c in tie.citations), tie.ended_by):
        source = store.get(source_id) if source_id is not None else None
        if isinstance(source, Source):
            published[source.id] = source.published
    return relationship_span(tie, published, store.horizon)


def tie_evidence(
    store: Store, tie: Relationship, first: int, last: int, fallback: Certainty | None = None
) -> TieEvidence:
    """The tie over the window ``[first, last]``: its certainty (``fallback`` where it is
    not in force, as for a lifted sanction), the bound that decides and its quotes."""
    verdict = tie_verdict(span(store, tie), first, last)
    certainty = verdict.certainty or fallback
    assert certainty is not None  # callers pass only ties in force, or a fallback
    return TieEvidence(
        relationship=tie, certainty=certainty, reason=verdict.reason, quotes=quotes(store, tie)
    )


def _event_evidence(store: Store, event: Event, first: int, last: int) -> EventEvidence:
    certainty, reason = event_verdict(event.date, first, last)
    assert certainty is not None  # the store returned it for this window
    return EventEvidence(
        event=event, certainty=certainty, reason=reason, quotes=quotes(store, event)
    )


def _kinds(chosen: frozenset[RelationshipKind]) -> tuple[RelationshipKind, ...]:
    return tuple(kind for kind in RelationshipKind if kind in chosen)


def _ties_of(
    store: Store,
    actor: object,
    as_of: DateLike | None,
    kinds: frozenset[RelationshipKind],
    certainty: Certainty,
) -> tuple[Actor, EDTFDate, list[TieEvidence]]:
    me = to_actor(store, actor, "actor")
    when, first, last = to_as_of(as_of, store.horizon)
    found = store.ties(me.id, kinds, first, last, certainty)
    evidence = [tie_evidence(store, tie.relationship, first, last) for tie in found]
    evidence.sort(key=lambda item: item.relationship.id)
    return me, when, evidence


def alignment(
    store: Store,
    actor: object,
    as_of: DateLike | None,
    kinds: KindsLike | None,
    certainty: CertaintyLike,
    as_known_on: DateLike | None,
) -> AlignmentAnswer:
    """The answer of :meth:`geoalign.Dataset.explain_allies` (arguments as it takes them)."""
    chosen, sure = to_kinds(kinds, ALIGNMENT_KINDS), to_certainty(certainty)
    me, when, evidence = _ties_of(store, actor, as_of, chosen, sure)
    by_ally: dict[str, list[TieEvidence]] = {}
    for item in evidence:
        tie = item.relationship
        by_ally.setdefault(tie.b if tie.a == me.id else tie.a, []).append(item)
    allies = []
    for other in sorted(by_ally):
        ties = tuple(by_ally[other])
        definite = any(item.certainty is Certainty.DEFINITE for item in ties)
        found = store.get(other)
        assert isinstance(found, Actor)  # a validated tie joins two actors
        allies.append(
            Ally(
                actor=found,
                certainty=Certainty.DEFINITE if definite else Certainty.POSSIBLE,
                ties=ties,
            )
        )
    return AlignmentAnswer(
        actor=me,
        as_of=when,
        kinds=_kinds(chosen),
        certainty=sure,
        as_known_on=known_date(as_known_on),
        allies=tuple(allies),
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
    me, when, evidence = _ties_of(store, actor, as_of, chosen, sure)
    if side is not None:
        evidence = [item for item in evidence if getattr(item.relationship, side) == me.id]
    return RelationshipsAnswer(
        actor=me,
        as_of=when,
        kinds=_kinds(chosen),
        certainty=sure,
        as_known_on=known_date(as_known_on),
        side=side,
        ties=tuple(evidence),
    )


def sanction_answer(
    store: Store, status: SanctionStatus, as_known_on: DateLike | None
) -> SanctionAnswer:
    """The evidence of a :class:`~geoalign.SanctionStatus` the store's dataset gave, and what else
    the dataset holds from the imposer against the target (see :data:`LISTINGS`)."""
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
        _event_evidence(store, event, -UNBOUNDED, last)
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
        events=tuple(_event_evidence(store, event, first, last) for event in found),
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
        kinds=_kinds(chosen),
        certainty=sure,
        as_known_on=known_date(as_known_on),
        ties=tuple(tie_evidence(store, tie, first, last) for tie in ties),
        events=tuple(_event_evidence(store, event, first, last) for event in events),
    )
