"""Answers that explain themselves: each query's answer with the evidence behind it.

Every answer is a frozen attrs class holding the question it answers (its actors, dates,
kinds and certainty) and its items, each item with the records behind it, how surely it
holds (``definite`` or ``possible``) and the bound that decides that, and the quotes
with their sources.  ``to_dict()`` gives plain JSON-ready data, the same for the same
dataset and question, described by :data:`geoalign.model.answer_schema.ANSWER_SCHEMA`.
Get them from :meth:`geoalign.Dataset.explain_allies` and its siblings.  The items
(quotes, ties and events as evidence) are those of :mod:`geoalign.model.evidence`.

Items are sorted so that answers are stable: allies and changes by actor id, ties by
relationship id, events in timeline order.  Dates are EDTF text; ``null`` means none.

This module is the home of every answer's name, but defines only the allies answer: the
others (``geoalign.model.explained_others``) are defined when first asked for, so that a
process answering who is aligned with whom does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from geoalign.model.evidence import (
    ANSWER_VERSION,
    EventEvidence,
    Quote,
    TieEvidence,
    TiesQuestion,
    actor_dict,
)
from geoalign.model.kinds import Certainty
from geoalign.model.records import Actor

if TYPE_CHECKING:
    from geoalign.model.explained_others import (
        BetweenAnswer,
        Change,
        ChangesAnswer,
        RelationshipsAnswer,
        SanctionAnswer,
        TimelineAnswer,
    )

__all__ = [
    "ANSWER_VERSION",
    "AlignmentAnswer",
    "Ally",
    "BetweenAnswer",
    "Change",
    "ChangesAnswer",
    "EventEvidence",
    "Quote",
    "RelationshipsAnswer",
    "SanctionAnswer",
    "TieEvidence",
    "TiesQuestion",
    "TimelineAnswer",
    "actor_dict",
]

_OTHERS = frozenset(
    {
        "BetweenAnswer",
        "Change",
        "ChangesAnswer",
        "RelationshipsAnswer",
        "SanctionAnswer",
        "TimelineAnswer",
    }
)
"""The answers defined in ``geoalign.model.explained_others``, named from here."""


def __getattr__(name: str) -> Any:
    if name not in _OTHERS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from geoalign.model import explained_others

    value = getattr(explained_others, name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_OTHERS})


@attrs.frozen(kw_only=True)
class Ally:
    """One ally: definite when some tie is definitely in force, else possible."""

    actor: Actor
    certainty: Certainty
    ties: tuple[TieEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ally as plain data: the actor, the certainty and the ties."""
        return {
            "actor": actor_dict(self.actor),
            "certainty": self.certainty.value,
            "ties": [tie.to_dict() for tie in self.ties],
        }


@attrs.frozen(kw_only=True)
class AlignmentAnswer(TiesQuestion):
    """Who is aligned with ``actor`` as of a date, each ally with the ties that say so.

    The answer of :meth:`geoalign.Dataset.explain_allies`; :attr:`actors` is what
    :meth:`~geoalign.Dataset.allies_of` returns for the same question.
    """

    allies: tuple[Ally, ...]

    @property
    def actors(self) -> tuple[Actor, ...]:
        """The allies' actors, sorted by id."""
        return tuple(ally.actor for ally in self.allies)

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (``"answer": "allies"``)."""
        return {**self.question("allies"), "allies": [a.to_dict() for a in self.allies]}
