"""Plain-data views of a dataset: JSON records and the whole dataset as JSON (and the tables).

Every view is derived from the model: the fields of the record classes, in their order,
and the registry of ``geoalign.model.records`` (collections, record classes, and the
fields that refer to other records).  A field added to a record class appears in every
view without a change here.

JSON conventions (shared by every document geoalign writes)
    One document per output, UTF-8 (not ``\\u`` escapes, except for the characters
    ``geoalign.views.terminal`` calls unsafe: controls, lone surrogates, line
    separators and bidirectional overrides), keys in the order described here.  Enums
    are their values (``"alliance"``).  Dates inside records are EDTF text whose length
    is their precision: ``"2019"`` (year), ``"2015-09"`` (month), ``"2024-12-08"``
    (day).  A date a query was asked about is an object ``{"date", "precision",
    "earliest", "latest"}`` (:func:`date_json`), the last two being the first and last
    day of the period.

JSON records (:func:`record_json`); optional fields are always present, as ``null`` or ``[]``
    Every field of the record's class, in the class's order, with these additions:

    * an actor (country, organization, person) has its ``"type"`` (``"country"``,
      ``"organization"`` or ``"person"``) after its ``"id"``;
    * a field that refers to actors holds actor references (:func:`actor_ref`):
      ``{"id", "type", "name"}``; a field that refers to a source holds its id;
    * an enum with traits is followed by them: a relationship's ``"kind"`` by
      ``"directed"`` and ``"alignment"``;
    * a list of records (a person's ``"roles"``, the ``"citations"``) is a list of
      objects of the same form; a citation's fields (``"source"``, ``"quote"``...) are
      followed by those of the source it quotes (``"title"``, ``"publisher"``,
      ``"published"``...).

    :func:`plain_record` is the same without a dataset at hand: references stay ids and
    a citation has its own fields only (the attributes of networkx nodes and edges).

The whole dataset (:func:`dataset_document`)
    ``{"schema_version": 1, "sources": [...], "countries": [...], ...}``: the dataset
    file format of :meth:`geoalign.Dataset.to_dict` (references are ids, fields left at
    their default are left out), under the version the JSON reader takes
    (``SCHEMA_VERSION``, defined in ``geoalign.formats.reading``).  Saved as ``.json``,
    it loads back into an equal dataset.

Tables and CSV files (:func:`tables`, :func:`write_csv`)
    Written by ``geoalign.views.tables``, whose rules :func:`tables` and
    :func:`csv_text` give; re-exported here.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from geoalign.formats.reading import SCHEMA_VERSION
from geoalign.model.dates import PartialDate
from geoalign.model.records import (
    ACTOR_COLLECTIONS,
    RECORD_CLASSES,
    Actor,
    Citation,
    Record,
    RecordLookup,
    Role,
    references,
)
from geoalign.views.fields import record_classes, record_lists, record_type, scalar
from geoalign.views.tables import Cell, Table, csv_text, tables, write_csv
from geoalign.views.terminal import json_escapes

# json is imported where it is used: the command line's text answers need none of it,
# and it starts faster without.

__all__ = [
    "SCHEMA_VERSION",
    "Cell",
    "Table",
    "actor_ref",
    "csv_text",
    "dataset_document",
    "date_json",
    "dumps",
    "plain_record",
    "record_classes",
    "record_json",
    "record_type",
    "tables",
    "write_csv",
]


def dumps(document: Any) -> str:
    r"""A JSON document as geoalign writes it: UTF-8, indented, keys in order, a final newline.

    Characters a terminal would act on, and lone surrogates, which cannot be encoded,
    are ``\uXXXX`` escapes (see ``geoalign.views.terminal.json_escapes``).

    >>> print(dumps({"name": "Türkiye", "ids": ["TUR"], "odd": "\x1b\ud800"}), end="")
    {
      "name": "Türkiye",
      "ids": [
        "TUR"
      ],
      "odd": "\u001b\ud800"
    }
    """
    import json

    return json_escapes(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def dataset_document(dataset: RecordLookup) -> dict[str, Any]:
    """The dataset as one JSON-ready document: ``schema_version``, then the file format.

    >>> import geoalign
    >>> list(dataset_document(geoalign.load()))[:3]
    ['schema_version', 'sources', 'countries']
    """
    return {"schema_version": SCHEMA_VERSION, **dataset.to_dict()}


def _is_actor(record: object) -> bool:
    return any(isinstance(record, RECORD_CLASSES[c]) for c in ACTOR_COLLECTIONS)


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

    Every field of the record's class, with the additions the module's docstring lists.

    >>> import geoalign
    >>> ds = geoalign.load()
    >>> list(record_json(ds.relationships[0], ds))[:5]
    ['id', 'kind', 'directed', 'alignment', 'a']
    >>> record_json(ds.get("nis"), ds)["country"]
    {'id': 'SRB', 'type': 'country', 'name': 'Serbia'}
    """
    return _fields(record, dataset)


def plain_record(record: Record | Citation | Role) -> dict[str, Any]:
    """A record, or a record in a list (a citation, a role), as plain values; ids as they are.

    >>> import geoalign
    >>> plain_record(geoalign.load().get("nis"))["country"]
    'SRB'
    """
    return _fields(record, None)


def _fields(record: Any, dataset: RecordLookup | None) -> dict[str, Any]:
    cls = type(record)
    lists = record_lists(cls)
    targets = references(cls)
    data: dict[str, Any] = {}
    for field in attrs.fields(cls):
        value = getattr(record, field.name)
        if field.name in lists:
            data[field.name] = [_fields(item, dataset) for item in value]
        elif dataset is not None and _refers_to_actors(targets.get(field.name)):
            data[field.name] = _actor_refs(value, dataset)
        else:
            data[field.name] = _plain(value)
        if field.name == "id" and _is_actor(record):
            data["type"] = record_type(record)
        if isinstance(value, enum.Enum):
            data.update(_traits(value))
    if dataset is not None and isinstance(record, Citation):
        source = dataset.get(record.source)
        assert source is not None  # the loader checked every citation's source
        quoted = _fields(source, dataset).items()
        data.update((k, v) for k, v in quoted if k != "id" and k not in data)
    return data


def _refers_to_actors(collections: tuple[str, ...] | None) -> bool:
    return bool(collections) and set(collections or ()) <= set(ACTOR_COLLECTIONS)


def _actor_refs(value: Any, dataset: RecordLookup) -> Any:
    if isinstance(value, tuple):
        return [_actor_refs(item, dataset) for item in value]
    return None if value is None else actor_ref(dataset.resolve(value))


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return scalar(value)


def _traits(member: enum.Enum) -> dict[str, Any]:
    """The values of the properties an enum defines (``directed``, ``alignment``)."""
    kind = type(member)
    return {
        name: getattr(member, name) for name, v in vars(kind).items() if isinstance(v, property)
    }
