"""The checks of one record beside the sources' dates: each a rule with the fields it reads.

Each rule gives ``(field, code, message)`` for every problem it finds in a record; the
validator turns them into problems.  A rule reads only the fields it names, so a record
the converter refused for one field is still checked by every rule whose fields did
convert (:func:`partial_problems`): one pass reports a record's type error beside its
dates and claims.  The rules of time and of claims are those of :mod:`geoalign.rules`,
called, not restated.

>>> from geoalign.model.dates import PartialDate as D
>>> partial_problems(Relationship, {"start": D(2020), "end": D(2019), "ended_by": None}, {})
[('end', 'ends-before-start', 'ends (2019) no later than the first day it may have started (2020), so it is in force on no day')]
"""

from __future__ import annotations

import datetime
import types
from collections.abc import Callable, Mapping
from typing import Any

from geoalign.model.edtf import EDTFDate
from geoalign.model.records import Event, Person, Relationship, Source
from geoalign.rules.claims import ClaimProblem, confidence_problems, timing_problems
from geoalign.rules.offices import no_day_in_office
from geoalign.rules.time import attestations, before_start, first_day, last_day, no_possible_day

__all__ = ["RULES", "Rule", "partial_problems", "record_problems"]

Rule = Callable[[Any, Mapping[str, EDTFDate]], list[ClaimProblem]]
"""A check of one record, given each source's publication date by id."""


def _publication(source: Source, _: Mapping[str, EDTFDate]) -> list[ClaimProblem]:
    if source.published.latest != datetime.date.max:
        return []
    # Its horizon and the day it is known from would be the end of time.
    message = (
        f"published {source.published}: give the latest day it may have been "
        "published, as in [2022-02-24..2024-12]"
    )
    return [("published", "open-publication", message)]


def _roles(person: Person, _: Mapping[str, EDTFDate]) -> list[ClaimProblem]:
    return [
        (f"roles[{index}].end", "ends-before-start", why)
        for index, role in enumerate(person.roles)
        if (why := no_day_in_office(role.start, role.end))
    ]


def _cited(record: Relationship | Event, _: Mapping[str, EDTFDate]) -> list[ClaimProblem]:
    if record.citations:
        return []
    return [("citations", "no-citation", "at least one citation is required")]


def _two_actors(tie: Relationship, _: Mapping[str, EDTFDate]) -> list[ClaimProblem]:
    if tie.a != tie.b:
        return []
    return [("b", "same-actors", "a relationship needs two different actors")]


def _ending(tie: Relationship, published: Mapping[str, EDTFDate]) -> list[ClaimProblem]:
    if tie.end is not None and tie.ended_by is not None:
        return [("ended_by", "end-and-ended-by", "give either an end date or ended_by, not both")]
    if tie.ended_by is not None:
        # The tie ends when the source says so: that must leave it a possible day.
        ended = published.get(tie.ended_by)
        why = None if ended is None else no_possible_day(tie.start, None, ended)
        return [] if why is None else [("ended_by", "ends-before-start", why)]
    why = no_possible_day(tie.start, tie.end, None)
    return [] if why is None else [("end", "ends-before-start", why)]


# A citation that says a tie is in force wholly before any day it may have started
# contradicts its start.  Ignoring it (as rules.time.tie_span does) is not enough: a
# coarser start would make it count, and a less precise dataset would then give a
# definite answer the precise one does not.  So it is refused; a source that announced
# a tie before it began supports the start it announces, not the tie in force.  A
# citation after the source that ends the tie is refused too: the tie would be
# definite after its last possible day.


def _attested_before_start(
    tie: Relationship, published: Mapping[str, EDTFDate]
) -> list[ClaimProblem]:
    return [
        (
            f"citations[{index}]",
            "attested-before-start",
            f"cites {source} as saying it is in force on {date}, before any day it may "
            f"have started ({tie.start})",
        )
        for index, (source, date) in attestations(tie, published)
        if before_start(tie.start, date)
    ]


def _cited_after_end(tie: Relationship, published: Mapping[str, EDTFDate]) -> list[ClaimProblem]:
    ended = None if tie.ended_by is None else published.get(tie.ended_by)
    if ended is None:
        return []
    found = []
    for index, (source, date) in attestations(tie, published):
        if first_day(date) > last_day(ended):
            message = (
                f"cites {source} as saying it is in force on {date}, after {tie.ended_by} "
                f"said it had ended ({ended})"
            )
            found.append((f"citations[{index}]", "cited-after-ended-by", message))
    return found


def _actors(event: Event, _: Mapping[str, EDTFDate]) -> list[ClaimProblem]:
    actors = event.actors
    if not actors:
        return [("actors", "no-actor", "at least one actor is required")]
    if len(set(actors)) != len(actors):
        return [("actors", "repeated-actor", "an actor is listed twice")]
    return []


def _confidence(record: Relationship | Event, _: Mapping[str, EDTFDate]) -> list[ClaimProblem]:
    return confidence_problems(record.confidence, record.citations)


def _tie_timing(tie: Relationship, published: Mapping[str, EDTFDate]) -> list[ClaimProblem]:
    return timing_problems(tie.citations, published)


def _event_timing(event: Event, published: Mapping[str, EDTFDate]) -> list[ClaimProblem]:
    return timing_problems(event.citations, published, event.date)


RULES: dict[type[Any], tuple[tuple[tuple[str, ...], Rule], ...]] = {
    Source: ((("published",), _publication),),
    Person: ((("roles",), _roles),),
    Relationship: (
        (("citations",), _cited),
        (("a", "b"), _two_actors),
        (("start", "end", "ended_by"), _ending),
        (("ended_by", "citations"), _cited_after_end),
        (("start", "citations"), _attested_before_start),
        (("confidence", "citations"), _confidence),
        (("citations",), _tie_timing),
    ),
    Event: (
        (("citations",), _cited),
        (("actors",), _actors),
        (("confidence", "citations"), _confidence),
        (("citations", "date"), _event_timing),
    ),
}
"""The rules of each record class, each with the fields it reads."""


def record_problems(record: object, published: Mapping[str, EDTFDate]) -> list[ClaimProblem]:
    """Every problem the rules find in a record; ``published`` gives each source's date."""
    found: list[ClaimProblem] = []
    for _, rule in RULES.get(type(record), ()):
        if more := rule(record, published):
            found += more
    return found


def partial_problems(
    cls: type[Any], fields: Mapping[str, Any], published: Mapping[str, EDTFDate]
) -> list[ClaimProblem]:
    """The problems the rules of ``cls`` find in the fields of a record that converted
    (by name, as :func:`~geoalign.formats.convert.converted_fields` gives them); a rule
    that reads a field left out is not run."""
    record = types.SimpleNamespace(**fields)
    found: list[ClaimProblem] = []
    for needs, rule in RULES.get(cls, ()):
        if all(name in fields for name in needs):
            found += rule(record, published)
    return found
