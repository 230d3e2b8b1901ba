"""EDTF dates: qualifiers, ranges, decades and centuries; their bounds, text and refusals."""

from __future__ import annotations

import datetime
import doctest
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from tests import edtf_strategies
from tests.edtf_strategies import bounded_dates, edtf_dates, qualifiers
from tests.loading_helpers import base_data, edit_record, load_problems, without_line
from tests.strategies import partial_dates

import geoalign
from geoalign import InvalidDateError, PartialDate
from geoalign.formats.convert import CONVERTER
from geoalign.model.dates import Qualifier
from geoalign.model.edtf import BoundedDate, EDTFDate, parse_edtf
from geoalign.model.records import COLLECTIONS

EVERY_FORM = {
    "2024": ("2024-01-01", "2024-12-31"),
    "2024-02": ("2024-02-01", "2024-02-29"),
    "2024-12-08": ("2024-12-08", "2024-12-08"),
    "2024?": ("2024-01-01", "2024-12-31"),
    "2024-12~": ("2024-12-01", "2024-12-31"),
    "2024-12-08%": ("2024-12-08", "2024-12-08"),
    "[2024-11-30..2024-12-06]": ("2024-11-30", "2024-12-06"),
    "[2022..2024-06]": ("2022-01-01", "2024-06-30"),
    "[2024..2024-12]": ("2024-01-01", "2024-12-31"),
    "[..2024-12-06]": ("0001-01-01", "2024-12-06"),
    "[2024-11..]": ("2024-11-01", "9999-12-31"),
    "[2022..2024]?": ("2022-01-01", "2024-12-31"),
    "201X": ("2010-01-01", "2019-12-31"),
    "201X~": ("2010-01-01", "2019-12-31"),
    "19XX": ("1900-01-01", "1999-12-31"),
    "19XX%": ("1900-01-01", "1999-12-31"),
}
"""Every form, with the earliest and latest day it names, worked out by hand."""


@pytest.mark.parametrize(("text", "bounds"), EVERY_FORM.items())
def test_every_form_has_the_bounds_worked_out_by_hand(text: str, bounds: tuple[str, str]) -> None:
    date = parse_edtf(text)
    assert (date.earliest.isoformat(), date.latest.isoformat()) == bounds
    assert str(date) == text
    assert date.qualifier == (text[-1] if text[-1] in "?~%" else None)


@given(edtf_dates())
@example(BoundedDate(None, PartialDate(1)))
@example(BoundedDate(PartialDate(9999, 12, 31), None, qualifier="%"))
@example(BoundedDate(PartialDate(10), PartialDate(19), precision="decade"))
@example(BoundedDate(PartialDate(9900), PartialDate(9999), precision="century"))
def test_str_then_parse_gives_back_the_date(d: EDTFDate) -> None:
    text = str(d)
    assert parse_edtf(text) == d
    assert str(parse_edtf(text)) == text
    assert repr(d) == f"{type(d).__name__}({text!r})"


@given(edtf_dates())
def test_earliest_is_not_after_latest_and_both_are_days_of_the_date(d: EDTFDate) -> None:
    assert d.earliest <= d.latest
    assert d.earliest in d
    assert d.latest in d
    if d.earliest > datetime.date.min:
        assert d.earliest - datetime.timedelta(days=1) not in d
    if d.latest < datetime.date.max:
        assert d.latest + datetime.timedelta(days=1) not in d


@given(bounded_dates())
@example(parse_edtf("[2024-01..2024]"))
@example(parse_edtf("[2024..2024-12]"))
def test_a_bounded_date_spans_its_bounds_periods(d: BoundedDate) -> None:
    if d.lower is not None:
        assert d.earliest == d.lower.earliest
        assert d.lower.latest <= d.latest
    else:
        assert d.earliest == datetime.date.min
    if d.upper is not None:
        assert d.latest == d.upper.latest
        assert d.earliest <= d.upper.earliest
    else:
        assert d.latest == datetime.date.max


@given(st.integers(1, 999), qualifiers())
@example(201, None)
def test_a_decade_has_the_bounds_of_its_ten_years(decade: int, qualifier: Qualifier | None) -> None:
    suffix = qualifier or ""
    unspecified = parse_edtf(f"{decade:03d}X{suffix}")
    ranged = parse_edtf(f"[{decade:03d}0..{decade:03d}9]{suffix}")
    assert (unspecified.earliest, unspecified.latest) == (ranged.earliest, ranged.latest)
    assert (unspecified.precision, ranged.precision) == ("decade", "range")
    assert unspecified != ranged  # written differently, printed back as written


