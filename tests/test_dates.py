"""Properties of PartialDate: round trips, order, bounds, precision, and refusals."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.edtf_strategies import qualified_dates
from tests.strategies import partial_dates

from geoalign import GeoalignError, InvalidDateError, PartialDate
from geoalign.model.dates import to_partial_date

ISO_TEXT = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.dates().map(lambda d: d.isoformat()[:4]),
)
"""Valid ISO strings at every precision, from datetime's own formatting."""


@given(partial_dates())
@example(PartialDate(1))
@example(PartialDate(9999, 12, 31))
@example(PartialDate(2024, 2, 29))
def test_str_then_parse_gives_back_the_date(d: PartialDate) -> None:
    assert PartialDate.parse(str(d)) == d


@given(ISO_TEXT)
@example("0001")
@example("2024-02-29")
@example("2000-02-29")
@example("1900-02")
def test_parse_then_str_gives_back_the_text(text: str) -> None:
    assert str(PartialDate.parse(text)) == text


@given(ISO_TEXT)
def test_precision_matches_the_text(text: str) -> None:
    expected = {4: "year", 7: "month", 10: "day"}[len(text)]
    assert PartialDate.parse(text).precision == expected


@given(partial_dates(), partial_dates())
@example(PartialDate(2024), PartialDate(2024, 1))
@example(PartialDate(2024, 1), PartialDate(2024, 1, 1))
@example(PartialDate(2024, 12, 31), PartialDate(2024))
def test_order_agrees_with_earliest(d1: PartialDate, d2: PartialDate) -> None:
    if d1 < d2:
        assert d1.earliest <= d2.earliest
    if d1.earliest < d2.earliest:
        assert d1 < d2


@given(qualified_dates(), qualified_dates())
@example(PartialDate(2024), PartialDate(2024))
@example(PartialDate(2024), PartialDate(2024, 1))
@example(PartialDate(2024), PartialDate(2024, qualifier="?"))
def test_order_is_total_and_consistent_with_equality(d1: PartialDate, d2: PartialDate) -> None:
    # Exactly one of <, ==, > holds; <= and >= agree with them; equal dates hash alike.
    assert [d1 < d2, d1 == d2, d1 > d2].count(True) == 1
    assert (d1 <= d2) == (d1 < d2 or d1 == d2)
    assert (d1 >= d2) == (d1 > d2 or d1 == d2)
    assert (d1 < d2) == (d2 > d1)
    if d1 == d2:
        assert hash(d1) == hash(d2)
        assert str(d1) == str(d2)


@given(qualified_dates(), qualified_dates(), qualified_dates())
def test_order_is_transitive(d1: PartialDate, d2: PartialDate, d3: PartialDate) -> None:
    low, mid, high = sorted([d1, d2, d3])
    assert low <= mid <= high
    assert low <= high


def test_coarser_sorts_before_finer_on_the_same_first_day() -> None:
    parsed = [PartialDate.parse(t) for t in ["2024-01-02", "2024-01-01", "2024-01", "2024"]]
    assert [str(d) for d in sorted(parsed)] == ["2024", "2024-01", "2024-01-01", "2024-01-02"]


@given(partial_dates(), st.dates())
def test_a_day_is_in_the_period_iff_it_has_the_same_fields(
    d: PartialDate, day: datetime.date
) -> None:
    same = day.year == d.year and d.month in (None, day.month) and d.day in (None, day.day)
    assert (day in d) == same
    assert (datetime.datetime.combine(day, datetime.time(12)) in d) == same


@given(partial_dates())
def test_days_of_a_period_have_the_right_count(d: PartialDate) -> None:
    days = (d.latest - d.earliest).days + 1
    if d.precision == "day":
        assert days == 1
    elif d.precision == "month":
        assert days in (28, 29, 30, 31)
    else:
        assert days == (366 if _is_leap(d.year) else 365)


def test_things_that_are_not_days_are_not_in_a_period() -> None:
    assert "2024-12-08" not in PartialDate(2024)
    assert 2024 not in PartialDate(2024)
    assert None not in PartialDate(2024)


