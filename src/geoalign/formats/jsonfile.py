"""Reading JSON dataset files: JSON Lines, and the whole-dataset JSON document.

JSON Lines (``*.jsonl``) holds one record a line, each with a ``type`` field; a bad
line is reported and the lines after it are still read.  The JSON document
(``*.json``) is what ``geoalign export`` writes: ``{"schema_version": 1, "sources":
[...], ...}``.  Both are read with :mod:`json`, never as YAML, and a key repeated in
one object is refused, as in YAML.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.scanner import make_scanner
from typing import Any

from geoalign.formats.aliases import ALIAS_TYPE, ALIASES
from geoalign.formats.reading import SCHEMA_VERSION, RawRecord, ReadError, decode, records_of
from geoalign.model.records import COLLECTIONS

__all__ = ["read_json", "read_jsonl"]

_BY_RECORD_TYPE = {singular: plural for plural, singular in COLLECTIONS.items()}
_BY_RECORD_TYPE[ALIAS_TYPE] = ALIASES


class _RepeatedKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} appears twice")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKeyError(key)
            seen.add(key)
    return mapping


class _NumberError(ValueError):
    pass


_LONGEST_INTEGER = 100  # digits; no field is a number near this, and int() refuses > 4300


def _integer(text: str) -> int:
    if len(text) > _LONGEST_INTEGER:
        raise _NumberError(f"a number of {len(text)} digits is longer than any field takes")
    return int(text)


def _constant(text: str) -> Any:
    # Python's json reads NaN and Infinity, which JSON itself does not have
    raise _NumberError(f"{text} is not a JSON value")


_DECODER = json.JSONDecoder(  # one, not one a line
    object_pairs_hook=_unique_keys, parse_int=_integer, parse_constant=_constant
)


# The decoder's own scanner, as it makes it (typeshed takes the context for a scanner).
_SCAN = make_scanner(_DECODER)  # type: ignore[arg-type]


def _parse(text: str) -> Any:
    """Parse JSON; raise ReadError (without a line for a one-line text)."""
    try:
        # The common text, one value and nothing around it, scanned without the
        # decoder's two calls and two matches of whitespace; the rest, errors included,
        # decoded as json decodes and words them.
        try:
            value, end = _SCAN(text, 0)
        except StopIteration:
            end = -1
        return value if end == len(text) else _DECODER.decode(text)
    except _RepeatedKeyError as exc:
        raise ReadError("duplicate-key", str(exc)) from None
    except _NumberError as exc:
        raise ReadError("not-json", f"not valid JSON ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ReadError("not-json", f"not valid JSON ({exc.msg})", exc.lineno) from None
    except RecursionError:
        raise ReadError("not-json", "not valid JSON (nested too deeply)") from None


def read_jsonl(content: bytes, file: str) -> Iterator[RawRecord | ReadError]:
    """Parse a JSON Lines dataset file: one record a line, each with a ``type`` field.

    A bad line comes out as a :class:`ReadError` among the records, and reading goes on.

    >>> [r.collection for r in read_jsonl(b'{"type": "country", "id": "SRB", "name": "Serbia"}', "x.jsonl")]
    ['countries']
    """
    text = decode(content)
    # Split on newlines only: str.splitlines() would also cut at U+2028 inside a string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            data = _parse(line)
        except ReadError as exc:
            yield ReadError(exc.code, exc.message, number)
            continue
        if not isinstance(data, dict):
            message = f"expected a JSON object, got {type(data).__name__}"
            yield ReadError("not-an-object", message, number)
            continue
        given = "type" in data
        record_type = data.pop("type", None)
        collection = _BY_RECORD_TYPE.get(record_type) if isinstance(record_type, str) else None
        if collection is None:
            types = ", ".join(_BY_RECORD_TYPE)
            if given:
                message = f"field 'type' must be one of {types}, got {record_type!r}"
            else:
                message = f"field 'type' is missing: give one of {types}"
            yield ReadError("bad-type", message, number)
            continue
        yield RawRecord(collection, data, file, number, number)


def read_json(content: bytes, file: str) -> Iterator[RawRecord]:
    """Parse a whole-dataset JSON document, as ``geoalign export`` writes it.

    >>> doc = b'{"schema_version": 1, "countries": [{"id": "SRB", "name": "Serbia"}]}'
    >>> [r.data["id"] for r in read_json(doc, "x.json")]
    ['SRB']
    """
    document = _parse(decode(content))
    if not isinstance(document, dict):
        raise ReadError("not-an-object", f"expected a JSON object, got {type(document).__name__}")
    version = document.pop("schema_version", None)
    if type(version) is not int or version != SCHEMA_VERSION:
        given = "no schema_version" if version is None else f"schema_version {version!r}"
        message = f"{given}: this geoalign reads JSON documents of schema_version {SCHEMA_VERSION}"
        raise ReadError("schema-version", message)
    yield from records_of(document, file)
