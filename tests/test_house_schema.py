"""The JSON Schema takes the form of referring fields from the model's registry.

Which fields hold ids of which records is stated once, in the attrs metadata read by
:func:`geoalign.model.records.references`; the schema derives each id pattern from it.
"""

from __future__ import annotations

import re
import typing
from typing import Any

import attrs
import pytest

from geoalign.formats import schema
from geoalign.formats.convert import tuple_item_type
from geoalign.model.records import (
    ACTOR_COLLECTIONS,
    COUNTRY_ID,
    RECORD_CLASSES,
    SLUG_ID,
    references,
    refers_to,
)

SAMPLE_IDS = {"countries": "RUS", "sources": "see-news-2022", "organizations": "hts"}


def _string_schema(field_schema: dict[str, Any]) -> dict[str, Any]:
    """The string schema inside a field's schema (through an optional or a list)."""
    if "anyOf" in field_schema:
        return _string_schema(field_schema["anyOf"][0])
    if field_schema.get("type") == "array":
        return _string_schema(field_schema["items"])
    return field_schema


@pytest.mark.parametrize("collection", list(RECORD_CLASSES))
def test_every_referring_field_takes_the_ids_of_what_it_refers_to(collection: str) -> None:
    defs = schema.dataset_schema()["$defs"]
    cls = RECORD_CLASSES[collection]
    for record_cls in (cls, *_nested(cls)):
        properties = defs[record_cls.__name__]["properties"]
        for field, targets in references(record_cls).items():
            pattern = re.compile(_string_schema(properties[field])["pattern"])
            for target in targets:
                sample = SAMPLE_IDS.get(target, "some-slug")
                assert pattern.fullmatch(sample), (record_cls.__name__, field, target)
            if "countries" not in targets:  # a slug field never takes a country code
                assert not pattern.fullmatch("RUS"), (record_cls.__name__, field)
            if targets == ("countries",):
                assert not pattern.fullmatch("hts"), (record_cls.__name__, field)


def _nested(cls: type[Any]) -> list[type[Any]]:
    """The record classes listed in ``cls``'s fields (a person's roles, the citations)."""
    items = [tuple_item_type(hint) for hint in typing.get_type_hints(cls).values()]
    return [item for item in items if isinstance(item, type) and attrs.has(item)]


def test_the_nested_records_are_checked_too() -> None:
    assert {c.__name__ for cls in RECORD_CLASSES.values() for c in _nested(cls)} == {
        "Citation",
        "Role",
    }


def test_a_citation_claimant_is_an_actor_id() -> None:
    # The hand-written list this replaced had missed claimed_by.
    claimed_by = schema.dataset_schema()["$defs"]["Citation"]["properties"]["claimed_by"]
    pattern = re.compile(_string_schema(claimed_by)["pattern"])
    assert pattern.fullmatch("RUS")
    assert pattern.fullmatch("mikhail-ulyanov")
    assert not pattern.fullmatch("Mikhail Ulyanov")


def test_a_new_referring_field_gets_its_pattern_without_a_line_in_the_schema() -> None:
    @attrs.frozen(kw_only=True)
    class Visit:
        """A made-up record with references of three forms."""

        id: str
        host: str = attrs.field(metadata=refers_to("countries"))
        guests: tuple[str, ...] = attrs.field(metadata=refers_to(*ACTOR_COLLECTIONS))
        reported_in: str | None = attrs.field(default=None, metadata=refers_to("sources"))
        note: str | None = None

    properties = schema._object_schema(Visit, {})["properties"]
    assert properties["host"]["pattern"] == f"^{COUNTRY_ID.pattern}$"
    assert properties["guests"]["items"]["pattern"] == f"^({COUNTRY_ID.pattern}|{SLUG_ID.pattern})$"
    assert properties["reported_in"]["anyOf"][0]["pattern"] == f"^{SLUG_ID.pattern}$"
    assert properties["note"]["anyOf"][0]["pattern"] == r"\S"  # no reference: any text
    assert properties["id"]["pattern"] == r"\S"  # not a collection's class: no id form
