"""The DuckDB connection of a compiled store: its files, cursors, kept lookups and errors.

:class:`Tables` is what the store queries through, whatever the engine: the rows of a
query, a query joined with a table of many questions (:meth:`Tables.many`), and rows
made ready in advance (:meth:`Tables.primed`: a batch's one join answers each of its
questions' single queries).  :class:`Connection` is DuckDB's;
:mod:`geoalign.store.compiled.spark` has Spark's.

A small store (up to :data:`SMALL_STORE_BYTES` of Parquet files, unless told otherwise)
is read into DuckDB's memory when opened, and the rows of each of its queries are kept: the same question
asked again, as a server is asked, costs no query, and a new one costs half what a
query of the files does.  A larger store is read where it lies, each query opening only
the files it reads.  Each thread queries through its own DuckDB cursor, so that two
threads query at once.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from geoalign.errors import DatasetError, Problem
from geoalign.model.records import Record
from geoalign.store.compiled.manifest import TABLES
from geoalign.store.compiled.queries import Query

__all__ = ["SMALL_STORE_BYTES", "Connection", "Tables", "bounded", "interruptible"]

SMALL_STORE_BYTES = 64 * 2**20
"""A store whose Parquet files hold at most this many bytes is read into memory at open."""
_CACHED = 65_536
_ANSWERED = 4096
_Kept = TypeVar("_Kept", bound=dict[Any, Any] | set[Any])
_NOTHING: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
_TABLE = re.compile(rf"\b(FROM|JOIN) ({'|'.join(TABLES)})\b")


class Tables:
    """The store's tables as an engine queries them: rows of a query, all or nothing, and
    the lookups the store keeps.  :class:`Connection` is DuckDB's;
    :mod:`geoalign.store.compiled.spark` is Spark's."""

    keeps_answers = True
    """Whether the rows of each query are kept (the tables never change)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: dict[str, Record] = {}
        """Records read by id, which never change: actors above all, asked for again and again."""
        self.absent: set[str] = set()
        """Ids (and names) that are no record, asked for by every resolve of a name."""
        self.names: dict[str, list[tuple[Any, ...]]] = {}
        """The rows of the name table for a folded name, as :meth:`CompiledStore.resolve` reads them."""
        self._answered: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
        self._local = threading.local()

    def _fetch(self, sql: str, parameters: list[Any]) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _fetch_many(
        self, sql: str, names: Sequence[str], calls: Sequence[tuple[Any, ...]], shared: list[Any]
    ) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def rows(self, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
        """Every row of the query (all or nothing), not to be changed: the rows of a small
        store's queries are kept, and the same query asked again is answered from them."""
        key = _key(sql, parameters)
        found = getattr(self._local, "primed", _NOTHING).get(key)
        if found is None:
            found = self._answered.get(key)
        if found is not None:
            return found
        found = self._fetch(sql, list(parameters))
        if self.keeps_answers:
            bounded(self._answered, _ANSWERED)[key] = found
        return found

    def many(
        self, sql: str, names: Sequence[str], calls: Sequence[tuple[Any, ...]], *shared: Any
    ) -> list[tuple[Any, ...]]:
        """Every row of a query joined with a table ``calls`` (``i``, the row's number in
        ``calls``, then a column for each of ``names``), ``shared`` its ``?``."""
        return self._fetch_many(sql, names, calls, list(shared)) if calls else []

    @contextlib.contextmanager
    def primed(
        self, query: Query, calls: Iterable[tuple[Any, ...]], **shared: Any
    ) -> Iterator[None]:
        """Inside the block, :meth:`rows` of ``query.sql`` for each of ``calls`` is already
        answered, by one query of them all (:meth:`Query.many`): each call gives the
        parameters not ``shared``, in the order of :attr:`Query.parameters`."""
        names = [name for name in query.parameters if name not in shared]
        distinct = list(dict.fromkeys(calls))
        grouped: list[list[tuple[Any, ...]]] = [[] for _ in distinct]
        for row in self.many(query.many(tuple(shared)), names, distinct, *shared.values()):
            grouped[row[0]].append(row[1:])
        primed: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
        for call, rows in zip(distinct, grouped, strict=True):
            given = dict(zip(names, call, strict=True))
            asked = (shared[n] if n in shared else given[n] for n in query.parameters)
            primed[_key(query.sql, asked)] = rows
        self._local.primed = primed
        try:
            yield
        finally:
            self._local.primed = _NOTHING


