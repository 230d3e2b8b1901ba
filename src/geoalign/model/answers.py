"""What :func:`geoalign.sanction_status` answers: a state, and the evidence for it."""

from __future__ import annotations

import enum

import attrs

from geoalign.model.dates import PartialDate
from geoalign.model.records import Actor, Citation, Relationship

__all__ = ["SanctionState", "SanctionStatus"]


class SanctionState(enum.Enum):
    """The four answers to "has this imposer sanctioned this target?".

    >>> SanctionState("not_imposed")
    <SanctionState.NOT_IMPOSED: 'not_imposed'>
    """

    IMPOSED = "imposed"
    """A sanctions relationship from the imposer to the target (or to an organization
    based in the target) is in force."""
    LIFTED = "lifted"
    """There was such a relationship, and none is in force any more."""
    NOT_IMPOSED = "not_imposed"
    """A source states that the imposer has not sanctioned the target."""
    UNKNOWN = "unknown"
    """The dataset says nothing either way; silence is never taken for "not imposed"."""


@attrs.frozen(kw_only=True, repr=False)
class SanctionStatus:
    """The answer of :func:`geoalign.sanction_status`, with the relationships behind it.

    >>> import geoalign
    >>> status = geoalign.sanction_status("Serbia", "Russia")
    >>> status.state
    <SanctionState.NOT_IMPOSED: 'not_imposed'>
    >>> status.measures[0].kind
    <RelationshipKind.NON_SANCTIONING: 'non_sanctioning'>
    """

    imposer: Actor
    target: Actor
    as_of: PartialDate
    state: SanctionState
    measures: tuple[Relationship, ...] = ()
    """The relationships the state rests on: sanctions for ``imposed`` and ``lifted``,
    declared non-sanctioning for ``not_imposed``, none for ``unknown``."""

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation of every measure, in order."""
        return tuple(citation for measure in self.measures for citation in measure.citations)

    def __repr__(self) -> str:
        measures = tuple(measure.id for measure in self.measures)
        return (
            f"SanctionStatus(imposer={self.imposer.id!r}, target={self.target.id!r}, "
            f"as_of='{self.as_of}', state={self.state.value!r}, measures={measures!r})"
        )
