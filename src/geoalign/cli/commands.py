"""The ``geoalign`` command (also ``python -m geoalign``): quick queries from a shell.

Every answer prints as text for people or, with ``--format json|jsonl|csv`` (``--json``
for short), for programs (:mod:`geoalign.cli.output`).  ``--data PATH`` queries a user
dataset layered on the bundled one (``--no-bundled``: alone; ``--override``: its ids may
replace bundled ones).  The arguments are in :mod:`geoalign.cli.parser`, the queries in
:mod:`geoalign.cli.queries`.

Exit status, one rule for every command:

* 0: an answer (something found; a sanction state the data states; a valid dataset);
* 1: no answer (nothing found, a sanction state ``unknown``, a dataset with problems
  under ``validate``): the answer is still printed, with a note on stderr;
* 2: an error (a wrong command line or date, an unknown or ambiguous actor or record,
  a dataset that does not load, output that cannot be written);
* 130 after Ctrl-C; 141 when the reader of the output went away.

Errors are one line on stderr, never a traceback, and under ``--format json`` or
``jsonl`` a JSON object on stdout too.  Text from a dataset, and file names, are
escaped before they reach a terminal (:mod:`geoalign.views.terminal`); output that the
terminal's encoding cannot show is written with backslash escapes.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geoalign.cli.parser import STANDALONE, UsageError, build_parser
from geoalign.cli.parsing import made
from geoalign.cli.streams import discard_stdout, fail, flush_stdout, say, write
from geoalign.errors import (
    AmbiguousActorError,
    DatasetError,
    GeoalignError,
    InvalidDateError,
    UnknownActorError,
    UnknownRecordError,
    one_line,
)
from geoalign.views.terminal import echoes_clipped

if TYPE_CHECKING:
    from geoalign.store.dataset import Dataset
    from geoalign.views.render import Output

__all__ = ["ANSWER", "ERROR", "NO_ANSWER", "build_parser", "run"]

ANSWER, NO_ANSWER, ERROR = 0, 1, 2
"""The exit statuses of an answer, of no answer, and of an error."""


def run(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: ``sys.argv[1:]``), run the command; return the exit status.

    What :func:`geoalign.cli.main` calls, inside its guard against Ctrl-C.

    >>> run(["resolve", "the Kremlin"])
    ID   TYPE     NAME
    RUS  country  Russia
    0
    """
    import os
    import sys

    from geoalign.views.layout import LAYOUT, layout_of

    LAYOUT.set(layout_of(sys.stdout, os.environ))
    try:
        try:
            words = sys.argv[1:] if argv is None else argv
            parser = build_parser(words)
            args = parser.parse_args(words)
            _check(parser, args)
            if argv is None:
                _collecting(args)
        except UsageError as exc:
            form = _form_asked(argv)
            if form not in ("json", "jsonl") and sys.stderr is not None:
                sys.stderr.write(exc.usage)  # under JSON, stderr holds one line only
            say(f"{exc.prog}: error: {exc.message}")
            return _failed(form, exc.message, "usage", ERROR, said=True)
        except SystemExit as exc:  # argparse exits on --help and --version
            flush_stdout()
            return exc.code if isinstance(exc.code, int) else ERROR
        return _answer(args, words)
    except BrokenPipeError:
        discard_stdout()  # the reader left (| head): stop quietly, as other tools do
        return 141


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """The usage rules argparse cannot say itself."""
    command = args.command
    alone = getattr(args, "no_bundled", False) and command not in ("validate", "compile")
    if alone and getattr(args, "data", None) is None:
        parser.error("--no-bundled needs --data PATH")
    if command == "compile" and not args.output:
        parser.error("argument -o/--output: an empty path names no file or directory")
    if command == "export" and args.format == "csv" and args.out is None:
        parser.error("export --format csv needs --out DIRECTORY")
    if command == "sanctions":
        listing = args.on is not None or args.by is not None
        pair = args.imposer is not None and args.target is not None
        if listing == (args.imposer is not None) or not (listing or pair):
            parser.error("sanctions takes IMPOSER TARGET, or --on TARGET, or --by IMPOSER")


def _collecting(args: argparse.Namespace) -> None:
    """Turn the cyclic garbage collector back on (:func:`geoalign.cli.main.main` turned
    it off) for a command that may run long or read a user's data, of any size: only an
    answer from the bundled data alone goes without it."""
    import gc

    heavy = args.command in STANDALONE or args.command in ("validate", "export")
    if heavy or getattr(args, "data", None) is not None:
        gc.enable()


def _form_asked(argv: Sequence[str] | None) -> str:
    """The format a command line asks for, read from it even when it does not parse."""
    import sys

    words = list(sys.argv[1:] if argv is None else argv)
    form = "text"
    for n, word in enumerate(words):
        if word == "--json":
            form = "json"
        elif word == "--format" and n + 1 < len(words):
            form = words[n + 1]
        elif word.startswith("--format="):
            form = word.partition("=")[2]
    return form


