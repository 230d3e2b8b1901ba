"""The arguments of the ``geoalign`` command: every command, option and positional.

Options shared by the queries may come before or after the command.  A command that runs
on its own, outside the query framework (``serve``, ``compile``), is registered in
:data:`STANDALONE` with its summary, a function that adds its arguments and a function
that runs it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from geoalign.cli.compiling import COMPILE_SUMMARY, add_compile_command, run_compile
from geoalign.cli.parsing import Parser, UsageError, Version, made
from geoalign.cli.serving import SERVE_SUMMARY, add_serve_command, run_serve
from geoalign.errors import InvalidDateError
from geoalign.model.kinds import EventKind, RelationshipKind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from geoalign.model.edtf import EDTFDate

__all__ = ["FORMATS", "STANDALONE", "UsageError", "build_parser"]

FORMATS = ("text", "json", "jsonl", "csv")
"""The ``--format`` choices: text for people, one JSON document, JSON Lines, CSV."""

Adder = Callable[[argparse.ArgumentParser], None]
Runner = Callable[[argparse.Namespace], int]
STANDALONE: dict[str, tuple[str, Adder, Runner]] = {
    "serve": (SERVE_SUMMARY, add_serve_command, run_serve),
    "compile": (COMPILE_SUMMARY, add_compile_command, run_compile),
}
"""Commands that run on their own: name -> (summary, add its arguments, run it).

They get the data options (``--data``, ``--no-bundled``, ``--override``) and nothing
else; the runner returns the exit status.
"""

EPILOG = """\
exit status: 0 an answer; 1 no answer (nothing found, or the state is unknown;
  'validate' found problems); 2 an error (usage, an unknown actor, bad data)

examples:
  geoalign allies Russia --as-of 2023-06-01 --possible
  geoalign sanctions Serbia Russia --format json
  geoalign sanctions --on Serbia
  geoalign why Russia Syria
  geoalign diff Russia 2024-12-01 2024-12-31
  geoalign events Syria --from 2024-12 --kind capture
  geoalign --data my-data/ validate my-data/
  geoalign completion bash > ~/.local/share/bash-completion/completions/geoalign
"""

ACTOR = "an id, name or alias (e.g. RUS, Russia, 'the Kremlin')"
AS_OF = "EDTF date: 2024, 2024-12, 2024-12-08, [2024-11..2024-12], 201X... (default: the date of the latest source)"
POSSIBLE = "also list what only possibly holds; every row says definite or possible and why"


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``geoalign`` command.

    Given the ``argv`` it will parse, it builds only the commands named in it whole (the
    others are there by name and summary): a start pays for one command's arguments.

    >>> build_parser().parse_args(["allies", "RUS", "--kind", "alliance", "--json"]).kind
    ['alliance']
    >>> argv = ["why", "RUS", "SYR"]
    >>> build_parser(argv).parse_args(argv).b
    'SYR'
    """
    parser = Parser(
        prog="geoalign",
        description="Who is aligned with whom, who has sanctioned whom, and what happened "
        "between them: as of any date, with a cited quote behind every answer.",
        epilog=EPILOG,
    )
    _answer_options(parser)
    parser.add_argument("--version", action=Version, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, options: Options | None = _answer_options) -> Any:
        if argv is not None and name not in argv:
            # Known by name, so that a wrong command lists them all, but never built:
            # argparse asks gettext (a dozen file look-ups) for each parser it makes.
            commands._name_parser_map[name] = parser
            return _Skipped()
        made = commands.add_parser(name, help=summary, description=summary)
        if options is not None:  # added to each, not inherited: a parent is one more parser
            options(made)
        return made

    _queries(command)
    _browsing(command)
    command("validate", "check a dataset file or directory; list every problem").add_argument(
        "path", type=_path, help="a dataset file (YAML, JSON, JSON Lines) or directory"
    )
    _export(
        command("export", "the whole dataset as JSON or CSV, or the file format's schema", _data)
    )
    for name, (summary, add, _) in STANDALONE.items():
        add(command(name, summary, _data))
    completion = command("completion", "print a shell completion script", None)
    completion.description = _COMPLETION
    completion.add_argument("shell", choices=["bash", "zsh"], help="the shell to complete for")
    if argv is not None and not set(argv) & set(commands._name_parser_map):
        return build_parser()  # no command named: all of them, for the help
    return parser


class _Skipped:
    """Stands for a command left unbuilt: takes its arguments, and keeps none."""

    def __getattr__(self, name: str) -> Callable[..., _Skipped]:
        return lambda *_, **__: self


_COMPLETION = """\
print the completion script for a shell; load it with
  bash: geoalign completion bash > ~/.local/share/bash-completion/completions/geoalign
  zsh:  geoalign completion zsh > ~/.zfunc/_geoalign (a folder on your $fpath)"""


Options = Callable[[argparse.ArgumentParser], None]


def _answer_options(parser: argparse.ArgumentParser) -> None:
    """The options of a command that answers: its format, and the data it asks."""
    _output_options(parser.add_argument_group("output"))
    _data(parser)


def _data(parser: argparse.ArgumentParser) -> None:
    _data_options(parser.add_argument_group("data"))