@given(st.integers(1, 99), qualifiers())
def test_a_century_has_the_bounds_of_its_hundred_years(
    century: int, qualifier: Qualifier | None
) -> None:
    suffix = qualifier or ""
    unspecified = parse_edtf(f"{century:02d}XX{suffix}")
    ranged = parse_edtf(f"[{century:02d}00..{century:02d}99]{suffix}")
    assert (unspecified.earliest, unspecified.latest) == (ranged.earliest, ranged.latest)
    assert unspecified.precision == "century"


@given(edtf_dates(), qualifiers())
def test_a_qualifier_never_changes_the_bounds(d: EDTFDate, qualifier: Qualifier | None) -> None:
    other = attrs.evolve(d, qualifier=qualifier)
    assert (other.earliest, other.latest) == (d.earliest, d.latest)
    assert other.precision == d.precision
    assert str(other) == str(d).rstrip("?~%") + (qualifier or "")
    assert (other == d) == (qualifier == d.qualifier)


@given(partial_dates(), partial_dates())
def test_unqualified_dates_are_the_iso_dates_of_before(d1: PartialDate, d2: PartialDate) -> None:
    # Parsed either way, an ISO date is the same unqualified PartialDate, printed as ISO.
    for d in (d1, d2):
        assert parse_edtf(str(d)) == PartialDate.parse(str(d)) == d
        assert d.qualifier is None
        assert re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", str(d))
    # Order as before: by earliest day, then coarser before finer.
    key1 = (d1.earliest, ("year", "month", "day").index(d1.precision))
    key2 = (d2.earliest, ("year", "month", "day").index(d2.precision))
    assert (d1 < d2) == (key1 < key2)
    assert (d1 == d2) == (key1 == key2)


def test_a_qualified_date_sorts_after_the_same_date_unqualified() -> None:
    texts = ["2024%", "2024~", "2024-01", "2024?", "2024"]
    assert [str(d) for d in sorted(map(PartialDate.parse, texts))] == [
        "2024",
        "2024?",
        "2024~",
        "2024%",
        "2024-01",
    ]
    assert len({PartialDate(2024), PartialDate(2024, qualifier="?")}) == 2


def test_plain_dates_are_parsed_once() -> None:
    # The cached fast path: bulk loads parse the same few thousand dates again and again.
    assert parse_edtf("2024-12-08") is parse_edtf("2024-12-08")
    assert parse_edtf("[2022..2024]") is parse_edtf("[2022..2024]")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[2024..2022]", "the range ends (2022) before it starts (2024)"),
        ("[2024-12-31..2024-06]", "the range ends (2024-06) before it starts (2024-12-31)"),
        ("[2024..2024-06]", "its start (2024) ends after its end (2024-06) does"),
        ("[2024-01-15..2024-01]", "its end (2024-01) begins before its start (2024-01-15) does"),
        ("[..]", "a range needs at least one bound"),
        ("[..]?", "a range needs at least one bound"),
        ("[2024-13..2025]", "in its start '2024-13', month must be between 1 and 12"),
        ("[2024..2025-02-30]", "in its end '2025-02-30', day is out of range for month"),
        ("[2024-1..2025]", "in its start '2024-1', a month and a day have two digits each"),
        ("[2022..24]", "in its end '24', a year has four digits"),
        ("[2022?..2024]", "a qualifier applies to the whole range"),
        ("[2022..2024~]", "a qualifier applies to the whole range"),
        ("[201X..2024]", "unspecified digits (X) cannot bound a range"),
        ("[2022,2024]", "a list of possible dates is not accepted"),
        ("{2022..2024}", "a list of possible dates is not accepted"),
        ("[2022..2024", "a range ends with ']'"),
        ("[2022-2024]", "a range separates its two bounds with '..'"),
        ("2022/2024", "an interval A/B is not accepted"),
        ("2024-13", "month must be between 1 and 12"),
        ("2024-02-30?", "day is out of range for month"),
        ("0000", "year must be between 1 and 9999"),
        ("000X", "year must be between 1 and 9999"),
        ("00XX~", "year must be between 1 and 9999"),
        ("24", "a year has four digits"),
        ("12024", "a year has four digits"),
        ("2024-1", "a month and a day have two digits each"),
        ("2024-12-8", "a month and a day have two digits each"),
        ("2024-XX", "X may stand only for the last digits of a year"),
        ("2024-12-XX", "X may stand only for the last digits of a year"),
        ("2X24", "only the last one or two digits of a year may be X"),
        ("1XXX", "only the last one or two digits of a year may be X"),
        ("XXXX", "only the last one or two digits of a year may be X"),
        ("201x", "write unspecified digits as a capital X"),
        ("19xx", "write unspecified digits as a capital X"),
        ("19xX", "write unspecified digits as a capital X"),
        # A capital X would be refused too: the hint says why, not "write a capital X".
        ("x", "only the last one or two digits of a year may be X"),
        ("2x24", "only the last one or two digits of a year may be X"),
        ("2024-12-0x", "X may stand only for the last digits of a year"),
        ("2024-xx", "X may stand only for the last digits of a year"),
        ("2024?~", "one qualifier at most"),
        ("2024??", "one qualifier at most"),
        ("?2024", "a qualifier (?, ~ or %) goes once, at the end of the whole date"),
        ("2024?-12", "a qualifier (?, ~ or %) goes once, at the end of the whole date"),
        ("", "expected YYYY, YYYY-MM, YYYY-MM-DD, [A..B], [..B], [A..], 201X or 19XX"),
        (" 2024", "expected YYYY, YYYY-MM, YYYY-MM-DD"),
        ("2024-12-08T00:00", "expected YYYY, YYYY-MM, YYYY-MM-DD"),
        ("\uff12\uff10\uff12\uff14", "expected YYYY, YYYY-MM, YYYY-MM-DD"),
    ],
)
def test_bad_text_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidDateError) as info:
        parse_edtf(text)
    message = str(info.value)
    assert message.startswith(f"{text!r} is not a valid date: ")
    assert reason in message
    assert "\n" not in message


