"""The query commands: each asks the dataset, and returns its answer as an ``Output``.

The JSON of every query is its answer's own ``to_dict()``: ``allies``, ``sanctions
IMPOSER TARGET``, ``timeline``, ``relationships --as-of``, ``why`` (every tie and event
of the pair that may hold at any time) and ``diff`` from :mod:`geoalign.model.explained`;
``actors``, ``events``, ``relationships`` without ``--as-of`` and ``sanctions --on`` /
``--by`` from :mod:`geoalign.model.browsed` (the dataset's browsing methods).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import geoalign.cli.texts as texts
from geoalign.model.kinds import Certainty, RelationshipKind
from geoalign.model.records import Person
from geoalign.store.dataset import Dataset
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
    document = answer.to_dict()
    others = [kind for kind in RelationshipKind if kind not in answer.kinds]
    if answer.allies or not others or not isinstance(answer.actor, Person):
        return shown(document, texts.allies_text, ("allies",))
    # A person seldom has allies: the text says which other ties the data holds (an
    # asylum, an office's leadership), possibly in force at the date, not a bare "no".
    held = dataset.explain_relationships(
        answer.actor.id,
        as_of=args.as_of,
        kinds=others,
        certainty=Certainty.POSSIBLE,
        as_known_on=_known(args),
    )
    instead = [tie.to_dict() for tie in held.ties]
    text, missing = texts.allies_text(escaped({**document, "instead": instead}))
    return Output(document, text, missing, rows=("allies",))


def _sanctions(args: argparse.Namespace, dataset: Dataset) -> Output:
    if args.on is not None or args.by is not None:
        return _measures(args, dataset)
    answer = dataset.explain_sanctions(args.imposer, args.target, as_of=args.as_of, **_how(args))
    return shown(answer.to_dict(), texts.sanctions_text, ())


def _measures(args: argparse.Namespace, dataset: Dataset) -> Output:
    on = args.on is not None
    browse = dataset.sanctions_on if on else dataset.sanctions_by
    answer = browse(args.on if on else args.by, as_of=args.as_of, **_how(args))
    return shown(answer.to_dict(), texts.measures_text, ("ties",))


def _timeline(args: argparse.Namespace, dataset: Dataset) -> Output:
    answer = dataset.explain_timeline(args.a, args.b, start=args.start, end=args.end, **_how(args))
    return shown(answer.to_dict(), texts.timeline_text, ("events",))


def _events(args: argparse.Namespace, dataset: Dataset) -> Output:
    answer = dataset.events_of(
        args.actor,
        start=args.start,
        end=args.end,
        kinds=args.kind,
        where=args.where,
        **_how(args),
    )
    return shown(answer.to_dict(), texts.timeline_text, ("events",))


def _relationships(args: argparse.Namespace, dataset: Dataset) -> Output:
    if args.as_of is None:
        every = dataset.all_relationships_of(args.actor, kinds=args.kind, as_known_on=_known(args))
        return shown(every.to_dict(), texts.relationships_text, ("ties",))
    answer = dataset.explain_relationships(
        args.actor,
        as_of=args.as_of,
        kinds=args.kind,
        **_how(args),
    )
    return shown(answer.to_dict(), texts.relationships_text, ("ties",))


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
    answer = dataset.find_actors(args.name, type=args.type)
    return shown(answer.to_dict(), texts.actors_text, ("actors",))


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
