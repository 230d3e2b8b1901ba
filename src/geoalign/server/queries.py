"""The query endpoints of the HTTP API: one per question, its parameters, its answer.

``allies``, ``relationships``, ``sanctions``, ``timeline``, ``between``, ``changes``,
``events`` and ``actors`` answer with the ``to_dict()`` of the answer of the Python
query (:mod:`geoalign.model.explained`, :mod:`geoalign.model.browsed`), which is what
the command of the same name prints with ``--format json``; ``resolve``, ``show``,
``sources`` and ``export`` with the JSON of the command of the same name.  Dates are
EDTF, as the queries take them.  Every endpoint takes ``as_known_on``: the question is
then asked of the dataset as the sources published by that day tell it
(:meth:`geoalign.Dataset.known_on`).
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query
from starlette.responses import JSONResponse, Response

from geoalign.errors import UnknownRecordError
from geoalign.formats.schema import dataset_schema
from geoalign.model.kinds import Certainty, EventKind, RelationshipKind
from geoalign.model.records import Record
from geoalign.server.http import RequestError
from geoalign.server.parameters import (
    DATE,
    ActorParam,
    AnyKinds,
    AsKnownOn,
    AsOf,
    CertaintyParam,
    Kinds,
    checked_date,
    date_query,
)
from geoalign.store.dataset import Dataset
from geoalign.store.lookup import record_or_actor
from geoalign.views import render
from geoalign.views.export import dataset_document, dumps

__all__ = ["EXPLAINED", "add_queries"]

EXPLAINED = frozenset(
    {"allies", "relationships", "sanctions", "timeline", "between", "changes", "events", "actors"}
)
"""The endpoints whose body is an answer's ``to_dict()``, as ``ANSWER_SCHEMA`` describes it."""

WindowFrom = Annotated[
    str | None, date_query(f"{DATE}: leave out events over before", alias="from")
]  # ``from`` is a keyword in Python, hence the aliases
WindowTo = Annotated[str | None, date_query(f"{DATE}: leave out events starting after", alias="to")]


