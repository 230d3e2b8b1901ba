"""Datasets as known on a day, built once per day and kept a few at a time.

A query with ``as_known_on`` is answered by the dataset restricted to the sources
published by then (:func:`geoalign.rules.knowledge.known_on`), indexed like any other:
so the rules of time stay in one place.  Building one costs as much as loading; the last
few are kept, per dataset, under a lock since threads share datasets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["KEPT", "KnownOn"]

KEPT = 4
"""How many datasets as known on a day each dataset keeps."""

_D = TypeVar("_D")


class KnownOn(Generic[_D]):
    """A bounded cache of the datasets as known on days, keyed by day ordinal.

    >>> cache = KnownOn[str]()
    >>> [cache.get(day, lambda day=day: f"as of {day}") for day in range(6)][-1]
    'as of 5'
    >>> len(cache._kept)
    4
    """

    def __init__(self) -> None:
        self._kept: dict[int, _D] = {}
        self._lock = threading.Lock()

    def get(self, day: int, build: Callable[[], _D]) -> _D:
        """The dataset as known on ``day``, built by ``build`` unless kept."""
        found = self._kept.get(day)
        if found is None:
            found = build()
            with self._lock:
                while len(self._kept) >= KEPT:
                    del self._kept[next(iter(self._kept))]
                self._kept[day] = found
        return found
