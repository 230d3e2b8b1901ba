"""The evidence behind answers: ties and events with their certainty, reason and quotes.

Builders of the answers of :mod:`geoalign.model.explained` from a store (the dataset's
own, or the one as known on a day).  They ask the store the same questions as the plain
queries and read each item's certainty and reason from the same rules
(:func:`~geoalign.rules.time.tie_verdict`, :func:`~geoalign.rules.events.event_verdict`),
so an explained answer lists exactly the records the plain query returns.
"""

from __future__ import annotations

from geoalign.model.answers import TieSpan
from geoalign.model.dates import DateLike
from geoalign.model.edtf import EDTFDate
from geoalign.model.explained import AlignmentAnswer, Ally, Quote, TieEvidence
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import Actor, Event, Relationship, Source
from geoalign.rules.time import relationship_span, tie_verdict
from geoalign.store.arguments import (
    CertaintyLike,
    KindsLike,
    to_actor,
    to_as_of,
    to_certainty,
    to_kinds,
    to_window,
)
from geoalign.store.memory import ALIGNMENT_KINDS
from geoalign.store.protocol import Store

__all__ = [
    "alignment",
    "kinds_in_order",
    "known_date",
    "quotes",
    "span",
    "tie_evidence",
    "ties_of",
]


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


def kinds_in_order(chosen: frozenset[RelationshipKind]) -> tuple[RelationshipKind, ...]:
    """The kinds chosen, in the order :class:`~geoalign.RelationshipKind` lists them."""
    return tuple(kind for kind in RelationshipKind if kind in chosen)


def ties_of(
    store: Store,
    actor: object,
    as_of: DateLike | None,
    kinds: frozenset[RelationshipKind],
    certainty: Certainty,
) -> tuple[Actor, EDTFDate, list[TieEvidence]]:
    """The actor, the date asked, and its ties in force then as evidence, by id."""
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
    me, when, evidence = ties_of(store, actor, as_of, chosen, sure)
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
        kinds=kinds_in_order(chosen),
        certainty=sure,
        as_known_on=known_date(as_known_on),
        allies=tuple(allies),
    )
