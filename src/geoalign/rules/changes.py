"""When a tie began or ended in a period: the rule of :meth:`geoalign.Dataset.changes`.

A period runs from day F (the first day of ``since``) to day T (the last day of
``until``), both day ordinals; a tie *began* in it when it was not in force on F and was
on T, and *ended* in it when it was in force on F and not on T.  With the bounds of the
tie's span (:class:`~geoalign.model.answers.TieSpan`: possibly from ``pf``, definitely
from ``df``, definitely until ``du``, possibly until ``pu``), its start is some day of
``[pf, df]`` and its end some day of ``[du, pu]``:

* began definitely when no reading has it in force on F and every reading has it on T
  (``geoalign.rules.time.tie_verdict`` gives none on F, definite on T); possibly
  when some start in ``(F, T]`` is a reading and the tie may still be in force on T:
  ``max(F + 1, pf) <= min(T, df)`` and ``pu > T``;
* ended definitely when it is definitely in force on F and in force on no reading on
  T; possibly when it may have been in force on F (``pf <= F``) and some end in
  ``(F, T]`` is a reading: ``max(F + 1, du) <= min(T, pu)``.

The bounds that moved are those of the start (or of the end) that fall in ``(F, T]``,
or both when neither does: the change then lies between them.
"""

from __future__ import annotations

from geoalign.model.answers import SpanBound, TieSpan
from geoalign.model.kinds import Certainty
from geoalign.rules.time import tie_verdict

__all__ = ["Moved", "moved", "moved_bounds"]

Moved = tuple[tuple[str, SpanBound], ...]
"""Bounds of a tie's span by name (``possible_from``, ``definite_from``, ``definite_until``,
``possible_until``)."""

_DEFINITE, _POSSIBLE = Certainty.DEFINITE, Certainty.POSSIBLE


def moved(tie: TieSpan, since: int, until: int) -> tuple[Certainty | None, Certainty | None]:
    """How surely the tie began, and how surely it ended, in the period ``(since, until]``
    of day ordinals (``None``: it did not), by the rules of this module.

    >>> from geoalign.model.dates import PartialDate as D
    >>> from geoalign.rules.time import tie_span
    >>> span = tie_span(D(2019), D(2024, 12, 8), None, [("s", D(2025))], D(2025))
    >>> day = lambda *ymd: D(*ymd).earliest.toordinal()
    >>> moved(span, day(2018, 6, 1), day(2020, 6, 1)), moved(span, day(2019, 6, 1), day(2020, 1, 1))
    ((<Certainty.DEFINITE: 'definite'>, None), (<Certainty.POSSIBLE: 'possible'>, None))
    >>> moved(span, day(2020, 1, 1), day(2024, 12, 8))
    (None, <Certainty.DEFINITE: 'definite'>)
    """
    pf, pu, df, du = (bound.at for bound in tie)
    before, after = tie_verdict(tie, since, since)[0], tie_verdict(tie, until, until)[0]
    began = ended = None
    if before is None and after is _DEFINITE:
        began = _DEFINITE
    elif pu > until and max(since + 1, pf) <= min(until, df):
        began = _POSSIBLE
    if before is _DEFINITE and after is None:
        ended = _DEFINITE
    elif pf <= since and max(since + 1, du) <= min(until, pu):
        ended = _POSSIBLE
    return began, ended


def moved_bounds(tie: TieSpan, change: str, since: int, until: int) -> Moved:
    """The bounds of the tie's start (``change="began"``) or end (``"ended"``) that fall in
    the period ``(since, until]``, or both when neither does.

    >>> from geoalign.model.dates import PartialDate as D
    >>> from geoalign.rules.time import tie_span
    >>> span = tie_span(D(2019), None, None, [("s", D(2025))], D(2025))
    >>> day = lambda *ymd: D(*ymd).earliest.toordinal()
    >>> [name for name, _ in moved_bounds(span, "began", day(2018), day(2019, 6, 1))]
    ['possible_from']
    >>> [name for name, _ in moved_bounds(span, "began", day(2019, 3, 1), day(2019, 6, 1))]
    ['possible_from', 'definite_from']
    """
    if change == "began":
        named = (("possible_from", tie.possible_from), ("definite_from", tie.definite_from))
    elif change == "ended":
        named = (("definite_until", tie.definite_until), ("possible_until", tie.possible_until))
    else:
        raise ValueError(f"change must be 'began' or 'ended', got {change!r}")
    inside = tuple((name, bound) for name, bound in named if since < bound.at <= until)
    return inside or named
