"""Reading dataset files into plain data, safely: YAML documents and JSON Lines.

Nothing in a file is ever executed.  YAML goes through the safe loader (the C one when
PyYAML has it) after a cheap pass over the parser's events that refuses what a dataset
never needs and an attacker loves: anchors and aliases (the "billion laughs"), deep
nesting (which crashes the C composer), and tags beyond the plain YAML types.  The
loader itself refuses a key repeated in a mapping, and keeps unquoted dates as text so
that they meet the same checks, and messages, as quoted ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, NamedTuple

import yaml

from geoalign.model.records import COLLECTIONS

__all__ = ["RawRecord", "ReadError", "read_jsonl", "read_yaml"]

MAX_DEPTH = 16
"""How deep mappings and lists may nest; dataset records need 4."""

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """The safe loader, stricter: dates stay text and a key may not appear twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


# An unquoted 2024-12-08 stays text, so it meets the same checks (and messages) as a quoted
# one; PyYAML's own timestamp parsing would raise bare ValueErrors on 2024-12-32.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)

_BY_RECORD_TYPE = {singular: plural for plural, singular in COLLECTIONS.items()}


class ReadError(Exception):
    """A file-level problem: the file cannot be read as a dataset file at all."""


class RawRecord(NamedTuple):
    """One record as read from a file, before structuring."""

    collection: str
    data: Any
    where: str
    """The file (and line, for JSON Lines) the record comes from, for messages."""
    position: int
    """1-based position of the record in its collection (or line in its file)."""


def decode(content: bytes) -> str:
    """Check that a file's bytes are text worth parsing."""
    if not content.strip():
        raise ReadError("the file is empty")
    if b"\x00" in content:
        raise ReadError("the file is binary, not text")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"the file is not UTF-8 text (bad byte at offset {exc.start})") from None


def _check_events(text: str) -> None:
    try:
        _walk_events(text, _Loader)
    except yaml.YAMLError as c_error:
        # libyaml may refuse a file (deep nesting, say) with a reason of its own before its
        # events reach the checks; the pure-Python parser, on this error path only, lets
        # the checks below name the reason in geoalign's words where they know it.
        try:
            _walk_events(text, yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise ReadError(f"not valid YAML: {_yaml_reason(exc)}") from None
        raise ReadError(f"not valid YAML: {_yaml_reason(c_error)}") from None


def _walk_events(text: str, loader: type[yaml.SafeLoader]) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ReadError(_at(event, "anchors and aliases (&, *) are not allowed"))
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS and tag != "!":
            raise ReadError(_at(event, f"the tag {tag!r} is not allowed"))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ReadError(_at(event, f"nesting deeper than {MAX_DEPTH} levels"))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _at(event: yaml.Event, message: str) -> str:
    mark = event.start_mark
    return f"line {mark.line + 1}: {message}" if mark is not None else message


def _yaml_reason(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        line = exc.problem_mark.line + 1
        return f"line {line}: {exc.problem}" if exc.problem else f"line {line}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def read_yaml(content: bytes, where: str) -> Iterator[RawRecord]:
    """Parse a YAML dataset file: a mapping from collection names to lists of records.

    >>> [r.data["id"] for r in read_yaml(b"countries:\\n  - {id: SRB, name: Serbia}\\n", "x.yaml")]
    ['SRB']
    """
    text = decode(content)
    _check_events(text)
    try:
        document = yaml.load(text, Loader=_Loader)  # a safe loader; its events were checked above
    except yaml.YAMLError as exc:
        raise ReadError(f"not valid YAML: {_yaml_reason(exc)}") from None
    except (ValueError, KeyError, TypeError) as exc:  # from PyYAML's scalar constructors
        raise ReadError(f"not valid YAML: a value cannot be read ({exc})") from None
    if document is None:
        raise ReadError("the file holds no data")
    if not isinstance(document, dict):
        raise ReadError(
            "expected a mapping of collections ("
            + ", ".join(f"{name}:" for name in COLLECTIONS)
            + f") at the top, got {type(document).__name__}"
        )
    unknown = [key for key in document if key not in COLLECTIONS]
    if unknown:
        raise ReadError(
            f"unknown collection {str(unknown[0])!r} at the top (expected one of: "
            + ", ".join(COLLECTIONS)
            + ")"
        )
    for collection, records in document.items():
        if records is None:
            continue
        if not isinstance(records, list):
            raise ReadError(
                f"{collection!r} must be a list of records, got {type(records).__name__}"
            )
        for position, data in enumerate(records, start=1):
            yield RawRecord(collection, data, where, position)


def read_jsonl(content: bytes, where: str) -> Iterator[RawRecord]:
    """Parse a JSON Lines dataset file: one record a line, each with a ``type`` field.

    >>> [r.collection for r in read_jsonl(b'{"type": "country", "id": "SRB", "name": "Serbia"}', "x.jsonl")]
    ['countries']
    """
    text = decode(content)
    # Split on newlines only: str.splitlines() would also cut at U+2028 inside a string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        here = f"{where}:{number}"
        try:
            data = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise ReadError(f"line {number}: not valid JSON ({_json_reason(exc)})") from None
        if not isinstance(data, dict):
            raise ReadError(f"line {number}: expected a JSON object, got {type(data).__name__}")
        record_type = data.pop("type", None)
        collection = _BY_RECORD_TYPE.get(record_type) if isinstance(record_type, str) else None
        if collection is None:
            raise ReadError(
                f"line {number}: field 'type' must be one of "
                + ", ".join(_BY_RECORD_TYPE)
                + f", got {record_type!r}"
            )
        yield RawRecord(collection, data, here, number)


def _json_reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(":")[0]
