"""The query endpoints of the HTTP API: one per question, its parameters, its answer.

Every endpoint takes ``as_known_on``: the dataset is then the one the sources published
by that day tell (:meth:`geoalign.Dataset.known_on`), and the question is asked of it.
"""

from __future__ import annotations

import difflib
import functools
from typing import Annotated

from fastapi import FastAPI, Query
from starlette.responses import JSONResponse, Response

from geoalign.errors import AmbiguousActorError, InvalidDateError, UnknownActorError
from geoalign.formats.schema import dataset_schema
from geoalign.model.dates import PartialDate
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import COLLECTIONS, Record
from geoalign.server.http import RequestError
from geoalign.store.dataset import Dataset
from geoalign.views import render
from geoalign.views.export import (
    SCHEMA_VERSION,
    actor_ref,
    dataset_document,
    date_json,
    dumps,
    record_json,
)

__all__ = ["add_queries"]

_DATE = "YYYY, YYYY-MM or YYYY-MM-DD"
ActorParam = Annotated[
    str, Query(min_length=1, description="an id, name or alias (e.g. RUS, Russia, 'the Kremlin')")
]
AsOf = Annotated[str | None, Query(description=f"{_DATE} (default: the latest source's date)")]
AsKnownOn = Annotated[
    str | None,
    Query(
        description=f"{_DATE}: answer from the sources published by then only "
        "(default: every source)"
    ),
]
Kinds = Annotated[
    list[RelationshipKind] | None,
    Query(description="count ties of this kind (repeatable; default: every alignment kind)"),
]
AnyKinds = Annotated[
    list[RelationshipKind] | None,
    Query(description="ties of this kind only (repeatable; default: every kind)"),
]
CertaintyParam = Annotated[
    Certainty,
    Query(
        description="definite (default): what every reading of the dates gives; "
        "possible: also what only some reading gives"
    ),
]


