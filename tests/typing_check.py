"""A user's script, kept to check the public API's types under ``mypy --strict``.

It calls every query, at module level and as :class:`~geoalign.Dataset` methods, with
every accepted form of argument, and uses the typed answers as a user would.  It also
runs: ``python tests/typing_check.py`` prints a short report on the bundled dataset.
"""

from __future__ import annotations

import datetime

import geoalign
from geoalign import (
    Actor,
    ActorLike,
    Certainty,
    CertaintyLike,
    Citation,
    Dataset,
    DateLike,
    EDTFDate,
    Event,
    KindsLike,
    PartialDate,
    Relationship,
    RelationshipKind,
    SanctionState,
    SanctionStatus,
    TieSpan,
    Verdict,
)


def label(actor: Actor) -> str:
    """An actor as a user would print it."""
    return f"{actor.name} ({actor.id})"


def describe(status: SanctionStatus) -> str:
    """One line on a sanction status, with the first quote behind it."""
    quotes: list[str] = [citation.quote for citation in status.citations]
    first: Citation | None = status.citations[0] if status.citations else None
    source = f" [{first.source}]" if first is not None else ""
    state: SanctionState = status.state
    certainty: Certainty | None = status.certainty
    how = f" ({certainty.value})" if certainty is not None else ""
    line = f"{label(status.imposer)} -> {label(status.target)} as of {status.as_of}: {state.value}"
    return line + how + (f": {quotes[0]!r}{source}" if quotes else "")


def span(relationship: Relationship) -> str:
    """When a tie held, as text."""
    start: EDTFDate | None = relationship.start
    end: EDTFDate | None = relationship.end
    return f"{start or '...'} to {end or '...'}"


def why(dataset: Dataset, relationship: Relationship, as_of: DateLike | None) -> str:
    """Which certainty a tie has at a date, and the bound that decides it."""
    verdict: Verdict = dataset.tie_certainty(relationship, as_of)
    span: TieSpan = dataset.tie_span(relationship)
    since: datetime.date | None = span.possible_from.day
    known = f"possible since {since}" if since is not None else "possible for ever"
    return f"{verdict.certainty} because {verdict.reason}; {known}"


def day_of(event: Event) -> datetime.date:
    """The first day an event may have happened on."""
    return event.date.earliest


def main() -> None:
    """Ask every question every way, and print the answers."""
    dataset: Dataset = geoalign.load()
    russia: Actor = geoalign.resolve("Russia")
    same: Actor = dataset.resolve("russian federation")
    assert russia == same
    horizon: PartialDate | None = dataset.horizon
    print("horizon:", horizon)

    actors: list[ActorLike] = ["RUS", "Russia", "the Kremlin", russia]
    dates: list[DateLike | None] = [
        None,
        "2023",
        "2023-06",
        "2023-06-01",
        datetime.date(2023, 6, 1),
        datetime.datetime(2023, 6, 1, 12, 0),
        PartialDate(2023, 6, 1),
        PartialDate.parse("2024-12"),
    ]
    kinds: list[KindsLike | None] = [
        None,
        [RelationshipKind.ALLIANCE],
        ["alliance", "military_support"],
        frozenset({RelationshipKind.ARMS_TRANSFER, "basing"}),
        tuple(kind for kind in RelationshipKind if kind.alignment),
    ]
    certainties: list[CertaintyLike] = ["definite", "possible", Certainty.POSSIBLE]
    for actor in actors:
        for as_of in dates:
            for chosen in kinds:
                allies: tuple[Actor, ...] = geoalign.allies_of(actor, as_of=as_of, kinds=chosen)
                assert allies == dataset.allies_of(actor, as_of=as_of, kinds=chosen)
                for certainty in certainties:
                    maybe = geoalign.allies_of(actor, as_of=as_of, certainty=certainty)
                    assert set(allies) <= set(maybe) or chosen is not None
                ties: tuple[Relationship, ...] = geoalign.relationships_of(
                    actor, as_of=as_of, kinds=chosen
                )
                assert ties == dataset.relationships_of(actor, as_of=as_of, kinds=chosen)
            status: SanctionStatus = geoalign.sanction_status("Serbia", actor, as_of=as_of)
            assert status == dataset.sanction_status("SRB", actor, as_of=as_of)
            print(describe(status), "|", ", ".join(span(tie) for tie in ties))
            print("  allies:", ", ".join(label(ally) for ally in allies))
            for tie in ties:
                print("  ", tie.id, why(dataset, tie, as_of))
        for bound in dates:
            after: tuple[Event, ...] = geoalign.timeline_between(actor, "Syria", start=bound)
            known = geoalign.timeline_between(
                actor, "Syria", start=bound, certainty="possible", as_known_on=bound
            )
            assert set(known) <= set(dataset.timeline_between(actor, "SYR", certainty="possible"))
            assert after == dataset.timeline_between("SYR", actor, start=bound, end=None)
            before = dataset.timeline_between(actor, "Syria", end=bound)
            assert before == geoalign.timeline_between("SYR", actor, start=None, end=bound)
            for event in (*before, *after):
                first: datetime.date = day_of(event)
                print(first.isoformat(), event.date.precision, event.kind.value, event.summary)


if __name__ == "__main__":
    main()
