"""Loading: files to validated records, all or nothing.

:func:`load_records` reads the bundled files and/or a user's files, structures every
record with the strict converter, then checks the dataset as a whole (unique ids,
references, dates, citations).  It gathers every problem it finds and raises one
:class:`~geoalign.DatasetError` listing them all; it never returns part of a dataset.

A user's path is looked at before it is read: only regular files are opened (never a
FIFO, which would block, nor a device), each at most :data:`MAX_FILE_BYTES` long, and
every file that cannot be read (permission, broken or looping symbolic link) is a
problem, not a file silently skipped.
"""

from __future__ import annotations

import errno
import importlib.resources
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from geoalign.errors import DatasetError, Problem
from geoalign.formats.aliases import ALIAS_TYPE, ALIASES
from geoalign.formats.convert import CONVERTER, converted_fields, field_problems
from geoalign.formats.jsonfile import read_json, read_jsonl
from geoalign.formats.reading import RawRecord, ReadError
from geoalign.formats.yamlfile import read_yaml, record_lines
from geoalign.loading.aliases import Aliases, apply_aliases, structure_aliases
from geoalign.loading.arguments import to_path_text
from geoalign.loading.problems import Collector, record_problem
from geoalign.loading.validation import Located, check, id_problems, located, merge
from geoalign.model.records import COLLECTIONS, RECORD_CLASSES, Record, Records

__all__ = ["DATA_SUFFIXES", "MAX_FILE_BYTES", "Records", "bundled_files", "load_records"]

DATA_SUFFIXES = (".yaml", ".yml", ".jsonl", ".json")
"""The names of the files read from a directory end in one of these."""

MAX_FILE_BYTES = 2**30
"""The largest dataset file read: 1 GiB.  A larger file is refused before it is read."""

_READERS: dict[str, Callable[[bytes, str], Iterable[RawRecord | ReadError]]] = {
    ".jsonl": read_jsonl,
    ".json": read_json,
}
"""The reader of each suffix; every other file is read as YAML."""

_HOOKS: dict[type[Record], Callable[[object, type], Record]] = {}
"""Each record class's structuring function, looked up once rather than once a record."""

_CHUNK = 2**20
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def bundled_files() -> list[tuple[str, bytes]]:
    """The bundled dataset's files, as ``(name, content)`` pairs, read from the package."""
    folder = importlib.resources.files("geoalign").joinpath("data")
    try:
        return [
            (f"{name}.yaml", folder.joinpath(f"{name}.yaml").read_bytes()) for name in COLLECTIONS
        ]
    except OSError as exc:
        raise DatasetError(
            f"the bundled dataset is missing from the installed package: {exc}"
        ) from None


def _user_paths(path: str | os.PathLike[str]) -> list[str]:
    """The files a user's path names: itself, or a directory's dataset files, by name."""
    text = to_path_text(path)
    if not text:
        message = "the path is empty: name a dataset file or directory ('.' for this one)"
        raise DatasetError(Problem(code="empty-path", message=message))
    root = Path(text)
    try:
        if not stat.S_ISDIR(_stat(text).st_mode):
            return [str(root)]
        with os.scandir(root) as entries:
            names = sorted(entry.name for entry in entries)
    except ReadError as exc:
        raise DatasetError(Problem(file=str(root), code=exc.code, message=exc.message)) from None
    except OSError as exc:
        problem = _os_problem(exc)
        raise DatasetError(
            Problem(file=str(root), code=problem.code, message=problem.message)
        ) from None
    # Names beginning with a dot are editors' locks and backups (.#events.yaml), not data.
    paths = [str(root / n) for n in names if n.endswith(DATA_SUFFIXES) and not n.startswith(".")]
    if not paths:
        patterns = ", ".join(f"*{suffix}" for suffix in DATA_SUFFIXES)
        message = f"no dataset files ({patterns}) in this directory"
        raise DatasetError(Problem(file=str(root), code="no-data-files", message=message))
    return paths


