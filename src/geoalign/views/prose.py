"""Pieces of the text for people: names, a tie's dates in words, quotes, a record's fields.

Each takes the JSON form of a record (``geoalign.views.export`` or an answer's
``to_dict()``), already escaped (:func:`geoalign.views.terminal.escaped`), and fits
what it writes to the layout's width (:mod:`geoalign.views.layout`).
"""

from __future__ import annotations

from typing import Any

from geoalign.views.layout import wrapped

__all__ = ["citations_text", "name_of", "one_line", "period", "record_text"]


def name_of(ref: dict[str, Any] | None) -> str:
    """An actor reference as ``Name (id)``; ``-`` for none.

    >>> name_of({"id": "RUS", "name": "Russia"}), name_of(None)
    ('Russia (RUS)', '-')
    """
    return "-" if ref is None else f"{ref['name']} ({ref['id']})"


def one_line(text: str) -> str:
    """``text`` with every run of white space as one space.

    >>> one_line("Russia  was\\n Assad's ally")
    "Russia was Assad's ally"
    """
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
    """A tie's dates in words: ``from 2015-09 to 2024-12-08``, ``undated``...

    >>> period({"start": "2015-09", "end": None, "ended_by": "s2"})
    'from 2015-09 ended (says s2)'
    >>> period({"start": None, "end": None})
    'undated'
    """
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


def record_text(record: dict[str, Any], heading: str, counts: dict[str, int]) -> str:
    """A record under ``heading``: a ``field  value`` line per field that has a value
    (roles and ``counts`` too), then its numbered citations."""
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
