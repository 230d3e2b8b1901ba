"""Hand-made records for datasets built to show one query rule at a time.

Import them as ``from tests.query_records import SOURCE, happening, source, tie``.
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
from geoalign.model.edtf import parse_edtf


def source(sid: str, published: str) -> Source:
    """A source published on ``published`` (a partial date as text)."""
    return Source(
        id=sid, title=sid, publisher="P", published=PartialDate.parse(published), document="d"
    )


SOURCE = source("s1", "2024-12-10")
"""The source the hand-made records cite unless told otherwise, published on 2024-12-10."""


def tie(
    rid: str,
    kind: RelationshipKind,
    a: str,
    b: str,
    *,
    cites: tuple[str, ...] = ("s1",),
    **period: Any,
) -> Relationship:
    """A relationship citing ``cites``; ``period`` gives its start, end (EDTF text or
    dates) or ended_by."""
    for field in ("start", "end"):
        if isinstance(period.get(field), str):
            period[field] = parse_edtf(period[field])
    return Relationship(
        id=rid, kind=kind, a=a, b=b, confidence=Confidence.CONFIRMED, summary=rid,
        citations=tuple(Citation(source=s, quote="q") for s in cites), **period,
    )  # fmt: skip


def happening(eid: str, date: str, *actors: str) -> Event:
    """A meeting of ``actors`` on ``date`` (EDTF text), citing ``s1``."""
    return Event(
        id=eid, date=parse_edtf(date), kind=EventKind.MEETING, actors=actors,
        confidence=Confidence.CONFIRMED, summary=eid, citations=(Citation(source="s1", quote="q"),),
    )  # fmt: skip
