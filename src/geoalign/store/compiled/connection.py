"""The DuckDB connection of a compiled store: its files, cursors, kept lookups and errors.

A small store (up to :data:`SMALL_STORE_BYTES` of Parquet files) is read into DuckDB's
memory when opened, and the rows of each of its queries are kept: the same question
asked again, as a server is asked, costs no query, and a new one costs half what a
query of the files does.  A larger store is read where it lies, each query opening only
the files it reads.  Each thread queries through its own DuckDB cursor, so that two
threads query at once.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any, TypeVar

from geoalign.errors import DatasetError, Problem
from geoalign.model.records import Record
from geoalign.store.compiled.manifest import TABLES

__all__ = ["SMALL_STORE_BYTES", "Connection", "bounded"]

SMALL_STORE_BYTES = 64 * 2**20
"""A store whose Parquet files hold at most this many bytes is read into memory at open."""
_CACHED = 65_536
_ANSWERED = 4096
_Kept = TypeVar("_Kept", bound=dict[Any, Any] | set[Any])
_TABLE = re.compile(rf"\b(FROM|JOIN) ({'|'.join(TABLES)})\b")


class Connection:
    """A DuckDB connection over the store in ``root``, a cursor per thread, its errors made
    :class:`~geoalign.DatasetError`: a damaged file of a small store is refused here, at
    open, that of a larger store by the first query that reads it."""

    def __init__(self, duckdb: Any, root: Path) -> None:
        self.root, self._error = root, duckdb.Error
        self.cache: dict[str, Record] = {}
        """Records read by id, which never change: actors above all, asked for again and again."""
        self.absent: set[str] = set()
        """Ids (and names) that are no record, asked for by every resolve of a name."""
        self.names: dict[str, list[tuple[Any, ...]]] = {}
        """The rows of the name table for a folded name, as :meth:`CompiledStore.resolve` reads them."""
        self._queries: dict[str, str] = {}
        self._answered: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
        self._local = threading.local()
        self._opening = threading.Lock()
        try:
            # One thread per query: a query reads a few row groups, and threads would wait
            # for cores; each thread of the server has its own cursor, so two run at once.
            self._db = duckdb.connect(config={"threads": 1})
            self._db.execute("SET GLOBAL parquet_metadata_cache = true")  # footers read once
            self.in_memory = _parquet_bytes(root) <= SMALL_STORE_BYTES
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

    def rows(self, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
        """Every row of the query (all or nothing), not to be changed: the rows of a small
        store's queries are kept, and the same query asked again is answered from them."""
        key = (sql, *(tuple(p) if isinstance(p, list) else p for p in parameters))
        found: list[tuple[Any, ...]] | None = self._answered.get(key)
        if found is not None:
            return found
        cursor = getattr(self._local, "cursor", None)
        try:
            if cursor is None:  # DuckDB's connections are not shared between threads
                with self._opening:
                    cursor = self._local.cursor = self._db.cursor()
            found = cursor.execute(self._sql(sql), list(parameters)).fetchall()
        except self._error as exc:
            raise self._damaged(exc) from None
        if self.in_memory:  # the store never changes: neither do the rows of a query
            bounded(self._answered, _ANSWERED)[key] = found
        return found


def bounded(kept: _Kept, most: int = _CACHED) -> _Kept:
    """``kept``, emptied first if full: a store's lookups are kept, a few thousand at most."""
    if len(kept) >= most:
        kept.clear()
    return kept


def _parquet_bytes(root: Path) -> int:
    """The size of the store's Parquet files (those there: the manifest checked them)."""
    paths = (root / f"{table}.parquet" for table in TABLES)
    return sum(path.stat().st_size for path in paths if path.exists())
