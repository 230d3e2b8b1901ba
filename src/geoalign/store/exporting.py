"""The dataset handed to other tools: networkx, pandas, Gephi files and pictures.

``Exporting`` is a base class of :class:`~geoalign.Dataset`: each method is a thin
call to :mod:`geoalign.interop`, which needs an optional extra, imported only when
called (``pip install 'geoalign[networkx]'``, ``'geoalign[pandas]'``, ``'geoalign[plot]'``);
a missing one raises :class:`~geoalign.errors.MissingExtraError` naming it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from geoalign.model.kinds import Certainty

if TYPE_CHECKING:
    from geoalign.interop.plot import Queries

__all__ = ["Exporting"]


class Exporting:
    """Bridges from a dataset to networkx, pandas, GraphML, GEXF and matplotlib."""

    __slots__ = ()

    def to_networkx(self: Queries) -> Any:
        """Actors as nodes, relationships as edges: see :func:`geoalign.interop.to_networkx`.

        >>> import geoalign
        >>> geoalign.load().to_networkx().nodes["SRB"]["name"]
        'Serbia'
        """
        from geoalign.interop import to_networkx

        return to_networkx(self)

    def to_pandas(self: Queries) -> dict[str, Any]:
        """A DataFrame per record type: see :func:`geoalign.interop.to_pandas`.

        >>> import geoalign
        >>> len(geoalign.load().to_pandas()["events"]) == len(geoalign.load().events)
        True
        """
        from geoalign.interop import to_pandas

        return to_pandas(self)

    def to_graphml(self: Queries, path: str | os.PathLike[str] | None = None) -> str | None:
        """The actors and relationships as GraphML, written to ``path`` or returned as text:
        see :func:`geoalign.interop.to_graphml`.

        >>> import geoalign
        >>> geoalign.load().to_graphml().startswith("<?xml")
        True
        """
        from geoalign.interop import to_graphml

        return to_graphml(self, path)

    def to_gexf(self: Queries, path: str | os.PathLike[str] | None = None) -> str | None:
        """The actors and relationships as GEXF (Gephi's format), written to ``path`` or
        returned as text: see :func:`geoalign.interop.to_gexf`.

        >>> import geoalign
        >>> "<gexf" in geoalign.load().to_gexf()
        True
        """
        from geoalign.interop import to_gexf

        return to_gexf(self, path)

    def plot_network(
        self: Queries,
        actor: Any,
        as_of: Any = None,
        *,
        kinds: Any = None,
        certainty: Certainty | str = Certainty.DEFINITE,
    ) -> Any:
        """A matplotlib figure of ``actor``'s ties at ``as_of``: see
        :func:`geoalign.interop.plot_network`.

        >>> import geoalign
        >>> figure = geoalign.load().plot_network("Serbia", "2025")
        >>> type(figure).__name__
        'Figure'
        """
        from geoalign.interop import plot_network

        return plot_network(self, actor, as_of, kinds=kinds, certainty=certainty)

    def plot_timeline(
        self: Queries,
        a: Any,
        b: Any = None,
        *,
        start: Any = None,
        end: Any = None,
        certainty: Certainty | str = Certainty.DEFINITE,
    ) -> Any:
        """A matplotlib figure of the events of ``a`` and ``b`` on a time axis: see
        :func:`geoalign.interop.plot_timeline`.

        >>> import geoalign
        >>> type(geoalign.load().plot_timeline("Russia", "Syria")).__name__
        'Figure'
        """
        from geoalign.interop import plot_timeline

        return plot_timeline(self, a, b, start=start, end=end, certainty=certainty)
