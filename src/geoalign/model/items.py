"""The record part of answer items, read from the record classes: one place for both the
JSON (:mod:`geoalign.model.evidence`) and its schema (:mod:`geoalign.model.answer_schema`).

A tie or an event in an answer carries every field of its record's class, in the class's
order, but the lists of records (the citations, which the item's quotes give with their
sources).  Values are plain: an enum its value, a date its EDTF text, a tuple a list.
A field added to :class:`~geoalign.model.records.Relationship` or
:class:`~geoalign.model.records.Event` so reaches every answer, and its schema, with no
change to either.
"""

from __future__ import annotations

import enum
import typing
from typing import Any

import attrs

__all__ = ["item_fields", "record_part"]

_FIELDS: dict[type[Any], tuple[tuple[str, Any], ...]] = {}  # by class: type hints are slow


def item_fields(cls: type[Any]) -> tuple[tuple[str, Any], ...]:
    """The fields of a record class an answer item carries, with their types, in order.

    >>> from geoalign.model.records import Event
    >>> [name for name, _ in item_fields(Event)]
    ['id', 'date', 'kind', 'actors', 'confidence', 'summary', 'location']
    """
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = tuple(
            (field.name, hints[field.name])
            for field in attrs.fields(cls)
            if not _record_list(hints[field.name])
        )
        _FIELDS[cls] = found
    return found


def _record_list(hint: Any) -> bool:
    args = typing.get_args(hint)
    return typing.get_origin(hint) is tuple and args[1:] == (Ellipsis,) and attrs.has(args[0])


def record_part(record: Any) -> dict[str, Any]:
    """A record's fields as an answer item gives them (see :func:`item_fields`).

    >>> from geoalign.model.dates import PartialDate
    >>> from geoalign.model.kinds import Confidence, EventKind
    >>> from geoalign.model.records import Event
    >>> record_part(Event(id="e", date=PartialDate(2024, 12), kind=EventKind.FLIGHT,
    ...                   actors=("SYR",), confidence=Confidence.CONFIRMED, summary="Fled.",
    ...                   citations=()))
    {'id': 'e', 'date': '2024-12', 'kind': 'flight', 'actors': ['SYR'], 'confidence': 'confirmed', 'summary': 'Fled.', 'location': None}
    """
    return {name: _plain(getattr(record, name)) for name, _ in item_fields(type(record))}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, str | bool | int | float):
        return value
    return str(value)  # a date: its EDTF text
