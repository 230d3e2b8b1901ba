"""Graph files for Gephi, Cytoscape and yEd: GraphML and GEXF, written through networkx.

Both files hold the graph of :func:`geoalign.interop.to_networkx`: one node per actor,
one edge per relationship, keyed by its id, with the same attributes, made safe for
formats whose values can only be text, numbers or booleans:

* a ``None`` value is left out, so a missing attribute means "none";
* a list (``aliases``, ``citations``) is written as JSON text, so
  ``json.loads(value)`` gives the list back; ``citations`` is a list of
  ``{"source", "quote"}`` objects;
* text, booleans and dates (EDTF text such as ``"2015-09"``) are written as they are.

Every node also gets a ``label`` (the actor's name), which Gephi shows.  In GEXF, a
node's ``id`` is the node's own id rather than an attribute, and the attributes
``start`` and ``end`` are renamed ``start_date`` and ``end_date``: GEXF reserves
``start`` and ``end`` for the exact days of a dynamic graph, and a partial date such as
``2019`` names no exact day.

A text value holding a character that XML 1.0 cannot carry at all (a control
character such as ``"\\x01"``) raises :class:`~geoalign.errors.GeoalignError` naming
the record and attribute; in a list, JSON escapes it.  Both functions need the
``networkx`` extra (``pip install 'geoalign[networkx]'``).
"""

from __future__ import annotations

import importlib
import io
import json
import os
import re
from pathlib import Path
from typing import Any

from geoalign.errors import GeoalignError, MissingExtraError
from geoalign.interop.frames import MultiDiGraph, to_networkx
from geoalign.model.records import RecordLookup

__all__ = ["to_gexf", "to_graphml"]

PathLike = str | os.PathLike[str]

# The characters XML 1.0 forbids even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GEXF_RESERVED = {"start": "start_date", "end": "end_date"}


def to_graphml(dataset: RecordLookup, path: PathLike | None = None) -> str | None:
    """Write the actors and relationships of ``dataset`` as GraphML, to ``path`` or as text.

    With ``path`` the file is written (UTF-8) and ``None`` returned; without it the
    document is returned as text.  Attributes are those of
    :func:`~geoalign.interop.to_networkx`, encoded as the module says (``None`` left out,
    lists as JSON text).  ``networkx.read_graphml(path, force_multigraph=True)`` reads
    the file back; edges keep their relationship ids as keys.

    :raises MissingExtraError: networkx is not installed.
    :raises GeoalignError: some text holds a character XML cannot carry.

    >>> import geoalign, networkx
    >>> text = to_graphml(geoalign.load())
    >>> text.startswith("<?xml")
    True
    >>> import io
    >>> graph = networkx.read_graphml(io.StringIO(text), force_multigraph=True)
    >>> alliance = graph.edges["RUS", "SYR", "rus-syr-alliance"]
    >>> graph.nodes["RUS"]["name"], alliance["end"], "start" in alliance  # no start given
    ('Russia', '[2024-12-07..]', False)
    """
    nx = _networkx("to_graphml")
    return _write(nx.write_graphml, _plain_graph(dataset, renamed={}), path)


def to_gexf(dataset: RecordLookup, path: PathLike | None = None) -> str | None:
    """Write the actors and relationships of ``dataset`` as GEXF 1.2 (Gephi's format).

    Like :func:`to_graphml`, except that ``start`` and ``end`` are written as
    ``start_date`` and ``end_date``.  ``networkx.read_gexf(path)`` reads the file back.

    :raises MissingExtraError: networkx is not installed.
    :raises GeoalignError: some text holds a character XML cannot carry.

    >>> import geoalign
    >>> text = to_gexf(geoalign.load())
    >>> 'id="rus-syr-alliance"' in text and 'title="start_date"' in text
    True
    """
    nx = _networkx("to_gexf")
    return _write(nx.write_gexf, _plain_graph(dataset, renamed=_GEXF_RESERVED), path)


def _networkx(feature: str) -> Any:
    try:
        return importlib.import_module("networkx")
    except ImportError as exc:
        raise MissingExtraError(feature, "networkx", "networkx") from exc


def _write(writer: Any, graph: MultiDiGraph, path: PathLike | None) -> str | None:
    buffer = io.BytesIO()
    writer(graph, buffer, encoding="utf-8")
    # ElementTree writes a carriage return in element text as it is, and XML readers
    # then read it as a line feed; as a character reference it survives.
    document = buffer.getvalue().replace(b"\r", b"&#13;")
    if path is None:
        return document.decode("utf-8")
    Path(path).write_bytes(document)
    return None


def _plain_graph(dataset: RecordLookup, renamed: dict[str, str]) -> MultiDiGraph:
    graph = to_networkx(dataset)
    for node, data in graph.nodes(data=True):
        _make_plain(data, node, renamed)
        data["label"] = data["name"]
    for *_, key, data in graph.edges(keys=True, data=True):
        _make_plain(data, key, renamed)
    return graph


def _make_plain(data: dict[str, Any], record_id: str, renamed: dict[str, str]) -> None:
    """Encode one node's or edge's attributes in place, as the module says."""
    for name, value in list(data.items()):
        del data[name]
        if value is None:
            continue
        if isinstance(value, list):
            value = json.dumps(value, ensure_ascii=False)
        if isinstance(value, str) and (bad := _NOT_XML.search(value)):
            raise GeoalignError(
                f"{record_id}, attribute {name!r}: the character {bad.group()!r} "
                "cannot be written to XML"
            )
        data[renamed.get(name, name)] = value
