"""Compiling a dataset into a store: the JSON Lines files streamed, anything else loaded.

:func:`compile_store` chooses: a dataset all in JSON Lines files is compiled by
:mod:`~geoalign.store.compiled.streaming` without being held; any other is read by the
loader and written by :func:`~geoalign.store.compiled.writing.write_store`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from geoalign.errors import DatasetError, Problem
from geoalign.store.compiled.manifest import bundled_digest, fingerprint, is_store

__all__ = ["compile_store"]


def compile_store(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    include_bundled: bool = True,
    override: bool = False,
) -> Path:
    """Validate a dataset once and write it as a compiled store; return the store's path.

    ``path`` is what :func:`geoalign.load` takes (a dataset file or a directory of
    them), ``include_bundled`` and ``override`` mean what they mean there.  ``out`` is
    a new or empty directory, or an earlier store, which is replaced.  Open the store
    with :func:`~geoalign.store.compiled.open_store`.  The manifest records the SHA-256,
    size and modification time of every input file, so that opening a store whose
    inputs changed is refused.

    Raises :class:`~geoalign.DatasetError` for any problem of the dataset (nothing is
    written), or an ``out`` that holds something else; needs the ``store`` extra
    (:class:`~geoalign.MissingExtraError` without it).  A dataset all in JSON Lines
    files (``*.jsonl``) is streamed: its problems are those :func:`geoalign.load`
    reports, but the records are never all held (memory grows by about 120 bytes per
    record, for its id: 1.4 GB after reading 1.1x10^7 records), and a file over the loader's 1 GiB limit is read.  Any other
    dataset is loaded first, and needs as much memory as :func:`geoalign.load` (about
    2 GB per million events).

    >>> import tempfile, pathlib
    >>> from geoalign.store.compiled import compile_store, open_store
    >>> data = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (data / "fre.yaml").write_text("countries:\\n- {id: FRE, name: Freedonia}\\n")
    >>> store = compile_store(data, data / "store", include_bundled=False)
    >>> open_store(store).resolve("freedonia").id
    'FRE'
    """
    # Imported here: opening a store imports this package, and never writes one.
    from geoalign.loading.files import DATA_SUFFIXES, _user_paths, load_records
    from geoalign.loading.gcpause import gc_paused
    from geoalign.store.compiled.writing import _extras, write_store

    if is_store(path):
        message = (
            "is a compiled store: compile takes dataset files (YAML, JSON, JSON Lines); "
            "query the store with --data, or copy its directory"
        )
        raise DatasetError(Problem(file=os.fspath(path), code="is-a-store", message=message))
    _extras()  # before the long load, not after it
    try:
        source = fingerprint(path, DATA_SUFFIXES)
    except (OSError, TypeError):  # the loader says what is wrong with the path
        source = None
    about: dict[str, Any] = {
        "input": source,
        "include_bundled": include_bundled,
        "override": override,
        "bundled_sha256": bundled_digest() if include_bundled else None,
    }
    paths = _user_paths(path)
    with gc_paused():
        if all(Path(name).suffix == ".jsonl" for name in paths):
            from geoalign.store.compiled.streaming import bundled_layer, compile_jsonl

            layer = bundled_layer() if include_bundled else []
            return compile_jsonl(paths, out, about, bundled=layer, override=override)
        records = load_records(path, include_bundled=include_bundled, override=override)
    return write_store(records, out, about)
