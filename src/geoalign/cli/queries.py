"""The query commands: each asks the dataset, and returns its answer as an ``Output``.

The JSON of ``allies``, ``sanctions IMPOSER TARGET``, ``timeline``, ``relationships
--as-of``, ``why`` (every tie and event of the pair that may hold at any time) and
``diff`` is the answer's own ``to_dict()`` (:mod:`geoalign.model.explained`).
The others are built here in the same form (``{"answer", "version", ...}``):

* ``actors``: ``"type"`` and ``"name"`` (the filters, or ``null``), ``"actors"``:
  ``[{"id", "name", "type", "aliases"}]`` in the dataset's order.
* ``relationships`` without ``--as-of``: ``"actor"``, ``"as_of": null``, ``"kinds"``,
  ``"ties"``: every tie of the actor at any time, by id, as the explained ties without
  ``"certainty"`` and ``"reason"``.
* ``events``: the ``timeline`` answer of the actor with itself, its ``"events"`` kept to
  ``"event_kinds"`` and to the places holding ``"where"`` (both ``null`` when not asked).
* ``sanctions --on`` / ``--by`` (``"answer": "sanctions_on"`` / ``"sanctions_by"``):
  ``"actor"``, ``"as_of"``, ``"kinds"``, ``"certainty"``, ``"as_known_on"``, ``"ties"``:
  the sanctions, terrorist designations and statements of not sanctioning on the actor
  (or on an organization based in it) or by it, in force at ``as_of``, by id.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from geoalign.cli import texts
from geoalign.model.explained import ANSWER_VERSION, Quote, TieEvidence, actor_dict
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import Actor, Relationship, Source
from geoalign.store.dataset import Dataset
from geoalign.store.names import fold
from geoalign.views.render import Output
from geoalign.views.terminal import escaped

__all__ = ["QUERIES", "shown"]

Query = Callable[[argparse.Namespace, Dataset], Output]


def shown(
    document: dict[str, Any],
    text: Callable[[dict[str, Any]], tuple[str, str | None]],
    rows: tuple[str, ...],
) -> Output:
    """An answer's JSON ``document`` and its text for people, drawn from it escaped."""
    return Output(document, *text(escaped(document)), rows=rows)


def _head(answer: str, **fields: Any) -> dict[str, Any]:
    return {"answer": answer, "version": ANSWER_VERSION, **fields}


def _known(args: argparse.Namespace) -> Any:
    return getattr(args, "as_known_on", None)


def _how(args: argparse.Namespace) -> dict[str, Any]:
    """The certainty asked for and the date the answer is known on, as query arguments."""
    possible = getattr(args, "possible", False)
    certainty = Certainty.POSSIBLE if possible else Certainty.DEFINITE
    return {"certainty": certainty, "as_known_on": _known(args)}


def _allies(args: argparse.Namespace, dataset: Dataset) -> Output:
    answer = dataset.explain_allies(
        args.actor,
        as_of=args.as_of,
        kinds=args.kind,
        **_how(args),
    )
    return shown(answer.to_dict(), texts.allies_text, ("allies",))


def _sanctions(args: argparse.Namespace, dataset: Dataset) -> Output:
    if args.on is not None or args.by is not None:
        return _measures(args, dataset)
    answer = dataset.explain_sanctions(
        args.imposer, args.target, as_of=args.as_of, as_known_on=_known(args)
    )
    return shown(answer.to_dict(), texts.sanctions_text, ())


MEASURES = (
    RelationshipKind.SANCTIONS,
    RelationshipKind.TERRORIST_DESIGNATION,
    RelationshipKind.NON_SANCTIONING,
    RelationshipKind.NON_SANCTIONING_OR_SUPPORT,
)
"""What ``sanctions --on`` and ``--by`` list: measures, listings and statements."""


def _measures(args: argparse.Namespace, dataset: Dataset) -> Output:
    on = args.on is not None
    actor = dataset.resolve(args.on if on else args.by)
    # Who sanctions a state also sanctions the bodies based in it (as sanction_status).
    based = [o for o in dataset.organizations if on and o.country == actor.id]
    ties: dict[str, TieEvidence] = {}
    answer = None
    for who in [actor, *based]:
        answer = dataset.explain_relationships(
            who,
            as_of=args.as_of,
            kinds=MEASURES,
            **_how(args),
        )
        for tie in answer.ties:
            if (tie.relationship.b if on else tie.relationship.a) == who.id:
                ties[tie.relationship.id] = tie
    assert answer is not None
    head = answer.to_dict()
    document = _head(
        "sanctions_on" if on else "sanctions_by",
        actor=actor_dict(actor),
        as_of=head["as_of"],
        kinds=head["kinds"],
        certainty=head["certainty"],
        as_known_on=head["as_known_on"],
        ties=[ties[key].to_dict() for key in sorted(ties)],
    )
    return shown(document, texts.measures_text, ("ties",))