def _contents(paths: list[str], problems: Collector) -> Iterator[tuple[str, bytes]]:
    for file in paths:
        try:
            yield file, _read_file(file)
        except ReadError as exc:
            problems.file(file, exc.code, exc.message)


def _stat(name: str) -> os.stat_result:
    try:
        return os.stat(name)
    except FileNotFoundError:
        if os.path.islink(name):
            raise ReadError(
                "broken-link", "a symbolic link to nothing: its target does not exist"
            ) from None
        raise ReadError("not-found", "no such file or directory") from None
    except OSError as exc:
        raise _os_problem(exc) from None


def _os_problem(exc: OSError) -> ReadError:
    if exc.errno == errno.ELOOP:
        return ReadError("link-loop", "a loop of symbolic links")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ReadError("unreadable", "cannot be read (permission denied)")
    return ReadError("unreadable", f"cannot be read ({exc.strerror or exc})")


def _regular(status: os.stat_result) -> None:
    mode = status.st_mode
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a file")
        raise ReadError("not-a-file", f"not a regular file, but {kind}")
    if status.st_size > MAX_FILE_BYTES:
        raise _too_large()


def _too_large() -> ReadError:
    return ReadError("too-large", f"the file is larger than the limit of {MAX_FILE_BYTES} bytes")


