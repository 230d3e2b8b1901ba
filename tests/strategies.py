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
import enum
import functools
import operator
import string
import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from geoalign.model.dates import PartialDate
from geoalign.model.edtf import BoundedDate, EDTFDate
from geoalign.model.kinds import Confidence
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
    references,
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
_T = TypeVar("_T")

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
_BY_NAME: dict[str, st.SearchStrategy[Any]] = {
    "name": names(),
    "aliases": _ALIASES,
    "metonyms": _ALIASES,
}
"""Fields drawn by their name, not their type: actors' names come from the shared pool."""

_Pools = dict[str, Sequence[str]]
"""The ids references may take, by what they point at: ``"sources"`` or ``"actors"``."""


def _pick(pool: Sequence[str] | None, default: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(pool) if pool else default


def _derived(
    cls: type[_T],
    pools: _Pools | None = None,
    joint: st.SearchStrategy[dict[str, Any]] | None = None,
    **given: st.SearchStrategy[Any],
) -> st.SearchStrategy[_T]:
    """Records of ``cls`` with every attrs field drawn, so that a field added to the model
    is generated with no change here.

    A field is drawn from ``given``, or with others by ``joint`` (a strategy of a dict of
    fields that constrain each other), or from ``pools`` where the model's registry says
    it refers to other records (:func:`~geoalign.model.records.references`), or by its
    name (:data:`_BY_NAME`) or type (:func:`_by_type`).
    """
    fields = attrs.fields(cls)
    unknown = set(given) - {field.name for field in fields}
    assert not unknown, f"{cls.__name__} has no fields {sorted(unknown)}"
    hints, refs = _hints(cls), references(cls)
    drawn = {}
    for field in fields:
        if field.name in given:
            drawn[field.name] = given[field.name]
        elif field.name in refs:
            drawn[field.name] = _referring(hints[field.name], refs[field.name], pools or {})
        elif field.name in _BY_NAME:
            drawn[field.name] = _BY_NAME[field.name]
        else:
            drawn[field.name] = _by_type(cls, field.name, hints[field.name], pools)
    if joint is None:
        return st.builds(cls, **drawn)
    rest = st.fixed_dictionaries(drawn)
    # The joint fields replace the rest's draws of them.
    return st.builds(lambda own, shared: cls(**{**own, **shared}), rest, joint)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _optional(hint: Any) -> tuple[Any, bool]:
    """The type ``hint`` allows besides ``None``, and whether it allows ``None``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) < len(typing.get_args(hint)):
            return functools.reduce(operator.or_, options), True
    return hint, False


def _referring(hint: Any, collections: tuple[str, ...], pools: _Pools) -> st.SearchStrategy[Any]:
    """An id (or ids) of records of ``collections``: from the pool where one is given."""
    inner, optional = _optional(hint)
    pool = pools.get("sources" if collections == ("sources",) else "actors")
    fallback = country_ids() if collections == ("countries",) else slugs()
    one = _pick(pool, fallback)
    if typing.get_origin(inner) is tuple:  # ids of several records, at least one
        drawn: st.SearchStrategy[Any] = st.lists(one, min_size=1, max_size=3, unique=True).map(
            tuple
        )
    else:
        drawn = one
    return st.none() | drawn if optional else drawn


def _by_type(cls: type, name: str, hint: Any, pools: _Pools | None) -> st.SearchStrategy[Any]:
    """Values of a field's type: text, an enum member, any date form the field takes,
    tuples of these or of records (whose references take ids of ``pools``); ``None`` too
    where the type allows it."""
    inner, optional = _optional(hint)
    if inner is str:
        drawn: st.SearchStrategy[Any] = texts()
    elif isinstance(inner, type) and issubclass(inner, enum.Enum):
        drawn = st.sampled_from(inner)
    elif inner in (PartialDate, EDTFDate) or BoundedDate in typing.get_args(inner):
        drawn = _dates_for(cls, name)
    elif typing.get_origin(inner) is tuple and typing.get_args(inner)[1:] == (Ellipsis,):
        item = typing.get_args(inner)[0]
        each = texts() if item is str else _derived(item, pools)
        drawn = st.lists(each, max_size=2).map(tuple)
    else:
        raise TypeError(f"no strategy for {cls.__name__}.{name} of type {hint}: add one")
    return st.none() | drawn if optional else drawn


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

_CLAIMS_IN_A_DATASET = {
    "claimed_on": st.none(),
    "confidence": st.none() | st.sampled_from(RECORD_CONFIDENCES),
}
"""What a citation of a generated dataset claims: no date of its own (the timing rules tie
one to its source's and its record's dates), and its fact, never a denial (which would
need a disputed record)."""


def citations(
    source_ids: Sequence[str] | None = None, actor_ids: Sequence[str] | None = None
) -> st.SearchStrategy[Citation]:
    """Citations of one of ``source_ids`` (of any slug when none are given), claimed by one
    of ``actor_ids`` or by none.  Given pools, they fit a valid dataset (see
    :data:`_CLAIMS_IN_A_DATASET`); without, every field takes any value of its type.

    >>> citations(["s1"]).example().source
    's1'
    """
    pools = {"sources": source_ids or (), "actors": actor_ids or ()}
    if source_ids is None:
        return _derived(Citation, pools)
    return _derived(Citation, pools, **_CLAIMS_IN_A_DATASET)


def _citation_tuples(
    source_ids: Sequence[str] | None, actor_ids: Sequence[str] | None = None
) -> st.SearchStrategy[tuple[Citation, ...]]:
    return st.lists(citations(source_ids, actor_ids), min_size=1, max_size=2).map(tuple)


@functools.cache
def sources() -> st.SearchStrategy[Source]:
    """Sources published by some day of :data:`MIN_YEAR` to :data:`MAX_YEAR`, some qualified.

    >>> MIN_YEAR <= sources().example().published.latest.year <= MAX_YEAR
    True
    """
    return _derived(
        Source,
        id=slugs(),
        # A publication date has a latest day: validation refuses one open above.
        published=_dates_for(Source, "published").filter(lambda d: d.latest < datetime.date.max),
    )


@functools.cache
def countries() -> st.SearchStrategy[Country]:
    """Countries, with aliases and metonyms from the shared name pool.

    >>> len(countries().example().id)
    3
    """
    return _derived(Country, id=country_ids())


def organizations(country_pool: Sequence[str] | None = None) -> st.SearchStrategy[Organization]:
    """Organizations, based in a country of ``country_pool`` or in none.

    >>> organizations(["SRB"]).example().country in (None, "SRB")
    True
    """
    return _derived(Organization, {"actors": country_pool or ()}, id=slugs())


def roles(actor_pool: Sequence[str] | None = None) -> st.SearchStrategy[Role]:
    """Roles held in an actor of ``actor_pool`` (or in none), with an ordered period.

    >>> roles(["SYR"]).example().actor in (None, "SYR")
    True
    """
    period = _PERIODS.map(lambda dates: {"start": dates[0], "end": dates[1]})
    return _derived(Role, {"actors": actor_pool or ()}, joint=period)


def persons(actor_pool: Sequence[str] | None = None) -> st.SearchStrategy[Person]:
    """Persons with up to two roles held in actors of ``actor_pool``.

    >>> all(r.actor in (None, "RUS") for r in persons(["RUS"]).example().roles)
    True
    """
    held = st.lists(roles(actor_pool), max_size=2).map(tuple)
    return _derived(Person, id=slugs(), roles=held)


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
    published no earlier than any source the tie cites.  The fields these rules leave
    free are drawn as :func:`_derived` draws them.

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
    cited = draw(_citation_tuples(source_ids if source_pool else None, actor_pool))
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
    fixed = {"a": a, "b": b, "citations": cited, "start": start, "end": end, "ended_by": ended_by}
    rest = {name: st.just(value) for name, value in fixed.items()}
    return draw(
        _derived(Relationship, id=slugs(), confidence=st.sampled_from(RECORD_CONFIDENCES), **rest)
    )


def events(
    actor_pool: Sequence[str] | None = None, source_ids: Sequence[str] | None = None
) -> st.SearchStrategy[Event]:
    """Events among one to three distinct actors of ``actor_pool``, dated in any EDTF form.

    >>> set(events(["RUS"], ["s1"]).example().actors)
    {'RUS'}
    """
    return _derived(
        Event,
        {"actors": actor_pool or ()},
        id=slugs(),
        confidence=st.sampled_from(RECORD_CONFIDENCES),
        citations=_citation_tuples(source_ids, actor_pool),
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
