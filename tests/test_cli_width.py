"""Every text answer fits the terminal: no line wider than ``COLUMNS``, for every command.

Each command runs on the bundled data (and ``validate`` on a file of its own) at 40 and
80 columns.  The same commands with no width (a pipe, no ``COLUMNS``) print lines wider
than that, so the fit is the wrapping's doing, not the data's.
"""

from __future__ import annotations

import pytest
from tests.cli_sample import SAMPLE, Cap, run

from geoalign.views.layout import width_of

COMMANDS = [
    "allies Russia",
    "allies Russia --possible",
    "allies Russia --kind hostility",
    "allies Assad",
    "sanctions USA Russia",
    "sanctions Serbia Russia",
    "sanctions USA HTS",
    "sanctions --on Serbia --possible",
    "sanctions --by USA",
    "timeline Russia Syria",
    "timeline Russia Syria --possible --as-known-on 2024-12-31",
    "events Syria --from 2024-12 --where Damascus",
    "actors",
    "actors --type person --name al",
    "relationships Turkey",
    "relationships Russia --as-of 2024-12-01 --possible",
    "why Russia Syria",
    "why Russia Serbia",
    "diff Syria 2024-12-01 2024-12-31",
    "resolve Kremlin",
    "show Russia",
    "show Assad",
    "show rus-syr-alliance",
    "show assad-flees-syria",
    "sources",
    "validate {valid}",
    "validate {invalid}",
    "--help",
    *(f"{command} --help" for command in ("allies", "sanctions", "timeline", "events")),
    *(f"{command} --help" for command in ("actors", "relationships", "why", "diff", "show")),
    *(f"{command} --help" for command in ("validate", "export", "compile", "completion")),
]
"""Every command that prints text, most of them in several forms, and their help.

(``serve --help`` lists its log levels as one word wider than 40 columns.)"""


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("width")
    valid, invalid = folder / "a-dataset-with-a-rather-long-name.yaml", folder / "bad.yaml"
    valid.write_text(SAMPLE, encoding="utf-8")
    invalid.write_text(SAMPLE.replace("kind: flight", "kind: a-kind-that-is-none"), "utf-8")
    return {"valid": str(valid), "invalid": str(invalid)}


def _printed(capsys: Cap, command: str, files: dict[str, str]) -> list[str]:
    status, out, _ = run(capsys, *command.format(**files).split())
    assert status in (0, 1), command
    assert out, command
    return out.splitlines()


@pytest.mark.parametrize("columns", [40, 80])
def test_every_line_of_every_command_fits_the_terminal(
    capsys: Cap, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    wide = {c: [n for n in _printed(capsys, c, files) if width_of(n) > columns] for c in COMMANDS}
    assert {command: lines for command, lines in wide.items() if lines} == {}


@pytest.mark.parametrize("columns", [40, 80])
def test_without_a_width_the_same_commands_are_wider(
    capsys: Cap, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], columns: int
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    wider = [c for c in COMMANDS if max(map(width_of, _printed(capsys, c, files))) > columns]
    # argparse's help has a width of its own (80), so only the answers count at 80
    assert len(wider) >= (len(COMMANDS) - 2 if columns == 40 else 15), wider
