"""What was known on a day: the records as the sources published by then support them.

>>> from geoalign.model.dates import PartialDate
>>> from geoalign.model.records import Records, Source
>>> early = Source(id="s1", title="t", publisher="p", published=PartialDate(2024, 11),
...                document="d")
>>> late = Source(id="s2", title="t", publisher="p", published=PartialDate(2024, 12),
...               document="d")
>>> [s.id for s in known_on(Records(sources=(early, late)), PartialDate(2024, 12, 30).latest.toordinal()).sources]
['s1']
"""

from __future__ import annotations

from typing import TypeVar

import attrs

from geoalign.model.edtf import EDTFDate
from geoalign.model.records import Citation, Event, Records, Relationship
from geoalign.rules.days import first_day, horizon, last_day

__all__ = ["is_known", "known_from", "known_on"]

_Cited = TypeVar("_Cited", Relationship, Event)


def known_from(published: EDTFDate) -> int:
    """The day a source published on ``published`` counts from, as an ordinal: the last
    day it may have been published, with the ``~`` widening every rule gives its date
    (:func:`~geoalign.rules.time.last_day`).  An uncertain date (``?``) counts as
    written: counting it later would leave a tie it ends open, and so more definite;
    the rules of ties weigh its ``?`` (:func:`~geoalign.rules.time.tie_span`).

    >>> from geoalign.model.dates import PartialDate as D
    >>> import datetime
    >>> [str(datetime.date.fromordinal(known_from(D(2024, qualifier=q)))) for q in (None, "?", "~")]
    ['2024-12-31', '2024-12-31', '2025-12-31']
    """
    return last_day(published)


def is_known(published: EDTFDate, day: int) -> bool:
    """Whether a source published on ``published`` is known on the day ordinal ``day``:
    the one test of it (from :func:`known_from` on).  Given a dataset's horizon
    (:func:`~geoalign.rules.time.horizon`), whether every source of it is known.

    >>> from geoalign.model.dates import PartialDate as D
    >>> day = D(2024, 12, 31).earliest.toordinal()
    >>> is_known(D(2024, 12), day), is_known(D(2024, 12), day - 1), is_known(D(2024, qualifier="~"), day)
    (True, False, False)
    """
    return known_from(published) <= day


def known_on(records: Records, day: int, *, latest: EDTFDate | None = None) -> Records:
    """The records as known on the day ordinal ``day``.

    ``latest`` is the horizon of the whole dataset, for ``records`` that hold only some
    of its sources (by default, the horizon of ``records.sources``).

    * Once every source of the dataset is known (``day`` at or after the last day of
      its horizon), the records are as they stand: the very ``records``.
    * Otherwise a source counts once it is surely published (:func:`is_known`: a source
      dated ``2024-12``, or ``[2022-02-24..2024-12]``, counts from 31 December 2024; one
      dated ``2024~``, about 2024, from 31 December 2025).  Citations of other sources
      are dropped; a relationship or event left with none does not exist.  A tie's end
      not yet known does not apply, and the tie is open: an ``ended_by`` naming a source
      not yet published, and an ``end`` whose first possible day
      (:func:`~geoalign.rules.time.first_day`) is after ``day``, as the data does not
      say which source gives an end, and on ``day`` none had happened.  Actors stay.
      Records that lose nothing are the same objects.

    >>> from geoalign.model.dates import PartialDate
    >>> from geoalign.model.records import Citation, Relationship, Source
    >>> from geoalign.model.kinds import Confidence, RelationshipKind
    >>> early = Source(id="s1", title="t", publisher="p", published=PartialDate(2022, 3),
    ...                document="d")
    >>> tie = Relationship(id="t", kind=RelationshipKind.ALLIANCE, a="A", b="B",
    ...                    confidence=Confidence.CONFIRMED, summary="s", end=PartialDate(2024),
    ...                    citations=(Citation(source="s1", quote="q"),))
    >>> records, day = Records(sources=(early,), relationships=(tie,)), PartialDate(2022, 6).latest.toordinal()
    >>> known_on(records, day).relationships[0].end  # every source is known: as it stands
    PartialDate('2024')
    >>> print(known_on(records, day, latest=PartialDate(2025)).relationships[0].end)
    None
    """
    whole = horizon(source.published for source in records.sources) if latest is None else latest
    if whole is None or is_known(whole, day):
        return records
    known = {s.id for s in records.sources if is_known(s.published, day)}
    relationships = []
    for tie in _cited(records.relationships, known):
        if tie.ended_by is not None and tie.ended_by not in known:
            tie = attrs.evolve(tie, ended_by=None)
        if tie.end is not None and first_day(tie.end) > day:
            tie = attrs.evolve(tie, end=None)
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
