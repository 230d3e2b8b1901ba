"""The lower bound of loading: orjson parsing plus a hand-written structuring loop.

It builds the same model objects as :func:`geoalign.load`, but validates nothing; the
benchmark compares geoalign's JSON Lines load against it.  It treats the cyclic garbage
collector as ``geoalign.load`` did at commit ea846e1 (off while loading, its previous
state restored after), so that neither pays collector passes the other skips; the
benchmark's timers include the collection both leave pending.
"""

from __future__ import annotations

import enum
import gc
from pathlib import Path
from typing import Any

import geoalign
from geoalign import Event, Relationship, RelationshipKind

__all__ = ["load_jsonl_by_hand"]


def load_jsonl_by_hand(path: str | Path) -> dict[str, list[Any]]:
    """Parse a JSON Lines dataset and build the model objects directly, unvalidated.

    This is the least any loader into these classes must do: one parse per line, one
    constructor call per object, dates and enum members looked up in dicts.

    >>> import tempfile
    >>> from synthetic import generate, write_jsonl
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     records = load_jsonl_by_hand(write_jsonl(generate(30), tmp))
    >>> len(records["event"]), type(records["event"][0]).__name__
    (30, 'Event')
    """
    try:
        from orjson import loads
    except ImportError:  # pragma: no cover - orjson is a benchmark extra
        from json import loads
    dates: dict[str, geoalign.PartialDate] = {}

    def date(text: str) -> geoalign.PartialDate:
        found = dates.get(text)
        if found is None:
            found = dates[text] = geoalign.PartialDate.parse(text)
        return found

    def members(kind: type[enum.Enum]) -> Any:
        return {member.value: member for member in kind}.__getitem__

    def citations(items: list[dict[str, str]]) -> tuple[geoalign.Citation, ...]:
        return tuple(geoalign.Citation(source=c["source"], quote=c["quote"]) for c in items)

    def roles(items: list[dict[str, Any]]) -> tuple[geoalign.Role, ...]:
        return tuple(
            geoalign.Role(**_convert(role, {"start": date, "end": date})) for role in items
        )

    confidence = members(geoalign.Confidence)
    names = {"aliases": tuple, "metonyms": tuple}
    # Per record type: its class, and the fields that need converting from JSON values.
    builders: dict[str, tuple[type, dict[str, Any]]] = {
        "source": (geoalign.Source, {"published": date}),
        "country": (geoalign.Country, names),
        "organization": (
            geoalign.Organization,
            {**names, "kind": members(geoalign.OrganizationKind)},
        ),
        "person": (geoalign.Person, {**names, "roles": roles}),
        "relationship": (
            Relationship,
            {
                "kind": members(RelationshipKind),
                "confidence": confidence,
                "citations": citations,
                "start": date,
                "end": date,
            },
        ),
    }
    event_kind = members(geoalign.EventKind)

    def event(d: dict[str, Any]) -> Event:
        # Events are nearly all the records: built field by field, the fastest way.
        return Event(
            id=d["id"],
            date=date(d["date"]),
            kind=event_kind(d["kind"]),
            actors=tuple(d["actors"]),
            confidence=confidence(d["confidence"]),
            summary=d["summary"],
            citations=citations(d["citations"]),
            location=d.get("location"),
        )

    records: dict[str, list[Any]] = {kind: [] for kind in (*builders, "event")}
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as file:
            for line in file:
                data = loads(line)
                kind = data.pop("type")
                if kind == "event":
                    records[kind].append(event(data))
                else:
                    cls, fields = builders[kind]
                    records[kind].append(cls(**_convert(data, fields)))
    finally:
        if collecting:
            gc.enable()
    return records


def _convert(data: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    for name, convert in fields.items():
        if name in data:
            data[name] = convert(data[name])
    return data