def _read_file(name: str) -> bytes:
    """A regular file's bytes, at most MAX_FILE_BYTES of them, or a ReadError."""
    _regular(_stat(name))  # so that a FIFO or a device is never opened
    try:
        fd = os.open(name, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_problem(exc) from None
    try:
        status = os.fstat(fd)  # the file opened may have replaced the one looked at
        _regular(status)
        # Read up to the size, then on in chunks: some files (in /proc, say) say 0 bytes.
        chunks: list[bytes] = []
        total, want = 0, status.st_size + 1
        while chunk := os.read(fd, min(want, MAX_FILE_BYTES + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_FILE_BYTES:
                raise _too_large()
            want = _CHUNK
        return b"".join(chunks)
    except OSError as exc:
        raise _os_problem(exc) from None
    finally:
        os.close(fd)


def _read(files: Iterable[tuple[str, bytes]], problems: Collector) -> Iterator[RawRecord]:
    for file, content in files:
        reader = _READERS.get(Path(file).suffix, read_yaml)
        # Streamed, so raw data never piles up; a file found unreadable halfway still
        # fails the whole load, through its problem.
        try:
            for item in reader(content, file):
                if isinstance(item, ReadError):
                    problems.file(file, item.code, item.message, item.line)
                else:
                    yield item
        except ReadError as exc:
            problems.file(file, exc.code, exc.message, exc.line)


def _kept(
    files: Iterable[tuple[str, bytes]], yaml: dict[str, bytes | None]
) -> Iterator[tuple[str, bytes]]:
    """The files, each YAML one kept in ``yaml`` by name to find the lines of its
    problems, if any (``None`` for a name read twice: whose lines, unknown)."""
    for file, content in files:
        if Path(file).suffix not in _READERS:
            yaml[file] = None if file in yaml else content
        yield file, content


def _structure(raw: RawRecord, problems: Collector) -> Located | None:
    collection, data = raw.collection, raw.data
    if isinstance(data, dict):
        try:
            cls = RECORD_CLASSES[collection]
            hook = _HOOKS.get(cls) or _HOOKS.setdefault(cls, CONVERTER.get_structure_hook(cls))
            record: Record = hook(data, cls)
        except Exception as exc:  # cattrs reports through exception groups of many types
            return _refused(raw, exc, problems)
        return Located(record, record.id, collection, raw.file, raw.line, raw.position)
    message = "expected a mapping of fields"
    problems.add([record_problem(*_where(raw), None, raw.position, "", "not-a-record", message)])
    return None


def _where(raw: RawRecord) -> tuple[str, int | None, str]:
    return raw.file, raw.line, raw.collection


def _refused(raw: RawRecord, exc: Exception, problems: Collector) -> Located | None:
    """The problems of a record the converter refused; the record, by id, if it has one."""
    data = raw.data
    record_id = data.get("id")
    found = [
        record_problem(*_where(raw), record_id, raw.position, field, code, message)
        for field, code, message in field_problems(exc)
    ]
    problems.add(found)
    if not isinstance(record_id, str):
        return None
    # Refused, but its id still counts: for duplicates, and for references to it.
    fields = converted_fields(data, RECORD_CLASSES[raw.collection])
    refused = Located(
        None, str(record_id), raw.collection, raw.file, raw.line, raw.position, data, fields
    )
    if all(problem.field != "id" for problem in found):
        problems.add(id_problems(refused))
    return refused


_COLLECTION_OF = {singular: name for name, singular in COLLECTIONS.items()} | {ALIAS_TYPE: ALIASES}


def _with_lines(found: list[Problem], yaml: dict[str, bytes | None]) -> list[Problem]:
    """The problems, each of a record of a YAML file with the line of the record (and of
    the field, where the record gives it): found only when a load has problems."""
    lines: dict[str, Callable[[str, int, str | None], int | None]] = {}
    placed = []
    for problem in found:
        file, position = problem.file or "", problem.position
        content, collection = yaml.get(file), _COLLECTION_OF.get(problem.record_type or "")
        if content is not None and collection is not None and position is not None:
            line = lines.get(file) or lines.setdefault(file, record_lines(content))
            problem = attrs.evolve(problem, line=line(collection, position, problem.field))
        placed.append(problem)
    return placed


def load_records(
    path: str | os.PathLike[str] | None = None,
    *,
    include_bundled: bool = True,
    override: bool = False,
    bundled: Records | None = None,
) -> Records:
    """Read, structure and validate a dataset; raise :class:`DatasetError` listing every problem.

    With ``include_bundled`` the user's records are layered on the bundled ones: on
    ``bundled``, the precompiled records, when given (nothing is parsed for them), else
    on the bundled YAML files.  A user record whose id is already bundled is an error
    unless ``override`` is set, in which case it replaces the bundled record of the same
    kind.  The user's ``aliases`` entries add names to actors of either layer
    (:mod:`geoalign.loading.aliases`).
    """
    problems = Collector()
    sources: list[Iterable[tuple[str, bytes]]] = []
    layers = []
    if include_bundled and bundled is not None:
        layers.append(located(bundled))
    elif include_bundled:
        sources.append(bundled_files())
    if path is not None:
        sources.append(_contents(_user_paths(path), problems))
    if not sources and not layers:
        message = "nothing to load: give a path or include the bundled dataset"
        raise DatasetError(Problem(code="nothing-to-load", message=message))
    entries: list[Aliases] = []
    yaml: dict[str, bytes | None] = {}
    for files in sources:
        layer = []
        for raw in _read(_kept(files, yaml), problems):
            if raw.collection == ALIASES:
                if (entry := structure_aliases(raw, problems)) is not None:
                    entries.append(entry)
            elif (item := _structure(raw, problems)) is not None:
                layer.append(item)
        layers.append(layer)
    merged = merge(layers, override, problems)
    problems.add(check(merged))
    apply_aliases(entries, merged, problems)
    problems.problems = _with_lines(problems.problems, yaml)
    problems.raise_if_any()
    by_collection: dict[str, list[Record]] = {name: [] for name in COLLECTIONS}
    for item in merged:
        if item.record is not None:  # always, when nothing was refused
            by_collection[item.collection].append(item.record)
    # Each list holds only its own collection's class, as _structure built it.
    return Records(**{name: tuple(records) for name, records in by_collection.items()})  # type: ignore[arg-type]
