"""Every kind of bad input, as a property: loading succeeds or raises DatasetError.

Beside the fuzz tests of mutated files, one property per kind of fault found: values of
another type, control characters and lone surrogates, repeated keys, YAML 1.1 scalar
forms, deep nesting, keys that are not text, and odd kinds of file.  Whatever the
input, :func:`geoalign.load` returns a dataset or raises
:class:`~geoalign.DatasetError` whose every problem is one printable line naming the
file; never another exception, and never a wait.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from tests.loading_helpers import base_data, load_or_refuse
from tests.strategies import DATASET_SETTINGS

import geoalign
from geoalign import DatasetError
from geoalign.model.records import COLLECTIONS

FORMATS = (".yaml", ".jsonl", ".json")


def _write(folder: Path, suffix: str, data: Any) -> Path:
    """Plain data (collections of records) as a file of the format ``suffix``."""
    path = folder / f"data{suffix}"
    if suffix == ".yaml":
        path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
    elif suffix == ".json":
        path.write_text(json.dumps({"schema_version": 1, **data}), encoding="utf-8")
    else:
        rows = [
            json.dumps(
                {"type": COLLECTIONS.get(name, name), **row} if isinstance(row, dict) else row
            )
            for name, rows in data.items()
            for row in (rows if isinstance(rows, list) else [rows])
        ]
        path.write_text("\n".join(rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("kinds")


@given(content=st.binary(max_size=400), suffix=st.sampled_from(FORMATS))
def test_any_bytes(folder: Path, content: bytes, suffix: str) -> None:
    path = folder / f"bytes{suffix}"
    path.write_bytes(content)
    load_or_refuse(path)


@given(text=st.text(max_size=200), suffix=st.sampled_from(FORMATS))
def test_any_text(folder: Path, text: str, suffix: str) -> None:
    path = folder / f"text{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    load_or_refuse(path)


_CONTROL = st.characters(categories=("Cc", "Cs")) | st.sampled_from(["\x1b", "\x85", "\ud800"])
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["", " ", "0700", "1:20", "NO", "2024-12-32", "1e400", "~", "null"])
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@st.composite
def _mutated(draw: st.DrawFn) -> dict[str, Any]:
    """The base dataset with one value of one record changed in a way of one kind."""
    data = base_data()
    collection = draw(st.sampled_from(sorted(data)))
    record = data[collection][draw(st.integers(0, len(data[collection]) - 1))]
    key = draw(st.sampled_from(sorted(record)))
    kind = draw(st.sampled_from(["retype", "control", "nest", "key"]))
    if kind == "retype":
        record[key] = draw(_VALUES)
    elif kind == "control":
        text = str(record[key])
        at = draw(st.integers(0, len(text)))
        record[key] = text[:at] + draw(_CONTROL) + text[at:]
    elif kind == "nest":
        for _ in range(draw(st.integers(1, 40))):
            record[key] = draw(st.sampled_from([[record[key]], {"x": record[key]}]))
    else:  # keys of other types (written as text by YAML and JSON), or odd text
        record[draw(st.none() | st.integers() | st.booleans() | st.text(max_size=5))] = "x"
    return data


@DATASET_SETTINGS
@given(data=_mutated(), suffix=st.sampled_from(FORMATS))
def test_a_value_of_any_kind_anywhere(folder: Path, data: dict[str, Any], suffix: str) -> None:
    try:
        path = _write(folder, suffix, data)
    except (UnicodeEncodeError, ValueError, TypeError, yaml.YAMLError):
        return  # data that the writer itself cannot write: no file to load
    load_or_refuse(path)


_YAML11 = st.sampled_from(
    ["0700", "0o17", "0x1F", "1:20", "190:20:30", "1_000", "+12", ".5", "1e3", ".inf", "-.INF",
     ".NaN", "yes", "No", "ON", "off", "y", "n", "true", "~", "null", "Null", "", "2024-12-08",
     "2024-12-08 10:30:00", "2024-1-1", "2001-12-14t21:59:43.10-05:00", "<<", "=", "!!str 5",
     "!!int 0700", "!!bool maybe", "!!float x", "!!null x", "!!timestamp x", "! 5"]
)  # fmt: skip


@DATASET_SETTINGS
@given(st.data())
def test_a_yaml_1_1_form_in_any_field(folder: Path, data: st.DataObject) -> None:
    lines = yaml.safe_dump(base_data(), default_flow_style=False).splitlines()
    valued = [n for n, line in enumerate(lines) if ": " in line]
    index = data.draw(st.sampled_from(valued))
    key = lines[index].partition(": ")[0]
    lines[index] = f"{key}: {data.draw(_YAML11)}"
    path = folder / "forms.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    load_or_refuse(path)


@DATASET_SETTINGS
@given(st.data(), st.sampled_from(FORMATS))
def test_a_repeated_key_anywhere(folder: Path, data: st.DataObject, suffix: str) -> None:
    text = json.dumps({"schema_version": 1, **base_data()}) if suffix != ".yaml" else None
    if suffix == ".jsonl":
        row = {"type": "country", "id": "FRE", "name": "Freedonia", "aliases": ["F"]}
        text = json.dumps(row)
    elif suffix == ".yaml":
        text = yaml.safe_dump(base_data(), default_flow_style=False)
    assert text is not None
    lines = text.splitlines(keepends=True) if suffix == ".yaml" else [text]
    if suffix == ".yaml":
        # A line with a key, twice: the same key twice in a mapping (or, for the first
        # key of a record in a list, a record of one field, missing the others).
        keyed = [n for n, line in enumerate(lines) if ":" in line.lstrip(" -")]
        at = data.draw(st.sampled_from(keyed))
        lines.insert(at, lines[at])
    else:
        keys = [m for m in ('"id": ', '"name": ', '"kind": ', '"quote": ') if m in text]
        key = data.draw(st.sampled_from(keys))
        lines = [text.replace(key, f'{key}"again", {key}', 1)]
    path = folder / f"repeated{suffix}"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DatasetError):
        geoalign.load(path, include_bundled=False)


@given(kind=st.sampled_from(["fifo", "directory", "broken-link", "loop", "empty", "device"]))
def test_an_odd_kind_of_file(tmp_path_factory: pytest.TempPathFactory, kind: str) -> None:
    folder = tmp_path_factory.mktemp("odd")
    (folder / "good.yaml").write_text(yaml.safe_dump(base_data()), encoding="utf-8")
    odd = folder / "odd.yaml"
    if kind == "fifo":
        os.mkfifo(odd)
    elif kind == "directory":
        odd.mkdir()
    elif kind == "broken-link":
        odd.symlink_to(folder / "nowhere")
    elif kind == "loop":
        odd.symlink_to(odd)
    elif kind == "device":
        odd.symlink_to(os.devnull)
    else:
        odd.write_bytes(b"")
    for path in (folder, odd):
        with pytest.raises(DatasetError) as info:
            geoalign.load(path, include_bundled=False)
        assert [p.file for p in info.value.problems] == [str(odd)]
