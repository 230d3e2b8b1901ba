"""The explained queries of :class:`~geoalign.Dataset`, one call away from the plain ones.

``allies_of`` answers with actors, ``explain_allies`` with the same actors and the ties,
dates, certainties and quotes behind each; likewise ``explain_relationships``,
``explain_sanctions`` and ``explain_timeline``; ``changes`` says what changed between
two dates.  ``Explaining`` is a base class of :class:`~geoalign.Dataset`, kept apart so
that the dataset's module stays small.  Each query but ``explain_allies`` imports its
builder (:mod:`geoalign.store.explain_others`, :mod:`geoalign.store.changes`) when first
asked: a process that only asks for allies never defines the other answers' classes.
"""

from __future__ import annotations

from typing import Any, Literal, Protocol, cast

from geoalign.model import explained
from geoalign.model.answers import SanctionState, SanctionStatus
from geoalign.model.dates import DateLike
from geoalign.model.kinds import Certainty
from geoalign.model.records import Relationship
from geoalign.store import explain
from geoalign.store.arguments import CertaintyLike, KindsLike, to_certainty
from geoalign.store.protocol import Store

__all__ = ["Explaining"]


class _Known(Protocol):
    """What the explained queries need of a dataset (:class:`~geoalign.Dataset` is one)."""

    @property
    def _store(self) -> Store: ...

    def _known_on(self, as_known_on: DateLike | None) -> _Known: ...

    def sanction_status(
        self,
        imposer: Any,
        target: Any,
        *,
        as_of: DateLike | None,
        certainty: CertaintyLike,
        as_known_on: DateLike | None,
    ) -> SanctionStatus: ...


def _store(dataset: object, as_known_on: DateLike | None) -> Store:
    """The store of the dataset as known on a day (the dataset's own without one)."""
    # A cast, not a self-type: the docs would show the private protocol in signatures.
    return cast(_Known, dataset)._known_on(as_known_on)._store


