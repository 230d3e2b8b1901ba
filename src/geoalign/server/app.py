"""The read-only HTTP API and the web page, as an ASGI application (FastAPI).

Each endpoint under ``/api/`` is a command of the ``geoalign`` command line, and its
query parameters are that command's arguments and options (``-`` written ``_``):
``/api/allies?actor=Russia&as_of=2023-06-01&kind=alliance``.  The body of a ``200``
answer is the JSON document that the command prints with ``--json``, byte for byte;
errors are problem documents (see :mod:`geoalign.server.http`).  ``/api/openapi.json``
describes it all, and ``/`` serves the web page.
"""

from __future__ import annotations

import difflib
import functools
import urllib.parse
from collections import Counter
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any, get_args, get_origin

from geoalign.errors import (
    AmbiguousActorError,
    GeoalignError,
    InvalidDateError,
    MissingExtraError,
    UnknownActorError,
)

try:
    from fastapi import Depends, FastAPI, Query, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.middleware.cors import CORSMiddleware
    from fastapi.routing import APIRoute
    from fastapi.staticfiles import StaticFiles
    from pydantic import BaseModel
    from starlette.exceptions import HTTPException
    from starlette.responses import JSONResponse, Response
except ImportError as exc:  # the server is an optional extra
    raise MissingExtraError("geoalign.server", exc.name or "fastapi", "server") from exc

from geoalign.formats.schema import dataset_schema
from geoalign.model.dates import PartialDate
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import COLLECTIONS, Record
from geoalign.server.http import CACHE_CONTROL, ReadOnly, RequestError, dataset_hash, problem
from geoalign.store.dataset import Dataset
from geoalign.views import render
from geoalign.views.export import dataset_document, dumps

__all__ = ["MAX_QUERY_BYTES", "create_app"]

MAX_QUERY_BYTES = 4096
"""The longest query string read; a longer one is answered with ``414``."""

_DESCRIPTION = """\
Read-only answers from a geoalign dataset.  Each endpoint is a command of the `geoalign`
command line and takes its arguments and options as query parameters; a 200 body is the
JSON document that the command prints with `--json`.  Errors are RFC 9457 problem
documents.  GET and HEAD only; answers carry an ETag derived from the dataset's content.
"""
_DATE = "YYYY, YYYY-MM or YYYY-MM-DD"
ActorParam = Annotated[
    str, Query(min_length=1, description="an id, name or alias (e.g. RUS, Russia, 'the Kremlin')")
]
AsOf = Annotated[str | None, Query(description=f"{_DATE} (default: the latest source's date)")]
Kinds = Annotated[
    list[RelationshipKind] | None,
    Query(description="count ties of this kind (repeatable; default: every alignment kind)"),
]
CertaintyParam = Annotated[
    Certainty,
    Query(
        description="definite (default): what every reading of the dates gives; "
        "possible: also what only some reading gives"
    ),
]


class Suggestion(BaseModel):
    """A name the server knows, close to one it was given."""

    id: str
    name: str | None = None


