"""Changes between two dates: the actor's ties that began or ended in a period.

Which ties began or ended, how surely, and the bounds that moved, are the rule of
``geoalign.rules.changes`` (its ``moved`` is re-exported here);
this module asks the store for the actor's ties and builds the
:class:`~geoalign.model.explained.ChangesAnswer` with their quotes.
"""

from __future__ import annotations

from geoalign.model.answers import UNBOUNDED
from geoalign.model.dates import DateLike
from geoalign.model.evidence import TieEvidence
from geoalign.model.explained_others import Change, ChangesAnswer
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import Actor, Relationship
from geoalign.rules.changes import Moved, moved, moved_bounds
from geoalign.store.arguments import KindsLike, to_actor, to_bounds, to_kinds, to_window
from geoalign.store.explain import known_date, quotes, span
from geoalign.store.memory import ALIGNMENT_KINDS
from geoalign.store.protocol import Store

__all__ = ["CHANGE_KINDS", "changes", "moved"]

CHANGE_KINDS = ALIGNMENT_KINDS | {
    RelationshipKind.SANCTIONS,
    RelationshipKind.TERRORIST_DESIGNATION,
}
"""The kinds :meth:`geoalign.Dataset.changes` reads by default."""

_PASSIVE = {
    RelationshipKind.SANCTIONS: ("sanctions", "sanctioned_by"),
    RelationshipKind.TERRORIST_DESIGNATION: ("designates", "designated_by"),
}


def _relation(tie: Relationship, me: str) -> str:
    if tie.kind.alignment:
        return "aligned"
    active, passive = _PASSIVE.get(tie.kind, (tie.kind.value, f"{tie.kind.value}_by"))
    return passive if tie.kind.directed and tie.b == me else active


def _change(
    store: Store,
    me: Actor,
    tie: Relationship,
    what: str,
    certainty: Certainty,
    bounds: Moved,
) -> Change:
    other = store.get(tie.b if tie.a == me.id else tie.a)
    assert isinstance(other, Actor)  # a validated tie joins two actors
    reason = "; ".join(dict.fromkeys(bound.reason for _, bound in bounds))  # once each
    evidence = TieEvidence(
        relationship=tie, certainty=certainty, reason=reason, quotes=quotes(store, tie)
    )
    return Change(
        change=what, other=other, relation=_relation(tie, me.id), bounds=bounds, tie=evidence
    )


def changes(
    store: Store,
    actor: object,
    since: DateLike,
    until: DateLike,
    kinds: KindsLike | None,
    as_known_on: DateLike | None,
) -> ChangesAnswer:
    """The answer of :meth:`geoalign.Dataset.changes` (arguments as it takes them)."""
    me = to_actor(store, actor, "actor")
    first, last = to_bounds(since, until)
    chosen = to_kinds(kinds, CHANGE_KINDS)
    began, ended = [], []
    for found in store.ties(me.id, chosen, -UNBOUNDED, UNBOUNDED, Certainty.POSSIBLE):
        tie = span(store, found.relationship)
        start, end = moved(tie, first, last)
        if start is not None:
            bounds = moved_bounds(tie, "began", first, last)
            began.append(_change(store, me, found.relationship, "began", start, bounds))
        if end is not None:
            bounds = moved_bounds(tie, "ended", first, last)
            ended.append(_change(store, me, found.relationship, "ended", end, bounds))
    return ChangesAnswer(
        actor=me,
        since=to_window(since, "since")[0],
        until=to_window(until, "until")[0],
        kinds=tuple(kind for kind in RelationshipKind if kind in chosen),
        as_known_on=known_date(as_known_on),
        began=tuple(sorted(began, key=_order)),
        ended=tuple(sorted(ended, key=_order)),
    )


def _order(change: Change) -> tuple[str, str]:
    return change.other.id, change.tie.relationship.id
