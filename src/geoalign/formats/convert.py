"""The cattrs converter between records and plain data (what YAML and JSON hold).

Structuring is strict where cattrs on its own is lenient: unknown keys are refused,
a string is never taken for a list of characters, a number is never taken for a
name, and an enum value must be one of the listed ones.  Errors come out as
``(field path, message)`` pairs that the loader turns into one-line messages.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from geoalign.errors import InvalidDateError
from geoalign.model.dates import PartialDate
from geoalign.model.edtf import EDTF_FORMS, BoundedDate, EDTFDate, parse_edtf
from geoalign.model.kinds import Confidence, EventKind, OrganizationKind, RelationshipKind

__all__ = ["CONVERTER", "field_errors", "structure", "tuple_item_type", "unstructure"]

T = TypeVar("T")


def _structure_text(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {_describe(value)}")
    if not value.strip():
        raise ValueError("must not be empty")
    return value


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

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        # cattrs would happily iterate a string into a tuple of characters.
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {_describe(value)}")
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
    # YAML reads an unquoted 2024 as a number; whoever wrote it meant the year.
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}" if value >= 0 else str(value)
    if not isinstance(value, str):
        raise InvalidDateError(f"expected a date ({expected}), got {_describe(value)}")
    return value


def _structure_date(value: object, _: type) -> PartialDate:
    return PartialDate.parse(_date_text(value, "YYYY, YYYY-MM or YYYY-MM-DD"))


def _structure_edtf(value: object, _: type) -> EDTFDate:
    # YAML reads an unquoted [2022..2024] as a list of one item, '2022..2024'.
    if isinstance(value, list) and len(value) == 1 and ".." in str(value[0]):
        value = f"[{value[0]}]"
    return parse_edtf(_date_text(value, EDTF_FORMS))


def _structure_optional_edtf(value: object, hint: type) -> EDTFDate | None:
    # The hook of a union receives None too; only an optional date may be None.
    return None if value is None else _structure_edtf(value, hint)


def _structure_enum(value: object, kind: type[enum.Enum]) -> enum.Enum:
    member = kind._value2member_map_.get(value) if isinstance(value, str) else None
    if member is not None:  # the common case, without the cost of a call to the enum
        return member
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise ValueError(f"{value!r} is not a {_enum_label(kind)} (one of: {allowed})") from None


def _enum_label(kind: type[enum.Enum]) -> str:
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in kind.__name__).strip()
    return f"known {words}"


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _record_hook_factory(cls: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    structure_fields = make_dict_structure_fn(cls, converter)

    def structure_record(value: object, _: type) -> Any:
        # cattrs would fail on a non-mapping with an AttributeError about `.keys`.
        if not isinstance(value, dict):
            raise TypeError(f"expected a mapping of fields, got {_describe(value)}")
        return structure_fields(value, cls)

    return structure_record


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    converter.register_structure_hook(str, _structure_text)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory)
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_structure_hook(EDTFDate, _structure_edtf)
    converter.register_structure_hook(EDTFDate | None, _structure_optional_edtf)
    converter.register_structure_hook_factory(attrs.has, _record_hook_factory)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_unstructure_hook(BoundedDate, str)
    for kind in (Confidence, EventKind, OrganizationKind, RelationshipKind):
        converter.register_structure_hook(kind, _structure_enum)
    return converter


CONVERTER = _make_converter()
"""The converter every load and dump goes through."""


def structure(data: Any, cls: type[T]) -> T:
    """Build a record of type ``cls`` from plain data, strictly.

    >>> from geoalign.model.records import Citation
    >>> structure({"source": "s1", "quote": "Syria stands with Moscow"}, Citation)
    Citation(source='s1', quote='Syria stands with Moscow')
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


def field_errors(exc: BaseException, path: str = "") -> Iterator[tuple[str, str]]:
    """Flatten a cattrs structuring error into ``(field path, message)`` pairs.

    >>> from geoalign.model.records import Citation
    >>> try:
    ...     structure({"source": "s1", "quote": 7, "page": 3}, Citation)
    ... except Exception as exc:
    ...     sorted(field_errors(exc))
    [('', "unknown field 'page'"), ('quote', 'expected text, got int 7')]
    """
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, attribute_note in with_notes:
            yield from field_errors(sub, _join(path, attribute_note.name))
        for sub in without:
            yield from field_errors(sub, path)
    elif isinstance(exc, IterableValidationError):
        with_index, without_index = exc.group_exceptions()
        for sub, index_note in with_index:
            yield from field_errors(sub, f"{path}[{index_note.index}]")
        for sub in without_index:
            yield from field_errors(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for name in sorted(exc.extra_fields):
            yield path, f"unknown field {name!r}"
    elif isinstance(exc, KeyError):
        yield path, "missing required field"
    elif isinstance(exc, AttributeValidationNote | IterableValidationNote):  # pragma: no cover
        yield path, str(exc)
    else:
        yield path, _message(exc)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _message(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, TypeError) and not text.startswith("expected"):
        # cattrs' own type errors name Python internals; say what was expected instead.
        return "has the wrong type"
    return text
