"""Serve a dataset over HTTP with uvicorn: what ``geoalign serve`` runs."""

from __future__ import annotations

import os
from collections.abc import Sequence

from geoalign.api import load
from geoalign.errors import MissingExtraError

__all__ = ["serve"]


def serve(
    dataset_path: str | os.PathLike[str] | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    include_bundled: bool = True,
    override: bool = False,
    cors_origins: Sequence[str] = (),
    log_level: str = "info",
) -> None:
    """Load a dataset as :func:`geoalign.load` does, then serve the API and page until stopped.

    ``dataset_path``, ``include_bundled`` and ``override`` are those of :func:`geoalign.load`
    (default: the bundled dataset); ``host`` and ``port`` where to listen (loopback by
    default: put a reverse proxy in front to serve others); ``cors_origins`` as in
    :func:`geoalign.server.app.create_app`; ``log_level`` is uvicorn's (``"warning"``,
    ``"info"``, ...).  Returns when the server stops (Ctrl-C).

    :raises DatasetError: the dataset cannot be loaded; nothing is served.
    :raises MissingExtraError: FastAPI or uvicorn is not installed
        (``pip install 'geoalign[server]'``).

    >>> serve("no/such/place")
    Traceback (most recent call last):
    ...
    geoalign.errors.DatasetError: no/such/place: no such file or directory
    """
    dataset = load(dataset_path, include_bundled=include_bundled, override=override)
    try:
        import uvicorn
    except ImportError as exc:
        raise MissingExtraError("geoalign serve", "uvicorn", "server") from exc
    from geoalign.server.app import create_app

    app = create_app(dataset, cors_origins=cors_origins)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
