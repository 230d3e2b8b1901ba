"""Text that is safe to show on a terminal: the one place dataset text is escaped for output.

A dataset is someone else's text.  Printed raw, a name holding ``ESC ] 0 ; ... BEL``
would retitle the terminal, a carriage return or a newline would forge a line of output,
and a lone surrogate would stop the printing with an encoding error.  So every character
of these kinds is shown as a visible escape, in Python's notation:

* C0 controls, DEL and C1 controls (``\\x1b``, ``\\x07``, ``\\n``, ``\\r``, ``\\t``,
  ``\\x85``...);
* lone surrogates (``\\ud800``), which are not characters and cannot be encoded;
* the line and paragraph separators ``\\u2028`` and ``\\u2029``;
* the bidirectional embeddings, overrides and isolates (``\\u202a``-``\\u202e``,
  ``\\u2066``-``\\u2069``), which reorder how the rest of a line is displayed.

Everything else, letters of any script included, is shown as it is.  A backslash is not
doubled, so escaping twice changes nothing.  :func:`printable` escapes one value,
:func:`escaped` every text in a JSON-ready document, :func:`json_escapes` the same
characters as JSON ``\\u`` escapes.  A user's value echoed in a message is cut by
:func:`geoalign.errors.clipped`, re-exported here with :data:`~geoalign.errors.ECHO`
(:func:`echoes_clipped` finds the echoes in a message made elsewhere), so that a pasted
page never becomes the message.  How text is laid out on a terminal (width, colour)
is :mod:`geoalign.views.layout`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from geoalign.errors import ECHO, clipped

__all__ = ["ECHO", "clipped", "echoes_clipped", "escaped", "json_escapes", "printable", "unsafe"]

# Beyond the C0 controls, which json.dumps escapes itself: DEL and C1, surrogates, the
# line and paragraph separators, and the bidirectional embeddings, overrides and isolates.
_BEYOND_C0 = "\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"


@functools.cache
def unsafe() -> re.Pattern[str]:
    """The characters no output shows raw, as a pattern.

    Compiled on first use (about a millisecond, for the surrogates' range): most text is
    :meth:`str.isprintable`, which none of these characters is, and needs no pattern.

    >>> unsafe().findall("a\\x1bb\\u202ec")
    ['\\x1b', '\\u202e']
    """
    return re.compile(f"[\x00-\x1f{_BEYOND_C0}]")


@functools.cache
def _unsafe_in_json() -> re.Pattern[str]:
    return re.compile(f"[{_BEYOND_C0}]")


def printable(text: str) -> str:
    """``text`` with every :func:`unsafe` character as a visible escape; one line, always.

    >>> print(printable("Free\\x1b]0;owned\\x07donia\\r\\nline 2"))
    Free\\x1b]0;owned\\x07donia\\r\\nline 2
    >>> printable("Vučić, Türkiye") == "Vučić, Türkiye"
    True
    """
    if text.isprintable():  # no control, surrogate, separator or bidi format character
        return text
    return unsafe().sub(_python_escape, text)


def echoes_clipped(message: str, values: Iterable[str]) -> str:
    """``message`` with each of ``values`` it echoes (as typed, escaped, or inside a
    ``repr``) :func:`clipped`: for messages made where the values' length was not known.

    >>> message = f"no such file: {'a' * 100_000!r}"
    >>> echoes_clipped(message, ["a" * 100_000, "b"]) == f"no such file: {clipped('a' * 100_000)!r}"
    True
    """
    for value in sorted(set(values), key=len, reverse=True):  # an echo may hold a shorter one
        short = clipped(value)
        if short == value:
            continue
        for form in dict.fromkeys((value, printable(value), repr(value)[1:-1])):
            message = message.replace(form, short)
    return message


def escaped(value: Any) -> Any:
    """A copy of a JSON-ready value with :func:`printable` applied to every text in it.

    >>> escaped({"name": "a\\nb", "aliases": ["c\\x1bd"], "n": 1})
    {'name': 'a\\\\nb', 'aliases': ['c\\\\x1bd'], 'n': 1}
    """
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(key): escaped(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [escaped(item) for item in value]
    return value


def json_escapes(text: str) -> str:
    """JSON text from :func:`json.dumps` with every :func:`unsafe` character escaped.

    :func:`json.dumps` escapes C0 controls inside strings already (a raw newline in its
    output is layout), so the rest of :func:`unsafe` becomes ``\\uXXXX``: inside a string
    literal the escape stands for the same character, so the document reads back
    unchanged, but it prints nothing a terminal acts on.

    >>> print(json_escapes('"Fre\\ud800do\\x85nia"'))
    "Fre\\ud800do\\u0085nia"
    """
    return _unsafe_in_json().sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def _python_escape(found: re.Match[str]) -> str:
    return found[0].encode("unicode_escape").decode("ascii")