class ProblemDocument(BaseModel):
    """An error (RFC 9457): ``code`` is stable, ``detail`` is one line for people."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    parameter: str | None = None
    suggestions: list[Suggestion] | None = None


_PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {"model": ProblemDocument, "description": text}
    for status, text in [
        (400, "a malformed query string: undecodable, an unknown or repeated parameter"),
        (404, "an unknown actor or record, with the closest known names"),
        (414, f"a query string over {MAX_QUERY_BYTES} bytes"),
        (422, "a bad parameter value: a date, a kind, a missing parameter"),
    ]
}


def create_app(dataset: Dataset, *, cors_origins: Sequence[str] = ()) -> FastAPI:
    """The ASGI application answering questions about ``dataset``, and serving the page.

    ``cors_origins`` are the origins whose pages may read the API from a browser
    (``["*"]`` for any); none by default.  The dataset is hashed once, here, for the ETag.

    >>> import geoalign
    >>> from starlette.testclient import TestClient
    >>> client = TestClient(create_app(geoalign.load()))
    >>> client.get("/api/resolve", params={"name": "the Kremlin"}).json()["actor"]["id"]
    'RUS'
    >>> client.get("/api/resolve", params={"name": "Rusia"}).json()["suggestions"]
    [{'id': 'RUS', 'name': 'Russia'}]
    """
    app = _App(
        title="geoalign",
        version=_version(),
        description=_DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs would load scripts from a CDN
        redoc_url=None,
        dependencies=[Depends(_check_query)],
        responses=_PROBLEMS,
    )
    _add_queries(app, dataset)
    _add_error_handlers(app)
    app.mount("/", StaticFiles(packages=[("geoalign.server", "static")], html=True), name="page")
    app.add_middleware(ReadOnly, etag=f'"{dataset_hash(dataset)[:32]}-{_version()}"')
    if cors_origins:  # added last, so it sits outside and answers preflight requests
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "HEAD"],
            allow_headers=["If-None-Match"],
            expose_headers=["ETag"],
        )
    return app


class _App(FastAPI):
    def openapi(self) -> dict[str, Any]:
        """FastAPI's document, saying what the answers really are: their media types and headers."""
        if self.openapi_schema is None:
            document = super().openapi()
            for path, operations in document["paths"].items():
                for status, response in operations["get"]["responses"].items():
                    if status == "200":
                        command = path.removeprefix("/api/")
                        response["description"] = f"what `geoalign {command} --json` prints"
                        response["headers"] = _VALIDATORS
                    else:  # FastAPI files every model under application/json
                        response["content"] = {_PROBLEM_TYPE: response["content"].pop(_JSON)}
        return super().openapi()  # the document above, kept by FastAPI


_JSON, _PROBLEM_TYPE = "application/json", "application/problem+json"
_VALIDATORS = {
    "ETag": {"description": "the dataset's content hash and the geoalign version",
             "schema": {"type": "string"}},
    "Cache-Control": {"description": CACHE_CONTROL, "schema": {"type": "string"}},
}  # fmt: skip


def _add_queries(app: FastAPI, dataset: Dataset) -> None:
    get = functools.partial(app.get, response_class=JSONResponse)

    @get("/api/allies", summary="the allies of an actor as of a date")
    async def allies(
        actor: ActorParam,
        as_of: AsOf = None,
        kind: Kinds = None,
        certainty: CertaintyParam = Certainty.DEFINITE,
    ) -> Response:
        when, who = _date("as_of", as_of), dataset.resolve(actor)
        chosen = [k for k in RelationshipKind if k in kind] if kind else _alignment_kinds()
        found = dataset.allies_of(who, as_of=when, kinds=chosen, certainty=certainty)
        ties = dataset.relationships_of(who, as_of=when, kinds=chosen, certainty=certainty)
        day = when or dataset.horizon
        assert day is not None  # without either, the queries above raised
        return _answer(render.allies(dataset, who, day, chosen, found, ties))

    @get("/api/sanctions", summary="whether IMPOSER has sanctioned TARGET as of a date")
    async def sanctions(imposer: ActorParam, target: ActorParam, as_of: AsOf = None) -> Response:
        status = dataset.sanction_status(imposer, target, as_of=_date("as_of", as_of))
        return _answer(render.sanctions(dataset, status))

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
        # ``from`` is a keyword in Python, hence the aliases
    ) -> Response:
        first, last = _date("from", start), _date("to", end)
        one, other = dataset.resolve(a), dataset.resolve(b)
        events = dataset.timeline_between(one, other, start=first, end=last, certainty=certainty)
        return _answer(render.timeline(dataset, one, other, first, last, events))

    @get("/api/resolve", summary="the actor a name stands for")
    async def resolve(name: ActorParam) -> Response:
        return _answer(render.resolved(dataset, name, dataset.resolve(name)))

    @get("/api/show", summary="any record by id (or an actor by name), with its citations")
    async def show(
        id: Annotated[str, Query(min_length=1, description="a record id or actor name")],
    ) -> Response:
        return _answer(render.show(dataset, _record(dataset, id)))

    @get("/api/sources", summary="the sources of the dataset")
    async def sources() -> Response:
        return _answer(render.sources(dataset))

    # Plain def: the first export of a large dataset takes a while, so it runs in a
    # worker thread; the queries above are quick and stay on the event loop.
    @get("/api/export", summary="the whole dataset as one JSON document, or its file format")
    def export(
        schema: Annotated[bool, Query(description="the JSON Schema of a dataset file")] = False,
    ) -> Response:
        return Response(_exported(dataset, schema), media_type="application/json")


