"""The read-only HTTP API and the web page, as an ASGI application (FastAPI).

Each endpoint under ``/api/`` asks one question of the library, its arguments as query
parameters: ``/api/allies?actor=Russia&as_of=2023-06-01&kind=alliance``.  The body of a
``200`` answer is the explained answer's ``to_dict()`` (allies, relationships,
sanctions, timeline, changes) or the JSON of the command of the same name (resolve,
show, sources, export); see :mod:`geoalign.server.queries`.  Errors are problem
documents (see :mod:`geoalign.server.http`).  ``/api/openapi.json`` describes it all,
and ``/`` serves the web page.
"""

from __future__ import annotations

import json
import urllib.parse
from collections import Counter
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any, get_args, get_origin

from geoalign.errors import (
    AmbiguousActorError,
    GeoalignError,
    InvalidDateError,
    MissingExtraError,
    UnknownActorError,
)

try:
    from fastapi import Depends, FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.middleware.cors import CORSMiddleware
    from fastapi.routing import APIRoute
    from fastapi.staticfiles import StaticFiles
    from pydantic import BaseModel
    from starlette.exceptions import HTTPException
    from starlette.responses import Response
except ImportError as exc:  # the server is an optional extra
    raise MissingExtraError("geoalign.server", exc.name or "fastapi", "server") from exc

from geoalign.model.answer_schema import ANSWER_SCHEMA
from geoalign.model.kinds import RelationshipKind
from geoalign.server.http import CACHE_CONTROL, ReadOnly, RequestError, dataset_hash, problem
from geoalign.server.queries import EXPLAINED, add_queries
from geoalign.store.dataset import Dataset

__all__ = ["MAX_QUERY_BYTES", "create_app"]

MAX_QUERY_BYTES = 4096
"""The longest query string read; a longer one is answered with ``414``."""

_DESCRIPTION = """\
Read-only answers from a geoalign dataset.  Each endpoint asks one question and takes
its arguments as query parameters, dates in EDTF; every one takes `as_known_on`, to ask
the data as the sources published by that date tell it.  A 200 body is the answer as
JSON: the `to_dict()` of the Python query's explained answer, or what the command of the
same name prints with `--json`.  Errors are RFC 9457 problem documents.  GET and HEAD
only; answers carry an ETag derived from the dataset's content.
"""


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
        (405, "any method but GET and HEAD: the API is read-only"),
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
    add_queries(app, dataset)
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
        """FastAPI's document, saying what the answers really are: their schemas, media
        types and headers, and the traits of each kind of tie."""
        if self.openapi_schema is None:
            document = super().openapi()
            schemas = document["components"]["schemas"]
            schemas.update(_answer_schemas())
            schemas["RelationshipKind"].update(_KIND_TRAITS)
            for path, operations in document["paths"].items():
                operation = operations["get"]
                operation.setdefault("parameters", []).append(_IF_NONE_MATCH)
                responses = operation["responses"]
                for status, response in responses.items():
                    if status != "200":  # FastAPI files every model under application/json
                        response["content"] = {_PROBLEM_TYPE: response["content"].pop(_JSON)}
                        continue
                    command = path.removeprefix("/api/")
                    response["headers"] = _VALIDATORS
                    if command in EXPLAINED:
                        response["description"] = "the answer, as its to_dict() gives it"
                        answers = [
                            {"$ref": f"{_COMPONENTS}answer.{name}"}
                            for name in _ANSWERS.get(command, (command,))
                        ]
                        schema = answers[0] if len(answers) == 1 else {"oneOf": answers}
                        response["content"] = {_JSON: {"schema": schema}}
                    else:
                        response["description"] = f"what `geoalign {command} --json` prints"
                responses["304"] = _NOT_MODIFIED
                responses["405"]["headers"] = {"Allow": _ALLOW}
        return super().openapi()  # the document above, kept by FastAPI


_COMPONENTS = "#/components/schemas/"
_ANSWERS = {
    "relationships": ("relationships_any_time", "relationships"),
    "sanctions": ("sanctions", "sanctions_on", "sanctions_by"),
}
"""The answers an endpoint gives, when it asks more than one question."""
_KIND_TRAITS = {
    "description": "a kind of tie; x-directed lists those where a acts on b, x-alignment "
    "those that make their two actors allies",
    "x-directed": [kind.value for kind in RelationshipKind if kind.directed],
    "x-alignment": [kind.value for kind in RelationshipKind if kind.alignment],
}


def _answer_schemas() -> dict[str, Any]:
    """The answers' JSON Schema (:data:`~geoalign.model.answer_schema.ANSWER_SCHEMA`) as
    OpenAPI components, ``answer.NAME`` for each of its definitions."""
    text = json.dumps(ANSWER_SCHEMA["$defs"]).replace('"#/$defs/', f'"{_COMPONENTS}answer.')
    return {f"answer.{name}": schema for name, schema in json.loads(text).items()}


_JSON, _PROBLEM_TYPE = "application/json", "application/problem+json"
_IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "the ETag of an earlier answer: 304 without a body if it is still current",
    "schema": {"type": "string"},
}
_ALLOW = {"description": "the methods served: GET, HEAD", "schema": {"type": "string"}}
_VALIDATORS = {
    "ETag": {"description": "the dataset's content hash and the geoalign version",
             "schema": {"type": "string"}},
    "Cache-Control": {"description": CACHE_CONTROL, "schema": {"type": "string"}},
}  # fmt: skip
_NOT_MODIFIED = {
    "description": "Not Modified: If-None-Match named the current ETag; no body",
    "headers": _VALIDATORS,
}


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
