"""plot_timeline: one bar per event over its whole period, read from the artists."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import assume, given
from matplotlib.dates import date2num, num2date
from tests.strategies import DATASET_SETTINGS, datasets

import geoalign
from geoalign import Dataset, Event, InvalidDateError
from geoalign.interop.plot import plot_timeline

BUNDLED = geoalign.load()
ONE_DAY = datetime.timedelta(days=1)


def bars(figure: Any) -> list[tuple[str, float, float, float]]:
    """``(event id, left, width, row)`` of each event's bar, top row first."""
    found = [
        (patch.get_gid().removeprefix("event:"), patch.get_x(), patch.get_width(), patch.get_y())
        for patch in figure.axes[0].patches
        if (patch.get_gid() or "").startswith("event:")
    ]
    return sorted(found, key=lambda bar: bar[3])


def assert_whole_periods(figure: Any, events: tuple[Event, ...]) -> None:
    drawn = bars(figure)
    assert [event_id for event_id, *_ in drawn] == [e.id for e in events]
    for (_, left, width, _), event in zip(drawn, events, strict=True):
        assert left == date2num(event.date.earliest)
        assert left + width == date2num(event.date.latest + ONE_DAY)


def test_russia_and_syria_one_bar_per_event_in_order() -> None:
    events = BUNDLED.timeline_between("RUS", "SYR")
    assert len(events) > 10
    assert_whole_periods(plot_timeline(BUNDLED, "Russia", "Syria"), events)


def test_a_year_is_a_bar_over_the_whole_year() -> None:
    drawn = {
        event_id: (left, width)
        for event_id, left, width, _ in bars(plot_timeline(BUNDLED, "RUS", "SYR"))
    }
    assert str(BUNDLED.get("putin-assad-moscow-meeting").date) == "2023"  # type: ignore[union-attr]
    left, width = drawn["putin-assad-moscow-meeting"]
    assert num2date(left).date() == datetime.date(2023, 1, 1)
    assert num2date(left + width).date() == datetime.date(2024, 1, 1)
    assert str(BUNDLED.get("russian-intervention-in-syria").date) == "2015-09"  # type: ignore[union-attr]
    assert drawn["russian-intervention-in-syria"][1] == 30  # September, in days
    assert str(BUNDLED.get("russia-withdraws-ships-from-tartus").date) == "2024-12-08"  # type: ignore[union-attr]
    assert drawn["russia-withdraws-ships-from-tartus"][1] == 1


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


def test_reversed_windows_are_refused() -> None:
    with pytest.raises(InvalidDateError):
        plot_timeline(BUNDLED, "RUS", "SYR", start="2025", end="2024")
