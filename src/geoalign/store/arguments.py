"""Query arguments as the store wants them: actors, dates as days, kinds, certainties.

Each function checks one argument and names the parameter when it is of the wrong type
(:class:`~geoalign.errors.ArgumentTypeError`, a :class:`TypeError`).  Date conversions
are cached, since queries in a loop repeat their dates; the cache only keeps dates that
parsed, so it is bounded in bytes as in entries.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from typing import Literal, TypeAlias

from geoalign.errors import ArgumentTypeError, InvalidDateError, UnknownActorError
from geoalign.model.answers import UNBOUNDED
from geoalign.model.dates import DateLike, PartialDate
from geoalign.model.edtf import BoundedDate, EDTFDate, parse_edtf
from geoalign.model.kinds import Certainty, RelationshipKind, member
from geoalign.model.records import Actor, Country, Organization, Person
from geoalign.rules.time import first_day, last_day
from geoalign.store.protocol import Store

__all__ = [
    "CertaintyLike",
    "KindsLike",
    "Window",
    "to_actor",
    "to_as_of",
    "to_bounds",
    "to_certainty",
    "to_kinds",
    "to_record",
    "to_window",
]

KindsLike: TypeAlias = Iterable[RelationshipKind | str] | RelationshipKind | str
"""What queries accept as kinds of relationship: a kind or an iterable of kinds, each an
enum member or its value."""
CertaintyLike: TypeAlias = Certainty | Literal["definite", "possible"]
"""What queries accept as a certainty: a :class:`~geoalign.Certainty` or its value."""
Window: TypeAlias = tuple[EDTFDate, int, int]
"""A date with its first and last days as ordinals (an approximate date widened)."""

_DATE_TYPES = frozenset({str, datetime.date, PartialDate, BoundedDate})


def to_actor(store: Store, value: object, parameter: str) -> Actor:
    """The actor an actor argument names: an actor of the store's dataset, or its id, name
    or alias (:meth:`~geoalign.store.protocol.Store.resolve`).

    Raises :class:`~geoalign.errors.UnknownActorError` for an actor object of another
    dataset, :class:`~geoalign.errors.ArgumentTypeError` for anything else.
    """
    if isinstance(value, str):
        return store.resolve(value)
    if isinstance(value, Country | Organization | Person):
        if store.get(value.id) != value:
            raise UnknownActorError(value.id)
        return value
    raise ArgumentTypeError(
        f"{parameter} must be an actor or its id, name or alias, "
        f"got {type(value).__name__} {value!r}"
    )


def to_window(value: DateLike, parameter: str) -> Window:
    """The date a query argument names, and its days.

    Any EDTF date names a window: the days it may be, from
    :func:`~geoalign.rules.time.first_day` to :func:`~geoalign.rules.time.last_day`, the
    bounds the rules give a date in the data.  A query asks about *some* day of it, as
    :doc:`/semantics` says of a year or a month: ``"[2024-12-01..2024-12-31]"`` asks what
    ``"2024-12"`` asks, ``"201X"`` what ``"[2010..2019]"`` asks, and ``"[..2024-12-06]"``
    about any day up to 6 December 2024.  So a qualifier means what it means in the
    data: ``~`` and ``%`` reach one unit further on each side (``"2024~"`` asks what
    ``"[2023..2025]"`` asks), while ``?`` moves no bound (``"2024?"`` asks about the days
    of 2024, as ``"2024"`` does); the answer keeps the date as asked, qualifier and all.
    A :class:`datetime.datetime` stands for its own calendar date as written,
    whatever its time zone: ``datetime(2024, 12, 8, 1, 30, tzinfo=UTC+2)`` is 8 December.

    Raises :class:`~geoalign.errors.ArgumentTypeError` for a value that is no date, and
    :class:`~geoalign.errors.InvalidDateError` for text that is no EDTF date.

    >>> date, first, last = to_window("[2024-12-01..2024-12-31]", "as_of")
    >>> date, datetime.date.fromordinal(first), datetime.date.fromordinal(last)
    (BoundedDate('[2024-12-01..2024-12-31]'), datetime.date(2024, 12, 1), datetime.date(2024, 12, 31))
    >>> [str(datetime.date.fromordinal(day)) for day in to_window("2024~", "as_of")[1:]]
    ['2023-01-01', '2025-12-31']
    >>> to_window(20241208, "as_of")
    Traceback (most recent call last):
    ...
    geoalign.errors.ArgumentTypeError: as_of must be a date (EDTF text, PartialDate, BoundedDate or datetime.date), got int 20241208
    """
    if type(value) not in _DATE_TYPES:  # a datetime, a subclass, or no date at all
        if isinstance(value, datetime.datetime):
            value = value.date()  # converted before the cache: equal instants, other days
        elif not isinstance(value, str | datetime.date | PartialDate | BoundedDate):
            raise ArgumentTypeError(
                f"{parameter} must be a date (EDTF text, PartialDate, BoundedDate or "
                f"datetime.date), got {type(value).__name__} {value!r}"
            )
    # Checked above: one of the types of _DATE_TYPES, which DateLike can only describe.
    return _window(value)  # type: ignore[arg-type]


def to_as_of(value: DateLike | None, horizon: EDTFDate | None) -> Window:
    """The window of an ``as_of`` argument (:func:`to_window`), or the horizon's when ``None``.

    Without a horizon (a dataset without sources, or none published by the day it is
    known on) ``as_of`` is required, as a missing argument is:
    :class:`~geoalign.errors.ArgumentTypeError`.
    """
    if value is None:
        if horizon is None:
            raise ArgumentTypeError(
                "as_of is required: no source is known (none in the dataset, or none "
                "published by the day it is known on), so there is no horizon to default to"
            )
        value = horizon
    return to_window(value, "as_of")


def to_bounds(start: DateLike | None, end: DateLike | None) -> tuple[int, int]:
    """The days of a window from ``start``'s first day to ``end``'s last, a missing side open.

    >>> to_bounds("2025", "2024-12")
    Traceback (most recent call last):
    ...
    geoalign.errors.InvalidDateError: the window starts (2025) after it ends (2024-12)
    """
    first = to_window(start, "start")[1] if start is not None else -UNBOUNDED
    last = to_window(end, "end")[2] if end is not None else UNBOUNDED
    if first > last:
        raise InvalidDateError(f"the window starts ({start}) after it ends ({end})")
    return first, last


@functools.lru_cache(maxsize=4096)
def _window(value: str | datetime.date | EDTFDate) -> Window:
    if isinstance(value, str):
        date: EDTFDate = parse_edtf(value)
    elif isinstance(value, datetime.date):
        date = PartialDate.from_date(value)
    else:
        date = value
    return date, first_day(date), last_day(date)


def to_kinds(
    value: KindsLike | None, default: frozenset[RelationshipKind]
) -> frozenset[RelationshipKind]:
    """The kinds of relationship a ``kinds`` argument names (``default`` for ``None``).

    >>> sorted(kind.value for kind in to_kinds("alliance", frozenset()))
    ['alliance']
    >>> to_kinds(5, frozenset())
    Traceback (most recent call last):
    ...
    geoalign.errors.ArgumentTypeError: kinds must be a relationship kind or an iterable of them, got int 5
    >>> to_kinds(["friendship"], frozenset())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geoalign.errors.InvalidValueError: 'friendship' is not a known relationship kind (one of: alliance, ...)

    Raises :class:`~geoalign.errors.ArgumentTypeError` for anything but a kind, its
    value or an iterable of them, :class:`~geoalign.errors.InvalidValueError` (worded
    as a dataset file's bad kind is) for text that names no kind.
    """
    if value is None:
        return default
    if isinstance(value, str | RelationshipKind):
        value = [value]
    if not isinstance(value, Iterable):
        raise ArgumentTypeError(
            "kinds must be a relationship kind or an iterable of them, "
            f"got {type(value).__name__} {value!r}"
        )
    chosen = set()
    for kind in value:
        if not isinstance(kind, str | RelationshipKind):
            raise ArgumentTypeError(
                "kinds must be relationship kinds or their values, "
                f"got {type(kind).__name__} {kind!r} among them"
            )
        chosen.add(member(RelationshipKind, kind))
    return frozenset(chosen)


def to_certainty(value: CertaintyLike) -> Certainty:
    """The certainty a ``certainty`` argument names.

    >>> to_certainty("possible")
    <Certainty.POSSIBLE: 'possible'>
    >>> to_certainty("maybe")
    Traceback (most recent call last):
    ...
    geoalign.errors.InvalidValueError: 'maybe' is not a known certainty (one of: definite, possible)
    >>> to_certainty(True)
    Traceback (most recent call last):
    ...
    geoalign.errors.ArgumentTypeError: certainty must be 'definite' or 'possible', got bool True
    """
    if type(value) is Certainty:
        return value
    if not isinstance(value, str | Certainty):
        raise ArgumentTypeError(
            f"certainty must be 'definite' or 'possible', got {type(value).__name__} {value!r}"
        )
    return member(Certainty, value)


def to_record(value: object, kind: type, parameter: str) -> None:
    """Check that ``value`` is a record of class ``kind``; else
    :class:`~geoalign.errors.ArgumentTypeError` naming the parameter.

    >>> to_record("RUS", Country, "actor")
    Traceback (most recent call last):
    ...
    geoalign.errors.ArgumentTypeError: actor must be a geoalign Country, got str
    """
    if not isinstance(value, kind):
        got = type(value).__name__
        raise ArgumentTypeError(f"{parameter} must be a geoalign {kind.__name__}, got {got}")
