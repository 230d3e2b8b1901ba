"""The explained answers besides the allies: ties, sanctions, timelines, everything
between two actors, and what changed.

They are named from :mod:`geoalign.model.explained` (their home in the docs and in
imports) and defined here, when first asked for: see that module for what every answer
holds and how it is written.
"""

from __future__ import annotations

from typing import Any

import attrs

from geoalign.model.answers import SanctionState, SanctionStatus, SpanBound
from geoalign.model.edtf import EDTFDate
from geoalign.model.evidence import (
    EventEvidence,
    TieEvidence,
    TiesQuestion,
    actor_dict,
    answer_head,
    date_text,
    kind_values,
    value_text,
)
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import Actor

__all__ = [
    "BetweenAnswer",
    "Change",
    "ChangesAnswer",
    "RelationshipsAnswer",
    "SanctionAnswer",
    "TimelineAnswer",
]


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
    possibly: tuple[TieEvidence, ...] = ()
    """When the state is ``unknown`` asked for what is definite: the measures possibly in
    force (the state asked with ``certainty="possible"`` is ``imposed``, possible)."""

    @property
    def summary(self) -> str:
        """The state in words and what else the data holds between them: for an unknown
        state, the measures possibly in force, or else that the data holds no sanction,
        and what it holds instead (or nothing).

        >>> import geoalign
        >>> geoalign.explain_sanctions("USA", "HTS").summary
        "unknown: the data holds no sanction of Hay'at Tahrir al-Sham (hts) by United States (USA); it holds terrorist_designation usa-hts-terrorist-designation (possible)"
        """
        status = self.status
        said = status.state.value.replace("_", " ")
        if status.certainty is not None:
            said = f"{said} ({status.certainty.value})"
        owner = status.target.id
        held = [_held(tie.relationship.kind.value, tie) for tie in self.listings]
        held += [_held(f"{e.event.kind.value} event", e) for e in self.events]
        held += [
            _held("sanctions", tie, f" on {tie.relationship.b}, owned by {owner}")
            for tie in self.on_owned
        ]
        if status.state is not SanctionState.UNKNOWN:
            return f"{said}; the data also holds: {', '.join(held)}" if held else said
        pair = f"of {_named(status.target)} by {_named(status.imposer)}"
        if self.possibly:
            said += f": no sanction {pair} definitely in force; " + possibly_note(
                [tie.relationship.id for tie in self.possibly], "certainty='possible'"
            )
            return f"{said}; it also holds {', '.join(held)}" if held else said
        if held:
            return f"{said}: the data holds no sanction {pair}; it holds {', '.join(held)}"
        return f"{said}: the data holds nothing on sanctions {pair}"

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "sanctions"``)."""
        status = self.status
        return {
            **answer_head(
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
            "possibly": [tie.to_dict() for tie in self.possibly],
            "listings": [tie.to_dict() for tie in self.listings],
            "events": [event.to_dict() for event in self.events],
            "on_owned": [tie.to_dict() for tie in self.on_owned],
            "ownership": [tie.to_dict() for tie in self.ownership],
        }


def _held(kind: str, item: TieEvidence | EventEvidence, more: str = "") -> str:
    record = item.relationship if isinstance(item, TieEvidence) else item.event
    return held_name(kind, record.id, item.certainty.value, more)


def held_name(kind: str, rid: str, certainty: str | None, more: str = "") -> str:
    """A tie or an event a note of no answer names: kind, id, ``more`` and its certainty.

    The one wording, for answers' summaries and the command line's notes.

    >>> held_name("sanctions event", "e", "possible"), held_name("asylum", "t", None)
    ('sanctions event e (possible)', 'asylum t')
    """
    return f"{kind} {rid}{more}" + (f" ({certainty})" if certainty else "")


def possibly_note(possibly: list[str], asked: str) -> str:
    """The part of a note of no definite answer that names what is possibly so: how
    many (when more than one), the first three ids, and how to ask for them all.

    >>> possibly_note(["a"], "--possible")
    'possibly: a (--possible)'
    >>> possibly_note(list("abcd"), "certainty='possible'")
    "possibly 4: a, b, c, ... (certainty='possible')"
    """
    named = ", ".join(possibly[:3]) + (", ..." if len(possibly) > 3 else "")
    many = f" {len(possibly)}" if len(possibly) > 1 else ""
    return f"possibly{many}: {named} ({asked})"


def _named(actor: Actor) -> str:
    return f"{actor.name} ({actor.id})"


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
            **answer_head(
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
            **answer_head(
                "between",
                a=actor_dict(self.a),
                b=actor_dict(self.b),
                start=date_text(self.start),
                end=date_text(self.end),
                kinds=kind_values(self.kinds),
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
            **answer_head(
                "changes",
                actor=actor_dict(self.actor),
                since=str(self.since),
                until=str(self.until),
                kinds=kind_values(self.kinds),
                as_known_on=date_text(self.as_known_on),
            ),
            "began": [change.to_dict() for change in self.began],
            "ended": [change.to_dict() for change in self.ended],
        }