@pytest.mark.parametrize("value", [2024, None, b"2024", ["2024"], datetime.date(2024, 1, 1)])
def test_parse_refuses_what_is_not_a_string(value: object) -> None:
    with pytest.raises(InvalidDateError, match="is not a valid date"):
        parse_edtf(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lower", "upper", "options", "reason"),
    [
        (None, None, {}, "a range needs at least one bound"),
        (PartialDate(2024), PartialDate(2022), {}, "the range ends (2022) before it starts"),
        (PartialDate(2022, qualifier="?"), None, {}, "a qualifier applies to the whole range"),
        (PartialDate(2022), None, {"qualifier": "!"}, "the qualifier must be"),
        (PartialDate(2011), PartialDate(2020), {"precision": "decade"}, "a decade is the ten"),
        (PartialDate(2010), None, {"precision": "decade"}, "a decade is the ten"),
        (PartialDate(1900), PartialDate(1999, 12), {"precision": "century"}, "a century is"),
        (PartialDate(2010), PartialDate(2019), {"precision": "year"}, "precision must be"),
        ("2010", None, {}, "bounds must be PartialDate or None"),
    ],
)
def test_the_constructor_refuses_impossible_bounds(
    lower: object, upper: object, options: dict[str, object], reason: str
) -> None:
    with pytest.raises(InvalidDateError, match=re.escape(reason)) as info:
        BoundedDate(lower, upper, **options)  # type: ignore[arg-type]
    assert str(info.value).startswith("BoundedDate(")


def test_a_partial_date_refuses_an_unknown_qualifier() -> None:
    with pytest.raises(InvalidDateError, match="the qualifier must be '\\?', '~' or '%'"):
        PartialDate(2024, qualifier="!")  # type: ignore[arg-type]


@given(st.text(alphabet="0129X?~%.[]-,/x", max_size=16))
@example("[2024-02-29..2024-03]~")
@example("[0001..9999]")
def test_text_is_either_a_date_printed_back_as_written_or_refused(text: str) -> None:
    # Every accepted text is canonical: no two texts name the same date the same way.
    try:
        printed = str(parse_edtf(text))
    except InvalidDateError as exc:
        printed = str(exc)
        assert printed.startswith(f"{text!r} is not a valid date: ")
    else:
        assert printed == text


@given(edtf_dates())
def test_the_converter_reads_and_writes_the_text(d: EDTFDate) -> None:
    assert CONVERTER.unstructure(d) == str(d)
    assert CONVERTER.structure(str(d), EDTFDate) == d
    assert CONVERTER.structure(str(d), EDTFDate | None) == d