@pytest.mark.parametrize(
    ("year", "leap"), [(2024, True), (2023, False), (2000, True), (1900, False), (2100, False)]
)
def test_leap_years(year: int, leap: bool) -> None:
    assert PartialDate(year, 2).latest.day == (29 if leap else 28)
    if leap:
        assert PartialDate.parse(f"{year}-02-29").latest == datetime.date(year, 2, 29)
    else:
        with pytest.raises(InvalidDateError):
            PartialDate.parse(f"{year}-02-29")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-02-30", "day is out of range for month"),
        ("2023-02-29", "day is out of range for month"),
        ("2024-12-32", "day is out of range for month"),
        ("2024-04-31", "day is out of range for month"),
        ("2024-12-00", "day is out of range for month"),
        ("2024-13", "month must be between 1 and 12"),
        ("2024-00", "month must be between 1 and 12"),
        ("0000", "year must be between 1 and 9999"),
        ("2024-1", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("24", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        (" 2024", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024 ", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024-12-08T00:00", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024/12/08", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("20241208", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("-2024", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("+2024", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("12024", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024-12-08\n", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidDateError) as info:
        PartialDate.parse(text)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, GeoalignError)
    assert str(info.value).startswith(f"{text!r} is not a valid date")
    assert reason in str(info.value)


@pytest.mark.parametrize(
    "value",
    [20240101, 2024, 2024.0, None, b"2024", ["2024"], datetime.date(2024, 1, 1), True],
)
def test_parse_refuses_what_is_not_a_string(value: object) -> None:
    with pytest.raises(InvalidDateError, match="is not a valid date"):
        PartialDate.parse(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("year", "month", "day"),
    [
        (0, None, None),
        (10000, None, None),
        (2024, 13, None),
        (2024, 2, 30),
        (2024, None, 1),
        (2024.0, None, None),
        ("2024", None, None),
        (True, None, None),
        (2024, 2, True),
    ],
)
def test_the_constructor_refuses_impossible_fields(
    year: object, month: object, day: object
) -> None:
    with pytest.raises(InvalidDateError, match="is not a valid date"):
        PartialDate(year, month, day)  # type: ignore[arg-type]


@given(
    st.one_of(
        st.text(max_size=12),
        st.from_regex(r"[0-9]{1,5}(-[0-9]{1,3}){0,2}[?~%]{0,2}", fullmatch=True),
    )
)
@example("2024-1-1")
@example("2023-02-29")
@example("2024-12~")
@example("2024?~")
def test_parse_accepts_exactly_the_iso_forms_and_a_qualifier(text: str) -> None:
    try:
        parsed = PartialDate.parse(text)
    except InvalidDateError:
        assert not _is_valid_iso(text)
    else:
        assert _is_valid_iso(text)
        assert str(parsed) == text


def _is_valid_iso(text: str) -> bool:
    """An oracle independent of the parser: the ISO shape (and a qualifier), a real day."""
    if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[?~%]?", text):
        return False
    year, month, day = ([int(part) for part in text.rstrip("?~%").split("-")] + [1, 1])[:3]
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    "text",
    [
        "\uff12\uff10\uff12\uff14",  # full-width 2024
        "2024-\u0661\u0662",  # Arabic-Indic 12
        "\u0968\u0966\u0968\u096a-12-08",  # Devanagari 2024
    ],
)
def test_only_ascii_digits_are_iso(text: str) -> None:
    with pytest.raises(InvalidDateError, match="expected YYYY, YYYY-MM or YYYY-MM-DD"):
        PartialDate.parse(text)


def test_never_padded_to_the_first_of_january() -> None:
    year = PartialDate.parse("2024")
    assert year != PartialDate(2024, 1, 1)
    assert year != PartialDate(2024, 1)
    assert year.latest == datetime.date(2024, 12, 31)
    assert PartialDate.parse("2024-12") != PartialDate(2024, 12, 1)
    assert len({PartialDate(2024), PartialDate(2024, 1), PartialDate(2024, 1, 1)}) == 3


@given(st.dates())
def test_to_partial_date_takes_a_date_as_an_exact_day(day: datetime.date) -> None:
    converted = to_partial_date(day)
    assert converted.precision == "day"
    assert converted.earliest == converted.latest == day


@given(st.datetimes())
def test_to_partial_date_takes_the_day_of_a_datetime(moment: datetime.datetime) -> None:
    assert to_partial_date(moment) == PartialDate.from_date(moment.date())


@given(partial_dates())
def test_to_partial_date_takes_text_and_partial_dates(d: PartialDate) -> None:
    assert to_partial_date(d) is d
    assert to_partial_date(str(d)) == d


@pytest.mark.parametrize("value", [20240101, None, 2024.5, b"2024"])
def test_to_partial_date_refuses_other_types(value: object) -> None:
    with pytest.raises(InvalidDateError):
        to_partial_date(value)  # type: ignore[arg-type]


def test_repr_shows_the_iso_form() -> None:
    assert repr(PartialDate(2015, 9)) == "PartialDate('2015-09')"


def test_dates_are_frozen() -> None:
    d = PartialDate(2024)
    with pytest.raises(AttributeError):
        d.year = 2025  # type: ignore[misc]


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
