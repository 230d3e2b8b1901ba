"""A value typed on the command line is echoed in a message cut to ``ECHO`` characters.

Whatever makes the message (argparse, a query, the loader, a note that nothing was found),
a pasted page stays a line: on stderr, and in the JSON error on stdout.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli_sample import (
    Cap,
    data_fixture,  # noqa: F401 - pytest finds the "data" fixture among this module's names
    run,
)

from geoalign.views.terminal import ECHO, clipped, echoes_clipped

LONG = "x" * 120_000
CUT = "x" * (ECHO - 1 - ECHO // 4) + "\u2026" + "x" * (ECHO // 4)
"""How :data:`LONG` appears in a message cut by :func:`clipped`."""


def assert_cut(line: str) -> None:
    """``line`` echoes :data:`LONG` cut, and nothing else of it."""
    assert "\u2026" in line, line[:300]
    assert "x" * (ECHO + 1) not in line
    assert len(line) < 1000


ECHOING = [
    (["events", "RUS", "--where", LONG], 1),  # the note that nothing was found
    (["events", "RUS", "--from", LONG], 2),  # argparse's type error, from the date parser
    (["allies", "RUS", "--kind", LONG], 2),  # argparse's invalid choice
    (["allies", "RUS", LONG], 2),  # argparse's unrecognized arguments
    ([LONG], 2),  # an unknown command
    (["allies", LONG], 2),  # an unknown actor
    (["show", LONG], 2),  # an unknown record
    (["validate", LONG], 1),  # a path that is no dataset, as validate lists it
    (["--data", LONG, "allies", "RUS"], 2),  # the same, as a dataset that does not load
    (["export", "--out", f"{LONG}/x.json"], 2),  # output that cannot be written
]


@pytest.mark.parametrize(("argv", "status"), ECHOING)
def test_an_echo_is_cut_in_text(argv: list[str], status: int, capsys: Cap) -> None:
    found, out, err = run(capsys, *argv)
    assert found == status
    assert_cut(err.splitlines()[-1])  # a usage error has the usage block above it
    assert len(out) < 1000  # validate lists its problem on stdout


# an error, from a command that answers (export's --format names the export's format)
@pytest.mark.parametrize(("argv", "status"), [e for e in ECHOING if e[1] == 2][:-1])
@pytest.mark.parametrize("form", ["json", "jsonl"])
def test_an_echo_is_cut_in_a_json_error(
    argv: list[str], status: int, form: str, capsys: Cap
) -> None:
    found, out, err = run(capsys, *argv, "--format", form)
    assert found == status
    assert_cut(json.loads(out)["error"]["message"])
    assert err.count("\n") == 1
    assert_cut(err)


def test_the_echo_keeps_its_start_and_end(capsys: Cap) -> None:
    _, _, err = run(capsys, "events", "RUS", "--where", LONG)
    assert f"{CUT!r}" in err
    value = "y" * ECHO  # short enough: whole
    _, _, err = run(capsys, "events", "RUS", "--where", value)
    assert f"{value!r}" in err


def test_the_answer_keeps_what_was_typed(capsys: Cap, data: Path) -> None:
    # the document is data, not a message: its question is the one asked
    status, out, err = run(capsys, "events", "RUS", "--where", LONG, "--json")
    assert status == 1
    assert json.loads(out)["where"] == LONG
    assert CUT in err


def test_echoes_clipped_finds_every_form_of_the_value() -> None:
    odd = "\x1b" + "z'" * 100
    message = f"typed {odd}, escaped {clipped(odd, 10**6)}, quoted {odd!r}"
    assert echoes_clipped(message, [odd]).count(clipped(odd)) == 3
    assert len(clipped(odd)) == ECHO
