"""The one collector of a load's problems, and the shapes of the problems it makes.

Every problem is a :class:`~geoalign.errors.Problem`; :class:`Collector` gathers them
in the order found and raises them together, so that one load reports every problem.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from geoalign.errors import DatasetError, Problem
from geoalign.model.records import COLLECTIONS

__all__ = ["Collector", "UnknownFieldProblem", "item_problem", "record_problem"]


class UnknownFieldProblem(Problem):
    """A field the schema does not know: ``field`` is its path (``"capital"``,
    ``"citations[0].page"``), and the one-line text names it once, in the message, after
    the record or nested record that holds it.

    >>> problem = record_problem("e.yaml", None, "events", "e1", 1, "citations[0].page",
    ...                          "unknown-field", "unknown field 'page'")
    >>> problem.field, str(problem)
    ('citations[0].page', "e.yaml: event 'e1', field 'citations[0]': unknown field 'page'")
    """

    __slots__ = ()

    def __str__(self) -> str:
        # Records nest in lists (citations[0], roles[1]): the holder's path ends at the
        # last index.  The key itself may hold any character.
        end = (self.field or "").rfind("].")
        holder = self.field[: end + 1] if self.field and end >= 0 else None
        return str(Problem(**{**attrs.asdict(self, recurse=False), "field": holder}))


def record_problem(
    file: str,
    line: int | None,
    collection: str,
    record_id: object,
    position: int,
    field: str,
    code: str,
    message: str,
) -> Problem:
    """A problem with one record (and one of its fields, unless ``field`` is empty).

    >>> print(record_problem("c.yaml", None, "countries", 5, 2, "x", "unknown-field", "unknown field 'x'"))
    c.yaml: country #2: unknown field 'x'
    """
    record = record_id if isinstance(record_id, str) else None
    where = (file, line, COLLECTIONS[collection], record, position)
    return item_problem(*where, field, code, message)


def item_problem(
    file: str,
    line: int | None,
    record_type: str,
    record: str | None,
    position: int,
    field: str,
    code: str,
    message: str,
) -> Problem:
    """A problem with one item of a file (a record, or another entry such as an alias
    entry, named by ``record_type``), and one of its fields unless ``field`` is empty.

    >>> print(item_problem("x.yaml", None, "alias", None, 3, "names", "no-names", "give one"))
    x.yaml: alias #3, field 'names': give one
    """
    kind = UnknownFieldProblem if code == "unknown-field" else Problem
    return kind(
        file=file,
        line=line,
        record=record,
        position=position,
        record_type=record_type,
        field=field or None,
        code=code,
        message=message,
    )


class Collector:
    """Gathers the problems of one load, in the order found.

    >>> problems = Collector()
    >>> problems.file("a.yaml", "empty", "the file is empty")
    >>> problems.raise_if_any()
    Traceback (most recent call last):
    ...
    geoalign.errors.DatasetError: a.yaml: the file is empty
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, problems: Iterable[Problem]) -> None:
        """Gather these problems."""
        self.problems.extend(problems)

    def file(self, file: str, code: str, message: str, line: int | None = None) -> None:
        """Gather a problem with a whole file (or one line of it)."""
        self.problems.append(Problem(file=file, line=line, code=code, message=message))

    def raise_if_any(self) -> None:
        """Raise :class:`~geoalign.DatasetError` with every problem gathered, if any."""
        if self.problems:
            raise DatasetError(self.problems)
