"""Plain-data views of a dataset: JSON records, the whole dataset as JSON, and flat tables.

Every view is derived from the model classes and enums, so none can drift from them.

JSON conventions (shared by every document geoalign writes)
    One document per output, UTF-8 (not ``\\u`` escapes), keys in the order listed
    here.  Enums are their values (``"alliance"``).  Dates inside records are ISO text
    whose length is their precision: ``"2019"`` (year), ``"2015-09"`` (month),
    ``"2024-12-08"`` (day).  A date a query was asked about is an object
    ``{"date", "precision", "earliest", "latest"}`` (:func:`date_json`), the last two
    being the first and last day of the period.

JSON records (:func:`record_json`); optional fields are always present, as ``null`` or ``[]``
    * actor reference (:func:`actor_ref`): ``{"id", "type", "name"}``, ``type`` being
      ``"country"``, ``"organization"`` or ``"person"``.  Every reference to an actor
      in a record is one.
    * actor: ``{"id", "type", "name", "aliases", "metonyms"}``, then for an organization
      ``"kind"`` and ``"country"`` (a reference or ``null``), for a person ``"roles"``:
      ``[{"title", "actor" (a reference or null), "start", "end"}]``.
    * source: ``{"id", "title", "publisher", "published", "document", "url", "note"}``.
    * citation: ``{"source" (its id), "quote", "title", "publisher", "published",
      "url"}``, the last four copied from the source.
    * relationship: ``{"id", "kind", "directed", "alignment", "a", "b", "start", "end",
      "ended_by", "confidence", "summary", "citations"}``.
    * event: ``{"id", "date", "kind", "actors", "location", "confidence", "summary",
      "citations"}``.

The whole dataset (:func:`dataset_document`)
    ``{"schema_version": 1, "sources": [...], "countries": [...], ...}``: the dataset
    file format of :meth:`geoalign.Dataset.to_dict` (references are ids, fields left at their
    default are left out).  Without ``schema_version``, dumped to YAML, it is a
    dataset file that loads back into an equal dataset.

Tables (:func:`tables`, for :func:`write_csv` and :func:`geoalign.interop.to_pandas`)
    One table per record type, one column per field in the model's order; then
    ``roles`` (``person``, ``title``, ``actor``, ``start``, ``end``) and ``citations``
    (``record_id``, ``source``, ``quote``), the lists of records, keyed by their
    owner's id.  Lists of names (``aliases``, ``metonyms``, an event's ``actors``) stay
    in their record's row; CSV joins them with ``"; "``.  Dates are ISO text; a missing
    value is an empty cell.
"""

from __future__ import annotations

import csv
import enum
import json
import typing
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

from geoalign.formats.convert import tuple_item_type
from geoalign.model.dates import PartialDate
from geoalign.model.records import (
    COLLECTIONS,
    RECORD_CLASSES,
    Actor,
    Citation,
    Event,
    Organization,
    Person,
    Record,
    RecordLookup,
    Relationship,
    Source,
)

__all__ = [
    "LIST_SEPARATOR",
    "SCHEMA_VERSION",
    "Cell",
    "Table",
    "actor_ref",
    "dataset_document",
    "date_json",
    "dumps",
    "optional_text",
    "record_classes",
    "record_json",
    "record_type",
    "source_json",
    "tables",
    "write_csv",
]

SCHEMA_VERSION = 1
"""The version of every JSON document geoalign writes; it changes only when a field
is renamed, removed or changes meaning (new fields may appear without it)."""

LIST_SEPARATOR = "; "
"""How CSV cells join a list of names."""

Cell: TypeAlias = str | tuple[str, ...] | None
"""A table cell: text, a list of names, or nothing."""

# Lists of records that get a table of their own, and the name of their owner's column.
_OWNER_COLUMNS = {"roles": "person", "citations": "record_id"}


