"""plot_timeline: one bar per event over its whole period, read from the artists."""

from __future__ import annotations

import datetime
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from matplotlib.dates import date2num, num2date
from tests.strategies import DATASET_SETTINGS, datasets

import geoalign
from geoalign import Dataset, Event, InvalidDateError
from geoalign.interop.plot import plot_timeline
from geoalign.model.edtf import BoundedDate, parse_edtf
from geoalign.model.records import Records
from geoalign.rules.time import first_day, last_day

BUNDLED = geoalign.load()


def bars(figure: Any) -> list[tuple[str, float, float, float]]:
    """``(event id, left, width, row)`` of each event's bar, top row first."""
    found = [
        (patch.get_gid().removeprefix("event:"), patch.get_x(), patch.get_width(), patch.get_y())
        for patch in figure.axes[0].patches
        if (patch.get_gid() or "").startswith("event:")
    ]
    return sorted(found, key=lambda bar: bar[3])


def open_sides(date: Any) -> tuple[bool, bool]:
    """Whether the date's start and end are open (``[..B]``, ``[A..]``)."""
    bounded = isinstance(date, BoundedDate)
    return bounded and date.lower is None, bounded and date.upper is None


def assert_whole_periods(figure: Any, events: tuple[Event, ...]) -> None:
    """One bar per event, in order, over every day it may have happened on (an open
    side reaching the edge of the axis, with an arrow there)."""
    drawn = bars(figure)
    assert [event_id for event_id, *_ in drawn] == [e.id for e in events]
    low, high = figure.axes[0].get_xlim()
    arrows = {line.get_gid() for line in figure.axes[0].lines if line.get_gid()}
    for (_, left, width, _), event in zip(drawn, events, strict=True):
        open_start, open_end = open_sides(event.date)
        first, last = (date.fromordinal(day(event.date)) for day in (first_day, last_day))
        assert left == (low if open_start else date2num(first))
        right = high if open_end else date2num(last) + 1  # in days
        assert left + width == right
        assert (f"open-start:{event.id}" in arrows) == open_start
        assert (f"open-end:{event.id}" in arrows) == open_end


def test_russia_and_syria_one_bar_per_event_in_order() -> None:
    events = BUNDLED.timeline_between("RUS", "SYR")
    assert len(events) > 10
    assert_whole_periods(plot_timeline(BUNDLED, "Russia", "Syria"), events)


def test_a_year_is_a_bar_over_the_whole_year() -> None:
    drawn = {
        event_id: (left, width)
        for event_id, left, width, _ in bars(plot_timeline(BUNDLED, "RUS", "SYR"))
    }
    assert str(BUNDLED.get("russia-syria-agreement-2015").date) == "2015"  # type: ignore[union-attr]
    left, width = drawn["russia-syria-agreement-2015"]
    assert num2date(left).date() == datetime.date(2015, 1, 1)
    assert num2date(left + width).date() == datetime.date(2016, 1, 1)
    assert str(BUNDLED.get("russian-intervention-in-syria").date) == "2015-09"  # type: ignore[union-attr]
    assert drawn["russian-intervention-in-syria"][1] == 30  # September, in days
    assert str(BUNDLED.get("russia-withdraws-ships-from-tartus").date) == "2024-12-08"  # type: ignore[union-attr]
    assert drawn["russia-withdraws-ships-from-tartus"][1] == 1


def test_open_bounds_reach_the_edge_and_approximate_dates_widen() -> None:
    dates = {
        "putin-assad-moscow-meeting": "[..2023-06]",
        "assad-asks-putin-for-help": "[2024-11..]",
        "russian-earthquake-relief-for-syria": "2023~",
    }
    events = tuple(
        attrs.evolve(e, date=parse_edtf(dates[e.id])) if e.id in dates else e
        for e in BUNDLED.events
    )
    records = Records(
        *(getattr(BUNDLED, name) for name in ("sources", "countries", "organizations", "persons")),
        relationships=BUNDLED.relationships,
        events=events,
    )
    dataset = Dataset.from_records(records)
    timeline = dataset.timeline_between("RUS", "SYR")
    assert {e.id for e in timeline} >= set(dates)
    figure = plot_timeline(dataset, "RUS", "SYR")
    assert_whole_periods(figure, timeline)
    spans = {event_id: (left, width) for event_id, left, width, _ in bars(figure)}
    left, width = spans["putin-assad-moscow-meeting"]
    assert num2date(left + width).date() == datetime.date(2023, 7, 1)  # up to June's end
    assert num2date(spans["assad-asks-putin-for-help"][0]).date() == datetime.date(2024, 11, 1)
    left, width = spans["russian-earthquake-relief-for-syria"]  # about 2023: 2022 to 2024
    assert num2date(left).date() == datetime.date(2022, 1, 1)
    assert num2date(left + width).date() == datetime.date(2025, 1, 1)


def test_the_timeline_is_the_same_either_way_round() -> None:
    assert bars(plot_timeline(BUNDLED, "RUS", "SYR")) == bars(plot_timeline(BUNDLED, "SYR", "RUS"))


def test_one_actor_alone_gets_all_its_events() -> None:
    events = BUNDLED.timeline_between("SRB", "SRB")
    assert events
    assert_whole_periods(plot_timeline(BUNDLED, "Serbia"), events)


def test_a_window_limits_the_events_and_the_axis() -> None:
    figure = plot_timeline(BUNDLED, "RUS", "SYR", start="2024-11", end="2024-12")
    assert_whole_periods(
        figure, BUNDLED.timeline_between("RUS", "SYR", start="2024-11", end="2024-12")
    )
    low, high = figure.axes[0].get_xlim()
    assert (low, high) == (
        date2num(datetime.date(2024, 11, 1)),
        date2num(datetime.date(2025, 1, 1)),
    )


def test_no_events_is_said_and_drawn_as_nothing() -> None:
    assert BUNDLED.timeline_between("CHN", "CHN") == ()
    figure = plot_timeline(BUNDLED, "China")
    assert bars(figure) == []
    assert "no events" in [text.get_text() for text in figure.axes[0].texts]


@DATASET_SETTINGS
@given(datasets())
def test_generated_datasets_draw_every_event_over_its_period(dataset: Dataset) -> None:
    assume(dataset.events)
    first = dataset.events[0].actors[0]
    assert_whole_periods(plot_timeline(dataset, first), dataset.timeline_between(first, first))


def test_events_the_window_may_hold_come_faded_and_dashed() -> None:
    window = {"start": "2024-12", "end": "2024-12"}
    sure = BUNDLED.timeline_between("RUS", "SYR", **window)
    maybe = BUNDLED.timeline_between("RUS", "SYR", **window, certainty="possible")
    assert len(maybe) > len(sure)  # events dated 2024 may fall in December
    figure = plot_timeline(BUNDLED, "RUS", "SYR", **window, certainty="possible")
    assert_whole_periods(figure, maybe)
    bars = {p.get_gid(): p for p in figure.axes[0].patches}
    for event in maybe:
        assert (bars[f"event:{event.id}"].get_linestyle() != "-") == (event not in sure)


def test_reversed_windows_are_refused() -> None:
    with pytest.raises(InvalidDateError):
        plot_timeline(BUNDLED, "RUS", "SYR", start="2025", end="2024")
