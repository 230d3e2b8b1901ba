"""The query endpoints of the HTTP API: one per question, its parameters, its answer.

``allies``, ``relationships``, ``sanctions``, ``timeline`` and ``changes`` answer with
the ``to_dict()`` of the explained answer of the Python query of the same name
(:mod:`geoalign.model.explained`); ``resolve``, ``show``, ``sources`` and ``export``
with the JSON of the command of the same name.  Dates are EDTF, as the queries take
them.  Every endpoint takes ``as_known_on``: the question is then asked of the dataset
as the sources published by that day tell it (:meth:`geoalign.Dataset.known_on`).
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query
from starlette.responses import JSONResponse, Response

from geoalign.errors import InvalidDateError, UnknownRecordError
from geoalign.formats.schema import dataset_schema
from geoalign.model.edtf import parse_edtf
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import Record
from geoalign.server.http import RequestError
from geoalign.store.dataset import Dataset
from geoalign.store.lookup import record_or_actor
from geoalign.views import render
from geoalign.views.export import dataset_document, dumps

__all__ = ["EXPLAINED", "add_queries"]

EXPLAINED = frozenset({"allies", "relationships", "sanctions", "timeline", "between", "changes"})
"""The endpoints whose body is an explained answer's ``to_dict()``."""

_DATE = "an EDTF date: YYYY, YYYY-MM, YYYY-MM-DD, [A..B], [..B], [A..], 201X"
ActorParam = Annotated[
    str,
    Query(
        min_length=1,
        description="an id, name or alias (e.g. RUS, Russia, 'the Kremlin')",
        examples=["Syria"],
    ),
]
AsOf = Annotated[
    str | None,
    Query(description=f"{_DATE} (default: the latest source's date)", examples=["2024-12"]),
]
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
    # Every endpoint is a plain def, run in a worker thread: a compiled store's queries
    # wait on DuckDB (measured: 3.5 times the throughput of running them on the event
    # loop), and the memory store's take about as long either way.

    def known(as_known_on: str | None) -> Dataset:
        day = _date("as_known_on", as_known_on)
        return dataset if day is None else dataset.known_on(day)

    @get("/api/allies", summary="the allies of an actor as of a date, with the ties behind each")
    def allies(
        actor: ActorParam,
        as_of: AsOf = None,
        kind: Kinds = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        answer = dataset.explain_allies(
            actor,
            as_of=_date("as_of", as_of),
            kinds=kind,
            certainty=certainty,
            as_known_on=_date("as_known_on", as_known_on),
        )
        return _answer(answer.to_dict())

    @get("/api/relationships", summary="the relationships of an actor in force at a date")
    def relationships(
        actor: ActorParam,
        as_of: AsOf = None,
        kind: AnyKinds = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
        as_known_on: AsKnownOn = None,
        side: Annotated[
            Literal["a", "b"] | None,
            Query(
                description="a: only the ties where the actor is a (it acts: sanctions, "
                "designates, backs); b: only those where it is b (it is acted on)"
            ),
        ] = None,
    ) -> Response:
        answer = dataset.explain_relationships(
            actor,
            as_of=_date("as_of", as_of),
            kinds=kind,
            certainty=certainty,
            as_known_on=_date("as_known_on", as_known_on),
            side=side,
        )
        return _answer(answer.to_dict())

    @get("/api/sanctions", summary="whether IMPOSER has sanctioned TARGET as of a date")
    def sanctions(
        imposer: ActorParam,
        target: ActorParam,
        as_of: AsOf = None,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        answer = dataset.explain_sanctions(
            imposer,
            target,
            as_of=_date("as_of", as_of),
            as_known_on=_date("as_known_on", as_known_on),
        )
        return _answer(answer.to_dict())

    @get("/api/timeline", summary="the events between two actors, in timeline order")
    def timeline(
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
        answer = dataset.explain_timeline(
            a,
            b,
            start=_date("from", start),
            end=_date("to", end),
            certainty=certainty,
            as_known_on=_date("as_known_on", as_known_on),
        )
        return _answer(answer.to_dict())

    @get("/api/between", summary="every tie and event between two actors in a window: why")
    def between(
        a: ActorParam,
        b: ActorParam,
        start: Annotated[
            str | None, Query(alias="from", description=f"{_DATE}: the window's first day")
        ] = None,
        end: Annotated[
            str | None, Query(alias="to", description=f"{_DATE}: the window's last day")
        ] = None,
        kind: AnyKinds = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        answer = dataset.explain_between(
            a,
            b,
            start=_date("from", start),
            end=_date("to", end),
            kinds=kind,
            certainty=certainty,
            as_known_on=_date("as_known_on", as_known_on),
        )
        return _answer(answer.to_dict())

    @get("/api/changes", summary="the ties of an actor that began or ended between two dates")
    def changes(
        actor: ActorParam,
        since: Annotated[
            str, Query(min_length=1, description=f"{_DATE}: the earlier date", examples=["2024"])
        ],
        until: Annotated[
            str, Query(min_length=1, description=f"{_DATE}: the later date", examples=["2025"])
        ],
        kind: Annotated[
            list[RelationshipKind] | None,
            Query(
                description="ties of this kind only (repeatable; default: every alignment "
                "kind, sanctions and terrorist designations)"
            ),
        ] = None,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        answer = dataset.changes(
            actor,
            _day("since", since),
            _day("until", until),
            kinds=kind,
            as_known_on=_date("as_known_on", as_known_on),
        )
        return _answer(answer.to_dict())

    @get("/api/resolve", summary="the actor a name stands for")
    def resolve(name: ActorParam, as_known_on: AsKnownOn = None) -> Response:
        data = known(as_known_on)
        return _answer(render.resolved(data, name, data.resolve(name)).document)

    @get("/api/show", summary="any record by id (or an actor by name), with its citations")
    def show(
        id: Annotated[
            str,
            Query(
                min_length=1, description="a record id or actor name", examples=["rus-syr-alliance"]
            ),
        ],
        as_known_on: AsKnownOn = None,
    ) -> Response:
        data = known(as_known_on)
        return _answer(render.show(data, _record(data, id)).document)

    @get("/api/sources", summary="the sources of the dataset")
    def sources(as_known_on: AsKnownOn = None) -> Response:
        return _answer(render.sources(known(as_known_on)).document)

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


def _answer(document: dict[str, Any]) -> Response:
    return Response(dumps(document), media_type="application/json")


def _date(parameter: str, text: str | None) -> str | None:
    return None if text is None else _day(parameter, text)


def _day(parameter: str, text: str) -> str:
    """The date ``text``, checked here so that a bad one is refused naming its parameter."""
    try:
        parse_edtf(text)
    except InvalidDateError as exc:
        raise RequestError(
            422, "invalid_date", f"{parameter}: {exc}", parameter=parameter
        ) from None
    return text


def _record(dataset: Dataset, record_id: str) -> Record:
    try:
        return record_or_actor(dataset, record_id)
    except UnknownRecordError as exc:
        suggestions = [
            {"id": c, "name": getattr(dataset.get(c), "name", None)} for c in exc.suggestions
        ]
        detail = f"no record or actor {record_id!r}"
        raise RequestError(404, "unknown_record", detail, suggestions=suggestions) from None
