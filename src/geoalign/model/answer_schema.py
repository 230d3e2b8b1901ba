"""The JSON Schema of answers: what every ``to_dict()`` of :mod:`geoalign.model.explained`
gives, and what the command line and the HTTP API print.

One schema, versioned: each answer says ``"answer"`` (which question) and
``"version"`` (:data:`~geoalign.model.explained.ANSWER_VERSION`); the schema's ``$id``
names the version too.  Objects admit no other properties, so a field added to an
answer without the schema fails the tests.

>>> ANSWER_SCHEMA["$id"]
'urn:geoalign:answer-schema:1'
>>> sorted(ANSWER_SCHEMA["$defs"]["answer"]["oneOf"][0])
['$ref']
"""

from __future__ import annotations

from typing import Any

from geoalign.model.explained import ANSWER_VERSION
from geoalign.model.kinds import Certainty, Confidence, EventKind, RelationshipKind

__all__ = ["ANSWER_SCHEMA"]

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


def _answer(name: str, **properties: Any) -> dict[str, Any]:
    return _object(answer={"const": name}, version={"const": ANSWER_VERSION}, **properties)


_CERTAINTY = _enum(Certainty)
_KINDS = {"type": "array", "items": _enum(RelationshipKind)}
_TIES_QUESTION = {
    "actor": _ref("actor"),
    "as_of": _EDTF,
    "kinds": _KINDS,
    "certainty": _CERTAINTY,
    "as_known_on": _MAYBE_EDTF,
}
_DEFS: dict[str, Any] = {
    "actor": _object(id=_TEXT, name=_TEXT, type={"enum": ["country", "organization", "person"]}),
    "source": _object(id=_TEXT, title=_TEXT, publisher=_TEXT, published=_EDTF, url=_MAYBE_TEXT),
    "quote": _object(
        quote=_TEXT,
        confidence=_enum(Confidence),
        claimed_by=_MAYBE_TEXT,
        claimed_on=_MAYBE_EDTF,
        source=_ref("source"),
    ),
    "tie": _object(
        id=_TEXT,
        kind=_enum(RelationshipKind),
        a=_TEXT,
        b=_TEXT,
        start=_MAYBE_EDTF,
        end=_MAYBE_EDTF,
        ended_by=_MAYBE_TEXT,
        confidence=_enum(Confidence),
        summary=_TEXT,
        certainty=_CERTAINTY,
        reason=_TEXT,
        quotes=_list("quote"),
    ),
    "event": _object(
        id=_TEXT,
        kind=_enum(EventKind),
        date=_EDTF,
        actors={"type": "array", "items": _TEXT},
        location=_MAYBE_TEXT,
        confidence=_enum(Confidence),
        summary=_TEXT,
        certainty=_CERTAINTY,
        reason=_TEXT,
        quotes=_list("quote"),
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
        listings=_list("tie"),
        events=_list("event"),
        on_owned=_list("tie"),
        ownership=_list("tie"),
    ),
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
}
_ANSWERS = ("allies", "relationships", "sanctions", "timeline", "between", "changes")
_DEFS["answer"] = {"oneOf": [_ref(name) for name in _ANSWERS]}

ANSWER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"urn:geoalign:answer-schema:{ANSWER_VERSION}",
    "title": f"geoalign answers, version {ANSWER_VERSION}",
    "description": "The JSON form of every geoalign answer, told apart by 'answer'.",
    "$ref": "#/$defs/answer",
    "$defs": _DEFS,
}
"""The JSON Schema (draft 2020-12) every answer's ``to_dict()`` validates against."""
