"""Compiling a dataset into a store: validated once, written as Parquet files and a manifest.

The dataset is read and checked by the loader (:func:`geoalign.loading.files.load_records`),
exactly as :func:`geoalign.load` checks it; its records are then written in batches
through pyarrow, and each table is sorted by its key with DuckDB, so that a query reads
only the row groups of the actors it asks about.  The rules of
:mod:`geoalign.rules.time` and :mod:`geoalign.rules.events` are applied here, once: every
tie and every event carries its spans as day ordinals, so that "in force" and "in the
window" become comparisons of columns.

Datasets all in JSON Lines files are compiled without being held
(:mod:`geoalign.store.compiled.streaming`: two passes over the files, the loader's
checks on each record, the same problems).  Other datasets (YAML, JSON documents) go
through the loader, which validates the whole dataset at once and so holds every
record: compiling them needs the memory a load needs.  Writing does not add to it:
rows go out 65,536 at a time, and DuckDB sorts in at most :data:`SORT_MEMORY`,
spilling to the disk beyond.

The tables (one Parquet file each; ``ties``, ``sanctions`` and ``memberships`` repeat
the record's JSON, so that a query reads one table sorted by the actor it asks about):

============== ===================================================================
file           columns
============== ===================================================================
records        ``collection``, ``id``, ``position`` (in its collection, in file order),
               ``data`` (the record as JSON, in the file format): every record
sources        ``id``, ``latest`` (the day it counts from, as an ordinal),
               ``horizon_day`` (its last day for the horizon), ``data``
ties           ``actor``, ``other``, ``kind``, ``possible_from``, ``possible_until``,
               ``definite_from``, ``definite_until`` (half-open spans),
               ``relationship``, ``data``, ``other_type``, ``other_data`` (the
               other actor's collection and JSON): each relationship from each side
sanctions      ``imposer``, ``target``, ``statement`` (a declared non-sanctioning),
               the four spans, ``relationship``, ``data``
memberships    ``actor``, ``event``, ``actors`` (all of the event's),
               ``possible_first``, ``possible_last``, ``definite_first``,
               ``definite_last`` (inclusive days), ``data``
citations      ``record``, ``position``, ``source``
names          ``key`` (folded, see :func:`geoalign.model.names.fold`), ``strong``, ``actor``
============== ===================================================================
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from geoalign.errors import DatasetError, MissingExtraError, Problem
from geoalign.model.dates import PartialDate
from geoalign.model.edtf import parse_edtf
from geoalign.model.kinds import RelationshipKind
from geoalign.model.names import fold
from geoalign.model.records import (
    ACTOR_COLLECTIONS,
    COLLECTIONS,
    Actor,
    Event,
    Organization,
    Records,
    Relationship,
    Source,
)
from geoalign.rules.events import event_spans
from geoalign.rules.knowledge import known_from
from geoalign.rules.sanctions import STATE_ORGANS, sanction_filings
from geoalign.rules.time import horizon, last_day, relationship_span, spans
from geoalign.store.compiled.connection import interruptible
from geoalign.store.compiled.manifest import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    TABLES,
    digest,
    geoalign_version,
    read_manifest,
)

__all__ = [
    "Context",
    "staged",
    "write_event",
    "write_relationship",
    "write_small",
    "write_store",
]

_SPANS, _DAYS = TABLES["ties"][0][3:7], TABLES["memberships"][0][3:7]
_INTEGERS = {"position", "latest", "horizon_day", *_SPANS, *_DAYS}
_BATCH = 65_536
SORT_MEMORY = "1GB"
"""DuckDB's memory while it sorts the tables (it spills to the staging directory beyond)."""


def _extras() -> tuple[Any, Any, Any]:
    """DuckDB, pyarrow and pyarrow.parquet, imported now: the ``store`` extra."""
    try:
        return tuple(map(importlib.import_module, ("duckdb", "pyarrow", "pyarrow.parquet")))  # type: ignore[return-value]
    except ImportError as exc:
        raise MissingExtraError("compile_store", exc.name or "duckdb", "store") from exc


class _Writer:
    """One table's rows, written to a staging Parquet file a batch at a time."""

    def __init__(self, pa: Any, pq: Any, path: Path, columns: tuple[str, ...]) -> None:
        self._pa, self.path, self.columns = pa, path, columns
        fields = [(name, _type(pa, name)) for name in columns]
        self._schema = pa.schema(fields)
        self._writer = pq.ParquetWriter(str(path), self._schema)
        self._rows: list[tuple[Any, ...]] = []
        self.count = 0

    def add(self, *row: Any) -> None:
        self._rows.append(row)
        if len(self._rows) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if self._rows:
            arrays = [list(column) for column in zip(*self._rows, strict=True)]
            self._writer.write_table(self._pa.table(arrays, schema=self._schema))
            self.count += len(self._rows)
            self._rows = []

    def close(self) -> None:
        self.flush()
        self._writer.close()


