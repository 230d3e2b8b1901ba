"""What the command line prints: each answer as a JSON document and as text for people.

Every JSON document is ``{"schema_version": 1, "command": ..., ...}`` followed by the
fields below, in this order, built from the records of :mod:`geoalign.views.export` (whose
docstring gives the conventions: dates, enums, actor references, inline citations).

The text for people is drawn from the JSON document alone, after every text in it went
through :func:`geoalign.views.terminal.escaped`: no value from a dataset reaches a
terminal raw (``answer`` does it, for every answer).

* ``allies``: ``"actor"``, ``"as_of"``, ``"kinds"`` (those asked for), ``"allies"``:
  ``[{"actor", "relationships"}]``, allies by id, each with the relationships in force
  that make it one, by id.
* ``sanctions``: ``"imposer"``, ``"target"``, ``"as_of"``, ``"state"`` (``imposed``,
  ``lifted``, ``not_imposed`` or ``unknown``), ``"measures"``: the relationships the
  state rests on, by id.
* ``timeline``: ``"a"``, ``"b"``, ``"from"``, ``"to"`` (``null`` when open), ``"events"``,
  by date then id.
* ``resolve``: ``"name"`` (as given), ``"actor"``.
* ``show``: ``"record_type"``, ``"record"``, ``"counts"``: for an actor
  ``{"relationships", "events"}`` it takes part in, for a source ``{"citations"}``
  quoting it, otherwise ``{}``.
* ``sources``: ``"horizon"`` (the latest publication date), ``"sources"``, by
  publication date then id.
* ``validate``: ``"path"``, ``"valid"``, ``"problems"`` (one line each, all of them),
  ``"records"`` (a count per collection, or ``null`` when invalid).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

# geoalign.views.export is imported where it is used: the explained answers' text
# (geoalign.cli.texts) needs this module's helpers, not the record views.
from geoalign.model.answers import SanctionState, SanctionStatus
from geoalign.model.dates import PartialDate
from geoalign.model.kinds import RelationshipKind
from geoalign.model.records import (
    COLLECTIONS,
    Actor,
    Event,
    Record,
    RecordLookup,
    Relationship,
    Source,
)
from geoalign.views.terminal import escaped, table, wrapped

__all__ = [
    "Output",
    "allies",
    "answer",
    "citations_text",
    "name_of",
    "one_line",
    "period",
    "resolved",
    "sanctions",
    "show",
    "sources",
    "table",
    "timeline",
    "validation",
]


class Output(NamedTuple):
    """An answer, twice: as a JSON document and as text for people.

    ``missing`` is a one-line note when there is no answer: nothing found, a state the
    data does not know, or invalid data (the command line prints it on stderr and exits
    with 1).  ``rows`` names the lists of the document whose items are the answer's rows
    in JSON Lines and CSV; with none, the document is the one row.

    A named tuple rather than an attrs class: it is made once per run, and defining an
    attrs class costs a cold start some milliseconds.

    >>> Output({"schema_version": 1}, "", missing="no allies of X").missing
    'no allies of X'
    """

    document: dict[str, Any]
    text: str
    missing: str | None = None
    rows: tuple[str, ...] = ()


Text = Callable[[dict[str, Any]], tuple[str, str | None]]
"""Builds an answer's text and its ``missing`` note from its (escaped) JSON document."""


def answer(command: str, text: Text, rows: tuple[str, ...] = (), /, **fields: Any) -> Output:
    """An :class:`Output`: the document ``{"schema_version", "command", **fields}``, and
    the text ``text`` draws from it once every text in it is escaped."""
    from geoalign.views.export import SCHEMA_VERSION

    document = {"schema_version": SCHEMA_VERSION, "command": command, **fields}
    return Output(document, *text(escaped(document)), rows=rows)


# -- text --------------------------------------------------------------------------------


def name_of(ref: dict[str, Any] | None) -> str:
    """An actor reference as ``Name (id)``; ``-`` for none."""
    return "-" if ref is None else f"{ref['name']} ({ref['id']})"


def one_line(text: str) -> str:
    """``text`` with every run of white space as one space."""
    return " ".join(text.split())


def citations_text(citations: list[dict[str, Any]], indent: str) -> str:
    """Numbered quotes, each followed by its source, wrapped to the layout's width."""
    return "".join(
        wrapped(f'[{n}] "{c["quote"]}"', indent, indent + "    ")
        + wrapped(
            f"{c['title']}. {c['publisher']}, {c['published']} [{c['source']}]",
            indent + "    ",
            indent + "    ",
        )
        for n, c in enumerate(citations, start=1)
    )


def period(record: dict[str, Any]) -> str:
    """A tie's dates in words: ``from 2015-09 to 2024-12-08``, ``undated``..."""
    parts = [f"from {record['start']}"] if record["start"] else []
    if record["end"]:
        parts.append(f"{'to' if parts else 'until'} {record['end']}")
    elif record.get("ended_by"):
        parts.append(f"ended (says {record['ended_by']})")
    return " ".join(parts) or "undated"


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return name_of(value)
    if isinstance(value, list):
        return ", ".join(_value_text(item) for item in value)
    return one_line(str(value))


