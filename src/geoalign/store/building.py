"""The records a program builds in code, as :meth:`~geoalign.Dataset.from_records` takes them.

A :class:`~geoalign.model.records.Records`, a mapping of collection names to records, or
just the records in any order: each form becomes one ``Records`` of tuples, every record
checked to be of its collection's class, before the dataset checks what they say.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

from geoalign.errors import ArgumentTypeError, InvalidValueError
from geoalign.model.records import COLLECTIONS, RECORD_CLASSES, Record, Records

__all__ = ["RecordsLike", "to_records"]

RecordsLike: TypeAlias = Records | Mapping[str, Iterable[Record]] | Iterable[Record]
"""What :meth:`~geoalign.Dataset.from_records` takes: a ``Records``, a mapping of
collection names (``"countries"``, ``"relationships"``...) to records, or records of any
type in one iterable."""

_COLLECTION_OF: dict[type, str] = {cls: name for name, cls in RECORD_CLASSES.items()}
_CLASSES = ", ".join(cls.__name__ for cls in RECORD_CLASSES.values())
_TAKES = (
    f"a Records, a mapping of collection names to records, or an iterable of records ({_CLASSES})"
)


def to_records(value: object, parameter: str = "records") -> Records:
    """The records ``value`` holds, one tuple per collection in the order given.

    Raises :class:`~geoalign.errors.ArgumentTypeError` (a :class:`TypeError`) naming
    what it takes, or the place of a record of the wrong class;
    :class:`~geoalign.errors.InvalidValueError` for a mapping key that names no
    collection.

    >>> from geoalign.model.records import Country
    >>> to_records([Country(id="FRE", name="Freedonia")]).countries
    (Country(id='FRE', name='Freedonia', aliases=(), metonyms=()),)
    >>> to_records({"countries": [Country(id="FRE", name="Freedonia")]}).countries[0].id
    'FRE'
    >>> to_records("FRE")
    Traceback (most recent call last):
    ...
    geoalign.errors.ArgumentTypeError: records must be a Records, a mapping of collection names to records, or an iterable of records (Source, Country, Organization, Person, Relationship, Event), got str 'FRE'
    """
    if isinstance(value, Records):
        return _checked({n: getattr(value, n) for n in COLLECTIONS}, f"{parameter}.{{}}")
    if isinstance(value, Mapping):
        unknown = next((key for key in value if key not in COLLECTIONS), None)
        if unknown is not None:
            raise InvalidValueError(
                f"{parameter}: {unknown!r} is not a collection (one of: {', '.join(COLLECTIONS)})"
            )
        return _checked(value, f"{parameter}[{{!r}}]")
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return _sorted(value, parameter)
    raise ArgumentTypeError(f"{parameter} must be {_TAKES}, got {type(value).__name__} {value!r}")


def _checked(given: Mapping[str, Any], where: str) -> Records:
    """``given``'s collections as tuples, each record checked for its collection's class."""
    found = {}
    for name, cls in RECORD_CLASSES.items():
        records = given.get(name, ())
        place = where.format(name)
        if not isinstance(records, Iterable) or isinstance(records, str | bytes | Mapping):
            raise ArgumentTypeError(
                f"{place} must be an iterable of {cls.__name__}, "
                f"got {type(records).__name__} {records!r}"
            )
        records = tuple(records)
        for index, record in enumerate(records):
            if not isinstance(record, cls):
                raise ArgumentTypeError(
                    f"{place}[{index}] must be a geoalign {cls.__name__}, "
                    f"got {type(record).__name__} {record!r}"
                )
        found[name] = records
    return Records(**found)


def _sorted(records: Iterable[object], parameter: str) -> Records:
    """Records of any types, each put in its collection, in the order they come."""
    found: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    for index, record in enumerate(records):
        name = _COLLECTION_OF.get(type(record)) or next(
            (n for n, cls in RECORD_CLASSES.items() if isinstance(record, cls)), None
        )
        if name is None:
            raise ArgumentTypeError(
                f"{parameter}[{index}] must be a geoalign record ({_CLASSES}), "
                f"got {type(record).__name__} {record!r}"
            )
        found[name].append(record)
    return Records(**{name: tuple(records) for name, records in found.items()})
