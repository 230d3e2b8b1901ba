"""The evidence items of answers: quotes with their sources, ties and events with the
certainty and the reason that decide them, and how answers write an actor.

:mod:`geoalign.model.explained` builds every answer from these.
"""

from __future__ import annotations

from typing import Any

import attrs

from geoalign.model.edtf import EDTFDate
from geoalign.model.kinds import Certainty, Confidence
from geoalign.model.records import Actor, Country, Event, Organization, Relationship, Source

__all__ = ["EventEvidence", "Quote", "TieEvidence", "actor_dict", "date_text", "value_text"]


def date_text(date: EDTFDate | None) -> str | None:
    """A date as answers write it: EDTF text, or ``None``."""
    return None if date is None else str(date)


def value_text(member: Certainty | Confidence | None) -> str | None:
    """A certainty or a confidence as answers write it: its value, or ``None``."""
    return None if member is None else member.value


def actor_dict(actor: Actor) -> dict[str, str]:
    """An actor as answers write it: id, name and type.

    >>> actor_dict(Country(id="SRB", name="Serbia"))
    {'id': 'SRB', 'name': 'Serbia', 'type': 'country'}
    """
    kind = (
        "country"
        if isinstance(actor, Country)
        else "organization"
        if isinstance(actor, Organization)
        else "person"
    )
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
        """The tie as plain data: the relationship's fields, certainty, reason, quotes."""
        tie = self.relationship
        return {
            "id": tie.id,
            "kind": tie.kind.value,
            "a": tie.a,
            "b": tie.b,
            "start": date_text(tie.start),
            "end": date_text(tie.end),
            "ended_by": tie.ended_by,
            "confidence": tie.confidence.value,
            "summary": tie.summary,
            "certainty": self.certainty.value,
            "reason": self.reason,
            "quotes": [quote.to_dict() for quote in self.quotes],
        }


@attrs.frozen(kw_only=True)
class EventEvidence:
    """An event as evidence: how surely the window asked holds it, and why."""

    event: Event
    certainty: Certainty
    reason: str
    quotes: tuple[Quote, ...]

    def to_dict(self) -> dict[str, Any]:
        """The event as plain data: its fields, certainty, reason and quotes."""
        event = self.event
        return {
            "id": event.id,
            "kind": event.kind.value,
            "date": str(event.date),
            "actors": list(event.actors),
            "location": event.location,
            "confidence": event.confidence.value,
            "summary": event.summary,
            "certainty": self.certainty.value,
            "reason": self.reason,
            "quotes": [quote.to_dict() for quote in self.quotes],
        }
