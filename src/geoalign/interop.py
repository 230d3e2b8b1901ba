"""Bridges to other tools: networkx and pandas (optional extras), and JSON Schema.

``pip install 'geoalign[networkx]'`` or ``'geoalign[pandas]'`` brings networkx or pandas
in; they are imported only when :func:`to_networkx` or :func:`to_pandas` is called, and
without them these raise :class:`~geoalign.GeoalignError` saying what to install.
Neither library ships type information, so the functions return ``Any``-typed aliases:
:data:`MultiDiGraph` is a ``networkx.MultiDiGraph``, :data:`DataFrame` a
``pandas.DataFrame``.

:func:`dataset_schema` describes the dataset file format for JSON Schema validators
and editors, built from the model classes and enums.
"""

from __future__ import annotations

import enum
import importlib
import types
import typing
from types import ModuleType
from typing import Any, TypeAlias

import attrs

from geoalign.convert import tuple_item_type, unstructure
from geoalign.dataset import Dataset
from geoalign.dates import PartialDate
from geoalign.errors import GeoalignError
from geoalign.export import optional_text, record_classes, record_type, tables
from geoalign.model import (
    COLLECTIONS,
    Actor,
    Citation,
    Country,
    Event,
    Organization,
    Relationship,
    Role,
)
from geoalign.validation import COUNTRY_ID, SLUG_ID

__all__ = ["DataFrame", "MultiDiGraph", "dataset_schema", "to_networkx", "to_pandas"]

MultiDiGraph: TypeAlias = Any
"""A ``networkx.MultiDiGraph`` (networkx has no type stubs)."""
DataFrame: TypeAlias = Any
"""A ``pandas.DataFrame`` (pandas has no type stubs here)."""


def _require(module: str, caller: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise GeoalignError(f"{caller} needs {module}: pip install 'geoalign[{module}]'") from exc


def to_networkx(dataset: Dataset) -> MultiDiGraph:
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


def to_pandas(dataset: Dataset) -> dict[str, DataFrame]:
    """The tables of :func:`geoalign.export.tables` as ``pandas.DataFrame`` objects.

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


# -- JSON Schema -----------------------------------------------------------------------

_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_COUNTRY = f"^{COUNTRY_ID.pattern}$"
_SLUG = f"^{SLUG_ID.pattern}$"
_ACTOR = f"^({COUNTRY_ID.pattern}|{SLUG_ID.pattern})$"
# What the types alone do not say: the form of ids a text field refers to, and the
# list sizes the loader insists on.
_REFERENCES: dict[tuple[type[Any], str], str] = {
    (Organization, "country"): _COUNTRY,
    (Role, "actor"): _ACTOR,
    (Relationship, "a"): _ACTOR,
    (Relationship, "b"): _ACTOR,
    (Relationship, "ended_by"): _SLUG,
    (Event, "actors"): _ACTOR,
    (Citation, "source"): _SLUG,
}
_NON_EMPTY = {"minItems": 1}
_LIST_RULES: dict[tuple[type[Any], str], dict[str, Any]] = {
    (Relationship, "citations"): _NON_EMPTY,
    (Event, "citations"): _NON_EMPTY,
    (Event, "actors"): {"minItems": 1, "uniqueItems": True},
}


def dataset_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a YAML dataset file, built from the model.

    Every record type, field, enum value, id form and date form; ``additionalProperties``
    is false everywhere, as the loader refuses unknown fields.  Checks across records
    (that references resolve, that ids are unique, that periods end after they start)
    are the loader's alone.

    >>> schema = dataset_schema()
    >>> schema["$schema"], sorted(schema["properties"]) == sorted(COLLECTIONS)
    ('https://json-schema.org/draft/2020-12/schema', True)
    >>> schema["$defs"]["Country"]["properties"]["id"]
    {'type': 'string', 'pattern': '^[A-Z]{3}$'}
    """
    defs: dict[str, Any] = {
        "PartialDate": {
            "description": "A date to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD "
            "(a bare year may also be written as a number).",
            "anyOf": [
                {"type": "string", "pattern": _DATE_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
        }
    }
    properties = {}
    for collection, cls in record_classes().items():
        _define(cls, defs)
        properties[collection] = {
            "description": f"A list of {COLLECTIONS[collection]} records.",
            "type": ["array", "null"],
            "items": {"$ref": f"#/$defs/{cls.__name__}"},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "geoalign dataset file",
        "description": "A mapping from collection names to lists of records.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def _define(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Add ``cls`` (and what it uses) to ``defs``; return a reference to it."""
    name = cls.__name__
    if name not in defs:
        if issubclass(cls, enum.Enum):
            defs[name] = {"description": _summary(cls), "enum": [m.value for m in cls]}
        else:
            defs[name] = _object_schema(cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _object_schema(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        pattern = _REFERENCES.get((cls, field.name))
        if field.name == "id":
            pattern = _COUNTRY if cls is Country else _SLUG
        schema = _type_schema(hints[field.name], pattern, defs)
        schema.update(_LIST_RULES.get((cls, field.name), {}))
        if field.default is attrs.NOTHING:
            required.append(field.name)
        else:
            schema["default"] = unstructure(field.default)
        properties[field.name] = schema
    return {
        "description": _summary(cls),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type_schema(hint: Any, pattern: str | None, defs: dict[str, Any]) -> dict[str, Any]:
    if hint is str:
        # The loader refuses blank text; an id or a reference must also have its form.
        return {"type": "string", "pattern": pattern or r"\S"}
    if hint is PartialDate:
        return {"$ref": "#/$defs/PartialDate"}
    item = tuple_item_type(hint)
    if item is not None:
        return {"type": "array", "items": _type_schema(item, pattern, defs)}
    if isinstance(hint, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1 and len(typing.get_args(hint)) == 2:
            return {"anyOf": [_type_schema(options[0], pattern, defs), {"type": "null"}]}
    if isinstance(hint, type) and (attrs.has(hint) or issubclass(hint, enum.Enum)):
        return _define(hint, defs)
    raise TypeError(f"no JSON Schema for the field type {hint!r}")  # a new kind of model field


def _summary(cls: type[Any]) -> str:
    return (cls.__doc__ or cls.__name__).strip().splitlines()[0]
