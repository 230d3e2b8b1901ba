"""The rules of offices: on which days a person holds a post, and whether an event of
the person falls in it.

A post is held from its start through its end day (a president is in office on the day
he leaves it), unlike a tie, which is over on its end day.  A post whose start is not
given is held possibly, never definitely, before its end: the data does not say since
when.  Spans are half-open day ordinals, as in :mod:`geoalign.rules.time`.

>>> from geoalign.model.dates import PartialDate as D
>>> from geoalign.model.edtf import parse_edtf
>>> post = office_span(None, parse_edtf("[2024-12-07..2024-12-08]"))
>>> from geoalign.rules.events import event_spans
>>> landing = event_spans(D(2024, 12, 8))
>>> in_office(post, landing, Certainty.POSSIBLE), in_office(post, landing, Certainty.DEFINITE)
(True, False)
"""

from __future__ import annotations

from geoalign.model.answers import UNBOUNDED
from geoalign.model.edtf import EDTFDate
from geoalign.model.kinds import Certainty
from geoalign.rules.time import EMPTY, UNCERTAIN, Spans, as_written, first_day, last_day

__all__ = ["in_office", "no_day_in_office", "office_span"]


def office_span(start: EDTFDate | None, end: EDTFDate | None) -> Spans:
    """The days a post is possibly and definitely held: ``(from, until, from, until)``.

    Possibly from the first day of the start (none: always) through the last day of the
    end (none: for ever); definitely from the last day of an unqualified start through
    the first day of an unqualified end, and not at all without a start.  An uncertain
    bound (``?``, ``%``) is as written or none: possibly held for ever on its side, and
    definitely where both readings hold it (an end ``E?`` as ``E``).

    >>> from geoalign.model.dates import PartialDate as D
    >>> import datetime
    >>> span = office_span(D(2000, 7), D(2024, 12, 8))
    >>> [str(datetime.date.fromordinal(day)) for day in span]
    ['2000-07-01', '2024-12-09', '2000-07-31', '2024-12-09']
    >>> office_span(D(2000, 7), D(2024, 12, 8, qualifier="?"))[1:] == (10**7, *span[2:])
    True
    """
    # An uncertain bound (?, %) may be none, as for ties (rules.time.UNCERTAIN): the post
    # is possibly held where either reading has it, definitely where both do.
    possible = (
        -UNBOUNDED if start is None or start.qualifier in UNCERTAIN else first_day(start),
        UNBOUNDED if end is None or end.qualifier in UNCERTAIN else last_day(end) + 1,
    )
    definite = EMPTY
    if (
        start is not None
        and start.qualifier is None
        and (end is None or end.qualifier in (None, "?"))
    ):
        since = start.latest.toordinal()
        until = UNBOUNDED if end is None else end.earliest.toordinal() + 1
        definite = (since, until) if since < until else EMPTY
    return (*possible, *definite)


def in_office(post: Spans, event: Spans, certainty: Certainty) -> bool:
    """Whether the post (its :func:`office_span`) is held on the date of an event (its
    :func:`~geoalign.rules.events.event_spans`): definitely, on every day the event may
    have happened; possibly, on some.
    """
    if certainty is Certainty.DEFINITE:
        return post[2] <= event[0] and event[1] < post[3]
    return post[0] <= event[1] and event[0] < post[1]


def no_day_in_office(start: EDTFDate | None, end: EDTFDate | None) -> str | None:
    """Why a post is held on no possible day, or ``None`` if it has some.

    >>> from geoalign.model.dates import PartialDate as D
    >>> no_day_in_office(D(2001), D(2000))
    'ends (2000) before it starts (2001)'
    >>> no_day_in_office(D(2024, 12, 8), D(2024, 12, 8)) is None
    True
    >>> no_day_in_office(D(2001), D(2000, qualifier="?"))
    'ends (2000?) before it starts (2001)'
    """
    # Read as written, as for ties (rules.time.no_possible_day): dates that contradict
    # each other are a mistake even where an uncertain one may be none.
    since, until = office_span(as_written(start), as_written(end))[:2]
    return None if since < until else f"ends ({end}) before it starts ({start})"