def _type(pa: Any, column: str) -> Any:
    if column in _INTEGERS:
        return pa.int32()
    if column == "actors":
        return pa.list_(pa.string())
    return pa.bool_() if column in ("strong", "statement") else pa.string()


def _json(record: object) -> str:
    from geoalign.formats.convert import unstructure

    return json.dumps(unstructure(record), ensure_ascii=False, separators=(",", ":"))


class Context(NamedTuple):
    """What writing one relationship needs to know of the rest of the dataset: sources
    and actors, which are few (held in memory even when the events are streamed)."""

    published: dict[str, Any]
    """Each source's publication date, by id."""
    latest: Any
    """The horizon (:func:`geoalign.rules.time.horizon` of every publication)."""
    based_in: dict[str, str]
    organ_of: dict[str, str]
    actors: dict[str, tuple[str, str]]
    """Each actor's collection and JSON, by id."""


def write_small(
    sources: Iterable[Source], actors: Iterable[tuple[str, Actor]], writers: dict[str, _Writer]
) -> Context:
    """Write the sources and the actors (each with its collection, in collection order) and
    return what the relationships' rows need of them."""
    published: dict[str, Any] = {}
    for position, source in enumerate(sources):
        published[source.id] = source.published
        # Known from its widened last day (rules.knowledge); counted in the horizon by the
        # same last day, as rules.time orders it.
        counted = last_day(horizon([source.published]))  # type: ignore[arg-type]
        data = _json(source)
        writers["records"].add("sources", source.id, position, data)
        writers["sources"].add(source.id, known_from(source.published), counted, data)
    names, by_id, positions = writers["names"], {}, dict.fromkeys(ACTOR_COLLECTIONS, 0)
    based_in, organ_of = {}, {}
    for collection, actor in actors:
        by_id[actor.id] = (collection, _json(actor))
        writers["records"].add(collection, actor.id, positions[collection], by_id[actor.id][1])
        positions[collection] += 1
        keys = {fold(n): True for n in (actor.id, actor.name, *actor.aliases)}
        for key in {fold(n) for n in actor.metonyms} - keys.keys():
            keys[key] = False
        for key, strong in keys.items():
            names.add(key, strong, actor.id)
        if isinstance(actor, Organization) and actor.country:
            based_in[actor.id] = actor.country
            if actor.kind in STATE_ORGANS:
                organ_of[actor.id] = actor.country
    return Context(published, horizon(published.values()), based_in, organ_of, by_id)


def write_relationship(
    tie: Relationship, position: int, context: Context, writers: dict[str, _Writer]
) -> None:
    """Write one relationship: its record, its ties from each side, its sanction filings."""
    a, b, kind = tie.a, tie.b, tie.kind
    data = _json(tie)
    writers["records"].add("relationships", tie.id, position, data)
    days = spans(relationship_span(tie, context.published, context.latest))
    writers["ties"].add(a, b, kind.value, *days, tie.id, data, *context.actors[b])
    writers["ties"].add(b, a, kind.value, *days, tie.id, data, *context.actors[a])
    # Filed as the memory store files them (see geoalign.store.memory).
    if kind is RelationshipKind.SANCTIONS:
        for imposer, target in sanction_filings(a, b, context.organ_of, context.based_in):
            writers["sanctions"].add(imposer, target, False, *days, tie.id, data)
    elif kind is RelationshipKind.NON_SANCTIONING:
        writers["sanctions"].add(a, b, True, *days, tie.id, data)
    _cite(tie, writers)


def write_event(event: Event, position: int, writers: dict[str, _Writer]) -> None:
    """Write one event: its record and one membership row per actor."""
    data = _json(event)
    writers["records"].add("events", event.id, position, data)
    bounds = event_spans(event.date)
    for actor in event.actors:
        writers["memberships"].add(actor, event.id, list(event.actors), *bounds, data)
    _cite(event, writers)


def _cite(record: Relationship | Event, writers: dict[str, _Writer]) -> None:
    for index, citation in enumerate(record.citations):
        writers["citations"].add(record.id, index, citation.source)


def _rows(records: Records, writers: dict[str, _Writer]) -> None:
    """Every table's rows, from validated records."""
    actors = ((c, actor) for c in ACTOR_COLLECTIONS for actor in getattr(records, c))
    context = write_small(records.sources, actors, writers)
    for position, tie in enumerate(records.relationships):
        write_relationship(tie, position, context, writers)
    for position, event in enumerate(records.events):
        write_event(event, position, writers)


