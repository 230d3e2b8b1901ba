"""The ``geoalign`` command (also ``python -m geoalign``): quick queries from a shell.

Answers print as aligned text, or with ``--json`` as one JSON document (see
:mod:`geoalign.views.render` and :mod:`geoalign.views.export` for its schema).  ``--data PATH``
queries a user dataset layered on the bundled one (``--no-bundled``: alone;
``--override``: its ids may replace bundled ones).

Exit status: 0 for an answer; 1 for no answer (no allies, no events, an unknown actor
or record, a dataset with problems, output that cannot be written); 2 for a usage error
(bad arguments or dates); 130 after Ctrl-C; 141 when the reader of the output went away.
Errors are one line on stderr, never a traceback.  Text from a dataset, and file names,
are escaped before they reach a terminal (:mod:`geoalign.views.terminal`); output that
the terminal's encoding cannot show is written with backslash escapes.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from geoalign.cli.serving import SERVE_SUMMARY, add_serve_command, run_serve
from geoalign.cli.streams import discard_stdout, fail, flush_stdout, say, write
from geoalign.errors import (
    AmbiguousActorError,
    DatasetError,
    GeoalignError,
    InvalidDateError,
    UnknownActorError,
)
from geoalign.model.kinds import RelationshipKind
from geoalign.views.terminal import printable

if TYPE_CHECKING:
    from pathlib import Path

    from geoalign.model.dates import PartialDate
    from geoalign.store.dataset import Dataset
    from geoalign.views.render import Output

__all__ = ["build_parser", "run"]

_EPILOG = """\
exit status: 0 answer found, 1 nothing found or invalid data, 2 usage error

examples:
  geoalign allies Russia --as-of 2023-06-01
  geoalign sanctions Serbia Russia --json
  geoalign timeline Russia Syria --from 2024-11
  geoalign --data my-data/ validate my-data/
  geoalign serve --port 8080
"""


def run(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: ``sys.argv[1:]``), run the command; return the exit status.

    What :func:`geoalign.cli.main` calls, inside its guard against Ctrl-C.

    >>> run(["resolve", "the Kremlin"])
    ID   TYPE     NAME
    RUS  country  Russia
    0
    """
    parser = build_parser()
    try:
        try:
            args = parser.parse_args(argv)
            alone = getattr(args, "no_bundled", False) and args.command != "validate"
            if alone and getattr(args, "data", None) is None:
                parser.error("--no-bundled needs --data PATH")
            if args.command == "export" and args.format == "csv" and args.out is None:
                parser.error("export --format csv needs --out DIRECTORY")
        except SystemExit as exc:  # argparse exits on --help, --version and usage errors
            flush_stdout()
            return exc.code if isinstance(exc.code, int) else 2
        return _answer(args)
    except BrokenPipeError:
        discard_stdout()  # the reader left (| head): stop quietly, as other tools do
        return 141


