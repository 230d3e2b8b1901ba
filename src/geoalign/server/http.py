"""The HTTP rules of the server, apart from any query: errors, methods, caching.

* Every error is an RFC 9457 problem document (``application/problem+json``):
  ``{"type": "about:blank", "title", "status", "detail", "code"}``, plus ``"parameter"``
  for a bad parameter and ``"suggestions"`` (``[{"name", "id"}]``) for an unknown actor.
* Only ``GET`` and ``HEAD`` are served; any other method is ``405`` with ``Allow``.
* Answers under ``/api/`` carry one ``ETag`` (the dataset's content hash and the
  geoalign version) and ``Cache-Control``; ``If-None-Match`` with it gives ``304``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http import HTTPStatus
from typing import Any

from starlette.responses import JSONResponse

from geoalign.store.dataset import Dataset

__all__ = [
    "CACHE_CONTROL",
    "ReadOnly",
    "RequestError",
    "dataset_hash",
    "problem",
]

CACHE_CONTROL = "public, max-age=300"
"""Five minutes fresh, then revalidated with the ETag (a restart may load other data)."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_METHODS = ("GET", "HEAD")


class RequestError(Exception):
    """A request the server refuses: raised by an endpoint, answered by :func:`problem`."""

    def __init__(self, status: int, code: str, detail: str, **members: Any) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail, self.members = status, code, detail, members

    def response(self) -> JSONResponse:
        """The problem document of this refusal."""
        return problem(self.status, self.code, self.detail, **self.members)


def problem(status: int, code: str, detail: str, **members: Any) -> JSONResponse:
    """An RFC 9457 problem response: the status, a stable ``code`` and a one-line ``detail``.

    >>> problem(422, "invalid_date", "as_of: '2024-13' is not a valid date").status_code
    422
    """
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
        **members,
    }
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def dataset_hash(dataset: Dataset) -> str:
    """The SHA-256 (hex) of the dataset's canonical JSON: sorted keys, no spaces, UTF-8.

    Equal datasets hash alike, whichever files or order they were loaded from.

    >>> import geoalign
    >>> len(dataset_hash(geoalign.load()))
    64
    """
    text = json.dumps(dataset.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ReadOnly:
    """ASGI middleware: ``GET`` and ``HEAD`` only, and validators for the ``/api/`` answers.

    ``HEAD`` is answered as ``GET`` without the body, so every route serves both.
    """

    def __init__(self, app: ASGIApp, etag: str) -> None:
        self.app = app
        self.etag = etag

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method not in _METHODS:
            refused = problem(405, "method_not_allowed", f"{method} is not served: read-only")
            refused.headers["Allow"] = ", ".join(_METHODS)
            await refused(scope, receive, send)
            return
        cached = scope["path"].startswith("/api/")
        # If-None-Match counts only for an answer that would be 200 (RFC 9110, 13.1.2): the
        # request is answered, and only a success becomes 304, so an error stays an error.
        unchanged = cached and self._matches(scope)
        head = method == "HEAD"
        dropping = False

        async def send_answer(message: Message) -> None:
            nonlocal dropping
            if message["type"] == "http.response.start" and cached and message["status"] == 200:
                headers = [(k.encode(), v.encode()) for k, v in self._validators().items()]
                if unchanged:
                    dropping = True
                    message = {"type": "http.response.start", "status": 304, "headers": headers}
                else:
                    message["headers"] = [*message.get("headers", []), *headers]
            elif message["type"] == "http.response.body" and (head or dropping):
                if dropping and message.get("more_body", False):
                    return  # the body of a 304 is never sent; its last message ends it
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"} if head else scope, receive, send_answer)

    def _validators(self) -> dict[str, str]:
        return {"ETag": self.etag, "Cache-Control": CACHE_CONTROL}

    def _matches(self, scope: Scope) -> bool:
        wanted = [v for k, v in scope["headers"] if k == b"if-none-match"]
        tags = {
            tag.strip().removeprefix("W/") for v in wanted for tag in v.decode("latin-1").split(",")
        }
        return "*" in tags or self.etag in tags
