"""Baselines on columnar engines, over the tables of :data:`baselines.TABLES`.

:class:`PandasIndexed` answers by bisecting sorted MultiIndexes (no scan); :class:`DuckDBTables` runs the same parameterized SQL as the sqlite
baseline on DuckDB tables stored in key order, and answers a whole batch of queries
with one join.  Both need pandas (DuckDB reads its tables from the data frames); the
benchmark skips them when their package is missing.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from typing import Any

from baselines import LONGEST, TABLES, SqlQueries, state_of_rows, table_rows
from geoalign import Dataset

__all__ = ["DuckDBTables", "PandasIndexed", "data_frames"]

# The key order each table is stored and indexed in: the order its queries look it up.
_ORDER = {
    "pair_events": ["a", "b", "first_day", "rank", "id"],
    "ties": ["actor", "start_day", "other"],
    "measures": ["imposer", "target", "id"],
}


def data_frames(dataset: Dataset) -> dict[str, Any]:
    """Each table of :data:`baselines.TABLES` as a pandas DataFrame, in key order.

    >>> sorted(data_frames(_example()))
    ['measures', 'pair_events', 'ties']
    """
    import pandas as pd

    frames = {}
    for table, rows in table_rows(dataset).items():
        names = [column.split()[0] for column in TABLES[table].split(", ")]
        frame = pd.DataFrame.from_records(list(rows), columns=names)
        frames[table] = frame.sort_values(_ORDER[table], ignore_index=True)
    return frames


class PandasIndexed:
    """pandas with sorted MultiIndexes: each query bisects an index; answers are ids.

    A lookup is :meth:`pandas.MultiIndex.slice_locs` (the binary search behind ``.loc``)
    and the columns as numpy arrays: ``.loc`` itself took four times as long (587
    against 146 µs per ``timeline_between`` at 10^5 events).

    >>> PandasIndexed(data_frames(_example())).allies_of("AAA", datetime.date(2020, 1, 1))
    []
    """

    def __init__(self, frames: dict[str, Any]) -> None:
        self.frames = {
            table: (frame.set_index(keys).index, {c: frame[c].to_numpy() for c in frame})
            for (table, frame), keys in zip(
                frames.items(),
                (["a", "b", "first_day"], ["actor", "start_day"], ["imposer", "target"]),
                strict=True,
            )
        }
        for index, _ in self.frames.values():
            assert index.is_monotonic_increasing  # so that slice_locs bisects

    def _rows(self, table: str, low: tuple[Any, ...], high: tuple[Any, ...]) -> dict[str, Any]:
        index, columns = self.frames[table]
        try:
            start, stop = index.slice_locs(low, high)
        except KeyError:  # a key that sorts outside the index
            start = stop = 0
        return {name: column[start:stop] for name, column in columns.items()}

    def timeline_between(
        self, a: str, b: str, start: datetime.date, end: datetime.date
    ) -> list[str]:
        """Ids of the events of both actors overlapping ``[start, end]``, in order."""
        a, b = (a, b) if a < b else (b, a)
        first, last = start.toordinal(), end.toordinal()
        rows = self._rows("pair_events", (a, b, first - LONGEST), (a, b, last))
        return list(rows["id"][rows["last_day"] >= first])

    def allies_of(self, actor: str, day: datetime.date) -> list[str]:
        """Ids of the allies of ``actor`` on ``day``, sorted."""
        d = day.toordinal()
        rows = self._rows("ties", (actor,), (actor, d))
        others = rows["other"][(rows["stop_day"] > d) & (rows["other"] != actor)]
        return sorted(set(others))

    def sanction_status(
        self, imposer: str, target: str, day: datetime.date
    ) -> tuple[str, tuple[str, ...]]:
        """``(state, measure ids)`` of ``imposer``'s sanctions on ``target`` on ``day``."""
        rows = self._rows("measures", (imposer, target), (imposer, target))
        columns = (rows[name] for name in ("sanction", "start_day", "stop_day", "id"))
        return state_of_rows(zip(*columns, strict=True), day)


