"""Compiling JSON Lines without holding the dataset: two passes over the files.

The loader validates a dataset as a whole, so it holds every record (about 2 GB per
million events).  Compiling JSON Lines files needs less: records are checked one by
one against a few things known of the whole dataset, which the first pass gathers.

* **Pass 1** reads each file a block of lines at a time and keeps every record's id
  and collection (for duplicates and references), and the sources and actors
  themselves, which are few: a relationship's spans need every source's publication
  date and the horizon, its sanction filings the organizations, its rows the actors.
* **Pass 2** reads the files again and hands each record to the loader's own pieces:
  the strict converter (:func:`geoalign.loading.files._structure`), the merge of
  layers (:func:`~geoalign.loading.validation.merge`, for duplicate and bundled ids)
  and the whole-dataset checks (:func:`~geoalign.loading.validation.check`, run on a
  batch of records beside the sources and actors, with the id of every record they
  refer to).  The rows of each batch are written as soon as it passes.

Every problem is the one the loader reports, in the loader's order (file and record
problems in file order, then duplicate ids, then the checks); nothing is written if
there is any.  One difference: a file over the loader's
:data:`~geoalign.loading.files.MAX_FILE_BYTES` is read, since it is never held.
Memory: the ids (about 120 bytes a record), the sources and actors, and a batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from geoalign.errors import DatasetError, Problem
from geoalign.formats.aliases import ALIASES
from geoalign.formats.jsonfile import read_jsonl
from geoalign.formats.reading import RawRecord, ReadError, decode
from geoalign.loading import files as loading
from geoalign.loading.aliases import apply_aliases, structure_aliases
from geoalign.loading.problems import Collector
from geoalign.loading.references import bad_references, raw_references, steps
from geoalign.loading.validation import Located, check, merge
from geoalign.model.records import ACTOR_COLLECTIONS, COLLECTIONS, RECORD_CLASSES
from geoalign.rules.time import horizon
from geoalign.store.compiled.writing import (
    Context,
    _written,
    staged,
    write_event,
    write_relationship,
    write_small,
)

__all__ = ["bundled_layer", "compile_jsonl"]

_SMALL = ("sources", *ACTOR_COLLECTIONS)
_BLOCK = 2**24  # bytes read at a time; a block ends at a line's end
_BATCH = 20_000  # records checked together


def _blocks(file: str) -> Iterator[tuple[int, bytes]]:
    """``(lines before it, bytes)`` of each block of whole lines of a file; raises the
    loader's :class:`ReadError` for a file it cannot read (any size is read)."""
    try:
        loading._regular(loading._stat(file))
        fd = os.open(file, loading._OPEN_FLAGS)
    except ReadError as exc:
        if exc.code != "too-large":
            raise
        fd = os.open(file, loading._OPEN_FLAGS)
    except OSError as exc:
        raise loading._os_problem(exc) from None
    with os.fdopen(fd, "rb") as stream:
        lines, rest = 0, b""
        while chunk := stream.read(_BLOCK):
            chunk = rest + chunk
            cut = chunk.rfind(b"\n") + 1
            block, rest = chunk[:cut], chunk[cut:]
            if block:
                yield lines, block
                lines += block.count(b"\n")
        if rest:
            yield lines, rest


def _content(lines: int, block: bytes) -> tuple[bytes, int]:
    """A block as :func:`read_jsonl` reads it, and the lines to add to its line numbers.

    Past the first block, a newline goes first: decoding takes a byte-order mark only
    at a file's start, and a line starting with one is not JSON.
    """
    return (block, 0) if lines == 0 else (b"\n" + block, lines - 1)


def _readable(file: str) -> bool:
    """Whether the loader would read the file's text (else it reports why, and reads
    none of it): every block decodes and one is not blank."""
    try:
        blank = True
        for lines, block in _blocks(file):
            if block.strip():
                decode(_content(lines, block)[0])
                blank = False
        return not blank
    except ReadError:
        return False


def _items(file: str) -> Iterator[RawRecord | ReadError]:
    """:func:`read_jsonl` of a readable file, block by block, with the file's line numbers."""
    for lines, block in _blocks(file):
        if not block.strip():
            continue
        content, shift = _content(lines, block)
        for item in read_jsonl(content, file):
            if isinstance(item, ReadError):
                yield ReadError(item.code, item.message, (item.line or 0) + shift)
            else:
                yield item._replace(line=(item.line or 0) + shift, position=item.position + shift)


