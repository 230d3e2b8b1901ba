"""The explained queries on the bundled dataset: each answer carries its evidence.

Each function is the :class:`~geoalign.Dataset` method of the same name on the bundled
dataset (:func:`geoalign.bundled.loader.bundled`); :mod:`geoalign.model.explained` says
what the answers hold.
"""

from __future__ import annotations

from typing import Literal

from geoalign.bundled.loader import bundled
from geoalign.model import explained
from geoalign.model.dates import DateLike
from geoalign.model.kinds import Certainty
from geoalign.store.dataset import ActorLike, CertaintyLike, KindsLike

__all__ = [
    "changes",
    "explain_allies",
    "explain_between",
    "explain_relationships",
    "explain_sanctions",
    "explain_timeline",
]


def explain_allies(
    actor: ActorLike,
    *,
    as_of: DateLike | None = None,
    kinds: KindsLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> explained.AlignmentAnswer:
    """:meth:`~geoalign.Dataset.explain_allies` on the bundled dataset: :func:`~geoalign.allies_of` with
    the ties, dates, certainties and quotes behind each ally.

    >>> import geoalign
    >>> answer = explain_allies("Serbia", as_of="2018", certainty="possible")
    >>> answer.actors == geoalign.allies_of("Serbia", as_of="2018", certainty="possible")
    True
    >>> answer.allies[0].certainty.value
    'possible'
    """
    return bundled().explain_allies(
        actor, as_of=as_of, kinds=kinds, certainty=certainty, as_known_on=as_known_on
    )


def explain_relationships(
    actor: ActorLike,
    *,
    as_of: DateLike | None = None,
    kinds: KindsLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
    side: Literal["a", "b"] | None = None,
) -> explained.RelationshipsAnswer:
    """:meth:`~geoalign.Dataset.explain_relationships` on the bundled dataset.

    >>> answer = explain_relationships("nis", kinds="sanctions", side="b", certainty="possible")
    >>> [(tie.relationship.a, tie.relationship.id) for tie in answer.ties]
    [('USA', 'usa-nis-sanctions')]
    """
    return bundled().explain_relationships(
        actor,
        as_of=as_of,
        kinds=kinds,
        certainty=certainty,
        as_known_on=as_known_on,
        side=side,
    )


def explain_sanctions(
    imposer: ActorLike,
    target: ActorLike,
    *,
    as_of: DateLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> explained.SanctionAnswer:
    """:meth:`~geoalign.Dataset.explain_sanctions` on the bundled dataset.

    >>> explain_sanctions("USA", "Serbia", as_of="2025-01-01",
    ...                   certainty="possible").summary.split(";")[0]
    'imposed (possible)'
    """
    return bundled().explain_sanctions(
        imposer, target, as_of=as_of, certainty=certainty, as_known_on=as_known_on
    )


def explain_timeline(
    a: ActorLike,
    b: ActorLike,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> explained.TimelineAnswer:
    """:meth:`~geoalign.Dataset.explain_timeline` on the bundled dataset.

    >>> import geoalign
    >>> answer = explain_timeline("Russia", "Syria", start="2024-11")
    >>> tuple(item.event for item in answer.events) == geoalign.timeline_between(
    ...     "Russia", "Syria", start="2024-11")
    True
    """
    return bundled().explain_timeline(
        a, b, start=start, end=end, certainty=certainty, as_known_on=as_known_on
    )


def explain_between(
    a: ActorLike,
    b: ActorLike,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    kinds: KindsLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> explained.BetweenAnswer:
    """:meth:`~geoalign.Dataset.explain_between` on the bundled dataset.

    >>> answer = explain_between("USA", "HTS", certainty="possible")
    >>> [tie.relationship.kind.value for tie in answer.ties]
    ['terrorist_designation']
    """
    return bundled().explain_between(
        a, b, start=start, end=end, kinds=kinds, certainty=certainty, as_known_on=as_known_on
    )


def changes(
    actor: ActorLike,
    since: DateLike,
    until: DateLike,
    *,
    kinds: KindsLike | None = None,
    as_known_on: DateLike | None = None,
) -> explained.ChangesAnswer:
    """:meth:`~geoalign.Dataset.changes` on the bundled dataset.

    >>> answer = changes("Assad regime", "2024-12-01", "2024-12-31")
    >>> [(c.change, c.other.id) for c in answer.ended if c.certainty.value == "definite"][:1]
    [('ended', 'RUS')]
    """
    return bundled().changes(actor, since, until, kinds=kinds, as_known_on=as_known_on)
