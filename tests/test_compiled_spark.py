"""Every query of a compiled store runs on Apache Spark and answers as on DuckDB.

:func:`geoalign.store.compiled.spark.open_spark` answers through Spark (local mode, over
the same Parquet files) with the very SQL DuckDB runs
(:mod:`geoalign.store.compiled.queries`, translated by sqlglot).  On a generated dataset,
every query (allies, relationships, sanction status, timeline, in both certainties; the
batch forms; windows with and without bounds) is asked of both engines and of the memory
store.  Spark takes seconds to start and a Spark job per query, so it runs only with
``GEOALIGN_SPARK=1`` and where Java, PySpark and sqlglot are installed; it is skipped with
the reason otherwise.
"""

from __future__ import annotations

import datetime
import os
import shutil
import time
from collections.abc import Iterator
from typing import Any

import pytest

import geoalign
from geoalign import Certainty, InvalidValueError, RelationshipKind

if os.environ.get("GEOALIGN_SPARK") != "1":
    pytest.skip(
        "Spark runs only with GEOALIGN_SPARK=1 (slow: see docs/scale.rst)", allow_module_level=True
    )
pytest.importorskip("duckdb", reason="the store extra (duckdb) is not installed")
pytest.importorskip("pyarrow", reason="the store extra (pyarrow) is not installed")
pytest.importorskip("sqlglot", reason="sqlglot is not installed (the spark extra)")
pytest.importorskip("pyspark", reason="PySpark is not installed (the spark extra)")
if shutil.which("java") is None:
    pytest.skip("Java is not installed: Spark needs it", allow_module_level=True)

from tests.test_synthetic import synthetic

from geoalign.store.compiled import CompiledDataset, compile_store, open_store
from geoalign.store.compiled.spark import SparkTables, open_spark

BOTH = (Certainty.DEFINITE, Certainty.POSSIBLE)
AS_OF = (None, "2005", "2012-06-15", "[2001..2003]", datetime.date(2018, 1, 1))
WINDOWS = ((None, None), ("2000", None), (None, "2010-03"), ("2004", "2008"))
SANCTIONING = {RelationshipKind.SANCTIONS, RelationshipKind.NON_SANCTIONING}


class Engines:
    """The generated dataset in memory, and its compiled store on DuckDB and on Spark."""

    def __init__(self, memory: geoalign.Dataset, duck: CompiledDataset, spark: CompiledDataset):
        self.memory, self.duck, self.spark = memory, duck, spark
        self.compared = 0

    def same(self, query: str, *args: Any, **kwargs: Any) -> Any:
        """The query's answer on Spark, after checking that DuckDB gives the same."""
        answer = getattr(self.spark, query)(*args, **kwargs)
        assert answer == getattr(self.duck, query)(*args, **kwargs), (query, args, kwargs)
        self.compared += len(args[0]) if query.endswith("_many") else 1
        return answer


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engines]:
    from pyspark.sql import SparkSession

    root = tmp_path_factory.mktemp("spark")
    data = synthetic.write_jsonl(synthetic.generate(2_000, 400, seed=11), root / "data")
    store = compile_store(data, root / "store", include_bundled=False)
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("geoalign-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")  # tiny tables: one task per join
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    memory = geoalign.load(data, include_bundled=False)
    jobs: list[float] = []
    fetch = SparkTables._fetch

    def timed(self: SparkTables, sql: str, parameters: list[Any]) -> list[tuple[Any, ...]]:
        start = time.perf_counter()
        try:
            return fetch(self, sql, parameters)
        finally:
            jobs.append(time.perf_counter() - start)

    SparkTables._fetch = timed  # type: ignore[method-assign]
    found = Engines(memory, open_store(store), open_spark(store, spark))
    try:
        yield found
    finally:
        SparkTables._fetch = fetch  # type: ignore[method-assign]
        spark.stop()
        print(f"\nSpark: {found.compared} answers compared, {len(jobs)} queries, {sum(jobs):.1f} s")


def test_batches_of_allies_on_spark(engines: Engines) -> None:
    actors = sorted({a for r in engines.memory.relationships for a in (r.a, r.b)})
    questions = [(actor, as_of) for actor in actors for as_of in AS_OF]
    for certainty in BOTH:
        for kinds in (None, list(RelationshipKind)):
            answers = engines.same("allies_of_many", questions, kinds=kinds, certainty=certainty)
            assert answers == [
                engines.memory.allies_of(a, as_of=as_of, kinds=kinds, certainty=certainty)
                for a, as_of in questions
            ]
            assert sum(map(bool, answers)) > len(questions) // 10  # not a batch of empties


def test_batches_of_timelines_on_spark(engines: Engines) -> None:
    pairs = sorted({(e.actors[0], e.actors[-1]) for e in engines.memory.events})
    questions = [(a, b, *window) for a, b in pairs[:150] for window in WINDOWS]
    for certainty in BOTH:
        answers = engines.same("timeline_between_many", questions, certainty=certainty)
        assert answers == [
            engines.memory.timeline_between(a, b, start=start, end=end, certainty=certainty)
            for a, b, start, end in questions
        ]
        assert sum(map(bool, answers)) > len(questions) // 4


def test_batches_of_sanctions_on_spark(engines: Engines) -> None:
    pairs = sorted({(r.a, r.b) for r in engines.memory.relationships if r.kind in SANCTIONING})
    questions = [(a, b, as_of) for a, b in pairs for as_of in AS_OF]
    for certainty in BOTH:
        answers = engines.same("sanction_status_many", questions, certainty=certainty)
        assert answers == [
            engines.memory.sanction_status(a, b, as_of=as_of, certainty=certainty)
            for a, b, as_of in questions
        ]
        assert len({status.state for status in answers}) >= 3


def test_single_queries_on_spark(engines: Engines) -> None:
    memory = engines.memory
    ties = sorted(memory.relationships, key=lambda r: r.id)[::40]
    for certainty in BOTH:
        for tie, as_of in zip(ties, AS_OF, strict=False):
            asked = {"as_of": as_of, "certainty": certainty}
            assert engines.same("allies_of", tie.a, **asked) == memory.allies_of(tie.a, **asked)
            assert engines.same("relationships_of", tie.b, **asked) == (
                memory.relationships_of(tie.b, **asked)
            )
            assert engines.same("sanction_status", tie.a, tie.b, **asked) == (
                memory.sanction_status(tie.a, tie.b, **asked)
            )
        for event, (start, end) in zip(memory.events[::500], WINDOWS, strict=False):
            a, b = event.actors[0], event.actors[-1]
            asked = {"start": start, "end": end, "certainty": certainty}
            assert engines.same("timeline_between", a, b, **asked) == (
                memory.timeline_between(a, b, **asked)
            )


def test_as_known_on_is_refused_on_spark(engines: Engines) -> None:
    spark = engines.spark
    with pytest.raises(InvalidValueError, match="as_known_on='2010' is not answered on Spark"):
        spark.allies_of("USA", as_known_on="2010")
    with pytest.raises(InvalidValueError, match="not answered on Spark"):
        spark.sanction_status_many([("USA", "RUS", None)], as_known_on="2010")
    with pytest.raises(InvalidValueError, match="not answered on Spark"):
        spark.known_on("2010")
