"""geoalign: who is aligned with whom, who has sanctioned whom, and what happened between them.

Every answer holds as of a date and rests on verbatim quotes of cited sources.

>>> import geoalign
>>> geoalign.sanction_status("Serbia", "Russia").state.value
'not_imposed'

Importing the package is cheap: the names below are loaded from their modules on
first use, and the bundled dataset on the first query.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geoalign.answers import SanctionState, SanctionStatus
    from geoalign.api import (
        allies_of,
        load,
        relationships_of,
        resolve,
        sanction_status,
        timeline_between,
    )
    from geoalign.dataset import ActorLike, Dataset, KindsLike
    from geoalign.dates import DateLike, PartialDate
    from geoalign.errors import DatasetError, GeoalignError, InvalidDateError, UnknownActorError
    from geoalign.kinds import Confidence, EventKind, OrganizationKind, RelationshipKind
    from geoalign.model import (
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

__version__: str

_HOMES = {
    "SanctionState": "answers",
    "SanctionStatus": "answers",
    "allies_of": "api",
    "load": "api",
    "relationships_of": "api",
    "resolve": "api",
    "sanction_status": "api",
    "timeline_between": "api",
    "ActorLike": "dataset",
    "Dataset": "dataset",
    "KindsLike": "dataset",
    "DateLike": "dates",
    "PartialDate": "dates",
    "DatasetError": "errors",
    "GeoalignError": "errors",
    "InvalidDateError": "errors",
    "UnknownActorError": "errors",
    "Confidence": "kinds",
    "EventKind": "kinds",
    "OrganizationKind": "kinds",
    "RelationshipKind": "kinds",
    "Actor": "model",
    "Citation": "model",
    "Country": "model",
    "Event": "model",
    "Organization": "model",
    "Person": "model",
    "Relationship": "model",
    "Role": "model",
    "Source": "model",
}

__all__ = [
    "Actor",
    "ActorLike",
    "Citation",
    "Confidence",
    "Country",
    "Dataset",
    "DatasetError",
    "DateLike",
    "Event",
    "EventKind",
    "GeoalignError",
    "InvalidDateError",
    "KindsLike",
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
    "UnknownActorError",
    "allies_of",
    "load",
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
    value = getattr(importlib.import_module(f"geoalign.{home}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return [*__all__, "__version__"]
