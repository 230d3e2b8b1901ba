"""Every answer in every format; errors as JSON; the exit rule; the terminal; completion.

Formats are checked against the answer's own JSON document: JSON Lines and CSV hold
its rows, nothing more or less.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.cli_sample import (
    Cap,
    data_fixture,  # noqa: F401 - pytest finds the "data" fixture among this module's names
    query,
    run,
)

from geoalign.cli.output import rows_of
from geoalign.views.render import Output

ANSWERS = [
    (["allies", "RUS", "--as-of", "2023", "--possible"], "allies"),
    (["sanctions", "SRB", "RUS"], None),
    (["sanctions", "--on", "SRB", "--as-of", "2024-08"], "ties"),
    (["timeline", "RUS", "SYR"], "events"),
    (["events", "SYR"], "events"),
    (["relationships", "RUS"], "ties"),
    (["why", "RUS", "SYR"], ("ties", "events")),
    (["diff", "SYR", "2024-12-01", "2024-12-31"], ("began", "ended")),
    (["actors", "--type", "country"], "actors"),
    (["sources"], "sources"),
    (["resolve", "Turkey"], None),
    (["show", "rus-syr-alliance"], None),
]


def _rows(document: dict[str, object], rows: str | tuple[str, ...] | None) -> list[object]:
    if rows is None:
        return [document]
    if isinstance(rows, str):
        return list(document[rows])  # type: ignore[call-overload]
    return [{"list": name, **row} for name in rows for row in document[name]]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("argv", "rows"), ANSWERS)
def test_json_lines_are_the_document_s_rows(
    argv: list[str], rows: str | tuple[str, ...] | None, capsys: Cap, data: Path
) -> None:
    _, document, _ = query(capsys, data, *argv, "--format", "json")
    status, out, _ = query(capsys, data, *argv, "--format", "jsonl")
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines == _rows(json.loads(document), rows)
    assert lines  # every example has an answer


@pytest.mark.parametrize(("argv", "rows"), ANSWERS)
def test_csv_has_a_row_per_row_and_a_column_per_key(
    argv: list[str], rows: str | tuple[str, ...] | None, capsys: Cap, data: Path
) -> None:
    _, document, _ = query(capsys, data, *argv, "--json")
    status, out, _ = query(capsys, data, *argv, "--format", "csv")
    assert status == 0
    expected = [line for row in _rows(json.loads(document), rows) for line in _per_item(row)]
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == len(expected)
    header = next(csv.reader(io.StringIO(out)))
    # An empty list of items with a certainty is their columns, empty (read from the schema).
    keys = [
        k
        for k in dict.fromkeys(k for e in expected for k in e)  # type: ignore[attr-defined]
        if f"{k.removesuffix('s')}_certainty" not in header
    ]
    for row, item in zip(table, expected, strict=True):
        assert [key for key in row if key in keys] == keys  # a full answer's may be more
        assert row.get("id", "") == str(item.get("id") or "")  # type: ignore[attr-defined]
        assert all(row[key] == "" for key in row if key not in item)  # type: ignore[operator]
        # the evidence of each item: its quotes, word for word, as a JSON array
        for key, quotes in item.items():  # type: ignore[attr-defined]
            if key.endswith("_quotes") and quotes:
                assert json.loads(row[key]) == quotes


def _per_item(row: Any) -> list[Any]:
    """A row listing items with a certainty (an ally's ties), once per item of each list."""
    lists = [
        key
        for key, value in row.items()
        if value
        and isinstance(value, list)
        and all(isinstance(item, dict) and "certainty" in item for item in value)
    ]
    head = {name: cell for name, cell in row.items() if name not in lists}
    lines = [
        {
            **head,
            one: i["id"],
            f"{one}_certainty": i["certainty"],
            f"{one}_bound": 0,
            f"{one}_confidence": i.get("confidence"),
            f"{one}_quotes": [quote["quote"] for quote in i.get("quotes") or ()],
        }
        for key in lists
        for one in [key.removesuffix("s")]
        for i in row[key]
    ]
    return lines or [row]


@pytest.mark.parametrize(
    "argv",
    [
        ["sanctions", "--as-of", "2025-06", "SRB", "RUS"],  # a measure
        ["sanctions", "USA", "HTS"],  # a listing
        ["sanctions", "RUS", "RUS"],  # nothing at all
        ["sanctions", "USA", "SRB", "--as-of", "2025-01-01", "--possible"],
    ],
)
def test_sanctions_csv_has_the_columns_of_a_full_answer_whatever_it_holds(
    argv: list[str], capsys: Cap
) -> None:
    from geoalign.cli.main import main

    main(["sanctions", "Serbia", "Russia", "--format", "csv"])
    reference = capsys.readouterr().out.splitlines()[0].split(",")
    main([*argv, "--format", "csv"])
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert header == reference
    # Every list of items with a certainty has its three columns, none its JSON text.
    for one in ("measure", "listing"):
        assert header[header.index(one) : header.index(one) + 3] == [
            one,
            f"{one}_certainty",
            f"{one}_bound",
        ]
        assert f"{one}s" not in header


def test_every_csv_line_of_allies_says_its_tie_certainty_and_bound(capsys: Cap, data: Path) -> None:
    _, document, _ = query(capsys, data, "allies", "RUS", "--possible", "--json")
    _, out, _ = query(capsys, data, "allies", "RUS", "--possible", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    ties = [tie for ally in json.loads(document)["allies"] for tie in ally["ties"]]
    assert [row["tie"] for row in table] == [tie["id"] for tie in ties]
    assert [row["tie_certainty"] for row in table] == [tie["certainty"] for tie in ties]
    assert [row["tie_bound"] for row in table] == [tie["reason"] for tie in ties]
    assert all(row["tie_bound"] for row in table)


def test_csv_cells() -> None:
    document = {
        "rows": [
            {
                "id": "=cmd",
                "actor": {"id": "RUS", "name": "Russia", "type": "country"},
                "aliases": ["a, b", "c"],
                "ties": [{"id": "t1"}, {"id": "t2"}],
                "quotes": [{"quote": "q"}],
                "open": True,
                "end": None,
            }
        ]
    }
    out = io.StringIO()
    sys_stdout, sys.stdout = sys.stdout, out
    try:
        from geoalign.cli.output import show

        show(Output(document, "", rows=("rows",)), "csv")
    finally:
        sys.stdout = sys_stdout
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row == {
        "id": "'=cmd",  # formula injection guarded
        "actor": "RUS",
        "aliases": '["a, b", "c"]',
        "ties": '["t1", "t2"]',
        "quotes": '[{"quote": "q"}]',
        "open": "true",
        "end": "",
    }


def test_rows_of_a_single_answer_is_the_document() -> None:
    document = {"answer": "sanctions", "state": "unknown"}
    assert rows_of(Output(document, "")) == [document]


# -- the exit rule and errors ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["allies", "RUS", "--as-of", "2023"], 0),  # an answer
        (["allies", "RUS", "--as-of", "1900"], 1),  # nothing found
        (["sanctions", "SYR", "TUR"], 1),  # the state is unknown: no answer either
        (["sanctions", "SRB", "RUS"], 0),  # not_imposed is an answer
        (["allies", "Narnia"], 2),  # an error
        (["timeline", "RUS", "SYR", "--from", "2025", "--to", "2024"], 2),
    ],
)
@pytest.mark.parametrize("form", ["text", "json", "jsonl", "csv"])
def test_one_exit_rule_in_every_format(
    argv: list[str], status: int, form: str, capsys: Cap, data: Path
) -> None:
    got, out, err = query(capsys, data, *argv, "--format", form)
    assert got == status
    assert (err == "") == (status == 0)
    if status == 2 and form in ("json", "jsonl"):
        error = json.loads(out)["error"]
        assert error["status"] == 2
        assert error["type"] == ("unknown_actor" if "Narnia" in argv else "invalid_date")
        assert error["message"] in err
        assert (form == "jsonl") == (out.count("\n") == 1)
    elif status == 2:
        assert out == ""


