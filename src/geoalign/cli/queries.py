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
from geoalign.errors import ArgumentTypeError
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
    possibly: list[str] | None = None,
) -> Output:
    """An answer's JSON ``document`` and its text for people, drawn from it escaped;
    ``possibly`` names, for the text's note of no answer, what is possibly so."""
    told = {**document, "possibly": possibly} if possibly else document
    return Output(document, *text(escaped(told)), rows=rows)


def _possibly(args: argparse.Namespace, empty: bool, ask: Callable[[], Any]) -> list[str]:
    """The ids ``ask()`` finds with ``certainty="possible"``, when a definite answer is
    ``empty``: one more query, only then, for the note of no answer."""
    if not empty or getattr(args, "possible", False):
        return []
    return [found.id for found in ask()]


def _known(args: argparse.Namespace) -> Any:
    return getattr(args, "as_known_on", None)


def _how(args: argparse.Namespace, certainty: Certainty | None = None) -> dict[str, Any]:
    """The certainty asked for (unless given) and the date the answer is known on, as
    query arguments."""
    if certainty is None:
        possible = getattr(args, "possible", False)
        certainty = Certainty.POSSIBLE if possible else Certainty.DEFINITE
    return {"certainty": certainty, "as_known_on": _known(args)}


def _as_of_needed(args: argparse.Namespace, dataset: Dataset) -> None:
    """Refuse, in the command's words, a question with no ``--as-of`` and no horizon to
    default to (the Python message names ``as_of``)."""
    known = _known(args)
    asked = dataset if known is None else dataset.known_on(known)
    if args.as_of is not None or asked.horizon is not None:
        return
    why = "the dataset holds no source" if known is None else f"no source was published by {known}"
    raise ArgumentTypeError(f"--as-of is required: {why}, so there is no horizon to default to")


def _allies(args: argparse.Namespace, dataset: Dataset) -> Output:
    _as_of_needed(args, dataset)
    answer = dataset.explain_allies(
        args.actor,
        as_of=args.as_of,
        kinds=args.kind,
        **_how(args),
    )
    document = answer.to_dict()
    possibly = _possibly(
        args,
        not answer.allies,
        lambda: dataset.allies_of(
            answer.actor, as_of=args.as_of, kinds=args.kind, **_how(args, Certainty.POSSIBLE)
        ),
    )
    others = [kind for kind in RelationshipKind if kind not in answer.kinds]
    if answer.allies or not others or not isinstance(answer.actor, Person):
        return shown(document, texts.allies_text, ("allies",), possibly)
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
    text, missing = texts.allies_text(
        escaped({**document, "instead": instead, "possibly": possibly})
    )
    return Output(document, text, missing, rows=("allies",))


def _sanctions(args: argparse.Namespace, dataset: Dataset) -> Output:
    _as_of_needed(args, dataset)
    if args.on is not None or args.by is not None:
        return _measures(args, dataset)
    answer = dataset.explain_sanctions(args.imposer, args.target, as_of=args.as_of, **_how(args))
    possibly = [tie.relationship.id for tie in answer.possibly]
    return shown(answer.to_dict(), texts.sanctions_text, (), possibly)


def _measures(args: argparse.Namespace, dataset: Dataset) -> Output:
    on = args.on is not None
    browse = dataset.sanctions_on if on else dataset.sanctions_by
    whom = args.on if on else args.by
    answer = browse(whom, as_of=args.as_of, **_how(args))
    possibly = _possibly(
        args,
        not answer.ties,
        lambda: [
            tie.relationship
            for tie in browse(whom, as_of=args.as_of, **_how(args, Certainty.POSSIBLE)).ties
        ],
    )
    return shown(answer.to_dict(), texts.measures_text, ("ties",), possibly)


def _timeline(args: argparse.Namespace, dataset: Dataset) -> Output:
    window = {"start": args.start, "end": args.end}
    answer = dataset.explain_timeline(args.a, args.b, **window, **_how(args))
    possibly = _possibly(
        args,
        not answer.events,
        lambda: dataset.timeline_between(
            answer.a, answer.b, **window, **_how(args, Certainty.POSSIBLE)
        ),
    )
    return shown(answer.to_dict(), texts.timeline_text, ("events",), possibly)


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
    asked = {"as_of": args.as_of, "kinds": args.kind}
    answer = dataset.explain_relationships(args.actor, **asked, **_how(args))
    possibly = _possibly(
        args,
        not answer.ties,
        lambda: dataset.relationships_of(answer.actor, **asked, **_how(args, Certainty.POSSIBLE)),
    )
    return shown(answer.to_dict(), texts.relationships_text, ("ties",), possibly)


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
