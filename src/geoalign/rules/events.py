"""The rules of events: the days an event may have happened, the window rule, the order.

Pure functions on day ordinals, like :mod:`geoalign.rules.time`, whose date bounds they use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from geoalign.model.answers import UNBOUNDED, Verdict
from geoalign.model.edtf import EDTFDate
from geoalign.model.kinds import Certainty
from geoalign.rules.time import Spans, first_day, last_day

__all__ = ["event_spans", "event_verdict", "in_window", "timeline_key"]


def event_spans(date: EDTFDate) -> Spans:
    """The days an event may have happened, and the days it surely happened within.

    Possible: its date's first and last days (an approximate date widened, see
    :func:`~geoalign.rules.time.first_day`).  Definite: the same for an unqualified date; a qualified one
    (``?``, ``~``, ``%``) may be off, so only the whole of time surely holds it.

    >>> from geoalign.model.dates import PartialDate as D
    >>> event_spans(D(2024, 12, 8))[2:] == event_spans(D(2024, 12, 8))[:2]
    True
    >>> event_spans(D(2024, 12, 8, qualifier="?"))[2:]
    (-10000000, 10000000)
    """
    possible = (first_day(date), last_day(date))
    if date.qualifier is None:
        return (*possible, *possible)
    return (*possible, -UNBOUNDED, UNBOUNDED)


def in_window(events: Iterable[Any], first: int, last: int, certainty: Certainty) -> list[Any]:
    """The events a window ``[first, last]`` holds: the one window rule.

    Each event is a tuple led by its :func:`event_spans`.  A window definitely holds an
    event when all the days it may have happened on are inside; possibly when some are.

    >>> from geoalign.model.dates import PartialDate
    >>> event = event_spans(PartialDate(2024, 12))
    >>> december, first_week = PartialDate(2024, 12), PartialDate(2024, 12, 7)
    >>> start = december.earliest.toordinal()
    >>> [len(in_window([event], start, day.latest.toordinal(), Certainty.DEFINITE))
    ...  for day in (december, first_week)]
    [1, 0]
    """
    if certainty is Certainty.DEFINITE:
        return [event for event in events if first <= event[2] and event[3] <= last]
    return [event for event in events if event[0] <= last and first <= event[1]]


def event_verdict(date: EDTFDate, first: int, last: int) -> Verdict:
    """How surely the window ``[first, last]`` holds an event dated ``date``, and why.

    >>> from geoalign.model.dates import PartialDate
    >>> day = PartialDate(2024, 12, 8).earliest.toordinal()
    >>> event_verdict(PartialDate(2024, 12), day, day)
    Verdict(certainty=<Certainty.POSSIBLE: 'possible'>, reason='date 2024-12 partly outside the window')
    """
    event = event_spans(date)
    if in_window([event], first, last, Certainty.DEFINITE):
        return Verdict(Certainty.DEFINITE, f"date {date} inside the window")
    if in_window([event], first, last, Certainty.POSSIBLE):
        part = "partly outside" if date.qualifier is None else "qualified, so maybe outside"
        return Verdict(Certainty.POSSIBLE, f"date {date} {part} the window")
    return Verdict(None, f"date {date} outside the window")


def timeline_key(event: Spans, event_id: str) -> tuple[int, int, str]:
    """The timeline order of an event, from its :func:`event_spans`: by the last day it
    may have happened; of two with the same last day, the one known more narrowly (the
    later first day) first; then by id.  So ``2024-11-27`` comes before ``2024-11``, and
    ``2024`` after every day of December 2024.

    >>> from geoalign.model.dates import PartialDate
    >>> dates = [PartialDate(2024), PartialDate(2024, 12, 31), PartialDate(2024, 11),
    ...          PartialDate(2024, 11, 27)]
    >>> [str(d) for d in sorted(dates, key=lambda d: timeline_key(event_spans(d), ""))]
    ['2024-11-27', '2024-11', '2024-12-31', '2024']
    """
    return (event[1], -event[0], event_id)
