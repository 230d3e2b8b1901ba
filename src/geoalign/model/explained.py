"""Answers that explain themselves: each query's answer with the evidence behind it.

Every answer is a frozen attrs class holding the question it answers (its actors, dates,
kinds and certainty) and its items, each item with the records behind it, how surely it
holds (``definite`` or ``possible``) and the bound that decides that, and the quotes
with their sources.  ``to_dict()`` gives plain JSON-ready data, the same for the same
dataset and question, described by :data:`geoalign.model.answer_schema.ANSWER_SCHEMA`.
Get them from :meth:`geoalign.Dataset.explain_allies` and its siblings.  The items
(quotes, ties and events as evidence) are those of :mod:`geoalign.model.evidence`.

Items are sorted so that answers are stable: allies and changes by actor id, ties by
relationship id, events in timeline order.  Dates are EDTF text; ``null`` means none.
"""

from __future__ import annotations

from typing import Any

import attrs

from geoalign.model.answers import SanctionStatus, SpanBound
from geoalign.model.edtf import EDTFDate
from geoalign.model.evidence import (
    EventEvidence,
    Quote,
    TieEvidence,
    actor_dict,
    date_text,
    value_text,
)
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import Actor

__all__ = [
    "ANSWER_VERSION",
    "AlignmentAnswer",
    "Ally",
    "BetweenAnswer",
    "Change",
    "ChangesAnswer",
    "EventEvidence",
    "Quote",
    "RelationshipsAnswer",
    "SanctionAnswer",
    "TieEvidence",
    "TiesQuestion",
    "TimelineAnswer",
    "actor_dict",
]

ANSWER_VERSION = 1
"""The version of the answers' JSON form; every ``to_dict()`` says it as ``"version"``."""


def _head(answer: str, **question: Any) -> dict[str, Any]:
    return {"answer": answer, "version": ANSWER_VERSION, **question}


def _kinds(kinds: tuple[RelationshipKind, ...]) -> list[str]:
    return [kind.value for kind in kinds]


@attrs.frozen(kw_only=True)
class TiesQuestion:
    """A question about ``actor``'s ties of some kinds as of a date, asked with a
    certainty and as known on a day: the first fields of the answers about them."""

    actor: Actor
    as_of: EDTFDate
    kinds: tuple[RelationshipKind, ...]
    certainty: Certainty
    as_known_on: EDTFDate | None

    def question(self, answer: str) -> dict[str, Any]:
        """The head of the answer's plain data: ``answer``, ``version`` and the question."""
        return _head(
            answer,
            actor=actor_dict(self.actor),
            as_of=str(self.as_of),
            kinds=_kinds(self.kinds),
            certainty=self.certainty.value,
            as_known_on=date_text(self.as_known_on),
        )


@attrs.frozen(kw_only=True)
class Ally:
    """One ally: definite when some tie is definitely in force, else possible."""

    actor: Actor
    certainty: Certainty
    ties: tuple[TieEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ally as plain data: the actor, the certainty and the ties."""
        return {
            "actor": actor_dict(self.actor),
            "certainty": self.certainty.value,
            "ties": [tie.to_dict() for tie in self.ties],
        }


@attrs.frozen(kw_only=True)
class AlignmentAnswer(TiesQuestion):
    """Who is aligned with ``actor`` as of a date, each ally with the ties that say so.

    The answer of :meth:`geoalign.Dataset.explain_allies`; :attr:`actors` is what
    :meth:`~geoalign.Dataset.allies_of` returns for the same question.
    """

    allies: tuple[Ally, ...]

    @property
    def actors(self) -> tuple[Actor, ...]:
        """The allies' actors, sorted by id."""
        return tuple(ally.actor for ally in self.allies)

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "allies"``)."""
        return {**self.question("allies"), "allies": [a.to_dict() for a in self.allies]}


@attrs.frozen(kw_only=True)
class RelationshipsAnswer(TiesQuestion):
    """The ties of ``actor`` in force as of a date, each with its certainty and quotes.

    ``side`` is the side of the ties the actor was asked on: ``"a"`` (it acts: it
    imposes the sanctions, backs, leads), ``"b"`` (it is acted on), ``None`` (either).
    """

    side: str | None
    ties: tuple[TieEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "relationships"``)."""
        return {
            **self.question("relationships"),
            "side": self.side,
            "ties": [tie.to_dict() for tie in self.ties],
        }


