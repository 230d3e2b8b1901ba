"""Opening a compiled store: a :class:`~geoalign.Dataset` whose queries DuckDB answers.

:func:`open_store` checks the manifest (format, version, files, fresh inputs), connects
an embedded DuckDB to the Parquet files, and returns a :class:`CompiledDataset`: a
``Dataset`` in every respect, running the very query methods of
:class:`~geoalign.Dataset` on a :class:`~geoalign.store.compiled.reading.CompiledStore`.
Its record tuples (``events``, ``sources``...) are read from the files when asked for,
never held.
"""

from __future__ import annotations

import datetime
import importlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from geoalign.errors import MissingExtraError
from geoalign.model.dates import DateLike
from geoalign.model.edtf import BoundedDate, parse_edtf
from geoalign.model.kinds import Certainty
from geoalign.model.records import Actor
from geoalign.rules.time import last_day
from geoalign.store.arguments import to_actor, to_as_of, to_certainty, to_kinds, to_window
from geoalign.store.compiled.connection import Connection
from geoalign.store.compiled.manifest import check_fresh, read_manifest
from geoalign.store.compiled.reading import CompiledStore
from geoalign.store.dataset import ActorLike, CertaintyLike, Dataset, KindsLike
from geoalign.store.known import KnownOn
from geoalign.store.memory import ALIGNMENT_KINDS

__all__ = ["CompiledDataset", "open_store"]

T = TypeVar("T")
_PLAIN = (str, datetime.date)


def _collection(name: str) -> Any:
    """A record tuple of the dataset, read from the store when asked for."""
    return property(lambda self: self._compiled.collection(name), doc=f"Every record of {name}.")


class CompiledDataset(Dataset):
    """A :class:`~geoalign.Dataset` answered from a compiled store (see :func:`~geoalign.store.compiled.open_store`).

    Every query is :class:`~geoalign.Dataset`'s own, on the same arguments, with the
    same answers.  The record tuples are read from the store on each access: at a
    million events, ``ds.events`` takes as long as a load.
    """

    __slots__ = ()

    sources = _collection("sources")
    countries = _collection("countries")
    organizations = _collection("organizations")
    persons = _collection("persons")
    relationships = _collection("relationships")
    events = _collection("events")

    @property
    def _compiled(self) -> CompiledStore:
        return self._store  # type: ignore[return-value]  # as on_store set it

    @classmethod
    def on_store(cls, store: CompiledStore) -> CompiledDataset:
        """The dataset a compiled store holds."""
        dataset = object.__new__(cls)
        object.__setattr__(dataset, "_store", store)
        object.__setattr__(dataset, "_known", KnownOn())
        return dataset

    def _known_on(self, as_known_on: DateLike | BoundedDate | None) -> Dataset:
        """As :class:`~geoalign.Dataset` does, with the store as known on the day."""
        day = None if as_known_on is None else to_window(as_known_on, "as_known_on")[2]
        if day is None or self.horizon is None or day >= last_day(self.horizon):
            return self
        return self._known.get(day, lambda: CompiledDataset.on_store(self._compiled.known_on(day)))

    def allies_of_many(
        self,
        questions: Iterable[tuple[ActorLike, DateLike | None]],
        *,
        kinds: KindsLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
    ) -> list[tuple[Actor, ...]]:
        """:meth:`~geoalign.Dataset.allies_of` of many ``(actor, as_of)`` pairs, in one query.

        Answer ``i`` equals ``allies_of(actor_i, as_of=as_of_i, kinds=kinds,
        certainty=certainty)``; the actors are resolved and the dates read first, so a
        bad one raises before anything is asked.  One DuckDB join answers them all:
        at 10^4 questions, far less than 10^4 calls.

        >>> import tempfile, pathlib
        >>> from geoalign.store.compiled import compile_store, open_store
        >>> data = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (data / "fre.yaml").write_text("countries:\\n- {id: FRE, name: Freedonia}\\n")
        >>> ds = open_store(compile_store(data, data / "store"))
        >>> answers = ds.allies_of_many([("Russia", "2024-12-06"), ("Serbia", None)])
        >>> [[ally.id for ally in allies] for allies in answers]
        [['SRB', 'SYR', 'assad-regime'], ['RUS']]
        """
        store, horizon = self._compiled, self.horizon
        chosen = to_kinds(kinds, ALIGNMENT_KINDS)
        # Questions repeat actors and days: each distinct one is read once.
        actors: dict[object, str] = {}
        days: dict[object, tuple[int, int]] = {}
        calls = [
            (
                _once(actors, actor, lambda a: to_actor(store, a, "actor").id),
                *_once(days, as_of, lambda d: _day(d) or to_as_of(d, horizon)[1:]),
            )
            for actor, as_of in questions
        ]
        found = store.others(calls, chosen, to_certainty(certainty))
        named = {other: store.get(other) for other in {o for others in found for o in others}}
        return [tuple([named[other] for other in others]) for others in found]  # type: ignore[misc]

    def __getstate__(self) -> Any:
        raise TypeError("a compiled dataset cannot be pickled: open the store again")


def _once(cache: dict[object, T], value: Any, make: Callable[[Any], T]) -> T:
    """``make(value)``, made once per distinct value (of one type: ``1`` is not ``True``)."""
    # Text and days are the common questions, and neither is ever equal to the other.
    key = value if type(value) in _PLAIN else (type(value), value)
    try:
        hash(key)
    except TypeError:  # unhashable: the argument check says what is wrong with it
        return make(value)
    if key not in cache:
        cache[key] = make(value)
    return cache[key]


def _day(value: object) -> tuple[int, int] | None:
    """The window of a :class:`datetime.date` (its one day), as :func:`to_as_of` gives it."""
    if type(value) is datetime.date:
        return value.toordinal(), value.toordinal()
    return None


def open_store(
    path: str | os.PathLike[str], *, check_inputs: bool = True, verify: bool = False
) -> CompiledDataset:
    """The dataset of a store written by :func:`~geoalign.store.compiled.compile_store`.

    Checks the manifest first: a store of another format version, one written by a
    newer geoalign, one with a file missing or of the wrong size, one whose inputs
    changed since it was compiled (unless ``check_inputs`` is false; inputs that no
    longer exist are not checked), and a directory that cannot be read each raise
    :class:`~geoalign.DatasetError` with a message saying what to do.  A file damaged
    in a way its size does not show raises ``DatasetError`` on the first query that
    reads it, never part of an answer; ``verify=True`` compares every file's SHA-256
    with the manifest's first (reading every byte).  Needs the ``store`` extra (DuckDB).

    >>> import tempfile, pathlib
    >>> from geoalign.store.compiled import compile_store, open_store
    >>> data = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (data / "fre.yaml").write_text("countries:\\n- {id: FRE, name: Freedonia}\\n")
    >>> ds = open_store(compile_store(data, data / "store"))
    >>> ds.resolve("Russia").id, ds.resolve("Freedonia").id
    ('RUS', 'FRE')
    >>> ds.sanction_status("USA", "Serbia", as_of="2025-01-01", certainty="possible").state.value
    'imposed'
    """
    try:
        duckdb = importlib.import_module("duckdb")
    except ImportError as exc:
        raise MissingExtraError("open_store", "duckdb", "store") from exc
    root = Path(path)
    manifest = read_manifest(root, verify=verify)
    if check_inputs:
        check_fresh(root, manifest)
    written = manifest.get("horizon")
    latest = None if written is None else (parse_edtf(written),)
    return CompiledDataset.on_store(CompiledStore(Connection(duckdb, root), None, latest))  # type: ignore[arg-type]
