"""What the queries answer besides records: sanction states, certainties and their reasons.

:class:`SanctionStatus` is the answer of :func:`geoalign.sanction_status`; a
:class:`Verdict` says how surely one tie or event answers a question and why; a
:class:`TieSpan` gives the four bounds of one tie (see :doc:`/semantics`).
"""

from __future__ import annotations

import datetime
import enum
from typing import NamedTuple

import attrs

from geoalign.model.dates import PartialDate
from geoalign.model.edtf import EDTFDate
from geoalign.model.kinds import Certainty
from geoalign.model.records import Actor, Citation, Relationship

__all__ = ["UNBOUNDED", "SanctionState", "SanctionStatus", "SpanBound", "TieSpan", "Verdict"]

UNBOUNDED = 10**7
"""A day ordinal after every date (9999-12-31 is day 3,652,059); ``-UNBOUNDED`` is before
every date.  An open bound of a span is one of the two."""


class SanctionState(enum.Enum):
    """The four answers to "has this imposer sanctioned this target?".

    >>> SanctionState("not_imposed")
    <SanctionState.NOT_IMPOSED: 'not_imposed'>
    """

    IMPOSED = "imposed"
    """A sanctions relationship from the imposer to the target (or to an organization
    based in the target) is in force."""
    LIFTED = "lifted"
    """There was such a relationship, and none is in force any more."""
    NOT_IMPOSED = "not_imposed"
    """A source states that the imposer has not sanctioned the target."""
    UNKNOWN = "unknown"
    """The dataset says nothing either way; silence is never taken for "not imposed"."""


@attrs.frozen(kw_only=True, repr=False)
class SanctionStatus:
    """The answer of :func:`geoalign.sanction_status`, with the relationships behind it.

    ``certainty`` says how surely the state holds over ``as_of``: ``definite`` when every
    reading of the measures' dates gives it, ``possible`` when only some do, ``None`` for
    ``unknown``.

    >>> import geoalign
    >>> status = geoalign.sanction_status("Serbia", "Russia")
    >>> status.state, status.certainty
    (<SanctionState.NOT_IMPOSED: 'not_imposed'>, <Certainty.DEFINITE: 'definite'>)
    >>> status.measures[0].kind
    <RelationshipKind.NON_SANCTIONING: 'non_sanctioning'>
    """

    imposer: Actor
    target: Actor
    as_of: PartialDate
    state: SanctionState
    certainty: Certainty | None = None
    measures: tuple[Relationship, ...] = ()
    """The relationships the state rests on: sanctions for ``imposed`` and ``lifted``,
    declared non-sanctioning for ``not_imposed``, none for ``unknown``."""

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation of every measure, in order."""
        return tuple(citation for measure in self.measures for citation in measure.citations)

    def __repr__(self) -> str:
        measures = tuple(measure.id for measure in self.measures)
        certainty = None if self.certainty is None else self.certainty.value
        return (
            f"SanctionStatus(imposer={self.imposer.id!r}, target={self.target.id!r}, "
            f"as_of='{self.as_of}', state={self.state.value!r}, certainty={certainty!r}, "
            f"measures={measures!r})"
        )


class Verdict(NamedTuple):
    """How surely one tie or event answers a question, and the bound that decides it.

    ``certainty`` is ``None`` when the item does not answer at all.

    >>> Verdict(Certainty.POSSIBLE, "first attested 2024-12 (s1)")
    Verdict(certainty=<Certainty.POSSIBLE: 'possible'>, reason='first attested 2024-12 (s1)')
    """

    certainty: Certainty | None
    reason: str


class SpanBound(NamedTuple):
    """One bound of a :class:`TieSpan`: a day, and the rule and the data that set it.

    ``at`` is the day as an ordinal (``datetime.date.toordinal()``), ``-UNBOUNDED`` or
    ``UNBOUNDED`` when open; ``rule`` names the rule of :mod:`geoalign.rules.time` that
    set it, ``date`` and ``source`` the date and the source it read.

    >>> b = SpanBound(datetime.date(2019, 12, 31).toordinal(), "start", PartialDate(2019), None)
    >>> b.day, b.reason
    (datetime.date(2019, 12, 31), 'start 2019')
    """

    at: int
    rule: str
    date: EDTFDate | None = None
    source: str | None = None

    @property
    def day(self) -> datetime.date | None:
        """The day, or ``None`` for an open bound."""
        return datetime.date.fromordinal(self.at) if abs(self.at) < UNBOUNDED else None

    @property
    def reason(self) -> str:
        """The bound in words: ``"start 2019"``, ``"first attested 2024-12 (s1)"``..."""
        said = _SAID[self.rule]
        return said.format(date=self.date, source=self.source)


_SAID = {
    "no start": "no start given",
    "start": "start {date}",
    "first attested": "first attested {date} ({source})",
    "not attested": "no source attests it after its start",
    "end": "end {date}",
    "ended_by": "ended_by {source} ({date})",
    "last attested": "last attested {date} ({source})",
    "not attested before its end": "no source attests it before its end",
    "no end": "no end given",
    "horizon": "open as of the horizon {date}",
    "no horizon": "open, in a dataset without sources",
}


class TieSpan(NamedTuple):
    """When a tie is possibly and definitely in force: two half-open spans of days.

    The tie is possibly in force on the days ``possible_from <= d < possible_until``
    and definitely on ``definite_from <= d < definite_until`` (no day when
    ``definite_from >= definite_until``); the definite span lies inside the possible
    one.  Get one from :meth:`geoalign.Dataset.tie_span`.

    >>> import geoalign
    >>> span = geoalign.load().tie_span(geoalign.load().get("rus-syr-alliance"))
    >>> span.possible_from.reason, span.definite_from.reason
    ('no start given', 'first attested 2022-02-26 (see-news-2022-02-26)')
    >>> str(span.definite_until.day), span.definite_until.reason
    ('2024-12-07', 'end [2024-12-07..]')
    """

    possible_from: SpanBound
    possible_until: SpanBound
    definite_from: SpanBound
    definite_until: SpanBound
