"""Compiling JSON Lines streams, and finds exactly what the loader finds.

``compile_store`` on JSON Lines files reads them twice, a block of lines at a time,
never holding the records (:mod:`geoalign.store.compiled.streaming`).  These tests run
it beside the loader's path (``load_records`` then ``write_store``) on the same files:
valid generated datasets must give stores with the same rows, and bad ones the same
problems, in the same order.  Blocks of a few bytes and batches of two records make
every file cross many block and batch boundaries.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.loading_helpers import base_data
from tests.strategies import DATASET_SETTINGS, datasets
from tests.test_loading_fuzz import _jsonl_bytes, _mutated

from geoalign import Dataset, DatasetError
from geoalign.errors import Problem
from geoalign.model.records import COLLECTIONS

pytest.importorskip("duckdb", reason="the store extra (duckdb) is not installed")
pytest.importorskip("pyarrow", reason="the store extra (pyarrow) is not installed")

import duckdb

from geoalign.loading import files as loading
from geoalign.store.compiled import compile_store, streaming
from geoalign.store.compiled.manifest import TABLES, read_manifest
from geoalign.store.compiled.writing import write_store

Outcome = dict[str, Any] | tuple[Problem, ...]


@contextmanager
def tiny_blocks(block: int = 7, batch: int = 2) -> Iterator[None]:
    """Streaming with blocks of ``block`` bytes and batches of ``batch`` records."""
    with (
        mock.patch.object(streaming, "_BLOCK", block),
        mock.patch.object(streaming, "_BATCH", batch),
    ):
        yield


def contents(store: Path) -> dict[str, Any]:
    """Every row of every table (in one order), and the manifest's counts and horizon."""
    connection = duckdb.connect()
    rows: dict[str, Any] = {}
    for name, (columns, _) in TABLES.items():
        path = str(store / f"{name}.parquet")
        query = f"SELECT {', '.join(columns)} FROM read_parquet(?) ORDER BY ALL"
        rows[name] = connection.execute(query, [path]).fetchall()
    manifest = read_manifest(store)
    return {**rows, **{key: manifest[key] for key in ("counts", "rows", "horizon")}}


def by_loader(path: Path, out: Path, **options: Any) -> Outcome:
    try:
        records = loading.load_records(path, **options)
    except DatasetError as error:
        return error.problems
    return contents(write_store(records, out))


def streamed(path: Path, out: Path, **options: Any) -> Outcome:
    """``compile_store``'s outcome, proving that the loader's whole-dataset path is not taken."""
    refuse = mock.Mock(side_effect=AssertionError("the loader held the dataset"))
    with mock.patch.object(loading, "load_records", refuse):
        try:
            return contents(compile_store(path, out, **options))
        except DatasetError as error:
            return error.problems


