"""Hypothesis strategies for every model type, and for whole valid datasets.

One module, shared by every test file.  The per-type strategies take optional pools of
records to refer to (ids, or sources); on their own they build records whose references point anywhere
(fine for round trips), while :func:`records` wires them into a valid, internally
consistent dataset.  Names come from a small shared pool so that different actors
often share a name or an alias: ambiguous and colliding names are the normal case.

Import them as ``from tests.strategies import records, datasets``.
"""

from __future__ import annotations

import datetime
import functools
import operator
import string
import typing
from collections.abc import Sequence
from typing import TypeVar

import attrs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from geoalign.model.dates import PartialDate
from geoalign.model.edtf import BoundedDate, EDTFDate
from geoalign.model.kinds import Confidence, EventKind, OrganizationKind, RelationshipKind
from geoalign.model.records import (
    Citation,
    Country,
    Event,
    Organization,
    Person,
    Records,
    Relationship,
    Role,
    Source,
)
from geoalign.rules.time import first_day, last_day, no_possible_day
from geoalign.store.dataset import Dataset

__all__ = [
    "DATASET_SETTINGS",
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

_R = TypeVar("_R", Source, Organization, Person, Relationship, Event)

MIN_YEAR, MAX_YEAR = 2010, 2026
"""The years records are dated in: narrow, so that periods and query windows overlap often."""

DATASET_SETTINGS = settings(
    max_examples=max(10, settings.default.max_examples // 3),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""Settings for properties of whole datasets: a third of the profile's examples.

A generated dataset takes a few hundred draws, and the properties dump and load it
again; a third of the examples keeps the suite within its time budget on CI.  Use it
as a decorator beside ``@given``, like any ``settings``.
"""

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
_SLUG_START = string.ascii_lowercase + string.digits
_SLUG_POOL = ("russia", "kremlin", "nis", "hts", "alpha", "us", "bashar-al-assad", "s1", "2024")

# Any text a dataset may hold: no control characters (Cc), surrogates (Cs) or noncharacters.  The pool
# of awkward characters is weighted in so that quoting, escaping and line splitting in
# YAML and JSON Lines get exercised.
_AWKWARD = st.sampled_from(list("'\":#-\u2028\u2029\u00a0\u00e9\u2019\\{&*"))
_ANY_CHAR = st.characters(exclude_categories=("Cs", "Cc")).filter(
    lambda c: not ("\ufdd0" <= c <= "\ufdef" or ord(c) & 0xFFFE == 0xFFFE)  # noncharacters
)
_WORDS = ("a", "Rebels took Hama.", "Reuters", "yes", "null", "2024-12-08", "Moscow's ally", "#1")


@functools.cache
def texts(max_size: int = 12) -> st.SearchStrategy[str]:
    """Non-blank text, as every text field of a record must be.

    Mostly plain words (cheap to draw, and they keep datasets small), sometimes any
    characters at all.

    >>> texts().example().strip() != ""
    True
    """
    chars = st.one_of(_ANY_CHAR, _AWKWARD)
    wild = st.text(chars, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))
    words = st.sampled_from(_WORDS)
    return st.one_of(words, words, words, wild)


@functools.cache
def names() -> st.SearchStrategy[str]:
    """Actor names and aliases: mostly from :data:`NAME_POOL`, sometimes any text.

    >>> bool(names().example().strip())
    True
    """
    return st.one_of(st.sampled_from(NAME_POOL), st.sampled_from(NAME_POOL), texts())


@functools.cache
def slugs() -> st.SearchStrategy[str]:
    """Ids of everything but countries: ``[a-z0-9][a-z0-9._-]*``.

    >>> import re
    >>> bool(re.fullmatch(r"[a-z0-9][a-z0-9._-]*", slugs().example()))
    True
    """
    fresh = st.builds(
        operator.add,
        st.sampled_from(_SLUG_START),
        st.text(st.sampled_from(_SLUG_START + "._-"), max_size=8),
    )
    return st.one_of(st.sampled_from(_SLUG_POOL), fresh)


@functools.cache
def country_ids() -> st.SearchStrategy[str]:
    """ISO-3166-1-alpha-3-shaped ids: three capital letters.

    >>> len(country_ids().example())
    3
    """
    fresh = st.text(st.sampled_from(string.ascii_uppercase), min_size=3, max_size=3)
    return st.one_of(st.sampled_from(_COUNTRY_ID_POOL), fresh)


@functools.cache
def partial_dates(min_year: int = 1, max_year: int = 9999) -> st.SearchStrategy[PartialDate]:
    """Valid partial dates of every precision between two years (inclusive).

    >>> isinstance(partial_dates(2010, 2026).example(), PartialDate)
    True
    """
    days = st.dates(datetime.date(min_year, 1, 1), datetime.date(max_year, 12, 31))
    return st.builds(_truncate, days, st.sampled_from(["year", "month", "day"]))


def _truncate(day: datetime.date, precision: str) -> PartialDate:
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def _edtf(qualified_only: bool = False) -> st.SearchStrategy[EDTFDate]:
    # tests.edtf_strategies builds on partial_dates above: import it once this module is.
    from tests.edtf_strategies import edtf_dates, qualified_dates

    chosen = qualified_dates if qualified_only else edtf_dates
    return chosen(MIN_YEAR, MAX_YEAR)


_DATES = partial_dates(MIN_YEAR, MAX_YEAR)
_OPTIONAL_DATES = st.none() | _DATES
_EDTF_DATES = _DATES | st.deferred(_edtf)
"""Every date form: plain and qualified partial dates, ranges, decades, centuries."""
_QUALIFIED_DATES = _DATES | st.deferred(lambda: _edtf(qualified_only=True))


def _dates_for(cls: type, field: str) -> st.SearchStrategy[EDTFDate]:
    """Every date form the model's field takes: bounded dates only where its type says so."""
    hint = typing.get_type_hints(cls)[field]
    return _EDTF_DATES if BoundedDate in (typing.get_args(hint) or (hint,)) else _QUALIFIED_DATES


_OPTIONAL_TEXT = st.none() | texts()
_ALIASES = st.lists(names(), max_size=2).map(tuple)


def _pick(pool: Sequence[str] | None, default: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(pool) if pool else default


@st.composite
def _ordered_period(draw: st.DrawFn) -> tuple[PartialDate | None, PartialDate | None]:
    """An optional start and end such that the end never ends before the start begins."""
    start, end = draw(_OPTIONAL_DATES), draw(_OPTIONAL_DATES)
    if start is not None and end is not None and end.latest < start.earliest:
        start, end = end, start
    return start, end


_PERIODS = _ordered_period()


def _has_a_day(start: EDTFDate | None, end: EDTFDate | None, ended: PartialDate | None) -> bool:
    """Whether a tie so dated is valid: some possible day, and no end wholly before the
    start (the loader also refuses that, even where an approximate date widens it)."""
    last = end if end is not None else ended
    before = start is not None and last is not None and last.latest < start.earliest
    return not before and no_possible_day(start, end, ended) is None


@st.composite
def _tie_period(draw: st.DrawFn) -> tuple[EDTFDate | None, EDTFDate | None]:
    """An optional start and end of any date form, leaving the tie some possible day."""
    forms = (
        st.none() | _dates_for(Relationship, "start"),
        st.none() | _dates_for(Relationship, "end"),
    )
    start, end = draw(forms[0]), draw(forms[1])
    if not _has_a_day(start, end, None):
        start, end = end, start
    if not _has_a_day(start, end, None):
        end = None
    return start, end


RECORD_CONFIDENCES = [c for c in Confidence if c not in (Confidence.DISPUTED, Confidence.DENIED)]
"""A record's confidence where its citations (which assert it) allow: never ``denied``,
and ``disputed`` only with a denying citation (see :mod:`geoalign.rules.claims`)."""


def citations(source_ids: Sequence[str] | None = None) -> st.SearchStrategy[Citation]:
    """Citations of one of ``source_ids`` (of any slug when none are given).

    >>> citations(["s1"]).example().source
    's1'
    """
    return st.builds(Citation, source=_pick(source_ids, slugs()), quote=texts(20))


def _citation_tuples(source_ids: Sequence[str] | None) -> st.SearchStrategy[tuple[Citation, ...]]:
    return st.lists(citations(source_ids), min_size=1, max_size=2).map(tuple)


@functools.cache
def sources() -> st.SearchStrategy[Source]:
    """Sources published by some day of :data:`MIN_YEAR` to :data:`MAX_YEAR`, some qualified.

    >>> MIN_YEAR <= sources().example().published.latest.year <= MAX_YEAR
    True
    """
    return st.builds(
        Source,
        id=slugs(),
        title=texts(),
        publisher=texts(),
        # A publication date has a latest day: validation refuses one open above.
        published=_dates_for(Source, "published").filter(lambda d: d.latest < datetime.date.max),
        document=texts(),
        url=_OPTIONAL_TEXT,
        note=_OPTIONAL_TEXT,
    )


@functools.cache
def countries() -> st.SearchStrategy[Country]:
    """Countries, with aliases and metonyms from the shared name pool.

    >>> len(countries().example().id)
    3
    """
    return st.builds(Country, id=country_ids(), name=names(), aliases=_ALIASES, metonyms=_ALIASES)


def organizations(country_pool: Sequence[str] | None = None) -> st.SearchStrategy[Organization]:
    """Organizations, based in a country of ``country_pool`` or in none.

    >>> organizations(["SRB"]).example().country in (None, "SRB")
    True
    """
    return st.builds(
        Organization,
        id=slugs(),
        name=names(),
        kind=st.sampled_from(OrganizationKind),
        aliases=_ALIASES,
        metonyms=_ALIASES,
        country=st.none() | _pick(country_pool, country_ids()),
    )


@st.composite
def roles(draw: st.DrawFn, actor_pool: Sequence[str] | None = None) -> Role:
    """Roles held in an actor of ``actor_pool`` (or in none), with an ordered period.

    >>> roles(["SYR"]).example().actor in (None, "SYR")
    True
    """
    start, end = draw(_PERIODS)
    actor = draw(st.none() | _pick(actor_pool, slugs()))
    return Role(title=draw(texts()), actor=actor, start=start, end=end)


def persons(actor_pool: Sequence[str] | None = None) -> st.SearchStrategy[Person]:
    """Persons with up to two roles held in actors of ``actor_pool``.

    >>> all(r.actor in (None, "RUS") for r in persons(["RUS"]).example().roles)
    True
    """
    return st.builds(
        Person,
        id=slugs(),
        name=names(),
        aliases=_ALIASES,
        metonyms=_ALIASES,
        roles=st.lists(roles(actor_pool), max_size=2).map(tuple),
    )


@st.composite
def relationships(
    draw: st.DrawFn,
    actor_pool: Sequence[str] | None = None,
    source_pool: Sequence[Source] | None = None,
) -> Relationship:
    """Relationships between two different actors of ``actor_pool``, in a valid period.

    Dates take every EDTF form.  Citations name sources of ``source_pool``.  Open-ended
    ones sometimes carry ``ended_by`` instead of an end: a source of the pool that leaves
    the tie some possible day (:func:`geoalign.rules.time.no_possible_day`) and is
    published no earlier than any source the tie cites.

    >>> r = relationships(["RUS", "SYR"]).example()
    >>> {r.a, r.b} == {"RUS", "SYR"}
    True
    """
    a = draw(_pick(actor_pool, slugs()))
    others = [actor for actor in actor_pool or () if actor != a]
    b = draw(st.sampled_from(others) if others else slugs().filter(lambda x: x != a))
    start, end = draw(_tie_period())
    # A source cited must not say the tie was in force before any day it may have
    # started (attested-before-start): without one, the tie has no start.
    source_ids = [
        source.id
        for source in source_pool or ()
        if start is None or last_day(source.published) >= first_day(start)
    ]
    if source_pool and not source_ids:
        start, source_ids = None, [source.id for source in source_pool]
    cited = draw(_citation_tuples(source_ids))
    # No citation may say the tie is in force after the source that ends it.
    published = {source.id: source.published for source in source_pool or ()}
    attested = [published[c.source] for c in cited if c.source in published]
    enders = [
        source.id
        for source in source_pool or ()
        if _has_a_day(start, None, source.published)
        and all(first_day(day) <= last_day(source.published) for day in attested)
    ]
    ended_by = None
    if end is None and (enders or not source_pool):
        ended_by = draw(st.none() | _pick(enders, slugs()))
    return Relationship(
        id=draw(slugs()),
        kind=draw(st.sampled_from(RelationshipKind)),
        a=a,
        b=b,
        confidence=draw(st.sampled_from(RECORD_CONFIDENCES)),
        summary=draw(texts(20)),
        citations=cited,
        start=start,
        end=end,
        ended_by=ended_by,
    )


def events(
    actor_pool: Sequence[str] | None = None, source_ids: Sequence[str] | None = None
) -> st.SearchStrategy[Event]:
    """Events among one to three distinct actors of ``actor_pool``, dated in any EDTF form.

    >>> set(events(["RUS"], ["s1"]).example().actors)
    {'RUS'}
    """
    actor = _pick(actor_pool, slugs())
    return st.builds(
        Event,
        id=slugs(),
        date=_dates_for(Event, "date"),
        kind=st.sampled_from(EventKind),
        actors=st.lists(actor, min_size=1, max_size=3, unique=True).map(tuple),
        confidence=st.sampled_from(RECORD_CONFIDENCES),
        summary=texts(20),
        citations=_citation_tuples(source_ids),
        location=_OPTIONAL_TEXT,
    )


@st.composite
def records(draw: st.DrawFn) -> Records:
    """A small, valid, internally consistent set of records: what a load returns.

    Ids are unique across all records; every reference resolves; at least one source.
    At most 8 actors, 8 relationships and 8 events, so that pairs of actors collide.

    >>> r = records().example()
    >>> len(r.sources) >= 1 and all(len(c.id) == 3 for c in r.countries)
    True
    """
    counts = [
        draw(st.integers(low, high)) for low, high in ((1, 3), (0, 2), (0, 2), (0, 8), (0, 8))
    ]
    n_sources, n_orgs, n_persons, n_relationships, n_events = counts
    country_list = draw(st.lists(country_ids(), min_size=1, max_size=4, unique=True))
    slug_ids = iter(
        draw(st.lists(slugs(), min_size=sum(counts), max_size=sum(counts), unique=True))
    )

    def build(strategy: st.SearchStrategy[_R], count: int) -> tuple[_R, ...]:
        # Strategies draw ids of their own; unique ones drawn above replace them.
        return tuple(attrs.evolve(draw(strategy), id=next(slug_ids)) for _ in range(count))

    built_sources = build(sources(), n_sources)
    source_ids = [source.id for source in built_sources]
    built_orgs = build(organizations(country_list), n_orgs)
    bodies = country_list + [org.id for org in built_orgs]  # what a role can belong to
    built_persons = build(persons(bodies), n_persons)
    actor_ids = bodies + [person.id for person in built_persons]
    if len(actor_ids) < 2:
        n_relationships = 0
    return Records(
        sources=built_sources,
        countries=tuple(attrs.evolve(draw(countries()), id=i) for i in country_list),
        organizations=built_orgs,
        persons=built_persons,
        relationships=build(relationships(actor_ids, built_sources), n_relationships),
        events=build(events(actor_ids, source_ids), n_events),
    )


def datasets() -> st.SearchStrategy[Dataset]:
    """Datasets built from :func:`records` by :meth:`Dataset.from_records`, which checks them.

    >>> datasets().example().horizon is not None
    True
    """
    return records().map(Dataset.from_records)
