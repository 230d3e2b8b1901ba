"""EDTF dates: a period, or one unknown day within bounds.

Every date in a dataset is written in a subset of EDTF, the Library of Congress Extended
Date/Time Format:

=====================  =================================  ==================================
form                   meaning                            earliest .. latest
=====================  =================================  ==================================
``2024``               the year (a :class:`PartialDate`)  2024-01-01 .. 2024-12-31
``2024-12``            the month                          2024-12-01 .. 2024-12-31
``2024-12-08``         the day                            2024-12-08 .. 2024-12-08
``[2022..2024-06]``    one day between the two            2022-01-01 .. 2024-06-30
``[..2024-12-06]``     one day on or before               0001-01-01 .. 2024-12-06
``[2024-11..]``        one day on or after                2024-11-01 .. 9999-12-31
``201X``               one day in the decade              2010-01-01 .. 2019-12-31
``19XX``               one day in the century             1900-01-01 .. 1999-12-31
=====================  =================================  ==================================

Any of them may be followed by one qualifier for the whole date: ``?`` (uncertain),
``~`` (approximate) or ``%`` (both).  The qualifier is kept and printed back; it never
changes :attr:`earliest` or :attr:`latest`.  (EDTF itself qualifies a range's bounds
one by one; geoalign qualifies the whole of a range or decade, and refuses a qualifier
inside the brackets.)
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Literal, TypeAlias

import attrs

from geoalign.errors import InvalidDateError
from geoalign.model.dates import QUALIFIERS, PartialDate, Qualifier

__all__ = ["EDTF_FORMS", "BoundedDate", "BoundedPrecision", "EDTFDate", "parse_edtf"]

BoundedPrecision = Literal["range", "decade", "century"]

EDTF_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, [A..B], [..B], [A..], 201X or 19XX, optionally followed by ?, ~ or %"
"""The forms :func:`parse_edtf` accepts, as error messages name them."""
_EXPECTED = f"expected {EDTF_FORMS}"

_ISO = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"
_RANGE_PATTERN = re.compile(rf"\[({_ISO})?\.\.({_ISO})?\]([?~%])?")
_UNSPECIFIED_PATTERN = re.compile(r"([0-9]{2})([0-9]X|XX)([?~%])?")
_SPAN = {"decade": 10, "century": 100}
_SPAN_RULE = {
    "decade": "a decade is the ten years from a year ending in 0, as 2010 to 2019",
    "century": "a century is the hundred years from a year ending in 00, as 1900 to 1999",
}
_QUALIFIER_INSIDE = (
    "a qualifier applies to the whole range: write it after the closing bracket,"
    " as in [2022..2024]?"
)


def _check_bounds(
    lower: PartialDate | None,
    upper: PartialDate | None,
    qualifier: str | None,
    precision: str,
) -> None:
    """Raise ``ValueError`` with a short reason if the bounds name no possible day."""
    for bound in (lower, upper):
        if bound is not None and not isinstance(bound, PartialDate):
            raise ValueError("bounds must be PartialDate or None")
        if bound is not None and bound.qualifier is not None:
            raise ValueError(_QUALIFIER_INSIDE)
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise ValueError("the qualifier must be '?', '~' or '%'")
    if precision == "range":
        if lower is None and upper is None:
            raise ValueError("a range needs at least one bound")
        if lower is None or upper is None:
            return
        if upper.latest < lower.earliest:
            raise ValueError(f"the range ends ({upper}) before it starts ({lower})")
        # Each bound's whole period must lie within the range, or the text says two things.
        if lower.latest > upper.latest:
            raise ValueError(f"its start ({lower}) ends after its end ({upper}) does")
        if upper.earliest < lower.earliest:
            raise ValueError(f"its end ({upper}) begins before its start ({lower}) does")
        return
    if precision not in _SPAN:
        raise ValueError("precision must be 'range', 'decade' or 'century'")
    span = _SPAN[precision]
    if (
        lower is None
        or upper is None
        or lower.precision != "year"
        or lower.year % span != 0
        or upper != PartialDate(lower.year + span - 1)
    ):
        raise ValueError(_SPAN_RULE[precision])


@attrs.frozen(repr=False)
class BoundedDate:
    """One unknown day between two bounds, either of which may be open.

    ``lower`` and ``upper`` are unqualified :class:`~geoalign.PartialDate` objects of any
    precision; the day is on or after the first day of ``lower`` and on or before the last
    day of ``upper``, and both bounds' periods lie within those days (``[2024..2024-06]``
    is refused).
    ``precision`` is ``"range"`` for ``[A..B]``, ``[..B]`` and ``[A..]``, ``"decade"`` for
    ``201X`` and ``"century"`` for ``19XX``; it decides how the date prints.  Build one with
    :func:`parse_edtf` or the constructor; bad bounds raise
    :class:`~geoalign.errors.InvalidDateError`.  Equal dates print alike and hash alike;
    bounded dates are not ordered (sort by :attr:`earliest` or :attr:`latest`).

    >>> d = BoundedDate(PartialDate(2024, 11, 30), PartialDate(2024, 12, 6))
    >>> str(d), d.precision, d.earliest, d.latest
    ('[2024-11-30..2024-12-06]', 'range', datetime.date(2024, 11, 30), datetime.date(2024, 12, 6))
    >>> BoundedDate(None, PartialDate(2024, 12, 6)).earliest
    datetime.date(1, 1, 1)
    >>> BoundedDate(PartialDate(2010), PartialDate(2019), precision="decade", qualifier="~")
    BoundedDate('201X~')
    """

    lower: PartialDate | None
    upper: PartialDate | None
    qualifier: Qualifier | None = attrs.field(default=None, kw_only=True)
    precision: BoundedPrecision = attrs.field(default="range", kw_only=True)
    _earliest: datetime.date = attrs.field(init=False, eq=False, repr=False)
    _latest: datetime.date = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        try:
            _check_bounds(self.lower, self.upper, self.qualifier, self.precision)
        except ValueError as exc:
            fields = f"{self.lower!r}, {self.upper!r}"
            if self.qualifier is not None:
                fields += f", qualifier={self.qualifier!r}"
            if self.precision != "range":
                fields += f", precision={self.precision!r}"
            raise InvalidDateError(f"BoundedDate({fields}) is not a valid date: {exc}") from None
        lowest = self.lower.earliest if self.lower is not None else datetime.date.min
        highest = self.upper.latest if self.upper is not None else datetime.date.max
        object.__setattr__(self, "_earliest", lowest)
        object.__setattr__(self, "_latest", highest)

    @property
    def earliest(self) -> datetime.date:
        """The first day the date may be: the lower bound's first day, or ``date.min``.

        >>> parse_edtf("[2024-11..]").earliest
        datetime.date(2024, 11, 1)
        """
        return self._earliest

    @property
    def latest(self) -> datetime.date:
        """The last day the date may be: the upper bound's last day, or ``date.max``.

        >>> parse_edtf("19XX").latest
        datetime.date(1999, 12, 31)
        """
        return self._latest

    def __contains__(self, day: object) -> bool:
        """Whether a :class:`datetime.date` is one of the days the date may be.

        >>> datetime.date(2015, 6, 1) in parse_edtf("201X")
        True
        """
        if isinstance(day, datetime.datetime):
            day = day.date()
        return isinstance(day, datetime.date) and self._earliest <= day <= self._latest

    def __str__(self) -> str:
        qualifier = self.qualifier or ""
        if self.precision == "range":
            lower = "" if self.lower is None else str(self.lower)
            upper = "" if self.upper is None else str(self.upper)
            return f"[{lower}..{upper}]{qualifier}"
        assert self.lower is not None  # a decade or a century has both bounds
        if self.precision == "decade":
            return f"{self.lower.year // 10:03d}X{qualifier}"
        return f"{self.lower.year // 100:02d}XX{qualifier}"

    def __repr__(self) -> str:
        return f"BoundedDate({str(self)!r})"


EDTFDate: TypeAlias = PartialDate | BoundedDate
"""A date as a dataset writes it: a :class:`~geoalign.PartialDate` or a :class:`BoundedDate`."""


def parse_edtf(text: str) -> EDTFDate:
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``[A..B]``, ``[..B]``, ``[A..]``, ``201X``
    or ``19XX``, optionally followed by ``?``, ``~`` or ``%``.

    A year, month or day gives a :class:`~geoalign.PartialDate`, as
    :meth:`PartialDate.parse <geoalign.PartialDate.parse>` does; ranges, decades and
    centuries give a :class:`BoundedDate`.  Results are cached, so parsing the same text
    again is cheap.  Raises :class:`~geoalign.errors.InvalidDateError` naming what is wrong.

    >>> parse_edtf("2024-12~"), parse_edtf("[2022..2024]?"), parse_edtf("201X")
    (PartialDate('2024-12~'), BoundedDate('[2022..2024]?'), BoundedDate('201X'))
    >>> parse_edtf("[2024..2022]")
    Traceback (most recent call last):
    ...
    geoalign.errors.InvalidDateError: '[2024..2022]' is not a valid date: the range ends (2022) before it starts (2024)
    """
    if not isinstance(text, str):
        raise InvalidDateError(f"{text!r} is not a valid date ({_EXPECTED})")
    return _parse_cached(text)


