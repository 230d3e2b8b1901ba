"""The queries of a compiled store, each written once, in SQL, for DuckDB and for Spark.

The rules of :mod:`geoalign.rules.time` and :mod:`geoalign.rules.events` become
conditions on the columns the compiler wrote:
:data:`IN_FORCE` is :func:`geoalign.rules.time.in_force` over a tie's spans,
:data:`IN_WINDOW` is :func:`geoalign.rules.events.in_window` over an event's days.  Each
question the store asks of its tables is one :class:`Query` built on them, in DuckDB's
dialect: :data:`TIES` (allies and relationships of an actor, in either certainty),
:data:`CANDIDATES` (an actor's ties before ``as_known_on`` re-derives their spans in
Python), :data:`SANCTIONS` and :data:`TIMELINE`.  Its :attr:`Query.sql` asks one
question (parameters ``?``, in the order of its ``parameters``);
:meth:`Query.many` asks many at once, joining the same condition with a table
``calls`` of the questions.  DuckDB runs both as written; :func:`for_spark` translates
them for Spark SQL with sqlglot, so no rule is ever written twice.

>>> print(TIES[Certainty.DEFINITE].where)
t.actor = ? AND list_contains(?, t.kind) AND t.definite_from <= ? AND ? < t.definite_until
>>> TIES[Certainty.DEFINITE].parameters
('actor', 'kinds', 'last_day', 'first_day')
>>> print(ALLIES_MANY[Certainty.DEFINITE])  # doctest: +NORMALIZE_WHITESPACE
SELECT DISTINCT c.i, t.other FROM calls c JOIN ties t ON t.actor = c.actor
AND list_contains(?, t.kind) AND t.definite_from <= c.last_day AND c.first_day < t.definite_until
ORDER BY c.i, t.other
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from geoalign.errors import MissingExtraError
from geoalign.model.kinds import Certainty

__all__ = [
    "ALLIES_CALLS",
    "ALLIES_MANY",
    "CANDIDATES",
    "IN_FORCE",
    "IN_WINDOW",
    "RECORDS",
    "RECORDS_IN",
    "SANCTIONS",
    "TIES",
    "TIMELINE",
    "TIMELINE_CALLS",
    "TIMELINE_IDS",
    "Query",
    "for_spark",
]

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

_PLACEHOLDER = re.compile(r"\?")


class Query(NamedTuple):
    """One question of the store's tables: ``SELECT columns FROM table WHERE where``.

    ``parameters`` names the ``?`` of ``where`` in order; ``order`` is the ``ORDER BY``
    of the answer, if it has one.
    """

    columns: str
    table: str
    where: str
    parameters: tuple[str, ...]
    order: str = ""

    @property
    def sql(self) -> str:
        """The question asked once, its parameters ``?``."""
        order = f" ORDER BY {self.order}" if self.order else ""
        return f"SELECT {self.columns} FROM {self.table} WHERE {self.where}{order}"

    def many(
        self, shared: Sequence[str] = (), *, columns: str | None = None, order: str | None = None
    ) -> str:
        """The question asked of every row of a table ``calls``: its column ``i`` numbers
        the questions, and each parameter not ``shared`` is the column of that name.

        The rows are the single question's, each led by ``c.i`` (unless ``columns`` says
        otherwise), ordered by ``c.i`` then the query's ``order`` (or the ``order``
        given); the ``shared`` parameters stay ``?``, in the order of ``parameters``.
        """
        names = iter(self.parameters)
        where = _PLACEHOLDER.sub(lambda _: _column(next(names), shared), self.where)
        by = order if order is not None else ", ".join(filter(None, ("c.i", self.order)))
        return (
            f"SELECT {columns or 'c.i, ' + self.columns} FROM calls c JOIN {self.table} "
            f"ON {where}" + (f" ORDER BY {by}" if by else "")
        )


def _column(name: str, shared: Sequence[str]) -> str:
    return "?" if name in shared else f"c.{name}"


_WINDOW = ("last_day", "first_day")  # IN_FORCE's parameters; IN_WINDOW takes them reversed

TIES = {
    certainty: Query(
        "t.possible_from, t.possible_until, t.definite_from, t.definite_until, "
        "t.other, t.data, t.other_type, t.other_data, t.relationship",
        "ties t",
        f"t.actor = ? AND list_contains(?, t.kind) AND {rule}",
        ("actor", "kinds", *_WINDOW),
    )
    for certainty, rule in IN_FORCE.items()
}
"""An actor's ties of some kinds in force over a window, led by their spans; the other
actor comes along (its collection and JSON).  Answers ``allies_of`` (the distinct
others) and ``relationships_of`` (every kind)."""
CANDIDATES = Query(
    "other, relationship, data",
    "ties",
    "actor = ? AND list_contains(?, kind)",
    ("actor_id", "kinds"),
)
"""An actor's ties of some kinds, whenever in force: what ``as_known_on`` starts from
(their spans as known on a day are derived from their sources, in Python)."""
SANCTIONS = Query(
    "t.statement, t.possible_from, t.possible_until, t.definite_from, t.definite_until, "
    "t.imposer, t.relationship, t.data",
    "sanctions t",
    "t.imposer = ? AND t.target = ?",
    ("imposer", "target"),
)
"""A pair's sanctions and statements of non-sanctioning, with their spans, for
:func:`geoalign.rules.sanctions.sanction_state`."""
TIMELINE = {
    certainty: Query(
        "m.event, m.data",
        "memberships m",
        f"m.actor = ? AND list_contains(m.actors, ?) AND {rule}",
        ("a", "b", *reversed(_WINDOW)),
        # The order of rules.events.timeline_key: last day, later first day first, id.
        "m.possible_last, m.possible_first DESC, m.event",
    )
    for certainty, rule in IN_WINDOW.items()
}
"""Two actors' events in the window, in timeline order."""
ALLIES_CALLS = ("actor", "last_day", "first_day")
"""The columns of the table ``calls`` of :data:`ALLIES_MANY`, after ``i``."""
ALLIES_MANY = {
    certainty: query.many(("kinds",), columns="DISTINCT c.i, t.other", order="c.i, t.other")
    for certainty, query in TIES.items()
}
""":data:`TIES` for a table ``calls`` (:data:`ALLIES_CALLS`), only the others' ids:
the kinds are the one parameter."""
TIMELINE_CALLS = TIMELINE[Certainty.DEFINITE].parameters
"""The columns of the table ``calls`` of :data:`TIMELINE_IDS`, after ``i``."""
TIMELINE_IDS = {
    certainty: query.many(columns="c.i, m.event") for certainty, query in TIMELINE.items()
}
""":data:`TIMELINE` for a table ``calls`` (:data:`TIMELINE_CALLS`), only the events' ids."""
RECORDS = "SELECT id, collection, data FROM records WHERE list_contains(?, id)"
"""Records by id, with their collections: a list of ids."""
RECORDS_IN = "SELECT r.id, r.collection, r.data FROM calls c JOIN records r ON r.id = c.id"
"""Records by id for a table ``calls`` (``i``, ``id``): as many as a batch reads."""


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
