"""The indexes a :class:`~geoalign.Dataset` builds once, at load, so queries never scan.

* relationships by actor and kind, each with its period as day ordinals;
* sanctions and non-sanctioning statements by (imposer, target), where a sanction on an
  organization is also filed under the country the organization is based in;
* events by pair of actors (and by single actor, under the pair ``(a, a)``), sorted by
  date then id, with the first days of their periods in a parallel list for bisection.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

import attrs

from geoalign.dates import PartialDate
from geoalign.kinds import RelationshipKind
from geoalign.model import Event, Records, Relationship

__all__ = ["Indexes", "Period", "Timeline", "period_of"]

NEVER = 10**7
"""An ordinal after any date (the year 9999 ends at ordinal 3,652,059)."""

# A year is the longest period a PartialDate names: 366 days, so latest - earliest <= 365.
_LONGEST_PERIOD = 365


@attrs.frozen
class Period:
    """A relationship with its period as day ordinals: in force on ``start <= d < end``."""

    relationship: Relationship
    start: int
    end: int

    def overlaps(self, first: int, last: int) -> bool:
        """Whether the tie is in force on some day of ``[first, last]``.

        The first candidate day is the later of ``first`` and ``start``; a tie whose end
        does not come after its start is in force on no day at all.
        """
        day = max(first, self.start)
        return day <= last and day < self.end


def period_of(relationship: Relationship, ended: PartialDate | None) -> Period:
    """Turn a relationship and its effective end into a :class:`Period`."""
    start = relationship.start.earliest.toordinal() if relationship.start else -NEVER
    end = ended.earliest.toordinal() if ended else NEVER
    return Period(relationship, start, end)


class Timeline:
    """The events of one pair of actors, sorted by (date, id)."""

    __slots__ = ("_events", "_firsts")

    def __init__(self, events: list[Event]) -> None:
        events.sort(key=lambda event: (event.date, event.id))
        self._events = events
        self._firsts = [event.date.earliest.toordinal() for event in events]

    def between(self, first: int, last: int) -> list[Event]:
        """Events whose period overlaps the days ``[first, last]``, in order."""
        low = bisect.bisect_left(self._firsts, first - _LONGEST_PERIOD)
        high = bisect.bisect_right(self._firsts, last)
        events = self._events
        # Only events that start up to a year before the window can end inside it.
        return [
            events[i]
            for i in range(low, high)
            if self._firsts[i] >= first or events[i].date.latest.toordinal() >= first
        ]


@attrs.frozen
class Indexes:
    """Everything the queries look up, built by :meth:`build`."""

    by_actor: dict[str, dict[RelationshipKind, list[Period]]]
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
        for relationship in records.relationships:
            period = period_of(relationship, ends[relationship.id])
            for actor in (relationship.a, relationship.b):
                by_actor.setdefault(actor, {}).setdefault(relationship.kind, []).append(period)
            if relationship.kind is RelationshipKind.SANCTIONS:
                for target in _targets(relationship.b, based_in):
                    sanctions.setdefault((relationship.a, target), []).append(period)
            elif relationship.kind is RelationshipKind.NON_SANCTIONING:
                non_sanctioning.setdefault((relationship.a, relationship.b), []).append(period)
        grouped: dict[tuple[str, str], list[Event]] = {}
        for event in records.events:
            for pair in _pairs(event.actors):
                grouped.setdefault(pair, []).append(event)
        timelines = {pair: Timeline(events) for pair, events in grouped.items()}
        return cls(by_actor, sanctions, non_sanctioning, timelines)

    def timeline(self, a: str, b: str) -> Timeline | None:
        """The timeline of a pair, in either order."""
        return self.timelines.get((a, b) if a <= b else (b, a))


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
