"""Serve a dataset over HTTP with uvicorn: what ``geoalign serve`` runs."""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from collections.abc import Sequence

from geoalign.api import load
from geoalign.errors import GeoalignError, MissingExtraError
from geoalign.store.compiled.manifest import is_store
from geoalign.store.dataset import Dataset

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
    (default: the bundled dataset); a ``dataset_path`` that is a compiled store is
    opened (:func:`geoalign.store.compiled.open_store`; needs the ``store`` extra).
    ``host`` and ``port`` say where to listen: this machine only by default (put a
    reverse proxy in front to serve others); port ``0`` takes a free one.  ``cors_origins`` are as in :func:`geoalign.server.app.create_app`;
    ``log_level`` is uvicorn's (``"warning"``, ``"info"``, ...).  One line on stderr
    gives the address; the call returns when the server stops (Ctrl-C).

    :raises DatasetError: the dataset or store cannot be loaded; nothing is served.
    :raises GeoalignError: the address cannot be listened on (a port in use or out of
        range, an unknown host), in one line.
    :raises MissingExtraError: FastAPI or uvicorn is not installed
        (``pip install 'geoalign[server]'``).

    >>> serve("no/such/place")
    Traceback (most recent call last):
    ...
    geoalign.errors.DatasetError: no/such/place: no such file or directory
    """
    if not 0 <= port <= 65535:
        raise GeoalignError(f"the port must be between 0 and 65535, got {port}")
    if dataset_path is not None and is_store(dataset_path):
        from geoalign.store.compiled import open_store  # DuckDB, only for a store

        dataset: Dataset = open_store(dataset_path)
    else:
        dataset = load(dataset_path, include_bundled=include_bundled, override=override)
    try:
        import uvicorn
    except ImportError as exc:
        raise MissingExtraError("geoalign serve", "uvicorn", "server") from exc
    from geoalign.server.app import create_app

    app = create_app(dataset, cors_origins=cors_origins)
    # Bound here, not by uvicorn, so that a busy port is one error line, not a log and exit.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    with listener:
        try:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((host, port))
            listener.listen()
        except OSError as exc:
            raise GeoalignError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
        where = f"[{host}]" if family == socket.AF_INET6 else host
        address = f"http://{where}:{listener.getsockname()[1]}/"
        print(f"geoalign: serving {dataset!r} at {address} (Ctrl-C to stop)", file=sys.stderr)
        # Ctrl-C: uvicorn shuts down cleanly, then passes the interrupt on; stopping is the
        # normal end of serving, so return.
        with contextlib.suppress(KeyboardInterrupt):
            uvicorn.Server(uvicorn.Config(app, log_level=log_level)).run(sockets=[listener])
