"""Brute-force references for the queries: plain loops over every record.

Each reference is written from the query semantics and not from the indexes: a
relationship is in force over the period ``P`` of ``as_of`` iff it starts on or before
``P``'s last day and its effective end (``end``, or the publication of the source named
by ``ended_by``) comes after both ``P``'s first day and its own start.  A sanction in
force on no day at all was never imposed, so it is not lifted either.

Import them as ``from tests.query_reference import ref_allies, ids``.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable

from geoalign import (
    Actor,
    Dataset,
    Event,
    PartialDate,
    Relationship,
    RelationshipKind,
    SanctionState,
)


def horizon_of(ds: Dataset) -> PartialDate | None:
    """The latest publication date of any source: what ``as_of=None`` means."""
    return max((source.published for source in ds.sources), default=None)


def period_of(ds: Dataset, as_of: PartialDate | None) -> PartialDate:
    """The period a query asks about: ``as_of``, or the horizon when it is None."""
    when = as_of if as_of is not None else horizon_of(ds)
    assert when is not None
    return when


def effective_end(ds: Dataset, r: Relationship) -> datetime.date | None:
    """The first day a tie is over: its end, or the publication of its ``ended_by`` source."""
    if r.end is not None:
        return r.end.earliest
    for source in ds.sources:
        if source.id == r.ended_by:
            return source.published.earliest
    return None


def ever_in_force(ds: Dataset, r: Relationship) -> bool:
    """Whether the tie ends after it starts: one that ends when it starts holds on no day."""
    end = effective_end(ds, r)
    return r.start is None or end is None or r.start.earliest < end


def in_force(ds: Dataset, r: Relationship, when: PartialDate) -> bool:
    """Whether some day ``d`` of ``when`` has ``start.earliest <= d < end`` (the SPEC's rule).

    So the tie starts by the last day of ``when``, has not ended by its first day, and
    is in force on some day at all.
    """
    end = effective_end(ds, r)
    started = r.start is None or r.start.earliest <= when.latest
    not_ended = end is None or when.earliest < end
    return started and not_ended and ever_in_force(ds, r)


def ref_relationships(
    ds: Dataset, me: str, as_of: PartialDate | None, kinds: Iterable[RelationshipKind]
) -> list[str]:
    """Sorted ids of the ties of ``me`` of the given kinds in force at ``as_of``."""
    when, wanted = period_of(ds, as_of), set(kinds)
    found = [
        r.id
        for r in ds.relationships
        if me in (r.a, r.b) and r.kind in wanted and in_force(ds, r, when)
    ]
    return sorted(found)


def ref_allies(
    ds: Dataset, me: str, as_of: PartialDate | None, kinds: Iterable[RelationshipKind] | None
) -> list[str]:
    """Sorted ids of the others that ``me`` has a tie of ``kinds`` with (alignment when None)."""
    if kinds is None:
        kinds = [kind for kind in RelationshipKind if kind.alignment]
    others = set()
    for rid in ref_relationships(ds, me, as_of, kinds):
        r = next(r for r in ds.relationships if r.id == rid)
        others.add(r.b if r.a == me else r.a)
    return sorted(others - {me})


def ref_sanctions(
    ds: Dataset, imposer: str, target: str, as_of: PartialDate | None
) -> tuple[SanctionState, list[str]]:
    """The state of sanctions of ``imposer`` on ``target`` and the ids of the ties behind it."""
    when = period_of(ds, as_of)
    based_in = {org.id: org.country for org in ds.organizations}
    measures = [
        r
        for r in ds.relationships
        if r.kind is RelationshipKind.SANCTIONS
        and r.a == imposer
        and (r.b == target or based_in.get(r.b) == target)
        and ever_in_force(ds, r)  # never in force, so never imposed, nor lifted
    ]
    current = [r.id for r in measures if in_force(ds, r, when)]
    if current:
        return SanctionState.IMPOSED, sorted(current)
    ended = [r.id for r in measures if (end := effective_end(ds, r)) and end <= when.earliest]
    if ended:
        return SanctionState.LIFTED, sorted(ended)
    stated = [
        r.id
        for r in ds.relationships
        if r.kind is RelationshipKind.NON_SANCTIONING
        and (r.a, r.b) == (imposer, target)
        and in_force(ds, r, when)
    ]
    if stated:
        return SanctionState.NOT_IMPOSED, sorted(stated)
    return SanctionState.UNKNOWN, []


def ref_timeline(
    ds: Dataset, a: str, b: str, start: PartialDate | None, end: PartialDate | None
) -> list[str]:
    """Ids of the events of both ``a`` and ``b`` that overlap the window, in date order."""
    first = start.earliest if start else datetime.date.min
    last = end.latest if end else datetime.date.max
    found = [
        e
        for e in ds.events
        if a in e.actors and b in e.actors and e.date.earliest <= last and first <= e.date.latest
    ]
    found.sort(
        key=lambda e: (e.date.earliest, ["year", "month", "day"].index(e.date.precision), e.id)
    )
    return [e.id for e in found]


@functools.cache  # pure, and asked about the same few names over and over
def ref_fold(name: str) -> str:
    """Names as resolve() compares them, written with regular expressions."""
    text = re.sub("[\u2018\u2019`]", "'", name).replace(".", "")
    text = re.sub("[-_]", " ", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = " ".join(text.casefold().split())
    return re.sub("^the (?=.)", "", text)


def ref_resolve(ds: Dataset, name: str) -> str | tuple[str, ...] | None:
    """The id ``name`` resolves to, the ids it is ambiguous between, or None if unknown."""
    actors = list(ds.actors())
    for actor in actors:
        if actor.id == name:  # an exact id is the way out of any ambiguity
            return actor.id
    key = ref_fold(name)
    strong = [x.id for x in actors if key in {ref_fold(n) for n in (x.id, x.name, *x.aliases)}]
    weak = [x.id for x in actors if key in {ref_fold(n) for n in x.metonyms}]
    matches = sorted(set(strong or weak))
    if not matches:
        return None
    return matches[0] if len(matches) == 1 else tuple(matches)


def ids(records: Iterable[Actor | Relationship | Event]) -> list[str]:
    """The ids of ``records``, in order."""
    return [record.id for record in records]