@functools.lru_cache(maxsize=65536)
def _parse_cached(text: str) -> EDTFDate:
    if text[:1] != "[" and "X" not in text:
        try:
            return PartialDate.parse(text)
        except InvalidDateError:
            if re.fullmatch(_ISO + "[?~%]?", text):
                raise  # the shape is right and the message names the bad field
            raise InvalidDateError(f"{text!r} is not a valid date: {_diagnose(text)}") from None
    lower: PartialDate | None
    upper: PartialDate | None
    precision: BoundedPrecision
    if match := _RANGE_PATTERN.fullmatch(text):
        lower = _bound(text, match[1], "start")
        upper = _bound(text, match[2], "end")
        precision = "range"
    elif match := _UNSPECIFIED_PATTERN.fullmatch(text):
        precision = "decade" if match[2] != "XX" else "century"
        first = int(match[1] + match[2].replace("X", "0"))
        if first == 0:
            raise InvalidDateError(
                f"{text!r} is not a valid date: year must be between 1 and 9999,"
                f" and {text.rstrip('?~%')} begins with the year 0"
            )
        lower, upper = PartialDate(first), PartialDate(first + _SPAN[precision] - 1)
    else:
        raise InvalidDateError(f"{text!r} is not a valid date: {_diagnose(text)}")
    qualifier: Qualifier | None = match[3]  # type: ignore[assignment]  # the pattern says so
    try:
        _check_bounds(lower, upper, qualifier, precision)
    except ValueError as exc:
        raise InvalidDateError(f"{text!r} is not a valid date: {exc}") from None
    return BoundedDate(lower, upper, qualifier=qualifier, precision=precision)


