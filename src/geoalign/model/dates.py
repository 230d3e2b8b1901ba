"""Partial dates: a year, a month or a day, and never more precise than the source.

A :class:`PartialDate` names a *period*.  ``2024`` is the whole year, ``2024-12`` the whole
month; only ``2024-12-08`` is a single day.  Queries compare periods through their
:attr:`~PartialDate.earliest` and :attr:`~PartialDate.latest` days, so a partial date is
never silently padded to the 1st of January and then treated as exact.

A date may carry an EDTF qualifier, kept and printed after it: ``2024?`` (uncertain),
``2024-12~`` (approximate) or ``2024-12-08%`` (both).  The qualifier never changes the
period's bounds; what it means for a query is a rule of ``geoalign.rules``.  Ranges,
decades and centuries are :class:`~geoalign.model.edtf.BoundedDate`.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Literal, Protocol, TypeAlias

import attrs

from geoalign.errors import InvalidDateError

__all__ = ["QUALIFIERS", "DateLike", "PartialDate", "Precision", "Qualifier", "to_partial_date"]

Precision = Literal["year", "month", "day"]
Qualifier = Literal["?", "~", "%"]
"""EDTF qualifiers of a whole date: ``?`` uncertain, ``~`` approximate, ``%`` both."""

QUALIFIERS: tuple[Qualifier, ...] = ("?", "~", "%")
"""The qualifiers, in the order dates that differ only by qualifier sort."""

_PRECISION_RANK: dict[str, int] = {"year": 0, "month": 1, "day": 2}
_QUALIFIER_RANK: dict[str | None, int] = {None: 0, "?": 1, "~": 2, "%": 3}
# ASCII digits only; the qualifier, if any, comes last.
_ISO_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%])?")
_EXPECTED = "expected YYYY, YYYY-MM or YYYY-MM-DD"
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    # Written out rather than imported from `calendar`, which costs a cold start ~4 ms.
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]


def _check_fields(
    year: int, month: int | None, day: int | None, qualifier: str | None = None
) -> None:
    """Raise ``ValueError`` with a short reason if the fields name no real period."""
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise ValueError("the qualifier must be '?', '~' or '%'")
    for value in (year, month, day):
        if value is not None and (type(value) is not int):
            raise ValueError("fields must be integers")
    if not 1 <= year <= 9999:
        raise ValueError("year must be between 1 and 9999")
    if month is None:
        if day is not None:
            raise ValueError("a day needs a month")
        return
    if not 1 <= month <= 12:
        raise ValueError("month must be between 1 and 12")
    if day is not None and not 1 <= day <= _days_in_month(year, month):
        raise ValueError("day is out of range for month")


@attrs.frozen(order=False, repr=False)
class PartialDate:
    """A date known to the year, to the month or to the day.

    Build one with :meth:`parse` (or the constructor); print it to get the ISO form back,
    with its ``qualifier`` if it has one.  Dates are hashable and totally ordered: by
    :attr:`earliest` day, then coarser before finer, so ``2024 < 2024-01 < 2024-01-01 <
    2024-01-02``; a qualified date sorts after the same date unqualified (``2024 < 2024?
    < 2024~ < 2024%``).  A qualified and an unqualified date are never equal.

    >>> d = PartialDate.parse("2024-12")
    >>> d.precision, str(d)
    ('month', '2024-12')
    >>> d.earliest, d.latest
    (datetime.date(2024, 12, 1), datetime.date(2024, 12, 31))
    >>> PartialDate(2015, 9) < PartialDate.parse("2015-09-30")
    True
    >>> approximate = PartialDate(2024, 12, qualifier="~")
    >>> str(approximate), approximate.latest
    ('2024-12~', datetime.date(2024, 12, 31))
    """

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: Qualifier | None = attrs.field(default=None, kw_only=True)
    _earliest: datetime.date = attrs.field(init=False, eq=False, repr=False)
    _latest: datetime.date = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        try:
            _check_fields(self.year, self.month, self.day, self.qualifier)
        except ValueError as exc:
            fields = f"{self.year!r}, {self.month!r}, {self.day!r}"
            if self.qualifier is not None:
                fields += f", qualifier={self.qualifier!r}"
            raise InvalidDateError(f"PartialDate({fields}) is not a valid date: {exc}") from None
        if self.month is None:
            first = datetime.date(self.year, 1, 1)
            last = datetime.date(self.year, 12, 31)
        elif self.day is None:
            first = datetime.date(self.year, self.month, 1)
            last = datetime.date(self.year, self.month, _days_in_month(self.year, self.month))
        else:
            first = last = datetime.date(self.year, self.month, self.day)
        object.__setattr__(self, "_earliest", first)
        object.__setattr__(self, "_latest", last)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, optionally followed by ``?``, ``~`` or ``%``.

        Ranges, decades and centuries are parsed by :func:`~geoalign.model.edtf.parse_edtf`.

        >>> PartialDate.parse("2024-12-08")
        PartialDate('2024-12-08')
        >>> PartialDate.parse("2024?").qualifier
        '?'
        >>> PartialDate.parse("2024-13")
        Traceback (most recent call last):
        ...
        geoalign.errors.InvalidDateError: '2024-13' is not a valid date: month must be between 1 and 12
        """
        if not isinstance(text, str):
            raise InvalidDateError(f"{text!r} is not a valid date ({_EXPECTED})")
        return _parse_cached(text)

    @classmethod
    def from_date(cls, day: datetime.date) -> PartialDate:
        """The exact day of a :class:`datetime.date` (or the date part of a datetime).

        >>> PartialDate.from_date(datetime.date(2024, 12, 8))
        PartialDate('2024-12-08')
        """
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        """``"year"``, ``"month"`` or ``"day"``.

        >>> PartialDate(2019).precision
        'year'
        """
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def earliest(self) -> datetime.date:
        """The first day of the period.

        >>> PartialDate(2019).earliest
        datetime.date(2019, 1, 1)
        """
        return self._earliest

    @property
    def latest(self) -> datetime.date:
        """The last day of the period.

        >>> PartialDate(2024, 2).latest
        datetime.date(2024, 2, 29)
        """
        return self._latest

    def __contains__(self, day: object) -> bool:
        """Whether a :class:`datetime.date` falls in the period.

        >>> datetime.date(2024, 12, 8) in PartialDate(2024, 12)
        True
        """
        if isinstance(day, datetime.datetime):
            day = day.date()
        return isinstance(day, datetime.date) and self._earliest <= day <= self._latest

    def _sort_key(self) -> tuple[datetime.date, int, int]:
        return (self._earliest, _PRECISION_RANK[self.precision], _QUALIFIER_RANK[self.qualifier])

    def __lt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __le__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._sort_key() <= other._sort_key()

    def __gt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._sort_key() > other._sort_key()

    def __ge__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._sort_key() >= other._sort_key()

    def __str__(self) -> str:
        if self.month is None:
            text = f"{self.year:04d}"
        elif self.day is None:
            text = f"{self.year:04d}-{self.month:02d}"
        else:
            text = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return text if self.qualifier is None else text + self.qualifier

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"


