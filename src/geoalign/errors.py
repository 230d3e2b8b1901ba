"""The exceptions geoalign raises; every one of them is a :class:`GeoalignError`."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ECHO",
    "AmbiguousActorError",
    "ArgumentTypeError",
    "DatasetError",
    "GeoalignError",
    "InvalidDateError",
    "InvalidValueError",
    "MissingExtraError",
    "Problem",
    "UnknownActorError",
    "UnknownRecordError",
    "clipped",
]


class GeoalignError(Exception):
    """Base class of every error geoalign raises on purpose.

    ``str()`` of any of them is one printable line of at most about 1,000 characters:
    control characters are escaped and a longer message (one that echoes a huge value)
    is cut, saying how much was left out.

    >>> issubclass(UnknownActorError, GeoalignError)
    True
    >>> len(str(GeoalignError("bad value " + "x" * 100_000)))
    1025
    """

    def __str__(self) -> str:
        return one_line(super().__str__())


class InvalidDateError(GeoalignError, ValueError):
    """A date string or value that names no real period.

    >>> from geoalign import PartialDate
    >>> PartialDate.parse("2024-02-30")
    Traceback (most recent call last):
    ...
    geoalign.errors.InvalidDateError: '2024-02-30' is not a valid date: day is out of range for month
    """


class UnknownActorError(GeoalignError, LookupError):
    """A name that matches no actor.

    ``suggestions`` holds the closest known names, best first, as ``(name, id)`` pairs.

    >>> err = UnknownActorError("Rusia", (("Russia", "RUS"),))
    >>> str(err)
    "unknown actor 'Rusia'; did you mean 'Russia' (RUS)?"
    >>> err.suggestions
    (('Russia', 'RUS'),)
    """

    def __init__(self, name: str, suggestions: tuple[tuple[str, str], ...] = ()) -> None:
        self.name = name
        self.suggestions = suggestions
        super().__init__(self._message())

    def _message(self) -> str:
        message = f"unknown actor {clipped(repr(self.name))}"
        if self.suggestions:
            message += f"; did you mean {_named(self.suggestions)}?"
        return message


class AmbiguousActorError(UnknownActorError):
    """A name that matches more than one actor; ``candidates`` are those it could mean.

    >>> err = AmbiguousActorError("Congo", (("Congo", "COG"), ("DR Congo", "COD")))
    >>> str(err)
    "ambiguous actor 'Congo': it could mean 'Congo' (COG) or 'DR Congo' (COD); use an id"
    >>> err.candidates == err.suggestions
    True
    """

    def _message(self) -> str:
        return f"ambiguous actor {clipped(repr(self.name))}: it could mean {_named(self.suggestions)}; use an id"

    @property
    def candidates(self) -> tuple[tuple[str, str], ...]:
        """The actors the name could mean, as ``(name, id)`` pairs, by id."""
        return self.suggestions


class InvalidValueError(GeoalignError, ValueError):
    """A value of the right type outside the values allowed, such as an unknown kind name.

    >>> import geoalign
    >>> geoalign.allies_of("Russia", kinds="ally")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geoalign.errors.InvalidValueError: 'ally' is not a known relationship kind (one of: alliance, ...)
    """


class UnknownRecordError(GeoalignError, LookupError):
    """A record id (or record) that is not in the dataset asked.

    >>> raise UnknownRecordError("no relationship 'x-y' in this dataset")
    Traceback (most recent call last):
    ...
    geoalign.errors.UnknownRecordError: no relationship 'x-y' in this dataset

    ``suggestions`` holds the closest ids, best first, where a lookup found some.
    """

    suggestions: tuple[str, ...] = ()


class ArgumentTypeError(GeoalignError, TypeError):
    """A query argument of the wrong type, naming the parameter.

    >>> raise ArgumentTypeError("kinds must be kinds of relationship, got int 5")
    Traceback (most recent call last):
    ...
    geoalign.errors.ArgumentTypeError: kinds must be kinds of relationship, got int 5
    """


class MissingExtraError(GeoalignError, ImportError):
    """An optional dependency is not installed; the message names the pip extra.

    >>> print(MissingExtraError("to_pandas", "pandas", "pandas"))
    to_pandas needs pandas: pip install 'geoalign[pandas]'
    """

    def __init__(self, feature: str, module: str, extra: str) -> None:
        self.extra = extra
        super().__init__(f"{feature} needs {module}: pip install 'geoalign[{extra}]'", name=module)


ECHO = 160
"""The most characters of a user's value a message echoes (a name, a date, a path)."""