def test_the_converter_reads_an_unquoted_yaml_year_and_range() -> None:
    # YAML gives 2024 for an unquoted year and ['2022..2024'] for an unquoted range.
    assert CONVERTER.structure(2024, EDTFDate) == PartialDate(2024)
    assert CONVERTER.structure(["2022..2024"], EDTFDate) == parse_edtf("[2022..2024]")
    assert CONVERTER.structure(None, EDTFDate | None) is None
    with pytest.raises(InvalidDateError, match=r"expected a date .*, got NoneType None"):
        CONVERTER.structure(None, EDTFDate)
    with pytest.raises(InvalidDateError, match=r"expected a date .*201X or 19XX.*, got a list"):
        CONVERTER.structure(["2022", "2024"], EDTFDate)


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
def test_the_examples_of_the_strategies_pass() -> None:
    result = doctest.testmod(edtf_strategies, optionflags=doctest.ELLIPSIS, report=True)
    assert (result.failed, result.attempted > 0) == (0, True)


def _dataset_with_every_form() -> dict[str, list[dict[str, Any]]]:
    """The loading tests' base dataset, with each form as an event date, a start and an end."""
    data = base_data()
    event, relationship, person = data["events"][0], data["relationships"][0], data["persons"][0]
    data["sources"][0]["published"] = "2024-12~"
    data["events"] = [{**event, "id": f"event-{i}", "date": t} for i, t in enumerate(EVERY_FORM)]
    data["relationships"] = [
        {**relationship, "id": f"tie-{i}", "start": t, "end": None}
        for i, t in enumerate(EVERY_FORM)
    ] + [
        {**relationship, "id": f"ended-{i}", "start": None, "end": t}
        for i, t in enumerate(EVERY_FORM)
    ]
    person["roles"] = [{"title": "President", "start": t, "end": t} for t in EVERY_FORM]
    copied: dict[str, list[dict[str, Any]]] = json.loads(json.dumps(data))  # no shared lists
    return copied


def _dates_of(dataset: geoalign.Dataset) -> list[str]:
    dates = [str(e.date) for e in dataset.events]
    dates += [str(r.start) for r in dataset.relationships if r.start is not None]
    dates += [str(r.end) for r in dataset.relationships if r.end is not None]
    for person in dataset.persons:
        dates += [f"{role.start} {role.end}" for role in person.roles]
    return dates


def test_every_form_loads_from_yaml_and_json_lines(tmp_path: Path) -> None:
    data = _dataset_with_every_form()
    expected = [*EVERY_FORM, *EVERY_FORM, *EVERY_FORM, *(f"{t} {t}" for t in EVERY_FORM)]
    # YAML as a person writes it: dates unquoted where YAML allows (an unquoted range is
    # read as a list of one item), quoted where it must be (a qualified range).
    text = yaml.safe_dump(data, sort_keys=False)
    for form in EVERY_FORM:
        if form.startswith("[") and form.endswith("]"):
            text = text.replace(f"'{form}'", form)
    assert "date: [2024-11-30..2024-12-06]\n" in text
    (tmp_path / "every-form.yaml").write_text(text, encoding="utf-8")
    lines = [
        json.dumps({"type": COLLECTIONS[name], **record})
        for name, records in data.items()
        for record in records
    ]
    (tmp_path / "every-form.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    from_yaml = geoalign.load(tmp_path / "every-form.yaml", include_bundled=False)
    from_jsonl = geoalign.load(tmp_path / "every-form.jsonl", include_bundled=False)
    assert _dates_of(from_yaml) == expected
    assert from_jsonl == from_yaml
    assert str(from_yaml.get("s1").published) == "2024-12~"  # type: ignore[union-attr]
    assert (
        geoalign.load(_written(tmp_path, from_yaml.to_dict()), include_bundled=False) == from_yaml
    )


def _written(tmp_path: Path, data: dict[str, list[dict[str, Any]]]) -> Path:
    path = tmp_path / "written" / "data.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "[2024..2022]", "the range ends (2022) before it starts (2024)"),
        ("date", "[..]", "a range needs at least one bound"),
        ("date", "2024-XX", "X may stand only for the last digits of a year"),
        ("date", None, "expected a date"),
    ],
)
def test_a_bad_date_in_a_file_names_the_file_record_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str, value: object, message: str
) -> None:
    data = edit_record(base_data(), "events", 0, **{field: value})
    problems = load_problems(tmp_path, monkeypatch, {"data.yaml": data})
    assert len(problems) == 1
    assert without_line(problems[0]).startswith(f"data.yaml: event 'hama-falls', field '{field}': ")
    assert message in problems[0]
