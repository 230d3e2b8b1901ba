"""Records built in code, checked field by field as the converter checks a file's.

A record read from a file holds only what the converter made; one built in code holds
whatever it was given, since attrs checks no types.  :func:`object_problems` finds the
fields that hold what no file could give.  A value of its field's type that the
converter would keep as it is (text on one printable line, a member of the enum, a date
object, a tuple of such) is right, tested without a call for each text; any other is
given to the converter in its file form, and its refusal (the code and message a file's
value would get) is the problem, or, if the converter would take it, the value is of
the wrong type: a date as text, a kind as text, a list for a tuple.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from geoalign.formats.convert import CONVERTER, field_problems, tuple_item_type
from geoalign.formats.text import LONGEST_TEXT, FieldError, describe, structure_text
from geoalign.model.dates import PartialDate
from geoalign.model.edtf import BoundedDate

__all__ = ["object_problems", "right_fields"]

FieldProblem = tuple[str, str, str]
"""``(field path, code, message)``, as :func:`~geoalign.formats.convert.field_problems`."""

_DATES = (PartialDate, BoundedDate)


def object_problems(record: object) -> list[FieldProblem]:
    """The problems of a record's fields, as the converter would find them in a file.

    >>> from geoalign.model.records import Country, Source
    >>> object_problems(Country(id="FRE", name="Freedonia"))
    []
    >>> object_problems(Country(id="FRE", name="Free\\x1b[2J"))
    [('name', 'control-character', 'holds the control character U+001B (at character 5); text may hold none')]
    >>> object_problems(Source(id="s", title="t", publisher="p", published="2020", document="d"))
    [('published', 'wrong-type', "expected a date (parse_edtf('2020') gives one), got str '2020'")]
    """
    cls: Any = type(record)
    if _right(cls)(record):  # the common case: one pass, no problem
        return []
    return [
        found
        for name, hint, right in _fields(cls)
        if not right(value := getattr(record, name))
        for found in _problems(value, hint, name)
    ]


def right_fields(record: object) -> dict[str, Any]:
    """The fields of a record that are right, by name (the rest have problems).

    >>> from geoalign.model.records import Country
    >>> sorted(right_fields(Country(id="FRE", name=5)))
    ['aliases', 'id', 'metonyms']
    """
    cls: Any = type(record)
    return {name: value for name, _, right in _fields(cls) if right(value := getattr(record, name))}


@functools.cache
def _fields(cls: Any) -> tuple[tuple[str, Any, Callable[[object], bool]], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name], _test(hints[f.name])) for f in attrs.fields(cls))


def _is_text(value: object) -> bool:
    """Whether structure_text keeps ``value`` as it is: its test of its common case,
    then (for a no-break space, say) the hook itself."""
    if type(value) is not str:
        return False
    if 0 < len(value) <= LONGEST_TEXT and not value.isspace() and value.isprintable():
        return True
    try:
        structure_text(value, str)
    except FieldError:
        return False
    return True


@functools.cache
def _right(cls: Any) -> Callable[[object], bool]:
    """Whether a record of ``cls`` (or a value) is all right: one test of every field."""
    # One expression of every field's test, compiled once: a record a call, no loop.
    tests = {f"test_{name}": test for name, _, test in _fields(cls)}
    body = " and ".join(f"test_{name}(value.{name})" for name, _, _ in _fields(cls))
    namespace: dict[str, Any] = {"cls": cls, **tests}
    exec(f"def right(value):\n    return type(value) is cls and {body}", namespace)
    right: Callable[[object], bool] = namespace["right"]
    return right


@functools.cache
def _test(hint: Any) -> Callable[[object], bool]:
    """The test of a value of type ``hint`` that the converter would keep as it is."""
    if hint is str:
        return _is_text
    if hint is type(None):
        return lambda value: value is None
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = set(typing.get_args(hint))
        if args <= {*_DATES, type(None)}:  # a date, or an optional one: no call for each
            return lambda value: type(value) in args
        rest = _test(typing.Union[tuple(args - {type(None)})])  # noqa: UP007
        if type(None) in args:
            return lambda value: value is None or rest(value)
        tests = tuple(map(_test, args))
        return lambda value: any(test(value) for test in tests)
    if hint in _DATES:  # built by parse_edtf or their constructors, which check them
        return lambda value: type(value) is hint
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda value: type(value) is hint
    item = tuple_item_type(hint)
    if item is not None:
        test = _test(item)
        return lambda value: type(value) is tuple and all(map(test, value))
    if attrs.has(hint):
        return _right(hint)
    raise TypeError(f"no test for a field of type {hint!r}")  # a new type: give it one


def _problems(value: object, hint: Any, path: str) -> list[FieldProblem]:
    """The problems of a value that is not right for ``hint``, at ``path``."""
    cls: Any = type(value)
    if attrs.has(cls) and cls in _nested(hint):
        return [
            found
            for name, inner, right in _fields(cls)
            if not right(field := getattr(value, name))
            for found in _problems(field, inner, f"{path}.{name}")
        ]
    item = tuple_item_type(hint)
    if item is not None and type(value) is tuple:
        test = _test(item)
        return [
            found
            for index, one in enumerate(value)
            if not test(one)
            for found in _problems(one, item, f"{path}[{index}]")
        ]
    try:
        plain = CONVERTER.unstructure(value)
    except Exception:  # a record of the wrong class, itself wrong: not its fields' turn
        plain = None
    else:
        try:
            CONVERTER.structure(plain, hint)
        except Exception as exc:  # cattrs reports through exception groups of many types
            return list(field_problems(exc, path))
    return [(path, "wrong-type", f"expected {_name(hint, plain)}, got {describe(value)}")]


def _nested(hint: Any) -> tuple[type, ...]:
    """The record classes a field of type ``hint`` holds itself (not in a tuple)."""
    if tuple_item_type(hint) is not None:
        return ()
    return tuple(
        arg for arg in typing.get_args(hint) or (hint,) if isinstance(arg, type) and attrs.has(arg)
    )


def _name(hint: Any, plain: object) -> str:
    """What a value of type ``hint`` is, as a message says it."""
    args = tuple(arg for arg in typing.get_args(hint) if arg is not type(None))
    item = tuple_item_type(hint)
    if item is not None:
        return f"a tuple of {_name(item, None)}"
    if set(args) == set(_DATES) or hint in _DATES:
        how = f"parse_edtf({plain!r}) gives one" if isinstance(plain, str) else ""
        return f"a date ({how or 'a PartialDate or BoundedDate'})"
    if hint is str:
        return "text"
    if args and len(args) < len(typing.get_args(hint)):  # optional
        return f"{_name(args[0], plain)} or None"
    name = getattr(hint, "__name__", str(hint))
    return f"a {name}"
