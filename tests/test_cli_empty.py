"""Answers with no rows in JSON Lines and CSV, and ``validate`` rows with every field.

An empty CSV answer is its header alone, the columns a full answer of the same command
has; an empty JSON Lines answer is no line at all.  The note on stderr and the exit
status 1 say that nothing was found (docs/cli.rst).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs
import pytest
from tests.cli_sample import (
    Cap,
    data_fixture,  # noqa: F401 - pytest finds the "data" fixture among this module's names
    query,
    run,
)

from geoalign.errors import Problem
from geoalign.views.tables import csv_text

EMPTY_AND_FULL = [
    (["allies", "SRB"], ["allies", "RUS", "--as-of", "2023"]),
    (["allies", "SYR", "--as-of", "1990"], ["allies", "SYR", "--as-of", "2023", "--possible"]),
    (["sanctions", "--on", "SYR"], ["sanctions", "--on", "nis", "--as-of", "2024-08"]),
    (["sanctions", "--by", "SYR"], ["sanctions", "--by", "TUR", "--as-of", "2024-08"]),
    (["timeline", "SRB", "TUR"], ["timeline", "RUS", "SYR"]),
    (["events", "SRB"], ["events", "SYR"]),
    (["events", "SYR", "--where", "Paris"], ["events", "SYR", "--where", "Moscow"]),
    (["relationships", "bashar-al-assad"], ["relationships", "RUS"]),
    (["relationships", "SRB", "--as-of", "1990"], ["relationships", "RUS", "--as-of", "2023"]),
    (["why", "SRB", "SYR"], ["why", "RUS", "SYR"]),
    (["diff", "SRB", "2000", "2001"], ["diff", "SYR", "2015-01", "2023"]),
    (["actors", "--type", "person", "--name", "zzzz"], ["actors", "--type", "person"]),
]


def _table(out: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(out)))


@pytest.mark.parametrize(("empty", "full"), EMPTY_AND_FULL)
def test_an_empty_csv_answer_is_the_header_of_a_full_one(
    empty: list[str], full: list[str], capsys: Cap, data: Path
) -> None:
    status, out, err = query(capsys, data, *full, "--format", "csv")
    assert status == 0, err
    header, *rows = _table(out)
    assert rows  # the full answer has rows, so its header comes from them
    status, out, err = query(capsys, data, *empty, "--format", "csv")
    assert status == 1
    assert err.startswith("geoalign: ")
    assert err.count("\n") == 1
    assert _table(out) == [header]


@pytest.mark.parametrize(("empty", "full"), EMPTY_AND_FULL)
def test_an_empty_json_lines_answer_prints_nothing(
    empty: list[str], full: list[str], capsys: Cap, data: Path
) -> None:
    assert query(capsys, data, *empty, "--format", "jsonl")[:2] == (1, "")


def test_sources_of_a_dataset_without_any(tmp_path: Path, capsys: Cap, data: Path) -> None:
    status, out, _ = query(capsys, data, "sources", "--format", "csv")
    header, *rows = _table(out)
    assert status == 0
    assert rows
    bare = tmp_path / "bare.yaml"
    bare.write_text("countries:\n  - {id: XXA, name: Nowhere}\n", encoding="utf-8")
    status, out, err = query(capsys, bare, "sources", "--format", "csv")
    assert (status, _table(out)) == (1, [header])
    assert err == "geoalign: the dataset has no sources\n"


FIELDS = [field.name for field in attrs.fields(Problem)]


def _bad(tmp_path: Path) -> Path:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "countries:\n  - {id: XXA, name: A, capital: Nowhere}\n"
        "events:\n  - {id: e1, date: 2024-13, kind: capture, actors: [XXA],"
        " confidence: confirmed, summary: s, citations: [{source: nope, quote: q}]}\n",
        encoding="utf-8",
    )
    return bad


def test_validate_rows_carry_every_field_of_each_problem(tmp_path: Path, capsys: Cap) -> None:
    bad = _bad(tmp_path)
    status, out, _ = run(capsys, "--no-bundled", "validate", str(bad), "--json")
    document = json.loads(out)
    assert status == 1
    assert len(document["problems"]) >= 2
    status, out, _ = run(capsys, "--no-bundled", "validate", str(bad), "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert len(lines) == len(document["problems"])
    assert [list(line) for line in lines] == [FIELDS] * len(lines)
    assert lines == document["details"]
    codes = {line["code"] for line in lines}
    assert {"unknown-field", "bad-date"} <= codes, codes
    assert all(line["file"] == str(bad) for line in lines)
    status, out, _ = run(capsys, "--no-bundled", "validate", str(bad), "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert status == 1
    assert list(table[0]) == FIELDS
    for row, line in zip(table, lines, strict=True):
        # a cell that starts like a formula, or with the quote that guards one, is quoted
        assert row == {key: csv_text(None if v is None else str(v)) for key, v in line.items()}


def test_a_valid_dataset_is_the_problems_header_alone(capsys: Cap, data: Path) -> None:
    status, out, _ = run(capsys, "--no-bundled", "validate", str(data), "--format", "csv")
    assert (status, _table(out)) == (0, [FIELDS])
    status, out, _ = run(capsys, "--no-bundled", "validate", str(data), "--format", "jsonl")
    assert (status, out) == (0, "")