def _bound(text: str, part: str | None, which: str) -> PartialDate | None:
    if part is None:
        return None
    try:
        return PartialDate.parse(part)
    except InvalidDateError as exc:
        reason = str(exc).partition("is not a valid date: ")[2]
        raise InvalidDateError(
            f"{text!r} is not a valid date: in its {which} {part!r}, {reason}"
        ) from None


def _diagnose(text: str) -> str:
    """Why ``text`` matches none of the forms: the most specific reason that applies."""
    body = text[:-1] if text[-1:] in QUALIFIERS else text
    if any(q in body for q in QUALIFIERS):
        if body[-1:] in QUALIFIERS:
            return "one qualifier at most (% means both ? and ~)"
        if body.startswith("["):
            return _QUALIFIER_INSIDE
        return "a qualifier (?, ~ or %) goes once, at the end of the whole date"
    if "/" in body:
        return "an interval A/B is not accepted: for one day between A and B write [A..B]"
    if body.startswith(("[", "{")):
        return _diagnose_range(body)
    if "x" in body and re.fullmatch(r"[0-9]{2}(?:[0-9]x|[xX]{2})", body):
        return "write unspecified digits as a capital X, as in 201X"
    if "x" in body and re.fullmatch(r"[0-9xX-]+", body):
        body = body.upper()  # the same mistake as with a capital X: say which
    if "X" in body:
        if "-" in body:
            return (
                "X may stand only for the last digits of a year (201X, 19XX);"
                " for an unknown month or day write the year or the month alone"
            )
        return "only the last one or two digits of a year may be X, as in 201X or 19XX"
    if re.fullmatch(r"[0-9]+(?:-[0-9]+){0,2}", body):
        year, *rest = body.split("-")
        if len(year) != 4:
            return "a year has four digits, 0001 to 9999"
        if any(len(part) != 2 for part in rest):
            return "a month and a day have two digits each, as in 2024-03-07"
    return _EXPECTED


def _diagnose_range(body: str) -> str:
    if body.startswith("{") or "," in body:
        return "a list of possible dates is not accepted: write a range [A..B]"
    if not body.endswith("]"):
        return "a range ends with ']', as in [2022..2024]"
    inner = body[1:-1]
    if inner.count("..") != 1:
        return "a range separates its two bounds with '..', as in [2022..2024]"
    if "X" in inner or "x" in inner:
        return "unspecified digits (X) cannot bound a range: write years, as in [2010..2019]"
    start, _, end = inner.partition("..")
    for which, part in (("start", start), ("end", end)):
        if part and not re.fullmatch(_ISO, part):
            reason = _diagnose(part)
            if reason == _EXPECTED:
                return f"its {which} {part!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
            return f"in its {which} {part!r}, {reason}"
    return _EXPECTED
