"""Pictures of a dataset, drawn with matplotlib: an actor's network, a timeline of events.

``pip install 'geoalign[plot]'`` brings matplotlib in; it is imported only when a
function here is called, and without it they raise
:class:`~geoalign.errors.MissingExtraError` naming the ``plot`` extra.  Each function
returns a ``matplotlib.figure.Figure`` drawn on the Agg canvas, made without
``pyplot``: no window opens, and nothing is kept once you drop the figure.  Save it with
``figure.savefig("network.svg")``; in a notebook, show it by leaving it as a cell's
value.

Pictures are the same at every call: the layout has no randomness.  Each drawn item
carries a ``gid`` (an ``id`` in SVG output) naming what it shows: ``node:<actor id>``,
``edge:<relationship id>``, ``event:<event id>``, ``open-start:<event id>`` and
``open-end:<event id>``, for tests and for styling an SVG.
"""

from __future__ import annotations

import datetime
import math
import textwrap
from collections.abc import Iterable
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from geoalign.errors import MissingExtraError
from geoalign.model.dates import PartialDate, to_partial_date
from geoalign.model.edtf import BoundedDate
from geoalign.model.kinds import RelationshipKind
from geoalign.model.records import Event, Organization, Person, RecordLookup, Relationship

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Queries", "plot_network", "plot_timeline"]


class Queries(RecordLookup, Protocol):
    """What the pictures need of a dataset: its records and two of its queries.

    :class:`geoalign.Dataset` is one.
    """

    def relationships_of(
        self, actor: Any, *, as_of: Any = None, kinds: Any = None
    ) -> tuple[Relationship, ...]: ...
    def timeline_between(
        self, a: Any, b: Any, *, start: Any = None, end: Any = None
    ) -> tuple[Event, ...]: ...


_KINDS = tuple(RelationshipKind)
_PALETTES = ("tab20", "tab20b", "tab20c")
_MARKERS = {"country": "o", "organization": "s", "person": "^"}
_RING = 1.0  # radius of the circle the other actors sit on
_SPREAD = 0.12  # how far apart the arcs of parallel ties bend
_CHORD_BEND = 0.3  # how far a tie between two actors of the circle bends outward
_BAR = "#4c72b0"


def plot_network(
    dataset: Queries,
    actor: Any,
    as_of: Any = None,
    *,
    kinds: Iterable[RelationshipKind | str] | None = None,
) -> Figure:
    """``actor``'s ties in force at ``as_of``, and the ties among the actors they reach.

    The actor sits in the middle, the others on a circle around it, ordered by the
    kind of their first tie to the actor, then by id.  Each relationship is one line,
    coloured by its kind (the legend names the kinds drawn); a directed kind has an
    arrow from ``a`` to ``b``; parallel ties between two actors bend apart.  Countries
    are circles, organizations squares, persons triangles.

    ``actor`` is an actor or its id, name or alias; ``as_of`` any date a query accepts
    (default: the dataset's horizon); ``kinds`` limits the ties to some kinds (default:
    every kind).  Only ties definitely in force are drawn.

    :raises MissingExtraError: matplotlib is not installed.
    :raises UnknownActorError: ``actor`` names no actor.
    :raises InvalidDateError: ``as_of`` is not a date.

    >>> import geoalign
    >>> figure = plot_network(geoalign.load(), "Russia", "2016")
    >>> edges = [a.get_gid() for a in figure.axes[0].patches if a.get_gid()]
    >>> "edge:rus-syr-alliance" in edges
    True
    """
    mpl = _matplotlib("plot_network")
    center = dataset.resolve(actor)
    kinds = None if kinds is None else list(kinds)
    ties = {r.id: r for r in dataset.relationships_of(center.id, as_of=as_of, kinds=kinds)}
    others = sorted(
        {_other(r, center.id) for r in ties.values()},
        key=lambda other: (min(_kind_rank(r, other) for r in ties.values()), other),
    )
    members = {center.id, *others}
    for other in others:
        for r in dataset.relationships_of(other, as_of=as_of, kinds=kinds):
            if r.a in members and r.b in members:
                ties[r.id] = r

    positions = {center.id: (0.0, 0.0)}
    for i, other in enumerate(others):
        angle = math.pi / 2 - 2 * math.pi * i / len(others)
        positions[other] = (_RING * math.cos(angle), _RING * math.sin(angle))

    figure, ax = _figure(mpl, (9.0, 5.5))
    ax.set_aspect("equal")
    ax.set_axis_off()
    # Wider than high: the labels run sideways.
    ax.set(xlim=(-1.75 * _RING, 1.75 * _RING), ylim=(-1.35 * _RING, 1.3 * _RING))
    when = as_of if as_of is not None else dataset.horizon
    ax.set_title(f"{center.name} as of {when}: {len(ties)} ties among {len(positions)} actors")
    _draw_ties(mpl, ax, sorted(ties.values(), key=lambda r: r.id), positions)
    for actor_id, (x, y) in positions.items():
        _draw_node(ax, dataset, actor_id, x, y, center=actor_id == center.id)
    _legend(mpl, figure, {r.kind for r in ties.values()}, {_type_of(dataset, n) for n in positions})
    return figure


