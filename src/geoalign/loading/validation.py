"""Whole-dataset validation: ids, references, dates and citations, across all files.

It works on structured records and knows where each came from, so every problem names
its file, its record and its field.  It needs neither YAML nor cattrs, so the bundled
dataset's precompiled records are checked by the same rules as a user's files.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import NamedTuple

from geoalign.model.dates import PartialDate
from geoalign.model.records import (
    COLLECTIONS,
    COUNTRY_ID,
    SLUG_ID,
    Event,
    Organization,
    Person,
    Record,
    Records,
    Relationship,
    Source,
)

__all__ = ["Located", "check", "describe", "merge", "validate"]

_ACTORS = ("countries", "organizations", "persons")


class Located(NamedTuple):
    """A record with the place it was read from."""

    record: Record
    collection: str
    where: str
    position: int

    def problem(self, field: str, message: str) -> str:
        """One problem line about this record."""
        return describe(self.where, self.collection, self.record.id, self.position, field, message)

    def label(self) -> str:
        """Where the record stands, for pointing at it from another problem."""
        singular = COLLECTIONS[self.collection]
        return f"the {singular} at {self.where} #{self.position}"


def describe(
    where: str, collection: str, record_id: object, position: int, field: str, message: str
) -> str:
    """One problem line: ``where: kind 'id', field 'name': message``."""
    singular = COLLECTIONS[collection]
    who = f"{singular} {record_id!r}" if isinstance(record_id, str) else f"{singular} #{position}"
    return f"{where}: {who}" + (f", field {field!r}" if field else "") + f": {message}"


def merge(layers: Iterable[list[Located]], override: bool, problems: list[str]) -> list[Located]:
    """Stack layers of records (bundled first); report duplicate and colliding ids."""
    merged: dict[str, Located] = {}
    for depth, layer in enumerate(layers):
        seen: dict[str, Located] = {}
        for item in layer:
            record_id = item.record.id
            if record_id in seen:
                first = seen[record_id]
                problems.append(item.problem("id", f"duplicate id, also used by {first.label()}"))
                continue
            seen[record_id] = item
            earlier = merged.get(record_id)
            if earlier is not None and depth > 0:
                if not override:
                    problems.append(
                        item.problem(
                            "id",
                            "this id is already in the bundled dataset "
                            "(choose another id, or load with override to replace it)",
                        )
                    )
                    continue
                if earlier.collection != item.collection:
                    problems.append(
                        item.problem("id", f"overrides a bundled {COLLECTIONS[earlier.collection]}")
                    )
                    continue
            merged[record_id] = item
    return list(merged.values())


def check(items: list[Located], refused: Collection[str] = ()) -> Iterator[str]:
    """Whole-dataset checks: id forms, references, date order, citations.

    References to ``refused`` ids (records already reported as malformed) are not
    reported again as unknown.
    """
    kinds = {item.record.id: item.collection for item in items}
    published = {
        item.record.id: item.record.published for item in items if isinstance(item.record, Source)
    }

    def refers(item: Located, field: str, value: str | None, wanted: tuple[str, ...]) -> str | None:
        """The problem with a reference, if any (a plain call: this runs per citation)."""
        if value is None or kinds.get(value) in wanted or value in refused:
            return None
        expected = _either(COLLECTIONS[c] for c in wanted)
        found = kinds.get(value)
        message = (
            f"{value!r} is {_article(COLLECTIONS[found])} {COLLECTIONS[found]}, "
            f"not {_article(expected)} {expected}"
            if found
            else f"{value!r}: no {expected} has this id"
        )
        return item.problem(field, message)

    for item in items:
        record = item.record
        id_form = COUNTRY_ID if item.collection == "countries" else SLUG_ID
        if not id_form.fullmatch(record.id):
            expected = (
                "three capital letters, an ISO 3166-1 alpha-3 code"
                if item.collection == "countries"
                else "lowercase letters, digits, '.', '_' and '-'"
            )
            yield item.problem("id", f"{record.id!r} is not a valid id ({expected})")
        if isinstance(record, Organization):
            if problem := refers(item, "country", record.country, ("countries",)):
                yield problem
        elif isinstance(record, Person):
            for index, role in enumerate(record.roles):
                if problem := refers(
                    item, f"roles[{index}].actor", role.actor, ("countries", "organizations")
                ):
                    yield problem
                yield from _period(item, f"roles[{index}].end", role.start, role.end)
        elif isinstance(record, Relationship | Event):
            if not record.citations:
                yield item.problem("citations", "at least one citation is required")
            for index, citation in enumerate(record.citations):
                if problem := refers(
                    item, f"citations[{index}].source", citation.source, ("sources",)
                ):
                    yield problem
            if isinstance(record, Relationship):
                if problem := refers(item, "a", record.a, _ACTORS):
                    yield problem
                if problem := refers(item, "b", record.b, _ACTORS):
                    yield problem
                if record.a == record.b:
                    yield item.problem("b", "a relationship needs two different actors")
                yield from _period(item, "end", record.start, record.end)
                if problem := refers(item, "ended_by", record.ended_by, ("sources",)):
                    yield problem
                if record.end is not None and record.ended_by is not None:
                    yield item.problem("ended_by", "give either an end date or ended_by, not both")
                elif record.ended_by in published:
                    # The tie ends when the source says so: that must not precede its start.
                    yield from _period(item, "ended_by", record.start, published[record.ended_by])
            else:
                if not record.actors:
                    yield item.problem("actors", "at least one actor is required")
                for index, actor in enumerate(record.actors):
                    if problem := refers(item, f"actors[{index}]", actor, _ACTORS):
                        yield problem
                if len(set(record.actors)) != len(record.actors):
                    yield item.problem("actors", "an actor is listed twice")


def _period(
    item: Located, field: str, start: PartialDate | None, end: PartialDate | None
) -> Iterator[str]:
    if start is not None and end is not None and end.latest < start.earliest:
        yield item.problem(field, f"ends ({end}) before it starts ({start})")


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _either(names: Iterable[str]) -> str:
    """``"a"``, ``"a or b"``, ``"a, b or c"``."""
    *rest, last = names
    return f"{', '.join(rest)} or {last}" if rest else last


def validate(records: Records, where: str) -> list[str]:
    """Every problem of already-structured records, as if read from ``where``.

    >>> validate(Records(), "nowhere")
    []
    """
    problems: list[str] = []
    items = [
        Located(record, name, where, position)
        for name in COLLECTIONS
        for position, record in enumerate(getattr(records, name), start=1)
    ]
    problems.extend(check(merge([items], False, problems)))
    return problems
