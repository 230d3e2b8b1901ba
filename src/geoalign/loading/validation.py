"""Whole-dataset validation: ids, references, dates, citations and claims, across all files.

It works on structured records and knows where each came from, so every problem names
its file, its record and its field.  It needs neither YAML nor cattrs, so the bundled
dataset's precompiled records are checked by the same rules as a user's files.

References are checked from the model's registry (:mod:`geoalign.loading.references`);
each record by the rules of its class (:mod:`geoalign.loading.checks`), which call the
rules of time and of claims (:mod:`geoalign.rules`), not restate them.

A record the converter refused is still checked in the same pass: its references from
the plain data it was read from, and the rules whose fields converted on their own.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from geoalign.errors import Problem
from geoalign.loading.checks import partial_problems, record_problems
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
    Record,
    Records,
    Source,
)
from geoalign.rules.claims import ClaimProblem

__all__ = ["Located", "check", "id_problems", "located", "merge", "validate"]


class Located(NamedTuple):
    """A record with the place it was read from.

    ``record`` is ``None`` for a record the converter refused (its problems are already
    reported): its id still counts, so that a duplicate of it is found and references
    to it are not reported as unknown; ``raw``, the plain data it was read from, has its
    references checked, and ``fields`` the rest.
    """

    record: Record | None
    record_id: str
    collection: str
    file: str
    line: int | None
    position: int
    raw: Mapping[str, Any] | None = None
    fields: Mapping[str, Any] | None = None
    """Of a refused record: the fields that converted on their own, checked by the rules
    that read only them."""

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
            if item.fields is not None:
                cls = RECORD_CLASSES[item.collection]
                yield from _claims(item, partial_problems(cls, item.fields, published))
            continue
        if item.collection not in good_ids:
            yield from id_problems(item)
        if type(record) not in good:
            for field, target, wanted in bad_references(record, steps(type(record)), kinds):
                yield _reference_problem(item, field, target, wanted, kinds.get(target))
        if found := record_problems(record, published):
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
    """Every problem of records built in code, as if read from ``where``: first their
    fields', as the converter finds them in a file (:mod:`geoalign.formats.objects`).

    >>> from geoalign.model.records import Country
    >>> validate(Records(), "nowhere")
    []
    >>> [p.code for p in validate(Records(countries=(Country(id="FRE", name=""),)), "here")]
    ['empty-text']
    """
    # formats imports cattrs: only records built in code (a Dataset's) need it.
    from geoalign.formats.objects import object_problems

    problems = Collector()
    kept = []
    for item in located(records, where):
        if found := object_problems(item.record):
            refused = _refused(item, found, problems)
            if refused is not None:
                kept.append(refused)
        else:
            kept.append(item)
    problems.add(check(merge([kept], False, problems)))
    return problems.problems


def _refused(item: Located, found: list[ClaimProblem], problems: Collector) -> Located | None:
    """The problems of a record's wrong fields; the record as the loader keeps a refused
    one (by its id, with its right fields to check, their references from their plain
    data), if its id is text."""
    from geoalign.formats.convert import unstructure
    from geoalign.formats.objects import right_fields

    problems.add([item.problem(field, code, message) for field, code, message in found])
    if not isinstance(item.record_id, str):
        return None
    fields = right_fields(item.record)
    raw = {name: unstructure(value) for name, value in fields.items()}
    refused = item._replace(record=None, raw=raw, fields=fields)
    if all(field != "id" for field, _, _ in found):
        problems.add(id_problems(refused))
    return refused