@pytest.mark.parametrize("form", [["--json"], ["--format", "json"], ["--format", "jsonl"]])
def test_a_usage_error_under_json_is_json_and_one_line_on_stderr(
    capsys: Cap, form: list[str]
) -> None:
    status, out, err = run(capsys, "allies", "RUS", "--as-of", "2024-13", *form)
    assert status == 2
    assert err.splitlines() == [err.strip()]  # no usage block: one line
    assert err.startswith("geoalign allies: error:")
    error = json.loads(out)["error"]
    assert error["type"] == "usage"
    assert "month must be between 1 and 12" in error["message"]


def test_a_usage_error_in_text_shows_the_usage(capsys: Cap) -> None:
    status, out, err = run(capsys, "allies", "RUS", "--as-of", "2024-13")
    assert (status, out) == (2, "")
    assert err.startswith("usage: geoalign allies")
    assert err.splitlines()[-1].startswith("geoalign allies: error:")


def test_json_is_a_synonym_of_format_json(capsys: Cap, data: Path) -> None:
    one = query(capsys, data, "why", "RUS", "SYR", "--json")
    other = query(capsys, data, "--format", "json", "why", "RUS", "SYR")
    assert one == other


# -- the terminal ---------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize(
    "argv",
    [
        ["allies", "Russia", "--possible"],
        ["why", "Russia", "Syria"],
        ["events", "Syria", "--from", "2024-12"],
        ["diff", "Syria", "2024-12-01", "2024-12-31"],
        ["sanctions", "USA", "HTS"],
        ["relationships", "Turkey"],
    ],
)
def test_text_fits_the_terminal_width(
    columns: int, argv: list[str], capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    _, out, _ = run(capsys, *argv)
    assert out
    assert max(len(line) for line in out.splitlines()) <= columns
    monkeypatch.delenv("COLUMNS")
    _, wide, _ = run(capsys, *argv)  # not a terminal, no COLUMNS: no limit, no wrapping
    assert len(wide.splitlines()) < len(out.splitlines())
    assert max(len(line) for line in wide.splitlines()) > columns


def _on_a_terminal(argv: list[str], **env: str) -> str:
    """Run the command with its stdout on a pseudo-terminal; what it printed."""
    import pty

    leader, follower = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    process = subprocess.Popen(
        [sys.executable, "-m", "geoalign", *argv],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env={**environ, "TERM": "xterm", **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_colour_on_a_terminal_unless_no_color() -> None:
    coloured = _on_a_terminal(["allies", "Russia"])
    assert "\x1b[1m" in coloured
    plain = _on_a_terminal(["allies", "Russia"], NO_COLOR="1")
    assert "\x1b[" not in plain
    assert plain.replace("\r\n", "\n") == coloured.replace("\r\n", "\n").replace(
        "\x1b[0m", ""
    ).replace("\x1b[1m", "").replace("\x1b[36m", "").replace("\x1b[32m", "").replace("\x1b[33m", "")


def test_no_colour_in_a_pipe(capsys: Cap) -> None:
    _, out, _ = run(capsys, "allies", "Russia")
    assert "\x1b" not in out


# -- completion -----------------------------------------------------------------------------


def _complete(words: str) -> list[str]:
    """What bash completes for ``geoalign WORDS`` (the last word being typed)."""
    script = run_completion("bash")
    line = f"geoalign {words}"
    parts = line.split(" ")
    driver = (
        f"{script}\n"
        f"COMP_WORDS=({' '.join(repr(p) for p in parts)}); COMP_CWORD={len(parts) - 1}\n"
        '_geoalign; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(["bash", "-c", driver], capture_output=True, text=True, check=True)
    return done.stdout.split()


def run_completion(shell: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "geoalign", "completion", shell],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_bash_completes_commands_options_kinds_and_actors() -> None:
    assert "allies" in _complete("al")
    assert _complete("sanc") == ["sanctions"]
    assert "--possible" in _complete("allies RUS --po")
    assert _complete("allies RUS --kind hosti") == ["hostility"]
    assert "SRB" in _complete("allies S")
    assert _complete("events SYR --kind capt") == ["capture"]
    assert _complete("--format js") == ["json", "jsonl"]
    assert _complete("completion z") == ["zsh"]


def test_the_zsh_script_defines_the_completion() -> None:
    script = run_completion("zsh")
    assert script.startswith("#compdef geoalign\n")
    assert "'*--kind[" in script
    if subprocess.run(["which", "zsh"], capture_output=True, check=False).returncode == 0:
        subprocess.run(["zsh", "-n", "-c", script], check=True)
