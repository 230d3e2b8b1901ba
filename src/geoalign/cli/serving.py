"""The ``geoalign serve`` command: its arguments, and starting the server.

The server lives in :mod:`geoalign.server` (the ``server`` extra); nothing of it is
imported until the command runs.
"""

from __future__ import annotations

import argparse

__all__ = ["SERVE_SUMMARY", "add_serve_command", "run_serve"]

SERVE_SUMMARY = "serve the HTTP API and the web page (needs geoalign[server])"


def add_serve_command(serve: argparse.ArgumentParser) -> None:
    """Add the arguments of ``geoalign serve`` to its parser."""
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="HOST",
        help="the address to listen on (default: 127.0.0.1, this machine only)",
    )
    serve.add_argument(
        "--port",
        type=int,
        default=8000,
        metavar="PORT",
        help="the port to listen on, 0 for a free one (default: 8000)",
    )
    serve.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let web pages from ORIGIN read the API (repeatable; '*' for any; default: none)",
    )
    serve.add_argument(
        "--log-level",
        choices=["critical", "error", "warning", "info", "debug"],
        default="info",
        help="how much uvicorn logs (default: info)",
    )


def run_serve(args: argparse.Namespace) -> int:
    """Run ``geoalign serve``: load the dataset, then serve until stopped."""
    from geoalign.server.run import serve  # the server extra, only for this command

    serve(
        getattr(args, "data", None),
        args.host,
        args.port,
        include_bundled=not getattr(args, "no_bundled", False),
        override=getattr(args, "override", False),
        cors_origins=args.cors_origin,
        log_level=args.log_level,
    )
    return 0