def both(folder: Path, files: dict[str, bytes], **options: Any) -> tuple[Outcome, Outcome]:
    """The files written in ``folder``: the loader's outcome and the streaming compile's."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (data / name).write_bytes(content)
    options.setdefault("include_bundled", False)
    with tiny_blocks():
        return by_loader(data, folder / "a", **options), streamed(data, folder / "b", **options)


def lines(data: dict[str, list[dict[str, Any]]]) -> list[bytes]:
    """A dataset as JSON Lines, one bytes line per record."""
    return [
        json.dumps({"type": COLLECTIONS[name], **row}).encode() + b"\n"
        for name, rows in data.items()
        for row in rows
    ]


def base_lines(**edits: Any) -> bytes:
    """The loading tests' base dataset as JSON Lines, with records' fields edited:
    ``edits`` maps ``collection`` to ``{field: value}`` for its first record."""
    data = base_data()
    for collection, fields in edits.items():
        data[collection][0].update(fields)
    return b"".join(lines(data))


def alias(actor: str, names: Any) -> bytes:
    """An alias entry as a JSON Lines line."""
    return json.dumps({"type": "alias", "actor": actor, "names": names}).encode() + b"\n"


def codes(outcome: Outcome) -> list[str]:
    assert isinstance(outcome, tuple), "expected problems"
    return [problem.code for problem in outcome]


@DATASET_SETTINGS
@given(ds=datasets(), cut=st.integers(0, 50), order=st.randoms(use_true_random=False))
def test_a_valid_dataset_compiles_to_the_same_store(
    tmp_path_factory: pytest.TempPathFactory, ds: Dataset, cut: int, order: Any
) -> None:
    rows = lines(ds.to_dict())
    order.shuffle(rows)  # references may point forward: both passes must allow it
    cut = min(cut, len(rows))
    files = {"a.jsonl": b"".join(rows[:cut]) or b"\n\n", "b.jsonl": b"".join(rows[cut:]) or b" "}
    files = {name: content for name, content in files.items() if content.strip()}
    folder = tmp_path_factory.mktemp("valid")
    expected, found = both(folder, files)
    assert isinstance(expected, dict)
    assert found == expected


@DATASET_SETTINGS
@given(ds=datasets(), data=st.data())
def test_a_mutated_file_gives_the_loaders_problems_or_the_same_store(
    tmp_path_factory: pytest.TempPathFactory, ds: Dataset, data: st.DataObject
) -> None:
    content = data.draw(_mutated(_jsonl_bytes(ds)))
    expected, found = both(tmp_path_factory.mktemp("mutated"), {"data.jsonl": content})
    assert found == expected


BAD = {
    "dangling reference": (
        {"d.jsonl": base_lines(relationships={"b": "ZZZ"})},
        ["dangling-reference"],
    ),
    "a reference to an event": (
        {"d.jsonl": base_lines(events={"actors": ["hts", "hama-falls"]})},
        ["wrong-reference"],
    ),
    "bad date": ({"d.jsonl": base_lines(events={"date": "2024-13-45"})}, ["bad-date"]),
    "bad kind": ({"d.jsonl": base_lines(relationships={"kind": "friendship"})}, ["bad-value"]),
    "duplicate id across files": (
        {"a.jsonl": base_lines(), "b.jsonl": lines(base_data())[-1]},
        ["duplicate-id"],
    ),
    "refused source, cited": (
        {"d.jsonl": base_lines(sources={"published": "soon"})},
        ["bad-date"],
    ),
    "bad lines and a bad file": (
        {"a.jsonl": b'{"type": "planet"}\n[1]\n' + base_lines(), "b.jsonl": b"\x00"},
        ["bad-type", "not-an-object", "binary"],
    ),
    "empty file": ({"a.jsonl": base_lines(), "b.jsonl": b" \n"}, ["empty"]),
    "alias of no actor": (
        {"d.jsonl": base_lines() + alias("ZZZ", ["Zed"])},
        ["unknown-actor"],
    ),
    "alias taken": ({"d.jsonl": base_lines() + alias("RUS", ["hts"])}, ["alias-taken"]),
    "alias without names": ({"d.jsonl": base_lines() + alias("RUS", [])}, ["no-names"]),
    "alias names not a list": ({"d.jsonl": base_lines() + alias("RUS", "x")}, ["wrong-type"]),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_input_gives_the_loaders_problems(tmp_path: Path, name: str) -> None:
    files, wanted = BAD[name]
    expected, found = both(tmp_path, files)
    assert set(wanted) <= set(codes(expected))
    assert found == expected


@pytest.mark.parametrize("override", [False, True])
def test_bundled_ids_are_refused_or_overridden_as_the_loader_does(
    tmp_path: Path, override: bool
) -> None:
    data = base_data()
    russia = {"id": "RUS", "name": "Russia", "aliases": ["Rossiya"]}
    data["countries"] = [russia]  # RUS is bundled: an override, or a collision
    data["organizations"][0]["id"] = "SRB"  # a bundled country: the wrong kind
    files = {"d.jsonl": b"".join(lines(data))}
    expected, found = both(tmp_path, files, include_bundled=True, override=override)
    assert found == expected
    # Four of the base ids are bundled (RUS, SRB, a person, a relationship).
    assert codes(expected) == (["override-kind"] if override else ["bundled-id"] * 4)


def test_a_valid_file_layered_on_the_bundled_data_gives_the_same_store(tmp_path: Path) -> None:
    data = base_data()
    data["countries"] = [{"id": "RUS", "name": "Russia", "aliases": ["Rossiya"]}]
    expected, found = both(
        tmp_path, {"d.jsonl": b"".join(lines(data))}, include_bundled=True, override=True
    )
    assert isinstance(expected, dict)
    assert found == expected


def test_a_line_after_a_byte_order_mark_is_read_as_the_loader_reads_it(tmp_path: Path) -> None:
    first, *rest = lines(base_data())
    content = b"\xef\xbb\xbf" + first + b"".join(rest[:-1]) + b"\xef\xbb\xbf" + rest[-1]
    expected, found = both(tmp_path, {"d.jsonl": content})
    assert codes(expected) == ["not-json"]
    assert found == expected


def test_aliases_go_into_the_actors_as_the_loader_puts_them(tmp_path: Path) -> None:
    expected, found = both(tmp_path, {"d.jsonl": base_lines() + alias("RUS", ["Rossiya"])})
    assert isinstance(expected, dict)
    assert found == expected
    assert any("rossiya" in row for row in expected["names"])  # the name is in the store
