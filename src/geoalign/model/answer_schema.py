"""The JSON Schema of answers: what every ``to_dict()`` of :mod:`geoalign.model.explained`
gives, and what the command line and the HTTP API print.

One schema, versioned: each answer says ``"answer"`` (which question) and
``"version"`` (:data:`~geoalign.model.evidence.ANSWER_VERSION`); the schema's ``$id``
names the version too.  Objects admit no other properties, so a field added to an
answer without the schema fails the tests.  The ties and events are derived from the
record classes (``answer_schema()``), the rest is written here.

>>> ANSWER_SCHEMA["$id"]
'urn:geoalign:answer-schema:1'
>>> sorted(ANSWER_SCHEMA["$defs"]["answer"]["oneOf"][0])
['$ref']
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

from geoalign.model.edtf import EDTFDate
from geoalign.model.explained import ANSWER_VERSION
from geoalign.model.items import item_fields
from geoalign.model.kinds import Certainty, Confidence, EventKind, RelationshipKind
from geoalign.model.records import ACTOR_COLLECTIONS, COLLECTIONS, RECORD_CLASSES

__all__ = ["ANSWERS", "ANSWER_SCHEMA", "answer_schema"]

_TEXT: dict[str, Any] = {"type": "string"}
_MAYBE_TEXT: dict[str, Any] = {"type": ["string", "null"]}
_EDTF: dict[str, Any] = {"type": "string", "description": "an EDTF date"}
_MAYBE_EDTF: dict[str, Any] = {"type": ["string", "null"], "description": "an EDTF date"}


def _enum(members: Any, *, nullable: bool = False) -> dict[str, Any]:
    values: list[Any] = [member.value for member in members]
    return {"enum": [*values, None] if nullable else values}


def _object(**properties: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }


def _list(item: str) -> dict[str, Any]:
    return {"type": "array", "items": {"$ref": f"#/$defs/{item}"}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _answer(answer: str, /, **properties: Any) -> dict[str, Any]:
    return _object(answer={"const": answer}, version={"const": ANSWER_VERSION}, **properties)


def _field(hint: Any) -> dict[str, Any]:
    """The JSON Schema of a record field's value as :func:`~geoalign.model.items.record_part`
    writes it."""
    if hint == EDTFDate:
        return _EDTF
    if hint == EDTFDate | None:
        return _MAYBE_EDTF
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum(hint)
    if isinstance(hint, type) and hint in _SCALARS:
        return {"type": _SCALARS[hint]}
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and args[1:] == (Ellipsis,):
        return {"type": "array", "items": _field(args[0])}
    options = [arg for arg in args if arg is not type(None)]
    if isinstance(hint, types.UnionType) and len(options) == 1 < len(args):
        inner = _field(options[0])
        if "enum" in inner:
            return {"enum": [*inner["enum"], None]}
        if isinstance(inner.get("type"), str):
            return {**inner, "type": [inner["type"], "null"]}
        return {"anyOf": [inner, {"type": "null"}]}
    raise TypeError(f"no JSON Schema for the answer field type {hint!r}")  # a new kind of field


_SCALARS = {str: "string", bool: "boolean", int: "integer", float: "number"}


def _record(cls: type[Any], **added: Any) -> dict[str, Any]:
    """The schema of an answer item: the record part of ``cls``, then ``added``."""
    return _object(**{name: _field(hint) for name, hint in item_fields(cls)}, **added)


_CERTAINTY = _enum(Certainty)
_KINDS = {"type": "array", "items": _enum(RelationshipKind)}
_ACTOR_TYPES = [COLLECTIONS[collection] for collection in ACTOR_COLLECTIONS]
_TIES_QUESTION = {
    "actor": _ref("actor"),
    "as_of": _EDTF,
    "kinds": _KINDS,
    "certainty": _CERTAINTY,
    "as_known_on": _MAYBE_EDTF,
}
_JUDGED = {"certainty": _CERTAINTY, "reason": _TEXT, "quotes": _list("quote")}
_FIXED: dict[str, Any] = {
    "actor": _object(id=_TEXT, name=_TEXT, type={"enum": _ACTOR_TYPES}),
    "listed_actor": _object(
        id=_TEXT, name=_TEXT, type={"enum": _ACTOR_TYPES}, aliases={"type": "array", "items": _TEXT}
    ),
    "source": _object(id=_TEXT, title=_TEXT, publisher=_TEXT, published=_EDTF, url=_MAYBE_TEXT),
    "quote": _object(
        quote=_TEXT,
        confidence=_enum(Confidence),
        claimed_by=_MAYBE_TEXT,
        claimed_on=_MAYBE_EDTF,
        source=_ref("source"),
    ),
    "ally": _object(actor=_ref("actor"), certainty=_CERTAINTY, ties=_list("tie")),
    "bound": _object(
        bound={"enum": ["possible_from", "definite_from", "definite_until", "possible_until"]},
        day={"type": ["string", "null"], "format": "date"},
        rule=_TEXT,
        date=_MAYBE_EDTF,
        source=_MAYBE_TEXT,
        reason=_TEXT,
    ),
    "change": _object(
        change={"enum": ["began", "ended"]},
        certainty=_CERTAINTY,
        other=_ref("actor"),
        relation=_TEXT,
        bounds=_list("bound"),
        tie=_ref("tie"),
    ),
    "allies": _answer("allies", **_TIES_QUESTION, allies=_list("ally")),
    "relationships": _answer(
        "relationships", **_TIES_QUESTION, side={"enum": ["a", "b", None]}, ties=_list("tie")
    ),
    "relationships_any_time": _answer(
        "relationships",
        actor=_ref("actor"),
        as_of={"const": None},
        kinds=_KINDS,
        as_known_on=_MAYBE_EDTF,
        ties=_list("cited_tie"),
    ),
    "sanctions": _answer(
        "sanctions",
        imposer=_ref("actor"),
        target=_ref("actor"),
        as_of=_EDTF,
        as_known_on=_MAYBE_EDTF,
        state={"enum": ["imposed", "lifted", "not_imposed", "unknown"]},
        certainty=_enum(Certainty, nullable=True),
        summary=_TEXT,
        measures=_list("tie"),
        possibly=_list("tie"),
        listings=_list("tie"),
        events=_list("event"),
        on_owned=_list("tie"),
        ownership=_list("tie"),
    ),
    **{
        f"sanctions_{side}": _answer(f"sanctions_{side}", **_TIES_QUESTION, ties=_list("tie"))
        for side in ("on", "by")
    },
    "timeline": _answer(
        "timeline",
        a=_ref("actor"),
        b=_ref("actor"),
        start=_MAYBE_EDTF,
        end=_MAYBE_EDTF,
        certainty=_CERTAINTY,
        as_known_on=_MAYBE_EDTF,
        events=_list("event"),
    ),
    "events": _answer(
        "events",
        actor=_ref("actor"),
        start=_MAYBE_EDTF,
        end=_MAYBE_EDTF,
        event_kinds={"type": ["array", "null"], "items": _enum(EventKind)},
        where=_MAYBE_TEXT,
        certainty=_CERTAINTY,
        as_known_on=_MAYBE_EDTF,
        events=_list("event"),
    ),
    "between": _answer(
        "between",
        a=_ref("actor"),
        b=_ref("actor"),
        start=_MAYBE_EDTF,
        end=_MAYBE_EDTF,
        kinds=_KINDS,
        certainty=_CERTAINTY,
        as_known_on=_MAYBE_EDTF,
        ties=_list("tie"),
        events=_list("event"),
    ),
    "changes": _answer(
        "changes",
        actor=_ref("actor"),
        since=_EDTF,
        until=_EDTF,
        kinds=_KINDS,
        as_known_on=_MAYBE_EDTF,
        began=_list("change"),
        ended=_list("change"),
    ),
    "actors": _answer(
        "actors",
        type={"enum": [*_ACTOR_TYPES, None]},
        name=_MAYBE_TEXT,
        actors=_list("listed_actor"),
    ),
}
ANSWERS = (
    "allies",
    "relationships",
    "relationships_any_time",
    "sanctions",
    "sanctions_on",
    "sanctions_by",
    "timeline",
    "events",
    "between",
    "changes",
    "actors",
)
"""The definitions of whole answers in the schema, one of which every answer matches."""


def answer_schema() -> dict[str, Any]:
    """The answers' JSON Schema, built from the record classes of the registry now.

    The ties and events of answers carry the fields of the registry's
    :class:`~geoalign.model.records.Relationship` and
    :class:`~geoalign.model.records.Event` classes (see :mod:`geoalign.model.items`);
    :data:`ANSWER_SCHEMA` is this schema for the classes geoalign ships.

    >>> list(answer_schema()["$defs"]["tie"]["properties"])[:5]
    ['id', 'kind', 'a', 'b', 'confidence']
    """
    tie_class, event_class = RECORD_CLASSES["relationships"], RECORD_CLASSES["events"]
    defs: dict[str, Any] = {
        "tie": _record(tie_class, **_JUDGED),
        "cited_tie": _record(tie_class, quotes=_list("quote")),
        "event": _record(event_class, **_JUDGED),
        **_FIXED,
        "answer": {"oneOf": [_ref(name) for name in ANSWERS]},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:geoalign:answer-schema:{ANSWER_VERSION}",
        "title": f"geoalign answers, version {ANSWER_VERSION}",
        "description": "The JSON form of every geoalign answer, told apart by 'answer' "
        "(and a 'relationships' answer by whether it has an 'as_of').",
        "$ref": "#/$defs/answer",
        "$defs": defs,
    }


ANSWER_SCHEMA: dict[str, Any] = answer_schema()
"""The JSON Schema (draft 2020-12) every answer's ``to_dict()`` validates against."""
