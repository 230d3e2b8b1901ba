"""Loading: files to validated records, all or nothing.

:func:`load_records` reads the bundled files and/or a user's files, structures every
record with the strict converter, then checks the dataset as a whole (unique ids,
references, dates, citations).  It gathers every problem it finds and raises one
:class:`~geoalign.DatasetError` listing them all; it never returns part of a dataset.
"""

from __future__ import annotations

import importlib.resources
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from geoalign.errors import DatasetError
from geoalign.formats.convert import field_errors, structure
from geoalign.formats.reading import RawRecord, ReadError, read_jsonl, read_yaml
from geoalign.loading.validation import Located, check, describe, merge
from geoalign.model.records import (
    COLLECTIONS,
    RECORD_CLASSES,
    Record,
    Records,
)

__all__ = ["DATA_SUFFIXES", "Records", "bundled_files", "load_records"]

DATA_SUFFIXES = (".yaml", ".yml", ".jsonl")


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


def _user_files(path: str | os.PathLike[str]) -> list[tuple[str, bytes]]:
    root = Path(path)
    if root.is_dir():
        paths = sorted(p for p in root.iterdir() if p.suffix in DATA_SUFFIXES and p.is_file())
        if not paths:
            raise DatasetError(
                f"{root}: no dataset files (*.yaml, *.yml, *.jsonl) in this directory"
            )
    elif root.is_file():
        paths = [root]
    else:
        raise DatasetError(f"{root}: no such file or directory")
    files = []
    for file in paths:
        try:
            files.append((str(file), file.read_bytes()))
        except OSError as exc:
            raise DatasetError(f"{file}: cannot be read ({exc.strerror})") from None
    return files


def _read(files: Iterable[tuple[str, bytes]], problems: list[str]) -> Iterator[RawRecord]:
    for where, content in files:
        reader = read_jsonl if where.endswith(".jsonl") else read_yaml
        # Streamed, so raw data never piles up; a file found unreadable halfway still
        # fails the whole load, through its problem.
        try:
            yield from reader(content, where)
        except ReadError as exc:
            problems.append(f"{where}: {exc}")


def _structure(raw: RawRecord, problems: list[str], refused: set[str]) -> Located | None:
    data = raw.data
    record_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(data, dict):
        problems.append(
            describe(
                raw.where, raw.collection, None, raw.position, "", "expected a mapping of fields"
            )
        )
        return None
    try:
        record = structure(data, RECORD_CLASSES[raw.collection])
    except Exception as exc:  # cattrs reports through exception groups of many types
        if isinstance(record_id, str):
            refused.add(record_id)
        problems.extend(
            describe(raw.where, raw.collection, record_id, raw.position, field, message)
            for field, message in field_errors(exc)
        )
        return None
    return Located(record, raw.collection, raw.where, raw.position)


def load_records(
    path: str | os.PathLike[str] | None = None,
    *,
    include_bundled: bool = True,
    override: bool = False,
) -> Records:
    """Read, structure and validate a dataset; raise :class:`DatasetError` listing every problem.

    With ``include_bundled`` the user's records are layered on the bundled ones; a user
    record whose id is already bundled is an error unless ``override`` is set, in which
    case it replaces the bundled record of the same kind.
    """
    problems: list[str] = []
    layers: list[list[Located]] = []
    refused: set[str] = set()  # ids of records already reported as malformed
    sources: list[list[tuple[str, bytes]]] = []
    if include_bundled:
        sources.append(bundled_files())
    if path is not None:
        sources.append(_user_files(path))
    if not sources:
        raise DatasetError("nothing to load: give a path or include the bundled dataset")
    for files in sources:
        located = (_structure(raw, problems, refused) for raw in _read(files, problems))
        layers.append([item for item in located if item is not None])
    merged = merge(layers, override, problems)
    problems.extend(check(merged, refused))
    if problems:
        raise DatasetError(problems)
    by_collection: dict[str, list[Record]] = {name: [] for name in COLLECTIONS}
    for item in merged:
        by_collection[item.collection].append(item.record)
    # Each list holds only its own collection's class, as _structure built it.
    return Records(**{name: tuple(records) for name, records in by_collection.items()})  # type: ignore[arg-type]
