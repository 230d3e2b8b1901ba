"""The ``aliases`` collection of a dataset file: names added to actors defined elsewhere.

A user's dataset may give an actor (bundled, or its own) more names without copying its
record::

    aliases:
      - {actor: RUS, names: [Rossiya]}

In JSON Lines, one entry a line: ``{"type": "alias", "actor": "RUS", "names": ["Rossiya"]}``.
The loader merges the names into the actor's ``aliases`` (:mod:`geoalign.loading.aliases`).
"""

from __future__ import annotations

import attrs

from geoalign.model.records import ACTOR_COLLECTIONS, refers_to

__all__ = ["ALIASES", "ALIAS_TYPE", "AliasEntry"]

ALIASES = "aliases"
"""The collection's name in a dataset file."""

ALIAS_TYPE = "alias"
"""An entry's ``type`` in JSON Lines."""


@attrs.frozen(kw_only=True)
class AliasEntry:
    """Names to add to the actor ``actor`` (an id) as strong names, like its own aliases.

    >>> AliasEntry(actor="RUS", names=("Rossiya",)).names
    ('Rossiya',)
    """

    actor: str = attrs.field(metadata=refers_to(*ACTOR_COLLECTIONS))
    names: tuple[str, ...]
