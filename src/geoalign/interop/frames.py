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
from geoalign.model.records import (
    Actor,
    Organization,
    RecordLookup,
)
from geoalign.views.export import optional_text, record_type, tables

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

    One node per actor, keyed by id, with attributes ``type`` (``"country"``,
    ``"organization"`` or ``"person"``), ``name``, ``aliases`` and, for organizations,
    ``kind`` and ``country``.  One edge per relationship, from ``a`` to ``b`` and keyed
    by the relationship's id, with attributes ``id``, ``kind``, ``directed``,
    ``alignment``, ``start``, ``end``, ``ended_by``, ``confidence``, ``summary`` and
    ``citations`` (a list of ``{"source", "quote"}``).  Symmetric kinds get one edge too:
    its ``directed`` is false, and ``graph.to_undirected()`` reads it both ways.  Values
    are plain (text, booleans, ``None``, lists), as in JSON output, so
    ``networkx.node_link_data`` gives JSON-ready data; dates are ISO text.

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
        graph.add_node(actor.id, **_node_attributes(actor))
    for r in dataset.relationships:
        graph.add_edge(
            r.a,
            r.b,
            key=r.id,
            id=r.id,
            kind=r.kind.value,
            directed=r.kind.directed,
            alignment=r.kind.alignment,
            start=optional_text(r.start),
            end=optional_text(r.end),
            ended_by=r.ended_by,
            confidence=r.confidence.value,
            summary=r.summary,
            citations=[{"source": c.source, "quote": c.quote} for c in r.citations],
        )
    return graph


def _node_attributes(actor: Actor) -> dict[str, Any]:
    attributes: dict[str, Any] = {
        "type": record_type(actor),
        "name": actor.name,
        "aliases": list(actor.aliases),
    }
    if isinstance(actor, Organization):
        attributes.update(kind=actor.kind.value, country=actor.country)
    return attributes


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
    ['record_id', 'source', 'quote']
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