@attrs.frozen(kw_only=True)
class SanctionAnswer:
    """Whether the imposer has sanctioned the target, with the measures, and what else
    the data holds between them when that is not a sanction.

    ``status`` is :meth:`geoalign.Dataset.sanction_status`'s answer; ``measures`` its
    measures as evidence.  ``listings`` are the imposer's other measures against the
    target possibly in force (terrorist designations), and the statements that answer
    no sanctions question (``non_sanctioning_or_support``); ``events`` the designations
    and sanctions events of the pair up to ``as_of``.  Ownership is evidence and never
    changes the state: ``on_owned`` are the imposer's sanctions on organizations the
    target owns (not sanctions on the target), ``ownership`` the ownership ties behind
    them and behind the measures ("on a Russian-owned company based in Serbia").
    :attr:`summary` says it in words.
    """

    status: SanctionStatus
    as_known_on: EDTFDate | None
    measures: tuple[TieEvidence, ...]
    listings: tuple[TieEvidence, ...]
    events: tuple[EventEvidence, ...]
    on_owned: tuple[TieEvidence, ...] = ()
    ownership: tuple[TieEvidence, ...] = ()

    @property
    def summary(self) -> str:
        """The state in words, naming what the data holds instead when it is unknown."""
        status = self.status
        said = status.state.value.replace("_", " ")
        if status.certainty is not None:
            said = f"{said} ({status.certainty.value})"
        held = [f"{tie.relationship.kind.value} {tie.relationship.id}" for tie in self.listings]
        held += [f"{event.event.kind.value} event {event.event.id}" for event in self.events]
        owner = self.status.target.id
        held += [
            f"sanctions {tie.relationship.id} on {tie.relationship.b}, owned by {owner}"
            for tie in self.on_owned
        ]
        if held:
            return f"{said}; the data also holds: {', '.join(held)}"
        if status.certainty is None:
            return f"{said}: the data holds nothing between them on this"
        return said

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "sanctions"``)."""
        status = self.status
        return {
            **_head(
                "sanctions",
                imposer=actor_dict(status.imposer),
                target=actor_dict(status.target),
                as_of=str(status.as_of),
                as_known_on=date_text(self.as_known_on),
            ),
            "state": status.state.value,
            "certainty": value_text(status.certainty),
            "summary": self.summary,
            "measures": [tie.to_dict() for tie in self.measures],
            "listings": [tie.to_dict() for tie in self.listings],
            "events": [event.to_dict() for event in self.events],
            "on_owned": [tie.to_dict() for tie in self.on_owned],
            "ownership": [tie.to_dict() for tie in self.ownership],
        }


@attrs.frozen(kw_only=True)
class TimelineAnswer:
    """The events of ``a`` and ``b`` (one actor's, if the same) inside a window."""

    a: Actor
    b: Actor
    start: EDTFDate | None
    end: EDTFDate | None
    certainty: Certainty
    as_known_on: EDTFDate | None
    events: tuple[EventEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "timeline"``)."""
        return {
            **_head(
                "timeline",
                a=actor_dict(self.a),
                b=actor_dict(self.b),
                start=date_text(self.start),
                end=date_text(self.end),
                certainty=self.certainty.value,
                as_known_on=date_text(self.as_known_on),
            ),
            "events": [event.to_dict() for event in self.events],
        }


@attrs.frozen(kw_only=True)
class BetweenAnswer:
    """Everything between ``a`` and ``b`` in a window: the ties of either to the other in
    force on some day of it, and their events inside it, each with its evidence."""

    a: Actor
    b: Actor
    start: EDTFDate | None
    end: EDTFDate | None
    kinds: tuple[RelationshipKind, ...]
    certainty: Certainty
    as_known_on: EDTFDate | None
    ties: tuple[TieEvidence, ...]
    events: tuple[EventEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "between"``)."""
        return {
            **_head(
                "between",
                a=actor_dict(self.a),
                b=actor_dict(self.b),
                start=date_text(self.start),
                end=date_text(self.end),
                kinds=_kinds(self.kinds),
                certainty=self.certainty.value,
                as_known_on=date_text(self.as_known_on),
            ),
            "ties": [tie.to_dict() for tie in self.ties],
            "events": [event.to_dict() for event in self.events],
        }


def _bound_dict(name: str, bound: SpanBound) -> dict[str, Any]:
    day = bound.day
    return {
        "bound": name,
        "day": None if day is None else day.isoformat(),
        "rule": bound.rule,
        "date": date_text(bound.date),
        "source": bound.source,
        "reason": bound.reason,
    }


@attrs.frozen(kw_only=True)
class Change:
    """One tie of the actor that began or ended between the two dates.

    ``relation`` says what the tie makes the other actor: ``aligned``, ``sanctions``
    (the actor sanctions it), ``sanctioned_by``, ``designates`` or ``designated_by``.
    ``bounds`` are the bounds of the tie's span that moved in the period (named
    ``possible_from``, ``definite_from``, ``definite_until``, ``possible_until``), and
    ``tie`` the relationship with its quotes; its certainty is the change's.
    """

    change: str
    other: Actor
    relation: str
    bounds: tuple[tuple[str, SpanBound], ...]
    tie: TieEvidence

    @property
    def certainty(self) -> Certainty:
        """``definite`` when every reading of the tie's dates has the change in the
        period, ``possible`` when some does."""
        return self.tie.certainty

    def to_dict(self) -> dict[str, Any]:
        """The change as plain data: what changed, with whom, the bounds and the tie."""
        return {
            "change": self.change,
            "certainty": self.certainty.value,
            "other": actor_dict(self.other),
            "relation": self.relation,
            "bounds": [_bound_dict(name, bound) for name, bound in self.bounds],
            "tie": self.tie.to_dict(),
        }


@attrs.frozen(kw_only=True)
class ChangesAnswer:
    """Who became or stopped being aligned with, sanctioned by or of, ``actor`` between
    the first day of ``since`` and the last day of ``until``."""

    actor: Actor
    since: EDTFDate
    until: EDTFDate
    kinds: tuple[RelationshipKind, ...]
    as_known_on: EDTFDate | None
    began: tuple[Change, ...]
    ended: tuple[Change, ...]

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "changes"``)."""
        return {
            **_head(
                "changes",
                actor=actor_dict(self.actor),
                since=str(self.since),
                until=str(self.until),
                kinds=_kinds(self.kinds),
                as_known_on=date_text(self.as_known_on),
            ),
            "began": [change.to_dict() for change in self.began],
            "ended": [change.to_dict() for change in self.ended],
        }
