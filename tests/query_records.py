"""Hand-made records for datasets built to show one query rule at a time.

Import them as ``from tests.query_records import SOURCE, happening, tie``.
"""

from __future__ import annotations

from typing import Any

from geoalign import (
    Citation,
    Confidence,
    Event,
    EventKind,
    PartialDate,
    Relationship,
    RelationshipKind,
    Source,
)

SOURCE = Source(
    id="s1", title="T", publisher="P", published=PartialDate(2024, 12, 10), document="d"
)
"""The one source of the hand-made datasets, published on 2024-12-10."""
CITED = (Citation(source="s1", quote="q"),)
"""What every hand-made tie and event cites."""


def tie(rid: str, kind: RelationshipKind, a: str, b: str, **period: Any) -> Relationship:
    """A cited relationship; ``period`` gives its start, end or ended_by."""
    return Relationship(
        id=rid, kind=kind, a=a, b=b, confidence=Confidence.CONFIRMED, summary=rid, citations=CITED,
        **period,
    )  # fmt: skip


def happening(eid: str, date: str, *actors: str) -> Event:
    """A cited meeting of ``actors`` on ``date`` (a partial date as text)."""
    return Event(
        id=eid, date=PartialDate.parse(date), kind=EventKind.MEETING, actors=actors,
        confidence=Confidence.CONFIRMED, summary=eid, citations=CITED,
    )  # fmt: skip