def _record_text(record: dict[str, Any], heading: str, counts: dict[str, int]) -> str:
    shown = {
        key: value
        for key, value in record.items()
        if key not in ("id", "type", "citations", "roles") and value not in (None, [])
    }
    for n, role in enumerate(record.get("roles", []), start=1):
        where = f" of {name_of(role['actor'])}" if role["actor"] else ""
        shown[f"role {n}"] = f"{one_line(role['title'])}{where}, {period(role)}"
    shown.update({f"{key} (count)": value for key, value in counts.items()})
    width = max(map(len, shown), default=0)
    text = heading + "".join(
        wrapped(_value_text(v), f"  {k.ljust(width)}  ", " " * (width + 4))
        for k, v in shown.items()
    )
    if record.get("citations"):
        text += "  citations\n" + citations_text(record["citations"], "    ")
    return text


# -- answers -----------------------------------------------------------------------------


def allies(
    dataset: RecordLookup,
    actor: Actor,
    as_of: PartialDate,
    kinds: Sequence[RelationshipKind],
    found: Sequence[Actor],
    ties: Sequence[Relationship],
) -> Output:
    """The ``allies`` answer: each ally with the relationships that make it one.

    ``ties`` are the actor's relationships of ``kinds`` in force at ``as_of``.

    >>> import geoalign
    >>> ds = geoalign.load()
    >>> kinds = [k for k in geoalign.RelationshipKind if k.alignment]
    >>> out = allies(ds, ds.resolve("SYR"), geoalign.PartialDate(1900), kinds, (), ())
    >>> out.missing, out.document["allies"]
    ('no allies of Syria (SYR) as of 1900', [])
    """
    from geoalign.views.export import actor_ref, date_json, record_json

    entries = [
        {
            "actor": actor_ref(ally),
            "relationships": [record_json(t, dataset) for t in ties if ally.id in (t.a, t.b)],
        }
        for ally in found
    ]
    return answer(
        "allies",
        _allies_text,
        actor=actor_ref(actor),
        as_of=date_json(as_of),
        kinds=[kind.value for kind in kinds],
        allies=entries,
    )


def _allies_text(document: dict[str, Any]) -> tuple[str, str | None]:
    who = f"{name_of(document['actor'])} as of {document['as_of']['date']}"
    if not document["allies"]:
        return "", f"no allies of {who}"
    rows = []
    for entry in document["allies"]:
        ally = entry["actor"]
        for n, tie in enumerate(entry["relationships"]):
            first = [ally["id"], ally["name"], ally["type"]] if n == 0 else ["", "", ""]
            rows.append([*first, tie["kind"], tie["start"] or "?", tie["id"]])
    headers = ["ALLY", "NAME", "TYPE", "TIE", "SINCE", "RELATIONSHIP"]
    return f"Allies of {who}\n\n" + table(headers, rows), None


_STATES = {
    SanctionState.IMPOSED.value: "Sanctions by {0} on {1} (or on a body based there) are in force.",
    SanctionState.LIFTED.value: "{0} sanctioned {1}, but no measure is in force any more.",
    SanctionState.NOT_IMPOSED.value: "A source states that {0} has not sanctioned {1}.",
    SanctionState.UNKNOWN.value: "The dataset says nothing either way.",
}


def sanctions(dataset: RecordLookup, status: SanctionStatus) -> Output:
    """The ``sanctions`` answer: the state, and the measures with their citations.

    >>> import geoalign
    >>> ds = geoalign.load()
    >>> sanctions(ds, ds.sanction_status("Serbia", "Russia")).document["state"]
    'not_imposed'
    """
    from geoalign.views.export import actor_ref, date_json, record_json

    return answer(
        "sanctions",
        _sanctions_text,
        imposer=actor_ref(status.imposer),
        target=actor_ref(status.target),
        as_of=date_json(status.as_of),
        state=status.state.value,
        measures=[record_json(m, dataset) for m in status.measures],
    )


def _sanctions_text(document: dict[str, Any]) -> tuple[str, str | None]:
    who, whom = name_of(document["imposer"]), name_of(document["target"])
    state = document["state"]
    text = f"{who} -> {whom} as of {document['as_of']['date']}: {state}\n"
    text += _STATES[state].format(who, whom) + "\n"
    for measure in document["measures"]:
        text += (
            f"\n{measure['id']}  {measure['kind']}  {period(measure)}  {measure['confidence']}\n"
        )
        text += f"  {one_line(measure['summary'])}\n" + citations_text(measure["citations"], "  ")
    return text, None


def timeline(
    dataset: RecordLookup,
    a: Actor,
    b: Actor,
    start: PartialDate | None,
    end: PartialDate | None,
    events: Sequence[Event],
) -> Output:
    """The ``timeline`` answer: the events of a pair in a window, by date then id.

    >>> import geoalign
    >>> ds = geoalign.load()
    >>> timeline(ds, ds.resolve("RUS"), ds.resolve("SYR"), None, None, ()).missing
    'no events between Russia (RUS) and Syria (SYR) from the start to the end'
    """
    from geoalign.views.export import actor_ref, date_json, record_json

    return answer(
        "timeline",
        _timeline_text,
        a=actor_ref(a),
        b=actor_ref(b),
        **{"from": date_json(start), "to": date_json(end)},
        events=[record_json(event, dataset) for event in events],
    )


