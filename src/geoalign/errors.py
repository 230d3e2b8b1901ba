"""The exceptions geoalign raises; every one of them is a :class:`GeoalignError`."""

from __future__ import annotations

__all__ = ["DatasetError", "GeoalignError", "InvalidDateError", "UnknownActorError"]


class GeoalignError(Exception):
    """Base class of every error geoalign raises on purpose.

    >>> issubclass(UnknownActorError, GeoalignError)
    True
    """


class InvalidDateError(GeoalignError, ValueError):
    """A date string or value that names no real period.

    >>> from geoalign import PartialDate
    >>> PartialDate.parse("2024-02-30")
    Traceback (most recent call last):
    ...
    geoalign.errors.InvalidDateError: '2024-02-30' is not a valid date: day is out of range for month
    """


class UnknownActorError(GeoalignError, LookupError):
    """A name that matches no actor, or more than one.

    ``suggestions`` holds the closest known names, best first, as ``(name, id)`` pairs;
    for an ambiguous name they are the actors it could mean.

    >>> err = UnknownActorError("Rusia", (("Russia", "RUS"),))
    >>> str(err)
    "unknown actor 'Rusia'; did you mean 'Russia' (RUS)?"
    >>> err.suggestions
    (('Russia', 'RUS'),)
    """

    def __init__(
        self, name: str, suggestions: tuple[tuple[str, str], ...] = (), *, ambiguous: bool = False
    ) -> None:
        self.name = name
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        named = " or ".join(f"{label!r} ({actor_id})" for label, actor_id in suggestions)
        if ambiguous:
            message = f"ambiguous actor {name!r}: it could mean {named}; use an id"
        else:
            message = f"unknown actor {name!r}"
            if suggestions:
                message += f"; did you mean {named}?"
        super().__init__(message)


class DatasetError(GeoalignError):
    """A dataset that cannot be loaded: unreadable, malformed or inconsistent.

    ``problems`` lists every problem found, one line each, each naming the file, the
    record and the field; ``str()`` of the error is the first of them (and a count of
    the rest).

    >>> err = DatasetError(["events.yaml: event 'x', field 'date': '2024-13' is not a valid date"])
    >>> print(err)
    events.yaml: event 'x', field 'date': '2024-13' is not a valid date
    """

    def __init__(self, problems: list[str] | tuple[str, ...] | str) -> None:
        self.problems: tuple[str, ...] = (
            (problems,) if isinstance(problems, str) else tuple(problems)
        )
        message = self.problems[0] if self.problems else "invalid dataset"
        if len(self.problems) > 1:
            message += f" (and {len(self.problems) - 1} more problem(s))"
        super().__init__(message)
