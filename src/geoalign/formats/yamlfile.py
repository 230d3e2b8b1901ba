"""Reading YAML dataset files safely, every plain scalar as text.

Nothing in a file is ever executed.  YAML goes through the safe loader (the C one when
PyYAML has it) after a cheap pass over the parser's events that refuses what a dataset
never needs and an attacker loves: anchors and aliases (the "billion laughs"), deep
nesting (which crashes the C composer), and tags beyond the plain YAML types.  The
loader refuses a key repeated in a mapping, and a key that is not text.

Plain (unquoted) scalars are text, as in StrictYAML: the schema, not YAML 1.1, types
them, so ``0700`` is not octal 448, ``1:20`` not the number 80, ``NO`` not false.  Those
that YAML 1.1 would have read as another type come as
:class:`~geoalign.formats.text.Unquoted` text, so that a refused one can be named
with the advice to quote it.  An empty value, ``~`` and ``null`` stay null.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from geoalign.formats.convert import Unquoted
from geoalign.formats.reading import RawRecord, ReadError, decode, records_of

__all__ = ["MAX_DEPTH", "read_yaml", "record_lines"]

MAX_DEPTH = 16
"""How deep mappings and lists may nest; dataset records need 4."""

_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _YAML + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
_RETYPED = ("int", "float", "bool", "timestamp")
"""The YAML 1.1 types of plain scalars that are read as text all the same."""
_UNQUOTED = "tag:geoalign,2025:unquoted-"
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Refused(yaml.constructor.ConstructorError):
    def __init__(self, code: str, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(None, None, problem, mark)
        self.code = code


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """The safe loader, stricter: plain scalars are text, keys are text and unique."""

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        tag: str = super().resolve(kind, value, implicit)
        if kind is not yaml.ScalarNode or not implicit[0] or tag == _YAML + "null":
            return tag
        name = tag.removeprefix(_YAML)
        return _UNQUOTED + name if name in _RETYPED else _YAML + "str"

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                kind = "null" if key is None else type(key).__name__
                raise _Refused(
                    "non-text-key", f"a key must be text, got {kind}", key_node.start_mark
                )
            if key in seen:
                problem = f"the key {str(key)!r} appears twice"
                raise _Refused("duplicate-key", problem, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def _unquoted(name: str) -> Any:
    def construct(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Unquoted:
        return Unquoted(node.value, name)

    return construct


for _name in _RETYPED:
    _Loader.add_constructor(_UNQUOTED + _name, _unquoted(_name))
# An explicit !!timestamp stays text too, to meet the date checks and their messages.
_Loader.add_constructor(_YAML + "timestamp", yaml.SafeLoader.construct_yaml_str)


def read_yaml(content: bytes, file: str) -> Iterator[RawRecord]:
    """Parse a YAML dataset file: a mapping from collection names to lists of records.

    >>> [r.data for r in read_yaml(b"countries:\\n  - {id: NOR, name: NO}\\n", "x.yaml")]
    [{'id': 'NOR', 'name': 'NO'}]
    """
    text = decode(content)
    _check_events(text)
    try:
        document = yaml.load(text, Loader=_Loader)  # a safe loader; its events were checked above
    except _Refused as exc:
        raise ReadError(exc.code, str(exc.problem), _line(exc.problem_mark)) from None
    except yaml.YAMLError as exc:
        raise _not_yaml(exc) from None
    except (ValueError, KeyError, TypeError) as exc:  # an explicit !!int x, say
        raise ReadError("not-yaml", f"not valid YAML: a value cannot be read ({exc})") from None
    if document is None:
        raise ReadError("no-data", "the file holds no data")
    yield from records_of(document, file)


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
            raise _not_yaml(exc) from None
        except (ValueError, OverflowError):
            pass  # the Python scanner fails on an escape beyond Unicode ("\Uffffffff")
        raise _not_yaml(c_error) from None


def _walk_events(text: str, loader: type[yaml.SafeLoader]) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _at(event, "anchor", "anchors and aliases (&, *) are not allowed")
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS and tag != "!":
            raise _at(event, "tag", f"the tag {tag!r} is not allowed")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _at(event, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _at(event: yaml.Event, code: str, message: str) -> ReadError:
    return ReadError(code, message, _line(event.start_mark))


def _line(mark: Any) -> int | None:  # a yaml.Mark, from the C parser or the Python one
    return None if mark is None else int(mark.line) + 1


def _not_yaml(exc: yaml.YAMLError) -> ReadError:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        reason = f": {exc.problem}" if exc.problem else ""
        return ReadError("not-yaml", f"not valid YAML{reason}", _line(exc.problem_mark))
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return ReadError("not-yaml", f"not valid YAML: {reason}")


_STEP = re.compile(r"\[(\d+)\]|[^.\[]+")
"""One step of a field path such as ``citations[0].source``: an index, or a key."""


def record_lines(content: bytes) -> Callable[[str, int, str | None], int | None]:
    """The lines of the records of a YAML file :func:`read_yaml` has read.

    The function returned gives the line of the record at ``position`` (1-based) of
    ``collection``: of its ``field`` (a path such as ``citations[0].source``) where the
    record gives it, else of the deepest part of the path it gives, else of the record
    itself; ``None`` without such a record.  The file is parsed again, to nodes with
    their lines, so that loads without problems never pay for lines.

    >>> line = record_lines(b"countries:\\n  - id: NOR\\n  - id: SWE\\n    name: Sweden\\n")
    >>> [line("countries", 2, field) for field in (None, "name", "capital")]
    [3, 4, 3]
    """
    # It has been read once: its events are checked and it parses.
    root = yaml.compose(decode(content), Loader=_Loader)

    def line(collection: str, position: int, field: str | None) -> int | None:
        records = _child(root, collection)
        found = _child(records[1], position - 1) if records else None
        if found is None:
            return None
        for step in _STEP.finditer(field or ""):
            index = step.group(1)
            deeper = _child(found[1], step.group() if index is None else int(index))
            if deeper is None:
                break
            found = deeper
        return found[0]

    return line


def _child(node: yaml.Node | None, step: str | int) -> tuple[int, yaml.Node] | None:
    """The line and the node of a mapping's key ``step``, or of a list's item ``step``."""
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key, value in node.value:
            if key.value == step:
                return key.start_mark.line + 1, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        item = node.value[step]
        return item.start_mark.line + 1, item
    return None