def add_queries(app: FastAPI, dataset: Dataset) -> None:
    """Add the endpoints under ``/api/`` answering questions about ``dataset``."""
    get = functools.partial(app.get, response_class=JSONResponse)

    def known(as_known_on: str | None) -> Dataset:
        day = _date("as_known_on", as_known_on)
        return dataset if day is None else dataset.known_on(day)

    @get("/api/allies", summary="the allies of an actor as of a date")
    async def allies(
        actor: ActorParam,
        as_of: AsOf = None,
        kind: Kinds = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        when = _date("as_of", as_of)
        data = known(as_known_on)
        who = data.resolve(actor)
        chosen = _kinds(kind) or _alignment_kinds()
        found = data.allies_of(who, as_of=when, kinds=chosen, certainty=certainty)
        ties = data.relationships_of(who, as_of=when, kinds=chosen, certainty=certainty)
        day = when or data.horizon
        assert day is not None  # without either, the queries above raised
        return _answer(render.allies(data, who, day, chosen, found, ties))

    @get("/api/relationships", summary="the relationships of an actor in force at a date")
    async def relationships(
        actor: ActorParam,
        as_of: AsOf = None,
        kind: AnyKinds = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        when = _date("as_of", as_of)
        data = known(as_known_on)
        who = data.resolve(actor)
        chosen = _kinds(kind) or list(RelationshipKind)
        ties = data.relationships_of(who, as_of=when, kinds=chosen, certainty=certainty)
        day = when or data.horizon
        assert day is not None  # without either, the query above raised
        document = {
            "schema_version": SCHEMA_VERSION,
            "command": "relationships",
            "actor": actor_ref(who),
            "as_of": date_json(day),
            "kinds": [k.value for k in chosen],
            "certainty": Certainty(certainty).value,
            "relationships": [record_json(tie, data) for tie in ties],
        }
        return Response(dumps(document), media_type="application/json")

    @get("/api/sanctions", summary="whether IMPOSER has sanctioned TARGET as of a date")
    async def sanctions(
        imposer: ActorParam,
        target: ActorParam,
        as_of: AsOf = None,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        when = _date("as_of", as_of)
        data = known(as_known_on)
        return _answer(render.sanctions(data, data.sanction_status(imposer, target, as_of=when)))

    @get("/api/timeline", summary="the events between two actors, by date")
    async def timeline(
        a: ActorParam,
        b: ActorParam,
        start: Annotated[
            str | None, Query(alias="from", description=f"{_DATE}: leave out events over before")
        ] = None,
        end: Annotated[
            str | None, Query(alias="to", description=f"{_DATE}: leave out events starting after")
        ] = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
        as_known_on: AsKnownOn = None,
        # ``from`` is a keyword in Python, hence the aliases
    ) -> Response:
        first, last = _date("from", start), _date("to", end)
        data = known(as_known_on)
        one, other = data.resolve(a), data.resolve(b)
        events = data.timeline_between(one, other, start=first, end=last, certainty=certainty)
        return _answer(render.timeline(data, one, other, first, last, events))

    @get("/api/resolve", summary="the actor a name stands for")
    async def resolve(name: ActorParam, as_known_on: AsKnownOn = None) -> Response:
        data = known(as_known_on)
        return _answer(render.resolved(data, name, data.resolve(name)))

    @get("/api/show", summary="any record by id (or an actor by name), with its citations")
    async def show(
        id: Annotated[str, Query(min_length=1, description="a record id or actor name")],
        as_known_on: AsKnownOn = None,
    ) -> Response:
        data = known(as_known_on)
        return _answer(render.show(data, _record(data, id)))

    @get("/api/sources", summary="the sources of the dataset")
    async def sources(as_known_on: AsKnownOn = None) -> Response:
        return _answer(render.sources(known(as_known_on)))

    # Plain def: the first export of a large dataset takes a while, so it runs in a
    # worker thread; the queries above are quick and stay on the event loop.
    @get("/api/export", summary="the whole dataset as one JSON document, or its file format")
    def export(
        schema: Annotated[bool, Query(description="the JSON Schema of a dataset file")] = False,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        data = known(as_known_on)
        return Response(_exported(data, schema), media_type="application/json")


@functools.lru_cache(maxsize=8)
def _exported(dataset: Dataset, schema: bool) -> str:
    # The largest answer, and always the same for a dataset: written once.
    return dumps(dataset_schema() if schema else dataset_document(dataset))


def _answer(output: render.Output) -> Response:
    return Response(dumps(output.document), media_type="application/json")


def _kinds(chosen: list[RelationshipKind] | None) -> list[RelationshipKind]:
    """The kinds asked for, once each, in the order of :class:`RelationshipKind`."""
    return [k for k in RelationshipKind if k in chosen] if chosen else []


@functools.cache
def _alignment_kinds() -> list[RelationshipKind]:
    return [kind for kind in RelationshipKind if kind.alignment]


def _date(parameter: str, text: str | None) -> PartialDate | None:
    if text is None:
        return None
    try:
        return PartialDate.parse(text)
    except InvalidDateError as exc:
        raise RequestError(
            422, "invalid_date", f"{parameter}: {exc}", parameter=parameter
        ) from None


def _record(dataset: Dataset, record_id: str) -> Record:
    record = dataset.get(record_id)
    if record is not None:
        return record
    try:
        return dataset.resolve(record_id)
    except AmbiguousActorError:
        raise
    except UnknownActorError:
        ids = [r.id for collection in COLLECTIONS for r in getattr(dataset, collection)]
        close = difflib.get_close_matches(record_id, ids, n=3, cutoff=0.6)
        suggestions = [{"id": c, "name": getattr(dataset.get(c), "name", None)} for c in close]
        detail = f"no record or actor {record_id!r}"
        raise RequestError(404, "unknown_record", detail, suggestions=suggestions) from None
