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
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from geoalign.errors import (
    ArgumentTypeError,
    DatasetError,
    InvalidDateError,
    MissingExtraError,
    Problem,
)
from geoalign.model.answers import UNBOUNDED, SanctionStatus
from geoalign.model.dates import DateLike
from geoalign.model.edtf import BoundedDate, EDTFDate, parse_edtf
from geoalign.model.kinds import Certainty
from geoalign.model.records import Actor, Event
from geoalign.rules.knowledge import is_known
from geoalign.store.arguments import (
    to_actor,
    to_as_of,
    to_bounds,
    to_certainty,
    to_kinds,
    to_window,
)
from geoalign.store.compiled.connection import Connection, bounded
from geoalign.store.compiled.manifest import MANIFEST, check_fresh, read_manifest
from geoalign.store.compiled.queries import (
    ALLIES_CALLS,
    ALLIES_MANY,
    CANDIDATES,
    RECORDS,
    RECORDS_IN,
    SANCTIONS,
    TIMELINE,
    TIMELINE_CALLS,
    TIMELINE_IDS,
)
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
        if day is None or self.horizon is None or is_known(self.horizon, day):
            return self
        return self._known.get(day, lambda: CompiledDataset.on_store(self._compiled.known_on(day)))

    def _known_compiled(self, as_known_on: DateLike | None) -> CompiledDataset:
        return self._known_on(as_known_on)  # type: ignore[return-value]  # as _known_on makes it

    def allies_of_many(
        self,
        questions: Iterable[tuple[ActorLike, DateLike | None]],
        *,
        kinds: KindsLike | None = None,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> list[tuple[Actor, ...]]:
        """:meth:`~geoalign.Dataset.allies_of` of many ``(actor, as_of)`` pairs, in one query.

        Answer ``i`` equals ``allies_of(actor_i, as_of=as_of_i, kinds=kinds,
        certainty=certainty, as_known_on=as_known_on)``; the actors are resolved and
        the dates read first, so a bad one raises before anything is asked (a question
        that is no pair: :class:`~geoalign.errors.ArgumentTypeError`).  One DuckDB join
        (:data:`~geoalign.store.compiled.queries.ALLIES_MANY`) answers them all: at
        10^4 questions, far less than 10^4 calls.  As known on an earlier day than the
        horizon, one query reads the actors' ties and each answer re-derives their
        spans in Python, as ``allies_of`` does.

        >>> import tempfile, pathlib
        >>> from geoalign.store.compiled import compile_store, open_store
        >>> data = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (data / "fre.yaml").write_text("countries:\\n- {id: FRE, name: Freedonia}\\n")
        >>> ds = open_store(compile_store(data, data / "store"))
        >>> answers = ds.allies_of_many([("Russia", "2024-12-06"), ("Serbia", None)])
        >>> [[ally.id for ally in allies] for allies in answers]
        [['SRB', 'SYR', 'assad-regime'], ['RUS']]
        """
        known, asked = self._known_compiled(as_known_on), _questions(questions, 2)
        store, horizon = known._compiled, known.horizon
        _read_ahead(store, (actor for actor, _ in asked))
        chosen = sorted(kind.value for kind in to_kinds(kinds, ALIGNMENT_KINDS))
        surely = to_certainty(certainty)
        # Questions repeat actors and days: each distinct one is read once.
        actors: dict[object, str] = {}
        days: dict[object, tuple[int, int]] = {}
        calls = [
            (
                _once(actors, actor, lambda a: to_actor(store, a, "actor").id),
                *_once(days, as_of, lambda d: _day(d) or to_as_of(d, horizon)[1:]),
            )
            for actor, as_of in asked
        ]
        if known is not self:
            with store._db.primed(CANDIDATES, [(actor,) for actor, _, _ in calls], kinds=chosen):
                return [
                    known.allies_of(actor, as_of=as_of, kinds=kinds, certainty=surely)
                    for actor, as_of in asked
                ]
        asked_sql = [(actor, last, first) for actor, first, last in calls]
        return _by_call(asked_sql, lambda distinct: _allies(store, distinct, surely, chosen))

    def timeline_between_many(
        self,
        questions: Iterable[tuple[ActorLike, ActorLike, DateLike | None, DateLike | None]],
        *,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> list[tuple[Event, ...]]:
        """:meth:`~geoalign.Dataset.timeline_between` of many ``(a, b, start, end)``
        questions, in one query.

        Answer ``i`` equals ``timeline_between(a_i, b_i, start=start_i, end=end_i,
        certainty=certainty, as_known_on=as_known_on)``.  The actors and dates are read
        first, so a bad one raises before anything is asked; one join
        (:data:`~geoalign.store.compiled.queries.TIMELINE`'s ``many``) reads every
        answer's events.

        >>> import tempfile, pathlib
        >>> from geoalign.store.compiled import compile_store, open_store
        >>> data = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (data / "fre.yaml").write_text("countries:\\n- {id: FRE, name: Freedonia}\\n")
        >>> ds = open_store(compile_store(data, data / "store"))
        >>> answers = ds.timeline_between_many([("Russia", "Syria", "2024-12-08", "2024-12-08")])
        >>> [[event.id for event in events] for events in answers]
        [['russia-withdraws-ships-from-tartus']]
        """
        known, asked = self._known_compiled(as_known_on), _questions(questions, 4)
        store, surely = known._compiled, to_certainty(certainty)
        _read_ahead(store, (actor for question in asked for actor in question[:2]))
        actors: dict[object, str] = {}
        calls = [
            (
                _once(actors, a, lambda a: to_actor(store, a, "a").id),
                _once(actors, b, lambda b: to_actor(store, b, "b").id),
                *_bounds(start, end),
            )
            for a, b, start, end in asked
        ]
        if known is not self:  # each answer as known on the day: timeline_between's own
            with store._db.primed(TIMELINE[surely], calls):
                return [store.timeline(a, b, first, last, surely) for a, b, first, last in calls]
        return _by_call(calls, lambda distinct: _timelines(store, distinct, surely))

    def sanction_status_many(
        self,
        questions: Iterable[tuple[ActorLike, ActorLike, DateLike | None]],
        *,
        certainty: CertaintyLike = Certainty.DEFINITE,
        as_known_on: DateLike | None = None,
    ) -> list[SanctionStatus]:
        """:meth:`~geoalign.Dataset.sanction_status` of many ``(imposer, target, as_of)``
        questions, in one query.

        Answer ``i`` equals ``sanction_status(imposer_i, target_i, as_of=as_of_i,
        certainty=certainty, as_known_on=as_known_on)``.  The actors are resolved first,
        so an unknown one raises before anything is asked; one join
        (:data:`~geoalign.store.compiled.queries.SANCTIONS`'s ``many``) reads every
        pair's measures and statements.

        >>> import tempfile, pathlib
        >>> from geoalign.store.compiled import compile_store, open_store
        >>> data = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (data / "fre.yaml").write_text("countries:\\n- {id: FRE, name: Freedonia}\\n")
        >>> ds = open_store(compile_store(data, data / "store"))
        >>> answers = ds.sanction_status_many([("USA", "Serbia", "2025-01-01")], certainty="possible")
        >>> [status.state.value for status in answers]
        ['imposed']
        """
        known, asked = self._known_compiled(as_known_on), _questions(questions, 3)
        store, surely = known._compiled, to_certainty(certainty)
        _read_ahead(store, (actor for question in asked for actor in question[:2]))
        calls = [
            (to_actor(store, imposer, "imposer").id, to_actor(store, target, "target").id)
            for imposer, target, _ in asked
        ]
        with store._db.primed(SANCTIONS, calls):
            return [
                known.sanction_status(imposer, target, as_of=as_of, certainty=surely)
                for imposer, target, as_of in asked
            ]

    def __getstate__(self) -> Any:
        raise TypeError("a compiled dataset cannot be pickled: open the store again")


def _by_call(calls: list[tuple[Any, ...]], answer: Callable[[list[Any]], list[T]]) -> list[T]:
    """The answer to each call, ``answer`` asked each distinct call once."""
    distinct = list(dict.fromkeys(calls))
    answers = dict(zip(distinct, answer(distinct), strict=True))
    return [answers[call] for call in calls]


def _allies(
    store: CompiledStore, calls: list[tuple[str, int, int]], certainty: Certainty, kinds: list[str]
) -> list[tuple[Actor, ...]]:
    """The allies of each ``(actor, last, first)``, by one join (:data:`ALLIES_MANY`)."""
    found: list[list[str]] = [[] for _ in calls]
    for i, other in store._db.many(ALLIES_MANY[certainty], ALLIES_CALLS, calls, kinds):
        found[i].append(other)
    # The actors named, read at once: each answer asks for every one of them.
    _read_ahead(store, (other for others in found for other in others))
    named = {other: store.get(other) for other in {o for others in found for o in others}}
    return [tuple([named[other] for other in others]) for others in found]  # type: ignore[misc]


def _timelines(
    store: CompiledStore, calls: list[tuple[str, str, int, int]], certainty: Certainty
) -> list[tuple[Event, ...]]:
    """The events of each ``(a, b, first, last)`` in timeline order: their ids by one join
    (:data:`TIMELINE_IDS`), then each event read once (and kept, as far as the store keeps
    records: a batch may read millions)."""
    found: list[list[str]] = [[] for _ in calls]
    for i, event in store._db.many(TIMELINE_IDS[certainty], TIMELINE_CALLS, calls):
        found[i].append(event)
    cache = store._db.cache
    events: dict[str, Any] = {e: cache[e] for ids in found for e in ids if e in cache}
    missing = sorted({e for ids in found for e in ids} - events.keys())
    for record_id, collection, data in store._db.many(RECORDS_IN, ("id",), [(e,) for e in missing]):
        events[record_id] = store._keep(record_id, collection, data)
    return [tuple([events[e] for e in ids]) for ids in found]


def _read_ahead(store: CompiledStore, ids: Iterable[object]) -> None:
    """The records of these ids (those not read yet), read in one query and kept: asking
    for each of them is then a lookup.  The strings that are no id are kept as such."""
    db = store._db
    wanted = sorted({i for i in ids if isinstance(i, str)} - db.cache.keys() - db.absent)
    found = db.rows(RECORDS, wanted) if wanted else ()
    for record_id, collection, data in found:
        store._keep(record_id, collection, data)
    bounded(db.absent).update(set(wanted) - {row[0] for row in found})


def _questions(questions: Iterable[Any], size: int) -> list[tuple[Any, ...]]:
    """The questions of a batch, each a tuple of ``size`` arguments, or
    :class:`~geoalign.errors.ArgumentTypeError` naming the first that is not."""
    asked = list(questions)
    for i, question in enumerate(asked):
        if not isinstance(question, tuple | list) or len(question) != size:
            raise ArgumentTypeError(
                f"questions[{i}] must be a tuple of {size} arguments, got "
                f"{type(question).__name__} {question!r:.80}"
            )
    return asked


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


def _bounds(start: object, end: object) -> tuple[int, int]:
    """:func:`to_bounds`, without reading a :class:`datetime.date` as a date argument."""
    one, two = _day(start), _day(end)
    if (one is None and start is not None) or (two is None and end is not None):
        return to_bounds(start, end)  # type: ignore[arg-type]  # to_bounds checks them
    first = -UNBOUNDED if one is None else one[0]
    last = UNBOUNDED if two is None else two[1]
    return (first, last) if first <= last else to_bounds(start, end)  # type: ignore[arg-type]


def open_store(
    path: str | os.PathLike[str],
    *,
    check_inputs: bool = True,
    verify: bool = False,
    memory: bool | None = None,
) -> CompiledDataset:
    """The dataset of a store written by :func:`~geoalign.store.compiled.compile_store`.

    Checks the manifest first: a store of another format version, one written by a
    newer geoalign, one with a file missing or of the wrong size, one whose inputs
    changed since it was compiled (unless ``check_inputs`` is false; inputs that no
    longer exist are not checked), and a directory that cannot be read each raise
    :class:`~geoalign.DatasetError` with a message saying what to do.  A file damaged
    in a way its size does not show raises ``DatasetError`` on the first query that
    reads it, never part of an answer; ``verify=True`` compares every file's SHA-256
    with the manifest's first (reading every byte).  ``memory`` says whether the store
    is read into DuckDB's memory at open (then each query costs about half): by default
    (``None``) a store of up to 64 MiB of Parquet files is.  The copy pays back after
    tens to hundreds of distinct questions; a process that asks one or two (as the
    ``geoalign`` command does) gains by ``memory=False``.  Needs the ``store`` extra (DuckDB).

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
    root, latest = checked(path, check_inputs=check_inputs, verify=verify)
    return CompiledDataset.on_store(CompiledStore(Connection(duckdb, root, memory), None, latest))  # type: ignore[arg-type]


def checked(
    path: str | os.PathLike[str], *, check_inputs: bool, verify: bool
) -> tuple[Path, tuple[EDTFDate] | None]:
    """The store's directory, once its manifest is checked as :func:`open_store` says,
    and its horizon as the manifest gives it."""
    root = Path(path)
    manifest = read_manifest(root, verify=verify)
    if check_inputs:
        check_fresh(root, manifest)
    written = manifest.get("horizon")
    if written is None:
        return root, None
    try:
        return root, (parse_edtf(written),)
    except (InvalidDateError, TypeError):
        message = f"{MANIFEST}: its horizon {json.dumps(written)} is not an EDTF date"
        raise DatasetError(Problem(file=str(root), code="bad-manifest", message=message)) from None
