"""What every dataset file format shares: raw records, file problems, decoding, collections.

The readers (:mod:`~geoalign.formats.yamlfile` and :mod:`~geoalign.formats.jsonfile`)
turn a file's bytes into :class:`RawRecord` items, plain data not yet structured;
a problem with the file itself is a :class:`ReadError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from geoalign.formats.aliases import ALIASES
from geoalign.model.records import COLLECTIONS

__all__ = ["SCHEMA_VERSION", "RawRecord", "ReadError", "decode", "records_of"]

_COLLECTIONS = (*COLLECTIONS, ALIASES)
"""What a dataset file may hold: the records' collections, and names added to actors."""

SCHEMA_VERSION = 1
"""The version of every JSON document geoalign writes, and of the JSON dataset document
it reads; it changes only when a field is renamed, removed or changes meaning (new
fields may appear without it)."""


class ReadError(Exception):
    """A problem with a file (or one line of it) rather than with one record's fields.

    ``code`` is the problem's stable slug, ``line`` its 1-based line where known.
    """

    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        self.code = code
        self.message = message
        self.line = line
        super().__init__(message if line is None else f"line {line}: {message}")


class RawRecord(NamedTuple):
    """One record as read from a file, before structuring."""

    collection: str
    data: Any
    file: str
    line: int | None
    """The record's line, where the format has one per record (JSON Lines)."""
    position: int
    """1-based position of the record in its collection (or line in its file)."""


def decode(content: bytes) -> str:
    """Check that a file's bytes are text worth parsing, and decode them.

    >>> decode(b"\\xef\\xbb\\xbfcountries: []")
    'countries: []'
    """
    if not content.strip():
        raise ReadError("empty", "the file is empty")
    if b"\x00" in content:
        raise ReadError("binary", "the file is binary, not text")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"the file is not UTF-8 text (bad byte at offset {exc.start})"
        raise ReadError("not-utf8", message) from None


def records_of(document: object, file: str) -> Iterator[RawRecord]:
    """The records of a document that maps collection names to lists of records.

    >>> [r.data["id"] for r in records_of({"countries": [{"id": "SRB"}]}, "x.yaml")]
    ['SRB']
    """
    if not isinstance(document, dict):
        raise ReadError(
            "not-collections",
            "expected a mapping of collections ("
            + ", ".join(f"{name}:" for name in _COLLECTIONS)
            + f") at the top, got {type(document).__name__}",
        )
    unknown = [key for key in document if key not in _COLLECTIONS]
    if unknown:
        raise ReadError(
            "unknown-collection",
            f"unknown collection {str(unknown[0])!r} at the top (expected one of: "
            + ", ".join(_COLLECTIONS)
            + ")",
        )
    for collection, records in document.items():
        if records is None:
            continue
        if not isinstance(records, list):
            message = f"{str(collection)!r} must be a list of records, got {type(records).__name__}"
            raise ReadError("not-a-list", message)
        for position, data in enumerate(records, start=1):
            yield RawRecord(str(collection), data, file, None, position)
