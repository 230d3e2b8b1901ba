"""The rule of changes (geoalign.rules.changes) against every reading of a tie's dates.

A reading starts the tie on a day ``s`` of ``[possible_from, definite_from]`` and ends
it on a day ``e`` of ``[definite_until, possible_until]``; it is then in force on the
days ``s <= d < e``.  A tie began in ``(F, T]`` on a reading that has it in force on T
and not on F, and ended on one that has it in force on F and not on T: definitely when
every reading says so, possibly when some does.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import geoalign
from geoalign.model.answers import SpanBound, TieSpan
from geoalign.model.kinds import Certainty
from geoalign.rules.changes import moved, moved_bounds
from geoalign.store import browse
from geoalign.store.explain import span
from geoalign.store.memory import ALL_KINDS

DAYS = st.integers(0, 12)


@st.composite
def spans(draw: st.DrawFn) -> TieSpan:
    """A tie span with small days: the definite span inside the possible one, maybe empty."""
    pf, df = sorted(draw(st.lists(DAYS, min_size=2, max_size=2)))
    du = draw(st.integers(pf, 14))
    pu = draw(st.integers(max(du, df), 16))
    bound = lambda at: SpanBound(at, "start")  # noqa: E731 - the rule reads only the days
    return TieSpan(bound(pf), bound(pu), bound(df), bound(du))


def by_readings(tie: TieSpan, first: int, last: int) -> tuple[Certainty | None, ...]:
    """How surely the tie began and ended in ``(first, last]``, from every reading."""
    pf, pu, df, du = (bound.at for bound in tie)
    readings = [(s, e) for s in range(pf, df + 1) for e in range(du, pu + 1)]
    found = []
    for was, is_ in ((False, True), (True, False)):
        held = [(s <= first < e) is was and (s <= last < e) is is_ for s, e in readings]
        found.append(Certainty.DEFINITE if all(held) else Certainty.POSSIBLE if any(held) else None)
    return tuple(found)


@given(spans(), DAYS, DAYS)
def test_moved_is_what_the_readings_say(tie: TieSpan, one: int, two: int) -> None:
    first, last = min(one, two), max(one, two) + 1
    assert moved(tie, first, last) == by_readings(tie, first, last)


@given(spans(), DAYS, DAYS)
def test_the_bounds_that_moved_are_in_the_period_or_both(tie: TieSpan, one: int, two: int) -> None:
    first, last = min(one, two), max(one, two) + 1
    for change, names in (
        ("began", ("possible_from", "definite_from")),
        ("ended", ("definite_until", "possible_until")),
    ):
        found = moved_bounds(tie, change, first, last)
        inside = [name for name in names if first < getattr(tie, name).at <= last]
        assert [name for name, _ in found] == (inside or list(names))
        assert all(bound is getattr(tie, name) for name, bound in found)


def test_moved_bounds_refuses_another_change() -> None:
    tie = TieSpan(*(SpanBound(day, "start") for day in (0, 9, 2, 5)))
    with pytest.raises(ValueError, match="change must be 'began' or 'ended'"):
        moved_bounds(tie, "paused", 0, 3)


def test_the_changes_answer_is_the_rule_s() -> None:
    """Dataset.changes lists exactly the ties the rule says moved, with its certainty."""
    dataset = geoalign.load()
    store = dataset._store
    since, until = "2024-12-01", "2024-12-31"
    answer = dataset.changes("SYR", since, until, kinds=ALL_KINDS)
    first = datetime.date(2024, 12, 1).toordinal()
    last = first + 30
    expected: dict[str, dict[str, Certainty]] = {"began": {}, "ended": {}}
    for cited in browse.all_relationships(dataset, "SYR").ties:  # every tie, at any time
        tie = cited.relationship
        began, ended = moved(span(store, tie), first, last)
        for change, certainty in (("began", began), ("ended", ended)):
            if certainty is not None:
                expected[change][tie.id] = certainty
    found = {
        change: {c.tie.relationship.id: c.certainty for c in getattr(answer, change)}
        for change in ("began", "ended")
    }
    assert found == expected
    assert expected["ended"]  # the fall of Assad: ties end in December 2024
