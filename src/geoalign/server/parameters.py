"""The query parameters the endpoints share, as FastAPI declares and documents them.

A date parameter is documented with :data:`EDTF_PATTERN`, the regular expression of the
dates :func:`geoalign.model.edtf.parse_edtf` accepts: every text it accepts matches,
and a text that matches is accepted unless it is a range whose bounds are out of order
(``[2024..2022]``, ``[2024..2024-06]``), which no regular expression can say; the
parameter's ``format``, ``edtf``, says it.  The server checks dates itself, with the
parser, so that a bad one is a ``422`` naming its parameter, never FastAPI's own error.
"""

from __future__ import annotations

from typing import Annotated, Any, overload

from fastapi import Query

from geoalign.errors import InvalidDateError
from geoalign.model.edtf import parse_edtf
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.server.http import RequestError

__all__ = [
    "DATE",
    "EDTF_PATTERN",
    "ActorParam",
    "AnyKinds",
    "AsKnownOn",
    "AsOf",
    "CertaintyParam",
    "Kinds",
    "checked_date",
    "date_query",
]

DATE = "an EDTF date: YYYY, YYYY-MM, YYYY-MM-DD, [A..B], [..B], [A..], 201X, 19XX"

_YEAR = "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"  # 0001 to 9999
_MONTH_DAY = (
    "(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"  # every month has 28 days
    "|(?:0[13-9]|1[0-2])-(?:29|30)"  # all but February have 30
    "|(?:0[13578]|1[02])-31"
)
# February 29th: years divisible by 4 but not by 100, and those divisible by 400.
_LEAP_DAY = (
    "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
)
_ISO = f"(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-(?:{_MONTH_DAY})|{_LEAP_DAY})"
_RANGE = rf"\[(?:{_ISO}\.\.(?:{_ISO})?|\.\.{_ISO})\]"
_DECADE = "(?:[0-9]{2}[1-9]|[0-9][1-9][0-9]|[1-9][0-9]{2})X"  # 001X to 999X
_CENTURY = "(?:0[1-9]|[1-9][0-9])XX"  # 01XX to 99XX
EDTF_PATTERN = f"^(?:{_ISO}|{_RANGE}|{_DECADE}|{_CENTURY})[?~%]?(?!\\n)$"
"""The dates the server takes, as a regular expression (ECMA-262, as OpenAPI's
``pattern``, and Python alike): what :func:`~geoalign.model.edtf.parse_edtf` accepts,
but for the order of a range's bounds.  ``(?!\\n)`` keeps Python's ``$`` from
accepting a final newline, as ECMA-262's never does."""


def date_query(description: str, **options: Any) -> Any:
    """A date query parameter: documented with :data:`EDTF_PATTERN`, checked by the endpoint."""
    return Query(
        description=description,
        json_schema_extra={"pattern": EDTF_PATTERN, "format": "edtf"},
        **options,
    )


ActorParam = Annotated[
    str,
    Query(
        min_length=1,
        description="an id, name or alias (e.g. RUS, Russia, 'the Kremlin')",
        examples=["Syria"],
    ),
]
AsOf = Annotated[
    str | None,
    date_query(f"{DATE} (default: the latest source's date)", examples=["2024-12"]),
]
AsKnownOn = Annotated[
    str | None,
    date_query(f"{DATE}: answer from the sources published by then only (default: every source)"),
]
Kinds = Annotated[
    list[RelationshipKind] | None,
    Query(description="count ties of this kind (repeatable; default: every alignment kind)"),
]
AnyKinds = Annotated[
    list[RelationshipKind] | None,
    Query(description="ties of this kind only (repeatable; default: every kind)"),
]
CertaintyParam = Annotated[
    Certainty,
    Query(
        description="definite (default): what every reading of the dates gives; "
        "possible: also what only some reading gives"
    ),
]


@overload
def checked_date(parameter: str, text: str) -> str: ...
@overload
def checked_date(parameter: str, text: None) -> None: ...
@overload
def checked_date(parameter: str, text: str | None) -> str | None: ...
def checked_date(parameter: str, text: str | None) -> str | None:
    """The date ``text`` (``None`` if not given), refused with a ``422`` naming ``parameter``
    if :func:`~geoalign.model.edtf.parse_edtf` refuses it."""
    if text is not None:
        try:
            parse_edtf(text)
        except InvalidDateError as exc:
            raise RequestError(
                422, "invalid_date", f"{parameter}: {exc}", parameter=parameter
            ) from None
    return text