class _Compiler:
    """One streaming compile: what pass 1 learns, and the problems found, each with
    its place in the loader's order."""

    def __init__(self, paths: list[str], override: bool, bundled: list[Located]) -> None:
        self.paths, self.override = paths, override
        self.readable = {file: _readable(file) for file in paths}
        self.bundled = {item.record_id: item for item in bundled}  # overrides replace theirs
        self.original = dict(self.bundled)
        self.order = {record_id: index for index, record_id in enumerate(self.bundled)}
        self.first: dict[str, str] = {}  # every user id, with its first record's collection
        self.repeated: set[str] = set()
        self.small: dict[str, tuple[int, RawRecord]] = {}  # user sources and actors
        self.aliases: list[RawRecord] = []  # the user's alias entries, few as actors are
        self.firsts: dict[str, Located] = {}  # the first record of each repeated id
        self.problems: list[tuple[tuple[int, int], Problem]] = []
        self.refused = False

    def stream(self) -> Iterator[tuple[int, str, RawRecord | ReadError | None]]:
        """``(sequence number, file, item)``: ``None`` for a file the loader cannot read."""
        seq = 0
        for file in self.paths:
            if not self.readable[file]:
                seq += 1
                yield seq, file, None
                continue
            for item in _items(file):
                seq += 1
                yield seq, file, item

    def gather(self) -> None:
        """Pass 1: the ids, and the sources and actors that will be kept."""
        for seq, _, raw in self.stream():
            if not isinstance(raw, RawRecord) or type(raw.data) is not dict:
                continue
            if raw.collection == ALIASES:
                self.aliases.append(raw)
                continue
            record_id = raw.data.get("id")
            if not isinstance(record_id, str):
                continue
            if record_id in self.first:
                self.repeated.add(record_id)
                continue
            self.first[record_id] = raw.collection
            earlier = self.original.get(record_id)
            if raw.collection in _SMALL and (
                earlier is None or (self.override and earlier.collection == raw.collection)
            ):
                self.small[record_id] = (seq, raw)

    def settle_small(self) -> list[Located]:
        """The user's sources and actors, structured (their problems are reported in
        pass 2); an override takes its bundled record's place."""
        kept, ignored = [], Collector()
        for seq, raw in self.small.values():
            item = loading._structure(raw, ignored)
            if item is None:
                continue
            if item.record_id in self.original:
                self.bundled[item.record_id] = item
            else:
                kept.append(item)
                self.order[item.record_id] = len(self.original) + seq
        self.refused = bool(ignored.problems)
        return kept

    def add(self, key: tuple[int, int], problems: list[Problem]) -> None:
        self.problems += [(key, problem) for problem in problems]

    def kind(self, record_id: str) -> str | None:
        """The collection of the record the id names in the merged dataset, if any."""
        earlier = self.original.get(record_id)
        return earlier.collection if earlier is not None else self.first.get(record_id)

    def merged(self, seq: int, item: Located) -> bool:
        """Whether the loader's merge keeps this record (else its problem is reported)."""
        record_id, problems = item.record_id, Collector()
        if record_id in self.repeated:
            earlier = self.firsts.setdefault(record_id, item)
            if earlier is not item:
                merge([[earlier, item]], self.override, problems)
                self.add((1, seq), problems.problems)
                return False
        bundled = self.original.get(record_id)
        if bundled is None:
            return True
        kept = merge([[bundled], [item]], self.override, problems)
        self.add((1, seq), problems.problems)
        if kept[0] is item and item.collection not in _SMALL:
            self.bundled[record_id] = item  # checked and written with the bundled records
        return False

    def checked(self, items: list[Located], context: list[Located]) -> None:
        """Run the loader's checks on these records beside the context; keep the
        records' own problems.  An id found in neither (a dangling reference, as far
        as the check can see) is looked up among every record, and the check run again."""
        mine = {item.record_id: (2, self.order[item.record_id]) for item in items}
        found = _own(check([*items, *context]), mine)
        if any(problem.code == "dangling-reference" for _, problem in found):
            kinds = {item.record_id: item.collection for item in (*items, *context)}
            extra = {}
            for item in items:
                where = steps(RECORD_CLASSES[item.collection])
                if item.record is not None:
                    bad = bad_references(item.record, where, kinds)
                else:
                    bad = raw_references(item.raw or {}, where, kinds)
                for _, target, _ in bad:
                    if (collection := self.kind(target)) is not None:
                        extra[target] = Located(None, target, collection, "", None, 0)
            found = _own(check([*items, *context, *extra.values()]), mine)
        self.problems += found


