"""Hypothesis strategies for every EDTF date form geoalign accepts.

Import them as ``from tests.edtf_strategies import edtf_dates``.  They build on
:func:`tests.strategies.partial_dates` and add qualifiers, ranges, decades and centuries.
"""

from __future__ import annotations

import functools

from hypothesis import strategies as st
from tests.strategies import partial_dates

from geoalign.model.dates import QUALIFIERS, PartialDate, Qualifier
from geoalign.model.edtf import BoundedDate, EDTFDate

__all__ = ["bounded_dates", "edtf_dates", "qualified_dates", "qualifiers"]


def qualifiers() -> st.SearchStrategy[Qualifier | None]:
    """No qualifier, or one of ``?``, ``~`` and ``%``.

    >>> qualifiers().example() in (None, "?", "~", "%")
    True
    """
    return st.sampled_from((None, *QUALIFIERS))


@functools.cache
def qualified_dates(min_year: int = 1, max_year: int = 9999) -> st.SearchStrategy[PartialDate]:
    """Partial dates of every precision, with or without a qualifier.

    >>> isinstance(qualified_dates(2010, 2026).example(), PartialDate)
    True
    """
    return st.builds(
        lambda d, q: PartialDate(d.year, d.month, d.day, qualifier=q),
        partial_dates(min_year, max_year),
        qualifiers(),
    )


@functools.cache
def bounded_dates(min_year: int = 1, max_year: int = 9999) -> st.SearchStrategy[BoundedDate]:
    """Ranges (closed or open on one side), decades and centuries, any qualifier.

    >>> isinstance(bounded_dates(2010, 2026).example(), BoundedDate)
    True
    """
    ends = partial_dates(min_year, max_year)
    forms = [
        st.builds(_range, ends, ends, st.sampled_from(["both", "lower", "upper"]), qualifiers())
    ]
    for precision, span in (("decade", 10), ("century", 100)):
        first, last = -(-max(min_year, span) // span), (max_year + 1) // span - 1
        if first <= last:
            years = st.integers(first, last).map(lambda n, span=span: n * span)
            forms.append(st.builds(_unspecified, years, st.just(precision), qualifiers()))
    return st.one_of(forms)


def _range(a: PartialDate, b: PartialDate, keep: str, qualifier: Qualifier | None) -> BoundedDate:
    lower, upper = sorted((a, b), key=lambda d: (d.earliest, d.latest))
    if lower.latest > upper.latest:
        keep = "lower"  # one period strictly inside the other: only an open range is valid
    return BoundedDate(
        lower if keep != "upper" else None,
        upper if keep != "lower" else None,
        qualifier=qualifier,
    )


def _unspecified(first: int, precision: str, qualifier: Qualifier | None) -> BoundedDate:
    span = 10 if precision == "decade" else 100
    return BoundedDate(
        PartialDate(first),
        PartialDate(first + span - 1),
        qualifier=qualifier,
        precision=precision,  # type: ignore[arg-type]  # "decade" or "century"
    )


@functools.cache
def edtf_dates(min_year: int = 1, max_year: int = 9999) -> st.SearchStrategy[EDTFDate]:
    """Every date form a dataset may write, between two years (inclusive).

    Every bound of a generated date lies within the years, except that an open side of a
    range reaches ``datetime.date.min`` or ``datetime.date.max``.

    >>> d = edtf_dates(2010, 2026).example()
    >>> d.earliest <= d.latest
    True
    """
    return st.one_of(qualified_dates(min_year, max_year), bounded_dates(min_year, max_year))
