"""The answers of browsing: the actors, one actor's events, its ties at any time, and the
measures on or by it.

Frozen attrs classes like those of :mod:`geoalign.model.explained`, in the same JSON form
(``{"answer", "version", ...}``), described by the same
:data:`~geoalign.model.answer_schema.ANSWER_SCHEMA`.  Build them with the functions of
``geoalign.store.browse`` (``actors``, ``events``, ``all_relationships``, ``measures``).
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from geoalign.model.edtf import EDTFDate
from geoalign.model.evidence import CitedTie, EventEvidence, TieEvidence, actor_dict, date_text
from geoalign.model.explained import ANSWER_VERSION, TiesQuestion
from geoalign.model.kinds import Certainty, EventKind, RelationshipKind
from geoalign.model.records import Actor

__all__ = ["ActorsAnswer", "AllRelationshipsAnswer", "EventsAnswer", "MeasuresAnswer"]


def _head(answer: str, **question: Any) -> dict[str, Any]:
    return {"answer": answer, "version": ANSWER_VERSION, **question}


@attrs.frozen(kw_only=True)
class ActorsAnswer:
    """The actors of a type (``"country"``, ``"organization"``, ``"person"``; ``None``: any)
    with a name holding ``name`` (``None``: any), in the dataset's order."""

    type: str | None
    name: str | None
    actors: tuple[Actor, ...]

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "actors"``): each actor's id, name, type
        and aliases."""
        found = [{**actor_dict(actor), "aliases": list(actor.aliases)} for actor in self.actors]
        return _head("actors", type=self.type, name=self.name, actors=found)


@attrs.frozen(kw_only=True)
class EventsAnswer:
    """The events of ``actor`` inside a window, in timeline order, kept to the kinds
    ``event_kinds`` and the places holding ``where`` (``None``: no such filter)."""

    actor: Actor
    start: EDTFDate | None
    end: EDTFDate | None
    event_kinds: tuple[EventKind, ...] | None
    where: str | None
    certainty: Certainty
    as_known_on: EDTFDate | None
    events: tuple[EventEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "events"``)."""
        kinds = self.event_kinds
        return _head(
            "events",
            actor=actor_dict(self.actor),
            start=date_text(self.start),
            end=date_text(self.end),
            event_kinds=None if kinds is None else [kind.value for kind in kinds],
            where=self.where,
            certainty=self.certainty.value,
            as_known_on=date_text(self.as_known_on),
            events=[event.to_dict() for event in self.events],
        )


@attrs.frozen(kw_only=True)
class AllRelationshipsAnswer:
    """Every tie of ``actor`` of the kinds asked, at any time, by id, with its quotes.

    Its JSON is a ``"relationships"`` answer asked as of no date (``"as_of": null``),
    its ties judged on no date (no ``"certainty"``, no ``"reason"``).
    """

    actor: Actor
    kinds: tuple[RelationshipKind, ...]
    as_known_on: EDTFDate | None
    ties: tuple[CitedTie, ...]

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "relationships"``, ``"as_of": null``)."""
        return _head(
            "relationships",
            actor=actor_dict(self.actor),
            as_of=None,
            kinds=[kind.value for kind in self.kinds],
            as_known_on=date_text(self.as_known_on),
            ties=[tie.to_dict() for tie in self.ties],
        )


@attrs.frozen(kw_only=True)
class MeasuresAnswer(TiesQuestion):
    """The sanctions, terrorist designations and statements of not sanctioning in force
    as of a date on ``actor`` (``side="on"``: on it or on an organization based in it)
    or by it (``side="by"``), by id."""

    side: Literal["on", "by"]
    ties: tuple[TieEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "sanctions_on"`` or ``"sanctions_by"``)."""
        ties = [tie.to_dict() for tie in self.ties]
        return {**self.question(f"sanctions_{self.side}"), "ties": ties}
