"""The evidence items of answers: quotes with their sources, ties and events with the
certainty and the reason that decide them, how answers write an actor, and what every
answer begins with (its version, its kind, the question: :class:`TiesQuestion` for those
about an actor's ties).

A tie or an event gives the fields of its record as ``geoalign.model.items.record_part``
reads them from the record's class.

:mod:`geoalign.model.explained` builds every answer from these.
"""

from __future__ import annotations

from typing import Any

import attrs

from geoalign.model.edtf import EDTFDate
from geoalign.model.items import record_part
from geoalign.model.kinds import Certainty, Confidence, RelationshipKind
from geoalign.model.records import RECORD_TYPES, Actor, Event, Relationship, Source

__all__ = [
    "ANSWER_VERSION",
    "CitedTie",
    "EventEvidence",
    "Quote",
    "TieEvidence",
    "TiesQuestion",
    "actor_dict",
    "answer_head",
    "date_text",
    "kind_values",
    "value_text",
]

ANSWER_VERSION = 1
"""The version of the answers' JSON form; every ``to_dict()`` says it as ``"version"``."""


def date_text(date: EDTFDate | None) -> str | None:
    """A date as answers write it: EDTF text, or ``None``."""
    return None if date is None else str(date)


def value_text(member: Certainty | Confidence | None) -> str | None:
    """A certainty or a confidence as answers write it: its value, or ``None``."""
    return None if member is None else member.value


def actor_dict(actor: Actor) -> dict[str, str]:
    """An actor as answers write it: id, name and type.

    >>> from geoalign.model.records import Country
    >>> actor_dict(Country(id="SRB", name="Serbia"))
    {'id': 'SRB', 'name': 'Serbia', 'type': 'country'}
    """
    kind = next(t.singular for t in RECORD_TYPES if isinstance(actor, t.cls))
    return {"id": actor.id, "name": actor.name, "type": kind}


@attrs.frozen(kw_only=True)
class Quote:
    """One citation of a record, with the source it quotes.

    ``confidence`` is how firmly this quote states the fact: the citation's own where it
    gives one, else the record's.
    """

    source: Source
    quote: str
    confidence: Confidence
    claimed_by: str | None = None
    claimed_on: EDTFDate | None = None

    def to_dict(self) -> dict[str, Any]:
        """The quote as plain data: its text, confidence, claim and source."""
        return {
            "quote": self.quote,
            "confidence": self.confidence.value,
            "claimed_by": self.claimed_by,
            "claimed_on": date_text(self.claimed_on),
            "source": {
                "id": self.source.id,
                "title": self.source.title,
                "publisher": self.source.publisher,
                "published": str(self.source.published),
                "url": self.source.url,
            },
        }


@attrs.frozen(kw_only=True)
class TieEvidence:
    """A relationship as evidence: how surely it holds for the question, and why.

    ``reason`` names the bound (or bounds) of the tie's span that decide its
    ``certainty`` (see :meth:`geoalign.Dataset.tie_certainty`).
    """

    relationship: Relationship
    certainty: Certainty
    reason: str
    quotes: tuple[Quote, ...]

    def to_dict(self) -> dict[str, Any]:
        """The tie as plain data: the relationship's fields (but its citations, which
        the quotes give), certainty, reason, quotes."""
        return _judged(self.relationship, self.certainty, self.reason, self.quotes)


@attrs.frozen(kw_only=True)
class EventEvidence:
    """An event as evidence: how surely the window asked holds it, and why."""

    event: Event
    certainty: Certainty
    reason: str
    quotes: tuple[Quote, ...]

    def to_dict(self) -> dict[str, Any]:
        """The event as plain data: its fields (but its citations), certainty, reason and
        quotes."""
        return _judged(self.event, self.certainty, self.reason, self.quotes)


@attrs.frozen(kw_only=True)
class CitedTie:
    """A relationship with its quotes, judged on no date: one of an actor's ties at any time."""

    relationship: Relationship
    quotes: tuple[Quote, ...]

    def to_dict(self) -> dict[str, Any]:
        """The tie as plain data: the relationship's fields (but its citations) and quotes."""
        part = record_part(self.relationship)  # a new dict: extended in place
        part["quotes"] = [quote.to_dict() for quote in self.quotes]
        return part


def _judged(
    record: Relationship | Event, certainty: Certainty, reason: str, quotes: tuple[Quote, ...]
) -> dict[str, Any]:
    part = record_part(record)  # a new dict: extended in place
    part["certainty"] = certainty.value
    part["reason"] = reason
    part["quotes"] = [quote.to_dict() for quote in quotes]
    return part


def answer_head(answer: str, **question: Any) -> dict[str, Any]:
    """The first keys of an answer's plain data: ``answer``, ``version``, the question."""
    return {"answer": answer, "version": ANSWER_VERSION, **question}


def kind_values(kinds: tuple[RelationshipKind, ...]) -> list[str]:
    """Kinds as answers write them: their values, in the order given."""
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
        return answer_head(
            answer,
            actor=actor_dict(self.actor),
            as_of=str(self.as_of),
            kinds=kind_values(self.kinds),
            certainty=self.certainty.value,
            as_known_on=date_text(self.as_known_on),
        )
