"""How text answers are laid out on a terminal: the width they fit in, and colour.

The command line sets :data:`LAYOUT` from its standard output (:func:`layout_of`);
:func:`table`, :func:`wrapped` and :func:`heading` fit what they lay out to its width,
and :func:`paint` colours only when it says so.  Nothing here escapes: what comes from a
dataset goes through :mod:`geoalign.views.terminal` first.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from contextvars import ContextVar
from typing import NamedTuple, TextIO
from unicodedata import combining, east_asian_width

__all__ = [
    "LAYOUT",
    "Layout",
    "columns",
    "heading",
    "layout_of",
    "paint",
    "table",
    "width_of",
    "wrapped",
]


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
            # a terminal that reports 0 columns (a new pseudo-terminal) has no known width
            width = os.get_terminal_size(stream.fileno()).columns or None  # type: ignore[union-attr]
        except (OSError, ValueError):
            width = None
    colour = tty and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"
    return Layout(width, colour)


def columns() -> int:
    """The width help text fits: the layout's, or 80 when it has none (a file, a pipe).

    What :func:`shutil.get_terminal_size` would say for the command line, without
    importing :mod:`shutil` (and with it three compression modules) at every start.

    >>> columns()
    80
    """
    return LAYOUT.get().width or 80


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
    if text.isascii():
        return len(text)
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
    what comes from a dataset first (:func:`geoalign.views.terminal.printable`).

    >>> rows = [["rus-syr", "Russia", "Russia was Assad's main ally until his fall."]]
    >>> print(table(["ID", "NAME", "SUMMARY"], rows), end="")
    ID       NAME    SUMMARY
    rus-syr  Russia  Russia was Assad's main ally until his fall.
    >>> token = LAYOUT.set(Layout(width=38))
    >>> print(table(["ID", "NAME", "SUMMARY"], rows), end="")
    ID       NAME    SUMMARY
    rus-syr  Russia  Russia was Assad's
                     main ally until his
                     fall.
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
        # the header is the first line's label, painted once wrapping has placed it
        blocks.append(
            "".join(
                paint(header, "bold") + wrapped(cell, header.ljust(pad), " " * pad)[len(header) :]
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

    The first line starts with ``indent``, the next ones with ``then``.  Every line
    keeps room for 12 columns of text: on a narrower layout ``then`` is cut, and a
    label ``indent`` (``"  title  "``) gets a line of its own.

    >>> token = LAYOUT.set(Layout(width=20))
    >>> print(wrapped("Russia was Assad's most important ally", "  ", "    "), end="")
      Russia was Assad's
        most important
        ally
    >>> print(wrapped("Collective Security Treaty", "  member of   ", " " * 14), end="")
      member of
            Collective
            Security
            Treaty
    >>> LAYOUT.reset(token)
    """
    line = " ".join(text.split())
    limit = LAYOUT.get().width
    if limit is None or width_of(indent + line) <= limit:
        return indent + line + "\n"
    import textwrap

    deepest = max(limit - _LEAST_TEXT, 0)
    label = ""
    then = then[:deepest]
    if width_of(indent) > deepest:
        label = indent.rstrip() + "\n" if indent.strip() else ""
        indent = then
    lines = textwrap.wrap(
        line, max(limit, 1), initial_indent=indent, subsequent_indent=then, break_on_hyphens=False
    )
    return label + "".join(f"{piece}\n" for piece in lines)


_LEAST_TEXT = 12
"""The columns of text a wrapped line keeps, however deep its indent."""


def heading(title: str) -> str:
    """A title line, capitalised and bold when coloured, then a blank line.

    A title wider than the layout wraps, its next lines indented by two spaces.

    >>> token = LAYOUT.set(Layout(width=30))
    >>> print(heading("events between Russia (RUS) and Syria (SYR)"), end="")
    Events between Russia (RUS)
      and Syria (SYR)
    <BLANKLINE>
    >>> LAYOUT.reset(token)
    """
    lines = wrapped(title[:1].upper() + title[1:], "", "  ").splitlines()
    return "".join(paint(line, "bold") + "\n" for line in lines) + "\n"
