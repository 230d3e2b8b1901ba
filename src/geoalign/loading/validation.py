"""Whole-dataset validation: ids, references, dates, citations and claims, across all files.

It works on structured records and knows where each came from, so every problem names
its file, its record and its field.  It needs neither YAML nor cattrs, so the bundled
dataset's precompiled records are checked by the same rules as a user's files.

References are checked from the model's registry, by :mod:`geoalign.loading.references`.  The rules of time and of claims are
those of :mod:`geoalign.rules.time` and :mod:`geoalign.rules.claims`, called, not restated.

A record the converter refused still has its references checked, from the plain data
it was read from, so that one load reports both kinds of problem.
"""

from __future__ import annotations

import datetime
import operator
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from geoalign.errors import Problem
from geoalign.loading.problems import Collector, record_problem
from geoalign.loading.references import (
    ReferenceCheck,
    bad_references,
    raw_references,
    steps,
)
from geoalign.model.edtf import EDTFDate
from geoalign.model.records import (
    COLLECTIONS,
    COUNTRY_ID,
    RECORD_CLASSES,
    SLUG_ID,
    Event,
    Person,
    Record,
    Records,
    Relationship,
    Source,
)
from geoalign.rules.claims import ClaimProblem, confidence_problems, timing_problems
from geoalign.rules.offices import no_day_in_office
from geoalign.rules.time import no_possible_day

__all__ = ["Located", "check", "id_problems", "located", "merge", "validate"]


class Located(NamedTuple):
    """A record with the place it was read from.

    ``record`` is ``None`` for a record the converter refused (its problems are already
    reported): its id still counts, so that a duplicate of it is found and references
    to it are not reported as unknown, and ``raw``, the plain data it was read from,
    has its references checked.
    """

    record: Record | None
    record_id: str
    collection: str
    file: str
    line: int | None
    position: int
    raw: Mapping[str, Any] | None = None

    def problem(self, field: str, code: str, message: str) -> Problem:
        """A problem with this record's ``field`` (or with the whole record, for ``""``)."""
        return record_problem(
            self.file,
            self.line,
            self.collection,
            self.record_id,
            self.position,
            field,
            code,
            message,
        )

    def label(self) -> str:
        """Where the record stands, for pointing at it from another problem."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"the {COLLECTIONS[self.collection]} at {where} #{self.position}"


def merge(layers: Iterable[list[Located]], override: bool, problems: Collector) -> list[Located]:
    """Stack layers of records (bundled first); report duplicate and colliding ids."""
    merged: dict[str, Located] = {}
    for depth, layer in enumerate(layers):
        seen: dict[str, Located] = {}
        for item in layer:
            record_id = item.record_id
            if record_id in seen:
                message = f"duplicate id, also used by {seen[record_id].label()}"
                problems.add([item.problem("id", "duplicate-id", message)])
                continue
            seen[record_id] = item
            earlier = merged.get(record_id)
            if earlier is not None and depth > 0:
                if not override:
                    message = (
                        "this id is already in the bundled dataset "
                        "(choose another id, or load with override to replace it)"
                    )
                    problems.add([item.problem("id", "bundled-id", message)])
                    continue
                if earlier.collection != item.collection:
                    message = f"overrides a bundled {COLLECTIONS[earlier.collection]}"
                    problems.add([item.problem("id", "override-kind", message)])
                    continue
            merged[record_id] = item
    return list(merged.values())


# The names the compiled store's streaming pass imports from here.
_steps, _bad_references, _raw_references = steps, bad_references, raw_references


def check(items: list[Located]) -> Iterator[Problem]:
    """Whole-dataset checks: id forms, references, date order, citations and claims.

    References to records refused by the converter (``record`` is ``None``) count as
    references to a record of their collection; the references of a refused record are
    checked from its plain data.
    """
    kinds = {item.record_id: item.collection for item in items}
    references = ReferenceCheck(kinds)
    by_collection: dict[str, list[Record]] = {name: [] for name in COLLECTIONS}
    by_class: dict[type[Record], list[Record]] = {}
    for item in items:
        if item.record is not None:
            by_collection[item.collection].append(item.record)
            by_class.setdefault(type(item.record), []).append(item.record)
    # The collections whose ids, and the classes whose references, are all good, found
    # in C calls over all their records at once: their records are not checked for
    # them one by one.
    good_ids = {
        name
        for name, records in by_collection.items()
        if all(map(_id_form(name)[0].fullmatch, map(_ID, records)))
    }
    good = {cls for cls, records in by_class.items() if references.all_good(records, cls)}
    published: dict[str, EDTFDate] = {
        item.record_id: item.record.published for item in items if isinstance(item.record, Source)
    }
    for item in items:
        record = item.record
        if record is None:  # its id was checked when it was refused
            if item.raw is not None:
                where = steps(RECORD_CLASSES[item.collection])
                for field, target, wanted in raw_references(item.raw, where, kinds):
                    yield _reference_problem(item, field, target, wanted, kinds.get(target))
            continue
        if item.collection not in good_ids:
            yield from id_problems(item)
        if type(record) not in good:
            for field, target, wanted in bad_references(record, steps(type(record)), kinds):
                yield _reference_problem(item, field, target, wanted, kinds.get(target))
        if type(record) is Source and record.published.latest == datetime.date.max:
            # Its horizon and the day it is known from would be the end of time.
            message = (
                f"published {record.published}: give the latest day it may have been "
                "published, as in [2022-02-24..2024-12]"
            )
            yield item.problem("published", "open-publication", message)
        elif isinstance(record, Person):
            for index, role in enumerate(record.roles):
                if why := no_day_in_office(role.start, role.end):
                    yield item.problem(f"roles[{index}].end", "ends-before-start", why)
        elif isinstance(record, Relationship | Event):
            if not record.citations:
                yield item.problem("citations", "no-citation", "at least one citation is required")
            if isinstance(record, Relationship):
                yield from _relationship(item, record, published)
                happened = None
            else:
                actors = record.actors
                if not actors or len(set(actors)) != len(actors):
                    yield from _event(item, record)
                happened = record.date
            if found := confidence_problems(record.confidence, record.citations):
                yield from _claims(item, found)
            if found := timing_problems(record.citations, published, happened):
                yield from _claims(item, found)


def _claims(item: Located, found: list[ClaimProblem]) -> Iterator[Problem]:
    for field, code, message in found:
        yield item.problem(field, code, message)


_ID_FORMS = {
    "countries": (COUNTRY_ID, "three capital letters, an ISO 3166-1 alpha-3 code"),
}
_SLUG = (SLUG_ID, "lowercase letters, digits, '.', '_' and '-'")


_ID = operator.attrgetter("id")


def _id_form(collection: str) -> tuple[re.Pattern[str], str]:
    return _ID_FORMS.get(collection, _SLUG)


def id_problems(item: Located) -> list[Problem]:
    """The problem with a record's id form, if any: an ISO 3166-1 alpha-3 code or a slug."""
    form, expected = _id_form(item.collection)
    if not form.fullmatch(item.record_id):
        message = f"{item.record_id!r} is not a valid id ({expected})"
        return [item.problem("id", "bad-id", message)]
    return []


