"""The command's two streams: the answer on stdout, one escaped line at a time on stderr.

Standard output may be closed (``geoalign sources >&-``), a pipe whose reader left
(``| head -1``), a full disk, or a terminal whose encoding cannot show every letter;
none of these ends in a traceback.
"""

from __future__ import annotations

import os
import sys

from geoalign.errors import GeoalignError
from geoalign.views.terminal import printable

__all__ = ["discard_stdout", "fail", "flush_stdout", "say", "write"]


def write(text: str) -> None:
    """Print ``text`` on stdout in the encoding it has, escaping what that cannot show.

    Raises :class:`BrokenPipeError` if the reader went away, and
    :class:`~geoalign.errors.GeoalignError` if stdout is closed or cannot be written.
    """
    stream = sys.stdout
    if stream is None:  # started with stdout closed (geoalign ... >&-)
        raise GeoalignError("cannot print the answer: standard output is closed")
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        stream.flush()  # so that a closed pipe is noticed here, not at exit
    except BrokenPipeError:
        raise
    except OSError as exc:  # a full disk, a device error: nothing more can go out
        discard_stdout()
        raise GeoalignError(f"cannot print the answer: {exc.strerror or exc}") from None


def flush_stdout() -> None:
    """Flush what argparse printed (help, usage), so that a closed pipe is noticed now."""
    if sys.stdout is not None:
        sys.stdout.flush()


def say(line: str) -> None:
    """Print one line on stderr, escaped; nothing if stderr is closed."""
    if sys.stderr is not None:
        print(printable(line), file=sys.stderr)


def fail(message: str, status: int) -> int:
    """Say ``geoalign: error: message``; return ``status``."""
    say(f"geoalign: error: {message}")
    return status


def discard_stdout() -> None:
    """Point stdout at the null device, so that Python's flush at exit finds no fault.

    For a reader that went away (a closed pipe), a failed write, or an interrupted one.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (tests)
        pass
