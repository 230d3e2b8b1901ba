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
from collections.abc import Callable
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
    write = _WRITERS.get(type(record))
    if write is None:
        write = _WRITERS[type(record)] = _writer(type(record))
    return write(record)


_WRITERS: dict[type[Any], Callable[[Any], dict[str, Any]]] = {}


def _writer(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    """A function writing the item fields of ``cls`` as :func:`record_part` does,
    generated once per class as attrs and cattrs generate theirs: one dict display, each
    value written as its field's type asks, as fast as a dict written by hand (answers
    are written often: each request of the server)."""
    entries = []
    for name, hint in item_fields(cls):
        entries.append(f"{name!r}: {_expression(hint, f'record.{name}')}")
    source = f"def write(record):\n    return {{{', '.join(entries)}}}\n"
    namespace: dict[str, Any] = {"_plain": _plain, "_text": _text}
    exec(compile(source, f"<record_part of {cls.__qualname__}>", "exec"), namespace)
    written: Callable[[Any], dict[str, Any]] = namespace["write"]
    return written


_PLAIN = (str, int, float, bool, type(None))


def _expression(hint: Any, value: str) -> str:
    """The expression writing ``value``, of type ``hint``, as plain data."""
    options = [arg for arg in typing.get_args(hint) or (hint,) if arg is not type(None)]
    if all(arg in _PLAIN for arg in options):
        return value
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return f"{value}.value"
    if typing.get_origin(hint) is tuple:
        return f"list({value})" if typing.get_args(hint)[0] in _PLAIN else f"_plain({value})"
    if not any(isinstance(arg, type) and issubclass(arg, enum.Enum) for arg in options):
        return f"_text({value})"  # a date, or a date or None: EDTF text
    return f"_plain({value})"


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, str | bool | int | float):
        return value
    return str(value)  # a date: its EDTF text
