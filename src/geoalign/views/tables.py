"""Flat tables of a dataset, and the CSV files written from them.

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

Every table is derived from the model (``geoalign.views.fields``): a field added to a
record class is a new column without a change here.  :mod:`geoalign.views.export`
re-exports these names, where they were first documented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import attrs

from geoalign.model.records import COLLECTIONS, RecordLookup
from geoalign.views.fields import field_names, list_classes, record_classes, record_lists, scalar

if TYPE_CHECKING:
    import pathlib

# json, csv and pathlib are imported where they are used: the command line's text
# answers need none of them, and it starts faster without.

__all__ = ["Cell", "Table", "csv_text", "tables", "write_csv"]

Cell: TypeAlias = str | tuple[str, ...] | None
"""A table cell: text, a list of names, or nothing."""


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
    lists = list_classes()
    rows_of: dict[str, list[tuple[Cell, ...]]] = {name: [] for name in lists}
    main: dict[str, Table] = {}
    for collection, cls in record_classes().items():
        mine = record_lists(cls)
        flat = tuple(f.name for f in attrs.fields(cls) if f.name not in mine)
        rows = []
        for record in getattr(dataset, collection):
            rows.append(tuple(_cell(getattr(record, name)) for name in flat))
            for name, item_cls in mine.items():
                rows_of[name].extend(
                    (record.id, *(_cell(getattr(item, f)) for f in field_names(item_cls)))
                    for item in getattr(record, name)
                )
        main[collection] = Table(collection, flat, tuple(rows))
    for name, item_cls in lists.items():
        owners = [c for c, cls in record_classes().items() if name in record_lists(cls)]
        owner = COLLECTIONS[owners[0]] if len(owners) == 1 else "record_id"
        main[name] = Table(name, (owner, *field_names(item_cls)), tuple(rows_of[name]))
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
        return tuple(str(scalar(item)) for item in value)
    found = scalar(value)
    return None if found is None else str(found)