def plot_timeline(
    dataset: Queries, a: Any, b: Any = None, *, start: Any = None, end: Any = None
) -> Figure:
    """The events between ``a`` and ``b`` (or all of ``a``'s, if ``b`` is ``None``), on a time axis.

    One row per event, in the order of :meth:`~geoalign.Dataset.timeline_between`,
    labelled with its id.  Each event is a bar over its whole period: a year-long bar
    for ``2023``, a month-long one for ``2015-09``, one day (with a diamond, to be seen)
    for ``2024-12-08``, and the date is written beside it.  A bound that is left open
    (``[..2024]``) is drawn faded, up to the edge of the axis, with an arrow there.
    ``start`` and ``end`` limit the events and the axis to a window; the picture is the
    same whichever order ``a`` and ``b`` come in.

    :raises MissingExtraError: matplotlib is not installed.
    :raises UnknownActorError: ``a`` or ``b`` names no actor.
    :raises InvalidDateError: ``start`` or ``end`` is not a date, or they are reversed.

    >>> import geoalign
    >>> figure = plot_timeline(geoalign.load(), "Russia", "Syria")
    >>> bar = next(p for p in figure.axes[0].patches
    ...            if p.get_gid() == "event:putin-assad-moscow-meeting")
    >>> round(bar.get_width())  # the meeting is dated 2023: a year-long bar, in days
    365
    """
    mpl = _matplotlib("plot_timeline")
    first = dataset.resolve(a)
    second = dataset.resolve(b) if b is not None else first
    events = dataset.timeline_between(first.id, second.id, start=start, end=end)
    num = mpl.dates.date2num
    spans = [_span(num, event) for event in events]

    low, high = _axis_limits(num, spans, start, end, dataset.horizon)
    figure, ax = _figure(mpl, (9.0, 1.4 + 0.32 * max(len(events), 1)))
    who = first.name if second is first else f"{first.name} and {second.name}"
    ax.set_title(f"Events of {who}: {len(events)}")
    ax.set_xlim(low, high)
    ax.xaxis_date()
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if not events:
        ax.text(0.5, 0.5, "no events", transform=ax.transAxes, ha="center", va="center")
    for row, span in enumerate(spans):
        _draw_event(ax, row, span, low, high)
    ax.set_yticks(range(len(events)), [e.id for e in events], fontsize=8)
    ax.set_ylim(len(events) - 0.4, -0.6)  # the first event at the top
    return figure


# -- drawing the network -----------------------------------------------------------------


def _draw_ties(
    mpl: Any, ax: Axes, ties: list[Relationship], positions: dict[str, tuple[float, float]]
) -> None:
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


def _draw_node(
    ax: Axes, dataset: RecordLookup, actor_id: str, x: float, y: float, *, center: bool
) -> None:
    actor = dataset.resolve(actor_id)
    kind = _type_of(dataset, actor_id)
    ax.plot(
        [x],
        [y],
        marker=_MARKERS[kind],
        markersize=16 if center else 11,
        color="#333333" if center else "#f2f2f2",
        markeredgecolor="#333333",
        linestyle="none",
        gid=f"node:{actor_id}",
        zorder=3,
    )
    # Labels sit outside the circle, away from the lines that meet in the middle.
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


def _legend(mpl: Any, figure: Figure, kinds: set[RelationshipKind], types: set[str]) -> None:
    line = mpl.lines.Line2D
    handles = [
        line([], [], color=_kind_colour(mpl, kind), linewidth=2, label=kind.value)
        for kind in _KINDS
        if kind in kinds
    ]
    handles += [
        line([], [], marker=marker, color="#f2f2f2", markeredgecolor="#333333", linestyle="none")
        for kind, marker in _MARKERS.items()
        if kind in types
    ]
    labels = [kind.value for kind in _KINDS if kind in kinds] + [t for t in _MARKERS if t in types]
    figure.legend(handles, labels, loc="outside right upper", fontsize=8)