@functools.lru_cache(maxsize=65536)
def _parse_cached(text: str) -> PartialDate:
    # Real datasets repeat a few thousand distinct dates; caching makes bulk loads cheap.
    match = _ISO_PATTERN.fullmatch(text)
    if match is None:
        raise InvalidDateError(f"{text!r} is not a valid date ({_EXPECTED})")
    year, month, day = (int(part) if part else None for part in match.groups()[:3])
    qualifier: Qualifier | None = match[4]  # type: ignore[assignment]  # the pattern says so
    assert year is not None  # the pattern always captures the year
    try:
        _check_fields(year, month, day)
    except ValueError as exc:
        raise InvalidDateError(f"{text!r} is not a valid date: {exc}") from None
    return PartialDate(year, month, day, qualifier=qualifier)


class _Bounded(Protocol):
    """A :class:`~geoalign.model.edtf.BoundedDate`, as this module can name one.

    ``model.edtf`` builds its dates on :class:`PartialDate`, so this module cannot import
    it back; a query checks at run time that it was given the class itself.
    """

    @property
    def lower(self) -> PartialDate | None: ...
    @property
    def upper(self) -> PartialDate | None: ...
    @property
    def earliest(self) -> datetime.date: ...
    @property
    def latest(self) -> datetime.date: ...


# Named, in signatures and in the docs' links, as the class it stands for.
_Bounded.__module__, _Bounded.__qualname__ = "geoalign.model.edtf", "BoundedDate"

DateLike: TypeAlias = PartialDate | _Bounded | datetime.date | str
"""What queries accept as a date: EDTF text (a year, month or day, a range ``[A..B]``,
``[..B]`` or ``[A..]``, a decade ``201X`` or a century ``19XX``), a :class:`PartialDate`,
a :class:`~geoalign.model.edtf.BoundedDate` or a :class:`datetime.date`.

A query asks about some day of the days the date may be, as the rules bound a date in
the data (:doc:`/semantics`): ``"[2024-12-01..2024-12-31]"`` asks what ``"2024-12"``
asks; ``"2024~"`` (approximate) what ``"[2023..2025]"`` asks; ``"2024?"`` (uncertain)
what ``"2024"`` asks, since uncertainty moves no bound."""


def to_partial_date(value: PartialDate | datetime.date | str) -> PartialDate:
    """Turn a year, month or day (text, a date, a :class:`PartialDate`) into a :class:`PartialDate`.

    >>> to_partial_date("2024-11"), to_partial_date(datetime.date(2023, 6, 1))
    (PartialDate('2024-11'), PartialDate('2023-06-01'))
    >>> to_partial_date(20240101)
    Traceback (most recent call last):
    ...
    geoalign.errors.InvalidDateError: 20240101 is not a valid date (expected YYYY, YYYY-MM or YYYY-MM-DD)
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, datetime.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, datetime.date):
        return PartialDate.from_date(value)
    return PartialDate.parse(value)
