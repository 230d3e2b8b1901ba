"""Loading mutated files and mutated data: DatasetError or success, never another exception.

The properties mutate valid files, as text and as data, and require that loading
either succeeds or raises DatasetError whose every line names the file: never another
exception, never a crash.  Mutated record data must name the record and the field.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from tests.loading_helpers import base_data, load_or_refuse
from tests.strategies import DATASET_SETTINGS, datasets

import geoalign
from geoalign import Dataset, DatasetError
from geoalign.model.records import (
    COLLECTIONS,
    RECORD_CLASSES,
)


def _yaml_bytes(dataset: Dataset) -> bytes:
    return yaml.safe_dump(dataset.to_dict(), allow_unicode=False, sort_keys=False).encode()


def _jsonl_bytes(dataset: Dataset) -> bytes:
    rows = [
        json.dumps({"type": COLLECTIONS[name], **row})
        for name, rows in dataset.to_dict().items()
        for row in rows
    ]
    return ("\n".join(rows) + "\n").encode()


_NASTY_BYTES = st.sampled_from(
    [b" ", b"  ", b"-", b":", b"'", b'"', b"{", b"}", b"[", b"]", b"#", b"&a", b"*a", b"!!",
     b"!!python/name:os.system", b"\t", b"\n", b"\\", b",", b"0", b"9", b"\x00", b"\xff", b"\xc3",
     b"|", b">", b"%", b"@", b"`", b"?", b"\r\n", b"null", b"2024-13-01", b"1e400"]
)  # fmt: skip


@st.composite
def _mutated(draw: st.DrawFn, content: bytes) -> bytes:
    """The content with one to three random edits of its lines or bytes."""
    for _ in range(draw(st.integers(1, 3))):
        lines = content.splitlines(keepends=True) or [b""]
        at = draw(st.integers(0, len(lines) - 1))
        where = draw(st.integers(0, len(content)))
        edit = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent",
                                     "unquote", "change", "insert", "truncate"]))  # fmt: skip
        if edit == "delete":
            del lines[at]
        elif edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "indent":
            lines[at] = b" " * draw(st.integers(1, 4)) + lines[at]
        elif edit == "dedent":
            lines[at] = lines[at][draw(st.integers(1, 4)) :]
        elif edit == "unquote":
            lines[at] = lines[at].replace(b"'", b"").replace(b'"', b"")
        if edit in ("change", "insert", "truncate"):
            extra = draw(_NASTY_BYTES | st.binary(min_size=1, max_size=3))
            end = where + 1 if edit == "change" else where
            content = (
                content[:where] if edit == "truncate" else content[:where] + extra + content[end:]
            )
        else:
            content = b"".join(lines)
    return content


def _load_or_refuse(tmp_path: Path, name: str, content: bytes) -> None:
    """The content, written as ``name``, loads or is refused (see :func:`load_or_refuse`)."""
    path = tmp_path / name
    path.write_bytes(content)
    load_or_refuse(path)


@DATASET_SETTINGS
@given(datasets(), st.data())
def test_a_mutated_yaml_file_loads_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, dataset: Dataset, data: st.DataObject
) -> None:
    content = data.draw(_mutated(_yaml_bytes(dataset)))
    _load_or_refuse(tmp_path_factory.getbasetemp(), "mutated.yaml", content)


@DATASET_SETTINGS
@given(datasets(), st.data())
def test_a_mutated_json_lines_file_loads_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, dataset: Dataset, data: st.DataObject
) -> None:
    content = data.draw(_mutated(_jsonl_bytes(dataset)))
    _load_or_refuse(tmp_path_factory.getbasetemp(), "mutated.jsonl", content)


def _required(collection: str) -> list[str]:
    return [f.name for f in attrs.fields(RECORD_CLASSES[collection]) if f.default is attrs.NOTHING]


@DATASET_SETTINGS
@given(datasets(), st.data())
def test_mutated_record_data_is_refused_with_the_field_named(
    tmp_path_factory: pytest.TempPathFactory, dataset: Dataset, data: st.DataObject
) -> None:
    plain = dataset.to_dict()
    collection = data.draw(st.sampled_from([name for name, rows in plain.items() if rows]))
    position = data.draw(st.integers(1, len(plain[collection])))
    record = plain[collection][position - 1]
    edit = data.draw(st.sampled_from(["drop", "retype", "add"]))
    if edit == "add":
        # No record type has a field of any of these names.
        key = data.draw(st.sampled_from(["extra", "ID", "Name", "note ", "citation"]))
        record[key] = "x"
    else:
        key = data.draw(st.sampled_from(_required(collection) if edit == "drop" else list(record)))
        if edit == "drop":
            del record[key]
        else:
            # No field takes a mapping.  (Scalars would not do: YAML's true and 1.5 are
            # text, valid in a text field, and 2024 is a valid year.)
            record[key] = data.draw(st.sampled_from([{"x": "y"}, {"a": [1, True]}]))
    who = f"#{position}" if key == "id" and edit != "add" else repr(record["id"])
    path = tmp_path_factory.getbasetemp() / "mutated.yaml"
    text = yaml.safe_dump(plain)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        geoalign.load(path, include_bundled=False)
    place = (COLLECTIONS[collection], position, key)
    [problem] = [p for p in info.value.problems if (p.record_type, p.position, p.field) == place]
    head = f"{path}:{problem.line}: {COLLECTIONS[collection]} {who}"
    if edit == "add":
        assert str(problem) == f"{head}: unknown field {key!r}"
    else:
        assert str(problem).startswith(f"{head}, field {key!r}: ")
    # The line: of the record (the position-th item of its collection) for a field
    # dropped, else of the field's key, inside the record.
    lines = text.splitlines()
    items = [n for n, row in enumerate(lines, 1) if row.startswith("- ")]
    start = lines.index(f"{collection}:") + 1
    first = [n for n in items if n > start][position - 1]
    if edit == "drop":
        assert problem.line == first
    else:
        written = lines[problem.line - 1].strip().removeprefix("- ")
        assert key in yaml.safe_load(written)
        assert first <= problem.line
        assert not any(first < n <= problem.line for n in items)


HAND_TYPED = [
    *("2024-12-32", "2024-12-08 25:00:00", "!!int x", "!!float x", "!!bool maybe"),
    *("2024-1-1", "2024-12-08T10:00:00Z", "~", "null", "[]", "{}", "yes", "0x1F", ".nan", "1e400"),
    *("'", '"', "&a x", "*a", "!!str 5", "! x", "|", ">", "1:20", "-", "? x", "%x", "@x", "`x`"),
]


@pytest.mark.parametrize("value", HAND_TYPED)
def test_a_hand_typed_value_anywhere_loads_or_is_refused(tmp_path: Path, value: str) -> None:
    # Every value of the base dataset, in turn, replaced by the same raw YAML text.
    lines = yaml.safe_dump(base_data(), default_flow_style=False).splitlines()
    for index, line in enumerate(lines):
        key, colon, rest = line.partition(": ")
        if colon and rest:
            edited = [*lines[:index], f"{key}: {value}", *lines[index + 1 :]]
            _load_or_refuse(tmp_path, "edited.yaml", "\n".join(edited).encode())
