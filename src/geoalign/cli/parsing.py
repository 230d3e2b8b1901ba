"""The argument parser's class: errors that show what was typed escaped, help that fits.

:class:`Parser` is every parser of the ``geoalign`` command (:mod:`geoalign.cli.parser`
builds them): its errors are one escaped line and a :class:`UsageError`, each value typed
that they echo cut at :data:`~geoalign.views.terminal.ECHO` characters, its help is
written like an answer and fits the terminal, and ``--version`` (:class:`Version`) reads
the package metadata only when asked.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from geoalign.cli.streams import fail, write
from geoalign.errors import GeoalignError, one_line
from geoalign.views.layout import columns
from geoalign.views.terminal import echoes_clipped

TYPE_CHECKING = False
if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["Parser", "UsageError", "Version", "made"]


def made(error: BaseException) -> str:
    """The message ``error`` was made with, whole: ``str()`` of a geoalign error is cut at
    1,000 characters, which would leave a long echo in it that :func:`echoes_clipped`
    cannot find whole.

    >>> made(GeoalignError("x" * 2000)) == "x" * 2000
    True
    """
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, str) else str(error)


class UsageError(SystemExit):
    """A wrong command line: ``message`` is the reason, ``usage`` the parser's usage and
    ``prog`` its name, for the caller to print as the output format asks."""

    def __init__(self, message: str, usage: str = "", prog: str = "geoalign") -> None:
        super().__init__(2)
        self.message, self.usage, self.prog = message, usage, prog


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of a description or epilog; wraps a line too wide for the
    terminal (an indented one with its next lines indented further)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        lines = []
        for line in text.splitlines():
            lead = line[: len(line) - len(line.lstrip())]  # an example's, or a list item's
            then = indent + lead + ("  " if lead else "")
            wrapped = textwrap.wrap(
                line, width, initial_indent=indent, subsequent_indent=then, break_on_hyphens=False
            )
            lines.extend(wrapped or [""])
        return "\n".join(lines)

    def _format_usage(self, *args: Any) -> str:
        text: str = super()._format_usage(*args)
        if max(map(len, text.splitlines())) <= self._width:
            return text
        # argparse indents the next lines under the command's name, so a narrow terminal
        # gets lines wider than itself: indent them by four spaces instead
        words = text.split()
        head = f"{words[0]} {self._prog}"
        lines = [head]
        for part in _USAGE_PARTS.findall(" ".join(words)[len(head) :]):
            if len(lines) > 1 and len(lines[-1]) + 1 + len(part) <= self._width:
                lines[-1] += " " + part
            else:
                lines.append("    " + part)
        return "\n".join(lines) + "\n\n"


_USAGE_PARTS = re.compile(r"\[[^\]]*\]|\S+")
"""The parts of a usage line argparse keeps whole: an option with its value, a group."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors show what the user typed escaped, and say why.

    Its help fits the layout's width (:func:`geoalign.views.layout.columns`), in the
    line breaks it is written with.
    """

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse would ask shutil, whose import costs a start three compression modules
        return _Formatter(prog=self.prog, width=columns() - 2)

    _typed: Sequence[str] = ()

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self._typed = list(sys.argv[1:] if args is None else args)  # for error() to cut
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        # argparse echoes a bad value whole ("invalid choice: '...'", "unrecognized
        # arguments: ..."): every word typed is cut where the message holds it
        message = one_line(echoes_clipped(message, self._typed))
        raise UsageError(message, self.format_usage(), self.prog)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse drops a failed write of --help silently; help is output like an answer
        if message and (file is None or file is sys.stdout):
            try:
                write(message)
            except GeoalignError as exc:
                self.exit(fail(str(exc), 2))
        else:
            super()._print_message(message, file)


class Version(argparse.Action):
    """``--version``, looked up only when asked: reading package metadata is slow to import."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> NoReturn:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("geoalign")
        except PackageNotFoundError:  # run from a source tree that was never installed
            found = "unknown"
        try:
            write(f"geoalign {found}\n")
        except GeoalignError as exc:  # stdout closed: the same error line as for an answer
            parser.exit(fail(str(exc), 2))
        parser.exit()
