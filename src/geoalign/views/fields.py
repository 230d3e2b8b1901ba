"""The model's records as the views walk them: classes, fields, lists of records, values.

Read from the registry of ``geoalign.model.records`` and the attrs fields of each class,
so that the JSON records (:mod:`geoalign.views.export`) and the tables
(``geoalign.views.tables``) carry a new field without a change in either.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from geoalign.model.records import COLLECTIONS, RECORD_CLASSES

__all__ = ["field_names", "list_classes", "record_classes", "record_lists", "record_type", "scalar"]


def record_classes() -> Mapping[str, type[Any]]:
    """Each collection's record class (a read-only view of ``model.RECORD_CLASSES``).

    >>> record_classes()["countries"].__name__
    'Country'
    """
    return MappingProxyType(RECORD_CLASSES)


def record_type(record: object) -> str:
    """The singular name of a record's collection: ``"country"``, ``"event"``...

    Raises :class:`TypeError` for anything that is not a record of a collection.

    >>> import geoalign
    >>> record_type(geoalign.load().get("RUS"))
    'country'
    """
    for collection, cls in RECORD_CLASSES.items():
        if isinstance(record, cls):
            return COLLECTIONS[collection]
    raise TypeError(f"not a dataset record: {record!r}")


def record_lists(cls: type[Any]) -> dict[str, type[Any]]:
    """The fields of ``cls`` that hold a list of records, with the records' class.

    >>> from geoalign.model.records import Person
    >>> record_lists(Person)
    {'roles': <class 'geoalign.model.records.Role'>}
    """
    found = _RECORD_LISTS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = {}
        for field in attrs.fields(cls):
            args = typing.get_args(hints[field.name])
            listed = typing.get_origin(hints[field.name]) is tuple and args[1:] == (Ellipsis,)
            if listed and attrs.has(args[0]):
                found[field.name] = args[0]
        _RECORD_LISTS[cls] = found
    return found


_RECORD_LISTS: dict[type[Any], dict[str, type[Any]]] = {}  # by class: type hints are slow


def field_names(cls: type[Any]) -> tuple[str, ...]:
    """The names of a record class's fields, in the class's order.

    >>> from geoalign.model.records import Role
    >>> field_names(Role)
    ('title', 'actor', 'start', 'end')
    """
    return tuple(field.name for field in attrs.fields(cls))


def list_classes() -> dict[str, type[Any]]:
    """Every list of records in the model, by field name, in the order first met.

    >>> list(list_classes())
    ['roles', 'citations']
    """
    return {n: c for cls in RECORD_CLASSES.values() for n, c in record_lists(cls).items()}


def scalar(value: Any) -> Any:
    """A field's value as plain data: an enum its value, a date its EDTF text.

    >>> from geoalign.model.kinds import Confidence
    >>> from geoalign.model.dates import PartialDate
    >>> scalar(Confidence.ALLEGED), scalar(PartialDate(2024, 12)), scalar(None)
    ('alleged', '2024-12', None)
    """
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    return str(value)  # a date: its EDTF text
