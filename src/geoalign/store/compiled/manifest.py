"""The manifest of a compiled store: what it holds, what wrote it, and what it was made from.

``manifest.json`` sits beside the Parquet files.  It is written last, so a directory
without one was never finished.  Opening a store checks it before any query:

* its ``format`` and ``format_version`` are this module's (:data:`FORMAT_VERSION`);
* the geoalign that wrote it is not newer than the one reading it;
* every Parquet file it lists is there with the size it was written with;
* the inputs it was compiled from, where they still exist, have not changed: a file
  whose size or modification time differs is hashed again and compared, a directory
  must still list the same dataset files, and the bundled dataset (if it was layered
  under) must be the one this geoalign ships.

Any failure is a :class:`~geoalign.DatasetError` that says what to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geoalign.errors import DatasetError, Problem
from geoalign.model.records import COLLECTIONS

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST",
    "TABLES",
    "check_fresh",
    "digest",
    "fingerprint",
    "geoalign_version",
    "is_store",
    "read_manifest",
]

FORMAT = "geoalign-compiled-store"
FORMAT_VERSION = 1
"""Bumped whenever the files' tables or columns change meaning."""
MANIFEST = "manifest.json"

_SPANS = ("possible_from", "possible_until", "definite_from", "definite_until")
_DAYS = ("possible_first", "possible_last", "definite_first", "definite_last")
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "records": (("collection", "id", "position", "data"), ("id",)),
    "sources": (("id", "latest", "horizon_day", "data"), ("id",)),
    "ties": (
        ("actor", "other", "kind", *_SPANS, "relationship", "data", "other_type", "other_data"),
        ("actor", "kind"),
    ),
    "sanctions": (
        ("imposer", "target", "statement", *_SPANS, "relationship", "data"),
        ("imposer", "target"),
    ),
    "memberships": (("actor", "event", "actors", *_DAYS, "data"), ("actor", "possible_last")),
    "citations": (("record", "position", "source"), ("record",)),
    "names": (("key", "strong", "actor"), ("key",)),
}
"""Each table's columns, and the key its rows are sorted by."""
_HASH_CHUNK = 2**20


def geoalign_version() -> str:
    """The installed geoalign's version, as the package metadata gives it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geoalign")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0"


def _release(text: str) -> tuple[int, ...]:
    """The leading numbers of a version ("1.2.0.dev3" gives (1, 2, 0)): enough to order releases."""
    numbers = []
    for part in text.split("."):
        digits = "".join(c for c in part if c.isdigit()) if part[:1].isdigit() else ""
        if not digits or not part.startswith(digits):
            if digits:
                numbers.append(int(digits))
            break
        numbers.append(int(digits))
    return tuple(numbers)


def digest(paths: Iterable[Path]) -> str:
    """The SHA-256 of files' contents, in the order given, as hex."""
    hasher = hashlib.sha256()
    for path in paths:
        with path.open("rb") as file:
            while chunk := file.read(_HASH_CHUNK):
                hasher.update(chunk)
    return hasher.hexdigest()


def _entry(path: Path) -> dict[str, Any]:
    status = path.stat()
    return {
        "path": str(path),
        "size": status.st_size,
        "mtime_ns": status.st_mtime_ns,
        "sha256": digest([path]),
    }


def fingerprint(path: str | os.PathLike[str], suffixes: tuple[str, ...]) -> dict[str, Any]:
    """What a store records of its input: the path, and each dataset file's size, time and hash.

    A directory's files are those the loader reads (names ending in ``suffixes``, not
    starting with a dot).
    """
    root = Path(path).absolute()
    if not root.is_dir():
        return {"path": str(root), "files": [_entry(root)]}
    files = [_entry(root / name) for name in fingerprint_names(root, suffixes)]
    return {"path": str(root), "directory": True, "suffixes": suffixes, "files": files}