def dumps(document: Any) -> str:
    """A JSON document as geoalign writes it: UTF-8, indented, keys in order, a final newline.

    >>> print(dumps({"name": "Türkiye", "ids": ["TUR"]}), end="")
    {
      "name": "Türkiye",
      "ids": [
        "TUR"
      ]
    }
    """
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def dataset_document(dataset: RecordLookup) -> dict[str, Any]:
    """The dataset as one JSON-ready document: ``schema_version``, then the file format.

    >>> import geoalign
    >>> list(dataset_document(geoalign.load()))[:3]
    ['schema_version', 'sources', 'countries']
    """
    return {"schema_version": SCHEMA_VERSION, **dataset.to_dict()}


@attrs.frozen
class Table:
    """A named table: column names, and rows of cells in that order.

    >>> import geoalign
    >>> tables(geoalign.load())["citations"].columns
    ('record_id', 'source', 'quote')
    """

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def tables(dataset: RecordLookup) -> dict[str, Table]:
    """One :class:`Table` per record type, then ``roles`` and ``citations``.

    >>> import geoalign
    >>> list(tables(geoalign.load()))
    ['sources', 'countries', 'organizations', 'persons', 'relationships', 'events', 'roles', 'citations']
    """
    main: dict[str, Table] = {}
    nested: dict[str, tuple[tuple[str, ...], list[tuple[Cell, ...]]]] = {}
    for collection, cls in record_classes().items():
        flat, lists = _split_fields(cls)
        for name, item_cls in lists.items():
            owner = _OWNER_COLUMNS[name]
            nested.setdefault(name, ((owner, *_field_names(item_cls)), []))
        rows = []
        for record in getattr(dataset, collection):
            rows.append(tuple(_cell(getattr(record, name)) for name in flat))
            for name, item_cls in lists.items():
                nested[name][1].extend(
                    (record.id, *(_cell(getattr(item, f)) for f in _field_names(item_cls)))
                    for item in getattr(record, name)
                )
        main[collection] = Table(collection, flat, tuple(rows))
    for name, (columns, rows) in nested.items():
        main[name] = Table(name, columns, tuple(rows))
    return main


