"""Text values: what one line of text may hold, and how a refused value is described.

Every text field of a record is one line of printable characters, neither empty nor
longer than :data:`LONGEST_TEXT`; YAML's unquoted scalars that YAML 1.1 would read as
another type come as :class:`Unquoted` text, so that a refusal can say "quote it".
"""

from __future__ import annotations

import re

__all__ = [
    "LONGEST_TEXT",
    "FieldError",
    "Unquoted",
    "describe",
    "quote_it",
    "refuse",
    "shown",
    "structure_text",
]


class Unquoted(str):
    """Text written unquoted in YAML that YAML 1.1 reads as another type.

    ``yaml11`` is that type's name in YAML 1.1 (``"int"``, ``"float"``, ``"bool"`` or
    ``"timestamp"``).  It is text like any other; only a refusal reads ``yaml11``, to
    say "quote it".

    >>> Unquoted("0700", "int") == "0700"
    True
    """

    yaml11: str

    def __new__(cls, text: str, yaml11: str) -> Unquoted:
        self = super().__new__(cls, text)
        self.yaml11 = yaml11
        return self


_YAML11_READINGS = {"int": "a number", "float": "a number", "bool": "true or false"}


class FieldError(ValueError):
    """A value the schema refuses, with the problem ``code`` the loader reports."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def refuse(code: str, message: str, value: object) -> FieldError:
    """The refusal of ``value``; of unquoted YAML, with the advice to quote it."""
    return FieldError(code, message + quote_it(value))


def quote_it(value: object, unless: str = "") -> str:
    """Advice for a refused value that YAML 1.1 would have read as another type.

    ``unless`` names a YAML 1.1 type that agrees with the field (a timestamp for a
    date), where quoting would change nothing.
    """
    if isinstance(value, Unquoted) and value.yaml11 != unless:
        reading = _YAML11_READINGS.get(value.yaml11, f"a {value.yaml11}")
        return f"; YAML 1.1 reads the unquoted {str(value)!r} as {reading}: quote it"
    return ""


# Unicode's control characters (categories Cc) and lone surrogates (Cs): one line of text
# holds none, and they must never reach a terminal.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)  # Unicode's 66 noncharacters: for a program's internal use, never for interchange
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")


LONGEST_TEXT = 100_000
"""The most characters a text field holds: far above any quote or summary, and low enough
that a runaway value is refused before the name index copies it."""


def structure_text(value: object, _: type) -> str:
    """``value`` as one line of text, or a :class:`FieldError` saying why not (the
    converter's hook for every text field).

    >>> structure_text("Syria", str)
    'Syria'
    """
    if (
        type(value) is str
        and 0 < len(value) <= LONGEST_TEXT
        and not value.isspace()
        and value.isprintable()
    ):
        return value  # the common case, in C calls only
    if value is None:
        raise FieldError("wrong-type", "expected text, got null (quote 'null' for the word)")
    if not isinstance(value, str):
        raise FieldError("wrong-type", f"expected text, got {describe(value)}")
    text = str(value)  # an Unquoted value: the record keeps plain text
    if len(text) > LONGEST_TEXT:
        message = f"is {len(text):,} characters long; a text field holds at most {LONGEST_TEXT:,}"
        raise FieldError("too-long", message)
    if not text.strip():
        raise FieldError("empty-text", "must not be empty")
    bad = _UNPRINTABLE.search(text)  # isprintable() also fails no-break spaces and U+2028
    if bad is not None:
        raise _unprintable(bad.group(), bad.start())
    return text


def _unprintable(char: str, index: int) -> FieldError:
    at = f"(at character {index + 1})"
    if "\ud800" <= char <= "\udfff":
        message = f"holds a lone surrogate U+{ord(char):04X} {at}, which is not a character"
        return FieldError("lone-surrogate", message)
    if ord(char) > 0x9F:  # past the control characters: one of the noncharacters
        message = f"holds the noncharacter U+{ord(char):04X} {at}, which no text may hold"
        return FieldError("noncharacter", message)
    if char == "\n":
        message = f"holds a line break {at}; text is one line (in YAML, fold long text with >-)"
    else:
        message = f"holds the control character U+{ord(char):04X} {at}; text may hold none"
    return FieldError("control-character", message)


def describe(value: object) -> str:
    """A refused value as a message names it: ``int 7``, ``a list``."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{'str' if isinstance(value, str) else type(value).__name__} {shown(value)}"


def shown(value: object) -> str:
    """A value as a message quotes it (text as plain text, even if :class:`Unquoted`)."""
    return repr(str(value) if isinstance(value, str) else value)
