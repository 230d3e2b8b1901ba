"""Plain-data views of a dataset: JSON records, the whole dataset as JSON, and flat tables.

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
    file format of :meth:`geoalign.Dataset.to_dict` (references are ids, fields left at their
    default are left out).  Saved as ``.json``, it loads back into an equal dataset.

Tables (:func:`tables`, for :func:`write_csv` and :func:`geoalign.interop.to_pandas`)
    One table per record type, one column per field in the model's order; then one
    table per list of records (``roles``, ``citations``), keyed by their owner's id in
    a first column named after the owner (``person``), or ``record_id`` when records
    of several types own such lists.  Lists of names (``aliases``, ``metonyms``, an
    event's ``actors``) stay in their record's row.  Dates are EDTF text; a missing
    value is an empty cell.

CSV files (:func:`write_csv`)
    UTF-8 without a byte order mark, a header row, RFC 4180 quoting.  A list of names is
    a JSON array in its cell (``["Russian Federation", "RU"]``, ``[]`` when empty), so
    names holding ``;``, ``,`` or quotes survive.  Against formula injection (OWASP), a
    cell that begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a
    single quote gets a single quote in front (``'=1+1``); spreadsheets show it as text.
    To read a cell back exactly: drop the first character of a cell that begins with a
    single quote, then ``json.loads`` the cells of list columns.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from geoalign.model.dates import PartialDate
from geoalign.model.records import (
    ACTOR_COLLECTIONS,
    COLLECTIONS,
    RECORD_CLASSES,
    Actor,
    Citation,
    Record,
    RecordLookup,
    Role,
    references,
)
from geoalign.views.terminal import json_escapes

if TYPE_CHECKING:
    import pathlib

# json, csv and pathlib are imported where they are used: the command line's text
# answers need none of them, and it starts faster without.

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

SCHEMA_VERSION = 1
"""The version of every JSON document geoalign writes; it changes only when a field
is renamed, removed or changes meaning (new fields may appear without it)."""

Cell: TypeAlias = str | tuple[str, ...] | None
"""A table cell: text, a list of names, or nothing."""


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


# -- tables and CSV -------------------------------------------------------------------


@attrs.frozen
class Table:
    """A named table: column names, and rows of cells in that order.

    >>> import geoalign
    >>> tables(geoalign.load())["citations"].columns
    ('record_id', 'source', 'quote', 'claimed_by', 'claimed_on', 'confidence')
    """

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def tables(dataset: RecordLookup) -> dict[str, Table]:
    """One :class:`Table` per record type, then one per list of records (``roles``, ``citations``).

    >>> import geoalign
    >>> list(tables(geoalign.load()))
    ['sources', 'countries', 'organizations', 'persons', 'relationships', 'events', 'roles', 'citations']
    """
    lists = _list_classes()
    rows_of: dict[str, list[tuple[Cell, ...]]] = {name: [] for name in lists}
    main: dict[str, Table] = {}
    for collection, cls in record_classes().items():
        mine = _record_lists(cls)
        flat = tuple(f.name for f in attrs.fields(cls) if f.name not in mine)
        rows = []
        for record in getattr(dataset, collection):
            rows.append(tuple(_cell(getattr(record, name)) for name in flat))
            for name, item_cls in mine.items():
                rows_of[name].extend(
                    (record.id, *(_cell(getattr(item, f)) for f in _names(item_cls)))
                    for item in getattr(record, name)
                )
        main[collection] = Table(collection, flat, tuple(rows))
    for name, item_cls in lists.items():
        owners = [c for c, cls in record_classes().items() if name in _record_lists(cls)]
        owner = COLLECTIONS[owners[0]] if len(owners) == 1 else "record_id"
        main[name] = Table(name, (owner, *_names(item_cls)), tuple(rows_of[name]))
    return main


def write_csv(dataset: RecordLookup, directory: str | pathlib.Path) -> list[pathlib.Path]:
    """Write every table of :func:`tables` to ``directory/<name>.csv``; return the paths.

    Cells as :func:`csv_text` gives them (the module's docstring has the rules).  Each
    file is written whole or not at all (``geoalign.views.files.replacing``).
    Raises :class:`OSError` naming the directory or file that could not be written.

    >>> import geoalign, tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     [path.name for path in write_csv(geoalign.load(), out)][-2:]
    ['roles.csv', 'citations.csv']
    """
    import csv
    import pathlib

    from geoalign.views.files import replacing

    folder = pathlib.Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables(dataset).values():
        path = folder / f"{table.name}.csv"
        with replacing(path, newline="") as file:
            writer = csv.writer(file)
            writer.writerow(table.columns)
            writer.writerows([csv_text(cell) for cell in row] for row in table.rows)
        written.append(path)
    return written


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_text(cell: Cell) -> str:
    """A table cell as CSV text: lists as JSON arrays, formulas neutralised by a quote.

    >>> csv_text(("Serbia; Montenegro", "SCG")), csv_text("=1+1"), csv_text(None)
    ('["Serbia; Montenegro", "SCG"]', "'=1+1", '')
    """
    import json

    if cell is None:
        return ""
    text = cell if isinstance(cell, str) else json.dumps(list(cell), ensure_ascii=False)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _cell(value: object) -> Cell:
    if isinstance(value, tuple):
        return tuple(str(_scalar(item)) for item in value)
    found = _scalar(value)
    return None if found is None else str(found)


# -- records --------------------------------------------------------------------------


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


def _record_lists(cls: type[Any]) -> dict[str, type[Any]]:
    """The fields of ``cls`` that hold a list of records, with the records' class."""
    found = _RECORD_LISTS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = {}
        for field in attrs.fields(cls):
            args = typing.get_args(hints[field.name])
            listed = typing.get_origin(hints[field.name]) is tuple and args[1:] == (Ellipsis,)
            if listed and attrs.has(args[0]):
                found[field.name] = args[0]
        _RECORD_LISTS[cls] = found
    return found


_RECORD_LISTS: dict[type[Any], dict[str, type[Any]]] = {}  # by class: type hints are slow


def _names(cls: type[Any]) -> tuple[str, ...]:
    return tuple(field.name for field in attrs.fields(cls))


def _list_classes() -> dict[str, type[Any]]:
    """Every list of records in the model, by field name, in the order first met."""
    return {n: c for cls in record_classes().values() for n, c in _record_lists(cls).items()}


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
    lists = _record_lists(cls)
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
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    return str(value)  # a date: its EDTF text


def _traits(member: enum.Enum) -> dict[str, Any]:
    """The values of the properties an enum defines (``directed``, ``alignment``)."""
    kind = type(member)
    return {
        name: getattr(member, name) for name, v in vars(kind).items() if isinstance(v, property)
    }
