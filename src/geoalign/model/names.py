"""The form names are compared in: case, accents, apostrophes, dots, hyphens and a
leading "the" folded away (see :mod:`geoalign.store.names` for the name table).

It lives on the model floor so that loading can say a name is taken exactly when
:func:`geoalign.resolve` would find two actors under it.
"""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["fold"]

_PUNCTUATION = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", ".": "", "-": " ", "_": " "})

_CACHED_LENGTH = 200
"""Names up to this long have their folded form cached: 4,096 of them, so a few MB at most."""


def fold(name: str) -> str:
    """The form names are compared in.

    >>> fold("  The Kremlin"), fold("Türkiye"), fold("U.S."), fold("Bashar al-Assad")
    ('kremlin', 'turkiye', 'us', 'bashar al assad')
    """
    if len(name) > _CACHED_LENGTH:  # a cache keyed by user input stays bounded in bytes
        return _fold(name)
    return _fold_cached(name)


def _fold(name: str) -> str:
    plain = name.translate(_PUNCTUATION)
    if not plain.isascii():  # most names are ASCII, and have no accents to drop
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = plain.casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


_fold_cached = functools.lru_cache(maxsize=4096)(_fold)
