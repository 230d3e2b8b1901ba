"""Loading: files to validated records, all or nothing.

:func:`load_records` reads the bundled files and/or a user's files, structures every
record with the strict converter, then checks the dataset as a whole (unique ids,
references, dates, citations).  It gathers every problem it finds and raises one
:class:`~geoalign.DatasetError` listing them all; it never returns part of a dataset.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeAlias

import attrs

from geoalign.convert import field_errors, structure
from geoalign.errors import DatasetError
from geoalign.model import Country, Event, Organization, Person, Relationship, Source
from geoalign.reading import COLLECTIONS, RawRecord, ReadError, read_jsonl, read_yaml

__all__ = ["DATA_SUFFIXES", "Records", "bundled_files", "load_records"]

Record: TypeAlias = Source | Country | Organization | Person | Relationship | Event

_CLASSES: dict[str, type[Record]] = {
    "sources": Source,
    "countries": Country,
    "organizations": Organization,
    "persons": Person,
    "relationships": Relationship,
    "events": Event,
}
DATA_SUFFIXES = (".yaml", ".yml", ".jsonl")
_COUNTRY_ID = re.compile(r"[A-Z]{3}")
_SLUG_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


@attrs.frozen
class Records:
    """The validated records of a dataset, one tuple per collection, in file order."""

    sources: tuple[Source, ...] = ()
    countries: tuple[Country, ...] = ()
    organizations: tuple[Organization, ...] = ()
    persons: tuple[Person, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    events: tuple[Event, ...] = ()


@attrs.frozen
class _Located:
    record: Record
    collection: str
    where: str
    position: int

    def problem(self, field: str, message: str) -> str:
        return _problem(self.where, self.collection, self.record.id, self.position, field, message)


def _problem(
    where: str, collection: str, record_id: object, position: int, field: str, message: str
) -> str:
    singular = COLLECTIONS[collection]
    who = f"{singular} {record_id!r}" if isinstance(record_id, str) else f"{singular} #{position}"
    if ":" in where.rsplit("/", 1)[-1]:  # JSON Lines: the line already names the record
        who = f"{singular} {record_id!r}" if isinstance(record_id, str) else singular
    return f"{where}: {who}" + (f", field {field!r}" if field else "") + f": {message}"


def bundled_files() -> list[tuple[str, bytes]]:
    """The bundled dataset's files, as ``(name, content)`` pairs, read from the package."""
    folder = importlib.resources.files("geoalign").joinpath("data")
    try:
        return [
            (f"{name}.yaml", folder.joinpath(f"{name}.yaml").read_bytes()) for name in COLLECTIONS
        ]
    except OSError as exc:
        raise DatasetError(
            f"the bundled dataset is missing from the installed package: {exc}"
        ) from None


def _user_files(path: str | Path) -> list[tuple[str, bytes]]:
    root = Path(path)
    if root.is_dir():
        paths = sorted(p for p in root.iterdir() if p.suffix in DATA_SUFFIXES and p.is_file())
        if not paths:
            raise DatasetError(
                f"{root}: no dataset files (*.yaml, *.yml, *.jsonl) in this directory"
            )
    elif root.is_file():
        paths = [root]
    else:
        raise DatasetError(f"{root}: no such file or directory")
    files = []
    for file in paths:
        try:
            files.append((str(file), file.read_bytes()))
        except OSError as exc:
            raise DatasetError(f"{file}: cannot be read ({exc.strerror})") from None
    return files


def _read(files: Iterable[tuple[str, bytes]], problems: list[str]) -> Iterator[RawRecord]:
    for where, content in files:
        reader = read_jsonl if where.endswith(".jsonl") else read_yaml
        try:
            raw = list(reader(content, where))
        except ReadError as exc:
            problems.append(f"{where}: {exc}")
            continue
        yield from raw


def _structure(raw: RawRecord, problems: list[str]) -> _Located | None:
    data = raw.data
    record_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(data, dict):
        problems.append(
            _problem(
                raw.where, raw.collection, None, raw.position, "", "expected a mapping of fields"
            )
        )
        return None
    try:
        record = structure(data, _CLASSES[raw.collection])
    except Exception as exc:  # cattrs reports through exception groups of many types
        problems.extend(
            _problem(raw.where, raw.collection, record_id, raw.position, field, message)
            for field, message in field_errors(exc)
        )
        return None
    return _Located(record, raw.collection, raw.where, raw.position)


