"""The entry point of the ``geoalign`` command: a guard, then the command line itself.

The console script imports this module and calls :func:`main`.  This module imports
nothing that importing ``geoalign`` has not imported already, so the guard in
:func:`main` is in place before the slow imports: a Ctrl-C while they run ends the command
with 130 instead of a traceback.  The commands live in :mod:`geoalign.cli.commands`.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing before the guard
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

__all__ = ["build_parser", "main"]

INTERRUPTED = 130
"""The exit status after Ctrl-C, as shells report a command ended by SIGINT."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Never raises: errors are one line on standard error, a closed pipe ends quietly with
    141, and Ctrl-C at any point from its first line on, the imports included, with 130
    (before that, Python's own start-up is out of its reach).  Called without
    ``argv``, as the ``geoalign`` script calls it, it owns the process: after Ctrl-C,
    output not yet written is dropped rather than flushed at exit, and the cyclic
    garbage collector is off while the command answers from the bundled data.

    >>> main(["resolve", "the Kremlin"])
    ID   TYPE     NAME
    RUS  country  Russia
    0
    """
    try:
        if argv is None:
            import gc

            # The process is the command's: the collector would walk, again and again,
            # the tens of thousands of objects its imports make, all alive until exit
            # (milliseconds of a cold answer).  A command that does more than answer
            # from the bundled data turns it back on (geoalign.cli.commands).
            gc.disable()
        from geoalign.cli.commands import run  # the heavy imports happen under the guard

        return run(argv)
    except KeyboardInterrupt:
        if argv is None:
            from geoalign.cli.streams import discard_stdout

            discard_stdout()  # the reader may be gone too (Ctrl-C reaches a whole pipeline)
        return INTERRUPTED


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``geoalign`` command (see :mod:`geoalign.cli.parser`).

    >>> build_parser().parse_args(["allies", "RUS", "--kind", "alliance", "--json"]).kind
    ['alliance']
    """
    from geoalign.cli.parser import build_parser as build

    return build()