def _answer(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except BrokenPipeError:
        raise
    except InvalidDateError as exc:
        return fail(str(exc), 2)
    except DatasetError as exc:
        return fail(f"{exc}{_validate_hint(args, exc)}", 1)
    except GeoalignError as exc:
        return fail(str(exc), 1)
    except OSError as exc:  # export could not write where it was told to
        return fail(f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc), 1)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``geoalign`` command.

    >>> build_parser().parse_args(["allies", "RUS", "--kind", "alliance", "--json"]).kind
    ['alliance']
    """
    # Shared options are accepted before and after the command; SUPPRESS keeps a
    # subcommand's unset option from hiding the same option given before the command.
    common = _Parser(add_help=False)
    options = common.add_argument_group("data and output")
    switch: dict[str, Any] = {"action": "store_true", "default": argparse.SUPPRESS}
    options.add_argument("--json", **switch, help="print one JSON document instead of text")
    options.add_argument(
        "--data",
        type=_path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="a dataset file or directory to query",
    )
    options.add_argument(
        "--no-bundled", **switch, help="use --data alone, without the bundled dataset"
    )
    options.add_argument(
        "--override", **switch, help="let --data records replace bundled ones with the same id"
    )

    parser = _Parser(
        prog="geoalign",
        description="Who is aligned with whom, who has sanctioned whom, and what happened\n"
        "between them: as of any date, with a cited quote behind every answer.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=summary, description=summary, parents=[common])

    allies = command("allies", "the allies of an actor as of a date")
    allies.add_argument("actor", help="an id, name or alias (e.g. RUS, Russia, 'the Kremlin')")
    allies.add_argument("--as-of", type=_date, metavar="DATE", help=_AS_OF)
    allies.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        choices=[k.value for k in RelationshipKind],
        help="count ties of this kind (repeatable; default: every alignment "
        "kind): " + ", ".join(k.value for k in RelationshipKind),
    )

    sanctions = command("sanctions", "whether IMPOSER has sanctioned TARGET as of a date")
    sanctions.add_argument("imposer")
    sanctions.add_argument("target")
    sanctions.add_argument("--as-of", type=_date, metavar="DATE", help=_AS_OF)

    timeline = command("timeline", "the events between two actors, by date")
    timeline.add_argument("a")
    timeline.add_argument("b")
    timeline.add_argument(
        "--from",
        dest="start",
        type=_date,
        metavar="DATE",
        help="leave out events over before this date",
    )
    timeline.add_argument(
        "--to",
        dest="end",
        type=_date,
        metavar="DATE",
        help="leave out events that start after this date",
    )

    command("resolve", "the actor a name stands for").add_argument("name")
    command("show", "any record by id (or an actor by name), with its citations").add_argument("id")
    command("sources", "the sources of the dataset")
    command("validate", "check a dataset file or directory; list every problem").add_argument(
        "path", type=_path
    )

    export = command("export", "the whole dataset as JSON or CSV, or the file format's schema")
    export.add_argument(
        "--format",
        choices=["json", "csv"],
        default="json",
        help="json: one document (default); csv: one file per table",
    )
    export.add_argument(
        "--out",
        type=_out_path,
        metavar="PATH",
        help="write to this file (json) or directory (csv)",
    )
    export.add_argument(
        "--schema",
        action="store_true",
        help="the JSON Schema of a dataset file, instead of the data",
    )

    add_serve_command(command("serve", SERVE_SUMMARY))
    return parser


_AS_OF = "YYYY, YYYY-MM or YYYY-MM-DD (default: the date of the latest source)"


def _date(text: str) -> PartialDate:
    from geoalign.model.dates import PartialDate

    try:
        return PartialDate.parse(text)
    except InvalidDateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _path(text: str) -> str:
    if not text:
        raise argparse.ArgumentTypeError("an empty path names no file or directory")
    return text


def _out_path(text: str) -> Path:
    from pathlib import Path

    return Path(_path(text))


class _Parser(argparse.ArgumentParser):
    """An argument parser whose error lines show what the user typed escaped."""

    def error(self, message: str) -> NoReturn:
        super().error(printable(message))


class _Version(argparse.Action):
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
            parser.exit(fail(str(exc), 1))
        parser.exit()


def _run(args: argparse.Namespace) -> int:
    from geoalign.views.export import dumps

    if args.command == "export":
        return _export(args)
    if args.command == "serve":
        return run_serve(args)
    if args.command == "validate":
        output = _validate(args)
    else:
        output = _QUERIES[args.command](args, _dataset(args))
    as_json = getattr(args, "json", False)
    write(dumps(output.document) if as_json else output.text)
    if output.missing is not None:
        say(f"geoalign: {output.missing}")
        return 1
    return 0


def _allies(args: argparse.Namespace, dataset: Dataset) -> Output:
    from geoalign.views import render

    actor = dataset.resolve(args.actor)
    chosen = args.kind or [k.value for k in RelationshipKind if k.alignment]
    kinds = [k for k in RelationshipKind if k.value in chosen]
    found = dataset.allies_of(actor, as_of=args.as_of, kinds=kinds)
    ties = dataset.relationships_of(actor, as_of=args.as_of, kinds=kinds)
    as_of = args.as_of or dataset.horizon
    assert as_of is not None  # without either, the queries above raised
    return render.allies(dataset, actor, as_of, kinds, found, ties)


def _sanctions(args: argparse.Namespace, dataset: Dataset) -> Output:
    from geoalign.views import render

    status = dataset.sanction_status(args.imposer, args.target, as_of=args.as_of)
    return render.sanctions(dataset, status)


def _timeline(args: argparse.Namespace, dataset: Dataset) -> Output:
    from geoalign.views import render

    a, b = dataset.resolve(args.a), dataset.resolve(args.b)
    events = dataset.timeline_between(a, b, start=args.start, end=args.end)
    return render.timeline(dataset, a, b, args.start, args.end, events)


def _resolve(args: argparse.Namespace, dataset: Dataset) -> Output:
    from geoalign.views import render

    return render.resolved(dataset, args.name, dataset.resolve(args.name))


def _show(args: argparse.Namespace, dataset: Dataset) -> Output:
    from geoalign.model.records import COLLECTIONS
    from geoalign.views import render

    record = dataset.get(args.id)
    if record is None:
        try:
            record = dataset.resolve(args.id)
        except AmbiguousActorError:
            raise
        except UnknownActorError:
            ids = [r.id for name in COLLECTIONS for r in getattr(dataset, name)]
            import difflib

            close = difflib.get_close_matches(args.id, ids, n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
            raise GeoalignError(f"no record or actor {args.id!r}{hint}") from None
    return render.show(dataset, record)


def _sources(args: argparse.Namespace, dataset: Dataset) -> Output:
    from geoalign.views import render

    return render.sources(dataset)


_QUERIES: dict[str, Callable[[argparse.Namespace, Dataset], Output]] = {
    "allies": _allies,
    "sanctions": _sanctions,
    "timeline": _timeline,
    "resolve": _resolve,
    "show": _show,
    "sources": _sources,
}


def _validate(args: argparse.Namespace) -> Output:
    from geoalign.api import load
    from geoalign.views import render

    try:
        dataset = load(
            args.path,
            include_bundled=not getattr(args, "no_bundled", False),
            override=getattr(args, "override", False),
        )
    except DatasetError as exc:
        return render.validation(args.path, exc.problems, None)
    return render.validation(args.path, (), dataset)


def _export(args: argparse.Namespace) -> int:
    from geoalign.formats.schema import dataset_schema
    from geoalign.views.export import dataset_document, dumps, write_csv
    from geoalign.views.files import replacing

    if args.schema:
        text = dumps(dataset_schema())
    elif args.format == "csv":
        written = write_csv(_dataset(args), args.out)
        say(f"geoalign: wrote {len(written)} tables to {args.out}")
        return 0
    else:
        text = dumps(dataset_document(_dataset(args)))
    if args.out is None:
        write(text)
    else:
        with replacing(args.out) as file:
            file.write(text)
    return 0


def _dataset(args: argparse.Namespace) -> Dataset:
    from geoalign.api import load

    path = getattr(args, "data", None)
    if path is None:
        return load()
    return load(
        path,
        include_bundled=not getattr(args, "no_bundled", False),
        override=getattr(args, "override", False),
    )


def _validate_hint(args: argparse.Namespace, error: DatasetError) -> str:
    path = getattr(args, "data", None)
    if path is None or len(error.problems) < 2:
        return ""
    flags = [f for f in ("--no-bundled", "--override") if getattr(args, f[2:].replace("-", "_"), 0)]
    return f"; run 'geoalign {' '.join([*flags, 'validate', path])}' to list them all"
