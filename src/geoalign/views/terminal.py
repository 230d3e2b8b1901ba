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
characters as JSON ``\\u`` escapes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from contextvars import ContextVar
from typing import Any, NamedTuple, TextIO
from unicodedata import combining, east_asian_width

__all__ = [
    "LAYOUT",
    "UNSAFE",
    "Layout",
    "escaped",
    "json_escapes",
    "layout_of",
    "paint",
    "printable",
    "table",
    "width_of",
]

# Beyond the C0 controls, which json.dumps escapes itself: DEL and C1, surrogates, the
# line and paragraph separators, and the bidirectional embeddings, overrides and isolates.
_BEYOND_C0 = "\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
"""The characters no output shows raw."""
_UNSAFE_IN_JSON = re.compile(f"[{_BEYOND_C0}]")


def printable(text: str) -> str:
    """``text`` with every :data:`UNSAFE` character as a visible escape; one line, always.

    >>> print(printable("Free\\x1b]0;owned\\x07donia\\r\\nline 2"))
    Free\\x1b]0;owned\\x07donia\\r\\nline 2
    >>> printable("Vučić, Türkiye") == "Vučić, Türkiye"
    True
    """
    return UNSAFE.sub(_python_escape, text)


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
    """JSON text from :func:`json.dumps` with every :data:`UNSAFE` character escaped.

    :func:`json.dumps` escapes C0 controls inside strings already (a raw newline in its
    output is layout), so the rest of :data:`UNSAFE` becomes ``\\uXXXX``: inside a string
    literal the escape stands for the same character, so the document reads back
    unchanged, but it prints nothing a terminal acts on.

    >>> print(json_escapes('"Fre\\ud800do\\x85nia"'))
    "Fre\\ud800do\\u0085nia"
    """
    return _UNSAFE_IN_JSON.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def _python_escape(found: re.Match[str]) -> str:
    return found[0].encode("unicode_escape").decode("ascii")


# -- layout: the width tables fit in, and whether to colour ---------------------------


class Layout(NamedTuple):
    """How text answers are laid out: the columns they fit in, and whether to colour.

    ``width`` ``None`` means no limit (output to a file or a pipe, unless ``COLUMNS``
    says otherwise).

    >>> Layout(40, colour=False).width
    40
    """

    width: int | None = None
    colour: bool = False


LAYOUT: ContextVar[Layout] = ContextVar("geoalign_layout", default=Layout())  # noqa: B039
"""The layout text answers follow; the command line sets it from its standard output."""


def layout_of(stream: TextIO | None, environ: Mapping[str, str]) -> Layout:
    """The layout for ``stream`` under the environment ``environ``.

    Tables fit ``COLUMNS`` when it is set, else the terminal when ``stream`` is one, else
    nothing.  Colour only on a terminal, with ``NO_COLOR`` unset or empty
    (https://no-color.org) and ``TERM`` not ``dumb``.

    >>> import io
    >>> layout_of(io.StringIO(), {"COLUMNS": "72"})
    Layout(width=72, colour=False)
    >>> layout_of(io.StringIO(), {})
    Layout(width=None, colour=False)
    """
    tty = stream is not None and _isatty(stream)
    width: int | None = None
    columns = environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    elif tty:
        try:
            width = os.get_terminal_size(stream.fileno()).columns  # type: ignore[union-attr]
        except (OSError, ValueError):
            width = None
    colour = tty and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"
    return Layout(width, colour)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):  # a closed stream
        return False


_STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


def paint(text: str, style: str) -> str:
    """``text`` in ``style`` (bold, dim, red, green, yellow, cyan) if the layout colours.

    >>> paint("imposed", "red")
    'imposed'
    >>> token = LAYOUT.set(Layout(colour=True))
    >>> paint("imposed", "red")
    '\\x1b[31mimposed\\x1b[0m'
    >>> LAYOUT.reset(token)
    """
    if not text or not LAYOUT.get().colour:
        return text
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m"


_WORDS = {"definite": "green", "possible": "yellow"}


