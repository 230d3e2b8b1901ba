"""The arithmetic of days: the first and the last day a date may be, and the horizon.

Every rule of :mod:`geoalign.rules` reads dates through these: a date names the days from
:func:`first_day` to :func:`last_day`, an approximate one (``~``, ``%``) one unit of its
precision wider on each side.  Days are ordinals (``datetime.date.toordinal()``).

>>> from geoalign.model.dates import PartialDate as D
>>> [str(datetime.date.fromordinal(f(D(2019, 6, qualifier="~")))) for f in (first_day, last_day)]
['2019-05-01', '2019-07-31']
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import attrs

from geoalign.model.dates import PartialDate
from geoalign.model.edtf import EDTFDate

__all__ = ["APPROXIMATE", "first_day", "horizon", "last_day"]

APPROXIMATE = ("~", "%")
"""The qualifiers of an approximate date, which reaches one unit further on each side."""
_MONTHS = {"year": 12, "month": 1, "decade": 120, "century": 1200}
_FIRST, _LAST = datetime.date.min.toordinal(), datetime.date.max.toordinal()


# -- one date ------------------------------------------------------------------------------


def first_day(date: EDTFDate) -> int:
    """The first day ``date`` may be, as an ordinal; an approximate date (``~``, ``%``)
    reaches one unit of its precision further back.

    >>> from geoalign.model.dates import PartialDate as D
    >>> [str(datetime.date.fromordinal(first_day(d))) for d in (D(2019), D(2019, qualifier="~"))]
    ['2019-01-01', '2018-01-01']
    """
    day = date.earliest
    if date.qualifier in APPROXIMATE:
        day = _shift(date, day, -1)
    return day.toordinal()


def last_day(date: EDTFDate) -> int:
    """The last day ``date`` may be, as an ordinal; an approximate date reaches one unit
    of its precision further on.

    >>> from geoalign.model.dates import PartialDate as D
    >>> str(datetime.date.fromordinal(last_day(D(2024, 12, qualifier="~"))))
    '2025-01-31'
    """
    day = date.latest
    if date.qualifier in APPROXIMATE:
        day = _shift(date, day, 1)
    return day.toordinal()


def _shift(date: EDTFDate, day: datetime.date, step: int) -> datetime.date:
    """``day`` (the first or last day of ``date``) moved one unit of its precision."""
    precision: str = date.precision
    if precision == "range":  # a range's sides have precisions of their own
        side = getattr(date, "lower" if step < 0 else "upper")
        if side is None:
            return day  # an open side reaches the end of time already
        precision = side.precision
    if precision == "day":
        return datetime.date.fromordinal(min(max(day.toordinal() + step, _FIRST), _LAST))
    month = day.year * 12 + day.month - 1 + step * _MONTHS[precision]
    year, month = divmod(month, 12)
    if year < datetime.MINYEAR:
        return datetime.date.min
    if year > datetime.MAXYEAR:
        return datetime.date.max
    if step < 0:
        return datetime.date(year, month + 1, 1)
    if year == datetime.MAXYEAR and month == 11:  # December 9999: no month follows it
        return datetime.date.max
    following = datetime.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


# -- what a dataset knows ------------------------------------------------------------------


def horizon(published: Iterable[EDTFDate]) -> PartialDate | None:
    """The latest of publication dates: by last day, then first day (both with their
    ``~`` widening, :func:`last_day` and :func:`first_day`), then date order.

    It is the day up to which a dataset knows: the default ``as_of`` of queries, and
    its last day (:func:`last_day`) the last day open ties are definitely in force.  A
    source known only within bounds counts as its upper bound, the latest day it may
    have been published, qualified as the range is (a decade or a century widened by
    ``~`` or ``%``: the last year it reaches), as its citations attest from that day.  (Validation refuses a source open above,
    ``[2024-11..]``; should one come here, it counts as its lower bound, rather than the
    end of time.)  ``None`` when there are none.

    >>> horizon([PartialDate(2024), PartialDate(2024, 12, 20), PartialDate(2023)])
    PartialDate('2024')
    >>> from geoalign.model.edtf import parse_edtf
    >>> horizon([PartialDate(2024, 11), parse_edtf("[2022-02-24..2024-12]")])
    PartialDate('2024-12')
    >>> horizon([PartialDate(2025, 6), PartialDate(2024, qualifier="~")])  # 2023 to 2025
    PartialDate('2024~')
    """
    return max(map(_as_latest, published), key=_latest_first, default=None)


def _as_latest(date: EDTFDate) -> PartialDate:
    if isinstance(date, PartialDate):
        return date
    if date.qualifier in APPROXIMATE and date.precision in ("decade", "century"):
        # Widened by ten or a hundred years, which no qualified year says: the last year.
        return PartialDate(datetime.date.fromordinal(last_day(date)).year)
    # Every bounded date has a bound; a range open above has its lower one.
    bound: PartialDate = date.upper if date.upper is not None else date.lower  # type: ignore[assignment]
    return bound if date.qualifier is None else attrs.evolve(bound, qualifier=date.qualifier)


def _latest_first(date: PartialDate) -> tuple[int, int, PartialDate]:
    return (last_day(date), first_day(date), date)