def _kind_colour(mpl: Any, kind: RelationshipKind) -> Any:
    # One colour per kind in every picture: the kind's place in the enum picks it, from
    # 60 colours in pairs and fours of one hue (neighbouring kinds are akin).
    palette = [mpl.colormaps[name](i) for name in _PALETTES for i in range(20)]
    return palette[_KINDS.index(kind) % len(palette)]


def _kind_rank(r: Relationship, other: str) -> int:
    return _KINDS.index(r.kind) if other in (r.a, r.b) else len(_KINDS)


def _other(r: Relationship, me: str) -> str:
    return r.b if r.a == me else r.a


def _type_of(dataset: RecordLookup, actor_id: str) -> str:
    actor = dataset.resolve(actor_id)
    if isinstance(actor, Organization):
        return "organization"
    return "person" if isinstance(actor, Person) else "country"


# -- drawing the timeline ----------------------------------------------------------------


class _Span(NamedTuple):
    """An event's days as matplotlib date numbers (in days); ``None`` for an open side."""

    event: Event
    left: float | None
    """The first day the event may have happened."""
    right: float | None
    """The day after the last day it may have happened."""


def _span(num: Any, event: Event) -> _Span:
    date = event.date
    open_start = isinstance(date, BoundedDate) and date.lower is None
    open_end = isinstance(date, BoundedDate) and date.upper is None
    left = None if open_start else float(num(date.earliest))
    # Date numbers count days, so adding 1 never leaves the calendar (9999-12-31 + 1 does).
    right = None if open_end else float(num(date.latest)) + 1.0
    return _Span(event, left, right)


def _axis_limits(
    num: Any, spans: list[_Span], start: Any, end: Any, horizon: PartialDate | None
) -> tuple[float, float]:
    """The first and last day shown: the window if given, else the events' known days.

    With neither, the year up to the horizon, so that an empty timeline is drawn the
    same way at every build.
    """
    known = [x for span in spans for x in (span.left, span.right) if x is not None]
    low = (
        float(num(to_partial_date(start).earliest))
        if start is not None
        else min(known, default=None)
    )
    high = (
        float(num(to_partial_date(end).latest)) + 1.0
        if end is not None
        else max(known, default=None)
    )
    if high is None:
        last_known = horizon.latest if horizon is not None else datetime.date(2000, 12, 31)
        high = low + 365.0 if low is not None else float(num(last_known)) + 1.0
    if low is None:
        low = high - 365.0
    margin = max(30.0, (high - low) / 40)
    low, high = (
        (low if start is not None else low - margin),
        (high if end is not None else high + margin),
    )
    return max(low, float(num(datetime.date.min))), min(high, float(num(datetime.date.max)))


def _draw_event(ax: Axes, row: int, span: _Span, low: float, high: float) -> None:
    event = span.event
    left = low if span.left is None else span.left
    right = high if span.right is None else span.right
    ax.barh(
        row,
        right - left,
        left=left,
        height=0.55,
        color=_BAR,
        alpha=0.85 if span.left is not None and span.right is not None else 0.4,
        hatch="///" if event.date.qualifier is not None else None,
        edgecolor=_BAR,
        linewidth=0.6,
        gid=f"event:{event.id}",
    )
    if span.right is not None and span.right - left == 1.0:  # one day: too thin to see
        ax.plot([left + 0.5], [row], marker="D", markersize=5, color=_BAR, zorder=3)
    for side, x, marker in (("start", span.left, "<"), ("end", span.right, ">")):
        if x is None:
            edge = low if side == "start" else high
            ax.plot(
                [edge],
                [row],
                marker=marker,
                markersize=8,
                color=_BAR,
                gid=f"open-{side}:{event.id}",
                clip_on=False,
            )
    ax.annotate(
        str(event.date),
        (min(right, high), row),
        xytext=(6, 0),
        textcoords="offset points",
        va="center",
        fontsize=7,
        annotation_clip=False,
    )


# -- matplotlib, on demand ---------------------------------------------------------------


def _matplotlib(feature: str) -> SimpleNamespace:
    """The parts of matplotlib drawn with here, imported on first use."""
    try:
        import matplotlib
        import matplotlib.dates
        import matplotlib.lines
        import matplotlib.patches
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MissingExtraError(feature, "matplotlib", "plot") from exc
    return SimpleNamespace(
        colormaps=matplotlib.colormaps,
        dates=matplotlib.dates,
        lines=matplotlib.lines,
        patches=matplotlib.patches,
        Figure=Figure,
        Canvas=FigureCanvasAgg,
    )


def _figure(mpl: Any, size: tuple[float, float]) -> tuple[Figure, Axes]:
    figure = mpl.Figure(figsize=size, layout="constrained")
    mpl.Canvas(figure)  # the Agg canvas: drawing never needs a window
    return figure, figure.add_subplot()
