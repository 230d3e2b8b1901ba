"""The :class:`Dataset`: validated records, their indexes, and the queries.

A dataset is built only by :func:`geoalign.load`, which validates everything first; its
records are tuples of frozen objects, so it cannot change once built.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any, TypeAlias

import attrs

from geoalign.errors import GeoalignError, InvalidDateError, UnknownActorError
from geoalign.model.answers import SanctionState, SanctionStatus
from geoalign.model.dates import DateLike, PartialDate, to_partial_date
from geoalign.model.kinds import RelationshipKind
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
from geoalign.store.memory import NEVER, Indexes, Period, in_force
from geoalign.store.names import NameTable

__all__ = ["ActorLike", "Dataset", "KindsLike"]

ActorLike: TypeAlias = Actor | str
"""What queries accept as an actor: an actor object, or its id, name or alias."""
KindsLike: TypeAlias = Iterable[RelationshipKind | str]
"""What queries accept as kinds of relationship: enum members or their values."""

_ALL_KINDS = frozenset(RelationshipKind)
_ALIGNMENT_KINDS = frozenset(kind for kind in RelationshipKind if kind.alignment)
_ACTOR_TYPES = frozenset((Country, Organization, Person))


@attrs.frozen(repr=False)
class Dataset:
    """An immutable, indexed set of records, and the questions you can ask it.

    Get one from :func:`geoalign.load`.  Its record tuples keep file order; look a
    record up by id with :meth:`get`, an actor by any of its names with :meth:`resolve`.

    >>> import geoalign
    >>> ds = geoalign.load()
    >>> ds.resolve("Russian Federation").id
    'RUS'
    >>> ds.horizon >= geoalign.PartialDate(2024, 12)
    True
    """

    sources: tuple[Source, ...]
    countries: tuple[Country, ...]
    organizations: tuple[Organization, ...]
    persons: tuple[Person, ...]
    relationships: tuple[Relationship, ...]
    events: tuple[Event, ...]
    _records: dict[str, Record] = attrs.field(init=False, eq=False)
    _names: NameTable = attrs.field(init=False, eq=False)
    _indexes: Indexes = attrs.field(init=False, eq=False)
    _horizon: PartialDate | None = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        records: dict[str, Record] = {}
        for collection in (self.sources, self.countries, self.organizations, self.persons):
            records.update((record.id, record) for record in collection)
        records.update((record.id, record) for record in self.relationships)
        records.update((record.id, record) for record in self.events)
        published = {source.id: source.published for source in self.sources}
        ends = {
            r.id: r.end or (published[r.ended_by] if r.ended_by else None)
            for r in self.relationships
        }
        object.__setattr__(self, "_records", records)
        object.__setattr__(self, "_names", NameTable(self.actors()))
        object.__setattr__(self, "_indexes", Indexes.build(self._as_records(), ends))
        object.__setattr__(self, "_horizon", max(published.values(), default=None))

    @classmethod
    def _from_records(cls, records: Records) -> Dataset:
        return cls(*attrs.astuple(records, recurse=False))

    def _as_records(self) -> Records:
        return Records(
            self.sources,
            self.countries,
            self.organizations,
            self.persons,
            self.relationships,
            self.events,
        )

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name in COLLECTIONS)
        return f"<Dataset {counts}, horizon={str(self._horizon)!r}>"

    # -- lookups -----------------------------------------------------------------------

    @property
    def horizon(self) -> PartialDate | None:
        """The publication date of the latest source: the last day the dataset knows about.

        It is the default ``as_of`` of every query; ``None`` only for a dataset without
        sources.
        """
        return self._horizon

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
        return self._records.get(record_id)

    def resolve(self, name: ActorLike) -> Actor:
        """The actor with this id, name or alias: exact, but blind to case and accents.

        A capital used for its state ("the Kremlin") counts only where no actor has it as
        a strong name.  Unknown and ambiguous names raise :class:`UnknownActorError`
        with the closest known names.

        >>> import geoalign
        >>> geoalign.load().resolve("turkiye").id
        'TUR'
        >>> geoalign.load().resolve("Rusia")
        Traceback (most recent call last):
        ...
        geoalign.errors.UnknownActorError: unknown actor 'Rusia'; did you mean 'Russia' (RUS)?
        """
        if type(name) is str:  # the common case first: an id
            found = self._records.get(name)
            if type(found) in _ACTOR_TYPES:
                return found  # type: ignore[return-value]
            return self._names.resolve(name)
        if isinstance(name, Country | Organization | Person):
            found = self._records.get(name.id)
            if found is None or found != name:
                raise UnknownActorError(name.id)
            return name
        if not isinstance(name, str):
            raise UnknownActorError(repr(name))
        found = self._records.get(name)
        if isinstance(found, Country | Organization | Person):
            return found
        return self._names.resolve(name)

    # -- queries -----------------------------------------------------------------------

    def relationships_of(
        self, actor: ActorLike, *, as_of: DateLike | None = None, kinds: KindsLike | None = None
    ) -> tuple[Relationship, ...]:
        """The relationships of ``actor`` (either side) in force at ``as_of``, sorted by id.

        ``kinds`` limits them to some kinds of relationship (all kinds by default).
        Cost: O(k log k) for the k relationships of the actor of those kinds.

        >>> import geoalign
        >>> [r.kind.value for r in geoalign.load().relationships_of("SYR", as_of="2023-06-01",
        ...                                                          kinds=["alliance"])]
        ['alliance']
        """
        found = self._in_force(self.resolve(actor).id, as_of, self._kinds(kinds, all_kinds=True))
        return tuple(sorted((p.relationship for p in found), key=_by_id))

    def allies_of(
        self, actor: ActorLike, *, as_of: DateLike | None = None, kinds: KindsLike | None = None
    ) -> tuple[Actor, ...]:
        """The actors linked to ``actor`` by an alignment relationship in force at ``as_of``.

        Alignment kinds are those whose :attr:`RelationshipKind.alignment` is true; pass
        ``kinds`` to choose others.  Both directions count, the actor itself never does;
        the result is sorted by id.  Cost: O(k log k), k as in :meth:`relationships_of`.

        >>> import geoalign
        >>> ds = geoalign.load()
        >>> "SYR" in [a.id for a in ds.allies_of("Russia", as_of="2023-06-01")]
        True
        >>> "SYR" in [a.id for a in ds.allies_of("Russia", as_of="2025-01")]
        False
        """
        me = self.resolve(actor).id
        others = {p.other for p in self._in_force(me, as_of, self._kinds(kinds, all_kinds=False))}
        records = self._records
        return tuple(records[other] for other in sorted(others))  # type: ignore[misc]

    def sanction_status(
        self, imposer: ActorLike, target: ActorLike, *, as_of: DateLike | None = None
    ) -> SanctionStatus:
        """Whether ``imposer`` has sanctioned ``target`` as of a date, and the evidence.

        ``imposed`` if a sanctions relationship to the target (or to an organization
        based in it) is in force; ``lifted`` if there were some and none is in force;
        ``not_imposed`` if a source says the imposer has not sanctioned the target;
        otherwise ``unknown``.  Cost: O(m) for the m measures of the pair.

        >>> import geoalign
        >>> geoalign.load().sanction_status("USA", "Serbia", as_of="2025").state.value
        'imposed'
        >>> geoalign.load().sanction_status("Serbia", "Iran").state.value
        'unknown'
        """
        who, whom = self.resolve(imposer), self.resolve(target)
        when, first, last = self._span(as_of)
        pair = (who.id, whom.id)
        measures = self._indexes.sanctions.get(pair, ())
        state, chosen = SanctionState.UNKNOWN, []
        if current := in_force(measures, first, last):
            state, chosen = SanctionState.IMPOSED, current
        elif past := [p for p in measures if p.end <= first]:
            state, chosen = SanctionState.LIFTED, past
        elif stated := in_force(self._indexes.non_sanctioning.get(pair, ()), first, last):
            state, chosen = SanctionState.NOT_IMPOSED, stated
        found = tuple(sorted((p.relationship for p in chosen), key=_by_id))
        return SanctionStatus(imposer=who, target=whom, as_of=when, state=state, measures=found)

    def timeline_between(
        self,
        a: ActorLike,
        b: ActorLike,
        *,
        start: DateLike | None = None,
        end: DateLike | None = None,
    ) -> tuple[Event, ...]:
        """Events involving both ``a`` and ``b`` whose date overlaps ``[start, end]``.

        Sorted by date, then id; the same whichever order ``a`` and ``b`` come in.  A
        missing bound leaves that side open.  Cost: O(log n + r) for the n events of the
        pair and the r returned (plus those dated by a year that ends before the window).

        >>> import geoalign
        >>> events = geoalign.load().timeline_between("Russia", "Syria", start="2024-12-08",
        ...                                           end="2024-12-08")
        >>> all(e.date.earliest.isoformat() <= "2024-12-08" for e in events)
        True
        """
        first = _span(start)[1] if start is not None else -NEVER
        last = _span(end)[2] if end is not None else NEVER
        if first > last:
            raise InvalidDateError(f"the window starts ({start}) after it ends ({end})")
        timeline = self._indexes.timeline(self.resolve(a).id, self.resolve(b).id)
        return timeline.between(first, last) if timeline else ()

    # -- serialization -----------------------------------------------------------------

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

    def to_networkx(self) -> Any:
        """Actors as nodes, relationships as edges: see :func:`geoalign.interop.to_networkx`.

        Needs the ``networkx`` extra (``pip install 'geoalign[networkx]'``).

        >>> import geoalign
        >>> geoalign.load().to_networkx().nodes["SRB"]["name"]
        'Serbia'
        """
        from geoalign.interop import to_networkx  # an optional extra, loaded on demand

        return to_networkx(self)

    def to_pandas(self) -> dict[str, Any]:
        """A DataFrame per record type: see :func:`geoalign.interop.to_pandas`.

        Needs the ``pandas`` extra (``pip install 'geoalign[pandas]'``).

        >>> import geoalign
        >>> len(geoalign.load().to_pandas()["events"]) == len(geoalign.load().events)
        True
        """
        from geoalign.interop import to_pandas  # an optional extra, loaded on demand

        return to_pandas(self)

    # -- helpers -----------------------------------------------------------------------

    def _span(self, as_of: DateLike | None) -> tuple[PartialDate, int, int]:
        """The as-of date (the horizon if ``None``) with its first and last day ordinals."""
        if as_of is not None:
            return _span(as_of)
        if self._horizon is None:
            raise GeoalignError("this dataset has no sources, hence no horizon: pass as_of")
        return _span(self._horizon)

    def _kinds(self, kinds: KindsLike | None, *, all_kinds: bool) -> frozenset[RelationshipKind]:
        if kinds is None:
            return _ALL_KINDS if all_kinds else _ALIGNMENT_KINDS
        if isinstance(kinds, str | RelationshipKind):
            kinds = [kinds]
        chosen = set()
        for kind in kinds:
            try:
                chosen.add(RelationshipKind(kind))
            except ValueError:
                allowed = ", ".join(k.value for k in RelationshipKind)
                raise GeoalignError(
                    f"{kind!r} is not a relationship kind (one of: {allowed})"
                ) from None
        return frozenset(chosen)

    def _in_force(
        self, actor_id: str, as_of: DateLike | None, kinds: frozenset[RelationshipKind]
    ) -> list[Period]:
        _, first, last = self._span(as_of)
        if kinds is _ALIGNMENT_KINDS:  # the default of allies_of, merged at load
            return in_force(self._indexes.aligned.get(actor_id, ()), first, last)
        by_kind = self._indexes.by_actor.get(actor_id, {})
        chosen = (
            by_kind.values()
            if kinds is _ALL_KINDS
            else [periods for kind, periods in by_kind.items() if kind in kinds]
        )
        return [period for periods in chosen for period in in_force(periods, first, last)]


def _span(value: DateLike) -> tuple[PartialDate, int, int]:
    """A date with its first and last day ordinals."""
    try:
        return _cached_span(value)
    except TypeError:  # unhashable, so no date: let to_partial_date say why
        return _cached_span.__wrapped__(value)


@functools.lru_cache(maxsize=4096)
def _cached_span(value: DateLike) -> tuple[PartialDate, int, int]:
    # Queries in a loop repeat their dates; a cache hit costs a tenth of converting again.
    date = to_partial_date(value)
    return date, date.earliest.toordinal(), date.latest.toordinal()


def _by_id(record: Relationship) -> str:
    return record.id
