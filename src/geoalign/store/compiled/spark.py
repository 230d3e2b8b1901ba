"""A compiled store answered by Apache Spark: the same queries, over the same Parquet files.

:func:`open_spark` makes each table of a compiled store a temporary view of a Spark
session and returns a :class:`SparkDataset`: a :class:`~geoalign.Dataset` whose store
is the compiled store's own (:class:`~geoalign.store.compiled.reading.CompiledStore`),
asking every question through Spark instead of DuckDB.  Each SQL query is the one DuckDB
runs (:mod:`geoalign.store.compiled.queries`), translated by sqlglot
(:func:`~geoalign.store.compiled.queries.for_spark`); the batch forms send their
questions to Spark as a DataFrame, so 10^4 questions are one Spark job.

Spark answers what SQL over the compiled columns answers.  ``as_known_on`` is refused
(:class:`~geoalign.errors.InvalidValueError`): a tie's spans as known on a day are
derived again from the sources published by then, in Python
(:func:`geoalign.rules.time.relationship_span`), not read from a column.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geoalign.errors import DatasetError, InvalidValueError, MissingExtraError, Problem
from geoalign.model.dates import DateLike
from geoalign.model.edtf import BoundedDate
from geoalign.store.compiled.connection import Tables
from geoalign.store.compiled.manifest import TABLES
from geoalign.store.compiled.opening import CompiledDataset, checked
from geoalign.store.compiled.queries import for_spark
from geoalign.store.compiled.reading import CompiledStore
from geoalign.store.dataset import Dataset

__all__ = ["SparkDataset", "SparkTables", "open_spark"]


class SparkTables(Tables):
    """A compiled store's tables as temporary views of a Spark session, queried in Spark
    SQL; its errors are :class:`~geoalign.DatasetError`.  The views take the tables'
    names (``ties``, ``records``...) and a batch's questions the name ``calls``: one
    store per session, asked from one thread."""

    def __init__(self, spark: Any, root: Path) -> None:
        super().__init__(root)
        self._spark = spark
        for table in TABLES:
            self._run(
                lambda t=table: spark.read.parquet(
                    str(self.root / f"{t}.parquet")
                ).createOrReplaceTempView(t)
            )

    def _run(self, task: Any) -> Any:
        try:
            return task()
        except Exception as exc:  # Spark's errors come from the JVM, of many types
            first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
            message = f"Spark could not read the compiled store ({type(exc).__name__}: {first})"
            raise DatasetError(
                Problem(file=str(self.root), code="store-damaged", message=message)
            ) from None

    def _fetch(self, sql: str, parameters: list[Any]) -> list[tuple[Any, ...]]:
        query = for_spark(sql, *parameters)
        return self._run(lambda: [tuple(row) for row in self._spark.sql(query).collect()])  # type: ignore[no-any-return]

    def _fetch_many(
        self, sql: str, names: Sequence[str], calls: Sequence[tuple[Any, ...]], shared: list[Any]
    ) -> list[tuple[Any, ...]]:
        rows = [(i, *call) for i, call in enumerate(calls)]
        frame = self._spark.createDataFrame(rows, ["i", *names])
        frame.createOrReplaceTempView("calls")
        return self._fetch(sql, shared)


class SparkDataset(CompiledDataset):
    """A :class:`~geoalign.store.compiled.opening.CompiledDataset` answered by Spark (see
    :func:`open_spark`): the same queries and answers, ``as_known_on`` refused."""

    __slots__ = ()

    def _known_on(self, as_known_on: DateLike | BoundedDate | None) -> Dataset:
        if as_known_on is None:
            return self
        raise InvalidValueError(
            f"as_known_on={as_known_on!r} is not answered on Spark: a tie's spans as known "
            "on a day are derived from its sources in Python, not read from the store's "
            "columns; ask the store opened with open_store, or the dataset loaded"
        )


def open_spark(
    path: str | os.PathLike[str], spark: Any, *, check_inputs: bool = True, verify: bool = False
) -> SparkDataset:
    """The dataset of a compiled store, every query answered by the Spark session ``spark``.

    The store is checked as :func:`~geoalign.store.compiled.open_store` checks it (the
    same :class:`~geoalign.DatasetError` for a bad manifest, missing files, changed
    inputs), and its tables become temporary views of ``spark`` under their own
    names.  Every query of :class:`~geoalign.Dataset` and the batch forms
    (:meth:`~geoalign.store.compiled.opening.CompiledDataset.allies_of_many`...) run
    there, each SQL query the compiled store's own, translated for Spark; ``as_known_on``
    raises :class:`~geoalign.errors.InvalidValueError`.  Each query is a Spark job
    (tenths of a second in local mode): ask in batches.  Needs the ``spark`` extra
    (PySpark, sqlglot) and Java.

    .. code-block:: python

       from pyspark.sql import SparkSession
       from geoalign.store.compiled.spark import open_spark

       ds = open_spark("my-store/", SparkSession.builder.getOrCreate())
       ds.allies_of_many([("RUS", "2023-06-01"), ("SRB", None)], certainty="possible")
    """
    try:
        importlib.import_module("sqlglot")
    except ImportError as exc:
        raise MissingExtraError("open_spark", "sqlglot", "spark") from exc
    root, latest = checked(path, check_inputs=check_inputs, verify=verify)
    store = CompiledStore(SparkTables(spark, root), None, latest)  # type: ignore[arg-type]
    return SparkDataset.on_store(store)  # type: ignore[return-value]  # on_store builds cls
