"""The cattrs converter between records and plain data (what YAML and JSON hold).

Structuring is strict where cattrs on its own is lenient: unknown keys are refused,
a string is never taken for a list of characters, a number is never taken for a
name, an enum value must be one of the listed ones, and text is one line of printable
characters.  Errors come out as ``(field path, code, message)`` triples that the loader
turns into problems.

The schema types the text: a YAML reader hands over every plain scalar as text, and
those that YAML 1.1 would have read as another type (``0700``, ``1:20``, ``no``) as
:class:`Unquoted` text, so that a refusal can tell the writer to quote them.
"""

from __future__ import annotations

import enum
import functools
import itertools
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from geoalign.errors import InvalidDateError, InvalidValueError
from geoalign.formats.text import (
    LONGEST_TEXT,
    FieldError,
    Unquoted,
    describe,
    quote_it,
    refuse,
    shown,
    structure_text,
)
from geoalign.model.dates import PartialDate
from geoalign.model.edtf import EDTF_FORMS, BoundedDate, EDTFDate, parse_edtf
from geoalign.model.kinds import member, vocabularies

__all__ = [
    "CONVERTER",
    "LONGEST_TEXT",
    "FieldError",
    "Unquoted",
    "converted_fields",
    "field_errors",
    "field_problems",
    "structure",
    "tuple_item_type",
    "unstructure",
]

T = TypeVar("T")


def tuple_item_type(hint: Any) -> Any:
    """The item type of ``tuple[X, ...]``, or ``None`` for any other type.

    >>> tuple_item_type(tuple[str, ...]), tuple_item_type(str)
    (<class 'str'>, None)
    """
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def _is_homogeneous_tuple(cls: Any) -> bool:
    return tuple_item_type(cls) is not None


def _tuple_hook_factory(
    cls: Any, converter: cattrs.Converter
) -> Callable[[object, type], tuple[Any, ...]]:
    item_type = tuple_item_type(cls)
    structure_item = converter.get_structure_hook(item_type)
    texts = structure_item is structure_text

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is list:  # the common case: one pass, and a second only to report
            if texts:  # ids and names: checked here, without a call for each
                for item in value:  # the test of structure_text's common case
                    if not (
                        type(item) is str
                        and 0 < len(item) <= LONGEST_TEXT
                        and not item.isspace()
                        and item.isprintable()
                    ):
                        break
                else:
                    return tuple(value)
            else:
                try:
                    return tuple(map(structure_item, value, itertools.repeat(item_type)))
                except Exception:  # structured again below, item by item
                    pass
        # cattrs would happily iterate a string into a tuple of characters.
        if not isinstance(value, list | tuple):
            raise refuse("wrong-type", f"expected a list, got {describe(value)}", value)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as exc:
                exc.add_note(IterableValidationNote(f"item {index}", index, item_type))
                errors.append(exc)
        if errors:
            raise IterableValidationError("invalid items", errors, cls)
        return tuple(items)

    return structure_tuple


def _date_text(value: object, expected: str) -> str:
    # JSON has numbers: whoever wrote 2024 there meant the year.
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}" if value >= 0 else str(value)
    if not isinstance(value, str):
        raise InvalidDateError(f"expected a date ({expected}), got {describe(value)}")
    return value


def _parsed(parse: Callable[[str], T], value: object, expected: str) -> T:
    try:
        return parse(value if type(value) is str else _date_text(value, expected))
    except InvalidDateError as exc:
        advice = quote_it(value, unless="timestamp")
        if not advice:
            raise
        raise InvalidDateError(f"{exc}{advice}") from None


def _structure_date(value: object, _: type) -> PartialDate:
    return _parsed(PartialDate.parse, value, "YYYY, YYYY-MM or YYYY-MM-DD")


def _structure_edtf(value: object, _: type) -> EDTFDate:
    if type(value) is str:  # the common case: plain text, refused without advice
        return parse_edtf(value)
    # YAML reads an unquoted [2022..2024] as a list of one item, '2022..2024'.
    if isinstance(value, list) and len(value) == 1 and ".." in str(value[0]):
        value = f"[{value[0]}]"
    return _parsed(parse_edtf, value, EDTF_FORMS)


def _structure_optional_edtf(value: object, hint: type) -> EDTFDate | None:
    # The hook of a union receives None too; only an optional date may be None.
    return None if value is None else _structure_edtf(value, hint)


def _structure_enum(value: object, kind: type[enum.Enum]) -> enum.Enum:
    found = kind._value2member_map_.get(value) if isinstance(value, str) else None
    if found is not None:  # the common case, without the cost of a call
        return found
    try:
        return member(kind, value)
    except InvalidValueError as exc:
        advice = quote_it(value)
        if not advice:
            raise
        raise InvalidValueError(f"{exc}{advice}") from None


