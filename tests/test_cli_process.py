"""The ``geoalign`` command as a process: ``python -m geoalign``, the console script, pipes.

Errors are one line without a traceback; a reader that goes away ends the command
quietly with the shell's status for a broken pipe (141).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from tests.cli_sample import (
    Cap,
    data_fixture,  # noqa: F401 - pytest finds the "data" fixture among this module's names
)

from geoalign.cli import main

# -- as a separate process ------------------------------------------------------------------


def geoalign_process(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geoalign", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_python_m_geoalign(data: Path) -> None:
    done = geoalign_process("--data", str(data), "--no-bundled", "timeline", "SYR", "RUS", "--json")
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["events"][0]["actors"][0]["name"] == "Russia"


def test_a_process_error_is_one_line_without_traceback(data: Path) -> None:
    done = geoalign_process("--data", str(data), "--no-bundled", "sanctions", "Serbia", "Rusia")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "geoalign: error: unknown actor 'Rusia'; did you mean 'Russia' (RUS)?\n"
    done = geoalign_process("allies")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("geoalign")
    done = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, f"geoalign {version('geoalign')}\n")


def test_a_closed_pipe_ends_quietly(data: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "geoalign", "--data", str(data), "--no-bundled", "sources"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is written
    assert process.wait() == 141
    assert process.stderr.read() == b""
    process.stderr.close()


def test_a_broken_pipe_in_process(capsys: Cap, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["--data", str(data), "--no-bundled", "sources"]) == 141
    assert capsys.readouterr().err == ""
