"""Text on a terminal: dataset text and file names are escaped in every output, in one place.

A record built in code can hold anything (the loader refuses control characters, but a
:class:`Dataset` made by a program is not read from a file), so these tests give every
text field of every record a payload that would retitle the terminal, forge a line and
fail to encode, and run every command and view on it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.cli_sample import (
    Cap,
    assert_one_line_error,
    data_fixture,  # noqa: F401 - pytest finds the "data" fixture among this module's names
    run,
)

import geoalign
import geoalign.api
from geoalign import Dataset
from geoalign.model.records import COLLECTIONS, Records, references
from geoalign.views.export import dumps
from geoalign.views.terminal import escaped, json_escapes, printable, unsafe

PAYLOAD = "\x1b]0;owned\x07\r\nFORGED \x9b31m\u2028\u202e\ud800"
"""Retitles an xterm, returns and forges a line, a C1 CSI, a line separator, a
right-to-left override and a lone surrogate (which no encoding can write)."""
SHOWN = "\\x1b]0;owned\\x07\\r\\nFORGED \\x9b31m\\u2028\\u202e\\ud800"
"""How the payload must look on a terminal."""


def assert_safe(text: str) -> None:
    """Nothing in ``text`` acts on a terminal or forges a line; lines end with ``\\n`` only."""
    assert unsafe().search(text.replace("\n", "")) is None, repr(text)
    assert not any(line.startswith("FORGED") for line in text.split("\n"))
    text.encode("utf-8")  # a lone surrogate would fail here


# -- the escaping functions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Free\x1b]0;owned\x07donia", "Free\\x1b]0;owned\\x07donia"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("\x00\x7f\x85\x9f", "\\x00\\x7f\\x85\\x9f"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("\u202a\u202e\u2066\u2069", "\\u202a\\u202e\\u2066\\u2069"),
        ("\ud800\udfff", "\\ud800\\udfff"),
        (
            "Vučić, Türkiye, 北京, عربي, \u00a0no-break",
            "Vučić, Türkiye, 北京, عربي, \u00a0no-break",
        ),
    ],
)
def test_printable_shows_each_unsafe_kind_as_an_escape(raw: str, shown: str) -> None:
    assert printable(raw) == shown


@given(st.text(st.characters(codec=None)))
def test_printable_text_is_one_safe_line_and_escaping_twice_changes_nothing(text: str) -> None:
    shown = printable(text)
    assert_safe(shown)
    assert "\n" not in shown
    assert printable(shown) == shown


@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_json_escapes_keep_the_document_and_hide_what_a_terminal_acts_on(text: str) -> None:
    document = {"name": text, text: [text]}
    written = dumps(document)
    assert_safe(written)
    assert json.loads(written) == document


def test_lone_surrogates_in_json_are_escapes_that_read_back() -> None:
    written = dumps({"name": "Fre\ud800donia"})
    assert '"Fre\\ud800donia"' in written
    assert json.loads(written) == {"name": "Fre\ud800donia"}
    assert json_escapes('"\u2028"') == '"\\u2028"'


def test_escaped_reaches_every_text_of_a_document() -> None:
    document = {"a\n": [{"b": "\x1b"}, 1, None, True], "c": ("\r",)}
    assert escaped(document) == {"a\\n": [{"b": "\\x1b"}, 1, None, True], "c": ["\\r"]}


# -- every command on a dataset full of payloads -------------------------------------------


def _poisoned(record: Any) -> Any:
    """``record`` with the payload added to every text that is not an id or a reference."""
    refs = references(type(record))
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if field.name == "id" or field.name in refs:
            continue
        if isinstance(value, str):
            changes[field.name] = value + PAYLOAD
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            changes[field.name] = tuple(_poisoned(item) for item in value)
        elif isinstance(value, tuple):
            changes[field.name] = (*value, PAYLOAD)
    return attrs.evolve(record, **changes)


@pytest.fixture
def poisoned(data: Path, monkeypatch: pytest.MonkeyPatch) -> Dataset:
    """The sample with payloads everywhere, as every command's ``load()`` returns it."""
    sample = geoalign.load(data, include_bundled=False)
    # No checked dataset can hold these texts (a load refuses them), so it is indexed
    # unchecked: the views must escape whatever a record holds all the same.
    dataset = Dataset._from_records(
        Records(*(tuple(map(_poisoned, getattr(sample, name))) for name in COLLECTIONS))
    )
    monkeypatch.setattr(geoalign.api, "load", lambda *args, **kwargs: dataset)
    return dataset


