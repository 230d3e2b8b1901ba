"""The records of a dataset: actors, sources, citations, relationships and events.

Every class is a frozen, slotted attrs class whose collections are tuples, so a loaded
dataset cannot be changed by its users.  Records refer to each other by id (``"RUS"``,
``"hts"``); a :class:`~geoalign.Dataset` resolves those ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Protocol, TypeAlias

import attrs

from geoalign.model.dates import PartialDate
from geoalign.model.edtf import EDTFDate
from geoalign.model.kinds import Confidence, EventKind, OrganizationKind, RelationshipKind

__all__ = [
    "ACTOR_COLLECTIONS",
    "COLLECTIONS",
    "COUNTRY_ID",
    "RECORD_CLASSES",
    "RECORD_TYPES",
    "SLUG_ID",
    "Actor",
    "Citation",
    "Country",
    "Event",
    "Organization",
    "Person",
    "Record",
    "RecordLookup",
    "RecordType",
    "Records",
    "Relationship",
    "Role",
    "Source",
    "references",
    "refers_to",
]


ACTOR_COLLECTIONS = ("countries", "organizations", "persons")
"""The collections whose records can act: take part in relationships and events."""

_REFERS_TO = "geoalign.refers_to"


def refers_to(*collections: str) -> dict[str, tuple[str, ...]]:
    """Field metadata saying which collections the field's ids (or id) point into.

    >>> refers_to("sources")
    {'geoalign.refers_to': ('sources',)}
    """
    return {_REFERS_TO: collections}


def references(cls: type[Any]) -> dict[str, tuple[str, ...]]:
    """The fields of a record class that hold ids of other records, and where they point.

    The one statement of the dataset's references: validation, the JSON Schema, the
    views and the test strategies all read it.

    >>> references(Relationship)
    {'a': ('countries', 'organizations', 'persons'), 'b': ('countries', 'organizations', 'persons'), 'ended_by': ('sources',)}
    """
    return {
        field.name: field.metadata[_REFERS_TO]
        for field in attrs.fields(cls)
        if _REFERS_TO in field.metadata
    }


@attrs.frozen(kw_only=True)
class Citation:
    """A verbatim quote of one source: the evidence behind a record, and who claims it.

    A quote may report a claim the document attributes to someone (``claimed_by``), made
    on a day the document gives (``claimed_on``), and may state the record's fact more or
    less firmly than the record's own confidence (``confidence``), down to denying it: a
    record whose citations both assert and deny its fact is ``disputed``.

    >>> Citation(source="see-news-2022-02-26", quote="Syria stands with Moscow")
    Citation(source='see-news-2022-02-26', quote='Syria stands with Moscow', claimed_by=None, claimed_on=None, confidence=None)
    >>> Citation(source="s1", quote="Russia does not betray friends", claimed_by="mikhail-ulyanov",
    ...          confidence=Confidence.DENIED).confidence.value
    'denied'
    """

    source: str = attrs.field(metadata=refers_to("sources"))
    """The id of the :class:`Source` quoted."""
    quote: str
    """An excerpt of the source's text, one sentence or less."""
    claimed_by: str | None = attrs.field(default=None, metadata=refers_to(*ACTOR_COLLECTIONS))
    """The id of the actor the quote attributes the statement to ("Peskov clarified",
    "Reuters reported"), where the document names one; ``None`` where the document speaks
    in its own voice or names no one ("Russian media reported")."""
    claimed_on: EDTFDate | None = None
    """When the statement was made, where the document says ("On the same day, Reuters
    reported"): kept apart from when the fact it reports happened."""
    confidence: Confidence | None = None
    """How firmly this quote states the record's fact, where that differs from the
    record's confidence: ``confirmed``, ``reported``, ``alleged``, or ``denied`` (the quote
    says the fact is false).  ``None``: as firmly as the record says."""


@attrs.frozen(kw_only=True)
class Source:
    """A document the dataset is drawn from.

    >>> Source(id="s1", title="A report", publisher="A paper",
    ...        published=PartialDate(2024, 12), document="001.txt").published.precision
    'month'
    >>> from geoalign.model.edtf import parse_edtf
    >>> Source(id="s2", title="A report", publisher="A paper",
    ...        published=parse_edtf("[2022-02-24..2024-12]"), document="004.txt").published.latest
    datetime.date(2024, 12, 31)
    """

    id: str
    title: str
    publisher: str
    published: EDTFDate
    """When the document was published, in EDTF: a day, a month or a year, or the bounds
    the documents allow (``[2022-02-24..2024-12]``) where they do not date it.  The
    dataset's horizon is taken from it; it must have a latest day."""
    document: str
    """The file name of the document in the corpus."""
    url: str | None = None
    note: str | None = None
    """How anything not printed in the document (its date, say) was inferred."""


@attrs.frozen(kw_only=True)
class Country:
    """A state, identified by its ISO 3166-1 alpha-3 code.

    ``aliases`` are strong names (common and official names, the alpha-2 code);
    ``metonyms`` are weak ones, a capital or seat standing for the state ("the Kremlin"),
    which :func:`geoalign.resolve` accepts only where no actor has them as a strong name.

    >>> Country(id="RUS", name="Russia", aliases=("Russian Federation", "RU")).name
    'Russia'
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Organization:
    """An alliance, bloc, armed group, agency or company.

    ``country`` is the id of the country the organization is based in, if any; sanctions
    on the organization count toward that country in :func:`geoalign.sanction_status`.

    >>> Organization(id="nis", name="NIS", kind=OrganizationKind.COMPANY, country="SRB").country
    'SRB'
    """

    id: str
    name: str
    kind: OrganizationKind
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    country: str | None = attrs.field(default=None, metadata=refers_to("countries"))


@attrs.frozen(kw_only=True)
class Role:
    """A post a person held: a title, the actor it was held in, and when.

    >>> Role(title="President", actor="SYR", end=PartialDate(2024, 12, 8)).end
    PartialDate('2024-12-08')
    """

    title: str
    actor: str | None = attrs.field(default=None, metadata=refers_to("countries", "organizations"))
    """The id of the country or organization the post belongs to."""
    start: EDTFDate | None = None
    end: EDTFDate | None = None


@attrs.frozen(kw_only=True)
class Person:
    """A leader or official named in the sources.

    >>> Person(id="vladimir-putin", name="Vladimir Putin", roles=(Role(title="President"),)).roles[0].title
    'President'
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()