def _record_hook_factory(cls: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    # Two structuring functions from the same field hooks: one that stops at the first
    # error, for the common case, and one that gathers every error with its field, made
    # and run only when the first fails (each is generated code, compiled when made).
    quick = make_dict_structure_fn(cls, converter, _cattrs_detailed_validation=False)
    detailed = functools.cache(lambda: make_dict_structure_fn(cls, converter))

    def structure_record(value: object, _: type) -> Any:
        if type(value) is dict:
            try:
                return quick(value, cls)
            except Exception:  # structured again below, to report every error
                pass
        # cattrs would fail on a non-mapping with an AttributeError about `.keys`.
        if not isinstance(value, dict):
            message = f"expected a mapping of fields, got {describe(value)}"
            raise refuse("not-a-record", message, value)
        return detailed()(value, cls)

    return structure_record


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    converter.register_structure_hook(str, structure_text)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory)
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_structure_hook(EDTFDate, _structure_edtf)
    converter.register_structure_hook(EDTFDate | None, _structure_optional_edtf)
    converter.register_structure_hook_factory(attrs.has, _record_hook_factory)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_unstructure_hook(BoundedDate, str)
    for kind in vocabularies():
        converter.register_structure_hook(kind, _structure_enum)
    return converter


CONVERTER = _make_converter()
"""The converter every load and dump goes through."""


def structure(data: Any, cls: type[T]) -> T:
    """Build a record of type ``cls`` from plain data, strictly.

    >>> from geoalign.model.records import Citation
    >>> structure({"source": "s1", "quote": "Syria stands with Moscow"}, Citation).quote
    'Syria stands with Moscow'
    """
    return CONVERTER.structure(data, cls)


def unstructure(record: object) -> Any:
    """Turn a record into plain data (dicts, lists, strings) fit for YAML or JSON.

    Dates become ISO strings, enums their values; fields left at their default are
    omitted, so the output reads like a hand-written file.

    >>> from geoalign.model.records import Role
    >>> unstructure(Role(title="President", actor="SYR", end=PartialDate(2024, 12, 8)))
    {'title': 'President', 'actor': 'SYR', 'end': '2024-12-08'}
    """
    return CONVERTER.unstructure(record)


def converted_fields(data: Mapping[Any, Any], cls: type[Any]) -> dict[str, Any]:
    """The fields of a record's plain data that convert on their own, by name.

    For a record refused for some of its fields: the rest can still be checked.  A field
    given and refused, or required and missing, is left out; an optional one missing
    takes its default.

    >>> from geoalign.model.records import Citation
    >>> sorted(converted_fields({"source": "s1", "quote": 7}, Citation))
    ['claimed_by', 'claimed_on', 'confidence', 'source']
    """
    hints = typing.get_type_hints(cls)
    found: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.name in data:
            try:
                found[field.name] = CONVERTER.structure(data[field.name], hints[field.name])
            except Exception:  # reported already, with the whole record's problems
                continue
        elif field.default is not attrs.NOTHING:
            found[field.name] = field.default
    return found


def field_problems(exc: BaseException, path: str = "") -> Iterator[tuple[str, str, str]]:
    """Flatten a cattrs structuring error into ``(field path, code, message)`` triples.

    >>> from geoalign.model.records import Citation
    >>> try:
    ...     structure({"source": "s1", "quote": 7, "page": 3}, Citation)
    ... except Exception as exc:
    ...     sorted(field_problems(exc))
    [('page', 'unknown-field', "unknown field 'page'"), ('quote', 'wrong-type', 'expected text, got int 7')]
    """
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, attribute_note in with_notes:
            yield from field_problems(sub, _join(path, attribute_note.name))
        for sub in without:
            yield from field_problems(sub, path)
    elif isinstance(exc, IterableValidationError):
        with_index, without_index = exc.group_exceptions()
        for sub, index_note in with_index:
            yield from field_problems(sub, f"{path}[{index_note.index}]")
        for sub in without_index:
            yield from field_problems(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        # Keys of any type (YAML allows a number next to a name): order them by their text.
        for name in sorted(exc.extra_fields, key=repr):
            key = name if isinstance(name, str) else repr(name)
            yield _join(path, key), "unknown-field", f"unknown field {shown(name)}"
    elif isinstance(exc, KeyError):
        yield path, "missing-field", "missing required field"
    else:
        yield path, _code(exc), _message(exc)


def field_errors(exc: BaseException) -> Iterator[tuple[str, str]]:
    """:func:`field_problems` without the codes: ``(field path, message)`` pairs.

    >>> from geoalign.model.records import Citation
    >>> try:
    ...     structure({"source": "s1", "quote": 7}, Citation)
    ... except Exception as exc:
    ...     list(field_errors(exc))
    [('quote', 'expected text, got int 7')]
    """
    return ((path, message) for path, _, message in field_problems(exc))


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _code(exc: BaseException) -> str:
    if isinstance(exc, FieldError):
        return exc.code
    if isinstance(exc, InvalidDateError):
        return "bad-date"
    return "wrong-type" if isinstance(exc, TypeError) else "bad-value"


def _message(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, TypeError) and not text.startswith("expected"):
        # cattrs' own type errors name Python internals; say what was expected instead.
        return "has the wrong type"
    return text
