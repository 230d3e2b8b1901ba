"""The browsing queries on the bundled dataset: the actors, one actor's events, its ties at
any time, and who sanctions it or whom it sanctions.

Each function is the :class:`~geoalign.Dataset` method of the same name on the bundled
dataset, and asks what a ``geoalign`` command asks: :func:`find_actors` is ``actors``,
:func:`events_of` is ``events``, :func:`all_relationships_of` is ``relationships``
without ``--as-of``, :func:`sanctions_on` and :func:`sanctions_by` are ``sanctions
--on`` and ``--by``.  :mod:`geoalign.model.browsed` says what the answers hold; their
``to_dict()`` is the command's JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geoalign.bundled.loader import bundled
from geoalign.model.dates import DateLike
from geoalign.model.kinds import Certainty
from geoalign.store.browsing import ActorType, EventKindsLike
from geoalign.store.dataset import ActorLike, CertaintyLike, KindsLike

if TYPE_CHECKING:  # the answer classes load with the first browsing question
    from geoalign.model.browsed import (
        ActorsAnswer,
        AllRelationshipsAnswer,
        EventsAnswer,
        MeasuresAnswer,
    )

__all__ = ["all_relationships_of", "events_of", "find_actors", "sanctions_by", "sanctions_on"]


def find_actors(name: str | None = None, *, type: ActorType | None = None) -> ActorsAnswer:
    """The bundled actors with an id, name or alias holding ``name`` (blind to case, accents
    and punctuation), of one ``type`` (``"country"``, ``"organization"`` or
    ``"person"``); ``None`` matches any.  See :meth:`~geoalign.Dataset.find_actors`.

    Raises :class:`~geoalign.InvalidValueError` for another type,
    :class:`~geoalign.ArgumentTypeError` for a name that is no text.

    >>> [(actor.id, actor.name) for actor in find_actors("turk", type="country").actors]
    [('TUR', 'Türkiye')]
    """
    return bundled().find_actors(name, type=type)


def events_of(
    actor: ActorLike,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    kinds: EventKindsLike | None = None,
    where: str | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> EventsAnswer:
    """The bundled events of ``actor`` inside ``[start, end]``, in timeline order, each with
    its certainty and quotes; ``kinds`` (event kinds) and ``where`` (a piece of the place)
    filter them.  See :meth:`~geoalign.Dataset.events_of`; errors as for
    :func:`~geoalign.timeline_between`.

    >>> answer = events_of("Russia", where="Moscow", start="2024-12")
    >>> [(str(item.event.date), item.event.id) for item in answer.events]
    [('2024-12-08', 'assad-lands-in-moscow'), ('[2024-12-08..2024-12-09]', 'russia-grants-assad-asylum')]
    """
    return bundled().events_of(
        actor,
        start=start,
        end=end,
        kinds=kinds,
        where=where,
        certainty=certainty,
        as_known_on=as_known_on,
    )


def all_relationships_of(
    actor: ActorLike, *, kinds: KindsLike | None = None, as_known_on: DateLike | None = None
) -> AllRelationshipsAnswer:
    """Every bundled relationship of ``actor`` at any time (of the ``kinds``, all by
    default), by id, with its dates and quotes.  See
    :meth:`~geoalign.Dataset.all_relationships_of`; errors as for
    :func:`~geoalign.relationships_of`.

    >>> [tie.relationship.id for tie in all_relationships_of("Syria", kinds="alliance").ties]
    ['rus-syr-alliance']
    """
    return bundled().all_relationships_of(actor, kinds=kinds, as_known_on=as_known_on)


def sanctions_on(
    target: ActorLike,
    *,
    as_of: DateLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> MeasuresAnswer:
    """Who sanctions ``target`` in the bundled data: the sanctions, terrorist designations
    and statements of not sanctioning on it, or on an organization based in it, in force
    at ``as_of``.  See :meth:`~geoalign.Dataset.sanctions_on`; errors as for
    :func:`~geoalign.sanction_status`.

    >>> [(tie.relationship.a, tie.relationship.kind.value) for tie in sanctions_on("HTS").ties]
    []
    >>> [(tie.relationship.a, tie.relationship.kind.value)
    ...  for tie in sanctions_on("HTS", as_of="2024", certainty="possible").ties]
    [('RUS', 'terrorist_designation'), ('USA', 'terrorist_designation')]
    """
    return bundled().sanctions_on(target, as_of=as_of, certainty=certainty, as_known_on=as_known_on)


def sanctions_by(
    imposer: ActorLike,
    *,
    as_of: DateLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> MeasuresAnswer:
    """The sanctions, terrorist designations and statements of not sanctioning by
    ``imposer`` in force at ``as_of``, in the bundled data.  See
    :meth:`~geoalign.Dataset.sanctions_by`; errors as for :func:`~geoalign.sanction_status`.

    >>> [tie.relationship.id for tie in sanctions_by("Serbia", as_of="2024").ties]
    ['srb-rus-non-sanctioning']
    """
    return bundled().sanctions_by(
        imposer, as_of=as_of, certainty=certainty, as_known_on=as_known_on
    )
