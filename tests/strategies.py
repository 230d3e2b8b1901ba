"""Hypothesis strategies for every model type, and for whole valid datasets.

One module, shared by every test file.  The per-type strategies take optional pools of
ids to refer to; on their own they build records whose references point anywhere
(fine for round trips), while :func:`records` wires them into a valid, internally
consistent dataset.  Names come from a small shared pool so that different actors
often share a name or an alias: ambiguous and colliding names are the normal case.

Import them as ``from tests.strategies import records, datasets``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from hypothesis import strategies as st

from geoalign.dataset import Dataset
from geoalign.dates import PartialDate
from geoalign.kinds import Confidence, EventKind, OrganizationKind, RelationshipKind
from geoalign.loading import Records
from geoalign.model import (
    Citation,
    Country,
    Event,
    Organization,
    Person,
    Relationship,
    Role,
    Source,
)

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "NAME_POOL",
    "citations",
    "countries",
    "country_ids",
    "datasets",
    "events",
    "names",
    "organizations",
    "partial_dates",
    "persons",
    "records",
    "relationships",
    "roles",
    "slugs",
    "sources",
    "texts",
]

MIN_YEAR, MAX_YEAR = 2010, 2026
"""The years records are dated in: narrow, so that periods and query windows overlap often."""

NAME_POOL = (
    "Russia",
    "russia",
    "Russian Federation",
    "RU",
    "Syria",
    "Serbia",
    "Moscow",
    "the Kremlin",
    "Kremlin",
    "Damascus",
    "Türkiye",
    "Turkiye",
    "U.S.",
    "US",
    "NIS",
    "Bashar al-Assad",
    "Bashar al Assad",
    "Alpha",
)
"""Names shared by all generated actors, so names collide and resolve() meets ambiguity."""

_COUNTRY_ID_POOL = ("RUS", "SYR", "SRB", "USA", "TUR", "IRN", "UKR")
_SLUG_POOL = ("russia", "kremlin", "nis", "hts", "alpha", "us", "bashar-al-assad", "s1", "2024")

# Any text but surrogates; the pool of awkward characters is weighted in so that
# quoting, escaping and line splitting in YAML and JSON Lines get exercised.
_AWKWARD = st.sampled_from(
    ["'", '"', ":", "#", "-", "\n", "\t", "\r", "\u2028", "\x85", "é", "’", "\\", "{", "&", "*"]
)
_ANY_CHAR = st.characters(exclude_categories=("Cs",))


def texts(max_size: int = 20) -> st.SearchStrategy[str]:
    """Non-blank text, as every text field of a record must be.

    >>> texts().example().strip() != ""
    True
    """
    chars = st.one_of(_ANY_CHAR, _AWKWARD)
    return st.text(chars, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


def names() -> st.SearchStrategy[str]:
    """Actor names and aliases: mostly from :data:`NAME_POOL`, sometimes any text.

    >>> bool(names().example().strip())
    True
    """
    return st.one_of(st.sampled_from(NAME_POOL), st.sampled_from(NAME_POOL), texts(12))


def slugs() -> st.SearchStrategy[str]:
    """Ids of everything but countries: ``[a-z0-9][a-z0-9._-]*``.

    >>> import re
    >>> bool(re.fullmatch(r"[a-z0-9][a-z0-9._-]*", slugs().example()))
    True
    """
    return st.one_of(
        st.sampled_from(_SLUG_POOL), st.from_regex(r"[a-z0-9][a-z0-9._-]{0,10}", fullmatch=True)
    )


def country_ids() -> st.SearchStrategy[str]:
    """ISO-3166-1-alpha-3-shaped ids: three capital letters.

    >>> len(country_ids().example())
    3
    """
    return st.one_of(st.sampled_from(_COUNTRY_ID_POOL), st.from_regex(r"[A-Z]{3}", fullmatch=True))


@st.composite
def partial_dates(
    draw: st.DrawFn, min_year: int = 1, max_year: int = 9999
) -> PartialDate:
    """Valid partial dates of every precision between two years (inclusive).

    >>> isinstance(partial_dates(2010, 2026).example(), PartialDate)
    True
    """
    day = draw(st.dates(datetime.date(min_year, 1, 1), datetime.date(max_year, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def _dates() -> st.SearchStrategy[PartialDate]:
    return partial_dates(MIN_YEAR, MAX_YEAR)


def _pick(pool: Sequence[str] | None, default: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(pool) if pool else default


def _optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


def _aliases() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(names(), max_size=2).map(tuple)


@st.composite
def _ordered_period(
    draw: st.DrawFn, *, optional: bool
) -> tuple[PartialDate | None, PartialDate | None]:
    """A start and an end such that the end never ends before the start begins."""
    maybe = (st.none() | _dates()) if optional else _dates()
    start, end = draw(maybe), draw(maybe)
    if start is not None and end is not None and end.latest < start.earliest:
        start, end = end, start
    return start, end


def citations(source_ids: Sequence[str] | None = None) -> st.SearchStrategy[Citation]:
    """Citations of one of ``source_ids`` (of any slug when none are given).

    >>> citations(["s1"]).example().source
    's1'
    """
    return st.builds(Citation, source=_pick(source_ids, slugs()), quote=texts(40))


def _citation_tuples(source_ids: Sequence[str] | None) -> st.SearchStrategy[tuple[Citation, ...]]:
    return st.lists(citations(source_ids), min_size=1, max_size=2).map(tuple)


def sources(ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Source]:
    """Sources published between :data:`MIN_YEAR` and :data:`MAX_YEAR`.

    >>> MIN_YEAR <= sources().example().published.year <= MAX_YEAR
    True
    """
    return st.builds(
        Source,
        id=ids or slugs(),
        title=texts(),
        publisher=texts(),
        published=_dates(),
        document=texts(),
        url=_optional(texts()),
        note=_optional(texts()),
    )


def countries(ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Country]:
    """Countries, with aliases and metonyms from the shared name pool.

    >>> len(countries().example().id)
    3
    """
    return st.builds(
        Country, id=ids or country_ids(), name=names(), aliases=_aliases(), metonyms=_aliases()
    )


def organizations(
    ids: st.SearchStrategy[str] | None = None, country_pool: Sequence[str] | None = None
) -> st.SearchStrategy[Organization]:
    """Organizations, based in a country of ``country_pool`` or in none.

    >>> organizations(country_pool=["SRB"]).example().country in (None, "SRB")
    True
    """
    return st.builds(
        Organization,
        id=ids or slugs(),
        name=names(),
        kind=st.sampled_from(OrganizationKind),
        aliases=_aliases(),
        metonyms=_aliases(),
        country=_optional(_pick(country_pool, country_ids())),
    )


@st.composite
def roles(draw: st.DrawFn, actor_pool: Sequence[str] | None = None) -> Role:
    """Roles held in an actor of ``actor_pool`` (or in none), with an ordered period.

    >>> roles(["SYR"]).example().actor in (None, "SYR")
    True
    """
    start, end = draw(_ordered_period(optional=True))
    actor = draw(_optional(_pick(actor_pool, slugs())))
    return Role(title=draw(texts()), actor=actor, start=start, end=end)


def persons(
    ids: st.SearchStrategy[str] | None = None, actor_pool: Sequence[str] | None = None
) -> st.SearchStrategy[Person]:
    """Persons with up to two roles held in actors of ``actor_pool``.

    >>> all(r.actor in (None, "RUS") for r in persons(actor_pool=["RUS"]).example().roles)
    True
    """
    return st.builds(
        Person,
        id=ids or slugs(),
        name=names(),
        aliases=_aliases(),
        metonyms=_aliases(),
        roles=st.lists(roles(actor_pool), max_size=2).map(tuple),
    )


@st.composite
def relationships(
    draw: st.DrawFn,
    ids: st.SearchStrategy[str] | None = None,
    actor_pool: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
) -> Relationship:
    """Relationships between two different actors of ``actor_pool``, in a valid period.

    Open-ended ones sometimes carry ``ended_by`` (a source of ``source_ids``) instead.

    >>> r = relationships(actor_pool=["RUS", "SYR"], source_ids=["s1"]).example()
    >>> {r.a, r.b} == {"RUS", "SYR"}
    True
    """
    pool = actor_pool or [draw(slugs()) + "-a", draw(slugs()) + "-b"]
    a, b = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=2, unique=True))
    start, end = draw(_ordered_period(optional=True))
    ended_by = draw(_optional(_pick(source_ids, slugs()))) if end is None else None
    return Relationship(
        id=draw(ids or slugs()),
        kind=draw(st.sampled_from(RelationshipKind)),
        a=a,
        b=b,
        confidence=draw(st.sampled_from(Confidence)),
        summary=draw(texts(40)),
        citations=draw(_citation_tuples(source_ids)),
        start=start,
        end=end,
        ended_by=ended_by,
    )


def events(
    ids: st.SearchStrategy[str] | None = None,
    actor_pool: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Event]:
    """Events among one to three distinct actors of ``actor_pool``.

    >>> set(events(actor_pool=["RUS"], source_ids=["s1"]).example().actors)
    {'RUS'}
    """
    actor = _pick(actor_pool, slugs())
    return st.builds(
        Event,
        id=ids or slugs(),
        date=_dates(),
        kind=st.sampled_from(EventKind),
        actors=st.lists(actor, min_size=1, max_size=3, unique=True).map(tuple),
        confidence=st.sampled_from(Confidence),
        summary=texts(40),
        citations=_citation_tuples(source_ids),
        location=_optional(texts()),
    )


@st.composite
def records(draw: st.DrawFn) -> Records:
    """A small, valid, internally consistent set of records: what a load returns.

    Ids are unique across all records; every reference resolves; at least one source.

    >>> r = records().example()
    >>> len(r.sources) >= 1 and all(len(c.id) == 3 for c in r.countries)
    True
    """
    n_sources = draw(st.integers(1, 3))
    n_orgs = draw(st.integers(0, 2))
    n_persons = draw(st.integers(0, 2))
    n_relationships = draw(st.integers(0, 10))
    n_events = draw(st.integers(0, 10))
    country_id_list = draw(st.lists(country_ids(), min_size=1, max_size=4, unique=True))
    total = n_sources + n_orgs + n_persons + n_relationships + n_events
    slug_ids = iter(draw(st.lists(slugs(), min_size=total, max_size=total, unique=True)))

    def take(count: int) -> list[str]:
        return [next(slug_ids) for _ in range(count)]

    source_ids = take(n_sources)
    org_ids, person_ids = take(n_orgs), take(n_persons)
    body_ids = country_id_list + org_ids  # what a role or a membership can belong to
    actor_ids = body_ids + person_ids

    built_relationships: tuple[Relationship, ...] = ()
    if len(actor_ids) >= 2:
        built_relationships = tuple(
            draw(relationships(st.just(i), actor_ids, source_ids)) for i in take(n_relationships)
        )
    return Records(
        sources=tuple(draw(sources(st.just(i))) for i in source_ids),
        countries=tuple(draw(countries(st.just(i))) for i in country_id_list),
        organizations=tuple(draw(organizations(st.just(i), country_id_list)) for i in org_ids),
        persons=tuple(draw(persons(st.just(i), body_ids)) for i in person_ids),
        relationships=built_relationships,
        events=tuple(draw(events(st.just(i), actor_ids, source_ids)) for i in take(n_events)),
    )


def datasets() -> st.SearchStrategy[Dataset]:
    """Datasets built from :func:`records`, as :func:`geoalign.load` would build them.

    >>> datasets().example().horizon is not None
    True
    """
    return records().map(Dataset._from_records)
