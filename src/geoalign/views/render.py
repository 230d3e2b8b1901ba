"""What the command line prints for a lookup: a JSON document, and text for people.

The queries' answers (``allies``, ``sanctions``, ``timeline``...) are the explained
answers of :mod:`geoalign.model.explained`, printed by :mod:`geoalign.cli.texts`; the
lookups here are ``resolve``, ``show``, ``sources`` and ``validate``.

Every JSON document is ``{"schema_version": 1, "command": ..., ...}`` followed by the
fields below, in this order, built from the records of :mod:`geoalign.views.export` (whose
docstring gives the conventions: dates, enums, actor references, inline citations).

The text for people is drawn from the JSON document alone, after every text in it went
through :func:`geoalign.views.terminal.escaped`: no value from a dataset reaches a
terminal raw (``answer`` does it, for every answer).

* ``resolve``: ``"name"`` (as given), ``"actor"``.
* ``show``: ``"record_type"``, ``"record"``, ``"counts"``: for an actor
  ``{"relationships", "events"}`` it takes part in, for a source ``{"citations"}``
  quoting it, otherwise ``{}``.
* ``sources``: ``"horizon"`` (the latest publication date), ``"sources"``, by
  publication date then id.
* ``validate``: ``"path"``, ``"valid"``, ``"problems"`` (one line each, all of them),
  ``"records"`` (a count per collection, or ``null`` when invalid), ``"details"`` (each
  problem's fields, in the same order: :func:`problem_fields`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

# geoalign.views.export is imported where it is used: the explained answers' text
# (geoalign.cli.texts) needs this module's Output, not the record views.
from geoalign.errors import Problem
from geoalign.model.records import (
    COLLECTIONS,
    Actor,
    Event,
    Record,
    RecordLookup,
    Relationship,
    Source,
)
from geoalign.views.fields import field_names
from geoalign.views.layout import table, wrapped
from geoalign.views.prose import record_text
from geoalign.views.terminal import clipped, echoes_clipped, escaped

__all__ = ["Output", "answer", "problem_fields", "resolved", "show", "sources", "validation"]


class Output(NamedTuple):
    """An answer, twice: as a JSON document and as text for people.

    ``missing`` is a one-line note when there is no answer: nothing found, a state the
    data does not know, or invalid data (the command line prints it on stderr and exits
    with 1).  ``rows`` names the lists of the document whose items are the answer's rows
    in JSON Lines and CSV; with none, the document is the one row.  ``columns`` are the
    keys of a row, for the CSV header of an answer with no rows, where the answers' JSON
    Schema does not give them (``sources``, ``validate``).

    A named tuple rather than an attrs class: it is made once per run, and defining an
    attrs class costs a cold start some milliseconds.

    >>> Output({"schema_version": 1}, "", missing="no allies of X").missing
    'no allies of X'
    """

    document: dict[str, Any]
    text: str
    missing: str | None = None
    rows: tuple[str, ...] = ()
    columns: tuple[str, ...] | None = None


Text = Callable[[dict[str, Any]], tuple[str, str | None]]
"""Builds an answer's text and its ``missing`` note from its (escaped) JSON document."""


def answer(command: str, text: Text, rows: tuple[str, ...] = (), /, **fields: Any) -> Output:
    """An :class:`Output`: the document ``{"schema_version", "command", **fields}``, and
    the text ``text`` draws from it once every text in it is escaped."""
    from geoalign.views.export import SCHEMA_VERSION

    document = {"schema_version": SCHEMA_VERSION, "command": command, **fields}
    return Output(document, *text(escaped(document)), rows=rows)


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
    heading = wrapped(f"{document['record_type']} {document['record']['id']}", "", "  ")
    return record_text(document["record"], heading, document["counts"]), None


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
    output = answer(
        "sources",
        _sources_text,
        ("sources",),
        horizon=None if dataset.horizon is None else str(dataset.horizon),
        sources=[record_json(source, dataset) for source in ordered],
    )
    return output._replace(columns=field_names(Source))


def _sources_text(document: dict[str, Any]) -> tuple[str, str | None]:
    rows = [[s["id"], s["published"], s["publisher"], s["title"]] for s in document["sources"]]
    body = table(["ID", "PUBLISHED", "PUBLISHER", "TITLE"], rows)
    return body, None if rows else "the dataset has no sources"


def validation(
    path: str, problems: Sequence[Problem | str], dataset: RecordLookup | None
) -> Output:
    """The ``validate`` answer: every problem found, or the counts of a valid dataset.

    ``problems`` are shown as their ``str()``, one line each (wrapped when wider than
    the layout, the next lines indented), ``path`` cut where they echo it
    (:func:`~geoalign.views.terminal.echoes_clipped`); their fields, one object each,
    are the rows of JSON Lines and CSV (``"details"``: :func:`problem_fields`).

    >>> out = validation("mine.yaml", ["mine.yaml: the file is empty"], None)
    >>> out.text, out.missing
    ('mine.yaml: the file is empty\\n', '1 problem found in mine.yaml')
    >>> out.document["details"][0]["file"], out.document["details"][0]["code"]
    (None, 'error')
    """
    counts = None if dataset is None else {n: len(getattr(dataset, n)) for n in COLLECTIONS}
    found = [p if isinstance(p, Problem) else Problem(message=p) for p in problems]
    output = answer(
        "validate",
        _validation_text,
        ("details",),
        path=path,
        valid=not found,
        problems=[echoes_clipped(str(problem), [path]) for problem in found],
        records=counts,
        details=[problem_fields(problem) for problem in found],
    )
    return output._replace(columns=field_names(Problem))


def problem_fields(problem: Problem) -> dict[str, Any]:
    """Every field of a dataset's problem, in its class's order: the one place the
    ``validate`` rows (JSON Lines, CSV) take their keys from.

    >>> list(problem_fields(Problem(code="bad-date", message="no such day")))
    ['file', 'line', 'record', 'position', 'record_type', 'field', 'code', 'message']
    """
    return {name: getattr(problem, name) for name in field_names(Problem)}


def _validation_text(document: dict[str, Any]) -> tuple[str, str | None]:
    path, problems = clipped(document["path"]), document["problems"]
    if problems:
        plural = "problem" if len(problems) == 1 else "problems"
        text = "".join(wrapped(p, "", "  ") for p in problems)  # one line each, unless too wide
        return text, f"{len(problems)} {plural} found in {path}"
    summary = ", ".join(f"{name}: {n}" for name, n in (document["records"] or {}).items())
    return wrapped(f"{path}: valid ({summary})", "", "  "), None
