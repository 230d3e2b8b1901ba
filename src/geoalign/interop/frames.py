"""Bridges to other tools: networkx and pandas (optional extras), and JSON Schema.

``pip install 'geoalign[networkx]'`` or ``'geoalign[pandas]'`` brings networkx or pandas
in; they are imported only when :func:`to_networkx` or :func:`to_pandas` is called, and
without them these raise :class:`~geoalign.GeoalignError` saying what to install.
Neither library ships type information, so the functions return ``Any``-typed aliases:
:data:`MultiDiGraph` is a ``networkx.MultiDiGraph``, :data:`DataFrame` a
``pandas.DataFrame``.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, TypeAlias

from geoalign.errors import MissingExtraError
from geoalign.model.records import RecordLookup
from geoalign.views.export import plain_record, tables

__all__ = ["DataFrame", "MultiDiGraph", "to_networkx", "to_pandas"]

MultiDiGraph: TypeAlias = Any
"""A ``networkx.MultiDiGraph`` (networkx has no type stubs)."""
DataFrame: TypeAlias = Any
"""A ``pandas.DataFrame`` (pandas has no type stubs here)."""


def _require(module: str, caller: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(caller, module, module) from exc


def to_networkx(dataset: RecordLookup) -> MultiDiGraph:
    """The actors and relationships of ``dataset`` as a ``networkx.MultiDiGraph``.

    One node per actor, keyed by id; one edge per relationship, from ``a`` to ``b`` and
    keyed by the relationship's id.  Their attributes are the fields of the record, as
    :func:`geoalign.views.export.plain_record` gives them: references are ids, dates are
    EDTF text, lists are lists, a citation is an object of its fields; a node has every
    field but its ``id`` (its key; GEXF reserves the name) and its ``type``
    (``"country"``, ``"organization"`` or ``"person"``), an edge every field and its
    kind's ``directed`` and ``alignment``.  Symmetric kinds get one edge too: its ``directed``
    is false, and ``graph.to_undirected()`` reads it both ways.  Values are plain, as in
    JSON output, so ``networkx.node_link_data`` gives JSON-ready data.

    >>> import geoalign
    >>> graph = to_networkx(geoalign.load())
    >>> graph.nodes["RUS"]["type"], graph.nodes["RUS"]["name"]
    ('country', 'Russia')
    >>> graph.number_of_edges() == len(geoalign.load().relationships)
    True
    """
    nx = _require("networkx", "to_networkx")
    graph = nx.MultiDiGraph()
    for actor in dataset.actors():
        node = plain_record(actor)
        graph.add_node(node.pop("id"), **node)
    for r in dataset.relationships:
        graph.add_edge(r.a, r.b, key=r.id, **plain_record(r))
    return graph


def to_pandas(dataset: RecordLookup) -> dict[str, DataFrame]:
    """The tables of :func:`geoalign.views.export.tables` as ``pandas.DataFrame`` objects.

    The keys and columns are those of the CSV export: ``sources``, ``countries``,
    ``organizations``, ``persons``, ``relationships``, ``events``, ``roles`` and
    ``citations``.  Lists of names (``aliases``, ``metonyms``, an event's ``actors``)
    are Python lists, ready for ``DataFrame.explode``; dates are ISO text; a missing
    value is ``None``.  Every frame has its columns, even when it has no rows.

    >>> import geoalign
    >>> frames = to_pandas(geoalign.load())
    >>> list(frames["citations"].columns)
    ['record_id', 'source', 'quote', 'claimed_by', 'claimed_on', 'confidence']
    >>> len(frames["events"]) == len(geoalign.load().events)
    True
    """
    pd = _require("pandas", "to_pandas")
    return {
        name: pd.DataFrame(
            [[list(c) if isinstance(c, tuple) else c for c in row] for row in table.rows],
            columns=list(table.columns),
            dtype=object,
        )
        for name, table in tables(dataset).items()
    }
