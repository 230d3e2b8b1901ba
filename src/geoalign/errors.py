"""The exceptions geoalign raises; every one of them is a :class:`GeoalignError`."""

from __future__ import annotations

__all__ = [
    "AmbiguousActorError",
    "ArgumentTypeError",
    "DatasetError",
    "GeoalignError",
    "InvalidDateError",
    "MissingExtraError",
    "UnknownActorError",
]


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
        message = f"unknown actor {self.name!r}"
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
        return f"ambiguous actor {self.name!r}: it could mean {_named(self.suggestions)}; use an id"

    @property
    def candidates(self) -> tuple[tuple[str, str], ...]:
        """The actors the name could mean, as ``(name, id)`` pairs, by id."""
        return self.suggestions


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


def _named(pairs: tuple[tuple[str, str], ...]) -> str:
    return " or ".join(f"{label!r} ({actor_id})" for label, actor_id in pairs)


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
