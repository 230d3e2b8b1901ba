"""The rules of ties: when a tie is in force, definitely or possibly, and why.

Pure functions on dates and day ordinals (``datetime.date.toordinal()``), used by every
store, by validation and by the brute-force references of the tests: nothing else writes
these rules.  Spans are half-open, ``[from, until)``; ``-UNBOUNDED`` and ``UNBOUNDED``
stand for open sides.  The days a date names (:func:`first_day`, :func:`last_day`) and
the :func:`horizon` are written in ``geoalign.rules.days`` and given here too.
:doc:`/semantics` states the same rules in words.

>>> from geoalign.model.dates import PartialDate as D
>>> span = tie_span(D(1816), D(1911), None, [("cow", D(2004))], D(2004))
>>> [str(bound.day) for bound in span]
['1816-01-01', '1911-12-31', '1816-12-31', '1911-01-01']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from geoalign.model.answers import UNBOUNDED, SpanBound, TieSpan, Verdict
from geoalign.model.dates import PartialDate
from geoalign.model.edtf import EDTFDate
from geoalign.model.kinds import Certainty, Confidence
from geoalign.model.records import Relationship
from geoalign.rules.days import first_day, horizon, last_day

__all__ = [
    "EMPTY",
    "UNCERTAIN",
    "Attestation",
    "Spans",
    "as_written",
    "attestations",
    "before_start",
    "ended",
    "first_day",
    "horizon",
    "in_force",
    "last_day",
    "no_possible_day",
    "possible_span",
    "relationship_span",
    "spans",
    "tie_span",
    "tie_verdict",
]

Attestation = tuple[str, EDTFDate]
"""A source's word on a tie: the source's id, and the date the tie is attested in force
on (a citation's ``claimed_on``, else the source's publication date)."""
Spans = tuple[int, int, int, int]
"""Possible from, possible until, definite from, definite until: day ordinals."""
EMPTY = (UNBOUNDED, UNBOUNDED)
"""The span of no day, as :func:`spans` writes it: it meets no window and ends no day."""
UNCERTAIN: tuple[str | None, ...] = ("?", "%")
"""The qualifiers of an uncertain bound: as written, or unknown (see :func:`tie_span`)."""


# -- ties ----------------------------------------------------------------------------------


def _possible_from(start: EDTFDate | None) -> SpanBound:
    if start is None:
        return SpanBound(-UNBOUNDED, "no start")
    # An uncertain start may be none at all: then the tie may be in force for ever before.
    return SpanBound(
        -UNBOUNDED if start.qualifier in UNCERTAIN else first_day(start), "start", start
    )


def _possible_until(end: EDTFDate | None, ender: Attestation | None) -> SpanBound:
    if end is not None and end.qualifier not in UNCERTAIN:
        return SpanBound(last_day(end), "end", end)
    # No end, or an uncertain one, which may be none: the ended_by source's, or never.
    # An uncertain source date may be none too: the tie ended by an unknown day.
    if ender is not None:
        ends = UNBOUNDED if ender[1].qualifier in UNCERTAIN else last_day(ender[1])
        found = SpanBound(ends, "ended_by", ender[1], ender[0])
    else:
        found = SpanBound(UNBOUNDED, "no end" if end is None else "end", end)
    if end is not None and last_day(end) > found.at:  # the end as written lasts longer
        return SpanBound(last_day(end), "end", end)
    return found


def possible_span(
    start: EDTFDate | None, end: EDTFDate | None, ended: EDTFDate | None
) -> tuple[int, int]:
    """The days a tie is possibly in force, ``[from, until)``, from its start, its end and
    the publication date of its ``ended_by`` source (``None`` if it has none).

    A tie ends on its end day at the latest; one ended by a source, on or before the
    source's publication (its last day, for a source dated to a month or a year).  An
    uncertain bound (``?``, ``%``) may be none, and an uncertain source date unknown:
    the span is open on its side.

    >>> from geoalign.model.dates import PartialDate as D
    >>> import datetime
    >>> [str(datetime.date.fromordinal(day)) for day in possible_span(D(1840), D(1840), None)]
    ['1840-01-01', '1840-12-31']
    >>> possible_span(D(1840, qualifier="?"), D(1840, qualifier="?"), None)
    (-10000000, 10000000)
    """
    ender = None if ended is None else ("", ended)
    return _possible_from(start).at, _possible_until(end, ender).at


def no_possible_day(
    start: EDTFDate | None, end: EDTFDate | None, ended: EDTFDate | None
) -> str | None:
    """Why a tie is in force on no possible day, or ``None`` if it has some.

    Arguments as for :func:`possible_span`.  A dataset must not hold such a tie.  The
    bounds are read as written: an uncertain one (``?``) that may be none leaves days,
    but dates that contradict each other as written are still a mistake.

    >>> from geoalign.model.dates import PartialDate as D
    >>> no_possible_day(D(2024, 12, 8), D(2024, 12, 8), None)
    'ends (2024-12-08) no later than the first day it may have started (2024-12-08), so it is in force on no day'
    >>> no_possible_day(D(2024, 12, 8), D(2024, 12, 8, qualifier="?"), None)
    'ends (2024-12-08?) no later than the first day it may have started (2024-12-08), so it is in force on no day'
    >>> no_possible_day(D(2010, 4, 15), D(2010, 4), None) is None
    True
    """
    since, until = possible_span(as_written(start), as_written(end), as_written(ended))
    if since < until:
        return None
    last = end if end is not None else ended
    return (
        f"ends ({last}) no later than the first day it may have started ({start}), "
        "so it is in force on no day"
    )


def as_written(bound: EDTFDate | None) -> EDTFDate | None:
    """An uncertain bound read as written: ``2024?`` as ``2024``, ``2024%`` as ``2024~``.

    >>> from geoalign.model.dates import PartialDate as D
    >>> as_written(D(2024, qualifier="%")), as_written(None)
    (PartialDate('2024~'), None)
    """
    if bound is None or bound.qualifier not in UNCERTAIN:
        return bound
    return attrs.evolve(bound, qualifier="~" if bound.qualifier == "%" else None)


def tie_span(
    start: EDTFDate | None,
    end: EDTFDate | None,
    ender: Attestation | None,
    attested: Iterable[Attestation],
    horizon: PartialDate | None,
) -> TieSpan:
    """The possible and definite spans of a tie, with the bound that sets each side.

    ``ender`` is its ``ended_by`` source, ``attested`` every attestation of it (both as
    ``(source id, date)``: a citation's ``claimed_on``, else its source's publication;
    see :func:`relationship_span`), ``horizon`` the dataset's (see :func:`horizon`).
    Every date counts with its ``~`` widening (:func:`first_day`, :func:`last_day`).

    * Possibly from the first day of the start (no start: always); definitely from the
      last day of an unqualified start.  An attestation says the tie is in force on its
      day: the tie is definitely in force from the first attestation (the last day of
      the earliest) if that comes sooner.  An attestation wholly before the start
      (:func:`before_start`) contradicts it: loading refuses it, and here it counts
      for nothing.
    * Possibly until the last day of the end, or of the ``ended_by`` source's date (no
      end: for ever); definitely until the first day of an unqualified end; an
      approximate end (``~``), or ``ended_by``, leaves it definite only up to the last
      attestation before the end (the first day of the latest one wholly before it),
      and an open tie up to the horizon's last day.
    * An **uncertain** bound (``?``; ``%``, approximate too) is either as written (an
      uncertain end ``2024?`` as ``2024``, ``2024%`` as ``2024~``) or unknown (as if
      not given): the tie is possibly in force where either reading has it, and
      definitely where both do.  So an uncertain end never makes a tie surely over, nor
      an uncertain start surely in force sooner than with no start.
    * An **uncertain source date** is as written or unknown too: an ``ended_by`` source
      dated ``2024?`` ended the tie by the end of 2024 or by an unknown day, so the tie
      is possibly in force for ever after, and definitely up to the last attestation
      before 2024, as written; an attestation dated ``2024?`` may be of any day, so it
      makes the tie definite nowhere (but a start before it is still refused).

    >>> from geoalign.model.dates import PartialDate as D
    >>> ended = tie_span(D(2019), D(2024, qualifier="?"), None, [("s1", D(2020))], D(2025))
    >>> [bound.reason for bound in ended]  # doctest: +NORMALIZE_WHITESPACE
    ['start 2019', 'end 2024?', 'start 2019', 'end 2024?']
    >>> ended.possible_until.day, str(ended.definite_until.day)
    (None, '2024-01-01')
    >>> from geoalign.model.dates import PartialDate as D
    >>> span = tie_span(None, None, ("s2", D(2024, 12)), [("s1", D(2023, 5, 2))], D(2025))
    >>> [(str(b.day), b.reason) for b in span]  # doctest: +NORMALIZE_WHITESPACE
    [('None', 'no start given'), ('2024-12-31', 'ended_by s2 (2024-12)'),
     ('2023-05-02', 'first attested 2023-05-02 (s1)'),
     ('2023-05-03', 'last attested 2023-05-02 (s1)')]
    """
    since = -UNBOUNDED if start is None else first_day(start)
    # An uncertain attestation may be of an unknown day: it makes nothing definite.
    cited = [
        (source, date, last_day(date))
        for source, date in attested
        if last_day(date) >= since  # not before_start: the loader refuses those
        and date.qualifier not in UNCERTAIN
    ]
    if start is not None and start.qualifier is None:
        definite_from = SpanBound(start.latest.toordinal(), "start", start)
    else:
        definite_from = SpanBound(UNBOUNDED, "not attested")
    # An attestation says the tie is in force on its day: by its last day for sure.
    for source, date, day in cited:
        if day < definite_from.at:
            definite_from = SpanBound(day, "first attested", date, source)
    definite_until = _definite_until(end, ender, cited, horizon)
    return TieSpan(
        _possible_from(start), _possible_until(end, ender), definite_from, definite_until
    )


def before_start(start: EDTFDate | None, attested: EDTFDate) -> bool:
    """Whether an attestation dated ``attested`` is wholly before the first day a tie
    started ``start`` may be: it contradicts the start (see :func:`tie_span`).

    >>> from geoalign.model.dates import PartialDate as D
    >>> before_start(D(2019), D(2018, 12)), before_start(D(2019), D(2019, 1))
    (True, False)
    """
    return start is not None and last_day(attested) < first_day(start)


def attestations(
    relationship: Relationship, published: Mapping[str, EDTFDate]
) -> list[tuple[int, Attestation]]:
    """``(citation index, (source, date))`` of each citation attesting the tie in force:
    on its ``claimed_on`` where the document gives it, else its source's publication (a
    source ``published`` does not give is left out).  A denial attests nothing."""
    found = []
    for index, citation in enumerate(relationship.citations):
        date = citation.claimed_on or published.get(citation.source)
        if date is not None and citation.confidence is not Confidence.DENIED:
            found.append((index, (citation.source, date)))
    return found


def _definite_until(
    end: EDTFDate | None,
    ender: Attestation | None,
    cited: list[tuple[str, EDTFDate, int]],
    horizon: PartialDate | None,
) -> SpanBound:
    if end is not None and end.qualifier in (None, "?"):  # "?": read first as written
        written = SpanBound(end.earliest.toordinal(), "end", end)
    elif end is not None or ender is not None:
        # An approximate end or an ended_by source: up to the last attestation before.
        before = first_day(end if end is not None else ender[1])  # type: ignore[index]
        written = SpanBound(-UNBOUNDED, "not attested before its end")
        for source, date, day in cited:
            seen = first_day(date) + 1
            if day < before and seen > written.at:
                written = SpanBound(seen, "last attested", date, source)
    elif horizon is None:
        return SpanBound(-UNBOUNDED, "no horizon")
    else:
        return SpanBound(last_day(horizon) + 1, "horizon", horizon)
    if end is None or end.qualifier not in UNCERTAIN:
        return written
    # An uncertain end may be none: definite only as far as both readings go.
    unknown = _definite_until(None, ender, cited, horizon)
    return unknown if unknown.at < written.at else written


def relationship_span(
    relationship: Relationship, published: Mapping[str, EDTFDate], horizon: PartialDate | None
) -> TieSpan:
    """:func:`tie_span` of a relationship, given each source's publication date by id.

    Each citation attests the tie on the day its statement was made
    (:func:`attestations`).

    >>> from geoalign.model.records import Citation, Relationship
    >>> from geoalign.model.kinds import Confidence, RelationshipKind
    >>> tie = Relationship(id="t", kind=RelationshipKind.ALLIANCE, a="A", b="B",
    ...                    confidence=Confidence.CONFIRMED, summary="s",
    ...                    citations=(Citation(source="s1", quote="q"),))
    >>> relationship_span(tie, {"s1": PartialDate(2024, 12)}, PartialDate(2025)).definite_from.reason
    'first attested 2024-12 (s1)'
    """
    ended_by = relationship.ended_by
    ender = None
    if ended_by is not None and ended_by in published:
        ender = (ended_by, published[ended_by])
    attested = [found for _, found in attestations(relationship, published)]
    return tie_span(relationship.start, relationship.end, ender, attested, horizon)


def spans(tie: TieSpan) -> Spans:
    """The four bounds as ordinals, an empty possible span written :data:`EMPTY`.

    The definite bounds stay as they are even when ``from >= until``: no day is then
    definite, but a window holding every day from ``until - 1`` to ``from`` surely holds
    one on which the tie is in force (every reading starts it by ``from`` and ends it no
    sooner than ``until``), and :func:`in_force` says so.

    >>> from geoalign.model.dates import PartialDate as D
    >>> span = spans(tie_span(None, D(2024, 12, 11), None, [("s", D(2024, 12))], D(2025)))
    >>> import datetime
    >>> [str(datetime.date.fromordinal(day)) for day in span[2:]]
    ['2024-12-31', '2024-12-11']
    """
    possible = (tie.possible_from.at, tie.possible_until.at)
    return (
        *(possible if possible[0] < possible[1] else EMPTY),
        tie.definite_from.at,
        tie.definite_until.at,
    )


def in_force(ties: Iterable[Any], first: int, last: int, certainty: Certainty) -> list[Any]:
    """The ties in force on some day of ``[first, last]``: the one in-force rule.

    Each tie is a tuple led by its :func:`spans`.  A tie is possibly in force over the
    window when its possible span meets it, and definitely when every reading of its
    dates puts one of the window's days in force: when the tie surely starts by the
    window's last day (``definite_from <= last``) and surely lasts past its first day
    (``first < definite_until``).  For one day that is the day inside the definite span;
    a longer window may be definite even when no single day is: a tie attested on some
    unknown day of December and surely in force until the 11th is definitely in force
    on some day of December.

    >>> tie = (10, 30, 15, 20)
    >>> windows = [(0, 9), (0, 14), (0, 15), (19, 25), (20, 25), (30, 40)]
    >>> [(len(in_force([tie], *w, Certainty.POSSIBLE)), len(in_force([tie], *w, Certainty.DEFINITE)))
    ...  for w in windows]
    [(0, 0), (1, 0), (1, 1), (1, 1), (1, 0), (0, 0)]
    >>> attested_once = (0, 40, 25, 12)  # surely started by day 25, surely over no sooner than 12
    >>> [len(in_force([attested_once], f, l, Certainty.DEFINITE)) for f, l in [(20, 20), (11, 25), (12, 25)]]
    [0, 1, 0]
    """
    if certainty is Certainty.DEFINITE:
        return [tie for tie in ties if tie[2] <= last and first < tie[3]]
    return [tie for tie in ties if tie[0] <= last and first < tie[1]]


def ended(ties: Iterable[Any], first: int) -> list[Any]:
    """The ties surely over by the day ``first``: their possible span ends by then.

    >>> ended([(10, 30, 15, 20)], 29), ended([(10, 30, 15, 20)], 30)
    ([], [(10, 30, 15, 20)])
    """
    return [tie for tie in ties if tie[1] <= first]


def tie_verdict(tie: TieSpan, first: int, last: int) -> Verdict:
    """How surely a tie is in force over ``[first, last]``, and the bound that decides.

    A definite tie names both definite bounds; a possible one the definite bound the
    window misses; one not in force the possible bound it misses.

    >>> from geoalign.model.dates import PartialDate as D
    >>> span = tie_span(D(2019), None, None, [("s1", D(2025))], D(2025))
    >>> day = D(2019, 6).earliest.toordinal()
    >>> tie_verdict(span, day, day)
    Verdict(certainty=<Certainty.POSSIBLE: 'possible'>, reason='start 2019')
    >>> tie_verdict(span, day + 365, day + 365).reason
    'start 2019; open as of the horizon 2025'
    """
    bounds = spans(tie)
    if in_force([bounds], first, last, Certainty.DEFINITE):
        reason = f"{tie.definite_from.reason}; {tie.definite_until.reason}"
        return Verdict(Certainty.DEFINITE, reason)
    if in_force([bounds], first, last, Certainty.POSSIBLE):
        missed = tie.definite_from if last < tie.definite_from.at else tie.definite_until
        return Verdict(Certainty.POSSIBLE, missed.reason)
    missed = tie.possible_from if last < tie.possible_from.at else tie.possible_until
    return Verdict(None, missed.reason)
