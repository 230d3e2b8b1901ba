"""What a store must answer: the questions behind every query, on ids and day ordinals.

A store holds one dataset's records and answers from indexes of its own.  The queries of
:class:`~geoalign.Dataset` turn their arguments into ids and days, ask the store, and
apply the rules of :mod:`geoalign.rules.time` to what it returns.  :class:`MemoryStore
<geoalign.store.memory.MemoryStore>` is the first store; the tests hold every store to
a brute-force oracle that reads every record.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol

from geoalign.model.dates import PartialDate
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import Actor, Event, Record, Relationship
from geoalign.rules.time import Spans

__all__ = ["Store", "Tie"]


class Tie(NamedTuple):
    """A relationship seen from one of its actors, led by its spans (day ordinals).

    The spans are :func:`geoalign.rules.time.spans` of the relationship's
    :func:`~geoalign.rules.time.tie_span`: the rules read them by position.
    """

    possible_from: int
    possible_until: int
    definite_from: int
    definite_until: int
    other: str
    """The actor at the other end of the tie."""
    relationship: Relationship


class Store(Protocol):
    """The questions a backend answers for one dataset.

    Days are ordinals (``datetime.date.toordinal()``); a window ``[first, last]``
    includes both ends, and an open side is ``-UNBOUNDED`` or ``UNBOUNDED``.
    """

    @property
    def horizon(self) -> PartialDate | None:
        """The latest publication date (:func:`geoalign.rules.time.horizon`)."""

    def get(self, record_id: str) -> Record | None:
        """The record with this id, or ``None``."""

    def resolve(self, name: str) -> Actor:
        """The actor a name names (see :meth:`geoalign.Dataset.resolve`), or raise
        :class:`~geoalign.UnknownActorError`."""

    def ties(
        self,
        actor: str,
        kinds: frozenset[RelationshipKind],
        first: int,
        last: int,
        certainty: Certainty,
    ) -> list[Tie]:
        """The actor's ties of these kinds in force over the window with this certainty
        (``possible`` includes the definite ones), in any order."""

    def sanctions(self, imposer: str, target: str) -> tuple[Sequence[Tie], Sequence[Tie]]:
        """Every sanctions tie from the imposer to the target or to an organization based
        in it, and every non-sanctioning tie from the imposer to the target itself."""

    def timeline(
        self, a: str, b: str, first: int, last: int, certainty: Certainty
    ) -> tuple[Event, ...]:
        """The events of both actors (one, if ``a == b``) the window holds with this
        certainty, in the order of :func:`geoalign.rules.events.timeline_key`."""

    def officials(self, actor: str) -> Sequence[tuple[str, Spans]]:
        """Who held a post of ``actor``, and when: ``(person id, office span)`` for each
        post (``geoalign.rules.offices.office_span``), in any order."""
