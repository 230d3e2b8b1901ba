"""An answer in the format asked for, and errors in a form a program can read.

``--format`` (every answer):

``text``
    For people: tables fitted to the terminal, coloured on a terminal unless
    ``NO_COLOR`` is set (:mod:`geoalign.views.layout`).
``json``
    The answer's JSON document, whole, indented.
``jsonl``
    One JSON object a line: the answer's rows (allies, ties, events, changes...), or
    the document on one line when the answer is one thing (a sanction status, a
    record).  When an answer has several lists of rows (``why``: ties and events;
    ``diff``: begun and ended) each row starts with ``"list"``, naming its list.  An
    answer with no rows prints nothing (the note on stderr and the exit status 1 say so).
``csv``
    The same rows, a header first, one column per key in order of appearance.  An
    answer with no rows is its header alone: the keys its rows would have, read from
    the answers' JSON Schema (:data:`~geoalign.model.answer_schema.ANSWER_SCHEMA`) or,
    for a lookup, from the answer's own ``columns``.  A row
    listing ties or events with their certainty (an ally's ``ties``, a sanction's
    ``measures`` and ``listings``) is written once per item of each such list, with the
    item's id, certainty, bound, confidence and quotes in columns of their own (``tie``,
    ``tie_certainty``, ``tie_bound``, ``tie_confidence``, ``tie_quotes``), so that every
    line says which certainty holds, which bound decides it and what the sources say.  The columns are always those of a full answer of the command (read
    from the schema as above, then any key a row adds), whatever this answer holds, so
    that the outputs of several commands concatenate.  A nested actor or
    record is its id, a date object its EDTF text, a list of names or of records a
    JSON array (of ids for records), any other list or object its JSON text; cells are
    guarded against formula injection (see :func:`geoalign.views.export.csv_text`).

Under ``json`` and ``jsonl``, an error is also a JSON object on standard output:
``{"error": {"type", "message", "status"}}`` (one line under ``jsonl``), besides its
one line on standard error.  The types: ``usage`` (a wrong command line), ``invalid_date``,
``unknown_actor``, ``ambiguous_actor``, ``unknown_record``, ``invalid_data`` (a dataset
that does not load), ``output`` (a file that cannot be written), ``error`` (any other).
"""

from __future__ import annotations

from typing import Any

from geoalign.cli.streams import write
from geoalign.views.render import Output
from geoalign.views.terminal import json_escapes

__all__ = ["error_document", "json_line", "rows_of", "show"]


def show(output: Output, form: str) -> None:
    """Write ``output`` on stdout in the format ``form`` (text, json, jsonl or csv)."""
    if form == "text":
        write(output.text)
    elif form == "json":
        from geoalign.views.export import dumps

        write(dumps(output.document))
    elif form == "jsonl":
        write("".join(json_line(row) for row in rows_of(output)))
    else:
        write(_csv(output))


def rows_of(output: Output) -> list[dict[str, Any]]:
    """The rows of ``output`` for JSON Lines and CSV (see the module's docstring).

    >>> rows_of(Output({"answer": "x", "ties": [{"id": "t1"}]}, "", rows=("ties",)))
    [{'id': 't1'}]
    >>> rows_of(Output({"answer": "x", "state": "imposed"}, ""))
    [{'answer': 'x', 'state': 'imposed'}]
    """
    if not output.rows:
        return [output.document]
    if len(output.rows) == 1:
        return list(output.document[output.rows[0]])
    return [{"list": name, **row} for name in output.rows for row in output.document[name]]


def error_document(kind: str, message: str, status: int) -> dict[str, Any]:
    """The JSON form of an error.

    >>> error_document("unknown_actor", "unknown actor 'Rusia'", 2)
    {'error': {'type': 'unknown_actor', 'message': "unknown actor 'Rusia'", 'status': 2}}
    """
    return {"error": {"type": kind, "message": message, "status": status}}


def json_line(row: dict[str, Any]) -> str:
    """One JSON object on one line, escaped as every document geoalign writes."""
    import json

    return json_escapes(json.dumps(row, ensure_ascii=False)) + "\n"