def clipped(text: str, limit: int = ECHO) -> str:
    """``text`` escaped (as :func:`one_line` escapes) and, past ``limit`` characters, cut
    in the middle with an ellipsis: the start and the last quarter stay, a file's name
    with them.

    The one form in which a message echoes what the user typed, so that a pasted page
    never becomes the message.

    >>> clipped("Russia")
    'Russia'
    >>> clipped("/home/me/" + "x" * 100_000 + "/data.yaml", 32)
    '/home/me/xxxxxxxxxxxxxx\u2026ata.yaml'
    """
    text = _printable(text)
    if len(text) <= limit:
        return text
    tail = limit // 4
    return f"{text[: limit - 1 - tail]}\u2026{text[len(text) - tail :]}"


def _named(pairs: tuple[tuple[str, str], ...]) -> str:
    return " or ".join(f"{label!r} ({actor_id})" for label, actor_id in pairs)


@attrs.frozen(kw_only=True)
class Problem:
    """One problem of a dataset: where it is, a stable ``code``, and what is wrong.

    ``file`` is the file as it was named (``None`` when the problem concerns no file);
    ``line`` its 1-based line where known (JSON Lines records, file-level problems);
    ``record_type`` (``"country"``, ...), ``record`` (the id, ``None`` where the record has
    no usable one) and ``position`` (1-based, within its collection or file) place a
    record; ``field`` is a path such as ``"citations[0].source"``.  ``code`` is a short
    slug that stays the same when the wording changes (``"unknown-field"``,
    ``"bad-date"``, ``"duplicate-id"``, ``"dangling-reference"``, ``"not-yaml"``...;
    ``"error"`` for a problem given as plain text).  ``str()`` is the one-line message,
    with control characters in it escaped.

    >>> p = Problem(file="events.yaml", record_type="event", record="hama-falls", position=1,
    ...             field="date", code="bad-date", message="'2024-13' is not a valid date")
    >>> print(p)
    events.yaml: event 'hama-falls', field 'date': '2024-13' is not a valid date
    >>> print(Problem(file="data.jsonl", line=2, code="not-json", message="not valid JSON"))
    data.jsonl: line 2: not valid JSON
    """

    file: str | None = None
    line: int | None = None
    record: str | None = None
    position: int | None = None
    record_type: str | None = None
    field: str | None = None
    code: str = "error"
    message: str

    def __str__(self) -> str:
        if self.record_type is not None:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
            who = f"{self.record!r}" if self.record is not None else f"#{self.position}"
            field = f", field {self.field!r}" if self.field else ""
            text = f"{where}: {self.record_type} {who}{field}: {self.message}"
        elif self.file is not None:
            line = "" if self.line is None else f"line {self.line}: "
            text = f"{self.file}: {line}{self.message}"
        else:
            text = self.message
        return _printable(text)


_LONGEST = 1000  # characters of a message shown; a page of input must not become the error


def one_line(text: str) -> str:
    """``text`` as a message line: escaped (see :func:`_printable`) and cut after 1,000
    characters, saying how many were left out."""
    text = _printable(text)
    if len(text) <= _LONGEST:
        return text
    return f"{text[:_LONGEST]}\u2026 ({len(text) - _LONGEST} more characters)"


def _printable(text: str) -> str:
    """``text`` with every character that is not printable escaped, as :func:`repr` does.

    A message is one line, and a file name or value must not send a terminal escape.

    >>> print(_printable("Free\\x1b]0;donia\\nnext"))
    Free\\x1b]0;donia\\nnext
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class DatasetError(GeoalignError):
    """A dataset that cannot be loaded: unreadable, malformed or inconsistent.

    ``problems`` holds every problem found, as ``Problem`` objects (file, line, record,
    field, code, message apart); ``messages`` holds them as one-line texts.  ``str()`` of
    the error is the first line and a count of the rest.  Plain strings are accepted
    for problems known only as text (their code is ``"error"``).

    >>> err = DatasetError(["events.yaml: event 'x', field 'date': '2024-13' is not a valid date"])
    >>> print(err)
    events.yaml: event 'x', field 'date': '2024-13' is not a valid date
    >>> err.problems[0].code
    'error'
    """

    def __init__(self, problems: Problem | str | Iterable[Problem | str]) -> None:
        items = (problems,) if isinstance(problems, str | Problem) else tuple(problems)
        self.problems: tuple[Problem, ...] = tuple(
            item if isinstance(item, Problem) else Problem(message=item) for item in items
        )
        message = str(self.problems[0]) if self.problems else "invalid dataset"
        if len(self.problems) > 1:
            message += f" (and {len(self.problems) - 1} more problem(s))"
        super().__init__(message)

    @property
    def messages(self) -> tuple[str, ...]:
        """Every problem as its one-line text, in the order found."""
        return tuple(str(problem) for problem in self.problems)
