"""The text for people of the queries' answers, drawn from their JSON form alone.

Each function takes an answer's ``to_dict()`` (see :mod:`geoalign.model.explained` and
:mod:`geoalign.model.browsed`),
every text in it already escaped (:func:`geoalign.views.terminal.escaped`), and returns
the text and, when there is no answer, the one-line note the command prints on stderr
(it then exits with 1).  Every table names the kind asked for: "allies" only when every
kind asked for is an alignment kind.  Under each table come the quotes behind its rows.
Every line fits the layout's width (:mod:`geoalign.views.layout`).
"""

from __future__ import annotations

from typing import Any

from geoalign.model.kinds import RelationshipKind
from geoalign.views.layout import heading, paint, table, wrapped
from geoalign.views.prose import name_of, period
from geoalign.views.terminal import clipped

__all__ = [
    "actors_text",
    "allies_text",
    "changes_text",
    "measures_text",
    "relationships_text",
    "sanctions_text",
    "timeline_text",
    "why_text",
]

Doc = dict[str, Any]
Said = tuple[str, str | None]


def _when(doc: Doc) -> str:
    said = f" as of {doc['as_of']}" if doc.get("as_of") else ""
    if doc.get("as_known_on"):
        said += f", as known on {doc['as_known_on']}"
    if doc.get("certainty") == "possible":
        said += " (definite and possible)"
    return said


def _ties_named(kinds: list[str], allies: str) -> str:
    """``allies`` when every kind asked for is an alignment kind, else the kinds named."""
    if kinds and all(RelationshipKind(kind).alignment for kind in kinds):
        return f"{allies} of"
    return f"ties of kind {' or '.join(kinds)} with"


def quotes_text(records: list[Doc]) -> str:
    """The quotes of each record (a tie or an event), under its id; '' when none."""
    text = ""
    for record in records:
        said = wrapped(f"{record['id']}: {record['summary']}", "", "  ")
        head = f"{record['id']}:"  # coloured only where wrapping kept it whole
        text += paint(head, "cyan") + said[len(head) :] if said.startswith(head) else said
        for quote in record.get("quotes", []):
            source = quote["source"]
            text += wrapped(f'"{quote["quote"]}"', "  ", "   ")
            claim = f", claimed by {quote['claimed_by']}" if quote.get("claimed_by") else ""
            said = f"{source['publisher']}, {source['published']} [{source['id']}]"
            text += wrapped(
                f"{source['title']}. {said}; {quote['confidence']}{claim}", "    ", "    "
            )
    return "\n" + heading("quotes") + text if text else ""


def _other(tie: Doc, me: str) -> str:
    """The other side of a tie, with an arrow for a directed kind: ``-> SYR``, ``<- USA``."""
    if me not in (tie["a"], tie["b"]):  # a measure on a body based in the actor
        return f"{tie['a']} -> {tie['b']}"
    other = str(tie["b"] if tie["a"] == me else tie["a"])
    if not RelationshipKind(tie["kind"]).directed:
        return other
    return f"-> {other}" if tie["a"] == me else f"<- {other}"


def _unique(records: list[Doc]) -> list[Doc]:
    seen: dict[str, Doc] = {}
    for record in records:
        seen.setdefault(record["id"], record)
    return list(seen.values())


def allies_text(doc: Doc) -> Said:
    """``allies``: a row per tie, the ally's id and name on its first; then the quotes.

    With no ally, the ties of other kinds the data holds for the actor, when the
    document was given them as ``"instead"`` (a person's, see ``geoalign.cli.queries``).
    """
    title = f"{_ties_named(doc['kinds'], 'allies')} {name_of(doc['actor'])}{_when(doc)}"
    if not doc["allies"]:
        return _instead(doc, f"no {title}")
    rows, ties = [], []
    column = "ALLY" if title.startswith("allies") else "ACTOR"
    for ally in doc["allies"]:
        for n, tie in enumerate(ally["ties"]):
            first = [ally["actor"]["id"], ally["actor"]["name"]] if n == 0 else ["", ""]
            rows.append([*first, tie["kind"], tie["confidence"], tie["certainty"], tie["reason"]])
            ties.append(tie)
    headers = [column, "NAME", "TIE", "CONFIDENCE", "CERTAINTY", "BOUND"]
    body = table(headers, rows, wrap=(1, 5))
    return heading(title) + body + quotes_text(_unique(ties)), None