def read_manifest(root: Path, *, verify: bool = False) -> dict[str, Any]:
    """The store's manifest, checked for format, version and completeness; else DatasetError.

    Each file's size is checked; with ``verify``, its SHA-256 too (reading every byte).
    """
    where = str(root)
    try:
        if not stat.S_ISDIR(root.stat().st_mode):
            raise _problem(where, "not-a-store", "not a compiled store: it is not a directory")
        text = (root / MANIFEST).read_text("utf-8")
    except FileNotFoundError:
        message = f"not a compiled store: no {MANIFEST} (compile one with geoalign compile)"
        raise _problem(where, "not-a-store", message) from None
    except PermissionError:
        raise _problem(where, "unreadable", "cannot be read (permission denied)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _problem(where, "unreadable", f"cannot be read ({exc})") from None
    try:
        manifest = json.loads(text)
        kind, version = manifest["format"], manifest["format_version"]
        writer, files = manifest["geoalign_version"], manifest["files"]
    except (ValueError, KeyError, TypeError):
        raise _problem(where, "bad-manifest", f"{MANIFEST} is not a store manifest") from None
    if type(version) is not int:  # "1" or true would read as this version
        message = f"{MANIFEST}: its format_version {json.dumps(version)} is not a whole number"
        raise _problem(where, "bad-manifest", message)
    if kind != FORMAT or version != FORMAT_VERSION:
        message = (
            f"a store of format {kind} {version}, but this geoalign reads {FORMAT} "
            f"{FORMAT_VERSION}: compile it again with this geoalign"
        )
        raise _problem(where, "store-format", message)
    if _release(str(writer)) > _release(geoalign_version()):
        message = (
            f"written by geoalign {writer}, newer than this geoalign {geoalign_version()}: "
            "upgrade geoalign, or compile the store again with this one"
        )
        raise _problem(where, "store-too-new", message)
    try:
        written = [(name, entry["size"], entry["sha256"]) for name, entry in files.items()]
    except (KeyError, TypeError, AttributeError):
        raise _problem(where, "bad-manifest", f"{MANIFEST} is not a store manifest") from None
    for name, size, sha256 in written:
        _check_file(root / name, size, sha256 if verify else None)
    return manifest  # type: ignore[no-any-return]


def _check_file(path: Path, size: int, sha256: str | None) -> None:
    try:
        found = path.stat().st_size
        if found != size:
            message = f"is {found} bytes, not the {size} it was written with: compile it again"
            raise _problem(str(path), "store-damaged", message)
        if sha256 is not None and digest([path]) != sha256:
            message = "its contents changed since it was written: compile the store again"
            raise _problem(str(path), "store-damaged", message)
    except FileNotFoundError:
        raise _problem(str(path), "store-incomplete", "missing: compile the store again") from None
    except PermissionError:
        raise _problem(str(path), "unreadable", "cannot be read (permission denied)") from None
    except OSError as exc:
        raise _problem(str(path), "unreadable", f"cannot be read ({exc})") from None


def check_fresh(root: Path, manifest: dict[str, Any]) -> None:
    """Refuse a store whose inputs changed since it was compiled (inputs gone: no check)."""
    recorded = manifest.get("input")
    if recorded:
        _check_input(root, recorded)
    bundled = manifest.get("bundled_sha256")
    if bundled is not None and bundled != bundled_digest():
        message = (
            "compiled over another edition of the bundled dataset: compile it again "
            "with this geoalign"
        )
        raise _problem(str(root), "store-stale", message)


def _check_input(root: Path, recorded: dict[str, Any]) -> None:
    path = Path(recorded["path"])
    if not path.exists():
        return  # moved or shipped elsewhere: the store stands on its own
    stale = f"{path} changed since the store was compiled: compile it again"
    if recorded.get("directory"):
        if not path.is_dir():
            raise _problem(str(root), "store-stale", stale)
        now = fingerprint_names(path, tuple(recorded["suffixes"]))
        if now != [Path(entry["path"]).name for entry in recorded["files"]]:
            raise _problem(str(root), "store-stale", stale)
    for entry in recorded["files"]:
        file = Path(entry["path"])
        try:
            status = file.stat()
            if (status.st_size, status.st_mtime_ns) == (entry["size"], entry["mtime_ns"]):
                continue
            same = status.st_size == entry["size"] and digest([file]) == entry["sha256"]
        except OSError:
            same = False
        if not same:
            raise _problem(str(root), "store-stale", stale)


def fingerprint_names(path: Path, suffixes: tuple[str, ...]) -> list[str]:
    """The dataset files a directory holds now, by name."""
    return sorted(
        n.name for n in path.iterdir() if n.name.endswith(suffixes) and not n.name.startswith(".")
    )


def bundled_digest() -> str:
    """The SHA-256 of the bundled dataset's files, as this geoalign ships them.

    Read as :func:`geoalign.loading.files.bundled_files` reads them, without importing
    the loader (and PyYAML with it): opening a store stays cheap.
    """
    import importlib.resources

    folder = importlib.resources.files("geoalign").joinpath("data")
    hasher = hashlib.sha256()
    for name in COLLECTIONS:
        hasher.update(f"{name}.yaml".encode())
        hasher.update(folder.joinpath(f"{name}.yaml").read_bytes())
    return hasher.hexdigest()


def _problem(where: str, code: str, message: str) -> DatasetError:
    return DatasetError(Problem(file=where, code=code, message=message))


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a directory holding a store manifest: what to open, not load.

    Cheap (two ``stat`` calls): it reads nothing, and checks nothing of the manifest.

    >>> is_store("src/geoalign/data")
    False
    """
    try:
        return (Path(path) / MANIFEST).is_file()
    except OSError:  # a name too long, say: not a store, and the loader says why
        return False
