"""Merging a dataset's ``aliases`` entries into its actors, at load time.

An entry (:class:`~geoalign.formats.aliases.AliasEntry`) adds names to an actor defined
elsewhere, bundled or in the user's own files, without copying its record: the loader
gives the actor a record with the names appended to its ``aliases``, so every store and
the compiled store see an ordinary actor.  The rules:

* the actor must be an actor of the merged dataset (``unknown-actor``);
* an entry gives at least one name (``no-names``), each one line of text (the text rules);
* a name another actor already has (id, name, alias or metonym, compared as
  :func:`geoalign.resolve` compares names: :func:`geoalign.model.names.fold`) is refused
  (``alias-taken``): it would make the name ambiguous;
* a name the actor already has is left as it is: adding it again is harmless, so an
  entry can be loaded twice, or over a bundled release that has since added the name.
"""

from __future__ import annotations

import typing
from typing import NamedTuple

import attrs

from geoalign.errors import Problem
from geoalign.formats.aliases import AliasEntry
from geoalign.formats.convert import CONVERTER, field_problems
from geoalign.formats.reading import RawRecord
from geoalign.loading.problems import Collector, item_problem
from geoalign.loading.validation import Located
from geoalign.model.names import fold
from geoalign.model.records import ACTOR_COLLECTIONS, Actor

__all__ = ["Aliases", "apply_aliases", "structure_aliases"]

_KIND = "alias"  # how a problem names an entry: "data.yaml: alias #2, field 'actor': ..."


class Aliases(NamedTuple):
    """An alias entry with the place it was read from."""

    entry: AliasEntry
    file: str
    line: int | None
    position: int

    def problem(self, field: str, code: str, message: str) -> Problem:
        """A problem with this entry's ``field``."""
        return _problem(self.file, self.line, self.position, field, code, message)


def _problem(
    file: str, line: int | None, position: int, field: str, code: str, message: str
) -> Problem:
    return item_problem(file, line, _KIND, None, position, field, code, message)


def structure_aliases(raw: RawRecord, problems: Collector) -> Aliases | None:
    """The entry read as ``raw``, or ``None`` with its problems gathered."""
    where = (raw.file, raw.line, raw.position)
    if not isinstance(raw.data, dict):
        problems.add([_problem(*where, "", "not-a-record", "expected a mapping of fields")])
        return None
    try:
        entry = CONVERTER.structure(raw.data, AliasEntry)
    except Exception as exc:  # cattrs reports through exception groups of many types
        problems.add(_problem(*where, *found) for found in field_problems(exc))
        return None
    if not entry.names:
        problems.add([_problem(*where, "names", "no-names", "give at least one name")])
        return None
    return Aliases(entry, *where)


def apply_aliases(entries: list[Aliases], merged: list[Located], problems: Collector) -> None:
    """Append each entry's names to its actor's aliases, in ``merged``, in place."""
    if not entries:
        return
    at = {item.record_id: index for index, item in enumerate(merged)}
    owners: dict[str, set[str]] = {}  # each name in use, by key, and whose it is
    for item in merged:
        if item.record is not None and item.collection in ACTOR_COLLECTIONS:
            actor = typing.cast(Actor, item.record)
            # A metonym too: resolve prefers an alias to another actor's metonym, so an
            # alias "Moscow" on Serbia would silently take the name from Russia.
            for name in (actor.id, actor.name, *actor.aliases, *actor.metonyms):
                owners.setdefault(fold(name), set()).add(actor.id)
    for found in entries:
        actor_id = found.entry.actor
        index = at.get(actor_id)
        if index is None or merged[index].collection not in ACTOR_COLLECTIONS:
            message = f"{actor_id!r}: no country, organization or person has this id"
            problems.add([found.problem("actor", "unknown-actor", message)])
            continue
        added = []
        for number, name in enumerate(found.entry.names):
            taken = owners.setdefault(fold(name), set())
            if actor_id in taken:
                continue  # already one of its names
            if taken:
                message = f"{name!r} is already a name of {', '.join(sorted(taken))}"
                problems.add([found.problem(f"names[{number}]", "alias-taken", message)])
                continue
            taken.add(actor_id)
            added.append(name)
        record = typing.cast(Actor | None, merged[index].record)  # an actor collection's
        if added and record is not None:
            aliases = (*record.aliases, *added)
            merged[index] = merged[index]._replace(record=attrs.evolve(record, aliases=aliases))