def add_queries(app: FastAPI, dataset: Dataset) -> None:
    """Add the endpoints under ``/api/`` answering questions about ``dataset``."""
    get = functools.partial(app.get, response_class=JSONResponse)
    # Every endpoint is a plain def, run in a worker thread: a compiled store's queries
    # wait on DuckDB (measured: 3.5 times the throughput of running them on the event
    # loop), and the memory store's take about as long either way.

    def known(as_known_on: str | None) -> Dataset:
        day = checked_date("as_known_on", as_known_on)
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
            as_of=checked_date("as_of", as_of),
            kinds=kind,
            certainty=certainty,
            as_known_on=checked_date("as_known_on", as_known_on),
        )
        return _answer(answer.to_dict())

    @get(
        "/api/relationships",
        summary="an actor's relationships: every one at any time, or those in force as_of a date",
    )
    def relationships(
        actor: ActorParam,
        as_of: Annotated[
            str | None,
            date_query(f"{DATE}: only the ties in force then (default: every one, at any time)"),
        ] = None,
        kind: AnyKinds = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
        as_known_on: AsKnownOn = None,
        side: Annotated[
            Literal["a", "b"] | None,
            Query(
                description="with as_of, a: only the ties where the actor is a (it acts: "
                "sanctions, designates, backs); b: only those where it is b (it is acted on)"
            ),
        ] = None,
    ) -> Response:
        if as_of is None:  # as geoalign relationships without --as-of: every tie, any time
            if side is not None:
                detail = "side: only with as_of; without it the answer is every tie at any time"
                raise RequestError(422, "invalid_parameter", detail, parameter="side")
            every = dataset.all_relationships_of(
                actor, kinds=kind, as_known_on=checked_date("as_known_on", as_known_on)
            )
            return _answer(every.to_dict())
        answer = dataset.explain_relationships(
            actor,
            as_of=checked_date("as_of", as_of),
            kinds=kind,
            certainty=certainty,
            as_known_on=checked_date("as_known_on", as_known_on),
            side=side,
        )
        return _answer(answer.to_dict())

    @get(
        "/api/sanctions",
        summary="whether imposer has sanctioned target as of a date; or the measures on an "
        "actor, or by it",
    )
    def sanctions(
        imposer: Annotated[str | None, _actor("who would impose them (with target)")] = None,
        target: Annotated[str | None, _actor("on whom (with imposer)")] = None,
        on: Annotated[
            str | None, _actor("every measure on this actor (alone)", examples=["Serbia"])
        ] = None,
        by: Annotated[str | None, _actor("every measure this actor took (alone)")] = None,
        as_of: AsOf = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        when, day = checked_date("as_of", as_of), checked_date("as_known_on", as_known_on)
        which = _sanctions_question(imposer, target, on, by)
        if which == "pair":
            answer = dataset.explain_sanctions(
                imposer, target, as_of=when, certainty=certainty, as_known_on=day
            )
            return _answer(answer.to_dict())
        actor = on if which == "on" else by
        assert actor is not None  # _sanctions_question found it given
        browse = dataset.sanctions_on if which == "on" else dataset.sanctions_by
        measures = browse(actor, as_of=when, certainty=certainty, as_known_on=day)
        return _answer(measures.to_dict())

    @get("/api/timeline", summary="the events between two actors, in timeline order")
    def timeline(
        a: ActorParam,
        b: ActorParam,
        start: WindowFrom = None,
        end: WindowTo = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        answer = dataset.explain_timeline(
            a,
            b,
            start=checked_date("from", start),
            end=checked_date("to", end),
            certainty=certainty,
            as_known_on=checked_date("as_known_on", as_known_on),
        )
        return _answer(answer.to_dict())

    @get(
        "/api/between",
        summary="every tie and event between two actors in a window: why (two actors, "
        "not one twice)",
    )
    def between(
        a: ActorParam,
        b: Annotated[str, _actor("the other actor, not a", examples=["Russia"])],
        start: Annotated[
            str | None, date_query(f"{DATE}: the window's first day", alias="from")
        ] = None,
        end: Annotated[str | None, date_query(f"{DATE}: the window's last day", alias="to")] = None,
        kind: AnyKinds = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        answer = dataset.explain_between(
            a,
            b,
            start=checked_date("from", start),
            end=checked_date("to", end),
            kinds=kind,
            certainty=certainty,
            as_known_on=checked_date("as_known_on", as_known_on),
        )
        return _answer(answer.to_dict())

    @get("/api/changes", summary="the ties of an actor that began or ended between two dates")
    def changes(
        actor: ActorParam,
        since: Annotated[
            str, date_query(f"{DATE}: the earlier date", min_length=1, examples=["2024"])
        ],
        until: Annotated[
            str, date_query(f"{DATE}: the later date", min_length=1, examples=["2025"])
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
            checked_date("since", since),
            checked_date("until", until),
            kinds=kind,
            as_known_on=checked_date("as_known_on", as_known_on),
        )
        return _answer(answer.to_dict())

    @get("/api/events", summary="the events an actor took part in, in timeline order")
    def events(
        actor: ActorParam,
        start: WindowFrom = None,
        end: WindowTo = None,
        kind: Annotated[
            list[EventKind] | None,
            Query(description="events of this kind only (repeatable; default: every kind)"),
        ] = None,
        where: Annotated[
            str | None, Query(description="only events whose location holds this text")
        ] = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        answer = dataset.events_of(
            actor,
            start=checked_date("from", start),
            end=checked_date("to", end),
            kinds=kind,
            where=where,
            certainty=certainty,
            as_known_on=checked_date("as_known_on", as_known_on),
        )
        return _answer(answer.to_dict())

    @get("/api/actors", summary="the actors, by type and name")
    def actors(
        type: Annotated[
            Literal["country", "organization", "person"] | None,
            Query(description="only actors of this type"),
        ] = None,
        name: Annotated[
            str | None, Query(description="only actors whose id, name or an alias holds this text")
        ] = None,
        as_known_on: AsKnownOn = None,
    ) -> Response:
        return _answer(known(as_known_on).find_actors(name, type=type).to_dict())

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


def _actor(description: str, **options: Any) -> Any:
    return Query(min_length=1, description=f"{description}: an id, name or alias", **options)


def _sanctions_question(
    imposer: str | None, target: str | None, on: str | None, by: str | None
) -> Literal["pair", "on", "by"]:
    """Which question ``/api/sanctions`` is asked, as ``geoalign sanctions`` takes them:
    ``imposer`` and ``target``, or ``on`` alone, or ``by`` alone."""
    given = [name for name, value in [("on", on), ("by", by)] if value is not None]
    pair = [name for name, value in [("imposer", imposer), ("target", target)] if value is not None]
    if not given:
        for name in ("imposer", "target"):
            if name not in pair:
                detail = f"{name}: is required (or ask on=TARGET, or by=IMPOSER, alone)"
                raise RequestError(422, "invalid_parameter", detail, parameter=name)
        return "pair"
    if len(given) > 1 or pair:
        extra = (given[1:] + pair)[0]
        detail = f"{extra}: not with {given[0]}; it asks for every measure on or by one actor"
        raise RequestError(422, "invalid_parameter", detail, parameter=extra)
    return "on" if given == ["on"] else "by"


def _record(dataset: Dataset, record_id: str) -> Record:
    try:
        return record_or_actor(dataset, record_id)
    except UnknownRecordError as exc:
        suggestions = [
            {"id": c, "name": getattr(dataset.get(c), "name", None)} for c in exc.suggestions
        ]
        detail = f"no record or actor {record_id!r}"
        raise RequestError(404, "unknown_record", detail, suggestions=suggestions) from None
