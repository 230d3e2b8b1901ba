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

from collections.abc import Iterable
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Protocol

from geoalign.errors import MissingExtraError
from geoalign.interop.drawing import (
    Span,
    axis_limits,
    draw_event,
    draw_node,
    draw_ties,
    legend,
    ring,
)
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import Event, RecordLookup, Relationship
from geoalign.views.export import record_type

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Queries", "plot_network", "plot_timeline"]


class Queries(RecordLookup, Protocol):
    """What the pictures need of a dataset: its records and two of its queries.

    :class:`geoalign.Dataset` is one.
    """

    def relationships_of(
        self, actor: Any, *, as_of: Any = None, kinds: Any = None, certainty: Any = ...
    ) -> tuple[Relationship, ...]: ...
    def timeline_between(
        self, a: Any, b: Any, *, start: Any = None, end: Any = None, certainty: Any = ...
    ) -> tuple[Event, ...]: ...


def plot_network(
    dataset: Queries,
    actor: Any,
    as_of: Any = None,
    *,
    kinds: Iterable[RelationshipKind | str] | RelationshipKind | str | None = None,
    certainty: Certainty | str = Certainty.DEFINITE,
) -> Figure:
    """``actor``'s ties in force at ``as_of``, and the ties among the actors they reach.

    The actor sits in the middle, the others on a circle around it, grouped by the kind
    of their first tie to the actor, then by id.  Each relationship is one line,
    coloured by its kind (the legend names the kinds drawn); a directed kind has an
    arrow from ``a`` to ``b``; parallel ties between two actors bend apart.  Countries
    are circles, organizations squares, persons triangles.

    ``actor`` is an actor or its id, name or alias; ``as_of`` any date a query accepts
    (default: the dataset's horizon); ``kinds`` (one kind or several) limits the ties
    to those kinds (default: every kind).  With ``certainty="definite"`` (the default)
    the ties definitely in force are drawn; with ``"possible"`` those possibly in force
    come too, dashed.

    :raises MissingExtraError: matplotlib is not installed.
    :raises UnknownActorError: ``actor`` names no actor.
    :raises InvalidDateError: ``as_of`` is not a date.

    >>> import geoalign
    >>> figure = plot_network(geoalign.load(), "Russia", "2023", certainty="possible")
    >>> lines = {p.get_gid(): p for p in figure.axes[0].patches}
    >>> lines["edge:rus-syr-alliance"].get_linestyle()  # definitely in force in 2023
    '-'
    """
    mpl = _matplotlib("plot_network")
    center = dataset.resolve(actor)
    if kinds is not None:  # asked once per actor drawn: an iterator would run dry
        kinds = [kinds] if isinstance(kinds, (str, RelationshipKind)) else list(kinds)
    ties, sure = _ties(dataset, center.id, as_of, kinds, certainty)
    positions = ring(center.id, list(ties.values()))
    for other in list(positions)[1:]:
        more, more_sure = _ties(dataset, other, as_of, kinds, certainty)
        ties.update((i, r) for i, r in more.items() if r.a in positions and r.b in positions)
        sure |= more_sure
    possible = set(ties) - sure

    figure, ax = _figure(mpl, (9.0, 5.5))
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set(xlim=(-1.75, 1.75), ylim=(-1.35, 1.3))  # wider than high: labels run sideways
    when = as_of if as_of is not None else dataset.horizon
    title = f"{center.name} as of {when}: {len(ties)} ties among {len(positions)} actors"
    ax.set_title(title + (f", {len(possible)} only possibly in force" if possible else ""))
    draw_ties(mpl, ax, sorted(ties.values(), key=lambda r: r.id), possible, positions)
    actors = [dataset.resolve(actor_id) for actor_id in positions]
    for found, (x, y) in zip(actors, positions.values(), strict=True):
        draw_node(ax, found, x, y, center=found.id == center.id)
    types = {record_type(found) for found in actors}
    legend(mpl, figure, {r.kind for r in ties.values()}, types, bool(possible))
    return figure


def _ties(
    dataset: Queries, actor_id: str, as_of: Any, kinds: Any, certainty: Any
) -> tuple[dict[str, Relationship], set[str]]:
    """The actor's ties with this certainty, by id, and the ids of those definitely so."""
    found = dataset.relationships_of(actor_id, as_of=as_of, kinds=kinds, certainty=certainty)
    if Certainty(certainty) is Certainty.DEFINITE:  # the query has checked the value
        return {r.id: r for r in found}, {r.id for r in found}
    sure = dataset.relationships_of(actor_id, as_of=as_of, kinds=kinds)
    return {r.id: r for r in found}, {r.id for r in sure}


def plot_timeline(
    dataset: Queries,
    a: Any,
    b: Any = None,
    *,
    start: Any = None,
    end: Any = None,
    certainty: Certainty | str = Certainty.DEFINITE,
) -> Figure:
    """The events between ``a`` and ``b`` (or all of ``a``'s, if ``b`` is ``None``), on a time axis.

    One row per event, in the order of :meth:`~geoalign.Dataset.timeline_between`,
    labelled with its id.  Each event is a bar over its whole period: a year-long bar
    for ``2023``, a month-long one for ``2015-09``, one day (with a diamond, to be seen)
    for ``2024-12-08``, and the date is written beside it.  A bound that is left open
    (``[..2024]``) is drawn faded, up to the edge of the axis, with an arrow there; a
    qualified date is hatched, and an approximate one (``2024~``) reaches one unit
    further each way, as the queries take it (2023 to 2025).  ``start`` and ``end`` limit the events and
    the axis to a window, which holds by default the events it holds for sure; with
    ``certainty="possible"`` the events it may hold come too, faded, with a dashed edge.
    The picture is the same whichever order ``a`` and ``b`` come in.

    :raises MissingExtraError: matplotlib is not installed.
    :raises UnknownActorError: ``a`` or ``b`` names no actor.
    :raises InvalidDateError: ``start`` or ``end`` is not a date, or they are reversed.

    >>> import geoalign
    >>> figure = plot_timeline(geoalign.load(), "Russia", "Syria")
    >>> bar = next(p for p in figure.axes[0].patches
    ...            if p.get_gid() == "event:russia-syria-agreement-2015")
    >>> round(bar.get_width())  # the agreement is dated 2015: a year-long bar, in days
    365
    """
    mpl = _matplotlib("plot_timeline")
    one = dataset.resolve(a)
    two = dataset.resolve(b) if b is not None else one
    window = {"start": start, "end": end}
    events = dataset.timeline_between(one.id, two.id, **window, certainty=certainty)
    sure = set(dataset.timeline_between(one.id, two.id, **window))
    num = mpl.dates.date2num
    spans = [Span.of(num, event, possible=event not in sure) for event in events]

    low, high = axis_limits(num, spans, start, end, dataset.horizon)
    figure, ax = _figure(mpl, (9.0, 1.4 + 0.32 * max(len(events), 1)))
    who = one.name if two is one else f"{one.name} and {two.name}"
    ax.set_title(f"Events of {who}: {len(events)}")
    ax.set_xlim(low, high)
    ax.xaxis_date()
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if not events:
        ax.text(0.5, 0.5, "no events", transform=ax.transAxes, ha="center", va="center")
    for row, span in enumerate(spans):
        draw_event(ax, row, span, low, high)
    ax.set_yticks(range(len(events)), [e.id for e in events], fontsize=8)
    ax.set_ylim(len(events) - 0.4, -0.6)  # the first event at the top
    return figure


def _matplotlib(feature: str) -> SimpleNamespace:
    """The parts of matplotlib drawn with, imported on first use."""
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
