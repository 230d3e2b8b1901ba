"""The JSON Schema of the dataset file format, built from the model classes and enums.

Editors and validators can check a dataset file against it before geoalign loads it.
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import attrs

from geoalign.formats.aliases import ALIASES, AliasEntry
from geoalign.formats.convert import tuple_item_type, unstructure
from geoalign.model.dates import PartialDate
from geoalign.model.edtf import EDTF_FORMS, EDTFDate
from geoalign.model.records import (
    COLLECTIONS,
    COUNTRY_ID,
    RECORD_CLASSES,
    SLUG_ID,
    Event,
    Relationship,
    references,
)

__all__ = ["dataset_schema"]

_ISO_DATE = r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"
_DATE_PATTERN = rf"^{_ISO_DATE}[?~%]?$"
_RANGE = rf"({_ISO_DATE})?\.\.({_ISO_DATE})?"
_EDTF_PATTERN = rf"^({_ISO_DATE}|\[{_RANGE}\]|[0-9]{{3}}X|[0-9]{{2}}XX)[?~%]?$"
_COUNTRY = f"^{COUNTRY_ID.pattern}$"
_SLUG = f"^{SLUG_ID.pattern}$"
_ACTOR = f"^({COUNTRY_ID.pattern}|{SLUG_ID.pattern})$"
# What the types alone do not say: the list sizes the loader insists on.  (The form of
# the ids a field refers to comes from the registry: see _id_pattern.)
_NON_EMPTY = {"minItems": 1}
_LIST_RULES: dict[tuple[type[Any], str], dict[str, Any]] = {
    (Relationship, "citations"): _NON_EMPTY,
    (Event, "citations"): _NON_EMPTY,
    (Event, "actors"): {"minItems": 1, "uniqueItems": True},
    (AliasEntry, "names"): _NON_EMPTY,
}


def dataset_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a YAML dataset file, built from the model.

    Every record type, field, enum value, id form and date form; ``additionalProperties``
    is false everywhere, as the loader refuses unknown fields.  Checks across records
    (that references resolve, that ids are unique, that periods end after they start)
    are the loader's alone.

    >>> schema = dataset_schema()
    >>> schema["$schema"], sorted(schema["properties"]) == sorted([*COLLECTIONS, "aliases"])
    ('https://json-schema.org/draft/2020-12/schema', True)
    >>> schema["$defs"]["Country"]["properties"]["id"]
    {'type': 'string', 'pattern': '^[A-Z]{3}$'}
    """
    defs: dict[str, Any] = {
        "PartialDate": {
            "description": "A date to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD, "
            "optionally followed by ?, ~ or % (a bare year may also be written as a number).",
            "anyOf": [
                {"type": "string", "pattern": _DATE_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
        },
        "EDTFDate": {
            "description": f"An EDTF date: {EDTF_FORMS} (a bare year may also be written "
            "as a number, and an unquoted YAML range is read as one).",
            "anyOf": [
                {"type": "string", "pattern": _EDTF_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
                {  # what YAML makes of an unquoted range: a list of one item
                    "type": "array",
                    "prefixItems": [{"type": "string", "pattern": f"^{_RANGE}$"}],
                    "minItems": 1,
                    "maxItems": 1,
                },
            ],
        },
    }
    properties = {}
    for collection, cls in RECORD_CLASSES.items():
        _define(cls, defs)
        properties[collection] = {
            "description": f"A list of {COLLECTIONS[collection]} records.",
            "type": ["array", "null"],
            "items": {"$ref": f"#/$defs/{cls.__name__}"},
        }
    properties[ALIASES] = {
        "description": "Names added to actors defined elsewhere (bundled, or in this dataset).",
        "type": ["array", "null"],
        "items": _define(AliasEntry, defs),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "geoalign dataset file",
        "description": "A mapping from collection names to lists of records.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def _define(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Add ``cls`` (and what it uses) to ``defs``; return a reference to it."""
    name = cls.__name__
    if name not in defs:
        if issubclass(cls, enum.Enum):
            defs[name] = {"description": _summary(cls), "enum": [m.value for m in cls]}
        else:
            defs[name] = _object_schema(cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _object_schema(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    refers = references(cls)
    own = tuple(collection for collection, kind in RECORD_CLASSES.items() if kind is cls)
    for field in attrs.fields(cls):
        pattern = _id_pattern(own if field.name == "id" else refers.get(field.name, ()))
        schema = _type_schema(hints[field.name], pattern, defs)
        schema.update(_LIST_RULES.get((cls, field.name), {}))
        if field.default is attrs.NOTHING:
            required.append(field.name)
        else:
            schema["default"] = unstructure(field.default)
        properties[field.name] = schema
    return {
        "description": _summary(cls),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _id_pattern(collections: tuple[str, ...]) -> str | None:
    """The form of an id of a record in one of ``collections`` (``None`` for none).

    >>> _id_pattern(("countries",)), _id_pattern(("sources",))
    ('^[A-Z]{3}$', '^[a-z0-9][a-z0-9._-]*$')
    """
    if not collections:
        return None
    if "countries" not in collections:
        return _SLUG
    return _COUNTRY if collections == ("countries",) else _ACTOR


def _type_schema(hint: Any, pattern: str | None, defs: dict[str, Any]) -> dict[str, Any]:
    if hint is str:
        # The loader refuses blank text; an id or a reference must also have its form.
        return {"type": "string", "pattern": pattern or r"\S"}
    if hint is PartialDate:
        return {"$ref": "#/$defs/PartialDate"}
    if hint == EDTFDate:
        return {"$ref": "#/$defs/EDTFDate"}
    if hint == EDTFDate | None:
        return {"anyOf": [{"$ref": "#/$defs/EDTFDate"}, {"type": "null"}]}
    item = tuple_item_type(hint)
    if item is not None:
        return {"type": "array", "items": _type_schema(item, pattern, defs)}
    if isinstance(hint, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1 and len(typing.get_args(hint)) == 2:
            return {"anyOf": [_type_schema(options[0], pattern, defs), {"type": "null"}]}
    if isinstance(hint, type) and (attrs.has(hint) or issubclass(hint, enum.Enum)):
        return _define(hint, defs)
    raise TypeError(f"no JSON Schema for the field type {hint!r}")  # a new kind of model field


def _summary(cls: type[Any]) -> str:
    return (cls.__doc__ or cls.__name__).strip().splitlines()[0]
