"""The browsing queries of :class:`~geoalign.Dataset`: the actors, one actor's events, its
ties at any time, and the measures on or by it.

What the ``geoalign`` commands ``actors``, ``events``, ``relationships`` (without
``--as-of``) and ``sanctions --on`` / ``--by`` ask, from Python.  ``Browsing`` is a base
class of :class:`~geoalign.Dataset`, as ``Explaining`` is; the answers are built by
:mod:`geoalign.store.browse`, imported on the first browsing question (its answer
classes would slow the start of every command).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, TypeAlias, cast

from geoalign.model.dates import DateLike
from geoalign.model.kinds import Certainty, EventKind
from geoalign.model.records import Actor
from geoalign.store.arguments import CertaintyLike, KindsLike

if TYPE_CHECKING:
    from geoalign.model.browsed import (
        ActorsAnswer,
        AllRelationshipsAnswer,
        EventsAnswer,
        MeasuresAnswer,
    )
    from geoalign.store.browse import Browsed

__all__ = ["ActorType", "Browsing", "EventKindsLike"]

ActorType: TypeAlias = Literal["country", "organization", "person"]
"""The types of actor, as answers name them."""
EventKindsLike: TypeAlias = Iterable[EventKind | str] | EventKind | str
"""What the events query accepts as kinds of event: a kind or an iterable of kinds, each
an enum member or its value."""


class Browsing:
    """The browsing queries: lists to look through, each answer with its evidence and a
    ``to_dict()`` that is the JSON of the ``geoalign`` command of the same question."""

    __slots__ = ()

    def find_actors(
        self, name: str | None = None, *, type: ActorType | None = None
    ) -> ActorsAnswer:
        """The actors with an id, name or alias holding ``name``, of one ``type``.

        ``name`` matches blind to case, accents and punctuation (``"turk"`` finds
        Türkiye); ``None`` matches every actor, as ``type=None`` does every type.  The
        answer's ``actors`` keep the dataset's order: countries, organizations, then
        persons.  Unlike :meth:`resolve`, which says which one actor a name stands for,
        this lists every candidate.  Raises :class:`~geoalign.InvalidValueError` for
        another type, :class:`~geoalign.ArgumentTypeError` for a name that is no text.

        >>> import geoalign
        >>> [a.id for a in geoalign.load().find_actors("assad").actors]
        ['assad-regime', 'bashar-al-assad']
        >>> [a.id for a in geoalign.load().find_actors("assad", type="person").actors]
        ['bashar-al-assad']
        """
        from geoalign.store import browse

        return browse.actors(cast("Browsed", self), type, name)

    def events_of(
        self,
        actor: Actor | str,
        *,
        start: DateLike | None = None,
        end: DateLike | None = None,
        kinds: EventKindsLike | None = None,
        where: str | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> EventsAnswer:
        """The events of ``actor`` inside the window ``[start, end]``, in timeline order.

        Each with its certainty, the bound that decides it and its quotes, as
        :meth:`explain_timeline` gives the events of two actors.  ``kinds`` keeps the
        events of some kinds of :class:`~geoalign.EventKind` (a kind, its value or an
        iterable of them), ``where`` those whose location holds the text (blind to case
        and accents); ``None``: no such filter.  Dates, ``certainty`` and
        ``as_known_on`` as for :meth:`timeline_between`.  Raises
        :class:`~geoalign.UnknownActorError`, :class:`~geoalign.InvalidDateError`,
        :class:`~geoalign.InvalidValueError` (an unknown kind) or
        :class:`~geoalign.ArgumentTypeError`.

        >>> import geoalign
        >>> answer = geoalign.load().events_of("Syria", start="2024-12", kinds="capture")
        >>> [item.event.id for item in answer.events]
        ['hama-captured', 'rebels-enter-damascus']
        """
        from geoalign.store import browse

        return browse.events(
            cast("Browsed", self), actor, start, end, kinds, where, certainty, as_known_on
        )

    def all_relationships_of(
        self,
        actor: Actor | str,
        *,
        kinds: KindsLike | None = None,
        as_known_on: DateLike | None = None,
    ) -> AllRelationshipsAnswer:
        """Every relationship of ``actor`` at any time, with its dates and quotes, by id.

        :meth:`relationships_of` answers as of one date, with how surely each tie holds
        then; this lists every tie the data holds of the actor (of the ``kinds``, all by
        default), as the sources published by ``as_known_on`` tell it.  Errors as for
        :meth:`relationships_of`.

        >>> import geoalign
        >>> answer = geoalign.load().all_relationships_of("Turkey")
        >>> [tie.relationship.id for tie in answer.ties]
        ['sna-tur-leaning', 'tur-assad-regime-hostility', 'tur-aze-alliance', 'tur-turkish-backed-militias-backing']
        """
        from geoalign.store import browse

        return browse.all_relationships(cast("Browsed", self), actor, kinds, as_known_on)

    def sanctions_on(
        self,
        target: Actor | str,
        *,
        as_of: DateLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> MeasuresAnswer:
        """Who sanctions ``target``: the :data:`~geoalign.store.browse.MEASURES` on it, or on an organization based
        in it, in force at ``as_of``, by id, each with its certainty and quotes.

        The measures are sanctions, terrorist designations and statements of not
        sanctioning, counted as :meth:`sanction_status` counts them.  Arguments and errors
        as for :meth:`sanction_status`.

        >>> import geoalign
        >>> answer = geoalign.load().sanctions_on("Serbia")
        >>> [(tie.relationship.a, tie.relationship.b) for tie in answer.ties]
        [('USA', 'nis')]
        """
        from geoalign.store import browse

        return browse.measures(cast("Browsed", self), target, "on", as_of, certainty, as_known_on)

    def sanctions_by(
        self,
        imposer: Actor | str,
        *,
        as_of: DateLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> MeasuresAnswer:
        """The :data:`~geoalign.store.browse.MEASURES` that ``imposer`` has in force at ``as_of``, by id: the other
        side of :meth:`sanctions_on`, with the same arguments and errors.

        >>> import geoalign
        >>> answer = geoalign.load().sanctions_by("USA", certainty="possible")
        >>> sorted({tie.relationship.kind.value for tie in answer.ties})
        ['sanctions', 'terrorist_designation']
        """
        from geoalign.store import browse

        return browse.measures(cast("Browsed", self), imposer, "by", as_of, certainty, as_known_on)
