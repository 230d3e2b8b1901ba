"""The bundled dataset, loaded on first use, once, under a lock, and shared.

It comes from the precompiled module :mod:`geoalign.bundled.records` (generated from the
YAML files by ``tools/precompile.py``), so that the first query of a process needs
neither PyYAML nor cattrs.
"""

from __future__ import annotations

import threading

from geoalign.errors import DatasetError
from geoalign.model.records import Records
from geoalign.store.dataset import Dataset

__all__ = ["bundled", "bundled_records"]

_lock = threading.Lock()
_bundled: Dataset | None = None


def bundled() -> Dataset:
    """The bundled dataset, built on first call from its checked, precompiled records, then shared.

    >>> bundled() is bundled()
    True
    """
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                _bundled = _load_bundled()
    return _bundled


def bundled_records() -> Records:
    """The bundled dataset's records, precompiled: no YAML is read, nothing is checked.

    A user's dataset layered on the bundled one starts from them (see
    :func:`geoalign.load`), and the whole is checked once.

    >>> bundled_records() is bundled_records()
    True
    """
    try:
        from geoalign.bundled.records import RECORDS
    except ImportError as exc:
        raise DatasetError(
            f"the bundled dataset is missing from the installed package ({exc})"
        ) from None
    return RECORDS


def _load_bundled() -> Dataset:
    # The precompiled records spare a cold process PyYAML, cattrs and the checks: they
    # are what the loader made of the YAML after checking it, which tests prove (equal
    # to load_records(), and valid), so checking them at every start would only repeat it.
    return Dataset._from_records(bundled_records())
