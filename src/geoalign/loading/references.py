"""Where a record's references are, and which of them point at no record of the right kind.

The reference fields come from the model's registry (:func:`~geoalign.model.records.references`),
nested records included (a person's roles, a record's citations), so a new reference
field is checked without a line here.  :class:`ReferenceCheck` answers "are all the
references of these records good?" in a few C calls per field, for the common case; only a
record of a class that fails it is walked field by field (:func:`bad_references`) for the problems.
"""

from __future__ import annotations

import itertools
import operator
import typing
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import attrs

from geoalign.model.records import references

__all__ = ["BadReference", "ReferenceCheck", "Step", "bad_references", "raw_references", "steps"]

BadReference = tuple[str, str, tuple[str, ...]]
"""A field path (``citations[1].source``), the id found there, and the collections wanted."""


class Step(NamedTuple):
    """A field that holds ids (``targets`` says of what), or records that do (``inner``)."""

    field: str
    targets: tuple[str, ...]
    inner: tuple[Step, ...] | None


_STEPS: dict[type[Any], tuple[Step, ...]] = {}


def steps(cls: type[Any]) -> tuple[Step, ...]:
    """Where the references of a record class are, read from the registry, nested or not.

    >>> from geoalign.model.records import Organization
    >>> steps(Organization)
    (Step(field='country', targets=('countries',), inner=None),)
    """
    if cls in _STEPS:
        return _STEPS[cls]
    refs = references(cls)
    hints = typing.get_type_hints(cls)
    found = []
    for field in attrs.fields(cls):
        if field.name in refs:
            found.append(Step(field.name, refs[field.name], None))
            continue
        hint = _item_type(hints[field.name]) or hints[field.name]  # tuple[Citation, ...]: each
        if isinstance(hint, type) and attrs.has(hint) and (inner := steps(hint)):
            found.append(Step(field.name, (), inner))
    _STEPS[cls] = tuple(found)
    return _STEPS[cls]


def _item_type(hint: Any) -> Any:
    """The item type of ``tuple[X, ...]``, or ``None`` for any other type."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def bad_references(
    record: object, where: tuple[Step, ...], kinds: Mapping[str, str]
) -> list[BadReference]:
    """Each id of ``record`` that is not the id of a record of a wanted kind.

    ``kinds`` maps every record's id to its collection.
    """
    bad = []  # a list, not a generator: this runs for every record and citation
    for field, targets, inner in where:
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
                if found := bad_references(item, inner, kinds):
                    path = f"{field}[{index}]" if many else field
                    bad += [(f"{path}.{sub}", target, wanted) for sub, target, wanted in found]
    return bad


def raw_references(
    data: Mapping[str, Any], where: tuple[Step, ...], kinds: Mapping[str, str]
) -> list[BadReference]:
    """:func:`bad_references` of a refused record's plain data: only the ids that are
    text are checked, as a value of another type is reported already."""
    bad = []
    for field, targets, inner in where:
        value = data.get(field)
        items = list(enumerate(value)) if isinstance(value, list) else None
        if inner is None:
            for index, target in items if items is not None else [(None, value)]:
                if isinstance(target, str) and kinds.get(target) not in targets:
                    bad.append((field if index is None else f"{field}[{index}]", target, targets))
            continue
        for index, item in items if items is not None else [(None, value)]:
            if isinstance(item, Mapping):
                path = field if index is None else f"{field}[{index}]"
                found = raw_references(item, inner, kinds)
                bad += [(f"{path}.{sub}", target, wanted) for sub, target, wanted in found]
    return bad


class ReferenceCheck:
    """Whether every reference of a set of records names a record of a kind it may name.

    ``kinds`` maps every record's id to its collection.  The common case of a whole
    load is answered with set operations over all the records of a class at once (C
    calls, no Python call per record); only a class that fails is walked record by
    record (:func:`bad_references`) for the problems.  ``None``, an optional reference
    left out, is good everywhere.

    >>> from geoalign.model.records import Organization
    >>> orgs = [Organization(id="o", name="O", kind="other", country="FRA")]
    >>> ReferenceCheck({"FRA": "countries"}).all_good(orgs, Organization)
    True
    >>> ReferenceCheck({"FRA": "organizations"}).all_good(orgs, Organization)
    False
    """

    def __init__(self, kinds: Mapping[str, str]) -> None:
        self._by_collection: dict[str, list[str]] = {}
        for record_id, collection in kinds.items():
            self._by_collection.setdefault(collection, []).append(record_id)
        self._valid: dict[tuple[str, ...], set[object]] = {}

    def _ids(self, targets: tuple[str, ...]) -> set[object]:
        found = self._valid.get(targets)
        if found is None:
            found = self._valid[targets] = {None}
            for collection in targets:
                found.update(self._by_collection.get(collection, ()))
        return found

    def all_good(self, records: list[Any], cls: type[Any]) -> bool:
        """Whether every reference of ``records``, all of class ``cls``, is good."""
        return self._good(records, cls, steps(cls))

    def _good(self, records: list[Any], cls: type[Any], where: tuple[Step, ...]) -> bool:
        hints = typing.get_type_hints(cls)
        for field, targets, inner in where:
            values: Iterable[Any] = map(operator.attrgetter(field), records)
            item_type = _item_type(hints[field])
            if item_type is not None:
                values = itertools.chain.from_iterable(values)
            if inner is None:
                if not self._ids(targets).issuperset(values):
                    return False
            elif not self._good(list(filter(None, values)), item_type or hints[field], inner):
                return False
        return True
