"""The ``geoalign compile`` command: a dataset validated once and written as a compiled store.

Registered as a standalone command (see :data:`geoalign.cli.parser.STANDALONE`):
``"compile": (COMPILE_SUMMARY, add_compile_command, run_compile)``.  DuckDB and pyarrow
(the ``store`` extra) are imported only when it runs.
"""

from __future__ import annotations

import argparse
import time

__all__ = ["COMPILE_SUMMARY", "add_compile_command", "run_compile"]

COMPILE_SUMMARY = "validate a dataset once and write it as a compiled store (needs geoalign[store])"


def add_compile_command(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``geoalign compile DATA -o STORE`` to its parser."""
    parser.add_argument("path", metavar="DATA", help="a dataset file or directory to compile")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="STORE",
        help="the store's directory: new, empty, or an earlier store (replaced)",
    )
    parser.epilog = (
        "Query the store as any dataset: geoalign --data STORE allies X.  --no-bundled and "
        "--override apply when compiling; a store whose inputs changed is refused.  JSON "
        "Lines files are compiled without holding the records (two passes over them); "
        "YAML and JSON documents are loaded whole first."
    )


def run_compile(args: argparse.Namespace) -> int:
    """Run ``geoalign compile``: validate, write, and say what was written; return 0."""
    from geoalign.cli.streams import say
    from geoalign.errors import DatasetError
    from geoalign.store.compiled import compile_store
    from geoalign.store.compiled.manifest import read_manifest
    from geoalign.views.terminal import clipped, echoes_clipped

    began = time.perf_counter()
    try:
        store = compile_store(
            args.path,
            args.output,
            include_bundled=not getattr(args, "no_bundled", False),
            override=getattr(args, "override", False),
        )
    except DatasetError as error:
        if len(error.problems) < 2:
            raise
        for message in error.messages:  # every problem, as validate lists them
            say(echoes_clipped(message, [args.path]))
        found = f"{len(error.problems):,} problems in {args.path}: nothing was compiled"
        raise DatasetError(found) from None
    counts = read_manifest(store)["counts"]
    held = ", ".join(
        f"{counts[name]:,} {name}"
        for name in ("events", "relationships", "sources")
        if name in counts
    )
    say(
        f"geoalign: compiled {held} into {clipped(str(store))} in {time.perf_counter() - began:.1f} s"
    )
    return 0