def _timeline(args: argparse.Namespace, dataset: Dataset) -> Output:
    answer = dataset.explain_timeline(args.a, args.b, start=args.start, end=args.end, **_how(args))
    return shown(answer.to_dict(), texts.timeline_text, ("events",))


def _events(args: argparse.Namespace, dataset: Dataset) -> Output:
    one = args.actor
    answer = dataset.explain_timeline(one, one, start=args.start, end=args.end, **_how(args))
    document = answer.to_dict()
    where = None if args.where is None else fold(args.where)
    document["events"] = [
        event
        for event in document["events"]
        if (not args.kind or event["kind"] in args.kind)
        and (where is None or where in fold(event["location"] or ""))
    ]
    document.update(event_kinds=args.kind, where=args.where)
    return shown(document, texts.timeline_text, ("events",))


def _relationships(args: argparse.Namespace, dataset: Dataset) -> Output:
    if args.as_of is not None:
        answer = dataset.explain_relationships(
            args.actor,
            as_of=args.as_of,
            kinds=args.kind,
            **_how(args),
        )
        return shown(answer.to_dict(), texts.relationships_text, ("ties",))
    known = dataset if _known(args) is None else dataset.known_on(_known(args))
    actor = known.resolve(args.actor)
    kinds = args.kind or [kind.value for kind in RelationshipKind]
    ties = [
        tie for tie in known.relationships if actor.id in (tie.a, tie.b) and tie.kind.value in kinds
    ]
    document = _head(
        "relationships",
        actor=actor_dict(actor),
        as_of=None,
        kinds=[kind.value for kind in RelationshipKind if kind.value in kinds],
        as_known_on=None if _known(args) is None else str(_known(args)),
        ties=[_tie(known, tie) for tie in sorted(ties, key=lambda tie: tie.id)],
    )
    return shown(document, texts.relationships_text, ("ties",))


def _tie(dataset: Dataset, tie: Relationship) -> dict[str, Any]:
    """A tie as the explained answers write it, without a certainty: at any time."""
    quotes = []
    for citation in tie.citations:
        source = dataset.get(citation.source)
        assert isinstance(source, Source)  # a loaded dataset's citations name sources
        quote = Quote(
            source=source,
            quote=citation.quote,
            confidence=citation.confidence or tie.confidence,
            claimed_by=citation.claimed_by,
            claimed_on=citation.claimed_on,
        )
        quotes.append(quote.to_dict())
    return {
        "id": tie.id,
        "kind": tie.kind.value,
        "a": tie.a,
        "b": tie.b,
        "start": None if tie.start is None else str(tie.start),
        "end": None if tie.end is None else str(tie.end),
        "ended_by": tie.ended_by,
        "confidence": tie.confidence.value,
        "summary": tie.summary,
        "quotes": quotes,
    }


def _why(args: argparse.Namespace, dataset: Dataset) -> Output:
    answer = dataset.explain_between(
        args.a, args.b, certainty=Certainty.POSSIBLE, as_known_on=_known(args)
    )
    document = answer.to_dict()
    return shown(document, texts.why_text, ("ties", "events"))


def _diff(args: argparse.Namespace, dataset: Dataset) -> Output:
    answer = dataset.changes(
        args.actor, args.since, args.until, kinds=args.kind, as_known_on=_known(args)
    )
    return shown(answer.to_dict(), texts.changes_text, ("began", "ended"))


def _actors(args: argparse.Namespace, dataset: Dataset) -> Output:
    wanted = None if args.name is None else fold(args.name)

    def matches(actor: Actor) -> bool:
        names = (actor.id, actor.name, *actor.aliases)
        return wanted is None or any(wanted in fold(name) for name in names)

    found = [
        {**actor_dict(actor), "aliases": list(actor.aliases)}
        for actor in dataset.actors()
        if matches(actor) and args.type in (None, actor_dict(actor)["type"])
    ]
    document = _head("actors", type=args.type, name=args.name, actors=found)
    return shown(document, texts.actors_text, ("actors",))


QUERIES: dict[str, Query] = {
    "allies": _allies,
    "sanctions": _sanctions,
    "timeline": _timeline,
    "events": _events,
    "relationships": _relationships,
    "why": _why,
    "diff": _diff,
    "actors": _actors,
}
"""The query commands by name."""
