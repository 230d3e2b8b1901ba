"""The ``geoalign`` command's usage: help, version, where options go, and its errors.

A wrong command line exits 2 with argparse's usage; bad data, user-given or bundled,
is one line on standard error, never a traceback.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest
from tests.cli_sample import (
    Cap,
    assert_one_line_error,
    data_fixture,  # noqa: F401 - pytest finds the "data" fixture among this module's names
    query,
    run,
)

from geoalign import Dataset, DatasetError

# -- usage --------------------------------------------------------------------------------

ANSWERS = [
    "allies",
    "sanctions",
    "timeline",
    "actors",
    "relationships",
    "events",
    "why",
    "diff",
    "resolve",
    "show",
    "sources",
    "validate",
]
"""The commands that print an answer, in every format."""
COMMANDS = [*ANSWERS, "export", "serve", "compile", "completion"]


def test_help_lists_every_command(capsys: Cap) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    for command in COMMANDS:
        assert command in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_and_argument_has_help(command: str, capsys: Cap) -> None:
    from geoalign.cli import build_parser

    status, out, _ = run(capsys, command, "--help")
    assert status == 0
    assert out.startswith(f"usage: geoalign {command}")
    assert ("jsonl" in out) == (command in ANSWERS)  # --format text|json|jsonl|csv
    subcommands = next(a for a in build_parser()._actions if a.dest == "command")
    for action in subcommands.choices[command]._actions:  # type: ignore[index]
        assert action.help, f"{command} {action.dest} has no help"


def test_version(capsys: Cap) -> None:
    assert run(capsys, "--version") == (0, f"geoalign {version('geoalign')}\n", "")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["allies"],
        ["timeline", "RUS"],
        ["allies", "RUS", "--kind", "friendship"],
        ["allies", "RUS", "--as-of", "2024-13"],
        ["allies", "RUS", "--as-of", "yesterday"],
        ["timeline", "RUS", "SYR", "--from", "2024-02-30"],
        ["export", "--format", "xml"],
        ["export", "--format", "csv"],
        ["--no-bundled", "sources"],
        ["--data", "", "sources"],
        ["sources", "--data="],
        ["validate", ""],
        ["export", "--out", ""],
        ["sanctions"],
        ["sanctions", "SRB"],
        ["sanctions", "SRB", "--on", "RUS"],
        ["sanctions", "--on", "RUS", "--by", "SRB"],
        ["allies", "RUS", "--format", "xml"],
        ["diff", "RUS", "2024"],
        ["completion", "fish"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: Cap) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert err.startswith("usage: geoalign")
    assert "error: " in err.splitlines()[-1]
    assert "Traceback" not in err


def test_an_empty_path_is_a_usage_error_not_the_current_directory(capsys: Cap) -> None:
    _, _, err = run(capsys, "--data", "", "sources")
    assert err.endswith("error: argument --data: an empty path names no file or directory\n")


def test_a_bad_date_names_the_option_and_the_reason(capsys: Cap) -> None:
    _, _, err = run(capsys, "sanctions", "SRB", "RUS", "--as-of", "2024-13")
    assert "argument --as-of: '2024-13' is not a valid date: month must be between 1 and 12" in err


def test_a_window_that_ends_before_it_starts_is_a_usage_error(capsys: Cap, data: Path) -> None:
    status, out, err = query(
        capsys, data, "timeline", "RUS", "SYR", "--from", "2024", "--to", "2023"
    )
    assert (status, out) == (2, "")
    assert_one_line_error(err, "geoalign: error: the window starts (2024) after it ends (2023)")


def test_options_go_before_or_after_the_command(capsys: Cap, data: Path) -> None:
    before = run(capsys, "--json", "--data", str(data), "--no-bundled", "resolve", "Turkey")
    after = run(capsys, "resolve", "Turkey", "--data", str(data), "--no-bundled", "--json")
    assert before == after
    assert json.loads(before[1])["actor"]["id"] == "TUR"


# -- bad data -------------------------------------------------------------------------------

BAD = """\
countries:
  - {id: rus, name: Russia}
  - {id: SYR, name: "  ", colour: red}
events:
  - {id: e1, date: 2024-13, kind: party, actors: [SYR], confidence: sure, summary: x,
     citations: [{source: s1, quote: q}]}
"""


def test_a_query_on_bad_data_is_one_line(capsys: Cap, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    status, out, err = query(capsys, tmp_path / "bad.yaml", "sources")
    assert (status, out) == (2, "")
    hint = f"run 'geoalign --no-bundled validate {tmp_path / 'bad.yaml'}' to list them all"
    assert_one_line_error(err, hint)


def test_a_broken_bundled_dataset_is_one_line(capsys: Cap, monkeypatch: pytest.MonkeyPatch) -> None:
    import geoalign.api

    def broken() -> Dataset:
        raise DatasetError(["data/events.yaml: first problem", "data/events.yaml: second"])

    monkeypatch.setattr(geoalign.api, "bundled", broken)
    status, out, err = run(capsys, "sources")
    assert (status, out) == (2, "")
    assert err == "geoalign: error: data/events.yaml: first problem (and 1 more problem(s))\n"