def _itemized(value: Any) -> bool:
    """Whether ``value`` is a list of items with an id and a certainty (ties, measures...)."""
    return (
        bool(value)
        and isinstance(value, list)
        and all(isinstance(item, dict) and "id" in item and "certainty" in item for item in value)
    )


def _per_item(row: dict[str, Any], lists: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """``row`` once per item of each of its lists of items with a certainty, else itself.

    ``lists`` names the keys that hold such lists in a full answer, even when empty here:
    their columns are then left empty.

    >>> _per_item({"actor": "SYR", "ties": [{"id": "t", "certainty": "definite", "reason": "start 2015"}]})
    [{'actor': 'SYR', 'tie': 't', 'tie_certainty': 'definite', 'tie_bound': 'start 2015', 'tie_confidence': None, 'tie_quotes': []}]
    >>> _per_item({"state": "unknown", "measures": []}, frozenset({"measures"}))
    [{'state': 'unknown'}]
    """
    itemized = [key for key, value in row.items() if key in lists or _itemized(value)]
    if not itemized:
        return [row]
    head = {name: cell for name, cell in row.items() if name not in itemized}
    lines = [
        {
            **head,
            one: item["id"],
            f"{one}_certainty": item["certainty"],
            f"{one}_bound": item.get("reason"),
            f"{one}_confidence": item.get("confidence"),
            f"{one}_quotes": [quote["quote"] for quote in item.get("quotes") or ()],
        }
        for key in itemized
        for one in [key.removesuffix("s")]
        for item in row[key] or ()
    ]
    return lines or [head]


def _csv(output: Output) -> str:
    import csv
    import io

    from geoalign.views.export import csv_text

    # The columns of a full answer, whatever this one holds, so that answers concatenate.
    prototypes = _prototypes(output)
    lists = frozenset(key for row in prototypes for key, value in row.items() if _itemized(value))
    shaped = [line for row in prototypes for line in _per_item(row, lists)]
    rows = [line for row in rows_of(output) for line in _per_item(row, lists)]
    columns = list(dict.fromkeys(key for row in [*shaped, *rows] for key in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if columns:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_text(_cell(row.get(key))) for key in columns])
    return out.getvalue()


def _prototypes(output: Output) -> list[dict[str, Any]]:
    """A row of each list of ``output``'s rows (or the answer itself, when it has no list
    of rows), of the shape a full answer's rows have, values empty.

    Read from the answer's ``columns``, else from the definition in the answers' JSON
    Schema of the document's answer (the one of its name with the document's keys).

    >>> _prototypes(Output({"answer": "actors"}, "", rows=("actors",), columns=("id", "name")))
    [{'id': None, 'name': None}]
    """
    if output.columns is not None:
        return [dict.fromkeys(output.columns)]
    from geoalign.model.answer_schema import ANSWER_SCHEMA

    defs = ANSWER_SCHEMA["$defs"]
    document = output.document
    for definition in defs.values():
        properties = definition.get("properties", {})
        named = properties.get("answer", {}).get("const")
        if named == document.get("answer") and set(properties) == set(document):
            if not output.rows:
                return [_fields(defs, properties)]
            several = len(output.rows) > 1
            return [
                ({"list": name} if several else {}) | _prototype(defs, properties[name]["items"])
                for name in output.rows
            ]
    return []


def _prototype(defs: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """An object of the schema ``item`` (a ``$ref``), its lists of objects holding one."""
    return _fields(defs, defs[item["$ref"].rsplit("/", 1)[-1]]["properties"])


def _fields(defs: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    """An object with the schema's ``properties``, empty, its lists of objects holding one."""
    return {
        name: [_prototype(defs, value["items"])] if "$ref" in value.get("items", {}) else None
        for name, value in properties.items()
    }


def _cell(value: Any) -> str | tuple[str, ...] | None:
    """A value as one CSV cell (see the module's docstring)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict) and "id" in value:
        return str(value["id"])
    if isinstance(value, dict) and "date" in value:
        return str(value["date"])
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    if isinstance(value, list) and all(isinstance(i, dict) and "id" in i for i in value):
        return tuple(str(item["id"]) for item in value)
    if isinstance(value, int | float):
        return str(value)
    import json

    return json.dumps(value, ensure_ascii=False)