class Explaining:
    """The explained queries: each answer carries its evidence (see
    :mod:`geoalign.model.explained`) and ``to_dict()`` gives its JSON form."""

    __slots__ = ()

    def explain_allies(
        self,
        actor: Any,
        *,
        as_of: DateLike | None = None,
        kinds: KindsLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> explained.AlignmentAnswer:
        """:meth:`allies_of` with its evidence: each ally with the ties that make it one.

        Arguments and errors as for :meth:`allies_of`; the answer's ``actors`` are what
        it returns.  An ally is ``definite`` when one of its ties is definitely in force
        at ``as_of``, else ``possible``; each tie says which bound decides that.

        >>> import geoalign
        >>> answer = geoalign.load().explain_allies("Russia", as_of="2023-06-01",
        ...                                         kinds=["alliance"], certainty="possible")
        >>> [(ally.actor.id, ally.certainty.value) for ally in answer.allies]
        [('ARM', 'possible'), ('SYR', 'definite'), ('assad-regime', 'definite')]
        >>> answer.allies[0].ties[0].reason
        'first attested 2024-12 (breitbart-2024-12-assad-asylum)'
        """
        store = _store(self, as_known_on)
        return explain.alignment(store, actor, as_of, kinds, certainty, as_known_on)

    def explain_relationships(
        self,
        actor: Any,
        *,
        as_of: DateLike | None = None,
        kinds: KindsLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
        side: Literal["a", "b"] | None = None,
    ) -> explained.RelationshipsAnswer:
        """:meth:`relationships_of` with each tie's certainty, reason and quotes.

        ``side="a"`` keeps the ties where ``actor`` is ``a`` (it acts: it sanctions,
        designates, backs), ``side="b"`` those where it is ``b`` (it is acted on): so
        ``kinds="sanctions", side="b"`` answers "who sanctions this actor?".  Any other
        ``side`` raises :class:`~geoalign.errors.InvalidValueError`.

        >>> import geoalign
        >>> answer = geoalign.load().explain_relationships(
        ...     "HTS", as_of="2025", kinds=["terrorist_designation", "offshoot"],
        ...     certainty="possible", side="b")
        >>> [(tie.relationship.a, tie.certainty.value, tie.reason) for tie in answer.ties]
        [('RUS', 'possible', 'end [2024-12-11..]'), ('USA', 'possible', 'end [2024-12-11..]')]
        """
        store = _store(self, as_known_on)
        from geoalign.store import explain_others

        return explain_others.relationships(
            store, actor, as_of, kinds, certainty, as_known_on, side
        )

    def explain_sanctions(
        self,
        imposer: Any,
        target: Any,
        *,
        as_of: DateLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> explained.SanctionAnswer:
        """:meth:`sanction_status` with its measures as evidence, and what else the data
        holds from ``imposer`` against ``target``: terrorist designations, statements
        that answer no sanctions question, and designation or sanctions events up to
        ``as_of``.  Its ``summary`` says so in words, never just "nothing".  The state
        is :meth:`sanction_status`'s, with the same ``certainty``.

        >>> import geoalign
        >>> answer = geoalign.load().explain_sanctions("USA", "HTS")
        >>> answer.status.state.value
        'unknown'
        >>> print(answer.summary)
        unknown: the data holds no sanction of Hay'at Tahrir al-Sham (hts) by United States (USA); it holds terrorist_designation usa-hts-terrorist-designation (possible)
        """
        known = cast(_Known, self)
        status = known.sanction_status(
            imposer, target, as_of=as_of, certainty=certainty, as_known_on=as_known_on
        )
        possibly: tuple[Relationship, ...] = ()
        if status.state is SanctionState.UNKNOWN and to_certainty(certainty) is Certainty.DEFINITE:
            maybe = known.sanction_status(
                imposer, target, as_of=as_of, certainty=Certainty.POSSIBLE, as_known_on=as_known_on
            )
            possibly = maybe.measures if maybe.state is SanctionState.IMPOSED else ()
        store = _store(self, as_known_on)
        from geoalign.store import explain_others

        return explain_others.sanction_answer(store, status, as_known_on, possibly)

    def explain_timeline(
        self,
        a: Any,
        b: Any,
        *,
        start: DateLike | None = None,
        end: DateLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> explained.TimelineAnswer:
        """:meth:`timeline_between` with each event's certainty, reason and quotes; the
        events of one actor when ``a`` and ``b`` are the same.

        >>> import geoalign
        >>> answer = geoalign.load().explain_timeline("Russia", "Syria", start="2024-12-08",
        ...                                           end="2024-12-08")
        >>> event = answer.events[0]
        >>> event.event.id, event.certainty.value, event.reason
        ('russia-withdraws-ships-from-tartus', 'definite', 'date 2024-12-08 inside the window')
        >>> event.quotes[0].source.id == event.event.citations[0].source
        True
        """
        store = _store(self, as_known_on)
        from geoalign.store import explain_others

        return explain_others.timeline(store, a, b, start, end, certainty, as_known_on)

    def explain_between(
        self,
        a: Any,
        b: Any,
        *,
        start: DateLike | None = None,
        end: DateLike | None = None,
        kinds: KindsLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> explained.BetweenAnswer:
        """Why ``a`` and ``b`` go together: every tie between them in force on some day of
        the window ``[start, end]`` (by default all time), and their events inside it, each
        with its certainty, reason and quotes.  Arguments as for :meth:`timeline_between`;
        ``kinds`` limits the ties (all kinds by default).  ``a`` and ``b`` naming one
        actor raise :class:`~geoalign.InvalidValueError` (a ``ValueError``).

        >>> import geoalign
        >>> answer = geoalign.load().explain_between("Serbia", "Russia", certainty="possible")
        >>> "srb-rus-military-cooperation" in [tie.relationship.id for tie in answer.ties]
        True
        >>> [tie.reason for tie in answer.ties if tie.relationship.id == "srb-rus-military-cooperation"]
        ['start 2019; open as of the horizon 2025']
        """
        store = _store(self, as_known_on)
        from geoalign.store import explain_others

        return explain_others.between(store, a, b, start, end, kinds, certainty, as_known_on)

    def changes(
        self,
        actor: Any,
        since: DateLike,
        until: DateLike,
        *,
        kinds: KindsLike | None = None,
        as_known_on: DateLike | None = None,
    ) -> explained.ChangesAnswer:
        """Who became or stopped being aligned with, sanctioned by or of, or designated
        by or as a terrorist by, ``actor`` between the first day of ``since`` and the
        last day of ``until``.

        Each :class:`~geoalign.model.explained.Change` gives the tie, the bounds of its
        span that moved in the period, and its quotes; it is ``definite`` when every
        reading of the tie's dates puts its start (or end) in the period, ``possible``
        when some does.  ``kinds`` defaults to the alignment kinds, sanctions and
        terrorist designations.  Raises :class:`~geoalign.errors.InvalidDateError` when
        ``since`` comes after ``until``.

        >>> import geoalign
        >>> answer = geoalign.load().changes("Assad regime", "2024-12-01", "2024-12-31")
        >>> [(c.other.id, c.relation, c.certainty.value) for c in answer.ended][:2]
        [('IRN', 'aligned', 'possible'), ('RUS', 'aligned', 'definite')]
        >>> answer.ended[1].tie.reason
        'end [2024-12-07..2024-12-08]'
        """
        store = _store(self, as_known_on)
        from geoalign.store.changes import changes

        return changes(store, actor, since, until, kinds, as_known_on)
