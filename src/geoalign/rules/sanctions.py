"""Sanction precedence: which state a pair's measures and statements give over a window.

>>> from geoalign.model.kinds import Certainty
>>> from geoalign.rules.time import EMPTY
>>> measure = (10, 30, *EMPTY)  # possibly in force on days 10 to 29, never definitely
>>> sanction_state([measure], [], 20, 20, Certainty.POSSIBLE)[:2]
(<SanctionState.IMPOSED: 'imposed'>, <Certainty.POSSIBLE: 'possible'>)
>>> sanction_state([measure], [], 20, 20, Certainty.DEFINITE)[:2]
(<SanctionState.UNKNOWN: 'unknown'>, None)
>>> sanction_state([measure], [], 30, 30, Certainty.DEFINITE)[:2]
(<SanctionState.LIFTED: 'lifted'>, <Certainty.DEFINITE: 'definite'>)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from geoalign.model.answers import SanctionState
from geoalign.model.kinds import Certainty, OrganizationKind
from geoalign.rules.time import ended, in_force

__all__ = ["STATE_ORGANS", "sanction_filings", "sanction_state"]

STATE_ORGANS = frozenset({OrganizationKind.AGENCY, OrganizationKind.ARMED_FORCES})
"""The kinds of organization that act for the country they are based in: a measure one
imposes counts as the country's (the US Treasury's sanctions are the United States').
A government or regime is kept apart from its state, and a company, a group or the
media act for themselves."""


def sanction_filings(
    imposer: str, target: str, organ_of: Mapping[str, str], based_in: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """The ``(imposer, target)`` pairs a sanctions tie answers for: the tie's own, and the
    country its imposer is an organ of (:data:`STATE_ORGANS`) and the country its target
    is based in, in every combination.  Every store files sanctions by this rule.

    >>> sorted(sanction_filings("ofac", "nis", {"ofac": "USA"}, {"nis": "SRB", "ofac": "USA"}))
    [('USA', 'SRB'), ('USA', 'nis'), ('ofac', 'SRB'), ('ofac', 'nis')]
    """
    for who in _also(imposer, organ_of):
        for whom in _also(target, based_in):
            yield who, whom


def _also(actor: str, country_of: Mapping[str, str]) -> Iterator[str]:
    yield actor
    country = country_of.get(actor)
    if country is not None and country != actor:
        yield country


_DEFINITE, _POSSIBLE = Certainty.DEFINITE, Certainty.POSSIBLE


def sanction_state(
    measures: Sequence[Any],
    statements: Sequence[Any],
    first: int,
    last: int,
    certainty: Certainty,
) -> tuple[SanctionState, Certainty | None, list[Any]]:
    """The state, its certainty and the ties it rests on, for the window ``[first, last]``.

    ``measures`` are the pair's sanctions, ``statements`` its declarations of
    non-sanctioning, each a tuple led by its :func:`~geoalign.rules.time.spans`.  The
    first that holds wins: imposed definitely, imposed possibly, lifted (a measure surely
    over by the window's first day), not imposed definitely, then possibly; else
    unknown, with no certainty.  With ``certainty`` definite only a definite state is
    an answer: a state that is only possibly so is ``unknown``, as the data cannot say
    which state holds.

    >>> sanction_state([], [(0, 99, 0, 99)], 5, 5, Certainty.DEFINITE)[:2]
    (<SanctionState.NOT_IMPOSED: 'not_imposed'>, <Certainty.DEFINITE: 'definite'>)
    >>> sanction_state([], [], 5, 5, Certainty.POSSIBLE)
    (<SanctionState.UNKNOWN: 'unknown'>, None, [])
    >>> sanction_state([(0, 99, 50, 99)], [], 5, 5, Certainty.DEFINITE)  # maybe imposed
    (<SanctionState.UNKNOWN: 'unknown'>, None, [])
    """
    found = _state(measures, statements, first, last)
    if certainty is _DEFINITE and found[1] is not _DEFINITE:
        return SanctionState.UNKNOWN, None, []
    return found


def _state(
    measures: Sequence[Any], statements: Sequence[Any], first: int, last: int
) -> tuple[SanctionState, Certainty | None, list[Any]]:
    if measures:
        if found := in_force(measures, first, last, _DEFINITE):
            return SanctionState.IMPOSED, _DEFINITE, found
        if found := in_force(measures, first, last, _POSSIBLE):
            return SanctionState.IMPOSED, _POSSIBLE, found
        if found := ended(measures, first):
            return SanctionState.LIFTED, _DEFINITE, found
    if statements:
        if found := in_force(statements, first, last, _DEFINITE):
            return SanctionState.NOT_IMPOSED, _DEFINITE, found
        if found := in_force(statements, first, last, _POSSIBLE):
            return SanctionState.NOT_IMPOSED, _POSSIBLE, found
    return SanctionState.UNKNOWN, None, []