def _timeline_text(document: dict[str, Any]) -> tuple[str, str | None]:
    start, end = (document[key]["date"] if document[key] else None for key in ("from", "to"))
    window = f"from {start or 'the start'} to {end or 'the end'}"
    heading = f"events between {name_of(document['a'])} and {name_of(document['b'])} {window}"
    if not document["events"]:
        return "", f"no {heading}"
    rows = [
        [e["date"], e["kind"], e["confidence"], e["id"], one_line(e["summary"])]
        for e in document["events"]
    ]
    body = table(["DATE", "KIND", "CONFIDENCE", "ID", "SUMMARY"], rows)
    return f"{heading[0].upper()}{heading[1:]}\n\n{body}", None


def resolved(dataset: RecordLookup, name: str, actor: Actor) -> Output:
    """The ``resolve`` answer: the one actor a name stands for.

    >>> import geoalign
    >>> ds = geoalign.load()
    >>> print(resolved(ds, "the Kremlin", ds.resolve("the Kremlin")).text, end="")
    ID   TYPE     NAME
    RUS  country  Russia
    """
    from geoalign.views.export import record_json

    return answer("resolve", _resolved_text, name=name, actor=record_json(actor, dataset))


def _resolved_text(document: dict[str, Any]) -> tuple[str, str | None]:
    actor = document["actor"]
    return table(["ID", "TYPE", "NAME"], [[actor["id"], actor["type"], actor["name"]]]), None


def show(dataset: RecordLookup, record: Record) -> Output:
    """The ``show`` answer: one record, its citations, and how often it is referred to.

    >>> import geoalign
    >>> ds = geoalign.load()
    >>> show(ds, ds.get("RUS")).document["counts"]["relationships"] > 0
    True
    """
    from geoalign.views.export import record_json, record_type

    counts: dict[str, int] = {}
    if isinstance(record, Source):
        cited = [r.citations for r in dataset.relationships] + [e.citations for e in dataset.events]
        counts["citations"] = sum(c.source == record.id for group in cited for c in group)
    elif not isinstance(record, Relationship | Event):
        counts["relationships"] = sum(record.id in (r.a, r.b) for r in dataset.relationships)
        counts["events"] = sum(record.id in e.actors for e in dataset.events)
    return answer(
        "show",
        _show_text,
        record_type=record_type(record),
        record=record_json(record, dataset),
        counts=counts,
    )


def _show_text(document: dict[str, Any]) -> tuple[str, str | None]:

    heading = f"{document['record_type']} {document['record']['id']}\n"
    return _record_text(document["record"], heading, document["counts"]), None


def sources(dataset: RecordLookup) -> Output:
    """The ``sources`` answer: every source, by publication date then id.

    >>> import geoalign
    >>> sources(geoalign.load()).document["horizon"] == str(geoalign.load().horizon)
    True
    """
    from geoalign.views.export import record_json

    ordered = sorted(
        dataset.sources, key=lambda s: (s.published.earliest, s.published.latest, s.id)
    )
    return answer(
        "sources",
        _sources_text,
        ("sources",),
        horizon=None if dataset.horizon is None else str(dataset.horizon),
        sources=[record_json(source, dataset) for source in ordered],
    )


def _sources_text(document: dict[str, Any]) -> tuple[str, str | None]:
    rows = [[s["id"], s["published"], s["publisher"], s["title"]] for s in document["sources"]]
    body = table(["ID", "PUBLISHED", "PUBLISHER", "TITLE"], rows)
    return body, None if rows else "the dataset has no sources"


def validation(path: str, problems: Sequence[object], dataset: RecordLookup | None) -> Output:
    """The ``validate`` answer: every problem found, or the counts of a valid dataset.

    ``problems`` are shown as their ``str()``, one line each.

    >>> out = validation("mine.yaml", ["mine.yaml: the file is empty"], None)
    >>> out.text, out.missing
    ('mine.yaml: the file is empty\\n', '1 problem found in mine.yaml')
    """
    counts = None if dataset is None else {n: len(getattr(dataset, n)) for n in COLLECTIONS}
    return answer(
        "validate",
        _validation_text,
        path=path,
        valid=not problems,
        problems=[str(problem) for problem in problems],
        records=counts,
    )


def _validation_text(document: dict[str, Any]) -> tuple[str, str | None]:
    path, problems = document["path"], document["problems"]
    if problems:
        plural = "problem" if len(problems) == 1 else "problems"
        return "".join(f"{p}\n" for p in problems), f"{len(problems)} {plural} found in {path}"
    summary = ", ".join(f"{name}: {n}" for name, n in (document["records"] or {}).items())
    return f"{path}: valid ({summary})\n", None
