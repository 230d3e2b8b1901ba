"""The indexes a :class:`~geoalign.Dataset` builds once, at load, so queries never scan.

* relationships by actor and kind, each with its period as day ordinals;
* sanctions and non-sanctioning statements by (imposer, target), where a sanction on an
  organization is also filed under the country the organization is based in;
* events by pair of actors (and by single actor, under the pair ``(a, a)``), sorted by
  date then id, with the first and last days of their periods in parallel lists.

Everything is built from plain tuples, lists and ints: at a million events the
difference with richer objects is most of the load time.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import attrs

from geoalign.model.dates import PartialDate
from geoalign.model.kinds import RelationshipKind
from geoalign.model.records import Event, Records, Relationship

__all__ = ["NEVER", "Indexes", "Period", "Timeline", "in_force"]

NEVER = 10**7
"""An ordinal after any date (the year 9999 ends at ordinal 3,652,059)."""

# A year is the longest period a PartialDate names: 366 days, so latest - earliest <= 365.
_LONGEST_PERIOD = 365
_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


class Period(NamedTuple):
    """A relationship seen from one of its actors, in force on days ``start <= d < end``."""

    start: int
    end: int
    other: str
    """The actor at the other end of the tie."""
    relationship: Relationship


def in_force(periods: Iterable[Period], first: int, last: int) -> list[Period]:
    """The periods in force on some day of ``[first, last]``: the one as-of rule.

    A period holds a day of the window iff it starts by the window's last day and ends
    after its first; empty periods (end not after start) are never indexed.

    >>> tie = Period(10, 20, "SYR", None)  # type: ignore[arg-type]
    >>> [len(in_force([tie], first, last)) for first, last in [(0, 9), (0, 10), (19, 30), (20, 30)]]
    [0, 1, 1, 0]
    """
    return [period for period in periods if period.start <= last and first < period.end]


class Timeline:
    """The events of one pair of actors, sorted by (date, id)."""

    __slots__ = ("_events", "_firsts", "_lasts")

    def __init__(self, events: tuple[Event, ...], firsts: list[int], lasts: list[int]) -> None:
        self._events = events
        self._firsts = firsts
        self._lasts = lasts

    def between(self, first: int, last: int) -> tuple[Event, ...]:
        """Events whose period overlaps the days ``[first, last]``, in order."""
        firsts = self._firsts
        low = bisect.bisect_left(firsts, first - _LONGEST_PERIOD)
        middle = bisect.bisect_left(firsts, first, low)
        high = bisect.bisect_right(firsts, last, middle)
        events, lasts = self._events, self._lasts
        # Events that start in the year before the window overlap it if they end inside it.
        early = tuple([events[i] for i in range(low, middle) if lasts[i] >= first])
        return early + events[middle:high] if early else events[middle:high]


@attrs.frozen
class Indexes:
    """Everything the queries look up, built by :meth:`build`."""

    by_actor: dict[str, dict[RelationshipKind, list[Period]]]
    aligned: dict[str, list[Period]]
    """Per actor, the periods of every alignment kind together (what allies_of reads)."""
    sanctions: dict[tuple[str, str], list[Period]]
    non_sanctioning: dict[tuple[str, str], list[Period]]
    timelines: dict[tuple[str, str], Timeline]

    @classmethod
    def build(cls, records: Records, ends: dict[str, PartialDate | None]) -> Indexes:
        """Index ``records``; ``ends`` gives each relationship's effective end."""
        based_in = {org.id: org.country for org in records.organizations if org.country}
        by_actor: dict[str, dict[RelationshipKind, list[Period]]] = {}
        sanctions: dict[tuple[str, str], list[Period]] = {}
        non_sanctioning: dict[tuple[str, str], list[Period]] = {}
        aligned: dict[str, list[Period]] = {}
        for relationship in records.relationships:
            a, b, kind = relationship.a, relationship.b, relationship.kind
            start = relationship.start.earliest.toordinal() if relationship.start else -NEVER
            ended = ends[relationship.id]
            end = ended.earliest.toordinal() if ended else NEVER
            if end <= start:
                continue  # in force on no day at all
            from_b = Period(start, end, a, relationship)
            from_a = from_b._replace(other=b)
            by_actor.setdefault(a, {}).setdefault(kind, []).append(from_a)
            by_actor.setdefault(b, {}).setdefault(kind, []).append(from_b)
            if kind.alignment:
                aligned.setdefault(a, []).append(from_a)
                aligned.setdefault(b, []).append(from_b)
            if kind is RelationshipKind.SANCTIONS:
                for target in _targets(b, based_in):
                    sanctions.setdefault((a, target), []).append(from_b)
            elif kind is RelationshipKind.NON_SANCTIONING:
                non_sanctioning.setdefault((a, b), []).append(from_b)
        return cls(by_actor, aligned, sanctions, non_sanctioning, _timelines(records.events))

    def timeline(self, a: str, b: str) -> Timeline | None:
        """The timeline of a pair, in either order."""
        return self.timelines.get((a, b) if a <= b else (b, a))


def _timelines(events: Iterable[Event]) -> dict[tuple[str, str], Timeline]:
    # One sort of all events on builtin keys (comparing PartialDates in Python would cost
    # more than the rest of the index); every pair's list inherits the order.
    keyed = sorted(
        (date.earliest.toordinal(), _PRECISION_RANK[date.precision], event.id, event)
        for event in events
        for date in (event.date,)
    )
    grouped: dict[tuple[str, str], tuple[list[Event], list[int], list[int]]] = {}
    for first, _, _, event in keyed:
        last = event.date.latest.toordinal()
        for pair in _pairs(event.actors):
            lists = grouped.get(pair)
            if lists is None:
                lists = grouped[pair] = ([], [], [])
            lists[0].append(event)
            lists[1].append(first)
            lists[2].append(last)
    return {
        pair: Timeline(tuple(events), firsts, lasts)
        for pair, (events, firsts, lasts) in grouped.items()
    }


def _targets(target: str, based_in: dict[str, str]) -> Iterator[str]:
    yield target
    country = based_in.get(target)
    if country is not None and country != target:
        yield country


def _pairs(actors: Iterable[str]) -> Iterator[tuple[str, str]]:
    ordered = sorted(set(actors))
    for i, a in enumerate(ordered):
        for b in ordered[i:]:
            yield (a, b)
