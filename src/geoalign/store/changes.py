"""Changes between two dates: the actor's ties that began or ended in a period.

A period runs from the first day of ``since`` (day F) to the last day of ``until``
(day T); a tie *began* in it when it was not in force on F and was on T, and *ended* in
it when it was in force on F and not on T.  With the bounds of the tie's span
(:class:`~geoalign.model.answers.TieSpan`: possibly from ``pf``, definitely from ``df``,
definitely until ``du``, possibly until ``pu``), its start is some day of ``[pf, df]``
and its end some day of ``[du, pu]``:

* began definitely when no reading has it in force on F and every reading has it on T
  (:func:`~geoalign.rules.time.tie_verdict` gives none on F, definite on T); possibly
  when some start in ``(F, T]`` is a reading and the tie may still be in force on T:
  ``max(F + 1, pf) <= min(T, df)`` and ``pu > T``;
* ended definitely when it is definitely in force on F and in force on no reading on
  T; possibly when it may have been in force on F (``pf <= F``) and some end in
  ``(F, T]`` is a reading: ``max(F + 1, du) <= min(T, pu)``.
"""

from __future__ import annotations

from geoalign.model.answers import UNBOUNDED, SpanBound, TieSpan
from geoalign.model.dates import DateLike
from geoalign.model.explained import Change, ChangesAnswer, TieEvidence
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import Actor, Relationship
from geoalign.rules.time import tie_verdict
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
_DEFINITE, _POSSIBLE = Certainty.DEFINITE, Certainty.POSSIBLE


def moved(tie: TieSpan, since: int, until: int) -> tuple[Certainty | None, Certainty | None]:
    """How surely the tie began, and how surely it ended, in the period ``(since, until]``
    of day ordinals (``None``: it did not), by the rules of this module.

    >>> from geoalign.model.dates import PartialDate as D
    >>> from geoalign.rules.time import tie_span
    >>> span = tie_span(D(2019), D(2024, 12, 8), None, [("s", D(2025))], D(2025))
    >>> day = lambda *ymd: D(*ymd).earliest.toordinal()
    >>> moved(span, day(2018, 6, 1), day(2020, 6, 1)), moved(span, day(2019, 6, 1), day(2020, 1, 1))
    ((<Certainty.DEFINITE: 'definite'>, None), (<Certainty.POSSIBLE: 'possible'>, None))
    >>> moved(span, day(2020, 1, 1), day(2024, 12, 8))
    (None, <Certainty.DEFINITE: 'definite'>)
    """
    pf, pu, df, du = (bound.at for bound in tie)
    before, after = tie_verdict(tie, since, since)[0], tie_verdict(tie, until, until)[0]
    began = ended = None
    if before is None and after is _DEFINITE:
        began = _DEFINITE
    elif pu > until and max(since + 1, pf) <= min(until, df):
        began = _POSSIBLE
    if before is _DEFINITE and after is None:
        ended = _DEFINITE
    elif pf <= since and max(since + 1, du) <= min(until, pu):
        ended = _POSSIBLE
    return began, ended


def _bounds(
    named: tuple[tuple[str, SpanBound], ...], since: int, until: int
) -> tuple[tuple[str, SpanBound], ...]:
    """The bounds inside the period, or both when neither is (the change lies between)."""
    inside = tuple((name, bound) for name, bound in named if since < bound.at <= until)
    return inside or named


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
    bounds: tuple[tuple[str, SpanBound], ...],
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
    for found in store.ties(me.id, chosen, -UNBOUNDED, UNBOUNDED, _POSSIBLE):
        tie = span(store, found.relationship)
        start, end = moved(tie, first, last)
        if start is not None:
            named = (("possible_from", tie.possible_from), ("definite_from", tie.definite_from))
            bounds = _bounds(named, first, last)
            began.append(_change(store, me, found.relationship, "began", start, bounds))
        if end is not None:
            named = (("definite_until", tie.definite_until), ("possible_until", tie.possible_until))
            bounds = _bounds(named, first, last)
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