def _instead(doc: Doc, missing: str) -> Said:
    """No allies: the other ties of the actor the data holds, in a table with quotes."""
    instead = doc.get("instead") or []
    missing += _possibly(doc)
    if not instead:
        return "", missing
    kinds = doc["kinds"]
    if kinds == [kind.value for kind in RelationshipKind if kind.alignment]:
        named = "alignment ties"
    else:
        named = f"ties of kind {' or '.join(kinds)}"
    title = f"{name_of(doc['actor'])} has no {named}{_when(doc)}; the data holds"
    body = _ties_table(instead, doc["actor"]["id"])
    return heading(title) + body + quotes_text(instead), missing + _held(instead)


def _held(records: list[Doc]) -> str:
    """The end of a note of no answer naming the ties and events the data holds instead
    (:func:`~geoalign.model.explained_others.held_name`).

    >>> _held([{"id": "t", "kind": "asylum"}, {"id": "e", "kind": "sanctions", "date": "2025"}])
    '; the data holds: asylum t, sanctions event e'
    >>> _held([])
    ''
    """
    # Imported here: an answer with nothing missing never loads the other answers.
    from geoalign.model.explained_others import held_name

    named = [
        held_name(f"{r['kind']} event" if "date" in r else r["kind"], r["id"], r.get("certainty"))
        for r in records
    ]
    return f"; the data holds: {', '.join(named)}" if named else ""


def _possibly(doc: Doc) -> str:
    """The end of a note of no definite answer naming what is possibly so, when the
    document was given it as ``"possibly"`` (ids; see ``geoalign.cli.queries``).

    >>> _possibly({"possibly": ["SYR"]}), _possibly({})
    ('; possibly: SYR (--possible)', '')
    """
    from geoalign.model.explained_others import possibly_note  # as in _held

    found = doc.get("possibly")
    return f"; {possibly_note(found, '--possible')}" if found else ""


def _ties_table(ties: list[Doc], me: str) -> str:
    judged = any("certainty" in tie for tie in ties)
    rows = [
        [tie["id"], tie["kind"], _other(tie, me), period(tie), tie["confidence"]]
        + ([tie["certainty"], tie["reason"]] if judged else [])
        for tie in ties
    ]
    headers = ["RELATIONSHIP", "KIND", "WITH", "DATES", "CONFIDENCE"]
    return table(headers + ["CERTAINTY", "BOUND"] * judged, rows, wrap=(3, 6) if judged else (3,))


def relationships_text(doc: Doc) -> Said:
    """``relationships``: a row per tie, with its dates, and how surely when as of a date."""
    kinds = doc.get("kinds") or []
    every = len(kinds) == len(RelationshipKind)
    named = "ties of" if every else _ties_named(kinds, "alignment ties")
    title = f"{named} {name_of(doc['actor'])}{_when(doc)}"
    if not doc["ties"]:
        return "", f"no {title}{_possibly(doc)}"
    body = _ties_table(doc["ties"], doc["actor"]["id"])
    return heading(title) + body + quotes_text(doc["ties"]), None


def measures_text(doc: Doc) -> Said:
    """``sanctions --on`` and ``--by``: the measures and statements, then their quotes."""
    side = "on" if doc["answer"] == "sanctions_on" else "by"
    title = f"sanctions, designations and statements {side} {name_of(doc['actor'])}{_when(doc)}"
    if not doc["ties"]:
        return "", f"no {title}{_possibly(doc)}"
    body = _ties_table(doc["ties"], doc["actor"]["id"])
    return heading(title) + body + quotes_text(doc["ties"]), None


_STATES = {
    "imposed": "red",
    "lifted": "green",
    "not_imposed": "yellow",
    "unknown": "dim",
}


