"""The checks of :func:`geoalign.load`'s own arguments: a path and two flags.

Light (it imports only the errors), so that ``load`` checks its arguments before it
looks at the path or imports the loader.
"""

from __future__ import annotations

import os

from geoalign.errors import ArgumentTypeError

__all__ = ["to_flag", "to_path_text"]


def to_path_text(path: object) -> str:
    """``path`` as text: a ``str`` or a path-like object naming one.

    Raises :class:`~geoalign.errors.ArgumentTypeError` (a :class:`TypeError`) for
    anything else, bytes included.

    >>> to_path_text(42)
    Traceback (most recent call last):
    ...
    geoalign.errors.ArgumentTypeError: path must be a str or a path-like object, got int 42
    """
    try:
        text = os.fspath(path)  # type: ignore[call-overload]
    except TypeError:
        text = None
    if not isinstance(text, str):
        kind = type(path).__name__
        raise ArgumentTypeError(f"path must be a str or a path-like object, got {kind} {path!r}")
    return text


def to_flag(value: object, parameter: str) -> bool:
    """``value`` if it is ``True`` or ``False``: text such as ``"no"`` would count as true.

    >>> to_flag("no", "override")
    Traceback (most recent call last):
    ...
    geoalign.errors.ArgumentTypeError: override must be True or False, got str 'no'
    """
    if type(value) is not bool:
        kind = type(value).__name__
        raise ArgumentTypeError(f"{parameter} must be True or False, got {kind} {value!r}")
    return value
