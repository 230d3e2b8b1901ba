"""How surely one given record holds: the span of a tie, its certainty on a date, and the
certainty of an event in a window.

The queries of :class:`~geoalign.Dataset` about actors find records; these judge a record
the caller already holds (from :meth:`~geoalign.Dataset.get` or an answer).  ``Verdicts``
is a base class of :class:`~geoalign.Dataset`, as ``Explaining`` is.
"""

from __future__ import annotations

from typing import Protocol, cast

from geoalign.errors import UnknownRecordError
from geoalign.model.answers import TieSpan, Verdict
from geoalign.model.dates import DateLike, PartialDate
from geoalign.model.records import Event, Relationship, Source
from geoalign.rules.events import event_verdict
from geoalign.rules.time import relationship_span, tie_verdict
from geoalign.store.arguments import to_as_of, to_bounds, to_record
from geoalign.store.protocol import Store

__all__ = ["Verdicts"]


class _Known(Protocol):
    """What the verdicts need of a dataset (:class:`~geoalign.Dataset` is one)."""

    @property
    def _store(self) -> Store: ...
    @property
    def sources(self) -> tuple[Source, ...]: ...
    @property
    def horizon(self) -> PartialDate | None: ...

    def _known_on(self, as_known_on: DateLike | None) -> _Known: ...


def _known(dataset: object, as_known_on: DateLike | None) -> _Known:
    # A cast, not a self-type: the docs would show the private protocol in signatures.
    return cast(_Known, dataset)._known_on(as_known_on)


class Verdicts:
    """How surely a relationship or an event holds, and the bound that decides it."""

    __slots__ = ()

    def tie_span(
        self, relationship: Relationship, *, as_known_on: DateLike | None = None
    ) -> TieSpan:
        """When ``relationship`` is possibly and definitely in force, and what says so.

        Raises :class:`~geoalign.errors.UnknownRecordError` (a :class:`LookupError`) if
        the relationship is not in this dataset (or, with ``as_known_on``, no source
        published by then cites it), :class:`~geoalign.errors.ArgumentTypeError` if it
        is not a :class:`Relationship`.

        >>> import geoalign
        >>> ds = geoalign.load()
        >>> span = ds.tie_span(ds.get("usa-nis-sanctions"))
        >>> span.definite_from.reason
        'start 2025'
        """
        to_record(relationship, Relationship, "relationship")
        known = _known(self, as_known_on)
        found = known._store.get(relationship.id)
        if not isinstance(found, Relationship):
            raise UnknownRecordError(f"no relationship {relationship.id!r} in this dataset")
        published = {source.id: source.published for source in known.sources}
        return relationship_span(found, published, known.horizon)

    def tie_certainty(
        self,
        relationship: Relationship,
        as_of: DateLike | None = None,
        *,
        as_known_on: DateLike | None = None,
    ) -> Verdict:
        """How surely ``relationship`` is in force at ``as_of``, and the bound that decides.

        Errors as for :meth:`tie_span`, and those of a bad ``as_of``.

        >>> import geoalign
        >>> ds = geoalign.load()
        >>> ds.tie_certainty(ds.get("rus-arm-alliance"), "2023-06-01")
        Verdict(certainty=<Certainty.POSSIBLE: 'possible'>, reason='first attested 2024-12 (breitbart-2024-12-assad-asylum)')
        """
        _, first, last = to_as_of(as_of, _known(self, as_known_on).horizon)
        return tie_verdict(self.tie_span(relationship, as_known_on=as_known_on), first, last)

    def event_certainty(
        self, event: Event, *, start: DateLike | None = None, end: DateLike | None = None
    ) -> Verdict:
        """How surely the window ``[start, end]`` holds ``event``, and why.

        Raises :class:`~geoalign.errors.ArgumentTypeError` if ``event`` is not an
        :class:`Event`, :class:`~geoalign.errors.InvalidDateError` for a bad window.

        >>> import geoalign
        >>> ds = geoalign.load()
        >>> ds.event_certainty(ds.get("assad-asks-putin-for-help"), start="2024-12")
        Verdict(certainty=<Certainty.POSSIBLE: 'possible'>, reason='date [2022-02-24..2024-12-08] partly outside the window')
        """
        to_record(event, Event, "event")
        return event_verdict(event.date, *to_bounds(start, end))