def _data_options(group: argparse._ArgumentGroup) -> None:
    # SUPPRESS keeps a subcommand's unset option from hiding the same option given
    # before the command.
    switch: dict[str, Any] = {"action": "store_true", "default": argparse.SUPPRESS}
    group.add_argument(
        "--data",
        type=_path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="a dataset file or directory to query",
    )
    group.add_argument("--no-bundled", **switch, help="use --data alone, without the bundled data")
    group.add_argument(
        "--override", **switch, help="let --data records replace bundled ones with the same id"
    )


def _output_options(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--format",
        choices=FORMATS,
        metavar="FORMAT",  # the choices are in the help, which wraps; a usage line cannot
        default=argparse.SUPPRESS,
        help="text (default), json (one document), jsonl (one JSON object a row) or csv",
    )
    group.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        default=argparse.SUPPRESS,
        help="the same as --format json",
    )


def _kinds(parser: argparse.ArgumentParser, default: str, kinds: Sequence[str]) -> None:
    parser.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        choices=list(kinds),
        help=f"only this kind (repeatable; default: {default}): " + ", ".join(kinds),
    )


_TIE_KINDS = [k.value for k in RelationshipKind]


def _as_of(parser: argparse.ArgumentParser, help: str = AS_OF) -> None:
    parser.add_argument("--as-of", type=_date, metavar="DATE", help=help)


def _window(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="start", type=_date, metavar="DATE", help="leave out events over before DATE"
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=_date,
        metavar="DATE",
        help="leave out events that start after DATE",
    )


def _possible(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--possible", action="store_true", help=POSSIBLE)
    _known(parser)


def _known(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-known-on",
        type=_date,
        metavar="DATE",
        help="answer from the sources published by this EDTF date only",
    )


def _queries(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    allies = command("allies", "the allies of an actor as of a date (or its ties of --kind)")
    allies.add_argument("actor", help=ACTOR)
    _as_of(allies)
    _kinds(allies, "every alignment kind", _TIE_KINDS)
    _possible(allies)

    sanctions = command(
        "sanctions",
        "whether IMPOSER has sanctioned TARGET; or who sanctions --on TARGET, or whom --by IMPOSER",
    )
    sanctions.add_argument("imposer", nargs="?", help="who would impose them: " + ACTOR)
    sanctions.add_argument("target", nargs="?", help="on whom: " + ACTOR)
    which = sanctions.add_mutually_exclusive_group()
    which.add_argument("--on", metavar="TARGET", help="list every measure on TARGET")
    which.add_argument("--by", metavar="IMPOSER", help="list every measure IMPOSER took")
    _as_of(sanctions)
    _possible(sanctions)

    timeline = command("timeline", "the events between two actors, in timeline order")
    timeline.add_argument("a", help="one actor: " + ACTOR)
    timeline.add_argument("b", help="the other actor (the order does not matter)")
    _window(timeline)
    _possible(timeline)


def _browsing(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    actors = command("actors", "list the actors, by type and name")
    actors.add_argument(
        "--type",
        choices=["country", "organization", "person"],
        metavar="TYPE",
        help="only actors of this type: country, organization or person",
    )
    actors.add_argument(
        "--name", metavar="TEXT", help="only actors whose id, name or an alias holds TEXT"
    )

    ties = command("relationships", "an actor's relationships: all, or those in force --as-of")
    ties.add_argument("actor", help=ACTOR)
    _as_of(ties, "only those in force on this EDTF date (default: every one, at any time)")
    _kinds(ties, "every kind", _TIE_KINDS)
    _possible(ties)

    events = command("events", "the events an actor took part in, in timeline order")
    events.add_argument("actor", help=ACTOR)
    _window(events)
    _kinds(events, "every kind", [k.value for k in EventKind])
    events.add_argument("--where", metavar="PLACE", help="only events whose location holds PLACE")
    _possible(events)

    why = command("why", "every tie and event between two actors, with their quotes")
    why.add_argument("a", help="one actor: " + ACTOR)
    why.add_argument("b", help="the other actor")
    _known(why)

    diff = command("diff", "what changed for an actor between two dates: ties begun and ended")
    diff.add_argument("actor", help=ACTOR)
    diff.add_argument("since", metavar="FROM", type=_date, help="the earlier EDTF date")
    diff.add_argument("until", metavar="TO", type=_date, help="the later EDTF date")
    _kinds(diff, "alignment kinds, sanctions and terrorist designations", _TIE_KINDS)
    _known(diff)

    command("resolve", "the actor a name stands for").add_argument(
        "name", help="a name to look up: " + ACTOR
    )
    command("show", "any record by id (or an actor by name), with its citations").add_argument(
        "id", help="a record id (rus-syr-alliance, s1...) or an actor's name"
    )
    command("sources", "the sources of the dataset")


def _export(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "--format",
        choices=["json", "csv"],
        default="json",
        help="json: one document (default); csv: one file per table",
    )
    export.add_argument(
        "--out", type=_out_path, metavar="PATH", help="write to this file (json) or directory (csv)"
    )
    export.add_argument(
        "--schema", action="store_true", help="the JSON Schema of a dataset file, not the data"
    )


def _date(text: str) -> EDTFDate:
    from geoalign.model.edtf import parse_edtf  # every form a query takes, as in Python

    try:
        return parse_edtf(text)
    except InvalidDateError as exc:  # whole, for the parser's error to find the echo
        raise argparse.ArgumentTypeError(made(exc)) from None


def _path(text: str) -> str:
    if not text:
        raise argparse.ArgumentTypeError("an empty path names no file or directory")
    return text


def _out_path(text: str) -> Any:
    from pathlib import Path

    return Path(_path(text))
