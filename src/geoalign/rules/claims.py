"""The rules of claims: what a record's confidence may be given its citations, and when a
citation's statement may have been made.

A citation asserts its record's fact unless its ``confidence`` is ``denied``; a record is
``disputed`` exactly when one citation denies its fact and another asserts it.  ``disputed``
is that outcome, so no single citation is ``disputed``; ``denied`` is what one quote says,
so no record is ``denied``.  A statement is made on or before its source was published,
and a statement reporting an event is made on or after the event's first possible day.

Each function gives ``(field, code, message)`` for every rule a record breaks; the loader
turns them into problems.

>>> from geoalign.model.records import Citation
>>> asserts, denies = Citation(source="s1", quote="q"), Citation(
...     source="s2", quote="r", confidence=Confidence.DENIED)
>>> confidence_problems(Confidence.DISPUTED, (asserts,))
[('confidence', 'disputed-without-dispute', 'disputed needs a citation that denies the fact (confidence: denied) and one that asserts it; none denies it')]
>>> confidence_problems(Confidence.DISPUTED, (asserts, denies))
[]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from geoalign.model.edtf import EDTFDate
from geoalign.model.kinds import Confidence
from geoalign.model.records import Citation

__all__ = ["ClaimProblem", "confidence_problems", "timing_problems"]

ClaimProblem = tuple[str, str, str]
"""The field (``"confidence"``, ``"citations[2].claimed_on"``...), a code and a message."""

_DENIED, _DISPUTED = Confidence.DENIED, Confidence.DISPUTED


def confidence_problems(
    confidence: Confidence, citations: Sequence[Citation]
) -> list[ClaimProblem]:
    """How a record's confidence and its citations' disagree with the rules of claims.

    >>> confidence_problems(Confidence.DENIED, ())[0][1]
    'denied-record'
    >>> from geoalign.model.records import Citation
    >>> both = (Citation(source="s1", quote="q"),
    ...         Citation(source="s1", quote="r", confidence=Confidence.DENIED))
    >>> confidence_problems(Confidence.REPORTED, both)[0][2]
    "its citations both assert and deny the fact: its confidence is 'disputed', not 'reported'"
    """
    if confidence is not _DENIED and confidence is not _DISPUTED:
        for citation in citations:
            if citation.confidence is not None:
                break
        else:  # the common case: no citation's own confidence, nothing to disagree
            return []
    found: list[ClaimProblem] = []
    if confidence is _DENIED:
        message = (
            "a record is never denied: 'denied' is what one citation says; a record whose "
            "citations assert and deny its fact is 'disputed'"
        )
        found.append(("confidence", "denied-record", message))
    for index, citation in enumerate(citations):
        if citation.confidence is _DISPUTED:
            message = (
                "a citation is never disputed: 'disputed' is the outcome of citations that "
                "disagree; write 'denied' if this quote denies the fact"
            )
            found.append((f"citations[{index}].confidence", "disputed-citation", message))
    denies = any(c.confidence is _DENIED for c in citations)
    asserts = any(c.confidence is not _DENIED and c.confidence is not _DISPUTED for c in citations)
    if confidence is _DISPUTED and not (denies and asserts):
        missing = "none denies it" if not denies else "none asserts it"
        message = (
            "disputed needs a citation that denies the fact (confidence: denied) and one "
            f"that asserts it; {missing}"
        )
        found.append(("confidence", "disputed-without-dispute", message))
    elif denies and not asserts and citations:
        message = "every citation denies the fact: no source asserts it, so it is no record"
        found.append(("citations", "only-denied", message))
    elif denies and asserts and confidence is not _DISPUTED:
        message = (
            "its citations both assert and deny the fact: its confidence is 'disputed', "
            f"not {confidence.value!r}"
        )
        found.append(("confidence", "undeclared-dispute", message))
    return found


def timing_problems(
    citations: Sequence[Citation],
    published: Mapping[str, EDTFDate],
    happened: EDTFDate | None = None,
) -> list[ClaimProblem]:
    """Citations whose statement was made after its source was published, or (for an
    event, whose date is ``happened``) surely before the event.

    ``published`` gives each source's publication date by id; a citation of a source not
    in it (a dangling reference, reported apart) is not checked.

    >>> from geoalign.model.dates import PartialDate as D
    >>> late = Citation(source="s1", quote="q", claimed_on=D(2025, 1, 2))
    >>> timing_problems((late,), {"s1": D(2024, 12)})[0][2]
    'claimed on 2025-01-02, after its source s1 was published (2024-12)'
    >>> timing_problems((late,), {"s1": D(2025)}, happened=D(2025, 3))[0][1]
    'claimed-before-event'
    """
    found: list[ClaimProblem] = []
    for index, citation in enumerate(citations):
        claimed_on = citation.claimed_on
        if claimed_on is None:
            continue
        field = f"citations[{index}].claimed_on"
        source = published.get(citation.source)
        if source is not None and claimed_on.latest > source.latest:
            message = (
                f"claimed on {claimed_on}, after its source {citation.source} was "
                f"published ({source})"
            )
            found.append((field, "claimed-after-publication", message))
        if happened is not None and claimed_on.latest < happened.earliest:
            message = f"claimed on {claimed_on}, before the event it reports ({happened})"
            found.append((field, "claimed-before-event", message))
    return found