@functools.lru_cache(maxsize=8)
def _exported(dataset: Dataset, schema: bool) -> str:
    # The largest answer, and always the same for a dataset: written once.
    return dumps(dataset_schema() if schema else dataset_document(dataset))


def _answer(output: render.Output) -> Response:
    return Response(dumps(output.document), media_type="application/json")


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


async def _check_query(request: Request) -> None:
    """Refuse a query string that is too long, undecodable, or names parameters wrongly."""
    raw: bytes = request.scope["query_string"]
    if len(raw) > MAX_QUERY_BYTES:
        detail = f"the query string is {len(raw)} bytes long; at most {MAX_QUERY_BYTES} are read"
        raise RequestError(414, "query_too_long", detail)
    try:
        pairs = urllib.parse.parse_qsl(raw.decode("ascii"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise RequestError(
            400, "malformed_query", "the query string is not percent-encoded UTF-8"
        ) from None
    names, repeatable = _parameters(request.scope["route"])
    counts = Counter(name for name, _ in pairs)
    for name, count in counts.items():
        if name not in names:
            takes = ", ".join(sorted(names)) or "no parameter"
            detail = f"unknown parameter {name!r}; {request.url.path} takes {takes}"
            raise RequestError(400, "malformed_query", detail, parameter=name)
        if count > 1 and name not in repeatable:
            detail = f"parameter {name!r} is given {count} times; it takes one value"
            raise RequestError(400, "malformed_query", detail, parameter=name)


def _parameters(route: APIRoute) -> tuple[frozenset[str], frozenset[str]]:
    """The query parameters of a route, and those of them that may be repeated."""
    fields = route.dependant.query_params
    lists = {f.alias for f in fields if _is_list(f.field_info.annotation)}
    return frozenset(f.alias for f in fields), frozenset(lists)


def _is_list(annotation: Any) -> bool:
    return get_origin(annotation) is list or any(_is_list(arg) for arg in get_args(annotation))


def _add_error_handlers(app: FastAPI) -> None:
    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestError)
        return exc.response()

    async def unknown_actor(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, UnknownActorError)
        code = "ambiguous_actor" if isinstance(exc, AmbiguousActorError) else "unknown_actor"
        suggestions = [{"id": actor_id, "name": name} for name, actor_id in exc.suggestions]
        return problem(404, code, str(exc), suggestions=suggestions)

    async def bad_value(request: Request, exc: Exception) -> Response:
        code = "invalid_date" if isinstance(exc, InvalidDateError) else "invalid_parameter"
        return problem(422, code, str(exc))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        error = exc.errors()[0]
        name = str(error["loc"][-1] if error["type"] == "missing" else error["loc"][1])
        says = "is required" if error["type"] == "missing" else str(error["msg"])
        return problem(422, "invalid_parameter", f"{name}: {says}", parameter=name)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            detail = f"nothing at {request.url.path}; the API is described at /api/openapi.json"
            return problem(404, "not_found", detail)
        return problem(exc.status_code, "http_error", str(exc.detail))

    async def crashed(request: Request, exc: Exception) -> Response:
        return problem(500, "internal_error", "the server failed; its log has the details")

    app.add_exception_handler(RequestError, refused)
    app.add_exception_handler(UnknownActorError, unknown_actor)
    app.add_exception_handler(GeoalignError, bad_value)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, crashed)


def _version() -> str:
    try:
        return version("geoalign")
    except PackageNotFoundError:  # a source tree that was never installed
        return "unknown"
