"""The name table behind :func:`geoalign.resolve`: exact, case- and accent-insensitive.

Names are compared after folding case and accents, unifying apostrophes, dropping dots
and a leading "the", and treating hyphens as spaces; "Türkiye", "turkiye" and
"TURKIYE" are one name, as are "U.S." and "US".  There is no fuzzy matching: a name that
is not in the table raises :class:`~geoalign.UnknownActorError` with the closest names as
suggestions, never a silent guess: the names closest in spelling, then the actors
with a name holding it as whole words ("Korea" suggests North Korea).
"""

from __future__ import annotations

from collections.abc import Iterable

from geoalign.errors import AmbiguousActorError, UnknownActorError
from geoalign.model.names import fold
from geoalign.model.records import Actor

__all__ = ["NameTable"]


_SUGGESTED = 5
"""At most this many suggestions for an unknown name: "al" is a word of many names."""


class NameTable:
    """Strong names (ids, names, aliases) and weak ones (metonyms), folded."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._strong: dict[str, list[Actor]] = {}
        self._weak: dict[str, list[Actor]] = {}
        self._labels: dict[str, tuple[str, str]] = {}
        self._names: dict[str, str] = {}
        for actor in actors:
            self._names[actor.id] = actor.name
            for name in (actor.id, actor.name, *actor.aliases):
                self._add(self._strong, name, actor)
            for name in actor.metonyms:
                self._add(self._weak, name, actor)
        self._longest = max(map(len, self._labels), default=0)

    def _add(self, table: dict[str, list[Actor]], name: str, actor: Actor) -> None:
        key = fold(name)
        found = table.setdefault(key, [])
        if actor not in found:
            found.append(actor)
        self._labels.setdefault(key, (actor.name if key == fold(actor.id) else name, actor.id))

    def resolve(self, name: str) -> Actor:
        """The one actor ``name`` names; strong names win over metonyms."""
        key = fold(name)
        matches = self._strong.get(key) or self._weak.get(key)
        if matches and len(matches) == 1:
            return matches[0]
        if matches:
            options = tuple((actor.name, actor.id) for actor in sorted(matches, key=_by_id))
            raise AmbiguousActorError(name, options)
        suggestions: list[tuple[str, str]] = []
        # difflib's ratio is at most 2 * shorter / (sum of lengths): under the 0.8 cutoff
        # for a name over 1.5 times the longest label, so such a name is not compared.
        close = self._close(key) if 2 * len(key) <= 3 * self._longest else []
        for label in [self._labels[candidate] for candidate in close] + self._holding(key):
            if all(label[1] != known[1] for known in suggestions):
                suggestions.append(label)
        raise UnknownActorError(name, tuple(suggestions[:_SUGGESTED]))

    def _close(self, key: str) -> list[str]:
        import difflib  # only an unknown name pays for importing it

        return difflib.get_close_matches(key, self._labels, n=3, cutoff=0.8)

    def _holding(self, key: str) -> list[tuple[str, str]]:
        """The actors with an id, name or alias holding ``key`` as whole words, as
        ``(name, id)``: those with the shortest such name first, then by name and id."""
        if not key or len(key) > self._longest:
            return []
        found: dict[str, tuple[int, str, str]] = {}
        for name, actors in self._strong.items():
            if f" {key} " in f" {name} ":
                for actor in actors:
                    rank = (len(name.split()), fold(actor.name), actor.id)
                    found[actor.id] = min(found.get(actor.id, rank), rank)
        return [(self._names[i], i) for _, _, i in sorted(found.values())]


def _by_id(actor: Actor) -> str:
    return actor.id
