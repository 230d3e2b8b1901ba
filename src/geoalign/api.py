"""The front door: :func:`load`, and the queries on the bundled dataset.

The bundled dataset is loaded on first use, once, under a lock, and shared: it is
immutable, so every caller can hold the same one.  It comes from the precompiled
module ``_bundled_records`` (generated from the YAML files), so that the first query of
a process needs neither PyYAML nor cattrs.
"""

from __future__ import annotations

import gc
import os
import threading

from geoalign.answers import SanctionStatus
from geoalign.dataset import ActorLike, Dataset, KindsLike
from geoalign.dates import DateLike
from geoalign.errors import DatasetError
from geoalign.model import Actor, Event, Relationship
from geoalign.validation import validate

__all__ = [
    "allies_of",
    "bundled",
    "load",
    "relationships_of",
    "resolve",
    "sanction_status",
    "timeline_between",
]

_lock = threading.Lock()
_bundled: Dataset | None = None


def bundled() -> Dataset:
    """The bundled dataset, loaded and validated on first call, then shared.

    >>> bundled() is bundled()
    True
    """
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                _bundled = _load_bundled()
    return _bundled


def _load_bundled() -> Dataset:
    # The precompiled records spare a cold process PyYAML and cattrs; they are still
    # checked by the same rules as any file (a test proves they equal the YAML).
    try:
        from geoalign._bundled_records import RECORDS
    except ImportError as exc:
        raise DatasetError(
            f"the bundled dataset is missing from the installed package ({exc})"
        ) from None

    problems = validate(RECORDS, "bundled dataset")
    if problems:
        raise DatasetError(problems)
    return Dataset._from_records(RECORDS)


def load(
    path: str | os.PathLike[str] | None = None,
    *,
    include_bundled: bool = True,
    override: bool = False,
) -> Dataset:
    """Load a dataset: the bundled one, a user's, or a user's layered on the bundled one.

    ``path`` is a directory of dataset files (``*.yaml``, ``*.yml``, ``*.jsonl``) or one
    such file.  Every record is validated; any problem raises :class:`DatasetError`
    naming the file, the record and the field, and nothing is loaded.  A user record
    whose id is already bundled is an error, unless ``override`` is true.

    >>> import geoalign
    >>> geoalign.load().get("RUS").name
    'Russia'
    >>> geoalign.load("no/such/place")
    Traceback (most recent call last):
    ...
    geoalign.errors.DatasetError: no/such/place: no such file or directory
    """
    if path is None and include_bundled:
        return bundled()
    from geoalign.loading import load_records  # PyYAML and cattrs, only for files

    # Loading allocates millions of objects and frees almost none: collector passes would
    # only rescan the growing heap (they doubled the load time at 10^5 events).
    collecting = gc.isenabled()
    gc.disable()
    try:
        records = load_records(path, include_bundled=include_bundled, override=override)
        return Dataset._from_records(records)
    finally:
        if collecting:
            gc.enable()


def resolve(name: ActorLike) -> Actor:
    """:meth:`Dataset.resolve` on the bundled dataset.

    >>> resolve("the Kremlin").name
    'Russia'
    """
    return bundled().resolve(name)


def allies_of(
    actor: ActorLike, *, as_of: DateLike | None = None, kinds: KindsLike | None = None
) -> tuple[Actor, ...]:
    """:meth:`Dataset.allies_of` on the bundled dataset.

    >>> "RUS" in [a.id for a in allies_of("Syria", as_of="2023-06-01")]
    True
    """
    return bundled().allies_of(actor, as_of=as_of, kinds=kinds)


def relationships_of(
    actor: ActorLike, *, as_of: DateLike | None = None, kinds: KindsLike | None = None
) -> tuple[Relationship, ...]:
    """:meth:`Dataset.relationships_of` on the bundled dataset.

    >>> all(r.kind.value == "sanctions" for r in relationships_of("nis", kinds=["sanctions"]))
    True
    """
    return bundled().relationships_of(actor, as_of=as_of, kinds=kinds)


def sanction_status(
    imposer: ActorLike, target: ActorLike, *, as_of: DateLike | None = None
) -> SanctionStatus:
    """:meth:`Dataset.sanction_status` on the bundled dataset.

    >>> sanction_status("Serbia", "Russia").state.value
    'not_imposed'
    """
    return bundled().sanction_status(imposer, target, as_of=as_of)


def timeline_between(
    a: ActorLike, b: ActorLike, *, start: DateLike | None = None, end: DateLike | None = None
) -> tuple[Event, ...]:
    """:meth:`Dataset.timeline_between` on the bundled dataset.

    >>> events = timeline_between("Russia", "Syria", start="2024-11")
    >>> events == timeline_between("Syria", "Russia", start="2024-11")
    True
    """
    return bundled().timeline_between(a, b, start=start, end=end)