def write_store(
    records: Records, out: str | os.PathLike[str], about: dict[str, Any] | None = None
) -> Path:
    """Write validated ``records`` as a compiled store in the directory ``out``.

    ``about`` goes into the manifest as is (what the records were compiled from).  The
    store is built beside ``out`` and moved into place when complete; an existing
    ``out`` is replaced only if it is a compiled store or an empty directory.
    """

    def fill(writers: dict[str, _Writer]) -> dict[str, Any]:
        _rows(records, writers)
        return {
            "counts": {name: len(getattr(records, name)) for name in COLLECTIONS},
            "horizon": _written(horizon(source.published for source in records.sources)),
        }

    return staged(out, fill, about)


def staged(
    out: str | os.PathLike[str],
    fill: Callable[[dict[str, _Writer]], dict[str, Any]],
    about: dict[str, Any] | None = None,
) -> Path:
    """Build a store in a staging directory beside ``out`` and move it into place.

    ``fill`` writes every row through the writers it is given and returns the
    manifest's ``counts`` and ``horizon``; anything it raises leaves nothing behind.
    """
    duckdb, pa, pq = _extras()
    target = Path(out).absolute()
    _check_target(target)
    staging = target.parent / f".{target.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "rows").mkdir(parents=True)
    try:
        writers = {
            name: _Writer(pa, pq, staging / "rows" / f"{name}.parquet", columns)
            for name, (columns, _) in TABLES.items()
        }
        try:
            found = fill(writers)
        finally:
            for writer in writers.values():
                writer.close()
        files = _sort(duckdb, staging, writers)
        shutil.rmtree(staging / "rows")
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "geoalign_version": geoalign_version(),
            "counts": found["counts"],
            "rows": {name: writer.count for name, writer in writers.items()},
            "horizon": found["horizon"],
            "files": files,
            **(about or {}),
        }
        text = json.dumps(manifest, indent=2, sort_keys=True)
        (staging / MANIFEST).write_text(text + "\n", "utf-8")
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _swap(staging: Path, target: Path) -> None:
    """Move the finished store in place of ``target``, never leaving no store there.

    An earlier store is moved aside first and deleted only once the new one is in place;
    if moving the new one in fails (or is interrupted), the earlier one is put back.
    """
    if not target.exists():
        staging.rename(target)
        return
    aside = target.parent / f".{target.name}.old-{os.getpid()}"
    shutil.rmtree(aside, ignore_errors=True)
    target.rename(aside)
    try:
        staging.rename(target)
    except BaseException:
        aside.rename(target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def _written(date: PartialDate | None) -> str | None:
    """The date as text, if reading it back gives the same date (else opening computes it)."""
    if date is None or parse_edtf(str(date)) != date:
        return None
    return str(date)


def _sort(duckdb: Any, staging: Path, writers: dict[str, _Writer]) -> dict[str, Any]:
    """Each staged table sorted by its key into its final file; their sizes and hashes."""
    files = {}
    connection = duckdb.connect()
    # Sorting 10^7 events' rows takes more memory than a compile may hold: DuckDB spills.
    connection.execute(f"SET memory_limit = '{SORT_MEMORY}'")
    connection.execute(f"SET temp_directory = '{_quoted(staging / 'spill')}'")
    connection.execute("SET preserve_insertion_order = false")
    connection.execute("SET enable_progress_bar = false")  # DuckDB's bar, on a terminal's stderr
    try:
        with interruptible():  # Ctrl-C while DuckDB sorts: KeyboardInterrupt, as anywhere else
            for name, writer in writers.items():
                key = ", ".join(TABLES[name][1])
                final = staging / f"{name}.parquet"
                connection.execute(
                    f"COPY (SELECT * FROM read_parquet('{_quoted(writer.path)}') ORDER BY {key}) "
                    f"TO '{_quoted(final)}' "
                    "(FORMAT parquet, ROW_GROUP_SIZE 4096)"
                )
                files[final.name] = {"size": final.stat().st_size, "sha256": digest([final])}
    finally:
        connection.close()
    return files


def _quoted(path: Path) -> str:
    """A path inside a quoted SQL string."""
    return str(path).replace("'", "''")


def _check_target(target: Path) -> None:
    if not target.exists():
        return
    if target.is_dir() and not any(target.iterdir()):
        return
    try:
        read_manifest(target)
    except DatasetError:
        message = "exists and is not a compiled store: choose a new or empty directory"
        raise DatasetError(Problem(file=str(target), code="not-a-store", message=message)) from None