def width_of(text: str) -> int:
    """The columns ``text`` takes on a terminal: wide East Asian letters take two.

    >>> width_of("Vučić"), width_of("北京")
    (5, 4)
    """
    return sum(0 if combining(c) else 2 if east_asian_width(c) in "WF" else 1 for c in text)


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, wrap: Sequence[int] = (-1,)
) -> str:
    """Rows in aligned columns under a header, fitted to the layout's width.

    Runs of white space in cells become one space.  When the table is wider than
    :data:`LAYOUT`'s width, its cells wrap onto more lines: first the prose columns in
    ``wrap`` (by index; default the last), down to 20 columns each; then the widest
    columns, down to 10; then any, down to their header's width (ids break after a
    hyphen, prose between words).  Nothing is cut.  If even the headers do not fit, each
    row is a block of ``HEADER  value`` lines.  Cells are shown as they are: escape
    what comes from a dataset first (:func:`printable`).

    >>> rows = [["rus-syr", "Russia", "Russia was Assad's main ally until his fall."]]
    >>> print(table(["ID", "NAME", "SUMMARY"], rows), end="")
    ID       NAME    SUMMARY
    rus-syr  Russia  Russia was Assad's main ally until his fall.
    >>> token = LAYOUT.set(Layout(width=38))
    >>> print(table(["ID", "NAME", "SUMMARY"], rows), end="")
    ID       NAME    SUMMARY
    rus-syr  Russia  Russia was Assad's main
                     ally until his fall.
    >>> LAYOUT.reset(token)
    """
    lines = [list(headers), *([" ".join(cell.split()) for cell in row] for row in rows)]
    count = len(headers)
    widths = [max(width_of(line[i]) for line in lines) for i in range(count)]
    limit = LAYOUT.get().width
    if limit is not None:
        prose = {i % count for i in wrap}
        least = [width_of(h) for h in headers]
        room = limit - 2 * (count - 1)
        for columns, floor in ((prose, 20), (range(count), 10), (range(count), 0)):
            _narrow(widths, room, columns, [max(floor, n) for n in least])
        if sum(widths) > room:  # too narrow even for the headers: a block per row
            return _blocks(lines)
    out = []
    for n, line in enumerate(lines):
        cells = [_wrap(cell, widths[i]) for i, cell in enumerate(line)]
        for k in range(max(map(len, cells))):
            parts = [_pad(c[k] if k < len(c) else "", widths[i], n) for i, c in enumerate(cells)]
            out.append("  ".join(parts).rstrip() + "\n")
    return "".join(out)


def _blocks(lines: list[list[str]]) -> str:
    """The rows of a table one under the other, a ``HEADER  value`` line per cell."""
    headers, *rows = lines
    pad = max(map(width_of, headers)) + 2
    blocks = []
    for row in rows:
        # wrapped as if the header were spaces, so that its width counts on the first line
        blocks.append(
            "".join(
                paint(header, "bold") + wrapped(cell, " " * pad, " " * pad)[width_of(header) :]
                for header, cell in zip(headers, row, strict=True)
                if cell
            )
        )
    return "\n".join(blocks)


def _narrow(widths: list[int], room: int, columns: Iterable[int], least: list[int]) -> None:
    """Narrow the widest of ``columns`` by one, again and again, until the table fits in
    ``room`` or none of them is wider than its ``least``."""
    chosen = list(columns)
    while sum(widths) > room:
        shrinkable = [i for i in chosen if widths[i] > max(least[i], 1)]
        if not shrinkable:
            return
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1


def _wrap(cell: str, width: int) -> list[str]:
    """``cell`` in lines of at most ``width`` columns: broken between words, or after a
    hyphen (ids, dates), or, for a longer piece, anywhere."""
    if width_of(cell) <= width:
        return [cell]
    width = max(width, 1)
    lines = [""]
    for word in cell.split(" "):
        for n, piece in enumerate(_HYPHENATED.findall(word)):
            glue = " " if n == 0 and lines[-1] else ""
            if width_of(lines[-1] + glue + piece) <= width:
                lines[-1] += glue + piece
                continue
            if lines[-1]:
                lines.append("")
            while width_of(piece) > width:  # longer than a line: cut it where it must
                lines[-1], piece = piece[:width], piece[width:]
                lines.append("")
            lines[-1] = piece
    return lines


_HYPHENATED = re.compile(r"[^-]*-|[^-]+")
"""The pieces of a word a line may end after: each up to and with a hyphen."""


def _pad(cell: str, width: int, line: int) -> str:
    padded = cell + " " * (width - width_of(cell))
    if line == 0:
        return paint(cell, "bold") + padded[len(cell) :]
    style = _WORDS.get(cell)
    return paint(cell, style) + padded[len(cell) :] if style else padded


def wrapped(text: str, indent: str, then: str) -> str:
    """``text`` on one line, or on several that fit the layout's width; ends with a newline.

    The first line starts with ``indent``, the next ones with ``then``.

    >>> token = LAYOUT.set(Layout(width=20))
    >>> print(wrapped("Russia was Assad's most important ally", "  ", "    "), end="")
      Russia was Assad's
        most important
        ally
    >>> LAYOUT.reset(token)
    """
    line = " ".join(text.split())
    limit = LAYOUT.get().width
    if limit is None or width_of(indent + line) <= limit:
        return indent + line + "\n"
    import textwrap

    lines = textwrap.wrap(
        line,
        max(limit, width_of(then) + 12),
        initial_indent=indent,
        subsequent_indent=then,
        break_on_hyphens=False,
    )
    return "".join(f"{piece}\n" for piece in lines)