def load_records(
    path: str | Path | None = None, *, include_bundled: bool = True, override: bool = False
) -> Records:
    """Read, structure and validate a dataset; raise :class:`DatasetError` listing every problem.

    With ``include_bundled`` the user's records are layered on the bundled ones; a user
    record whose id is already bundled is an error unless ``override`` is set, in which
    case it replaces the bundled record of the same kind.
    """
    problems: list[str] = []
    layers: list[list[_Located]] = []
    sources: list[list[tuple[str, bytes]]] = []
    if include_bundled:
        sources.append(bundled_files())
    if path is not None:
        sources.append(_user_files(path))
    if not sources:
        raise DatasetError("nothing to load: give a path or include the bundled dataset")
    for files in sources:
        located = (_structure(raw, problems) for raw in _read(files, problems))
        layers.append([item for item in located if item is not None])
    merged = _merge(layers, override, problems)
    problems.extend(_check(merged))
    if problems:
        raise DatasetError(problems)
    by_collection: dict[str, list[Record]] = {name: [] for name in COLLECTIONS}
    for item in merged:
        by_collection[item.collection].append(item.record)
    # Each list holds only its own collection's class, as _structure built it.
    return Records(**{name: tuple(records) for name, records in by_collection.items()})  # type: ignore[arg-type]


def _merge(layers: list[list[_Located]], override: bool, problems: list[str]) -> list[_Located]:
    merged: dict[str, _Located] = {}
    for depth, layer in enumerate(layers):
        seen: dict[str, _Located] = {}
        for item in layer:
            record_id = item.record.id
            if record_id in seen:
                first = seen[record_id]
                problems.append(item.problem("id", f"duplicate id, also used at {first.where}"))
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


def _check(items: list[_Located]) -> Iterator[str]:
    """Whole-dataset checks: id forms, references, date order, citations."""
    kinds = {item.record.id: item.collection for item in items}
    actor_collections = ("countries", "organizations", "persons")

    def refers(
        item: _Located, field: str, value: str | None, wanted: tuple[str, ...]
    ) -> Iterator[str]:
        if value is None or kinds.get(value) in wanted:
            return
        expected = " or ".join(COLLECTIONS[c] for c in wanted)
        found = kinds.get(value)
        reason = (
            f"is a {COLLECTIONS[found]}, not a {expected}"
            if found
            else f"no {expected} has this id"
        )
        yield item.problem(field, f"{value!r}: {reason}")

    for item in items:
        record = item.record
        id_form = _COUNTRY_ID if item.collection == "countries" else _SLUG_ID
        if not id_form.fullmatch(record.id):
            expected = (
                "three capital letters (ISO 3166-1 alpha-3)"
                if item.collection == "countries"
                else "lowercase letters, digits, '.', '_' and '-'"
            )
            yield item.problem("id", f"{record.id!r} is not a valid id ({expected})")
        if isinstance(record, Organization):
            yield from refers(item, "country", record.country, ("countries",))
        elif isinstance(record, Person):
            for index, role in enumerate(record.roles):
                yield from refers(
                    item, f"roles[{index}].actor", role.actor, ("countries", "organizations")
                )
                yield from _period(item, f"roles[{index}].end", role.start, role.end)
        elif isinstance(record, Relationship | Event):
            if not record.citations:
                yield item.problem("citations", "at least one citation is required")
            for index, citation in enumerate(record.citations):
                yield from refers(item, f"citations[{index}].source", citation.source, ("sources",))
            if isinstance(record, Relationship):
                yield from refers(item, "a", record.a, actor_collections)
                yield from refers(item, "b", record.b, actor_collections)
                if record.a == record.b:
                    yield item.problem("b", "a relationship needs two different actors")
                yield from _period(item, "end", record.start, record.end)
                yield from refers(item, "ended_by", record.ended_by, ("sources",))
                if record.end is not None and record.ended_by is not None:
                    yield item.problem("ended_by", "give either an end date or ended_by, not both")
            else:
                if not record.actors:
                    yield item.problem("actors", "at least one actor is required")
                for index, actor in enumerate(record.actors):
                    yield from refers(item, f"actors[{index}]", actor, actor_collections)
                if len(set(record.actors)) != len(record.actors):
                    yield item.problem("actors", "an actor is listed twice")


def _period(item: _Located, field: str, start: Any, end: Any) -> Iterator[str]:
    if start is not None and end is not None and end.latest < start.earliest:
        yield item.problem(field, f"ends ({end}) before it starts ({start})")