def _reference_problem(
    item: Located, field: str, target: str, wanted: tuple[str, ...], found: str | None
) -> Problem:
    expected = _either(COLLECTIONS[c] for c in wanted)
    if found is None:
        return item.problem(field, "dangling-reference", f"{target!r}: no {expected} has this id")
    kind = COLLECTIONS[found]
    message = f"{target!r} is {_article(kind)} {kind}, not {_article(expected)} {expected}"
    return item.problem(field, "wrong-reference", message)


def _relationship(
    item: Located, record: Relationship, published: Mapping[str, EDTFDate]
) -> Iterator[Problem]:
    if record.a == record.b:
        yield item.problem("b", "same-actors", "a relationship needs two different actors")
    if record.end is not None and record.ended_by is not None:
        message = "give either an end date or ended_by, not both"
        yield item.problem("ended_by", "end-and-ended-by", message)
    elif record.ended_by is not None:
        # The tie ends when the source says so: that must leave it a possible day.
        ended = published.get(record.ended_by)
        if ended is not None:
            yield from _period(item, "ended_by", record.start, None, ended)
    else:
        yield from _period(item, "end", record.start, record.end, None)


def _event(item: Located, record: Event) -> Iterator[Problem]:
    if not record.actors:
        yield item.problem("actors", "no-actor", "at least one actor is required")
    if len(set(record.actors)) != len(record.actors):
        yield item.problem("actors", "repeated-actor", "an actor is listed twice")


def _period(
    item: Located,
    field: str,
    start: EDTFDate | None,
    end: EDTFDate | None,
    ended: EDTFDate | None,
) -> Iterator[Problem]:
    """The problem of a tie in force on no possible day (the rule of
    :func:`~geoalign.rules.time.no_possible_day`), if it is one."""
    why = no_possible_day(start, end, ended)
    if why is not None:
        yield item.problem(field, "ends-before-start", why)


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _either(names: Iterable[str]) -> str:
    """``"a"``, ``"a or b"``, ``"a, b or c"``."""
    *rest, last = names
    return f"{', '.join(rest)} or {last}" if rest else last


def located(records: Records, where: str | None = None) -> list[Located]:
    """Already-structured records as a layer to :func:`merge` and :func:`check`, as if
    read from the file ``where`` (by default each from its collection's file in the
    bundled layout, ``countries.yaml``...).

    >>> from geoalign.model.records import Country
    >>> [item.file for item in located(Records(countries=(Country(id="FRE", name="F"),)))]
    ['countries.yaml']
    """
    return [
        Located(record, record.id, name, f"{name}.yaml" if where is None else where, None, position)
        for name in COLLECTIONS
        for position, record in enumerate(getattr(records, name), start=1)
    ]


def validate(records: Records, where: str) -> list[Problem]:
    """Every problem of already-structured records, as if read from ``where``.

    >>> validate(Records(), "nowhere")
    []
    """
    problems = Collector()
    problems.add(check(merge([located(records, where)], False, problems)))
    return problems.problems