def sanctions_text(doc: Doc) -> Said:
    """``sanctions IMPOSER TARGET``: the state, its certainty, what the data holds, quotes.

    An ``unknown`` state is no answer: the text still says what the data holds, and so
    does the note (measures only possibly in force, other listings, events).
    """
    who, whom = name_of(doc["imposer"]), name_of(doc["target"])
    state = doc["state"]
    certainty = f" ({doc['certainty']})" if doc.get("certainty") else ""
    when = _when({**doc, "certainty": None})  # the state's certainty, not the question's
    said = wrapped(f"{who} -> {whom}{when}: {state}{certainty}", "", "  ")
    text = said.replace(f": {state}", f": {paint(state, _STATES[state])}", 1)
    if doc["summary"] != state.replace("_", " ") + certainty:  # it says more
        text += wrapped(doc["summary"], "", "  ")
    parts = [("measures", doc["measures"]), ("other listings", doc["listings"])]
    for name, ties in parts:
        if ties:
            text += "\n" + heading(name) + _ties_table(ties, doc["imposer"]["id"])
    if doc["events"]:
        text += "\n" + heading("events") + events_table(doc["events"])
    text += quotes_text([*doc["measures"], *doc["listings"], *doc["events"]])
    missing = f"the data does not say whether {who} has sanctioned {whom}"
    if doc.get("possibly"):
        missing = f"no sanction of {whom} by {who} definitely in force{_possibly(doc)}"
    held = _held([*doc["measures"], *doc["listings"], *doc["events"]])
    return text, missing + held if state == "unknown" else None


def events_table(events: list[Doc]) -> str:
    """Events in a table: each with its certainty and the bound that makes it so."""
    judged = any("reason" in e for e in events)
    rows = [
        [e["date"], e["kind"], e["id"], e["confidence"], e.get("certainty") or "", e["summary"]]
        + ([e.get("reason") or ""] if judged else [])
        for e in events
    ]
    headers = ["DATE", "KIND", "ID", "CONFIDENCE", "CERTAINTY", "SUMMARY"]
    return table(headers + ["BOUND"] * judged, rows, wrap=(5, 6) if judged else (5,))


def timeline_text(doc: Doc) -> Said:
    """``timeline`` and ``events``: the events in timeline order, then their quotes."""
    start, end = doc.get("start"), doc.get("end")
    window = f" from {start or 'the start'} to {end or 'the end'}"
    if "actor" in doc or doc["a"]["id"] == doc["b"]["id"]:  # events, or a timeline of one
        title = f"events of {name_of(doc.get('actor') or doc['a'])}"
    else:
        title = f"events between {name_of(doc['a'])} and {name_of(doc['b'])}"
    title += window + _when(doc)
    if doc.get("event_kinds"):
        title += f", of kind {' or '.join(doc['event_kinds'])}"
    if doc.get("where"):
        title += f", in places holding {clipped(doc['where'])!r}"
    if not doc["events"]:
        return "", f"no {title}{_possibly(doc)}"
    return heading(title) + events_table(doc["events"]) + quotes_text(doc["events"]), None


def why_text(doc: Doc) -> Said:
    """``why A B``: every tie between the two at any time, every event, with quotes."""
    a, b = name_of(doc["a"]), name_of(doc["b"])
    if not doc["ties"] and not doc["events"]:
        return "", f"nothing in the data links {a} and {b}"
    text = ""
    if doc["ties"]:
        text += heading(f"ties between {a} and {b}") + _ties_table(doc["ties"], doc["a"]["id"])
        text += "\n"
    if doc["events"]:
        text += heading(f"events between {a} and {b}") + events_table(doc["events"])
    return text + quotes_text([*doc["ties"], *doc["events"]]), None


def changes_text(doc: Doc) -> Said:
    """``diff``: the ties begun and ended between the two dates, the bounds that moved."""
    title = f"changes for {name_of(doc['actor'])} from {doc['since']} to {doc['until']}"
    if doc.get("as_known_on"):
        title += f", as known on {doc['as_known_on']}"
    changes = [*doc["began"], *doc["ended"]]
    if not changes:
        return "", f"no {title}"
    rows = [
        [
            c["change"],
            c["other"]["id"],
            c["other"]["name"],
            c["relation"],
            c["certainty"],
            c["tie"]["id"],
            "; ".join(dict.fromkeys(bound["reason"] for bound in c["bounds"])),
        ]
        for c in changes
    ]
    headers = ["CHANGE", "WITH", "NAME", "AS", "CERTAINTY", "RELATIONSHIP", "BOUND"]
    body = table(headers, rows, wrap=(2, 6))
    return heading(title) + body + quotes_text(_unique([c["tie"] for c in changes])), None


def actors_text(doc: Doc) -> Said:
    """``actors``: id, type, name and aliases."""
    if not doc["actors"]:
        return "", "no actors match"
    rows = [[a["id"], a["type"], a["name"], ", ".join(a["aliases"])] for a in doc["actors"]]
    return table(["ID", "TYPE", "NAME", "ALIASES"], rows, wrap=(2, 3)), None
