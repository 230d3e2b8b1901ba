"""How :mod:`geoalign.interop.plot` draws: the network's layout and lines, the timeline's bars.

Every function here takes the matplotlib parts it draws with (``mpl``, imported by
:mod:`~geoalign.interop.plot` on demand) and the axes to draw on, and adds artists
with ``gid`` values that name what they show.
"""

from __future__ import annotations

import datetime
import math
import textwrap
from typing import TYPE_CHECKING, Any, NamedTuple

from geoalign.model.dates import PartialDate, to_partial_date
from geoalign.model.edtf import BoundedDate
from geoalign.model.kinds import RelationshipKind
from geoalign.model.records import Actor, Event, Relationship
from geoalign.rules.time import first_day, last_day
from geoalign.views.export import record_type

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Span", "axis_limits", "draw_event", "draw_node", "draw_ties", "legend", "ring"]

_KINDS = tuple(RelationshipKind)
_PALETTES = ("tab20", "tab20b", "tab20c")
MARKERS = {"country": "o", "organization": "s", "person": "^"}
_SPREAD = 0.12  # how far apart the arcs of parallel ties bend
_CHORD_BEND = 0.3  # how far a tie between two actors of the circle bends outward
_BAR = "#4c72b0"
_POSSIBLE = (0, (4, 3))  # the dash of what is only possibly so


# -- the network -------------------------------------------------------------------------


def ring(center: str, ties: list[Relationship]) -> dict[str, tuple[float, float]]:
    """Where each actor sits: ``center`` in the middle, the others on the unit circle.

    The others go clockwise from the top, by the kind of their first tie to the centre
    (in the enum's order), then by id: no randomness, so the picture never changes.
    """

    def rank(other: str) -> tuple[int, str]:
        kinds = [_KINDS.index(r.kind) for r in ties if other in (r.a, r.b) and center in (r.a, r.b)]
        return (min(kinds), other)

    others = sorted({r.b if r.a == center else r.a for r in ties if center in (r.a, r.b)}, key=rank)
    positions = {center: (0.0, 0.0)}
    for i, other in enumerate(others):
        angle = math.pi / 2 - 2 * math.pi * i / len(others)
        positions[other] = (math.cos(angle), math.sin(angle))
    return positions


def draw_ties(
    mpl: Any,
    ax: Axes,
    ties: list[Relationship],
    possible: set[str],
    positions: dict[str, tuple[float, float]],
) -> None:
    """One line per tie, coloured by kind, dashed if its id is in ``possible``."""
    by_pair: dict[tuple[str, str], list[Relationship]] = {}
    for r in ties:
        by_pair.setdefault((min(r.a, r.b), max(r.a, r.b)), []).append(r)
    for (low, high), parallel in by_pair.items():
        base = _outward_bend(positions[low], positions[high])
        for i, r in enumerate(parallel):
            bend = base + _SPREAD * (i - (len(parallel) - 1) / 2)
            # Bends are measured from the pair's first actor: a tie drawn the other way
            # round (b to a) is bent by the opposite amount, to the same side.
            if r.a != low:
                bend = -bend
            patch = mpl.patches.FancyArrowPatch(
                positions[r.a],
                positions[r.b],
                arrowstyle="-|>" if r.kind.directed else "-",
                mutation_scale=12,
                connectionstyle=f"arc3,rad={bend:.3f}",
                shrinkA=11,
                shrinkB=11,
                color=_kind_colour(mpl, r.kind),
                linewidth=1.6,
                linestyle=_POSSIBLE if r.id in possible else "-",
                gid=f"edge:{r.id}",
                zorder=1,
            )
            ax.add_patch(patch)


def _outward_bend(start: tuple[float, float], end: tuple[float, float]) -> float:
    """How much a tie between two actors on the circle bends, away from the middle.

    Ties of the central actor are straight.  matplotlib's ``arc3`` moves the curve's
    control point by ``rad * (dy, -dx)`` from the chord's midpoint; the sign that makes
    that point away from the centre bends the tie outward, clear of the central actor.
    """
    (x1, y1), (x2, y2) = start, end
    if (x1, y1) == (0.0, 0.0) or (x2, y2) == (0.0, 0.0):
        return 0.0
    outward = (y2 - y1) * (x1 + x2) - (x2 - x1) * (y1 + y2)
    return _CHORD_BEND if outward >= 0 else -_CHORD_BEND


def draw_node(ax: Axes, actor: Actor, x: float, y: float, *, center: bool) -> None:
    """The actor's marker (by its type) and its name, outside the circle."""
    ax.plot(
        [x],
        [y],
        marker=MARKERS[record_type(actor)],
        markersize=16 if center else 11,
        color="#333333" if center else "#f2f2f2",
        markeredgecolor="#333333",
        linestyle="none",
        gid=f"node:{actor.id}",
        zorder=3,
    )
    distance = math.hypot(x, y)
    dx, dy = (x / distance, y / distance) if distance else (0.0, -1.0)
    ax.text(
        x + 0.16 * dx,
        y + 0.16 * dy,
        textwrap.fill(actor.name, 16),  # long names on two lines, to stay in the picture
        ha="center" if abs(dx) < 0.3 else ("left" if dx > 0 else "right"),
        va="center",
        fontsize=10 if center else 8,
        fontweight="bold" if center else "normal",
        zorder=4,
    )


