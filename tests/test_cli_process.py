"""The ``geoalign`` command as a process: ``python -m geoalign``, the console script, pipes.

Errors are one line without a traceback; a reader that goes away ends the command
quietly with the shell's status for a broken pipe (141); a closed stdout is one error
line; a stdout that cannot encode the answer gets backslash escapes; Ctrl-C at any
moment ends it with 130 and no traceback.
"""

from __future__ import annotations

import io
import json
import os
import shlex
import signal
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


SCRIPT = Path(sys.executable).with_name("geoalign")
"""The console script, as ``pip install`` wrote it."""


def geoalign_process(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geoalign", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, **env},
    )


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr


def test_python_m_geoalign(data: Path) -> None:
    done = geoalign_process("--data", str(data), "--no-bundled", "timeline", "SYR", "RUS", "--json")
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["events"][0]["actors"] == ["RUS", "SYR"]


def test_a_process_error_is_one_line_without_traceback(data: Path) -> None:
    done = geoalign_process("--data", str(data), "--no-bundled", "sanctions", "Serbia", "Rusia")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "geoalign: error: unknown actor 'Rusia'; did you mean 'Russia' (RUS)?\n"
    done = geoalign_process("allies")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_the_console_script_is_installed() -> None:
    done = subprocess.run([SCRIPT, "--version"], capture_output=True, text=True, check=False)
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


def _first_line_then_close(argv: list[str]) -> tuple[str, int, bytes]:
    """Run the command, read one line of its output and close the pipe, like ``| head -1``."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stderr is not None
    line = b""
    while not line.endswith(b"\n"):  # byte by byte: leave the rest in the pipe
        byte = os.read(process.stdout.fileno(), 1)
        assert byte, f"the output ended before its first line: {line!r}"
        line += byte
    process.stdout.close()
    status = process.wait()
    err = process.stderr.read()
    process.stderr.close()
    return line.decode("utf-8"), status, err


@pytest.mark.parametrize("argv", [["timeline", "Russia", "Syria"], ["export"]])
def test_a_pipe_closed_after_the_first_line_ends_quietly(argv: list[str]) -> None:
    line, status, err = _first_line_then_close([str(SCRIPT), *argv])
    assert line in (
        "Events between Russia (RUS) and Syria (SYR) from the start to the end\n",
        "{\n",
    )
    # 0 if the whole answer fitted in the pipe before it was closed, else 141.
    assert (status, err) in ((0, b""), (141, b""))


@pytest.mark.parametrize("argv", ["sources", "sources --json", "--version"])
def test_a_closed_stdout_is_one_error_line(argv: str) -> None:
    done = subprocess.run(
        f"{shlex.quote(str(SCRIPT))} {argv} >&-",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "geoalign: error: cannot print the answer: standard output is closed\n"


@pytest.mark.parametrize("argv", [["sources"], ["--help"], ["allies", "--help"], ["--version"]])
def test_a_full_disk_is_one_error_line(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:  # every write fails with ENOSPC
        done = subprocess.run(
            [SCRIPT, *argv], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == 2
    assert done.stderr.startswith("geoalign: error: cannot print the answer: ")
    assert done.stderr.count("\n") == 1
    no_traceback(done.stderr)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_answer_stdout_cannot_encode_is_printed_with_escapes(encoding: str) -> None:
    done = geoalign_process("resolve", "Vučić", PYTHONIOENCODING=encoding)
    assert (done.returncode, done.stderr) == (0, "")
    assert "Aleksandar Vu\\u010di\\u0107" in done.stdout
    done = geoalign_process("resolve", "Vučić", "--json", PYTHONIOENCODING=encoding)
    assert json.loads(done.stdout)["actor"]["name"] == "Aleksandar Vučić"
    done = geoalign_process("resolve", "Vučićč", PYTHONIOENCODING=encoding)
    assert done.returncode == 2
    assert "'Vu\\u010di\\u0107\\u010d'" in done.stderr
    no_traceback(done.stderr)


# Modules imported at several moments of the command's start: the guard, parsing, the
# model, loading the bundled data, answering.
MOMENTS = [
    "geoalign.errors",
    "argparse",
    "attrs",
    "geoalign.model.records",
    "geoalign.store.dataset",
    "geoalign.bundled.records",
    "geoalign.views.render",
]


@pytest.mark.parametrize("module", MOMENTS)
def test_ctrl_c_at_any_moment_of_the_start_ends_quietly(module: str) -> None:
    """SIGINT as soon as ``module`` is imported (``-X importtime`` says when) ends with 130."""
    process = subprocess.Popen(
        [sys.executable, "-X", "importtime", SCRIPT, "sanctions", "Serbia", "Russia"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    log = []
    for line in process.stderr:
        log.append(line)
        if line.split("|")[-1].strip() == module:
            process.send_signal(signal.SIGINT)
            break
    else:
        pytest.fail(f"{module} was never imported")
    out, err = process.communicate()
    said = [line for line in ["".join(log) + err][0].splitlines() if "import time:" not in line]
    assert (process.returncode, out, said) == (130, "", [])


# What a text answer on the bundled data has no use for, and would only slow the start:
# the converter (the bundled records are precompiled) and the package metadata (--version).
NOT_NEEDED = ("cattrs", "importlib.metadata")


def test_answers_in_text_import_neither_cattrs_nor_package_metadata() -> None:
    code = (
        "import sys\n"
        "from geoalign.cli import main\n"
        "main(['sanctions', 'Serbia', 'Russia'])\n"
        f"print(sorted(m for m in sys.modules if m in {NOT_NEEDED!r}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert done.stdout.splitlines()[-1] == "[]"
