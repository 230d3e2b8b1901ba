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
import re
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


class Unquoted(str):
    """Text written unquoted in YAML that YAML 1.1 reads as another type.

    ``yaml11`` is that type's name in YAML 1.1 (``"int"``, ``"float"``, ``"bool"`` or
    ``"timestamp"``).  It is text like any other; only a refusal reads ``yaml11``, to
    say "quote it".

    >>> Unquoted("0700", "int") == "0700"
    True
    """

    yaml11: str

    def __new__(cls, text: str, yaml11: str) -> Unquoted:
        self = super().__new__(cls, text)
        self.yaml11 = yaml11
        return self


_YAML11_READINGS = {"int": "a number", "float": "a number", "bool": "true or false"}


class FieldError(ValueError):
    """A value the schema refuses, with the problem ``code`` the loader reports."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def _refuse(code: str, message: str, value: object) -> FieldError:
    """The refusal of ``value``; of unquoted YAML, with the advice to quote it."""
    return FieldError(code, message + _quote_it(value))


def _quote_it(value: object, unless: str = "") -> str:
    """Advice for a refused value that YAML 1.1 would have read as another type.

    ``unless`` names a YAML 1.1 type that agrees with the field (a timestamp for a
    date), where quoting would change nothing.
    """
    if isinstance(value, Unquoted) and value.yaml11 != unless:
        reading = _YAML11_READINGS.get(value.yaml11, f"a {value.yaml11}")
        return f"; YAML 1.1 reads the unquoted {str(value)!r} as {reading}: quote it"
    return ""


# Unicode's control characters (categories Cc) and lone surrogates (Cs): one line of text
# holds none, and they must never reach a terminal.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)  # Unicode's 66 noncharacters: for a program's internal use, never for interchange
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")


LONGEST_TEXT = 100_000
"""The most characters a text field holds: far above any quote or summary, and low enough
that a runaway value is refused before the name index copies it."""


def _structure_text(value: object, _: type) -> str:
    if (
        type(value) is str
        and 0 < len(value) <= LONGEST_TEXT
        and not value.isspace()
        and value.isprintable()
    ):
        return value  # the common case, in C calls only
    if value is None:
        raise FieldError("wrong-type", "expected text, got null (quote 'null' for the word)")
    if not isinstance(value, str):
        raise FieldError("wrong-type", f"expected text, got {_describe(value)}")
    text = str(value)  # an Unquoted value: the record keeps plain text
    if len(text) > LONGEST_TEXT:
        message = f"is {len(text):,} characters long; a text field holds at most {LONGEST_TEXT:,}"
        raise FieldError("too-long", message)
    if not text.strip():
        raise FieldError("empty-text", "must not be empty")
    bad = _UNPRINTABLE.search(text)  # isprintable() also fails no-break spaces and U+2028
    if bad is not None:
        raise _unprintable(bad.group(), bad.start())
    return text


def _unprintable(char: str, index: int) -> FieldError:
    at = f"(at character {index + 1})"
    if "\ud800" <= char <= "\udfff":
        message = f"holds a lone surrogate U+{ord(char):04X} {at}, which is not a character"
        return FieldError("lone-surrogate", message)
    if ord(char) > 0x9F:  # past the control characters: one of the noncharacters
        message = f"holds the noncharacter U+{ord(char):04X} {at}, which no text may hold"
        return FieldError("noncharacter", message)
    if char == "\n":
        message = f"holds a line break {at}; text is one line (in YAML, fold long text with >-)"
    else:
        message = f"holds the control character U+{ord(char):04X} {at}; text may hold none"
    return FieldError("control-character", message)


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
    texts = structure_item is _structure_text

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is list:  # the common case: one pass, and a second only to report
            if texts:  # ids and names: checked here, without a call for each
                for item in value:  # the test of _structure_text's common case
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
            raise _refuse("wrong-type", f"expected a list, got {_describe(value)}", value)
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
        raise InvalidDateError(f"expected a date ({expected}), got {_describe(value)}")
    return value


def _parsed(parse: Callable[[str], T], value: object, expected: str) -> T:
    try:
        return parse(value if type(value) is str else _date_text(value, expected))
    except InvalidDateError as exc:
        advice = _quote_it(value, unless="timestamp")
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
        advice = _quote_it(value)
        if not advice:
            raise
        raise InvalidValueError(f"{exc}{advice}") from None


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{'str' if isinstance(value, str) else type(value).__name__} {_shown(value)}"


def _shown(value: object) -> str:
    return repr(str(value) if isinstance(value, str) else value)


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
            message = f"expected a mapping of fields, got {_describe(value)}"
            raise _refuse("not-a-record", message, value)
        return detailed()(value, cls)

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
            yield _join(path, key), "unknown-field", f"unknown field {_shown(name)}"
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