def legend(
    mpl: Any, figure: Figure, kinds: set[RelationshipKind], types: set[str], possible: bool
) -> None:
    """The kinds drawn (in the enum's order), the types of actor, and the dash if used."""
    line = mpl.lines.Line2D
    entries = [
        (kind.value, line([], [], color=_kind_colour(mpl, kind), linewidth=2))
        for kind in _KINDS
        if kind in kinds
    ]
    if possible:
        dash = line([], [], color="#555555", linewidth=1.6, linestyle=_POSSIBLE)
        entries.append(("possibly in force", dash))
    entries += [
        (kind, line([], [], marker=marker, color="#f2f2f2", markeredgecolor="#333333", ls="none"))
        for kind, marker in MARKERS.items()
        if kind in types
    ]
    labels, handles = zip(*entries, strict=True) if entries else ((), ())
    figure.legend(handles, labels, loc="outside right upper", fontsize=8)


def _kind_colour(mpl: Any, kind: RelationshipKind) -> Any:
    # One colour per kind in every picture: the kind's place in the enum picks it, from
    # 60 colours in pairs and fours of one hue (neighbouring kinds are akin).
    palette = [mpl.colormaps[name](i) for name in _PALETTES for i in range(20)]
    return palette[_KINDS.index(kind) % len(palette)]


# -- the timeline ------------------------------------------------------------------------


class Span(NamedTuple):
    """An event's days as matplotlib date numbers (in days); ``None`` for an open side."""

    event: Event
    left: float | None
    """The first day the event may have happened."""
    right: float | None
    """The day after the last day it may have happened."""
    possible: bool
    """Whether the window only possibly holds the event."""

    # The days are those of :func:`geoalign.rules.time.first_day` and ``last_day``.

    @classmethod
    def of(cls, num: Any, event: Event, *, possible: bool) -> Span:
        date = event.date
        open_start = isinstance(date, BoundedDate) and date.lower is None
        open_end = isinstance(date, BoundedDate) and date.upper is None
        # The days the queries take the event to span: an approximate date is widened.
        first, last = (datetime.date.fromordinal(day) for day in (first_day(date), last_day(date)))
        left = None if open_start else float(num(first))
        # Date numbers count days: adding one never leaves the calendar (a date would).
        right = None if open_end else float(num(last)) + 1.0
        return cls(event, left, right, possible)


def axis_limits(
    num: Any, spans: list[Span], start: Any, end: Any, horizon: PartialDate | None
) -> tuple[float, float]:
    """The first and last day shown: the window if given, else the events' known days.

    With neither, the year up to the horizon, so that an empty timeline is drawn the
    same way at every build.
    """
    known = [x for span in spans for x in (span.left, span.right) if x is not None]
    low = min(known, default=None)
    high = max(known, default=None)
    if start is not None:
        low = float(num(to_partial_date(start).earliest))
    if end is not None:
        high = float(num(to_partial_date(end).latest)) + 1.0
    if high is None:
        last = horizon.latest if horizon is not None else datetime.date(2000, 12, 31)
        high = low + 365.0 if low is not None else float(num(last)) + 1.0
    if low is None:
        low = high - 365.0
    margin = max(30.0, (high - low) / 40)
    low -= margin if start is None else 0.0
    high += margin if end is None else 0.0
    return max(low, float(num(datetime.date.min))), min(high, float(num(datetime.date.max)))


def draw_event(ax: Axes, row: int, span: Span, low: float, high: float) -> None:
    """The event's bar over its days, its date beside it, arrows at open sides."""
    event = span.event
    left = low if span.left is None else span.left
    right = high if span.right is None else span.right
    whole = span.left is not None and span.right is not None
    ax.barh(
        row,
        right - left,
        left=left,
        height=0.55,
        color=_BAR,
        alpha=0.85 if whole and not span.possible else 0.35,
        hatch="///" if event.date.qualifier is not None else None,
        edgecolor=_BAR,
        linewidth=0.8,
        linestyle=_POSSIBLE if span.possible else "-",
        gid=f"event:{event.id}",
    )
    if span.right is not None and span.right - left == 1.0:  # one day: too thin to see
        ax.plot([left + 0.5], [row], marker="D", markersize=5, color=_BAR, zorder=3)
    for side, edge, marker in (("start", span.left, "<"), ("end", span.right, ">")):
        if edge is None:
            x = low if side == "start" else high
            ax.plot([x], [row], marker=marker, markersize=8, color=_BAR, clip_on=False)
            ax.lines[-1].set_gid(f"open-{side}:{event.id}")
    ax.annotate(
        str(event.date),
        (min(right, high), row),
        xytext=(6, 0),
        textcoords="offset points",
        va="center",
        fontsize=7,
        annotation_clip=False,
    )
