"""geoalign: who is aligned with whom, who has sanctioned whom, and what happened between them.

Every answer holds as of a date and rests on verbatim quotes of cited sources.

>>> import geoalign
>>> geoalign.sanction_status("Serbia", "Russia").state.value
'not_imposed'

Importing the package is cheap: the names below are loaded from their modules on
first use, and the bundled dataset on the first query.
"""

from __future__ import annotations

# Nothing is imported here, not even typing: the ``geoalign`` command imports this package
# before its Ctrl-C guard can be in place, so the less it does, the smaller that window.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from geoalign.api import (
        allies_of,
        load,
        relationships_of,
        resolve,
        sanction_status,
        timeline_between,
    )
    from geoalign.errors import (
        AmbiguousActorError,
        ArgumentTypeError,
        DatasetError,
        GeoalignError,
        InvalidDateError,
        InvalidValueError,
        MissingExtraError,
        UnknownActorError,
        UnknownRecordError,
    )
    from geoalign.model.answers import SanctionState, SanctionStatus, SpanBound, TieSpan, Verdict
    from geoalign.model.dates import DateLike, PartialDate
    from geoalign.model.edtf import BoundedDate, EDTFDate, parse_edtf
    from geoalign.model.kinds import (
        Certainty,
        Confidence,
        EventKind,
        OrganizationKind,
        RelationshipKind,
    )
    from geoalign.model.records import (
        Actor,
        Citation,
        Country,
        Event,
        Organization,
        Person,
        Relationship,
        Role,
        Source,
    )
    from geoalign.store.dataset import ActorLike, CertaintyLike, Dataset, KindsLike

__version__: str

_HOMES = {
    "SanctionState": "model.answers",
    "SanctionStatus": "model.answers",
    "SpanBound": "model.answers",
    "TieSpan": "model.answers",
    "Verdict": "model.answers",
    "allies_of": "api",
    "load": "api",
    "relationships_of": "api",
    "resolve": "api",
    "sanction_status": "api",
    "timeline_between": "api",
    "ActorLike": "store.dataset",
    "CertaintyLike": "store.dataset",
    "Dataset": "store.dataset",
    "KindsLike": "store.dataset",
    "DateLike": "model.dates",
    "PartialDate": "model.dates",
    "BoundedDate": "model.edtf",
    "EDTFDate": "model.edtf",
    "parse_edtf": "model.edtf",
    "AmbiguousActorError": "errors",
    "ArgumentTypeError": "errors",
    "DatasetError": "errors",
    "MissingExtraError": "errors",
    "GeoalignError": "errors",
    "InvalidDateError": "errors",
    "UnknownActorError": "errors",
    "InvalidValueError": "errors",
    "UnknownRecordError": "errors",
    "Certainty": "model.kinds",
    "Confidence": "model.kinds",
    "EventKind": "model.kinds",
    "OrganizationKind": "model.kinds",
    "RelationshipKind": "model.kinds",
    "Actor": "model.records",
    "Citation": "model.records",
    "Country": "model.records",
    "Event": "model.records",
    "Organization": "model.records",
    "Person": "model.records",
    "Relationship": "model.records",
    "Role": "model.records",
    "Source": "model.records",
}

__all__ = [
    "Actor",
    "ActorLike",
    "AmbiguousActorError",
    "ArgumentTypeError",
    "BoundedDate",
    "Certainty",
    "CertaintyLike",
    "Citation",
    "Confidence",
    "Country",
    "Dataset",
    "DatasetError",
    "DateLike",
    "EDTFDate",
    "Event",
    "EventKind",
    "GeoalignError",
    "InvalidDateError",
    "InvalidValueError",
    "KindsLike",
    "MissingExtraError",
    "Organization",
    "OrganizationKind",
    "PartialDate",
    "Person",
    "Relationship",
    "RelationshipKind",
    "Role",
    "SanctionState",
    "SanctionStatus",
    "Source",
    "SpanBound",
    "TieSpan",
    "UnknownActorError",
    "UnknownRecordError",
    "Verdict",
    "allies_of",
    "load",
    "parse_edtf",
    "relationships_of",
    "resolve",
    "sanction_status",
    "timeline_between",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("geoalign")
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'geoalign' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"geoalign.{home}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


del TYPE_CHECKING


def __dir__() -> list[str]:
    return [*__all__, "__version__"]