class DuckDBTables(SqlQueries):
    """DuckDB, in memory, tables stored in key order; per call the sqlite baseline's SQL.

    >>> DuckDBTables(data_frames(_example())).allies_of("AAA", datetime.date(2020, 1, 1))
    []
    """

    def __init__(self, frames: dict[str, Any]) -> None:
        import duckdb

        # One thread per call: a point query gains nothing from more, and on a busy
        # machine DuckDB's pool waits for cores (8.2 against 2.1 ms per call at 10^5
        # events, load average 9 on two cores).  Batches use every core.
        self.db = duckdb.connect(config={"threads": 1})
        for table, frame in frames.items():
            self.db.register("frame", frame)
            # Key order lets DuckDB's min-max zone maps skip most row groups of a lookup.
            order = ", ".join(_ORDER[table])
            self.db.execute(f"CREATE TABLE {table} AS SELECT * FROM frame ORDER BY {order}")
            self.db.unregister("frame")

    def save(self, path: str) -> None:
        """Write the tables to a DuckDB database file, for a cold process to query."""
        self.db.execute("ATTACH ? AS saved", (path,))
        for table in TABLES:
            self.db.execute(f"CREATE TABLE saved.{table} AS SELECT * FROM {table}")
        self.db.execute("DETACH saved")

    def batch(self, query: str, calls: Sequence[tuple[Any, ...]]) -> list[Any]:
        """The answers to many calls of one query (arguments as for the per-call methods)
        from a single join against a table of the calls, in the order of ``calls``.

        >>> tables = DuckDBTables(data_frames(_example()))
        >>> day = datetime.date(2020, 1, 1)
        >>> tables.batch("allies_of", [("AAA", day)]) == [tables.allies_of("AAA", day)]
        True
        """
        import pandas as pd

        rows: list[tuple[Any, ...]]
        if query == "timeline_between":
            rows = [
                (i, *((a, b) if a < b else (b, a)), s.toordinal(), e.toordinal())
                for i, (a, b, s, e) in enumerate(calls)
            ]
            columns = ["qid", "a", "b", "first_day", "last_day"]
        elif query == "allies_of":
            rows = [(i, actor, day.toordinal()) for i, (actor, day) in enumerate(calls)]
            columns = ["qid", "actor", "day"]
        else:
            rows = [(i, imp, tgt, day.toordinal()) for i, (imp, tgt, day) in enumerate(calls)]
            columns = ["qid", "imposer", "target", "day"]
        self.db.register("calls", pd.DataFrame.from_records(rows, columns=columns))
        self.db.execute(f"SET threads = {os.cpu_count() or 1}")
        try:
            found = self.db.execute(_BATCH[query].format(longest=LONGEST)).fetchall()
        finally:
            self.db.execute("SET threads = 1")
            self.db.unregister("calls")
        answers: list[Any] = [[] for _ in calls]
        if query == "sanction_status":
            answers = [("unknown", ())] * len(calls)
            for qid, state, ids in found:
                answers[qid] = (state, tuple(ids))
        else:
            for qid, value in found:
                answers[qid].append(value)
        return answers


_BATCH = {
    "timeline_between": """
        SELECT c.qid, e.id FROM calls c JOIN pair_events e
          ON e.a = c.a AND e.b = c.b
         AND e.first_day BETWEEN c.first_day - {longest} AND c.last_day
         AND e.last_day >= c.first_day
        ORDER BY c.qid, e.first_day, e.rank, e.id
    """,
    "allies_of": """
        SELECT DISTINCT c.qid, t.other FROM calls c JOIN ties t
          ON t.actor = c.actor AND t.start_day <= c.day AND t.stop_day > c.day
         AND t.other != t.actor
        ORDER BY c.qid, t.other
    """,
    "sanction_status": """
        WITH flags AS (
          SELECT c.qid, m.id,
                 m.sanction AND m.start_day <= c.day AND m.stop_day > c.day AS imposed,
                 m.sanction AND m.stop_day <= c.day AS lifted,
                 NOT m.sanction AND m.start_day <= c.day AND m.stop_day > c.day AS stated
          FROM calls c JOIN measures m ON m.imposer = c.imposer AND m.target = c.target
        )
        SELECT qid,
          CASE WHEN bool_or(imposed) THEN 'imposed' WHEN bool_or(lifted) THEN 'lifted'
               WHEN bool_or(stated) THEN 'not_imposed' ELSE 'unknown' END,
          CASE WHEN bool_or(imposed) THEN list_sort(list(id) FILTER (imposed))
               WHEN bool_or(lifted) THEN list_sort(list(id) FILTER (lifted))
               WHEN bool_or(stated) THEN list_sort(list(id) FILTER (stated))
               ELSE [] END
        FROM flags GROUP BY qid
    """,
}


def _example() -> Dataset:
    from baselines import _example

    return _example()
