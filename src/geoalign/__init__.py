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
        all_relationships_of,
        allies_of,
        changes,
        events_of,
        explain_allies,
        explain_between,
        explain_relationships,
        explain_sanctions,
        explain_timeline,
        find_actors,
        load,
        plot_network,
        plot_timeline,
        relationships_of,
        resolve,
        sanction_status,
        sanctions_by,
        sanctions_on,
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
    from geoalign.model.answer_schema import ANSWER_SCHEMA, answer_schema
    from geoalign.model.answers import SanctionState, SanctionStatus, SpanBound, TieSpan, Verdict
    from geoalign.model.browsed import (
        ActorsAnswer,
        AllRelationshipsAnswer,
        EventsAnswer,
        MeasuresAnswer,
    )
    from geoalign.model.dates import DateLike, PartialDate
    from geoalign.model.edtf import BoundedDate, EDTFDate, parse_edtf
    from geoalign.model.evidence import CitedTie, EventEvidence, Quote, TieEvidence
    from geoalign.model.explained import (
        AlignmentAnswer,
        Ally,
        BetweenAnswer,
        Change,
        ChangesAnswer,
        RelationshipsAnswer,
        SanctionAnswer,
        TimelineAnswer,
    )
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
    from geoalign.store.compiled import compile_store, open_store
    from geoalign.store.dataset import ActorLike, CertaintyLike, Dataset, KindsLike

__version__: str

_HOMES = {
    "AlignmentAnswer": "model.explained",
    "Ally": "model.explained",
    "BetweenAnswer": "model.explained",
    "Change": "model.explained",
    "ChangesAnswer": "model.explained",
    "RelationshipsAnswer": "model.explained",
    "SanctionAnswer": "model.explained",
    "TimelineAnswer": "model.explained",
    "ActorsAnswer": "model.browsed",
    "AllRelationshipsAnswer": "model.browsed",
    "EventsAnswer": "model.browsed",
    "MeasuresAnswer": "model.browsed",
    "CitedTie": "model.evidence",
    "EventEvidence": "model.evidence",
    "Quote": "model.evidence",
    "TieEvidence": "model.evidence",
    "ANSWER_SCHEMA": "model.answer_schema",
    "answer_schema": "model.answer_schema",
    "explain_allies": "api",
    "explain_relationships": "api",
    "explain_sanctions": "api",
    "explain_timeline": "api",
    "explain_between": "api",
    "changes": "api",
    "SanctionState": "model.answers",
    "SanctionStatus": "model.answers",
    "SpanBound": "model.answers",
    "TieSpan": "model.answers",
    "Verdict": "model.answers",
    "allies_of": "api",
    "find_actors": "api",
    "events_of": "api",
    "all_relationships_of": "api",
    "sanctions_on": "api",
    "sanctions_by": "api",
    "load": "api",
    "compile_store": "store.compiled",
    "open_store": "store.compiled",
    "plot_network": "api",
    "plot_timeline": "api",
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
    "ANSWER_SCHEMA",
    "Actor",
    "ActorLike",
    "ActorsAnswer",
    "AlignmentAnswer",
    "AllRelationshipsAnswer",
    "Ally",
    "AmbiguousActorError",
    "ArgumentTypeError",
    "BetweenAnswer",
    "BoundedDate",
    "Certainty",
    "CertaintyLike",
    "Change",
    "ChangesAnswer",
    "Citation",
    "CitedTie",
    "Confidence",
    "Country",
    "Dataset",
    "DatasetError",
    "DateLike",
    "EDTFDate",
    "Event",
    "EventEvidence",
    "EventKind",
    "EventsAnswer",
    "GeoalignError",
    "InvalidDateError",
    "InvalidValueError",
    "KindsLike",
    "MeasuresAnswer",
    "MissingExtraError",
    "Organization",
    "OrganizationKind",
    "PartialDate",
    "Person",
    "Quote",
    "Relationship",
    "RelationshipKind",
    "RelationshipsAnswer",
    "Role",
    "SanctionAnswer",
    "SanctionState",
    "SanctionStatus",
    "Source",
    "SpanBound",
    "TieEvidence",
    "TieSpan",
    "TimelineAnswer",
    "UnknownActorError",
    "UnknownRecordError",
    "Verdict",
    "all_relationships_of",
    "allies_of",
    "answer_schema",
    "changes",
    "compile_store",
    "events_of",
    "explain_allies",
    "explain_between",
    "explain_relationships",
    "explain_sanctions",
    "explain_timeline",
    "find_actors",
    "load",
    "open_store",
    "parse_edtf",
    "plot_network",
    "plot_timeline",
    "relationships_of",
    "resolve",
    "sanction_status",
    "sanctions_by",
    "sanctions_on",
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