Actor: TypeAlias = Country | Organization | Person
"""Anything that can take part in a relationship or an event."""


@attrs.frozen(kw_only=True)
class Relationship:
    """A lasting tie between two actors, in force from ``start`` until ``end``.

    For a directed kind ``a`` acts on ``b``; for a symmetric one the order carries no
    meaning.  ``end`` is ``None`` while the tie is in force as of the latest source.  A
    tie that a source says has ended, without saying when, has no ``end`` but names that
    source in ``ended_by``: it is not in force from the source's publication on.

    >>> r = Relationship(id="rus-syr-alliance", kind=RelationshipKind.ALLIANCE, a="RUS", b="SYR",
    ...                  start=PartialDate(2015, 9), end=PartialDate(2024, 12, 8),
    ...                  confidence=Confidence.CONFIRMED, summary="Russia and Syria are allies.",
    ...                  citations=(Citation(source="s1", quote="Assad's most important ally"),))
    >>> r.kind.alignment, str(r.end)
    (True, '2024-12-08')
    """

    id: str
    kind: RelationshipKind
    a: str = attrs.field(metadata=refers_to(*ACTOR_COLLECTIONS))
    b: str = attrs.field(metadata=refers_to(*ACTOR_COLLECTIONS))
    confidence: Confidence
    summary: str
    citations: tuple[Citation, ...]
    start: EDTFDate | None = None
    end: EDTFDate | None = None
    ended_by: str | None = attrs.field(default=None, metadata=refers_to("sources"))
    """The id of a source stating the tie has ended, where no end date is known."""


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened at a time, between one or more actors.

    >>> e = Event(id="assad-lands-in-moscow", date=PartialDate(2024, 12, 8),
    ...           kind=EventKind.FLIGHT, actors=("bashar-al-assad", "RUS"),
    ...           confidence=Confidence.CONFIRMED, summary="Assad lands in Moscow.",
    ...           citations=(Citation(source="s1", quote="Assad had landed in Moscow"),))
    >>> e.date.precision
    'day'
    """

    id: str
    date: EDTFDate
    kind: EventKind
    actors: tuple[str, ...] = attrs.field(metadata=refers_to(*ACTOR_COLLECTIONS))
    """Ids of the actors involved, at least one."""
    confidence: Confidence
    summary: str
    citations: tuple[Citation, ...]
    location: str | None = None
    """A place name, as free text."""


Record: TypeAlias = Source | Country | Organization | Person | Relationship | Event
"""Any record of a dataset."""


@attrs.frozen
class RecordType:
    """One kind of record: its collection's name in files, its singular name, its class."""

    collection: str
    singular: str
    cls: type[Record]


RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType("sources", "source", Source),
    RecordType("countries", "country", Country),
    RecordType("organizations", "organization", Organization),
    RecordType("persons", "person", Person),
    RecordType("relationships", "relationship", Relationship),
    RecordType("events", "event", Event),
)
"""The registry of record types, in file order: every list of collections derives from it."""

COLLECTIONS: dict[str, str] = {t.collection: t.singular for t in RECORD_TYPES}
"""Each collection's name in dataset files, and what one of its records is called."""


@attrs.frozen
class Records:
    """The records of a dataset, one tuple per collection, in file order.

    >>> Records().events
    ()
    """

    sources: tuple[Source, ...] = ()
    countries: tuple[Country, ...] = ()
    organizations: tuple[Organization, ...] = ()
    persons: tuple[Person, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    events: tuple[Event, ...] = ()


RECORD_CLASSES: dict[str, type[Record]] = {t.collection: t.cls for t in RECORD_TYPES}
"""Each collection's record class, in the order of :data:`COLLECTIONS`."""


COUNTRY_ID = re.compile(r"[A-Z]{3}")
"""The form of a country id: an ISO 3166-1 alpha-3 code."""
SLUG_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
"""The form of every other id."""


class RecordLookup(Protocol):
    """What views and bridges need of a dataset: its records, and lookups by id and name.

    :class:`geoalign.Dataset` is one; the views depend on this, not on the store, so
    that every store can be shown the same way.
    """

    @property
    def sources(self) -> tuple[Source, ...]: ...
    @property
    def countries(self) -> tuple[Country, ...]: ...
    @property
    def organizations(self) -> tuple[Organization, ...]: ...
    @property
    def persons(self) -> tuple[Person, ...]: ...
    @property
    def relationships(self) -> tuple[Relationship, ...]: ...
    @property
    def events(self) -> tuple[Event, ...]: ...
    @property
    def horizon(self) -> PartialDate | None: ...
    def actors(self) -> Iterator[Actor]: ...
    def get(self, record_id: str) -> Record | None: ...
    def resolve(self, name: Any) -> Actor: ...
    def to_dict(self) -> dict[str, list[dict[str, Any]]]: ...