class Connection(Tables):
    """A DuckDB connection over the store in ``root``, a cursor per thread, its errors made
    :class:`~geoalign.DatasetError`: a damaged file of a small store is refused here, at
    open, that of a larger store by the first query that reads it."""

    def __init__(self, duckdb: Any, root: Path, memory: bool | None = None) -> None:
        super().__init__(root)
        self._error = duckdb.Error
        self._queries: dict[str, str] = {}
        self._opening = threading.Lock()
        try:
            with interruptible():  # DuckDB's interrupt is not damage
                # One thread per query: a query reads a few row groups, and threads would wait
                # for cores; each thread of the server has its own cursor, so two run at once.
                self._db = duckdb.connect(config={"threads": 1})
                self._db.execute("SET GLOBAL parquet_metadata_cache = true")  # footers read once
                small = _parquet_bytes(root) <= SMALL_STORE_BYTES if memory is None else memory
                self.in_memory = self.keeps_answers = small
                for table in TABLES if self.in_memory else ():
                    self._db.execute(
                        f"CREATE TABLE {table} AS FROM read_parquet('{self._path(table)}')"
                    )
        except duckdb.Error as exc:
            raise self._damaged(exc) from None

    def _damaged(self, exc: Exception) -> DatasetError:
        message = (
            f"a file of the compiled store cannot be read ({type(exc).__name__}): "
            "compile the store again"
        )
        return DatasetError(Problem(file=str(self.root), code="store-damaged", message=message))

    def _sql(self, sql: str) -> str:
        """The query with each table read from its file: a query opens only the files it reads."""
        if self.in_memory:
            return sql
        found = self._queries.get(sql)
        if found is None:
            found = self._queries[sql] = _TABLE.sub(
                lambda m: f"{m[1]} read_parquet('{self._path(m[2])}')", sql
            )
        return found

    def _path(self, table: str) -> str:
        return str(self.root / f"{table}.parquet").replace("'", "''")

    def _fetch(self, sql: str, parameters: list[Any]) -> list[tuple[Any, ...]]:
        cursor = getattr(self._local, "cursor", None)
        try:
            if cursor is None:  # DuckDB's connections are not shared between threads
                with self._opening:
                    cursor = self._local.cursor = self._db.cursor()
            with interruptible():
                return cursor.execute(self._sql(sql), parameters).fetchall()  # type: ignore[no-any-return]
        except self._error as exc:
            raise self._damaged(exc) from None

    def _fetch_many(
        self, sql: str, names: Sequence[str], calls: Sequence[tuple[Any, ...]], shared: list[Any]
    ) -> list[tuple[Any, ...]]:
        # The calls, a list per column, unnested side by side: a table of them, in the query.
        table = ", ".join(f"unnest(?) AS {name}" for name in ("i", *names))
        columns = [list(column) for column in zip(*calls, strict=True)]
        sql = f"WITH calls AS (SELECT {table}) {sql}"
        # A batch is one big query: every core for it (one per query otherwise).
        self._db.execute(f"SET threads = {os.cpu_count() or 1}")
        try:
            return self._fetch(sql, [list(range(len(calls))), *columns, *shared])
        finally:
            self._db.execute("SET threads = 1")


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Inside the block, DuckDB's answer to Ctrl-C is Python's: :class:`KeyboardInterrupt`.

    DuckDB notices the signal itself, stops its query and raises an error of its own
    (``RuntimeError: Query interrupted``, or ``duckdb.InterruptException``), which would
    otherwise end the command with a traceback instead of the status 130.
    """
    try:
        yield
    except Exception as exc:
        if _interrupted(exc):
            raise KeyboardInterrupt from None
        raise


def _interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB's error for a query stopped by Ctrl-C."""
    if type(exc).__name__ == "InterruptException":
        return True
    return type(exc) is RuntimeError and str(exc) == "Query interrupted"


def bounded(kept: _Kept, most: int = _CACHED) -> _Kept:
    """``kept``, emptied first if full: a store's lookups are kept, a few thousand at most."""
    if len(kept) >= most:
        kept.clear()
    return kept


def _parquet_bytes(root: Path) -> int:
    """The size of the store's Parquet files (those there: the manifest checked them)."""
    paths = (root / f"{table}.parquet" for table in TABLES)
    return sum(path.stat().st_size for path in paths if path.exists())


def _key(sql: str, parameters: Iterable[Any]) -> tuple[Any, ...]:
    """What :meth:`Tables.rows` keeps a query's rows under (lists made tuples)."""
    return (sql, *(tuple(p) if isinstance(p, list) else p for p in parameters))