def write_csv(dataset: RecordLookup, directory: str | Path) -> list[Path]:
    """Write every table of :func:`tables` to ``directory/<name>.csv``; return the paths.

    UTF-8 without a byte order mark, a header row, RFC 4180 quoting; lists of names are
    joined with :data:`LIST_SEPARATOR`.

    >>> import geoalign, tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     [path.name for path in write_csv(geoalign.load(), out)][-2:]
    ['roles.csv', 'citations.csv']
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables(dataset).values():
        path = folder / f"{table.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(table.columns)
            writer.writerows([_csv_cell(cell) for cell in row] for row in table.rows)
        written.append(path)
    return written


def _csv_cell(cell: Cell) -> str:
    if cell is None:
        return ""
    return cell if isinstance(cell, str) else LIST_SEPARATOR.join(cell)


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return tuple(str(item) for item in value)
    raise TypeError(f"no table cell for {type(value).__name__}")  # a new kind of model field


def record_classes() -> Mapping[str, type[Any]]:
    """Each collection's record class (a read-only view of ``model.RECORD_CLASSES``).

    >>> record_classes()["countries"].__name__
    'Country'
    """
    return MappingProxyType(RECORD_CLASSES)


def record_type(record: object) -> str:
    """The singular name of a record's collection: ``"country"``, ``"event"``...

    >>> import geoalign
    >>> record_type(geoalign.load().get("RUS"))
    'country'
    """
    for collection, cls in record_classes().items():
        if isinstance(record, cls):
            return COLLECTIONS[collection]
    raise TypeError(f"not a dataset record: {record!r}")


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    return tuple(field.name for field in attrs.fields(cls))


def _split_fields(cls: type[Any]) -> tuple[tuple[str, ...], dict[str, type[Any]]]:
    """The fields that fit a cell, and the lists of records (by field name and item class)."""
    hints = typing.get_type_hints(cls)
    flat, lists = [], {}
    for name in _field_names(cls):
        item = tuple_item_type(hints[name])
        if item is not None and attrs.has(item):
            lists[name] = item
        else:
            flat.append(name)
    return tuple(flat), lists


# -- JSON records ----------------------------------------------------------------------


def date_json(date: PartialDate | None) -> dict[str, str] | None:
    """A queried date with its precision and bounds.

    >>> date_json(PartialDate(2024, 2))
    {'date': '2024-02', 'precision': 'month', 'earliest': '2024-02-01', 'latest': '2024-02-29'}
    """
    if date is None:
        return None
    return {
        "date": str(date),
        "precision": date.precision,
        "earliest": date.earliest.isoformat(),
        "latest": date.latest.isoformat(),
    }


def actor_ref(actor: Actor) -> dict[str, str]:
    """The short form every reference to an actor takes.

    >>> import geoalign
    >>> actor_ref(geoalign.resolve("Russia"))
    {'id': 'RUS', 'type': 'country', 'name': 'Russia'}
    """
    return {"id": actor.id, "type": record_type(actor), "name": actor.name}


def record_json(record: Record, dataset: RecordLookup) -> dict[str, Any]:
    """Any record in its JSON form, references to actors and sources filled in.

    >>> import geoalign
    >>> ds = geoalign.load()
    >>> list(record_json(ds.relationships[0], ds))[:4]
    ['id', 'kind', 'directed', 'alignment']
    """
    if isinstance(record, Source):
        return source_json(record)
    if isinstance(record, Relationship):
        return {
            "id": record.id,
            "kind": record.kind.value,
            "directed": record.kind.directed,
            "alignment": record.kind.alignment,
            "a": _ref(record.a, dataset),
            "b": _ref(record.b, dataset),
            "start": optional_text(record.start),
            "end": optional_text(record.end),
            "ended_by": record.ended_by,
            "confidence": record.confidence.value,
            "summary": record.summary,
            "citations": [_citation_json(c, dataset) for c in record.citations],
        }
    if isinstance(record, Event):
        return {
            "id": record.id,
            "date": str(record.date),
            "kind": record.kind.value,
            "actors": [_ref(actor, dataset) for actor in record.actors],
            "location": record.location,
            "confidence": record.confidence.value,
            "summary": record.summary,
            "citations": [_citation_json(c, dataset) for c in record.citations],
        }
    found: dict[str, Any] = {
        **actor_ref(record),
        "aliases": list(record.aliases),
        "metonyms": list(record.metonyms),
    }
    if isinstance(record, Organization):
        found.update(kind=record.kind.value, country=_ref(record.country, dataset))
    elif isinstance(record, Person):
        found["roles"] = [
            {
                "title": role.title,
                "actor": _ref(role.actor, dataset),
                "start": optional_text(role.start),
                "end": optional_text(role.end),
            }
            for role in record.roles
        ]
    return found


def source_json(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "published": str(source.published),
        "document": source.document,
        "url": source.url,
        "note": source.note,
    }


def _citation_json(citation: Citation, dataset: RecordLookup) -> dict[str, Any]:
    source = dataset.get(citation.source)
    assert isinstance(source, Source)  # the loader checked every citation's source
    return {
        "source": source.id,
        "quote": citation.quote,
        "title": source.title,
        "publisher": source.publisher,
        "published": str(source.published),
        "url": source.url,
    }


def _ref(actor_id: str | None, dataset: RecordLookup) -> dict[str, str] | None:
    return None if actor_id is None else actor_ref(dataset.resolve(actor_id))


def optional_text(value: object) -> str | None:
    """``str(value)``, or ``None`` for ``None`` (dates and ids in JSON and tables).

    >>> optional_text(PartialDate(2024, 12)), optional_text(None)
    ('2024-12', None)
    """
    return None if value is None else str(value)
