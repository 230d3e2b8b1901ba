"""What was known on a day: the records as the sources published by then support them.

>>> from geoalign.model.dates import PartialDate
>>> from geoalign.model.records import Records, Source
>>> late = Source(id="s2", title="t", publisher="p", published=PartialDate(2024, 12),
...               document="d")
>>> known_on(Records(sources=(late,)), PartialDate(2024, 12, 30).latest.toordinal())
Records(sources=(), countries=(), organizations=(), persons=(), relationships=(), events=())
"""

from __future__ import annotations

from typing import TypeVar

import attrs

from geoalign.model.edtf import EDTFDate
from geoalign.model.records import Citation, Event, Records, Relationship
from geoalign.rules.time import last_day

__all__ = ["known_from", "known_on"]

_Cited = TypeVar("_Cited", Relationship, Event)


def known_from(published: EDTFDate) -> int:
    """The day a source published on ``published`` counts from, as an ordinal: the last
    day it may have been published, with the ``~`` widening every rule gives its date
    (:func:`~geoalign.rules.time.last_day`).

    >>> from geoalign.model.dates import PartialDate as D
    >>> import datetime
    >>> [str(datetime.date.fromordinal(known_from(D(2024, qualifier=q)))) for q in (None, "?", "~")]
    ['2024-12-31', '2024-12-31', '2025-12-31']
    """
    return last_day(published)


def known_on(records: Records, day: int) -> Records:
    """The records as known on the day ordinal ``day``.

    A source counts once it is surely published: from the last day of its date (a source
    dated ``2024-12``, or ``[2022-02-24..2024-12]``, counts from 31 December 2024; one
    dated ``2024~``, about 2024, from 31 December 2025: see :func:`known_from`).
    Citations of other sources are dropped;
    a relationship or event left with none does not exist; an ``ended_by`` naming a
    source not yet published does not apply (the tie is open).  Actors stay.  Records
    that lose nothing are the same objects.
    """
    known = {s.id for s in records.sources if known_from(s.published) <= day}
    relationships = []
    for tie in _cited(records.relationships, known):
        if tie.ended_by is not None and tie.ended_by not in known:
            tie = attrs.evolve(tie, ended_by=None)
        relationships.append(tie)
    return attrs.evolve(
        records,
        sources=tuple(source for source in records.sources if source.id in known),
        relationships=tuple(relationships),
        events=tuple(_cited(records.events, known)),
    )


def _cited(records: tuple[_Cited, ...], known: set[str]) -> list[_Cited]:
    kept = []
    for record in records:
        citations: tuple[Citation, ...] = tuple(c for c in record.citations if c.source in known)
        if len(citations) == len(record.citations):
            kept.append(record)
        elif citations:
            kept.append(attrs.evolve(record, citations=citations))
    return kept
