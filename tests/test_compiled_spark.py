"""The compiled store's query definitions run on Apache Spark and answer as DuckDB does.

Each query of :mod:`geoalign.store.compiled.queries` is written once; DuckDB runs it as
written and Spark (local mode, over the same Parquet files) runs sqlglot's translation.
Both must give the memory store's answers on the bundled data.  Runs where Java, PySpark
and sqlglot are installed; skipped with the reason otherwise.
"""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import geoalign
from geoalign import Certainty

pytest.importorskip("duckdb", reason="the store extra (duckdb) is not installed")
pytest.importorskip("pyarrow", reason="the store extra (pyarrow) is not installed")
pytest.importorskip("sqlglot", reason="sqlglot is not installed (the spark extra)")
pytest.importorskip("pyspark", reason="PySpark is not installed (the spark extra)")
if shutil.which("java") is None:
    pytest.skip("Java is not installed: Spark needs it", allow_module_level=True)

from geoalign.model.kinds import RelationshipKind
from geoalign.rules.sanctions import sanction_state
from geoalign.store.compiled import compile_store, open_store
from geoalign.store.compiled.manifest import TABLES
from geoalign.store.compiled.queries import ALLIES, SANCTIONS, TIMELINE, for_spark

DATA = Path(__file__).parents[1] / "src" / "geoalign" / "data"
DAYS = [datetime.date(2019, 6, 1), datetime.date(2024, 12, 6)]
ALIGNMENT = sorted(kind.value for kind in RelationshipKind if kind.alignment)


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    """The bundled data as a compiled store, and a local Spark session over its files."""
    from pyspark.sql import SparkSession

    store = compile_store(DATA, tmp_path_factory.mktemp("spark") / "store", include_bundled=False)
    spark = SparkSession.builder.master("local[1]").appName("geoalign-test").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    for table in TABLES:
        spark.read.parquet(str(store / f"{table}.parquet")).createOrReplaceTempView(table)
    try:
        yield open_store(store), spark
    finally:
        spark.stop()


def both(engines: tuple[Any, Any], query: str, *parameters: Any) -> list[tuple[Any, ...]]:
    """The query's rows from DuckDB, after checking that Spark gives the same rows."""
    ds, spark = engines
    duck = [tuple(row) for row in ds._store._db.rows(query, *parameters)]
    assert [tuple(row) for row in spark.sql(for_spark(query, *parameters)).collect()] == duck
    return duck


def test_allies_on_spark(engines: tuple[Any, Any]) -> None:
    memory = geoalign.load()
    for actor in memory.actors():
        for day in DAYS:
            for certainty in Certainty:
                ordinal = day.toordinal()
                rows = both(engines, ALLIES[certainty], actor.id, ALIGNMENT, ordinal, ordinal)
                expected = memory.allies_of(actor, as_of=day, certainty=certainty)
                assert [row[0] for row in rows] == [ally.id for ally in expected]


def test_timelines_on_spark(engines: tuple[Any, Any]) -> None:
    memory = geoalign.load()
    pairs = {(a, b) for event in memory.events for a in event.actors for b in event.actors}
    first, last = datetime.date(2024, 11, 1), datetime.date(2024, 12, 31)
    for a, b in sorted(pairs)[::3]:  # a third of them: Spark takes a while per query
        for certainty in Certainty:
            rows = both(engines, TIMELINE[certainty], a, b, first.toordinal(), last.toordinal())
            expected = memory.timeline_between(a, b, start=first, end=last, certainty=certainty)
            assert [row[0] for row in rows] == [event.id for event in expected]


def test_sanctions_on_spark(engines: tuple[Any, Any]) -> None:
    memory = geoalign.load()
    filed = {RelationshipKind.SANCTIONS, RelationshipKind.NON_SANCTIONING}
    pairs = {(r.a, r.b) for r in memory.relationships if r.kind in filed}
    day = DAYS[1].toordinal()
    for imposer, target in sorted(pairs):
        rows = both(engines, SANCTIONS, imposer, target)
        measures = [row for row in rows if not row[5]]
        statements = [row for row in rows if row[5]]
        state, certainty, _ = sanction_state(measures, statements, day, day)
        expected = memory.sanction_status(imposer, target, as_of=DAYS[1])
        assert (state, certainty) == (expected.state, expected.certainty)
