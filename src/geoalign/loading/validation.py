"""Whole-dataset validation: ids, references, dates, citations and claims, across all files.

It works on structured records and knows where each came from, so every problem names
its file, its record and its field.  It needs neither YAML nor cattrs, so the bundled
dataset's precompiled records are checked by the same rules as a user's files.

References are checked from the model's registry (:func:`~geoalign.model.records.references`),
walking nested records (a person's roles, a record's citations) the same way, so a new
reference field is checked without a line here.  The rules of time and of claims are
those of :mod:`geoalign.rules.time` and :mod:`geoalign.rules.claims`, called, not restated.

A record the converter refused still has its references checked, from the plain data
it was read from, so that one load reports both kinds of problem.
"""

from __future__ import annotations

import datetime
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

import attrs

from geoalign.errors import Problem
from geoalign.loading.problems import Collector, record_problem
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
    references,
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


class _Step(NamedTuple):
    """A field that holds ids (``targets`` says of what), or records that do (``inner``)."""

    field: str
    targets: tuple[str, ...]
    inner: tuple[_Step, ...] | None


_STEPS: dict[type[Any], tuple[_Step, ...]] = {}


def _steps(cls: type[Any]) -> tuple[_Step, ...]:
    """Where the references of a record class are, read from the registry, nested or not."""
    if cls in _STEPS:
        return _STEPS[cls]
    refs = references(cls)
    hints = typing.get_type_hints(cls)
    steps = []
    for field in attrs.fields(cls):
        if field.name in refs:
            steps.append(_Step(field.name, refs[field.name], None))
            continue
        hint = hints[field.name]
        args = typing.get_args(hint)
        if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
            hint = args[0]  # tuple[Citation, ...]: each item
        if isinstance(hint, type) and attrs.has(hint) and (inner := _steps(hint)):
            steps.append(_Step(field.name, (), inner))
    _STEPS[cls] = tuple(steps)
    return _STEPS[cls]


def _bad_references(
    record: object, steps: tuple[_Step, ...], kinds: dict[str, str]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """``(field path, id, wanted collections)`` of each id that is not of a wanted kind."""
    bad = []  # a list, not a generator: this runs for every record and citation
    for field, targets, inner in steps:
        value = getattr(record, field)
        many = type(value) is tuple
        if inner is None:
            if many:
                for index, target in enumerate(value):
                    if kinds.get(target) not in targets:
                        bad.append((f"{field}[{index}]", target, targets))
            elif value is not None and kinds.get(value) not in targets:
                bad.append((field, value, targets))
        elif value is not None:
            for index, item in enumerate(value if many else (value,)):
                if found := _bad_references(item, inner, kinds):
                    where = f"{field}[{index}]" if many else field
                    bad += [(f"{where}.{path}", target, wanted) for path, target, wanted in found]
    return bad


def _raw_references(
    data: Mapping[str, Any], steps: tuple[_Step, ...], kinds: dict[str, str]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """:func:`_bad_references` of a refused record's plain data: only the ids that are
    text are checked, as a value of another type is reported already."""
    bad = []
    for field, targets, inner in steps:
        value = data.get(field)
        items = list(enumerate(value)) if isinstance(value, list) else None
        if inner is None:
            for index, target in items if items is not None else [(None, value)]:
                if isinstance(target, str) and kinds.get(target) not in targets:
                    bad.append((field if index is None else f"{field}[{index}]", target, targets))
            continue
        for index, item in items if items is not None else [(None, value)]:
            if isinstance(item, Mapping):
                where = field if index is None else f"{field}[{index}]"
                found = _raw_references(item, inner, kinds)
                bad += [(f"{where}.{path}", target, wanted) for path, target, wanted in found]
    return bad


def check(items: list[Located]) -> Iterator[Problem]:
    """Whole-dataset checks: id forms, references, date order, citations and claims.

    References to records refused by the converter (``record`` is ``None``) count as
    references to a record of their collection; the references of a refused record are
    checked from its plain data.
    """
    kinds = {item.record_id: item.collection for item in items}
    published: dict[str, EDTFDate] = {
        item.record_id: item.record.published for item in items if isinstance(item.record, Source)
    }
    for item in items:
        record = item.record
        if record is None:  # its id was checked when it was refused
            if item.raw is not None:
                steps = _steps(RECORD_CLASSES[item.collection])
                for field, target, wanted in _raw_references(item.raw, steps, kinds):
                    yield _reference_problem(item, field, target, wanted, kinds.get(target))
            continue
        yield from id_problems(item)
        for field, target, wanted in _bad_references(record, _steps(type(record)), kinds):
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


def id_problems(item: Located) -> list[Problem]:
    """The problem with a record's id form, if any: an ISO 3166-1 alpha-3 code or a slug."""
    form, expected = _ID_FORMS.get(item.collection, _SLUG)
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
