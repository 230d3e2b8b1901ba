"""The :class:`Dataset`: validated records, a store over them, and the queries.

Queries turn their arguments into ids and days (:mod:`geoalign.store.arguments`), ask
the store (:mod:`geoalign.store.memory`) and apply the rules (:mod:`geoalign.rules.time`).
The plain queries are here; the others come from base classes, one module each: the
explained ones (``answering``), browsing (``browsing``), the verdicts on one record
(``verdicts``) and the bridges to other tools (``exporting``).  What
:meth:`Dataset.from_records` accepts is read by ``building``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeAlias

import attrs

from geoalign.errors import DatasetError
from geoalign.model.answers import SanctionStatus
from geoalign.model.dates import DateLike, PartialDate
from geoalign.model.edtf import BoundedDate
from geoalign.model.kinds import Certainty
from geoalign.model.records import (
    COLLECTIONS,
    Actor,
    Country,
    Event,
    Organization,
    Person,
    Record,
    Records,
    Relationship,
    Source,
)
from geoalign.rules.knowledge import is_known, known_on
from geoalign.rules.sanctions import sanction_state
from geoalign.store.answering import Explaining
from geoalign.store.arguments import (
    CertaintyLike,
    KindsLike,
    to_actor,
    to_as_of,
    to_bounds,
    to_certainty,
    to_kinds,
    to_window,
)
from geoalign.store.browsing import Browsing
from geoalign.store.building import RecordsLike, to_records
from geoalign.store.exporting import Exporting
from geoalign.store.known import KnownOn
from geoalign.store.memory import (
    ALIGNMENT_KINDS,
    ALL_KINDS,
    MemoryStore,
    timeline_with_officials,
)
from geoalign.store.protocol import Store, Tie
from geoalign.store.verdicts import Verdicts

__all__ = ["ActorLike", "CertaintyLike", "Dataset", "KindsLike"]

ActorLike: TypeAlias = Actor | str
"""What queries accept as an actor: an actor object, or its id, name or alias."""


@attrs.frozen(repr=False)
class Dataset(Explaining, Browsing, Verdicts, Exporting):
    """An immutable, indexed set of records, and the questions you can ask it.

    Get one from :func:`geoalign.load` or :meth:`from_records`.  Its record tuples keep
    file order; look a record up by id with :meth:`get`, an actor by any of its names
    with :meth:`resolve`.  Every query answers as of a date (by default the
    :attr:`horizon`), with ``definite`` answers by default and ``possible`` ones on
    request, and as the sources published by ``as_known_on`` (by default all) tell it.
    The ``explain_*`` queries and :meth:`changes` answer with the evidence (see
    :mod:`geoalign.model.explained`); :meth:`find_actors`, :meth:`events_of`,
    :meth:`all_relationships_of`, :meth:`sanctions_on` and :meth:`sanctions_by` browse
    (see :mod:`geoalign.model.browsed`); :meth:`tie_span` and its kin judge one record;
    :meth:`to_graphml`, :meth:`plot_network` and their kin hand the dataset to other tools.

    >>> import geoalign
    >>> ds = geoalign.load()
    >>> ds.resolve("Russian Federation").id
    'RUS'
    >>> ds.horizon
    PartialDate('2025')
    """

    sources: tuple[Source, ...]
    countries: tuple[Country, ...]
    organizations: tuple[Organization, ...]
    persons: tuple[Person, ...]
    relationships: tuple[Relationship, ...]
    events: tuple[Event, ...]
    _store: Store = attrs.field(init=False, eq=False)
    _known: KnownOn[Dataset] = attrs.field(init=False, eq=False, factory=KnownOn)

    def __attrs_post_init__(self) -> None:
        # Built by hand (or by attrs.evolve): checked as a loaded dataset is, and each
        # collection made a tuple, so that no list of the caller's can change it later.
        from geoalign.loading.validation import validate

        records = to_records(self._as_records(), "Dataset")
        for name in COLLECTIONS:
            object.__setattr__(self, name, getattr(records, name))
        if problems := validate(records, "records"):
            raise DatasetError(problems)
        object.__setattr__(self, "_store", MemoryStore(records))

    @classmethod
    def from_records(cls, records: RecordsLike) -> Dataset:
        """A dataset of records built in code, checked as :func:`geoalign.load` checks files.

        ``records`` is a :class:`~geoalign.model.records.Records`, a mapping of
        collection names (``"sources"``, ``"countries"``...) to records, or the records
        of any types in one iterable (each goes to its collection, in the order given).
        Raises :class:`~geoalign.ArgumentTypeError` (a :class:`TypeError`) for anything
        else or a record of the wrong class, :class:`~geoalign.InvalidValueError` for a
        key that names no collection, and :class:`~geoalign.DatasetError` listing every
        problem of the records (a dangling reference, a duplicate id, a tie in force on
        no possible day...).  Every field is checked first, as the converter checks a
        file's, with the same codes (a name on two lines, a month 13); a value a file
        gives as text but a record holds as an object (a date, a kind) is ``wrong-type``
        as text.  A right record is kept as it is, the same object.

        >>> from geoalign import Country
        >>> Dataset.from_records([Country(id="FRE", name="Freedonia")])
        <Dataset sources=0, countries=1, organizations=0, persons=0, relationships=0, events=0, horizon='None'>
        >>> Dataset.from_records([Country(id="FRE", name="")])
        Traceback (most recent call last):
        ...
        geoalign.errors.DatasetError: records: country 'FRE', field 'name': must not be empty
        >>> Dataset.from_records(Country(id="FRE", name="Freedonia"))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        geoalign.errors.ArgumentTypeError: records must be a Records, a mapping of ..., got Country ...
        """
        return cls(*attrs.astuple(to_records(records), recurse=False))

    @classmethod
    def _from_records(cls, records: Records) -> Dataset:
        """A dataset of records already checked (by the loader, or a test of the bundled
        ones): indexed without checking them again."""
        dataset = object.__new__(cls)
        for name in COLLECTIONS:
            object.__setattr__(dataset, name, getattr(records, name))
        object.__setattr__(dataset, "_known", KnownOn())
        object.__setattr__(dataset, "_store", MemoryStore(records))
        return dataset

    def _as_records(self) -> Records:
        return Records(*(getattr(self, name) for name in COLLECTIONS))

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name in COLLECTIONS)
        return f"<Dataset {counts}, horizon={str(self.horizon)!r}>"

    @property
    def horizon(self) -> PartialDate | None:
        """The publication date of the latest source (by last day, then first day).

        It is the default ``as_of`` of every query, and the last day a tie with no end is
        definitely in force; ``None`` only for a dataset without sources.
        """
        return self._store.horizon

    def actors(self) -> Iterator[Actor]:
        """Every country, organization and person, in that order."""
        yield from self.countries
        yield from self.organizations
        yield from self.persons

    def get(self, record_id: str) -> Record | None:
        """The record with this id (ids are unique across a dataset), or ``None``.

        >>> import geoalign
        >>> geoalign.load().get("SRB").name
        'Serbia'
        """
        return self._store.get(record_id)

    def resolve(self, name: ActorLike) -> Actor:
        """The actor with this id, name or alias: exact, but blind to case and accents.

        A capital used for its state ("the Kremlin") counts only where no actor has it as
        a strong name.  Unknown and ambiguous names raise :class:`UnknownActorError`
        with the closest known names; anything but a name or an actor raises
        :class:`~geoalign.ArgumentTypeError`.

        >>> import geoalign
        >>> geoalign.load().resolve("turkiye").id
        'TUR'
        >>> geoalign.load().resolve("Rusia")
        Traceback (most recent call last):
        ...
        geoalign.errors.UnknownActorError: unknown actor 'Rusia'; did you mean 'Russia' (RUS)?
        """
        return to_actor(self._store, name, "name")

    def relationships_of(
        self,
        actor: ActorLike,
        *,
        as_of: DateLike | None = None,
        kinds: KindsLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> tuple[Relationship, ...]:
        """The relationships of ``actor`` (either side) in force at ``as_of``, sorted by id.

        ``kinds`` limits them to some kinds (all by default).  With ``certainty=
        "possible"`` the ties possibly in force come too.  Cost: O(k log k) for the k
        relationships of the actor of those kinds.

        >>> import geoalign
        >>> [r.id for r in geoalign.load().relationships_of("SYR", as_of="2023-06-01",
        ...                                                  kinds=["alliance"])]
        ['rus-syr-alliance']
        """
        found = self._known_on(as_known_on)._ties(actor, as_of, kinds, ALL_KINDS, certainty)
        return tuple(sorted((tie.relationship for tie in found), key=_by_id))

    def allies_of(
        self,
        actor: ActorLike,
        *,
        as_of: DateLike | None = None,
        kinds: KindsLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> tuple[Actor, ...]:
        """The actors linked to ``actor`` by an alignment relationship in force at ``as_of``.

        Alignment kinds are those whose :attr:`RelationshipKind.alignment` is true; pass
        ``kinds`` to choose others.  Both directions count, the actor itself never does;
        the result is sorted by id.  ``certainty="possible"`` adds the allies possibly
        in force.  Cost: O(k log k), k as in :meth:`relationships_of`.

        >>> import geoalign
        >>> ds = geoalign.load()
        >>> [a.id for a in ds.allies_of("Russia", as_of="2023-06-01", kinds=["alliance"])]
        ['SYR', 'assad-regime']
        >>> [a.id for a in ds.allies_of("Russia", as_of="2023-06-01", kinds=["alliance"],
        ...                             certainty="possible")]
        ['ARM', 'SYR', 'assad-regime']
        """
        known = self._known_on(as_known_on)
        found = known._ties(actor, as_of, kinds, ALIGNMENT_KINDS, certainty)
        get = known._store.get
        return tuple(get(other) for other in sorted({tie.other for tie in found}))  # type: ignore[misc]

    def sanction_status(
        self,
        imposer: ActorLike,
        target: ActorLike,
        *,
        as_of: DateLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> SanctionStatus:
        """Whether ``imposer`` has sanctioned ``target`` as of a date, how surely, and why.

        The first that holds: ``imposed`` if a sanctions relationship to the target (or
        to an organization based in it) is definitely, else possibly, in force;
        ``lifted`` if one surely ended before; ``not_imposed`` if a source says the
        imposer has not sanctioned the target; otherwise ``unknown``.  The answer's
        ``certainty`` says which.  With ``certainty="definite"`` (the default) a state
        the data only possibly supports is ``unknown``; ``"possible"`` gives it, with
        certainty ``possible``.  Cost: O(m) for the m measures of the pair.

        >>> import geoalign
        >>> ds = geoalign.load()
        >>> ds.sanction_status("USA", "Serbia", as_of="2025-01-01").state.value
        'unknown'
        >>> status = ds.sanction_status("USA", "Serbia", as_of="2025-01-01", certainty="possible")
        >>> status.state.value, status.certainty.value
        ('imposed', 'possible')
        >>> ds.sanction_status("Serbia", "Iran").state.value
        'unknown'
        """
        known = self._known_on(as_known_on)
        who, whom = (
            to_actor(known._store, imposer, "imposer"),
            to_actor(known._store, target, "target"),
        )
        when, first, last = to_as_of(as_of, known.horizon)
        surely = to_certainty(certainty)
        measures, statements = known._store.sanctions(who.id, whom.id)
        state, found, chosen = sanction_state(measures, statements, first, last, surely)
        return SanctionStatus(
            imposer=who,
            target=whom,
            as_of=when,  # type: ignore[arg-type]  # a PartialDate or a BoundedDate
            state=state,
            certainty=found,
            measures=tuple(sorted((tie.relationship for tie in chosen), key=_by_id)),
        )

    def timeline_between(
        self,
        a: ActorLike,
        b: ActorLike,
        *,
        start: DateLike | None = None,
        end: DateLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
        officials: bool = False,
    ) -> tuple[Event, ...]:
        """Events involving both ``a`` and ``b`` inside the window ``[start, end]``.

        By default the events the window holds for sure (every day they may have
        happened on is inside); ``certainty="possible"`` adds those it may hold.  A
        missing bound leaves that side open.  Sorted by the last day an event may have
        happened, then its first, then id; the same whichever order ``a`` and ``b``
        come in.  Cost: O(log n + r) for the n events of the pair and the r returned.
        ``officials=True`` adds the events of people who held a post of ``a`` or ``b``
        on the event's date (only possibly, where a post's start is unknown).

        >>> import geoalign
        >>> [e.id for e in geoalign.load().timeline_between(
        ...     "Russia", "Syria", start="2024-12-08", end="2024-12-08")]
        ['russia-withdraws-ships-from-tartus']
        """
        known = self._known_on(as_known_on)
        one, two = to_actor(known._store, a, "a"), to_actor(known._store, b, "b")
        first, last = to_bounds(start, end)
        surely = to_certainty(certainty)
        if officials:
            return timeline_with_officials(known._store, one.id, two.id, first, last, surely)
        return known._store.timeline(one.id, two.id, first, last, surely)

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """The whole dataset as plain data, in the file format: one list per collection.

        Dumped to YAML or JSON and loaded again, it gives back an equal dataset.

        >>> import geoalign
        >>> sorted(geoalign.load().to_dict())
        ['countries', 'events', 'organizations', 'persons', 'relationships', 'sources']
        """
        # cattrs is imported here, not at the top: answering queries never needs it.
        from geoalign.formats.convert import unstructure

        return {name: [unstructure(r) for r in getattr(self, name)] for name in COLLECTIONS}

    def known_on(self, date: DateLike) -> Dataset:
        """This dataset as the sources published by ``date`` tell it (see :doc:`/semantics`).

        ``ds.known_on(d).allies_of(x)`` equals ``ds.allies_of(x, as_known_on=d)``; at or
        after the :attr:`horizon` it is ``ds`` itself; the last few are kept.  Raises
        :class:`~geoalign.errors.InvalidDateError` for a bad date.

        >>> import geoalign
        >>> ds = geoalign.load()
        >>> str(ds.known_on("2024-11-30").horizon), ds.known_on("2030") is ds
        ('2022-02-26', True)
        """
        return self._known_on(date)

    def _ties(
        self,
        actor: ActorLike,
        as_of: DateLike | None,
        kinds: KindsLike | None,
        default: frozenset[Any],
        certainty: CertaintyLike,
    ) -> list[Tie]:
        me = to_actor(self._store, actor, "actor").id
        _, first, last = to_as_of(as_of, self.horizon)
        chosen = to_kinds(kinds, default)
        return self._store.ties(me, chosen, first, last, to_certainty(certainty))

    def _known_on(self, as_known_on: DateLike | BoundedDate | None) -> Dataset:
        """This dataset as known on a day: itself when the day is at or after the horizon."""
        day = None if as_known_on is None else to_window(as_known_on, "as_known_on")[2]
        if day is None or self.horizon is None or is_known(self.horizon, day):
            return self
        return self._known.get(
            day, lambda: Dataset._from_records(known_on(self._as_records(), day))
        )


def _by_id(record: Relationship) -> str:
    return record.id
