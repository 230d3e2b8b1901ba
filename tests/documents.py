"""The source documents of the bundled dataset, for tests that check quotes against them.

They are read from the directory named by ``GEOALIGN_SOURCES`` (CI sets it to
``../shared/seeds``).  Unset, the checks skip with a reason; set to a directory that
does not exist, they fail, so CI can never pass without looking at the documents.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def documents_dir() -> Path:
    """The directory of source documents, or a skip when none is configured."""
    value = os.environ.get("GEOALIGN_SOURCES")
    if not value:
        pytest.skip(
            "GEOALIGN_SOURCES is not set: point it at the directory of source documents "
            "(e.g. GEOALIGN_SOURCES=../shared/seeds) to check quotes against them"
        )
    path = Path(value)
    if not path.is_absolute() and not path.is_dir():
        # Relative to the repository, whatever directory pytest was started from.
        path = Path(__file__).resolve().parent.parent / value
    assert path.is_dir(), f"GEOALIGN_SOURCES={value!r} is not a directory"
    return path


def normalise(text: str) -> str:
    """Typographic quotes to plain ones and runs of white space to one space."""
    return " ".join(text.translate(_TYPOGRAPHIC).split())
