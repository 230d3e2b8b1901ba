"""The queries of a compiled store, each written once, in SQL, for DuckDB and for Spark.

The rules of :mod:`geoalign.rules` become conditions on the columns the compiler wrote:
:data:`IN_FORCE` is :func:`geoalign.rules.time.in_force` over a tie's spans,
:data:`IN_WINDOW` is :func:`geoalign.rules.events.in_window` over an event's days.  The
store (:mod:`geoalign.store.compiled.reading`) builds its queries from them; the answer
queries below are the same conditions, giving ids, in DuckDB's dialect: DuckDB runs
them as they are, and :func:`for_spark` translates them for Spark SQL with sqlglot.
Parameters are ``?``, in the order each query's comment gives.

>>> print(ALLIES[Certainty.DEFINITE].split("WHERE")[1].strip())
t.actor = ? AND list_contains(?, t.kind) AND t.definite_from <= ? AND ? < t.definite_until ORDER BY t.other
"""

from __future__ import annotations

import importlib
from typing import Any

from geoalign.errors import MissingExtraError
from geoalign.model.kinds import Certainty

__all__ = ["ALLIES", "IN_FORCE", "IN_WINDOW", "SANCTIONS", "TIMELINE", "for_spark"]

IN_FORCE = {
    Certainty.DEFINITE: "t.definite_from <= ? AND ? < t.definite_until",
    Certainty.POSSIBLE: "t.possible_from <= ? AND ? < t.possible_until",
}
"""A tie ``t`` in force over the window: parameters last, first."""
IN_WINDOW = {
    Certainty.DEFINITE: "? <= m.definite_first AND m.definite_last <= ?",
    Certainty.POSSIBLE: "? <= m.possible_last AND m.possible_first <= ?",
}
"""An event's membership ``m`` inside the window: parameters first, last."""

ALLIES = {
    certainty: "SELECT DISTINCT t.other FROM ties t "
    f"WHERE t.actor = ? AND list_contains(?, t.kind) AND {rule} ORDER BY t.other"
    for certainty, rule in IN_FORCE.items()
}
"""The ids of an actor's allies: actor, kinds, last, first."""
TIMELINE = {
    certainty: "SELECT m.event FROM memberships m WHERE m.actor = ? AND list_contains(m.actors, ?) "
    f"AND {rule} ORDER BY m.possible_last, m.possible_first DESC, m.event"
    for certainty, rule in IN_WINDOW.items()
}
"""The ids of two actors' events in the window, in timeline order: a, b, first, last."""
SANCTIONS = (
    "SELECT t.possible_from, t.possible_until, t.definite_from, t.definite_until, "
    "t.relationship, t.statement FROM sanctions t WHERE t.imposer = ? AND t.target = ? "
    "ORDER BY t.relationship"
)
"""A pair's sanctions and statements, led by their spans, for
:func:`geoalign.rules.sanctions.sanction_state`: imposer, target."""


def for_spark(query: str, *parameters: Any) -> str:
    """One of these queries in Spark SQL, its parameters written in as literals.

    ``for_spark("SELECT x FROM t WHERE list_contains(?, x) AND y < ?", ["a"], 3)`` gives
    ``SELECT x FROM t WHERE ARRAY_CONTAINS(ARRAY('a'), x) AND y < 3``.  Needs sqlglot
    (the ``spark`` extra): :class:`~geoalign.MissingExtraError` without it.
    """
    try:
        sqlglot = importlib.import_module("sqlglot")
    except ImportError as exc:
        raise MissingExtraError("for_spark", "sqlglot", "spark") from exc
    tree = sqlglot.parse_one(query, read="duckdb")
    return sqlglot.expressions.replace_placeholders(tree, *parameters).sql(dialect="spark")  # type: ignore[no-any-return]
