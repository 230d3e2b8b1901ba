"""Writing output files whole or not at all.

A file is written under a temporary name in its own directory, flushed to disk, then
renamed over the old one (:func:`os.replace`, atomic on POSIX and Windows), so a failure
or a Ctrl-C part-way through leaves the old file as it was and nothing else behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["replacing"]


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str], *, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text file to write that takes the place of ``path`` once the block succeeds.

    An existing file keeps its permissions; a new one gets the usual ones (the umask's).
    A symbolic link is followed: the file it points to is replaced.  ``newline`` is as
    for :func:`open`.  Text that is not Unicode (a lone surrogate) is written as a
    ``\\uXXXX`` escape rather than failing half-way.

    Raises :class:`OSError` naming ``path`` (not the temporary file) if the file cannot
    be created, written or put in place; then ``path`` is untouched.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "out.txt")
    ...     with replacing(path) as file:
    ...         _ = file.write("whole")
    ...     path.read_text(), sorted(p.name for p in Path(folder).iterdir())
    ('whole', ['out.txt'])
    """
    target = Path(os.path.realpath(path))
    temporary = target.with_name(f".{target.name}.{os.urandom(8).hex()}.tmp")
    try:
        # O_EXCL: never write through a file or link that is already there.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _naming(exc, path) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline=newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _naming(exc, path) from exc
        raise


def _naming(error: OSError, path: str | os.PathLike[str]) -> OSError:
    """The same error, about ``path``: the temporary name means nothing to the reader."""
    return OSError(error.errno, error.strerror, os.fspath(path))