def _answer(args: argparse.Namespace, words: Sequence[str]) -> int:
    form = getattr(args, "format", "text") if args.command != "export" else "text"

    def failed(error: BaseException, kind: str, message: str | None = None) -> int:
        said = echoes_clipped(message or made(error), words)  # a value typed, cut
        return _failed(form, one_line(said), kind, ERROR)

    try:
        return _run(args, form)
    except BrokenPipeError:
        raise
    except InvalidDateError as exc:
        return failed(exc, "invalid_date")
    except DatasetError as exc:
        return failed(exc, "invalid_data", f"{made(exc)}{_validate_hint(args, exc)}")
    except AmbiguousActorError as exc:
        return failed(exc, "ambiguous_actor")
    except UnknownActorError as exc:
        return failed(exc, "unknown_actor")
    except UnknownRecordError as exc:
        return failed(exc, "unknown_record")
    except GeoalignError as exc:
        return failed(exc, "error")
    except OSError as exc:  # export could not write where it was told to
        message = f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc)
        return failed(exc, "output", message)


def _failed(form: str, message: str, kind: str, status: int, *, said: bool = False) -> int:
    """Say the error on stderr (unless argparse did) and, under a JSON format, on stdout."""
    if not said:
        fail(message, status)
    if form in ("json", "jsonl"):
        from geoalign.cli.output import error_document, json_line
        from geoalign.views.export import dumps
        from geoalign.views.terminal import printable

        document = error_document(kind, printable(message), status)
        with contextlib.suppress(GeoalignError):  # stdout is closed: stderr said it
            write(dumps(document) if form == "json" else json_line(document))
    return status


def _run(args: argparse.Namespace, form: str) -> int:
    if args.command == "export":
        return _export(args)
    if args.command in STANDALONE:
        return STANDALONE[args.command][2](args)
    if args.command == "completion":
        from geoalign.cli.completion import script

        write(script(args.shell, build_parser()))
        return ANSWER
    output = _validate(args) if args.command == "validate" else _query(args)
    from geoalign.cli.output import show

    show(output, form)
    if output.missing is not None:
        say(f"geoalign: {output.missing}")
        return NO_ANSWER
    return ANSWER


def _query(args: argparse.Namespace) -> Output:
    from geoalign.cli.queries import QUERIES

    dataset = _dataset(args)
    if args.command in QUERIES:
        return QUERIES[args.command](args, dataset)
    from geoalign.views import render

    if args.command == "resolve":
        return render.resolved(dataset, args.name, dataset.resolve(args.name))
    if args.command == "show":
        from geoalign.store.lookup import record_or_actor

        return render.show(dataset, record_or_actor(dataset, args.id))
    return render.sources(dataset)


def _validate(args: argparse.Namespace) -> Output:
    from geoalign.api import load
    from geoalign.store.compiled.manifest import is_store
    from geoalign.views import render

    try:
        if is_store(args.path):  # every file hashed against the manifest: damage in place too
            from geoalign.store.compiled import open_store

            _compiled_flags(args, args.path)

            dataset: Dataset = open_store(args.path, verify=True, memory=False)
        else:
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
        return ANSWER
    else:
        text = dumps(dataset_document(_dataset(args)))
    if args.out is None:
        write(text)
    else:
        with replacing(args.out) as file:
            file.write(text)
    return ANSWER


def _dataset(args: argparse.Namespace) -> Dataset:
    from geoalign.api import load
    from geoalign.store.compiled.manifest import is_store

    path = getattr(args, "data", None)
    if path is None:
        return load()
    if is_store(path):
        from geoalign.store.compiled import open_store

        _compiled_flags(args, path)
        # One or two questions: a copy into memory would cost more than it saves.
        return open_store(path, memory=False)
    return load(
        path,
        include_bundled=not getattr(args, "no_bundled", False),
        override=getattr(args, "override", False),
    )


def _compiled_flags(args: argparse.Namespace, path: str) -> None:
    """Say that --no-bundled and --override do nothing to a compiled store: they were
    applied when it was compiled, and it is read as it was written."""
    from geoalign.views.terminal import clipped

    given = [f for f in ("--no-bundled", "--override") if getattr(args, f[2:].replace("-", "_"), 0)]
    if given:
        say(
            f"geoalign: note: {' and '.join(given)} ignored: {clipped(path)} is a compiled "
            f"store, whose layers were chosen when it was compiled (geoalign compile {given[0]})"
        )


def _validate_hint(args: argparse.Namespace, error: DatasetError) -> str:
    path = getattr(args, "data", None)
    if path is None or len(error.problems) < 2:
        return ""
    flags = [f for f in ("--no-bundled", "--override") if getattr(args, f[2:].replace("-", "_"), 0)]
    return f"; run 'geoalign {' '.join([*flags, 'validate', path])}' to list them all"
