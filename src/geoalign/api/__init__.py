"""The front door: :func:`load`, and the queries on the bundled dataset.

The bundled dataset is loaded on first use, once, under a lock, and shared: it is
immutable, so every caller can hold the same one (see :mod:`geoalign.bundled.loader`).
Each query is the :class:`~geoalign.Dataset` method of the same name on it: the plain
ones here, those answering with their evidence in :mod:`geoalign.api.explained`, the
browsing ones in :mod:`geoalign.api.browsed`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from geoalign.api.browsed import (
    all_relationships_of,
    events_of,
    find_actors,
    sanctions_by,
    sanctions_on,
)
from geoalign.api.explained import (
    changes,
    explain_allies,
    explain_between,
    explain_relationships,
    explain_sanctions,
    explain_timeline,
)
from geoalign.bundled.loader import bundled, bundled_records
from geoalign.loading.arguments import to_flag, to_path_text
from geoalign.model.answers import SanctionStatus
from geoalign.model.dates import DateLike
from geoalign.model.kinds import Certainty
from geoalign.model.records import Actor, Event, Relationship
from geoalign.store.dataset import ActorLike, CertaintyLike, Dataset, KindsLike

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "all_relationships_of",
    "allies_of",
    "changes",
    "events_of",
    "explain_allies",
    "explain_between",
    "explain_relationships",
    "explain_sanctions",
    "explain_timeline",
    "find_actors",
    "load",
    "plot_network",
    "plot_timeline",
    "relationships_of",
    "resolve",
    "sanction_status",
    "sanctions_by",
    "sanctions_on",
    "timeline_between",
]


def load(
    path: str | os.PathLike[str] | None = None,
    *,
    include_bundled: bool = True,
    override: bool = False,
) -> Dataset:
    """Load a dataset: the bundled one, a user's, or a user's layered on the bundled one.

    ``path`` is a directory of dataset files (``*.yaml``, ``*.yml``, ``*.jsonl``,
    ``*.json``) or one such file, or a store written by ``geoalign compile`` (opened
    with :func:`geoalign.store.compiled.open_store`; its bundled layer and overrides were
    fixed when it was compiled).  Every record is validated; any problem raises
    :class:`DatasetError` naming the file, the record and the field, and nothing is
    loaded.  A user record whose id is already bundled is an error, unless ``override``
    is true.  A ``path`` that is neither text nor path-like, or a flag that is not
    ``True`` or ``False``, raises :class:`~geoalign.ArgumentTypeError` naming it.

    >>> import geoalign
    >>> geoalign.load().get("RUS").name
    'Russia'
    >>> geoalign.load("no/such/place")
    Traceback (most recent call last):
    ...
    geoalign.errors.DatasetError: no/such/place: no such file or directory
    """
    include_bundled = to_flag(include_bundled, "include_bundled")
    override = to_flag(override, "override")
    if path is not None:
        to_path_text(path)  # before it is looked at as a store
    if path is None and include_bundled:
        return bundled()
    if path is not None:
        from geoalign.store.compiled.manifest import is_store

        if is_store(path):
            from geoalign.store.compiled import open_store  # DuckDB, only for a store

            return open_store(path)
    from geoalign.loading.files import load_records  # PyYAML and cattrs, only for files
    from geoalign.loading.gcpause import gc_paused

    # Layered on the bundled data: on its precompiled records, not its YAML re-parsed.
    base = bundled_records() if include_bundled else None
    with gc_paused():  # loading allocates much and frees little: no collector passes
        records = load_records(
            path, include_bundled=include_bundled, override=override, bundled=base
        )
        return Dataset._from_records(records)


def resolve(name: ActorLike) -> Actor:
    """The bundled actor ``name`` names: an id, a name or an alias, in any case and with
    or without accents (:meth:`Dataset.resolve`).

    Raises :class:`~geoalign.UnknownActorError` (with the closest names as suggestions)
    or :class:`~geoalign.AmbiguousActorError` (with its candidates), both
    :class:`LookupError`; :class:`~geoalign.ArgumentTypeError` for a value that is no
    name.

    >>> resolve("the Kremlin").name
    'Russia'
    """
    return bundled().resolve(name)


def allies_of(
    actor: ActorLike,
    *,
    as_of: DateLike | None = None,
    kinds: KindsLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> tuple[Actor, ...]:
    """The actors aligned with ``actor`` on some day of ``as_of``, in the bundled data.

    ``actor`` is an actor or a name (see :func:`resolve`); ``as_of`` any date of
    :data:`~geoalign.DateLike` (default: the horizon, the date of the latest source);
    ``kinds`` the relationship kinds that count (default: the alignment kinds);
    ``certainty`` ``"definite"`` (default: ties surely in force) or ``"possible"`` (also
    those that may be); ``as_known_on`` answers from the sources published by that day.
    Returns a tuple of actors sorted by id; :func:`explain_allies` gives each with its
    ties, their certainty and quotes.  Raises :class:`~geoalign.UnknownActorError`,
    :class:`~geoalign.InvalidDateError`, :class:`~geoalign.InvalidValueError` (an
    unknown kind or certainty) or :class:`~geoalign.ArgumentTypeError`.

    >>> [a.id for a in allies_of("Serbia", as_of="2018")]
    []
    >>> [a.id for a in allies_of("Serbia", as_of="2018", certainty="possible")]
    ['RUS']
    """
    return bundled().allies_of(
        actor, as_of=as_of, kinds=kinds, certainty=certainty, as_known_on=as_known_on
    )


def relationships_of(
    actor: ActorLike,
    *,
    as_of: DateLike | None = None,
    kinds: KindsLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> tuple[Relationship, ...]:
    """The relationships of ``actor`` in force on some day of ``as_of``, in the bundled
    data, sorted by id; arguments and errors as for :func:`allies_of` (``kinds``
    defaults to every kind).  :func:`explain_relationships` gives each with its
    certainty and quotes.

    >>> all(r.kind.value == "sanctions" for r in relationships_of("nis", kinds=["sanctions"]))
    True
    """
    return bundled().relationships_of(
        actor, as_of=as_of, kinds=kinds, certainty=certainty, as_known_on=as_known_on
    )


def sanction_status(
    imposer: ActorLike,
    target: ActorLike,
    *,
    as_of: DateLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
) -> SanctionStatus:
    """Whether ``imposer`` has sanctioned ``target`` as of ``as_of``, in the bundled data.

    Returns a :class:`~geoalign.SanctionStatus`: its ``state`` (``imposed``, ``lifted``,
    ``not_imposed`` or ``unknown``), its ``certainty`` (``None`` for ``unknown``) and the
    measures it rests on.  A measure by an agency of the imposer's state, or on an
    organization based in the target, counts (see :doc:`semantics`).  With
    ``certainty="definite"`` (the default) a state the data only possibly supports is
    ``unknown``; ``"possible"`` gives it.  :func:`explain_sanctions` adds the quotes,
    the listings and the ownership evidence.  Dates and errors as for :func:`allies_of`.

    >>> sanction_status("Serbia", "Russia").state.value
    'not_imposed'
    >>> sanction_status("USA", "Serbia", as_of="2025-01-01", certainty="possible").state.value
    'imposed'
    """
    return bundled().sanction_status(
        imposer, target, as_of=as_of, certainty=certainty, as_known_on=as_known_on
    )


def timeline_between(
    a: ActorLike,
    b: ActorLike,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
    as_known_on: DateLike | None = None,
    officials: bool = False,
) -> tuple[Event, ...]:
    """The bundled events of both ``a`` and ``b`` inside the window ``[start, end]``
    (either side open when ``None``), in timeline order: by the last day each may have
    happened on, then the first, then id.  ``certainty="definite"`` keeps the events
    the window surely holds, ``"possible"`` adds those it may hold; ``officials=True``
    adds the events of the people who held a post of either actor then.  Errors as for
    :func:`allies_of`; a window that ends before it starts is an
    :class:`~geoalign.InvalidDateError`.

    >>> events = timeline_between("Russia", "Syria", start="2024-11")
    >>> events == timeline_between("Syria", "Russia", start="2024-11")
    True
    >>> late = timeline_between("Russia", "Syria", start="2024-12-08", certainty="possible",
    ...                         officials=True)
    >>> "assad-lands-in-moscow" in {e.id for e in late} - {e.id for e in timeline_between(
    ...     "Russia", "Syria", start="2024-12-08", certainty="possible")}
    True
    """
    return bundled().timeline_between(
        a,
        b,
        start=start,
        end=end,
        certainty=certainty,
        as_known_on=as_known_on,
        officials=officials,
    )


def plot_network(
    actor: ActorLike,
    as_of: DateLike | None = None,
    *,
    kinds: KindsLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
) -> Figure:
    """A matplotlib figure of ``actor``'s ties in the bundled dataset at ``as_of``.

    See :func:`geoalign.interop.plot_network` for the drawing; needs the ``plot``
    extra (:class:`~geoalign.MissingExtraError` otherwise).

    >>> plot_network("Russia", "2016", certainty="possible").axes[0].get_title()
    'Russia as of 2016: 23 ties among 11 actors, 15 only possibly in force'
    """
    from geoalign.interop.plot import plot_network as draw  # matplotlib, only to draw

    return draw(bundled(), actor, as_of, kinds=kinds, certainty=certainty)


def plot_timeline(
    a: ActorLike,
    b: ActorLike | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    certainty: CertaintyLike = Certainty.DEFINITE,
) -> Figure:
    """A matplotlib figure of the bundled events of ``a`` (and ``b``) on a time axis.

    See :func:`geoalign.interop.plot_timeline`; needs the ``plot`` extra.

    >>> plot_timeline("Russia", "Syria").axes[0].get_title()
    'Events of Russia and Syria: 21'
    """
    from geoalign.interop.plot import plot_timeline as draw

    return draw(bundled(), a, b, start=start, end=end, certainty=certainty)