def compile_jsonl(
    paths: list[str],
    out: str | os.PathLike[str],
    about: dict[str, Any],
    *,
    bundled: list[Located],
    override: bool,
) -> Path:
    """Validate and compile JSON Lines files (layered on ``bundled``, the bundled
    records as the loader reads them) into a store at ``out``, in two passes.

    Raises :class:`~geoalign.DatasetError` with the problems :func:`geoalign.load`
    reports for the same files, in the same order (nothing is written), or for an
    ``out`` that is not a store.
    """
    compiler = _Compiler(paths, override, bundled)
    compiler.gather()
    user_small = compiler.settle_small()

    def fill(writers: dict[str, Any]) -> dict[str, Any]:
        merged = [*compiler.bundled.values(), *user_small]
        # The aliases go into the actors written, after the checks, as the loader does.
        entries = [structure_aliases(raw, Collector()) for raw in compiler.aliases]
        named = Collector()
        apply_aliases([entry for entry in entries if entry is not None], merged, named)
        compiler.add((3, 0), named.problems)
        sources = [i.record for i in merged if i.collection == "sources"]
        actors = [(c, i.record) for c in ACTOR_COLLECTIONS for i in merged if i.collection == c]
        context_items = [
            item if item.collection == "sources" else item._replace(record=None, raw=None)
            for item in merged
        ]
        writing = not compiler.refused
        context = write_small(sources, actors, writers) if writing else None  # type: ignore[arg-type]
        counts = dict.fromkeys(COLLECTIONS, 0)
        for bundled_item in compiler.original.values():
            counts[bundled_item.collection] += 1
        batch: list[Located] = []

        def flush() -> None:
            compiler.checked(batch, context_items)
            if writing and not compiler.problems:
                _write(batch, counts, context, writers)  # type: ignore[arg-type]
            batch.clear()

        for seq, file, raw in compiler.stream():
            if raw is None:
                problems = Collector()
                list(loading._read(loading._contents([file], problems), problems))
                compiler.add((0, seq), problems.problems)
                continue
            if isinstance(raw, ReadError):
                compiler.add((0, seq), [_file_problem(file, raw)])
                continue
            problems = Collector()
            if raw.collection == ALIASES:  # their problems here, their names in the actors
                structure_aliases(raw, problems)
                compiler.add((0, seq), problems.problems)
                continue
            item = loading._structure(raw, problems)
            compiler.add((0, seq), problems.problems)
            if item is None or not compiler.merged(seq, item) or item.collection in _SMALL:
                continue
            compiler.order[item.record_id] = len(compiler.original) + seq
            batch.append(item)
            if len(batch) >= _BATCH:
                flush()
        flush()
        compiler.checked([*compiler.bundled.values(), *user_small], [])
        compiler.first.clear()  # the ids are no longer needed: free them before sorting
        if compiler.problems:
            compiler.problems.sort(key=lambda found: found[0])
            raise DatasetError([problem for _, problem in compiler.problems])
        big = [i for i in compiler.bundled.values() if i.collection not in _SMALL]
        _write(big, dict.fromkeys(COLLECTIONS, 0), context, writers)  # type: ignore[arg-type]
        for item in user_small:
            counts[item.collection] += 1
        return {
            "counts": counts,
            "horizon": _written(horizon(s.published for s in sources)),  # type: ignore[union-attr]
        }

    return staged(out, fill, about)


def bundled_layer() -> list[Located]:
    """The bundled records, read and structured as the loader reads them."""
    problems = Collector()
    found = (
        loading._structure(raw, problems)
        for raw in loading._read(loading.bundled_files(), problems)
    )
    layer = [item for item in found if item is not None]
    problems.raise_if_any()
    return layer


def _write(
    items: list[Located], counts: dict[str, int], context: Context, writers: dict[str, Any]
) -> None:
    """Write relationships and events, each at the next position of its collection."""
    for item in items:
        position = counts[item.collection]
        counts[item.collection] += 1
        if item.collection == "relationships":
            write_relationship(item.record, position, context, writers)  # type: ignore[arg-type]
        else:
            write_event(item.record, position, writers)  # type: ignore[arg-type]


def _own(
    problems: Iterable[Problem], keys: dict[str, tuple[int, int]]
) -> list[tuple[tuple[int, int], Problem]]:
    """The problems of the records ``keys`` names, each with its record's key."""
    return [(keys[p.record], p) for p in problems if p.record is not None and p.record in keys]


def _file_problem(file: str, error: ReadError) -> Problem:
    problems = Collector()
    problems.file(file, error.code, error.message, error.line)
    return problems.problems[0]