def _commands(dataset: Dataset) -> list[list[str]]:
    ids = [r.id for name in COLLECTIONS for r in getattr(dataset, name)]
    return [
        ["allies", "RUS", "--as-of", "2016"],
        ["allies", "SYR", "--as-of", "1900"],  # the "no allies" line on stderr
        ["sanctions", "SRB", "RUS"],
        ["timeline", "RUS", "SYR"],
        ["timeline", "SRB", "TUR"],  # the "no events" line on stderr
        ["resolve", "TUR"],
        ["sources"],
        ["validate", "anything"],
        *(["show", record_id] for record_id in ids),
    ]


def test_every_command_shows_dataset_text_escaped(capsys: Cap, poisoned: Dataset) -> None:
    seen = ""
    for argv in _commands(poisoned):
        status, out, err = run(capsys, *argv)
        assert status in (0, 1), argv
        assert_safe(out)
        assert_safe(err)
        assert err.count("\n") <= 1
        seen += out + err
        status, out, _ = run(capsys, *argv, "--json")
        assert_safe(out)
        json.loads(out)
    assert SHOWN in seen
    assert "Russia" + SHOWN in seen


def test_the_documented_example_cannot_retitle_the_terminal(capsys: Cap, tmp_path: Path) -> None:
    path = tmp_path / "free.jsonl"
    record = {"type": "country", "id": "FRE", "name": "Free\x1b]0;owned\x07donia"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    for argv in (["resolve", "FRE"], ["show", "FRE"]):
        status, out, err = run(capsys, "--data", str(path), "--no-bundled", *argv)
        assert_safe(out + err)
        # Loaded and shown escaped, or refused in one escaped line: never raw.
        assert (status, "Free\\x1b]0;owned\\x07donia" in out) in ((0, True), (2, False))
    status, out, err = run(capsys, "--no-bundled", "validate", str(path))
    assert_safe(out + err)


# -- file names and arguments ---------------------------------------------------------------

ODD_NAME = "odd\x1b[2J\nname\u202e.yaml"


def test_a_file_name_in_an_error_line_is_escaped(capsys: Cap, tmp_path: Path) -> None:
    path = tmp_path / ODD_NAME
    path.write_text("countries: [{id: rus, name: Russia}]\n", encoding="utf-8")
    status, out, err = run(capsys, "--data", str(path), "--no-bundled", "sources")
    assert (status, out) == (2, "")
    assert_one_line_error(err, "odd\\x1b[2J\\nname\\u202e.yaml")
    assert_safe(err)
    status, out, err = run(capsys, "--no-bundled", "validate", str(path))
    assert status == 1
    assert_safe(out + err)
    assert len(re.findall(r"odd\\x1b\[2J\\nname", out)) == len(out.splitlines())


def test_a_file_name_in_the_export_line_is_escaped(capsys: Cap, data: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / ODD_NAME
    status, out, err = run(
        capsys,
        "--data",
        str(data),
        "--no-bundled",
        "export",
        "--format",
        "csv",
        "--out",
        str(out_dir),
    )
    assert (status, out) == (0, "")
    assert_safe(err)
    assert "odd\\x1b[2J\\nname" in err


def test_a_usage_error_shows_the_argument_escaped(capsys: Cap) -> None:
    status, out, err = run(capsys, "sources", "\x1b]0;owned\x07")
    assert (status, out) == (2, "")
    assert_safe(err)
    assert "\\x1b]0;owned\\x07" in err
